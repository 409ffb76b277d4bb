"""Rendering a plan for people: week tables (tabulate) in the terminal or as Markdown."""

from __future__ import annotations

from collections import defaultdict

from tabulate import tabulate

from models.plan import Plan, PlanDay, PlannedExercise

from .prescribed import (
    has_prescription,
    lift_rows,
    prescription_line,
    progression_text,
    warmup_line,
)

FORMATS = ("table", "markdown", "json")


def exercise_line(e: PlannedExercise) -> str:
    """One exercise in one line: the format-2 prescription where the exercise has one (SPEC
    §7.4), else the format-1 line."""
    if has_prescription(e) and e.kind not in ("cardio_steady", "cardio_interval"):
        return prescription_line(e)
    line = _format1_line(e)
    progression = progression_text(e)
    return f"{line} · {progression}" if progression else line


def exercise_lines(e: PlannedExercise) -> list[str]:
    """The exercise's line and, for a main lift with a ramp, its warm-up sets below it."""
    warmup = warmup_line(e)
    return [exercise_line(e), f"  {warmup}"] if warmup else [exercise_line(e)]


def _format1_line(e: PlannedExercise) -> str:
    if e.kind == "cardio_steady":
        return f"{e.name}: {e.reps}"
    if e.kind == "cardio_interval":
        return f"{e.name}: {e.sets} × {e.reps}"
    dose = f"{e.sets}×{e.reps}"
    scheme = f" {e.scheme}" if e.scheme not in ("straight",) else ""
    tempo = "" if e.reps.endswith((" hold", " walk")) else f" @ {e.tempo}"
    return f"{e.name} {dose}{scheme}{tempo}, rest {e.rest_seconds} s"


def header(plan: Plan) -> str:
    sc = plan.scenario
    goal = sc.get("goal") or ", ".join(f"{g} {w:g}" for g, w in sc.get("goal_weights", {}).items())
    s = plan.solver
    gap = f"{100 * s.gap:.2f}%"
    lines = [
        f"{sc.get('name', 'plan')} — {goal}, {sc.get('level')}, {sc.get('weeks')} weeks from "
        f"{sc.get('start')}",
        f"solver: {s.status}, objective {s.objective:g}, best bound {s.best_bound:g}, gap {gap}, "
        f"{s.seconds:.1f} s, seed {s.seed}, {s.workers} worker(s)",
    ]
    return "\n".join(lines)


def render_week(plan: Plan, week: int, fmt: str = "table") -> str:
    markdown = fmt == "markdown"
    tablefmt = "github" if markdown else "simple_grid"
    sep = "<br>" if markdown else "\n"
    info = next((w for w in plan.weeks if w.week == week), None)
    sessions = plan.sessions_in_week(week)
    block = info.block if info else (sessions[0].block if sessions else "?")
    title = f"Week {week} (block {block})"
    if info and info.deload:
        title += " — deload"
    if info and info.is_break:
        title += " — break week: no available day, per-week rules do not apply"
    out = [f"## {title}" if markdown else title]
    if sessions:
        rows = [
            [
                f"{s.weekday.capitalize()} {s.date}",
                s.location,
                ", ".join(s.focus) or "cardio",
                sep.join(line for e in s.exercises for line in exercise_lines(e)),
                s.minutes,
            ]
            for s in sessions
        ]
        out.append(tabulate(rows, headers=["day", "where", "focus", "exercises", "min"],
                            tablefmt=tablefmt))
    days = [d for d in plan.days if d.week == week]
    if days:
        out += day_tables(days, tablefmt)
    return "\n\n".join(out)


def day_tables(days: list[PlanDay], tablefmt: str) -> list[str]:
    """The week's days: carbs (and one protein figure) in format 1; kcal, protein, carbs and
    fat per day where the days carry energy (format 2, SPEC §7.3)."""
    carbs = ["carbs g/kg (g)"] + [
        f"{d.carbs_g_per_kg:g} ({d.carbs_g})" + ("" if d.type == "training" else " rest")
        for d in days
    ]
    heads = [""] + [d.date.strftime("%a %d") for d in days]
    if all(d.kcal is None for d in days):
        return [tabulate([carbs], headers=heads, tablefmt=tablefmt),
                f"protein: {days[0].protein_g} g a day"]
    rows = [
        ["kcal"] + [_or_dash(d.kcal) for d in days],
        ["protein g"] + [str(d.protein_g) for d in days],
        carbs,
        ["fat g"] + [_or_dash(d.fat_g) for d in days],
    ]
    return [tabulate(rows, headers=heads, tablefmt=tablefmt, disable_numparse=True)]


def _or_dash(x: int | None) -> str:
    return "-" if x is None else str(x)


def lifts_table(plan: Plan, fmt: str = "table") -> str:
    """The 1RM behind every load (SPEC §7.4 `lifts`); '' when the plan has none."""
    if not plan.lifts:
        return ""
    table = tabulate(lift_rows(plan), headers=["lift", "1RM kg", "source", "used"],
                     tablefmt="github" if fmt == "markdown" else "simple",
                     disable_numparse=True)
    title = "Lifts (the 1RM behind every load)"
    return f"## {title}\n\n{table}" if fmt == "markdown" else f"{title}\n{table}"


def cost_table(plan: Plan, fmt: str = "table") -> str:
    """Soft-rule penalties by rule with their main cause (optimizer/explain.py); the bare
    rule/penalty table when the plan's scenario or catalog cannot be read again."""
    try:
        from .explain import short_breakdown

        return short_breakdown(plan, fmt)
    except Exception:  # noqa: BLE001 - a summary must never break rendering
        pass
    totals: dict[str, float] = defaultdict(float)
    for t in plan.objective_terms:
        totals[t.rule] += t.penalty
    if not totals:
        return "objective: 0 (every soft target met)"
    rows = sorted(totals.items(), key=lambda kv: -kv[1])
    return tabulate(rows, headers=["rule", "penalty"],
                    tablefmt="github" if fmt == "markdown" else "simple")


def render_plan(plan: Plan, fmt: str = "table", week: int | None = None) -> str:
    """The plan as text: header, one table per week (or one week), soft-rule costs."""
    if fmt == "json":
        return plan.to_json()
    weeks = [week] if week is not None else [w.week for w in plan.weeks] or sorted(
        {s.week for s in plan.sessions})
    parts = [header(plan)]
    if plan.warnings:
        parts.append("\n".join(f"warning: {w}" for w in plan.warnings))
    if plan.lifts:
        parts.append(lifts_table(plan, fmt))
    parts += [render_week(plan, w, fmt) for w in weeks]
    parts.append(cost_table(plan, fmt))
    return "\n\n".join(parts) + "\n"
