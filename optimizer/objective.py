"""The objective (soft rules) recomputed from a finished plan, in integer points.

Pure Python, no OR-Tools: `extract.build_plan` uses it to write `objective_terms`, the
validator (`periodize check`) uses it to verify `solver.objective`, and the CP-SAT model imports
the small helpers below so that both sides use the same numbers (docs/rules.md, "Objective").

Summed over every non-break, non-deload week, each rule only when enabled:

- legs: W.legs_loaded per missing loaded squat and per missing loaded hinge, in weeks whose
  locations have loading equipment
- volume: per muscle group, half sets h = 2·primary + secondary strength sets;
  W.volume_under·max(0, 2lo − h) + W.volume_over·max(0, h − 2hi); and the week's balance:
  W.push_pull·(max(0, push − pull) + max(0, 2 pull − 3 push)), in strength sets of the push
  and pull patterns: pull at least as much as you push, at most 1.5× as much; plus
  W.exercise_sets·max(0, sets − 4) per strength exercise and session (spread the volume)
- frequency: per major group W.frequency_muscle·max(0, min(2, A) − sessions with it in focus),
  plus W.frequency_sessions·max(0, min(level_min, A) − strength sessions) (an endurance plan's
  target is at most `[rules.endurance] max_strength_sessions`)
- calves: W.calves_sessions·max(0, min(2, A) − calf-raise sessions)
  + W.calves_sets·max(0, 8 − calf sets) + W.calves_excess·max(0, calf sets − enough)
  (enough: the rule's min_sets, or 8 where W.calves_sets rewards up to 8)
- endurance (primary goal endurance): W.long_share·max(0, 2·long bout − cardio minutes)
  + W.single_leg where the week has no single-leg strength work its locations offer
  + W.long_flat where the previous non-deload week had a long bout and this week's is not
  longer (the long run builds week by week; not into a re-entry week)
- cardio: W.cardio_short·max(0, T − floor(cardio minutes)) + W.cardio_running·(running bouts)
  + W.conditioning·(conditioning circuits, when the mix's cardio target T is 0)
- preferences: W.favor per favoured exercise absent from the week
- selection: W.selection_tier × Σ over the week's strength compounds of the equipment tiers
  below the best its pattern has at the session's location (optimizer/eligibility.py), plus
  W.selection_loaded per main movement (squat, hinge, horizontal/vertical push and pull)
  trained only at body weight or with bands while a location of the week offers a loadable
  variant, plus
  W.selection_off_goal per power lift or loaded carry when the primary goal is strength or size
  (and per plyometric drill when it is size)

and once per block boundary (b, b+1 both with sessions), on the first week of b+1:
- variation: W.variation_kept × strength exercises used in both blocks.
"""

from __future__ import annotations

import math
from collections import defaultdict

from models.horizon import Horizon
from models.plan import ObjectiveTerm, Plan, PlannedExercise, Session
from models.profiles import (
    PROFILES,
    SESSIONS_PER_WEEK,
    SHORT_SLEEP_HOURS,
    SHORT_SLEEP_VOLUME_FACTOR,
    STEADY_STEP,
)
from models.scenario import Scenario, scenario_catalog
from models.vocab import (
    CARDIO_KINDS,
    FOCUS_KINDS,
    LEG_GROUPS,
    LEVEL_RANK,
    LOAD_EQUIPMENT,
    MAJOR_GROUPS,
    MUSCLE_GROUPS,
)

from .coverage import kept_lifts
from .eligibility import LOADED_PATTERNS, Eligibility
from .endurance import applies as endurance_applies
from .endurance import is_single_leg, long_flat, single_leg_offered

MUSCLE_FREQUENCY_TARGET = 2  # each major group twice a week (Schoenfeld et al. 2016)
FREQUENCY_MIN_SETS = 3  # strength sets for a muscle in a session to count as training it
CALF_SESSIONS_TARGET = 2  # RP landmarks for calves (Israetel)
CALF_SETS_TARGET = 8  # ≥ 8 weekly sets to grow calves (RP landmarks)

# Order of the terms of one week in `objective_terms`.
SOFT_RULES = ("legs", "volume", "frequency", "calves", "cardio", "preferences", "selection",
              "variation")


def is_loaded(ex) -> bool:
    """A squat or hinge done with load (barbell, dumbbells, kettlebell, machine or cable)."""
    return ex.kind == "strength" and bool(LOAD_EQUIPMENT & set(ex.equipment))


def heavy_tier(scenario: Scenario, catalog, week, pattern: str) -> str | None:
    """What "legs for real" asks of a week's squat or hinge: a main lift ("main") where the
    week's locations allow one for this person, else a loaded variant ("loaded") where they
    have load, else nothing (None)."""
    equipment = [set(scenario.locations[d.location].equipment)
                 for d in week.available_days if d.location]
    prefs = scenario.preferences if scenario.rule_enabled("preferences") else None
    rank = LEVEL_RANK[scenario.level]
    for ex in catalog.exercises:
        if (ex.kind == "strength" and ex.main_lift and ex.pattern == pattern
                and (pattern != "hinge" or ex.true_hinge)
                and LEVEL_RANK[ex.level] <= rank
                and (prefs is None or (ex.id not in prefs.avoid
                                       and ex.pattern not in prefs.avoid_patterns))
                and any(set(ex.equipment) <= have for have in equipment)):
            return "main"
    return "loaded" if week_has_load(scenario, week) else None


def meets_tier(ex, pattern: str, tier: str) -> bool:
    """A hinge must be a true hinge (SPEC §7.1: a hip thrust is not the week's hinge)."""
    if ex.pattern != pattern or ex.kind != "strength":
        return False
    if pattern == "hinge" and not getattr(ex, "true_hinge", True):
        return False
    return ex.main_lift if tier == "main" else is_loaded(ex)


def half_set_weight(kind: str, primary, secondary, muscle: str, pattern: str = "",
                    role: str | None = None) -> int:
    """Half sets one set adds to a muscle's weekly volume (rule `volume`, SPEC §7.1): 2 for a
    primary muscle, 1 for a secondary one (0.5 set; Pelland et al. 2025); plyometric,
    conditioning and cardio sets are not hypertrophy volume (0), nor are power lifts (push
    press, get-up) and loaded carries — coach review: "Turkish get-up and farmer's carry in
    muscle-building slots" filled the back and shoulder targets with sets that build neither.
    `role` is None in format-1 plans, which keep the counting they were written with. The one
    home of the measure: the model, this recomputation and `explain` use it."""
    if kind != "strength":
        return 0
    if role is not None and (role == "power" or pattern == "carry"):
        return 0
    return 2 if muscle in primary else 1 if muscle in secondary else 0


PUSH_PULL_SIDE = {"horizontal_push": 1, "vertical_push": 1,
                  "horizontal_pull": -1, "vertical_pull": -1}


def push_pull_side(kind: str, pattern: str) -> int:
    """+1 for a set of a push, −1 for a set of a pull, 0 otherwise (strength sets only). A
    week's push sets beyond its pull sets is pressing without the pulling to balance it, which
    coaches correct first (shoulder health; NSCA's agonist–antagonist pairing); pull sets
    beyond 1.5× the push sets leave the pressing short. The one home of the measure: the model
    and this recomputation use it."""
    return PUSH_PULL_SIDE.get(pattern, 0) if kind == "strength" else 0


# Working sets of one exercise in a session before more sets are better spent on a second
# exercise for the muscle (coach review: "chin-up 6 × 8-12" on a pull day of three exercises;
# NSCA's 3–6 sets for hypertrophy are per muscle and session as much as per exercise).
EXERCISE_SETS_SPREAD = 4


def sets_beyond_spread(kind: str, sets: int) -> int:
    """A strength exercise's sets in one session beyond `EXERCISE_SETS_SPREAD`."""
    return max(0, sets - EXERCISE_SETS_SPREAD) if kind == "strength" else 0


def calf_sets_enough(W, min_sets: int) -> int:
    """Weekly calf sets beyond which more cost: the rule's minimum, or the size target (8)
    where the goal mix rewards calf sets up to it (a mix never pays both ways)."""
    return max(min_sets, CALF_SETS_TARGET) if W.get("calves_sets", 0) else min_sets


def calf_sets_beyond(sets: int, enough: int) -> int:
    """Weekly calf sets beyond `enough` (a cost: calf raises are the cheapest lower-body sets
    and padded the 40% share — coach review)."""
    return max(0, sets - enough)


def trains(session: Session, muscle: str) -> bool:
    """A session counts toward a muscle's weekly frequency with ≥ 3 strength sets for it as a
    primary muscle (coach review: a jump or one isolation set is not a training stimulus)."""
    return sum(e.sets for e in session.exercises
               if e.kind == "strength" and muscle in e.primary_muscles) >= FREQUENCY_MIN_SETS


def week_has_load(scenario: Scenario, week) -> bool:
    """Some available day of the week is at a location with loading equipment."""
    return any(
        LOAD_EQUIPMENT & set(scenario.locations[d.location].equipment)
        for d in week.available_days if d.location
    )


def _round_half_up(x: float) -> int:
    """floor(x + 0.5), as docs/rules.md says; the tiny epsilon absorbs float noise of the
    goal-mix sums (0.7·4 + 0.3·4 = 3.9999999999999996 must give 4)."""
    return math.floor(x + 0.5 + 1e-9)


def blended_weights(scenario: Scenario) -> dict[str, int]:
    """Soft-rule weights of the goal mix: W[k] = floor(Σ_g w_g · profile_g.weights[k] + 0.5);
    `[rules.volume] push_pull` and `exercise_sets` scale (or, at 0, switch off) the push/pull
    balance and the spread of sets over exercises."""
    mix = scenario.goal_mix()
    keys: list[str] = []
    for goal in mix:
        for key in PROFILES[goal].weights:
            if key not in keys:
                keys.append(key)
    weights = {
        key: _round_half_up(sum(w * PROFILES[g].weights.get(key, 0) for g, w in mix.items()))
        for key in keys
    }
    for key in ("push_pull", "exercise_sets"):
        weights[key] = weights.get(key, 0) * scenario.rule_param("volume", key)
    return weights


def volume_range(scenario: Scenario) -> tuple[int, int]:
    """Weekly sets per muscle group (lo, hi) of the goal mix; lowered 20% when sleep < 7 h
    (AASM 2015), unless the `sleep` rule is switched off."""
    mix = scenario.goal_mix()
    lo = _round_half_up(sum(w * PROFILES[g].volume[0] for g, w in mix.items()))
    hi = _round_half_up(sum(w * PROFILES[g].volume[1] for g, w in mix.items()))
    if scenario.sleep_hours < SHORT_SLEEP_HOURS and scenario.rule_enabled("sleep"):
        lo = _round_half_up(SHORT_SLEEP_VOLUME_FACTOR * lo)
        hi = _round_half_up(SHORT_SLEEP_VOLUME_FACTOR * hi)
    return lo, hi


def cardio_target(scenario: Scenario) -> int:
    """Weekly cardio minutes the goal mix asks for: T = floor(Σ_g w_g · target_g + 0.5)."""
    mix = scenario.goal_mix()
    return _round_half_up(sum(w * PROFILES[g].cardio_target_minutes for g, w in mix.items()))


# An endurance plan builds its weekly cardio minutes block by block (step loading: a block's
# weeks hold a volume, the deload drops it, the next block holds more) instead of opening at
# the goal's full target (coach review: "90-minute long run from week 1, never progressing").
ENDURANCE_BUILD = (0.8, 0.9)  # share of the target in the plan's first and second block


def block_cardio_target(scenario: Scenario, horizon: Horizon, block: int) -> int:
    """The weekly cardio minutes aimed at in `block`: the goal mix's target, built up over the
    first blocks (`ENDURANCE_BUILD`) when the primary goal is endurance."""
    target = cardio_target(scenario)
    if scenario.primary_goal != "endurance":
        return target
    order = horizon.block_order.get(block, 0)
    share = ENDURANCE_BUILD[order] if order < len(ENDURANCE_BUILD) else 1.0
    return _round_half_up(share * target)


def previous_regular_week(horizon: Horizon, week):
    """The last non-deload week before `week` whose long session it must outgrow (W.long_flat):
    none for a re-entry week (after a break the long session may start lower) or the first."""
    if week.kind == "reentry":
        return None
    for before in reversed(horizon.weeks[: week.number - 1]):
        if before.is_break:
            return None
        if not before.deload:
            return before
    return None


def week_cardio_target(scenario: Scenario, horizon: Horizon, week) -> int:
    """The cardio minutes aimed at in a regular `week`: its block's, and for an endurance plan
    one 5-minute step less per regular week still to come in the block, so the week's running
    builds up to the block's volume as the long run ramps (rule `endurance`)."""
    target = block_cardio_target(scenario, horizon, week.block)
    if scenario.primary_goal != "endurance" or not target:
        return target
    later = [w for w in horizon.block_weeks_of(week.block)
             if w.number > week.number and not w.deload and not w.is_break]
    return max(0, target - STEADY_STEP * len(later))


# --- measures of a plan (shared with the validator) --------------------------------------
def work_seconds(ex: PlannedExercise) -> int:
    """sets × (seconds_per_set × sides + rest_seconds): rest after every set, unilateral work
    once per side (docs/rules.md)."""
    return ex.sets * (ex.seconds_per_set * ex.sides + ex.rest_seconds)


def session_focus(session: Session) -> set[str]:
    """Union of the primary muscles of the strength, plyometric and conditioning exercises."""
    return {m for e in session.exercises if e.kind in FOCUS_KINDS for m in e.primary_muscles}


def is_strength_session(session: Session) -> bool:
    return any(e.kind == "strength" for e in session.exercises)


def is_lower_body(kind: str, primary_muscles) -> bool:
    """A strength exercise whose primary muscles include a leg group (rule `legs`' share)."""
    return kind == "strength" and bool(LEG_GROUPS & set(primary_muscles))


def lower_body_sets(sessions: list[Session]) -> int:
    return sum(e.sets for s in sessions for e in s.exercises
               if is_lower_body(e.kind, e.primary_muscles))


def calf_sets(sessions: list[Session]) -> int:
    return sum(
        e.sets for s in sessions for e in s.exercises
        if e.kind == "strength" and "calves" in e.primary_muscles
    )


def cardio_seconds(sessions: list[Session]) -> int:
    return sum(work_seconds(e) for s in sessions for e in s.exercises if e.kind in CARDIO_KINDS)


def sessions_by_week(plan: Plan, horizon: Horizon) -> dict[int, list[Session]]:
    """Sessions grouped by the plan week of their date (their own `week` if off the calendar)."""
    out: dict[int, list[Session]] = defaultdict(list)
    for s in sorted(plan.sessions, key=lambda s: s.date):
        day = horizon.by_date.get(s.date)
        out[day.week if day else s.week].append(s)
    return out


def _fmt(x: float) -> str:
    return f"{x:g}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


# --- the terms ------------------------------------------------------------------------------
def _volume(sessions, W, lo, hi) -> tuple[int, list[str]]:
    half: dict[str, int] = dict.fromkeys(MUSCLE_GROUPS, 0)
    for s in sessions:
        for e in s.exercises:
            for m in MUSCLE_GROUPS:
                half[m] += e.sets * half_set_weight(
                    e.kind, e.primary_muscles, e.secondary_muscles, m, e.pattern, e.role)
    total, parts = 0, []
    for m in MUSCLE_GROUPS:
        h = half[m]
        p = W.get("volume_under", 0) * max(0, 2 * lo - h) + W.get("volume_over", 0) * max(
            0, h - 2 * hi)
        if p > 0:
            total += p
            parts.append(f"{m} {_fmt(h / 2)} sets/week, target {lo}–{hi} (+{p})")
    push = sum(e.sets for s in sessions for e in s.exercises
               if push_pull_side(e.kind, e.pattern) > 0)
    pull = sum(e.sets for s in sessions for e in s.exercises
               if push_pull_side(e.kind, e.pattern) < 0)
    p = W.get("push_pull", 0) * max(0, push - pull)
    if p > 0:
        total += p
        parts.append(f"{push} push sets against {pull} pull sets; pull at least as much as "
                     f"you push (+{p})")
    p = W.get("push_pull", 0) * max(0, 2 * pull - 3 * push)
    if p > 0:
        total += p
        parts.append(f"{pull} pull sets against {push} push sets; more than 1.5 pulls a push "
                     f"leaves the pressing short (+{p})")
    for s in sessions:
        for e in s.exercises:
            p = W.get("exercise_sets", 0) * sets_beyond_spread(e.kind, e.sets)
            if p > 0:
                total += p
                parts.append(f"{e.id} {e.sets} sets on {s.weekday}, more than "
                             f"{EXERCISE_SETS_SPREAD} of one exercise (+{p})")
    return total, parts


def long_bout_seconds(sessions: list[Session]) -> int:
    """The week's long session (rule `endurance`): its longest steady bout."""
    return max((work_seconds(e) for s in sessions for e in s.exercises
                if e.kind == "cardio_steady"), default=0)


def long_bout_excess(sessions: list[Session]) -> int:
    """Minutes the week's longest steady bout runs beyond the rest of its cardio together
    (2·long − all cardio minutes, ≥ 0): a runner's long run is at most half the week's running
    (coach review: an 85-minute long run in a 120-minute week, the weekday runs dropped)."""
    long_ = long_bout_seconds(sessions) // 60
    return max(0, 2 * long_ - cardio_seconds(sessions) // 60)


def has_single_leg(sessions: list[Session]) -> bool:
    return any(is_single_leg(e.kind, e.pattern, e.sides == 2, e.primary_muscles)
               for s in sessions for e in s.exercises)


def _endurance(sessions, W, single_leg_offered: bool,
               previous: list[Session] | None) -> tuple[int, list[str]]:
    """`previous`: the sessions of the last non-deload week before (`previous_regular_week`),
    or None."""
    total, parts = 0, []
    if previous is not None:
        long_, before = long_bout_seconds(sessions), long_bout_seconds(previous)
        p = W.get("long_flat", 0) if long_flat(long_, before) else 0
        if p > 0:
            total += p
            parts.append(f"the long session ({long_ // 60} min) does not grow over the last "
                         f"regular week's ({before // 60} min) (+{p})")
    over = long_bout_excess(sessions)
    p = W.get("long_share", 0) * over
    if p > 0:
        total += p
        parts.append(f"the long session is {over} min longer than the rest of the week's "
                     f"cardio together; at most half the week's minutes (+{p})")
    p = W.get("single_leg", 0) if single_leg_offered and not has_single_leg(sessions) else 0
    if p > 0:
        total += p
        parts.append(f"no single-leg strength work (split squat, lunge, step-up) though the "
                     f"week's locations offer it (+{p})")
    return total, parts


def strength_sessions_target(scenario: Scenario, available: int) -> int:
    """The strength sessions a week `frequency` rewards: the level's minimum within the days
    available, and never more than rule `endurance` lets a runner lift on."""
    need = min(SESSIONS_PER_WEEK[scenario.level][0], available)
    if endurance_applies(scenario):
        need = min(need, scenario.rule_param("endurance", "max_strength_sessions"))
    return need


def _frequency(sessions, W, available, scenario) -> tuple[int, list[str]]:
    total, parts = 0, []
    need = min(MUSCLE_FREQUENCY_TARGET, available)
    for m in MAJOR_GROUPS:
        hits = sum(1 for s in sessions if trains(s, m))
        p = W.get("frequency_muscle", 0) * max(0, need - hits)
        if p > 0:
            total += p
            parts.append(f"{m} in {_plural(hits, 'session')}, target {need} (+{p})")
    need = strength_sessions_target(scenario, available)
    strength = sum(1 for s in sessions if is_strength_session(s))
    p = W.get("frequency_sessions", 0) * max(0, need - strength)
    if p > 0:
        total += p
        parts.append(f"{_plural(strength, 'strength session')}, target {need} (+{p})")
    return total, parts


def _calves(sessions, W, available, min_sets: int) -> tuple[int, list[str]]:
    total, parts = 0, []
    need = min(CALF_SESSIONS_TARGET, available)
    raises = sum(1 for s in sessions if any(e.pattern == "calf_raise" for e in s.exercises))
    p = W.get("calves_sessions", 0) * max(0, need - raises)
    if p > 0:
        total += p
        parts.append(f"{_plural(raises, 'calf-raise session')}, target {need} (+{p})")
    n_sets = calf_sets(sessions)
    p = W.get("calves_sets", 0) * max(0, CALF_SETS_TARGET - n_sets)
    if p > 0:
        total += p
        parts.append(f"{_plural(n_sets, 'calf set')}, target {CALF_SETS_TARGET} (+{p})")
    enough = calf_sets_enough(W, min_sets)
    p = W.get("calves_excess", 0) * calf_sets_beyond(n_sets, enough)
    if p > 0:
        total += p
        parts.append(f"{_plural(n_sets, 'calf set')}, {enough} are enough for this goal "
                     f"(+{p})")
    return total, parts


def conditioning_weight(W, target: int) -> int:
    """The cost of a conditioning circuit: W.conditioning only where no goal of the mix asks for
    cardio (a general or fat_loss share wants some)."""
    return 0 if target else W.get("conditioning", 0)


def _cardio(sessions, W, target) -> tuple[int, list[str]]:
    total, parts = 0, []
    minutes = cardio_seconds(sessions) // 60  # floor of the cardio minutes
    p = W.get("cardio_short", 0) * max(0, target - minutes)
    if p > 0:
        total += p
        parts.append(f"{minutes} cardio minutes, target {target} (+{p})")
    p = W.get("cardio_excess", 0) * max(0, minutes - target)
    if p > 0:
        total += p
        parts.append(f"{minutes} cardio minutes, {minutes - target} above the goal's "
                     f"{target}; strength comes first (+{p})")
    circuits = [e.id for s in sessions for e in s.exercises if e.kind == "conditioning"]
    p = conditioning_weight(W, target) * len(circuits)
    if p > 0:
        total += p
        parts.append(f"{_plural(len(circuits), 'conditioning circuit')} "
                     f"({', '.join(circuits)}); lifting comes first (+{p})")
    runs = [e.id for s in sessions for e in s.exercises
            if e.kind in CARDIO_KINDS and e.modality == "run"]
    p = W.get("cardio_running", 0) * len(runs)
    if p > 0:
        total += p
        parts.append(
            f"{_plural(len(runs), 'running bout')} ({', '.join(runs)}); cycling preferred (+{p})"
        )
    return total, parts


def _legs(sessions, W, tiers, by_id) -> tuple[int, list[str]]:
    total, parts = 0, []
    for pattern, lift in (("squat", "squat"), ("hinge", "true hinge (deadlift family)")):
        tier = tiers[pattern]
        if tier is None:
            continue
        if not any(meets_tier(by_id.get(e.id, e), pattern, tier)
                   for s in sessions for e in s.exercises):
            p = W.get("legs_loaded", 0)
            if p > 0:
                total += p
                what = "main-lift" if tier == "main" else "loaded"
                parts.append(f"no {what} {lift} although the week has the equipment (+{p})")
    return total, parts


def _preferences(sessions, W, favor) -> tuple[int, list[str]]:
    used = {e.id for s in sessions for e in s.exercises}
    missing = [ex_id for ex_id in favor if ex_id not in used]
    p = W.get("favor", 0) * len(missing)
    if p <= 0:
        return 0, []
    return p, [f"favoured {', '.join(missing)} not used (+{p})"]


def _selection(sessions, W, eligibility, locations) -> tuple[int, list[str]]:
    by_id = eligibility.catalog.by_id()
    total, parts = 0, []
    used = [by_id[e.id] for s in sessions for e in s.exercises if e.id in by_id]
    weight = W.get("selection_loaded", 0)
    for pattern in LOADED_PATTERNS if weight else ():
        if (eligibility.loaded_offered(pattern, locations)
                and any(ex.pattern == pattern and eligibility.unloaded(ex) for ex in used)
                and not any(ex.pattern == pattern and eligibility.loaded(ex) for ex in used)):
            total += weight
            parts.append(f"{pattern.replace('_', ' ')} only at body weight or with bands "
                         f"although a loadable variant is offered (+{weight})")
    for s in sessions:
        for e in s.exercises:
            ex = by_id.get(e.id)
            cost = W.get("selection_tier", 0) * (
                eligibility.tier_cost(ex, s.location) if ex else 0)
            if cost > 0:
                total += cost
                parts.append(f"{e.name} on {s.date.isoformat()}: a better-loaded variant of "
                             f"{e.pattern.replace('_', ' ')} exists at {s.location} (+{cost})")
            cost = W.get("selection_off_goal", 0) * (eligibility.off_goal(ex) if ex else 0)
            if cost > 0:
                total += cost
                parts.append(f"{e.name} on {s.date.isoformat()}: a power lift, carry or jump "
                             f"counts toward no target of this goal (+{cost})")
    return total, parts


def compute_objective_terms(
    plan: Plan, scenario: Scenario, horizon: Horizon
) -> list[ObjectiveTerm]:
    """The soft-rule penalties of a plan, one term per (rule, week) with a penalty > 0."""
    W = blended_weights(scenario)
    lo, hi = volume_range(scenario)
    by_week = sessions_by_week(plan, horizon)
    favor = list(scenario.preferences.favor)
    catalog = scenario_catalog(scenario)
    eligibility = Eligibility(scenario, catalog)
    terms: dict[tuple[int, str], ObjectiveTerm] = {}

    def add(rule: str, week: int, value: tuple[int, list[str]], lead: str = "") -> None:
        penalty, parts = value
        if penalty > 0:
            detail = f"week {week}: " + lead + "; ".join(parts)
            terms[(week, rule)] = ObjectiveTerm(
                rule=rule, penalty=float(penalty), detail=detail, week=week)

    for week in horizon.weeks:
        if week.is_break or week.deload:
            continue
        sessions = by_week.get(week.number, [])
        available = len(week.available_days)
        if scenario.rule_enabled("legs"):
            tiers = {p: heavy_tier(scenario, catalog, week, p) for p in ("squat", "hinge")}
            add("legs", week.number, _legs(sessions, W, tiers, catalog.by_id()))
        if scenario.rule_enabled("volume"):
            add("volume", week.number, _volume(sessions, W, lo, hi))
        if scenario.rule_enabled("frequency"):
            add("frequency", week.number, _frequency(sessions, W, available, scenario))
        if scenario.rule_enabled("calves"):
            min_sets = scenario.rule_param("calves", "min_sets")
            add("calves", week.number, _calves(sessions, W, available, min_sets))
        if scenario.rule_enabled("cardio"):
            target = week_cardio_target(scenario, horizon, week)
            add("cardio", week.number, _cardio(sessions, W, target))
        if endurance_applies(scenario):
            offered = single_leg_offered(catalog, scenario, week)
            before = previous_regular_week(horizon, week)
            previous = by_week.get(before.number, []) if before is not None else None
            add("endurance", week.number, _endurance(sessions, W, offered, previous))
        if scenario.rule_enabled("preferences") and favor:
            add("preferences", week.number, _preferences(sessions, W, favor))
        if scenario.rule_enabled("selection"):
            locations = {d.location for d in week.available_days if d.location}
            add("selection", week.number, _selection(sessions, W, eligibility, locations))

    if scenario.rule_enabled("variation"):
        lifts = kept_lifts(scenario, catalog)
        block_ids: dict[int, set[str]] = defaultdict(set)
        block_has_sessions: set[int] = set()
        for s in plan.sessions:
            day = horizon.by_date.get(s.date)
            block = day.block if day else s.block
            block_has_sessions.add(block)
            block_ids[block] |= {e.id for e in s.exercises if e.kind == "strength"}
        for block in sorted(block_has_sessions):
            later = block + 1
            if later not in block_has_sessions:
                continue
            kept = sorted((block_ids[block] & block_ids[later]) - lifts)
            penalty = W.get("variation_kept", 0) * len(kept)
            first_week = horizon.block_weeks_of(later)[0].number
            if penalty > 0:
                terms[(first_week, "variation")] = ObjectiveTerm(
                    rule="variation", penalty=float(penalty), week=first_week,
                    detail=(f"week {first_week}: block {later} keeps "
                            f"{_plural(len(kept), 'strength exercise')} of block {block}: "
                            f"{', '.join(kept)} (+{penalty})"),
                )

    order = {r: i for i, r in enumerate(SOFT_RULES)}
    return [terms[k] for k in sorted(terms, key=lambda k: (k[0], order.get(k[1], 99)))]


def objective_total(terms: list[ObjectiveTerm]) -> float:
    return float(sum(t.penalty for t in terms))
