"""Which hard requirements conflict when a model has no solution.

Every hard-rule constraint is added through `ModelContext.require`, which in diagnosis mode
guards it with a literal per (rule, scope). CP-SAT is asked for assumptions sufficient for
infeasibility on the model without objective (one worker), and the answer is shrunk to a
minimal set by deletion: a requirement is dropped when the others are still infeasible without
it. Putting the conflict into training terms is `optimizer.diagnose`'s job.
"""

from __future__ import annotations

from collections.abc import Callable

from models.catalog import Catalog
from models.scenario import Scenario

from .model import BuiltModel, build
from .solver import feasibility, interrupt_scope

DIAGNOSE_SECONDS = 10.0  # to prove the guarded model infeasible
SHRINK_SECONDS = 2.0  # per deletion trial
# CP-SAT's default seed: the one the diagnosis has always used (its core, and so its message,
# may depend on it).
DIAGNOSE_SEED = 1

Requirement = tuple[str, str]  # (rule, scope), e.g. ("legs", "week 3")


def minimal_conflict(
    scenario: Scenario,
    catalog: Catalog,
    prepare: Callable[[BuiltModel], None] | None = None,
    seconds: float = DIAGNOSE_SECONDS,
    **build_options,
) -> list[Requirement] | None:
    """The requirements that together leave no plan, none of them superfluous: the model of
    `scenario` (built with `build_options`, then given to `prepare` to add what the caller
    forces: a swap, the pinned past, a sweep's constraint) has no solution with all of them.
    `[]` when it has none even without any of them; None when its infeasibility was not proven
    within `seconds`."""
    with interrupt_scope():
        return _minimal_conflict(scenario, catalog, prepare, seconds, build_options)


def _minimal_conflict(
    scenario: Scenario,
    catalog: Catalog,
    prepare: Callable[[BuiltModel], None] | None,
    seconds: float,
    build_options: dict,
) -> list[Requirement] | None:
    built = build(scenario, catalog, diagnose=True, **build_options)
    if prepare is not None:
        prepare(built)
    model = built.model
    model.clear_objective()
    guards = list(built.context.guards.items())
    lits = [var for _, var in guards]
    answer = feasibility(model, seconds, seed=DIAGNOSE_SEED, assumptions=lits)
    if not answer.infeasible:
        return None
    core = set(answer.sufficient_assumptions())
    kept = [v for v in lits if v.index in core]
    for var in list(kept):  # shrink by deletion to a minimal set (bounded effort)
        if len(kept) <= 1:
            break
        trial = [v for v in kept if v is not var]
        if feasibility(model, SHRINK_SECONDS, seed=DIAGNOSE_SEED, assumptions=trial).infeasible:
            kept = trial
    requirement = {var.index: key for key, var in guards}
    return [requirement[v.index] for v in kept]
