"""The hard rules' measures (optimizer/validate/measures.py): `check` reports exactly the places
whose slack is negative, and `explain`'s tightest place is the smallest slack of the same measure.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from plan_factory import make_plan, refresh  # noqa: E402

from optimizer.explain import hard_lines  # noqa: E402
from optimizer.validate import build_context, check_plan  # noqa: E402
from optimizer.validate.measures import MEASURES, tightest  # noqa: E402


def _weaken_calves(plan, sets: int):
    for s in plan.sessions:
        for e in s.exercises:
            if e.pattern == "calf_raise":
                e.sets = sets
    return refresh(plan)


def test_every_measured_place_of_a_valid_plan_has_slack():
    ctx = build_context(make_plan(3))
    for rule, measures in MEASURES.items():
        for measure in measures:
            for m in measure(ctx):
                assert m.rule == rule and not m.broke, m


def test_a_broken_limit_is_the_violation_and_the_tightest_place():
    plan = _weaken_calves(make_plan(2), 2)
    ctx = build_context(plan)
    calves = [v.message for v in check_plan(plan) if v.rule == "calves"]
    (tight,) = tightest(ctx, "calves")
    assert tight.broke and tight.binding and tight.slack == 4 - 6
    assert f"calves: {tight.broken}" in calves
    line = next(h for h in hard_lines(ctx) if h.rule == "calves")
    assert (line.where, line.value, line.slack, line.binding) == (
        tight.where, "4 calf sets", "-2 sets", True)


def test_a_limit_met_exactly_binds_without_breaking():
    plan = _weaken_calves(make_plan(2, rules={"calves": {"min_sets": 4}}), 2)
    (tight,) = tightest(build_context(plan), "calves")
    assert tight.slack == 0 and tight.binding and not tight.broke
    assert not [v for v in check_plan(plan) if v.rule == "calves"]


def test_explain_lists_each_measured_limit_once():
    ctx = build_context(make_plan(3))
    lines = hard_lines(ctx)
    for rule in MEASURES:
        if ctx.scenario.rule_enabled(rule):
            names = {m.name for measure in MEASURES[rule] for m in measure(ctx)}
            assert sum(1 for h in lines if h.rule == rule) == len(names), rule


def test_power_lifts_and_carries_are_no_hypertrophy_volume():
    """One measure for model, recomputation and explain: a farmer's carry and a get-up add no
    half sets in a format-2 plan; a format-1 plan (no role) keeps its old counting."""
    from optimizer.objective import half_set_weight

    assert half_set_weight("strength", ("core", "back"), (), "back", "carry", "accessory") == 0
    assert half_set_weight("strength", ("core", "shoulders"), (), "shoulders", "core", "power") == 0
    assert half_set_weight("strength", ("core", "back"), (), "back", "carry", None) == 2
    assert half_set_weight("strength", ("back",), ("biceps",), "biceps", "horizontal_pull",
                           "accessory") == 1
