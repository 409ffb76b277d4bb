"""`replan(plan, new_scenario, from_date) -> Result`: a new plan from a date, the past pinned.

Design (issue 4):

- Sessions dated before `from_date` are *pinned*: the old plan's Session objects are copied
  into the new plan unchanged (byte-identical JSON).
- Days before `from_date` keep the OLD availability (`keep_past`: dated exceptions added to the
  new scenario when it changed them, e.g. `--set availability.mon.minutes=0`), so the pinned
  sessions stay on available days and the rules see every one of them.
- The blocks from the one holding `from_date` to the end are solved one after the other
  (`solve_block`), each as `model.build(..., blocks={b}, boundary=..., split_date=from_date)`;
  what lies before a block (the pinned past, then the blocks already re-decided) reaches it
  through a `Boundary`, as in `warmstart`. In the first block the weeks before `from_date`
  are fixed to the old sessions (`pin`; the split keeps weeks before, across and after the
  date in separate templates, `link_repeats` re-links those of one availability, as `check`
  requires). A pinned session the new scenario cannot express is not fixed but still copied,
  and reported in `changes`.
- Per block: if nothing it depends on changed (`block_unchanged`) its old decisions are kept
  when they still hold, else repaired (least disruption, then quality). Otherwise templates
  whose days did not change are fixed to their old sessions when that stays feasible, and
  `BIG·quality + disruption` is minimized (`BIG` = the largest disruption + 1, so the order is
  provably lexicographic) from the old plan as a complete hint; after a proven step 1, step 2
  minimizes disruption with quality ≤ q* + max(3, 3% q*). When the next block did not change,
  step 1 first runs with `_respect_next` on (the next block's old sessions stay valid).
  Solving a block alone is what makes the 12-week benchmark fit 2 s (one model for all
  remaining blocks needed 2 s for the quality step alone).
- Disruption (`disruption`): per calendar day on/after `from_date`, a Hamming distance to the
  old session, plus `SESSION_WEIGHT` per changed session when a block has time for it.
- The new plan: pinned sessions + the blocks' sessions from `from_date` on; days, weeks and
  objective terms recomputed on the combined plan for the new scenario. `solver.objective` is
  the sum of those terms (so `check`'s "objective recomputed = solver" holds); `best_bound`
  subtracts each block's remaining quality gap (given the blocks before it).
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta

import ortools
from ortools.sat.python import cp_model

from models.catalog import Catalog, builtin_catalog
from models.errors import InfeasibleError, InputError
from models.horizon import Horizon
from models.plan import Plan, Session, SolverInfo
from models.scenario import Scenario, parse_scenario, scenario_catalog
from models.vocab import FOCUS_KINDS

from . import warmstart
from .extract import build_plan, plan_from_sessions
from .model import Boundary, BuiltModel, build
from .solving import Result, SolveConfig, configure
from .structure import Structure

OLD_PLAN_SHARE = 0.1  # of a block's time: do the old plan's decisions still hold?
STEP1_SHARE = 0.7  # step 1 (quality first, disruption as tie-breaker); the rest: step 2
SESSION_WEIGHT = 3  # a changed session costs as much as 3 exercise changes (disruption) ...
SESSION_MIN_SECONDS = 2.5  # ... when a block has this much time (measured: the session
# literals make a 1-second block solve miss the best quality; with 5 s per block they turn
# 32 changed sessions of the 12-week benchmark into 28 at the same quality)
MIN_STEP2_SECONDS = 0.1  # step 2 only runs with this much time left
ASSEMBLY_RESERVE = 0.04  # of the time limit, kept for the plan, its objective and the diff
TOLERANCE_ABS = 3  # step 2 may lose this much quality against step 1's bound ...
TOLERANCE_REL = 0.03  # ... or this share of it, whichever is larger


# ------------------------------------------------------------------------------ helpers
def dose_of(e) -> int:
    """The model's dose of a planned exercise: sets, or 5-minute units of steady cardio."""
    return e.seconds_per_set // 300 if e.kind == "cardio_steady" else e.sets


def _ids(session: Session | None) -> tuple[str, ...]:
    return tuple(sorted(e.id for e in session.exercises)) if session else ()


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


def boundary_before(old: Plan, horizon: Horizon, first_day: date, first_block: int) -> Boundary:
    """What the old plan's sessions before `first_day` leave to the window (cf. _advance)."""
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
    return Boundary(last_focus, trained, previous if prev else None, uses)


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


# ------------------------------------------------------------------------------ pinning
def pin(
    built: BuiltModel,
    old: Plan,
    from_date: date,
    window_start: date,
    also: frozenset[int] = frozenset(),
) -> list[dict]:
    """Fix every window slot whose days are before from_date (and every slot of the templates
    in `also`) to the old sessions; returns notes for the pinned sessions that could not be
    expressed (copied, not fixed)."""
    v = built.vars
    structure = built.context.structure
    old_by_date = {s.date: s for s in old.sessions}
    notes: list[dict] = []
    days_of: dict[tuple, list] = defaultdict(list)
    in_model: set[date] = set()
    for day, slot in structure.calendar_slots:
        if day.date < from_date or slot.template in also:
            days_of[slot.key].append(day)
            in_model.add(day.date)
    for s in old.sessions:
        if window_start <= s.date < from_date and s.date not in in_model:
            notes.append(
                {
                    "date": s.date.isoformat(),
                    "week": s.week,
                    "status": "pinned",
                    "reason": "done on a day the new scenario does not offer: kept as "
                    "done, not seen by the new plan's rules",
                }
            )
    for key in sorted(days_of):
        days = days_of[key]
        slot = v.slot(*key)
        olds = [old_by_date.get(d.date) for d in days]
        layouts = {_ids(s) for s in olds}
        if len(layouts) > 1:
            for d, s in zip(days, olds, strict=True):
                if s is not None:
                    notes.append(
                        {
                            "date": d.date.isoformat(),
                            "week": d.week,
                            "status": "pinned",
                            "reason": "its weeks now share one template but differed: "
                            "kept as done, not fixed in the model",
                        }
                    )
            continue
        ids = layouts.pop()
        if not ids:
            v.fix(slot, on=False)
            continue
        missing = [i for i in ids if v.choice(slot, i) is None]
        if missing:
            for d in days:
                notes.append(
                    {
                        "date": d.date.isoformat(),
                        "week": d.week,
                        "status": "pinned",
                        "reason": f"{', '.join(missing)} no longer allowed there: kept "
                        "as done, not fixed in the model",
                    }
                )
            continue
        doses: dict[str, set[int]] = defaultdict(set)
        for d, s in zip(days, olds, strict=True):
            if s.deload or structure.horizon.weeks[d.week - 1].deload:
                continue
            for e in s.exercises:
                doses[e.id].add(dose_of(e))
        fixed = {i: (next(iter(doses[i])) if len(doses[i]) == 1 else 0) for i in ids}
        v.fix(slot, on=True, exercises=fixed, only=True)
    return notes


def link_repeats(built: BuiltModel) -> None:
    """Within a block, weeks of the same availability repeat their sessions (rule `variation`,
    checked by `periodize check`): the split keeps them in separate templates, so their slots
    are made equal here (session and exercises; the doses stay free)."""
    m, v = built.model, built.vars
    groups: dict[tuple, list] = defaultdict(list)
    for t in built.context.structure.templates:
        groups[(t.block, t.first_week.pattern)].append(t)
    for key in sorted(groups, key=lambda k: (k[0], str(k[1]))):
        first, *others = groups[key]
        for t in others:
            for a, b in zip(first.slots, t.slots, strict=True):
                m.add(v.on(a) == v.on(b))
                ids_b = {c.exercise.id: c for c in v.options(b)}
                for c in v.options(a):
                    if c.exercise.id in ids_b:
                        m.add(c.use == ids_b[c.exercise.id].use)


# ------------------------------------------------------------------------------ disruption
def disruption(
    built: BuiltModel, old: Plan, from_date: date, session_weight: int = SESSION_WEIGHT
) -> tuple[cp_model.LinearExprT, int]:
    """Distance of the window's days on/after from_date to the old plan, and the largest value
    it can take (every literal is a 0/1 variable): per calendar day, `session_weight` if its
    session is not the old one (added, removed, other exercises or doses: what the diff calls
    a change), plus a Hamming distance (session on/off, each old exercise not kept, each new
    exercise, each kept exercise whose dose changed in a regular week) that tells a small
    change from a large one. Days of one template share literals, so each literal is weighted
    by its number of days."""
    m, v = built.model, built.vars
    horizon = built.context.horizon
    old_by_date = {s.date: s for s in old.sessions}
    coef: dict[int, int] = defaultdict(int)
    var_of: dict[int, cp_model.IntVar] = {}
    const = 0
    dose_weight: dict[tuple, int] = defaultdict(int)
    session_days: dict[tuple, int] = defaultdict(int)

    def add(var, w):
        var_of[var.index] = var
        coef[var.index] += w

    for day, slot in built.context.structure.calendar_slots:
        if day.date < from_date:
            continue
        s = old_by_date.get(day.date)
        choices = v.options(slot)
        if s is None:
            session_days[(slot.key, None, False)] += 1
            add(v.on(slot), 1)
            for c in choices:
                add(c.use, 1)
            continue
        const += 1
        add(v.on(slot), -1)
        old_ids = {e.id: dose_of(e) for e in s.exercises}
        regular = not (s.deload or horizon.weeks[day.week - 1].deload)
        session_days[(slot.key, tuple(sorted(old_ids.items())), regular)] += 1
        for ex_id, dose in old_ids.items():
            const += 1
            c = v.choice(slot, ex_id)
            if c is not None:
                add(c.use, -1)
                if regular:
                    dose_weight[(slot.key, ex_id, dose)] += 1
        for c in choices:
            if c.exercise.id not in old_ids:
                add(c.use, 1)
    terms = [coef[i] * var_of[i] for i in sorted(coef) if coef[i]]
    most = const + sum(max(0, w) for w in coef.values())
    differs_of = {}
    for key, ex_id, dose in sorted(
        set(dose_weight)
        | {
            (k, e, d)
            for (k, layout, regular) in session_days
            if layout and regular and session_weight
            for e, d in layout
        }
    ):
        c = v.choice(v.slot(*key), ex_id)
        if c is None:
            continue
        differs = m.new_bool_var(f"dose_differs[{key}.{ex_id}.{dose}]")
        m.add(c.dose == dose).only_enforce_if(~differs)
        differs_of[(key, ex_id, dose)] = differs
        w = dose_weight.get((key, ex_id, dose), 0)
        if w:
            terms.append(w * differs)
            most += w
    for (key, layout, regular), n in sorted(session_days.items(), key=str):
        if not session_weight:
            break
        slot = v.slot(*key)
        w = session_weight * n
        most += w
        if layout is None:
            terms.append(w * v.on(slot))
            continue
        if any(v.choice(slot, ex_id) is None for ex_id, _ in layout):
            terms.append(w)  # an old exercise is no longer possible there: changed anyway
            continue
        changed = m.new_bool_var(f"session_changed[{key}.{len(terms)}]")
        m.add_implication(~v.on(slot), changed)
        kept = dict(layout)
        for c in v.options(slot):
            if c.exercise.id in kept:
                m.add_implication(~c.use, changed)
                if regular:
                    m.add_implication(
                        differs_of[(key, c.exercise.id, kept[c.exercise.id])], changed
                    )
            else:
                m.add_implication(c.use, changed)
        terms.append(w * changed)
    return sum(terms) + const, most


# ------------------------------------------------------------------------------ diff
def scenario_changes(old_sc: Scenario, new_sc: Scenario) -> list[str]:
    """What changed for the whole plan (not a day): goal, level, rules, preferences."""
    out = []
    if old_sc.goal_mix() != new_sc.goal_mix():

        def name(sc):
            mix = sc.goal_mix()
            return "+".join(f"{g} {w:.0%}" if len(mix) > 1 else g for g, w in mix.items())

        out.append(f"goal changed ({name(old_sc)} -> {name(new_sc)})")
    if old_sc.level != new_sc.level:
        out.append(f"level changed ({old_sc.level} -> {new_sc.level})")
    if old_sc.rules != new_sc.rules:
        ids = sorted(
            k
            for k in set(old_sc.rules) | set(new_sc.rules)
            if old_sc.rules.get(k) != new_sc.rules.get(k)
        )
        out.append(f"rules changed ({', '.join(ids)})")
    if set(old_sc.preferences.favor) != set(new_sc.preferences.favor):
        out.append("favoured exercises changed")
    if (
        old_sc.sleep_hours != new_sc.sleep_hours
        and min(old_sc.sleep_hours or 99, new_sc.sleep_hours or 99) < 7
    ):
        out.append("sleep changed the volume targets")
    return out


def week_summary(full: list[dict]) -> list[dict]:
    """The diff per week: dates that stayed, moves (old -> new), changed dates (with how many
    exercises came and went: the per-date entries say which), added and removed dates."""
    weeks: dict[int, dict] = {}
    for c in full:
        w = weeks.setdefault(
            c["week"],
            {
                "week": c["week"],
                "stayed": [],
                "moved": [],
                "changed": [],
                "added": [],
                "removed": [],
            },
        )
        status = c["status"]
        if status == "kept":
            w["stayed"].append(c["date"])
        elif status == "moved":
            w["moved"].append(f"{c['date']} -> {c['to']}")
        elif status == "changed":
            n_in, n_out = len(c.get("added", [])), len(c.get("removed", []))
            what = f"+{n_in} -{n_out}" if n_in or n_out else c.get("detail", "")
            w["changed"].append(f"{c['date']} ({what})")
        elif status in ("added", "removed"):
            w[status].append(c["date"])
    return [weeks[k] for k in sorted(weeks)]


def diff(old: Plan, new: Plan, from_date: date, old_sc: Scenario, new_sc: Scenario) -> list[dict]:
    """Per date on/after from_date: kept, moved, changed, added or removed (with a reason)."""
    old_h, new_h = Horizon(old_sc), Horizon(new_sc)
    old_by = {s.date: s for s in old.sessions if s.date >= from_date}
    new_by = {s.date: s for s in new.sessions if s.date >= from_date}

    def equipment(sc):
        return lambda loc: set(sc.locations[loc].equipment) if loc in sc.locations else set()

    old_eq, new_eq = equipment(old_sc), equipment(new_sc)

    general = scenario_changes(old_sc, new_sc)
    avoided = set(new_sc.preferences.avoid) - set(old_sc.preferences.avoid)
    avoided_patterns = set(new_sc.preferences.avoid_patterns) - set(
        old_sc.preferences.avoid_patterns
    )

    def day_change(d) -> str:
        od, nd = old_h.by_date.get(d), new_h.by_date.get(d)
        if od is None or nd is None:
            return ""
        if od.available and not nd.available:
            return "the day is no longer available"
        if not od.available and nd.available:
            return "the day became available"
        parts = []
        if od.minutes != nd.minutes:
            parts.append(f"minutes {od.minutes} -> {nd.minutes}")
        if od.location != nd.location:
            parts.append(f"location {od.location} -> {nd.location}")
        return "; ".join(parts)

    changed_weeks = sorted(
        {
            old_h.by_date[d].week
            for d in old_h.by_date
            if d >= from_date and d in new_h.by_date and day_change(d)
        }
    )

    def reason(d, removed):
        """Why a date's session changed: its day first, then what its exercises lost, then
        what changed for the whole plan; else what it follows from."""
        parts = [day_change(d)] if day_change(d) else []
        od, nd = old_h.by_date.get(d), new_h.by_date.get(d)
        if parts and parts[0].startswith("the day"):
            return parts[0]
        if od is not None and nd is not None and od.location and nd.location:
            lost = old_eq(od.location) - new_eq(nd.location)
            need = {q for e in removed for q in e.equipment}
            if lost & need:
                parts.append(f"{nd.location} lost {', '.join(sorted(lost & need))}")
        now_avoided = sorted(
            e.id for e in removed if e.id in avoided or e.pattern in avoided_patterns
        )
        if now_avoided:
            parts.append(f"now avoided: {', '.join(now_avoided)}")
        parts += general
        if parts:
            return "; ".join(parts)
        causes = []
        if changed_weeks:
            weeks = ", ".join(str(w) for w in changed_weeks[:6])
            more = ", ..." if len(changed_weeks) > 6 else ""
            causes.append(f"the changed days (week {weeks}{more})")
        if avoided or avoided_patterns:
            causes.append("the new avoid list")
        if causes:
            return f"rebalanced: follows from {' and '.join(causes)}"
        return "rebalanced"

    def same(a: Session, b: Session) -> bool:
        return [(e.id, e.sets, e.seconds_per_set) for e in a.exercises] == [
            (e.id, e.sets, e.seconds_per_set) for e in b.exercises
        ]

    out: list[dict] = []
    kept = {d for d in old_by if d in new_by and same(old_by[d], new_by[d])}
    moved_from: dict[date, date] = {}
    taken: set[date] = set()
    for d in sorted(old_by):
        if d in kept:
            continue
        for d2 in sorted(new_by):
            if (
                d2 != d
                and d2 not in kept
                and d2 not in taken
                and new_by[d2].week == old_by[d].week
                and _ids(new_by[d2]) == _ids(old_by[d])
                and _ids(old_by.get(d2)) != _ids(old_by[d])
            ):
                moved_from[d] = d2
                taken.add(d2)
                break
    for d in sorted(set(old_by) | set(new_by)):
        o, n = old_by.get(d), new_by.get(d)
        week = (o or n).week
        entry: dict = {"date": d.isoformat(), "week": week}
        if d in kept:
            out.append({**entry, "status": "kept"})
            continue
        if o is not None and d in moved_from:
            out.append(
                {
                    **entry,
                    "status": "moved",
                    "to": moved_from[d].isoformat(),
                    "reason": reason(d, o.exercises) or "rebalanced",
                }
            )
            o = None  # the old session went elsewhere
        if n is not None and d in taken:
            n = None  # the moved session arrived here (reported on its old date)
        if o is None and n is None:
            continue
        if o is not None and n is not None:
            old_ids, new_ids = set(_ids(o)), set(_ids(n))
            removed = [e for e in o.exercises if e.id not in new_ids]
            entry.update(
                status="changed", added=sorted(new_ids - old_ids), removed=sorted(old_ids - new_ids)
            )
            if old_ids == new_ids:
                entry["detail"] = "doses changed"
            entry["reason"] = reason(d, removed) or "rebalanced"
        elif o is not None:
            entry.update(
                status="removed",
                removed=list(_ids(o)),
                reason=reason(d, o.exercises) or "rebalanced",
            )
        else:
            entry.update(status="added", added=list(_ids(n)), reason=reason(d, []) or "rebalanced")
        out.append(entry)
    return out


# ------------------------------------------------------------------------------ replan
def _explain(scenario, catalog, blocks, boundary, old, from_date, window_start) -> InfeasibleError:
    from .diagnose import DIAGNOSE_SECONDS, _infeasible, _sentence

    used = frozenset(e.id for s in old.sessions for e in s.exercises)  # never pruned twins
    built = build(
        scenario, catalog, diagnose=True, blocks=blocks, boundary=boundary,
        split_date=from_date, keep=used,
    )
    pin(built, old, from_date, window_start)
    link_repeats(built)
    ctx, model = built.context, built.model
    model.clear_objective()
    guards = list(ctx.guards.items())
    index_of = {var.index: key for key, var in guards}
    lits = [var for _, var in guards]
    infeasible, core = _infeasible(model, lits, DIAGNOSE_SECONDS)
    head = f"no plan from {from_date} keeps the sessions done before it"
    if not infeasible:
        return InfeasibleError(
            f"{head}; the reason could not be isolated in {DIAGNOSE_SECONDS:g} s"
        )
    kept = [v for v in lits if v.index in set(core)]
    if not kept:
        return InfeasibleError(
            f"{head}: the pinned sessions themselves no longer fit the new "
            "scenario (a day too short, or an exercise's equipment gone)"
        )
    for var in list(kept):
        if len(kept) <= 1:
            break
        trial = [v for v in kept if v is not var]
        if _infeasible(model, trial, 2.0)[0]:
            kept = trial
    reasons = [_sentence(scenario, *index_of[v.index], ctx.horizon) for v in kept]
    return InfeasibleError(
        f"{head}; it would break:\n" + "\n".join(f"- {r}" for r in reasons), reasons
    )


def _solve_with_hint_fixed(
    model: cp_model.CpModel, seconds: float, deterministic: bool, hinted: bool = True
) -> list[int] | None:
    """Solve with every hinted variable fixed to its hint (`hinted`; else just a feasible
    solution): the values of a complete solution (the old plan's decisions, completed), or
    None when they no longer hold (or none is found in time)."""
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = hinted
    solver.parameters.stop_after_first_solution = not hinted  # a feasibility check
    solver.parameters.num_workers = 1
    if deterministic:
        solver.parameters.max_deterministic_time = seconds
        solver.parameters.max_time_in_seconds = 20 * seconds + 10
    else:
        solver.parameters.max_time_in_seconds = seconds
    code = solver.solve(model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return [
        solver.value(model.get_int_var_from_proto_index(i))
        for i in range(len(model.proto.variables))
    ]


def _values(solver: cp_model.CpSolver, model: cp_model.CpModel) -> list[int]:
    return [
        solver.value(model.get_int_var_from_proto_index(i))
        for i in range(len(model.proto.variables))
    ]


def _fixed_to(model: cp_model.CpModel, values: list[int]) -> cp_model.CpSolver:
    """A solver holding exactly `values` (a complete solution of the model)."""
    _hint_all(model, values)
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    solver.solve(model)
    return solver


def _solve(model: cp_model.CpModel, config: SolveConfig, seconds: float, templates: int):
    solver = cp_model.CpSolver()
    configure(solver, replace(config, time_limit=seconds), templates)
    return solver, solver.solve(model)


def _same_rules(old_sc: Scenario, new_sc: Scenario) -> bool:
    """Everything but the calendar (name, availability, exceptions) is the same."""
    skip = ("name", "availability", "exceptions")
    a = {k: v for k, v in old_sc.to_json_dict().items() if k not in skip}
    b = {k: v for k, v in new_sc.to_json_dict().items() if k not in skip}
    return a == b


def _unchanged_templates(
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


def _hint_all(model: cp_model.CpModel, values: list[int]) -> None:
    model.clear_hints()
    for i, value in enumerate(values):
        model.add_hint(model.get_int_var_from_proto_index(i), value)


def _respect_next(built: BuiltModel, old: Plan, block: int) -> cp_model.IntVar | None:
    """A literal that, when true, keeps the old plan's next block valid after this one (used
    when nothing the next block depends on changed, so it can then be kept as it is): no
    strength exercise taken from it (rule `variation`), the last session here sharing no
    focus muscle with its first one and none the day before it (`recovery`), no run of
    training days across the boundary longer than allowed (`rest_days`)."""
    m, v, ctx = built.model, built.vars, built.context
    nxt = sorted((s for s in old.sessions if s.block == block + 1), key=lambda s: s.date)
    if not nxt:
        return None
    respect = m.new_bool_var(f"respect_next_block[{block}]")
    this = {e.id for s in old.sessions if s.block == block for e in s.exercises}
    for ex_id in sorted({e.id for s in nxt for e in s.exercises if e.kind == "strength"}):
        used = v.block_uses.get((block, ex_id))
        if ex_id not in this and used is not None:
            m.add(used == 0).only_enforce_if(respect)
    first = nxt[0]
    slots = [
        (d, s) for d, s in ctx.structure.calendar_slots if d.block == block and d.date < first.date
    ]
    last_week = max((d.week for d, _ in slots), default=None)
    week_slots = [(d, s) for d, s in slots if d.week == last_week]
    for i, (day, slot) in enumerate(week_slots):
        later = [v.on(s2) for _, s2 in week_slots[i + 1 :]]
        near = (first.date - day.date).days < 2
        for mu in first.focus:
            f = v.focus.get((slot.key, mu))
            if f is not None:  # f and no later session here → a clash with `first`
                if near:
                    m.add(f == 0).only_enforce_if(respect)
                else:
                    m.add_bool_or([~f] + later).only_enforce_if(respect)
    most = ctx.scenario.rule_param("rest_days", "max_consecutive_training_days")
    trained = {s.date for s in nxt}
    run = 0
    while first.date + timedelta(days=run) in trained:
        run += 1
    start = ctx.horizon.block_weeks_of(block + 1)[0].days[0].date
    if first.date == start and run <= most:
        before = [start - timedelta(days=i) for i in range(1, most - run + 2)]
        ons = [v.on(s) for d, s in slots if d.date in before]
        if len(ons) == len(before):
            m.add(sum(ons) <= most - run).only_enforce_if(respect)
    return respect


def block_unchanged(old_sc: Scenario, new_sc: Scenario, block: int) -> bool:
    """True when nothing a block's sessions depend on changed: the scenario apart from its
    calendar (goal, level, rules, preferences, locations, ...) and the block's days."""
    if not _same_rules(old_sc, new_sc):
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


@dataclass
class BlockOutcome:
    block: int
    how: str  # "kept" (nothing changed, old decisions hold), "optimal", "feasible"
    quality: int
    quality_bound: int
    disruption: int
    sessions: list[Session]
    terms: dict[str, float]
    seconds: float


def solve_block(
    plan: Plan,
    scenario: Scenario,
    catalog: Catalog,
    block: int,
    boundary: Boundary,
    from_date: date,
    window_start: date,
    unchanged: bool,
    next_unchanged: bool,
    config: SolveConfig,
    seconds: float,
) -> tuple[BlockOutcome | None, Boundary, list[dict], BuiltModel]:
    """One block of the window: pinned days fixed, old decisions kept when the block's inputs
    did not change and they still hold, else `BIG·quality + disruption` minimized with the
    old plan as hint. Returns (outcome or None when no solution in time, boundary for the
    next block, pin notes, the model)."""
    started = time.perf_counter()

    def make(keep: frozenset[int]):
        built = build(
            scenario, catalog, blocks=frozenset({block}), boundary=boundary,
            split_date=from_date, keep=frozenset(e.id for s in plan.sessions for e in s.exercises),
        )
        notes = [
            n
            for n in pin(built, plan, from_date, window_start, keep)
            if n["date"] < from_date.isoformat()
        ]
        link_repeats(built)
        weight = SESSION_WEIGHT if seconds >= SESSION_MIN_SECONDS else 0
        distance, most = disruption(built, plan, from_date, weight)
        return built, notes, distance, most

    def remaining(share: float) -> float:
        if config.deterministic:
            return max(0.05, seconds * share)
        left = seconds - (time.perf_counter() - started)  # wall clock: steps that end early
        return max(0.05, left if share >= STEP1_SHARE else min(seconds * share, left))

    if unchanged:
        # nothing this block depends on changed: the old plan, if it still holds after the
        # blocks before; else its least repair (disruption first, then quality)
        built, notes, distance, most = make(frozenset())
        model, v, ctx = built.model, built.vars, built.context
        quality = sum(expr for _, expr in ctx.objective) if ctx.objective else 0
        v.warmstart(plan)
        old_values = _solve_with_hint_fixed(model, remaining(OLD_PLAN_SHARE), config.deterministic)
        if old_values is not None:
            solver = _fixed_to(model, old_values)
            how = "kept"
        else:
            model.minimize(distance)
            solver, code = _solve(model, config, remaining(0.5), len(ctx.structure.templates))
            if code == cp_model.INFEASIBLE:
                raise _explain(
                    scenario, catalog, frozenset({block}), boundary, plan, from_date, window_start
                )
            if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                return None, boundary, notes, built
            how = "optimal" if code == cp_model.OPTIMAL else "feasible"
            if ctx.objective:
                values = _values(solver, model)
                model.add(distance <= int(solver.value(distance)))
                model.minimize(quality)
                _hint_all(model, values)
                solver2, code2 = _solve(model, config, remaining(1.0), len(ctx.structure.templates))
                if code2 in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                    solver = solver2
                    if code2 != cp_model.OPTIMAL:
                        how = "feasible"
        q = int(solver.value(quality)) if ctx.objective else 0
        bound = q  # a repair: quality is second to disruption here, no bound is claimed
    else:
        # templates whose days did not change keep their old sessions if that still works
        keep = (
            _unchanged_templates(plan, scenario, block, from_date)
            if _same_rules(plan.scenario_model(), scenario)
            else frozenset()
        )
        built, notes, distance, most = make(keep)
        model, v, ctx = built.model, built.vars, built.context
        if (
            keep
            and _solve_with_hint_fixed(
                model, remaining(OLD_PLAN_SHARE), config.deterministic, hinted=False
            )
            is None
        ):
            built, notes, distance, most = make(frozenset())
            model, v, ctx = built.model, built.vars, built.context
        quality = sum(expr for _, expr in ctx.objective) if ctx.objective else 0
        big = most + 1  # > any disruption: BIG·quality + disruption is lexicographic
        model.minimize(big * quality + distance)
        v.warmstart(plan)
        old_values = _solve_with_hint_fixed(model, remaining(OLD_PLAN_SHARE), config.deterministic)
        if old_values is not None:  # a complete hint: CP-SAT starts from the old plan at once
            _hint_all(model, old_values)
        n_templates = len(ctx.structure.templates)
        respect = _respect_next(built, plan, block) if next_unchanged else None
        solver, code = None, cp_model.UNKNOWN
        if respect is not None:
            # first keep the next block's old plan valid; without it if that is impossible
            domain = model.proto.variables[respect.index].domain
            domain[0], domain[1] = 1, 1
            solver, code = _solve(model, config, remaining(STEP1_SHARE / 2), n_templates)
            if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                domain[0], domain[1] = 0, 0
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            solver, code = _solve(model, config, remaining(STEP1_SHARE), n_templates)
        if code == cp_model.INFEASIBLE:
            raise _explain(
                scenario, catalog, frozenset({block}), boundary, plan, from_date, window_start
            )
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None, boundary, notes, built
        how = "optimal" if code == cp_model.OPTIMAL else "feasible"
        q = int(solver.value(quality)) if ctx.objective else 0
        bound = q if how == "optimal" else min(q, math.floor(solver.best_objective_bound / big))
        left = remaining(1.0 - STEP1_SHARE - OLD_PLAN_SHARE)
        if ctx.objective and how == "optimal" and left > MIN_STEP2_SECONDS:
            # step 2: least disruption within the tolerance of the best quality (step 1
            # proved q optimal), starting from step 1's plan (complete, so always a plan)
            cap = q + max(TOLERANCE_ABS, math.ceil(TOLERANCE_REL * q))
            values = _values(solver, model)
            model.add(quality <= cap)
            model.minimize(distance)
            _hint_all(model, values)
            solver2, code2 = _solve(model, config, left, n_templates)
            if code2 in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                solver = solver2
                if code2 != cp_model.OPTIMAL:
                    how = "feasible"
    terms: dict[str, float] = {}
    for rule, expr in ctx.objective:
        terms[rule] = terms.get(rule, 0.0) + solver.value(expr)

    def chosen(slot):
        if not solver.boolean_value(v.on(slot)):
            return []
        return [
            (c.exercise, solver.value(c.dose))
            for c in v.options(slot)
            if solver.boolean_value(c.use)
        ]

    placeholder = SolverInfo(status="feasible", objective=0.0, best_bound=0.0, seconds=0.0)
    block_plan = build_plan(scenario, ctx.structure, ctx.prescriber, chosen, placeholder)
    assignment = warmstart._read(built, solver)
    after = warmstart._advance(boundary, built, assignment, block)
    return (
        BlockOutcome(
            block,
            how,
            q,
            bound,
            int(solver.value(distance)),
            block_plan.sessions,
            terms,
            time.perf_counter() - started,
        ),
        after,
        notes,
        built,
    )


def replan(
    plan: Plan,
    new_scenario: Scenario,
    from_date: date,
    catalog: Catalog | None = None,
    config: SolveConfig | None = None,
) -> Result:
    """Re-decide the plan from `from_date` for `new_scenario`, keeping earlier sessions."""
    started = time.perf_counter()
    config = config or SolveConfig()
    catalog = catalog or scenario_catalog(new_scenario)
    check_dates(plan, new_scenario, from_date)
    new_scenario, kept_past = keep_past(plan, new_scenario, from_date)
    horizon = Horizon(new_scenario)
    old_sc = plan.scenario_model()
    first_block = horizon.by_date[from_date].block
    window_start = horizon.block_weeks_of(first_block)[0].days[0].date
    boundary = boundary_before(plan, horizon, window_start, first_block)
    blocks = list(range(first_block, horizon.n_blocks + 1))
    outcomes: list[BlockOutcome] = []
    notes: list[dict] = []
    stats: dict[str, int] = defaultdict(int)
    for i, block in enumerate(blocks):
        if config.deterministic:
            share = config.time_limit / len(blocks)
        else:
            left = config.time_limit - ASSEMBLY_RESERVE * config.time_limit
            share = (left - (time.perf_counter() - started)) / (len(blocks) - i)
        start_b = (
            window_start if block == first_block else horizon.block_weeks_of(block)[0].days[0].date
        )
        outcome, boundary, block_notes, built = solve_block(
            plan,
            new_scenario,
            catalog,
            block,
            boundary,
            from_date,
            start_b,
            block_unchanged(old_sc, new_scenario, block),
            block < horizon.n_blocks and block_unchanged(old_sc, new_scenario, block + 1),
            config,
            max(0.1, share),
        )
        for key, value in built.stats().items():
            stats[key] += value
        if outcome is None:
            return Result("unknown", None, None, time.perf_counter() - started, None, dict(stats))
        outcomes.append(outcome)
        notes += block_notes
    seconds = time.perf_counter() - started
    window_sessions = [s for o in outcomes for s in o.sessions]
    new_plan = assemble(plan, window_sessions, new_scenario, horizon, from_date, notes)
    if kept_past:
        new_plan.warnings.append(
            f"the new scenario changed days before {from_date}: they keep "
            "the plan's old availability (dated exceptions)"
        )
    model_terms: dict[str, float] = defaultdict(float)
    for o in outcomes:
        for rule, value in o.terms.items():
            model_terms[rule] += value
    model_terms["disruption"] = float(sum(o.disruption for o in outcomes))
    objective = sum(t.penalty for t in new_plan.objective_terms)
    bound = objective - sum(o.quality - o.quality_bound for o in outcomes)
    optimal = all(o.how != "feasible" for o in outcomes)
    status = "optimal" if optimal and bound == objective else "feasible"
    new_plan.solver = SolverInfo(
        status=status,
        objective=objective,
        best_bound=bound,
        seconds=round(seconds, 3),
        seed=config.seed,
        workers=1 if config.deterministic else max(1, config.workers),
        gap=0.0 if objective == 0 else abs(objective - bound) / max(1.0, abs(objective)),
        deterministic=config.deterministic,
        ortools=ortools.__version__,
    )
    new_plan.changes = notes + [
        c for c in diff(plan, new_plan, from_date, old_sc, new_scenario) if c["status"] != "kept"
    ]
    return Result(status, objective, bound, seconds, new_plan, dict(stats), None, dict(model_terms))


def assemble(
    old: Plan,
    window_sessions: list[Session],
    scenario: Scenario,
    horizon: Horizon,
    from_date: date,
    notes: list[dict],
) -> Plan:
    """Old sessions before from_date (the same objects) + the window's from it on."""
    sessions = [s for s in old.sessions if s.date < from_date]
    sessions += [s for s in window_sessions if s.date >= from_date]
    sessions.sort(key=lambda s: s.date)
    warnings = list(horizon.warnings())
    warnings += [f"{n['date']}: {n['reason']}" for n in notes]
    placeholder = SolverInfo(status="feasible", objective=0.0, best_bound=0.0, seconds=0.0)
    return plan_from_sessions(scenario, horizon, sessions, placeholder, warnings,
                              replanned_from=from_date)


def default_catalog(scenario: Scenario) -> Catalog:
    try:
        return scenario_catalog(scenario)
    except Exception:  # noqa: BLE001 - an embedded path may not resolve from here
        return builtin_catalog()
