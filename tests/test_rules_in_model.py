"""Every hard rule is really in the model.

For each rule family: a tiny scenario and a forced assignment that breaks the rule. With the
model as built the assignment is impossible (infeasible); with that rule family's module taken
out of the model (its `add` and `allows` replaced by no-ops) the same assignment solves, and
`periodize check` names the rule on the resulting plan. So removing a rule from the model makes
its test fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from solver_helpers import TEST_CONFIG, ids, scenario, slots_of, solve_fixed

from models import builtin_catalog
from models.plan import PLAN_FORMAT
from optimizer.cpsat import rules as rule_modules
from optimizer.endurance import exercise_heavy_legs, is_leg_plyometric
from optimizer.validate import check_plan


def _on_all(v, weekdays, exercises, only=False):
    for s in slots_of(v):
        if s.weekday in weekdays:
            v.fix(s, on=True, exercises=exercises, only=only)


def fix_recovery(v):
    # Monday and Tuesday are consecutive workouts: both train quads
    _on_all(v, {"mon", "tue"}, {"goblet-squat": 0})


def fix_legs(v):
    for s in slots_of(v):
        v.fix(s, exclude=ids("hinge"))


def fix_legs_true_hinge(v):
    # hip thrusts and bridges may stay: they are not the week's hinge (SPEC §7.1)
    true = [e.id for e in builtin_catalog().exercises if e.true_hinge]
    for s in slots_of(v):
        v.fix(s, exclude=true)


def fix_calves(v):
    for s in slots_of(v):
        v.fix(s, exclude=ids("calf_raise"))


def fix_rest_days(v):
    _on_all(v, {"mon", "tue", "wed", "thu", "fri", "sat"}, {})


def fix_cardio(v):
    _on_all(v, {"mon", "tue", "thu", "fri"}, {"steady-bike": 0})  # 4 > 3 cardio sessions


def fix_session_time(v):
    _on_all(v, {"mon"}, {"goblet-squat": 6, "dumbbell-romanian-deadlift": 6,
                         "dumbbell-bench-press": 6, "one-arm-dumbbell-row": 6})


def fix_equipment(v):
    _on_all(v, {"tue"}, {"goblet-squat": 0})  # Tuesday is at home: no dumbbells


def fix_preferences(v):
    _on_all(v, {"mon"}, {"goblet-squat": 0})  # avoided


def fix_variation(v):
    _on_all(v, {"mon"}, {"goblet-squat": 0})  # in both blocks; 100% must be new


def fix_explosive(v):
    _on_all(v, {"mon"}, {"tempo-bodyweight-squat": 0})  # cannot be explosive in week 3


def fix_frequency(v):
    # 4 strength sessions a week; a novice has at most 3
    lifts = {"mon": "dumbbell-bench-press", "tue": "goblet-squat",
             "thu": "one-arm-dumbbell-row", "fri": "dumbbell-romanian-deadlift"}
    for s in slots_of(v):
        v.fix(s, on=True, exercises={lifts[s.weekday]: 0})


DELOAD_LIFTS = ("goblet-squat", "dumbbell-bench-press", "dumbbell-calf-raise",
                "dumbbell-romanian-deadlift")
TRAVEL_LIFTS = DELOAD_LIFTS + ("one-arm-dumbbell-row", "plank", "arnold-press", "pull-up")


def fix_deload(v):
    # each session: four 3-set lifts; the deload week keeps 2 of 3 sets = 67% > 60%
    for s in slots_of(v):
        v.fix(s, on=True, exercises=dict.fromkeys(DELOAD_LIFTS, 3), only=True)


def fix_travel_deload(v):
    # regular weeks as above (48 strength sets); the travel week (week 2: Monday and
    # Wednesday, 140 of 240 minutes) holds eight lifts a session at the deload's 2 sets:
    # 32 > 60% of 48 (28.8)
    for t in v.structure.templates:
        travel = all(w.kind == "travel_deload" for w in t.weeks)
        for s in t.slots:
            if travel:
                v.fix(s, on=True, exercises=dict.fromkeys(TRAVEL_LIFTS, 0), only=True)
            else:
                v.fix(s, on=True, exercises=dict.fromkeys(DELOAD_LIFTS, 3), only=True)


# --- endurance: one case per hard part ----------------------------------------------------
def fix_endurance_easy(v):
    _on_all(v, {"mon", "thu"}, {"bike-intervals": 0})
    _on_all(v, {"tue", "fri"}, {"steady-bike": 0})  # 2 of 4 cardio sessions easy < 75%


def fix_endurance_strength_sessions(v):
    # four sessions with strength work a week; a runner lifts on at most two days
    lifts = {"mon": "dumbbell-bench-press", "tue": "goblet-squat", "thu": "one-arm-dumbbell-row",
             "fri": "dumbbell-romanian-deadlift"}
    for s in slots_of(v):
        if s.weekday in lifts:
            v.fix(s, on=True, exercises={lifts[s.weekday]: 0})


def fix_endurance_spacing(v):
    _on_all(v, {"thu", "fri"}, {"bike-intervals": 0})  # hard on consecutive days


def fix_endurance_after_heavy_legs(v):
    _on_all(v, {"mon"}, {"barbell-back-squat": 0})
    _on_all(v, {"tue"}, {"bike-intervals": 0})


def fix_endurance_heavy_days(v):
    heavy = [e.id for e in builtin_catalog().exercises if exercise_heavy_legs(e)]
    for s in slots_of(v):
        v.fix(s, exclude=heavy)


def fix_endurance_leg_plyometrics(v):
    # only upper-body plyometrics (a plyometric push-up) left: the heavy-legs days lack jumps
    jumps = [e.id for e in builtin_catalog().exercises
             if is_leg_plyometric(e.kind, e.primary)]
    for s in slots_of(v):
        v.fix(s, exclude=jumps)


def fix_endurance_modality(v):
    _on_all(v, {"mon", "tue", "thu", "fri"}, {"steady-bike": 0})  # no running at all


def _long_rides(v, first: int, second: int):
    """The week's only steady bout: Monday's ride, `first` units in block 1, `second` in 2."""
    for t in v.structure.templates:
        for s in t.slots:
            if s.weekday == "mon":
                v.fix(s, on=True, exercises={"steady-bike": first if t.block == 1 else second})
            else:
                v.fix(s, exclude=ids(kind="cardio_steady"))


def fix_selection(v):
    # a knee push-up for an intermediate at a gym with dumbbells and a bench
    _on_all(v, {"mon"}, {"knee-push-up": 0})


def fix_structure(v):
    # no vertical pull all week although the gym has a pull-up bar
    for s in slots_of(v):
        v.fix(s, exclude=ids("vertical_pull"))


def fix_structure_isolation(v):
    _on_all(v, {"mon"}, {"dumbbell-curl": 5})  # > 4 sets of an isolation exercise


def fix_structure_calf_sets(v):
    _on_all(v, {"mon"}, {"dumbbell-calf-raise": 5})  # > 4 sets of one calf raise


def fix_structure_main_lifts(v):
    # a strength-goal week without its back squat although the gym has a barbell and rack
    for s in slots_of(v):
        v.fix(s, exclude=["barbell-back-squat"])


def fix_structure_travel_shape(v):
    # the travel week's Monday (its own template, a deload) holds one strength exercise and
    # a ride (which fills the day's least use)
    for t in v.structure.templates:
        if all(w.deload for w in t.weeks):
            for s in t.slots:
                if s.weekday == "mon":
                    v.fix(s, on=True, exercises={"dumbbell-calf-raise": 0, "steady-bike": 6},
                          only=True)


def fix_endurance_long(v):
    _long_rides(v, 4, 6)  # 20 -> 30 minutes: +50%


def fix_endurance_shrink(v):
    _long_rides(v, 6, 4)  # 30 -> 20 minutes: the long session shrinks


@dataclass
class Case:
    rule: str
    fix: Any
    changes: dict = field(default_factory=dict)
    name: str = ""  # the test id when a rule has several cases

    @property
    def id(self) -> str:
        return self.name or self.rule


DELOAD_RULES = {"legs": {"enabled": False}, "recovery": {"enabled": False},
                "calves": {"min_sets": 2}, "structure": {"enabled": False}}
ENDURANCE = {"goal": "endurance", "endurance_modality": "bike"}
BARBELL_GYM = {"gym": {"equipment": ["barbell", "rack", "dumbbells", "bench", "bands", "box",
                                     "bike", "pullup_bar"]}, "home": {"equipment": []}}
SIX_DAYS = {d: {"minutes": 45, "location": "gym"} for d in ("mon", "tue", "wed", "thu", "fri",
                                                             "sat")}
CASES = [
    Case("recovery", fix_recovery),
    Case("legs", fix_legs, {"rules": {"structure": {"enabled": False}}}),
    Case("legs", fix_legs_true_hinge, {"rules": {"structure": {"enabled": False}}}),
    Case("calves", fix_calves),
    Case("rest_days", fix_rest_days, {"availability": SIX_DAYS, "level": "advanced"}),
    Case("cardio", fix_cardio),
    Case("session_time", fix_session_time),
    Case("equipment", fix_equipment, {"availability": {
        "mon": {"minutes": 45, "location": "gym"}, "tue": {"minutes": 45, "location": "home"},
        "thu": {"minutes": 45, "location": "gym"}, "fri": {"minutes": 45, "location": "gym"}}}),
    Case("preferences", fix_preferences, {"preferences": {"avoid": ["goblet-squat"]}}),
    Case("variation", fix_variation,
         {"rules": {"variation": {"block_weeks": 2, "min_new_share": 1.0}}}),
    # the tempo squat is a regression too: `selection` would rule it out on its own
    Case("explosive", fix_explosive, {"rules": {"selection": {"enabled": False}}}),
    Case("frequency", fix_frequency, {"level": "novice"}),
    Case("selection", fix_selection),
    Case("structure", fix_structure),
    Case("structure", fix_structure_isolation),
    Case("structure", fix_structure_calf_sets, {}, "structure-calf-sets"),
    Case("structure", fix_structure_main_lifts, {"goal": "strength", "locations": {
        "gym": {"equipment": ["barbell", "rack", "bench", "dumbbells", "pullup_bar", "bands"]},
        "home": {"equipment": []}}}),
    Case("endurance", fix_endurance_easy, ENDURANCE, "endurance-easy-share"),
    Case("endurance", fix_endurance_spacing,
         {**ENDURANCE, "rules": {"endurance": {"easy_share": 0.5}}}, "endurance-48h"),
    Case("endurance", fix_endurance_after_heavy_legs,
         {**ENDURANCE, "locations": BARBELL_GYM, "rules": {"endurance": {"easy_share": 0.5}}},
         "endurance-after-heavy-legs"),
    Case("endurance", fix_endurance_heavy_days, {**ENDURANCE, "locations": BARBELL_GYM},
         "endurance-heavy-legs-days"),
    Case("endurance", fix_endurance_leg_plyometrics, {**ENDURANCE, "locations": BARBELL_GYM},
         "endurance-leg-plyometrics"),
    Case("endurance", fix_endurance_modality, {"goal": "endurance"}, "endurance-modality"),
    Case("endurance", fix_endurance_strength_sessions, ENDURANCE,
         "endurance-strength-sessions"),
    Case("endurance", fix_endurance_long,
         {**ENDURANCE, "rules": {"variation": {"block_weeks": 2}}}, "endurance-long-session"),
    Case("endurance", fix_endurance_shrink,
         {**ENDURANCE, "rules": {"variation": {"block_weeks": 2}}}, "endurance-long-shrinks"),
    Case("deload", fix_deload, {"rules": DELOAD_RULES}),
    # 60-minute days: the travel week's 2 × 70 minutes (≤ 60% of 240) hold its eight lifts
    Case("deload", fix_travel_deload, {"rules": DELOAD_RULES, "availability": {
        d: {"minutes": 60, "location": "gym"} for d in ("mon", "tue", "thu", "fri")},
        "exceptions": [{"from": "2027-01-11", "to": "2027-01-17", "location": "gym",
                        "availability": {"mon": 70, "wed": 70}}]}, "deload-travel"),
    # a travel deload's session keeps a session's shape (3 strength exercises, a compound)
    Case("structure", fix_structure_travel_shape, {"exceptions": [
        {"from": "2027-01-11", "to": "2027-01-17", "location": "gym",
         "availability": {"mon": 40, "wed": 40}}]}, "structure-travel-shape"),
]


FIRST_PLAN = replace(TEST_CONFIG, relative_gap=1.0)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_is_enforced_by_the_model(case: Case, monkeypatch):
    sc = scenario(**case.changes)
    with_rule = solve_fixed(sc, case.fix)
    assert with_rule.status == "infeasible", f"{case.rule}: breaking assignment was accepted"

    module = getattr(rule_modules, case.rule) if hasattr(rule_modules, case.rule) else None
    if module is None:
        import importlib

        module = importlib.import_module(f"optimizer.cpsat.rules.{case.rule}")
    monkeypatch.setattr(module, "add", lambda ctx: None)
    if hasattr(module, "allows"):
        monkeypatch.setattr(module, "allows", lambda ctx, slot, template, ex: True)
    # any plan will do (the fix forces the break): stop at the first one instead of proving it
    without_rule = solve_fixed(sc, case.fix, config=FIRST_PLAN)
    assert without_rule.plan is not None, f"{case.rule}: still infeasible without the rule"
    # SPEC §7 rules are checked on format-2 plans
    plan = without_rule.plan.model_copy(update={"format": PLAN_FORMAT})
    broken = {v.rule for v in check_plan(plan)}
    assert case.rule in broken, f"check did not catch the broken {case.rule} rule: {broken}"


def test_set_duration_is_enforced():
    from models.errors import InfeasibleError
    from optimizer.solving import solve

    # hypertrophy's third block uses 42 s sets: outside a 1% tolerance of 40 s
    tight = scenario(weeks=6, rules={"set_duration": {"tolerance": 0.01},
                                     "variation": {"block_weeks": 2}})
    with pytest.raises(InfeasibleError, match="set_duration"):
        solve(tight)
    off = scenario(weeks=6, rules={"set_duration": {"enabled": False, "tolerance": 0.01},
                                   "variation": {"block_weeks": 2}})
    assert solve(off, config=FIRST_PLAN).plan is not None


def test_a_run_alone_is_a_whole_session():
    """A runner's easy day is the run: a slot holding only a steady bout is a session (any
    other session holds ≥ 2 exercises), so the run days carry no filler whose focus muscles
    would collide with the gym days under `recovery`."""
    sc = scenario(**ENDURANCE, locations=BARBELL_GYM)

    def runs_alone(v):
        _on_all(v, {"tue", "fri"}, {"steady-bike": 0}, only=True)

    result = solve_fixed(sc, runs_alone, config=FIRST_PLAN)
    assert result.plan is not None
    days = [s for s in result.plan.sessions if s.weekday in ("tue", "fri")]
    assert days and all([e.id for e in s.exercises] == ["steady-bike"] for s in days)
    assert check_plan(result.plan) == []

    def one_lift_alone(v):
        _on_all(v, {"tue"}, {"goblet-squat": 0}, only=True)

    assert solve_fixed(sc, one_lift_alone).status == "infeasible"


def test_one_vertical_pull_a_session():
    """A pull-up after chin-ups repeats them: the session shape allows one vertical pull (and
    one vertical press) a session, while two horizontal pushes stay possible."""
    sc = scenario()

    def two_vertical_pulls(v):
        _on_all(v, {"mon"}, {"chin-up": 0, "pull-up": 0})

    assert solve_fixed(sc, two_vertical_pulls).status == "infeasible"

    def two_presses(v):
        _on_all(v, {"mon"}, {"dumbbell-bench-press": 0, "incline-dumbbell-press": 0})

    assert solve_fixed(sc, two_presses, config=FIRST_PLAN).plan is not None


def test_one_plyometric_drill_a_session():
    """One jump drill before the lifting: two drills in a session are more contacts than a
    coach gives before heavy work, and no target counts them (session shape)."""
    sc = scenario()

    def two_jumps(v):
        _on_all(v, {"mon"}, {"box-jump": 0, "squat-jump": 0})

    assert solve_fixed(sc, two_jumps).status == "infeasible"

    def one_jump(v):
        _on_all(v, {"mon"}, {"box-jump": 0})

    assert solve_fixed(sc, one_jump, config=FIRST_PLAN).plan is not None


def test_one_deadlift_from_the_floor_a_week(monkeypatch):
    """Outside a strength plan a week holds one barbell deadlift from the floor (a reviewer: a
    sumo deadlift on Monday and a conventional one on Friday, both to 1 RIR); without the cap
    the two fit, and a strength plan's deadlift follows its own rules."""
    from optimizer import coverage

    gym = {"gym": {"equipment": ["barbell", "rack", "bench", "dumbbells", "pullup_bar"]},
           "home": {"equipment": []}}
    sc = scenario(locations=gym)

    def two_pulls(v):
        _on_all(v, {"mon"}, {"sumo-deadlift": 0})
        _on_all(v, {"thu"}, {"conventional-deadlift": 0})

    assert solve_fixed(sc, two_pulls).status == "infeasible"
    monkeypatch.setattr(coverage, "floor_pull_cap", lambda scenario: None)
    assert solve_fixed(sc, two_pulls, config=FIRST_PLAN).plan is not None
