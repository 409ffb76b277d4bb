"""Effort, load and progression (SPEC §7.2), derived after solving. Pure: no solver.

None of these change minutes, so none is in the CP-SAT model (docs/model.md, "What is in the
model and what is derived"): for each strength exercise and week, from the goal's band of its
role category (`models.profiles.INTENSITY`), the block's rep range and the week's place among
its block's *regular* weeks:

- `rir`: `rir_ladder` — the band's top in a block's first regular week down to its end in the
  last (novice ≥ 2); deload ≥ `intensity.deload_rir`; a re-entry week the last regular week's
  before it + 1 (the block's first week's where it opens the block). Counted reps with no
  %1RM to raise keep the rir in the band and ask a rep more a week (`Progressor.reps_rise`).
- `percent_1rm` where a 1RM applies (barbell, dumbbells, kettlebell, cable, machine): Epley
  inverted at the range's lowest reps + rir (`loads.percent_for`) clamped to the band; a main
  lift's weekly wave adds `progression.wave_step` % a week instead; a novice main lift with a
  known 1RM adds +2.5 kg (upper body) or +5 kg (lower body) a week; deload and re-entry −10%.
- `load_kg` only from the scenario's `[lifts]` (own exercise id), rounded down to the
  location's increment: never an invented kilogram figure.
- `progression` {rule, text}: linear (novice main lifts), wave (intermediate/advanced main
  lifts), block (strength-goal main lifts: a wave whose %1RM also rises block to block), double
  (accessories), time (conditioning, cardio), none (plyometric drills).
- `warmup_sets`: the goal's ramp (`Prescriber.ramps`) at shares of the working %1RM.

So a week's derived prescription is a function of the calendar week: a replanned week N gets
what week N of the plan's calendar gets.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from models.catalog import Exercise, builtin_catalog
from models.horizon import Horizon, Week
from models.plan import LiftEntry, Progression, WarmupSet
from models.profiles import (
    DELOAD_LOAD_CUT,
    REENTRY_LOAD_CUT,
    band,
    band_rir_ladder,
    novice_ladder,
    rir_ladder,
)
from models.scenario import Scenario
from models.vocab import LOAD_EQUIPMENT

from .eligibility import Eligibility
from .loads import (
    PERCENT_STEP,
    TRAINING_MAX_RULES,
    estimated_one_rm,
    exact_percent,
    increment_for,
    leaves_rir,
    lift_source,
    load_equipment,
    rep_target,
    round_load,
    training_max,
)
from .loads import percent_for as epley_percent
from .prescription import Prescriber, WeekPrescription

LOWER_PATTERNS = frozenset({"squat", "hinge", "lunge"})
NOVICE_STEP_KG = {"lower": 5.0, "upper": 2.5}  # SPEC §7.2: linear progression a week


def week_kind(week: Week) -> str:
    """regular | deload | travel_deload | reentry | break (`Week.kind` when it exists)."""
    return getattr(week, "kind", "break" if week.is_break else
                   "deload" if week.deload else "regular")


def regular_weeks(horizon: Horizon, block: int) -> list[Week]:
    """The block's regular weeks (none of break, deload, travel deload, re-entry)."""
    return [w for w in horizon.block_weeks_of(block) if week_kind(w) == "regular"]


def blocks_done(horizon: Horizon, block: int) -> int:
    """Earlier blocks with regular weeks: the training-max steps a block's loads stand on."""
    return sum(1 for b in range(1, block) if regular_weeks(horizon, b))


def is_lower(pattern: str) -> bool:
    return pattern in LOWER_PATTERNS


WAVE_RIR_SLACK = 0.5  # reps a wave's weekly load may shave off the week's rir (`_wave_load`)


def _half(x: float) -> float:
    return round(x * 2) / 2


def _tenth_up(x: float) -> float:
    return math.ceil(10 * x - 1e-9) / 10


def rep_targets(reps: str) -> list[int]:
    """The integers of a reps string ("4-5", "12-10-8", "12/10/8/8"); [] for holds, walks."""
    if not re.fullmatch(r"\d+([-/]\d+)*", reps):
        return []
    return [int(x) for x in re.split(r"[-/]", reps)]


def percent_reps(reps: str) -> int:
    """The reps a set's %1RM is for: a pyramid's first set's, the most (its later sets are
    heavier, `Progressor._per_set`), a range's fewest (its heaviest sets)."""
    targets = rep_targets(reps)
    return max(targets) if "/" in reps else min(targets)


def shifted(reps: str, shift: int, least: int) -> str:
    """A pyramid `shift` reps lower in every set, no set under `least` (the band's floor)."""
    return "/".join(str(max(least, t - shift)) if t > least else str(t)
                    for t in rep_targets(reps))


EASY_REPS = 15  # a bodyweight leg exercise at or under this many reps needs a slower rep
TIMED_STEP_SECONDS = 3  # a hold or walk a week shorter than its block's last (`week_reps`)


def timed_seconds(reps: str) -> int | None:
    """The seconds of a timed set ("36 s hold", "24 s walk"); None for counted reps."""
    m = re.fullmatch(r"(\d+) s (hold|walk)", reps)
    return int(m.group(1)) if m else None


def one_rm_applies(kind: str, equipment, reps: str, loadable: bool = True) -> bool:
    """A %1RM applies to a strength set of counted reps of a loadable exercise on loading
    equipment (barbell, dumbbells, kettlebell, cable, machine); not to holds, walks or
    bodyweight work (an inverted row under a racked bar is not loaded by the bar)."""
    return (kind == "strength" and loadable and bool(LOAD_EQUIPMENT & set(equipment))
            and bool(rep_targets(reps)))


def _rising(reps: str, i: int, n: int, most: int) -> str:
    """Regular week i (0-based) of n of a set whose reps rise: the range's floor (each pyramid
    set's target) a rep higher each week within the range's top and the band's (`most`); a
    hold or walk `TIMED_STEP_SECONDS` longer each week up to the prescribed time in the last
    week (the minutes the model budgets are the most any week takes)."""
    seconds = timed_seconds(reps)
    if seconds is not None:
        kind = reps.rsplit(" ", 1)[1]
        return f"{max(1, seconds - TIMED_STEP_SECONDS * (n - 1 - i))} s {kind}"
    targets = rep_targets(reps)
    if "/" in reps:
        return "/".join(str(min(most, t + i)) for t in targets)
    lo, hi = min(targets), max(targets)
    floor = min(hi, lo + i)
    return f"{floor}-{hi}" if floor < hi else str(hi)


def block_reps(weekly: list[str]) -> str | None:
    """The reps a block's variant prescribes, read from its regular weeks' reps in calendar
    order (`week_reps`): a hold or walk lengthens to them by the last week; counted reps rise
    from them, or a wave's pyramid drops from them, after the first (`check`'s variation
    compares blocks by these: a week's own reps made 30 s in one block and 27–36 s in the next
    read as the same scheme)."""
    if not weekly:
        return None
    if timed_seconds(weekly[0]) is not None:
        return max(weekly, key=lambda r: timed_seconds(r) or 0)
    return weekly[0]


def asks_more(before: str, after: str) -> bool:
    """Reps `after` ask more than `before`: a longer hold or walk, a higher least or top rep
    (`progression`'s "reps rise"; the validator's test too)."""
    held_a, held_b = timed_seconds(before), timed_seconds(after)
    if held_a is not None and held_b is not None:
        return held_b > held_a
    a, b = rep_targets(before), rep_targets(after)
    return bool(a and b) and (max(b) > max(a) or min(b) > min(a))


@dataclass(frozen=True)
class Derived:
    """The derived fields of one exercise in one week (PlannedExercise's format-2 fields)."""

    role: str
    rir: int | None = None
    reps: str | None = None  # the week's reps where they rise week by week (else the range's)
    seconds_per_set: int | None = None  # a timed set's seconds where they rise week by week
    percent_1rm: float | None = None
    load_kg: float | None = None
    progression: Progression | None = None
    warmup_sets: tuple[WarmupSet, ...] = ()


class Progressor:
    """Derives rir, %1RM, load, progression and warm-ups for one scenario."""

    def __init__(self, scenario: Scenario, horizon: Horizon, prescriber: Prescriber,
                 eligibility: Eligibility | None = None):
        self.scenario = scenario
        self.horizon = horizon
        self.rx = prescriber
        # who may do what where (the model's own filter): names the next and easier variants
        self.eligibility = eligibility or Eligibility(scenario, builtin_catalog())
        self.goal = prescriber.profile.name
        self.level = scenario.level
        self.one_rm = {k: estimated_one_rm(v) for k, v in (scenario.lifts or {}).items()}
        self.deload_rir = scenario.rule_param("intensity", "deload_rir")
        self.step = scenario.rule_param("progression", "wave_step")
        # `_novice_percents` by (exercise, reps, regular weeks): asked by `_ladder` and
        # `_regular` for every week
        self._novice: dict[tuple[str, str, int], list[float] | None] = {}

    # --- the rule of an exercise -------------------------------------------------------
    def rule(self, ex: Exercise) -> str:
        category = self.rx.category(ex)
        if ex.kind in ("conditioning", "cardio_steady", "cardio_interval"):
            return "time"
        if ex.kind != "strength":
            return "none"
        if category == "main":
            if self.level == "novice":
                return "linear"
            return "block" if self.goal == "strength" else "wave"
        if self.level == "novice" and self._loaded(ex):
            return "linear"  # a novice adds load every week, accessories too (choice)
        return "double"

    @staticmethod
    def _loaded(ex: Exercise) -> bool:
        """Counted reps on loading equipment could take a %1RM (holds and walks aside)."""
        return one_rm_applies(ex.kind, ex.equipment, "1", ex.loadable)

    def block_one_rm(self, ex: Exercise, block: int) -> float | None:
        """The block's training max: for a main lift on a wave, the `[lifts]` estimate raised
        one step per completed earlier block (`loads.training_max`; it lifts a load only as
        far as the estimate allows, `_regular`); else the estimate (None without lift data)."""
        one_rm = self.one_rm.get(ex.id)
        if one_rm is None or self.rule(ex) not in TRAINING_MAX_RULES:
            return one_rm
        return training_max(one_rm, blocks_done(self.horizon, block), is_lower(ex.pattern))

    def applies_1rm(self, ex: Exercise, reps: str) -> bool:
        return one_rm_applies(ex.kind, ex.equipment, reps, ex.loadable)

    # --- per regular week ------------------------------------------------------------------
    def _percent(self, ex: Exercise, goal: str, category: str, reps: str, rir: int,
                 first_rir: int, i: int) -> float:
        """%1RM of regular week i, clamped to the band. The first week: Epley inverted at the
        range's *top* reps + rir (its last rep leaves the rir). A wave then adds `wave_step` a
        week, as far as the range's lowest reps still leave the week's rir (the set stops
        inside its range: `loads.rep_target`), and never less than +0.5% a week; so does a
        novice's linear progression where no `[lifts]` entry gives kilograms. Double
        progression (accessories): the top reps + rir every week."""
        hi = band(goal, category).percent[1]
        percent = self._first_percent(goal, category, reps, rir)  # the top reps + rir
        if self.rule(ex) in ("wave", "block", "linear"):
            first = self._first_percent(goal, category, reps, first_rir)
            # a pyramid's %1RM is its first set's, whose reps are the most (coach review:
            # "12 reps at 74.5% at 2 RIR" is past failure); a range's heaviest is its fewest
            shift = self._pyramid_shift(goal, category, reps, rir, first + self.step * i)
            heaviest = epley_percent(percent_reps(reps) - shift, rir)
            percent = min(hi, max(first + 0.5 * i, min(first + self.step * i, heaviest)))
        return _half(percent)

    @staticmethod
    def _first_percent(goal: str, category: str, reps: str, rir: int) -> float:
        """A block's first regular week's %1RM: Epley at the range's top reps + rir, banded."""
        lo, hi = band(goal, category).percent
        return min(hi, max(lo, epley_percent(max(rep_targets(reps)), rir)))

    @staticmethod
    def _pyramid_shift(goal: str, category: str, reps: str, rir: int, wanted: float) -> int:
        """Reps a wave's pyramid drops in every set so its first set can carry `wanted` %1RM
        at `rir` (Epley): a weekly wave adds 2.5–5% 1RM (SPEC §7.2), and at the same reps a
        falling rir alone allows +1–2% (a reviewer read 66.5, 68, 70% as under the default).
        A set never drops below the band's least reps (a runner's 15/12 becomes 14/12: the
        12 stays, `shifted`); 0 for a range (its reps already fall within it: "sets of 10
        this week")."""
        targets = rep_targets(reps)
        if "/" not in reps or not targets:
            return 0
        room = max(0, max(targets) - band(goal, category).reps[0])
        shift = 0
        # within the half percent the figures are rounded to (a band floor of 67% on 12 reps
        # at 3 RIR, 66.7% by Epley, is that rounding, not a rep too many)
        while shift < room and exact_percent(max(targets) - shift, rir) + PERCENT_STEP < wanted:
            shift += 1
        return shift

    def _regular(self, ex: Exercise, block: int, i: int, n: int, reps: str,
                 location: str) -> tuple[int, float | None, float | None]:
        """rir, %1RM and load of regular week i (0-based) of n in the block."""
        category = self.rx.category(ex)
        goal = self.rx.goal_of(ex)
        ladder = self._ladder(ex, reps, n)
        one_rm = self.one_rm.get(ex.id)
        rir = ladder[i]
        if not self.applies_1rm(ex, reps):
            return rir, None, None
        asked = percent_reps(self.week_reps(ex, reps, i, n))
        hi = band(goal, category).percent[1]
        inc = increment_for(self.scenario, location, load_equipment(ex)) if location else 2.5
        if self.rule(ex) == "linear" and one_rm:
            p0 = self._percent(ex, goal, category, reps, ladder[0], ladder[0], 0)
            step = NOVICE_STEP_KG["lower" if is_lower(ex.pattern) else "upper"]
            # linear progression does not restart with a block: it counts every regular week
            before = sum(len(regular_weeks(self.horizon, b)) for b in range(1, block))
            base = self._fit(round_load(one_rm * p0 / 100, inc), one_rm, inc,
                             band(goal, category).percent[0], hi)
            load = base + step * (before + i)
            # within the band and the week's rir: the 1RM is an estimate the plan cannot raise
            heaviest = min(hi, max(p0, epley_percent(asked, rir)))
            load = min(load, round_load(one_rm * heaviest / 100, inc))
            return rir, self._percent_of(load, one_rm, hi), load
        percent = self._percent(ex, goal, category, reps, rir, ladder[0], i)
        if self.level == "novice" and tuple(ladder) == novice_ladder(goal, category, n):
            percent = (self._novice_percents(ex, reps, n) or [percent] * n)[i]
        if not one_rm:
            return rir, percent, None
        load = self._fit(round_load(one_rm * percent / 100, inc), one_rm, inc,
                         band(goal, category).percent[0], hi)
        if self.rule(ex) in TRAINING_MAX_RULES:
            # the block's training max lifts the load, as far as the [lifts] estimate lets the
            # range's lowest reps leave the week's rir (Epley) within the band: the %1RM shown
            # stays the true share of the estimate
            raised = round_load(self.block_one_rm(ex, block) * percent / 100, inc)
            # Epley unrounded: the half-percent rounding of `percent_for` cost a plate on
            # light lifts (press 62.5 kg × 5 known, block 3 stuck at the block-2 load)
            cap = min(hi, max(percent, exact_percent(asked, rir)))
            load = max(load, min(raised, round_load(one_rm * cap / 100 + 1e-6, inc)))
        if i == 0 and self.rule(ex) == "block":
            load = self._above_last_block(ex, block, load, one_rm, inc, hi, reps, rir, location)
        if i > 0 and self.rule(ex) in ("wave", "block"):
            _r, _p, before = self._regular(ex, block, i - 1, n, reps, location)
            if before is not None:
                load = max(load, self._wave_load(before, one_rm, inc, hi, asked, rir))
            if before is not None and load <= before:
                # a rise under one plate is still a plate, unless that plate leaves less than
                # the week's rir (then the load holds: rir falls)
                bumped = min(before + inc, round_load(one_rm * hi / 100, inc))
                shown = self._percent_of(bumped, one_rm, hi)
                fits = leaves_rir(shown, asked, rir)
                load = bumped if fits else before
        return rir, self._percent_of(load, one_rm, hi), load

    def _wave_load(self, before: float, one_rm: float, inc: float, hi: float, reps: int,
                   rir: int) -> float:
        """A wave week's load on last week's `before`: `wave_step` % of the estimate in whole
        plates, rounded up (each week's %1RM rounded down read 80.4 → 81.9%, under SPEC's
        +2.5–5% a week), as far as `reps` leave the week's `rir` (Epley) within the band."""
        plates = max(1, math.ceil(one_rm * self.step / 100 / inc - 1e-9))
        # Epley within half a rep (`check` allows a rep): strictly, a falling rir at the same
        # reps allows only +2.1–2.4% a week at 4–6 reps, and a reviewer counted those steps
        # under SPEC's +2.5%
        ceiling = round_load(one_rm * min(hi, exact_percent(reps, rir - WAVE_RIR_SLACK)) / 100
                             + 1e-6, inc)
        return max(before, min(before + plates * inc, ceiling))

    def _ladder(self, ex: Exercise, reps: str, n: int) -> list[int]:
        """The rir of each of a block's n regular weeks."""
        category, goal = self.rx.category(ex), self.rx.goal_of(ex)
        if self.reps_rise(ex, reps, n):
            return band_rir_ladder(goal, category, self.level, n)
        ladder = rir_ladder(goal, category, self.level, n)
        if self.level == "novice" and self.applies_1rm(ex, reps):
            # the %1RM (or the load) rises every week instead, where the band leaves room for
            # it: a novice's rir stays in the band (a reviewer found 5 RIR opening a block)
            steady = novice_ladder(goal, category, n)
            if self._novice_percents(ex, reps, n) is not None:
                return steady
        return ladder

    def _novice_percents(self, ex: Exercise, reps: str, n: int) -> list[float] | None:
        """A novice's %1RM for each regular week at `novice_ladder`'s rir, rising every week:
        a week whose rir holds takes at most half a percent under the next week's, so a cap
        Epley puts on two weeks alike is spread over them (80, 81, 83, 83 → 80, 81, 82.5,
        83). None where they cannot rise every week from the band's floor, or where a `[lifts]`
        load would not rise every week at those rir."""
        key = (ex.id, reps, n)
        if key not in self._novice:
            self._novice[key] = self._spread_novice_percents(ex, reps, n)
        return self._novice[key]

    def _spread_novice_percents(self, ex: Exercise, reps: str, n: int) -> list[float] | None:
        goal, category = self.rx.goal_of(ex), self.rx.category(ex)
        steady = novice_ladder(goal, category, n)
        raw = [self._percent(ex, goal, category, reps, steady[j], steady[0], j)
               for j in range(n)]
        spread = raw[:]
        for j in range(n - 2, -1, -1):
            spread[j] = min(spread[j], spread[j + 1] - 0.5)
        lo = band(goal, category).percent[0]
        if spread and spread[0] < lo:
            return None
        if not all(a < b for a, b in zip(spread, spread[1:], strict=False)):
            return None
        one_rm = self.one_rm.get(ex.id)
        if one_rm and self.rule(ex) == "linear":
            hi = band(goal, category).percent[1]
            step = NOVICE_STEP_KG["lower" if is_lower(ex.pattern) else "upper"]
            caps = [min(hi, max(raw[0], epley_percent(percent_reps(self.week_reps(ex, reps, j, n)),
                                                      steady[j]))) for j in range(n)]
            # the linear step fits under each week's cap (Epley at that week's rir)
            if any(one_rm * caps[j] / 100 < one_rm * raw[0] / 100 + step * j
                   for j in range(1, n)):
                return None
        return spread

    def _wave_shift(self, ex: Exercise, reps: str, i: int, n: int) -> int:
        """Reps every set of a main lift's pyramid drops in regular week i (0-based) of n so
        the wave can add its weekly step (`_pyramid_shift`)."""
        if (self.rule(ex) not in ("wave", "block", "linear") or "/" not in reps
                or not self.applies_1rm(ex, reps)
                or (self.rule(ex) == "linear" and self.one_rm.get(ex.id))):
            return 0
        goal, category = self.rx.goal_of(ex), self.rx.category(ex)
        ladder = self._ladder(ex, reps, n)
        first = self._first_percent(goal, category, reps, ladder[0])
        return self._pyramid_shift(goal, category, reps, ladder[i], first + self.step * i)

    def reps_rise(self, ex: Exercise, reps: str, n: int) -> bool:
        """Counted reps or a timed set with no %1RM to raise (bodyweight work, holds) whose
        one-step-a-week rir would leave the band (a novice's 2–3 over four weeks read 5, 4, 3,
        2: coach review): the rir stays in the band and the reps asked rise a rep a week, a
        hold or walk `TIMED_STEP_SECONDS` (`week_reps`) instead — where that progresses every
        week (a fixed "10" at the band's top cannot: it keeps the falling rir)."""
        if self.applies_1rm(ex, reps) or n <= 1:
            return False
        if not rep_targets(reps) and timed_seconds(reps) is None:
            return False
        goal, category = self.rx.goal_of(ex), self.rx.category(ex)
        if rir_ladder(goal, category, self.level, n)[0] <= band(goal, category).rir[1]:
            return False
        ladder = band_rir_ladder(goal, category, self.level, n)
        most = band(goal, category).reps[1]
        weeks = [_rising(reps, i, n, most) for i in range(n)]
        return all(ladder[i + 1] < ladder[i] or asks_more(weeks[i], weeks[i + 1])
                   for i in range(n - 1))

    def week_reps(self, ex: Exercise, reps: str, i: int, n: int) -> str:
        """The reps of regular week i (0-based) of n: rising where `reps_rise`, a wave's
        pyramid a rep lower a set where its load climbs past them (`_wave_shift`); else the
        range as prescribed (the model budgets its minutes, the most any week takes)."""
        if self.reps_rise(ex, reps, n):
            return _rising(reps, i, n, band(self.rx.goal_of(ex), self.rx.category(ex)).reps[1])
        shift = self._wave_shift(ex, reps, i, n)
        if shift:
            return shifted(reps, shift, band(self.rx.goal_of(ex), self.rx.category(ex)).reps[0])
        return reps

    def _above_last_block(self, ex: Exercise, block: int, load: float, one_rm: float,
                          inc: float, hi: float, reps: str, rir: int, location: str) -> float:
        """A block's first load one plate above the last block's first load when rounding left
        them equal (block-to-block rise, SPEC §7.2: the %1RM must rise in the kilograms too),
        while the plate leaves the week's rir."""
        earlier = [b for b in range(1, block) if regular_weeks(self.horizon, b)]
        if not earlier:
            return load
        last = earlier[-1]
        last_reps = self.rx.variant(last, ex).reps
        n_last = len(regular_weeks(self.horizon, last))
        before = self._regular(ex, last, 0, n_last, last_reps, location)[2]
        if before is None or load > before:
            return load
        bumped = min(before + inc, round_load(one_rm * hi / 100, inc))
        fits = leaves_rir(self._percent_of(bumped, one_rm, hi), percent_reps(reps), rir)
        return bumped if fits and bumped > load else load

    @staticmethod
    def _percent_of(load: float, one_rm: float, hi: float) -> float:
        """The %1RM a rounded load truly is, up to the tenth (coach review: a label of 82.5% on
        a load that is 81.1% misreports the week; up, so the load never exceeds its label);
        `_fit` keeps the load inside the band."""
        return min(hi, _tenth_up(100 * load / one_rm))

    @staticmethod
    def _fit(load: float, one_rm: float, inc: float, lo: float, hi: float) -> float:
        """`load` one plate up while rounding it down left it under the band's floor (and the
        plate keeps it under the top)."""
        if 100 * load / one_rm < lo - 0.25 and 100 * (load + inc) / one_rm <= hi + 0.25:
            return load + inc
        return load

    def derive(self, ex: Exercise, week: Week, rx: WeekPrescription, location: str) -> Derived:
        """The derived fields of `ex` prescribed `rx` in `week` at `location`."""
        role = self.rx.role(ex)
        rule = self.rule(ex)
        if ex.kind != "strength":
            text = self._other(ex)
            if week_kind(week) in ("deload", "travel_deload"):  # nothing shortens in a deload
                text = "deload week: fewer sets or minutes at the same quality"
            return Derived(role=role, progression=Progression(rule=rule, text=text))
        regular = regular_weeks(self.horizon, week.block)
        n = len(regular)
        kind = week_kind(week)
        if n == 0:  # a block of only deload/re-entry weeks: hold the first week's numbers
            n, i = 1, 0
        elif kind == "regular":
            i = regular.index(week)
        elif kind == "reentry":
            # −10% and one more rir than the last regular week before the break (coach review:
            # from the block's first week, a late re-entry read 4 RIR at 75% after 1 RIR at 86%)
            done = [j for j, w in enumerate(regular) if w.number < week.number]
            i = done[-1] if done else 0
        else:
            i = n - 1
        rir, percent, load = self._regular(ex, week.block, i, n, rx.reps, location)
        regular_rir, regular_percent = rir, percent
        one_rm = self.one_rm.get(ex.id)
        inc = increment_for(self.scenario, location, load_equipment(ex)) if location else 2.5
        if kind in ("deload", "travel_deload", "reentry"):
            cut = DELOAD_LOAD_CUT if kind != "reentry" else REENTRY_LOAD_CUT
            rir = max(self.deload_rir, rir) if kind != "reentry" else rir + 1
            if percent is not None and load is not None and one_rm:
                # −10% of the week's own load, rounded down once (a reviewer: the %1RM
                # rounded to the half first made 62.5 kg → 55, not 56.25)
                load = round_load(load * (1 - cut) + 1e-6, inc)
                percent = _tenth_up(100 * load / one_rm)
            elif percent is not None:
                percent = _half(percent * (1 - cut))
                load = round_load(one_rm * percent / 100, inc) if one_rm else None
                if load is not None:  # the true share of the rounded-down load
                    percent = _tenth_up(100 * load / one_rm)
        reps = self.week_reps(ex, rx.reps, i, n) if kind == "regular" else rx.reps
        text = self._text(ex, week, kind, i, n, rx, location, rir, percent, load)
        if kind == "regular" and self.reps_rise(ex, rx.reps, n):
            if timed_seconds(rx.reps) is not None:  # the hold's own target, not "add 5 s"
                text = (f"{self._reps_text(ex, rx.reps, i, n)}, {rir} RIR; {rx.reps} in every "
                        f"set by the block's last week, then a harder variant")
            else:
                text = f"{self._reps_text(ex, rx.reps, i, n)} · {text}"
        targets = rep_targets(rx.reps)
        # pulling one's body weight is where a plan's reps most often exceed the lifter's
        if (kind == "regular" and percent is None and targets
                and (ex.pattern == "vertical_pull" or self.level == "novice")):
            easier = self.easier_variant(ex, location)
            if easier:
                text = (f"{text} · out of reach ({min(targets)} reps at {rir} RIR)? the same "
                        f"sets on {easier}")
        if (percent is None and targets and not ex.loadable and rx.scheme != "pyramid"
                and ex.pattern in ("squat", "hinge", "lunge") and max(targets) <= EASY_REPS):
            # legs at body weight: most adults do 30 air squats, so 8-12 at 3 RIR needs a
            # slower rep (three reviewers: "the RIR target means nothing")
            text = (f"{text} · too easy for {rir} RIR at {max(targets)} reps? lower in 4 s and "
                    "pause 2 s at the bottom")
        done = blocks_done(self.horizon, week.block)
        if (kind == "regular" and i == 0 and done and one_rm
                and rule in TRAINING_MAX_RULES):
            # coach reviews: a training max above the estimate, printed alone, read as a
            # promise the loads never kept; printed beside "never above the estimate", as a
            # contradiction. The loads stand on the estimate: a new one is a new top set
            text = (f"loads as heavy as the {one_rm:.1f} kg 1RM estimate allows these reps at "
                    f"{rir} RIR; if the last block's top sets left 2 or more reps beyond their "
                    f"RIR, test a new top set (your [lifts] entry) and replan from it; if they "
                    f"fell short of their reps, repeat the last block's loads · {text}")
        targets = rep_targets(rx.reps)
        if percent is not None and rx.scheme != "pyramid" and targets:
            # every week, the first too (a reviewer: "8-12 @ 66.5%, 3 RIR" gave no rep target)
            reps_now = rep_target(percent, rir, targets)
            if kind != "regular":  # never more reps than the week it eases (a reviewer: a
                # deload's "sets of 5" after loading weeks of 4)
                reps_now = min(reps_now, rep_target(regular_percent, regular_rir, targets))
            if reps_now < max(targets) or rule != "double":  # else "reps to 15" says it
                text = f"{reps_now} reps a set this week · {text}"
        if percent is not None and rx.scheme == "pyramid":
            text = f"{self._per_set(ex, reps, rir, percent, location)} · {text}"
        elif rx.scheme == "pyramid" and targets:
            # at body weight a set of fewer reps leaves more in reserve (a reviewer: "chin-up
            # 12/10/8/8 all at 3 RIR" is impossible without a way to make it harder)
            harder = (f"add weight ({self.added_load(location)})"
                      if ex.loadable and ex.pattern.endswith("_pull")
                      else "slow the lowering to 3–4 s or pause at the hardest point")
            text = f"later sets with fewer reps: {harder} to stay at {rir} RIR · {text}"
        warmups = tuple(
            WarmupSet(
                reps=reps,
                percent_1rm=_half(share * percent) if percent else None,
                load_kg=round_load(one_rm * share * percent / 100, inc)
                if percent and one_rm else None,
            )
            for share, reps in self.rx.ramps(ex)
        )
        timed = timed_seconds(reps) if reps != rx.reps else None
        return Derived(role=role, rir=rir, reps=None if reps == rx.reps else reps,
                       seconds_per_set=timed, percent_1rm=percent, load_kg=load,
                       progression=Progression(rule=rule, text=text), warmup_sets=warmups)

    def _per_set(self, ex: Exercise, reps: str, rir: int, percent: float,
                 location: str) -> str:
        """A pyramid's load per rep target: the first set's %1RM, each later (fewer-rep) set
        as much heavier as keeps the same rir (Epley), within the band's top."""
        hi = band(self.rx.goal_of(ex), self.rx.category(ex)).percent[1]
        sets = rep_targets(reps)
        targets = sorted(set(sets), reverse=True)
        first = epley_percent(targets[0], rir)
        one_rm = self.one_rm.get(ex.id)
        inc = increment_for(self.scenario, location, load_equipment(ex)) if location else 2.5
        parts = []
        for r in targets:
            p = min(hi, _half(percent + epley_percent(r, rir) - first))
            load = f"{round_load(one_rm * p / 100, inc):g} kg" if one_rm else f"{p:g}%"
            # every set listed (reviewers: "4×10/8/6/6" showed three figures for four sets)
            times = f" (×{sets.count(r)})" if sets.count(r) > 1 else ""
            parts.append(f"{r} @ {load}{times}")
        text = "per set " + ", ".join(parts)
        if not one_rm and load_equipment(ex) in ("dumbbells", "kettlebell"):
            # a reviewer: steps of 3–4% 1RM are under one pair of dumbbells
            text += (f" (fixed weights: the next pair up for a later set only where the set "
                     f"before left more than {rir} RIR)")
        return text

    # --- variants named in the texts --------------------------------------------------------
    def harder_variant(self, ex: Exercise, location: str) -> str:
        """The concrete next step of a bodyweight exercise at the top of its range (a reviewer:
        "then a harder variant" names no target): weight on a belt where the exercise takes
        it, else the catalog's harder variant of it this person may do at `location`, else a
        slower lowering."""
        if ex.loadable:
            return f"add 2.5 kg ({self.added_load(location)})"
        catalog = self.eligibility.catalog
        harder = sorted(e.name for e in catalog.exercises
                        if e.progression_of == ex.id and self.eligibility.usable(e, location))
        standard = catalog.get(ex.regression_of) if ex.regression_of else None
        if not harder and standard and self.eligibility.usable(standard, location):
            harder = [standard.name]
        return f"move on to {harder[0]}" if harder else "the same reps with a 4 s lowering"

    def added_load(self, location: str) -> str:
        """How a bodyweight lift takes weight with what `location` has (a reviewer: "a belt
        assumes a dip belt, which is not in the equipment list")."""
        equipment = self.scenario.locations[location].equipment if location else ()
        # a reviewer: an adjustable dumbbell clamped between the feet may shed its plates
        if "kettlebell" in equipment:
            return "a dip belt, or a kettlebell held between the feet"
        if "dumbbells" in equipment:
            return "a dip belt, or a backpack with a dumbbell in it"
        return "a dip belt or a loaded backpack"

    def easier_variant(self, ex: Exercise, location: str) -> str | None:
        """An easier exercise of the same movement this person may do at `location` (a
        reviewer: "chin-ups 5×8–10 at 3 RIR need 11–13 strict reps, and no fallback if the
        client can't"): a loadable one that is no regression first (a lat pulldown for a
        pull-up: rule `selection` keeps regressions for where nothing loadable exists), then
        the catalog's regressions, a machine or band assist first."""
        exercises = [e for e in self.eligibility.catalog.exercises
                     if e.id != ex.id and e.kind == "strength" and e.pattern == ex.pattern
                     and set(e.primary) & set(ex.primary)
                     and self.eligibility.usable(e, location)]
        if ex.loadable and not ex.regression_of:
            loadable = [e for e in exercises if not e.regression_of and not e.progression_of
                        and load_equipment(e) is not None and not e.main_lift]
            if loadable:
                return min(loadable, key=lambda e: (not e.is_compound, e.name)).name
        easier = [e for e in exercises if e.regression_of == ex.id]
        if not easier and not ex.regression_of:
            # a chin-up has none of its own: a pull-up's, same pattern and muscles
            easier = [e for e in exercises if e.regression_of]
        easier.sort(key=lambda e: ("assisted" not in e.id, not e.equipment, e.name))
        return easier[0].name if easier else None

    # --- texts ---------------------------------------------------------------------------
    def _other(self, ex: Exercise) -> str:
        """What to aim for in work whose dose the plan sets week by week (minutes, repeats,
        rounds come from the solved plan, so the text promises nothing beyond them)."""
        if ex.kind == "plyometric":
            return "jump quality first: same reps, full intent, land softly; rest shortens weekly"
        if ex.kind == "conditioning":
            # coach review: "the circuit's contents are never given"
            # a reviewer: a round of about 2 minutes in a "3-min circuit" left a minute unsaid
            one = (f"each round: {ex.round}; rounds back to back until the set's time is up; "
                   if ex.round else "")
            # a reviewer: "the complex gives no weight and no effort"
            # weights only where the circuit has some (a reviewer: "weights you could move" in
            # a bear-crawl circuit that uses none)
            weights = (", weights you could move for twice the round's reps"
                       if load_equipment(ex) is not None else "")
            return (f"{one}at about 7–8 of 10 effort (RPE 7–8){weights}; more work per round "
                    "each week as the rest shortens")
        if ex.kind == "cardio_interval":
            # coach review: no effort anchor ("no pace, watts or RPE")
            return ("every repeat hard, about 8 of 10 effort (RPE 8), at the same pace: the last "
                    "as fast as the first")
        easy = ("easy conversational pace, about 3–4 of 10 effort (RPE 3–4): you can speak in "
                "full sentences")
        sc = self.scenario
        if (sc.primary_goal == "endurance" and self.level != "novice"
                and ex.modality == sc.main_modality):
            # speed without a hard session (a reviewer: "all 36 runs steady at RPE 3-4");
            # strides keep a run easy, so the easy share holds
            easy += ("; on the week's shorter runs, finish with 6 × 20 s strides (quick and "
                     "relaxed, walk back between); the long run stays easy throughout")
        return easy

    def _reps_text(self, ex: Exercise, reps: str, i: int, n: int) -> str:
        """This week's rising rep target and next week's (`week_reps`)."""
        now = self.week_reps(ex, reps, i, n)
        nxt = self.week_reps(ex, reps, i + 1, n) if i + 1 < n else now
        if timed_seconds(reps) is not None:
            return f"{now} this week" + (f" ({nxt} next week)" if nxt != now else "")
        if "/" in reps:
            return f"{now} reps this week" + (f" ({nxt} next week)" if nxt != now else "")
        floor, after = min(rep_targets(now)), min(rep_targets(nxt))
        return (f"at least {floor} reps a set this week"
                + (f" ({after} next week)" if after != floor else ""))

    def _text(self, ex, week, kind, i, n, rx, location, rir, percent, load) -> str:
        """The progression rule's concrete target for this week and the next."""
        rule = self.rule(ex)
        if kind in ("deload", "travel_deload"):
            regular = regular_weeks(self.horizon, week.block)
            later = [w for w in regular if w.number > week.number]
            before = [w for w in regular if w.number < week.number]
            after = ("the next block starts a new wave"
                     if week.block < self.horizon.n_blocks
                     else "after it, test a new top set for [lifts] and plan the next cycle"
                     if percent is not None  # no 1RM to test in bodyweight work or a hold
                     else "after it, plan the next cycle")
            if later:  # a travel week mid-block (coach review: week 8 read as a fresh start)
                after = (f"week {later[0].number} picks up where week {before[-1].number} left "
                         "off" if before else f"week {later[0].number} starts the block's weeks")
            if percent is None:  # bodyweight work, holds, walks: no load to take off
                return f"deload: fewer sets at {rir} RIR; {after}"
            return f"deload: −{DELOAD_LOAD_CUT:.0%} load, {rir} RIR; {after}"
        if kind == "reentry":
            if percent is None:
                return f"re-entry after a break: {rir} RIR, one more in reserve than before it"
            return f"re-entry after a break: −{REENTRY_LOAD_CUT:.0%} load, {rir} RIR"
        reps = rep_targets(rx.reps)
        last = i >= n - 1
        if rule in ("linear", "wave", "block"):
            if last and week.block >= self.horizon.n_blocks:
                # one moment to retest (a reviewer read "after it" here and on the deload)
                later = self.horizon.weeks[week.number:]
                # a reviewer: "after the deload that follows" where a break and a re-entry
                # week follow
                when = ("after it" if not later
                        else "after the deload that follows"
                        if any(week_kind(w) in ("deload", "travel_deload") for w in later)
                        else "at the end of the plan")
                return f"top week of the plan; {when}, test a new top set for [lifts]"
            if last and rule == "linear":
                return ("last week of the block; the next block's rep range sets its own load, "
                        "then adds weight weekly again")
            if last and percent is None:  # no 1RM to raise (pull-ups at body weight)
                return "top week of the block; the next block starts a new wave"
            if last:
                # coach review (52 weeks without [lifts]): the %1RM restarts every block, so
                # without a new estimate December's loads are January's
                return ("top week of the block; the next block starts a new wave"
                        # a reviewer: "higher" read against this week, which it is not
                        + (" with fewer reps, its first week heavier than this block's first"
                           if rule == "block" else "")
                        + "; if this week's sets left 2 or more reps beyond their RIR, raise "
                          "the 1RM they are a share of (a new top set in [lifts]) before the "
                          "next block")
            nxt_rir, nxt_pct, nxt_load = self._regular(ex, week.block, i + 1, n, rx.reps,
                                                        location)
            nxt_reps = self.week_reps(ex, rx.reps, i + 1, n)
            effort = f"{nxt_rir} RIR"
            if nxt_reps != self.week_reps(ex, rx.reps, i, n):  # a wave's pyramid, heavier
                effort += f", sets of {nxt_reps}"
            if nxt_load is not None and load is not None and nxt_load > load:
                return f"+{nxt_load - load:g} kg next week ({nxt_load:g} kg, {effort})"
            if nxt_load is not None and load is not None and rule == "linear":
                return (f"{load:g} kg again next week at {nxt_rir} RIR: the load has reached "
                        "the [lifts] estimate for these reps; test a new top set and replan")
            if nxt_load is not None and load is not None:  # the step is under one increment
                return (f"{load:g} kg again next week at {nxt_rir} RIR ({nxt_pct:g}% 1RM: the "
                        "next plate is too big a step)")
            if nxt_pct is not None and percent is not None:
                text = f"+{nxt_pct - percent:g}% 1RM next week ({nxt_pct:g}%, {effort})"
                if load is None:  # a reviewer: "+2.5% 1RM" read as 2.5% of the bar
                    text += f": about {100 * (nxt_pct / percent - 1):.0f}% more weight"
                if rule == "linear" and load is None and nxt_reps != rx.reps:
                    # a pyramid whose reps fall as the weight rises (a reviewer: "one more rep
                    # instead" beside sets of 10, then 9, then 8 contradicted itself)
                    text += ("; where the next weight is too big a step, repeat this week's "
                             "weight and reps until they leave a rep more in reserve, then "
                             "take the next weight for next week's reps")
                elif rule == "linear" and load is None:
                    # coach review: a 2 kg step on a 12 kg pair is 15%, not 2.5%
                    text += (f"; where the next weight is too big a step, one more rep a set "
                             f"instead, the next weight once every set reaches {max(reps)}")
                return text
            then = (f"add 2.5 kg ({self.added_load(location)})" if ex.loadable
                    else "take the harder variant")
            if not reps:  # a timed main lift (a hold or a walk): its time, not reps
                return (f"next week {rx.reps} at {nxt_rir} RIR; once every set leaves more "
                        f"than {rir} in reserve, {then}")
            return (f"next week the same reps at {nxt_rir} RIR; once every set of {max(reps)} "
                    f"leaves more than {rir} in reserve, {then}")
        # double progression (accessories): reps to the top of the range, then one increment;
        # where the reps rise week by week, to the block's last week's (a reviewer: "reps to
        # 15" beside a pyramid asking 16/13/11 this week)
        top = max(rep_targets(self.week_reps(ex, rx.reps, n - 1, n))) if reps else None
        if top is None:
            # a reviewer: "add 5 s" beside a time that never grows is a promise the plan does
            # not keep; the falling rir is what the weeks progress
            harder = ("a heavier weight" if load_equipment(ex) is not None
                      else "a harder position or added load")
            if last and week.block >= self.horizon.n_blocks:
                return f"{rx.reps} at {rir} RIR; the plan's top week for it"
            if last:
                return f"{rx.reps} at {rir} RIR; next block: {harder} or 5 s more"
            nxt_rir = self._regular(ex, week.block, i + 1, n, rx.reps, location)[0]
            if nxt_rir >= rir:
                return f"{rx.reps} at {rir} RIR; the same next week"
            return f"{rx.reps} at {rir} RIR; next week the same time at {nxt_rir} RIR: {harder}"
        if not ex.loadable or load_equipment(ex) is None:
            return f"reps to {top} at {rir} RIR, then {self.harder_variant(ex, location)}"
        inc = increment_for(self.scenario, location, load_equipment(ex)) if location else 2.5
        if percent is not None and not last:
            # the %1RM shown rises every week: say so first (coach reviews: "reps to 15, then
            # +2 kg" beside a %1RM that rises read as two rules at once)
            nxt_rir, nxt_pct, _load = self._regular(ex, week.block, i + 1, n, rx.reps,
                                                    location)
            if nxt_pct is not None and nxt_pct > percent:
                # a reviewer: "add reps toward 15" meant nothing where Epley already puts the
                # first week at the range's top; the falling rir is what the numbers progress
                # and "+1.5% 1RM" is under one plate: the rule a lifter can act on is the
                # smallest step that still leaves next week's rir, else the same weight
                return (f"next week {nxt_rir} RIR (≈{nxt_pct:g}% 1RM): add the smallest "
                        f"weight step (+{inc:g} kg) if your sets of {top} still leave "
                        f"{nxt_rir} in reserve, else keep the weight and take each set to "
                        f"{nxt_rir} RIR")
        return f"reps to {top} at {rir} RIR, then +{inc:g} kg"


def short_wave_steps(sessions, horizon: Horizon, step: float) -> str | None:
    """A warning naming each main lift's weekly step under `step` % 1RM in kilograms (SPEC
    §7.2's +2.5–5%), where Epley at the week's reps and rir, or the band's top, allows no
    more on the `[lifts]` estimate (a reviewer: "the misses are dropped silently")."""
    by_lift: dict[str, dict[int, object]] = {}
    for s in sorted(sessions, key=lambda s: s.date):
        week = horizon.weeks[s.week - 1]
        if week_kind(week) != "regular":
            continue
        for e in s.exercises:
            if (e.role == "main" and e.load_kg is not None and e.progression is not None
                    and e.progression.rule in TRAINING_MAX_RULES):
                by_lift.setdefault(e.name, {}).setdefault(week.number, e)
    short = []
    for name, weeks in sorted(by_lift.items()):
        for a, b in zip(sorted(weeks), sorted(weeks)[1:], strict=False):
            if horizon.weeks[a - 1].block != horizon.weeks[b - 1].block:
                continue
            rise = weeks[b].percent_1rm - weeks[a].percent_1rm
            if rise < step - 0.05:
                short.append(f"{name} weeks {a}→{b} (+{rise:.1f}%)")
    if not short:
        return None
    return (f"main-lift wave under +{step:g}% 1RM a week where the 1RM estimate allows no more "
            f"at the week's reps and RIR (Epley) or the band's top: " + ", ".join(short))


def plan_lifts(scenario: Scenario, used: set[str]) -> list[LiftEntry]:
    """Every `[lifts]` entry with its estimated 1RM, source and whether the plan uses it."""
    return [
        LiftEntry(id=ex_id, one_rm_kg=round(estimated_one_rm(lift), 1),
                  source=lift_source(lift), used=ex_id in used)
        for ex_id, lift in (scenario.lifts or {}).items()
    ]
