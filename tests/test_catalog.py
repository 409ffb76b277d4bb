"""The built-in catalog covers every rule's needs, and `periodize catalog` filters it."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from typer.testing import CliRunner

from models.catalog import builtin_catalog
from models.vocab import EQUIPMENT, MUSCLE_GROUPS, PATTERNS
from optimizer.cli import app

CATALOG = builtin_catalog()
EXERCISES = CATALOG.exercises
runner = CliRunner()


def test_size():
    assert len(EXERCISES) >= 120


def test_ids_unique_and_kebab_case():
    ids = [ex.id for ex in EXERCISES]
    assert len(ids) == len(set(ids))
    for ex_id in ids:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ex_id), ex_id


@pytest.mark.parametrize("muscle", MUSCLE_GROUPS)
def test_every_muscle_is_primary_in_four_strength_exercises(muscle: str):
    found = [ex for ex in EXERCISES if ex.kind == "strength" and muscle in ex.primary]
    assert len(found) >= 4, muscle


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_pattern_has_three_exercises(pattern: str):
    assert sum(ex.pattern == pattern for ex in EXERCISES) >= 3, pattern


def test_every_equipment_item_is_used():
    used = {item for ex in EXERCISES for item in ex.equipment}
    assert used == set(EQUIPMENT)


@pytest.mark.parametrize(
    "pattern",
    ["squat", "hinge", "calf_raise", "horizontal_push", "vertical_push", "horizontal_pull",
     "vertical_pull", "core"],
)
def test_bodyweight_only_covers_the_basic_patterns(pattern: str):
    found = [ex for ex in EXERCISES
             if ex.kind == "strength" and ex.pattern == pattern and not ex.equipment]
    assert found, f"no bodyweight strength exercise for {pattern}"


def test_bodyweight_novice_can_do_squat_hinge_and_calf_raise():
    # the `legs` and `calves` rules need these every week, even for a beginner at home
    for pattern in ("squat", "hinge", "calf_raise"):
        assert any(ex.pattern == pattern and ex.kind == "strength" and not ex.equipment
                   and ex.level == "novice" for ex in EXERCISES), pattern


def test_plyometrics():
    plyo = [ex for ex in EXERCISES if ex.kind == "plyometric"]
    assert len(plyo) >= 4
    assert all(ex.pattern == "plyometric" for ex in plyo)


@pytest.mark.parametrize("kind", ["cardio_steady", "cardio_interval"])
def test_cardio_modalities(kind: str):
    modalities = Counter(ex.modality for ex in EXERCISES if ex.kind == kind)
    for modality in ("run", "bike", "row", "rope"):
        assert modalities[modality] >= 1, f"{kind} has no {modality}"


def test_cardio_has_no_primary_muscles_and_counts_as_cardio():
    cardio = [ex for ex in EXERCISES if ex.kind in ("cardio_steady", "cardio_interval")]
    assert cardio
    for ex in cardio:
        assert ex.primary == (), ex.id  # cardio never counts as leg work
        assert ex.pattern == "cardio", ex.id
        assert ex.modality, ex.id


def test_conditioning():
    assert sum(ex.kind == "conditioning" for ex in EXERCISES) >= 3


def test_modality_only_for_cardio():
    for ex in EXERCISES:
        if ex.kind not in ("cardio_steady", "cardio_interval"):
            assert ex.modality == "", ex.id


# ------------------------------------------------------------------ `periodize catalog`
def _rows(output: str) -> dict[str, str]:
    """id -> table line of a `periodize catalog` listing."""
    ids = CATALOG.by_id()
    rows = {}
    for line in output.splitlines():
        first = line.split(" ", 1)[0]
        if first in ids:
            rows[first] = line
    return rows


def test_catalog_dumbbells_quads_lists_real_options_without_barbell():
    result = runner.invoke(app, ["catalog", "--equipment", "dumbbells", "--muscle", "quads"])
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    by_id = CATALOG.by_id()
    with_dumbbells = [i for i in rows if "dumbbells" in by_id[i].equipment]
    assert len(with_dumbbells) >= 3, rows
    assert "goblet-squat" in rows
    for ex_id in rows:
        ex = by_id[ex_id]
        assert "quads" in ex.primary
        assert set(ex.equipment) <= {"dumbbells"}, ex_id
    assert "barbell-back-squat" not in rows
    assert "barbell" not in result.stdout.replace("bodyweight", "")


def test_catalog_without_filters_lists_everything():
    result = runner.invoke(app, ["catalog"])
    assert result.exit_code == 0, result.output
    assert len(_rows(result.stdout)) == len(CATALOG)
    assert f"{len(CATALOG)} of {len(CATALOG)} exercises" in result.stdout


def test_catalog_bodyweight_only_and_pattern_and_kind():
    result = runner.invoke(app, ["catalog", "--equipment", "bodyweight", "--pattern", "hinge",
                                 "--kind", "strength"])
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    assert rows and "glute-bridge" in rows
    assert all(not CATALOG.by_id()[i].equipment for i in rows)


@pytest.mark.parametrize(
    ("option", "value", "allowed"),
    [("--equipment", "laser", "pullup_bar"), ("--muscle", "legs", "hamstrings"),
     ("--pattern", "push", "horizontal_push"), ("--kind", "yoga", "cardio_steady")],
)
def test_catalog_unknown_filter_value_is_exit_2_with_allowed_list(option, value, allowed):
    result = runner.invoke(app, ["catalog", option, value])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.startswith(f"error: {option}: unknown value {value!r}")
    assert allowed in result.stderr


# ------------------------------------------------------------------------------ selection data
def test_every_regression_names_a_loadable_or_harder_standard_of_its_pattern():
    by_id = CATALOG.by_id()
    regressions = [ex for ex in EXERCISES if ex.regression_of]
    assert len(regressions) >= 30
    for ex in regressions:
        target = by_id[ex.regression_of]
        assert not ex.loadable, ex.id
        assert target.pattern == ex.pattern, ex.id
        assert set(target.primary) & set(ex.primary), ex.id


@pytest.mark.parametrize("ex_id", [
    "knee-push-up", "towel-door-row", "doorframe-row", "under-table-row", "band-lat-pulldown",
    "band-assisted-pull-up", "bodyweight-squat", "bodyweight-reverse-lunge",
    "bodyweight-good-morning", "bodyweight-single-leg-rdl", "glute-bridge", "banded-squat",
    "banded-chest-press", "banded-overhead-press", "band-row", "superman-pull", "pike-push-up",
    # coach review: in a full gym these read as filler, not programming
    "inverted-row", "bench-dip",
])
def test_spec_regressions_are_marked(ex_id):
    # SPEC §7.1 names these (or their kind) as regressions
    assert CATALOG.get(ex_id).regression_of


def test_roles_loadable_and_hinges():
    by_id = CATALOG.by_id()
    assert by_id["barbell-back-squat"].role == "main"
    assert by_id["power-clean"].role == "power"
    assert by_id["dumbbell-curl"].role == "isolation"
    assert by_id["box-jump"].role == "power"
    assert by_id["kettlebell-swing-circuit"].role == "conditioning"
    assert by_id["steady-bike"].role == "cardio"
    assert by_id["pull-up"].loadable and not by_id["push-up"].loadable
    assert not by_id["inverted-row"].loadable  # bodyweight under a bar
    hinges = {ex.id for ex in EXERCISES if ex.true_hinge}
    assert {"conventional-deadlift", "romanian-deadlift", "barbell-good-morning",
            "back-extension", "dumbbell-romanian-deadlift"} <= hinges
    assert not hinges & {"barbell-hip-thrust", "glute-bridge", "kettlebell-swing",
                         "power-clean", "cable-pull-through"}


def test_one_exercise_per_strength_lift():
    lifts = Counter(ex.strength_lift for ex in EXERCISES if ex.strength_lift)
    assert lifts == {"squat": 1, "bench_press": 1, "deadlift": 1, "overhead_press": 1}


def test_a_user_catalog_without_the_new_fields_gets_derived_ones():
    from models.catalog import parse_catalog

    cat = parse_catalog({"exercise": [
        {"id": "a", "name": "A", "kind": "strength", "pattern": "squat", "primary": ["quads"],
         "equipment": ["dumbbells"]},
        {"id": "b", "name": "B", "kind": "strength", "pattern": "isolation",
         "primary": ["biceps"], "equipment": ["bands"]},
        {"id": "c", "name": "C", "kind": "plyometric", "pattern": "plyometric",
         "primary": ["quads"]},
    ]}, "user.toml")
    a, b, c = cat.exercises
    assert (a.role, a.loadable) == ("accessory", True)
    assert (b.role, b.loadable) == ("isolation", False)
    assert c.role == "power"


@pytest.mark.parametrize(("entry", "message"), [
    ({"regression_of": "nowhere"}, "regression_of names unknown exercise 'nowhere'"),
    ({"true_hinge": True}, "true_hinge applies to pattern 'hinge' only"),
    ({"strength_lift": "squat"}, "strength_lift applies to strength main lifts"),
    ({"role": "boss"}, "role"),
])
def test_bad_selection_fields_are_input_errors(entry, message):
    from models.catalog import parse_catalog
    from models.errors import InputError

    data = {"exercise": [{"id": "a", "name": "A", "kind": "strength", "pattern": "squat",
                          "primary": ["quads"], **entry}]}
    with pytest.raises(InputError) as info:
        parse_catalog(data, "user.toml")
    assert message in str(info.value) and "user.toml" in str(info.value)
