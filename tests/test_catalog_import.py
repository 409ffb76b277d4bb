"""Catalog import from the free-exercise-db format: mapping to the vocabulary, skip reasons,
the TOML writer, the `catalog-import` command, and a scenario solved on the imported catalog."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from solver_helpers import TEST_CONFIG
from typer.testing import CliRunner

from models.catalog import builtin_catalog, load_catalog
from models.catalog_import import (
    catalog_toml,
    import_catalog,
    import_free_exercise_db,
    read_free_exercise_db,
    slugify,
    toml_string,
)
from models.errors import InputError
from models.scenario import load_scenario
from optimizer.cli import app
from optimizer.solving import solve
from optimizer.validate import check_plan

FIXTURE = Path(__file__).parent / "data" / "free-exercise-db-sample.json"
runner = CliRunner()


@pytest.fixture(scope="module")
def result():
    return import_catalog(FIXTURE)


def _by_name(result) -> dict:
    return {e.name: e for e in result.exercises}


# ------------------------------------------------------------------------------ mapping
def test_fixture_counts_and_skip_reasons(result):
    entries = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert result.total == len(entries) == 33
    assert len(result.exercises) == 26
    assert {s.name: s.reason for s in result.skipped} == {
        "Medicine Ball Chest Pass": "equipment not in the vocabulary: medicine ball",
        "Exercise Ball Crunch": "equipment not in the vocabulary: exercise ball",
        "Calves-SMR": "equipment not in the vocabulary: foam roll",
        "Farmer's Walk": "equipment not in the vocabulary: other (unspecified)",
        "Palms-Down Wrist Curl Over A Bench":
            "no primary muscle group in the vocabulary: forearms",
        "Lying Face Down Plate Neck Resistance": "no primary muscle group in the vocabulary: neck",
        "Elliptical Trainer": "cardio machine or activity not in the vocabulary (bike, rower, "
                              "treadmill, jump rope, running, swimming)",
    }
    assert result.skipped_by_reason() == {
        "equipment not in the vocabulary": 4,
        "no primary muscle group in the vocabulary": 2,
        "cardio machine or activity not in the vocabulary (bike, rower, treadmill, jump rope, "
        "running, swimming)": 1,
    }
    assert result.missing_required_patterns() == []
    kinds = {}
    for e in result.exercises:
        kinds[e.kind] = kinds.get(e.kind, 0) + 1
    assert kinds == {"strength": 21, "plyometric": 1, "cardio_steady": 2, "cardio_interval": 1,
                     "mobility": 1}


# name -> (id, kind, pattern, primary, equipment, level)
EXPECTED = {
    "Barbell Full Squat": ("barbell-full-squat", "strength", "squat", ("quads", "glutes"),
                           ("barbell", "rack"), "intermediate"),
    "Goblet Squat": ("goblet-squat", "strength", "squat", ("quads", "glutes"), ("kettlebell",),
                     "novice"),
    "Romanian Deadlift": ("romanian-deadlift", "strength", "hinge", ("hamstrings", "glutes"),
                          ("barbell",), "intermediate"),
    "Sumo Deadlift": ("sumo-deadlift", "strength", "hinge", ("hamstrings", "glutes"),
                      ("barbell",), "intermediate"),
    "Clean and Jerk": ("clean-and-jerk", "strength", "hinge",
                       ("shoulders", "glutes", "hamstrings", "quads"), ("barbell",), "advanced"),
    "Dumbbell Lunges": ("dumbbell-lunges", "strength", "lunge", ("quads", "glutes"),
                        ("dumbbells",), "novice"),
    "Standing Calf Raises": ("standing-calf-raises", "strength", "calf_raise", ("calves",),
                             ("machine",), "novice"),
    "Dumbbell Bench Press": ("dumbbell-bench-press", "strength", "horizontal_push", ("chest",),
                             ("dumbbells", "bench"), "novice"),
    "Standing Military Press": ("standing-military-press", "strength", "vertical_push",
                                ("shoulders",), ("barbell", "rack"), "novice"),
    "Bent Over Barbell Row": ("bent-over-barbell-row", "strength", "horizontal_pull", ("back",),
                              ("barbell",), "novice"),
    "Pullups": ("pullups", "strength", "vertical_pull", ("back",), ("pullup_bar",), "novice"),
    "Suitcase Carry": ("suitcase-carry", "strength", "carry", ("core", "back"), ("kettlebell",),
                       "novice"),
    "Plank": ("plank", "strength", "core", ("core",), (), "novice"),
    "Hanging Leg Raise": ("hanging-leg-raise", "strength", "core", ("core",), ("pullup_bar",),
                          "advanced"),
    "Tricep Dumbbell Kickback": ("tricep-dumbbell-kickback", "strength", "isolation",
                                 ("triceps",), ("dumbbells",), "novice"),
    "EZ-Bar Curl": ("ez-bar-curl", "strength", "isolation", ("biceps",), ("barbell",), "novice"),
    "Face Pull": ("face-pull", "strength", "horizontal_pull", ("shoulders",), ("cable",),
                  "intermediate"),
    "Leg Extensions": ("leg-extensions", "strength", "isolation", ("quads",), ("machine",),
                       "novice"),
    "Band Pull Apart": ("band-pull-apart", "strength", "isolation", ("shoulders",), ("bands",),
                        "novice"),
    "Barbell Shrug": ("barbell-shrug", "strength", "isolation", ("back",), ("barbell",), "novice"),
    "Thigh Abductor": ("thigh-abductor", "strength", "isolation", ("glutes",), ("machine",),
                       "novice"),
    "Box Jump (Multiple Response)": ("box-jump-multiple-response", "plyometric", "plyometric",
                                     ("hamstrings",), ("box",), "novice"),
    "Bicycling, Stationary": ("bicycling-stationary", "cardio_steady", "cardio", (), ("bike",),
                              "novice"),
    "Rope Jumping": ("rope-jumping", "cardio_steady", "cardio", (), ("jump_rope",),
                     "intermediate"),
    "Treadmill Sprint Intervals": ("treadmill-sprint-intervals", "cardio_interval", "cardio", (),
                                   ("treadmill",), "intermediate"),
    "Hamstring Stretch": ("hamstring-stretch", "mobility", "isolation", (), (), "novice"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_entry_mapping(result, name):
    ex = _by_name(result)[name]
    assert (ex.id, ex.kind, ex.pattern, ex.primary, ex.equipment, ex.level) == EXPECTED[name]


def test_flags_secondary_muscles_and_modality(result):
    ex = _by_name(result)
    # explosive: compound squat / hinge / lunge and plyometrics; never isolation or holds
    assert all(ex[n].explosive for n in ("Barbell Full Squat", "Goblet Squat",
                                         "Romanian Deadlift", "Dumbbell Lunges",
                                         "Box Jump (Multiple Response)"))
    assert not any(ex[n].explosive for n in ("Leg Extensions", "Plank", "Standing Calf Raises",
                                             "Dumbbell Bench Press"))
    assert ex["Plank"].isometric and not ex["Hanging Leg Raise"].isometric
    assert ex["Dumbbell Lunges"].unilateral and not ex["Barbell Full Squat"].unilateral
    assert ex["Barbell Full Squat"].main_lift and ex["Pullups"].main_lift
    assert not ex["Goblet Squat"].main_lift and not ex["Leg Extensions"].main_lift
    # lower back, lats, middle back, traps -> back; abductors -> glutes; forearms, neck dropped
    assert ex["Barbell Full Squat"].secondary == ("calves", "hamstrings", "back")  # glutes: primary
    assert ex["Bent Over Barbell Row"].secondary == ("biceps", "shoulders")  # lats = primary
    assert ex["Sumo Deadlift"].secondary == ("back", "quads")
    assert ex["EZ-Bar Curl"].secondary == ()
    # cardio and mobility list their muscles as secondary only (cardio never counts as legs)
    assert ex["Bicycling, Stationary"].secondary == ("quads", "calves", "glutes", "hamstrings")
    assert ex["Hamstring Stretch"].secondary == ("hamstrings",)
    assert [ex[n].modality for n in ("Bicycling, Stationary", "Rope Jumping",
                                     "Treadmill Sprint Intervals")] == ["bike", "rope", "run"]
    assert all(e.modality == "" for e in ex.values() if not e.kind.startswith("cardio"))


def test_edge_entries():
    entries = [
        {"name": "Push-Up Plus", "category": "strength", "equipment": "other", "force": "push",
         "mechanic": "compound", "level": "beginner", "primaryMuscles": ["chest"]},
        {"name": "Goblet Squat", "category": "strength", "equipment": "dumbbell",
         "force": "push", "mechanic": "compound", "primaryMuscles": ["quadriceps"]},
        {"name": "Goblet Squat", "category": "strength", "equipment": "kettlebells",
         "force": "push", "mechanic": "compound", "primaryMuscles": ["quadriceps"]},
        {"name": "Sun Salutation", "category": "yoga", "primaryMuscles": []},
        {"name": "Mystery Move", "category": "strength", "equipment": "body only",
         "force": "pull", "mechanic": None, "primaryMuscles": ["shoulders"]},
        {"name": "Ankle Thing", "category": "strength", "primaryMuscles": ["tibialis"]},
        {"name": "Odd Level", "category": "strength", "level": "elite", "primaryMuscles": []},
        {"category": "strength"},
        "not an object",
        {"name": "No Category", "primaryMuscles": ["chest"]},
    ]
    out = import_free_exercise_db(entries)
    assert [(e.id, e.equipment) for e in out.exercises] == [
        ("push-up-plus", ()), ("goblet-squat", ("dumbbells",)),
        ("goblet-squat-2", ("kettlebell",)),
    ]
    assert out.exercises[0].pattern == "horizontal_push"
    assert out.exercises[1].level == "intermediate"  # no level given
    assert [s.reason for s in out.skipped] == [
        "category not in the vocabulary: yoga",
        "movement pattern not inferable from name, force and mechanic",
        "unknown muscle: tibialis",
        "unknown level: elite",
        "no name",
        "not an object (str)",
        "no category",
    ]
    assert out.skipped[4].name == "entry 7" and out.skipped[5].source_id == "[8]"


def test_slugify():
    assert slugify("Farmer's Walk") == "farmers-walk"
    assert slugify("3/4 Sit-Up") == "3-4-sit-up"
    assert slugify("  Bicycling, Stationary ") == "bicycling-stationary"
    assert slugify("Box Jump (Multiple Response)") == "box-jump-multiple-response"


# ------------------------------------------------------------------------------ TOML writer
@pytest.mark.parametrize("text", ['plain', 'say "hi"', "back\\slash", "tab\there",
                                  "line\nbreak", "bell\x07", "del\x7f", "ünïcödé ×", ""])
def test_toml_string_round_trips(text):
    assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text


def test_written_toml_loads_as_the_same_catalog(result, tmp_path: Path):
    path = tmp_path / "imported.toml"
    path.write_text(catalog_toml(result), encoding="utf-8")
    catalog = load_catalog(path)
    assert catalog.exercises == tuple(result.exercises)
    text = path.read_text(encoding="utf-8")
    assert text.count("[[exercise]]") == 26
    assert "# free-exercise-db: Barbell_Full_Squat" in text
    assert "#   Farmer's Walk (Farmers_Walk): equipment not in the vocabulary" in text


def test_hostile_names_survive_the_writer(tmp_path: Path):
    entries = [{"name": 'The "Quoted" \\ Squat\nline', "id": "x\ny", "category": "strength",
                "equipment": "barbell", "force": "push", "mechanic": "compound",
                "primaryMuscles": ["quadriceps"]}]
    out = import_free_exercise_db(entries, source="evil\nsource.json")
    path = tmp_path / "c.toml"
    path.write_text(catalog_toml(out), encoding="utf-8")
    loaded = load_catalog(path).exercises[0]
    assert loaded.name == 'The "Quoted" \\ Squat line'  # whitespace runs collapse to one space
    assert loaded.id == "the-quoted-squat-line" and loaded.pattern == "squat"


def test_bad_input_files(tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    with pytest.raises(InputError, match="JSON syntax error"):
        read_free_exercise_db(bad)
    number = tmp_path / "number.json"
    number.write_text("42", encoding="utf-8")
    with pytest.raises(InputError, match="JSON array"):
        read_free_exercise_db(number)
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    with pytest.raises(InputError, match="no exercises"):
        read_free_exercise_db(empty)
    junk = tmp_path / "junk.json"
    junk.write_text(json.dumps([{"name": "Foam Thing", "category": "stretching",
                                 "equipment": "foam roll"}]), encoding="utf-8")
    with pytest.raises(InputError, match="no entry could be mapped"):
        import_catalog(junk)
    with pytest.raises(InputError, match="free-exercise-db"):
        import_catalog(FIXTURE, "wger")


# ------------------------------------------------------------------------------ CLI
def test_cli_catalog_import(tmp_path: Path):
    out = tmp_path / "my-catalog.toml"
    result = runner.invoke(app, ["catalog", "import", str(FIXTURE), "--from", "free-exercise-db",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "imported 26 of 33 exercises" in result.stdout
    assert "Elliptical Trainer" in result.stdout and "medicine ball" in result.stdout
    assert len(load_catalog(out)) == 26
    browse = runner.invoke(app, ["catalog", "--catalog", str(out), "--pattern", "squat"])
    assert browse.exit_code == 0 and "goblet-squat" in browse.stdout
    # an existing catalog is kept as a backup
    again = runner.invoke(app, ["catalog-import", str(FIXTURE), "-o", str(out)])
    assert again.exit_code == 0 and (tmp_path / "my-catalog.toml.bak").exists()


def test_cli_catalog_import_hidden_alias(tmp_path: Path):
    """`catalog-import` (the first spelling) still works and writes the same file."""
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    assert runner.invoke(app, ["catalog", "import", str(FIXTURE), "-o", str(a)]).exit_code == 0
    assert runner.invoke(app, ["catalog-import", str(FIXTURE), "-o", str(b)]).exit_code == 0
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")
    assert "catalog-import" not in runner.invoke(app, ["--help"]).stdout


def test_cli_catalog_group_keeps_browsing(tmp_path: Path):
    """`catalog` is a group: alone or with filters it browses, `import` is a subcommand."""
    everything = runner.invoke(app, ["catalog"])
    assert everything.exit_code == 0, everything.output
    n = len(builtin_catalog().exercises)
    assert f"{n} of {n} exercises" in everything.stdout
    quads = runner.invoke(app, ["catalog", "--equipment", "barbell", "--muscle", "quads"])
    assert quads.exit_code == 0, quads.output
    rows = [line.split()[0] for line in quads.stdout.splitlines()[2:-1]]
    assert "overhead-squat" in rows and "bodyweight-squat" in rows
    assert "barbell-back-squat" not in rows and "leg-press" not in rows  # rack, machine: not had
    assert quads.stdout.splitlines()[-1].endswith("exercises (catalog: built-in)")
    bad = runner.invoke(app, ["catalog", "--muscle", "wings"])
    assert bad.exit_code == 2 and "wings" in bad.stderr
    for args in (["catalog", "--help"], ["catalog", "import", "--help"]):
        shown = runner.invoke(app, args)
        assert shown.exit_code == 0 and "Usage" in shown.stdout
    assert "import" in runner.invoke(app, ["catalog", "--help"]).stdout
    assert "--from" in runner.invoke(app, ["catalog", "import", "--help"]).stdout
    # browse options before `import` are a usage mistake, not silently dropped
    mixed = runner.invoke(app, ["catalog", "--muscle", "quads", "import", str(FIXTURE), "-o",
                                str(tmp_path / "c.toml")])
    assert mixed.exit_code == 2 and "do not apply" in mixed.stderr
    assert not (tmp_path / "c.toml").exists()


def test_cli_catalog_import_bad_options(tmp_path: Path):
    wrong = runner.invoke(app, ["catalog", "import", str(FIXTURE), "--from", "wger", "-o",
                                str(tmp_path / "c.toml")])
    assert wrong.exit_code == 2 and "free-exercise-db" in wrong.stderr
    not_toml = runner.invoke(app, ["catalog-import", str(FIXTURE), "-o",
                                   str(tmp_path / "c.json")])
    assert not_toml.exit_code == 2 and ".toml" in not_toml.stderr
    missing = runner.invoke(app, ["catalog-import", str(tmp_path / "nope.json"), "-o",
                                  str(tmp_path / "c.toml")])
    assert missing.exit_code == 2 and "not found" in missing.stderr
    assert not (tmp_path / "c.toml").exists()


# ------------------------------------------------------------------------------ solving
SCENARIO = """\
name = "imported catalog"
start = 2027-01-04
weeks = 4
goal = "hypertrophy"
level = "intermediate"
body_mass_kg = 75
catalog = "catalogs/imported.toml"   # relative to this file

[locations.gym]
equipment = ["barbell", "rack", "bench", "dumbbells", "kettlebell", "cable", "machine",
             "pullup_bar", "bands", "box", "jump_rope", "bike", "rower", "treadmill"]

[availability]
mon = 60
wed = 60
fri = 60
"""


def test_scenario_with_the_imported_catalog_solves_and_checks(result, tmp_path: Path):
    (tmp_path / "catalogs").mkdir()
    (tmp_path / "catalogs" / "imported.toml").write_text(catalog_toml(result), encoding="utf-8")
    scenario_file = tmp_path / "me.toml"
    scenario_file.write_text(SCENARIO, encoding="utf-8")
    sc, catalog = load_scenario(scenario_file)
    assert len(catalog) == 26 and catalog.source.endswith("imported.toml")
    solved = solve(sc, catalog, TEST_CONFIG)
    assert solved.plan is not None, solved.summary()
    assert check_plan(solved.plan) == []
    imported = {e.id for e in result.exercises}
    used = {e.id for s in solved.plan.sessions for e in s.exercises}
    assert used and used <= imported
    patterns = {e.pattern for s in solved.plan.sessions for e in s.exercises}
    assert {"squat", "hinge", "calf_raise"} <= patterns


# ------------------------------------------------------------------------------ the real file
REAL = Path(__file__).parent / "data" / "free-exercise-db" / "exercises.json"


@pytest.fixture(scope="module")
def real():
    return import_catalog(REAL)


def test_the_real_free_exercise_db_imports(real):
    # yuhonas/free-exercise-db dist/exercises.json (public domain), commit acd61f7
    assert real.total == 873
    assert len(real.exercises) == 707
    assert not real.missing_required_patterns()


def test_real_catalog_selection_fields(real):
    by_id = {e.id: e for e in real.exercises}
    lifts = {e.id: e.strength_lift for e in real.exercises if e.strength_lift}
    assert lifts["barbell-full-squat"] == "squat"
    assert lifts["barbell-deadlift"] == "deadlift"
    assert lifts["barbell-bench-press-medium-grip"] == "bench_press"
    assert lifts["standing-military-press"] == "overhead_press"
    assert set(lifts.values()) == {"squat", "bench_press", "deadlift", "overhead_press"}
    assert by_id["power-clean"].role == "power" and not by_id["power-clean"].main_lift
    assert by_id["pullups"].loadable and not by_id["band-assisted-pull-up"].loadable
    assert by_id["band-assisted-pull-up"].regression_of
    assert by_id["bodyweight-squat"].regression_of == "barbell-full-squat"
    assert by_id["romanian-deadlift"].true_hinge and not by_id["barbell-hip-thrust"].true_hinge
    for e in real.exercises:
        if e.regression_of:
            target = by_id[e.regression_of]
            assert target.loadable and target.pattern == e.pattern, e.id


def test_real_catalog_round_trips_through_toml(real, tmp_path: Path):
    path = tmp_path / "real.toml"
    path.write_text(catalog_toml(real), encoding="utf-8")
    assert load_catalog(path).exercises == tuple(real.exercises)
