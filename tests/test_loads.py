"""Load math (optimizer/loads.py): Epley 1RM estimates, %1RM for reps and rir, increments and
rounding, with numbers computed by hand."""

from __future__ import annotations

import pytest

from models.catalog import builtin_catalog
from models.scenario import DEFAULT_INCREMENT_KG, Lift, parse_scenario
from models.vocab import LOAD_EQUIPMENT
from optimizer.loads import (
    estimated_one_rm,
    increment_for,
    lift_table,
    load_equipment,
    load_for,
    percent_for,
    round_load,
)

SCENARIO = {
    "start": "2027-01-04", "weeks": 4, "goal": "strength", "body_mass_kg": 82,
    "locations": {
        "gym": {"equipment": ["barbell", "rack", "bench", "dumbbells", "kettlebell", "cable",
                              "machine"]},
        "home": {"equipment": ["dumbbells", "kettlebell"], "increment_kg": 1.0},
        "club": {"equipment": ["barbell", "rack", "dumbbells"],
                 "increment_kg": {"barbell": 1.25}},
    },
    "availability": {"mon": {"minutes": 60, "location": "gym"},
                     "thu": {"minutes": 60, "location": "home"}},
    "lifts": {
        "barbell-back-squat": {"kg": 100, "reps": 5},
        "barbell-bench-press": {"one_rm_kg": 90},
        "conventional-deadlift": {"kg": 150, "reps": 1},
        "dumbbell-bench-press": {"kg": 30, "reps": 10},
    },
}


# ------------------------------------------------------------------ Epley
@pytest.mark.parametrize(("lift", "one_rm"), [
    ({"kg": 100, "reps": 5}, 116.6667),  # 100 × (1 + 5/30)
    ({"kg": 100, "reps": 10}, 133.3333),  # 100 × (1 + 10/30)
    ({"kg": 60, "reps": 3}, 66.0),  # 60 × 1.1
    ({"kg": 142.5, "reps": 1}, 142.5),  # a single is its own 1RM
    ({"one_rm_kg": 120}, 120.0),
])
def test_estimated_one_rm_by_epley(lift: dict, one_rm: float):
    assert estimated_one_rm(Lift(**lift)) == pytest.approx(one_rm, abs=1e-4)


@pytest.mark.parametrize(("reps", "rir", "percent"), [
    (5, 0, 85.5),  # 100 / (1 + 5/30) = 85.71
    (5, 2, 81.0),  # 100 / (1 + 7/30) = 81.08
    (3, 1, 88.0),  # 100 / (1 + 4/30) = 88.24
    (8, 2, 75.0),  # 100 / (1 + 10/30) = 75.00
    (10, 2, 71.5),  # 100 / (1 + 12/30) = 71.43
    (12, 3, 66.5),  # 100 / (1 + 15/30) = 66.67
    (20, 2, 57.5),  # 100 / (1 + 22/30) = 57.69
    (1, 0, 100.0),  # a single at rir 0 is the 1RM (as in estimated_one_rm)
    (1, 1, 94.0),  # 100 / (1 + 2/30) = 93.75
])
def test_percent_for_reps_and_rir(reps: int, rir: int, percent: float):
    assert percent_for(reps, rir) == percent


def test_more_reserve_or_more_reps_is_lighter():
    for reps in range(1, 25):
        for rir in range(0, 6):
            assert percent_for(reps, rir + 1) <= percent_for(reps, rir)
            assert percent_for(reps + 1, rir) <= percent_for(reps, rir)


@pytest.mark.parametrize(("reps", "rir"), [(0, 2), (5, -1)])
def test_percent_for_refuses_nonsense(reps: int, rir: int):
    with pytest.raises(ValueError):
        percent_for(reps, rir)


def test_a_top_set_comes_back_at_its_own_percent():
    # 100 kg × 5 → 1RM 116.7; 5 reps at rir 0 is 85.5% → 99.75 kg → 97.5 kg on a barbell
    one_rm = estimated_one_rm(Lift(kg=100, reps=5))
    assert load_for(one_rm, percent_for(5, 0), 2.5) == 97.5
    assert load_for(one_rm, percent_for(5, 0), 1.25) == 98.75


# ------------------------------------------------------------------ rounding and increments
@pytest.mark.parametrize(("kg", "step", "rounded"), [
    (82.4, 2.5, 80.0),  # down, never up
    (82.5, 2.5, 82.5),
    (2.55 * 100 / 1.02, 2.5, 250.0),  # 249.99999999999997: float noise is not a step down
    (133.33333333333334 * 0.9, 2.5, 120.0),  # 120.00000000000001
    (3 * 1.25, 1.25, 3.75),
    (23.9, 2.0, 22.0),
    (33.0, 4.0, 32.0),
    (97.4, 5.0, 95.0),
    (1.0, 2.5, 2.5),  # never below one increment
    (0.0, 2.0, 2.0),
])
def test_round_load_down_to_the_increment(kg: float, step: float, rounded: float):
    assert round_load(kg, step) == rounded


@pytest.mark.parametrize(("kg", "step"), [(80, 0), (80, -2.5), (float("nan"), 2.5),
                                          (float("inf"), 2.5)])
def test_round_load_refuses_nonsense(kg: float, step: float):
    with pytest.raises(ValueError):
        round_load(kg, step)


def test_default_increments_cover_the_loaded_equipment():
    assert set(DEFAULT_INCREMENT_KG) == set(LOAD_EQUIPMENT)
    assert DEFAULT_INCREMENT_KG == {"barbell": 2.5, "dumbbells": 2.0, "kettlebell": 4.0,
                                    "machine": 5.0, "cable": 2.5}


def test_increment_for_location_number_table_and_defaults():
    scenario = parse_scenario(SCENARIO)
    gym = {eq: increment_for(scenario, "gym", eq) for eq in DEFAULT_INCREMENT_KG}
    assert gym == DEFAULT_INCREMENT_KG
    assert increment_for(scenario, "gym", None) == 2.5  # plates on a belt, like a barbell
    assert increment_for(scenario, "home", "dumbbells") == 1.0  # a number: all equipment
    assert increment_for(scenario, "home", "kettlebell") == 1.0
    assert increment_for(scenario, "club", "barbell") == 1.25  # a table entry
    assert increment_for(scenario, "club", "dumbbells") == 2.0  # not in the table: default
    with pytest.raises(ValueError, match="bands"):
        increment_for(scenario, "gym", "bands")


def test_load_equipment_of_an_exercise():
    by_id = builtin_catalog().by_id()
    assert load_equipment(by_id["barbell-bench-press"]) == "barbell"  # bench and rack too
    assert load_equipment(by_id["weighted-pull-up"]) == "dumbbells"
    assert load_equipment(by_id["leg-press"]) == "machine"
    assert load_equipment(by_id["lat-pulldown"]) == "cable"
    assert load_equipment(by_id["pull-up"]) is None


# ------------------------------------------------------------------ the scenario's lifts
def test_lift_table_estimates_and_sources():
    scenario = parse_scenario(SCENARIO)
    table = lift_table(scenario, builtin_catalog())
    assert list(table) == list(SCENARIO["lifts"])  # the file's order
    squat = table["barbell-back-squat"]
    assert squat.one_rm_kg == 116.7
    assert squat.source == "top set 100 kg × 5 (Epley)"
    assert squat.name == "Barbell Back Squat"
    bench = table["barbell-bench-press"]
    assert (bench.one_rm_kg, bench.source) == (90.0, "known 1RM")
    deadlift = table["conventional-deadlift"]
    assert (deadlift.one_rm_kg, deadlift.source) == (150.0, "top set 150 kg × 1")
    assert table["dumbbell-bench-press"].one_rm_kg == 40.0  # 30 × (1 + 10/30), per hand


def test_no_lifts_no_table():
    data = {k: v for k, v in SCENARIO.items() if k != "lifts"}
    assert lift_table(parse_scenario(data), builtin_catalog()) == {}
