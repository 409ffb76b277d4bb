"""The exercise catalog: pydantic models and loading of the built-in or a user's catalog."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import InputError
from .loading import format_validation_error, read_data_file
from .vocab import (
    COMPOUND_PATTERNS,
    LOAD_EQUIPMENT,
    Equipment,
    Kind,
    Level,
    Modality,
    MuscleGroup,
    Pattern,
    Role,
    StrengthLift,
)

# names of true hinges (deadlift family, RDL, good morning, back extension; SPEC §7.1)
TRUE_HINGE_WORDS = (
    "deadlift", " rdl ", "romanian", "stiff-leg", "stiff leg", "good morning", "hyperextension",
    "back extension", "rack pull",
)
# a barbell deadlift from the floor (`floor_pull`): not the RDL family, which starts at the top
FLOOR_PULL_EXCLUDED = ("romanian", " rdl", "stiff", "single-leg", "single leg", "rack pull",
                       "snatch")
MAX_CATALOG = 1000  # exercises; the model grows with the catalog (README, "Limits")
_KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Exercise(BaseModel):
    """One exercise of the catalog."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    kind: Kind
    pattern: Pattern
    primary: tuple[MuscleGroup, ...] = ()
    secondary: tuple[MuscleGroup, ...] = ()
    equipment: tuple[Equipment, ...] = ()
    level: Level = "novice"
    explosive: bool = False
    unilateral: bool = False
    main_lift: bool = False
    modality: Modality = ""
    isometric: bool = False  # a hold (plank): prescribed in seconds, not reps
    # Coach-grade selection (SPEC §7). A catalog may leave these out: `role` and `loadable`
    # then follow from the fields above (`default_role`, loading equipment).
    role: Role = "accessory"
    loadable: bool = False  # can be loaded progressively: loading equipment, a belt or vest
    regression_of: str = ""  # id of the harder standard this is an easier variant of
    progression_of: str = ""  # id of the easier standard this is a harder variant of
    true_hinge: bool = False  # deadlift family, RDL, good morning, back extension
    strength_lift: StrengthLift = ""  # which main lift of the `strength` goal this is
    # a barbell deadlift from the floor (conventional, sumo, deficit): size plans give it their
    # floor-pull rep schemes (`models.profiles.FLOOR_PULL_VARIANTS`); read from the name when
    # a catalog leaves it out
    floor_pull: bool = False
    round: str = ""  # a conditioning circuit's round, in words (the plan's text says it)

    @model_validator(mode="before")
    @classmethod
    def _derived_defaults(cls, data: object) -> object:
        """`role` and `loadable` from kind, pattern, main lift and equipment when absent."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if "role" not in data:
            data["role"] = default_role(
                str(data.get("kind", "")), str(data.get("pattern", "")),
                bool(data.get("main_lift", False)),
            )
        if "true_hinge" not in data and data.get("pattern") == "hinge" \
                and data.get("kind") == "strength":
            # a catalog written before SPEC §7 says nothing: read the name (rule `legs` now
            # asks for a true hinge, so an old catalog must still have one)
            name = f" {str(data.get('name', '')).lower()} "
            data["true_hinge"] = any(w in name for w in TRUE_HINGE_WORDS)
        if "floor_pull" not in data and data.get("pattern") == "hinge" \
                and data.get("kind") == "strength":
            name = f" {str(data.get('name', '')).lower()} "
            equipment = data.get("equipment") or ()
            data["floor_pull"] = ("deadlift" in name and "barbell" in equipment
                                  and not any(w in name for w in FLOOR_PULL_EXCLUDED))
        if "loadable" not in data:
            equipment = data.get("equipment") or ()
            data["loadable"] = isinstance(equipment, list | tuple) and bool(
                LOAD_EQUIPMENT & set(equipment))
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Exercise:
        if self.true_hinge and self.pattern != "hinge":
            raise ValueError("true_hinge applies to pattern 'hinge' only")
        if self.floor_pull and not (self.pattern == "hinge" and self.kind == "strength"):
            raise ValueError("floor_pull applies to strength exercises of pattern 'hinge' only")
        if self.strength_lift and not (self.main_lift and self.kind == "strength"):
            raise ValueError("strength_lift applies to strength main lifts (main_lift = true)")
        if self.id in (self.regression_of, self.progression_of):
            raise ValueError("an exercise cannot regress or progress itself")
        return self

    @field_validator("id")
    @classmethod
    def _kebab(cls, value: str) -> str:
        if not _KEBAB.match(value):
            raise ValueError("must be kebab-case: lowercase letters, digits and single dashes")
        return value

    @property
    def is_bodyweight(self) -> bool:
        return not self.equipment

    @property
    def is_regression(self) -> bool:
        return bool(self.regression_of)

    @property
    def is_compound(self) -> bool:
        """Squat, hinge, lunge or a push/pull (SPEC §7.1 terms)."""
        return self.pattern in COMPOUND_PATTERNS


def default_role(kind: str, pattern: str, main_lift: bool) -> str:
    """The role an exercise has when its catalog entry does not say."""
    if kind in ("cardio_steady", "cardio_interval"):
        return "cardio"
    if kind == "conditioning":
        return "conditioning"
    if kind == "plyometric":
        return "power"
    if kind == "strength" and main_lift:
        return "main"
    if pattern in ("isolation", "core", "calf_raise"):
        return "isolation"
    return "accessory"


class Catalog(BaseModel):
    """All exercises the optimizer may choose from, by id."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    exercises: tuple[Exercise, ...] = Field(
        alias="exercise", min_length=1, max_length=MAX_CATALOG
    )
    source: str = "built-in"

    @model_validator(mode="after")
    def _unique_ids(self) -> Catalog:
        seen: set[str] = set()
        for ex in self.exercises:
            if ex.id in seen:
                raise ValueError(f"exercise id {ex.id!r} appears twice")
            seen.add(ex.id)
        for ex in self.exercises:
            for key in ("regression_of", "progression_of"):
                ref = getattr(ex, key)
                if ref and ref not in seen:
                    raise ValueError(f"exercise {ex.id!r}: {key} names unknown exercise {ref!r}")
        return self

    def by_id(self) -> dict[str, Exercise]:
        return {ex.id: ex for ex in self.exercises}

    def get(self, exercise_id: str) -> Exercise | None:
        return self.by_id().get(exercise_id)

    def __len__(self) -> int:
        return len(self.exercises)

    def filter(
        self,
        equipment: set[str] | None = None,
        muscle: str | None = None,
        pattern: str | None = None,
        kind: str | None = None,
    ) -> list[Exercise]:
        """Exercises doable with `equipment` (None = any) that match muscle, pattern and kind."""
        out = []
        for ex in self.exercises:
            if equipment is not None and not set(ex.equipment) <= equipment:
                continue
            if muscle and muscle not in ex.primary:
                continue
            if pattern and ex.pattern != pattern:
                continue
            if kind and ex.kind != kind:
                continue
            out.append(ex)
        return out


def parse_catalog(data: object, file: str) -> Catalog:
    try:
        catalog = Catalog.model_validate(data)
    except ValidationError as err:
        raise InputError(format_validation_error(err, data), file=file) from None
    return catalog.model_copy(update={"source": file})


@lru_cache(maxsize=1)
def builtin_catalog() -> Catalog:
    """The catalog shipped inside the package (models/data/catalog.toml)."""
    text = resources.files("models").joinpath("data/catalog.toml").read_text(encoding="utf-8")
    return parse_catalog(tomllib.loads(text), "built-in catalog").model_copy(
        update={"source": "built-in"}
    )


def load_catalog(path: str | Path) -> Catalog:
    """Load a user catalog (TOML or JSON, top-level array `exercise`)."""
    data = read_data_file(path)
    return parse_catalog(data, str(path))
