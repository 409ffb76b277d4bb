"""What every check of `periodize check` shares: the plan's Context, Violation and formatting
helpers. No OR-Tools here, directly or indirectly (`optimizer/__init__.py` is lazy).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from models.catalog import Catalog
from models.horizon import CalendarDay, Horizon, Week
from models.plan import Plan, Session
from models.scenario import Scenario

from ..objective import (
    work_seconds,
)

GOAL_RULE_SHARE = 0.25  # a goal's cardio hard rules apply from this weight in a mix (choice)
EPS = 1e-9
OBJECTIVE_TOLERANCE = 1e-6
TEMPO = re.compile(r"^(\d+)-(\d+)-(\d+|X)-(\d+)$")


@dataclass(frozen=True)
class Violation:
    """One broken rule: the rule id, a message in training terms, and where."""

    rule: str
    message: str
    date: date | None = None
    week: int | None = None

    def __str__(self) -> str:
        return self.message


@dataclass
class Context:
    """What every check needs: the plan, its validated scenario, calendar and parameters."""

    plan: Plan
    scenario: Scenario
    horizon: Horizon
    catalog: Catalog | None = None
    params: dict[str, dict[str, float | int]] = field(default_factory=dict)
    # made with SPEC §7.1's week shape (refined deload, rule `endurance`): format 2, or a
    # format-1 file whose weeks carry their kind (`refined_deload`); older files keep §2's
    refined: bool = True

    def param(self, rule: str, key: str):
        return self.params.get(rule, {}).get(key, self.scenario.rule_param(rule, key))

    # --- the plan, organised ----------------------------------------------------------------
    @cached_property
    def sessions(self) -> list[Session]:
        """Sessions in date order."""
        return sorted(self.plan.sessions, key=lambda s: s.date)

    def day_of(self, session: Session) -> CalendarDay | None:
        return self.horizon.by_date.get(session.date)

    def _grouped(self, attr: str) -> dict[int, list[Session]]:
        """Sessions on the calendar, by the week or block of their date."""
        out: dict[int, list[Session]] = defaultdict(list)
        for s in self.sessions:
            day = self.day_of(s)
            if day is not None:
                out[getattr(day, attr)].append(s)
        return out

    @cached_property
    def by_week(self) -> dict[int, list[Session]]:
        return self._grouped("week")

    @cached_property
    def by_block(self) -> dict[int, list[Session]]:
        return self._grouped("block")

    def week_sessions(self, week: Week) -> list[Session]:
        return self.by_week.get(week.number, [])

    @property
    def active_weeks(self) -> list[Week]:
        """Weeks the per-week rules apply to (not break weeks)."""
        return [w for w in self.horizon.weeks if not w.is_break]

    def goal_applies(self, goal: str) -> bool:
        return self.scenario.goal_mix().get(goal, 0.0) >= GOAL_RULE_SHARE - EPS


def violation(
    rule: str, text: str, *, day: date | None = None, week: int | None = None
) -> Violation:
    return Violation(rule=rule, message=f"{rule}: {text}", date=day, week=week)


def pct_text(x: float) -> str:
    return f"{100 * x:.0f}%"


def num_text(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0")


def names_text(items) -> str:
    return ", ".join(sorted(items))


def strength_sets(sessions: list[Session]) -> int:
    return sum(e.sets for s in sessions for e in s.exercises if e.kind == "strength")


def seconds_of(sessions: list[Session], kinds) -> int:
    return sum(work_seconds(e) for s in sessions for e in s.exercises if e.kind in kinds)


def minutes_text(seconds: float) -> str:
    return num_text(seconds / 60)
