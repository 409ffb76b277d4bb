"""The plan's calendar: every date with its week, block, weekday and availability.

Pure data derived from a Scenario; used by the optimizer and by the independent validator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from .profiles import SHORT_SLEEP_HOURS, SHORT_SLEEP_VOLUME_FACTOR
from .scenario import Scenario
from .vocab import WEEKDAYS


@dataclass(frozen=True)
class CalendarDay:
    date: date
    index: int  # 0-based day of the plan
    week: int  # 1-based plan week (7 days from `start`)
    block: int  # 1-based block (mesocycle)
    weekday: str
    minutes: int  # minutes available (0 = unavailable)
    location: str | None
    start: str | None

    @property
    def available(self) -> bool:
        return self.minutes > 0


@dataclass(frozen=True)
class Week:
    number: int
    block: int
    position: int  # 0-based week within its block
    days: tuple[CalendarDay, ...]
    deload: bool
    is_break: bool

    @property
    def available_days(self) -> tuple[CalendarDay, ...]:
        return tuple(d for d in self.days if d.available)

    @property
    def pattern(self) -> tuple:
        """What the week offers, by weekday: weeks with equal patterns share sessions."""
        return tuple((d.weekday, d.minutes, d.location) for d in self.days if d.available)


class Horizon:
    """Calendar of a scenario: days, weeks and blocks, break and deload weeks."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.block_weeks = scenario.rule_param("variation", "block_weeks")

    @cached_property
    def days(self) -> tuple[CalendarDay, ...]:
        sc = self.scenario
        out = []
        for i in range(sc.weeks * 7):
            day = sc.start + timedelta(days=i)
            wd = WEEKDAYS[day.weekday()]
            avail = sc.availability.get(wd)
            for exc in sc.exceptions:
                if exc.from_ <= day <= exc.to:
                    avail = exc.availability.get(wd)
                    break
            minutes = avail.minutes if avail else 0
            week = i // 7 + 1
            out.append(
                CalendarDay(
                    date=day,
                    index=i,
                    week=week,
                    block=(week - 1) // self.block_weeks + 1,
                    weekday=wd,
                    minutes=minutes,
                    location=avail.location if avail and minutes > 0 else None,
                    start=avail.start if avail and minutes > 0 else None,
                )
            )
        return tuple(out)

    @cached_property
    def weeks(self) -> tuple[Week, ...]:
        sc = self.scenario
        out = []
        n_blocks = self.n_blocks
        for w in range(1, sc.weeks + 1):
            days = self.days[(w - 1) * 7 : w * 7]
            block = (w - 1) // self.block_weeks + 1
            position = (w - 1) % self.block_weeks
            block_len = self.block_length(block) if block <= n_blocks else 0
            is_break = not any(d.available for d in days)
            # a block with a holiday already has its easy week: no extra deload
            deload = (
                sc.rule_enabled("deload")
                and block_len >= 3
                and position == block_len - 1
                and block not in self._blocks_with_breaks
            )
            out.append(Week(w, block, position, tuple(days), deload, is_break))
        return tuple(out)

    @cached_property
    def _blocks_with_breaks(self) -> frozenset[int]:
        out = set()
        for w in range(1, self.scenario.weeks + 1):
            days = self.days[(w - 1) * 7 : w * 7]
            if not any(d.available for d in days):
                out.add((w - 1) // self.block_weeks + 1)
        return frozenset(out)

    @property
    def n_blocks(self) -> int:
        return (self.scenario.weeks - 1) // self.block_weeks + 1

    def block_length(self, block: int) -> int:
        first = (block - 1) * self.block_weeks + 1
        return min(self.block_weeks, self.scenario.weeks - first + 1)

    def block_weeks_of(self, block: int) -> tuple[Week, ...]:
        return tuple(w for w in self.weeks if w.block == block)

    @cached_property
    def by_date(self) -> dict[date, CalendarDay]:
        return {d.date: d for d in self.days}

    @property
    def end(self) -> date:
        return self.days[-1].date

    def out_of_horizon_exceptions(self) -> list[int]:
        """Indexes of exceptions that touch no day of the plan (a warning, not an error)."""
        first, last = self.scenario.start, self.end
        return [
            i for i, e in enumerate(self.scenario.exceptions) if e.to < first or e.from_ > last
        ]

    def warnings(self) -> list[str]:
        """Things that are allowed but probably not meant, or that change the plan."""
        sc = self.scenario
        out = []
        for i in self.out_of_horizon_exceptions():
            exc = sc.exceptions[i]
            out.append(
                f"exceptions[{i}] ({exc.from_} - {exc.to}) lies outside the plan "
                f"({sc.start} - {self.end}) and has no effect"
            )
        if sc.sleep_hours < SHORT_SLEEP_HOURS and sc.rule_enabled("sleep"):
            cut = f"{1 - SHORT_SLEEP_VOLUME_FACTOR:.0%}"
            out.append(
                f"sleep_hours = {sc.sleep_hours:g} is under {SHORT_SLEEP_HOURS:g} h (AASM 2015): "
                f"weekly volume targets are lowered by {cut}"
            )
        breaks = [w.number for w in self.weeks if w.is_break]
        if breaks and len(breaks) == len(self.weeks):
            out.append("every week is a break week: the plan will have no sessions")
        elif breaks:
            out.append(
                f"break week(s) {', '.join(map(str, breaks))}: no available day, per-week rules "
                "do not apply"
            )
        return out
