"""Rendering a plan for people: week tables (tabulate) in the terminal or as Markdown."""

from __future__ import annotations

from collections import defaultdict

from tabulate import tabulate

from models.plan import Plan, PlannedExercise

FORMATS = ("table", "markdown", "json")


def exercise_line(e: PlannedExercise) -> str:
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
                sep.join(exercise_line(e) for e in s.exercises),
                s.minutes,
            ]
            for s in sessions
        ]
        out.append(tabulate(rows, headers=["day", "where", "focus", "exercises", "min"],
                            tablefmt=tablefmt))
    days = [d for d in plan.days if d.week == week]
    if days:
        row = ["carbs g/kg (g)"] + [
            f"{d.carbs_g_per_kg:g} ({d.carbs_g})" + ("" if d.type == "training" else " rest")
            for d in days
        ]
        heads = [""] + [d.date.strftime("%a %d") for d in days]
        out.append(tabulate([row], headers=heads, tablefmt=tablefmt))
        out.append(f"protein: {days[0].protein_g} g a day")
    return "\n\n".join(out)


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
    parts += [render_week(plan, w, fmt) for w in weeks]
    parts.append(cost_table(plan, fmt))
    return "\n\n".join(parts) + "\n"
