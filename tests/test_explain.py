"""Explanations in training terms (issue 6): why no plan, what a plan cost, why an exercise,
the cost of a swap."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest
from solver_helpers import TEST_CONFIG, scenario
from typer.testing import CliRunner

from models import builtin_catalog, load_scenario, parse_scenario
from models.errors import InfeasibleError
from optimizer.cli import app
from optimizer.diagnose import explain_infeasible
from optimizer.explain import breakdown, render_breakdown, why_session
from optimizer.solving import SolveConfig, solve
from optimizer.suggest import suggest_changes
from optimizer.swap import swap_cost

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
QUICK = SolveConfig(time_limit=0.3, seed=0, deterministic=True)  # any plan will do

# shipped infeasible scenario -> rules the conflict must name, kind of the smallest change
INFEASIBLE = {
    "infeasible-one-day.toml": ({"legs", "recovery"}, "add_day"),
    "infeasible-ten-minutes.toml": ({"session_time"}, "raise_all"),
}


# ------------------------------------------------------------------------------ no plan
@pytest.mark.parametrize("name", sorted(INFEASIBLE))
def test_infeasible_scenario_gets_a_verified_change_that_solves(name):
    path = ROOT / "scenarios" / name
    rules, kind = INFEASIBLE[name]
    sc, catalog = load_scenario(path)
    err = explain_infeasible(sc, catalog)
    assert rules <= {c["rule"] for c in err.core}
    assert all("guard" not in c["sentence"] for c in err.core)
    found = suggest_changes(sc, catalog, [c["rule"] for c in err.core])
    assert found.suggestions, found.sentence()
    assert found.suggestions[0].kind == kind
    assert found.suggestions[-1].kind == "disable_rule"
    assert found.suggestions[-1].set == {
        f"rules.{found.suggestions[-1].text.split('.')[1]}.enabled": False
    }
    data = tomllib.loads(path.read_text())
    for change in found.suggestions:
        changed = parse_scenario(change.apply(data), name)
        result = solve(changed, catalog, QUICK)
        assert result.plan is not None, change.text


def test_suggestions_are_ordered_by_size_and_report_unverified_ones_as_absent():
    sc, catalog = load_scenario(ROOT / "scenarios/infeasible-one-day.toml")
    # a checker that never proves anything: nothing may be suggested
    none = suggest_changes(sc, catalog, ["recovery"], check=lambda data, s: None)
    assert none.suggestions == [] and not none.complete
    assert "verified" in none.sentence()
    # a checker that accepts everything: the smallest family variant wins (5 more minutes)
    every = suggest_changes(sc, catalog, ["recovery"], check=lambda data, s: True)
    assert every.suggestions[0].size == 5 and every.suggestions[0].kind == "raise_day"
    assert every.suggestions[0].text == "raise Wed from 60 to 65 min"


def test_cli_solve_infeasible_json_names_core_and_suggestions(tmp_path):
    path = ROOT / "scenarios/infeasible-one-day.toml"
    result = runner.invoke(app, ["solve", str(path), "--json", "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["status"] == "infeasible"
    assert {"legs", "recovery"} <= {c["rule"] for c in report["core"]}
    assert report["suggestions"][0]["kind"] == "add_day" and report["suggestions"][0]["verified"]
    assert "Smallest change: Add a second day" in result.stderr
    assert "rules.recovery.enabled = false" in result.stderr
    assert not (tmp_path / "x.json").exists()


# ------------------------------------------------------------------------------ a plan
@pytest.fixture(scope="module")
def base_plan():
    result = solve(scenario(), config=TEST_CONFIG)
    assert result.status == "optimal"
    return result.plan


@pytest.fixture(scope="module")
def plan_file(base_plan, tmp_path_factory):
    path = tmp_path_factory.mktemp("explain") / "plan.json"
    path.write_text(base_plan.to_json())
    return path


def test_breakdown_sums_to_the_objective_and_is_sorted(base_plan):
    parts = breakdown(base_plan)
    assert parts.sums_exactly and parts.total == base_plan.solver.objective
    penalties = [s.penalty for s in parts.soft]
    assert penalties == sorted(penalties, reverse=True)
    hard = {h.rule for h in parts.hard}
    assert {"session_time", "legs", "calves", "rest_days", "recovery", "set_duration"} <= hard
    # the margins are the plan's own numbers
    session_time = next(h for h in parts.hard if h.rule == "session_time")
    longest = max(s.minutes for s in base_plan.sessions)
    assert session_time.value == f"{longest} min" and "45 min available" in session_time.limit


def test_breakdown_names_causes_in_training_terms():
    # a 3-day plan with a known soft cost (frequency: recovery allows a muscle once a week)
    plan_data = json.loads((ROOT / "tests/data/explain-home-3day.plan.json").read_text())
    from models.plan import parse_plan

    plan = parse_plan(plan_data)
    parts = breakdown(plan)
    assert parts.sums_exactly and parts.total == 128
    top = parts.soft[0]
    assert top.rule == "frequency" and top.penalty == 108
    assert any(
        "chest in 1 session, target 2" in c and c.startswith("weeks 1-3, 5-7") for c in top.causes
    )
    assert any("recovery allows a muscle in at most 1 of them" in w for w in top.why)
    text = render_breakdown(parts)
    assert "sum of penalties 128 = plan objective 128" in text
    # an edited plan no longer sums: said, not hidden
    plan_data["solver"]["objective"] = 100.0
    edited = breakdown(parse_plan(plan_data))
    assert not edited.sums_exactly and edited.notes


def test_why_session_names_real_reasons(base_plan):
    session = next(
        s
        for s in base_plan.sessions
        if any(e.pattern == "squat" and e.kind == "strength" for e in s.exercises)
    )
    why = why_session(base_plan, session.date)
    squat = next(
        w
        for w in why.exercises
        if next(e for e in session.exercises if e.id == w.id).pattern == "squat"
    )
    assert any(r.startswith("legs: every week needs a squat") for r in squat.reasons)
    assert any(r.startswith("equipment:") for r in squat.reasons)
    gym = set(scenario().locations["gym"].equipment)
    catalog = builtin_catalog().by_id()
    for alt in squat.alternatives:
        assert catalog[alt].pattern == "squat" and set(catalog[alt].equipment) <= gym
    assert any("equipment: needs barbell" in r for r in squat.not_possible)
    assert any(
        c.startswith("recovery: the previous workout") or c.startswith("recovery: the next workout")
        for c in why.context
    )


def test_swap_costs_at_least_the_optimal_plan_and_is_in_the_new_plan(base_plan):
    session = next(s for s in base_plan.sessions if not s.deload)
    why = why_session(base_plan, session.date)
    pick = next(w for w in why.exercises if w.alternatives)
    new = pick.alternatives[0]
    result = swap_cost(base_plan, session.date, pick.id, new, time_limit=5.0)
    assert result.ok, result.text()
    assert result.difference >= 0
    swapped = next(s for s in result.new_plan.sessions if s.date == session.date)
    ids = {e.id for e in swapped.exercises}
    assert new in ids and pick.id not in ids
    assert "objective" in result.text()


def test_swap_forbidden_by_equipment(base_plan):
    session = next(s for s in base_plan.sessions if any(e.pattern == "squat" for e in s.exercises))
    squat = next(e.id for e in session.exercises if e.pattern == "squat")
    result = swap_cost(base_plan, session.date, squat, "barbell-back-squat")
    assert result.status == "forbidden" and "equipment: needs barbell" in result.reasons[0]


# ------------------------------------------------------------------------------ CLI
def test_cli_explain_exit_codes(plan_file, base_plan):
    ok = runner.invoke(app, ["explain", str(plan_file)])
    assert ok.exit_code == 0, ok.output
    assert "plan objective" in ok.stdout and "Hard rules" in ok.stdout
    as_json = runner.invoke(app, ["explain", str(plan_file), "--format", "json"])
    data = json.loads(as_json.stdout)
    assert data["total"] == data["objective"] == base_plan.solver.objective
    day = str(base_plan.sessions[0].date)
    first = base_plan.sessions[0].exercises[0].id
    shown = runner.invoke(app, ["explain", str(plan_file), "--date", day])
    assert shown.exit_code == 0 and "possible instead" in shown.stdout
    # a Wednesday: no session; a format-2 plan says the rest day's energy instead
    rest = runner.invoke(app, ["explain", str(plan_file), "--date", "2027-01-06"])
    assert rest.exit_code == 0 and "rest day" in rest.stdout and "kcal" in rest.stdout
    cases = [
        (["--date", "2026-01-06"], "2026-01-06"),  # outside the plan
        (["--date", "06/01/2027"], "not a date"),
        (["--swap", f"{first}=goblet-squat"], "--swap needs --date"),
        (["--date", day, "--swap", "nope=goblet-squat"], "is not in the session"),
        (["--date", day, "--swap", f"{first}=no-such-exercise"], "unknown exercise id"),
        (["--date", day, "--swap", "just-one"], "expected OLD=NEW"),
        (["--format", "pdf"], "allowed"),
    ]
    for args, message in cases:
        bad = runner.invoke(app, ["explain", str(plan_file), *args])
        assert bad.exit_code == 2, (args, bad.output)
        assert message in bad.stderr and "Traceback" not in bad.output
    squat_session = next(
        s for s in base_plan.sessions if any(e.pattern == "squat" for e in s.exercises)
    )
    squat = next(e.id for e in squat_session.exercises if e.pattern == "squat")
    forbidden = runner.invoke(
        app,
        [
            "explain",
            str(plan_file),
            "--date",
            str(squat_session.date),
            "--swap",
            f"{squat}=barbell-back-squat",
        ],
    )
    assert forbidden.exit_code == 1 and "needs barbell" in forbidden.stdout


def test_explain_has_no_ortools_import_for_the_breakdown(plan_file):
    import subprocess
    import sys

    code = (
        "import sys; from models.plan import load_plan; from optimizer.explain import "
        f"breakdown, why_session; p = load_plan({str(plan_file)!r}); breakdown(p); "
        "why_session(p, p.sessions[0].date); "
        "assert 'ortools' not in sys.modules, 'ortools imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_infeasible_error_keeps_its_core():
    err = InfeasibleError("x", ["a"], [{"rule": "legs", "scope": "week 1", "sentence": "a"}])
    assert err.core[0]["rule"] == "legs" and str(err) == "x"
    assert date(2027, 1, 4).weekday() == 0  # BASE starts on a Monday (dates above rely on it)
