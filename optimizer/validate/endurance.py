"""`check` of rule `endurance` (SPEC §7.1); the measures are optimizer/endurance.py's.

Applies to plans made with SPEC §7.1's week shape (`Context.refined`: format 2, or format 1
with week kinds): its measures need only format-1 fields, so it is not in FORMAT_2_RULES."""

from __future__ import annotations

from models.plan import PlannedExercise, Session

from ..endurance import (
    MODALITY_KINDS,
    applies,
    band_goal,
    easy_share_ok,
    heavy_sessions_needed,
    is_heavy_legs,
    is_leg_plyometric,
    long_growth_ok,
    modality_share_ok,
    session_kinds,
)
from ..objective import is_strength_session, long_bout_seconds, work_seconds
from .core import Context, Violation, minutes_text, pct_text, violation


def _heavy(ctx: Context, e: PlannedExercise) -> bool:
    ex = ctx.catalog.by_id().get(e.id) if ctx.catalog is not None else None
    true_hinge = ex.true_hinge if ex is not None else e.pattern == "hinge"
    return is_heavy_legs(e.kind, e.main_lift, e.pattern, true_hinge)


def band_goal_of(ctx: Context, e: PlannedExercise, category: str | None) -> str:
    """The goal whose §7.2 band the entry follows (`optimizer.endurance.band_goal`)."""
    return band_goal(ctx.scenario, category, _heavy(ctx, e))


def _kind(s: Session) -> str:
    return session_kinds({e.kind for e in s.exercises})


def check_endurance(ctx: Context) -> list[Violation]:
    sc = ctx.scenario
    if not applies(sc) or not ctx.refined:
        return []
    out: list[Violation] = []
    for week in ctx.active_weeks:
        out += _week(ctx, week)
    out += _spacing(ctx)
    out += _growth(ctx)
    return out


def _week(ctx: Context, week) -> list[Violation]:
    out = []
    sc, n = ctx.scenario, week.number
    sessions = ctx.week_sessions(week)
    kinds = [_kind(s) for s in sessions]
    cardio = sum(1 for k in kinds if k)
    easy = kinds.count("easy")
    share = ctx.param("endurance", "easy_share")
    if not easy_share_ok(easy, cardio, share):
        out.append(
            violation(
                "endurance",
                f"week {n}: {easy} of {cardio} cardio sessions easy < {pct_text(share)}",
                week=n,
            )
        )
    total = sum(work_seconds(e) for s in sessions for e in s.exercises if e.kind in MODALITY_KINDS)
    main = sum(
        work_seconds(e)
        for s in sessions
        for e in s.exercises
        if e.kind in MODALITY_KINDS and e.modality == sc.main_modality
    )
    share = ctx.param("endurance", "modality_share")
    if not modality_share_ok(main, total, share):
        out.append(
            violation(
                "endurance",
                f"week {n}: {minutes_text(main)} of {minutes_text(total)} cardio "
                f"minutes are {sc.main_modality} < {pct_text(share)}",
                week=n,
            )
        )
    if ctx.goal_applies("fat_loss") and sc.rule_enabled("cardio"):
        need = min(ctx.param("cardio", "fat_loss_min_sessions"), len(week.available_days))
        if kinds.count("hard") < need:
            out.append(
                violation(
                    "endurance",
                    f"week {n}: {kinds.count('hard')} hard sessions < "
                    f"{need} (fat_loss share: intervals)",
                    week=n,
                )
            )
    most = ctx.param("endurance", "max_strength_sessions")
    lifting = sum(1 for s in sessions if is_strength_session(s))
    if lifting > most:
        out.append(
            violation(
                "endurance",
                f"week {n}: {lifting} sessions with strength work > {most} "
                "(a runner lifts on few days and runs on the others)",
                week=n,
            )
        )
    if ctx.catalog is not None:
        need = heavy_sessions_needed(ctx.catalog, sc, week)
        both = sum(
            1
            for s in sessions
            if any(_heavy(ctx, e) for e in s.exercises)
            and any(is_leg_plyometric(e.kind, e.primary_muscles) for e in s.exercises)
        )
        if both < need:
            out.append(
                violation(
                    "endurance",
                    f"week {n}: {both} sessions with heavy legs (a squat or "
                    f"hinge main lift) and lower-body plyometrics < {need}",
                    week=n,
                )
            )
    return out


def _spacing(ctx: Context) -> list[Violation]:
    out = []
    for a, b in zip(ctx.sessions, ctx.sessions[1:], strict=False):
        if (b.date - a.date).days != 1 or _kind(b) != "hard":
            continue
        if _kind(a) == "hard":
            out.append(
                violation(
                    "endurance",
                    f"{a.date} and {b.date}: hard sessions on consecutive days (< 48 h apart)",
                    day=b.date,
                    week=b.week,
                )
            )
        if any(_heavy(ctx, e) for e in a.exercises):
            out.append(
                violation(
                    "endurance",
                    f"{b.date}: hard session the day after heavy legs ({a.date})",
                    day=b.date,
                    week=b.week,
                )
            )
    return out


def _growth(ctx: Context) -> list[Violation]:
    out = []
    growth = ctx.param("endurance", "long_growth")
    previous = 0
    for week in ctx.active_weeks:
        if week.deload:
            continue
        long_ = long_bout_seconds(ctx.week_sessions(week))
        if not long_growth_ok(long_, previous, growth, week.kind == "reentry"):
            out.append(
                violation(
                    "endurance",
                    f"week {week.number}: long session {minutes_text(long_)} min; "
                    f"the previous week's {minutes_text(previous)} min allows "
                    f"{minutes_text(previous)}–{minutes_text((1 + growth) * previous)}"
                    f" (grows ≤ {pct_text(growth)} a week)",
                    week=week.number,
                )
            )
        previous = long_
    return out
