"""Every output shows the format-2 prescription (SPEC §7.4): the terminal table and Markdown,
CSV, HTML and the .ics description, on a hand-built format-2 plan (plan_factory.make_plan_2)."""

from __future__ import annotations

import pytest
from plan_factory import make_plan_2, planned

from models.plan import Progression, WarmupSet
from optimizer.prescribed import effort_text, rest_text, warmup_line
from optimizer.render import exercise_line, render_plan


@pytest.fixture(scope="module")
def plan():
    return make_plan_2()


def _exercise(plan, week: int, ex_id: str):
    return next(e for s in plan.sessions_in_week(week) for e in s.exercises if e.id == ex_id)


# ------------------------------------------------------------------------------ the words
def test_strength_line_reads_like_a_coach_sheet():
    e = planned("barbell-back-squat", 3, reps="5", tempo="2-0-1-0", rest_seconds=180)
    e.role, e.rir, e.percent_1rm, e.load_kg = "main", 2, 75.0, 82.5
    e.progression = Progression(rule="linear", text="+2.5 kg next week")
    assert exercise_line(e) == ("Barbell Back Squat 3×5 @ 82.5 kg (75%), 2 RIR, tempo 2-0-1-0, "
                                "rest 3 min · +2.5 kg next week")
    e.load_kg = None  # a 1RM applies but no lift data: %1RM, never an invented kg figure
    assert effort_text(e) == "@ 75% 1RM, 2 RIR (a weight you could lift 2 more times)"
    e.percent_1rm = None  # no 1RM: rir and the plain instruction
    assert effort_text(e) == "2 RIR (a weight you could lift 2 more times)"
    e.rir = 1
    assert effort_text(e) == "1 RIR (a weight you could lift 1 more time)"


def test_bodyweight_dumbbell_and_rest_wording():
    pull = planned("pull-up", 3, reps="6-8")
    pull.rir = 0
    assert effort_text(pull) == "0 RIR (the last rep you can do with good form)"
    pull.rir = 2
    assert effort_text(pull) == "2 RIR (stop 2 reps short of failure)"
    row = planned("dumbbell-bent-over-row", 3)
    row.rir, row.percent_1rm, row.load_kg = 2, 70.0, 24.0
    assert effort_text(row) == "@ 24 kg per hand (70%), 2 RIR"
    assert [rest_text(s) for s in (60, 90, 120, 150, 180)] == [
        "rest 60 s", "rest 90 s", "rest 2 min", "rest 150 s", "rest 3 min"]


def test_warmups_in_kg_where_loads_exist_else_percent():
    e = planned("barbell-back-squat", 3, reps="5")
    e.warmup_sets = [WarmupSet(reps=5, percent_1rm=40), WarmupSet(reps=3, percent_1rm=60),
                     WarmupSet(reps=1, percent_1rm=80)]
    assert warmup_line(e) == "warm-up 40%×5, 60%×3, 80%×1"
    e.percent_1rm = 80.0  # no kilograms: shares of the working weight the lifter picks
    assert warmup_line(e) == "warm-up 50%×5, 75%×3, 100%×1 of the working weight"
    e.percent_1rm = None
    e.warmup_sets = [WarmupSet(reps=5, percent_1rm=40, load_kg=47.5),
                     WarmupSet(reps=3, percent_1rm=60, load_kg=70)]
    assert warmup_line(e) == "warm-up 47.5 kg×5, 70 kg×3"


def test_format1_exercise_keeps_its_line():
    e = planned("push-up", 4, reps="12-15", tempo="2-0-1-0", rest_seconds=75)
    assert exercise_line(e) == "Push-Up 4×12-15 @ 2-0-1-0, rest 75 s"


# ------------------------------------------------------------------------------ show / Markdown
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_show_has_loads_rir_warmups_energy_and_lifts(plan, fmt):
    text = render_plan(plan, fmt)
    squat = _exercise(plan, 1, "barbell-back-squat")
    assert squat.load_kg is not None and squat.warmup_sets
    assert exercise_line(squat) in text
    assert "Barbell Back Squat 3×5 @ 87.5 kg (75%), 2 RIR, tempo 2-0-1-0, rest 3 min · +2.5% " \
           "next week" in text
    assert "Conventional Deadlift 3×5 @ 75% 1RM, 2 RIR (a weight you could lift 2 more times)" \
        in text
    assert "Dumbbell Lateral Raise 3×12-15, 2 RIR (a weight you could lift 2 more times)" in text
    assert warmup_line(squat) in text
    for row in ("kcal", "protein g", "carbs g/kg (g)", "fat g"):
        assert row in text
    day = plan.days[0]
    assert str(day.kcal) in text and str(day.fat_g) in text
    assert "protein: " not in text  # format 1's single protein line gives way to the rows
    assert "Lifts (the 1RM behind every load)" in text
    assert "Barbell Overhead Press" in text and "no (not in the plan)" in text
    assert "top set 100 kg × 5 (Epley)" in text and "known 1RM" in text


def test_markdown_keeps_one_table_row_per_session(plan):
    text = render_plan(plan, "markdown", week=1)
    rows = [line for line in text.splitlines() if line.startswith("| Mon") or
            line.startswith("| Thu 2027")]
    assert len(rows) == 2
    assert "<br>  warm-up " in rows[0]


# ------------------------------------------------------------------------------ compare
def _comparison(plans: dict):
    from optimizer import compare as cmp
    from optimizer.solving import SolveConfig

    rows = []
    for name, p in plans.items():
        alt = cmp.Alternative(name, "goal", goal=p.scenario["goal"])
        row = cmp.Row(alt, "optimal", 0.0, 0.0, 0.0, 0.0, p)
        row.measures = cmp.plan_measures(p)
        rows.append(row)
    return cmp.Comparison("hand-built", "goals", rows, SolveConfig())


def test_plan_stats_are_weekly_figures_of_the_regular_weeks(plan):
    from plan_factory import make_plan, refresh

    from models.plan import PLAN_FORMAT_1
    from optimizer.compare import plan_measures
    from optimizer.plan_stats import hard_sets, mean_percent_1rm

    m = plan_measures(plan)
    regular = [s for s in plan.sessions if not s.deload]
    assert m.weeks == 3
    assert m.percent_1rm == round(mean_percent_1rm(regular), 2) == 76.25  # 73.75, 76.25, 78.75
    assert hard_sets(regular) == 36 and m.hard_sets == 12  # weeks 2 and 3: 18 sets at rir 1
    kcal = [d.kcal for d in plan.days if d.week <= 3]
    assert m.kcal == round(sum(kcal) / len(kcal), 2) and m.protein_g == 144
    old_plan = make_plan()
    old_plan.format = PLAN_FORMAT_1
    old = plan_measures(refresh(old_plan))  # no %1RM, rir or kcal; protein is in format 1
    assert (old.percent_1rm, old.hard_sets, old.kcal) == (None, None, None)
    assert old.protein_g == 144


def test_compare_outputs_show_intensity_and_energy(plan):
    import csv
    import io
    import json

    from plan_factory import make_plan, refresh

    from models.plan import PLAN_FORMAT_1
    from optimizer import compare as cmp
    from optimizer.compare import plan_measures

    old = make_plan()
    old.format = PLAN_FORMAT_1  # a format-1 plan: no %1RM, rir or kcal
    comp = _comparison({"strength": plan, "bodyweight": refresh(old)})
    kcal = plan_measures(plan).kcal
    table = cmp.render(comp, "table")
    head, _, first, second = table.split("\n\n")[1].splitlines()[:4]
    for word in ("%1RM", "rir≤1/wk", "kcal/day", "protein g"):
        assert word in head
    assert first.split()[-5:-1] == ["76.2", "12", f"{kcal:.0f}", "144"]  # then the seconds column
    assert second.split()[-5:-1] == ["-", "-", "-", "144"]
    assert "rir≤1/wk" in cmp.render(comp, "markdown")
    rows = list(csv.DictReader(io.StringIO(cmp.render(comp, "csv"))))
    assert list(rows[0])[-4:] == list(cmp.PRESCRIPTION_COLUMNS)
    assert [rows[0][c] for c in cmp.PRESCRIPTION_COLUMNS] == ["76.25", "12.0", f"{kcal}",
                                                              "144.0"]
    assert [rows[1][c] for c in cmp.PRESCRIPTION_COLUMNS] == ["", "", "", "144.0"]
    data = json.loads(cmp.render(comp, "json"))
    measures = [a["measures"] for a in data["alternatives"]]
    assert measures[0]["percent_1rm"] == 76.25 and measures[0]["kcal"] == kcal
    assert measures[1]["hard_sets"] is None and measures[1]["kcal"] is None


# ------------------------------------------------------------------------------ CSV
def test_csv_appends_the_prescription_and_day_energy(plan):
    import csv
    import io

    from optimizer.export import CSV_COLUMNS, CSV_COLUMNS_2, export_plan

    rows = list(csv.reader(io.StringIO(export_plan(plan, "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS + CSV_COLUMNS_2  # format-1 columns first, in order
    assert CSV_COLUMNS_2[:6] == ("role", "rir", "percent_1rm", "load_kg", "progression",
                                 "warmup")
    planned_ = [(s, e) for s in plan.sessions for e in s.exercises]
    assert len(rows) == 1 + len(planned_)
    days = {d.date: d for d in plan.days}
    for row, (s, e) in zip(rows[1:], planned_, strict=True):
        assert row[:5] == [s.date.isoformat(), str(s.week), str(s.block), s.location, e.name]
        got = dict(zip(CSV_COLUMNS_2, row[len(CSV_COLUMNS):], strict=True))
        assert got["role"] == e.role
        assert got["kcal"] == str(days[s.date].kcal) and got["fat_g"] == str(days[s.date].fat_g)
    squat = dict(zip(rows[0], rows[1], strict=True))
    assert squat["exercise"] == "Barbell Back Squat"
    assert (squat["rir"], squat["percent_1rm"], squat["load_kg"]) == ("2", "75", "87.5")
    assert squat["progression"] == "+2.5% next week"
    assert squat["warmup"] == "35 kg×5, 52.5 kg×3, 70 kg×1"
    raise_ = dict(zip(rows[0], rows[3], strict=True))
    assert raise_["exercise"] == "Dumbbell Lateral Raise"
    assert (raise_["percent_1rm"], raise_["load_kg"], raise_["warmup"]) == ("", "", "")


# ------------------------------------------------------------------------------ .ics
def test_ics_description_has_the_prescription(plan):
    from icalendar import Calendar

    from optimizer.export import export_plan

    events = Calendar.from_ical(export_plan(plan, "ics")).walk("VEVENT")
    assert len(events) == len(plan.sessions)
    first = str(events[0]["DESCRIPTION"]).splitlines()
    assert ("- Barbell Back Squat 3×5 @ 87.5 kg (75%), 2 RIR, tempo 2-0-1-0, rest 3 min · "
            "+2.5% next week") in first
    assert "  warm-up 35 kg×5, 52.5 kg×3, 70 kg×1" in first
    row = "- Dumbbell Bent-Over Row 3×8-12 @ 70% 1RM, 2 RIR (a weight you could lift 2 more"
    assert any(line.startswith(row) for line in first)
    for ev, s in zip(events, plan.sessions, strict=True):
        text = str(ev["DESCRIPTION"])
        for e in s.exercises:
            assert exercise_line(e) in text


# ------------------------------------------------------------------------------ HTML
def test_html_charts_each_main_lift_and_shows_the_prescription(plan):
    import re
    import xml.etree.ElementTree as ET

    from optimizer.export import export_plan
    from optimizer.plan_stats import main_lift_series

    html = export_plan(plan, "html")
    assert "http://" not in html and "https://" not in html
    for tag in ("<script", "<link", "<img", "<iframe", "@import", "url("):
        assert tag not in html.lower()
    series = {s.name: s for s in main_lift_series(plan)}
    assert list(series) == ["Barbell Back Squat", "Conventional Deadlift", "Barbell Bench Press"]
    assert series["Barbell Back Squat"].unit == "kg"
    assert series["Barbell Back Squat"].points == ((1, 87.5), (2, 90.0), (3, 92.5), (4, 75.0))
    assert series["Conventional Deadlift"].unit == "%1RM"  # no lift data: %1RM, never kg
    assert series["Conventional Deadlift"].points == ((1, 75.0), (2, 77.5), (3, 80.0),
                                                      (4, 65.0))
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) == 1 + len(series)  # the weekly-load chart, then one per main lift
    for svg in svgs:
        ET.fromstring(svg)
    assert "<title>week 2: 90 kg</title>" in svgs[1] and "<title>week 3: 80%</title>" in svgs[2]
    assert "<td>87.5 kg (75%)</td><td class=n>2</td>" in html
    assert "<td>75% 1RM</td>" in html
    assert "<td>a weight you could lift 2 more times</td>" in html
    assert "warm-up 35 kg×5, 52.5 kg×3, 70 kg×1" in html and "+2.5% next week" in html
    assert f"<th>kcal</th><td>{plan.days[0].kcal}</td>" in html
    assert "no (not in the plan)" in html and "top set 100 kg × 5 (Epley)" in html


# ------------------------------------------------------------------------------ CLI
def test_cli_show_and_export_read_a_format2_file(plan, tmp_path):
    from typer.testing import CliRunner

    from optimizer.cli import app
    from optimizer.export import export_plan

    path = tmp_path / "p2.plan.json"
    path.write_text(plan.to_json(), encoding="utf-8")
    runner = CliRunner()
    shown = runner.invoke(app, ["show", str(path), "--week", "1", "--format", "markdown"])
    assert shown.exit_code == 0, shown.output
    assert "Barbell Back Squat 3×5 @ 87.5 kg (75%), 2 RIR" in shown.stdout
    assert "## Lifts (the 1RM behind every load)" in shown.stdout
    out = tmp_path / "p2.csv"
    exported = runner.invoke(app, ["export", str(path), "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    assert out.read_bytes().decode("utf-8") == export_plan(plan, "csv")


def test_unilateral_work_says_per_side_and_a_circuit_shows_no_raw_label():
    from models.plan import PlannedExercise
    from optimizer.prescribed import prescription_line
    from optimizer.progression import Progression

    base = dict(kind="strength", pattern="lunge", primary_muscles=["quads"], secondary_muscles=[],
                equipment=["dumbbells"], sets=3, reps="8-12", seconds_per_set=40, tempo="2-0-1-1",
                rest_seconds=90, scheme="straight", minutes=6, rir=2, role="accessory",
                progression=Progression(rule="double", text="reps to 12"))
    split = PlannedExercise(id="dumbbell-split-squat", name="Dumbbell Split Squat", sides=2,
                            **base)
    assert "3×8-12 per side" in prescription_line(split)
    circuit = PlannedExercise(**{**base, "kind": "conditioning", "pattern": "core",
                                 "reps": "3-min circuit", "scheme": "giant_set",
                                 "id": "burpee-circuit", "name": "Burpee Circuit", "rir": None})
    line = prescription_line(circuit)
    assert "giant_set" not in line and "tempo" not in line
