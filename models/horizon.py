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


WEEK_KINDS = ("regular", "deload", "travel_deload", "reentry", "break")


@dataclass(frozen=True)
class Week:
    number: int
    block: int
    position: int  # 0-based week within its block
    days: tuple[CalendarDay, ...]
    deload: bool  # True for "deload" and "travel_deload" weeks
    is_break: bool
    kind: str = "regular"  # one of WEEK_KINDS (rule `deload`, SPEC §7.1)

    @property
    def minutes(self) -> int:
        """Minutes available in the week."""
        return sum(d.minutes for d in self.days)

    @property
    def available_days(self) -> tuple[CalendarDay, ...]:
        return tuple(d for d in self.days if d.available)

    @property
    def pattern(self) -> tuple:
        """What the week offers, by weekday: weeks with equal patterns share sessions."""
        return tuple((d.weekday, d.minutes, d.location) for d in self.days if d.available)


class Horizon:
    """Calendar of a scenario: days, weeks and blocks, and each week's kind (rule `deload`).

    `refined` (the default) applies SPEC §7.1's deload; False gives §2's (the last week of every
    block of ≥ 3 weeks without a break week), which `check` applies to format-1 plan files."""

    def __init__(self, scenario: Scenario, refined: bool = True):
        self.scenario = scenario
        self.refined = refined
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
        kinds = self.week_kinds()
        out = []
        for w in range(1, self.scenario.weeks + 1):
            days = self.days[(w - 1) * 7 : w * 7]
            kind = kinds[w]
            out.append(Week(w, (w - 1) // self.block_weeks + 1, (w - 1) % self.block_weeks,
                            tuple(days), kind in ("deload", "travel_deload"), kind == "break",
                            kind))
        return tuple(out)

    def week_kinds(self) -> dict[int, str]:
        """Week number -> kind. Refined rule (SPEC §7.1): a break week is "break" and the week
        after it "reentry"; a block holding a break week has no deload; otherwise, in a block
        of ≥ 3 weeks, the first week whose minutes are ≤ `travel_share` × the block's most
        (among its other weeks) is the block's "travel_deload", else its last week is the
        "deload" — except within a novice's first `novice_weeks` weeks (linear progress)."""
        sc = self.scenario
        minutes = {w: sum(d.minutes for d in self.days[(w - 1) * 7 : w * 7])
                   for w in range(1, sc.weeks + 1)}
        kinds = {w: "break" if minutes[w] == 0 else "regular" for w in minutes}
        if self.refined:
            for w in minutes:
                if kinds[w] == "regular" and kinds.get(w - 1) == "break":
                    kinds[w] = "reentry"
        if not sc.rule_enabled("deload"):
            return kinds
        travel_share = sc.rule_param("deload", "travel_share")
        novice_weeks = sc.rule_param("deload", "novice_weeks") if sc.level == "novice" else 0
        for block in range(1, self.n_blocks + 1):
            first = (block - 1) * self.block_weeks + 1
            numbers = list(range(first, first + self.block_length(block)))
            if len(numbers) < 3 or any(kinds[w] == "break" for w in numbers):
                continue  # a block with a holiday already has its easy week
            if not self.refined:
                kinds[numbers[-1]] = "deload"
                continue
            travel = [w for w in numbers if kinds[w] == "regular" and minutes[w] <= travel_share
                      * max((minutes[o] for o in numbers if o != w and kinds[o] == "regular"),
                                            default=0)]
            if travel:
                kinds[travel[0]] = "travel_deload"
            elif numbers[-1] > novice_weeks and kinds[numbers[-1]] == "regular":
                kinds[numbers[-1]] = "deload"
        return kinds

    @property
    def regular_weeks(self) -> tuple[Week, ...]:
        """Weeks that are none of break, deload, travel-deload or re-entry."""
        return tuple(w for w in self.weeks if w.kind == "regular")

    @property
    def n_blocks(self) -> int:
        return (self.scenario.weeks - 1) // self.block_weeks + 1

    def block_length(self, block: int) -> int:
        first = (block - 1) * self.block_weeks + 1
        return min(self.block_weeks, self.scenario.weeks - first + 1)

    def block_weeks_of(self, block: int) -> tuple[Week, ...]:
        return tuple(w for w in self.weeks if w.block == block)

    @cached_property
    def block_order(self) -> dict[int, int]:
        """Each block's place (0-based) among the blocks that hold sessions: a block of only
        break weeks shares its successor's number (rep schemes rotate, cardio builds)."""
        order, out = 0, {}
        for block in range(1, self.n_blocks + 1):
            out[block] = order
            if any(not w.is_break for w in self.block_weeks_of(block)):
                order += 1
        return out

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
