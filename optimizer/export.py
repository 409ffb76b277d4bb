"""Exporting a plan where people use it: calendar (.ics), spreadsheet (CSV), notes (Markdown)
and one self-contained web page (HTML with an inline SVG chart).

No OR-Tools import: exporting works from a plan file alone (SPEC §5).

Calendar (RFC 5545, written with the `icalendar` library):

- one VEVENT per session (rest days and break weeks have none);
- DTSTART on the session's date at the day's `start` from the scenario's availability, or from
  the exception covering that date; `DEFAULT_START` (18:00) when the day gives none;
- DURATION = the session's minutes (warm-up included); times in the scenario's `timezone`
  (a VTIMEZONE is included; UTC times are written as UTC);
- UID = sha1(scenario name, date, weekday)@periodize: a replanned plan of the same scenario
  re-imported into a calendar updates the events of the same days instead of duplicating them.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from models.errors import InputError
from models.horizon import Horizon
from models.plan import Plan, PlanDay, PlannedExercise, Session
from models.scenario import Scenario, parse_scenario
from models.vocab import CARDIO_KINDS, MUSCLE_GROUPS

from . import __version__
from .lift_chart import lift_svg
from .plan_stats import main_lift_series
from .prescribed import (
    has_prescription,
    lift_rows,
    load_text,
    progression_text,
    rir_instruction,
    warmup_line,
    warmup_text,
)
from .render import exercise_lines, header, render_plan

EXPORT_FORMATS = ("ics", "csv", "markdown", "html")
EXTENSIONS = {"ics": ".ics", "csv": ".csv", "markdown": ".md", "html": ".html"}
DEFAULT_START = "18:00"  # session start when the scenario's day has no `start`
CSV_COLUMNS = ("date", "week", "block", "location", "exercise", "sets", "reps", "tempo",
               "rest", "minutes")
# format 2 (SPEC §7.4) appends the prescription and the day's energy, so that format-1 readers
# of the first columns keep working; a format-1 plan is written with CSV_COLUMNS only
CSV_COLUMNS_2 = ("role", "rir", "percent_1rm", "load_kg", "progression", "warmup", "kcal",
                 "protein_g", "carbs_g", "fat_g")


def export_plan(plan: Plan, fmt: str, *, now: datetime | None = None) -> bytes | str:
    """The plan as `fmt` (one of EXPORT_FORMATS): bytes for ics, text for the others.

    `now` is the calendar's DTSTAMP (default: the current time, UTC)."""
    if fmt == "ics":
        return to_ics(plan, now=now)
    if fmt == "csv":
        return to_csv(plan)
    if fmt == "markdown":
        return render_plan(plan, "markdown")
    if fmt == "html":
        return to_html(plan)
    raise InputError(f"unknown format {fmt!r}; allowed: {', '.join(EXPORT_FORMATS)}",
                     field="--format")


def format_for_path(name: str) -> str | None:
    """The export format a file name implies (plan.ics -> ics), or None."""
    lower = name.lower()
    for fmt, ext in EXTENSIONS.items():
        if lower.endswith(ext):
            return fmt
    if lower.endswith((".htm", ".markdown")):
        return "html" if lower.endswith(".htm") else "markdown"
    return None


FORMAT_NAMES = {"ics": "ics", "csv": "csv", "markdown": "markdown", "md": "markdown",
                "html": "html"}


def parse_export_target(spec: str, option: str = "--export") -> tuple[str, Path]:
    """'plan.ics' -> ('ics', plan.ics); 'csv:log.txt' -> ('csv', log.txt). The format comes
    from a 'FORMAT:' prefix, else from the file's extension; InputError otherwise."""
    text = spec.strip()
    head, sep, rest = text.partition(":")
    if sep and head.lower() in FORMAT_NAMES:
        fmt, name = FORMAT_NAMES[head.lower()], rest.strip()
    else:
        fmt, name = format_for_path(text), text
        if fmt is None:
            raise InputError(
                f"{spec!r}: cannot tell the format; use a file ending in "
                f"{', '.join(EXTENSIONS.values())} or FORMAT:FILE with FORMAT one of "
                f"{', '.join(EXPORT_FORMATS)}", field=option)
    if not name or name == "-":
        raise InputError(f"{spec!r}: give a file name to write", field=option)
    return fmt, Path(name)


# ------------------------------------------------------------------------------ shared
def plan_scenario(plan: Plan) -> Scenario:
    """The embedded scenario. A user catalog that has moved since solving does not block an
    export (only the calendar is needed): the scenario is then read without it."""
    try:
        return plan.scenario_model()
    except InputError as err:
        if "catalog" not in plan.scenario:
            raise
        data = {k: v for k, v in plan.scenario.items() if k not in ("catalog", "preferences")}
        try:
            return parse_scenario(data, "<plan> (embedded scenario)")
        except InputError:
            raise err from None


def session_label(s: Session) -> str:
    """'Strength: quads, glutes + cardio' — what the session is, for titles."""
    kinds = {e.kind for e in s.exercises}
    main = [label for kind, label in (("strength", "Strength"), ("plyometric", "Plyometrics"),
                                      ("conditioning", "Conditioning")) if kind in kinds]
    if main:
        label = main[0]
    else:
        label = "Cardio" if kinds & CARDIO_KINDS else "Mobility" if kinds else "Session"
    text = f"{label}: {', '.join(s.focus)}" if s.focus else label
    if label != "Cardio" and kinds & CARDIO_KINDS:
        text += " + cardio"
    return text


def session_summary(s: Session) -> str:
    """Calendar title, e.g. 'Strength: quads, glutes (60 min)'; deloads say so."""
    deload = " — deload" if s.deload else ""
    return f"{session_label(s)} ({s.minutes} min){deload}"


def session_uid(scenario_name: str, s: Session) -> str:
    """Stable across re-solves and replans of the same scenario: one UID per training day."""
    key = f"{scenario_name}\n{s.date.isoformat()}\n{s.weekday}".encode()
    return f"{hashlib.sha1(key).hexdigest()}@periodize"


def session_description(s: Session) -> str:
    lines = [f"Week {s.week}, block {s.block}" + (" (deload week)" if s.deload else "")
             + f" · {s.location}"]
    if s.warmup_minutes:
        lines.append(f"Warm-up: {s.warmup_minutes} min")
    for e in s.exercises:
        first, *rest = exercise_lines(e)
        lines += [f"- {first}", *rest]
    return "\n".join(lines)


def start_times(plan: Plan, scenario: Scenario | None = None) -> dict:
    """date -> 'HH:MM' of every session (the day's `start`, else DEFAULT_START)."""
    horizon = Horizon(scenario or plan_scenario(plan))
    out = {}
    for s in plan.sessions:
        day = horizon.by_date.get(s.date)
        out[s.date] = (day.start if day is not None and day.start else None) or DEFAULT_START
    return out


# ------------------------------------------------------------------------------ iCalendar
def to_ics(plan: Plan, *, now: datetime | None = None) -> bytes:
    from icalendar import Calendar, Event

    scenario = plan_scenario(plan)
    tz = ZoneInfo(scenario.timezone)
    starts = start_times(plan, scenario)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)

    cal = Calendar()
    cal.add("prodid", f"-//periodize//periodize {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{scenario.name} (periodize)")
    cal.add("x-wr-timezone", scenario.timezone)
    for s in plan.sessions:
        hour, minute = (int(p) for p in starts[s.date].split(":"))
        event = Event()
        event.add("uid", session_uid(scenario.name, s))
        event.add("dtstamp", stamp)
        event.add("dtstart", datetime.combine(s.date, time(hour, minute), tzinfo=tz))
        event.add("duration", timedelta(minutes=s.minutes))
        event.add("summary", session_summary(s))
        event.add("description", session_description(s))
        event.add("location", s.location)
        event.add("categories", ["Training"])
        event.add("transp", "OPAQUE")
        cal.add_component(event)
    if plan.sessions:  # VTIMEZONE for the TZID (icalendar >= 6.1), the plan's whole years
        first = min(s.date for s in plan.sessions)
        last = max(s.date for s in plan.sessions)
        cal.add_missing_timezones(first_date=date(first.year, 1, 1),
                                  last_date=date(last.year + 1, 1, 2))
    return cal.to_ical()


# ------------------------------------------------------------------------------ CSV
def _number(x: float) -> str:
    return f"{x:g}"


def _cell(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def _format2_cells(e: PlannedExercise, day: PlanDay | None) -> list:
    """CSV_COLUMNS_2 of one exercise: its prescription, then its day's energy and macros."""
    energy = ([_cell(day.kcal), day.protein_g, day.carbs_g, _cell(day.fat_g)] if day
              else ["", "", "", ""])
    return [e.role or "", _cell(e.rir), _cell(e.percent_1rm), _cell(e.load_kg),
            progression_text(e), warmup_text(e.warmup_sets), *energy]


def to_csv(plan: Plan) -> str:
    """One row per exercise per session; `rest` in seconds, `minutes` the exercise's time.
    Format 2 adds CSV_COLUMNS_2 (the day's figures repeat on each of its rows)."""
    buf = io.StringIO()
    writer = csv.writer(buf)  # RFC 4180: CRLF line ends, quoting where needed
    format2 = plan.version >= 2
    writer.writerow(CSV_COLUMNS + CSV_COLUMNS_2 if format2 else CSV_COLUMNS)
    days = {d.date: d for d in plan.days}
    for s in plan.sessions:
        for e in s.exercises:
            row = [s.date.isoformat(), s.week, s.block, s.location, e.name, e.sets,
                   e.reps, e.tempo, e.rest_seconds, _number(e.minutes)]
            writer.writerow(row + _format2_cells(e, days.get(s.date)) if format2 else row)
    return buf.getvalue()


# ------------------------------------------------------------------------------ HTML
def weekly_numbers(plan: Plan) -> tuple[list[int], dict[int, dict[str, int]], dict[int, float]]:
    """Weeks of the plan, strength sets per primary muscle group, cardio minutes per week."""
    weeks = [w.week for w in plan.weeks] or sorted({s.week for s in plan.sessions})
    sets: dict[int, dict[str, int]] = {w: defaultdict(int) for w in weeks}
    cardio: dict[int, float] = {w: 0.0 for w in weeks}
    for s in plan.sessions:
        sets.setdefault(s.week, defaultdict(int))
        cardio.setdefault(s.week, 0.0)
        for e in s.exercises:
            if e.kind == "strength":
                for m in e.primary_muscles:
                    sets[s.week][m] += e.sets
            elif e.kind in CARDIO_KINDS:
                cardio[s.week] += e.minutes
    return weeks, sets, cardio


_CSS = """
:root { --ink:#1a202c; --muted:#5a6472; --line:#d9dee5; --accent:#2b6cb0; --deload:#fdf0d5; }
* { box-sizing:border-box; }
body { font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--ink);
       max-width:1100px; margin:2rem auto; padding:0 1rem; }
h1 { font-size:1.6rem; margin:0 0 .3rem; } h2 { margin:2rem 0 .6rem; font-size:1.25rem; }
h3 { margin:0 0 .3rem; font-size:1rem; }
.meta, .muted, figcaption { color:var(--muted); }
.warn { background:#fff5f5; border-left:4px solid #c53030; padding:.5rem .8rem; }
figure { margin:0; } svg { max-width:100%; height:auto; }
.tag { display:inline-block; font-size:.75rem; padding:0 .45rem; border-radius:.6rem;
       background:var(--deload); border:1px solid #e2b55b; margin-left:.4rem; vertical-align:2px; }
.tag.break { background:#edf2f7; border-color:#a0aec0; }
.session { border:1px solid var(--line); border-radius:.4rem; padding:.6rem .8rem;
           margin:.6rem 0; break-inside:avoid; }
.week.deload .session { background:#fffbf2; }
table { border-collapse:collapse; width:100%; font-size:.9rem; }
th, td { text-align:left; padding:.25rem .5rem; border-bottom:1px solid var(--line);
         vertical-align:top; }
td.n, th.n { text-align:right; font-variant-numeric:tabular-nums; }
table.days { width:auto; margin-top:.6rem; } table.days td, table.days th { font-size:.8rem; }
footer { margin-top:3rem; color:var(--muted); font-size:.8rem; }
@media print { body { margin:0; max-width:none; } .week { break-before:page; } }
"""


def _svg_chart(plan: Plan) -> str:
    """Heat map of weekly strength sets per muscle group over the weeks, cardio minutes as bars
    below it; deload weeks are shaded and labelled, break weeks greyed."""
    weeks, sets, cardio = weekly_numbers(plan)
    info = {w.week: w for w in plan.weeks}
    n = max(len(weeks), 1)
    label_w, cell_w = 96, max(16, min(44, 880 // n))
    cell_h, top = 20, 34
    heat_h = cell_h * len(MUSCLE_GROUPS)
    axis_y = top + heat_h + 16
    bars_top, bars_h = axis_y + 28, 90
    width = label_w + cell_w * n + 10
    height = bars_top + bars_h + 26
    max_sets = max([v for w in weeks for v in sets[w].values()] + [1])
    max_cardio = max(list(cardio.values()) + [0.0])
    # inline SVG in HTML needs no xmlns: the page holds no URL at all
    out = [f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'role="img" aria-labelledby="chart-title" font-family="system-ui,sans-serif" '
           f'font-size="11">',
           '<title id="chart-title">Weekly strength sets per muscle group and weekly cardio '
           'minutes</title>']
    add = out.append
    for i, w in enumerate(weeks):
        x = label_w + i * cell_w
        wk = info.get(w)
        if wk is not None and (wk.deload or wk.is_break):
            fill = "#fdf0d5" if wk.deload else "#edf2f7"
            word = "deload" if wk.deload else "break"
            add(f'<rect x="{x}" y="0" width="{cell_w}" height="{height - 4}" fill="{fill}">'
                f'<title>week {w}: {word}</title></rect>')
            add(f'<text x="{x + cell_w / 2}" y="12" text-anchor="middle" font-size="9" '
                f'fill="#8a5a00">{word if cell_w >= 40 else word[0].upper()}</text>')
        add(f'<text x="{x + cell_w / 2}" y="{axis_y}" text-anchor="middle" '
            f'fill="#5a6472">{w}</text>')
    add(f'<text x="4" y="{axis_y}" fill="#5a6472">week</text>')
    add('<text x="4" y="26" fill="#5a6472" font-size="10">sets / week</text>')
    for r, muscle in enumerate(MUSCLE_GROUPS):
        y = top + r * cell_h
        add(f'<text x="4" y="{y + cell_h * 0.7}" fill="#1a202c">{escape(muscle)}</text>')
        for i, w in enumerate(weeks):
            x = label_w + i * cell_w
            v = sets[w].get(muscle, 0)
            if v <= 0:
                add(f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" '
                    f'fill="none" stroke="#e2e8f0"/>')
                continue
            share = v / max_sets
            ink = "#ffffff" if share > 0.55 else "#1a202c"
            add(f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" '
                f'rx="2" fill="#2b6cb0" fill-opacity="{0.12 + 0.88 * share:.2f}">'
                f'<title>week {w}, {escape(muscle)}: {v} sets</title></rect>')
            add(f'<text x="{x + cell_w / 2}" y="{y + cell_h * 0.7}" text-anchor="middle" '
                f'font-size="10" fill="{ink}">{v}</text>')
    add(f'<text x="4" y="{bars_top + 10}" fill="#5a6472" font-size="10">cardio min</text>')
    base = bars_top + bars_h
    add(f'<line x1="{label_w}" y1="{base}" x2="{label_w + cell_w * n}" y2="{base}" '
        f'stroke="#a0aec0"/>')
    for i, w in enumerate(weeks):
        minutes = cardio[w]
        if minutes <= 0:
            continue
        x = label_w + i * cell_w
        h = (bars_h - 14) * minutes / max_cardio
        add(f'<rect x="{x + 3}" y="{base - h:.1f}" width="{cell_w - 6}" height="{h:.1f}" '
            f'fill="#38a169"><title>week {w}: {minutes:g} cardio minutes</title></rect>')
        add(f'<text x="{x + cell_w / 2}" y="{base - h - 3:.1f}" text-anchor="middle" '
            f'font-size="9" fill="#276749">{minutes:.0f}</text>')
    if max_cardio <= 0:
        add(f'<text x="{label_w + 4}" y="{base - 6}" fill="#5a6472" font-size="10">'
            f'no cardio in this plan</text>')
    add('</svg>')
    return "\n".join(out)


_HEAD_1 = ("<table><thead><tr><th>exercise</th><th class=n>sets</th><th>reps</th><th>tempo</th>"
           "<th class=n>rest</th><th class=n>min</th></tr></thead><tbody>")
_HEAD_2 = ("<table><thead><tr><th>exercise</th><th class=n>sets</th><th>reps</th>"
           "<th>load</th><th class=n>rir</th><th>tempo</th><th class=n>rest</th>"
           "<th class=n>min</th><th>progression</th></tr></thead><tbody>")


def _exercise_row(x: PlannedExercise) -> str:
    """A format-1 row, or with the prescription where the exercise has one (SPEC §7.4):
    load or %1RM (or rir's plain words), rir, progression and the warm-up ramp."""
    e = escape
    if not has_prescription(x):
        return (f"<tr><td>{e(x.name)}</td><td class=n>{x.sets}</td><td>{e(x.reps)}</td>"
                f"<td>{e(x.tempo)}</td><td class=n>{x.rest_seconds} s</td>"
                f"<td class=n>{x.minutes:g}</td></tr>")
    warmup = warmup_line(x)
    name = e(x.name) + (f'<br><span class="muted">{e(warmup)}</span>' if warmup else "")
    load = load_text(x) or rir_instruction(x)
    return (f"<tr><td>{name}</td><td class=n>{x.sets}</td><td>{e(x.reps)}</td>"
            f"<td>{e(load)}</td><td class=n>{'' if x.rir is None else x.rir}</td>"
            f"<td>{e(x.tempo)}</td><td class=n>{x.rest_seconds} s</td>"
            f"<td class=n>{x.minutes:g}</td><td>{e(progression_text(x))}</td></tr>")


def _session_html(s: Session, start: str) -> str:
    e = escape
    rows = [_exercise_row(x) for x in s.exercises]
    warmup = f" · warm-up {s.warmup_minutes} min" if s.warmup_minutes else ""
    format2 = any(has_prescription(x) for x in s.exercises)
    return (
        f'<article class="session"><h3>{e(s.weekday.capitalize())} {s.date.isoformat()} · '
        f"{e(start)} · {e(s.location)} · {s.minutes} min</h3>"
        f'<p class="muted">{e(session_label(s))}{warmup}</p>'
        + (_HEAD_2 if format2 else _HEAD_1)
        + "".join(rows) + "</tbody></table></article>"
    )


def _days_html(days: list[PlanDay]) -> str:
    """The week's days: type and carbs, with kcal, protein and fat rows where days carry
    energy (format 2); format 1 keeps its single protein line."""
    e = escape
    heads = "".join(f"<th>{d.date.strftime('%a %d')}</th>" for d in days)
    kinds = "".join(f"<td>{e(d.type)}</td>" for d in days)
    carbs = "".join(f"<td>{d.carbs_g_per_kg:g} g/kg ({d.carbs_g} g)</td>" for d in days)
    if all(d.kcal is None for d in days):
        return (f'<table class="days"><tr><th></th>{heads}</tr><tr><th>day</th>{kinds}</tr>'
                f"<tr><th>carbs</th>{carbs}</tr></table>"
                f'<p class="muted">protein: {days[0].protein_g} g a day</p>')
    kcal = "".join(f"<td>{_cell(d.kcal)}</td>" for d in days)
    protein = "".join(f"<td>{d.protein_g} g</td>" for d in days)
    fat = "".join(f"<td>{_cell(d.fat_g)} g</td>" for d in days)
    return (f'<table class="days"><tr><th></th>{heads}</tr><tr><th>day</th>{kinds}</tr>'
            f"<tr><th>kcal</th>{kcal}</tr><tr><th>protein</th>{protein}</tr>"
            f"<tr><th>carbs</th>{carbs}</tr><tr><th>fat</th>{fat}</tr></table>")


def _lifts_html(plan: Plan) -> str:
    """The lifts table and one chart per main lift's planned load (or %1RM) over the weeks;
    '' for a plan with neither (format 1)."""
    e = escape
    charts = [lift_svg(series, plan.weeks) for series in main_lift_series(plan)]
    if not plan.lifts and not charts:
        return ""
    parts = ["<section><h2>Main lifts</h2>"]
    if charts:
        parts += ['<figure><div style="display:flex;flex-wrap:wrap;gap:1rem">', *charts,
                  "</div><figcaption>Heaviest planned working set per week (kg from the lifts "
                  "below, else %1RM). Shaded: deload weeks; grey: break weeks.</figcaption>"
                  "</figure>"]
    if plan.lifts:
        rows = "".join(f"<tr><td>{e(name)}</td><td class=n>{rm}</td><td>{e(source)}</td>"
                       f"<td>{used}</td></tr>" for name, rm, source, used in lift_rows(plan))
        parts.append('<table style="width:auto;margin-top:.6rem"><thead><tr><th>lift</th>'
                     "<th class=n>1RM kg</th><th>source</th><th>used</th></tr></thead>"
                     f"<tbody>{rows}</tbody></table>")
    parts.append("</section>")
    return "\n".join(parts)


def to_html(plan: Plan) -> str:
    """One self-contained page: no scripts, no external resources (works offline, prints)."""
    e = escape
    sc = plan.scenario
    try:
        starts = start_times(plan)
    except InputError:
        starts = {}
    title_line, solver_line = header(plan).split("\n", 1)
    title_line = title_line.removeprefix(f"{sc.get('name', 'plan')} — ")  # the h1 says it
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(str(sc.get('name', 'Training plan')))} — periodize</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<header><h1>{e(str(sc.get('name', 'Training plan')))}</h1>",
        f'<p class="meta">{e(title_line)} · time zone {e(str(sc.get("timezone", "UTC")))}</p>',
        f'<p class="meta">{e(solver_line)}</p></header>',
    ]
    if plan.warnings:
        parts.append('<section class="warn">' + "".join(
            f"<p>{e(w)}</p>" for w in plan.warnings) + "</section>")
    parts += [
        "<section><h2>Weekly load</h2><figure>",
        _svg_chart(plan),
        "<figcaption>Strength sets per week and muscle group (each set counts for every "
        "primary muscle of the exercise) and cardio minutes per week. Shaded columns: D = "
        "deload week, B = break week.</figcaption></figure></section>",
    ]
    lifts = _lifts_html(plan)
    if lifts:
        parts.append(lifts)
    weeks = [(w.week, w.block, w.deload, w.is_break) for w in plan.weeks] or [
        (w, next(s.block for s in plan.sessions if s.week == w), False, False)
        for w in sorted({s.week for s in plan.sessions})]
    for week, block, deload, is_break in weeks:
        tags = ""
        if deload:
            tags += '<span class="tag">deload</span>'
        if is_break:
            tags += '<span class="tag break">break week: no available day</span>'
        cls = "week deload" if deload else "week"
        parts.append(f'<section class="{cls}" id="week-{week}"><h2>Week {week} '
                     f"(block {block}){tags}</h2>")
        for s in plan.sessions_in_week(week):
            parts.append(_session_html(s, starts.get(s.date, DEFAULT_START)))
        days = [d for d in plan.days if d.week == week]
        if days:
            parts.append(_days_html(days))
        parts.append("</section>")
    parts.append(f"<footer>periodize {e(__version__)} · plan format {e(plan.format)}</footer>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
