"""Hostile input (issue 8): every file of tests/hostile/ is refused by every command that reads
it (validate, solve, compare, replan, show, explain, check, export, catalog, catalog import)
with exit 2 (check: exit 1 where a plan breaks a rule), one `error: FILE: FIELD: ...` line
naming the problem, no traceback, and no solver call. Regenerate the corpus with
`python tests/hostile/make_corpus.py`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from optimizer.cli import app

HOSTILE = Path(__file__).parent / "hostile"
BASE_PLAN = Path(__file__).parent / "data" / "hostile-base.plan.json"
runner = CliRunner()

# scenario file -> what the first error line must name (the field, or the problem)
SCENARIOS = {
    "scenario-avoid-squat-pattern.toml": "preferences.avoid_patterns",
    "scenario-bad-date.toml": "start",
    "scenario-binary.toml": "not UTF-8",
    "scenario-body-mass-inf.toml": "body_mass_kg",
    "scenario-body-mass-string.toml": "body_mass_kg",
    "scenario-catalog-bad-entries.toml": "exercise[0].primary[0]",
    "scenario-catalog-binary.toml": "catalog",
    "scenario-catalog-missing.toml": "catalog",
    "scenario-deep-nesting.json": "nesting too deep",
    "scenario-empty.json": "JSON syntax error at line 1",
    "scenario-empty.toml": "start",
    "scenario-exception-bad-location.toml": "exceptions[0].location",
    "scenario-exception-reversed.toml": "exceptions[0]",
    "scenario-exceptions-overlap.toml": "exceptions[1]",
    "scenario-favor-and-avoid.toml": "preferences",
    "scenario-goal-and-weights.toml": "goal_weights",
    "scenario-goal-weights-nan.toml": "goal_weights",
    "scenario-goal-weights-negative.toml": "goal_weights",
    "scenario-goal-weights-zero.toml": "goal_weights",
    "scenario-huge-int.json": "digits",
    "scenario-location-without-equipment.toml": "locations.home.equipment",
    "scenario-minutes-1e9.toml": "availability.mon.minutes",
    "scenario-minutes-float.toml": "availability.wed.minutes",
    "scenario-minutes-negative.toml": "availability.wed.minutes",
    "scenario-name-control-chars.toml": "name",
    "scenario-name-too-long.toml": "name",
    "scenario-no-available-day.toml": "availability",
    "scenario-nul-bytes.json": "JSON syntax error",
    "scenario-rule-enabled-string.toml": "rules.legs.enabled",
    "scenario-rule-out-of-range.toml": "rules.rest_days.min_per_week",
    "scenario-rule-unknown.toml": "naps",
    "scenario-start-time.toml": "availability.mon.start",
    "scenario-start-year-9999.toml": "start",
    "scenario-timezone.toml": "timezone",
    "scenario-toml-syntax.toml": "TOML syntax error",
    "scenario-too-many-exceptions.json": "exceptions",
    "scenario-top-level-array.json": "top level",
    "scenario-truncated.json": "JSON syntax error",
    "scenario-unknown-equipment.toml": "locations.home.equipment[1]",
    "scenario-unknown-exercise.toml": "preferences.avoid",
    "scenario-unknown-goal.toml": "goal",
    "scenario-unknown-key.toml": "wekes",
    "scenario-unknown-location.toml": "availability.mon.location",
    "scenario-unknown-nested-key.toml": "locations.home.equipment",
    "scenario-unknown-weekday.toml": "availability.funday",
    "scenario-weeks-100000.toml": "weeks",
    "scenario-weeks-bool.toml": "weeks",
    "scenario-weeks-string.json": "weeks",
    "scenario-wrong-suffix.yaml": "unknown file type",
}
# plan file -> what the error must name; refused by every command (exit 2)
PLANS = {
    "plan-binary.json": "not UTF-8",
    "plan-embedded-scenario-invalid.json": "(embedded scenario): weeks",
    "plan-embedded-scenario-not-a-table.json": "scenario",
    "plan-embedded-scenario-unknown-key.json": "(embedded scenario): colour",
    "plan-empty.json": "JSON syntax error",
    "plan-format-version.json": "format",
    "plan-is-a-scenario.json": "format",
    "plan-missing-sessions.json": "sessions",
    "plan-not-json.toml": "JSON",
    "plan-objective-nan.json": "solver.objective",
    "plan-sets-zero.json": "sessions[0].exercises[0].sets",
    "plan-truncated.json": "JSON syntax error",
    "plan-wrong-types.json": "sessions[0].exercises[0].sets",
}
# plans edited by hand into inconsistency: show, export and replan refuse them (exit 2);
# check reports them as violations of `structure` (exit 1)
INCONSISTENT = {
    "plan-days-duplicated.json": "days",
    "plan-days-missing.json": "days",
    "plan-embedded-start-moved.json": "days",
    "plan-session-outside.json": "days",
    "plan-session-wrong-week.json": "sessions",
    "plan-unknown-exercise.json": "sessions",
    "plan-weeks-extra.json": "weeks",
}
# consistent but breaking a hard rule: check exit 1 naming it; show and export render it
RULE_BREAKING = {"plan-breaks-session-time.json": "session_time"}
CATALOGS = {
    "catalog-bad-entries.toml": "exercise[0].primary[0]",
    "catalog-bad-id.toml": "exercise[0].id",
    "catalog-duplicate-ids.toml": "appears twice",
    "catalog-empty.toml": "exercise",
    "catalog-unknown-pattern.toml": "exercise[0].pattern",
}
IMPORTS = {
    "import-empty-list.json": "no exercises",
    "import-not-a-list.json": "no entry",
    "import-truncated.json": "JSON syntax error",
    "import-wrong-types.json": "no entry",
}
TABLES = (SCENARIOS, PLANS, INCONSISTENT, RULE_BREAKING, CATALOGS, IMPORTS)


@pytest.fixture
def no_solver(monkeypatch):
    """Any CP-SAT solve fails the test: refusing bad input must not cost solver time."""
    from ortools.sat.python import cp_model

    calls: list[str] = []

    def refuse(self, *args, **kwargs):
        calls.append("solve")
        raise AssertionError("the solver ran on hostile input")

    monkeypatch.setattr(cp_model.CpSolver, "solve", refuse)
    if hasattr(cp_model.CpSolver, "Solve"):
        monkeypatch.setattr(cp_model.CpSolver, "Solve", refuse)
    yield calls
    assert calls == [], "the solver ran"


def run(args: list[str], cwd: Path | None = None):
    result = runner.invoke(app, [str(a) for a in args])
    text = result.output + (result.stderr or "")
    assert "Traceback" not in text, text
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def assert_refused(result, file: Path, token: str, code: int = 2) -> None:
    assert result.exit_code == code, (result.exit_code, result.output, result.stderr)
    first = result.stderr.strip().splitlines()[0]
    assert first.startswith("error: "), first
    assert file.name in first and token in first, (token, first)
    assert "internal error" not in result.stderr


def test_corpus_is_complete_and_big_enough():
    listed = {name for table in TABLES for name in table}
    on_disk = {p.name for p in HOSTILE.iterdir() if p.name != "make_corpus.py"}
    assert on_disk == listed
    assert len(on_disk) >= 30


def scenario_commands(path: Path, tmp: Path) -> dict[str, list]:
    return {
        "validate": ["validate", path],
        "solve": ["solve", path, "-o", tmp / "out.plan.json", "--time-limit", "1"],
        "compare": ["compare", path, "--goals", "strength", "-o", tmp / "cmp", "--time-limit", "1"],
        "replan": [
            "replan",
            BASE_PLAN,
            "--scenario",
            path,
            "--from",
            "2027-01-11",
            "-o",
            tmp / "re.plan.json",
            "--time-limit",
            "1",
        ],
    }


def plan_commands(path: Path, tmp: Path) -> dict[str, list]:
    return {
        "show": ["show", path],
        "explain": ["explain", path],
        "check": ["check", path],
        "export": ["export", path, "-o", tmp / "out.csv"],
        "replan": [
            "replan",
            path,
            "--set",
            'name="edited"',
            "--from",
            "2027-01-11",
            "-o",
            tmp / "re.plan.json",
            "--time-limit",
            "1",
        ],
    }


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_hostile_scenario_is_refused_by_every_command(name, tmp_path, no_solver):
    path = HOSTILE / name
    for command, args in scenario_commands(path, tmp_path).items():
        assert_refused(run(args), path, SCENARIOS[name])
        assert not list(tmp_path.rglob("*.json")), f"{command} wrote a file"


@pytest.mark.parametrize("name", sorted(PLANS))
def test_hostile_plan_is_refused_by_every_command(name, tmp_path, no_solver):
    path = HOSTILE / name
    for command, args in plan_commands(path, tmp_path).items():
        assert_refused(run(args), path, PLANS[name])
        assert not list(tmp_path.iterdir()), f"{command} wrote a file"


@pytest.mark.parametrize("name", sorted(INCONSISTENT))
def test_plan_edited_into_inconsistency(name, tmp_path, no_solver):
    path = HOSTILE / name
    commands = plan_commands(path, tmp_path)
    checked = run(commands.pop("check"))
    assert checked.exit_code == 1, checked.output
    assert "consistency" in checked.stderr and "consistency:" in checked.output
    for command, args in commands.items():
        result = run(args)
        assert_refused(result, path, INCONSISTENT[name])
        assert "edited or damaged" in result.stderr
        assert not list(tmp_path.iterdir()), f"{command} wrote a file"


@pytest.mark.parametrize("name", sorted(RULE_BREAKING))
def test_plan_breaking_a_rule_is_reported_by_check_only(name, tmp_path, no_solver):
    path = HOSTILE / name
    commands = plan_commands(path, tmp_path)
    checked = run(commands["check"])
    assert checked.exit_code == 1
    assert RULE_BREAKING[name] in checked.stderr and "Traceback" not in checked.output
    for command in ("show", "explain", "export"):
        assert run(commands[command]).exit_code == 0, command


@pytest.mark.parametrize("name", sorted(CATALOGS))
def test_hostile_catalog_is_refused(name, no_solver):
    path = HOSTILE / name
    assert_refused(run(["catalog", "--catalog", path]), path, CATALOGS[name])


@pytest.mark.parametrize("name", sorted(IMPORTS))
def test_hostile_import_is_refused(name, tmp_path, no_solver):
    path = HOSTILE / name
    out = tmp_path / "cat.toml"
    result = run(["catalog-import", path, "--from", "free-exercise-db", "-o", out])
    assert_refused(result, path, IMPORTS[name])
    assert not out.exists()


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_five_megabytes_of_junk_is_refused_without_reading_it_all(suffix, tmp_path, no_solver):
    junk = tmp_path / f"junk{suffix}"
    junk.write_bytes(os.urandom(1024) * (5 * 1024))  # 5 MB
    for args in (["validate", junk], ["solve", junk, "-o", tmp_path / "x.plan.json"]):
        assert_refused(run(args), junk, "bytes")
    if suffix == ".json":
        for args in (["show", junk], ["check", junk], ["export", junk, "-o", tmp_path / "x.csv"]):
            assert_refused(run(args), junk, "bytes")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_disguised_as_a_scenario_is_refused(tmp_path, no_solver):
    endless = tmp_path / "endless.toml"
    endless.symlink_to("/dev/zero")
    assert_refused(run(["validate", endless]), endless, "not a regular file")
    catalog_user = tmp_path / "uses-endless.toml"
    catalog_user.write_text(
        'catalog = "endless.toml"\n'
        + (HOSTILE / "scenario-unknown-key.toml").read_text().replace("wekes = 3\n", "")
    )
    assert_refused(run(["validate", catalog_user]), catalog_user, "not a regular file")


def test_exception_outside_the_plan_warns_and_does_not_fail(tmp_path):
    """Documented choice (README, "Limits and hostile input"): an exception that touches no day
    of the plan is a warning, not an error — a scenario may keep last year's or next year's
    trips."""
    text = (HOSTILE / "scenario-exception-reversed.toml").read_text()
    text = text.replace("from = 2027-01-14\nto = 2027-01-10", "from = 2031-05-01\nto = 2031-05-07")
    path = tmp_path / "later-trip.toml"
    path.write_text(text)
    result = run(["validate", path])
    assert result.exit_code == 0, result.output
    assert "exceptions[0] (2031-05-01 - 2031-05-07) lies outside the plan" in result.output


def test_a_catalog_over_the_limit_is_refused(tmp_path, no_solver):
    import json

    from models.catalog import MAX_CATALOG, builtin_catalog

    exercises = []
    while len(exercises) <= MAX_CATALOG:
        for ex in builtin_catalog().exercises:
            data = ex.model_dump(mode="json")
            data["id"] = f"{data['id']}-{len(exercises)}"
            exercises.append(data)
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"exercise": exercises[: MAX_CATALOG + 1]}))
    assert_refused(run(["catalog", "--catalog", big]), big, f"at most {MAX_CATALOG} entries")
