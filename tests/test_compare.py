"""`compare`: goal trade-offs, sweeps (epsilon constraint, Pareto front), output, CLI."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest
from solver_helpers import scenario, scenario_data
from typer.testing import CliRunner

from models import load_plan
from models.errors import InputError
from optimizer import compare as cmp
from optimizer.cli import app
from optimizer.objective import cardio_seconds
from optimizer.solving import SolveConfig
from optimizer.validate import check_plan

# short deterministic solves: the same plans on every run and in every process
CONFIG = SolveConfig(time_limit=3.0, seed=0, deterministic=True)
runner = CliRunner()


@pytest.fixture(scope="module")
def goals():
    return cmp.compare(scenario(), None, cmp.goal_alternatives(cmp.DEFAULT_GOALS), CONFIG)


@pytest.fixture(scope="module")
def sweep():
    # 4 × 45 min: 90 min of cardio needs 180 min of work (cardio ≤ strength), 120 > the cap;
    # 60 min of cardio leaves the lifting little room: its first plan takes ~4 s of the
    # deterministic budget
    return cmp.compare(scenario(), None, cmp.sweep_alternatives("cardio=0:120:30"),
                       replace(CONFIG, time_limit=5.0))


def test_hypertrophy_has_more_sets_and_less_cardio_than_fat_loss(goals):
    assert [r.name for r in goals.rows] == ["hypertrophy", "strength", "fat_loss"]
    size, lean = goals.row("hypertrophy"), goals.row("fat_loss")
    assert size.plan is not None and lean.plan is not None
    assert size.measures.strength_sets > lean.measures.strength_sets
    assert size.measures.cardio_minutes < lean.measures.cardio_minutes
    assert size.goal_mix == {"hypertrophy": 1.0}
    # the trade-off lines name what each gives up against the best of the others
    assert any("strength sets (vs hypertrophy)" in g for g in lean.gives_up)
    assert any("cardio min/week (vs fat_loss)" in g for g in size.gives_up)


def test_every_alternative_plan_passes_check_and_measures_come_from_the_plan(goals):
    for row in goals.rows:
        assert row.status in ("optimal", "feasible"), row.reason
        assert check_plan(row.plan) == []
        m = row.measures
        weeks = [w.week for w in row.plan.weeks if not w.is_break and not w.deload]
        sessions = [s for s in row.plan.sessions if s.week in weeks]
        sets = sum(e.sets for s in sessions for e in s.exercises if e.kind == "strength")
        assert m.weeks == len(weeks) == 3  # the 4th week is the deload
        assert m.strength_sets == pytest.approx(sets / 3, abs=0.01)
        assert m.cardio_minutes == pytest.approx(cardio_seconds(sessions) / 60 / 3, abs=0.01)
        assert sum(row.terms.values()) == row.objective
        assert row.plan.scenario["goal"] == row.name


def test_json_is_stable_for_a_fixed_seed_and_independent_of_processes(goals):
    again = cmp.compare(scenario(), None, cmp.goal_alternatives(cmp.DEFAULT_GOALS), CONFIG,
                        processes=2)
    assert [r.name for r in again.rows] == [r.name for r in goals.rows]
    assert cmp.to_json(again) == cmp.to_json(goals)
    data = json.loads(cmp.to_json(goals))
    assert data["format"] == "periodize-compare/1" and data["mode"] == "goals"
    assert [a["name"] for a in data["alternatives"]] == ["hypertrophy", "strength", "fat_loss"]


def test_sweep_fixes_cardio_and_reports_a_true_pareto_front(sweep):
    rows = {r.name: r for r in sweep.rows}
    assert list(rows) == ["cardio-0", "cardio-30", "cardio-60", "cardio-90", "cardio-120"]
    solved = [r for r in sweep.rows if r.plan is not None]
    assert {r.name for r in solved} == {"cardio-0", "cardio-30", "cardio-60"}
    for r in solved:  # the epsilon constraint holds on the plan, and the plan is valid
        assert r.measures.cardio_minutes == r.alternative.value
        assert check_plan(r.plan) == []
        assert any("compare sweep" in w for w in r.plan.warnings)
    # infeasible points are rows with a reason in training terms, not a crash
    assert rows["cardio-90"].status == "infeasible" and "strength minutes" in rows[
        "cardio-90"].reason
    assert "rules.cardio.max_minutes" in rows["cardio-120"].reason
    assert rows["cardio-120"].pareto is None
    # reported front: pairwise non-dominated; every other point really is dominated
    front = [r for r in solved if r.pareto]
    assert front and sweep.front == [r.name for r in front]
    for a in front:
        for b in solved:
            assert not cmp.dominates(cmp.point(b), cmp.point(a)), (b.name, a.name)
    for r in solved:
        if not r.pareto:
            assert cmp.dominates(cmp.point(rows[r.dominated_by]), cmp.point(r))
    text = cmp.render(sweep, "table")
    assert "pareto" in text and "No plan" in text


def _row(name: str, cardio: float, objective: float) -> cmp.Row:
    measures = cmp.Measures(
        weeks=1, sessions=1, strength_sets=10, group_sets={}, muscle_sets={},
        lower_body_share=0.5, cardio_minutes=cardio, cardio_sessions=0, interval_sessions=0,
        session_minutes=40, distinct_exercises=5, distinct_strength_exercises=5)
    alt = cmp.Alternative(name, "sweep", measure="cardio", value=int(cardio))
    return cmp.Row(alt, "optimal", objective, objective, 0.0, 0.0, None, measures=measures)


def test_pareto_marks_dominated_points():
    rows = [_row("a", 0, 0), _row("b", 30, 0), _row("c", 60, 10), _row("d", 60, 12),
            _row("e", 90, 30)]
    cmp._pareto(rows)
    assert [r.name for r in rows if r.pareto] == ["b", "c", "e"]
    assert {r.name: r.dominated_by for r in rows if not r.pareto} == {"a": "b", "d": "c"}


def test_option_parsing():
    mixes = cmp.mix_alternatives("hypertrophy:fat_loss:5")
    assert [a.name for a in mixes] == [
        "hypertrophy100+fat_loss0", "hypertrophy75+fat_loss25", "hypertrophy50+fat_loss50",
        "hypertrophy25+fat_loss75", "hypertrophy0+fat_loss100"]
    assert mixes[1].goal_weights == (("hypertrophy", 0.75), ("fat_loss", 0.25))
    assert mixes[0].goal_weights == (("hypertrophy", 1.0),)
    assert [a.value for a in cmp.sweep_alternatives("cardio_max=0:150:30")] == [
        0, 30, 60, 90, 120, 150]
    assert [a.name for a in cmp.goal_alternatives("strength, strength,general")] == [
        "strength", "general"]
    for bad in (lambda: cmp.goal_alternatives("foo"),
                lambda: cmp.mix_alternatives("hypertrophy:hypertrophy:3"),
                lambda: cmp.mix_alternatives("hypertrophy:fat_loss:1"),
                lambda: cmp.sweep_alternatives("sets=0:10:2"),
                lambda: cmp.sweep_alternatives("cardio=100:50:10"),
                lambda: cmp.sweep_alternatives("cardio=0:1000:1")):
        with pytest.raises(InputError):
            bad()


def test_csv_has_one_row_per_alternative(goals):
    rows = list(csv.DictReader(io.StringIO(cmp.render(goals, "csv"))))
    assert [r["alternative"] for r in rows] == ["hypertrophy", "strength", "fat_loss"]
    assert float(rows[0]["strength_sets"]) == goals.rows[0].measures.strength_sets


# ------------------------------------------------------------------------------ CLI
@pytest.fixture
def scenario_file(tmp_path):
    path = tmp_path / "me.json"
    path.write_text(json.dumps(scenario_data()))
    return path


def test_cli_compare_table_and_plans(scenario_file, tmp_path):
    out = tmp_path / "plans"
    result = runner.invoke(app, ["compare", str(scenario_file), "--goals", "hypertrophy,strength",
                                 "--time-limit", "3", "--deterministic", "-o", str(out)])
    assert result.exit_code == 0, result.output
    main_table = result.stdout.split("\n\n")[1].splitlines()
    assert main_table[0].startswith("alternative")
    assert [line.split()[0] for line in main_table[2:]] == ["hypertrophy", "strength"]
    assert "gives up" in result.stdout
    for goal in ("hypertrophy", "strength"):
        plan = load_plan(out / f"{goal}.plan.json")
        assert plan.scenario["goal"] == goal and plan.sessions
    assert "plans written to" in result.stderr


@pytest.mark.parametrize("args", [
    ["--goals", "foo"],
    ["--sweep", "sets=0:10:2"],
    ["--mix", "hypertrophy:fat_loss"],
    ["--format", "pdf"],
    ["--sweep", "cardio=0:60:30", "--mix", "hypertrophy:fat_loss:3"],
])
def test_cli_bad_options_exit_2(scenario_file, args):
    result = runner.invoke(app, ["compare", str(scenario_file), *args])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error:") and "Traceback" not in result.output
