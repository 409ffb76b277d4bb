"""`periodize schema`, `--version`, the plan file round trip and atomic writes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from models.catalog import builtin_catalog
from models.errors import InfeasibleError, InputError
from models.plan import (
    PLAN_FORMAT,
    ObjectiveTerm,
    Plan,
    PlanDay,
    PlannedExercise,
    Session,
    SolverInfo,
    load_plan,
    parse_plan,
    write_atomic,
)
from models.scenario import parse_scenario
from optimizer import __version__
from optimizer.cli import app, handle_errors

runner = CliRunner()


# ------------------------------------------------------------------ CLI basics
def test_schema_is_json_with_the_scenario_fields():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    for key in ("availability", "exceptions", "rules", "locations", "start", "weeks"):
        assert key in schema["properties"], key
    assert "start" in schema["required"]
    exception = schema["$defs"]["ExceptionPeriod"]["properties"]
    assert "from" in exception  # aliases, as written in files


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.stdout


@pytest.mark.parametrize("command", [[], ["validate"], ["schema"], ["catalog"]])
def test_every_command_has_help(command: list[str]):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.stdout


# ------------------------------------------------------------------ plan round trip
SCENARIO = {
    "name": "round trip",
    "start": "2027-01-04",
    "weeks": 1,
    "goal": "hypertrophy",
    "level": "intermediate",
    "body_mass_kg": 80,
    "locations": {"gym": {"equipment": ["dumbbells"]}},
    "availability": {"mon": {"minutes": 60, "location": "gym"}},
}


def minimal_plan() -> Plan:
    scenario = parse_scenario(SCENARIO).to_json_dict()
    squat = builtin_catalog().by_id()["goblet-squat"]
    exercise = PlannedExercise(
        id=squat.id, name=squat.name, kind=squat.kind, pattern=squat.pattern,
        primary_muscles=list(squat.primary), secondary_muscles=list(squat.secondary),
        equipment=list(squat.equipment), sets=3, reps="8-12", seconds_per_set=40,
        tempo="2-0-1-1", rest_seconds=90, scheme="straight", minutes=6.5,
    )
    return Plan(
        scenario=scenario,
        solver=SolverInfo(status="optimal", objective=12.0, best_bound=12.0, seconds=0.1),
        objective_terms=[ObjectiveTerm(rule="volume", penalty=12.0, detail="chest under")],
        days=[PlanDay(date=dt.date(2027, 1, 4), week=1, block=1, type="training",
                      carbs_g_per_kg=6.0, carbs_g=480, protein_g=144)],
        sessions=[Session(date=dt.date(2027, 1, 4), week=1, block=1, weekday="mon",
                          location="gym", focus=["quads", "glutes"], deload=False, minutes=12,
                          exercises=[exercise])],
    )


def test_plan_round_trip():
    plan = minimal_plan()
    text = plan.to_json()
    data = json.loads(text)
    assert data["format"] == PLAN_FORMAT
    again = parse_plan(data)
    assert again == plan
    assert again.to_json() == text


def test_load_plan_from_file(tmp_path: Path):
    path = tmp_path / "plan.json"
    write_atomic(path, minimal_plan().to_json())
    assert load_plan(path) == minimal_plan()


def test_load_plan_wrong_format_string(tmp_path: Path):
    data = json.loads(minimal_plan().to_json())
    data["format"] = "periodize-plan/0"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_plan(path)
    assert "format" in str(err.value) and PLAN_FORMAT in str(err.value)
    assert str(path) in str(err.value)


def test_load_plan_truncated_json(tmp_path: Path):
    text = minimal_plan().to_json()
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_plan(path)
    assert "JSON syntax error" in str(err.value)


def test_load_plan_bad_field_names_the_path(tmp_path: Path):
    data = json.loads(minimal_plan().to_json())
    data["sessions"][0]["exercises"][0]["sets"] = 0
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_plan(path)
    assert "sessions[0].exercises[0].sets" in str(err.value)


def test_load_plan_not_json(tmp_path: Path):
    path = tmp_path / "plan.toml"
    path.write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(InputError):
        load_plan(path)


# ------------------------------------------------------------------ atomic writes
def test_write_atomic_replaces_content_and_leaves_no_temp_files(tmp_path: Path):
    path = tmp_path / "out" / "plan.json"
    write_atomic(path, "first\n")
    assert path.read_text(encoding="utf-8") == "first\n"
    write_atomic(path, "second\n")
    assert path.read_text(encoding="utf-8") == "second\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["plan.json"]


def test_write_atomic_failure_keeps_old_file(tmp_path: Path):
    path = tmp_path / "plan.json"
    write_atomic(path, "old\n")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(path, "bad \udcff surrogate")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


# ------------------------------------------------------------------ error handling
def _app_raising(exc: BaseException) -> typer.Typer:
    demo = typer.Typer()

    @demo.command()
    @handle_errors
    def boom(name: str = "x") -> None:
        """A command that fails."""
        raise exc

    @demo.command()
    def other() -> None:  # a second command keeps `boom` a named subcommand
        """Nothing."""

    return demo


@pytest.mark.parametrize(
    ("exc", "code", "text"),
    [
        (InputError("weeks: must be 1..104", file="me.toml"), 2, "error: me.toml: weeks:"),
        (InfeasibleError("week 6 offers 20 min", ["legs needs ≥ 26 min"]), 1,
         "no plan possible: week 6 offers 20 min"),
        (RuntimeError("oops"), 3, "internal error: RuntimeError: oops"),
    ],
)
def test_handle_errors_maps_exceptions_to_exit_codes(exc, code, text, monkeypatch):
    monkeypatch.delenv("PERIODIZE_DEBUG", raising=False)
    result = runner.invoke(_app_raising(exc), ["boom"])
    assert result.exit_code == code
    assert result.stderr.startswith(text), result.stderr
    assert "Traceback" not in result.output


def test_handle_errors_keeps_the_signature_for_typer():
    result = runner.invoke(_app_raising(InputError("x")), ["boom", "--help"])
    assert result.exit_code == 0
    assert "--name" in result.stdout
