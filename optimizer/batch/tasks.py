"""What a Dask worker runs for one client: a solve or a replan, returned as plain data.

A task never raises for a client's own problem (no plan possible, bad data): it returns an
`Outcome` with the error, so one client never ends the batch. The plan travels back as JSON
text and the client process writes it, so workers need no shared file system.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import date

from models.catalog import Catalog
from models.errors import InfeasibleError, InputError
from models.plan import Plan
from models.scenario import Scenario


@dataclass
class Outcome:
    """A client's result: the summary row's numbers, the plan's JSON text, the error."""

    client: str
    status: str  # optimal | feasible | unknown | infeasible | error | kept | interrupted
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    seconds: float = 0.0
    error: str = ""
    plan_json: str | None = None
    changed: int | None = None  # replan: sessions changed
    worker_pid: int = field(default_factory=os.getpid)

    @property
    def has_plan(self) -> bool:
        return self.status in ("optimal", "feasible", "kept")


def _outcome(client: str, result, started: float, plan: Plan | None) -> Outcome:
    if plan is None:
        return Outcome(client, result.status, seconds=time.perf_counter() - started,
                       error="no plan found within the time limit")
    return Outcome(client, result.status, result.objective, result.best_bound, result.gap,
                   time.perf_counter() - started, plan_json=plan.to_json())


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


def solve_task(client: str, scenario: Scenario, catalog: Catalog, config, input_hash: str
               ) -> Outcome:
    """Solve one client's scenario; the plan records `input_hash` for resuming."""
    from optimizer.solving import solve

    started = time.perf_counter()
    try:
        result = solve(scenario, catalog, config)
    except InfeasibleError as err:
        return Outcome(client, "infeasible", seconds=time.perf_counter() - started,
                       error=_first_line(err))
    except InputError as err:
        return Outcome(client, "error", seconds=time.perf_counter() - started, error=str(err))
    if result.plan is not None:
        result.plan.input_hash = input_hash
    return _outcome(client, result, started, result.plan)


def replan_task(client: str, old_plan_json: str, new_scenario: Scenario, catalog: Catalog,
                from_date: date, config, input_hash: str) -> Outcome:
    """Replan one client's plan from `from_date` with the past pinned."""
    from models.plan import parse_plan
    from optimizer.replan import replan

    started = time.perf_counter()
    try:
        import json

        old = parse_plan(json.loads(old_plan_json), f"{client}.plan.json")
        result = replan(old, new_scenario, from_date, catalog, config)
    except InfeasibleError as err:
        return Outcome(client, "infeasible", seconds=time.perf_counter() - started,
                       error=_first_line(err))
    except InputError as err:
        return Outcome(client, "error", seconds=time.perf_counter() - started, error=str(err))
    if result.plan is not None:
        result.plan.input_hash = input_hash
    outcome = _outcome(client, result, started, result.plan)
    if result.plan is not None:
        outcome.changed = len(result.plan.changes)
    return outcome
