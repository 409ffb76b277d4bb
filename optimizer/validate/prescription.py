"""Checks of SPEC §7.2 on format-2 plans: `intensity`, `progression`, and rest by role (under
rule `explosive`). The bands are `models.profiles.INTENSITY`; the week's place among its
block's regular weeks and whether a 1RM applies come from `optimizer.progression` (one home)."""

from __future__ import annotations

from collections import defaultdict

from models.plan import PlannedExercise, Session
from models.profiles import (
    HEAVY_LEGS_REPS,
    NOVICE_MIN_RIR,
    band,
    plan_role,
    rest_floor,
    rir_bounds,
    role_category,
)

from ..loads import estimated_one_rm, leaves_rir, reps_to_failure
from ..progression import (
    asks_more,
    one_rm_applies,
    percent_reps,
    regular_weeks,
    rep_targets,
    week_kind,
)
from .core import EPS, Context, Violation, num_text, violation
from .endurance import band_goal_of

PROGRESSION_RULES = ("linear", "double", "wave", "block", "time", "none")


def _strength(ctx: Context):
    """(session, exercise, calendar week) of every strength exercise on the calendar."""
    for s in ctx.sessions:
        day = ctx.day_of(s)
        if day is None:
            continue
        week = ctx.horizon.weeks[day.week - 1]
        for e in s.exercises:
            if e.kind == "strength":
                yield s, e, week


def _category(e: PlannedExercise) -> str:
    return role_category(e.kind, e.role, e.pattern) or "isolation"


def check_intensity(ctx: Context) -> list[Violation]:
    """rir on every strength working set, %1RM where a 1RM applies, reps, %1RM and rir in the
    goal's band (novice rir ≥ 2; deload rir ≥ `deload_rir`), loads only from `[lifts]`."""
    out: list[Violation] = []
    level = ctx.scenario.level
    deload_rir = ctx.param("intensity", "deload_rir")
    lifts = ctx.scenario.lifts or {}
    for s, e, week in _strength(ctx):
        where, n = f"{s.date} {e.id}", week.number

        def bad(text: str, where=where, n=n, s=s) -> None:
            out.append(violation("intensity", f"{where}: {text}", day=s.date, week=n))

        if e.role is None:
            bad("no role (main, accessory, isolation, power)")
            continue
        known = ctx.catalog.by_id().get(e.id) if ctx.catalog is not None else None
        if known is not None:
            role = plan_role(known.role, known.strength_lift, ctx.scenario.primary_goal)
            if e.role != role:
                bad(
                    f"role {e.role}; its catalog role and the {ctx.scenario.primary_goal} "
                    f"goal make it {role}"
                )
        cat, kind = _category(e), week_kind(week)
        goal = band_goal_of(ctx, e, cat)
        b = band(goal, cat)
        if e.rir is None:
            bad("no target rir (reps in reserve)")
        reps = rep_targets(e.reps)
        if reps and not all(b.reps[0] <= r <= b.reps[1] for r in reps):
            bad(f"reps {e.reps} outside the {goal} {cat} band {b.reps[0]}–{b.reps[1]}")
        elif (
            reps
            and goal != ctx.scenario.primary_goal
            and not all(HEAVY_LEGS_REPS[0] <= r <= HEAVY_LEGS_REPS[1] for r in reps)
        ):
            bad(
                f"reps {e.reps}: heavy legs of an endurance plan take "
                f"{HEAVY_LEGS_REPS[0]}–{HEAVY_LEGS_REPS[1]} reps"
            )
        applies = one_rm_applies(
            e.kind, e.equipment, e.reps, known.loadable if known is not None else True
        )
        if applies and e.percent_1rm is None:
            bad("no %1RM though its equipment takes a load")
        if e.percent_1rm is not None and b.percent is not None:
            lo, hi = b.percent
            if e.percent_1rm > hi + EPS or (kind == "regular" and e.percent_1rm < lo - EPS):
                bad(
                    f"{num_text(e.percent_1rm)}% 1RM outside the {goal} {cat} band "
                    f"{num_text(lo)}–{num_text(hi)}%"
                )
        if e.percent_1rm and e.rir is not None and reps:
            # the range's lowest reps (a pyramid's first set's) at its %1RM leave its rir
            # (Epley, a rep's tolerance): "4-5 @ 90%, 1 RIR" asks for more than a 4RM
            asked = percent_reps(e.reps)
            if not leaves_rir(e.percent_1rm, asked, e.rir):
                can = reps_to_failure(e.percent_1rm)
                bad(
                    f"{asked} reps at {num_text(e.percent_1rm)}% 1RM leave "
                    f"{num_text(max(can - asked, 0))} in reserve by Epley, not {e.rir}"
                )
        if e.rir is not None:
            n_regular = len(regular_weeks(ctx.horizon, week.block))
            lo, hi = rir_bounds(goal, cat, level, n_regular)
            if kind in ("deload", "travel_deload") and e.rir < deload_rir:
                bad(f"rir {e.rir} in deload week {n}; a deload needs ≥ {deload_rir}")
            elif level == "novice" and e.rir < NOVICE_MIN_RIR:
                bad(f"rir {e.rir} for a novice; at least {NOVICE_MIN_RIR}")
            elif kind == "regular" and not lo <= e.rir <= hi:
                bad(f"rir {e.rir} outside {lo}–{hi} ({goal} {cat}, {level})")
        if e.load_kg is not None:
            if e.id not in lifts:
                bad(f"load {num_text(e.load_kg)} kg without a [lifts] entry (an invented load)")
            elif e.percent_1rm is not None:
                most = estimated_one_rm(lifts[e.id]) * e.percent_1rm / 100
                if e.load_kg > most + 1e-6:
                    bad(
                        f"load {num_text(e.load_kg)} kg > {num_text(e.percent_1rm)}% of the 1RM "
                        f"({num_text(most)} kg): loads round down"
                    )
    return out


def _progress(prev: PlannedExercise, cur: PlannedExercise) -> bool:
    """Load (kg or %1RM), reps (a hold's or walk's seconds) or sets rise, or rir falls
    (SPEC §7.2)."""

    def up(a, b) -> bool:
        return a is not None and b is not None and b > a + EPS

    return (
        up(prev.load_kg, cur.load_kg)
        or up(prev.percent_1rm, cur.percent_1rm)
        or up(prev.sets, cur.sets)
        or asks_more(prev.reps, cur.reps)
        or (prev.rir is not None and cur.rir is not None and cur.rir < prev.rir)
    )


def _by_week(ctx: Context, block: int) -> dict[int, dict[str, list[tuple[Session, object]]]]:
    out: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s, e, week in _strength(ctx):
        if week.block == block:
            out[week.number][e.id].append((s, e))
    return out


def check_progression(ctx: Context) -> list[Violation]:
    """Each strength exercise states a rule and a target; from one regular week of a block to
    the next regular week, each exercise (the same weekday where it repeats) progresses."""
    out: list[Violation] = []
    for s, e, week in _strength(ctx):
        p = e.progression
        if p is None or p.rule not in PROGRESSION_RULES or not p.text.strip():
            got = "none" if p is None else f"rule {p.rule!r}, text {p.text!r}"
            out.append(
                violation(
                    "progression",
                    f"{s.date} {e.id}: no progression rule and weekly target ({got})",
                    day=s.date,
                    week=week.number,
                )
            )
    for block in range(1, ctx.horizon.n_blocks + 1):
        regular = regular_weeks(ctx.horizon, block)
        weeks = _by_week(ctx, block)
        for prev, cur in zip(regular, regular[1:], strict=False):
            for ex_id, now in sorted(weeks[cur.number].items()):
                before = weeks[prev.number].get(ex_id)
                if not before:
                    continue
                days = {s.weekday: e for s, e in before}
                for s, e in now:
                    last = days.get(s.weekday, before[0][1])
                    if not _progress(last, e):
                        out.append(
                            violation(
                                "progression",
                                (
                                    f"week {cur.number} {s.date} {ex_id}: no progression on "
                                    f"week {prev.number} ({last.sets}×{last.reps} {_load(last)} "
                                    f"rir {last.rir} → {e.sets}×{e.reps} {_load(e)} rir "
                                    f"{e.rir}); load, reps or sets must rise or rir fall"
                                ),
                                day=s.date,
                                week=cur.number,
                            )
                        )
    return out


def _load(e: PlannedExercise) -> str:
    if e.load_kg is not None:
        return f"@ {num_text(e.load_kg)} kg"
    if e.percent_1rm is not None:
        return f"@ {num_text(e.percent_1rm)}%"
    return ""


def check_rest_roles(ctx: Context) -> list[Violation]:
    """Rest by role and goal (SPEC §7.2, tuned under `explosive`): every strength set's rest in
    its band; main lifts (strength: `rest_floor`) and size goals' compounds
    (`compound_rest_floor`) never under their floor."""
    out: list[Violation] = []
    floor_main = ctx.param("explosive", "rest_floor")
    floor_compound = ctx.param("explosive", "compound_rest_floor")
    for s, e, week in _strength(ctx):
        cat = _category(e)
        goal = band_goal_of(ctx, e, cat)
        lo = rest_floor(goal, cat, floor_main, floor_compound)
        hi = max(band(goal, cat).rest[1], lo)
        if not lo <= e.rest_seconds <= hi:
            out.append(
                violation(
                    "explosive",
                    f"{s.date} {e.id}: rest {e.rest_seconds} s outside {lo}–{hi} s ({goal} {cat})",
                    day=s.date,
                    week=week.number,
                )
            )
    return out
