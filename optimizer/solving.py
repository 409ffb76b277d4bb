"""`solve(scenario, catalog, config) -> Result`: the library's main entry point."""

from __future__ import annotations

import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from models.catalog import Catalog, builtin_catalog
from models.horizon import Horizon
from models.plan import Plan
from models.scenario import Scenario

from .coverage import coverage_warnings
from .cpsat import warmstart
from .cpsat.model import BuiltModel, build
from .cpsat.solver import (
    SolveConfig,
    gap,
    interrupt_scope,
    interrupted,
    search,
    search_size,
    solver_info,
)
from .diagnose import explain_infeasible
from .extract import build_plan
from .structure import Structure

__all__ = ["Result", "SolveConfig", "solve", "solve_built"]

# Plans of this many blocks or more are first solved block by block for a starting point.
WARMSTART_MIN_BLOCKS = 4
WARMSTART_SHARE = 0.3  # at most this share of the time limit goes to the warm start


@dataclass
class Result:
    """A solve's outcome: status, objective, best bound, gap, time, the plan and model size."""

    status: str
    objective: float | None
    best_bound: float | None
    seconds: float
    plan: Plan | None
    stats: dict[str, int] = field(default_factory=dict)
    first_solution_seconds: float | None = None
    # the objective by rule as the model counts it (tests compare it with the plan's terms)
    model_terms: dict[str, float] = field(default_factory=dict)
    interrupted: bool = False  # Ctrl-C stopped the search: the plan is the best found so far

    @property
    def gap(self) -> float | None:
        if self.objective is None or self.best_bound is None:
            return None
        return gap(self.objective, self.best_bound)

    def summary(self) -> str:
        if self.objective is None:
            return f"status {self.status} after {self.seconds:.1f} s"
        return (
            f"status {self.status}, objective {self.objective:g}, best bound "
            f"{self.best_bound:g}, gap {100 * (self.gap or 0):.2f}%, {self.seconds:.1f} s"
        )


def solve_built(
    built: BuiltModel, scenario: Scenario, config: SolveConfig, warnings: list[str] | None = None
) -> Result:
    """Solve an already built model (used by solve, compare, swap and tests that fix
    variables)."""
    with interrupt_scope():
        result = _solve_built(built, scenario, config, warnings)
        result.interrupted = interrupted()
        return result


def _solve_built(
    built: BuiltModel, scenario: Scenario, config: SolveConfig, warnings: list[str] | None = None
) -> Result:
    found = search(built.model, config, search_size(built), timed=True)
    stats = built.stats()
    if not found.found:
        return Result(found.status, None, None, found.seconds, None, stats)
    has_objective = built.model.has_objective()
    mc = built.context
    model_terms = found.terms(built)
    # The objective of the plan is the objective evaluated on the returned assignment. CP-SAT
    # 9.15 was seen reporting objective_value 1350 for a returned solution worth 1341
    # (interleaved search stopped by its time limit, 52 weeks), so its figure is not used.
    objective = float(sum(model_terms.values())) if has_objective else 0.0
    # every term is a penalty ≥ 0, so 0 bounds any plan; CP-SAT's own bound can sit below it
    # where presolve folds a term like `has − ramp` back into signed coefficients
    bound = max(0.0, min(found.bound, objective)) if has_objective else 0.0
    status = "optimal" if found.optimal and objective == bound else "feasible"
    chosen = found.chosen(built)
    info = solver_info(status, objective, bound, found.seconds, config, found.workers)
    plan = build_plan(scenario, mc.structure, mc.prescriber, lambda slot: chosen.get(slot.key, []),
                      info, warnings, found.long_ramps(built), mc.eligibility)
    return Result(status, objective, bound, found.seconds, plan, stats,
                  found.first_solution_seconds, model_terms)


def solve(
    scenario: Scenario, catalog: Catalog | None = None, config: SolveConfig | None = None
) -> Result:
    """Solve a scenario into a plan. Raises InfeasibleError (in training terms) when no plan
    satisfies the hard rules; returns a Result with status 'unknown' and no plan when the time
    limit ends before any plan is found."""
    with interrupt_scope():
        return _solve(scenario, catalog, config)


def _solve(scenario: Scenario, catalog: Catalog | None, config: SolveConfig | None) -> Result:
    catalog = catalog or builtin_catalog()
    config = config or SolveConfig()
    started = time.perf_counter()
    blocks = Structure(Horizon(scenario)).blocks_with_sessions()
    remaining = config
    first_plan: float | None = None  # seconds until a complete plan was known
    if len(blocks) < WARMSTART_MIN_BLOCKS:
        built = build(scenario, catalog)
    else:
        # The full model is built in a helper thread while the blocks are solved: CP-SAT
        # releases the GIL during a search (year-52-weeks: the 0.8 s build no longer delays
        # the first plan).
        with ThreadPoolExecutor(1, thread_name_prefix="build") as pool:
            pending = pool.submit(build, scenario, catalog)
            warm = warmstart.by_blocks(scenario, catalog, replace(config, progress=False),
                                       budget=WARMSTART_SHARE * config.time_limit)
            built = pending.result()
        if warm.complete:
            warmstart.add_hints(built, warm.assignment)
            first_plan = time.perf_counter() - started
        if config.deterministic:  # a fixed budget, not what the wall clock left
            remaining = replace(config, time_limit=config.time_limit * (1 - WARMSTART_SHARE))
        else:
            spent = time.perf_counter() - started
            remaining = replace(config, time_limit=max(1.0, config.time_limit - spent))
        if config.progress:
            print(f"  warm start: {'complete' if warm.complete else 'incomplete'} plan from "
                  f"{len(blocks)} blocks in {warm.seconds:.1f} s", file=sys.stderr)
    warnings = built.context.horizon.warnings() + coverage_warnings(
        scenario, catalog, built.context.horizon)
    solve_started = time.perf_counter() - started
    result = solve_built(built, scenario, remaining, warnings)
    result.seconds = time.perf_counter() - started
    if result.first_solution_seconds is not None:
        result.first_solution_seconds += solve_started
    if first_plan is not None:
        result.first_solution_seconds = min(result.first_solution_seconds or first_plan,
                                            first_plan)
    result.interrupted = interrupted()
    if result.status == "infeasible" and not result.interrupted:
        raise explain_infeasible(scenario, catalog, config)
    return result
