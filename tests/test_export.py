"""Exports: .ics parses back with icalendar, CSV rows match the plan, HTML is self-contained,
Markdown is the printable program, and the `export` command writes files like `solve` does."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from solver_helpers import BASE, TEST_CONFIG, scenario, scenario_data
from typer.testing import CliRunner

from models.errors import InputError
from models.plan import Plan, load_plan
from models.scenario import parse_scenario
from optimizer.cli import app
from optimizer.export import (
    CSV_COLUMNS,
    CSV_COLUMNS_2,
    DEFAULT_START,
    EXPORT_FORMATS,
    export_plan,
    parse_export_target,
    session_summary,
    session_uid,
    weekly_numbers,
)
from optimizer.plan_stats import main_lift_series
from optimizer.render import exercise_line, header
from optimizer.solving import SolveConfig, solve

runner = CliRunner()
TZ = "Europe/Berlin"


@pytest.fixture(scope="module")
def plan() -> Plan:
    """4 weeks, 4 gym days; Mondays start 07:15, but 06:30 in week 2 (an exception)."""
    availability = copy.deepcopy(BASE["availability"])
    availability["mon"]["start"] = "07:15"
    week2 = copy.deepcopy(BASE["availability"])
    week2["mon"]["start"] = "06:30"
    sc = scenario(
        timezone=TZ,
        availability=availability,
        exceptions=[{"from": "2027-01-11", "to": "2027-01-17", "availability": week2,
                     "note": "early week"}],
    )
    result = solve(sc, None, TEST_CONFIG)
    assert result.plan is not None
    return result.plan


@pytest.fixture(scope="module")
def plan_file(plan: Plan, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "plan.json"
    path.write_text(plan.to_json(), encoding="utf-8")
    return path


def _expected_start(s) -> str:
    if s.weekday == "mon":
        return "06:30" if s.week == 2 else "07:15"
    return DEFAULT_START


# ------------------------------------------------------------------------------ iCalendar
def test_ics_parses_back_one_event_per_session(plan: Plan):
    data = export_plan(plan, "ics")
    assert isinstance(data, bytes) and data.startswith(b"BEGIN:VCALENDAR\r\n")
    cal = Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0" and "periodize" in str(cal["PRODID"])
    events = cal.walk("VEVENT")
    assert len(events) == len(plan.sessions) > 0
    by_date = {s.date: s for s in plan.sessions}
    assert len(by_date) == len(plan.sessions)  # at most one session a day
    for ev in events:
        start = ev.decoded("DTSTART")
        s = by_date[start.date()]
        assert ev.decoded("DURATION") == timedelta(minutes=s.minutes)
        assert start.time() == time.fromisoformat(_expected_start(s))
        assert ev["DTSTART"].params["TZID"] == TZ
        assert str(start.tzinfo) == TZ
        assert str(ev["LOCATION"]) == s.location
        assert str(ev["SUMMARY"]) == session_summary(s)
        assert re.fullmatch(r"(Strength|Plyometrics|Conditioning|Cardio)(: [a-z, ]+)?"
                            r"( \+ cardio)? \(\d+ min\)( — deload)?", str(ev["SUMMARY"]))
        description = str(ev["DESCRIPTION"])
        for e in s.exercises:
            assert exercise_line(e) in description  # format 1 or 2 (SPEC §7.4)
    # rest days are not events
    rest_days = {d.date for d in plan.days if d.type == "rest"}
    assert not rest_days & {ev.decoded("DTSTART").date() for ev in events}


def test_ics_includes_the_time_zone(plan: Plan):
    cal = Calendar.from_ical(export_plan(plan, "ics"))
    zones = cal.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == [TZ]
    # a UTC scenario needs no VTIMEZONE: times are written as UTC
    utc = plan.model_copy(update={"scenario": {**plan.scenario, "timezone": "UTC"}})
    text = export_plan(utc, "ics").decode()
    assert "BEGIN:VTIMEZONE" not in text
    assert re.search(r"^DTSTART:20270104T071500Z\r$", text, re.M)


def test_ics_uids_are_unique_and_stable(plan: Plan):
    def uids(now: datetime) -> list[str]:
        cal = Calendar.from_ical(export_plan(plan, "ics", now=now))
        return [str(ev["UID"]) for ev in cal.walk("VEVENT")]

    first = uids(datetime(2026, 12, 1, tzinfo=UTC))
    again = uids(datetime(2027, 3, 1, 12, 30, tzinfo=UTC))
    assert first == again
    assert len(set(first)) == len(first)
    assert all(u.endswith("@periodize") for u in first)
    # the UID depends on the scenario name and the day, not on what the session holds
    s = plan.sessions[0]
    changed = s.model_copy(update={"minutes": s.minutes + 5, "exercises": s.exercises[:1]})
    assert session_uid("test gym", changed) == session_uid("test gym", s)
    assert session_uid("another plan", s) != session_uid("test gym", s)


def test_ics_without_the_user_catalog_the_plan_was_made_with(plan: Plan, tmp_path: Path):
    """Only the calendar is needed: a user catalog that has moved does not block the export."""
    moved = plan.model_copy(update={"scenario": {**plan.scenario,
                                                 "catalog": str(tmp_path / "gone.toml")}})
    with pytest.raises(InputError):
        moved.scenario_model()
    cal = Calendar.from_ical(export_plan(moved, "ics"))
    assert len(cal.walk("VEVENT")) == len(plan.sessions)


# ------------------------------------------------------------------------------ CSV
def test_csv_one_row_per_planned_exercise(plan: Plan):
    text = export_plan(plan, "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert CSV_COLUMNS == (
        "date", "week", "block", "location", "exercise", "sets", "reps", "tempo", "rest",
        "minutes")
    # format 2 appends its columns after these (tests/test_outputs_format2.py)
    assert tuple(rows[0]) == (CSV_COLUMNS if plan.version == 1 else CSV_COLUMNS + CSV_COLUMNS_2)
    body = rows[1:]
    planned = [(s, e) for s in plan.sessions for e in s.exercises]
    assert len(body) == len(planned)
    for row, (s, e) in zip(body, planned, strict=True):
        assert row[:len(CSV_COLUMNS)] == [
            s.date.isoformat(), str(s.week), str(s.block), s.location, e.name, str(e.sets),
            e.reps, e.tempo, str(e.rest_seconds), f"{e.minutes:g}"]


# ------------------------------------------------------------------------------ HTML
def test_html_is_self_contained_with_a_chart(plan: Plan):
    html = export_plan(plan, "html")
    assert html.startswith("<!DOCTYPE html>")
    assert "http://" not in html and "https://" not in html
    for tag in ("<script", "<link", "<img", "<iframe", "@import", "url("):
        assert tag not in html.lower()
    assert "src=" not in html and "href=" not in html
    charts = 1 + len(main_lift_series(plan))  # format 2: one more per main lift
    assert html.count("<svg") == charts and html.count("</svg>") == charts
    for one in re.findall(r"<svg.*?</svg>", html, re.S):
        ET.fromstring(one)  # well-formed: every tag closed, every text escaped
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    for w in plan.weeks:
        assert f"Week {w.week} (block {w.block})" in html
    deloads = [w.week for w in plan.weeks if w.deload]
    assert deloads and "<title>week 4: deload</title>" in svg
    for s in plan.sessions:
        for e in s.exercises:
            assert e.name.replace("'", "&#x27;") in html


def test_html_chart_numbers_and_escaping(plan: Plan):
    weeks, sets, cardio = weekly_numbers(plan)
    assert weeks == [1, 2, 3, 4]
    week1 = [e for s in plan.sessions_in_week(1) for e in s.exercises if e.kind == "strength"]
    assert sets[1]["quads"] == sum(e.sets for e in week1 if "quads" in e.primary_muscles)
    assert all(v >= 0 for v in cardio.values())
    hostile = plan.model_copy(update={"scenario": {**plan.scenario,
                                                   "name": '<script>alert("x")</script> & co'}})
    html = export_plan(hostile, "html")
    assert "<script" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in html


# ------------------------------------------------------------------------------ Markdown
def test_markdown_is_the_printable_program(plan: Plan):
    text = export_plan(plan, "markdown")
    assert text.startswith(header(plan))
    for w in plan.weeks:
        assert f"## Week {w.week} (block {w.block})" in text
    assert "carbs g/kg" in text and ("protein:" in text or "protein g" in text)


def test_unknown_format_is_bad_input(plan: Plan):
    with pytest.raises(InputError, match="ics, csv, markdown, html"):
        export_plan(plan, "pdf")
    assert EXPORT_FORMATS == ("ics", "csv", "markdown", "html")


# ------------------------------------------------------------------------------ CLI
def test_cli_export_writes_each_format(plan: Plan, plan_file: Path, tmp_path: Path):
    for fmt, name in (("ics", "p.ics"), ("csv", "p.csv"), ("markdown", "p.md"),
                      ("html", "p.html")):
        out = tmp_path / name
        result = runner.invoke(app, ["export", str(plan_file), "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.exists() and out.stat().st_size > 0
        assert str(out) in result.stderr
    cal = Calendar.from_ical((tmp_path / "p.ics").read_bytes())
    assert len(cal.walk("VEVENT")) == len(plan.sessions)
    assert (tmp_path / "p.csv").read_bytes().decode("utf-8") == export_plan(plan, "csv")


def test_cli_export_format_from_file_name_and_stdout(plan_file: Path, tmp_path: Path):
    out = tmp_path / "calendar.ics"
    result = runner.invoke(app, ["export", str(plan_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    shown = runner.invoke(app, ["export", str(plan_file), "--format", "csv", "-o", "-"])
    assert shown.exit_code == 0 and shown.stdout.startswith("date,week,block")
    ics = runner.invoke(app, ["export", str(plan_file), "--format", "ics", "-o", "-"])
    assert ics.exit_code == 0 and ics.stdout_bytes.endswith(b"END:VCALENDAR\r\n")


def test_cli_export_bad_format_exits_2(plan_file: Path, tmp_path: Path):
    result = runner.invoke(app, ["export", str(plan_file), "--format", "pdf", "-o",
                                 str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert "ics, csv, markdown, html" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "x.pdf").exists()
    unknown = runner.invoke(app, ["export", str(plan_file), "-o", str(tmp_path / "x.txt")])
    assert unknown.exit_code == 2 and "--format" in unknown.stderr
    missing = runner.invoke(app, ["export", str(tmp_path / "nope.json"), "-o",
                                  str(tmp_path / "x.ics")])
    assert missing.exit_code == 2 and "not found" in missing.stderr


def test_cli_export_keeps_a_backup_unless_forced(plan_file: Path, tmp_path: Path):
    out = tmp_path / "plan.csv"
    out.write_text("old content\n", encoding="utf-8")
    result = runner.invoke(app, ["export", str(plan_file), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    backup = tmp_path / "plan.csv.bak"
    assert backup.read_text(encoding="utf-8") == "old content\n"
    assert "plan.csv.bak" in result.stderr
    assert out.read_text(encoding="utf-8").startswith("date,week")
    backup.unlink()
    forced = runner.invoke(app, ["export", str(plan_file), "--format", "csv", "-o", str(out),
                                 "--force"])
    assert forced.exit_code == 0 and not backup.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# ------------------------------------------------------------------------------ solve --export
SOLVE_FAST = ["--deterministic", "--time-limit", "20", "--seed", "0", "--quiet"]


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sc") / "two-weeks.json"
    path.write_text(json.dumps(scenario_data(weeks=2, timezone=TZ)), encoding="utf-8")
    return path


def test_solve_export_writes_what_export_writes(scenario_file: Path, tmp_path: Path):
    plan_path, ics, log = tmp_path / "p.json", tmp_path / "cal.ics", tmp_path / "log.txt"
    page = tmp_path / "p.html"
    result = runner.invoke(app, ["solve", str(scenario_file), "-o", str(plan_path), *SOLVE_FAST,
                                 "--export", str(ics), "--export", f"csv:{log}",
                                 "--export", f"HTML:{page}"])
    assert result.exit_code == 0, result.output
    solved = load_plan(plan_path)
    assert solved.sessions
    cal = Calendar.from_ical(ics.read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == len(solved.sessions)
    assert [str(ev["UID"]) for ev in events] == [session_uid(solved.scenario["name"], s)
                                                 for s in solved.sessions]
    assert all(ev["DTSTART"].params["TZID"] == TZ for ev in events)
    assert log.read_bytes().decode("utf-8") == export_plan(solved, "csv")
    assert page.read_text(encoding="utf-8") == export_plan(solved, "html")
    for name in ("cal.ics", "log.txt", "p.html"):
        assert name in result.stderr
    # the same overwrite policy as `export`: a backup unless --force
    again = runner.invoke(app, ["solve", str(scenario_file), "-o", str(plan_path), *SOLVE_FAST,
                                "--export", str(ics)])
    assert again.exit_code == 0 and (tmp_path / "cal.ics.bak").exists()
    (tmp_path / "cal.ics.bak").unlink()
    forced = runner.invoke(app, ["solve", str(scenario_file), "-o", str(plan_path), *SOLVE_FAST,
                                 "--export", str(ics), "--force"])
    assert forced.exit_code == 0 and not (tmp_path / "cal.ics.bak").exists()


@pytest.mark.parametrize("spec", ["{tmp}/plan.pdf", "pdf:{tmp}/plan.pdf", "{tmp}/plan", "ics:",
                                  "csv:-", "{tmp}/p.json", "md:{tmp}/p.json"])
def test_solve_bad_export_exits_2_before_solving(scenario_file: Path, tmp_path: Path,
                                                  spec: str):
    plan_path = tmp_path / "p.json"
    result = runner.invoke(app, ["solve", str(scenario_file), "-o", str(plan_path), *SOLVE_FAST,
                                 "--export", spec.format(tmp=tmp_path)])
    assert result.exit_code == 2, result.output
    assert "--export" in result.stderr and "Traceback" not in result.output
    assert not plan_path.exists()  # nothing solved, nothing written
    assert "status" not in result.stderr


def test_parse_export_target():
    assert parse_export_target("a/b.ics") == ("ics", Path("a/b.ics"))
    assert parse_export_target("md:notes.txt") == ("markdown", Path("notes.txt"))
    assert parse_export_target("program.markdown") == ("markdown", Path("program.markdown"))
    assert parse_export_target("CSV:log") == ("csv", Path("log"))
    with pytest.raises(InputError, match="cannot tell the format"):
        parse_export_target("x.docx")


# ------------------------------------------------------------------------------ replan and UIDs
def test_ics_uids_survive_a_replan(plan: Plan):
    """A replanned plan's .ics keeps the UID of every session still on the same date (a
    calendar updates those events); a day that lost its session loses its event."""
    from models import builtin_catalog
    from optimizer.replan import replan

    data = copy.deepcopy(plan.scenario)
    week3 = {k: v for k, v in data["availability"].items() if k != "mon"}
    data["exceptions"] = [*data.get("exceptions", []),
                          {"from": "2027-01-18", "to": "2027-01-31", "availability": week3}]
    new_sc = parse_scenario(data, "replanned")
    new = replan(plan, new_sc, date(2027, 1, 18), builtin_catalog(),
                 SolveConfig(time_limit=5.0, seed=0, deterministic=True)).plan
    assert new is not None

    def events(p: Plan) -> dict:
        cal = Calendar.from_ical(export_plan(p, "ics"))
        assert not [c.errors for c in cal.walk() if c.errors]  # the parser found no error
        out = {}
        for ev in cal.walk("VEVENT"):
            for prop in ("UID", "DTSTAMP", "DTSTART", "DURATION", "SUMMARY"):
                assert prop in ev
            out[ev.decoded("DTSTART").date()] = str(ev["UID"])
        return out

    before, after = events(plan), events(new)
    assert len(after) == len(new.sessions)
    kept = set(before) & set(after)
    assert kept and all(before[d] == after[d] for d in kept)
    assert {d for d in before if d >= date(2027, 1, 18) and d.weekday() == 0}  # Mondays before
    assert not {d for d in after if d >= date(2027, 1, 18) and d.weekday() == 0}  # none now
    assert len(set(after.values())) == len(after)
