"""Rule `explosive`, "rest falls at least once within a block": an exercise done only in one
regular week and the deload after it (whose rest holds the previous week's) would keep the
same rest. The model forbids that; `check` names it. Reproduces the replan finding (a mid-block
availability change) in a fresh solve: weeks 3-4 of a 4-week block get their own template."""

from __future__ import annotations

from solver_helpers import scenario_data, solve_fixed

from models import parse_scenario
from optimizer.validate import check_plan

EX = "dumbbell-curl"


def _late_change(rules: dict | None = None):
    data = scenario_data()
    data["exceptions"] = [
        {
            "from": "2027-01-18",
            "to": "2027-01-31",  # weeks 3-4 (4 = deload)
            "availability": {
                d: {"minutes": 50, "location": "gym"} for d in ("mon", "tue", "thu", "fri")
            },
        }
    ]
    if rules:
        data["rules"] = rules
    return parse_scenario(data, "weeks 3-4 changed")


def _only_late(v):
    """EX in the weeks 3-4 template (Monday), never in weeks 1-2."""
    early, late = v.structure.template_of_week(1), v.structure.template_of_week(3)
    assert early.index != late.index
    for slot in early.slots:
        v.fix(slot, exclude=[EX])
    v.fix(v.slot(late.index, "mon"), on=True, exercises={EX: 0})


def test_exercise_only_in_a_week_and_its_deload_is_infeasible():
    result = solve_fixed(_late_change(), _only_late)
    assert result.plan is None and result.status == "infeasible"


def test_without_the_constraint_check_finds_the_rest_that_stays(monkeypatch):
    """The gap this closes: without the model's constraint such a plan is found, and `check`
    reports that the rest of EX never falls in its block."""
    from optimizer.cpsat.rules import explosive

    monkeypatch.setattr(explosive, "add", lambda ctx: None)
    result = solve_fixed(_late_change(), _only_late)
    assert result.plan is not None
    flat = [
        v
        for v in check_plan(result.plan)
        if v.rule == "explosive" and EX in v.message and "must fall" in v.message
    ]
    assert flat, check_plan(result.plan)


def test_free_solve_with_a_late_change_passes_check():
    result = solve_fixed(_late_change())
    assert result.plan is not None
    assert check_plan(result.plan) == []
