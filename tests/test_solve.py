"""Solving: shipped scenarios give checked plans, the objective adds up, regressions, CLI."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from solver_helpers import TEST_CONFIG, ids, scenario, scenario_data, slots_of, solve_fixed
from typer.testing import CliRunner

from models import load_plan, load_scenario
from models.errors import InfeasibleError
from optimizer.cli import app
from optimizer.solving import SolveConfig, solve
from optimizer.validate import check_plan

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(p for p in (ROOT / "scenarios").glob("*.toml")
                 if not p.name.startswith("infeasible-"))
INFEASIBLE = sorted((ROOT / "scenarios").glob("infeasible-*.toml"))
runner = CliRunner()


def _terms_by_rule(plan) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for t in plan.objective_terms:
        out[t.rule] += t.penalty
    return dict(out)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_scenario_solves_to_a_plan_that_check_accepts(path):
    sc, catalog = load_scenario(path)
    result = solve(sc, catalog, SolveConfig(time_limit=10, seed=0, deterministic=True))
    assert result.plan is not None and result.status in ("optimal", "feasible")
    assert check_plan(result.plan) == []
    # SPEC §7.1 (checked on format-2 files): no forbidden regression, the week's shape, a true
    # hinge — whatever format this plan file is written in
    from optimizer.validate import CHECKS, build_context

    ctx = build_context(result.plan.model_copy(update={"format": "periodize-plan/2"}))
    assert [v for rule in ("selection", "structure", "legs") for v in CHECKS[rule](ctx)] == []
    # the solver's objective, rule by rule, is what the plan itself costs
    model = {rule: value for rule, value in result.model_terms.items() if value}
    assert model == _terms_by_rule(result.plan)
    assert result.objective == pytest.approx(sum(model.values()))
    assert result.best_bound <= result.objective + 1e-9
    # every calendar day is in the plan, sessions only on available days
    assert len(result.plan.days) == 7 * sc.weeks
    # `periodize explain`: the breakdown by rule sums exactly to the solver's objective
    from optimizer.explain import breakdown

    parts = breakdown(result.plan)
    assert parts.sums_exactly and sum(s.penalty for s in parts.soft) == result.objective


# Regression cases: proven optimal objectives (validator-backed: the plan passes `check` and
# its recomputed terms add up to the value). An OR-Tools upgrade or a model change that moves
# them must be looked at, not waved through.
REGRESSION = [
    ("base 4-week gym", lambda: scenario(), 0.0),
    # 8: a push press (power work) no longer counts as the week's vertical push, so the barbell
    # overhead press stays across blocks (+4 a block boundary, with the three favoured lifts)
    ("gym 4 days, 12 weeks", lambda: load_scenario(ROOT / "scenarios/gym-4day-hypertrophy.toml")[0],
     8.0),
]


@pytest.mark.parametrize(("name", "make", "objective"), REGRESSION, ids=[r[0] for r in REGRESSION])
def test_regression_objective_and_bound(name, make, objective):
    result = solve(make(), config=SolveConfig(time_limit=30, seed=0, deterministic=True))
    assert result.status == "optimal"
    assert result.objective == objective
    assert result.best_bound == objective
    assert check_plan(result.plan) == []
    assert sum(_terms_by_rule(result.plan).values()) == objective


def test_home_dumbbells_deterministic_value():
    """Home dumbbells, 3 days: the 30-unit deterministic search does not prove its optimum
    (the bound stays at 10–12; the recovery rule leaves every muscle one session a week, which
    the bound does not see). Pinned as found, validator-backed. History: optimal 128 before
    the prescription by role; 168 with the selection, structure and deload rules; 239 with
    the push/pull balance both ways, the conditioning term and one isolation exercise per
    muscle a session (the 168 plan costs 189 under the push/pull term alone; other seeds and
    model versions found 189–297: the search, not the model, decides this figure); 297 with
    the sets of one exercise beyond four in the objective; 291 once power work stopped
    covering a pattern and a session holds one vertical pull and one vertical press; 315 with
    a lone cardio bout a session only in endurance plans; 261 once power lifts and carries
    stopped counting as volume; 303 with their off-goal cost, the calf-set excess and the
    strength goal's four-step warm-up; 279 with one plyometric drill a session; 321 with a
    calf raise at ≤ 4 sets a session and a loadable variant wanted for each main movement;
    329 with a favoured exercise's template tied to its block (a redundant constraint: the
    same plans are allowed, the deterministic search takes another path; bound 108)."""
    sc = load_scenario(ROOT / "scenarios/home-dumbbells-3day.toml")[0]
    result = solve(sc, config=SolveConfig(time_limit=30, seed=0, deterministic=True))
    assert result.objective == 329.0 and result.best_bound <= result.objective
    assert check_plan(result.plan) == []
    assert sum(_terms_by_rule(result.plan).values()) == 329.0


def _term_is_in_the_model(monkeypatch, sc, fix, module, term: str, cause: str) -> None:
    """With `fix` forcing a cost, the model's objective carries the soft term exactly as the
    plan's recomputation does (`cause` among its details); without the model's `term` function
    of rule `module` the two disagree."""
    from optimizer.objective import objective_total

    plan = solve_fixed(sc, fix).plan
    assert any(cause in t.detail for t in plan.objective_terms)
    assert plan.solver.objective == objective_total(plan.objective_terms)
    monkeypatch.setattr(module, term, lambda *args: None)
    plan = solve_fixed(sc, fix).plan
    assert plan.solver.objective < objective_total(plan.objective_terms)


def _monday_holds(exercises: dict[str, int]):
    """A fix: Monday's session holds these exercises at these doses (others may join)."""

    def fix(v):
        for s in slots_of(v):
            if s.weekday == "mon":
                v.fix(s, on=True, exercises=exercises)

    return fix


def test_sets_of_one_exercise_beyond_four_are_in_the_model(monkeypatch):
    """Six sets of one exercise on Monday (hypertrophy): two sets beyond four."""
    from optimizer.cpsat.rules import volume

    six_sets = _monday_holds({"dumbbell-bench-press": 6})
    _term_is_in_the_model(monkeypatch, scenario(weeks=2), six_sets, volume, "_spread",
                          "dumbbell-bench-press 6 sets on mon, more than 4")


def test_a_carry_in_a_size_plan_is_in_the_model(monkeypatch):
    """A farmer's carry on Monday of a hypertrophy plan: no volume target counts it."""
    from optimizer.cpsat.rules import selection

    carry = _monday_holds({"farmers-carry": 3})
    _term_is_in_the_model(monkeypatch, scenario(weeks=2), carry, selection, "_off_goal",
                          "Farmer's Carry on")


def test_a_jump_in_a_size_plan_is_in_the_model(monkeypatch):
    """A squat jump on Monday of a hypertrophy plan: plyometric sets count toward no volume
    (SPEC §7.1) and no rule of the goal asks for them."""
    from optimizer.cpsat.rules import selection

    jump = _monday_holds({"squat-jump": 3})
    _term_is_in_the_model(monkeypatch, scenario(weeks=2), jump, selection, "_off_goal",
                          "Squat Jump on")


def test_a_week_pressing_only_at_body_weight_is_in_the_model(monkeypatch):
    """Push-ups are the week's only horizontal push although the gym has dumbbells and a
    bench (a reviewer: "10 sets of push-ups for an intermediate with dumbbells")."""
    from models.catalog import builtin_catalog
    from optimizer.cpsat.rules import selection
    from optimizer.eligibility import equipment_tier

    by_id = builtin_catalog().by_id()
    loaded = [i for i in ids("horizontal_push") if equipment_tier(by_id[i]) < 3]

    def fix(v):
        for s in slots_of(v):
            v.fix(s, exclude=loaded)
            if s.weekday == "mon":
                v.fix(s, on=True, exercises={"push-up": 4})

    _term_is_in_the_model(monkeypatch, scenario(weeks=2), fix, selection, "_loaded",
                          "horizontal push only at body weight")


def test_calf_sets_beyond_the_minimum_are_in_the_model(monkeypatch):
    """Eight calf sets on Monday of a strength plan (two raises at the session cap of four),
    where six are the rule's minimum."""
    from optimizer.cpsat.rules import calves

    eight_calf_sets = _monday_holds({"dumbbell-calf-raise": 4, "seated-dumbbell-calf-raise": 4})
    _term_is_in_the_model(monkeypatch, scenario(weeks=2, goal="strength"), eight_calf_sets,
                          calves, "_excess", "6 are enough for this goal")


def test_long_bout_beyond_half_the_cardio_is_in_the_model(monkeypatch):
    """An endurance week whose only steady bout is Monday's 30-minute ride."""
    from optimizer.cpsat.rules import endurance

    def one_long_ride(v):
        for s in slots_of(v):
            if s.weekday == "mon":
                v.fix(s, on=True, exercises={"steady-bike": 6})
            else:
                v.fix(s, exclude=ids(kind="cardio_steady") + ids(kind="cardio_interval"))

    sc = scenario(weeks=2, goal="endurance", endurance_modality="bike")
    _term_is_in_the_model(monkeypatch, sc, one_long_ride, endurance, "_long_share",
                          "the long session is 30 min longer than the rest")


def test_single_leg_work_for_a_runner_is_in_the_model(monkeypatch):
    """An endurance plan with every single-leg exercise excluded though the gym offers them."""
    from models import builtin_catalog
    from optimizer.cpsat.rules import endurance
    from optimizer.endurance import is_single_leg

    single = [e.id for e in builtin_catalog().exercises
              if is_single_leg(e.kind, e.pattern, e.unilateral, e.primary)]

    def no_single_leg(v):
        for s in slots_of(v):
            v.fix(s, exclude=single)

    sc = scenario(weeks=2, goal="endurance", endurance_modality="bike")
    _term_is_in_the_model(monkeypatch, sc, no_single_leg, endurance, "_single_leg",
                          "no single-leg strength work")


def test_push_pull_balance_is_in_the_model(monkeypatch):
    """A bench press on Monday and nothing to pull all week (structure off)."""
    from optimizer.cpsat.rules import volume

    def no_pulls(v):
        for s in slots_of(v):
            v.fix(s, exclude=ids("horizontal_pull") + ids("vertical_pull"))
            if s.weekday == "mon":
                v.fix(s, on=True, exercises={"dumbbell-bench-press": 4})

    sc = scenario(weeks=2, rules={"structure": {"enabled": False}})
    _term_is_in_the_model(monkeypatch, sc, no_pulls, volume, "_push_pull",
                          "against 0 pull sets")


def test_conditioning_is_offered_only_where_it_can_earn_something():
    from models import builtin_catalog
    from optimizer.cpsat.model import build

    def circuits(sc):
        built = build(sc, builtin_catalog())
        return {c.exercise.id for s in slots_of(built.vars)
                for c in built.vars.options(s) if c.exercise.kind == "conditioning"}

    # hypertrophy alone: a circuit costs 2 a week and earns nothing (dominated)
    assert circuits(scenario()) == set()
    # a favoured circuit earns its favour; a general or fat_loss share wants some conditioning
    assert circuits(scenario(preferences={"favor": ["burpee-circuit"]})) == {"burpee-circuit"}
    assert circuits(scenario(goal=None, goal_weights={"hypertrophy": 0.7, "general": 0.3}))
    assert circuits(scenario(goal="fat_loss"))


def test_deterministic_mode_gives_the_same_plan():
    sc = scenario()
    first = solve(sc, config=TEST_CONFIG).plan
    second = solve(sc, config=TEST_CONFIG).plan
    strip = lambda p: json.dumps(p.model_dump(mode="json", exclude={"solver"}), sort_keys=True)  # noqa: E731
    assert strip(first) == strip(second)


def test_break_week_has_no_sessions_and_is_reported():
    sc = scenario(weeks=5, exceptions=[{"from": "2027-01-18", "to": "2027-01-24",
                                        "availability": {}}])
    plan = solve(sc, config=TEST_CONFIG).plan
    assert not [s for s in plan.sessions if s.week == 3]
    assert next(w for w in plan.weeks if w.week == 3).is_break
    assert any("break week" in w for w in plan.warnings)
    assert check_plan(plan) == []


def test_deload_and_progression_in_a_block():
    plan = solve(scenario(), config=TEST_CONFIG).plan
    sets = defaultdict(int)
    for s in plan.sessions:
        sets[s.week] += sum(e.sets for e in s.exercises)
        assert s.deload == (s.week == 4)
    assert sets[4] <= 0.6 * max(sets[w] for w in (1, 2, 3))
    # rest falls week to week within the block; squats turn explosive after week 2
    squat = [(s.week, e) for s in plan.sessions for e in s.exercises if e.pattern == "squat"]
    assert squat
    assert all(e.tempo.split("-")[2] == "X" for week, e in squat if week >= 3)
    assert all(e.tempo.split("-")[2] != "X" for week, e in squat if week <= 2)


@pytest.mark.parametrize("path", INFEASIBLE, ids=[p.stem for p in INFEASIBLE])
def test_infeasible_scenario_is_explained_in_training_terms(path):
    sc, catalog = load_scenario(path)
    with pytest.raises(InfeasibleError) as info:
        solve(sc, catalog, TEST_CONFIG)
    text = str(info.value)
    assert "rules." in text and "week" in text
    assert "guard" not in text and "literal" not in text  # no solver words


# ------------------------------------------------------------------------------ CLI
def test_cli_solve_writes_a_plan_that_check_and_show_accept(tmp_path):
    scenario_file = ROOT / "scenarios/home-dumbbells-3day.toml"
    out = tmp_path / "plan.json"
    result = runner.invoke(app, ["solve", str(scenario_file), "-o", str(out), "--time-limit", "5",
                                 "--deterministic"])
    assert result.exit_code == 0, result.output
    assert "Week 1 (block 1)" in result.stdout and "carbs g/kg" in result.stdout
    assert "objective" in result.stderr and "best bound" in result.stderr
    plan = load_plan(out)
    assert plan.format == "periodize-plan/2" and plan.sessions
    checked = runner.invoke(app, ["check", str(out)])
    assert checked.exit_code == 0 and checked.stdout.startswith("ok:")
    shown = runner.invoke(app, ["show", str(out), "--week", "2", "--format", "markdown"])
    assert shown.exit_code == 0 and "## Week 2" in shown.stdout and "Week 1" not in shown.stdout
    # a second solve keeps the first file as a backup
    again = runner.invoke(app, ["solve", str(scenario_file), "-o", str(out), "--time-limit", "2",
                                "--quiet"])
    assert again.exit_code == 0
    assert (tmp_path / "plan.json.bak").exists()


def test_cli_check_names_the_broken_rule(tmp_path):
    plan = solve(scenario(), config=TEST_CONFIG).plan
    data = json.loads(plan.to_json())
    # put two leg sessions in a row: copy Monday's exercises to Tuesday
    days = {s["weekday"]: s for s in data["sessions"] if s["week"] == 1}
    days["tue"]["exercises"] = days["mon"]["exercises"]
    days["tue"]["focus"] = days["mon"]["focus"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data))
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert "recovery" in result.stdout


def test_cli_solve_infeasible_exits_1_with_reason(tmp_path):
    result = runner.invoke(app, ["solve", str(INFEASIBLE[0]), "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 1
    assert "no plan possible" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "x.json").exists()


def test_cli_bad_options_exit_2(tmp_path):
    scenario_file = ROOT / "scenarios/home-dumbbells-3day.toml"
    bad = runner.invoke(app, ["solve", str(scenario_file), "--format", "pdf"])
    assert bad.exit_code == 2 and "allowed" in bad.stderr
    missing = runner.invoke(app, ["show", str(tmp_path / "nope.json")])
    assert missing.exit_code == 2 and "not found" in missing.stderr


def test_every_goal_profile_meets_its_set_duration_target():
    """Rule set_duration holds by construction: every rep scheme whose sets count in the median
    (SPEC §7.2: not power work, not main lifts of a band at ≥ 80% 1RM) lasts the goal's target
    time under tension ± 25%."""
    from models.profiles import PROFILES, ROLE_CATEGORIES, counts_in_set_duration

    counted = 0
    for profile in PROFILES.values():
        for category in ROLE_CATEGORIES:
            if not counts_in_set_duration("strength", profile.name, category):
                continue
            for variant in profile.variants_for(category):
                counted += 1
                assert abs(variant.seconds_per_set - profile.set_seconds) \
                    <= 0.25 * profile.set_seconds, (profile.name, category, variant)
    assert counted == 3 * 3 * len(PROFILES) - 3  # only the strength goal's main lifts stay out


def test_long_days_mean_up_to_and_still_solve():
    """300 free minutes a day: the session-use minimum is capped (45 min of work), so a plan
    exists and no session is a 2.5-hour marathon forced by the model."""
    from solver_helpers import solve_fixed

    from optimizer.validate import check_plan

    days = {d: {"minutes": 300, "location": "gym"} for d in ("mon", "tue", "thu", "fri")}
    result = solve_fixed(scenario(availability=days), config=TEST_CONFIG)
    assert result.plan is not None, result.status
    assert check_plan(result.plan) == []
    assert all(s.minutes <= 300 for s in result.plan.sessions)


def _rides(monday: int, tuesday: int = 0, thursday: int = 0):
    """An endurance (bike) plan whose steady bouts are these rides (5-minute units) on Monday
    (70 minutes free), Tuesday (60) and Thursday."""
    doses = {"mon": monday, "tue": tuesday, "thu": thursday}

    def fix(v):
        for s in slots_of(v):
            v.fix(s, exclude=ids(kind="cardio_interval"))
            if doses.get(s.weekday):
                v.fix(s, on=True, exercises={"steady-bike": doses[s.weekday]})
            else:
                v.fix(s, exclude=ids(kind="cardio_steady"))

    availability = scenario_data()["availability"] | {
        "mon": {"minutes": 70, "location": "gym"}, "tue": {"minutes": 60, "location": "gym"}}
    sc = scenario(weeks=4, goal="endurance", endurance_modality="bike",
                  availability=availability)
    return sc, fix


def _long_bouts(plan) -> list[int]:
    """Minutes of the longest steady bout of each week."""
    weeks: dict[int, int] = {}
    for s in plan.sessions:
        for e in s.exercises:
            if e.kind == "cardio_steady":
                weeks[s.week] = max(weeks.get(s.week, 0), e.seconds_per_set // 60)
    return [weeks[w] for w in sorted(weeks)]


def test_a_flat_long_session_in_a_block_is_in_the_model(monkeypatch):
    """A 30-minute ride every week: too short to grow 5 minutes a week within 10%, so weeks 2
    and 3 pay W.long_flat."""
    from optimizer.cpsat.rules import endurance

    sc, fix = _rides(6)
    plan = solve_fixed(sc, fix).plan
    assert _long_bouts(plan)[:3] == [30, 30, 30]
    _term_is_in_the_model(monkeypatch, sc, fix, endurance, "_flat",
                          "does not grow over the last regular week's")


def test_the_long_session_ramps_through_a_block(monkeypatch):
    """A 60-minute ride as the block's peak and 60 minutes of other rides: the long one runs 50,
    55, 60 minutes in the block's regular weeks (each step within the 10% a week; the week's
    cardio target rises as much), the deload cut from the peak; without the ramp the model
    can only hold it flat."""
    from optimizer.cpsat.rules import endurance
    from optimizer.validate import check_plan

    sc, fix = _rides(12, 10, 2)  # 120 minutes: the block's weekly target
    result = solve_fixed(sc, fix)
    assert _long_bouts(result.plan) == [50, 55, 60, 45]
    assert check_plan(result.plan) == []
    assert not any("does not grow" in t.detail for t in result.plan.objective_terms)
    monkeypatch.setattr(endurance, "ramp_floor", lambda *args: None)
    flat = solve_fixed(sc, fix).plan
    assert _long_bouts(flat) == [60, 60, 60, 45]
    assert flat.solver.objective > result.plan.solver.objective


def test_a_favoured_exercise_links_its_template_to_its_block():
    """Redundant for the bound: a template that uses a favoured exercise means its block does.
    Without the link the relaxation keeps a favourite across blocks for free (year-52-weeks:
    bound 0 against an optimum of 24, every point of it a kept favourite)."""
    from models.catalog import builtin_catalog
    from optimizer.cpsat.model import build

    sc = scenario(weeks=8, preferences={"favor": ["dumbbell-bench-press"]})
    built = build(sc, builtin_catalog())
    v, proto = built.vars, built.model.proto
    implied = {(c.enforcement_literal[0], c.bool_and.literals[0]) for c in proto.constraints
               if c.has_bool_and() and len(c.enforcement_literal) == 1
               and len(c.bool_and.literals) == 1}
    links = 0
    for (t_index, ex_id), present in v.template_uses.items():
        block = v.structure.templates[t_index].block
        links += (present.index, v.block_uses[(block, ex_id)].index) in implied
    assert len(v.template_uses) >= 2 and links == len(v.template_uses)


def test_the_warm_start_is_a_plan_of_the_full_model():
    """Blocks solved as windows (the first two together, each later one hinted from the block
    two before) chain their boundaries so that the whole assignment satisfies every hard rule
    of the full model: completing it as a hint succeeds."""
    from models.catalog import builtin_catalog
    from optimizer.cpsat import warmstart
    from optimizer.cpsat.model import build

    sc = scenario(weeks=16, preferences={"favor": ["dumbbell-bench-press"]})
    assert warmstart._groups([1, 2, 3, 4]) == [[1, 2], [3], [4]]
    assert warmstart._groups([1, 3, 4]) == [[1], [3], [4]]
    warm = warmstart.by_blocks(sc, builtin_catalog(), TEST_CONFIG, budget=4.0)
    assert warm.complete
    built = build(sc, builtin_catalog())
    assert warmstart.add_hints(built, warm.assignment)
