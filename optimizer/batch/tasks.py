"""What a Dask worker runs for one client: a solve or a replan, returned as plain data.

A task never raises for a client's own problem (no plan possible, bad data): it returns an
`Outcome` with the error, so one client never ends the batch. The plan travels back as JSON
text and the client process writes it, so workers need no shared file system.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from models.catalog import Catalog
from models.errors import InfeasibleError, InputError
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

    @property
    def has_plan(self) -> bool:
        return self.status in ("optimal", "feasible", "kept")


def _reason(err: Exception) -> str:
    """The reason on one line (a summary cell): the message's lines joined, at most 300 chars."""
    text = " ".join(line.strip() for line in str(err).splitlines() if line.strip())
    return text[:300] or type(err).__name__


def _run(client: str, input_hash: str, call: Callable[[], object]) -> Outcome:
    """Run a solve or replan for one client; its own problems become the Outcome's error."""
    started = time.perf_counter()
    try:
        result = call()
    except InfeasibleError as err:
        return Outcome(client, "infeasible", seconds=time.perf_counter() - started,
                       error=_reason(err))
    except InputError as err:
        return Outcome(client, "error", seconds=time.perf_counter() - started, error=str(err))
    if result.plan is None:
        return Outcome(client, result.status, seconds=time.perf_counter() - started,
                       error="no plan found within the time limit")
    result.plan.input_hash = input_hash
    outcome = Outcome(client, result.status, result.objective, result.best_bound, result.gap,
                      time.perf_counter() - started, plan_json=result.plan.to_json())
    if result.plan.replanned_from is not None:
        outcome.changed = len(result.plan.changes)
    return outcome


def solve_task(client: str, scenario: Scenario, catalog: Catalog, config, input_hash: str
               ) -> Outcome:
    """Solve one client's scenario; the plan records `input_hash` for resuming."""
    from optimizer.solving import solve

    return _run(client, input_hash, lambda: solve(scenario, catalog, config))


def replan_task(client: str, old_plan_json: str, new_scenario: Scenario, catalog: Catalog,
                from_date: date, config, input_hash: str) -> Outcome:
    """Replan one client's plan from `from_date` with the past pinned."""
    from models.plan import parse_plan
    from optimizer.replan import replan

    def call():
        old = parse_plan(json.loads(old_plan_json), f"{client}.plan.json")
        return replan(old, new_scenario, from_date, catalog, config)

    return _run(client, input_hash, call)
