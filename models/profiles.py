"""Goal profiles and rule defaults as data (SPEC §2). Every number carries its source.

A profile is what a goal means in numbers: sets per exercise, rest, time under tension per set,
the rep-scheme variants that rotate from block to block, weekly volume targets, cardio limits
and targets, and the day's carbohydrate and protein in g/kg body mass.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .vocab import COMPOUND_PATTERNS


@dataclass(frozen=True)
class RepVariant:
    """One block's way of doing strength sets: scheme, rep range and tempo.

    ``tempo`` is eccentric-pause-concentric-pause in seconds; an explosive concentric is written
    ``X`` and counted as 1 s. ``seconds_per_set`` = ``reps_avg`` × sum(tempo), which is what the
    goal's target time under tension asks for.
    """

    scheme: str
    reps: str
    reps_avg: int
    tempo: tuple[int, int, int, int]

    @property
    def seconds_per_set(self) -> int:
        return self.reps_avg * sum(self.tempo)


@dataclass(frozen=True)
class GoalProfile:
    name: str
    # ≈20 s strength, 40 s size, 60 s endurance (the article); fat_loss and general ≈40 s (SPEC §2).
    set_seconds: int
    # Sets per exercise. NSCA (Haff & Triplett 2016): strength 2–6, hypertrophy 3–6,
    # endurance 2–3; fat_loss and general use 2–4 (SPEC: build what a user expects).
    sets: tuple[int, int]
    # Rest between sets, seconds, for main lifts and accessories. NSCA: strength 2–5 min,
    # hypertrophy 30–90 s, endurance ≤ 30 s.
    rest_main: int
    rest_accessory: int
    # Rep-scheme variants of main lifts; block i of the plan uses variants[i % len].
    # Consecutive blocks therefore always change rep scheme or rep range (rule `variation`).
    variants: tuple[RepVariant, ...]
    # Variants of isolation work (isolation, core, calves, carries): the same time under
    # tension with more reps at a quicker tempo — a band leg curl is not a 3-5RM exercise.
    accessory_variants: tuple[RepVariant, ...]
    # Weekly hard sets per muscle group. Schoenfeld et al. 2017 (hypertrophy 10–20);
    # SPEC §2 for the others (strength 6–12, fat_loss 8–14, endurance 6–10, general 6–12).
    volume: tuple[int, int]
    # Weekly cardio minutes the goal asks for (soft). WHO 2020: 150–300 min moderate activity a
    # week for endurance health; fat_loss 90 and general 60 are this project's choice (as much
    # as a strength-first plan holds); size and strength goals ask for none.
    cardio_target_minutes: int
    # Interval design: work seconds / easy seconds per repeat (sums to whole minutes).
    interval_work_rest: tuple[int, int]
    # Sets per exercise in a deload week, fixed (Bell et al. 2022: keep the exercises, cut
    # volume ~40–60%): the model holds the week's total ≤ max_share × the heaviest week.
    deload_sets: int
    # Carbohydrate g/kg: rest day, and training days by session length (<45, 45–75, >75 min).
    # ACSM/AND/DC 2016: 3–5 g/kg light days, 5–7 moderate, 6–10 endurance training.
    carbs_rest: float
    carbs_training: tuple[float, float, float]
    # Protein g/kg/day, ISSN 2017 position stand: 1.4–2.0.
    protein: float
    # Soft-rule weights in objective points (integer). Larger = matters more for this goal.
    weights: dict[str, int] = field(default_factory=dict)
    # Variants of compounds that are not main lifts (SPEC §7.2: each role has its rep band);
    # empty = the main lifts' variants.
    compound_variants: tuple[RepVariant, ...] = ()
    # Variants of power lifts (push press, swings, cleans); empty = `POWER_VARIANTS`.
    power_variants: tuple[RepVariant, ...] = ()

    def variants_for(self, category: str, floor_pull: bool = False) -> tuple[RepVariant, ...]:
        """The rep-scheme variants of a role category (see `role_category`); a floor pull
        (catalog `floor_pull`) of a main or compound category takes `FLOOR_PULL_VARIANTS`
        where the goal's variants are the size ones."""
        if floor_pull and category in ("main", "compound") \
                and self.variants_for(category) is _SIZE_VARIANTS:
            return FLOOR_PULL_VARIANTS
        if category == "main":
            return self.variants
        if category == "compound":
            return self.compound_variants or self.variants
        if category == "power":
            return self.power_variants or POWER_VARIANTS
        return self.accessory_variants


def _v(scheme: str, reps: str, reps_avg: int, tempo: tuple[int, int, int, int]) -> RepVariant:
    return RepVariant(scheme, reps, reps_avg, tempo)


# fat_loss and general: power lifts inside the goal's 6–15 reps, at its lightest end, as
# conditioning-style speed work (a swing or push press for 6–8 crisp reps); not time under
# tension either (`counts_in_set_duration`).
MIXED_POWER_VARIANTS = (
    _v("straight", "6-8", 7, (1, 0, 1, 1)),
    _v("straight", "6-7", 6, (1, 0, 1, 1)),
    _v("straight", "7-8", 7, (1, 0, 1, 1)),
)

_SIZE_VARIANTS = (
    _v("straight", "8-12", 10, (2, 0, 1, 1)),  # 10 × 4 s = 40 s
    _v("pyramid", "12-10-8", 10, (2, 0, 1, 1)),  # average 10 × 4 s = 40 s
    _v("straight", "6-8", 7, (3, 1, 1, 1)),  # 7 × 6 s = 42 s
)
# A barbell deadlift from the floor in a size plan (hypertrophy, fat_loss, general): 6-9 reps
# from a dead stop with a 2-s lowering, in the compound band (SPEC §7.2: 6-12). Coach reviews
# read 10-12 deadlift reps to 1 RIR and a 3-s lowering of a deadlift as technique lost to
# fatigue; the lower back tires before the legs. Same rotation as the size variants.
FLOOR_PULL_VARIANTS = (
    _v("straight", "7-9", 8, (2, 1, 1, 1)),  # 8 × 5 s = 40 s
    _v("pyramid", "8-7-6", 7, (2, 1, 1, 1)),  # average 7 × 5 s = 35 s
    _v("straight", "6-8", 7, (2, 1, 1, 1)),  # 7 × 5 s = 35 s
)
_SIZE_ACCESSORY = (
    _v("straight", "12-15", 13, (2, 0, 1, 0)),  # 13 × 3 s = 39 s
    _v("pyramid", "15-12-10", 12, (2, 0, 1, 0)),  # average 12 × 3 s = 36 s
    _v("straight", "10-12", 11, (2, 0, 1, 1)),  # 11 × 4 s = 44 s
)

_BASE_WEIGHTS = {
    "volume_under": 4,  # per half set below a muscle's weekly target
    "volume_over": 1,  # per half set above it
    "push_pull": 1,  # per weekly push set beyond the week's pull sets
    "exercise_sets": 0,  # per set of one exercise in a session beyond 4 (hypertrophy)
    "long_share": 0,  # per minute the long bout exceeds the rest of the week's cardio (endurance)
    "single_leg": 0,  # per week without single-leg strength work where offered (endurance)
    "long_flat": 0,  # per week whose long bout does not outgrow the last non-deload week's
    "frequency_muscle": 3,  # per major group trained < 2× a week (where the calendar allows)
    "frequency_sessions": 6,  # per strength session below the level's minimum
    "calves_sessions": 0,  # per calf session below 2 (hypertrophy)
    "calves_sets": 0,  # per calf set below 8 (hypertrophy)
    # per weekly calf set beyond `[rules.calves] min_sets` where calves are not a size target:
    # calf raises are the cheapest lower-body sets, and padded the 40% share (coach review)
    "calves_excess": 1,
    "cardio_short": 1,  # per cardio minute below the goal's weekly target
    "cardio_running": 0,  # per running cardio exercise a week (size and strength goals)
    "cardio_excess": 0,  # per cardio minute a week above the goal's target (size, strength)
    # per conditioning circuit a week (size, strength): lifting comes first, circuits add
    # fatigue and no hypertrophy volume (SPEC §7.1 refined `volume`)
    "conditioning": 0,
    "favor": 4,  # per favoured exercise missing from a week
    "variation_kept": 1,  # per strength exercise kept from the previous block
    # per week without a loaded squat (and per week without a loaded hinge) where the week's
    # locations have load: "train legs for real (squats and deadlifts)" (the article)
    "legs_loaded": 4,
    # per regular week and compound, per equipment tier below the best its pattern has at the
    # location (barbell > dumbbells/kettlebell > cable/machine > bodyweight; SPEC §7.1)
    "selection_tier": 1,
    # per regular week and main movement trained only at body weight or with bands where a
    # location of the week offers a loadable variant (optimizer/eligibility.py)
    "selection_loaded": 8,
    # per regular week and use of a power lift or loaded carry when the primary goal is
    # strength or size: no volume target counts them (optimizer/eligibility.py, off_goal)
    "selection_off_goal": 1,
}

PROFILES: dict[str, GoalProfile] = {
    "hypertrophy": GoalProfile(
        name="hypertrophy",
        set_seconds=40,
        sets=(3, 6),
        rest_main=105,  # falls 10%/week to ~75 s (coach review: compounds not below ~70 s)
        rest_accessory=75,
        variants=_SIZE_VARIANTS,
        accessory_variants=_SIZE_ACCESSORY,
        volume=(10, 20),
        cardio_target_minutes=0,
        interval_work_rest=(30, 30),
        deload_sets=2,
        carbs_rest=4.0,
        carbs_training=(5.0, 6.0, 7.0),
        protein=1.8,
        # RP volume landmarks (Israetel): calves respond to 2 sessions and ≥ 8 sets.
        weights=_BASE_WEIGHTS | {"calves_sessions": 3, "calves_sets": 2, "cardio_running": 2,
                                 "cardio_excess": 1, "conditioning": 2, "exercise_sets": 1,
                                 "calves_excess": 0},
    ),
    "strength": GoalProfile(
        name="strength",
        set_seconds=20,
        sets=(3, 5),
        rest_main=180,
        rest_accessory=150,  # falls to ~105 s by week 4: accessories, not main lifts
        # SPEC §7.2: main lifts 1–6 reps at 80–92% 1RM; the range falls block to block
        # (accumulation → intensification), so %1RM rises from block to block
        # sets at ≥ 80% 1RM are not time under tension (out of the set-duration median): a
        # controlled 2-s lowering and no pause at the bottom, whatever the rep range (coach
        # review: "3-1-X-1 at 90% is a paused squat loaded off an unpaused 1RM")
        variants=(
            _v("straight", "4-5", 5, (2, 0, 1, 1)),  # 5 × 4 s = 20 s
            _v("straight", "3-4", 4, (2, 0, 1, 1)),  # 4 × 4 s = 16 s
            _v("straight", "2-3", 3, (2, 0, 1, 1)),  # 3 × 4 s = 12 s
        ),
        accessory_variants=(
            _v("straight", "8-10", 9, (1, 0, 1, 0)),  # 9 × 2 s = 18 s
            _v("pyramid", "10-8-6", 8, (2, 0, 1, 0)),  # average 8 × 3 s = 24 s
            _v("straight", "6-8", 7, (2, 0, 1, 0)),  # 7 × 3 s = 21 s
        ),
        volume=(6, 12),
        cardio_target_minutes=0,
        interval_work_rest=(30, 30),
        deload_sets=2,
        carbs_rest=4.0,
        carbs_training=(5.0, 6.0, 7.0),
        protein=1.8,
        weights=_BASE_WEIGHTS | {"cardio_running": 2, "cardio_excess": 1, "conditioning": 2},
        # accessories 6–10 reps (SPEC §7.2), compound or not
        compound_variants=(
            _v("straight", "8-10", 9, (1, 0, 1, 0)),
            _v("pyramid", "10-8-6", 8, (2, 0, 1, 0)),
            _v("straight", "6-8", 7, (2, 0, 1, 0)),
        ),
    ),
    "fat_loss": GoalProfile(
        name="fat_loss",
        set_seconds=40,
        sets=(2, 4),
        rest_main=90,
        rest_accessory=60,
        variants=_SIZE_VARIANTS,
        accessory_variants=_SIZE_ACCESSORY,
        power_variants=MIXED_POWER_VARIANTS,
        volume=(8, 14),
        cardio_target_minutes=90,
        interval_work_rest=(30, 30),
        deload_sets=2,
        carbs_rest=3.0,
        carbs_training=(5.0, 5.0, 6.0),
        protein=2.0,
        weights=_BASE_WEIGHTS,
    ),
    "endurance": GoalProfile(
        name="endurance",
        set_seconds=60,
        sets=(2, 3),
        rest_main=30,
        rest_accessory=30,
        # the low end of SPEC §7.2's 12–25 reps: a runner's presses, rows and accessories are
        # strength-endurance work, not sets of 20–25 (coach review: "high-rep presses"); the
        # range falls block to block like the other goals'
        variants=(
            _v("straight", "15-18", 15, (2, 0, 1, 1)),  # 15 × 4 s = 60 s
            _v("pyramid", "15-12-12", 13, (2, 1, 1, 1)),  # average 13 × 5 s = 65 s
            _v("straight", "12-15", 12, (3, 0, 1, 1)),  # 12 × 5 s = 60 s
        ),
        accessory_variants=(
            _v("straight", "15-20", 17, (2, 0, 1, 1)),  # 17 × 4 s = 68 s
            _v("pyramid", "20-15-12", 15, (2, 0, 1, 1)),  # average 15 × 4 s = 60 s
            _v("straight", "12-15", 12, (3, 0, 1, 1)),  # 12 × 5 s = 60 s
        ),
        compound_variants=(
            _v("straight", "15-18", 15, (2, 0, 1, 1)),
            _v("pyramid", "15-12-12", 13, (2, 1, 1, 1)),
            _v("straight", "12-15", 12, (3, 0, 1, 1)),
        ),
        volume=(6, 10),
        cardio_target_minutes=150,
        interval_work_rest=(60, 60),
        deload_sets=1,
        carbs_rest=5.0,
        carbs_training=(6.0, 7.0, 8.0),
        protein=1.6,
        # a runner's strength sessions serve the legs and running economy (Rønnestad & Mujika
        # 2014): upper-body push/pull balance is not what they are for
        weights=_BASE_WEIGHTS | {"cardio_short": 2, "cardio_excess": 1, "push_pull": 0,
                                 "long_share": 1, "single_leg": 2, "long_flat": 3},
    ),
    "general": GoalProfile(
        name="general",
        set_seconds=40,
        sets=(2, 4),
        rest_main=105,
        rest_accessory=75,
        variants=_SIZE_VARIANTS,
        accessory_variants=_SIZE_ACCESSORY,
        power_variants=MIXED_POWER_VARIANTS,
        volume=(6, 12),
        cardio_target_minutes=60,
        interval_work_rest=(30, 30),
        deload_sets=2,
        carbs_rest=4.0,
        carbs_training=(5.0, 6.0, 7.0),
        protein=1.6,
        weights=_BASE_WEIGHTS,
    ),
}


# Explosive strength lifts (power clean, snatch, swings): few reps, fast, far from failure
# (NSCA: power 1–5 reps at 75–90%). Their sets are not time under tension, so they stay out of
# the set-duration median (docs/rules.md).
POWER_VARIANTS = (
    _v("straight", "3-5", 4, (1, 0, 1, 1)),
    _v("straight", "2-4", 3, (1, 0, 1, 1)),
    _v("straight", "2-3", 3, (1, 0, 1, 1)),
)

# An endurance plan's heavy lower-body main lifts (SPEC §7.1 `endurance`: 3–6 reps on the
# strength main-lift bands; Rønnestad & Mujika 2014). The range still changes block to block.
HEAVY_LEGS_REPS = (3, 6)
HEAVY_LEGS_VARIANTS = (
    # ≥ 80% 1RM leaves 3 RIR only at ≤ 5 reps (Epley), so the ranges stay at 3–5
    _v("straight", "4-5", 4, (2, 0, 1, 1)),
    _v("straight", "3-4", 3, (3, 0, 1, 1)),
)

# Role categories of strength and plyometric work (SPEC §7.2): the goal's bands are per category.
ROLE_CATEGORIES = ("main", "compound", "isolation", "power")


@dataclass(frozen=True)
class Band:
    """What a working set of one role category looks like for one goal (SPEC §7.2).

    `reps`: allowed reps per set; `percent`: %1RM band where a 1RM applies (None: no %1RM);
    `rir`: reps in reserve, from `rir[1]` in a block's first regular week down to `rir_end` in
    its last; `rest`: the allowed rest band in seconds, `rest_start` the rest of a block's first
    week (it falls weekly to the band's floor; main lifts hold it)."""

    reps: tuple[int, int]
    percent: tuple[float, float] | None
    rir: tuple[int, int]
    rir_end: int
    rest: tuple[int, int]
    rest_start: int


def _band(reps, percent, rir, rir_end, rest, rest_start) -> Band:
    return Band(reps, percent, rir, rir_end, rest, rest_start)


# ACSM 2009; NSCA (Haff & Triplett 2016); Helms et al. 2016; Refalo et al. 2023; rest: ACSM
# 2009, Schoenfeld et al. 2016. Power work: NSCA (1–5 reps, 2–5 min rest; plyometric rest is
# set by PLYO_REST). Isolation ≤ 20 reps for hypertrophy ("8–15 (≤ 20)").
_SIZE_BANDS = {
    "main": _band((6, 12), (67, 85), (0, 3), 1, (90, 180), 120),
    "compound": _band((6, 12), (67, 85), (0, 3), 1, (90, 180), 120),
    "isolation": _band((8, 20), (50, 80), (0, 3), 1, (60, 120), 90),
    "power": _band((1, 5), (60, 85), (2, 4), 2, (60, 180), 120),
}
_MIXED_BANDS = {  # fat_loss and general: 6–15 reps, rir 1–3
    "main": _band((6, 15), (60, 85), (1, 3), 1, (90, 180), 105),
    "compound": _band((6, 15), (60, 85), (1, 3), 1, (90, 180), 105),
    "isolation": _band((6, 15), (50, 80), (1, 3), 1, (60, 120), 75),
    # power lifts take the goal's band too, at its lightest end (SPEC §7.2 names no power band;
    # two reviewers read a push press 2×2–4 at 4 RIR in a fat-loss plan as breaking 6–15 reps,
    # rir 1–3): sets of 6–8 at ≤ 75% (`MIXED_POWER_VARIANTS`)
    "power": _band((6, 8), (60, 75), (1, 3), 1, (60, 180), 120),
}
INTENSITY: dict[str, dict[str, Band]] = {
    "strength": {
        "main": _band((1, 6), (80, 92), (1, 3), 1, (180, 300), 180),
        "compound": _band((6, 10), (65, 85), (1, 3), 1, (120, 180), 150),
        "isolation": _band((6, 10), (60, 85), (1, 3), 1, (60, 120), 105),
        "power": _band((1, 5), (70, 85), (2, 4), 2, (120, 300), 150),
    },
    "hypertrophy": _SIZE_BANDS,
    "fat_loss": _MIXED_BANDS,
    "general": _MIXED_BANDS,
    "endurance": {
        "main": _band((12, 25), (50, 67), (2, 4), 2, (30, 60), 60),
        "compound": _band((12, 25), (50, 67), (2, 4), 2, (30, 60), 45),
        "isolation": _band((12, 25), (50, 67), (2, 4), 2, (30, 60), 45),
        # power work is not endurance work: a push press or a jump rests like the other
        # goals' power sets (NSCA: full recovery), not 45 s (coach review)
        "power": _band((1, 5), (60, 85), (2, 4), 2, (90, 180), 120),
    },
}
NOVICE_MIN_RIR = 2  # SPEC §7.2: a novice never trains closer to failure than 2 reps
DELOAD_MIN_RIR = 4  # deload week: rir ≥ 4 ...
DELOAD_LOAD_CUT = 0.10  # ... and loads −10%
REENTRY_LOAD_CUT = 0.10  # the week after a break week: loads −10%, rir +1 (SPEC §7.1)
# Warm-up ramps of loaded main lifts (SPEC §7.2: 2–4 ramp-up sets, e.g. 40% × 5, 60% × 3,
# 80% × 1): (share of the working load, reps). Fewer for lighter goals (lower working loads).
RAMPS: dict[str, tuple[tuple[float, int], ...]] = {
    # four steps for heavy singles to triples: 80% of a 147.5 kg working set left a 30 kg jump
    # (coach review); SPEC §7.2 allows 2–4 ramp sets
    "strength": ((0.4, 5), (0.6, 3), (0.75, 2), (0.9, 1)),
    "hypertrophy": ((0.5, 5), (0.75, 3)),
    "fat_loss": ((0.5, 5), (0.75, 3)),
    "general": ((0.5, 5), (0.75, 3)),
    "endurance": ((0.5, 5), (0.75, 3)),
}
RAMP_REP_SECONDS = 3  # a warm-up rep, controlled
RAMP_CHANGE_SECONDS = 60  # loading plates and a short pause after each ramp set


def band(goal: str, category: str) -> Band:
    """The goal's band for a role category."""
    return INTENSITY[goal][category]


def rest_floor(goal: str, category: str, main_floor: int, compound_floor: int) -> int:
    """The shortest rest of a strength set (SPEC §7.1 `explosive`, §7.2 rest by role): a
    strength main lift `main_floor`; a size goal's main lifts and compounds `compound_floor`;
    else the band's lower end."""
    low = band(goal, category).rest[0]
    if goal == "strength" and category == "main":
        return main_floor
    if goal in ("hypertrophy", "fat_loss", "general") and category in ("main", "compound"):
        return max(low, compound_floor)
    return low


def counts_in_set_duration(kind: str, goal: str, category: str | None) -> bool:
    """Whether a set counts in the set-duration median (SPEC §7.2): strength sets, but not
    power work (not time under tension) and not main lifts of a band at ≥ 80% 1RM. `goal` is
    the goal whose band the set follows."""
    if kind != "strength" or category in (None, "power"):
        return False
    percent = band(goal, category).percent
    return not (category == "main" and percent is not None and percent[0] >= 80)


def plan_role(role: str, strength_lift: str, primary_goal: str) -> str:
    """The role a catalog exercise plays in a plan. A `strength` plan's main lifts are its
    goal's four (squat, bench press, deadlift, overhead press: SPEC §7.1); another catalog
    main lift there — a row, a chin-up, a hip thrust, a front squat — is supplemental work on
    the accessory band (6–10 reps), as a strength coach programs it, not sets of 2–3."""
    if primary_goal == "strength" and role == "main" and not strength_lift:
        return "accessory"
    return role


def role_category(kind: str, role: str | None, pattern: str) -> str | None:
    """The band category of a strength or plyometric exercise: `main` (a main lift),
    `compound` (other squat/hinge/lunge/push/pull work), `isolation` (the rest), `power`
    (plyometrics and explosive lifts); None for conditioning and cardio."""
    if kind == "plyometric" or (kind == "strength" and role == "power"):
        return "power"
    if kind != "strength":
        return None
    if role == "main":
        return "main"
    return "compound" if pattern in COMPOUND_PATTERNS else "isolation"


def _rir_span(goal: str, category: str, level: str, n_regular: int) -> tuple[int, int]:
    """First and last rir of a block's regular weeks: the band's top down to `rir_end`; the
    novice floor (rir ≥ 2) wins; a block of more regular weeks than steps starts further from
    failure, so the rir still falls every week (strict progression, SPEC §7.2)."""
    b = band(goal, category)
    end = max(b.rir_end, NOVICE_MIN_RIR) if level == "novice" else b.rir_end
    return max(b.rir[1], end + max(n_regular, 1) - 1), end


def rir_ladder(goal: str, category: str, level: str, n_regular: int) -> tuple[int, ...]:
    """The rir of each regular week of a block (SPEC §7.2), one step a week."""
    top, end = _rir_span(goal, category, level, n_regular)
    if n_regular <= 1:
        return (top,) * max(n_regular, 0)
    return tuple(top - round(i * (top - end) / (n_regular - 1)) for i in range(n_regular))


def band_rir_ladder(goal: str, category: str, level: str, n_regular: int) -> tuple[int, ...]:
    """The rir of each regular week kept inside the band (novice ≥ 2): from its top to its end,
    the steps spread over the block; weeks whose rir holds progress by reps instead (SPEC §7.2:
    "rir steps spread over the block's regular weeks within the goal's band")."""
    b = band(goal, category)
    end = max(b.rir_end, NOVICE_MIN_RIR) if level == "novice" else b.rir_end
    top = max(b.rir[1], end)
    if n_regular <= 1:
        return (top,) * max(n_regular, 0)
    return tuple(top - round(i * (top - end) / (n_regular - 1)) for i in range(n_regular))


def novice_ladder(goal: str, category: str, n_regular: int) -> tuple[int, ...]:
    """A novice's rir where the load can rise every week: one rep above the floor for the
    block's first half, then the floor (coach review: a ladder from 5 RIR down to 2, reset every
    block, read as "grind harder, not heavier" and as a deload each fourth week)."""
    end = max(band(goal, category).rir_end, NOVICE_MIN_RIR)
    first = (n_regular + 1) // 2
    return (end + 1,) * first + (end,) * (n_regular - first)


def rir_bounds(goal: str, category: str, level: str, n_regular: int) -> tuple[int, int]:
    """Allowed rir of a regular week's working set: the band with the novice floor, its top
    raised as far as `rir_ladder` starts in a block of `n_regular` regular weeks."""
    top, _end = _rir_span(goal, category, level, n_regular)
    lo = band(goal, category).rir[0]
    return (max(lo, NOVICE_MIN_RIR) if level == "novice" else lo, top)


def ramp_seconds(ramps: tuple[tuple[float, int], ...] | list) -> int:
    """Time of a warm-up ramp: each set's reps at 3 s plus 60 s to load and breathe."""
    return sum(reps * RAMP_REP_SECONDS + RAMP_CHANGE_SECONDS for _share, reps in ramps)


# Level limits on strength sessions a week (ACSM 2009 progression models):
# novice 2–3, intermediate 3–4, advanced 4–6.
SESSIONS_PER_WEEK = {"novice": (2, 3), "intermediate": (3, 4), "advanced": (4, 6)}

# Plyometrics: low reps, full recovery (NSCA: 5–10 s efforts, 1:5–1:10 work:rest).
PLYO_SETS = (3, 4)
PLYO_REPS = "5"
PLYO_SECONDS = 10
PLYO_REST = 90  # falls weekly but stays ≥ 60 s: jumps need near-full recovery
PLYO_REST_FLOOR = 60
# Conditioning circuits: rounds of ~3 min of work and 60 s rest (this project's design).
CONDITIONING_ROUNDS = (2, 4)
CONDITIONING_SECONDS = 180
CONDITIONING_REST = 60
# Steady cardio bouts, minutes (5-minute steps).
STEADY_MINUTES = (10, 40)
STEADY_STEP = 5
# Interval repeats per bout.
INTERVAL_REPEATS = (6, 16)
# Warm-up before each session, minutes (ACSM: 5–10 min general warm-up).
WARMUP_MINUTES = 5
# Deload week: sets per exercise = floor(0.6 × sets) (Bell et al. 2022: volume −40..−50%).
DELOAD_SET_SHARE = 0.6
# A muscle's weekly set count: a primary set counts 1, a secondary set 1/2 (common practice in
# the volume literature, e.g. Pelland et al. 2024 fractional counting).
SECONDARY_SET_SHARE = 0.5
# Sleep under 7 h (AASM 2015) lowers weekly volume targets by 20%.
SHORT_SLEEP_HOURS = 7.0
SHORT_SLEEP_VOLUME_FACTOR = 0.8


@dataclass(frozen=True)
class RuleParam:
    default: float | int | bool
    lo: float
    hi: float
    doc: str


# Rule ids of SPEC §2 with their tunable parameters; `enabled` exists for every rule.
RULES: dict[str, dict[str, RuleParam]] = {
    "legs": {"lower_body_share": RuleParam(0.4, 0.0, 1.0, "share of strength sets for legs")},
    "recovery": {},
    "rest_days": {
        "min_per_week": RuleParam(2, 0, 6, "days with no session each week"),
        "max_consecutive_training_days": RuleParam(3, 1, 7, "sessions on consecutive days"),
    },
    "calves": {"min_sets": RuleParam(6, 0, 30, "calf sets a week outside deloads")},
    "cardio": {
        "max_minutes": RuleParam(90, 0, 1000, "hypertrophy/strength: cardio minutes a week"),
        "max_sessions": RuleParam(3, 0, 7, "hypertrophy/strength: cardio sessions a week"),
        "fat_loss_min_sessions": RuleParam(2, 0, 7, "fat_loss: interval/conditioning sessions"),
        "fat_loss_max_steady_minutes": RuleParam(60, 0, 1000, "fat_loss: steady minutes a week"),
    },
    "set_duration": {"tolerance": RuleParam(0.25, 0.0, 1.0, "median set time vs target")},
    "session_time": {
        "warmup_minutes": RuleParam(WARMUP_MINUTES, 0, 30, "warm-up minutes per session")
    },
    "equipment": {},
    "variation": {
        # NSCA: mesocycles of 2–6 weeks, most often 4.
        "block_weeks": RuleParam(4, 2, 6, "weeks per block (mesocycle)"),
        "min_new_share": RuleParam(0.5, 0.0, 1.0, "share of new strength exercises per block"),
    },
    "explosive": {
        "technique_weeks": RuleParam(2, 0, 12, "weeks of controlled tempo before explosive"),
        "rest_drop": RuleParam(0.10, 0.05, 0.5, "rest falls by this share each week"),
        # SPEC §7.1 refined: NSCA 2–5 min for strength main lifts; Schoenfeld 2016 ≥ 90 s
        "rest_floor": RuleParam(180, 0, 300, "rest floor, seconds, strength-goal main lifts"),
        "compound_rest_floor": RuleParam(90, 0, 300, "rest floor, seconds, other goals' "
                                                     "main lifts and compounds"),
    },
    "intensity": {
        "deload_rir": RuleParam(DELOAD_MIN_RIR, 2, 10, "reps in reserve at least, deload week"),
    },
    "progression": {
        "wave_step": RuleParam(2.5, 1.0, 5.0, "%1RM added a week at most to a main lift (wave)"),
    },
    "deload": {
        "max_share": RuleParam(0.6, 0.5, 0.9, "deload strength sets vs the block's heaviest week"),
        # SPEC §7.1: a travel week (≤ this share of the block's regular minutes) is the deload
        "travel_share": RuleParam(0.6, 0.0, 1.0, "travel week: minutes vs the block's most"),
        "novice_weeks": RuleParam(8, 0, 104, "novice: weeks without a scheduled deload"),
    },
    # SPEC §7.1, primary goal endurance (Seiler 2010; Rønnestad & Mujika 2014)
    "endurance": {
        "easy_share": RuleParam(0.75, 0.0, 1.0, "share of cardio sessions that are easy"),
        "modality_share": RuleParam(0.7, 0.0, 1.0, "endurance_modality's share of cardio min"),
        "long_growth": RuleParam(0.10, 0.0, 1.0, "long session growth a week, at most"),
        "max_strength_sessions": RuleParam(2, 1, 7, "sessions with strength work a week, at "
                                                    "most"),
    },
    "carbs": {},
    # SPEC §7.3: kcal a day off maintenance by goal (Helms 2014; a goal mix weight-averages)
    "energy": {
        # ISSN (Kreider et al. 2010): 25–35 kcal/kg a day for general fitness training; from 26
        # a rest day's maintenance (× 1.2/1.375) stays above the 22 kcal/kg BMR
        "maintenance_kcal_per_kg": RuleParam(30, 26, 50,
                                             "maintenance without sex/age/height, light day"),
        "fat_loss_deficit_kcal": RuleParam(500, 0, 1000, "fat_loss: kcal a day under maintenance"),
        "hypertrophy_surplus_kcal": RuleParam(250, 0, 1000,
                                              "hypertrophy: kcal a day over maintenance"),
        "strength_surplus_kcal": RuleParam(150, 0, 1000, "strength: kcal a day over maintenance"),
    },
    "sleep": {},
    "preferences": {},
    "frequency": {},
    "volume": {
        "push_pull": RuleParam(1, 0, 10, "points per weekly push set beyond the pull sets, "
                                         "times the goal's weight (0: off)"),
        "exercise_sets": RuleParam(1, 0, 10, "points per set of one exercise in a session "
                                             "beyond 4, times the goal's weight (0: off)"),
    },
    "selection": {},
    "structure": {},
}
HARD_RULES = (
    "legs", "recovery", "rest_days", "calves", "cardio", "set_duration", "session_time",
    "equipment", "variation", "explosive", "deload", "preferences", "frequency",
    "selection", "structure", "endurance", "intensity", "progression",
)
