"""SPEC §7.1 rule `selection`: no regression where the session's location has a loadable
variant of its pattern (intermediate and advanced), except in deload weeks. The measure is
`optimizer.eligibility.Eligibility`, the model's own filter."""

from __future__ import annotations

from ..eligibility import Eligibility
from .core import Context, Violation, violation


def check_selection(ctx: Context) -> list[Violation]:
    if ctx.catalog is None:
        return []
    rule = Eligibility(ctx.scenario, ctx.catalog)
    by_id = ctx.catalog.by_id()
    out = []
    for s in ctx.sessions:
        for e in s.exercises:
            ex = by_id.get(e.id)
            if ex is None or rule.regression_allowed(ex, s.location, s.deload):
                continue
            day = ctx.day_of(s)
            out.append(
                violation(
                    "selection",
                    f"{s.date} (week {day.week if day else s.week}): "
                    f"{rule.why_not(ex, s.location)}",
                    day=s.date,
                    week=day.week if day else s.week,
                )
            )
    return out
