"""The epsilon constraint of a `periodize compare` sweep point (`optimizer.compare`)."""

from __future__ import annotations

from models.vocab import CARDIO_KINDS

from .model import ModelContext


def _cardio_kind(ex) -> bool:
    return ex.kind in CARDIO_KINDS


def add_cardio_bound(mc: ModelContext, relation: str, minutes: int) -> None:
    """Weekly cardio minutes `relation` (==, <= or >=) `minutes` in every non-break, non-deload
    week, as the `cardio` rule measures them (through `ModelContext.require` as rule `compare`,
    so a diagnosis names it)."""
    m, pre = mc.model, mc.prescriber
    bound = 60 * minutes
    for template in mc.structure.templates:
        for week in template.regular_weeks:
            seconds = sum(mc.dose_in(c, week) * pre.unit_seconds(c.exercise, week)
                          for _, c in mc.options(template, _cardio_kind))
            if relation == "==":
                constraint = m.add(seconds == bound)
            elif relation == "<=":
                constraint = m.add(seconds <= bound)
            else:
                constraint = m.add(seconds >= bound)
            mc.require(constraint, "compare", f"week {week.number}")
