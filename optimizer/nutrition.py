"""Energy and macros per calendar day (SPEC §7.3 `energy`, §2 `carbs`). Pure: no solver.

A day's target is maintenance plus the goal's adjustment:

- BMR by Mifflin-St Jeor (Mifflin et al. 1990) when `sex`, `age` and `height_cm` are all
  given — 10·kg + 6.25·cm − 5·age + 5 for men, … − 161 for women — else 22 kcal per kg of
  body mass.
- Maintenance = BMR × an activity factor by the day's training minutes: 1.2 on a rest day,
  1.375 up to 45 minutes, 1.55 up to 90, 1.725 above. Without sex, age and height, maintenance
  is 30 kcal/kg (`[rules.energy] maintenance_kcal_per_kg`) on a light training day (factor
  1.375; ISSN, Kreider et al. 2010: 25–35 kcal/kg a day for a general fitness program of 30–40
  min sessions), other days scaled by their factor, said in the plan's warnings. (Read as 30
  kcal/kg × the factor it would put maintenance 40–90% above Mifflin-St Jeor for any body, and
  a 95 kg fat-loss novice back at 475 g of carbohydrate on a 60-minute day.)
- Goal adjustment, weight-averaged over the goal mix: `fat_loss` −500 kcal, `hypertrophy`
  +250, `strength` +150, others 0 (tunable in `[rules.energy]`). A deficit is at most 1% of
  body mass a week (Helms et al. 2014), at 7,700 kcal per kg lost spread over 7 days (11 kcal
  per kg of body mass a day). A day is a *deficit day* when the mix's adjustment is negative
  (a `fat_loss` share outweighing the surpluses): it takes §7.3's `fat_loss` carbs bands and the
  deficit protein band.

Macros, in this order: protein in g/kg from the goal mix (ISSN 2017, Morton et al. 2018),
clamped to 1.6–2.2 g/kg, or 2.0–2.4 on deficit days; fat the larger of 0.6 g/kg and 25% of
the target (an endurance plan: 0.6 g/kg, carbohydrate first); carbohydrate fills the rest
within the `carbs` bands — rest 3–5 and training 5–10 g/kg (ACSM/AND/DC 2016), on deficit
days rest 2–3 and training 3–5 — to 0.1 g/kg. Beyond the band's top the rest goes to fat.
Under its floor, fat first gives way down to 0.6 g/kg, then the deficit is clipped (carbs at
the floor); a deficit never takes intake under the BMR. Both clips are reported as warnings.

Training days sit above the rest days of their week: every rest day of a scenario has the same
numbers, and a training day's carbs are at least the rest-day value + 0.1 g/kg. Grams are whole
numbers and kcal = 4·protein + 9·fat + 4·carbs of the rounded grams, so a checker can
recompute it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from models.scenario import Scenario

KCAL_PER_G = {"protein": 4, "fat": 9, "carbs": 4}
FALLBACK_BMR_KCAL_PER_KG = 22.0
# without body data: maintenance_kcal_per_kg (default 30) is a day of this activity factor
FALLBACK_REFERENCE_FACTOR = 1.375
KCAL_PER_KG_LOST = 7700.0
MAX_WEEKLY_LOSS_SHARE = 0.01  # of body mass (Helms et al. 2014: 0.5–1% a week)
# kcal a day added to maintenance, per goal; a goal mix weight-averages them. The defaults of
# the `energy` rule's parameters (models/profiles.py RULES), read through `goal_kcal`.
GOAL_KCAL = {"fat_loss": -500.0, "hypertrophy": 250.0, "strength": 150.0, "endurance": 0.0,
             "general": 0.0}
GOAL_KCAL_PARAMS = {"fat_loss": ("fat_loss_deficit_kcal", -1),
                    "hypertrophy": ("hypertrophy_surplus_kcal", 1),
                    "strength": ("strength_surplus_kcal", 1)}
# Protein g/kg per goal: high in a deficit to keep lean mass (Helms 2014, ISSN 2017), 2.0 for
# growth, 1.6 where 1.6 covers the need (Morton 2018: benefits plateau near 1.6).
GOAL_PROTEIN = {"fat_loss": 2.2, "hypertrophy": 2.0, "strength": 1.8, "endurance": 1.6,
                "general": 1.6}
PROTEIN_BAND = (1.6, 2.2)  # g/kg (ISSN 2017, Morton 2018)
PROTEIN_BAND_DEFICIT = (2.0, 2.4)
FAT_FLOOR_G_PER_KG = 0.6
FAT_SHARE = 0.25  # of the day's kcal target, when that is above the floor


def fat_share(scenario: Scenario) -> float:
    """Fat's share of the day's kcal above its floor. An endurance plan keeps fat at its floor
    and lets carbohydrate fill the rest (SPEC §7.3's order; ACSM/AND/DC 2016: 6–10 g/kg on
    long-session days): a long run's extra energy is carbohydrate, not fat (coach review:
    "5.1 g/kg and 67 g of fat on the 90-minute long-run day")."""
    return 0.0 if scenario.primary_goal == "endurance" else FAT_SHARE
CARBS_REST = (3.0, 5.0)  # g/kg (ACSM/AND/DC 2016)
CARBS_TRAINING = (5.0, 10.0)
CARBS_REST_DEFICIT = (2.0, 3.0)
CARBS_TRAINING_DEFICIT = (3.0, 5.0)
CARBS_STEP = 0.1  # g/kg; training days are at least this far above rest days
# (upper training minutes, factor); a rest day is 1.2, above the last bound 1.725
ACTIVITY_FACTORS = ((45, 1.375), (90, 1.55))
REST_FACTOR, HIGH_FACTOR = 1.2, 1.725
# a plan day's kcal may differ this much from the rule's figure (hand rounding)
KCAL_TOLERANCE = 25
# kcal may differ this much from 4·protein + 9·fat + 4·carbs (a total rounded to 10 kcal)
KCAL_IDENTITY_TOLERANCE = 5
MAINTENANCE_FROM_MASS = "maintenance estimated from body mass"  # the warning's opening


@dataclass(frozen=True)
class DayEnergy:
    """One calendar day's energy target and macros (whole grams, kcal from them)."""

    kcal: int
    protein_g: int
    fat_g: int
    carbs_g: int
    carbs_g_per_kg: float
    maintenance_kcal: int
    bmr_kcal: int


class DayNumbers(Protocol):
    """What `energy_problems` reads from a plan day (a format-2 PlanDay or a DayEnergy)."""

    kcal: int
    protein_g: int
    fat_g: int
    carbs_g: int
    carbs_g_per_kg: float


# ------------------------------------------------------------------ the parts of a day
def uses_mifflin(scenario: Scenario) -> bool:
    return None not in (scenario.sex, scenario.age, scenario.height_cm)


def bmr_kcal(scenario: Scenario) -> float:
    """Basal metabolic rate: Mifflin-St Jeor with sex, age and height, else 22 kcal/kg."""
    mass = scenario.body_mass_kg
    if not uses_mifflin(scenario):
        return FALLBACK_BMR_KCAL_PER_KG * mass
    base = 10 * mass + 6.25 * scenario.height_cm - 5 * scenario.age
    return base + (5 if scenario.sex == "male" else -161)


def maintenance_kcal(scenario: Scenario, minutes: int | None) -> float:
    """A day's maintenance: BMR × activity factor (Mifflin-St Jeor), or without body data
    `maintenance_kcal_per_kg` on a light training day, scaled by the day's factor."""
    factor = activity_factor(minutes)
    if uses_mifflin(scenario):
        return bmr_kcal(scenario) * factor
    per_kg = scenario.rule_param("energy", "maintenance_kcal_per_kg")
    return per_kg * scenario.body_mass_kg * factor / FALLBACK_REFERENCE_FACTOR


def maintenance_warning(scenario: Scenario) -> str:
    """The plan's warning when maintenance is estimated from body mass alone."""
    per_kg = scenario.rule_param("energy", "maintenance_kcal_per_kg")
    return (f"{MAINTENANCE_FROM_MASS}: {per_kg:g} kcal/kg on a training day of up to "
            f"{ACTIVITY_FACTORS[0][0]} min, scaled by each day's activity factor (BMR "
            f"{FALLBACK_BMR_KCAL_PER_KG:g} kcal/kg); give sex, age and height_cm for "
            f"Mifflin-St Jeor")


def activity_factor(minutes: int | None) -> float:
    """1.2 on a rest day (None or 0 minutes), 1.375 up to 45, 1.55 up to 90, 1.725 above."""
    if not minutes:
        return REST_FACTOR
    return next((f for upper, f in ACTIVITY_FACTORS if minutes <= upper), HIGH_FACTOR)


def writes_energy(scenario: Scenario, version: int) -> bool:
    """Whether a plan's days carry §7.3's numbers (kcal, fat, §7.3 bands): format 2 with rule
    `energy` on. Otherwise days keep §2's carbs and protein (format 1)."""
    return version >= 2 and scenario.rule_enabled("energy")


def goal_kcal(scenario: Scenario) -> dict[str, float]:
    """Each goal's kcal a day over maintenance (negative: a deficit), as the scenario tunes
    them in `[rules.energy]`."""
    out = dict(GOAL_KCAL)
    for goal, (key, sign) in GOAL_KCAL_PARAMS.items():
        out[goal] = sign * float(scenario.rule_param("energy", key))
    return out


def planned_adjustment_kcal(scenario: Scenario) -> float:
    """The goal mix's weighted kcal adjustment, before the deficit cap."""
    kcal = goal_kcal(scenario)
    return sum(w * kcal[g] for g, w in scenario.goal_mix().items())


def max_deficit_kcal(scenario: Scenario) -> float:
    """The largest daily deficit: 1% of body mass a week at 7,700 kcal/kg, over 7 days."""
    return MAX_WEEKLY_LOSS_SHARE * scenario.body_mass_kg * KCAL_PER_KG_LOST / 7


def goal_adjustment_kcal(scenario: Scenario) -> float:
    """kcal a day added to maintenance: the goal mix's weighted average, a deficit capped."""
    return max(planned_adjustment_kcal(scenario), -max_deficit_kcal(scenario))


def is_deficit(scenario: Scenario) -> bool:
    """Whether the scenario's days are deficit days (their own protein and carbs bands)."""
    return goal_adjustment_kcal(scenario) < 0


def protein_band(scenario: Scenario) -> tuple[float, float]:
    return PROTEIN_BAND_DEFICIT if is_deficit(scenario) else PROTEIN_BAND


def protein_g_per_kg(scenario: Scenario) -> float:
    """The goal mix's weighted protein, clamped to the day's band."""
    lo, hi = protein_band(scenario)
    value = sum(w * GOAL_PROTEIN[g] for g, w in scenario.goal_mix().items())
    return min(hi, max(lo, value))


def carbs_band(training: bool, deficit: bool) -> tuple[float, float]:
    """The `carbs` band in g/kg for a rest or training day, normal or in a deficit."""
    if deficit:
        return CARBS_TRAINING_DEFICIT if training else CARBS_REST_DEFICIT
    return CARBS_TRAINING if training else CARBS_REST


def day_label(minutes: int | None) -> str:
    """The kind of day whose numbers are all alike: rest, or training by activity factor."""
    if not minutes:
        return "rest days"
    if minutes <= ACTIVITY_FACTORS[0][0]:
        return f"training days of up to {ACTIVITY_FACTORS[0][0]} min"
    if minutes <= ACTIVITY_FACTORS[1][0]:
        return f"training days of {ACTIVITY_FACTORS[0][0] + 1}–{ACTIVITY_FACTORS[1][0]} min"
    return f"training days over {ACTIVITY_FACTORS[1][0]} min"


def _tenths(g_per_kg: float) -> int:
    return round(g_per_kg * 10)


# ------------------------------------------------------------------ one day
def _day(scenario: Scenario, minutes: int | None) -> tuple[DayEnergy, str]:
    """The day's numbers and, when a band clipped the goal's target, a warning."""
    mass = scenario.body_mass_kg
    bmr = bmr_kcal(scenario)
    maintenance = maintenance_kcal(scenario, minutes)
    adjustment = goal_adjustment_kcal(scenario)
    deficit = adjustment < 0
    planned = target = maintenance + adjustment
    if deficit and target < bmr:
        target = bmr
    training = bool(minutes)
    lo, hi = (_tenths(x) for x in carbs_band(training, deficit))
    if training:
        rest = _day(scenario, None)[0]
        lo = max(lo, _tenths(rest.carbs_g_per_kg) + _tenths(CARBS_STEP))

    p_lo, p_hi = protein_band(scenario)
    protein = min(math.floor(p_hi * mass),
                  max(math.ceil(p_lo * mass), round(protein_g_per_kg(scenario) * mass)))
    fat_floor = math.ceil(FAT_FLOOR_G_PER_KG * mass)
    fat = max(fat_floor, round(fat_share(scenario) * target / 9))

    def carbs_tenths(fat_g: int) -> float:
        return (target - 4 * protein - 9 * fat_g) / 4 / mass * 10

    if carbs_tenths(fat) < lo:  # fat gives way to its floor before the deficit does
        fat = max(fat_floor, math.floor((target - 4 * protein - 4 * lo / 10 * mass) / 9))
    floor_binds = carbs_tenths(fat) < lo
    carbs = round(carbs_tenths(fat))
    if carbs > hi:  # the rest of the target goes to fat
        carbs = hi
        fat = max(fat_floor, round((target - 4 * protein - 4 * round(hi / 10 * mass)) / 9))
    carbs = max(lo, carbs)

    def kcal_of(tenths: int, fat_g: int) -> int:
        return 4 * protein + 9 * fat_g + 4 * round(tenths / 10 * mass)

    while deficit and kcal_of(carbs, fat) < round(bmr):  # rounding must not undercut the BMR
        if carbs < hi:
            carbs += 1
        else:
            fat += 1
    day = DayEnergy(
        kcal=kcal_of(carbs, fat), protein_g=protein, fat_g=fat,
        carbs_g=round(carbs / 10 * mass), carbs_g_per_kg=carbs / 10,
        maintenance_kcal=round(maintenance), bmr_kcal=round(bmr),
    )
    clipped = day.kcal - planned > KCAL_TOLERANCE
    return day, _clip_warning(day, minutes, adjustment, floor_binds) if clipped else ""


def _clip_warning(day: DayEnergy, minutes: int | None, adjustment: float,
                  floor_binds: bool) -> str:
    """Why a day is above its planned target: the carbs floor (which, when it binds, lies
    above the BMR) or else the BMR."""
    label = day_label(minutes)
    change = day.kcal - day.maintenance_kcal
    result = (f"{day.kcal:,} kcal, {abs(change):,} kcal {'under' if change < 0 else 'over'} "
              f"maintenance ({day.maintenance_kcal:,})")
    if floor_binds:
        why = (f"the carbohydrate floor ({day.carbs_g_per_kg:g} g/kg = {day.carbs_g} g) "
               f"with protein {day.protein_g} g and fat {day.fat_g} g")
    else:
        why = f"the BMR ({day.bmr_kcal:,} kcal), which a deficit never undercuts,"
    goal = (f"a {abs(adjustment):,.0f} kcal {'deficit' if adjustment < 0 else 'surplus'}"
            if round(adjustment) else "maintenance")
    return f"energy: on {label} {why} holds intake at {result} instead of {goal}"


def day_energy(scenario: Scenario, minutes: int | None) -> DayEnergy:
    """A calendar day's energy and macros; `minutes` are the day's training minutes (None or
    0 on a rest day). The same for every day of the same kind, so training days sit above
    every week's rest days."""
    return _day(scenario, minutes)[0]


def energy_warnings(scenario: Scenario, minutes: Iterable[int | None] = (None,)) -> list[str]:
    """The plan's warnings about energy: how maintenance is estimated, a capped deficit, and
    each kind of day (among `minutes`) whose target a band or the BMR clipped."""
    out = []
    if not uses_mifflin(scenario):
        missing = [k for k in ("sex", "age", "height_cm") if getattr(scenario, k) is None]
        out.append(maintenance_warning(scenario) + ("" if len(missing) == 3
                                            else f" (missing: {', '.join(missing)})"))
    planned = planned_adjustment_kcal(scenario)
    cap = max_deficit_kcal(scenario)
    if planned < -cap:
        out.append(f"energy: the goal's {-planned:,.0f} kcal deficit is capped at {cap:,.0f} "
                   f"kcal a day (1% of {scenario.body_mass_kg:g} kg body mass a week)")
    seen = set()
    for m in minutes:
        label = day_label(m)
        if label not in seen:
            seen.add(label)
            text = _day(scenario, m)[1]
            if text:
                out.append(text)
    return out


# ------------------------------------------------------------------ checking a plan's day
def carbs_problems(
    scenario: Scenario, day: date, minutes: int | None, numbers: DayNumbers,
    week_rest_carbs: Sequence[float] = (),
) -> list[str]:
    """What rule `carbs` finds wrong with a format-2 day, one sentence each naming the date and
    the numbers: carbs_g against g/kg, §7.3's carbs band, training above the week's rest days
    (`week_rest_carbs`: the g/kg of that week's rest days) and §7.3's protein band."""
    out = []
    mass = scenario.body_mass_kg
    eps = 1e-6
    n = numbers
    training = bool(minutes)
    deficit = is_deficit(scenario)
    if abs(n.carbs_g - n.carbs_g_per_kg * mass) > 0.5 + eps:
        out.append(f"{day}: carbs_g {n.carbs_g} ≠ {n.carbs_g_per_kg:g} g/kg × {mass:g} kg "
                   f"= {n.carbs_g_per_kg * mass:.0f} g")
    lo, hi = carbs_band(training, deficit)
    band_name = f"{'training' if training else 'rest'} day{' in a deficit' if deficit else ''}"
    if not lo - eps <= n.carbs_g_per_kg <= hi + eps:
        out.append(f"{day}: {band_name}: carbs {n.carbs_g_per_kg:g} g/kg outside {lo:g}–{hi:g} "
                   f"g/kg")
    if training and week_rest_carbs and n.carbs_g_per_kg <= max(week_rest_carbs) + eps:
        out.append(f"{day}: training day carbs {n.carbs_g_per_kg:g} g/kg not above the "
                   f"week's rest days ({max(week_rest_carbs):g} g/kg)")
    p_lo, p_hi = protein_band(scenario)
    if not p_lo * mass - eps <= n.protein_g <= p_hi * mass + eps:
        out.append(f"{day}: protein {n.protein_g} g = {n.protein_g / mass:.2f} g/kg outside "
                   f"{p_lo:g}–{p_hi:g} g/kg{' (deficit)' if deficit else ''}")
    return out


def kcal_problems(
    scenario: Scenario, day: date, minutes: int | None, numbers: DayNumbers,
    week_rest_carbs: Sequence[float] = (),
) -> list[str]:
    """What rule `energy` finds wrong with a day, one sentence each naming the date and the
    numbers: the kcal identity (± KCAL_IDENTITY_TOLERANCE), the fat floor, the BMR, below
    maintenance on deficit days (unless fat and carbs are at their floors: the rule clipped
    the deficit) and the target the rule gives (± KCAL_TOLERANCE)."""
    out = []
    mass = scenario.body_mass_kg
    eps = 1e-6
    n = numbers
    expected = day_energy(scenario, minutes)
    identity = 4 * n.protein_g + 9 * n.fat_g + 4 * n.carbs_g
    if abs(n.kcal - identity) > KCAL_IDENTITY_TOLERANCE:
        out.append(f"{day}: kcal {n.kcal} ≠ 4·{n.protein_g} + 9·{n.fat_g} + 4·{n.carbs_g} "
                   f"= {identity}")
    if n.fat_g < FAT_FLOOR_G_PER_KG * mass - eps:
        out.append(f"{day}: fat {n.fat_g} g = {n.fat_g / mass:.2f} g/kg under "
                   f"{FAT_FLOOR_G_PER_KG:g} g/kg")
    if n.kcal < expected.bmr_kcal:
        out.append(f"{day}: {n.kcal} kcal under the BMR ({expected.bmr_kcal} kcal)")
    deficit = is_deficit(scenario)
    floor = carbs_band(bool(minutes), deficit)[0]
    if minutes and week_rest_carbs:
        floor = max(floor, max(week_rest_carbs) + CARBS_STEP)
    at_floors = (n.fat_g <= math.ceil(FAT_FLOOR_G_PER_KG * mass)
                 and n.carbs_g_per_kg <= floor + eps)
    if deficit and n.kcal >= expected.maintenance_kcal and not at_floors:
        out.append(f"{day}: deficit goal but {n.kcal} kcal is not below maintenance "
                   f"({expected.maintenance_kcal} kcal on {day_label(minutes)})")
    if abs(n.kcal - expected.kcal) > KCAL_TOLERANCE:
        out.append(f"{day}: {n.kcal} kcal, the energy rule gives {expected.kcal} kcal on "
                   f"{day_label(minutes)} (maintenance {expected.maintenance_kcal} kcal, goal "
                   f"{goal_adjustment_kcal(scenario):+.0f} kcal, then the macro bands)")
    return out


def energy_problems(
    scenario: Scenario, day: date, minutes: int | None, numbers: DayNumbers,
    week_rest_carbs: Sequence[float] = (),
) -> list[str]:
    """Everything wrong with a day's §7.3 numbers: `carbs_problems` then `kcal_problems`."""
    return (carbs_problems(scenario, day, minutes, numbers, week_rest_carbs)
            + kcal_problems(scenario, day, minutes, numbers, week_rest_carbs))


# ------------------------------------------------------------------ explaining a day
def maintenance_source(scenario: Scenario, minutes: int | None) -> str:
    """How a day's maintenance is made, in a few words."""
    factor = activity_factor(minutes)
    when = f"{minutes} training min" if minutes else "rest day"
    if uses_mifflin(scenario):
        return (f"BMR {round(bmr_kcal(scenario)):,} (Mifflin-St Jeor: {scenario.sex}, "
                f"{scenario.age:g} y, {scenario.height_cm:g} cm, {scenario.body_mass_kg:g} kg) "
                f"× {factor:g} ({when})")
    per_kg = scenario.rule_param("energy", "maintenance_kcal_per_kg")
    scale = "" if factor == FALLBACK_REFERENCE_FACTOR else (
        f" × {factor:g}/{FALLBACK_REFERENCE_FACTOR:g}")
    return (f"{per_kg:g} kcal/kg × {scenario.body_mass_kg:g} kg{scale} ({when}; no "
            f"sex/age/height_cm)")


def adjustment_text(scenario: Scenario) -> str:
    """The goal adjustment and how it was made: the mix's weights and a deficit cap."""
    kcal = goal_kcal(scenario)
    mix = scenario.goal_mix()
    parts = [f"{g} {kcal[g]:+.0f}" if len(mix) == 1 else f"{g} {w:.0%} × {kcal[g]:+.0f}"
             for g, w in mix.items()]
    text = " + ".join(parts)
    planned, applied = planned_adjustment_kcal(scenario), goal_adjustment_kcal(scenario)
    if len(mix) > 1:
        text += f" = {planned:+.0f}"
    text += " kcal"
    if applied != planned:
        text += f", capped at {applied:+.0f} kcal (1% of body mass a week)"
    return text


def describe_day(scenario: Scenario, minutes: int | None, numbers: DayNumbers) -> str:
    """One line on a day's energy: maintenance (source × factor), the goal adjustment and,
    when the bands clipped it, by how much, then the day's macros."""
    mass = scenario.body_mass_kg
    rule = day_energy(scenario, minutes)
    n = numbers
    change = n.kcal - rule.maintenance_kcal
    text = (f"energy: {n.kcal:,} kcal, {abs(change):,} {'under' if change < 0 else 'over'} "
            f"maintenance {rule.maintenance_kcal:,} = {maintenance_source(scenario, minutes)}; "
            f"goal {adjustment_text(scenario)}")
    held = rule.kcal - (rule.maintenance_kcal + goal_adjustment_kcal(scenario))
    if held > KCAL_TOLERANCE:
        text += f", held {held:,.0f} kcal above by the macro bands"
    return (f"{text}; protein {n.protein_g} g ({n.protein_g / mass:.1f} g/kg), fat {n.fat_g} g "
            f"({n.fat_g / mass:.1f} g/kg), carbs {n.carbs_g} g ({n.carbs_g_per_kg:g} g/kg)")
