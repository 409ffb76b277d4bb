"""A small inline-SVG line chart of one main lift's planned top set over the weeks (kg, or %1RM
without lift data), for the HTML export. No script, no external resource; deload weeks shaded,
break weeks greyed; every point carries its value as a tooltip (<title>) and a label."""

from __future__ import annotations

from html import escape

from models.plan import PlanWeek

from .plan_stats import LiftSeries

WIDTH, HEIGHT = 380, 180
LEFT, RIGHT, TOP, BOTTOM = 46, 12, 30, 28


def _value(x: float, unit: str) -> str:
    return f"{x:g} kg" if unit == "kg" else f"{x:g}%"


def lift_svg(series: LiftSeries, weeks: list[PlanWeek]) -> str:
    """The chart of one lift across `weeks` (the plan's weeks, in order)."""
    numbers = [w.week for w in weeks] or [week for week, _ in series.points]
    values = [v for _, v in series.points]
    lo, hi = min(values), max(values)
    pad = max((hi - lo) * 0.15, 2.5)
    lo, hi = lo - pad, hi + pad
    step = (WIDTH - LEFT - RIGHT) / max(len(numbers), 1)

    def x(week: int) -> float:
        return LEFT + step * (numbers.index(week) + 0.5)

    def y(v: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (hi - v) / (hi - lo)

    label = f"{series.name}: planned top set per week ({series.unit})"
    out = [f'<svg width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'font-family="system-ui,sans-serif" font-size="10"><title>{escape(label)}</title>',
           f'<text x="4" y="14" font-size="12" fill="#1a202c">{escape(series.name)} '
           f'({escape(series.unit)})</text>']
    for w in weeks:
        if w.deload or w.is_break:
            out.append(f'<rect x="{x(w.week) - step / 2:.1f}" y="{TOP - 8}" width="{step:.1f}" '
                       f'height="{HEIGHT - TOP - BOTTOM + 8}" '
                       f'fill="{"#fdf0d5" if w.deload else "#edf2f7"}"/>')
    for week in numbers:
        out.append(f'<text x="{x(week):.1f}" y="{HEIGHT - 10}" text-anchor="middle" '
                   f'fill="#5a6472">{week}</text>')
    base = HEIGHT - BOTTOM
    out.append(f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" '
               f'stroke="#a0aec0"/>')
    for v in (min(values), max(values)):
        out.append(f'<text x="{LEFT - 4}" y="{y(v) + 3:.1f}" text-anchor="end" '
                   f'fill="#5a6472">{_value(v, series.unit)}</text>')
    coords = " ".join(f"{x(week):.1f},{y(v):.1f}" for week, v in series.points
                      if week in numbers)
    out.append(f'<polyline points="{coords}" fill="none" stroke="#2b6cb0" stroke-width="2"/>')
    for week, v in series.points:
        if week in numbers:
            out.append(f'<circle cx="{x(week):.1f}" cy="{y(v):.1f}" r="3.5" fill="#2b6cb0">'
                       f'<title>week {week}: {_value(v, series.unit)}</title></circle>')
            if step >= 28:  # room for a label over each point
                below = v == min(values) < max(values)  # a low point: under it, off the line
                out.append(f'<text x="{x(week):.1f}" y="{y(v) + (14 if below else -7):.1f}" '
                           'text-anchor="middle" '
                           f'font-size="9" fill="#2b6cb0">{v:g}</text>')
    out.append("</svg>")
    return "\n".join(out)
