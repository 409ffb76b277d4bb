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

MUSCLE_GROUPS: tuple[str, ...] = get_args(MuscleGroup)
PATTERNS: tuple[str, ...] = get_args(Pattern)
KINDS: tuple[str, ...] = get_args(Kind)
SCHEMES: tuple[str, ...] = get_args(Scheme)
EQUIPMENT: tuple[str, ...] = get_args(Equipment)
WEEKDAYS: tuple[str, ...] = get_args(Weekday)
GOALS: tuple[str, ...] = get_args(Goal)
LEVELS: tuple[str, ...] = get_args(Level)

LEG_GROUPS = frozenset({"quads", "hamstrings", "glutes", "calves"})
UPPER_GROUPS = frozenset({"chest", "back", "shoulders", "biceps", "triceps"})
# Groups that should be trained twice a week (Schoenfeld et al. 2016).
MAJOR_GROUPS = ("chest", "back", "shoulders", "quads", "hamstrings", "glutes")
# Kinds whose primary muscles make up a session's focus (SPEC §2 terms).
FOCUS_KINDS = frozenset({"strength", "plyometric", "conditioning"})
CARDIO_KINDS = frozenset({"cardio_steady", "cardio_interval"})
EXPLOSIVE_PATTERNS = frozenset({"squat", "hinge", "lunge", "plyometric"})
LEVEL_RANK = {"novice": 0, "intermediate": 1, "advanced": 2}
