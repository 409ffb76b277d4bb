"""Fixed vocabulary of SPEC §3: the strings that appear in scenario, catalog and plan files."""

from typing import Literal, get_args

MuscleGroup = Literal[
    "chest", "back", "shoulders", "biceps", "triceps", "core", "quads", "hamstrings", "glutes",
    "calves",
]
Pattern = Literal[
    "squat", "hinge", "lunge", "horizontal_push", "vertical_push", "horizontal_pull",
    "vertical_pull", "carry", "core", "calf_raise", "isolation", "plyometric", "cardio",
]
Kind = Literal[
    "strength", "plyometric", "cardio_steady", "cardio_interval", "conditioning", "mobility"
]
Scheme = Literal["straight", "pyramid", "giant_set", "superset", "interval"]
Equipment = Literal[
    "barbell", "rack", "bench", "dumbbells", "kettlebell", "cable", "machine", "pullup_bar",
    "bands", "box", "jump_rope", "bike", "rower", "treadmill",
]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Goal = Literal["hypertrophy", "strength", "fat_loss", "endurance", "general"]
Level = Literal["novice", "intermediate", "advanced"]
Modality = Literal["run", "bike", "row", "rope", "swim", ""]
# What an exercise does in a session (SPEC §7.4): a heavy compound main lift, other compound
# work, single-joint/core/calf work, explosive drills and lifts, circuits, cardio.
Role = Literal["main", "accessory", "isolation", "power", "conditioning", "cardio"]
# The `strength` goal's main lifts (SPEC §7.1): which one a `main_lift` exercise is.
StrengthLift = Literal["squat", "bench_press", "deadlift", "overhead_press", ""]

MUSCLE_GROUPS: tuple[str, ...] = get_args(MuscleGroup)
PATTERNS: tuple[str, ...] = get_args(Pattern)
KINDS: tuple[str, ...] = get_args(Kind)
SCHEMES: tuple[str, ...] = get_args(Scheme)
EQUIPMENT: tuple[str, ...] = get_args(Equipment)
WEEKDAYS: tuple[str, ...] = get_args(Weekday)
GOALS: tuple[str, ...] = get_args(Goal)
LEVELS: tuple[str, ...] = get_args(Level)
ROLES: tuple[str, ...] = get_args(Role)
STRENGTH_LIFTS: tuple[str, ...] = tuple(x for x in get_args(StrengthLift) if x)

LEG_GROUPS = frozenset({"quads", "hamstrings", "glutes", "calves"})
UPPER_GROUPS = frozenset({"chest", "back", "shoulders", "biceps", "triceps"})
# Groups that should be trained twice a week (Schoenfeld et al. 2016).
MAJOR_GROUPS = ("chest", "back", "shoulders", "quads", "hamstrings", "glutes")
# Kinds whose primary muscles make up a session's focus (SPEC §2 terms).
FOCUS_KINDS = frozenset({"strength", "plyometric", "conditioning"})
CARDIO_KINDS = frozenset({"cardio_steady", "cardio_interval"})
EXPLOSIVE_PATTERNS = frozenset({"squat", "hinge", "lunge", "plyometric"})
LEVEL_RANK = {"novice": 0, "intermediate": 1, "advanced": 2}
# Equipment that loads an exercise progressively (SPEC §7.1 "loadable"); bands and bodyweight
# do not, a catalog flag may add weight otherwise (a belt for pull-ups and dips).
LOAD_EQUIPMENT = frozenset({"barbell", "dumbbells", "kettlebell", "machine", "cable"})
# Compound movement patterns (SPEC §7.1 terms): squat, hinge, lunge, pushes and pulls.
COMPOUND_PATTERNS = frozenset({
    "squat", "hinge", "lunge", "horizontal_push", "vertical_push", "horizontal_pull",
    "vertical_pull",
})
