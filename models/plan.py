"""The plan file of SPEC §5: the contract other tools rely on. JSON in and out."""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import InputError
from .loading import format_validation_error, read_data_file
from .scenario import Scenario, parse_scenario
from .vocab import Equipment, Kind, MuscleGroup, Pattern, Scheme, Weekday

PLAN_FORMAT = "periodize-plan/2"  # what a solve writes (SPEC §7.4)
PLAN_FORMAT_1 = "periodize-plan/1"
PLAN_FORMATS = (PLAN_FORMAT_1, PLAN_FORMAT)  # what show, check and export read
Role = Literal["main", "accessory", "isolation", "power", "conditioning", "cardio"]


class _Strict(BaseModel):
    # NaN and infinity parse from JSON (`NaN`, `Infinity`) but are never a plan's numbers
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class SolverInfo(_Strict):
    status: Literal["optimal", "feasible"]
    objective: float
    best_bound: float
    seconds: float
    seed: int = 0
    workers: int = 1
    gap: float = 0.0
    deterministic: bool = False
    ortools: str = ""


class ObjectiveTerm(_Strict):
    rule: str
    penalty: float
    detail: str = ""
    week: int | None = None


class PlanDay(_Strict):
    date: date
    week: int
    block: int
    type: Literal["training", "rest"]
    carbs_g_per_kg: float
    carbs_g: int
    protein_g: int
    # format 2 (SPEC §7.3): the day's energy target and fat; None in format-1 files
    kcal: int | None = None
    fat_g: int | None = None


class Progression(_Strict):
    """How an exercise progresses and this week's concrete target (SPEC §7.2)."""

    rule: str  # linear | double | wave | block | time | none
    text: str = ""


class WarmupSet(_Strict):
    """One ramp-up set before a loaded main lift."""

    reps: int = Field(ge=1)
    percent_1rm: float | None = Field(default=None, gt=0, le=100)
    load_kg: float | None = Field(default=None, ge=0)


class LiftEntry(_Strict):
    """The estimated 1RM a plan used for one exercise and where it came from."""

    id: str
    one_rm_kg: float = Field(gt=0)
    source: str  # "top set 100 kg × 5 (Epley)" or "known 1RM"
    used: bool = True


class PlannedExercise(_Strict):
    id: str
    name: str
    kind: Kind
    pattern: Pattern
    primary_muscles: list[MuscleGroup]
    secondary_muscles: list[MuscleGroup]
    equipment: list[Equipment]
    sets: int = Field(ge=1)
    reps: str
    seconds_per_set: int = Field(ge=1)
    tempo: str
    rest_seconds: int = Field(ge=0)
    scheme: Scheme
    minutes: float = Field(ge=0)
    explosive_capable: bool = False
    main_lift: bool = False
    modality: str = ""
    sides: int = Field(default=1, ge=1, le=2)  # 2: unilateral, each set once per side
    # format 2 (SPEC §7.4); None/empty in format-1 files
    role: Role | None = None
    rir: int | None = Field(default=None, ge=0, le=10)
    percent_1rm: float | None = Field(default=None, gt=0, le=100)
    load_kg: float | None = Field(default=None, ge=0)
    progression: Progression | None = None
    warmup_sets: list[WarmupSet] = []

    @property
    def work_seconds(self) -> int:
        """Time model: sets × (time under tension × sides + rest after the set)."""
        return self.sets * (self.seconds_per_set * self.sides + self.rest_seconds)


class Session(_Strict):
    date: date
    week: int
    block: int
    weekday: Weekday
    location: str
    focus: list[MuscleGroup]
    deload: bool
    minutes: int = Field(ge=0)
    warmup_minutes: int = 0
    exercises: list[PlannedExercise]

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        """The ids of its exercises, sorted: the session's layout, whatever the doses."""
        return tuple(sorted(e.id for e in self.exercises))


class PlanWeek(_Strict):
    week: int
    block: int
    deload: bool
    is_break: bool
    note: str = ""
    # regular | deload | travel_deload | reentry | break (SPEC §7.1); None in older files
    kind: Literal["regular", "deload", "travel_deload", "reentry", "break"] | None = None


class Plan(_Strict):
    """A finished plan: the scenario it was made from, the solver's answer and the program."""

    format: Literal["periodize-plan/1", "periodize-plan/2"] = PLAN_FORMAT
    scenario: dict
    solver: SolverInfo
    objective_terms: list[ObjectiveTerm]
    weeks: list[PlanWeek] = []
    days: list[PlanDay]
    sessions: list[Session]
    warnings: list[str] = []
    # set by `periodize replan`: the date from which sessions were re-decided, and the diff
    replanned_from: date | None = None
    changes: list[dict] = []
    lifts: list[LiftEntry] = []  # format 2: the 1RMs behind every load
    # set by `periodize batch`: sha256 of the validated scenario and catalog, so a rerun skips
    # a client whose plan is up to date (left out of the file when empty)
    input_hash: str = ""

    @property
    def version(self) -> int:
        """The file format's number: 1 (SPEC §5) or 2 (SPEC §7.4)."""
        return int(self.format.rsplit("/", 1)[1])

    def scenario_model(self, file: str = "<plan>") -> Scenario:
        """The embedded scenario, validated again."""
        try:
            return parse_scenario(self.scenario, f"{file} (embedded scenario)")
        except InputError:
            raise

    def to_json(self) -> str:
        data = self.model_dump(mode="json")
        if not data["input_hash"]:
            del data["input_hash"]
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    def sessions_in_week(self, week: int) -> list[Session]:
        return [s for s in self.sessions if s.week == week]


def parse_plan(data: dict, file: str = "<plan>") -> Plan:
    if data.get("format") not in PLAN_FORMATS:
        allowed = " or ".join(repr(f) for f in PLAN_FORMATS)
        raise InputError(
            f"not a periodize plan: 'format' must be {allowed} (got {data.get('format')!r})",
            file=file, field="format",
        )
    try:
        plan = Plan.model_validate(data)
    except ValidationError as err:
        raise InputError(format_validation_error(err, data), file=file) from None
    plan.scenario_model(file)  # the embedded scenario must still be valid
    return plan


def load_plan(path: str | Path) -> Plan:
    """Read a plan file; bad files raise InputError naming the file and field."""
    path = Path(path)
    if path.suffix.lower() != ".json":
        raise InputError("a plan file is JSON (.json)", file=str(path))
    return parse_plan(read_data_file(path), str(path))


def write_atomic(path: str | Path, text: str | bytes) -> None:
    """Write a file so that a reader never sees it half-written: temp file, fsync, rename.
    Text is written as UTF-8; bytes as they are. A symlink is followed (the file it points to
    is replaced, not the link); an existing target that is not a regular file is refused
    (OSError) without touching it."""
    path = Path(os.path.realpath(path))
    try:
        old_mode: int | None = path.stat().st_mode
    except FileNotFoundError:
        old_mode = None
    if old_mode is not None and not stat.S_ISREG(old_mode):
        # renaming over a device, pipe or folder would replace it (or fail half-way)
        raise OSError(errno.EINVAL, "not a regular file (a device, pipe, socket or folder)",
                      str(path))
    # mkstemp creates 0600; give the file the mode a plain open() would (or the old file's)
    if old_mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    else:
        mode = old_mode & 0o777
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, mode)
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
