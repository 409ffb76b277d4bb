"""A catalog of several hundred imported exercises (issue 7): the generated free-exercise-db
stand-in (optimizer/bench/catalog.py), its import report, twin pruning in the model, and a
small slice solved and checked. Timings of the full size live in optimizer/bench/benchmark.py."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from solver_helpers import TEST_CONFIG, scenario_data

from models import builtin_catalog, parse_scenario
from models.catalog import Catalog, load_catalog
from models.catalog_import import catalog_toml, import_free_exercise_db
from optimizer.bench.catalog import generate
from optimizer.cpsat.model import build
from optimizer.dominance import MAX_TWINS, prune_twins, twin_key
from optimizer.solving import solve
from optimizer.validate import check_plan

KEYS = [
    "name",
    "force",
    "level",
    "mechanic",
    "equipment",
    "primaryMuscles",
    "secondaryMuscles",
    "instructions",
    "category",
    "images",
    "id",
]
MUSCLES = {
    "abdominals",
    "abductors",
    "adductors",
    "biceps",
    "calves",
    "chest",
    "forearms",
    "glutes",
    "hamstrings",
    "lats",
    "lower back",
    "middle back",
    "neck",
    "quadriceps",
    "shoulders",
    "traps",
    "triceps",
}
EQUIPMENT = {
    "body only",
    "dumbbell",
    "barbell",
    "cable",
    "machine",
    "kettlebells",
    "bands",
    "medicine ball",
    "exercise ball",
    "e-z curl bar",
    "foam roll",
    "other",
    None,
}
CATEGORIES = {
    "strength",
    "powerlifting",
    "olympic weightlifting",
    "strongman",
    "plyometrics",
    "cardio",
    "stretching",
}


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    return generate(870, seed=0)


@pytest.fixture(scope="module")
def imported(entries):
    return import_free_exercise_db(json.loads(json.dumps(entries)), "generated")


def test_generated_file_has_the_free_exercise_db_format(entries):
    assert len(entries) == 870 and entries == generate(870, seed=0)  # deterministic
    assert len({e["id"] for e in entries}) == 870
    assert [e["name"].lower() for e in entries] == sorted(e["name"].lower() for e in entries)
    for e in entries:
        assert list(e) == KEYS
        assert set(e["primaryMuscles"]) | set(e["secondaryMuscles"]) <= MUSCLES
        assert e["equipment"] in EQUIPMENT and e["category"] in CATEGORIES
        assert e["force"] in ("push", "pull", "static", None)
        assert e["mechanic"] in ("compound", "isolation", None)
        assert e["level"] in ("beginner", "intermediate", "expert")
    categories = Counter(e["category"] for e in entries)
    assert categories["strength"] > 500 and categories["stretching"] > 50
    assert all(categories[c] > 0 for c in CATEGORIES)


def test_import_report_says_what_is_skipped_and_why(entries, imported):
    assert imported.total == 870 and len(imported.exercises) >= 600  # several hundred
    reasons = imported.skipped_by_reason()
    assert set(reasons) <= {
        "equipment not in the vocabulary",
        "no primary muscle group in the vocabulary",
        "movement pattern not inferable from name, force and mechanic",
        "cardio machine or activity not in the vocabulary (bike, rower, "
        "treadmill, jump rope, running, swimming)",
    }
    skipped = {s.source_id: s.reason for s in imported.skipped}
    for e in entries:
        if e["equipment"] in ("medicine ball", "exercise ball", "foam roll"):
            assert skipped[e["id"]] == f"equipment not in the vocabulary: {e['equipment']}"
        strength = e["category"] in ("strength", "powerlifting", "strongman")
        if (
            strength
            and e["primaryMuscles"] in (["neck"], ["forearms"])
            and e["id"] not in skipped
            and not any(w in e["name"] for w in ("Walk", "Carry"))
        ):
            pytest.fail(f"{e['name']}: grip or neck work imported")
    kinds = Counter(ex.kind for ex in imported.exercises)
    assert kinds["strength"] > 500 and kinds["plyometric"] and kinds["mobility"]
    assert imported.missing_required_patterns() == []
    carries = [ex for ex in imported.exercises if ex.pattern == "carry"]
    assert carries and all(set(ex.primary) >= {"core"} for ex in carries)


def test_imported_catalog_has_many_twins_the_built_in_one_few(imported):
    big = Counter(twin_key(ex) for ex in imported.exercises if ex.kind != "mobility")
    assert max(big.values()) > MAX_TWINS  # what the pruning is for
    built_in = Counter(twin_key(ex) for ex in builtin_catalog().exercises)
    # so the built-in catalog's models (and their objective values) are unchanged
    assert max(built_in.values()) <= MAX_TWINS


def test_prune_twins_keeps_the_first_and_the_favoured():
    base = builtin_catalog().get("dumbbell-curl")
    assert base is not None
    clones = [base.model_copy(update={"id": f"curl-{i}", "name": f"Curl {i}"}) for i in range(6)]
    other = builtin_catalog().get("goblet-squat")
    kept = prune_twins([*clones, other], keep=["curl-5"])
    assert [e.id for e in kept] == ["curl-0", "curl-1", "curl-2", "curl-5", "goblet-squat"]
    assert prune_twins(clones, most=1) == clones[:1]


def test_model_offers_at_most_max_twins_per_slot():
    base = builtin_catalog().get("dumbbell-curl")
    clones = tuple(
        base.model_copy(update={"id": f"curl-{i}", "name": f"Curl {i}"}) for i in range(6)
    )
    catalog = Catalog(exercise=(*builtin_catalog().exercises, *clones))
    sc = parse_scenario(scenario_data(weeks=4), "twins")
    twins = [e.id for e in catalog.exercises if twin_key(e) == twin_key(base)]
    assert len(twins) > MAX_TWINS
    built = build(sc, catalog)
    for choices in built.vars.choices.values():
        curls = [c.exercise.id for c in choices if twin_key(c.exercise) == twin_key(base)]
        assert curls == twins[:MAX_TWINS]


def test_a_slice_of_the_imported_catalog_solves_and_checks(tmp_path: Path):
    """260 generated entries imported, written and used with `catalog = ...`: the plan
    passes `check` and uses only imported exercises."""
    result = import_free_exercise_db(generate(260, seed=1), "slice")
    path = tmp_path / "imported.toml"
    path.write_text(catalog_toml(result), encoding="utf-8")
    data = scenario_data(weeks=8, catalog=str(path), rules={"variation": {"block_weeks": 4}})
    data["locations"]["gym"]["equipment"] += ["barbell", "rack", "cable", "machine", "kettlebell"]
    sc = parse_scenario(data, "slice")
    catalog = load_catalog(path)
    assert len(catalog) == len(result.exercises) >= 180
    solved = solve(sc, catalog, TEST_CONFIG)
    assert solved.plan is not None, solved.summary()
    assert check_plan(solved.plan) == []
    used = {e.id for s in solved.plan.sessions for e in s.exercises}
    assert used and used <= {e.id for e in result.exercises}


def test_kept_ids_survive_pruning():
    """An old plan's exercises (replan pins them) and a swap's new one keep their variables."""
    base = builtin_catalog().get("dumbbell-curl")
    clones = tuple(
        base.model_copy(update={"id": f"curl-{i}", "name": f"Curl {i}"}) for i in range(6)
    )
    catalog = Catalog(exercise=(*builtin_catalog().exercises, *clones))
    sc = parse_scenario(scenario_data(weeks=4), "twins")
    pruned = build(sc, catalog)
    kept = build(sc, catalog, keep=frozenset({"curl-5"}))
    for key, choices in kept.vars.choices.items():
        assert "curl-5" in {c.exercise.id for c in choices}
        assert "curl-5" not in {c.exercise.id for c in pruned.vars.choices[key]}
