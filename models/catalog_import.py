"""Importing exercise catalogs from open data: the public-domain *free-exercise-db* format.

free-exercise-db (github.com/yuhonas/free-exercise-db) is a JSON array of objects with `id`,
`name`, `force` (push | pull | static | null), `level` (beginner | intermediate | expert),
`mechanic` (compound | isolation | null), `equipment`, `primaryMuscles`, `secondaryMuscles`,
`category`, `instructions` and `images`. Each entry is mapped to the vocabulary of SPEC §3, or
skipped with a reason:

- muscles: abdominals -> core; abductors, adductors -> glutes; lats, middle back, lower back,
  traps -> back; quadriceps -> quads; biceps, calves, chest, glutes, hamstrings, shoulders,
  triceps as they are; forearms (grip) and neck are dropped. An entry whose primary muscles
  all drop (wrist curls, neck work) is skipped, except carries (farmer's walk lists only
  forearms), which train core and back. Squat, hinge and lunge lifts whose primary muscles
  hold no leg group (olympic lifts list shoulders) get the leg groups of their secondary
  muscles as primary. Compound squats and lunges train quads and glutes, hinges hamstrings
  and glutes, as primary (the built-in catalog's convention; free-exercise-db lists one of
  each pair as secondary): the other of the pair moves from secondary to primary.
- equipment: body only / none -> bodyweight; dumbbell -> dumbbells; barbell and e-z curl bar ->
  barbell (+ rack for barbell squats, lunges, bench and standing presses); kettlebells ->
  kettlebell; cable, machine, bands as they are; + bench for bench/incline/decline work,
  + pullup_bar for pull-ups, chin-ups and hanging raises, + box for box work. Medicine ball,
  exercise ball and foam roll are not in the vocabulary: skipped. `other` is skipped unless
  the name names vocabulary equipment (box, jump rope, pull-up bar) or is plainly bodyweight.
- category: strength, powerlifting, olympic weightlifting, strongman -> strength; plyometrics ->
  plyometric; cardio -> cardio_interval (interval/sprint/HIIT/tabata in the name) or
  cardio_steady, with a modality (bike, row, rope, run, swim) from the name — cardio machines
  outside the vocabulary (elliptical, ...) are skipped; stretching -> mobility.
- pattern (strength) from the name first, then `force` and `mechanic` (see `infer_pattern`).
- level: beginner -> novice, intermediate, expert -> advanced.
- explosive: compound squat, hinge and lunge lifts and every plyometric drill.
- role (SPEC §7.4): cleans, snatches, jerks and swings by name (not their deadlifts, pulls,
  shrugs or balances; the olympic-weightlifting category also holds squats and presses) ->
  power, and not a main lift (a clean is not loaded by the main-lift intensity bands);
  otherwise as a catalog without the field (main lifts main, isolation/core/calf work
  isolation, plyometrics power, accessory otherwise).
- loadable: loading equipment (barbell, dumbbells, kettlebell, cable, machine), or a pull-up,
  chin-up or dip that is not assisted (a belt adds weight).
- true_hinge: hinges named deadlift, RDL/Romanian, stiff-leg(ged), good morning,
  hyperextension or back extension, rack pull.
- strength_lift: the canonical names only (`STRENGTH_LIFT_NAMES`): Barbell (Full) Squat,
  Barbell Bench Press - Medium Grip, Bench Press - Powerlifting, Barbell Deadlift, Sumo
  Deadlift, Standing Military Press, Barbell Shoulder Press.
- regression_of (second pass, `mark_regressions`): a strength exercise that is not loadable
  and either names an easier variant ("assisted", knee, wall or incline push-ups) or is a band
  exercise, or a bodyweight squat, hinge or lunge (not an advanced one, a glute-ham raise,
  Nordic curl or pistol) regresses the first loadable, non-power exercise of the import with
  its pattern and a shared primary muscle; with no such exercise it is the standard itself and
  no regression.

No OR-Tools import.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .catalog import TRUE_HINGE_WORDS, Exercise
from .errors import InputError
from .vocab import LOAD_EQUIPMENT

SOURCES = ("free-exercise-db",)
MAX_IMPORT_BYTES = 20_000_000  # the whole free-exercise-db is about 1 MB

MUSCLES = {
    "abdominals": "core",
    "abductors": "glutes",
    "adductors": "glutes",
    "biceps": "biceps",
    "calves": "calves",
    "chest": "chest",
    "glutes": "glutes",
    "hamstrings": "hamstrings",
    "lats": "back",
    "lower back": "back",
    "middle back": "back",
    "quadriceps": "quads",
    "shoulders": "shoulders",
    "traps": "back",
    "triceps": "triceps",
}
DROPPED_MUSCLES = frozenset({"forearms", "neck"})  # grip and neck: no group of the vocabulary
LEG_GROUPS = ("quads", "hamstrings", "glutes", "calves")
# the leg muscles a compound squat, lunge or hinge trains as primary (as the built-in catalog
# counts them); free-exercise-db lists one primary muscle and the other as secondary
LEG_PAIRS = {"squat": ("quads", "glutes"), "lunge": ("quads", "glutes"),
             "hinge": ("hamstrings", "glutes")}

EQUIPMENT = {
    "body only": (),
    "dumbbell": ("dumbbells",),
    "barbell": ("barbell",),
    "e-z curl bar": ("barbell",),
    "cable": ("cable",),
    "machine": ("machine",),
    "kettlebells": ("kettlebell",),
    "bands": ("bands",),
}
UNSUPPORTED_EQUIPMENT = frozenset({"medicine ball", "exercise ball", "foam roll"})

STRENGTH_CATEGORIES = frozenset({"strength", "powerlifting", "olympic weightlifting",
                                 "strongman"})
LEVELS = {"beginner": "novice", "intermediate": "intermediate", "expert": "advanced"}

MAIN_PATTERNS = frozenset({"squat", "hinge", "horizontal_push", "vertical_push",
                           "horizontal_pull", "vertical_pull"})
# The `strength` goal's main lifts by their free-exercise-db names (normalised by `_words`).
STRENGTH_LIFT_NAMES = {
    " barbell squat ": "squat",
    " barbell full squat ": "squat",
    " barbell bench press - medium grip ": "bench_press",
    " bench press - powerlifting ": "bench_press",
    " barbell deadlift ": "deadlift",
    " sumo deadlift ": "deadlift",
    " standing military press ": "overhead_press",
    " barbell shoulder press ": "overhead_press",
}
_TRUE_HINGE_WORDS = TRUE_HINGE_WORDS
_BELT_LOADABLE_WORDS = ("pull-up", "pullup", "pull up", "chin-up", "chinup", "chin up", " dip")
_POWER_WORDS = (" clean ", " clean-", " snatch", " jerk", " swing")
_NOT_POWER_WORDS = ("deadlift", " pull", "shrug", "clean grip", "balance")
_EASIER_WORDS = ("assisted", "knee push", "kneeling push", "wall push", "incline push-up")


@dataclass(frozen=True)
class Skipped:
    """An entry that was not imported, and why."""

    source_id: str
    name: str
    reason: str


@dataclass
class ImportResult:
    exercises: list[Exercise] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    source: str = "<input>"
    origin: dict[str, str] = field(default_factory=dict)  # our id -> source id

    @property
    def total(self) -> int:
        return len(self.exercises) + len(self.skipped)

    def skipped_by_reason(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for s in self.skipped:
            key = s.reason.split(":")[0]
            counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def missing_required_patterns(self) -> list[str]:
        """Patterns the hard rules need every week (legs, calves) that no strength exercise of
        the import has: a scenario using the catalog alone cannot be solved without them."""
        have = {e.pattern for e in self.exercises if e.kind == "strength"}
        return [p for p in ("squat", "hinge", "calf_raise") if p not in have]


class _Skip(Exception):
    pass


# ------------------------------------------------------------------------------ helpers
def _words(name: str) -> str:
    """Lowercase name with separators normalised: 'Pull-Ups (Wide Grip)' -> ' pull-ups wide
    grip ' (padded with spaces so ' word ' matches whole words)."""
    text = name.lower().replace("’", "'").replace("'", "")
    text = re.sub(r"[^a-z0-9\-/ ]+", " ", text)
    return f" {' '.join(text.split())} "


def _has(words: str, *needles: str) -> bool:
    return any(n in words for n in needles)


def slugify(name: str) -> str:
    """'Farmer's Walk' -> 'farmers-walk'; '3/4 Sit-Up' -> '3-4-sit-up'."""
    text = name.lower().replace("’", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _muscles(values: Any, what: str) -> list[str]:
    if values is None:
        return []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise _Skip(f"bad {what}: expected a list of muscle names")
    return [v.strip().lower() for v in values]


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# ------------------------------------------------------------------------------ inference
_CORE_WORDS = (
    "crunch", "plank", "sit-up", "situp", "sit up", "rollout", "roll-out", "ab roller",
    "ab wheel", "leg raise", "knee raise", "knee tuck", "russian twist", "v-up", "jackknife",
    "hollow", "dead bug", "pallof", "woodchop", "wood chop", "flutter kick", "scissor kick",
    "heel touch", "oblique", "side bend", "toes to bar", "toe touch", "windmill",
    "mountain climber", "dragon flag", "l-sit",
)
_HINGE_WORDS = (
    "deadlift", " rdl ", "romanian", "good morning", "hip thrust", "glute bridge",
    "hip bridge", "butt lift", "swing", "hyperextension", "back extension",
    "pull through", "pull-through", "clean", "snatch", "glute ham", "glute-ham",
    "reverse hyper", "rack pull",
)
_LUNGE_WORDS = ("lunge", "split squat", "step-up", "step up", "stepup", "bulgarian")
_SQUAT_WORDS = ("squat", "leg press", "thruster", "wall sit")
_VPULL_WORDS = (
    "pull-up", "pullup", "pull up", "chin-up", "chinup", "chin up", "pulldown", "pull-down",
    "pull down", "muscle up", "muscle-up",
)
_VPUSH_WORDS = (
    "overhead", "shoulder press", "military", "push press", "jerk", "arnold", "handstand",
    "pike push", "seated press", "standing press", "landmine press", " dip",
)
_ISOLATION_WORDS = (
    "curl", "raise", "fly", "flye", "extension", "kickback", "rotation", "pullover",
    "lateral", "shrug", "pec deck", "crossover", "cross-over",
)
_ISOMETRIC_WORDS = ("plank", " hold", "wall sit", "isometric", "static", "l-sit")
_UNILATERAL_WORDS = (
    "single-arm", "single arm", "one-arm", "one arm", "single-leg", "single leg", "one-leg",
    "one leg", "alternating", "alternate", "unilateral", "side plank", "kneeling one",
)


def infer_pattern(name: str, force: str | None, mechanic: str | None,
                  primary: list[str]) -> str | None:
    """Movement pattern of a strength exercise from its name, then `force` and `mechanic`,
    then its primary muscles; None when nothing fits."""
    w = _words(name)
    if _has(w, "calf", "calves") or primary == ["calves"]:
        return "calf_raise"
    if _has(w, "carry", "farmer", "yoke", "suitcase", " walk "):
        return "carry"
    if _has(w, *_CORE_WORDS):
        return "core"
    if _has(w, *_LUNGE_WORDS):
        return "lunge"
    if _has(w, *_HINGE_WORDS):
        return "hinge"
    if _has(w, *_SQUAT_WORDS) and mechanic != "isolation":
        return "squat"
    if _has(w, *_VPULL_WORDS):
        return "vertical_pull"
    if _has(w, " row ", " rows ", "face pull", "inverted row") and not _has(w, "upright"):
        return "horizontal_pull"
    pressing = _has(w, "press", "push-up", "pushup", "push up", " dip", "bench")
    if pressing and (force in (None, "push")) and mechanic != "isolation":
        if _has(w, *_VPUSH_WORDS):
            return "vertical_push"
        return "horizontal_push"
    if mechanic == "isolation" or _has(w, *_ISOLATION_WORDS):
        return "isolation"
    if primary and set(primary) <= {"core"}:
        return "core"
    if mechanic != "compound" or not primary:
        return None
    # a compound lift the name does not tell: its main muscle and direction decide
    first = primary[0]
    if first == "quads":
        return "squat"
    if first in ("hamstrings", "glutes"):
        return "hinge"
    if first == "chest" and force == "push":
        return "horizontal_push"
    if first in ("shoulders", "triceps") and force == "push":
        return "vertical_push"
    if first in ("back", "biceps") and force == "pull":
        return "horizontal_pull"
    return None


def infer_equipment(raw: str | None, name: str, pattern: str, kind: str) -> list[str]:
    """Vocabulary equipment (ALL items needed) for an entry, or _Skip with the reason."""
    w = _words(name)
    key = (raw or "body only").strip().lower()
    extra: list[str] = []
    if _has(w, *_VPULL_WORDS, "hanging", "toes to bar", "muscle up"):
        extra.append("pullup_bar")
    if _has(w, " box "):
        extra.append("box")
    if _has(w, "jump rope", "rope jump", "skipping rope", "double under", "double-under"):
        extra.append("jump_rope")
    if key in UNSUPPORTED_EQUIPMENT:
        raise _Skip(f"equipment not in the vocabulary: {key}")
    if key == "other":
        plain = _has(w, "push-up", "pushup", "burpee", "plank", "crunch", "sit-up", "jumping jack",
                     "mountain climber", "sprint", "bodyweight", "body weight")
        if not extra and not plain:
            raise _Skip("equipment not in the vocabulary: other (unspecified)")
        base: tuple[str, ...] = ()
    elif key in EQUIPMENT:
        base = EQUIPMENT[key]
    else:
        raise _Skip(f"equipment not in the vocabulary: {key}")
    items = [*base, *extra]
    if "barbell" in items:
        press = pattern in ("horizontal_push", "vertical_push") and not _has(w, "seated")
        if pattern in ("squat", "lunge") or (press and not _has(w, "floor")):
            items.append("rack")
    if _has(w, "bench", "incline", "decline", "preacher") and "machine" not in items:
        items.append("bench")
    if kind in ("cardio_steady", "cardio_interval"):
        # a cardio "machine" is the bike, rower or treadmill its name tells; else it stays one
        specific = None
        if _has(w, "bike", "bicycl", "cycling", "spin"):
            specific = "bike"
        elif _has(w, "rowing", "rower", " row "):
            specific = "rower"
        elif _has(w, "treadmill") or (key == "machine" and _has(w, "jog", "run", "walk")):
            specific = "treadmill"
        if specific:
            items = [i for i in items if i != "machine"] + [specific]
    return _dedupe(items)


def cardio_modality(name: str) -> str | None:
    w = _words(name)
    if _has(w, "bike", "bicycl", "cycling", "spin"):
        return "bike"
    if _has(w, "rowing", "rower", " row "):
        return "row"
    if _has(w, "rope", "double under", "double-under"):
        return "rope"
    if _has(w, "swim"):
        return "swim"
    if _has(w, "run", "jog", "walk", "sprint", "stair", "treadmill", "high knee", "shuttle"):
        return "run"
    return None


# ------------------------------------------------------------------------------ mapping
def map_entry(entry: Any, used_ids: set[str]) -> tuple[Exercise, str]:
    """One free-exercise-db entry -> (Exercise, source id); raises _Skip with the reason."""
    if not isinstance(entry, dict):
        raise _Skip(f"not an object ({type(entry).__name__})")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _Skip("no name")
    name = " ".join(name.split())
    category = str(entry.get("category") or "").strip().lower()
    force = entry.get("force")
    force = force.strip().lower() if isinstance(force, str) else None
    mechanic = entry.get("mechanic")
    mechanic = mechanic.strip().lower() if isinstance(mechanic, str) else None
    level_raw = str(entry.get("level") or "intermediate").strip().lower()
    level = LEVELS.get(level_raw)
    if level is None:
        raise _Skip(f"unknown level: {level_raw}")

    primary_raw = _muscles(entry.get("primaryMuscles"), "primaryMuscles")
    secondary_raw = _muscles(entry.get("secondaryMuscles"), "secondaryMuscles")
    unknown = [m for m in primary_raw + secondary_raw
               if m not in MUSCLES and m not in DROPPED_MUSCLES]
    if unknown:
        raise _Skip(f"unknown muscle: {unknown[0]}")
    primary = _dedupe([MUSCLES[m] for m in primary_raw if m in MUSCLES])
    secondary = _dedupe([MUSCLES[m] for m in secondary_raw if m in MUSCLES])

    w = _words(name)
    explosive = False
    modality = ""
    if category in STRENGTH_CATEGORIES:
        kind = "strength"
        pattern = infer_pattern(name, force, mechanic, primary)
        if pattern is None:
            raise _Skip("movement pattern not inferable from name, force and mechanic")
        if not primary:
            if pattern == "carry":  # farmer's walk lists forearms only: a loaded carry
                primary = ["core", "back"]
            else:
                dropped = ", ".join(primary_raw) or "none"
                raise _Skip(f"no primary muscle group in the vocabulary: {dropped}")
        if pattern in ("squat", "hinge", "lunge") and not set(primary) & set(LEG_GROUPS):
            primary += [m for m in secondary if m in LEG_GROUPS and m != "calves"]
        pair = LEG_PAIRS.get(pattern)
        if pair and mechanic != "isolation" and set(primary) & set(pair):
            primary += [m for m in pair if m in secondary and m not in primary]
        explosive = pattern in ("squat", "hinge", "lunge") and mechanic != "isolation"
    elif category == "plyometrics":
        kind, pattern = "plyometric", "plyometric"
        if not primary:
            raise _Skip(f"no primary muscle group in the vocabulary: "
                        f"{', '.join(primary_raw) or 'none'}")
        explosive = True
    elif category == "cardio":
        kind = "cardio_interval" if _has(w, "interval", "sprint", "hiit", "tabata") \
            else "cardio_steady"
        pattern = "cardio"
        found = cardio_modality(name)
        if found is None:
            raise _Skip("cardio machine or activity not in the vocabulary "
                        "(bike, rower, treadmill, jump rope, running, swimming)")
        modality = found
        secondary = _dedupe(primary + secondary)
        primary = []  # cardio never counts as muscle work (SPEC §2)
    elif category == "stretching":
        kind, pattern = "mobility", "isolation"
        secondary = _dedupe(primary + secondary)
        primary = []
    elif not category:
        raise _Skip("no category")
    else:
        raise _Skip(f"category not in the vocabulary: {category}")

    equipment = infer_equipment(entry.get("equipment"), name, pattern, kind)
    secondary = [m for m in secondary if m not in primary]
    isometric = kind == "strength" and pattern in ("core", "squat") and _has(w, *_ISOMETRIC_WORDS)
    if isometric:
        explosive = False
    unilateral = _has(w, *_UNILATERAL_WORDS) or (kind == "strength" and pattern == "lunge")
    power = kind == "strength" and _has(w, *_POWER_WORDS) and not _has(w, *_NOT_POWER_WORDS)
    main_lift = (
        kind == "strength" and pattern in MAIN_PATTERNS and mechanic == "compound"
        and ("barbell" in equipment or (pattern == "vertical_pull" and "pullup_bar" in equipment))
        and not unilateral and not power and not _has(w, *_EASIER_WORDS)
    )
    selection: dict[str, Any] = {
        "loadable": bool(LOAD_EQUIPMENT & set(equipment))
        or (kind == "strength" and _has(w, *_BELT_LOADABLE_WORDS) and not _has(w, "assisted")),
    }
    if power:
        selection["role"] = "power"
    if kind == "strength" and pattern == "hinge":
        selection["true_hinge"] = _has(w, *_TRUE_HINGE_WORDS)
    if main_lift and w in STRENGTH_LIFT_NAMES:
        selection["strength_lift"] = STRENGTH_LIFT_NAMES[w]

    base = slugify(name) or slugify(str(entry.get("id") or ""))
    if not base:
        raise _Skip("name gives no usable id")
    ex_id, n = base, 2
    while ex_id in used_ids:
        ex_id, n = f"{base}-{n}", n + 1
    try:
        exercise = Exercise(
            id=ex_id, name=name, kind=kind, pattern=pattern, primary=tuple(primary),
            secondary=tuple(secondary), equipment=tuple(equipment), level=level,
            explosive=explosive, unilateral=unilateral, main_lift=main_lift,
            modality=modality, isometric=isometric, **selection,
        )
    except ValidationError as err:  # defensive: the mapping above only emits vocabulary
        raise _Skip(f"invalid after mapping: {err.errors()[0]['msg']}") from None
    used_ids.add(ex_id)
    return exercise, str(entry.get("id") or name)


def import_free_exercise_db(entries: list, source: str = "<input>") -> ImportResult:
    """Map every entry it can; the others are listed in `skipped` with a reason."""
    result = ImportResult(source=source)
    used: set[str] = set()
    for i, entry in enumerate(entries):
        try:
            exercise, source_id = map_entry(entry, used)
        except _Skip as why:
            name = entry.get("name") if isinstance(entry, dict) else None
            sid = entry.get("id") if isinstance(entry, dict) else None
            result.skipped.append(Skipped(str(sid or f"[{i}]"), str(name or f"entry {i}"),
                                          str(why)))
            continue
        result.exercises.append(exercise)
        result.origin[exercise.id] = source_id
    result.exercises = mark_regressions(result.exercises)
    return result


def _easier_variant(ex: Exercise) -> bool:
    """An exercise that reads as an easier variant of a loadable standard (by name or by
    equipment): assisted or kneeling work, band work, bodyweight squats, hinges and lunges."""
    if ex.kind != "strength" or ex.loadable:
        return False
    w = _words(ex.name)
    if _has(w, *_EASIER_WORDS):
        return True
    if ex.equipment and set(ex.equipment) <= {"bands"}:
        return True
    hard = ex.level == "advanced" or _has(w, "glute ham", "glute-ham", "nordic", "pistol")
    return not ex.equipment and ex.pattern in ("squat", "hinge", "lunge") and not hard


def mark_regressions(exercises: list[Exercise]) -> list[Exercise]:
    """`regression_of` for easier variants: the first loadable exercise of the same pattern
    sharing a primary muscle (catalog order); unchanged where there is none."""
    out = []
    for ex in exercises:
        if _easier_variant(ex):
            target = next(
                (o for o in exercises if o.loadable and o.kind == "strength"
                 and o.role != "power" and o.pattern == ex.pattern
                 and set(o.primary) & set(ex.primary) and o.id != ex.id), None)
            if target is not None:
                ex = ex.model_copy(update={"regression_of": target.id})
        out.append(ex)
    return out


def read_free_exercise_db(path: str | Path) -> list:
    """The entries of a free-exercise-db JSON file (an array; one object is one entry)."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise InputError("file not found", file=name)
    if path.is_dir():
        raise InputError("is a folder, expected a .json file (free-exercise-db "
                         "dist/exercises.json)", file=name)
    size = path.stat().st_size
    if size > MAX_IMPORT_BYTES:
        raise InputError(f"file is {size} bytes; at most {MAX_IMPORT_BYTES} are read", file=name)
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 text (byte {err.start})", file=name) from None
    except json.JSONDecodeError as err:
        raise InputError(f"JSON syntax error at line {err.lineno} column {err.colno}: "
                         f"{err.msg}", file=name) from None
    except RecursionError:
        raise InputError("nesting too deep", file=name) from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise InputError("expected a JSON array of exercises (free-exercise-db format)",
                         file=name)
    if not data:
        raise InputError("the file holds no exercises", file=name)
    return data


def import_catalog(path: str | Path, source_format: str = "free-exercise-db") -> ImportResult:
    if source_format not in SOURCES:
        raise InputError(f"unknown source format {source_format!r}; allowed: "
                         f"{', '.join(SOURCES)}", field="--from")
    result = import_free_exercise_db(read_free_exercise_db(path), str(path))
    if not result.exercises:
        raise InputError(f"no entry could be mapped ({len(result.skipped)} skipped)",
                         file=str(path))
    return result


# ------------------------------------------------------------------------------ TOML writer
def toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML for {type(value).__name__}")


_FIELDS = ("id", "name", "kind", "pattern", "primary", "secondary", "equipment", "level",
           "explosive", "unilateral", "main_lift", "modality", "isometric", "role", "loadable")
# written only where they say something (a non-empty id or lift, a hinge's true_hinge)
_OPTIONAL_FIELDS = ("regression_of", "progression_of", "true_hinge", "strength_lift")


def _comment(text: str) -> str:
    return " ".join(text.split())  # one line, no newline can end the comment early


def catalog_toml(result: ImportResult, source_format: str = "free-exercise-db") -> str:
    """The imported catalog in the format of models/data/catalog.toml ([[exercise]] tables)."""
    lines = [
        f"# periodize exercise catalog imported from {_comment(result.source)} "
        f"({source_format} format).",
        f"# {len(result.exercises)} of {result.total} entries mapped, {len(result.skipped)} "
        "skipped (listed at the end).",
        "# Use it with `catalog = \"<this file>\"` in a scenario (relative to the scenario",
        "# file). Fields: see the header of the built-in catalog (models/data/catalog.toml).",
        "",
    ]
    for ex in result.exercises:
        source_id = result.origin.get(ex.id)
        if source_id:
            lines.append(f"# {source_format}: {_comment(source_id)}")
        lines.append("[[exercise]]")
        for key in _FIELDS:
            lines.append(f"{key} = {_toml_value(getattr(ex, key))}")
        for key in _OPTIONAL_FIELDS:
            value = getattr(ex, key)
            if value or (key == "true_hinge" and ex.pattern == "hinge" and ex.kind == "strength"):
                lines.append(f"{key} = {_toml_value(value)}")
        lines.append("")
    if result.skipped:
        lines.append(f"# Skipped ({len(result.skipped)}):")
        for s in result.skipped:
            lines.append(f"#   {_comment(s.name)} ({_comment(s.source_id)}): {_comment(s.reason)}")
    return "\n".join(lines).rstrip("\n") + "\n"
