"""SPEC §7.1 rules `selection` and `structure`: the pure measures (optimizer/eligibility.py),
the validator on hand-broken plans (tests/plan_factory.py) and the explain texts."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from plan_factory import make_plan as make_plan_1  # noqa: E402
from plan_factory import planned, refresh, set_scenario, to_format_2  # noqa: E402

from models import builtin_catalog, parse_scenario  # noqa: E402
from optimizer.eligibility import Eligibility, equipment_tier  # noqa: E402
from optimizer.explain import why_session  # noqa: E402
from optimizer.validate import check_plan  # noqa: E402

CAT = builtin_catalog()
EX = CAT.by_id()


def _scenario(level="intermediate", equipment=("dumbbells", "bench"), **extra):
    data = {"name": "t", "start": "2027-01-04", "weeks": 4, "goal": "hypertrophy",
            "level": level, "body_mass_kg": 75,
            "locations": {"home": {"equipment": list(equipment)}},
            "availability": {"mon": {"minutes": 45, "location": "home"}}, **extra}
    return parse_scenario(data, "t")


def _dumbbell_home(plan):
    return set_scenario(plan, locations={"home": {"equipment": ["dumbbells", "bench"]}})


# --- the measure ------------------------------------------------------------------------------
def test_regressions_only_without_a_loadable_variant():
    rule = Eligibility(_scenario(), CAT)
    assert not rule.regression_allowed(EX["knee-push-up"], "home", deload=False)
    assert not rule.regression_allowed(EX["towel-door-row"], "home", deload=False)
    assert not rule.regression_allowed(EX["glute-bridge"], "home", deload=False)
    assert rule.regression_allowed(EX["knee-push-up"], "home", deload=True)
    assert rule.regression_allowed(EX["push-up"], "home", deload=False)  # not a regression
    bare = Eligibility(_scenario(equipment=()), CAT)
    assert bare.regression_allowed(EX["knee-push-up"], "home", deload=False)
    novice = Eligibility(_scenario(level="novice"), CAT)
    assert novice.regression_allowed(EX["knee-push-up"], "home", deload=False)


def test_preferences_ruling_out_the_loadable_ones_allow_the_regression():
    avoid = [e.id for e in CAT.exercises if e.pattern == "horizontal_push" and e.loadable]
    rule = Eligibility(_scenario(preferences={"avoid": avoid}), CAT)
    assert rule.regression_allowed(EX["knee-push-up"], "home", deload=False)
    off = Eligibility(_scenario(rules={"selection": {"enabled": False}}), CAT)
    assert off.regression_allowed(EX["knee-push-up"], "home", deload=False)


def test_equipment_tiers_and_cost():
    assert [equipment_tier(EX[i]) for i in ("barbell-back-squat", "goblet-squat", "leg-press",
                                              "bodyweight-squat", "pull-up")] == [0, 1, 2, 3, 1]
    gym = Eligibility(_scenario(equipment=("barbell", "rack", "bench", "dumbbells", "machine")),
                      CAT)
    assert gym.tier_cost(EX["barbell-back-squat"], "home") == 0
    assert gym.tier_cost(EX["goblet-squat"], "home") == 1
    assert gym.tier_cost(EX["leg-press"], "home") == 2
    assert gym.tier_cost(EX["dumbbell-curl"], "home") == 0  # isolation: not main work
    home = Eligibility(_scenario(), CAT)
    assert home.tier_cost(EX["goblet-squat"], "home") == 0  # the best this home has


def make_plan(weeks: int, **kw):
    """The factory's plan in format 2, where `selection` and `structure` apply."""
    return to_format_2(make_plan_1(weeks, **kw))


# --- the validator ----------------------------------------------------------------------------
def test_selection_names_rule_date_exercise_and_better_variant():
    plan = _dumbbell_home(make_plan(2))
    found = [v for v in check_plan(plan) if v.rule == "selection"]
    assert found, "regressions with dumbbells at home must break `selection`"
    squat = [v for v in found if "Bodyweight Squat" in v.message]
    assert squat[0].date == date(2027, 1, 4) and squat[0].week == 1
    assert ("Bodyweight Squat is a regression of Dumbbell Goblet Squat; not used for an "
            "intermediate "
            "while the home has") in squat[0].message
    assert "Goblet Squat" in squat[0].message.split("(e.g.")[1]


def test_selection_allows_regressions_in_deload_weeks_and_for_novices():
    plan = _dumbbell_home(make_plan(3))  # week 3 is the deload
    weeks = {v.week for v in check_plan(plan) if v.rule == "selection"}
    assert weeks == {1, 2}
    novice = set_scenario(make_plan(2), level="novice",
                          locations={"home": {"equipment": ["dumbbells", "bench"]}})
    assert not [v for v in check_plan(novice) if v.rule == "selection"]


def test_selection_is_a_format_2_rule():
    plan = _dumbbell_home(make_plan(2))
    plan.format = "periodize-plan/1"
    assert not [v for v in check_plan(plan) if v.rule == "selection"]


# --- explain ----------------------------------------------------------------------------------
def test_explain_names_the_regression_and_the_variant_chosen():
    plan = _dumbbell_home(make_plan(2))
    why = why_session(plan, date(2027, 1, 5))  # Tuesday: push-up, doorframe row, …
    push = next(e for e in why.exercises if e.id == "push-up")
    text = " ".join(push.reasons + push.not_possible)
    assert "Knee Push-Up is a regression of Push-Up; not used for an intermediate" in text
    assert "Push-Up chosen instead" in text
    assert "structure: every regular week holds a horizontal push (also decline-push-up)" in text


# --- structure: the validator on hand-broken plans --------------------------------------------
def _structure(plan) -> list:
    return [v for v in check_plan(plan) if v.rule == "structure"]


def _drop(plan, ids: set[str]):
    for s in plan.sessions:
        s.exercises = [e for e in s.exercises if e.id not in ids]
    return refresh(plan)


def test_structure_names_a_missing_pattern():
    plan = _drop(make_plan(2), {"floor-slide-lat-pulldown"})
    found = _structure(plan)
    assert [v.week for v in found] == [1, 2]
    assert found[0].message == ("structure: week 1: no vertical pull although home offers one "
                                "(coverage)")


def test_structure_session_shape():
    plan = _drop(make_plan(2), {"pike-push-up", "plank"})  # Tuesday: push-up and a row only
    found = _structure(plan)
    assert found and found[0].date == date(2027, 1, 5) and found[0].week == 1
    assert ("2027-01-05: a strength session on a 60-min day holds 2 strength exercises on 2 "
            "patterns") in found[0].message
    assert "needs ≥ 3 on ≥ 2, one a compound" in found[0].message


def test_structure_session_shape_in_a_deload_week():
    """A deload week's sessions keep a session's shape (a travel week's template is its own)."""
    plan = make_plan(4)
    for s in plan.sessions:
        if s.week == 4:
            s.exercises = [e for e in s.exercises if e.id not in {"pike-push-up", "plank"}]
    found = _structure(refresh(plan))
    assert [v.week for v in found] == [4]
    assert "needs ≥ 3 on ≥ 2, one a compound" in found[0].message


def test_structure_isolation_and_calf_caps():
    plan = make_plan(2)
    tuesday = next(s for s in plan.sessions if s.weekday == "tue")
    tuesday.exercises.append(planned("side-lying-hip-abduction", 5))
    monday = next(s for s in plan.sessions if s.weekday == "mon")
    next(e for e in monday.exercises if e.pattern == "calf_raise").sets = 9
    refresh(plan)
    messages = [v.message for v in _structure(plan)]
    assert ("structure: 2027-01-05: Side-Lying Hip Abduction 5 sets > 4 for an isolation "
            "exercise in one session") in messages
    assert "structure: week 1: 13 calf sets > 12" in messages
    calf = next(e for e in monday.exercises if e.pattern == "calf_raise")
    assert f"structure: {monday.date}: {calf.name} 9 sets > 4 for a calf raise in one session" \
        in messages


def test_structure_one_deadlift_from_the_floor_a_week():
    plan = make_plan(2)
    monday, tuesday = (next(s for s in plan.sessions if s.weekday == d) for d in ("mon", "tue"))
    monday.exercises.append(planned("sumo-deadlift", 3))
    tuesday.exercises.append(planned("conventional-deadlift", 3))
    messages = [v.message for v in _structure(refresh(plan))]
    assert ("structure: week 1: 2 barbell deadlifts from the floor (Sumo Deadlift, "
            "Conventional Deadlift) > 1 a week") in messages
    strength = set_scenario(plan, goal="strength")
    assert not any("from the floor" in v.message for v in _structure(strength))


def test_structure_strength_goal_main_lifts():
    plan = set_scenario(make_plan(2), goal="strength",
                        locations={"home": {"equipment": ["barbell", "rack", "bench"]}})
    messages = [v.message for v in _structure(plan)]
    assert ("structure: week 1: the strength goal's squat in 0 session(s), needs ≥ 2 "
            "(4 strength sessions where it can be done)") in messages
    assert any("the strength goal's deadlift in 0 session(s), needs ≥ 1" in m for m in messages)


def test_coverage_relaxation_and_narrowing_are_said():
    from models.horizon import Horizon
    from optimizer.coverage import coverage_warnings

    park = _scenario(equipment=(), availability={"mon": {"minutes": 40, "location": "home"}},
                     preferences={"avoid_patterns": ["vertical_pull"]})
    said = coverage_warnings(park, CAT, Horizon(park))
    assert any("narrows to a squat, a true hinge, one push and one pull" in w for w in said)
    assert any("no location offers a vertical pull" in w for w in said)


# --- refined volume: one measure ---------------------------------------------------------------
def test_volume_counts_secondary_half_and_no_plyometric_or_conditioning():
    from optimizer.objective import half_set_weight

    assert half_set_weight("strength", ("chest",), ("triceps",), "chest") == 2
    assert half_set_weight("strength", ("chest",), ("triceps",), "triceps") == 1
    assert half_set_weight("strength", ("chest",), ("triceps",), "back") == 0
    assert half_set_weight("plyometric", ("quads",), (), "quads") == 0
    assert half_set_weight("conditioning", ("quads",), (), "quads") == 0


def test_diagnosis_says_structure_in_training_terms():
    from models.horizon import Horizon
    from optimizer.diagnose import sentence

    sc = _scenario()
    text = sentence(sc, "structure", "week 1: a vertical pull", Horizon(sc))
    assert text.startswith("structure needs every regular week to hold the movement patterns")
    assert "(week 1: a vertical pull); week 1 offers Mon 45 min (home)" in text


def test_a_catalog_without_true_hinge_flags_reads_the_name():
    from models.catalog import Exercise

    base = {"kind": "strength", "pattern": "hinge", "primary": ["hamstrings"]}
    assert Exercise(id="trap-bar-deadlift", name="Trap Bar Deadlift", **base).true_hinge
    assert not Exercise(id="hip-thrust", name="Hip Thrust", **base).true_hinge
    assert not Exercise(id="x-rdl", name="Hip Thrust", true_hinge=False, **base).true_hinge
