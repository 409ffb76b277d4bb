"""Load math (SPEC §7.2): 1RM estimates from `[lifts]`, %1RM for reps and reps in reserve, and
loads rounded to a location's increment. Pure functions: no solver, no plan.

Estimates use Epley's formula (Epley B., *Boyd Epley Workout*, 1985): 1RM = kg × (1 + reps/30),
taken as kg itself for a single. It is the usual choice for sets of up to 10 reps, which is why
`[lifts]` top sets are limited to 1..10 reps. The same formula, inverted at reps + rir (a set of
5 with 2 in reserve is as heavy as a 7-rep max), gives the %1RM of a prescribed set.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from models.catalog import Catalog, Exercise
from models.scenario import DEFAULT_INCREMENT_KG, Lift, Scenario

EPLEY_DIVISOR = 30.0
RIR_TOLERANCE = 1.0  # reps: a set's stated rir may be off by this much (Epley is an estimate)
# a plan states %1RM up to the tenth, which moves Epley's reps to failure by < 0.05: a load
# exactly at the tolerance (62.5 kg for 4 reps at 2 RIR on a 62.5 kg × 5 top set) still fits
PERCENT_ROUNDING_REPS = 0.05
PERCENT_STEP = 0.5  # %1RM figures are given to the half percent
# Loaded equipment in the order that decides an exercise's increment when it lists several
# (a barbell exercise on a bench is loaded with plates, a weighted pull-up with a dumbbell).
_LOAD_ORDER = tuple(DEFAULT_INCREMENT_KG)


@dataclass(frozen=True)
class LiftEstimate:
    """The 1RM used for one `[lifts]` entry and where it comes from."""

    exercise_id: str
    name: str
    one_rm_kg: float  # to 0.1 kg
    source: str  # "top set 100 kg × 5 (Epley)" or "known 1RM"


def estimated_one_rm(lift: Lift) -> float:
    """1RM in kg: a known `one_rm_kg` as given, a top set by Epley, kg × (1 + reps/30) (a
    single is its own 1RM). Not rounded."""
    if lift.one_rm_kg is not None:
        return float(lift.one_rm_kg)
    if lift.kg is None or lift.reps is None:
        raise ValueError("a lift needs kg and reps, or one_rm_kg")
    if lift.reps == 1:
        return float(lift.kg)
    return lift.kg * (1 + lift.reps / EPLEY_DIVISOR)


# What a training max gains per completed block (Wendler's 5/3/1: +5 lb upper, +10 lb lower a
# cycle); it lifts a block's loads only as far as the [lifts] estimate allows (progression.py).
TRAINING_MAX_STEP_KG = {"lower": 5.0, "upper": 2.5}
TRAINING_MAX_RULES = frozenset({"wave", "block"})  # main lifts of intermediates and advanced


def training_max(one_rm: float, blocks_done: int, lower: bool) -> float:
    """A block's training max: the `[lifts]` estimate plus one step per completed earlier
    block (`TRAINING_MAX_STEP_KG`). The plan's %1RM stays a share of the estimate itself."""
    return one_rm + blocks_done * TRAINING_MAX_STEP_KG["lower" if lower else "upper"]


def reps_to_failure(percent: float) -> float:
    """Reps a lifter can do at `percent` of the 1RM (Epley inverted)."""
    return EPLEY_DIVISOR * (100.0 / percent - 1.0)


def leaves_rir(percent: float, reps: int, rir: int) -> bool:
    """Whether `reps` at `percent` of the 1RM leave `rir` in reserve (Epley, within
    `RIR_TOLERANCE`)."""
    return reps + rir <= reps_to_failure(percent) + RIR_TOLERANCE + PERCENT_ROUNDING_REPS


def rep_target(percent: float, rir: int, reps: list[int]) -> int:
    """The reps a set at `percent` does to stop `rir` short of failure (Epley, rounded down
    unless within a quarter rep of the next: a coach review counted 5 reps at 84% "at 1 RIR"
    as 0.7 in reserve), within the prescribed range."""
    return min(max(reps), max(min(reps), math.floor(reps_to_failure(percent) - rir + 0.25)))


def lift_source(lift: Lift) -> str:
    """Where a 1RM comes from, in words for the plan's `lifts`."""
    if lift.one_rm_kg is not None:
        return "known 1RM"
    if lift.reps == 1:
        return f"top set {lift.kg:g} kg × 1"
    return f"top set {lift.kg:g} kg × {lift.reps} (Epley)"


def lift_table(scenario: Scenario, catalog: Catalog) -> dict[str, LiftEstimate]:
    """The estimated 1RM of every `[lifts]` entry, by exercise id, in the file's order.

    An entry applies to its own exercise only (SPEC §7.2). Ids the catalog does not hold are
    refused when the scenario is read; here they are named by id."""
    known = catalog.by_id()
    table = {}
    for ex_id, lift in (scenario.lifts or {}).items():
        ex = known.get(ex_id)
        table[ex_id] = LiftEstimate(
            exercise_id=ex_id, name=ex.name if ex else ex_id,
            one_rm_kg=round(estimated_one_rm(lift), 1), source=lift_source(lift),
        )
    return table


def exact_percent(reps: float, rir: float) -> float:
    """Epley inverted, unrounded: the %1RM whose reps to failure are reps + rir (the
    half-percent rounding of `percent_for` can cost a plate on a light lift)."""
    return 100 / (1 + (reps + rir) / EPLEY_DIVISOR)


def percent_for(reps: int, rir: int) -> float:
    """%1RM for a set of `reps` with `rir` reps in reserve: Epley inverted at reps + rir,
    100 / (1 + (reps + rir)/30), to the half percent; a single at rir 0 is 100%."""
    if reps < 1 or rir < 0:
        raise ValueError(f"reps must be ≥ 1 and rir ≥ 0 (got reps {reps}, rir {rir})")
    if reps + rir == 1:
        return 100.0
    return round(exact_percent(reps, rir) / PERCENT_STEP) * PERCENT_STEP


def load_equipment(exercise: Exercise) -> str | None:
    """The equipment that carries an exercise's load (barbell before dumbbells, kettlebell,
    machine, cable), or None for a loadable exercise without any (a belt or vest: plates)."""
    return next((eq for eq in _LOAD_ORDER if eq in exercise.equipment), None)


def increment_for(scenario: Scenario, location: str, equipment: str | None) -> float:
    """The smallest load step in kg for `equipment` at `location`: the location's
    `increment_kg` (a number for all its loaded equipment, or its table's entry), else the
    default (barbell 2.5, dumbbells 2.0 per hand, kettlebell 4.0, machine 5.0, cable 2.5).
    `equipment` None (plates on a belt or vest) steps like a barbell."""
    kind = equipment or "barbell"
    if kind not in DEFAULT_INCREMENT_KG:
        raise ValueError(f"{kind!r} carries no load; loaded equipment: {', '.join(_LOAD_ORDER)}")
    step = scenario.locations[location].increment_kg
    if isinstance(step, int | float):
        return float(step)
    if isinstance(step, dict) and kind in step:
        return float(step[kind])
    return DEFAULT_INCREMENT_KG[kind]


def round_load(kg: float, increment: float) -> float:
    """`kg` rounded down to a multiple of `increment` (a load one cannot set up is never
    rounded up), and never below one increment."""
    if increment <= 0 or not math.isfinite(increment):
        raise ValueError(f"increment must be a positive number of kg (got {increment})")
    if not math.isfinite(kg):
        raise ValueError(f"load must be a finite number of kg (got {kg})")
    # the small tolerance keeps 82.5 / 2.5 = 32.999999… on 82.5
    steps = max(1, math.floor(kg / increment + 1e-9))
    return round(steps * increment, 3)


def load_for(one_rm_kg: float, percent: float, increment: float) -> float:
    """The load of a set at `percent` of a 1RM, rounded down to the increment."""
    return round_load(one_rm_kg * percent / 100, increment)
