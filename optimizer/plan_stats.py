"""Intensity and energy figures of a plan (SPEC §7.2–7.4), computed from its sessions and days.
Pure functions, one home: `periodize compare` reads them for its table, the HTML export for its
main-lift chart. Every figure is None where the plan holds no such data (a format-1 plan has
no %1RM, rir or kcal), so an output can say "-" instead of a made-up zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from models.plan import Plan, PlanDay, PlannedExercise, Session

HARD_RIR = 1  # a set at rir ≤ 1 is a hard set (close to failure)


def _strength(sessions: Iterable[Session]) -> list[PlannedExercise]:
    return [e for s in sessions for e in s.exercises if e.kind == "strength"]


def mean_percent_1rm(sessions: Iterable[Session]) -> float | None:
    """Mean %1RM of the strength working sets that have one, weighted by sets."""
    pairs = [(e.percent_1rm, e.sets) for e in _strength(sessions) if e.percent_1rm is not None]
    sets = sum(n for _, n in pairs)
    return sum(p * n for p, n in pairs) / sets if sets else None


def hard_sets(sessions: Iterable[Session], max_rir: int = HARD_RIR) -> int | None:
    """Strength working sets at rir ≤ `max_rir`; None when no strength exercise has a rir."""
    rated = [e for e in _strength(sessions) if e.rir is not None]
    return sum(e.sets for e in rated if e.rir <= max_rir) if rated else None


def mean_kcal(days: Iterable[PlanDay]) -> float | None:
    """Mean daily kcal target of the days that have one."""
    values = [d.kcal for d in days if d.kcal is not None]
    return sum(values) / len(values) if values else None


def mean_protein_g(days: Iterable[PlanDay]) -> float | None:
    """Mean daily protein in grams (format 1 has protein too)."""
    values = [d.protein_g for d in days]
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class LiftSeries:
    """One main lift's planned top set per week: kg where the plan gives loads, else %1RM."""

    id: str
    name: str
    unit: str  # "kg" | "%1RM"
    points: tuple[tuple[int, float], ...]  # (week, value), weeks ascending


def main_lift_series(plan: Plan) -> list[LiftSeries]:
    """Each main lift with a load or %1RM, in order of first appearance: its heaviest planned
    working set per week (kg if any week has a load, else %1RM)."""
    found: dict[str, list[tuple[int, PlannedExercise]]] = {}
    for s in sorted(plan.sessions, key=lambda s: s.date):
        for e in s.exercises:
            main = e.role == "main" or (e.role is None and e.main_lift)
            loaded = e.load_kg is not None or e.percent_1rm is not None
            if main and e.kind == "strength" and loaded:
                found.setdefault(e.id, []).append((s.week, e))
    out = []
    for ex_id, items in found.items():
        kg = any(e.load_kg is not None for _, e in items)
        top: dict[int, float] = {}
        for week, e in items:
            value = e.load_kg if kg else e.percent_1rm
            if value is not None:
                top[week] = max(top.get(week, value), value)
        out.append(LiftSeries(ex_id, items[0][1].name, "kg" if kg else "%1RM",
                              tuple(sorted(top.items()))))
    return out
