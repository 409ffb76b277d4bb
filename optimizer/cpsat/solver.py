"""Every CP-SAT search of periodize: parameters, Ctrl-C, status, gap and reading a solution back.

Nothing else creates a `CpSolver`. A search is run by `search` (a use case's solve, with the
parameters of a `SolveConfig`), `feasibility` (one worker, no objective needed: suggestions and
the diagnosis), `solve_with_hint_fixed` (do the hinted values still hold?) or `solve_fixed_to`
(a solution known in full); each returns a `Search` to read values from.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ortools
from ortools.sat.python import cp_model

from models.catalog import Exercise
from models.plan import SolverInfo

from ..endurance import applies as endurance_applies
from ..structure import SlotKey

if TYPE_CHECKING:
    from .model import BuiltModel


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


# --- parameters -----------------------------------------------------------------------------
CORE_SEARCH_MAX_TEMPLATES = 3


def search_size(built: BuiltModel) -> int | None:
    """The model's size for `_configure`'s choice of workers: its templates, or None (the LP
    workers) for an endurance plan whatever its size — measured at 30 s, seeds 0 and 1:
    endurance-runner (3 templates) objective 53 and 39 with bound 0 under the core search, 35
    and 35 with bounds 26 and 24 under the LP workers (docs/benchmark-history.md)."""
    if endurance_applies(built.context.scenario):
        return None
    return len(built.context.structure.templates)


def _time_limit(p, seconds: float, deterministic: bool) -> None:
    """A deterministic limit (CP-SAT's work units) with a wall-clock safety net, or seconds."""
    if deterministic:
        p.max_deterministic_time = seconds
        p.max_time_in_seconds = 20 * seconds + 10  # a safety net, normally not hit
    else:
        p.max_time_in_seconds = seconds


def _configure(
    solver: cp_model.CpSolver, config: SolveConfig, templates: int | None = None
) -> None:
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
    else:
        p.num_workers = max(1, config.workers)
    _time_limit(p, config.time_limit, config.deterministic)


def _light_presolve(solver: cp_model.CpSolver) -> None:
    """A block's model is small (about 1,600 variables) and solved in well under a second, of
    which the default presolve took more than half: three rounds, each with a symmetry
    detection. One round without symmetry leaves the search as fast and saves about 0.1 s per
    block (year-52-weeks: 13 blocks, first plan 7.9 s -> 6.1 s; each block still solved to
    the same objective, deterministic time 0.25 -> 0.19 per block)."""
    solver.parameters.symmetry_level = 0
    solver.parameters.max_presolve_iterations = 1


# --- status, gap, what a plan records ------------------------------------------------------
STATUS = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.MODEL_INVALID: "model_invalid",
    cp_model.UNKNOWN: "unknown",
}


def gap(objective: float, bound: float) -> float:
    """The relative gap between an objective and its best bound (0 for a zero objective)."""
    return 0.0 if objective == 0 else abs(objective - bound) / max(1.0, abs(objective))


def solver_info(
    status: str, objective: float, bound: float, seconds: float, config: SolveConfig,
    workers: int,
) -> SolverInfo:
    """The `solver` record of a plan."""
    return SolverInfo(
        status=status, objective=objective, best_bound=bound, seconds=round(seconds, 3),
        seed=config.seed, workers=workers, gap=gap(objective, bound),
        deterministic=config.deterministic, ortools=ortools.__version__,
    )


# --- Ctrl-C -----------------------------------------------------------------------------------
# CP-SAT's own SIGINT handler (parameter catch_sigint_signal, on by default) stops the search
# like a time limit but swallows the signal: a solve made of several searches (the block-by-block
# warm start, then the full model; replan's blocks and steps) would go on with the next search,
# and nobody would know the user asked to stop. So the handler is off, the search runs in a
# helper thread, and the main thread waits on it: Python raises KeyboardInterrupt there at once,
# which stops the search (`stop_search`: CP-SAT returns the best solution found so far, as at a
# time limit) and every later search of the same scope (`interrupt_scope`).
_interrupted = threading.Event()
_scope_depth = 0  # nesting of interrupt scopes: the outermost one starts afresh


@contextmanager
def interrupt_scope() -> Iterator[None]:
    """A Ctrl-C counts for the outermost use case (solve, replan, compare, ...) it happened in,
    not for later ones."""
    global _scope_depth
    if _scope_depth == 0:
        _interrupted.clear()
    _scope_depth += 1
    try:
        yield
    finally:
        _scope_depth -= 1


def interrupted() -> bool:
    """Whether Ctrl-C stopped a search of the current scope."""
    return _interrupted.is_set()


def _run(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    callback: cp_model.CpSolverSolutionCallback | None = None,
    interruptible: bool = True,
) -> int:
    """`solver.solve(model, callback)`, stopped cleanly by Ctrl-C (see above); after a Ctrl-C
    an `interruptible` search gets no time at all."""
    solver.parameters.catch_sigint_signal = False
    if interruptible and _interrupted.is_set():
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

    # SIGINT held while the thread starts (it inherits the mask, so the signal always reaches
    # this thread), then delivered inside the try
    held = _hold_sigint()
    threading.Thread(target=work, name="cp-sat", daemon=True).start()
    try:
        _release_sigint(held)
        done.wait()
    except KeyboardInterrupt:
        _interrupted.set()
        # stop_search does nothing before the search has begun: a Ctrl-C that landed just as
        # a search started let it run to its time limit (a flaky replan test); so repeat it
        while not done.wait(0.05):
            solver.stop_search()
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out["code"]  # type: ignore[return-value]


def _hold_sigint():
    """Block SIGINT in this thread (POSIX); the previous mask, or None."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _release_sigint(held) -> None:
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


class _Progress(cp_model.CpSolverSolutionCallback):
    """Time of the first solution; with `echo`, objective and bound of each on stderr."""

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


# --- one search and its answer ----------------------------------------------------------------
@dataclass
class Search:
    """The answer of one search: status, values of the solution found (if any), bound."""

    solver: cp_model.CpSolver
    model: cp_model.CpModel
    code: int
    seconds: float
    first_solution_seconds: float | None = None

    @property
    def status(self) -> str:
        return STATUS[self.code]

    @property
    def found(self) -> bool:
        """A solution is known (proven optimal or not)."""
        return self.code in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    @property
    def optimal(self) -> bool:
        return self.code == cp_model.OPTIMAL

    @property
    def infeasible(self) -> bool:
        return self.code == cp_model.INFEASIBLE

    def spent(self, deterministic: bool) -> float:
        """What the search used of its time limit: work units when deterministic, else seconds."""
        return self.solver.response_proto.deterministic_time if deterministic else self.seconds

    @property
    def bound(self) -> float:
        return self.solver.best_objective_bound

    @property
    def workers(self) -> int:
        return self.solver.parameters.num_workers

    def value(self, expr: cp_model.LinearExprT) -> int:
        return self.solver.value(expr)

    def boolean(self, literal: cp_model.LiteralT) -> bool:
        return self.solver.boolean_value(literal)

    def values(self) -> list[int]:
        """The value of every variable of the model, in proto order (for hints)."""
        m = self.model
        return [self.solver.value(m.get_int_var_from_proto_index(i))
                for i in range(len(m.proto.variables))]

    def sufficient_assumptions(self) -> list[int]:
        """Indexes of assumption literals that suffice for infeasibility."""
        return list(self.solver.sufficient_assumptions_for_infeasibility())

    def chosen(self, built: BuiltModel) -> dict[SlotKey, list[tuple[Exercise, int]]]:
        """The exercises and doses of every slot with a session, in the slot's option order."""
        v = built.vars
        out: dict[SlotKey, list[tuple[Exercise, int]]] = {}
        for slot in built.context.structure.slots:
            if self.boolean(v.on(slot)):
                out[slot.key] = [(c.exercise, self.value(c.dose)) for c in v.options(slot)
                                 if self.boolean(c.use)]
        return out

    def long_ramps(self, built: BuiltModel) -> frozenset[int]:
        """Templates whose long steady bout ramps to its dose (rule `endurance`)."""
        return frozenset(t for t, bout in built.context.long_bouts.items()
                         if bout.ramps and self.boolean(bout.ramp))

    def terms(self, built: BuiltModel) -> dict[str, float]:
        """The objective by rule, as the model counts it."""
        out: dict[str, float] = {}
        for rule, expr in built.context.objective:
            out[rule] = out.get(rule, 0.0) + self.value(expr)
        return out


def _new_solver() -> cp_model.CpSolver:
    """The one place a CP-SAT solver is made; each search sets its own parameters."""
    return cp_model.CpSolver()


def _searched(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    callback: _Progress | None = None,
    interruptible: bool = True,
) -> Search:
    started = time.perf_counter()
    code = _run(solver, model, callback, interruptible)
    first = callback.first if callback is not None else None
    return Search(solver, model, code, time.perf_counter() - started, first)


def search(
    model: cp_model.CpModel,
    config: SolveConfig,
    templates: int | None = None,
    *,
    timed: bool = False,
    light_presolve: bool = False,
) -> Search:
    """One search with the config's parameters (`templates`: see `_configure`); progress on
    stderr when the config asks for it, the time of the first solution when `timed`.
    `light_presolve` suits the small window models of the warm start."""
    solver = _new_solver()
    _configure(solver, config, templates)
    if light_presolve:
        _light_presolve(solver)
    if _complete_hint(model):
        # presolve's symmetry breaking can cut the hinted solution off ("the solution hint is
        # complete, but it is infeasible"): year-52-weeks' warm start then took 12 s to repair
        # instead of being the first plan right after presolve
        solver.parameters.symmetry_level = 0
    watch = _Progress(config.progress) if timed or config.progress else None
    return _searched(solver, model, watch)


def _complete_hint(model: cp_model.CpModel) -> bool:
    proto = model.proto
    return len(proto.solution_hint.vars) == len(proto.variables) > 0


def feasibility(
    model: cp_model.CpModel, seconds: float, *, seed: int, assumptions: list | None = None
) -> Search:
    """One worker, `seconds` of wall time: is there a solution (under `assumptions`)?"""
    model.clear_assumptions()
    if assumptions is not None:
        model.add_assumptions(assumptions)
    solver = _new_solver()
    p = solver.parameters
    p.num_workers = 1
    p.random_seed = seed
    p.max_time_in_seconds = seconds
    return _searched(solver, model)


def solve_with_hint_fixed(
    model: cp_model.CpModel, seconds: float, deterministic: bool, hinted: bool = True
) -> list[int] | None:
    """Solve with every hinted variable fixed to its hint (`hinted`; else just a feasible
    solution): the values of a complete solution (the hinted decisions, completed), or None
    when they do not hold (or none is found in time)."""
    solver = _new_solver()
    p = solver.parameters
    p.fix_variables_to_their_hinted_value = hinted
    p.stop_after_first_solution = not hinted  # a feasibility check
    p.num_workers = 1
    _time_limit(p, seconds, deterministic)
    found = _searched(solver, model)
    return found.values() if found.found else None


def hint_all(model: cp_model.CpModel, values: list[int]) -> None:
    """Make `values` (one per variable, in proto order) the model's complete hint."""
    model.clear_hints()
    for i, value in enumerate(values):
        model.add_hint(model.get_int_var_from_proto_index(i), value)


def solve_fixed_to(model: cp_model.CpModel, values: list[int]) -> Search:
    """A search holding exactly `values` (a complete solution of the model): every variable is
    fixed, so it is pure propagation, and it runs even after a Ctrl-C."""
    hint_all(model, values)
    solver = _new_solver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    return _searched(solver, model, interruptible=False)


def fix_literal(literal: cp_model.IntVar, value: bool) -> None:
    """Fix a Boolean variable of a built model to `value` (for the next searches)."""
    literal.with_domain(cp_model.Domain(int(value), int(value)))
