"""Energy and macros per day (optimizer/nutrition.py, SPEC §7.3): hand-computed numbers, the
invariants over many bodies and goals, and a checker that catches each broken number."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math
from pathlib import Path

import pytest

from models.scenario import parse_scenario
from optimizer.nutrition import (
    KCAL_TOLERANCE,
    MAINTENANCE_FROM_MASS,
    activity_factor,
    bmr_kcal,
    day_energy,
    describe_day,
    energy_problems,
    energy_warnings,
    goal_adjustment_kcal,
    is_deficit,
    protein_g_per_kg,
)

DAY = dt.date(2027, 1, 5)


def scenario(**fields: object):
    data = {
        "start": "2027-01-04", "weeks": 4, "goal": "general", "level": "novice",
        "body_mass_kg": 80,
        "locations": {"gym": {"equipment": ["barbell", "rack", "bench", "dumbbells"]}},
        "availability": {"mon": 60, "wed": 60, "fri": 60},
    }
    data.update(fields)
    if "goal_weights" in fields:
        data.pop("goal")
    return parse_scenario(data)


# ------------------------------------------------------------------ the parts
def test_bmr_mifflin_st_jeor_and_fallback():
    # men: 10·80 + 6.25·180 − 5·30 + 5 = 1780; women: 10·60 + 6.25·165 − 5·40 − 161 = 1270.25
    assert bmr_kcal(scenario(sex="male", age=30, height_cm=180)) == 1780
    assert bmr_kcal(scenario(body_mass_kg=60, sex="female", age=40, height_cm=165)) == 1270.25
    assert bmr_kcal(scenario()) == 22 * 80
    assert bmr_kcal(scenario(sex="male", age=30)) == 22 * 80  # all three or none


@pytest.mark.parametrize(("minutes", "factor"), [
    (None, 1.2), (0, 1.2), (1, 1.375), (45, 1.375), (46, 1.55), (90, 1.55), (91, 1.725),
    (300, 1.725),
])
def test_activity_factor(minutes: int | None, factor: float):
    assert activity_factor(minutes) == factor


@pytest.mark.parametrize(("fields", "kcal"), [
    ({"goal": "fat_loss"}, -500), ({"goal": "hypertrophy"}, 250), ({"goal": "strength"}, 150),
    ({"goal": "endurance"}, 0), ({"goal": "general"}, 0),
    ({"goal_weights": {"fat_loss": 0.6, "hypertrophy": 0.4}}, -200),  # −300 + 100
    ({"goal_weights": {"fat_loss": 1, "strength": 3}}, -12.5),  # (−500 + 450) / 4
    # 1% of 40 kg a week = 0.4 kg × 7700 kcal / 7 days = 440 kcal a day
    ({"goal": "fat_loss", "body_mass_kg": 40}, -440),
])
def test_goal_adjustment_weight_averaged_and_capped(fields: dict, kcal: float):
    assert goal_adjustment_kcal(scenario(**fields)) == pytest.approx(kcal)


@pytest.mark.parametrize(("energy", "fields", "kcal"), [
    ({"fat_loss_deficit_kcal": 300}, {"goal": "fat_loss"}, -300),
    ({"hypertrophy_surplus_kcal": 400}, {"goal": "hypertrophy"}, 400),
    ({"strength_surplus_kcal": 0}, {"goal": "strength"}, 0),
    # 0.6 × −300 + 0.4 × +400 = −20
    ({"fat_loss_deficit_kcal": 300, "hypertrophy_surplus_kcal": 400},
     {"goal_weights": {"fat_loss": 0.6, "hypertrophy": 0.4}}, -20),
    # tuning does not lift the 1% cap: 40 kg → 440 kcal
    ({"fat_loss_deficit_kcal": 1000}, {"goal": "fat_loss", "body_mass_kg": 40}, -440),
])
def test_goal_adjustment_is_tunable(energy: dict, fields: dict, kcal: float):
    assert goal_adjustment_kcal(scenario(rules={"energy": energy}, **fields)) == pytest.approx(kcal)


def test_describe_day_names_source_factor_adjustment_and_macros():
    mix = scenario(goal_weights={"fat_loss": 3, "strength": 1}, body_mass_kg=40)
    text = describe_day(mix, 100, day_energy(mix, 100))
    # 30 × 40 × 1.725 / 1.375 = 1505 maintenance; 0.75 × −500 + 0.25 × 150 = −337.5, under
    # the cap
    assert "maintenance 1,505 = 30 kcal/kg × 40 kg × 1.725/1.375 (100 training min; no " \
           "sex/age/height_cm); goal fat_loss 75% × -500 + strength 25% × +150 = -338 kcal" in text
    small = scenario(goal="fat_loss", body_mass_kg=40, sex="female", age=20, height_cm=150)
    text = describe_day(small, None, day_energy(small, None))
    assert "(Mifflin-St Jeor: female, 20 y, 150 cm, 40 kg) × 1.2 (rest day)" in text
    assert "goal fat_loss -500 kcal, capped at -440 kcal (1% of body mass a week)" in text
    assert "held" in text and "by the macro bands" in text


@pytest.mark.parametrize(("fields", "g_per_kg"), [
    ({"goal": "fat_loss"}, 2.2), ({"goal": "hypertrophy"}, 2.0), ({"goal": "strength"}, 1.8),
    ({"goal": "general"}, 1.6),
    ({"goal_weights": {"fat_loss": 0.6, "hypertrophy": 0.4}}, 2.12),
    # a small net deficit: the mix's 1.85 g/kg is raised to the deficit band's 2.0
    ({"goal_weights": {"fat_loss": 1, "strength": 3}}, 2.0),
])
def test_protein_by_goal_within_the_band(fields: dict, g_per_kg: float):
    assert protein_g_per_kg(scenario(**fields)) == pytest.approx(g_per_kg)


# ------------------------------------------------------------------ the novice
def test_the_95_kg_fat_loss_novice_eats_below_maintenance():
    """The issue: a 95 kg fat-loss novice got 475 g of carbohydrate (5 g/kg, ~2,700 kcal
    before any fat) on every training day. Without sex/age/height the BMR is 22 × 95 = 2090
    and maintenance 30 kcal/kg on a light training day (factor 1.375), scaled by the factor."""
    novice = scenario(goal="fat_loss", body_mass_kg=95)
    assert is_deficit(novice)
    rest, training = day_energy(novice, None), day_energy(novice, 60)
    # rest: maintenance 30 × 95 × 1.2 / 1.375 = 2487, target 1987, under the BMR: 2090;
    # protein 2.2 × 95 = 209 g, fat at its floor 0.6 × 95 = 57 g leaves (2090 − 836 − 513) / 4
    # = 185 g = 1.95 g/kg, under the 2 g/kg floor: carbs 190 g, 4·209 + 9·57 + 4·190 = 2109 kcal
    assert rest == dataclasses.replace(
        rest, kcal=2109, protein_g=209, fat_g=57, carbs_g=190, carbs_g_per_kg=2.0,
        maintenance_kcal=2487, bmr_kcal=2090)
    # 60 min: maintenance 30 × 95 × 1.55 / 1.375 = 3212.7, target 2712.7; fat 25% = 75 g;
    # carbs (2712.7 − 836 − 675) / 4 / 95 = 3.16 → 3.2 g/kg = 304 g; 836 + 675 + 1216 = 2727
    assert training == dataclasses.replace(
        training, kcal=2727, protein_g=209, fat_g=75, carbs_g=304, carbs_g_per_kg=3.2,
        maintenance_kcal=3213, bmr_kcal=2090)
    assert training.kcal <= training.maintenance_kcal - 500 + KCAL_TOLERANCE  # carbs to 0.1
    assert rest.kcal < rest.maintenance_kcal
    assert training.carbs_g <= 0.65 * 475  # far below today's 475 g
    assert training.carbs_g_per_kg > rest.carbs_g_per_kg
    warnings = energy_warnings(novice, [None, 60])
    assert warnings[0] == (
        "maintenance estimated from body mass: 30 kcal/kg on a training day of up to 45 min, "
        "scaled by each day's activity factor (BMR 22 kcal/kg); give sex, age and height_cm for "
        "Mifflin-St Jeor")
    assert any("on rest days the carbohydrate floor (2 g/kg = 190 g)" in w
               and "378 kcal under maintenance (2,487) instead of a 500 kcal deficit" in w
               for w in warnings), warnings


def test_the_95_kg_novice_with_mifflin_st_jeor():
    # a 40-year-old man, 180 cm: BMR 950 + 1125 − 200 + 5 = 1880
    novice = scenario(goal="fat_loss", body_mass_kg=95, sex="male", age=40, height_cm=180)
    rest, training = day_energy(novice, None), day_energy(novice, 60)
    assert (rest.bmr_kcal, rest.maintenance_kcal) == (1880, 2256)
    assert (rest.kcal, rest.carbs_g) == (2109, 190)  # carbs floor: 147 kcal under maintenance
    # 60 min: 1880 × 1.55 = 2914 − 500 = 2414; the 3 g/kg floor (285 g) holds it at 2489
    assert (training.maintenance_kcal, training.kcal, training.carbs_g, training.fat_g) == (
        2914, 2489, 285, 57)
    assert training.kcal < training.maintenance_kcal
    assert not any(w.startswith("maintenance estimated") for w in energy_warnings(novice))


def test_hypertrophy_surplus_fills_carbs():
    # 78 kg man, 30, 180 cm: BMR 1760; 60 min: 1760 × 1.55 = 2728 + 250 = 2978 target;
    # protein 156 g, fat 25% = 83 g, carbs (2978 − 624 − 747) / 4 = 401.75 g = 5.15 → 5.2 g/kg
    lifter = scenario(goal="hypertrophy", body_mass_kg=78, sex="male", age=30, height_cm=180)
    day = day_energy(lifter, 60)
    assert (day.protein_g, day.fat_g, day.carbs_g_per_kg, day.carbs_g) == (156, 83, 5.2, 406)
    assert day.kcal == 4 * 156 + 9 * 83 + 4 * 406 == 2995
    assert energy_warnings(lifter, [None, 30, 60, 120]) == []


def test_carbs_over_the_band_go_to_fat():
    # a light, tall 18-year-old: the rest day's carbs would be 6.4 g/kg, over 5
    light = scenario(goal="hypertrophy", body_mass_kg=50, sex="male", age=18, height_cm=200)
    rest = day_energy(light, None)
    assert rest.carbs_g_per_kg == 5.0
    target = 1665 * 1.2 + 250
    assert abs(rest.kcal - target) <= 10 and rest.fat_g > 0.25 * rest.kcal / 9


def test_deficit_capped_and_bmr_floor_warned():
    small = scenario(goal="fat_loss", body_mass_kg=40, sex="female", age=20, height_cm=150)
    rest = day_energy(small, None)
    assert rest.kcal >= rest.bmr_kcal == 1076  # 400 + 937.5 − 100 − 161
    warnings = energy_warnings(small)
    assert "capped at 440 kcal a day (1% of 40 kg body mass a week)" in warnings[0]
    assert any("the BMR (1,076 kcal)" in w for w in warnings)


def test_partial_body_data_names_what_is_missing():
    warnings = energy_warnings(scenario(sex="female", age=40))
    assert warnings[0].startswith(MAINTENANCE_FROM_MASS)
    assert warnings[0].endswith("Mifflin-St Jeor (missing: height_cm)")
    tuned = energy_warnings(scenario(rules={"energy": {"maintenance_kcal_per_kg": 27}}))
    assert tuned[0].startswith(f"{MAINTENANCE_FROM_MASS}: 27 kcal/kg on a training day")


# ------------------------------------------------------------------ invariants
BODIES = [
    {}, {"sex": "male", "age": 25, "height_cm": 185}, {"sex": "female", "age": 55,
                                                        "height_cm": 160},
    {"sex": "female", "age": 80, "height_cm": 150}, {"sex": "male", "age": 16, "height_cm": 200},
]
GOALS = [{"goal": g} for g in ("fat_loss", "hypertrophy", "strength", "endurance", "general")] + [
    {"goal_weights": {"fat_loss": 0.6, "hypertrophy": 0.4}},
    {"goal_weights": {"fat_loss": 0.3, "strength": 0.7}},
]
MINUTES = [None, 20, 45, 46, 60, 90, 91, 150, 300]


@pytest.mark.parametrize("mass", [30, 45, 62.5, 80, 95, 120, 180, 300])
def test_every_day_passes_its_own_check(mass: float):
    for body, goal in itertools.product(BODIES, GOALS):
        sc = scenario(body_mass_kg=mass, **body, **goal)
        rest = day_energy(sc, None)
        for minutes in MINUTES:
            day = day_energy(sc, minutes)
            label = f"{mass} kg {body} {goal} {minutes} min: {day}"
            assert day.kcal == 4 * day.protein_g + 9 * day.fat_g + 4 * day.carbs_g, label
            assert energy_problems(sc, DAY, minutes, day, [rest.carbs_g_per_kg]) == [], label
            if minutes:
                assert day.carbs_g_per_kg > rest.carbs_g_per_kg, label


TUNED = [
    {"maintenance_kcal_per_kg": 26, "fat_loss_deficit_kcal": 1000},
    {"maintenance_kcal_per_kg": 50, "fat_loss_deficit_kcal": 0},
    {"hypertrophy_surplus_kcal": 1000, "strength_surplus_kcal": 1000},
    {"hypertrophy_surplus_kcal": 0, "strength_surplus_kcal": 0, "fat_loss_deficit_kcal": 100},
]


@pytest.mark.parametrize("energy", TUNED)
def test_tuned_days_pass_their_own_check(energy: dict):
    for mass, goal in itertools.product((45, 95, 180), GOALS):
        sc = scenario(body_mass_kg=mass, rules={"energy": energy}, **goal)
        rest = day_energy(sc, None)
        for minutes in MINUTES:
            day = day_energy(sc, minutes)
            assert energy_problems(sc, DAY, minutes, day, [rest.carbs_g_per_kg]) == [], (
                mass, goal, minutes, day)


# ------------------------------------------------------------------ the checker
NOVICE = scenario(goal="fat_loss", body_mass_kg=95)
GOOD_TRAINING = day_energy(NOVICE, 60)  # 2727 kcal: 209 g P, 75 g F, 304 g C (3.2 g/kg)
REST_CARBS = [day_energy(NOVICE, None).carbs_g_per_kg]  # 2.0


def _kcal(day):
    return dataclasses.replace(day, kcal=4 * day.protein_g + 9 * day.fat_g + 4 * day.carbs_g)


@pytest.mark.parametrize(("change", "rest_carbs", "expected"), [
    ({"kcal": 2800}, REST_CARBS, ["2027-01-05: kcal 2800 ≠ 4·209 + 9·75 + 4·304 = 2727"]),
    ({"carbs_g": 320}, REST_CARBS, ["carbs_g 320 ≠ 3.2 g/kg × 95 kg = 304 g"]),
    ({"carbs_g_per_kg": 5.5, "carbs_g": 522}, REST_CARBS,
     ["training day in a deficit: carbs 5.5 g/kg outside 3–5 g/kg", "not below maintenance"]),
    ({"carbs_g_per_kg": 3.2}, [3.4], ["training day carbs 3.2 g/kg not above the week's rest "
                                      "days (3.4 g/kg)"]),
    ({"fat_g": 50, "carbs_g_per_kg": 3.8, "carbs_g": 361}, REST_CARBS,
     ["fat 50 g = 0.53 g/kg under 0.6 g/kg"]),
    ({"protein_g": 180, "carbs_g_per_kg": 3.5, "carbs_g": 333}, REST_CARBS,
     ["protein 180 g = 1.89 g/kg outside 2–2.4 g/kg (deficit)"]),
    ({"fat_g": 140, "carbs_g_per_kg": 4.0, "carbs_g": 380}, REST_CARBS,
     ["deficit goal but 3616 kcal is not below maintenance (3213 kcal on training days of "
      "46–90 min)", "3616 kcal, the energy rule gives 2727 kcal"]),
    ({"fat_g": 57, "carbs_g_per_kg": 3.0, "carbs_g": 285}, REST_CARBS,
     ["2489 kcal, the energy rule gives 2727 kcal"]),
])
def test_energy_problems_names_date_and_numbers(change: dict, rest_carbs: list, expected: list):
    day = dataclasses.replace(GOOD_TRAINING, **change)
    if "kcal" not in change:
        day = _kcal(day)
    problems = energy_problems(NOVICE, DAY, 60, day, rest_carbs)
    assert problems, day
    assert all(p.startswith("2027-01-05: ") for p in problems), problems
    for text in expected:
        assert any(text in p for p in problems), (text, problems)


def test_energy_problems_under_bmr():
    rest = day_energy(NOVICE, None)
    starved = _kcal(dataclasses.replace(rest, fat_g=20, carbs_g_per_kg=2.0))
    problems = energy_problems(NOVICE, DAY, None, starved, [])
    assert any("1776 kcal under the BMR (2090 kcal)" in p for p in problems), problems


def test_energy_problems_accepts_a_deficit_held_at_the_floors():
    # a heavy, short, older woman: protein, fat and carbs floors already exceed maintenance
    heavy = scenario(goal="fat_loss", body_mass_kg=150, sex="female", age=70, height_cm=150)
    for minutes in (None, 60):
        day = day_energy(heavy, minutes)
        assert day.kcal > day.maintenance_kcal
        assert energy_problems(heavy, DAY, minutes, day,
                               [day_energy(heavy, None).carbs_g_per_kg]) == []
    assert any("over maintenance" in w for w in energy_warnings(heavy, [None, 60]))


def test_an_endurance_plan_fills_the_long_day_with_carbohydrate():
    """Endurance: fat stays at its 0.6 g/kg floor and carbohydrate fills the rest, so the
    long-run day's extra energy is carbohydrate; a size goal keeps fat at 25% of the kcal."""
    from models.scenario import load_scenario
    from optimizer.nutrition import day_energy

    root = Path(__file__).resolve().parents[1]
    runner = load_scenario(root / "scenarios/endurance-runner.toml")[0]
    short, long_ = day_energy(runner, 30), day_energy(runner, 95)
    assert short.fat_g == long_.fat_g == math.ceil(0.6 * runner.body_mass_kg)
    assert long_.carbs_g_per_kg >= 5.8 > short.carbs_g_per_kg
    lifter = load_scenario(root / "scenarios/gym-4day-hypertrophy.toml")[0]
    day = day_energy(lifter, 95)
    assert day.fat_g == round(0.25 * (day.maintenance_kcal + 250) / 9)
