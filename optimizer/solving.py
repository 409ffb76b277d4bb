"""`solve(scenario, catalog, config) -> Result`: the library's main entry point."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import ortools
from ortools.sat.python import cp_model

from models.catalog import Catalog, builtin_catalog
from models.horizon import Horizon
from models.plan import Plan, SolverInfo
from models.scenario import Scenario

from . import warmstart
from .diagnose import explain_infeasible
from .extract import build_plan
from .model import BuiltModel, build
from .structure import Structure

# Plans of this many blocks or more are first solved block by block for a starting point.
WARMSTART_MIN_BLOCKS = 4
WARMSTART_SHARE = 0.3  # at most this share of the time limit goes to the warm start


@dataclass(frozen=True)
class SolveConfig:
    """How to solve. `deterministic` uses one worker and a deterministic time limit, so the
    same scenario and seed give the same plan (at the price of the 2-core portfolio)."""

    time_limit: float = 30.0
    seed: int = 0
    workers: int = 2
    deterministic: bool = False
    relative_gap: float = 0.0
    progress: bool = False  # objective and bound as they improve, on stderr
    log: bool = False  # CP-SAT's own search log, on stderr


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
        if self.objective == 0:
            return 0.0
        return abs(self.objective - self.best_bound) / max(1.0, abs(self.objective))

    def summary(self) -> str:
        if self.objective is None:
            return f"status {self.status} after {self.seconds:.1f} s"
        return (
            f"status {self.status}, objective {self.objective:g}, best bound "
            f"{self.best_bound:g}, gap {100 * (self.gap or 0):.2f}%, {self.seconds:.1f} s"
        )


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, echo: bool):
        super().__init__()
        self.echo = echo
        self.start = time.perf_counter()
        self.first: float | None = None

    def on_solution_callback(self) -> None:
        now = time.perf_counter() - self.start
        if self.first is None:
            self.first = now
        if self.echo:
            print(
                f"  {now:6.1f} s  objective {self.objective_value:g}  bound "
                f"{self.best_objective_bound:g}",
                file=sys.stderr,
            )


# --- Ctrl-C -----------------------------------------------------------------------------------
# CP-SAT's own SIGINT handler (parameter catch_sigint_signal, on by default) stops the search
# like a time limit but swallows the signal: a solve made of several searches (the block-by-block
# warm start, then the full model) would go on with the next search, and nobody would know the
# user asked to stop. So the handler is off, the search runs in a helper thread, and the main
# thread waits on it: Python raises KeyboardInterrupt there at once, which stops the search
# (`stop_search`: CP-SAT returns the best solution found so far, as at a time limit) and every
# later search of the same `solve` call.
_interrupted = threading.Event()
_scope_depth = 0  # nesting of solve/solve_built calls: the outermost one starts a fresh scope


@contextmanager
def _interrupt_scope() -> Iterator[None]:
    """A Ctrl-C counts for the outermost solve call it happened in, not for later ones."""
    global _scope_depth
    if _scope_depth == 0:
        _interrupted.clear()
    _scope_depth += 1
    try:
        yield
    finally:
        _scope_depth -= 1


def run_solver(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    callback: cp_model.CpSolverSolutionCallback | None = None,
) -> int:
    """`solver.solve(model, callback)`, stopped cleanly by Ctrl-C (see above)."""
    solver.parameters.catch_sigint_signal = False
    if _interrupted.is_set():  # an earlier search of this solve was interrupted: no new one
        solver.parameters.max_time_in_seconds = 0.0
    if threading.current_thread() is not threading.main_thread():
        return solver.solve(model, callback)  # signals only reach the main thread
    out: dict[str, int | BaseException] = {}
    done = threading.Event()  # not Thread.join: an interrupted join may not wait again (3.11)

    def work() -> None:
        try:
            out["code"] = solver.solve(model, callback)
        except BaseException as err:  # re-raised in the caller's thread
            out["error"] = err
        finally:
            done.set()

    threading.Thread(target=work, name="cp-sat", daemon=True).start()
    try:
        done.wait()
    except KeyboardInterrupt:
        _interrupted.set()
        solver.stop_search()
        done.wait()
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out["code"]  # type: ignore[return-value]


CORE_SEARCH_MAX_TEMPLATES = 3


def configure(solver: cp_model.CpSolver, config: SolveConfig, templates: int | None = None) -> None:
    """Solver parameters for a config; `templates` (the model's size in session templates)
    picks the two workers' strategies."""
    p = solver.parameters
    p.random_seed = config.seed
    p.relative_gap_limit = config.relative_gap
    p.log_search_progress = config.log
    # Probing costs more than it gives on this model (12-week gym: 3.3 s -> 1.4 s to optimal).
    p.cp_model_probing_level = 0
    if max(1, config.workers) <= 2:
        # Two full-problem workers, chosen by measurement (docs/model.md, "Search"): on a few
        # templates the core-based search proves fastest (12-week gym 0.7 s instead of 3.3 s,
        # bodyweight gap 0.4% instead of 16%); on many templates the LP with all cuts is what
        # closes the gap (52 weeks: bound 22 of 24 instead of 0 after 30 s).
        few = templates is not None and templates <= CORE_SEARCH_MAX_TEMPLATES
        p.subsolvers.extend(["core", "default_lp"] if few else ["max_lp", "default_lp"])
    if config.deterministic:
        # Interleaved search runs the portfolio's workers in a fixed order: deterministic, and
        # far faster here than a single worker (which took 13-30 s on the 12-week gym case).
        p.num_workers = max(2, config.workers)
        p.interleave_search = True
        p.max_deterministic_time = config.time_limit
        p.max_time_in_seconds = 20 * config.time_limit + 10  # a safety net, normally not hit
    else:
        p.num_workers = max(1, config.workers)
        p.max_time_in_seconds = config.time_limit


def solve_built(
    built: BuiltModel, scenario: Scenario, config: SolveConfig, warnings: list[str] | None = None
) -> Result:
    """Solve an already built model (used by solve, replan and tests that fix variables)."""
    with _interrupt_scope():
        result = _solve_built(built, scenario, config, warnings)
        result.interrupted = _interrupted.is_set()
        return result


def _solve_built(
    built: BuiltModel, scenario: Scenario, config: SolveConfig, warnings: list[str] | None = None
) -> Result:
    solver = cp_model.CpSolver()
    configure(solver, config, len(built.context.structure.templates))
    progress = _Progress(config.progress)
    started = time.perf_counter()
    code = run_solver(solver, built.model, progress)
    seconds = time.perf_counter() - started
    status = solver.status_name(code).lower()
    stats = built.stats()
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Result(status, None, None, seconds, None, stats)
    has_objective = built.model.has_objective()
    ctx = built.context
    model_terms: dict[str, float] = {}
    for rule, expr in ctx.objective:
        model_terms[rule] = model_terms.get(rule, 0.0) + solver.value(expr)
    # The objective of the plan is the objective evaluated on the returned assignment. CP-SAT
    # 9.15 was seen reporting objective_value 1350 for a returned solution worth 1341
    # (interleaved search stopped by its time limit, 52 weeks), so its figure is not used.
    objective = float(sum(model_terms.values())) if has_objective else 0.0
    bound = min(solver.best_objective_bound, objective) if has_objective else 0.0
    status = "optimal" if code == cp_model.OPTIMAL and objective == bound else "feasible"
    v = built.vars

    def chosen(slot):
        if not solver.boolean_value(v.on(slot)):
            return []
        return [(c.exercise, solver.value(c.dose)) for c in v.options(slot)
                if solver.boolean_value(c.use)]

    info = SolverInfo(
        status=status, objective=objective, best_bound=bound, seconds=round(seconds, 3),
        seed=config.seed, workers=solver.parameters.num_workers,
        gap=0.0 if objective == 0 else abs(objective - bound) / max(1.0, abs(objective)),
        deterministic=config.deterministic, ortools=ortools.__version__,
    )
    plan = build_plan(scenario, ctx.structure, ctx.prescriber, chosen, info, warnings)
    return Result(status, objective, bound, seconds, plan, stats, progress.first, model_terms)


def solve(
    scenario: Scenario, catalog: Catalog | None = None, config: SolveConfig | None = None
) -> Result:
    """Solve a scenario into a plan. Raises InfeasibleError (in training terms) when no plan
    satisfies the hard rules; returns a Result with status 'unknown' and no plan when the time
    limit ends before any plan is found."""
    with _interrupt_scope():
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
            per_block = min(1.0, max(0.3, WARMSTART_SHARE * config.time_limit / len(blocks)))
            warm = warmstart.by_blocks(
                scenario, catalog, replace(config, time_limit=per_block, progress=False)
            )
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
    warnings = built.context.horizon.warnings()
    solve_started = time.perf_counter() - started
    result = solve_built(built, scenario, remaining, warnings)
    result.seconds = time.perf_counter() - started
    if result.first_solution_seconds is not None:
        result.first_solution_seconds += solve_started
    if first_plan is not None:
        result.first_solution_seconds = min(result.first_solution_seconds or first_plan,
                                            first_plan)
    result.interrupted = _interrupted.is_set()
    if result.status == "infeasible" and not result.interrupted:
        raise explain_infeasible(scenario, catalog, config)
    return result
