"""Rule `endurance` (SPEC §7.1): the measures, pure functions shared by the model
(optimizer/cpsat/rules/endurance.py), the validator (optimizer/validate/endurance.py) and
`explain`. No OR-Tools here.

For primary goal `endurance`, in every non-break week:
- a *cardio session* holds steady cardio, intervals or a conditioning circuit; it is *hard*
  with intervals or conditioning (Seiler 2010), else *easy*; ≥ `easy_share` of them are easy;
- two hard sessions are never on consecutive days (≥ 48 h apart), and a hard session never
  follows a *heavy-legs* day (a session with a squat or true-hinge main lift);
- the scenario's `endurance_modality` holds ≥ `modality_share` of the cardio minutes;
- the *long session* (the week's longest steady bout) grows: ≥ the previous non-deload,
  non-break week's (except in a re-entry week) and ≤ (1 + `long_growth`) × it (a deload's short
  bout is not the base of the next week; "grows" read as never shrinks: a coach builds it);
- ≥ min(2, days whose location allows both) sessions hold heavy-legs work and lower-body
  plyometrics
  (Rønnestad & Mujika 2014).
"""

from __future__ import annotations

from models.catalog import Exercise
from models.vocab import LEG_GROUPS

HARD_KINDS = frozenset({"cardio_interval", "conditioning"})
CARDIO_SESSION_KINDS = frozenset({"cardio_steady", "cardio_interval", "conditioning"})
MODALITY_KINDS = frozenset({"cardio_steady", "cardio_interval"})  # SPEC §2 cardio minutes
HEAVY_LEG_SESSIONS = 2


def applies(scenario) -> bool:
    """The rule holds for primary goal `endurance` (and then replaces §2 `cardio`)."""
    return scenario.primary_goal == "endurance" and scenario.rule_enabled("endurance")


def replaces_cardio(scenario) -> bool:
    """§2 `cardio`'s hard parts give way to this rule (SPEC §7.1)."""
    return applies(scenario)


def is_heavy_legs(kind: str, main_lift: bool, pattern: str, true_hinge: bool) -> bool:
    """A squat or true-hinge main lift: heavy lower-body work (3–6 reps by §7.2)."""
    return kind == "strength" and main_lift and (
        pattern == "squat" or (pattern == "hinge" and true_hinge))


def is_leg_plyometric(kind: str, primary) -> bool:
    """A jump, hop or bound: a plyometric whose primary muscles include a leg group. A runner's
    plyometrics are for lower-leg stiffness and running economy (Rønnestad & Mujika 2014), so
    a plyometric push-up does not count toward the heavy-legs days (coach review)."""
    return kind == "plyometric" and bool(LEG_GROUPS & set(primary))


def exercise_heavy_legs(ex: Exercise) -> bool:
    return is_heavy_legs(ex.kind, ex.main_lift, ex.pattern, ex.true_hinge)


def band_goal(scenario, category: str | None, heavy_legs: bool) -> str:
    """The goal whose §7.2 band (reps, %1RM, rir, rest) a strength set follows: the primary
    goal's, except under this rule the heavy lower-body main lifts, which take the strength
    main-lift band (3–6 reps: `models.profiles.HEAVY_LEGS_VARIANTS`)."""
    if heavy_legs and category == "main" and applies(scenario):
        return "strength"
    return scenario.primary_goal


def session_kinds(kinds: set[str]) -> str:
    """"hard", "easy" or "" (not a cardio session) for the exercise kinds of a session."""
    if kinds & HARD_KINDS:
        return "hard"
    if "cardio_steady" in kinds:
        return "easy"
    return ""


def easy_share_ok(easy: int, cardio_sessions: int, share: float) -> bool:
    """≥ share of the cardio sessions are easy (integer percent, as in the model)."""
    return 100 * easy >= round(100 * share) * cardio_sessions


def modality_share_ok(modality_seconds: int, cardio_seconds: int, share: float) -> bool:
    return 100 * modality_seconds >= round(100 * share) * cardio_seconds


def long_growth_ok(long_seconds: int, previous_seconds: int, growth: float,
                   reentry: bool = False) -> bool:
    """The long session grows, by ≤ growth: never shorter than the previous week's (but in a
    re-entry week after a break) and ≤ (1 + growth) × it (no bound when it had none)."""
    if previous_seconds <= 0:
        return True
    if long_seconds < previous_seconds and not reentry:
        return False
    return 100 * long_seconds <= (100 + round(100 * growth)) * previous_seconds


def ramp_offset(position: int, regular_weeks: int) -> int:
    """5-minute units a ramping long bout is short of its peak in the regular week at
    `position` (0-based) of its template's `regular_weeks`: one unit a week up to the peak,
    reached in the template's last regular week (coach review: "the long run is flat for three
    weeks, then jumps")."""
    return regular_weeks - 1 - position


def ramp_floor(regular_weeks: int, growth: float) -> int | None:
    """The least peak (5-minute units) at which a one-unit weekly ramp over `regular_weeks`
    keeps every step within `growth` (integer percent, as `long_growth_ok`); None where no
    ramp is possible (one regular week, or no growth allowed)."""
    pct = round(100 * growth)
    if regular_weeks < 2 or pct <= 0:
        return None
    first = -(-100 // pct)  # the ramp's first week: 100·(b + 1) ≤ (100 + pct)·b ⇔ b ≥ 100/pct
    return first + regular_weeks - 1


def long_flat(long_seconds: int, previous_seconds: int) -> bool:
    """Soft (W.long_flat): the long session did not grow over the previous non-deload week's,
    which had one."""
    return previous_seconds > 0 and long_seconds <= previous_seconds


def location_allows(ex: Exercise, equipment: set[str], scenario) -> bool:
    """The exercise may be used at a location with this equipment by this person."""
    from models.vocab import LEVEL_RANK

    prefs = scenario.preferences
    return (set(ex.equipment) <= equipment and LEVEL_RANK[ex.level] <= LEVEL_RANK[scenario.level]
            and ex.id not in prefs.avoid and ex.pattern not in prefs.avoid_patterns)


def strength_day_possible(catalog, scenario, location: str, novice_first_block: bool) -> bool:
    """A session at `location` can hold heavy-legs work and plyometrics (a novice's first block
    has no jumps: rule `explosive`)."""
    if novice_first_block:
        return False
    equipment = set(scenario.locations[location].equipment)
    usable = [e for e in catalog.exercises if location_allows(e, equipment, scenario)]
    return (any(exercise_heavy_legs(e) for e in usable)
            and any(is_leg_plyometric(e.kind, e.primary) for e in usable))


def is_single_leg(kind: str, pattern: str, unilateral: bool, primary) -> bool:
    """Single-leg strength work (split squat, lunge, step-up, single-leg RDL), not a calf raise:
    running is a single-leg sport (coach review: "no single-leg work in 12 weeks")."""
    return (kind == "strength" and unilateral and pattern != "calf_raise"
            and bool(LEG_GROUPS & set(primary)))


def single_leg_offered(catalog, scenario, week) -> bool:
    """Some available day of the week is at a location offering this person single-leg work."""
    for location in sorted({d.location for d in week.days if d.available}):
        equipment = set(scenario.locations[location].equipment)
        if any(is_single_leg(e.kind, e.pattern, e.unilateral, e.primary)
               and location_allows(e, equipment, scenario) for e in catalog.exercises):
            return True
    return False


def heavy_sessions_needed(catalog, scenario, week) -> int:
    """Sessions of the week that must hold heavy legs and plyometrics: 2, or fewer where the
    week's days and locations do not allow them."""
    novice_first = scenario.level == "novice" and week.block == 1
    days = [d for d in week.days if d.available
            and strength_day_possible(catalog, scenario, d.location, novice_first)]
    return min(HEAVY_LEG_SESSIONS, len(days))
