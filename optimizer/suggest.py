"""The smallest change that makes a scenario without a plan solvable, verified by solving it.

`diagnose.explain_infeasible` names the conflicting requirements (the core). This module
proposes changes in training terms and keeps only those a short solve proves feasible:

- raise the minutes of one weekday, or of every available weekday;
- add a training day (a free weekday, at the location of the longest day);
- add one piece of equipment at a location;
- switch off one rule of the core (`rules.X.enabled = false`).

Each change has a *size* so they can be ordered: minutes added per week for time changes, a
new day counts its minutes, one piece of equipment counts as 30 minutes **(choice)**, switching
off a rule counts as 1000 (a last resort, but always shown as the alternative when verified).

Search: a *family* of changes (e.g. "raise Tuesday by 5, 10, ... minutes") is probed at its
largest variant first; a family infeasible even then is dropped; otherwise its smallest
feasible variant is found by bisection (assuming more time is never worse). Families whose
smallest variant is no smaller than the best verified change are skipped. Every trial is a
feasibility solve (no objective, one worker, seed 0), and the whole search is bounded in
wall time (`SUGGEST_SECONDS`); a change whose solve ran out of time is not reported.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from models.catalog import Catalog
from models.errors import InfeasibleError, InputError
from models.scenario import Scenario, parse_scenario, scenario_catalog
from models.vocab import EQUIPMENT, LEVEL_RANK, WEEKDAYS

SUGGEST_SECONDS = 8.0  # whole search, wall time
TRIAL_SECONDS = 2.0  # one feasibility solve
RAISE_STEPS = (5, 10, 15, 20, 30, 45, 60, 90, 120)
NEW_DAY_MINUTES = (30, 45, 60, 90)
EQUIPMENT_SIZE = 30
RULE_SIZE = 1000
MAX_MINUTES = 300
EQUIPMENT_TRIES = 6  # single pieces tried per location, most useful first


@dataclass
class Suggestion:
    """One verified change: what to write in the scenario, in words and as field values."""

    kind: str  # raise_day | raise_all | add_day | add_equipment | disable_rule
    text: str
    set: dict[str, object]  # dotted field path -> new value
    size: int
    verified: bool = True

    def apply(self, data: dict) -> dict:
        """A copy of scenario data with the change made."""
        out = copy.deepcopy(data)
        for path, value in self.set.items():
            node = out
            keys = path.split(".")
            for key in keys[:-1]:
                node = node.setdefault(key, {})
            node[keys[-1]] = copy.deepcopy(value)
        return out

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "text": self.text,
            "set": self.set,
            "size": self.size,
            "verified": self.verified,
        }


@dataclass
class _Family:
    variants: list[Suggestion]  # ascending size

    @property
    def smallest(self) -> int:
        return self.variants[0].size


@dataclass
class SuggestResult:
    suggestions: list[Suggestion] = field(default_factory=list)
    trials: int = 0
    seconds: float = 0.0
    complete: bool = True  # False when the time budget ended the search

    def sentence(self) -> str:
        """'Raise Tue from 10 to 20 min, or set rules.calves.enabled = false.'"""
        if not self.suggestions:
            return (
                "No single change among more minutes, another day, one piece of equipment or "
                "switching off one rule of the conflict was verified"
                + ("" if self.complete else f" within {self.seconds:.0f} s")
                + "."
            )
        texts = [s.text for s in self.suggestions]
        text = texts[0][0].upper() + texts[0][1:]
        if len(texts) > 1:
            text += ", or " + ", or ".join(texts[1:])
        return text + " (verified by solving the changed scenario)."


# --- candidates ---------------------------------------------------------------------------------
def _day_of(data: dict, wd: str) -> dict | None:
    day = data.get("availability", {}).get(wd)
    if day is None:
        return None
    return day if isinstance(day, dict) else {"minutes": day}


def _families(scenario: Scenario, data: dict, catalog: Catalog, rules: list[str]) -> list[_Family]:
    fams: list[_Family] = []
    days = {wd: d for wd in WEEKDAYS if (d := _day_of(data, wd)) and d.get("minutes", 0) > 0}

    def entry(wd: str, minutes: int) -> dict:
        return {**days[wd], "minutes": minutes}

    for wd, day in days.items():
        now = day["minutes"]
        variants = [
            Suggestion(
                "raise_day",
                f"raise {wd.capitalize()} from {now} to {now + step} min",
                {f"availability.{wd}": entry(wd, now + step)},
                step,
            )
            for step in RAISE_STEPS
            if now + step <= MAX_MINUTES
        ]
        if variants:
            fams.append(_Family(variants))
    if len(days) > 1:
        variants = []
        for step in RAISE_STEPS:
            if all(d["minutes"] + step <= MAX_MINUTES for d in days.values()):
                change = {
                    f"availability.{wd}": entry(wd, d["minutes"] + step) for wd, d in days.items()
                }
                listed = ", ".join(
                    f"{wd.capitalize()} {d['minutes']} → {d['minutes'] + step}"
                    for wd, d in days.items()
                )
                variants.append(
                    Suggestion(
                        "raise_all",
                        f"give every training day {step} more minutes ({listed})",
                        change,
                        step * len(days),
                    )
                )
        if variants:
            fams.append(_Family(variants))
    # a new day at the longest day's location, free weekdays farthest from the others first
    longest = max(days, key=lambda wd: days[wd]["minutes"]) if days else None
    location = (days[longest].get("location") if longest else None) or sorted(scenario.locations)[0]
    taken = [WEEKDAYS.index(wd) for wd in days]

    def spread(wd: str) -> tuple[int, int]:
        i = WEEKDAYS.index(wd)
        gaps = [min((i - j) % 7, (j - i) % 7) for j in taken] or [7]
        return (-min(gaps), i)

    ordinal = {1: "second", 2: "third", 3: "fourth", 4: "fifth", 5: "sixth", 6: "seventh"}
    nth = ordinal.get(len(days), "another")
    for wd in sorted((w for w in WEEKDAYS if w not in days), key=spread):
        variants = [
            Suggestion(
                "add_day",
                f"add a {nth} day (e.g. {wd.capitalize()} {minutes} min at {location})",
                {f"availability.{wd}": {"minutes": minutes, "location": location}},
                minutes,
            )
            for minutes in NEW_DAY_MINUTES
        ]
        fams.append(_Family(variants))
    # one piece of equipment, the ones unlocking most exercises at the person's level first
    rank = LEVEL_RANK[scenario.level]
    for name, loc in sorted(scenario.locations.items()):
        have = set(loc.equipment)
        gain = {}
        for piece in EQUIPMENT:
            if piece in have:
                continue
            gain[piece] = sum(
                1
                for ex in catalog.exercises
                if LEVEL_RANK[ex.level] <= rank
                and piece in ex.equipment
                and set(ex.equipment) <= have | {piece}
            )
        for piece in sorted((p for p in gain if gain[p]), key=lambda p: (-gain[p], p))[
            :EQUIPMENT_TRIES
        ]:
            fams.append(
                _Family(
                    [
                        Suggestion(
                            "add_equipment",
                            f"add {piece} at {name}",
                            {f"locations.{name}.equipment": [*loc.equipment, piece]},
                            EQUIPMENT_SIZE,
                        )
                    ]
                )
            )
    for rule in rules:
        fams.append(
            _Family(
                [
                    Suggestion(
                        "disable_rule",
                        f"set rules.{rule}.enabled = false",
                        {f"rules.{rule}.enabled": False},
                        RULE_SIZE,
                    )
                ]
            )
        )
    fams.sort(key=lambda f: f.smallest)
    return fams


# --- verification -----------------------------------------------------------------------------
def feasible(data: dict, seconds: float) -> bool | None:
    """True when the scenario data has a plan, False when it provably has none (or is not a
    valid scenario), None when the solve ran out of time."""
    from .cpsat.model import build
    from .cpsat.solver import feasibility

    try:
        sc = parse_scenario(data, "<suggestion>")
        built = build(sc, scenario_catalog(sc))
    except (InputError, InfeasibleError):
        return False
    built.model.clear_objective()
    answer = feasibility(built.model, max(0.1, seconds), seed=0)
    if answer.found:
        return True
    return False if answer.infeasible else None


def suggest_changes(
    scenario: Scenario,
    catalog: Catalog,
    core_rules: list[str],
    budget: float = SUGGEST_SECONDS,
    check: Callable[[dict, float], bool | None] | None = None,
) -> SuggestResult:
    """Verified changes, smallest first: the smallest change of all, then (if verified and
    different) switching off a rule of the core. Ctrl-C ends the search like its time budget."""
    from .cpsat.solver import interrupt_scope

    with interrupt_scope():
        return _suggest_changes(scenario, catalog, core_rules, budget, check or feasible)


def _suggest_changes(
    scenario: Scenario,
    catalog: Catalog,
    core_rules: list[str],
    budget: float,
    check: Callable[[dict, float], bool | None],
) -> SuggestResult:
    from .cpsat.solver import interrupted

    started = time.perf_counter()
    data = scenario.to_json_dict()
    result = SuggestResult()

    def remaining() -> float:
        return 0.0 if interrupted() else budget - (time.perf_counter() - started)

    def trial(s: Suggestion) -> bool:
        left = remaining()
        if left <= 0.05:
            result.complete = False
            return False
        result.trials += 1
        ok = check(s.apply(data), min(TRIAL_SECONDS, left))
        if ok is None:
            result.complete = False
        return bool(ok)

    best: Suggestion | None = None
    rule_alt: Suggestion | None = None
    for fam in _families(scenario, data, catalog, sorted(dict.fromkeys(core_rules))):
        is_rule = fam.variants[0].kind == "disable_rule"
        if is_rule and rule_alt is not None:
            continue
        if not is_rule and best is not None and fam.smallest >= best.size:
            continue
        if remaining() <= 0.05:
            result.complete = False
            break
        if not trial(fam.variants[-1]):
            continue
        lo, hi = 0, len(fam.variants) - 1  # variants[hi] is feasible
        while lo < hi:
            mid = (lo + hi) // 2
            if trial(fam.variants[mid]):
                hi = mid
            else:
                lo = mid + 1
        found = fam.variants[hi]
        if is_rule:
            rule_alt = found
        elif best is None or found.size < best.size:
            best = found
    result.suggestions = [s for s in (best, rule_alt) if s is not None]
    result.seconds = time.perf_counter() - started
    return result


def infeasible_report(err: InfeasibleError, result: SuggestResult | None) -> dict:
    """The JSON form for tools: the conflict and the verified changes."""
    return {
        "status": "infeasible",
        "message": explained_message(err, None),
        "core": err.core,
        "suggestions": [s.to_dict() for s in result.suggestions] if result else [],
        "suggestion_search": (
            {
                "trials": result.trials,
                "seconds": round(result.seconds, 2),
                "complete": result.complete,
            }
            if result
            else None
        ),
    }


def explained_message(err: InfeasibleError, result: SuggestResult | None) -> str:
    """The diagnosis, with its generic closing hint replaced by the verified changes."""
    lines = str(err).splitlines()
    if result is not None:
        lines = [ln for ln in lines if not ln.startswith("Change the scenario")]
        lines.append("Smallest change: " + result.sentence())
    return "\n".join(lines)


def no_plan_exit(err: InfeasibleError, scenario: Scenario, catalog: Catalog, as_json: bool):
    """CLI: print why no plan exists and what to change (text on stderr, or JSON on stdout),
    then exit 1."""
    import json

    import typer

    result = suggest_changes(scenario, catalog, [c["rule"] for c in err.core])
    if as_json:
        typer.echo(json.dumps(infeasible_report(err, result), indent=1, ensure_ascii=False))
    typer.echo(f"no plan possible: {explained_message(err, result)}", err=True)
    raise typer.Exit(1)
