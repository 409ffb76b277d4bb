"""`replan(plan, new_scenario, from_date) -> Result`: a new plan from a date, the past pinned.

Design (issue 4):

- Sessions dated before `from_date` are *pinned*: the old plan's Session objects are copied
  into the new plan unchanged (byte-identical JSON).
- Days before `from_date` keep the OLD availability (`keep_past`: dated exceptions added to the
  new scenario when it changed them, e.g. `--set availability.mon.minutes=0`), so the pinned
  sessions stay on available days and the rules see every one of them.
- The model is the NEW scenario's model restricted to a window of blocks: the block that
  contains `from_date` and every later one. What lies before the window (earlier blocks) reaches
  it through a `Boundary` computed from the old plan's sessions, as `warmstart._advance` does
  for solved blocks. Inside the window, the weeks before `from_date` are fixed to the old
  sessions: the window's `Structure` gets `split_date=from_date`, so weeks fully before the
  date, a week with days on both sides of it and later weeks never share a template (within a
  block, slots of templates with the same availability are then linked equal again,
  `link_repeats`, as `check` requires), and every slot whose calendar day is before the date
  is fixed with `Variables.fix(..., only=True)`. A pinned
  session the new scenario cannot express (its day is no longer available, an exercise no longer
  allowed, two pinned weeks of one template that differ) is not fixed, but still copied; the
  relaxation is reported in `changes` and in the plan's warnings.
- Lexicographic objective: (0) if the old plan's decisions still hold in the new window, their
  quality Q_old; (1) solve the window for quality Q* (the model's objective); (2) add
  `quality ≤ max(Q* + max(3, ceil(3% · Q*)), Q_old)` (never ask for more than the old plan
  had: a replan of an unchanged scenario keeps an old plan that was not proven optimal) and
  minimize disruption, a Hamming distance to the old
  plan per calendar day on or after `from_date`: a session added or removed, each old exercise
  not kept, each new exercise added, and each kept exercise whose dose changed (regular weeks).
  Days of one template share literals, so each literal is weighted by its number of days.
  Hints are for speed only: the old plan (completed in step 0) for step 1; for step 2 first the
  old plan with CP-SAT's hint repair, then, if that found nothing in its share of the time,
  step 1's solution (complete, so a plan is certain); step 1's plan if both fail.
- The new plan: pinned sessions + the window's sessions dated on or after `from_date`; days,
  weeks and objective terms recomputed on the combined plan for the new scenario.
  `solver.objective` is the sum of those recomputed terms (so `periodize check`'s
  "objective recomputed = solver" holds); `solver.best_bound` is that value minus the window's
  remaining gap after step 1 (quality of the final window solution minus step 1's bound).
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta

import ortools
from ortools.sat.python import cp_model

from models.catalog import Catalog, builtin_catalog
from models.errors import InfeasibleError, InputError
from models.horizon import Horizon
from models.plan import Plan, PlanDay, PlanWeek, Session, SolverInfo
from models.scenario import Scenario, parse_scenario, scenario_catalog
from models.vocab import FOCUS_KINDS

from .extract import build_plan, carbs_for, protein_for
from .model import RULE_ORDER, Boundary, BuiltModel, Context, _add_sessions
from .objective import blended_weights, cardio_target, compute_objective_terms, volume_range
from .prescription import Prescriber
from .solving import Result, SolveConfig, configure
from .structure import Structure
from .variables import Variables

TOLERANCE_ABS = 3  # quality may be this much worse than the best ...
TOLERANCE_REL = 0.03  # ... or this share of it, whichever is larger
PHASE1_SHARE = 0.4  # share of the time limit for step 1 (quality)
PHASE2A_SHARE = 0.4  # step 2 with the old plan as hint; the rest with step 1's solution
OLD_PLAN_SECONDS = 2.0  # to complete the old plan's decisions in the new window (step 0)


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
            "plan's calendar, so 'start' must be the same", field="start")
    horizon = Horizon(scenario)
    if not scenario.start <= from_date <= horizon.end:
        raise InputError(
            f"{from_date} is outside the plan ({scenario.start} - {horizon.end})", field="--from")
    return horizon


def boundary_before(old: Plan, horizon: Horizon, first_day: date, first_block: int) -> Boundary:
    """What the old plan's sessions before `first_day` leave to the window (cf. _advance)."""
    before = sorted((s for s in old.sessions if s.date < first_day), key=lambda s: s.date)
    if not before:
        return Boundary()
    trained = frozenset((s.date - horizon.scenario.start).days for s in before)
    last_focus = frozenset(m for e in before[-1].exercises if e.kind in FOCUS_KINDS
                           for m in e.primary_muscles)
    previous = first_block - 1
    prev = [s for s in before
            if s.date in horizon.by_date and horizon.by_date[s.date].block == previous]
    uses = frozenset(e.id for s in prev for e in s.exercises if e.kind == "strength")
    return Boundary(last_focus, trained, previous if prev else None, uses)


def build_window(scenario: Scenario, catalog: Catalog, blocks: frozenset[int],
                 boundary: Boundary, split_date: date, diagnose: bool = False,
                 keep: frozenset[str] = frozenset()) -> BuiltModel:
    """`model.build` with a split Structure (same rule order, same variables)."""
    horizon = Horizon(scenario)
    structure = Structure(horizon, blocks, split_date=split_date)
    model = cp_model.CpModel()
    ctx = Context(
        scenario=scenario, catalog=catalog, horizon=horizon, structure=structure,
        prescriber=Prescriber(scenario, horizon), model=model,
        vars=Variables(model, structure), diagnose=diagnose, boundary=boundary,
        weights=blended_weights(scenario), keep=keep,
    )
    ctx.volume_range = volume_range(scenario)  # type: ignore[attr-defined]
    ctx.cardio_target = cardio_target(scenario)  # type: ignore[attr-defined]
    _add_sessions(ctx)
    for rule in RULE_ORDER:
        rule.add(ctx)
    if ctx.objective:
        model.minimize(sum(expr for _, expr in ctx.objective))
    return BuiltModel(model, ctx.vars, ctx)


def keep_past(old: Plan, new: Scenario, from_date: date) -> tuple[Scenario, bool]:
    """The new scenario with the OLD availability on the days before from_date (what was done
    was done under it), as dated exceptions; returns it and whether anything had to change.

    Without this a `--set availability.mon.minutes=0` would also remove the Mondays already
    trained: their pinned sessions would stand on days the plan says are unavailable, and the
    rules would read the pinned past without them."""
    old_sc = old.scenario_model()
    n_past = (from_date - new.start).days
    old_days, new_days = Horizon(old_sc).days, Horizon(new).days
    if all((old_days[i].minutes, old_days[i].location) ==
           (new_days[i].minutes, new_days[i].location) for i in range(n_past)):
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
        past.append({"from": f.isoformat(), "to": t.isoformat(),
                     "availability": old_data["availability"],
                     "note": f"the plan's week before the replan from {from_date}"})
    future = []
    for e in data.get("exceptions", []):
        if date.fromisoformat(e["to"]) >= from_date:
            future.append({**e, "from": max(date.fromisoformat(e["from"]),
                                             from_date).isoformat()})
    data["exceptions"] = sorted(past, key=lambda e: e["from"]) + future
    for name, loc in old_data["locations"].items():
        data["locations"].setdefault(name, loc)
    return parse_scenario(data, f"new scenario with the old week before {from_date}"), True


# ------------------------------------------------------------------------------ pinning
def pin(built: BuiltModel, old: Plan, from_date: date, window_start: date) -> list[dict]:
    """Fix every window slot whose days are before from_date to the old sessions; returns
    notes for the pinned sessions that could not be expressed (copied, not fixed)."""
    v = built.vars
    structure = built.context.structure
    old_by_date = {s.date: s for s in old.sessions}
    notes: list[dict] = []
    days_of: dict[tuple, list] = defaultdict(list)
    in_model: set[date] = set()
    for day, slot in structure.calendar_slots:
        if day.date < from_date:
            days_of[slot.key].append(day)
            in_model.add(day.date)
    for s in old.sessions:
        if window_start <= s.date < from_date and s.date not in in_model:
            notes.append({"date": s.date.isoformat(), "week": s.week, "status": "pinned",
                          "reason": "done on a day the new scenario does not offer: kept as "
                                    "done, not seen by the new plan's rules"})
    for key in sorted(days_of):
        days = days_of[key]
        slot = v.slot(*key)
        olds = [old_by_date.get(d.date) for d in days]
        layouts = {_ids(s) for s in olds}
        if len(layouts) > 1:
            for d, s in zip(days, olds, strict=True):
                if s is not None:
                    notes.append({"date": d.date.isoformat(), "week": d.week, "status": "pinned",
                                  "reason": "its weeks now share one template but differed: "
                                            "kept as done, not fixed in the model"})
            continue
        ids = layouts.pop()
        if not ids:
            v.fix(slot, on=False)
            continue
        missing = [i for i in ids if v.choice(slot, i) is None]
        if missing:
            for d in days:
                notes.append({"date": d.date.isoformat(), "week": d.week, "status": "pinned",
                              "reason": f"{', '.join(missing)} no longer allowed there: kept "
                                        "as done, not fixed in the model"})
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
def disruption(built: BuiltModel, old: Plan, from_date: date
               ) -> tuple[cp_model.LinearExprT, list[tuple]]:
    """Hamming distance of the window's days on/after from_date to the old plan; with the
    dose-change literals it adds (literal, dose variable, old dose), to complete hints."""
    m, v = built.model, built.vars
    horizon = built.context.horizon
    old_by_date = {s.date: s for s in old.sessions}
    coef: dict[int, int] = defaultdict(int)
    var_of: dict[int, cp_model.IntVar] = {}
    const = 0
    dose_weight: dict[tuple, int] = defaultdict(int)

    def add(var, w):
        var_of[var.index] = var
        coef[var.index] += w

    for day, slot in built.context.structure.calendar_slots:
        if day.date < from_date:
            continue
        s = old_by_date.get(day.date)
        choices = v.options(slot)
        if s is None:
            add(v.on(slot), 1)
            for c in choices:
                add(c.use, 1)
            continue
        const += 1
        add(v.on(slot), -1)
        old_ids = {e.id: dose_of(e) for e in s.exercises}
        regular = not (s.deload or horizon.weeks[day.week - 1].deload)
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
    added = []
    for (key, ex_id, dose), w in sorted(dose_weight.items()):
        c = v.choice(v.slot(*key), ex_id)
        differs = m.new_bool_var(f"dose_differs[{key}.{ex_id}.{dose}]")
        m.add(c.dose == dose).only_enforce_if(~differs)
        terms.append(w * differs)
        added.append((differs, c.dose, dose))
    return sum(terms) + const, added


# ------------------------------------------------------------------------------ diff
def diff(old: Plan, new: Plan, from_date: date, old_sc: Scenario, new_sc: Scenario) -> list[dict]:
    """Per date on/after from_date: kept, moved, changed, added or removed (with a reason)."""
    old_h, new_h = Horizon(old_sc), Horizon(new_sc)
    old_by = {s.date: s for s in old.sessions if s.date >= from_date}
    new_by = {s.date: s for s in new.sessions if s.date >= from_date}

    def equipment(sc):
        return lambda loc: set(sc.locations[loc].equipment) if loc in sc.locations else set()

    old_eq, new_eq = equipment(old_sc), equipment(new_sc)

    def reason(d, removed):
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
        if od.location and nd.location:
            lost = old_eq(od.location) - new_eq(nd.location)
            need = {q for e in removed for q in e.equipment}
            if lost & need:
                parts.append(f"{nd.location} lost {', '.join(sorted(lost & need))}")
        return "; ".join(parts)

    def same(a: Session, b: Session) -> bool:
        return [(e.id, e.sets, e.seconds_per_set) for e in a.exercises] == \
            [(e.id, e.sets, e.seconds_per_set) for e in b.exercises]

    out: list[dict] = []
    kept = {d for d in old_by if d in new_by and same(old_by[d], new_by[d])}
    moved_from: dict[date, date] = {}
    taken: set[date] = set()
    for d in sorted(old_by):
        if d in kept:
            continue
        for d2 in sorted(new_by):
            if (d2 != d and d2 not in kept and d2 not in taken
                    and new_by[d2].week == old_by[d].week
                    and _ids(new_by[d2]) == _ids(old_by[d])
                    and _ids(old_by.get(d2)) != _ids(old_by[d])):
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
            out.append({**entry, "status": "moved", "to": moved_from[d].isoformat(),
                        "reason": reason(d, o.exercises) or "rebalanced"})
            o = None  # the old session went elsewhere
        if n is not None and d in taken:
            n = None  # the moved session arrived here (reported on its old date)
        if o is None and n is None:
            continue
        if o is not None and n is not None:
            old_ids, new_ids = set(_ids(o)), set(_ids(n))
            removed = [e for e in o.exercises if e.id not in new_ids]
            entry.update(status="changed", added=sorted(new_ids - old_ids),
                         removed=sorted(old_ids - new_ids))
            if old_ids == new_ids:
                entry["detail"] = "doses changed"
            entry["reason"] = reason(d, removed) or "rebalanced"
        elif o is not None:
            entry.update(status="removed", removed=list(_ids(o)),
                         reason=reason(d, o.exercises) or "rebalanced")
        else:
            entry.update(status="added", added=list(_ids(n)), reason=reason(d, []) or
                         "rebalanced")
        out.append(entry)
    return out


# ------------------------------------------------------------------------------ replan
def _explain(scenario, catalog, blocks, boundary, old, from_date, window_start) -> InfeasibleError:
    from .diagnose import DIAGNOSE_SECONDS, _infeasible, _sentence

    used = frozenset(e.id for s in old.sessions for e in s.exercises)
    built = build_window(scenario, catalog, blocks, boundary, from_date, diagnose=True,
                         keep=used)
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
        return InfeasibleError(f"{head}; the reason could not be isolated in "
                               f"{DIAGNOSE_SECONDS:g} s")
    kept = [v for v in lits if v.index in set(core)]
    if not kept:
        return InfeasibleError(f"{head}: the pinned sessions themselves no longer fit the new "
                               "scenario (a day too short, or an exercise's equipment gone)")
    for var in list(kept):
        if len(kept) <= 1:
            break
        trial = [v for v in kept if v is not var]
        if _infeasible(model, trial, 2.0)[0]:
            kept = trial
    reasons = [_sentence(scenario, *index_of[v.index], ctx.horizon) for v in kept]
    return InfeasibleError(f"{head}; it would break:\n" + "\n".join(f"- {r}" for r in reasons),
                           reasons)


def _old_solution(model: cp_model.CpModel, quality, has_objective: bool, config: SolveConfig
                  ) -> tuple[int | None, list[int] | None]:
    """Solve with the hinted (old plan's) decisions fixed: its window quality and values."""
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    seconds = min(OLD_PLAN_SECONDS, config.time_limit)
    if config.deterministic:
        solver.parameters.max_deterministic_time = seconds
        solver.parameters.max_time_in_seconds = 20 * seconds + 10
    else:
        solver.parameters.max_time_in_seconds = seconds
    code = solver.solve(model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, None
    values = [solver.value(model.get_int_var_from_proto_index(i))
              for i in range(len(model.proto.variables))]
    return (int(solver.value(quality)) if has_objective else 0), values


def replan(plan: Plan, new_scenario: Scenario, from_date: date, catalog: Catalog | None = None,
           config: SolveConfig | None = None) -> Result:
    """Re-decide the plan from `from_date` for `new_scenario`, keeping earlier sessions."""
    started = time.perf_counter()
    config = config or SolveConfig()
    catalog = catalog or scenario_catalog(new_scenario)
    check_dates(plan, new_scenario, from_date)
    new_scenario, kept_past = keep_past(plan, new_scenario, from_date)
    horizon = Horizon(new_scenario)
    old_sc = plan.scenario_model()
    first_block = horizon.by_date[from_date].block
    blocks = frozenset(range(first_block, horizon.n_blocks + 1))
    window_start = horizon.block_weeks_of(first_block)[0].days[0].date
    boundary = boundary_before(plan, horizon, window_start, first_block)
    used = frozenset(e.id for s in plan.sessions for e in s.exercises)  # pinnable, hintable
    built = build_window(new_scenario, catalog, blocks, boundary, from_date, keep=used)
    notes = pin(built, plan, from_date, window_start)
    link_repeats(built)
    ctx, model, v = built.context, built.model, built.vars
    n_templates = len(ctx.structure.templates)
    quality = sum(expr for _, expr in ctx.objective) if ctx.objective else 0

    # step 0: the old plan's own decisions in the new window, if they still hold (quality
    # Q_old); a complete hint for step 1 and an upper cap that keeps an unchanged plan unchanged
    v.warmstart(plan)
    old_quality, old_values = _old_solution(model, quality, bool(ctx.objective), config)
    if old_values is not None:
        model.clear_hints()
        for i, value in enumerate(old_values):
            model.add_hint(model.get_int_var_from_proto_index(i), value)

    # step 1: the best quality
    solver = cp_model.CpSolver()
    configure(solver, replace(config, time_limit=config.time_limit * PHASE1_SHARE), n_templates)
    code = solver.solve(model)
    if code == cp_model.INFEASIBLE:
        raise _explain(new_scenario, catalog, blocks, boundary, plan, from_date, window_start)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Result("unknown", None, None, time.perf_counter() - started, None, built.stats())
    best = int(solver.value(quality)) if ctx.objective else 0
    bound1 = solver.best_objective_bound if ctx.objective else 0.0
    optimal1 = code == cp_model.OPTIMAL
    step1 = [solver.value(model.get_int_var_from_proto_index(i))
             for i in range(len(model.proto.variables))]

    # step 2: least disruption within the tolerance
    tolerance = max(TOLERANCE_ABS, math.ceil(TOLERANCE_REL * best))
    cap = best + tolerance if old_quality is None else max(best + tolerance, old_quality)
    if ctx.objective:
        model.add(quality <= cap)
    distance, dose_literals = disruption(built, plan, from_date)
    model.minimize(distance)
    # Two tries: (a) the old plan as the hint, repaired by CP-SAT where it no longer holds
    # (measured, 6-week plan with Monday lost in week 4, 2 s: disruption 29, against 150 with
    # step 1's solution as the hint); (b) if (a) found nothing in its time, step 1's solution
    # (feasible, so a plan is certain) for the rest of the time.
    final, optimal, code2 = solver, False, cp_model.UNKNOWN
    for share, hint in ((PHASE2A_SHARE, None), (1 - PHASE1_SHARE - PHASE2A_SHARE, step1)):
        model.clear_hints()
        if hint is None:
            v.warmstart(plan)
        else:
            for i, value in enumerate(hint):
                model.add_hint(model.get_int_var_from_proto_index(i), value)
            for differs, dose_var, dose in dose_literals:  # a complete hint: used at once
                model.add_hint(differs, int(hint[dose_var.index] != dose))
        solver2 = cp_model.CpSolver()
        configure(solver2, replace(config, time_limit=config.time_limit * share), n_templates)
        solver2.parameters.repair_hint = hint is None
        code2 = solver2.solve(model)
        if code2 in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            final, optimal = solver2, optimal1 and code2 == cp_model.OPTIMAL
            break
    else:  # keep step 1's plan (its disruption is simply not minimized)
        distance = None
    window_quality = float(final.value(quality)) if ctx.objective else 0.0
    model_terms: dict[str, float] = {}
    for rule, expr in ctx.objective:
        model_terms[rule] = model_terms.get(rule, 0.0) + final.value(expr)
    if distance is not None:
        model_terms["disruption"] = float(final.value(distance))

    def chosen(slot):
        if not final.boolean_value(v.on(slot)):
            return []
        return [(c.exercise, final.value(c.dose)) for c in v.options(slot)
                if final.boolean_value(c.use)]

    placeholder = SolverInfo(status="feasible", objective=0.0, best_bound=0.0, seconds=0.0)
    window_plan = build_plan(new_scenario, ctx.structure, ctx.prescriber, chosen, placeholder)
    seconds = time.perf_counter() - started
    new_plan = assemble(plan, window_plan, new_scenario, horizon, from_date, notes)
    if kept_past:
        new_plan.warnings.append(f"the new scenario changed days before {from_date}: they keep "
                                 "the plan's old availability (dated exceptions)")
    objective = sum(t.penalty for t in new_plan.objective_terms)
    bound = objective - max(0.0, window_quality - bound1)
    status = "optimal" if optimal else "feasible"
    new_plan.solver = SolverInfo(
        status=status, objective=objective, best_bound=bound, seconds=round(seconds, 3),
        seed=config.seed, workers=final.parameters.num_workers,
        gap=0.0 if objective == 0 else abs(objective - bound) / max(1.0, abs(objective)),
        deterministic=config.deterministic, ortools=ortools.__version__,
    )
    new_plan.changes = notes + [c for c in diff(plan, new_plan, from_date, old_sc, new_scenario)
                                if c["status"] != "kept"]
    return Result(status, objective, bound, seconds, new_plan, built.stats(), None, model_terms)


def assemble(old: Plan, window_plan: Plan, scenario: Scenario, horizon: Horizon,
             from_date: date, notes: list[dict]) -> Plan:
    """Old sessions before from_date (the same objects) + the window's from it on."""
    sessions = [s for s in old.sessions if s.date < from_date]
    sessions += [s for s in window_plan.sessions if s.date >= from_date]
    sessions.sort(key=lambda s: s.date)
    by_date = {s.date: s for s in sessions}
    protein = protein_for(scenario)
    days = []
    for day in horizon.days:
        session = by_date.get(day.date)
        g_per_kg = carbs_for(scenario, session.minutes if session else None)
        days.append(PlanDay(
            date=day.date, week=day.week, block=day.block,
            type="training" if session else "rest", carbs_g_per_kg=g_per_kg,
            carbs_g=round(g_per_kg * scenario.body_mass_kg),
            protein_g=round(protein * scenario.body_mass_kg),
        ))
    weeks = [
        PlanWeek(week=w.number, block=w.block, deload=w.deload, is_break=w.is_break,
                 note="break week (no available day): per-week rules do not apply"
                 if w.is_break else ("deload week" if w.deload else ""))
        for w in horizon.weeks
    ]
    warnings = list(horizon.warnings())
    warnings += [f"{n['date']}: {n['reason']}" for n in notes]
    plan = Plan(
        scenario=scenario.to_json_dict(),
        solver=SolverInfo(status="feasible", objective=0.0, best_bound=0.0, seconds=0.0),
        objective_terms=[], weeks=weeks, days=days, sessions=sessions, warnings=warnings,
        replanned_from=from_date,
    )
    plan.objective_terms = compute_objective_terms(plan, scenario, horizon)
    return plan


def default_catalog(scenario: Scenario) -> Catalog:
    try:
        return scenario_catalog(scenario)
    except Exception:  # noqa: BLE001 - an embedded path may not resolve from here
        return builtin_catalog()
