"""Rule `energy` (SPEC §7.3) on plans: the days extract writes in format 2 (kcal, protein, fat,
carbs), format 1 unchanged, the validator on hand-broken format-2 plans, and `explain`'s energy
line. The hand-computed numbers of one day are in tests/test_nutrition.py.

Plans are the factory's small bodyweight sessions (tests/plan_factory.py) made 60 minutes long
and re-assembled by `optimizer.extract.plan_from_sessions`, as a solve or a replan does."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from plan_factory import make_plan, to_format_2  # noqa: E402

from models.horizon import Horizon  # noqa: E402
from models.plan import PLAN_FORMAT, PLAN_FORMAT_1, Plan  # noqa: E402
from models.scenario import parse_scenario  # noqa: E402
from optimizer.cli import app  # noqa: E402
from optimizer.explain import energy_line, why_session  # noqa: E402
from optimizer.extract import carbs_for, plan_from_sessions, protein_for  # noqa: E402
from optimizer.nutrition import MAINTENANCE_FROM_MASS, day_energy  # noqa: E402
from optimizer.validate import check_plan  # noqa: E402

# the factory's plan is 4 sessions a week for an intermediate without cardio: switch off what a
# novice or a fat_loss goal would add, so that only energy and carbs are under test
RULES = {"cardio": {"enabled": False}, "frequency": {"enabled": False}}
MAN = {"sex": "male", "age": 40, "height_cm": 180}
MON, WED = date(2027, 1, 4), date(2027, 1, 6)  # a training day, a rest day


def energy_plan(goal: str = "fat_loss", level: str = "novice", fmt: str = PLAN_FORMAT,
                minutes: int = 60, rules: dict | None = None, **fields) -> Plan:
    """Two weeks of the factory's sessions, `minutes` long, as plan_from_sessions writes them
    in format `fmt` for a 95 kg body (or `fields`)."""
    base = to_format_2(make_plan(2, goal=goal, level=level, rules=RULES | (rules or {})))
    data = {**base.scenario, "body_mass_kg": 95, **fields}
    if "goal_weights" in fields:
        data.pop("goal")
    sc = parse_scenario(data)
    for s in base.sessions:
        s.minutes = minutes
    plan = plan_from_sessions(sc, Horizon(sc), base.sessions, base.solver, [], format=fmt)
    plan.solver.objective = plan.solver.best_bound = sum(t.penalty for t in plan.objective_terms)
    return plan


def day(plan: Plan, when: date):
    return next(d for d in plan.days if d.date == when)


def minutes_of(plan: Plan) -> dict[date, int]:
    return {s.date: s.minutes for s in plan.sessions}


def rules_of(plan: Plan) -> set[str]:
    return {v.rule for v in check_plan(plan)}


def messages(plan: Plan, rule: str) -> list[str]:
    return [v.message for v in check_plan(plan) if v.rule == rule]


def recount(d) -> None:
    """kcal from the day's grams, so that only the number under test is off."""
    d.kcal = 4 * d.protein_g + 9 * d.fat_g + 4 * d.carbs_g


def assert_days(plan: Plan, carbs: dict[str, tuple[float, float]],
                protein: tuple[float, float], below_maintenance: bool) -> None:
    sc = plan.scenario_model()
    mass = sc.body_mass_kg
    minutes = minutes_of(plan)
    rest_by_week: dict[int, float] = {}
    for d in plan.days:
        if d.type == "rest":
            rest_by_week[d.week] = max(rest_by_week.get(d.week, 0), d.carbs_g_per_kg)
    for d in plan.days:
        rule = day_energy(sc, minutes.get(d.date))
        assert d.kcal == 4 * d.protein_g + 9 * d.fat_g + 4 * d.carbs_g, d
        assert (d.kcal < rule.maintenance_kcal) is below_maintenance, (d, rule)
        assert d.kcal >= rule.bmr_kcal, d
        lo, hi = carbs[d.type]
        assert lo <= d.carbs_g_per_kg <= hi, d
        assert protein[0] * mass <= d.protein_g <= protein[1] * mass, d
        assert d.fat_g >= 0.6 * mass, d
        if d.type == "training":
            assert d.carbs_g_per_kg > rest_by_week[d.week], d


# ------------------------------------------------------------------ the days extract writes
def test_fat_loss_novice_without_body_data():
    """The issue's 95 kg fat-loss novice: 475 g of carbohydrate on a 60-minute day in format 1;
    format 2 eats below maintenance every day, carbs 2–3 / 3–5 g/kg, protein 2.0–2.4 g/kg."""
    plan = energy_plan()
    assert_days(plan, {"rest": (2, 3), "training": (3, 5)}, (2.0, 2.4), below_maintenance=True)
    # maintenance 30 × 95 × 1.55 / 1.375 = 3213 on a 60-minute day, −500: 2727 kcal (304 g
    # carbs); rest 30 × 95 × 1.2 / 1.375 = 2487 − 500, held at 2109 by the 2 g/kg carbs floor
    mon, wed = day(plan, MON), day(plan, WED)
    assert (mon.kcal, mon.protein_g, mon.fat_g, mon.carbs_g, mon.carbs_g_per_kg) == (
        2727, 209, 75, 304, 3.2)
    assert (wed.kcal, wed.protein_g, wed.fat_g, wed.carbs_g, wed.carbs_g_per_kg) == (
        2109, 209, 57, 190, 2.0)
    said = [w for w in plan.warnings if w.startswith(MAINTENANCE_FROM_MASS)]
    assert len(said) == 1 and "30 kcal/kg" in said[0]  # said once
    assert any(w.startswith("energy: on rest days the carbohydrate floor") for w in plan.warnings)
    assert check_plan(plan) == []


def test_fat_loss_novice_with_mifflin_st_jeor():
    plan = energy_plan(**MAN)  # BMR 10·95 + 6.25·180 − 5·40 + 5 = 1880
    assert_days(plan, {"rest": (2, 3), "training": (3, 5)}, (2.0, 2.4), below_maintenance=True)
    mon, wed = day(plan, MON), day(plan, WED)
    # 60 min: 1880 × 1.55 = 2914 − 500 = 2414, held at 2489 by the 3 g/kg floor
    assert (mon.kcal, mon.fat_g, mon.carbs_g) == (2489, 57, 285)
    assert (wed.kcal, wed.carbs_g) == (2109, 190)  # 147 kcal under 2256
    assert not any(w.startswith("maintenance estimated") for w in plan.warnings)
    assert check_plan(plan) == []


def test_hypertrophy_gets_a_surplus():
    plan = energy_plan(goal="hypertrophy", level="intermediate", body_mass_kg=82,
                       sex="male", age=30, height_cm=180)
    assert_days(plan, {"rest": (3, 5), "training": (5, 10)}, (1.6, 2.2),
                below_maintenance=False)
    sc = plan.scenario_model()
    for when, minutes in ((MON, 60), (WED, None)):
        d, rule = day(plan, when), day_energy(sc, minutes)
        assert abs(d.kcal - (rule.maintenance_kcal + 250)) <= 25, (d, rule)
    # BMR 820 + 1125 − 150 + 5 = 1800; 60 min: 2790 + 250 = 3040 kcal; protein 2.0 g/kg =
    # 164 g; 25% fat (84 g) leaves 4.96 g/kg carbs, under the 5 g/kg floor: fat gives way to
    # 82 g, carbs 5.0 g/kg = 410 g: 656 + 738 + 1640 = 3034 kcal
    mon = day(plan, MON)
    assert (mon.kcal, mon.protein_g, mon.fat_g, mon.carbs_g) == (3034, 164, 82, 410)
    assert plan.warnings == []
    assert check_plan(plan) == []


def test_goal_mix_weight_averages_the_adjustment():
    # fat_loss 0.6 × −500 + hypertrophy 0.4 × +250 = −200 kcal: still a deficit
    plan = energy_plan(goal_weights={"fat_loss": 0.6, "hypertrophy": 0.4}, **MAN)
    assert_days(plan, {"rest": (2, 3), "training": (3, 5)}, (2.0, 2.4), below_maintenance=True)
    assert check_plan(plan) == []


def test_tuned_deficit_moves_the_days():
    plan = energy_plan(rules={"energy": {"fat_loss_deficit_kcal": 300}})
    # 3213 − 300 = 2913: protein 209 g, fat 25% = 81 g, carbs 3.5 g/kg = 332 g: 2893 kcal
    assert day(plan, MON).kcal == 2893
    assert check_plan(plan) == []
    plan.scenario = {**plan.scenario, "rules": RULES}  # back to −500: the days are now wrong
    assert any("2893 kcal, the energy rule gives 2727 kcal" in m for m in messages(plan, "energy"))


def test_format_1_days_are_unchanged():
    """Format 1 keeps §2's carbs and protein exactly: 475 g on the novice's 60-minute days."""
    plan = energy_plan(fmt=PLAN_FORMAT_1)
    sc = plan.scenario_model()
    assert (day(plan, MON).carbs_g, day(plan, MON).protein_g) == (475, 190)
    for d in plan.days:
        g = carbs_for(sc, 60 if d.type == "training" else None)
        assert (d.carbs_g_per_kg, d.carbs_g, d.protein_g) == (
            g, round(g * 95), round(protein_for(sc) * 95))
        assert d.kcal is None and d.fat_g is None
    assert plan.warnings == []
    assert check_plan(plan) == []


def test_energy_switched_off_keeps_format_1_days():
    plan = energy_plan(rules={"energy": {"enabled": False}})
    assert plan.version == 2
    assert (day(plan, MON).carbs_g, day(plan, MON).kcal) == (475, None)
    assert check_plan(plan) == []  # `carbs` checks §2's bands


# ------------------------------------------------------------------ check: hand-broken plans
@pytest.fixture
def plan() -> Plan:
    p = energy_plan()
    assert check_plan(p) == []
    return p


def test_kcal_identity(plan):
    day(plan, MON).kcal += 40
    assert rules_of(plan) == {"energy"}
    assert any("2027-01-04: kcal 2767 ≠ 4·209 + 9·75 + 4·304 = 2727" in m
               for m in messages(plan, "energy"))


def test_kcal_rounded_to_ten_passes(plan):
    day(plan, MON).kcal = 2730  # 2727 written as a round figure
    assert check_plan(plan) == []


def test_fat_under_its_floor(plan):
    d = day(plan, MON)
    d.fat_g = 50
    d.carbs_g_per_kg, d.carbs_g = 3.8, 361  # about the same kcal
    recount(d)
    assert rules_of(plan) == {"energy"}
    assert any("2027-01-04: fat 50 g = 0.53 g/kg under 0.6 g/kg" in m
               for m in messages(plan, "energy"))


def test_kcal_under_bmr(plan):
    d = day(plan, WED)
    d.fat_g = 20
    recount(d)
    assert any("2027-01-06: 1776 kcal under the BMR (2090 kcal)" in m
               for m in messages(plan, "energy"))


def test_fat_loss_day_not_below_maintenance(plan):
    d = day(plan, MON)
    d.fat_g = 140
    d.carbs_g_per_kg, d.carbs_g = 4.0, 380
    recount(d)
    assert rules_of(plan) == {"energy"}
    assert any("2027-01-04: deficit goal but 3616 kcal is not below maintenance (3213 kcal on "
               "training days of 46–90 min)" in m for m in messages(plan, "energy"))


def test_missing_energy_numbers(plan):
    day(plan, WED).kcal = None
    assert messages(plan, "energy") == ["energy: 2027-01-06: no kcal (a format-2 day carries its "
                                        "energy target)"]


def test_clip_and_mass_estimate_must_be_warned(plan):
    plan.warnings = []
    msgs = messages(plan, "energy")
    assert any(m.startswith(f"energy: the plan's warnings do not say: {MAINTENANCE_FROM_MASS}")
               for m in msgs)
    assert any("do not say: energy: on rest days the carbohydrate floor" in m for m in msgs)


def test_deficit_rest_day_carbs_band(plan):
    d = day(plan, WED)
    d.carbs_g_per_kg, d.carbs_g = 3.5, 333
    recount(d)
    assert "carbs" in rules_of(plan)
    assert any("2027-01-06: rest day in a deficit: carbs 3.5 g/kg outside 2–3 g/kg" in m
               for m in messages(plan, "carbs"))


def test_training_day_not_above_rest_days(plan):
    for when in (MON, WED):
        d = day(plan, when)
        d.carbs_g_per_kg, d.carbs_g = 3.0, 285
        recount(d)
    assert "carbs" in rules_of(plan)
    assert ("carbs: 2027-01-04: training day carbs 3 g/kg not above the week's rest days "
            "(3 g/kg)") in messages(plan, "carbs")


def test_deficit_protein_band_replaces_section_2(plan):
    d = day(plan, MON)
    d.protein_g = 180  # 1.89 g/kg: inside §2's 1.4–2.0, under §7.3's 2.0–2.4 in a deficit
    d.carbs_g_per_kg, d.carbs_g = 3.5, 333
    recount(d)
    assert rules_of(plan) == {"carbs"}
    assert any("protein 180 g = 1.89 g/kg outside 2–2.4 g/kg (deficit)" in m
               for m in messages(plan, "carbs"))


def test_carbs_switched_off_energy_checks_the_bands(plan):
    plan.scenario = {**plan.scenario, "rules": RULES | {"carbs": {"enabled": False}}}
    d = day(plan, WED)
    d.carbs_g_per_kg, d.carbs_g = 3.5, 333
    recount(d)
    assert rules_of(plan) == {"energy"}
    assert any("rest day in a deficit: carbs 3.5 g/kg outside 2–3 g/kg" in m
               for m in messages(plan, "energy"))


def test_carbs_check_follows_the_format():
    """A 2.5 g/kg rest day: under §2's 3 g/kg in format 1, inside §7.3's fat-loss band."""
    v1, v2 = energy_plan(fmt=PLAN_FORMAT_1), energy_plan()
    for p in (v1, v2):
        d = day(p, WED)
        d.carbs_g_per_kg, d.carbs_g = 2.5, 238
        if d.kcal is not None:
            recount(d)
    assert any("2027-01-06: rest day carbs 2.5 g/kg outside 3–5 g/kg" in m
               for m in messages(v1, "carbs"))
    assert messages(v2, "carbs") == []
    assert rules_of(v2) == {"energy"}  # 2109 + 4·48 kcal: not what the rule gives


# ------------------------------------------------------------------ explain
def test_explain_energy_line():
    plan = energy_plan(**MAN)
    line = energy_line(plan, MON)
    assert line.startswith("energy: 2,489 kcal, 425 under maintenance 2,914 = BMR 1,880 "
                           "(Mifflin-St Jeor: male, 40 y, 180 cm, 95 kg) × 1.55 (60 training "
                           "min); goal fat_loss -500 kcal, held 75 kcal above by the macro "
                           "bands; protein 209 g (2.2 g/kg), fat 57 g (0.6 g/kg), carbs 285 g "
                           "(3 g/kg)"), line
    assert line in why_session(plan, MON).context
    rest = energy_line(plan, WED)
    assert "22 kcal" not in rest and "× 1.2 (rest day)" in rest
    assert energy_line(energy_plan(fmt=PLAN_FORMAT_1), MON) is None
    assert ("maintenance 2,487 = 30 kcal/kg × 95 kg × 1.2/1.375 (rest day; no sex/age/height_cm)"
            in energy_line(energy_plan(), WED))
    light = energy_plan(minutes=40)
    assert "maintenance 2,850 = 30 kcal/kg × 95 kg (40 training min; no sex/age/height_cm)" in (
        energy_line(light, MON))


def test_explain_cli_on_a_rest_day(tmp_path: Path):
    plan = energy_plan()
    path = tmp_path / "plan.json"
    path.write_text(plan.to_json(), encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", str(path), "--date", str(WED)])
    assert result.exit_code == 0, result.output
    assert "2027-01-06: rest day" in result.output
    assert "energy: 2,109 kcal, 378 under maintenance 2,487" in result.output
