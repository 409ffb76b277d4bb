"""Session templates: the repeating structure the model decides on (pure data, no solver).

Within a block, weeks with the same availability pattern get the same sessions (rule
`variation`: "within a block the weekly sessions repeat where availability repeats"). So the
model decides one *template* per (block, availability pattern) — one *slot* per available
weekday of it — instead of one set of variables per calendar day. A 52-week plan with a steady
week has 13 templates, not 52 weeks of days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from models.horizon import CalendarDay, Horizon, Week

SlotKey = tuple[int, str]


@dataclass(frozen=True)
class Slot:
    """One weekday of a template: a possible session."""

    template: int
    weekday: str
    order: int  # position of the weekday in the week (days from the week's first day)
    minutes: int
    location: str

    @property
    def key(self) -> tuple[int, str]:
        return (self.template, self.weekday)


@dataclass
class Template:
    index: int
    block: int
    weeks: tuple[Week, ...]
    slots: tuple[Slot, ...] = field(default_factory=tuple)

    @property
    def first_week(self) -> Week:
        return self.weeks[0]

    @property
    def regular_weeks(self) -> tuple[Week, ...]:
        return tuple(w for w in self.weeks if not w.deload)

    @property
    def deload_weeks(self) -> tuple[Week, ...]:
        return tuple(w for w in self.weeks if w.deload)

    @property
    def available_days(self) -> int:
        return len(self.slots)


class Structure:
    """Templates of a horizon and the map from calendar days to slots."""

    def __init__(self, horizon: Horizon, blocks: frozenset[int] | None = None,
                 split_date: date | None = None):
        """All templates of the horizon, or only those of `blocks` (a window of the plan).

        `split_date` (replan): weeks that end before it, a week with days before and from it,
        and weeks from it on never share a template, so the part before the date can be fixed
        to what was done while the rest stays free. None (the default) groups by pattern only."""
        self.horizon = horizon
        self.blocks = blocks
        self.split_date = split_date
        templates: list[Template] = []
        week_template: dict[int, int] = {}
        for block in range(1, horizon.n_blocks + 1):
            if blocks is not None and block not in blocks:
                continue
            groups: dict[tuple, list[Week]] = {}
            for week in horizon.block_weeks_of(block):
                if week.is_break:
                    continue
                groups.setdefault(self._group_key(week), []).append(week)
            for weeks in groups.values():
                index = len(templates)
                template = Template(index, block, tuple(weeks))
                template.slots = tuple(
                    Slot(index, d.weekday, i, d.minutes, d.location or "")
                    for i, d in enumerate(weeks[0].days)
                    if d.available
                )
                templates.append(template)
                for w in weeks:
                    week_template[w.number] = index
        self.templates: tuple[Template, ...] = tuple(templates)
        self.week_template = week_template

    def _group_key(self, week: Week) -> tuple:
        if self.split_date is None:
            return week.pattern
        if week.days[-1].date < self.split_date:
            tag = "before"
        elif week.days[0].date < self.split_date:
            tag = "split"  # days before and from the date
        else:
            tag = "after"
        return (tag, week.pattern)

    @cached_property
    def slots(self) -> tuple[Slot, ...]:
        return tuple(s for t in self.templates for s in t.slots)

    def template_of_week(self, week: int) -> Template | None:
        index = self.week_template.get(week)
        return None if index is None else self.templates[index]

    def slot_of_day(self, day: CalendarDay) -> Slot | None:
        if not day.available:
            return None
        template = self.template_of_week(day.week)
        if template is None:
            return None
        for slot in template.slots:
            if slot.weekday == day.weekday:
                return slot
        return None

    @cached_property
    def calendar_slots(self) -> tuple[tuple[CalendarDay, Slot], ...]:
        """Every available calendar day with its slot, in date order."""
        out = []
        for day in self.horizon.days:
            slot = self.slot_of_day(day)
            if slot is not None:
                out.append((day, slot))
        return tuple(out)

    def blocks_with_sessions(self) -> list[int]:
        return sorted({t.block for t in self.templates})
