"""Week kinds of the refined `deload` rule (SPEC §7.1): models/horizon.py, no solver."""

from __future__ import annotations

from models.horizon import Horizon
from models.scenario import parse_scenario
from tests.plan_factory import scenario_data


def kinds(weeks: int, **kw) -> dict[int, str]:
    horizon = Horizon(parse_scenario(scenario_data(weeks, **kw), "test"))
    return {w.number: w.kind for w in horizon.weeks}


def deloads(weeks: int, **kw) -> list[int]:
    horizon = Horizon(parse_scenario(scenario_data(weeks, **kw), "test"))
    return [w.number for w in horizon.weeks if w.deload]


def trip(monday: str, sunday: str, days: dict) -> dict:
    return {"from": monday, "to": sunday, "availability": days, "location": "home"}


HOLIDAY_WEEK_2 = {"from": "2027-01-11", "to": "2027-01-17", "availability": {}}
TRIP_WEEK_2 = trip("2027-01-11", "2027-01-17", {"mon": 60, "thu": 60})  # 120 of 240 min


def test_last_week_of_each_block_is_the_deload():
    assert deloads(8) == [4, 8]
    assert kinds(4) == {1: "regular", 2: "regular", 3: "regular", 4: "deload"}


def test_short_block_has_no_deload():
    assert deloads(6) == [4]  # weeks 5-6: a block of 2


def test_travel_week_becomes_the_blocks_deload():
    k = kinds(8, exceptions=[TRIP_WEEK_2])
    assert k[2] == "travel_deload" and k[4] == "regular" and k[8] == "deload"
    assert deloads(8, exceptions=[TRIP_WEEK_2]) == [2, 8]


def test_a_lighter_week_above_the_travel_share_is_regular():
    three_days = trip("2027-01-11", "2027-01-17", {"mon": 60, "tue": 60, "thu": 60})  # 75%
    assert kinds(4, exceptions=[three_days])[2] == "regular"
    assert deloads(4, exceptions=[three_days]) == [4]
    # tuned: 75% ≤ 0.8 makes it a travel week
    assert kinds(4, exceptions=[three_days], rules={"deload": {"travel_share": 0.8}})[2] == (
        "travel_deload")


def test_break_week_block_has_no_deload_and_the_next_week_is_reentry():
    k = kinds(8, exceptions=[HOLIDAY_WEEK_2])
    assert k == {1: "regular", 2: "break", 3: "reentry", 4: "regular",
                 5: "regular", 6: "regular", 7: "regular", 8: "deload"}


def test_reentry_crosses_a_block_boundary():
    holiday_week_4 = {"from": "2027-01-25", "to": "2027-01-31", "availability": {}}
    k = kinds(8, exceptions=[holiday_week_4])
    assert k[4] == "break" and k[5] == "reentry" and k[8] == "deload"
    assert [n for n, kind in k.items() if kind == "deload"] == [8]


def test_novice_first_eight_weeks_have_no_scheduled_deload():
    assert deloads(12, level="novice") == [12]
    assert deloads(12, level="intermediate") == [4, 8, 12]
    assert deloads(12, level="novice", rules={"deload": {"novice_weeks": 4}}) == [8, 12]


def test_novice_travel_week_is_still_a_deload():
    assert kinds(8, level="novice", exceptions=[TRIP_WEEK_2])[2] == "travel_deload"


def test_deload_off_leaves_breaks_and_reentry():
    k = kinds(8, exceptions=[HOLIDAY_WEEK_2], rules={"deload": {"enabled": False}})
    assert k[2] == "break" and k[3] == "reentry" and "deload" not in k.values()


def test_legacy_horizon_keeps_the_last_week():
    sc = parse_scenario(scenario_data(8, level="novice", exceptions=[TRIP_WEEK_2]), "test")
    legacy = Horizon(sc, refined=False)
    assert [w.number for w in legacy.weeks if w.deload] == [4, 8]
    assert all(w.kind in ("regular", "deload") for w in legacy.weeks)


def test_plan_weeks_carry_kind_and_note():
    from models.plan import SolverInfo
    from optimizer.extract import plan_from_sessions

    sc = parse_scenario(scenario_data(8, exceptions=[TRIP_WEEK_2, {
        "from": "2027-01-25", "to": "2027-01-31", "availability": {}}]), "test")
    info = SolverInfo(status="optimal", objective=0.0, best_bound=0.0, seconds=0.0)
    plan = plan_from_sessions(sc, Horizon(sc), [], info, [])
    notes = {w.week: (w.kind, w.note) for w in plan.weeks}
    assert notes[1] == ("regular", "")
    assert notes[2] == ("regular", "")  # the block holds a break week: no deload at all
    assert notes[4][0] == "break"
    assert notes[5] == ("reentry", "re-entry week after the break: loads −10%, 1 more rep in "
                                   "reserve")
    assert notes[8] == ("deload", "deload week")
    sc = parse_scenario(scenario_data(4, exceptions=[TRIP_WEEK_2]), "test")
    plan = plan_from_sessions(sc, Horizon(sc), [], info, [])
    assert (plan.weeks[1].kind, plan.weeks[1].note) == ("travel_deload",
                                                       "travel week: this block's deload")
    assert plan.weeks[1].deload and not plan.weeks[3].deload
