"""What a replan's calendar change means: the dates allowed, the old week kept before the
replan date, what the pinned past leaves to the first block, and which blocks and templates
did not change."""

from __future__ import annotations

from datetime import date, timedelta

from models.errors import InputError
from models.horizon import Horizon
from models.plan import Plan
from models.scenario import Scenario, parse_scenario, scenario_catalog
from models.vocab import FOCUS_KINDS

from ..cpsat.model import Boundary
from ..cpsat.variables import planned_dose
from ..endurance import HARD_KINDS, is_heavy_legs
from ..structure import Structure


def check_dates(old: Plan, scenario: Scenario, from_date: date) -> Horizon:
    """The new scenario's horizon; InputError when start differs or from_date is outside."""
    old_start = date.fromisoformat(str(old.scenario["start"]))
    if scenario.start != old_start:
        raise InputError(
            f"the new scenario starts {scenario.start}, the plan {old_start}: replan keeps the "
            "plan's calendar, so 'start' must be the same",
            field="start",
        )
    horizon = Horizon(scenario)
    if not scenario.start <= from_date <= horizon.end:
        raise InputError(
            f"{from_date} is outside the plan ({scenario.start} - {horizon.end})", field="--from"
        )
    return horizon


def keep_past(old: Plan, new: Scenario, from_date: date) -> tuple[Scenario, bool]:
    """The new scenario with the OLD availability on the days before from_date (what was done
    was done under it), as dated exceptions; returns it and whether anything had to change.

    Without this a `--set availability.mon.minutes=0` would also remove the Mondays already
    trained: their pinned sessions would stand on days the plan says are unavailable, and the
    rules would read the pinned past without them."""
    old_sc = old.scenario_model()
    n_past = (from_date - new.start).days
    old_days, new_days = Horizon(old_sc).days, Horizon(new).days
    if all(
        (old_days[i].minutes, old_days[i].location) == (new_days[i].minutes, new_days[i].location)
        for i in range(n_past)
    ):
        return new, False
    data, old_data = new.to_json_dict(), old_sc.to_json_dict()
    last = from_date - timedelta(days=1)
    past = []
    for e in old_data.get("exceptions", []):
        if date.fromisoformat(e["from"]) <= last:
            past.append({**e, "to": min(date.fromisoformat(e["to"]), last).isoformat()})
    gaps, cursor = [], new.start
    for e in sorted(past, key=lambda e: e["from"]):
        f, t = date.fromisoformat(e["from"]), date.fromisoformat(e["to"])
        if f > cursor:
            gaps.append((cursor, f - timedelta(days=1)))
        cursor = max(cursor, t + timedelta(days=1))
    if cursor <= last:
        gaps.append((cursor, last))
    for f, t in gaps:
        past.append(
            {
                "from": f.isoformat(),
                "to": t.isoformat(),
                "availability": old_data["availability"],
                "note": f"the plan's week before the replan from {from_date}",
            }
        )
    future = []
    for e in data.get("exceptions", []):
        if date.fromisoformat(e["to"]) >= from_date:
            future.append({**e, "from": max(date.fromisoformat(e["from"]), from_date).isoformat()})
    data["exceptions"] = sorted(past, key=lambda e: e["from"]) + future
    for name, loc in old_data["locations"].items():
        data["locations"].setdefault(name, loc)
    return parse_scenario(data, f"new scenario with the old week before {from_date}"), True


def boundary_before(old: Plan, horizon: Horizon, first_day: date, first_block: int) -> Boundary:
    """What the old plan's sessions before `first_day` leave to the window (as
    `cpsat.warmstart.advance` for a block solved)."""
    before = sorted((s for s in old.sessions if s.date < first_day), key=lambda s: s.date)
    if not before:
        return Boundary()
    trained = frozenset((s.date - horizon.scenario.start).days for s in before)
    last_focus = frozenset(
        m for e in before[-1].exercises if e.kind in FOCUS_KINDS for m in e.primary_muscles
    )
    previous = first_block - 1
    prev = [
        s for s in before if s.date in horizon.by_date and horizon.by_date[s.date].block == previous
    ]
    uses = frozenset(e.id for s in prev for e in s.exercises if e.kind == "strength")
    hard, heavy, long_bout = _endurance_past(before, horizon)
    return Boundary(last_focus, trained, previous if prev else None, uses, hard, heavy,
                    long_bout)


def _endurance_past(before: list, horizon: Horizon) -> tuple[frozenset, frozenset, int]:
    """Rule `endurance`'s look-back: days with a hard session or heavy legs, and the long
    steady bout (5-minute units) of the last non-deload week before the window."""
    try:
        known = scenario_catalog(horizon.scenario).by_id()
    except InputError:
        known = {}

    def heavy(e) -> bool:
        ex = known.get(e.id)
        return is_heavy_legs(e.kind, e.main_lift, e.pattern,
                             ex.true_hinge if ex else e.pattern == "hinge")

    start = horizon.scenario.start
    hard = frozenset((s.date - start).days for s in before
                     if any(e.kind in HARD_KINDS for e in s.exercises))
    heavy_days = frozenset((s.date - start).days for s in before
                           if any(heavy(e) for e in s.exercises))
    bouts: dict[int, int] = {}
    for s in before:
        day = horizon.by_date.get(s.date)
        if day is None or horizon.weeks[day.week - 1].deload:
            continue
        bout = max((planned_dose(e) for e in s.exercises if e.kind == "cardio_steady"),
                   default=0)
        bouts[day.week] = max(bouts.get(day.week, 0), bout)
    return hard, heavy_days, bouts[max(bouts)] if bouts else 0


def same_rules(old_sc: Scenario, new_sc: Scenario) -> bool:
    """Everything but the calendar (name, availability, exceptions) is the same."""
    skip = ("name", "availability", "exceptions")
    a = {k: v for k, v in old_sc.to_json_dict().items() if k not in skip}
    b = {k: v for k, v in new_sc.to_json_dict().items() if k not in skip}
    return a == b


def block_unchanged(old_sc: Scenario, new_sc: Scenario, block: int) -> bool:
    """True when nothing a block's sessions depend on changed: the scenario apart from its
    calendar (goal, level, rules, preferences, locations, ...) and the block's days."""
    if not same_rules(old_sc, new_sc):
        return False
    old_h, new_h = Horizon(old_sc), Horizon(new_sc)
    if old_h.n_blocks < block or [w.number for w in old_h.block_weeks_of(block)] != [
        w.number for w in new_h.block_weeks_of(block)
    ]:
        return False
    return all(
        (d.available, d.minutes, d.location) == (e.available, e.minutes, e.location)
        for w_old, w_new in zip(
            old_h.block_weeks_of(block), new_h.block_weeks_of(block), strict=True
        )
        for d, e in zip(w_old.days, w_new.days, strict=True)
    )


def unchanged_templates(
    old: Plan, scenario: Scenario, block: int, from_date: date
) -> frozenset[int]:
    """Templates of the block (numbered as in its model) whose weeks all start on or after
    from_date and whose days are the same as in the old plan's scenario."""
    old_h, new_h = Horizon(old.scenario_model()), Horizon(scenario)
    structure = Structure(new_h, frozenset({block}), split_date=from_date)
    out = set()
    for t in structure.templates:
        if t.first_week.days[0].date < from_date or len(old_h.weeks) != len(new_h.weeks):
            continue
        if all(
            (d.available, d.minutes, d.location) == (e.available, e.minutes, e.location)
            for w in t.weeks
            for d, e in zip(old_h.weeks[w.number - 1].days, w.days, strict=True)
        ):
            out.add(t.index)
    return frozenset(out)
