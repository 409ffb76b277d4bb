"""`periodize validate`: the shipped scenarios are valid; bad input is exit 2 with a clear message.

Every bad input is written to a file and run through the real command line (CliRunner on
`optimizer.cli.app`). Each must exit with code 2, print `error: <file>: <field path>: ...` on
stderr naming what is allowed, and never show a traceback.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from models.catalog import builtin_catalog
from models.profiles import RULES
from models.scenario import parse_scenario
from optimizer.cli import app

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.toml")) + sorted(
    (ROOT / "scenarios").glob("*.json")
)
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


# ------------------------------------------------------------------ the shipped scenarios
def test_there_are_scenarios_to_copy():
    names = {p.name for p in SCENARIOS}
    for expected in (
        "gym-4day-hypertrophy.toml", "home-dumbbells-3day.toml", "bodyweight-only.toml",
        "strength-two-locations.toml", "fat-loss-mix.toml", "year-52-weeks.toml",
        "strength-gym-4day.toml",
    ):
        assert expected in names


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_shipped_scenario_validates(path: Path):
    # infeasible-*.toml are valid input without a plan: they must validate too
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert "is a valid scenario" in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "path", [p for p in SCENARIOS if not p.name.startswith("infeasible-")], ids=lambda p: p.name
)
def test_shipped_scenario_is_realistic(path: Path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert path.read_text(encoding="utf-8").startswith("#"), "header comment: who it is for"
    assert data["start"].weekday() == 0 and data["start"].year == 2027
    days = list(data["availability"].values())
    for day in days:
        minutes = day if isinstance(day, int) else day["minutes"]
        assert minutes >= 40, f"{path.name}: every regular day should fit a real session"


def test_summary_names_what_the_scenario_means():
    result = run("validate", str(ROOT / "scenarios" / "strength-two-locations.toml"))
    assert result.exit_code == 0, result.output
    out = result.stdout
    for text in ("strength", "intermediate", "2027-01-04", "12 weeks", "Break weeks", "11",
                 "Deload weeks", "4;", "travel week(s) 7", "re-entry week(s) 12", "hotel",
                 "gym", "home", "rest_floor"):
        assert text in out, text


def test_summary_warns_about_short_sleep_and_stale_exceptions(tmp_path: Path):
    data = _base()
    data["sleep_hours"] = 6
    data["exceptions"] = [{"from": dt.date(2026, 6, 1), "to": dt.date(2026, 6, 7),
                           "availability": {}}]
    path = _write(tmp_path / "s.toml", data)
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert "20%" in result.stdout
    assert "exceptions[0]" in result.stdout and "outside the plan" in result.stdout


def test_readme_example_validates(tmp_path: Path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "readme.toml"
    path.write_text(example, encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output


def test_readme_lists_every_rule_parameter():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule_id, params in RULES.items():
        assert f"`{rule_id}`" in readme, rule_id
        for key, spec in params.items():
            row = f"| `{rule_id}` | `{key}` | {spec.default:g} | {spec.lo:g}..{spec.hi:g} |"
            assert row in readme, row


def test_json_scenario_validates(tmp_path: Path):
    data = tomllib.loads((ROOT / "scenarios" / "gym-4day-hypertrophy.toml").read_text())
    path = tmp_path / "me.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output


# ------------------------------------------------------------------ bad inputs
def _base() -> dict:
    """A small valid scenario: gym + home, three days."""
    return {
        "name": "test",
        "start": dt.date(2027, 1, 4),
        "weeks": 8,
        "goal": "general",
        "level": "intermediate",
        "body_mass_kg": 75,
        "timezone": "Europe/Berlin",
        "locations": {
            "gym": {"equipment": ["barbell", "rack", "bench", "dumbbells", "machine"]},
            "home": {"equipment": ["dumbbells", "bands"]},
        },
        "availability": {
            "mon": {"minutes": 60, "location": "gym", "start": "18:30"},
            "wed": {"minutes": 45, "location": "home"},
            "fri": {"minutes": 60, "location": "gym"},
        },
    }


def _value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float | dt.date):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


def _key(k: str) -> str:
    return k if k.replace("_", "").replace("-", "").isalnum() else json.dumps(k)


def to_toml(data: dict) -> str:
    """Enough TOML writing for scenarios: scalars, then [tables] and [[arrays of tables]]."""
    lines, tables = [], []
    for k, v in data.items():
        if isinstance(v, dict):
            tables.append((k, v))
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            tables.extend((f"[{k}]", x) for x in v)
        else:
            lines.append(f"{_key(k)} = {_value(v)}")
    for name, table in tables:
        if name.startswith("["):
            lines.append(f"\n[{name}]")
            lines.extend(f"{_key(k)} = {_value(v)}" for k, v in table.items())
            continue
        nested = name != "availability"  # weekdays stay inline tables
        subtables = {k: v for k, v in table.items() if nested and isinstance(v, dict)}
        lines.append(f"\n[{_key(name)}]")
        for k, v in table.items():
            if k not in subtables:
                lines.append(f"{_key(k)} = {_value(v)}")
        for k, v in subtables.items():
            lines.append(f"\n[{_key(name)}.{_key(k)}]")
            lines.extend(f"{_key(kk)} = {_value(vv)}" for kk, vv in v.items())
    return "\n".join(lines) + "\n"


def _write(path: Path, data: dict) -> Path:
    if path.suffix == ".json":
        path.write_text(json.dumps(data, default=str), encoding="utf-8")
    else:
        path.write_text(to_toml(data), encoding="utf-8")
    return path


def test_toml_writer_round_trips():
    assert tomllib.loads(to_toml(_base())) == _base()


BODYWEIGHT_SQUATS = [
    ex.id for ex in builtin_catalog().exercises
    if ex.pattern == "squat" and ex.kind == "strength" and not ex.equipment
]


def _set(**changes: object) -> Callable[[dict], None]:
    def patch(d: dict) -> None:
        d.update(changes)
    return patch


def _day(**day: object) -> Callable[[dict], None]:
    def patch(d: dict) -> None:
        d["availability"]["mon"] = {"minutes": 60, "location": "gym", **day}
    return patch


def _only_home_bodyweight(d: dict) -> None:
    d["level"] = "advanced"
    d["locations"] = {"home": {"equipment": []}}
    d["availability"] = {"mon": 45, "wed": 45, "fri": 45}
    d["preferences"] = {"avoid": BODYWEIGHT_SQUATS}


def _drop_equipment(d: dict) -> None:
    d["locations"]["home"] = {}


def _two_locations_plain_day(d: dict) -> None:
    d["availability"]["tue"] = 45


def _no_day(d: dict) -> None:
    for day in d["availability"].values():
        day["minutes"] = 0


def _exception(**exc: object) -> Callable[[dict], None]:
    def patch(d: dict) -> None:
        d["exceptions"] = [{"from": dt.date(2027, 2, 1), "to": dt.date(2027, 2, 7),
                            "availability": {}, **exc}]
    return patch


def _goal_weights(weights: dict, keep_goal: bool) -> Callable[[dict], None]:
    def patch(d: dict) -> None:
        if not keep_goal:
            d.pop("goal")
        d["goal_weights"] = weights
    return patch


def _lift(ex_id: str = "barbell-back-squat", **lift: object) -> Callable[[dict], None]:
    def patch(d: dict) -> None:
        d["lifts"] = {ex_id: lift}
    return patch


def _increment(value: object) -> Callable[[dict], None]:
    def patch(d: dict) -> None:
        d["locations"]["gym"]["increment_kg"] = value
    return patch


def _unknown_weekday(d: dict) -> None:
    d["availability"]["monday"] = d["availability"].pop("mon")


# (id, change to the valid base scenario, texts the error must contain)
BAD_INPUTS: list[tuple[str, Callable[[dict], None], list[str]]] = [
    ("unknown-top-level-key", _set(colour="red"),
     ["colour: unknown key", "allowed here:", "availability"]),
    ("unknown-key-in-location",
     lambda d: d["locations"]["gym"].update(shelf=["chalk"]),
     ["locations.gym.shelf: unknown key", "allowed here: equipment"]),
    ("unknown-equipment",
     lambda d: d["locations"]["home"]["equipment"].append("laser"),
     ["locations.home.equipment[2]", "'pullup_bar'", "(got 'laser')"]),
    ("location-without-equipment", _drop_equipment,
     ["locations.home.equipment", "missing", "bodyweight", "dumbbells"]),
    ("negative-minutes", _day(minutes=-10),
     ["availability.mon.minutes", "greater than or equal to 0", "(got -10)"]),
    ("minutes-301", _day(minutes=301),
     ["availability.mon.minutes", "less than or equal to 300", "(got 301)"]),
    ("weeks-0", _set(weeks=0), ["weeks:", "greater than or equal to 1"]),
    ("weeks-105", _set(weeks=105), ["weeks:", "less than or equal to 104"]),
    ("date-does-not-parse", _set(start="2027-02-30"),
     ["start:", "YYYY-MM-DD", "2027-02-30"]),
    ("date-words", _set(start="next monday"), ["start:", "YYYY-MM-DD"]),
    ("unknown-weekday", _unknown_weekday,
     ["availability.monday", "'mon'", "'sun'"]),
    ("day-unknown-location", _day(location="office"),
     ["availability.mon.location", "'office'", "defined: gym, home"]),
    ("plain-number-day-two-locations", _two_locations_plain_day,
     ["availability.tue.location", "2 locations (gym, home)"]),
    ("exception-to-before-from",
     _exception(**{"from": dt.date(2027, 2, 7), "to": dt.date(2027, 2, 1)}),
     ["exceptions[0]", "'to' (2027-02-01) is before 'from' (2027-02-07)"]),
    ("exception-unknown-location", _exception(location="hotel", availability={"tue": 30}),
     ["exceptions[0].location", "'hotel'", "defined: gym, home"]),
    ("avoid-unknown-id", _set(preferences={"avoid": ["barbell-back-sqat"]}),
     ["preferences.avoid", "'barbell-back-sqat'", "periodize catalog"]),
    ("favor-unknown-id", _set(preferences={"favor": ["moon-press"]}),
     ["preferences.favor", "'moon-press'", "periodize catalog"]),
    ("avoid-pattern-squat", _set(preferences={"avoid_patterns": ["squat"]}),
     ["preferences.avoid_patterns", "'legs'", "rules.legs.enabled = false"]),
    ("avoid-unknown-pattern", _set(preferences={"avoid_patterns": ["overhead"]}),
     ["preferences.avoid_patterns[0]", "'vertical_push'"]),
    ("avoid-every-bodyweight-squat", _only_home_bodyweight,
     ["preferences.avoid", "no squat exercise is left", "remove one from avoid"]),
    ("unknown-rule", _set(rules={"chicken_legs": {"enabled": False}}),
     ["rules", "'chicken_legs'", "legs, recovery"]),
    ("unknown-rule-parameter", _set(rules={"rest_days": {"min_days": 3}}),
     ["rules.rest_days", "'min_days'", "allowed: enabled, min_per_week"]),
    ("rule-param-out-of-range", _set(rules={"variation": {"block_weeks": 9}}),
     ["rules.variation.block_weeks", "outside 2..6"]),
    ("rule-enabled-not-bool", _set(rules={"legs": {"enabled": "no"}}),
     ["rules.legs.enabled", "true or false"]),
    ("goal-and-goal-weights", _goal_weights({"strength": 1.0}, keep_goal=True),
     ["'goal' or 'goal_weights'", "not both"]),
    ("goal-weights-all-zero", _goal_weights({"strength": 0, "fat_loss": 0}, keep_goal=False),
     ["goal_weights", "positive weight"]),
    ("goal-weights-unknown-goal", _goal_weights({"bulk": 1}, keep_goal=False),
     ["goal_weights.bulk", "'hypertrophy'"]),
    ("unknown-goal", _set(goal="bulk"), ["goal:", "'hypertrophy'", "'general'", "'bulk'"]),
    ("unknown-level", _set(level="expert"), ["level:", "'novice'", "'advanced'"]),
    ("no-available-day", _no_day, ["availability", "no day with minutes > 0"]),
    ("bad-timezone", _set(timezone="Mars/Olympus"),
     ["timezone:", "IANA", "Europe/Berlin", "Mars/Olympus"]),
    ("bad-start-time", _day(start="25:00"),
     ["availability.mon.start", "HH:MM", "(got '25:00')"]),
    ("weeks-not-a-number", _set(weeks="twelve"), ["weeks:", "integer", "1..104"]),
    ("body-mass-missing", lambda d: d.pop("body_mass_kg"),
     ["body_mass_kg:", "missing", "30..300"]),
    ("equipment-not-a-list", lambda d: d["locations"]["home"].update(equipment="dumbbells"),
     ["locations.home.equipment", "list", "barbell"]),
    # energy and loads (SPEC §7.3–7.4)
    ("unknown-sex", _set(sex="m"), ["sex:", "'female'", "'male'", "(got 'm')"]),
    ("age-13", _set(age=13), ["age:", "greater than or equal to 14", "(got 13)"]),
    ("age-fraction", _set(age=30.5), ["age:", "whole years, 14..100"]),
    ("height-300", _set(height_cm=300), ["height_cm:", "less than or equal to 250"]),
    ("unknown-modality", _set(endurance_modality="ski"),
     ["endurance_modality:", "'run'", "'swim'", "(got 'ski')"]),
    ("lift-unknown-id", _lift("barbell-back-sqat", kg=100, reps=5),
     ["lifts: unknown exercise id 'barbell-back-sqat'", "periodize catalog"]),
    ("lift-not-loadable", _lift("push-up", kg=20, reps=5),
     ["lifts.push-up:", "not a loadable strength exercise", "barbell"]),
    ("lift-reps-11", _lift(kg=100, reps=11),
     ["lifts.barbell-back-squat.reps", "less than or equal to 10", "(got 11)"]),
    ("lift-reps-0", _lift(kg=100, reps=0),
     ["lifts.barbell-back-squat.reps", "greater than or equal to 1"]),
    ("lift-kg-0", _lift(kg=0, reps=5), ["lifts.barbell-back-squat.kg", "greater than 0"]),
    ("lift-kg-negative", _lift(one_rm_kg=-20),
     ["lifts.barbell-back-squat.one_rm_kg", "greater than 0", "(got -20)"]),
    ("lift-kg-absurd", _lift(kg=700, reps=3),
     ["lifts.barbell-back-squat.kg", "less than or equal to 500"]),
    ("lift-kg-string", _lift(kg="100", reps=5),
     ["lifts.barbell-back-squat.kg", "valid number", "at most 500"]),
    ("lift-both-forms", _lift(kg=100, reps=5, one_rm_kg=120),
     ["lifts.barbell-back-squat: both a top set and one_rm_kg", "{ one_rm_kg = 120 }"]),
    ("lift-neither-form", _lift(), ["lifts.barbell-back-squat: no load", "{ kg = 100, reps = 5 }"]),
    ("lift-without-reps", _lift(kg=100),
     ["lifts.barbell-back-squat: a top set needs kg and reps (missing reps)"]),
    ("lift-unknown-key", _lift(kg=100, reps=5, rpe=8),
     ["lifts.barbell-back-squat.rpe: unknown key", "allowed here: kg, reps, one_rm_kg"]),
    ("lift-not-a-table", _set(lifts={"barbell-back-squat": 100}),
     ["lifts.barbell-back-squat: must be a table", "{ kg = 100, reps = 5 }"]),
    ("increment-0", _increment(0),
     ["locations.gym.increment_kg", "above 0 and at most 50 kg"]),
    ("increment-60", _increment(60), ["locations.gym.increment_kg", "60 kg", "at most 50"]),
    ("increment-text", _increment("2.5 kg"),
     ["locations.gym.increment_kg", "a number of kg", "{ barbell = 2.5, dumbbells = 2.0 }"]),
    ("increment-unknown-equipment", _increment({"barbell": 2.5, "bands": 1}),
     ["locations.gym.increment_kg", "unknown equipment 'bands'",
      "allowed: barbell, dumbbells, kettlebell, machine, cable"]),
    ("increment-table-negative", _increment({"dumbbells": -2}),
     ["locations.gym.increment_kg", "dumbbells: -2 kg", "above 0"]),
]


@pytest.mark.parametrize("suffix", [".toml", ".json"])
@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in BAD_INPUTS],
                         ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_is_exit_2_with_field_and_allowed(
    tmp_path: Path, change: Callable[[dict], None], expected: list[str], suffix: str
):
    data = copy.deepcopy(_base())
    change(data)
    path = _write(tmp_path / f"scenario{suffix}", data)
    result = run("validate", str(path))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    err = result.stderr
    assert err.startswith(f"error: {path}: "), err
    for text in expected:
        assert text in err, f"{text!r} not in {err!r}"


def test_there_are_at_least_twenty_bad_inputs():
    assert len(BAD_INPUTS) >= 20
    assert len(BODYWEIGHT_SQUATS) >= 3


# ------------------------------------------------------------------ bad files
def _expect_file_error(path: Path, *texts: str) -> None:
    result = run("validate", str(path))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stderr.startswith(f"error: {path}: "), result.stderr
    for text in texts:
        assert text in result.stderr, f"{text!r} not in {result.stderr!r}"


def test_toml_syntax_error(tmp_path: Path):
    path = tmp_path / "broken.toml"
    path.write_text('name = "x"\nweeks = = 12\n', encoding="utf-8")
    _expect_file_error(path, "TOML syntax error", "line 2")


def test_json_syntax_error(tmp_path: Path):
    path = tmp_path / "broken.json"
    path.write_text('{"name": "x", "weeks": 12,,}', encoding="utf-8")
    _expect_file_error(path, "JSON syntax error at line 1")


def test_json_top_level_not_an_object(tmp_path: Path):
    path = tmp_path / "list.json"
    path.write_text("[1, 2]", encoding="utf-8")
    _expect_file_error(path, "expected an object at the top level")


def test_non_utf8_file(tmp_path: Path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "Jörg"\n'.encode("latin-1"))
    _expect_file_error(path, "not UTF-8")


def test_missing_file(tmp_path: Path):
    _expect_file_error(tmp_path / "nope.toml", "file not found")


def test_wrong_file_extension(tmp_path: Path):
    path = tmp_path / "me.yaml"
    path.write_text("name: x\n", encoding="utf-8")
    _expect_file_error(path, "'.yaml'", "use .toml or .json")


def test_folder_instead_of_file(tmp_path: Path):
    _expect_file_error(tmp_path, "is a folder")


# ------------------------------------------------------------------ energy and loads
def _with_energy_and_loads() -> dict:
    data = _base()
    data.update(sex="female", age=34, height_cm=168, endurance_modality="bike", lifts={
        "barbell-back-squat": {"kg": 100, "reps": 5},
        "barbell-bench-press": {"one_rm_kg": 70},
        "dumbbell-bench-press": {"kg": 22, "reps": 8},
    })
    data["locations"]["gym"]["increment_kg"] = {"barbell": 1.25, "dumbbells": 2}
    data["locations"]["home"]["increment_kg"] = 1
    return data


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_energy_and_load_fields_validate(tmp_path: Path, suffix: str):
    path = _write(tmp_path / f"scenario{suffix}", _with_energy_and_loads())
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output


def test_energy_and_load_fields_round_trip():
    scenario = parse_scenario(_with_energy_and_loads())
    data = scenario.to_json_dict()
    assert data["lifts"] == {
        "barbell-back-squat": {"kg": 100.0, "reps": 5},
        "barbell-bench-press": {"one_rm_kg": 70.0},
        "dumbbell-bench-press": {"kg": 22.0, "reps": 8},
    }
    assert data["locations"]["gym"]["increment_kg"] == {"barbell": 1.25, "dumbbells": 2.0}
    assert data["locations"]["home"]["increment_kg"] == 1.0
    assert (data["sex"], data["age"], data["height_cm"]) == ("female", 34, 168.0)
    assert parse_scenario(data) == scenario
    assert scenario.main_modality == "bike"


def test_old_scenarios_serialize_as_before():
    """No new key appears in a scenario that does not use them, so the scenarios embedded in
    older plan files still compare equal."""
    data = parse_scenario(_base()).to_json_dict()
    for key in ("sex", "age", "height_cm", "endurance_modality", "lifts"):
        assert key not in data
    assert all("increment_kg" not in loc for loc in data["locations"].values())
    assert parse_scenario(_base()).main_modality == "run"


def test_lifts_are_checked_against_the_scenario_catalog(tmp_path: Path):
    catalog = tmp_path / "mine.toml"
    catalog.write_text(
        (ROOT / "models" / "data" / "catalog.toml").read_text(encoding="utf-8")
        .replace('"barbell-back-squat"', '"my-squat"'), encoding="utf-8")
    data = _with_energy_and_loads()
    data["catalog"] = str(catalog)
    result = run("validate", str(_write(tmp_path / "s.toml", data)))
    assert result.exit_code == 2, result.output
    assert "lifts: unknown exercise id 'barbell-back-squat'" in result.stderr
    data["lifts"] = {"my-squat": {"kg": 100, "reps": 5}}
    result = run("validate", str(_write(tmp_path / "s.toml", data)))
    assert result.exit_code == 0, result.output


def test_schema_has_the_energy_and_load_fields():
    result = run("schema")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    for key in ("sex", "age", "height_cm", "endurance_modality", "lifts"):
        assert key in schema["properties"], key
    assert "increment_kg" in schema["$defs"]["Location"]["properties"]
    assert set(schema["$defs"]["Lift"]["properties"]) == {"kg", "reps", "one_rm_kg"}


def test_readme_energy_and_load_comments_validate(tmp_path: Path):
    """The README's commented energy/lift lines are valid when uncommented."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    example = example.replace("# [lifts]", "[lifts]").replace(
        "# barbell-bench-press = ", "barbell-bench-press = ").replace(
        "# conventional-deadlift = ", "conventional-deadlift = ")
    assert "[lifts]\nbarbell-bench-press = { kg = 80, reps = 5 }" in example
    path = tmp_path / "readme.toml"
    path.write_text(example, encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
