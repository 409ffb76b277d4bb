"""SPEC §7.1 rule `structure`: the week's pattern coverage, the shape of a strength session,
isolation and calf caps, the strength goal's main lifts. Measures: optimizer/coverage.py."""

from __future__ import annotations

from models.plan import Session
from models.vocab import COMPOUND_PATTERNS

from .. import coverage as cov
from ..eligibility import Eligibility
from ..objective import calf_sets
from ..prescription import Prescriber
from .core import Context, Violation, names_text, violation


def check_structure(ctx: Context) -> list[Violation]:
    if ctx.catalog is None:
        return []
    rule, rx = Eligibility(ctx.scenario, ctx.catalog), Prescriber(ctx.scenario, ctx.horizon)
    by_id = ctx.catalog.by_id()
    out = []
    for week in ctx.active_weeks:
        sessions = ctx.week_sessions(week)
        n = week.number
        explosive = cov.explosive_block(rx, ctx.horizon, week.block)
        out += _caps(rule, sessions, n, explosive) + _shape(ctx, sessions, n)
        out += _floor_pulls(ctx, by_id, sessions, n)
        if not cov.is_regular(week):
            continue
        locations = {d.location for d in week.available_days if d.location}
        for label, patterns in cov.requirements(rule, week, locations, explosive):
            if not any(
                e.id in by_id and cov.covers(by_id[e.id], p)
                for s in sessions
                for e in s.exercises
                for p in patterns
            ):
                how = "narrowed coverage" if cov.narrowed(ctx.scenario, week) else "coverage"
                out.append(
                    violation(
                        "structure",
                        f"week {n}: no {LABEL(label)} although "
                        f"{names_text(locations)} offers one ({how})",
                        week=n,
                    )
                )
        if cov.strength_goal(ctx.scenario):
            out += _main_lifts(ctx, rule, sessions, locations, explosive, n)
    return out


def LABEL(key: str) -> str:  # noqa: N802 - reads as the table it is
    return cov.LABEL[key].split(" ", 1)[1]


def _caps(rule: Eligibility, sessions: list[Session], n: int, explosive: bool
          ) -> list[Violation]:
    out = []
    choices_at: dict[str, int] = {}  # calf raises offered, per location (one catalog scan)
    for s in sessions:
        if s.location and s.location not in choices_at:
            choices_at[s.location] = cov.calf_choices(rule, s.location, explosive)
        choices = choices_at.get(s.location, 2)
        for e in s.exercises:
            cap = cov.session_cap(e.kind, e.pattern, choices)
            if cap is not None and e.sets > cap:
                what = "a calf raise" if e.pattern == "calf_raise" else "an isolation exercise"
                out.append(
                    violation(
                        "structure",
                        f"{s.date}: {e.name} {e.sets} sets > {cap} for {what} in one session",
                        day=s.date,
                        week=n,
                    )
                )
    calves = calf_sets(sessions)
    if calves > cov.CALF_MAX_SETS:
        out.append(
            violation("structure", f"week {n}: {calves} calf sets > {cov.CALF_MAX_SETS}", week=n)
        )
    return out


def _floor_pulls(ctx: Context, by_id, sessions: list[Session], n: int) -> list[Violation]:
    cap = cov.floor_pull_cap(ctx.scenario)
    pulls = [e.name for s in sessions for e in s.exercises
             if e.id in by_id and by_id[e.id].floor_pull]
    if cap is None or len(pulls) <= cap:
        return []
    return [violation("structure", f"week {n}: {len(pulls)} barbell deadlifts from the floor "
                      f"({', '.join(pulls)}) > {cap} a week", week=n)]


def _shape(ctx: Context, sessions: list[Session], n: int) -> list[Violation]:
    out = []
    for s in sessions:
        day = ctx.day_of(s)
        strength = [e for e in s.exercises if e.kind == "strength"]
        if not strength or day is None or day.minutes < cov.SHAPE_MIN_MINUTES:
            continue
        patterns = {e.pattern for e in strength}
        compound = [e for e in strength if e.pattern in COMPOUND_PATTERNS]
        if (
            len(strength) < cov.SHAPE_MIN_EXERCISES
            or len(patterns) < cov.SHAPE_MIN_PATTERNS
            or not compound
        ):
            out.append(
                violation(
                    "structure",
                    f"{s.date}: a strength session on a {day.minutes}-min "
                    f"day holds {len(strength)} strength exercises on "
                    f"{len(patterns)} patterns ({names_text(patterns)}) with "
                    f"{len(compound)} compounds; needs ≥ "
                    f"{cov.SHAPE_MIN_EXERCISES} on ≥ "
                    f"{cov.SHAPE_MIN_PATTERNS}, one a compound",
                    day=s.date,
                    week=n,
                )
            )
    return out


def _main_lifts(ctx, rule, sessions, locations, explosive, n) -> list[Violation]:
    out = []
    for lift in cov.MAIN_LIFTS:
        options = [ex for ex in ctx.catalog.exercises if cov.main_lift_of(ex) == lift]
        able = {
            loc for loc in locations if any(cov.may_use(rule, ex, loc, explosive) for ex in options)
        }
        if not able:
            continue
        ids = {ex.id for ex in options}
        uses = sum(1 for s in sessions for e in s.exercises if e.id in ids)
        strength_at = sum(
            1
            for s in sessions
            if s.location in able and any(e.kind == "strength" for e in s.exercises)
        )
        need = 2 if lift in cov.TWICE_LIFTS and strength_at >= cov.TWICE_FROM_SESSIONS else 1
        if uses < need:
            name = lift.replace("_", " ")
            out.append(
                violation(
                    "structure",
                    f"week {n}: the strength goal's {name} in {uses} "
                    f"session(s), needs ≥ {need} ({strength_at} strength "
                    f"sessions where it can be done)",
                    week=n,
                )
            )
    return out
