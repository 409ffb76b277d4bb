"""Rule `endurance` (SPEC §7.1): the validator on small hand-built plans (tests/plan_factory.py)
and the pure measures of optimizer/endurance.py. The rule-in-model tests are in
tests/test_rules_in_model.py."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from plan_factory import make_plan, planned, refresh, set_scenario  # noqa: E402

from models.plan import Session  # noqa: E402
from optimizer.endurance import (  # noqa: E402
    long_flat,
    long_growth_ok,
    ramp_floor,
    ramp_offset,
    session_kinds,
)
from optimizer.validate import check_plan  # noqa: E402

DAYS = ("mon", "tue", "thu", "fri", "sat")


def run(minutes: int):
    e = planned("outdoor-steady-run", 1, reps=f"{minutes} min steady",
                seconds_per_set=60 * minutes, tempo="-", rest_seconds=0)
    return e


def intervals():
    return planned("outdoor-run-intervals", 6, reps="60 s hard / 60 s easy", seconds_per_set=60,
                   tempo="-", rest_seconds=60, scheme="interval")


def runner_plan(long_runs=(40, 40, 40, 40), **kw):
    """Four weeks: the factory's four strength sessions each with a 20-minute easy run (so
    the runner's strength-session cap is raised to 4), and a long run on Saturday (a session of
    its own)."""
    kw.setdefault("rules", {"endurance": {"max_strength_sessions": 4}})
    p = make_plan(4, goal="endurance", days=DAYS, **kw)
    for s in p.sessions:
        s.exercises.append(run(20))
    for week in range(1, 5):
        monday = next(s.date for s in p.sessions if s.week == week and s.weekday == "mon")
        day = monday + timedelta(days=5)
        p.sessions.append(Session(date=day, week=week, block=1, weekday="sat", location="home",
                                  focus=[], deload=week == 4, minutes=0, warmup_minutes=5,
                                  exercises=[run(long_runs[week - 1])]))
    return refresh(p)


def endurance_messages(p) -> list[str]:
    return [v.message for v in check_plan(p) if v.rule == "endurance"]


def swap_run(p, weekday: str, exercise):
    """The same change every week (sessions repeat within a block: rule `variation`)."""
    for s in p.sessions:
        if s.weekday == weekday:
            s.exercises = [e for e in s.exercises if e.kind != "cardio_steady"] + [exercise]


def test_valid_runner_plan():
    p = runner_plan()
    assert check_plan(p) == []


def test_strength_sessions_a_week_at_most_the_cap():
    p = runner_plan(rules={})  # the default cap, 2 (SPEC): four lifting days are two too many
    assert "endurance: week 1: 4 sessions with strength work > 2 (a runner lifts on few days " \
           "and runs on the others)" in endurance_messages(p)


def test_easy_share():
    p = runner_plan()
    swap_run(p, "mon", intervals())
    swap_run(p, "thu", intervals())
    refresh(p)
    assert {v.rule for v in check_plan(p)} == {"endurance"}
    assert endurance_messages(p) == [f"endurance: week {n}: 3 of 5 cardio sessions easy < 75%"
                                     for n in range(1, 5)]


def test_hard_sessions_48_hours_apart():
    p = runner_plan(rules={"endurance": {"easy_share": 0.5, "max_strength_sessions": 4}})
    swap_run(p, "thu", intervals())
    swap_run(p, "fri", intervals())
    refresh(p)
    assert {v.rule for v in check_plan(p)} == {"endurance"}
    assert endurance_messages(p)[1] == (
        "endurance: 2027-01-14 and 2027-01-15: hard sessions on consecutive days (< 48 h apart)")


def test_no_hard_session_the_day_after_heavy_legs():
    p = runner_plan()
    set_scenario(p, locations={"home": {"equipment": ["barbell", "rack"]}})
    thu = next(s for s in p.sessions if s.week == 1 and s.weekday == "thu")
    thu.exercises.append(planned("barbell-back-squat", 2))
    swap_run(p, "fri", intervals())
    refresh(p)
    assert ("endurance: 2027-01-08: hard session the day after heavy legs (2027-01-07)"
            in endurance_messages(p))


def test_heavy_legs_and_plyometrics_twice_a_week_where_the_location_allows():
    p = runner_plan()
    assert check_plan(p) == []  # bodyweight only: no squat or hinge main lift possible
    set_scenario(p, locations={"home": {"equipment": ["barbell", "rack"]}})
    assert ("endurance: week 1: 0 sessions with heavy legs (a squat or hinge main lift) and "
            "lower-body plyometrics < 2" in endurance_messages(p))
    # a plyometric push-up beside the squat is upper-body work: the runner's days still lack
    # their jumps; a box jump counts
    week_1 = [s for s in p.sessions if s.week == 1][:2]
    for s in week_1:
        s.exercises += [planned("barbell-back-squat", 3, reps="4-5"),
                        planned("plyo-push-up", 3, reps="5")]
    assert ("endurance: week 1: 0 sessions with heavy legs (a squat or hinge main lift) and "
            "lower-body plyometrics < 2" in endurance_messages(p))
    for s in week_1:
        s.exercises.append(planned("box-jump", 3, reps="5"))
    assert not any(m.startswith("endurance: week 1: ") and "plyometrics" in m
                   for m in endurance_messages(p))


def test_modality_share():
    p = runner_plan()
    set_scenario(p, endurance_modality="bike")
    assert "endurance: week 1: 0 of 120 cardio minutes are bike < 70%" in endurance_messages(p)


def test_long_session_growth():
    p = runner_plan(long_runs=(40, 50, 40, 10))  # week 4 is the deload: not compared
    assert endurance_messages(p) == [
        "endurance: week 2: long session 50 min; the previous week's 40 min allows 40–44 "
        "(grows ≤ 10% a week)",
        "endurance: week 3: long session 40 min; the previous week's 50 min allows 50–55 "
        "(grows ≤ 10% a week)",
    ]


def test_endurance_replaces_cardio_for_a_size_share():
    # a hypertrophy share would cap cardio at 90 min a week: endurance, the primary goal, rules
    p = runner_plan()
    set_scenario(p, goal=None, goal_weights={"endurance": 0.7, "hypertrophy": 0.3})
    assert "cardio" not in {v.rule for v in check_plan(p)}
    p.format = "periodize-plan/1"
    for w in p.weeks:
        w.kind = None  # an older format-1 file: §2's cardio, no endurance
    rules = {v.rule for v in check_plan(p)}
    assert "cardio" in rules and "endurance" not in rules


def test_measures():
    assert session_kinds({"strength", "cardio_steady"}) == "easy"
    assert session_kinds({"cardio_steady", "conditioning"}) == "hard"
    assert session_kinds({"strength"}) == ""
    assert long_growth_ok(44 * 60, 40 * 60, 0.1) and not long_growth_ok(45 * 60, 40 * 60, 0.1)
    assert not long_growth_ok(35 * 60, 40 * 60, 0.1)
    assert long_growth_ok(35 * 60, 40 * 60, 0.1, reentry=True)
    assert long_growth_ok(90 * 60, 0, 0.1)
    # a ramp: one 5-minute unit a week up to the peak, each step within the growth allowed
    assert [ramp_offset(j, 3) for j in range(3)] == [2, 1, 0]
    assert ramp_floor(3, 0.1) == 12  # 50 → 55 → 60 min: 55 ≤ 1.1 × 50
    assert ramp_floor(3, 0.2) == 7 and ramp_floor(1, 0.1) is None and ramp_floor(3, 0) is None
    assert all(long_growth_ok((b + 1) * 300, b * 300, 0.1) for b in range(10, 20))
    assert not long_growth_ok(10 * 300, 9 * 300, 0.1)  # below the floor's first week
    assert long_flat(60 * 60, 60 * 60) and not long_flat(65 * 60, 60 * 60)
    assert not long_flat(60 * 60, 0)  # nothing to outgrow


def test_the_week_a_long_session_must_outgrow():
    from models.horizon import Horizon
    from models.scenario import load_scenario
    from optimizer.objective import previous_regular_week

    root = Path(__file__).resolve().parents[1]
    hz = Horizon(load_scenario(root / "scenarios/endurance-runner.toml")[0])
    before = [previous_regular_week(hz, w) for w in hz.weeks]
    # week 5 outgrows week 3 across the deload; the first week has none
    assert [b.number if b else None for b in before] == [None, 1, 2, 3, 3, 5, 6, 7, 7, 9, 10, 11]


def test_frequency_rewards_lifting_days_up_to_the_runners_cap():
    from models.scenario import parse_scenario
    from optimizer.objective import strength_sessions_target

    base = {"name": "t", "start": "2027-01-04", "weeks": 4, "level": "intermediate",
            "body_mass_kg": 70, "locations": {"gym": {"equipment": ["barbell"]}},
            "availability": {d: {"minutes": 60, "location": "gym"} for d in DAYS}}

    def target(**changes) -> int:
        return strength_sessions_target(parse_scenario(base | changes, "t"), 5)

    assert target(goal="hypertrophy") == 3  # the intermediate minimum
    assert target(goal="endurance") == 2  # a runner lifts on two days (SPEC §7.1)
    assert target(goal="endurance", rules={"endurance": {"max_strength_sessions": 1}}) == 1
    assert target(goal="endurance", rules={"endurance": {"enabled": False}}) == 3
    assert strength_sessions_target(parse_scenario(base | {"goal": "strength"}, "t"), 2) == 2


def test_an_endurance_plan_builds_its_cardio_block_by_block():
    from models.horizon import Horizon
    from models.scenario import load_scenario
    from optimizer.objective import block_cardio_target, cardio_target, week_cardio_target
    from optimizer.prescription import Prescriber

    root = Path(__file__).resolve().parents[1]
    runner = load_scenario(root / "scenarios/endurance-runner.toml")[0]
    hz = Horizon(runner)
    assert cardio_target(runner) == 150
    assert [block_cardio_target(runner, hz, b) for b in (1, 2, 3)] == [120, 135, 150]
    # within a block the target rises 5 minutes a regular week, as a ramping long run does
    assert [week_cardio_target(runner, hz, hz.weeks[w]) for w in (0, 1, 2, 4)] == [
        110, 115, 120, 125]
    # a recovery week trims a 90-minute run by a quarter, not to 60% of it
    assert Prescriber(runner, hz).deload_steady(18) == 13
    mixed = load_scenario(root / "scenarios/fat-loss-mix.toml")[0]
    hz = Horizon(mixed)
    assert {block_cardio_target(mixed, hz, b) for b in range(1, hz.n_blocks + 1)} == {
        cardio_target(mixed)}
