"""The independent validator behind `periodize check`: every hard rule, re-verified on a
finished plan without OR-Tools (docs/rules.md, "Hard rules").

Each rule has one function `check_<rule>(ctx) -> list[Violation]`: SPEC §2's rules in
`rules.py`, the coach-grade rules of SPEC §7 in one module per family. `CHECKS` maps rule ids
to them and `check_plan(plan)` runs them all (a rule switched off in the scenario is skipped;
`consistency` and `objective` always run; a rule listed in `FORMAT_2_RULES` only runs on
format-2 plans). Messages are in training terms: the rule, the date or week, and the numbers.

This package must not import OR-Tools, directly or indirectly (`optimizer/__init__.py` is lazy).
"""

from __future__ import annotations

from collections.abc import Callable

from models.catalog import Catalog
from models.errors import InputError
from models.horizon import Horizon
from models.plan import Plan
from models.profiles import RULES
from models.scenario import scenario_catalog

from .core import GOAL_RULE_SHARE, Context, Violation
from .endurance import check_endurance
from .energy import check_energy
from .prescription import check_intensity, check_progression, check_rest_roles
from .rules import (
    check_calves,
    check_carbs,
    check_cardio,
    check_consistency,
    check_deload,
    check_equipment,
    check_explosive,
    check_frequency,
    check_legs,
    check_objective,
    check_preferences,
    check_recovery,
    check_rest_days,
    check_session_time,
    check_set_duration,
    check_variation,
)
from .selection import check_selection
from .structure import check_structure

__all__ = ["CHECKS", "GOAL_RULE_SHARE", "Context", "Violation", "build_context", "check_plan"]

CHECKS: dict[str, Callable[[Context], list[Violation]]] = {
    "consistency": check_consistency,
    "legs": check_legs,
    "recovery": check_recovery,
    "rest_days": check_rest_days,
    "calves": check_calves,
    "cardio": check_cardio,
    "set_duration": check_set_duration,
    "session_time": check_session_time,
    "equipment": check_equipment,
    "variation": check_variation,
    "explosive": lambda ctx: (
        check_explosive(ctx) + (check_rest_roles(ctx) if ctx.plan.version >= 2 else [])
    ),
    "deload": check_deload,
    "preferences": check_preferences,
    "frequency": check_frequency,
    "carbs": check_carbs,
    "energy": check_energy,
    "selection": check_selection,
    "structure": check_structure,
    "endurance": check_endurance,
    "intensity": check_intensity,
    "progression": check_progression,
    "objective": check_objective,
}
ALWAYS = ("consistency", "objective")  # not rules of the scenario: cannot be switched off


def build_context(plan: Plan) -> Context:
    """The validated embedded scenario, its calendar, catalog and effective parameters."""
    scenario = plan.scenario_model()
    refined = refined_deload(plan)
    horizon = Horizon(scenario, refined=refined)
    try:
        catalog: Catalog | None = scenario_catalog(scenario)
    except InputError:
        catalog = None  # a user catalog that moved: the exercise data is checked no further
    params = {
        rule: {key: scenario.rule_param(rule, key) for key in spec} for rule, spec in RULES.items()
    }
    return Context(
        plan=plan,
        scenario=scenario,
        horizon=horizon,
        catalog=catalog,
        params=params,
        refined=refined,
    )


def refined_deload(plan: Plan) -> bool:
    """Whether the plan was made with SPEC §7.1's deload (week kinds): format 2, or a format-1
    file whose weeks carry their kind; older format-1 files keep §2's deload weeks."""
    if plan.version >= 2:
        return True
    return not plan.weeks or all(w.kind is not None for w in plan.weeks)


# SPEC §7's rules: checked on format-2 plans only (`check` applies the rules of the file's format)
FORMAT_2_RULES: tuple[str, ...] = ("energy", "selection", "structure", "intensity", "progression")


def check_plan(plan: Plan) -> list[Violation]:
    """Every violation of the plan's hard rules, consistency and objective; [] when valid."""
    ctx = build_context(plan)
    out: list[Violation] = []
    for rule, check in CHECKS.items():
        if rule not in ALWAYS and not ctx.scenario.rule_enabled(rule):
            continue
        if rule in FORMAT_2_RULES and plan.version < 2:
            continue
        out += check(ctx)
    return out
