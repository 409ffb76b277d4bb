"""Data models of periodize (pydantic, no solver): scenario, catalog, plan, goal profiles."""

from .catalog import Catalog, Exercise, builtin_catalog, load_catalog
from .errors import InfeasibleError, InputError
from .horizon import Horizon
from .plan import Plan, load_plan, parse_plan, write_atomic
from .scenario import Scenario, load_scenario, parse_scenario

__all__ = [
    "Catalog", "Exercise", "builtin_catalog", "load_catalog", "InfeasibleError", "InputError",
    "Horizon", "Plan", "load_plan", "parse_plan", "write_atomic", "Scenario", "load_scenario",
    "parse_scenario",
]
