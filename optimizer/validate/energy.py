"""Rule `energy` (SPEC §7.3) and rule `carbs` as §7.3 refines it, on format-2 plans.

The measures live in optimizer/nutrition.py (`carbs_problems`, `kcal_problems`,
`energy_warnings`); this module walks the plan's days and turns them into violations. A plan
whose days carry §2's numbers (format 1, or `energy` switched off) is checked by
`rules.check_carbs` as before.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..nutrition import carbs_problems, energy_warnings, kcal_problems, writes_energy
from .core import Context, Violation, violation


def _day_minutes(ctx: Context) -> dict[date, int]:
    """Training minutes by date: what a day's activity factor and carbs band are read from."""
    return {s.date: s.minutes for s in ctx.sessions}


def _rest_carbs_by_week(ctx: Context) -> dict[int, list[float]]:
    out: dict[int, list[float]] = defaultdict(list)
    for d in ctx.plan.days:
        if d.type == "rest":
            out[d.week].append(d.carbs_g_per_kg)
    return out


def carbs_violations(ctx: Context) -> list[Violation]:
    """Rule `carbs` on a format-2 plan: §7.3's carbs bands (lower for deficit days), training
    days above the week's rest days, carbs_g = g/kg × mass, §7.3's protein band."""
    minutes = _day_minutes(ctx)
    rest = _rest_carbs_by_week(ctx)
    return [
        violation("carbs", text, day=d.date, week=d.week)
        for d in ctx.plan.days
        for text in carbs_problems(
            ctx.scenario, d.date, minutes.get(d.date), d, rest.get(d.week, [])
        )
    ]


def check_energy(ctx: Context) -> list[Violation]:
    """Each day's kcal = 4·protein + 9·fat + 4·carbs, fat ≥ 0.6 g/kg, kcal ≥ BMR, deficit days
    below maintenance (unless the rule clipped them), kcal as the rule gives it; the plan warns
    of every clip and of a maintenance estimated from body mass. With `carbs` switched off the
    carbs and protein bands are checked here instead."""
    if not writes_energy(ctx.scenario, ctx.plan.version):
        return []
    sc = ctx.scenario
    minutes = _day_minutes(ctx)
    rest = _rest_carbs_by_week(ctx)
    bands = not sc.rule_enabled("carbs")
    out = []
    for d in ctx.plan.days:
        if d.kcal is None or d.fat_g is None:
            missing = " and ".join(k for k in ("kcal", "fat_g") if getattr(d, k) is None)
            out.append(
                violation(
                    "energy",
                    f"{d.date}: no {missing} (a format-2 day carries its energy target)",
                    day=d.date,
                    week=d.week,
                )
            )
            continue
        m, week_rest = minutes.get(d.date), rest.get(d.week, [])
        texts = kcal_problems(sc, d.date, m, d, week_rest)
        if bands:
            texts = carbs_problems(sc, d.date, m, d, week_rest) + texts
        out += [violation("energy", t, day=d.date, week=d.week) for t in texts]
    day_minutes = [minutes.get(d.date) for d in ctx.horizon.days]
    for text in energy_warnings(sc, day_minutes):
        if text not in ctx.plan.warnings:
            out.append(violation("energy", f"the plan's warnings do not say: {text}"))
    return out
