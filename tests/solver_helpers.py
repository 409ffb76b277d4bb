"""Small scenarios and solver shortcuts shared by the solver tests (fixed seed, deterministic)."""

from __future__ import annotations

import copy
from collections.abc import Callable

from models import builtin_catalog, parse_scenario
from models.scenario import Scenario
from optimizer.cpsat.model import build
from optimizer.cpsat.variables import Variables
from optimizer.solving import Result, SolveConfig, solve_built

TEST_CONFIG = SolveConfig(time_limit=20.0, seed=0, deterministic=True)

BASE = {
    "name": "test gym",
    "start": "2027-01-04",  # a Monday
    "weeks": 4,
    "goal": "hypertrophy",
    "level": "intermediate",
    "body_mass_kg": 75,
    "locations": {
        "gym": {"equipment": ["dumbbells", "bench", "bands", "box", "bike", "pullup_bar"]},
        "home": {"equipment": []},
    },
    "availability": {
        "mon": {"minutes": 45, "location": "gym"},
        "tue": {"minutes": 45, "location": "gym"},
        "thu": {"minutes": 45, "location": "gym"},
        "fri": {"minutes": 45, "location": "gym"},
    },
}


def scenario_data(**changes) -> dict:
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        data[key] = value
    return data


def scenario(**changes) -> Scenario:
    return parse_scenario(scenario_data(**changes), "test scenario")


def solve_fixed(
    sc: Scenario, fix: Callable[[Variables], None] | None = None, config: SolveConfig = TEST_CONFIG
) -> Result:
    """Build the model, apply `fix` (forced decisions), solve; never raises for infeasible."""
    built = build(sc, builtin_catalog())
    if fix is not None:
        fix(built.vars)
    return solve_built(built, sc, config)


def slots_of(v: Variables, weekday: str | None = None):
    return [s for s in v.structure.slots if weekday is None or s.weekday == weekday]


def ids(pattern: str | None = None, kind: str = "strength") -> list[str]:
    return [
        e.id for e in builtin_catalog().exercises
        if e.kind == kind and (pattern is None or e.pattern == pattern)
    ]
