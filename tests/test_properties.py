"""Property tests (issue 8): random valid scenarios always end in a plan that the independent
checker accepts, with the objective recomputed equal to the solver's, or in an explained
InfeasibleError — never in another exception; `replan` never alters sessions before --from.

CI runs a few derandomized examples with a short deterministic time limit. A bigger, random run:

    PERIODIZE_PROPERTY_EXAMPLES=150 python -m pytest -q tests/test_properties.py
"""

from __future__ import annotations

import json
import os
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, event, example, given, note, settings
from hypothesis import strategies as st

from models import builtin_catalog, parse_scenario
from models.errors import InfeasibleError, InputError
from models.horizon import Horizon
from models.profiles import RULES
from models.vocab import EQUIPMENT, WEEKDAYS
from optimizer.objective import compute_objective_terms
from optimizer.replan import replan
from optimizer.solving import SolveConfig, solve
from optimizer.validate import check_plan

BIG = int(os.environ.get("PERIODIZE_PROPERTY_EXAMPLES", "0"))
CONFIG = SolveConfig(time_limit=2.0, seed=0, deterministic=True)
SETTINGS = settings(
    max_examples=BIG or 6,
    derandomize=not BIG,  # CI: the same examples every run
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
GOALS = ("hypertrophy", "strength", "fat_loss", "endurance", "general")
START = date(2027, 1, 4)


@st.composite
def scenarios(draw, max_weeks: int = 16) -> dict:
    weeks = draw(st.integers(1, max_weeks))
    start = START + timedelta(days=draw(st.integers(0, 6)))  # any weekday
    n_loc = draw(st.integers(1, 2))
    locations = {
        f"loc{i}": {"equipment": sorted(draw(st.sets(st.sampled_from(EQUIPMENT))))}
        for i in range(n_loc)
    }
    names = sorted(locations)
    days = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True))
    availability = {
        wd: {
            "minutes": draw(st.one_of(st.integers(15, 120), st.integers(0, 300))),
            "location": draw(st.sampled_from(names)),
        }
        for wd in days
    }
    if all(d["minutes"] == 0 for d in availability.values()):
        availability[days[0]]["minutes"] = 60
    data: dict = {
        "name": "property",
        "start": start.isoformat(),
        "weeks": weeks,
        "level": draw(st.sampled_from(("novice", "intermediate", "advanced"))),
        "body_mass_kg": draw(st.integers(45, 140)),
        "sleep_hours": draw(st.sampled_from((6.0, 7.5, 8.0))),
        "locations": locations,
        "availability": availability,
    }
    if draw(st.booleans()):
        data["goal"] = draw(st.sampled_from(GOALS))
    else:
        mix = draw(st.lists(st.sampled_from(GOALS), min_size=2, max_size=3, unique=True))
        weights = [draw(st.integers(0, 10)) for _ in mix]
        weights[0] = max(weights[0], 1)
        data["goal_weights"] = {g: w / 10 for g, w in zip(mix, weights, strict=True)}
    # exceptions: up to two disjoint periods, a break or other days, maybe outside the plan
    exceptions, cursor = [], start
    for _ in range(draw(st.integers(0, 2))):
        first = cursor + timedelta(days=draw(st.integers(0, 7 * weeks)))
        last = first + timedelta(days=draw(st.integers(0, 13)))
        exc_days = draw(st.lists(st.sampled_from(WEEKDAYS), max_size=3, unique=True))
        exceptions.append(
            {
                "from": first.isoformat(),
                "to": last.isoformat(),
                "availability": {wd: draw(st.integers(0, 90)) for wd in exc_days},
                "location": draw(st.sampled_from(names)),
            }
        )
        cursor = last + timedelta(days=1)
    if exceptions:
        data["exceptions"] = exceptions
    # rule overrides: switch a rule off or set a parameter anywhere in its allowed range
    rules: dict = {}
    for rule in draw(st.lists(st.sampled_from(sorted(RULES)), max_size=3, unique=True)):
        params = RULES[rule]
        if not params or draw(st.booleans()):
            rules[rule] = {"enabled": draw(st.booleans())}
            continue
        key = draw(st.sampled_from(sorted(params)))
        spec = params[key]
        if isinstance(spec.default, int):
            value = draw(st.integers(int(spec.lo), int(spec.hi)))
        else:
            value = round(draw(st.floats(spec.lo, spec.hi)), 3)
        rules[rule] = {key: value}
    if rules:
        data["rules"] = rules
    if draw(st.booleans()):
        ids = [e.id for e in builtin_catalog().exercises]
        data["preferences"] = {"favor": [draw(st.sampled_from(ids))]}
    return data


def _valid(data: dict):
    try:
        return parse_scenario(data, "property scenario")
    except InputError as err:
        # a drawn combination the scenario rules refuse up front (e.g. no squat left for this
        # equipment and level, favor of an avoided pattern): not this property's subject
        note(f"refused: {err}")
        event("refused up front")
        return None


# Found by the big run: an exercise only in the last regular week and the deload (which holds
# the previous week's rest) was reported as "rest stays"; the checker now asks the fall of the
# regular weeks only.
FOUND_DELOAD_REST = {
    "name": "property",
    "start": "2027-01-04",
    "weeks": 3,
    "level": "novice",
    "body_mass_kg": 45,
    "sleep_hours": 6.0,
    "locations": {"loc0": {"equipment": []}, "loc1": {"equipment": []}},
    "availability": {
        wd: {"minutes": m, "location": "loc0"}
        for wd, m in (("mon", 100), ("tue", 15), ("wed", 15), ("thu", 117), ("sun", 15))
    },
    "goal_weights": {"hypertrophy": 0.1, "strength": 0.0, "general": 0.0},
    "exceptions": [
        {"from": "2027-01-04", "to": "2027-01-04", "availability": {}, "location": "loc0"}
    ],
}


@SETTINGS
@given(data=scenarios())
@example(data=FOUND_DELOAD_REST)
def test_random_scenario_gives_a_checked_plan_or_an_explanation(data):
    note(json.dumps(data, indent=1))
    sc = _valid(data)
    if sc is None:
        return
    try:
        result = solve(sc, builtin_catalog(), CONFIG)
    except InfeasibleError as err:
        assert str(err).strip(), "an infeasible scenario needs an explanation"
        event("infeasible, explained")
        return
    if result.plan is None:
        # the short time limit ended before any plan: a status, never a broken model
        assert result.status == "unknown", result.status
        event("no plan within the time limit")
        return
    event(f"plan {result.status}")
    violations = check_plan(result.plan)
    assert violations == [], [v.message for v in violations]
    recomputed = sum(t.penalty for t in compute_objective_terms(result.plan, sc, Horizon(sc)))
    assert recomputed == pytest.approx(result.objective, abs=1e-6)
    assert result.plan.solver.objective == pytest.approx(result.objective, abs=1e-6)


# --- replan never touches the past ---------------------------------------------------------
REPLAN_BASE = {
    "name": "replan property",
    "start": "2027-01-04",
    "weeks": 6,
    "goal": "hypertrophy",
    "body_mass_kg": 75,
    "locations": {"gym": {"equipment": ["dumbbells", "bench", "bands", "pullup_bar", "bike"]}},
    "availability": {wd: {"minutes": 45} for wd in ("mon", "tue", "thu", "fri")},
    "rules": {"variation": {"block_weeks": 2}},
}


@pytest.fixture(scope="module")
def old_plan():
    result = solve(parse_scenario(REPLAN_BASE, "replan base"), builtin_catalog(), CONFIG)
    assert result.plan is not None
    return result.plan


@st.composite
def changes(draw) -> tuple[dict, date]:
    data = json.loads(json.dumps(REPLAN_BASE))
    what = draw(st.sampled_from(("drop_day", "minutes", "add_day", "exception", "goal", "none")))
    avail = data["availability"]
    if what == "drop_day":
        avail.pop(draw(st.sampled_from(sorted(avail))))
    elif what == "minutes":
        avail[draw(st.sampled_from(sorted(avail)))]["minutes"] = draw(st.integers(20, 120))
    elif what == "add_day":
        avail[draw(st.sampled_from(("wed", "sat", "sun")))] = {"minutes": draw(st.integers(30, 90))}
    elif what == "exception":
        first = date(2027, 1, 4) + timedelta(days=draw(st.integers(0, 41)))
        data["exceptions"] = [
            {
                "from": first.isoformat(),
                "to": (first + timedelta(days=draw(st.integers(0, 9)))).isoformat(),
                "availability": draw(st.sampled_from(({}, {"tue": 30, "thu": 30}))),
            }
        ]
    elif what == "goal":
        data["goal"] = draw(st.sampled_from(GOALS))
    from_date = date(2027, 1, 4) + timedelta(days=draw(st.integers(0, 41)))
    return data, from_date


@settings(SETTINGS, max_examples=BIG or 4)
@given(change=changes())
def test_replan_never_alters_sessions_before_from(old_plan, change):
    data, from_date = change
    note(f"from {from_date}: {json.dumps(data)}")
    new_sc = _valid(data)
    if new_sc is None:
        return
    try:
        result = replan(old_plan, new_sc, from_date, config=CONFIG)
    except InfeasibleError as err:
        assert str(err).strip()
        event("infeasible, explained")
        return
    if result.plan is None:
        assert result.status == "unknown", result.status
        event("no plan within the time limit")
        return
    event(f"plan {result.status}")

    def past(plan) -> list:
        return [s.model_dump(mode="json") for s in plan.sessions if s.date < from_date]

    assert past(result.plan) == past(old_plan)
