"""The scenario: a person's week, goal and limits (SPEC §4), validated up front."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .catalog import Catalog, builtin_catalog, load_catalog
from .errors import InputError
from .loading import format_validation_error, read_data_file
from .profiles import RULES
from .vocab import (
    EQUIPMENT,
    EXPLOSIVE_PATTERNS,
    LEVEL_RANK,
    LOAD_EQUIPMENT,
    WEEKDAYS,
    Equipment,
    Goal,
    Level,
    Pattern,
    Weekday,
)

MAX_WEEKS = 104
MAX_MINUTES = 300
MAX_EXCEPTIONS = 1000  # one a day for the longest plan fits; more is junk
MAX_TEXT = 200  # characters of a name or note
# plans start within these dates (the calendar and its exports need real dates after the end)
FIRST_START, LAST_START = date(1900, 1, 1), date(2199, 12, 31)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Loads (SPEC §7.2): a top set of 1..10 reps estimates a 1RM (Epley is unreliable beyond ~10);
# no lift or plate step is above these.
MAX_LIFT_KG = 500
MAX_LIFT_REPS = 10
MAX_INCREMENT_KG = 50
# The smallest load step per loaded equipment, kg; dumbbells per hand (SPEC §7.2).
LoadEquipment = Literal["barbell", "dumbbells", "kettlebell", "machine", "cable"]
DEFAULT_INCREMENT_KG: dict[str, float] = {
    "barbell": 2.5, "dumbbells": 2.0, "kettlebell": 4.0, "machine": 5.0, "cable": 2.5,
}
Sex = Literal["female", "male"]
EnduranceModality = Literal["run", "bike", "row", "swim", "rope"]


def _plain_text(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must not contain control characters (newlines, tabs, escapes)")
    return value


_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_DAY_HINT = (
    f"minutes 0..{MAX_MINUTES}, or a table like {{ minutes = 60, location = \"gym\", "
    f"start = \"18:30\" }}"
)
# What a field accepts, added to "missing" and wrong-type errors (models/loading.py).
_HINTS = {
    "start": "the first day of the plan, a date like 2027-01-04",
    "weeks": f"a whole number of weeks, 1..{MAX_WEEKS}",
    "body_mass_kg": "body mass in kg, 30..300",
    "locations": "at least one [locations.NAME] table with an equipment list",
    "equipment": f"a list ([] = bodyweight only) of: {', '.join(EQUIPMENT)}",
    "availability": "a table of weekdays (mon..sun) with " + _DAY_HINT,
    "minutes": f"a whole number of minutes, 0..{MAX_MINUTES}",
    "from": "a date like 2027-02-08",
    "to": "a date like 2027-02-14",
    "age": "age in whole years, 14..100",
    "height_cm": "height in cm, 100..250",
    "kg": f"the top set's load in kg, above 0 and at most {MAX_LIFT_KG}",
    "reps": f"the top set's reps, a whole number 1..{MAX_LIFT_REPS}",
    "one_rm_kg": f"a known 1RM in kg, above 0 and at most {MAX_LIFT_KG}",
    "lifts": "a table of exercise ids, each { kg = 100, reps = 5 } or { one_rm_kg = 120 }",
    **{wd: _DAY_HINT for wd in WEEKDAYS},
}


def _number_to_day(value: Any) -> Any:
    # `mon = 45` is shorthand for `mon = { minutes = 45 }` (single-location scenarios).
    if isinstance(value, bool):
        return value  # let validation reject it
    if isinstance(value, int | float):
        return {"minutes": value}
    return value


class DayAvailability(BaseModel):
    """Minutes free on one weekday, where, and from what time (for calendar export)."""

    model_config = ConfigDict(extra="forbid")

    minutes: int = Field(ge=0, le=MAX_MINUTES, strict=True)
    location: str | None = None
    start: str | None = None

    @field_validator("start")
    @classmethod
    def _start(cls, value: str | None) -> str | None:
        if value is not None and not _HHMM.match(value):
            raise ValueError("must be a time HH:MM, e.g. '18:30'")
        return value


Day = Annotated[DayAvailability, BeforeValidator(_number_to_day)]


Increment = Annotated[float, Field(gt=0, le=MAX_INCREMENT_KG, strict=True)]
LiftKg = Annotated[float, Field(gt=0, le=MAX_LIFT_KG, strict=True)]


def _increment_kg(value: Any) -> Any:
    """One number for every loaded piece of equipment, or a table by equipment (checked here
    so that the error names the entry instead of both branches of the union)."""
    if value is None:
        return value
    allowed = ", ".join(DEFAULT_INCREMENT_KG)
    entries = value.items() if isinstance(value, dict) else [(None, value)]
    for name, step in entries:
        where = "" if name is None else f"{name}: "
        if name is not None and name not in DEFAULT_INCREMENT_KG:
            raise ValueError(
                f"unknown equipment {name!r} in the increment table; allowed: {allowed}"
            )
        if isinstance(step, bool) or not isinstance(step, int | float):
            raise ValueError(
                f"{where}must be a number of kg (e.g. 2.5) or a table by equipment "
                f"({allowed}), e.g. {{ barbell = 2.5, dumbbells = 2.0 }}"
            )
        if not 0 < step <= MAX_INCREMENT_KG:
            raise ValueError(f"{where}{step:g} kg: an increment is above 0 and at most "
                             f"{MAX_INCREMENT_KG} kg")
    return value


class Location(BaseModel):
    """A place to train, the equipment it has (an empty list means bodyweight only) and its
    smallest load steps (`increment_kg`: one number for all loaded equipment or a table by
    equipment; defaults in DEFAULT_INCREMENT_KG)."""

    model_config = ConfigDict(extra="forbid")

    equipment: list[Equipment]
    increment_kg: Annotated[
        Increment | dict[LoadEquipment, Increment] | None, BeforeValidator(_increment_kg)
    ] = None


_LIFT_FORMS = "{ kg = 100, reps = 5 } (a recent top set) or { one_rm_kg = 120 } (a known 1RM)"


class Lift(BaseModel):
    """A lift's load data: a recent top set `{ kg, reps }` or a known 1RM `{ one_rm_kg }`.
    Dumbbell loads are per hand."""

    model_config = ConfigDict(extra="forbid")

    kg: LiftKg | None = None
    reps: int | None = Field(default=None, ge=1, le=MAX_LIFT_REPS, strict=True)
    one_rm_kg: LiftKg | None = None

    @model_validator(mode="before")
    @classmethod
    def _table(cls, data: Any) -> Any:
        if not isinstance(data, dict | Lift):
            raise ValueError(f"must be a table: {_LIFT_FORMS}")
        return data

    @model_validator(mode="after")
    def _one_form(self) -> Lift:
        forms = f"give either {_LIFT_FORMS}"
        top_set = self.kg is not None or self.reps is not None
        if top_set and self.one_rm_kg is not None:
            raise ValueError(f"both a top set and one_rm_kg: {forms}")
        if not top_set and self.one_rm_kg is None:
            raise ValueError(f"no load: {forms}")
        if top_set and (self.kg is None or self.reps is None):
            missing = "reps" if self.reps is None else "kg"
            raise ValueError(f"a top set needs kg and reps (missing {missing}): {forms}")
        return self


class ExceptionPeriod(BaseModel):
    """Dated change of availability (travel, holiday, a busy week). `{}` means a break."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: date = Field(alias="from")
    to: date
    availability: dict[Weekday, Day]
    location: str | None = None
    note: str = Field(default="", max_length=MAX_TEXT)

    _note = field_validator("note")(_plain_text)

    @model_validator(mode="after")
    def _order(self) -> ExceptionPeriod:
        if self.to < self.from_:
            raise ValueError(f"'to' ({self.to}) is before 'from' ({self.from_})")
        return self

    @property
    def is_break(self) -> bool:
        return all(d.minutes == 0 for d in self.availability.values())


class Preferences(BaseModel):
    model_config = ConfigDict(extra="forbid")

    avoid: list[str] = []
    avoid_patterns: list[Pattern] = []
    favor: list[str] = []


class Scenario(BaseModel):
    """A validated scenario. Validate with `load_scenario` or `Scenario.from_data`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str = Field(default="My plan", max_length=MAX_TEXT)
    start: date
    weeks: int = Field(ge=1, le=MAX_WEEKS, strict=True)
    goal: Goal | None = None
    goal_weights: dict[Goal, float] | None = None
    level: Level = "intermediate"
    body_mass_kg: float = Field(ge=30, le=300)
    sleep_hours: float = Field(default=8.0, ge=0, le=24)
    timezone: str = "UTC"
    catalog: str | None = None
    locations: dict[str, Location] = Field(min_length=1)
    availability: dict[Weekday, Day]
    exceptions: list[ExceptionPeriod] = Field(default=[], max_length=MAX_EXCEPTIONS)
    preferences: Preferences = Preferences()
    rules: dict[str, dict[str, Any]] = {}
    # Energy and loads (SPEC §7.3, §7.4), all optional; absent fields stay out of the JSON.
    sex: Sex | None = None
    age: int | None = Field(default=None, ge=14, le=100, strict=True)
    height_cm: float | None = Field(default=None, ge=100, le=250, strict=True)
    endurance_modality: EnduranceModality | None = Field(
        default=None, description="the endurance goal's main cardio modality; default run")
    lifts: dict[str, Lift] | None = None

    # --- field checks -------------------------------------------------------------------
    _name = field_validator("name")(_plain_text)

    @field_validator("start")
    @classmethod
    def _start_range(cls, value: date) -> date:
        if not FIRST_START <= value <= LAST_START:
            raise ValueError(f"must be between {FIRST_START} and {LAST_START}")
        return value

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("unknown time zone; use an IANA name like 'Europe/Berlin'") from None
        return value

    @field_validator("goal_weights")
    @classmethod
    def _weights(cls, value: dict[str, float] | None) -> dict[str, float] | None:
        if value is None:
            return value
        if not value:
            raise ValueError("needs at least one goal with a positive weight")
        for goal, weight in value.items():
            if not (0 <= weight <= 1000) or weight != weight:
                raise ValueError(f"weight of {goal} must be between 0 and 1000")
        if sum(value.values()) <= 0:
            raise ValueError("weights are all zero: give at least one goal a positive weight")
        return value

    @field_validator("rules")
    @classmethod
    def _rules(cls, value: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        for rule_id, params in value.items():
            if rule_id not in RULES:
                raise ValueError(f"unknown rule {rule_id!r}; rules are: {', '.join(RULES)}")
            if not isinstance(params, dict):
                raise ValueError(f"rules.{rule_id} must be a table of parameters")
            for key, val in params.items():
                if key == "enabled":
                    if not isinstance(val, bool):
                        raise ValueError(f"rules.{rule_id}.enabled must be true or false")
                    continue
                spec = RULES[rule_id].get(key)
                if spec is None:
                    allowed = ", ".join(["enabled", *RULES[rule_id]])
                    raise ValueError(
                        f"rules.{rule_id} has no parameter {key!r}; allowed: {allowed}"
                    )
                if isinstance(val, bool) or not isinstance(val, int | float):
                    raise ValueError(f"rules.{rule_id}.{key} must be a number")
                if isinstance(spec.default, int) and not float(val).is_integer():
                    raise ValueError(f"rules.{rule_id}.{key} must be a whole number")
                if not spec.lo <= val <= spec.hi:
                    raise ValueError(
                        f"rules.{rule_id}.{key} = {val} is outside {spec.lo:g}..{spec.hi:g}"
                    )
        return value

    # --- cross-references ------------------------------------------------------------------
    @model_validator(mode="after")
    def _cross(self, info: ValidationInfo) -> Scenario:
        if (self.goal is None) == (self.goal_weights is None):
            if self.goal is None:
                self.goal = "general"
            else:
                raise ValueError("give either 'goal' or 'goal_weights', not both")
        names = sorted(self.locations)

        def resolve(day: DayAvailability, where: str, default: str | None) -> None:
            if day.location is None:
                day.location = default if default is not None else (
                    names[0] if len(names) == 1 else None
                )
                if day.location is None and day.minutes > 0:
                    raise ValueError(
                        f"{where}.location: needed because there are {len(names)} locations "
                        f"({', '.join(names)})"
                    )
            elif day.location not in self.locations:
                raise ValueError(
                    f"{where}.location: unknown location {day.location!r}; "
                    f"defined: {', '.join(names)}"
                )

        for wd, day in self.availability.items():
            resolve(day, f"availability.{wd}", None)
        if not any(d.minutes > 0 for d in self.availability.values()):
            raise ValueError("availability: no day with minutes > 0; the plan needs at least one")
        for i, exc in enumerate(self.exceptions):
            if exc.location is not None and exc.location not in self.locations:
                raise ValueError(
                    f"exceptions[{i}].location: unknown location {exc.location!r}; "
                    f"defined: {', '.join(names)}"
                )
            for wd, day in exc.availability.items():
                resolve(day, f"exceptions[{i}].availability.{wd}", exc.location)
        spans = sorted((e.from_, e.to, i) for i, e in enumerate(self.exceptions))
        for (_, end_a, ia), (start_b, _, ib) in zip(spans, spans[1:], strict=False):
            if start_b <= end_a:
                raise ValueError(f"exceptions[{ib}] overlaps exceptions[{ia}]; merge them")

        catalog: Catalog | None = (info.context or {}).get("catalog") if info else None
        if catalog is None:
            catalog = builtin_catalog()
        known = catalog.by_id()
        for key in ("avoid", "favor"):
            for ex_id in getattr(self.preferences, key):
                if ex_id not in known:
                    raise ValueError(
                        f"preferences.{key}: unknown exercise id {ex_id!r} "
                        f"(see `periodize catalog` for ids)"
                    )
        both = set(self.preferences.avoid) & set(self.preferences.favor)
        if both:
            raise ValueError(f"preferences: {sorted(both)} is both avoided and favoured")
        for ex_id in self.preferences.favor:
            if known[ex_id].pattern in self.preferences.avoid_patterns:
                raise ValueError(
                    f"preferences.favor: {ex_id!r} has avoided pattern {known[ex_id].pattern!r}"
                )
        self._check_lifts(known)
        self._check_required_patterns(catalog)
        return self

    def _check_lifts(self, known: dict) -> None:
        """`[lifts]` names loadable strength exercises of the scenario's catalog."""
        for ex_id in self.lifts or {}:
            ex = known.get(ex_id)
            if ex is None:
                raise ValueError(
                    f"lifts: unknown exercise id {ex_id!r} (see `periodize catalog` for ids)"
                )
            if ex.kind != "strength" or not ex.loadable:
                raise ValueError(
                    f"lifts.{ex_id}: {ex.name} is not a loadable strength exercise; loads apply "
                    f"to exercises with {', '.join(sorted(LOAD_EQUIPMENT))} (or a catalog "
                    f"`loadable` flag)"
                )

    def _check_required_patterns(self, catalog: Catalog) -> None:
        """An avoid list that removes every squat (or hinge, or calf raise) cannot work."""
        needed = []
        if self.rule_enabled("legs"):
            needed += ["squat", "hinge"]
        if self.rule_enabled("calves"):
            needed.append("calf_raise")
        all_equipment = [set(loc.equipment) for loc in self.locations.values()]
        avoid = set(self.preferences.avoid)
        for pattern in needed:
            if pattern in self.preferences.avoid_patterns:
                rule = "calves" if pattern == "calf_raise" else "legs"
                raise ValueError(
                    f"preferences.avoid_patterns: avoiding {pattern!r} breaks rule {rule!r} "
                    f"(every week needs one); set rules.{rule}.enabled = false to train without it"
                )
            options = [
                ex for ex in catalog.exercises
                if ex.pattern == pattern and ex.kind == "strength" and ex.id not in avoid
                and LEVEL_RANK[ex.level] <= LEVEL_RANK[self.level]
                and any(set(ex.equipment) <= eq for eq in all_equipment)
            ]
            if not options:
                raise ValueError(
                    f"preferences.avoid: no {pattern} exercise is left for your level and "
                    f"equipment; every week needs one (remove one from avoid, or add equipment)"
                )

    # --- derived values (no solver) ---------------------------------------------------
    def rule_enabled(self, rule_id: str) -> bool:
        return bool(self.rules.get(rule_id, {}).get("enabled", True))

    def rule_param(self, rule_id: str, key: str) -> Any:
        spec = RULES[rule_id][key]
        value = self.rules.get(rule_id, {}).get(key, spec.default)
        return int(value) if isinstance(spec.default, int) else float(value)

    def goal_mix(self) -> dict[str, float]:
        """Goal weights normalised to sum 1, in a fixed order."""
        if self.goal_weights:
            total = sum(self.goal_weights.values())
            return {g: w / total for g, w in sorted(self.goal_weights.items()) if w > 0}
        return {self.goal or "general": 1.0}

    @property
    def primary_goal(self) -> str:
        """The goal with the largest weight: it sets the prescription (reps, tempo, rest)."""
        mix = self.goal_mix()
        return max(sorted(mix), key=lambda g: mix[g])

    @property
    def main_modality(self) -> str:
        """The endurance goal's main cardio modality (SPEC §7.1 `endurance`), default run."""
        return self.endurance_modality or "run"

    @property
    def explosive_patterns(self) -> frozenset[str]:
        return EXPLOSIVE_PATTERNS

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


def scenario_catalog(scenario: Scenario, base: Path | None = None) -> Catalog:
    """The catalog a scenario uses: its own `catalog` file or the built-in one."""
    if scenario.catalog:
        path = Path(scenario.catalog)
        if base is not None and not path.is_absolute():
            path = base / path
        return load_catalog(path)
    return builtin_catalog()


def parse_scenario(data: dict, file: str = "<scenario>", base: Path | None = None) -> Scenario:
    """Validate scenario data (already parsed) against the model and its catalog."""
    catalog = builtin_catalog()
    cat_ref = data.get("catalog") if isinstance(data, dict) else None
    if isinstance(cat_ref, str):
        path = Path(cat_ref)
        if base is not None and not path.is_absolute():
            path = base / path
        try:
            catalog = load_catalog(path)
        except InputError as err:
            raise InputError(f"catalog {cat_ref!r}: {err}", file=file, field="catalog") from None
        data = {**data, "catalog": str(path.resolve())}
    try:
        return Scenario.model_validate(data, context={"catalog": catalog})
    except ValidationError as err:
        raise InputError(format_validation_error(err, data, _HINTS, Scenario), file=file) from None


def load_scenario(path: str | Path) -> tuple[Scenario, Catalog]:
    """Read and validate a scenario file; returns it with the catalog it uses."""
    path = Path(path)
    data = read_data_file(path)
    scenario = parse_scenario(data, str(path), base=path.parent)
    return scenario, scenario_catalog(scenario)
