"""Where commands write (optimizer/cli/output.py): `-o -` prints; a device, pipe, folder or one of
the command's own input files is refused with exit 2 before any solving, by `os.stat` alone (the
target is never opened); Ctrl-C in replan and compare ends like solve.

The refusal tests run under a guard: any search fails the test, opening a refused target fails
it, and a SIGALRM after a few seconds ends a hang instead of blocking the suite."""

from __future__ import annotations

import ast
import builtins
import io
import json
import os
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from solver_helpers import scenario_data
from typer.testing import CliRunner

from models.catalog import parse_catalog
from models.plan import load_plan, parse_plan, write_atomic
from optimizer.cli import app

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
BASE_PLAN = DATA / "hostile-base.plan.json"
IMPORT_SAMPLE = DATA / "free-exercise-db-sample.json"
runner = CliRunner()
FAST = ["--time-limit", "2", "--deterministic"]
DEVICES = [d for d in ("/dev/full", "/dev/zero") if Path(d).exists()]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, SIGALRM, /dev")


@pytest.fixture
def guard(monkeypatch):
    """No search may start, no path in the returned set may be opened, nothing may hang."""
    refused: set[str] = set()

    def no_search(*args, **kwargs):
        raise AssertionError("a search started before the output was checked")

    for entry in ("optimizer.solving.solve", "optimizer.replan.replan",
                  "optimizer.compare.compare"):
        monkeypatch.setattr(entry, no_search)

    def watch(real):
        def opener(file, *args, **kwargs):
            if isinstance(file, str | os.PathLike) and os.path.realpath(file) in refused:
                raise AssertionError(f"{file} was opened")
            return real(file, *args, **kwargs)

        return opener

    monkeypatch.setattr(os, "open", watch(os.open))
    monkeypatch.setattr(io, "open", watch(io.open))
    monkeypatch.setattr(builtins, "open", watch(builtins.open))

    def hang(signum, frame):
        raise TimeoutError("the command hung on its output file")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(20)
    try:
        yield refused
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def tiny_scenario(folder: Path, **changes) -> Path:
    path = folder / "me.json"
    data = scenario_data(weeks=1, availability={"mon": {"minutes": 45, "location": "gym"},
                                                "thu": {"minutes": 45, "location": "gym"}})
    path.write_text(json.dumps({**data, **changes}))
    return path


def commands(folder: Path, target: Path) -> dict[str, list]:
    """Every command that writes a file, writing to `target`."""
    scenario = tiny_scenario(folder)
    return {
        "solve": ["solve", scenario, "-o", target, *FAST],
        "solve --export": ["solve", scenario, "-o", folder / "p.json", "--export",
                           f"csv:{target}", *FAST],
        "replan": ["replan", BASE_PLAN, "--set", "availability.fri=30", "--from", "2027-01-11",
                   "-o", target, *FAST],
        "export": ["export", BASE_PLAN, "--format", "csv", "-o", target],
    }


def run(args: list):
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output + (result.stderr or "")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception)
    return result


def refused(result, target: Path, words: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output, result.stderr)
    first = result.stderr.strip().splitlines()[0]
    assert first.startswith(f"error: {target}: ") and words in first, first


# ------------------------------------------------------------------------------ odd targets
@pytest.mark.skipif(not DEVICES, reason="needs /dev/full or /dev/zero")
@pytest.mark.parametrize("device", DEVICES)
def test_a_device_is_refused_before_solving_and_never_read(device, tmp_path, guard):
    guard.add(device)
    for name, args in commands(tmp_path, Path(device)).items():
        result = run(args)
        refused(result, Path(device), "is a device, not a regular file")
        assert ("or - for stdout" in result.stderr) == (name != "solve --export"), name


def test_a_fifo_is_refused_without_hanging(tmp_path, guard):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    guard.add(str(fifo))
    for args in commands(tmp_path, fifo).values():
        refused(run(args), fifo, "is a pipe (FIFO), not a regular file")
    imported = run(["catalog", "import", IMPORT_SAMPLE, "-o", fifo])
    refused(imported, fifo, "is a pipe (FIFO)")
    assert fifo.exists() and not fifo.is_file()  # still the pipe


def test_a_folder_is_refused(tmp_path, guard):
    folder = tmp_path / "plans.toml"
    folder.mkdir()
    for args in commands(tmp_path, folder).values():
        refused(run(args), folder, "is a folder; give a file name")
    refused(run(["catalog", "import", IMPORT_SAMPLE, "-o", folder]), folder, "is a folder")


def test_compare_refuses_stdout_and_odd_plan_files(tmp_path, guard):
    scenario = tiny_scenario(tmp_path)
    dash = run(["compare", scenario, "--goals", "strength", "-o", "-"])
    assert dash.exit_code == 2
    assert "give a folder name" in dash.stderr and "--output" in dash.stderr
    out = tmp_path / "alternatives"
    out.mkdir()
    os.mkfifo(out / "strength.plan.json")
    guard.add(str(out / "strength.plan.json"))
    refused(run(["compare", scenario, "--goals", "strength", "-o", out]),
            out / "strength.plan.json", "is a pipe (FIFO)")


# ------------------------------------------------------------------------------ own inputs
def test_output_onto_an_input_file_is_refused_and_the_input_kept(tmp_path, guard):
    scenario = tiny_scenario(tmp_path)
    before = scenario.read_bytes()
    result = run(["solve", scenario, "-o", scenario, *FAST])
    refused(result, scenario, "is the scenario file this command reads")
    assert scenario.read_bytes() == before
    alias = tmp_path / "alias.json"
    alias.symlink_to(scenario)  # another name for the same file
    refused(run(["solve", scenario, "-o", alias, "--force"]), alias, "is the scenario file")
    plan = tmp_path / "plan.json"
    plan.write_bytes(BASE_PLAN.read_bytes())
    refused(run(["replan", plan, "--set", "availability.fri=30", "--from", "2027-01-11",
                 "-o", plan]), plan, "is the plan file this command reads")
    refused(run(["export", plan, "--format", "csv", "-o", plan]), plan, "is the plan file")
    assert plan.read_bytes() == BASE_PLAN.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alias.json", "me.json", "plan.json"]


def test_output_onto_the_scenarios_catalog_is_refused(tmp_path, guard):
    catalog = tmp_path / "mine.toml"
    catalog.write_text((ROOT / "models" / "data" / "catalog.toml").read_text())
    scenario = tiny_scenario(tmp_path, catalog="mine.toml")
    before = catalog.read_bytes()
    refused(run(["solve", scenario, "-o", catalog]), catalog, "is the catalog file")
    refused(run(["solve", scenario, "--export", f"markdown:{catalog}"]), catalog,
            "is the catalog file")
    assert catalog.read_bytes() == before


# ------------------------------------------------------------------------------ -o -
def test_solve_dash_prints_only_the_plan_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    scenario = tiny_scenario(tmp_path)
    result = run(["solve", scenario, "-o", "-", *FAST])
    assert result.exit_code == 0, result.stderr
    plan = parse_plan(json.loads(result.stdout))  # stdout is the plan file and nothing else
    assert result.stdout == plan.to_json()
    assert "plan written to stdout" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["me.json"]  # no file named '-'


def test_replan_dash_prints_only_the_plan_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(["replan", BASE_PLAN, "--set", "availability.fri=30", "--from", "2027-01-11",
                  "-o", "-", *FAST])
    assert result.exit_code == 0, result.stderr
    plan = parse_plan(json.loads(result.stdout))
    assert result.stdout == plan.to_json() and plan.replanned_from is not None
    assert "session(s) kept" in result.stderr and "plan written to stdout" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_catalog_import_dash_prints_the_catalog(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(["catalog", "import", IMPORT_SAMPLE, "-o", "-"])
    assert result.exit_code == 0, result.stderr
    catalog = parse_catalog(tomllib.loads(result.stdout), "stdout")
    assert len(catalog) > 0 and "imported" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_dev_stdout_is_printed_not_replaced(tmp_path):
    """`-o /dev/stdout` hung (the backup read the terminal or pipe); it prints like `-o -`."""
    done = subprocess.run(
        [sys.executable, "-m", "optimizer", "export", str(BASE_PLAN), "--format", "csv", "-o",
         "/dev/stdout"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("date,week,block")
    assert not Path("/dev/stdout.bak").exists()
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------------------ write_atomic
def test_write_atomic_refuses_odd_files_and_follows_symlinks(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for odd in (fifo, tmp_path):
        with pytest.raises(OSError):
            write_atomic(odd, "x")
    assert not fifo.is_file()
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


# ------------------------------------------------------------------------------ Ctrl-C
def _interrupted(plan):
    from optimizer.solving import Result

    return Result(status="feasible" if plan else "unknown", objective=None, best_bound=None,
                  seconds=0.1, plan=plan, interrupted=True)


@pytest.mark.parametrize("with_plan", [True, False])
def test_replan_interrupted_writes_the_best_plan_or_nothing(with_plan, tmp_path, monkeypatch):
    best = load_plan(BASE_PLAN) if with_plan else None
    monkeypatch.setattr("optimizer.replan.replan", lambda *a, **k: _interrupted(best))
    out = tmp_path / "new.plan.json"
    result = run(["replan", BASE_PLAN, "--set", "availability.fri=30", "--from", "2027-01-11",
                  "-o", out])
    if with_plan:
        assert result.exit_code == 0, result.stderr
        assert "interrupted: the best plan found so far is kept" in result.stderr
        assert load_plan(out) == best
    else:
        assert result.exit_code == 130
        assert "interrupted before any plan was found" in result.stderr
        assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("with_plan", [True, False])
def test_compare_interrupted_writes_the_best_plans_or_nothing(with_plan, tmp_path, monkeypatch):
    from optimizer import compare as cmp

    real = cmp.compare

    def stopped(*args, **kwargs):
        comparison = real(*args, **kwargs)
        comparison.interrupted = True
        if not with_plan:
            for row in comparison.rows:
                row.plan = None
        return comparison

    monkeypatch.setattr(cmp, "compare", stopped)
    out = tmp_path / "alternatives"
    result = run(["compare", tiny_scenario(tmp_path), "--goals", "strength", "-o", out, *FAST])
    if with_plan:
        assert result.exit_code == 0, result.stderr
        assert "interrupted: the best plans found so far are kept" in result.stderr
        assert load_plan(out / "strength.plan.json").sessions
    else:
        assert result.exit_code == 130
        assert "interrupted before any plan was found" in result.stderr
        assert not out.exists()


# ------------------------------------------------------------------------------ layout
def test_cli_modules_import_no_circle_and_no_private_name():
    """Command modules import the app from optimizer.cli.core, never from the package; no
    module imports another's private name; importing the CLI does not import OR-Tools."""
    for path in sorted((ROOT / "optimizer" / "cli").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [a.name for a in node.names]
                assert not [n for n in names if n.startswith("_") and not n.endswith("__")], names
                if path.name != "__init__.py":
                    assert node.module != "optimizer.cli", path.name
    code = "import sys, optimizer.cli; sys.exit(1 if 'ortools' in sys.modules else 0)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True)
    assert done.returncode == 0, "importing optimizer.cli imported ortools"


def test_module_entry_point_runs():
    done = subprocess.run([sys.executable, "-m", "optimizer", "--version"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("periodize ")

