"""Unit tests of the independent validator (optimizer/validate.py) and the objective
recomputation (optimizer/objective.py) on small hand-built plans (tests/plan_factory.py).

Each hard rule gets a mutation of a valid plan that breaks exactly that rule; derived parts
(focus, minutes, days, objective) are refreshed after the mutation where the rule under test
is not about them, so the other checks stay quiet.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from plan_factory import make_plan, planned, refresh, set_scenario, to_format_2  # noqa: E402

from models.plan import PLAN_FORMAT_1, Plan  # noqa: E402
from models.profiles import HARD_RULES  # noqa: E402
from models.scenario import parse_scenario  # noqa: E402
from optimizer.objective import (  # noqa: E402
    blended_weights,
    cardio_target,
    compute_objective_terms,
    volume_range,
)
from optimizer.validate import CHECKS, Violation, check_plan  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def rules_of(plan) -> set[str]:
    return {v.rule for v in check_plan(plan)}


def messages(plan, rule: str) -> list[str]:
    return [v.message for v in check_plan(plan) if v.rule == rule]


def sessions_on(plan, weekday: str):
    return [s for s in plan.sessions if s.weekday == weekday]


def drop_exercises(plan, ids: set[str]):
    for s in plan.sessions:
        s.exercises = [e for e in s.exercises if e.id not in ids]
    return refresh(plan)


@pytest.fixture
def plan():
    """Two weeks, one block, four bodyweight sessions a week."""
    return make_plan(2)


# --- valid plans ----------------------------------------------------------------------------
VALID = {
    "2 weeks": dict(weeks=2),
    "3 weeks with deload": dict(weeks=3),
    "2 blocks of 2": dict(weeks=4, rules={"variation": {"block_weeks": 2}}),
    "2 blocks of 3 with deloads": dict(weeks=6, rules={"variation": {"block_weeks": 3}}),
    "explosive from week 2": dict(weeks=2, rules={"explosive": {"technique_weeks": 1}}),
    "holiday week": dict(weeks=3, exceptions=[
        {"from": "2027-01-11", "to": "2027-01-17", "availability": {}}]),
    "general goal": dict(weeks=2, goal="general"),
    "novice, explosive off in block 1": dict(
        weeks=4, level="novice", days=("mon", "tue", "thu", "fri"),
        rules={"variation": {"block_weeks": 2}, "explosive": {"technique_weeks": 1},
               "frequency": {"enabled": False}}),
}


@pytest.mark.parametrize("kw", VALID.values(), ids=VALID.keys())
def test_valid_plans_have_no_violation(kw):
    p = make_plan(**kw)
    assert check_plan(p) == []


def test_checks_cover_every_hard_rule():
    assert set(HARD_RULES) | {"carbs", "energy", "consistency", "objective"} == set(CHECKS)


def test_violation_fields(plan):
    sessions_on(plan, "mon")[0].minutes = 61
    refresh(plan, minutes=False)  # the day's energy follows its minutes
    [v] = check_plan(plan)
    assert isinstance(v, Violation)
    assert v.rule == "session_time"
    assert v.date == date(2027, 1, 4)
    assert v.week == 1
    assert "61 min > 60 min" in v.message


# --- legs -------------------------------------------------------------------------------------
def test_legs_no_hinge(plan):
    drop_exercises(plan, {"glute-bridge", "bodyweight-single-leg-rdl"})
    assert rules_of(plan) == {"legs"}
    assert "legs: week 1: no hinge-pattern strength exercise" in messages(plan, "legs")


def test_legs_no_squat(plan):
    drop_exercises(plan, {"bodyweight-squat"})
    assert rules_of(plan) == {"legs"}
    plan = to_format_2(plan)
    assert rules_of(plan) == {"legs", "structure"}  # structure's coverage needs one too
    assert "legs: week 2: no squat-pattern strength exercise" in messages(plan, "legs")


def test_legs_hinge_must_be_a_true_hinge(plan):
    # SPEC §7.1: a glute bridge is glute work, not the week's hinge (format-2 plans)
    plan = to_format_2(plan)
    drop_exercises(plan, {"bodyweight-single-leg-rdl"})
    assert rules_of(plan) == {"legs", "structure"}
    assert any("no true hinge" in m and "Glute Bridge" in m for m in messages(plan, "legs"))
    plan.format = "periodize-plan/1"  # a format-1 plan is checked as before
    assert "legs" not in rules_of(plan)


def test_legs_lower_body_share(plan):
    for s in plan.sessions:
        for e in s.exercises:
            if e.pattern in ("squat", "hinge", "lunge"):
                e.sets = 1
    refresh(plan)
    assert rules_of(plan) == {"legs"}
    assert ("legs: week 1: lower-body sets 12 of 40 strength sets = 30% < 40%"
            in messages(plan, "legs"))


def test_legs_share_is_a_parameter(plan):
    set_scenario(plan, rules={"legs": {"lower_body_share": 0.5}})
    assert "legs: week 1: lower-body sets 24 of 52 strength sets = 46% < 50%" in messages(
        plan, "legs")


def test_legs_no_leg_focus():
    p = make_plan(2, rules={"legs": {"lower_body_share": 0.0}})
    for s in p.sessions:  # only calf raises and glute work stay for the lower body
        s.exercises = [e for e in s.exercises if e.pattern not in ("squat", "hinge", "lunge")]
    refresh(p)
    assert any("no session has quads or hamstrings in focus" in m for m in messages(p, "legs"))


# --- recovery ---------------------------------------------------------------------------------
def test_recovery_consecutive_leg_sessions(plan):
    # swap tuesday's upper session and thursday's legs: mon legs, tue legs
    for week in (1, 2):
        tue = next(s for s in plan.sessions if s.week == week and s.weekday == "tue")
        thu = next(s for s in plan.sessions if s.week == week and s.weekday == "thu")
        tue.exercises, thu.exercises = thu.exercises, tue.exercises
    refresh(plan)
    assert rules_of(plan) == {"recovery"}
    assert ("recovery: 2027-01-04 and 2027-01-05 are consecutive workouts both training "
            "calves, glutes, hamstrings, quads" in messages(plan, "recovery"))


def test_recovery_across_weeks(plan):
    # friday's session trains legs too: it is followed by monday's legs
    for s in sessions_on(plan, "fri"):
        s.exercises.append(planned("bodyweight-reverse-lunge", 3))
    refresh(plan)
    assert "recovery" in rules_of(plan)
    assert any("2027-01-08 and 2027-01-11 are consecutive workouts both training glutes, quads"
               in m for m in messages(plan, "recovery"))


def test_recovery_two_sessions_a_day(plan):
    extra = sessions_on(plan, "tue")[0].model_copy(deep=True)
    extra.date = date(2027, 1, 4)
    extra.weekday = "mon"
    plan.sessions.append(extra)
    assert any("2027-01-04 has 2 sessions" in m for m in messages(plan, "recovery"))


# --- rest_days --------------------------------------------------------------------------------
def test_rest_days_per_week(plan):
    set_scenario(plan, rules={"rest_days": {"min_per_week": 4}})
    assert rules_of(plan) == {"rest_days"}
    assert "rest_days: week 1: 3 rest day(s) (4 sessions) < 4" in messages(plan, "rest_days")


def test_rest_days_consecutive(plan):
    set_scenario(plan, rules={"rest_days": {"max_consecutive_training_days": 1}})
    assert rules_of(plan) == {"rest_days"}
    assert ("rest_days: 2027-01-04 to 2027-01-05: 2 sessions on consecutive days > 1"
            in messages(plan, "rest_days"))


# --- calves -----------------------------------------------------------------------------------
def test_calves_no_calf_raise(plan):
    drop_exercises(plan, {"bodyweight-calf-raise", "single-leg-calf-raise"})
    assert "calves: week 1: no session with a calf-raise exercise" in messages(plan, "calves")


def test_calves_too_few_sets(plan):
    for s in plan.sessions:
        for e in s.exercises:
            if e.pattern == "calf_raise":
                e.sets = 2
    refresh(plan)
    assert rules_of(plan) == {"calves"}
    assert "calves: week 1: 4 calf sets < 6" in messages(plan, "calves")


def test_calves_sets_not_required_in_deload():
    p = make_plan(3, rules={"calves": {"min_sets": 8}})
    assert check_plan(p) == []  # deload week 3 has 4 calf sets


# --- cardio -----------------------------------------------------------------------------------
def test_cardio_cap_for_hypertrophy(plan):
    set_scenario(plan, rules={"cardio": {"max_minutes": 10}})
    for s in sessions_on(plan, "mon"):
        s.exercises.append(planned("outdoor-steady-run", 1, reps="20 min steady",
                                   seconds_per_set=1200, tempo="-", rest_seconds=0))
    refresh(plan)
    assert rules_of(plan) == {"cardio"}
    assert ("cardio: week 1: 20 cardio minutes > 10 (hypertrophy/strength cap)"
            in messages(plan, "cardio"))


def test_cardio_over_strength(plan):
    for s in sessions_on(plan, "mon"):
        s.exercises.append(planned("outdoor-steady-run", 1, reps="30 min steady",
                                   seconds_per_set=1800, tempo="-", rest_seconds=0))
    for s in plan.sessions:  # less strength work: 1 set of everything
        for e in s.exercises:
            if e.kind == "strength":
                e.sets = 2 if e.pattern == "calf_raise" else 1
    refresh(plan)
    msgs = messages(plan, "cardio")
    assert any("week 1: 30 cardio minutes > 26.7 strength minutes (strength over cardio"
               in m for m in msgs), msgs


def test_cardio_fat_loss_needs_intervals():
    p = make_plan(2, goal="fat_loss")
    assert any("0 sessions with intervals or conditioning < 2 (fat_loss)" in m
               for m in messages(p, "cardio"))


# --- set_duration -----------------------------------------------------------------------------
def test_set_duration_median(plan):
    for s in plan.sessions:
        for e in s.exercises:
            e.seconds_per_set = 20
            e.reps = "4-6"
    refresh(plan)
    assert rules_of(plan) == {"set_duration"}
    [msg] = messages(plan, "set_duration")
    assert "median strength set lasts 20 s" in msg and "hypertrophy target 40 s ± 25%" in msg


# --- session_time -----------------------------------------------------------------------------
def test_session_time_over_available(plan):
    sessions_on(plan, "tue")[1].minutes = 75
    refresh(plan, minutes=False)  # the day's energy follows its minutes
    assert rules_of(plan) == {"session_time"}
    assert ("session_time: 2027-01-12 (tue): session takes 75 min > 60 min available"
            in messages(plan, "session_time"))


def test_session_time_exercise_minutes(plan):
    sessions_on(plan, "mon")[0].exercises[0].minutes = 2.0
    msgs = messages(plan, "session_time")
    assert any("bodyweight-squat: 2 min < 4 sets × (40 s + 60 s rest) = 6.7 min" in m
               for m in msgs), msgs


def test_session_time_sum_of_exercises(plan):
    sessions_on(plan, "mon")[0].minutes = 20
    assert rules_of(plan) == {"session_time"}
    assert any("session says 20 min < warm-up 5 + exercises 21 = 26 min" in m
               for m in messages(plan, "session_time"))


def test_session_time_unavailable_day(plan):
    for s in sessions_on(plan, "thu"):
        s.date -= timedelta(days=1)
        s.weekday = "wed"
    refresh(plan)
    assert "session_time" in rules_of(plan)
    assert any("2027-01-06 (wed): session on a day with no time available" in m
               for m in messages(plan, "session_time"))


# --- equipment ------------------------------------------------------------------------------
def test_equipment_barbell_at_home(plan):
    for s in sessions_on(plan, "tue"):
        rest = s.exercises[0].rest_seconds  # falls week to week like the others
        s.exercises.append(planned("barbell-curl", 3, rest_seconds=rest))
    refresh(plan)
    assert rules_of(plan) == {"equipment"}
    assert ("equipment: 2027-01-05 barbell-curl needs barbell, not at 'home' (has: bodyweight)"
            in messages(plan, "equipment"))


# --- variation --------------------------------------------------------------------------------
def test_variation_sessions_repeat_within_block(plan):
    s = sessions_on(plan, "mon")[1]
    s.exercises[0] = planned("cossack-squat", 4, rest_seconds=s.exercises[0].rest_seconds)
    refresh(plan)
    assert rules_of(plan) == {"variation"}
    [msg] = messages(plan, "variation")
    assert msg.startswith("variation: week 2 differs from week 1 (block 1, same availability)")
    assert "cossack-squat" in msg


def test_variation_new_exercises_between_blocks():
    p = make_plan(4, rotate=False, rules={"variation": {"block_weeks": 2}})
    msgs = messages(p, "variation")
    assert any("block 2: 0 of 14 strength exercises new = 0% < 50%" in m for m in msgs), msgs
    assert any("push-up kept from block 1 with the same rep scheme straight 8-12" in m
               for m in msgs)
    assert any("use only 1 rep scheme (straight); at least 2" in m for m in msgs)


def test_variation_kept_exercise_changes_scheme():
    p = make_plan(4, rules={"variation": {"block_weeks": 2}})
    for s in p.sessions:  # block 2 back to block 1's scheme and reps
        if s.block == 2:
            for e in s.exercises:
                e.scheme, e.reps = "straight", "8-12"
    refresh(p)
    assert rules_of(p) == {"variation"}
    assert any("plank kept from block 1 with the same rep scheme straight 8-12" in m
               for m in messages(p, "variation"))


def test_variation_reads_a_block_by_its_variant_not_a_week():
    """A hold lengthening week by week (30 → 33 s in block 1, 33 → 36 s in block 2: variants
    33 and 36 s) is not "kept with the same scheme" because block 2's first week repeats
    block 1's last (a validity sweep found that false alarm, `progression.block_reps`)."""
    p = make_plan(4, rules={"variation": {"block_weeks": 2}})
    for s in p.sessions:
        for e in s.exercises:
            if e.id == "plank":
                e.scheme = "straight"
                e.reps = f"{(30, 33, 33, 36)[s.week - 1]} s hold"
    refresh(p)
    assert not any("plank kept" in m for m in messages(p, "variation"))
    for s in p.sessions:  # the same lengthening in both blocks is the same variant
        for e in s.exercises:
            if e.id == "plank":
                e.reps = f"{30 + 3 * ((s.week - 1) % 2)} s hold"
    refresh(p)
    assert any("plank kept from block 1 with the same rep scheme straight 33 s hold" in m
               for m in messages(p, "variation"))


# --- explosive -----------------------------------------------------------------------------
def test_explosive_tempo_after_technique_weeks():
    p = make_plan(2, rules={"explosive": {"technique_weeks": 1}})
    squat = sessions_on(p, "mon")[1].exercises[0]
    assert squat.tempo == "2-0-X-1"
    squat.tempo = "2-0-1-1"
    assert rules_of(p) == {"explosive"}
    assert any("2027-01-11 bodyweight-squat: squat in week 2 (after 1 technique weeks) has "
               "tempo 2-0-1-1" in m for m in messages(p, "explosive"))


def test_explosive_never_for_novice_first_block():
    p = make_plan(2, level="novice", rules={"explosive": {"technique_weeks": 0},
                                            "frequency": {"enabled": False}})
    assert check_plan(p) == []
    sessions_on(p, "mon")[0].exercises[0].tempo = "2-0-X-1"
    assert rules_of(p) == {"explosive"}
    assert any("explosive in a novice's first block" in m for m in messages(p, "explosive"))


def test_explosive_rest_never_rises(plan):
    for s in plan.sessions:
        if s.week == 2:
            for e in s.exercises:
                e.rest_seconds = 70
    refresh(plan)
    assert rules_of(plan) == {"explosive"}
    assert any("rest rises from 60 s in week 1 to 70 s in week 2" in m
               for m in messages(plan, "explosive"))


def test_explosive_rest_falls_at_least_once(plan):
    for s in plan.sessions:
        for e in s.exercises:
            e.rest_seconds = 60
    refresh(plan)
    assert rules_of(plan) == {"explosive"}
    assert any("plank rest stays at 60 s over weeks 1–2" in m
               for m in messages(plan, "explosive"))


# --- deload -----------------------------------------------------------------------------------
def test_deload_not_marked():
    p = make_plan(3)
    for s in p.sessions:
        if s.week == 3:
            s.deload = False
    assert rules_of(p) == {"deload"}
    assert any("session in deload week 3 is not marked deload" in m for m in messages(p, "deload"))


def test_deload_too_many_sets():
    p = make_plan(3)
    week1 = [s for s in p.sessions if s.week == 1]
    for s in p.sessions:
        if s.week == 3:
            twin = next(w for w in week1 if w.weekday == s.weekday)
            for e, full in zip(s.exercises, twin.exercises, strict=True):
                e.sets = full.sets
    refresh(p)
    assert rules_of(p) == {"deload"}
    assert ("deload: week 3: 52 strength sets > 60% of week 1's 52 (= 31.2)"
            in messages(p, "deload"))


def test_deload_same_number_of_sessions():
    p = make_plan(3)
    p.sessions = [s for s in p.sessions if not (s.week == 3 and s.weekday == "fri")]
    refresh(p)
    assert any("week 3: 3 sessions, week 1 (same availability) has 4" in m
               for m in messages(p, "deload"))


TRIP_WEEK_2 = {"from": "2027-01-11", "to": "2027-01-17", "location": "home",
               "availability": {"mon": 60, "tue": 60}}


def trip_plan() -> Plan:
    """4 weeks with a trip in week 2 (Mon and Tue): the travel week's Monday hinges with a
    single-leg RDL, since its glute bridge is no true hinge (rule `legs`)."""
    p = make_plan(4, exceptions=[TRIP_WEEK_2])
    for s in p.sessions:
        if s.week == 2:
            s.exercises = [planned("bodyweight-single-leg-rdl", e.sets, reps=e.reps,
                                   seconds_per_set=e.seconds_per_set, tempo=e.tempo,
                                   rest_seconds=e.rest_seconds, scheme=e.scheme)
                           if e.id == "glute-bridge" else e for e in s.exercises]
    return refresh(p)


def test_travel_deload_keeps_the_sessions_its_days_allow():
    p = trip_plan()
    assert [w.kind for w in p.weeks] == ["regular", "travel_deload", "regular", "regular"]
    assert len([s for s in p.sessions if s.week == 2]) == 2
    assert check_plan(p) == []


def test_travel_deload_too_many_sets():
    p = trip_plan()
    for s in p.sessions:
        if s.week == 2:
            for e in s.exercises:
                e.sets = 9
    refresh(p)
    assert rules_of(p) == {"deload"}
    assert ("deload: week 2: 63 strength sets > 60% of week 1's 52 (= 31.2)"
            in messages(p, "deload"))


def test_novice_week_4_marked_deload_is_not_a_deload_week():
    p = make_plan(4, level="novice", rules={"frequency": {"enabled": False}})
    assert not any(w.deload for w in p.weeks)  # a novice's first 8 weeks: none scheduled
    assert check_plan(p) == []
    for s in p.sessions:
        if s.week == 4:
            s.deload = True
    assert rules_of(p) == {"deload"}
    assert any("week 4 is marked deload; the week is not a deload week" in m
               for m in messages(p, "deload"))


def test_week_kind_must_match_the_calendar():
    p = make_plan(4, exceptions=[{"from": "2027-01-11", "to": "2027-01-17", "availability": {}}])
    assert [w.kind for w in p.weeks] == ["regular", "break", "reentry", "regular"]
    p.weeks[2].kind = "regular"
    assert rules_of(p) == {"consistency"}
    assert "consistency: week 3 says regular; the calendar has reentry" in messages(
        p, "consistency")


def test_format_1_files_without_week_kinds_keep_the_old_deload():
    from optimizer.validate import refined_deload
    p = make_plan(4)
    assert refined_deload(p)
    p.format = "periodize-plan/1"
    assert refined_deload(p)  # kinds present: made with the refined rule
    for w in p.weeks:
        w.kind = None
    assert not refined_deload(p)


# --- preferences ------------------------------------------------------------------------------
def test_preferences_avoided_exercise(plan):
    set_scenario(plan, preferences={"avoid": ["glute-bridge"]})
    assert rules_of(plan) == {"preferences"}
    assert "preferences: 2027-01-04: glute-bridge is in avoid" in messages(plan, "preferences")


def test_preferences_avoided_pattern(plan):
    set_scenario(plan, preferences={"avoid_patterns": ["vertical_push"]})
    assert rules_of(plan) == {"preferences"}
    assert ("preferences: 2027-01-05: pike-push-up has avoided pattern vertical_push"
            in messages(plan, "preferences"))


# --- frequency --------------------------------------------------------------------------------
def test_frequency_novice_maximum(plan):
    set_scenario(plan, level="novice")
    assert rules_of(plan) == {"frequency"}
    assert "frequency: week 1: 4 strength sessions > 3 (novice maximum)" in messages(
        plan, "frequency")


def test_disabled_rule_is_skipped(plan):
    set_scenario(plan, level="novice", rules={"frequency": {"enabled": False}})
    assert check_plan(plan) == []


# --- carbs ------------------------------------------------------------------------------------
@pytest.fixture
def plan_v1():
    """The plan as a format-1 file: §2's carbs and protein on its days (format 2: test_energy)."""
    p = make_plan(2)
    p.format = PLAN_FORMAT_1
    return refresh(p)


def test_carbs_rest_day_range(plan_v1):
    plan = plan_v1
    day = next(d for d in plan.days if d.type == "rest")
    day.carbs_g_per_kg, day.carbs_g = 6.0, 480
    assert rules_of(plan) == {"carbs"}
    assert any(f"{day.date}: rest day carbs 6 g/kg outside 3–5 g/kg" in m
               for m in messages(plan, "carbs"))


def test_carbs_training_above_rest(plan_v1):
    plan = plan_v1
    day = next(d for d in plan.days if d.type == "training")
    day.carbs_g_per_kg, day.carbs_g = 5.0, 400
    week_rest = next(d for d in plan.days if d.type == "rest" and d.week == day.week)
    week_rest.carbs_g_per_kg, week_rest.carbs_g = 5.0, 400
    assert messages(plan, "carbs") == [
        f"carbs: {day.date}: training day carbs 5 g/kg not above the week's rest days (5 g/kg)"]


def test_carbs_grams_and_protein(plan_v1):
    plan = plan_v1
    plan.days[0].carbs_g = 400
    plan.days[1].protein_g = 200
    msgs = messages(plan, "carbs")
    assert any("carbs_g 400 ≠ 6 g/kg × 80 kg = 480 g" in m for m in msgs)
    assert any("protein 200 g = 2.50 g/kg outside 1.4–2 g/kg" in m for m in msgs)


# --- structure --------------------------------------------------------------------------------
def test_structure_missing_day(plan):
    plan.days.pop(3)
    assert any("1 calendar day(s) missing from days: 2027-01-07" in m
               for m in messages(plan, "consistency"))


def test_structure_day_type(plan):
    plan.days[2].type = "training"  # wednesday has no session
    assert any("day 2027-01-06 is marked training but has no session" in m
               for m in messages(plan, "consistency"))


def test_structure_focus(plan):
    plan.sessions[0].focus = ["quads"]
    assert rules_of(plan) == {"consistency"}
    assert any("lists focus [quads]" in m for m in messages(plan, "consistency"))


def test_structure_week_and_exercise_data(plan):
    plan.sessions[0].week = 2
    plan.sessions[1].exercises[0].primary_muscles = ["back"]
    msgs = messages(plan, "consistency")
    assert any("session on 2027-01-04 says week 2 block 1 mon" in m for m in msgs)
    assert any("push-up: primary_muscles is ['back']" in m for m in msgs)


# --- objective --------------------------------------------------------------------------------
def test_objective_must_match_solver(plan):
    plan.solver.objective += 1
    assert rules_of(plan) == {"objective"}


def test_objective_terms_must_add_up(plan):
    plan.objective_terms[0].penalty += 4
    [msg] = messages(plan, "objective")
    assert "objective_terms sum to 272" in msg and "volume 272 vs 268" in msg


def test_objective_terms_in_training_words(plan):
    terms = compute_objective_terms(plan, plan.scenario_model(), _horizon(plan))
    assert [(t.rule, t.week) for t in terms] == [("volume", 1), ("volume", 2)]
    # chest: push-up 4 + decline push-up 4 primary sets = 8 sets, 16 half sets below 2×10:
    # 4 points each
    assert "chest 8 sets/week, target 10–20 (+16)" in terms[0].detail
    assert terms[0].penalty == 134.0


def test_objective_push_sets_beyond_pull_sets(plan):
    # week 1 pushes 4 + 3 + 4 and pulls 4 + 4 + 3: balanced; two more push-up sets tip it
    push_up = next(e for s in plan.sessions if s.week == 1 for e in s.exercises
                   if e.id == "push-up")
    push_up.sets += 2
    terms = compute_objective_terms(plan, plan.scenario_model(), _horizon(plan))
    week1 = next(t for t in terms if t.week == 1 and t.rule == "volume")
    assert "13 push sets against 11 pull sets; pull at least as much as you push (+2)" \
        in week1.detail
    assert "push sets" not in next(t for t in terms if t.week == 2).detail


def test_objective_conditioning_in_a_size_plan_only_where_no_goal_asks_for_cardio(plan):
    plan.sessions[0].exercises.append(planned("burpee-circuit", 2, reps="3-min circuit"))
    terms = compute_objective_terms(plan, plan.scenario_model(), _horizon(plan))
    cardio = next(t for t in terms if t.rule == "cardio" and t.week == 1)
    assert "1 conditioning circuit (burpee-circuit); lifting comes first (+2)" in cardio.detail
    # a general share in the mix asks for cardio minutes: circuits are free there
    set_scenario(plan, goal=None, goal_weights={"hypertrophy": 0.7, "general": 0.3})
    terms = compute_objective_terms(plan, plan.scenario_model(), _horizon(plan))
    assert not any("conditioning circuit" in t.detail for t in terms)


def test_objective_skips_deload_and_break_weeks():
    # a block with a holiday has no deload (the holiday is its easy week): week 3 counts
    p = make_plan(3, exceptions=[{"from": "2027-01-11", "to": "2027-01-17",
                                  "availability": {}}])
    assert [t.week for t in p.objective_terms] == [1, 3]
    # without the holiday, week 3 is the block's deload and is skipped
    assert [t.week for t in make_plan(3).objective_terms] == [1, 2]


def test_objective_variation_term_on_first_week_of_later_block():
    p = make_plan(4, rules={"variation": {"block_weeks": 2}})
    [term] = [t for t in p.objective_terms if t.rule == "variation"]
    assert term.week == 3 and term.penalty == 6.0
    assert "block 2 keeps 6 strength exercises of block 1" in term.detail


def test_objective_favor_and_frequency(plan):
    set_scenario(plan, preferences={"favor": ["cossack-squat"]}, level="advanced")
    terms = {(t.rule, t.week): t for t in plan.objective_terms}
    assert terms[("preferences", 1)].penalty == 4.0
    assert "favoured cossack-squat not used" in terms[("preferences", 1)].detail
    # advanced minimum 4 sessions, 4 available days: no frequency term
    assert ("frequency", 1) not in terms
    assert check_plan(plan) == []


def test_blended_helpers():
    sc = parse_scenario(_mix_scenario({"hypertrophy": 0.7, "fat_loss": 0.3}, sleep=8))
    w = blended_weights(sc)
    assert w["calves_sessions"] == 2  # 0.7 × 3 = 2.1
    assert w["calves_sets"] == 1  # 0.7 × 2 = 1.4
    assert w["volume_under"] == 4  # 0.7·4 + 0.3·4, float noise absorbed
    assert volume_range(sc) == (9, 18)  # 0.7·10 + 0.3·8 = 9.4; 0.7·20 + 0.3·14 = 18.2
    assert cardio_target(sc) == 27  # 0.3 × 90
    short = parse_scenario(_mix_scenario({"hypertrophy": 1.0}, sleep=6))
    assert volume_range(short) == (8, 16)


# --- no OR-Tools --------------------------------------------------------------------------------
def test_validate_does_not_import_ortools():
    code = ("import sys, optimizer.validate, optimizer.objective; "
            "sys.exit(1 if 'ortools' in sys.modules else 0)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr or "ortools was imported"


# --- helpers --------------------------------------------------------------------------------
def _horizon(plan):
    from models.horizon import Horizon

    return Horizon(plan.scenario_model())


def _mix_scenario(weights: dict[str, float], sleep: float) -> dict:
    return {
        "start": "2027-01-04", "weeks": 2, "goal_weights": weights, "body_mass_kg": 80,
        "sleep_hours": sleep, "locations": {"home": {"equipment": []}},
        "availability": {"mon": 60},
    }
