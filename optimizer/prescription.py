"""Prescription: how each exercise is done in a given week (pure data, no solver).

The model chooses sessions, exercises and their dose (sets, interval repeats or 5-minute units
of steady cardio); everything else — reps, tempo, rest, time under tension, scheme — follows
from the goal profile, the block's rep-scheme variant and the week's position in its block:

- strength: the block's variant (scheme, reps, tempo) of the primary goal; consecutive blocks
  with sessions use consecutive variants, so a kept exercise always changes scheme or reps;
- tempo: concentric `X` (explosive) for squat, hinge, lunge and plyometric patterns after the
  technique weeks, never in a novice's first block (rule `explosive`);
- reps: the block's variant of the exercise's role category (main lift, other compound,
  isolation, power) whose rep window lies in the goal's band (SPEC §7.2), with a tempo that
  makes the goal's set time (5 × 4 s, 10 × 4 s, 20 × 3 s);
- rest by role and goal (SPEC §7.2): a main lift holds its rest (≥ its floor: `rest_floor`
  for the strength goal, `compound_rest_floor` for the size goals); other work starts at its
  band's `rest_start` and falls `rest_drop` each week of the block, rounded down to 5 s, never
  below its band's floor;
- warm-up ramps: a loadable main lift gets the goal's ramp-up sets before its working sets,
  a fixed time per use in a session (`ramp_seconds`), in the session's minutes;
- deload week: the same sessions and exercises, each at a fixed easy dose (strength: half the
  goal's minimum sets, rounded up; 2 plyometric sets, 1 circuit round, 3 interval repeats, 10
  minutes steady; for the endurance goal a steady bout keeps `max_share` of its minutes, ≥ 10);
  the model keeps the week's total sets ≤ `max_share` × the block's heaviest
  week (rule `deload`). A fixed deload dose keeps every deload-week measure linear in the
  model's decisions, with no extra variables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from models.catalog import Exercise
from models.horizon import Horizon, Week
from models.profiles import (
    CONDITIONING_REST,
    CONDITIONING_ROUNDS,
    CONDITIONING_SECONDS,
    HEAVY_LEGS_VARIANTS,
    INTERVAL_REPEATS,
    PLYO_REPS,
    PLYO_REST,
    PLYO_REST_FLOOR,
    PLYO_SECONDS,
    PLYO_SETS,
    PROFILES,
    RAMPS,
    STEADY_MINUTES,
    STEADY_STEP,
    GoalProfile,
    RepVariant,
    band,
    counts_in_set_duration,
    plan_role,
    ramp_seconds,
    rest_floor,
    role_category,
)
from models.scenario import Scenario
from models.vocab import EXPLOSIVE_PATTERNS, LOAD_EQUIPMENT

from .endurance import band_goal, exercise_heavy_legs

STEADY_UNIT_SECONDS = STEADY_STEP * 60
ROPE_STEADY_MAX_MINUTES = 15
# endurance goal: long runs and rides of up to 90 minutes (rule `endurance`'s long session)
ENDURANCE_STEADY_MAX_MINUTES = 90
ENDURANCE_CUTBACK_PERCENT = 75  # an endurance deload week's steady bouts, of the regular dose


@dataclass(frozen=True)
class Dose:
    """What one unit of an exercise's dose means and its allowed range."""

    lo: int
    hi: int


@dataclass(frozen=True)
class WeekPrescription:
    """An exercise's prescription in one week, for a given dose (sets or units)."""

    sets: int
    reps: str
    seconds_per_set: int
    tempo: str
    rest_seconds: int
    scheme: str
    sides: int = 1  # 2 for unilateral work: each set is done once per side

    @property
    def work_seconds(self) -> int:
        return self.sets * (self.seconds_per_set * self.sides + self.rest_seconds)


class Prescriber:
    """Prescriptions for one scenario; all numbers the model and the plan share."""

    def __init__(self, scenario: Scenario, horizon: Horizon):
        self.scenario = scenario
        self.horizon = horizon
        self.profile: GoalProfile = PROFILES[scenario.primary_goal]
        self.explosive_on = scenario.rule_enabled("explosive")
        self.technique_weeks = scenario.rule_param("explosive", "technique_weeks")
        self.rest_drop = scenario.rule_param("explosive", "rest_drop") if self.explosive_on else 0.0
        self.rest_floor = scenario.rule_param("explosive", "rest_floor")
        self.compound_floor = scenario.rule_param("explosive", "compound_rest_floor")
        # Integer percent, so the model's linear floor and this function agree exactly.
        self.deload_percent = round(100 * scenario.rule_param("deload", "max_share"))
        # a runner's recovery week trims the runs by a quarter (Pfitzinger: 20–30%), it does not
        # halve them as the lifting is halved: the volume built is kept
        self.steady_deload_percent = ENDURANCE_CUTBACK_PERCENT
        # Variant of each block: blocks with sessions take consecutive variants.
        self.block_variant: dict[int, int] = horizon.block_order

    # --- dose ----------------------------------------------------------------------------
    def dose(self, ex: Exercise) -> Dose:
        if ex.kind == "strength":
            return Dose(*self.profile.sets)
        if ex.kind == "plyometric":
            return Dose(*PLYO_SETS)
        if ex.kind == "conditioning":
            return Dose(*CONDITIONING_ROUNDS)
        if ex.kind == "cardio_interval":
            return Dose(*INTERVAL_REPEATS)
        if ex.kind == "cardio_steady":
            # steady rope skipping is high impact: at most 15 minutes a bout
            most = ROPE_STEADY_MAX_MINUTES if ex.modality == "rope" else (
                ENDURANCE_STEADY_MAX_MINUTES if self.profile.name == "endurance"
                else STEADY_MINUTES[1])
            return Dose(STEADY_MINUTES[0] // STEADY_STEP, most // STEADY_STEP)
        raise ValueError(f"{ex.id}: kind {ex.kind} is not scheduled")

    def deload_dose(self, ex: Exercise) -> int:
        """Dose in a deload week (Bell et al. 2022: cut volume ~40–60%, keep the exercises)."""
        if ex.kind == "strength":
            return self.profile.deload_sets
        if ex.kind == "plyometric":
            return 2
        if ex.kind == "conditioning":
            return 1
        if ex.kind == "cardio_interval":
            return INTERVAL_REPEATS[0] // 2
        return STEADY_MINUTES[0] // STEADY_STEP

    def scales_deload(self, ex: Exercise) -> bool:
        """Endurance goal: a deload week's steady bouts are cut, not replaced by 10 minutes (a
        10-minute "long run" is no deload of a 90-minute one)."""
        return self.profile.name == "endurance" and ex.kind == "cardio_steady"

    def deload_steady(self, dose: int) -> int:
        """The deload dose of an endurance plan's steady bout of `dose` units:
        `ENDURANCE_CUTBACK_PERCENT` of it, ≥ the minimum."""
        least = STEADY_MINUTES[0] // STEADY_STEP
        return max(least, self.steady_deload_percent * dose // 100)

    # --- per-week details --------------------------------------------------------------
    def role(self, ex: Exercise) -> str:
        """The exercise's role in this plan (`models.profiles.plan_role`)."""
        return plan_role(ex.role, ex.strength_lift, self.profile.name)

    def category(self, ex: Exercise) -> str | None:
        """The exercise's band category: main, compound, isolation, power (None: other)."""
        return role_category(ex.kind, self.role(ex), ex.pattern)

    def goal_of(self, ex: Exercise) -> str:
        """The goal whose band the exercise's sets follow (`endurance.band_goal`)."""
        return band_goal(self.scenario, self.category(ex), exercise_heavy_legs(ex))

    def variant(self, block: int, ex: Exercise | None = None) -> RepVariant:
        """The block's rep scheme for the exercise's role category (main lifts when None)."""
        category = "main" if ex is None else (self.category(ex) or "isolation")
        if ex is not None and self.goal_of(ex) != self.profile.name:
            variants = HEAVY_LEGS_VARIANTS  # an endurance plan's heavy legs
        else:
            variants = self.profile.variants_for(category, ex is not None and ex.floor_pull)
        return variants[self.block_variant[block] % len(variants)]

    def in_set_duration(self, ex: Exercise) -> bool:
        """Whether the exercise's sets count in the set-duration median
        (`models.profiles.counts_in_set_duration`)."""
        return counts_in_set_duration(ex.kind, self.goal_of(ex), self.category(ex))

    def ramps(self, ex: Exercise) -> tuple[tuple[float, int], ...]:
        """Warm-up ramp of a loaded main lift: (share of the working load, reps) per set.
        Loaded: loadable and on loading equipment (a bodyweight chin-up has no load to ramp)."""
        if (ex.kind == "strength" and self.role(ex) == "main" and ex.loadable
                and LOAD_EQUIPMENT & set(ex.equipment)):
            return RAMPS[self.goal_of(ex)]
        return ()

    def ramp_seconds(self, ex: Exercise) -> int:
        """Seconds of warm-up ramp each time the exercise is used in a session."""
        return ramp_seconds(self.ramps(ex))

    def sides(self, ex: Exercise) -> int:
        """Unilateral strength and plyometric work is done once per side."""
        return 2 if ex.unilateral and ex.kind in ("strength", "plyometric") else 1

    def explosive_week(self, week: Week) -> bool:
        """Squat, hinge, lunge and plyometric work is explosive this week."""
        if not self.explosive_on:
            return False
        if self.scenario.level == "novice" and week.block == 1:
            return False
        return week.number > self.technique_weeks

    def needs_explosive_capable(self, ex: Exercise, week: Week) -> bool:
        """Squat, hinge, lunge and plyometric strength, plyometric and conditioning work
        (swings, thrusters: SPEC §7.1 refined) must be explosive this week."""
        return (ex.kind in ("strength", "plyometric", "conditioning")
                and ex.pattern in EXPLOSIVE_PATTERNS and self.explosive_week(week))

    def rest_floor_of(self, ex: Exercise) -> int:
        """Rest floor of a strength exercise (`models.profiles.rest_floor`)."""
        return rest_floor(self.goal_of(ex), self.category(ex) or "isolation",
                          self.rest_floor, self.compound_floor)

    def base_rest(self, ex: Exercise) -> int:
        if ex.kind == "strength":
            return band(self.goal_of(ex), self.category(ex) or "isolation").rest_start
        if ex.kind == "plyometric":
            return PLYO_REST
        if ex.kind == "conditioning":
            return CONDITIONING_REST
        if ex.kind == "cardio_interval":
            return self.profile.interval_work_rest[1]
        return 0

    def rest(self, ex: Exercise, position: int, deload: bool = False) -> int:
        """Rest after a set in week `position` of the block; a deload week holds the previous
        week's rest (it is an easy week, not a denser one)."""
        base = self.base_rest(ex)
        if ex.kind in ("cardio_interval", "cardio_steady"):
            return base  # the interval design is work:rest; steady cardio has none
        if ex.kind == "strength" and self.category(ex) == "main":
            # main lifts hold their rest, never under the floor (NSCA 2–5 min; SPEC §7.1)
            return max(base, self.rest_floor_of(ex))
        if deload and position > 0:
            position -= 1
        rest = 5 * math.floor(base * (1 - self.rest_drop) ** position / 5 + 1e-9)
        if ex.kind == "strength":
            rest = max(rest, min(base, self.rest_floor_of(ex)))
        if ex.kind == "plyometric":
            rest = max(rest, PLYO_REST_FLOOR)
        return rest

    def seconds_per_unit(self, ex: Exercise, block: int) -> int:
        """Time under tension of one set, per side (steady cardio: of one 5-minute unit)."""
        if ex.kind == "strength":
            return self.variant(block, ex).seconds_per_set
        if ex.kind == "plyometric":
            return PLYO_SECONDS
        if ex.kind == "conditioning":
            return CONDITIONING_SECONDS
        if ex.kind == "cardio_interval":
            return self.profile.interval_work_rest[0]
        return STEADY_UNIT_SECONDS

    def unit_seconds(self, ex: Exercise, week: Week) -> int:
        """Work seconds added by one unit of dose in this week (time model of docs/rules.md)."""
        if ex.kind == "cardio_steady":
            return STEADY_UNIT_SECONDS
        return (self.seconds_per_unit(ex, week.block) * self.sides(ex)
                + self.rest(ex, week.position, week.deload))

    def tempo(self, ex: Exercise, week: Week) -> str:
        explosive = self.needs_explosive_capable(ex, week) and ex.explosive
        if ex.kind == "strength":
            ecc, pause1, con, pause2 = self.variant(week.block, ex).tempo
            # a power lift is explosive by nature (a reviewer: "push press 1-0-1-1 should be an
            # explosive dip and drive"); its 1-s lift counts as the X's 1 s. Squat, hinge and
            # lunge patterns wait for rule `explosive`'s weeks like the rest
            power = (self.explosive_on and self.role(ex) == "power" and con == 1
                     and ex.pattern not in EXPLOSIVE_PATTERNS)
            return f"{ecc}-{pause1}-{'X' if explosive or power else con}-{pause2}"
        if ex.kind == "plyometric":
            # a jump is explosive by nature; a novice's first block has no jumps at all
            return "1-0-X-0" if self.explosive_on or explosive else "1-0-1-0"
        if ex.kind == "conditioning":
            return "1-0-X-0" if explosive else "1-0-1-0"
        return "-"

    def prescribe(self, ex: Exercise, week: Week, dose: int) -> WeekPrescription:
        """The prescription of `ex` with `dose` units in `week` (deload applied here)."""
        if week.deload and dose > 0:
            dose = self.deload_steady(dose) if self.scales_deload(ex) else self.deload_dose(ex)
        rest = self.rest(ex, week.position, week.deload)
        sides = self.sides(ex)
        if ex.kind == "strength":
            variant = self.variant(week.block, ex)
            seconds = variant.seconds_per_set
            if ex.isometric:  # the set's time is one hold
                return WeekPrescription(dose, f"{seconds} s hold", seconds, f"0-{seconds}-0-0",
                                        rest, "straight", sides)
            if ex.pattern == "carry":  # the set's time is a walk
                return WeekPrescription(dose, f"{seconds} s walk", seconds, f"0-{seconds}-0-0",
                                        rest, "straight", sides)
            reps = variant.reps
            if variant.scheme == "pyramid":  # one rep target per set: 12/10/8/8
                steps = reps.split("-")
                reps = "/".join((steps + [steps[-1]] * dose)[:dose])
            return WeekPrescription(
                dose, reps, seconds, self.tempo(ex, week), rest, variant.scheme, sides,
            )
        if ex.kind == "plyometric":
            return WeekPrescription(
                dose, PLYO_REPS, PLYO_SECONDS, self.tempo(ex, week), rest, "straight", sides
            )
        if ex.kind == "conditioning":
            return WeekPrescription(
                dose, "3-min circuit", CONDITIONING_SECONDS, self.tempo(ex, week), rest,
                "giant_set",
            )
        if ex.kind == "cardio_interval":
            work, easy = self.profile.interval_work_rest
            return WeekPrescription(
                dose, f"{work} s hard / {easy} s easy", work, "-", easy, "interval"
            )
        minutes = dose * STEADY_STEP
        return WeekPrescription(1, f"{minutes} min steady", minutes * 60, "-", 0, "straight")

    def sets_of(self, ex: Exercise, dose: int) -> int:
        """Sets counted for set totals (steady cardio is one set whatever its minutes)."""
        return (1 if dose > 0 else 0) if ex.kind == "cardio_steady" else dose
