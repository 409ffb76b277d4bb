"""The replan's block loop: each block of the window solved in turn (`solve_block`), the new plan
assembled from the pinned past and the blocks' sessions (`replan`)."""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from models.catalog import Catalog, builtin_catalog
from models.errors import InfeasibleError
from models.horizon import Horizon
from models.plan import Plan, Session, SolverInfo
from models.scenario import Scenario, scenario_catalog

from ..cpsat.model import Boundary, BuiltModel, build
from ..cpsat.replan_model import SESSION_WEIGHT, disruption, link_repeats, pin, respect_next
from ..cpsat.solver import (
    Search,
    SolveConfig,
    fix_literal,
    hint_all,
    interrupt_scope,
    interrupted,
    search,
    solve_fixed_to,
    solve_with_hint_fixed,
    solver_info,
)
from ..cpsat.warmstart import advance, read_assignment
from ..extract import build_plan, plan_from_sessions
from ..solving import Result
from .calendar import (
    block_unchanged,
    boundary_before,
    check_dates,
    keep_past,
    same_rules,
    unchanged_templates,
)
from .report import diff

OLD_PLAN_SHARE = 0.1  # of a block's time: do the old plan's decisions still hold?
STEP1_SHARE = 0.7  # step 1 (quality first, disruption as tie-breaker); the rest: step 2
SESSION_MIN_SECONDS = 2.5  # changed sessions count (SESSION_WEIGHT) when a block has this
# much time (measured: the session literals make a 1-second block solve miss the best quality;
# with 5 s per block they turn 32 changed sessions of the 12-week benchmark into 28 at the
# same quality)
MIN_STEP2_SECONDS = 0.1  # step 2 only runs with this much time left
ASSEMBLY_RESERVE = 0.04  # of the time limit, kept for the plan, its objective and the diff
TOLERANCE_ABS = 3  # step 2 may lose this much quality against step 1's bound ...
TOLERANCE_REL = 0.03  # ... or this share of it, whichever is larger


@dataclass(frozen=True)
class BlockTask:
    """One block of the window to re-decide, and everything it is decided from."""

    plan: Plan  # the old plan
    scenario: Scenario  # the new one (with the old availability before from_date)
    catalog: Catalog
    block: int
    boundary: Boundary  # what lies before the block: the pinned past, blocks re-decided
    from_date: date
    window_start: date  # the block's first day
    unchanged: bool  # nothing the block depends on changed
    next_unchanged: bool  # nothing the next block depends on changed
    config: SolveConfig
    seconds: float  # the block's share of the time limit


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


@dataclass
class _BlockModel:
    """A block's model with the replan's additions, and the pinned sessions it cannot fix."""

    built: BuiltModel
    notes: list[dict]
    distance: object  # the disruption expression
    most: int  # its largest value

    @property
    def quality(self):
        objective = self.built.context.objective
        return sum(expr for _, expr in objective) if objective else 0

    @property
    def templates(self) -> int:
        return len(self.built.context.structure.templates)


def _block_model(task: BlockTask, keep: frozenset[int]) -> _BlockModel:
    """The block's model: pinned days (and templates in `keep`) fixed to the old sessions,
    repeats linked, and the disruption from the old plan."""
    built = build(
        task.scenario, task.catalog, blocks=frozenset({task.block}), boundary=task.boundary,
        split_date=task.from_date,
        keep=frozenset(e.id for s in task.plan.sessions for e in s.exercises),
    )
    notes = [
        n for n in pin(built, task.plan, task.from_date, task.window_start, keep)
        if n["date"] < task.from_date.isoformat()
    ]
    link_repeats(built)
    weight = SESSION_WEIGHT if task.seconds >= SESSION_MIN_SECONDS else 0
    distance, most = disruption(built, task.plan, task.from_date, weight)
    return _BlockModel(built, notes, distance, most)


class _Clock:
    """A block's time: shares of `task.seconds` (deterministic), or what the wall clock left."""

    def __init__(self, task: BlockTask):
        self.seconds, self.deterministic = task.seconds, task.config.deterministic
        self.started = time.perf_counter()

    def share(self, share: float) -> float:
        if self.deterministic:
            return max(0.05, self.seconds * share)
        left = self.seconds - (time.perf_counter() - self.started)  # steps that end early
        return max(0.05, left if share >= STEP1_SHARE else min(self.seconds * share, left))


def _search(bm: _BlockModel, task: BlockTask, seconds: float) -> Search:
    return search(bm.built.model, replace(task.config, time_limit=seconds), bm.templates)


def _keep_or_repair(task: BlockTask, clock: _Clock):
    """Nothing the block depends on changed: the old plan, if it still holds after the blocks
    before; else its least repair (disruption first, then quality). A repair claims no bound."""
    bm = _block_model(task, frozenset())
    model = bm.built.model
    bm.built.vars.warmstart(task.plan)
    deterministic = task.config.deterministic
    old_values = solve_with_hint_fixed(model, clock.share(OLD_PLAN_SHARE), deterministic)
    if old_values is not None:
        found = solve_fixed_to(model, old_values)
        q = int(found.value(bm.quality)) if bm.built.context.objective else 0
        return bm, found, "kept", q, q
    model.minimize(bm.distance)
    found = _search(bm, task, clock.share(0.5))
    if not found.found:
        return bm, found, None, 0, 0
    how = "optimal" if found.optimal else "feasible"
    if bm.built.context.objective:
        values = found.values()
        model.add(bm.distance <= int(found.value(bm.distance)))
        model.minimize(bm.quality)
        hint_all(model, values)
        better = _search(bm, task, clock.share(1.0))
        if better.found:
            found = better
            if not better.optimal:
                how = "feasible"
    q = int(found.value(bm.quality)) if bm.built.context.objective else 0
    return bm, found, how, q, q


def _reoptimize(task: BlockTask, clock: _Clock):
    """Something changed: `BIG·quality + disruption` from the old plan as a complete hint
    (templates whose days did not change fixed to their old sessions if that works; first
    keeping the next block's old plan valid when it did not change), then, after a proven
    step 1, least disruption within the tolerance of the best quality."""
    deterministic = task.config.deterministic
    keep = (
        unchanged_templates(task.plan, task.scenario, task.block, task.from_date)
        if same_rules(task.plan.scenario_model(), task.scenario)
        else frozenset()
    )
    bm = _block_model(task, keep)
    if keep and solve_with_hint_fixed(
        bm.built.model, clock.share(OLD_PLAN_SHARE), deterministic, hinted=False
    ) is None:
        bm = _block_model(task, frozenset())
    model, quality = bm.built.model, bm.quality
    big = bm.most + 1  # > any disruption: BIG·quality + disruption is lexicographic
    model.minimize(big * quality + bm.distance)
    bm.built.vars.warmstart(task.plan)
    old_values = solve_with_hint_fixed(model, clock.share(OLD_PLAN_SHARE), deterministic)
    if old_values is not None:  # a complete hint: CP-SAT starts from the old plan at once
        hint_all(model, old_values)
    respect = respect_next(bm.built, task.plan, task.block) if task.next_unchanged else None
    found = None
    if respect is not None:
        # first keep the next block's old plan valid; without it if that is impossible
        fix_literal(respect, True)
        found = _search(bm, task, clock.share(STEP1_SHARE / 2))
        if not found.found:
            fix_literal(respect, False)
    if found is None or not found.found:
        found = _search(bm, task, clock.share(STEP1_SHARE))
    if not found.found:
        return bm, found, None, 0, 0
    how = "optimal" if found.optimal else "feasible"
    q = int(found.value(quality)) if bm.built.context.objective else 0
    bound = q if how == "optimal" else min(q, math.floor(found.bound / big))
    left = clock.share(1.0 - STEP1_SHARE - OLD_PLAN_SHARE)
    if bm.built.context.objective and how == "optimal" and left > MIN_STEP2_SECONDS:
        # step 2: least disruption within the tolerance of the best quality (step 1 proved q
        # optimal), starting from step 1's plan (complete, so always a plan)
        cap = q + max(TOLERANCE_ABS, math.ceil(TOLERANCE_REL * q))
        values = found.values()
        model.add(quality <= cap)
        model.minimize(bm.distance)
        hint_all(model, values)
        better = _search(bm, task, left)
        if better.found:
            found = better
            if not better.optimal:
                how = "feasible"
    return bm, found, how, q, bound


def solve_block(
    task: BlockTask,
) -> tuple[BlockOutcome | None, Boundary, list[dict], BuiltModel]:
    """One block of the window: pinned days fixed, old decisions kept when the block's inputs
    did not change and they still hold, else `BIG·quality + disruption` minimized with the
    old plan as hint. Returns (outcome or None when no solution in time, boundary for the
    next block, pin notes, the model)."""
    clock = _Clock(task)
    solve = _keep_or_repair if task.unchanged else _reoptimize
    bm, found, how, q, bound = solve(task, clock)
    if found.infeasible:
        raise explain_no_plan(task)
    if how is None:
        return None, task.boundary, bm.notes, bm.built
    built = bm.built
    chosen = found.chosen(built)
    placeholder = SolverInfo(status="feasible", objective=0.0, best_bound=0.0, seconds=0.0)
    mc = built.context
    block_plan = build_plan(task.scenario, mc.structure, mc.prescriber,
                            lambda slot: chosen.get(slot.key, []), placeholder,
                            long_ramps=found.long_ramps(built), eligibility=mc.eligibility)
    after = advance(task.boundary, built, read_assignment(built, found), task.block)
    outcome = BlockOutcome(
        task.block, how, q, bound, int(found.value(bm.distance)), block_plan.sessions,
        found.terms(built), time.perf_counter() - clock.started,
    )
    return outcome, after, bm.notes, built


def explain_no_plan(task: BlockTask) -> InfeasibleError:
    """Why no plan of the block keeps the sessions done before `from_date`."""
    from ..cpsat.diagnosis import DIAGNOSE_SECONDS, minimal_conflict
    from ..diagnose import sentence

    def prepare(built: BuiltModel) -> None:
        pin(built, task.plan, task.from_date, task.window_start)
        link_repeats(built)

    used = frozenset(e.id for s in task.plan.sessions for e in s.exercises)  # never pruned
    conflict = minimal_conflict(
        task.scenario, task.catalog, prepare, blocks=frozenset({task.block}),
        boundary=task.boundary, split_date=task.from_date, keep=used,
    )
    head = f"no plan from {task.from_date} keeps the sessions done before it"
    if conflict is None:
        return InfeasibleError(
            f"{head}; the reason could not be isolated in {DIAGNOSE_SECONDS:g} s"
        )
    if not conflict:
        return InfeasibleError(
            f"{head}: the pinned sessions themselves no longer fit the new "
            "scenario (a day too short, or an exercise's equipment gone)"
        )
    horizon = Horizon(task.scenario)
    reasons = [sentence(task.scenario, rule, scope, horizon) for rule, scope in conflict]
    return InfeasibleError(
        f"{head}; it would break:\n" + "\n".join(f"- {r}" for r in reasons), reasons
    )


def replan(
    plan: Plan,
    new_scenario: Scenario,
    from_date: date,
    catalog: Catalog | None = None,
    config: SolveConfig | None = None,
) -> Result:
    """Re-decide the plan from `from_date` for `new_scenario`, keeping earlier sessions.

    Ctrl-C stops the block being solved at its best solution so far; a plan needs every block
    of the window, so one comes back (marked `interrupted`) only when that was the last block,
    else none."""
    with interrupt_scope():
        result = _replan(plan, new_scenario, from_date, catalog, config or SolveConfig())
        result.interrupted = interrupted()
        return result


def _replan(
    plan: Plan, new_scenario: Scenario, from_date: date, catalog: Catalog | None,
    config: SolveConfig,
) -> Result:
    started = time.perf_counter()
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
        if interrupted():  # Ctrl-C in an earlier block: this one would have no time
            return Result("unknown", None, None, time.perf_counter() - started, None, dict(stats))
        if config.deterministic:
            share = config.time_limit / len(blocks)
        else:
            left = config.time_limit - ASSEMBLY_RESERVE * config.time_limit
            share = (left - (time.perf_counter() - started)) / (len(blocks) - i)
        task = BlockTask(
            plan, new_scenario, catalog, block, boundary, from_date,
            window_start if block == first_block else horizon.block_weeks_of(block)[0].days[0].date,
            block_unchanged(old_sc, new_scenario, block),
            block < horizon.n_blocks and block_unchanged(old_sc, new_scenario, block + 1),
            config, max(0.1, share),
        )
        outcome, boundary, block_notes, built = solve_block(task)
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
    workers = 1 if config.deterministic else max(1, config.workers)
    new_plan.solver = solver_info(status, objective, bound, seconds, config, workers)
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
    """The catalog a plan's embedded scenario names, else the built-in one."""
    try:
        return scenario_catalog(scenario)
    except Exception:  # noqa: BLE001 - an embedded path may not resolve from here
        return builtin_catalog()
