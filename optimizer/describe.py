"""What a scenario means, in one screen of text (`periodize validate`). Pure: no OR-Tools."""

from __future__ import annotations

from collections.abc import Iterable

from tabulate import tabulate

from models.catalog import Catalog
from models.horizon import Horizon
from models.profiles import RULES, SESSIONS_PER_WEEK
from models.scenario import Scenario
from models.vocab import LEVEL_RANK, WEEKDAYS
from optimizer.explain import week_ranges


def listing(items: Iterable[object], empty: str = "none") -> str:
    """Items joined with commas, or `empty` when there are none."""
    names = [str(i) for i in items]
    return ", ".join(names) if names else empty


def weeks_list(numbers: list[int]) -> str:
    """[4, 8, 12] -> '4, 8, 12'; long runs are shortened: [1, 2, 3, 4] -> '1-4'."""
    return week_ranges(numbers) if numbers else "none"


def _percent(x: float) -> str:
    return f"{x * 100:.0f}%"


def describe_scenario(scenario: Scenario, catalog: Catalog, source: str) -> str:
    """The one-screen summary `periodize validate` prints: what the scenario means."""
    horizon = Horizon(scenario)
    sections = [
        _overview(scenario, horizon, source),
        _typical_week(scenario) + _exceptions(scenario, horizon),
        _locations(scenario, catalog),
        _preferences(scenario),
    ]
    warnings = horizon.warnings()
    if warnings:
        sections.append(["Warnings", *(f"  ! {w}" for w in warnings)])
    sections.append([f"OK: {source} is a valid scenario."])
    return "\n\n".join("\n".join(lines) for lines in sections)


def _field(label: str, value: object) -> str:
    return f"{label:<15}{value}"


def _overview(sc: Scenario, horizon: Horizon, source: str) -> list[str]:
    mix = sc.goal_mix()
    if sc.goal_weights:
        goal = ", ".join(f"{g} {_percent(w)}" for g, w in sorted(mix.items(), key=lambda i: -i[1]))
        goal = f"mix: {goal} (primary {sc.primary_goal}: sets reps, tempo and rest)"
    else:
        goal = sc.primary_goal
    lo, hi = SESSIONS_PER_WEEK[sc.level]
    last = horizon.block_length(horizon.n_blocks)
    blocks = f"{horizon.n_blocks} of {horizon.block_weeks} weeks"
    if horizon.n_blocks > 1 and last != horizon.block_weeks:
        blocks = (
            f"{horizon.n_blocks} ({horizon.n_blocks - 1} of {horizon.block_weeks} weeks, "
            f"the last of {last})"
        )
    elif horizon.n_blocks == 1:
        blocks = f"1 of {last} week{'s' if last > 1 else ''}"
    return [
        _field("Scenario", f"{sc.name}  ({source})"),
        _field("Goal", goal),
        _field("Level", f"{sc.level} (strength sessions a week: {lo}-{hi})"),
        _field("Dates", f"{sc.start:%a %Y-%m-%d} - {horizon.end:%a %Y-%m-%d}, {sc.weeks} weeks"),
        _field("Blocks", blocks),
        _field("Break weeks", weeks_list([w.number for w in horizon.weeks if w.is_break])),
        _field("Deload weeks", _deloads(sc, horizon)),
        _field("Body", f"{sc.body_mass_kg:g} kg, sleep {sc.sleep_hours:g} h"),
        _field("Time zone", sc.timezone),
    ]


def _deloads(sc: Scenario, horizon: Horizon) -> str:
    """Deload weeks with why (SPEC §7.1): travel deloads, re-entry weeks, a novice's start."""
    parts = [weeks_list([w.number for w in horizon.weeks if w.kind == "deload"])]
    travel = [w.number for w in horizon.weeks if w.kind == "travel_deload"]
    if travel:
        parts.append(f"travel week(s) {weeks_list(travel)} as their block's deload")
    reentry = [w.number for w in horizon.weeks if w.kind == "reentry"]
    if reentry:
        parts.append(f"re-entry week(s) {weeks_list(reentry)} after a break: loads −10%, "
                     "1 more rep in reserve")
    novice = sc.rule_param("deload", "novice_weeks")
    if sc.level == "novice" and novice and sc.rule_enabled("deload"):
        parts.append(f"none scheduled in a novice's first {novice} weeks (linear progress)")
    return "; ".join(parts)


def _typical_week(sc: Scenario) -> list[str]:
    rows = []
    for wd in WEEKDAYS:
        day = sc.availability.get(wd)
        if day is None or day.minutes == 0:
            rows.append([wd, "-", "", ""])
        else:
            rows.append([wd, day.minutes, day.location or "", day.start or ""])
    days = [d for d in sc.availability.values() if d.minutes > 0]
    return [
        "Typical week",
        tabulate(rows, headers=["day", "minutes", "location", "start"], tablefmt="simple"),
        f"{len(days)} days, {sum(d.minutes for d in days)} minutes a week",
    ]


def _exceptions(sc: Scenario, horizon: Horizon) -> list[str]:
    """The exceptions, after a blank line; nothing when there are none."""
    if not sc.exceptions:
        return []
    lines = ["", "Exceptions"]
    for exc in sc.exceptions:
        weeks = sorted({d.week for d in horizon.days if exc.from_ <= d.date <= exc.to})
        where = f"week {weeks_list(weeks)}" if weeks else "outside the plan"
        if exc.is_break:
            what = "break (no training)"
        else:
            what = ", ".join(
                f"{wd} {exc.availability[wd].minutes} min @ {exc.availability[wd].location}"
                for wd in WEEKDAYS
                if wd in exc.availability and exc.availability[wd].minutes > 0
            )
        note = f"  ({exc.note})" if exc.note else ""
        lines.append(f"  {exc.from_} - {exc.to}  [{where}]  {what}{note}")
    return lines


def _locations(sc: Scenario, catalog: Catalog) -> list[str]:
    rows = []
    for name, loc in sorted(sc.locations.items()):
        usable = catalog.filter(equipment=set(loc.equipment))
        at_level = [e for e in usable if LEVEL_RANK[e.level] <= LEVEL_RANK[sc.level]]
        rows.append([name, listing(loc.equipment, "bodyweight only"), len(usable), len(at_level)])
    return [
        f"Locations (catalog: {catalog.source}, {len(catalog)} exercises)",
        tabulate(rows, headers=["location", "equipment", "exercises", f"for {sc.level}"],
                 tablefmt="simple", maxcolwidths=[None, 60, None, None]),
    ]


def _preferences(sc: Scenario) -> list[str]:
    overrides = []
    for rule_id, params in sc.rules.items():
        for key, value in params.items():
            if key == "enabled":
                overrides.append(f"{rule_id} {'on' if value else 'off'}")
            else:
                default = RULES[rule_id][key].default
                overrides.append(f"{rule_id}.{key} = {value} (default {default})")
    prefs = sc.preferences
    return [
        _field("Avoid", listing(prefs.avoid)),
        _field("Avoid patterns", listing(prefs.avoid_patterns)),
        _field("Favor", listing(prefs.favor)),
        _field("Rules", listing(overrides, "all defaults")),
    ]
