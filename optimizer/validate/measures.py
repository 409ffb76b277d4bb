"""The hard rules' measures with their limit and slack: one home for what `check` tests and for
`explain`'s "tightest place, margin to the limit".

Each function measures one limit of one rule at every place it applies (a week, a session, a run
of days, a pair of blocks) and returns `Measure`s; a negative slack is a violation (`check_<rule>`
reports `Measure.violation()`), the smallest slack is the rule's tightest place (`explain`).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date

from models.plan import Session
from models.profiles import PROFILES, SESSIONS_PER_WEEK, counts_in_set_duration, role_category
from models.vocab import CARDIO_KINDS

from ..coverage import kept_lifts
from ..endurance import replaces_cardio
from ..objective import (
    calf_sets,
    cardio_seconds,
    is_strength_session,
    lower_body_sets,
    session_focus,
)
from .core import (
    EPS,
    Context,
    Violation,
    minutes_text,
    names_text,
    num_text,
    pct_text,
    seconds_of,
    strength_sets,
    violation,
)
from .endurance import band_goal_of


@dataclass(frozen=True)
class Measure:
    """One limit of a hard rule at one place: the plan's value, the limit, and the slack to it in
    `unit`s (negative: broken). Slack below `step` (the unit's grain) means the limit binds."""

    rule: str
    name: str  # the limit measured, e.g. "lower_body_share"
    where: str  # "week 3", "block 2", "Mon 2027-01-04", "from 2027-01-04"
    value: str  # the plan's number, in training terms
    limit: str  # the rule's limit, in training terms
    slack: float
    unit: str
    broken: str  # the violation's text when slack < 0
    step: float = 1.0
    week: int | None = None
    day: date | None = None
    span: tuple[date, date] | None = None  # the two dates a gap is measured between

    @property
    def binding(self) -> bool:
        return self.slack < self.step - EPS

    @property
    def broke(self) -> bool:
        return self.slack < -EPS

    def slack_text(self) -> str:
        return f"{num_text(self.slack)} {self.unit}"

    def violation(self) -> Violation:
        return violation(self.rule, self.broken, day=self.day, week=self.week)


def violations(measures: list[Measure]) -> list[Violation]:
    """The measures whose slack is negative, as violations."""
    return [m.violation() for m in measures if m.broke]


# --- session_time -------------------------------------------------------------------------------
def session_minutes_left(ctx: Context) -> list[Measure]:
    """Minutes a session leaves of its day's available minutes."""
    out = []
    for s in ctx.sessions:
        day = ctx.day_of(s)
        if day is None or not day.available:
            continue  # consistency / check_session_time report these
        out.append(
            Measure(
                rule="session_time",
                name="minutes_left",
                where=f"{s.weekday.capitalize()} {s.date}",
                value=f"{s.minutes} min",
                limit=f"≤ {day.minutes} min available",
                slack=day.minutes - s.minutes,
                unit="min",
                broken=(
                    f"{s.date} ({day.weekday}): session takes {s.minutes} min > "
                    f"{day.minutes} min available"
                ),
                week=day.week,
                day=s.date,
            )
        )
    return out


# --- legs ---------------------------------------------------------------------------------------
def lower_body_share(ctx: Context) -> list[Measure]:
    """Each week's lower-body strength sets against `lower_body_share` of its strength sets."""
    share = ctx.param("legs", "lower_body_share")
    out = []
    for week in ctx.active_weeks:
        sessions = ctx.week_sessions(week)
        total = strength_sets(sessions)
        if not total:
            continue
        lower = lower_body_sets(sessions)
        n = week.number
        out.append(
            Measure(
                rule="legs",
                name="lower_body_share",
                where=f"week {n}",
                value=f"lower-body sets {lower} of {total} = {pct_text(lower / total)}",
                limit=f"≥ {pct_text(share)}",
                slack=lower - share * total,
                unit="sets",
                broken=f"week {n}: lower-body sets {lower} of {total} strength sets = "
                f"{pct_text(lower / total)} < {pct_text(share)}",
                week=n,
            )
        )
    return out


# --- calves -------------------------------------------------------------------------------------
def calf_set_counts(ctx: Context) -> list[Measure]:
    """Each regular (not deload) week's calf sets against `min_sets`."""
    need = ctx.param("calves", "min_sets")
    out = []
    for week in ctx.active_weeks:
        if week.deload:
            continue
        sets, n = calf_sets(ctx.week_sessions(week)), week.number
        out.append(
            Measure(
                rule="calves",
                name="min_sets",
                where=f"week {n}",
                value=f"{sets} calf sets",
                limit=f"≥ {need}",
                slack=sets - need,
                unit="sets",
                broken=f"week {n}: {sets} calf sets < {need}",
                week=n,
            )
        )
    return out


# --- rest_days ----------------------------------------------------------------------------------
def rest_days_per_week(ctx: Context) -> list[Measure]:
    """Each calendar week's days without a session against `min_per_week`."""
    need = ctx.param("rest_days", "min_per_week")
    dates = {s.date for s in ctx.sessions}
    out = []
    for week in ctx.horizon.weeks:
        trained = sum(1 for d in week.days if d.date in dates)
        rest, n = len(week.days) - trained, week.number
        out.append(
            Measure(
                rule="rest_days",
                name="min_per_week",
                where=f"week {n}",
                value=f"{rest} rest days",
                limit=f"≥ {need}",
                slack=rest - need,
                unit="days",
                broken=f"week {n}: {rest} rest day(s) ({trained} sessions) < {need}",
                week=n,
            )
        )
    return out


def training_day_runs(ctx: Context) -> list[Measure]:
    """Each run of sessions on consecutive calendar days (across weeks) against
    `max_consecutive_training_days`."""
    run_max = ctx.param("rest_days", "max_consecutive_training_days")
    ordered = sorted({s.date for s in ctx.sessions})
    out, start = [], 0
    for i in range(1, len(ordered) + 1):
        if i < len(ordered) and (ordered[i] - ordered[i - 1]).days == 1:
            continue
        length, first, last = i - start, ordered[start], ordered[i - 1]
        day = ctx.horizon.by_date.get(first)
        out.append(
            Measure(
                rule="rest_days",
                name="max_consecutive_training_days",
                where=f"from {first}",
                value=f"{length} training day(s) in a row",
                limit=f"≤ {run_max}",
                slack=run_max - length,
                unit="days",
                broken=f"{first} to {last}: {length} sessions on consecutive days > {run_max}",
                week=day.week if day else None,
                day=first,
            )
        )
        start = i
    return out


# --- recovery -----------------------------------------------------------------------------------
def focus_gaps(ctx: Context) -> list[Measure]:
    """Days between two sessions in a row that train the same focus muscle, against 2 (48 h)."""
    out = []
    last: dict[str, Session] = {}
    for s in ctx.sessions:
        for m in sorted(session_focus(s)):
            before = last.get(m)
            if before is not None:
                gap = (s.date - before.date).days
                day = ctx.day_of(s)
                out.append(
                    Measure(
                        rule="recovery",
                        name="focus_gap",
                        where=f"{m}: {before.date} and {s.date}",
                        value=f"{gap} days apart",
                        limit="≥ 2 days, never two workouts in a row",
                        slack=gap - 2,
                        unit="days",
                        broken=f"{before.date} and {s.date} both train {m} {gap} day(s) apart; at "
                        "least 2 (48 h)",
                        week=day.week if day else None,
                        day=s.date,
                        span=(before.date, s.date),
                    )
                )
            last[m] = s
    return out


# --- cardio -------------------------------------------------------------------------------------
def _cardio_goals(ctx: Context) -> tuple[bool, bool]:
    """Whether the size/strength caps and the fat-loss rules apply (rule `endurance` replaces
    both where a plan mixes endurance with other goals)."""
    size = ctx.goal_applies("hypertrophy") or ctx.goal_applies("strength")
    lean = ctx.goal_applies("fat_loss")
    if replaces_cardio(ctx.scenario) and ctx.refined:
        return False, False
    return size, lean


def cardio_under_strength(ctx: Context) -> list[Measure]:
    """Each week's cardio minutes against its strength minutes (strength over cardio), where
    the primary goal is not endurance and the week has cardio."""
    goal = ctx.scenario.primary_goal
    if goal == "endurance":
        return []
    out = []
    for week in ctx.active_weeks:
        sessions, n = ctx.week_sessions(week), week.number
        cardio_s = cardio_seconds(sessions)
        if not cardio_s:
            continue
        strength_s = seconds_of(sessions, ("strength",))
        out.append(
            Measure(
                rule="cardio",
                name="under_strength",
                where=f"week {n}",
                value=f"{minutes_text(cardio_s)} cardio min",
                limit=f"≤ {minutes_text(strength_s)} strength min",
                slack=(strength_s - cardio_s) / 60,
                unit="min",
                broken=(
                    f"week {n}: {minutes_text(cardio_s)} cardio minutes > "
                    f"{minutes_text(strength_s)} strength minutes (strength over cardio, goal "
                    f"{goal})"
                ),
                week=n,
            )
        )
    return out


def cardio_caps(ctx: Context) -> list[Measure]:
    """Hypertrophy/strength: each week's cardio minutes and cardio sessions against the caps."""
    size, _ = _cardio_goals(ctx)
    if not size:
        return []
    cap, most = ctx.param("cardio", "max_minutes"), ctx.param("cardio", "max_sessions")
    out = []
    for week in ctx.active_weeks:
        sessions, n = ctx.week_sessions(week), week.number
        cardio_s = cardio_seconds(sessions)
        count = sum(1 for s in sessions if any(e.kind in CARDIO_KINDS for e in s.exercises))
        out.append(
            Measure(
                rule="cardio",
                name="max_minutes",
                where=f"week {n}",
                value=f"{minutes_text(cardio_s)} cardio min",
                limit=f"≤ {cap} min (hypertrophy/strength)",
                slack=cap - cardio_s / 60,
                unit="min",
                broken=(
                    f"week {n}: {minutes_text(cardio_s)} cardio minutes > {cap} "
                    "(hypertrophy/strength cap)"
                ),
                week=n,
            )
        )
        out.append(
            Measure(
                rule="cardio",
                name="max_sessions",
                where=f"week {n}",
                value=f"{count} cardio sessions",
                limit=f"≤ {most} (hypertrophy/strength)",
                slack=most - count,
                unit="sessions",
                broken=f"week {n}: {count} cardio sessions > {most} (hypertrophy/strength cap)",
                week=n,
            )
        )
    return out


def fat_loss_cardio(ctx: Context) -> list[Measure]:
    """Fat loss: each week's interval/conditioning sessions against the minimum, its steady
    cardio minutes against the cap."""
    _, lean = _cardio_goals(ctx)
    if not lean:
        return []
    cap = ctx.param("cardio", "fat_loss_max_steady_minutes")
    out = []
    for week in ctx.active_weeks:
        sessions, n = ctx.week_sessions(week), week.number
        need = min(ctx.param("cardio", "fat_loss_min_sessions"), len(week.available_days))
        hard = sum(
            1
            for s in sessions
            if any(e.kind in ("cardio_interval", "conditioning") for e in s.exercises)
        )
        steady_s = seconds_of(sessions, ("cardio_steady",))
        out.append(
            Measure(
                rule="cardio",
                name="fat_loss_min_sessions",
                where=f"week {n}",
                value=f"{hard} interval/conditioning sessions",
                limit=f"≥ {need} (fat_loss)",
                slack=hard - need,
                unit="sessions",
                broken=(
                    f"week {n}: {hard} sessions with intervals or conditioning < {need} (fat_loss)"
                ),
                week=n,
            )
        )
        out.append(
            Measure(
                rule="cardio",
                name="fat_loss_max_steady_minutes",
                where=f"week {n}",
                value=f"{minutes_text(steady_s)} steady cardio min",
                limit=f"≤ {cap} min (fat_loss)",
                slack=cap - steady_s / 60,
                unit="min",
                broken=(
                    f"week {n}: {minutes_text(steady_s)} steady cardio minutes > {cap} (fat_loss)"
                ),
                week=n,
            )
        )
    return out


# --- set_duration -------------------------------------------------------------------------------
def set_duration_median(ctx: Context) -> list[Measure]:
    """The median strength set against the primary goal's target ± tolerance; on format 2, main
    lifts of a band at ≥ 80% 1RM and power work are not time under tension and stay out."""
    goal = ctx.scenario.primary_goal
    target = PROFILES[goal].set_seconds
    tol = ctx.param("set_duration", "tolerance")
    v2 = ctx.plan.version >= 2
    values: list[int] = []
    for s in ctx.sessions:
        for e in s.exercises:
            if e.kind != "strength":
                continue
            if v2:
                cat = role_category(e.kind, e.role, e.pattern) or "isolation"
                if not counts_in_set_duration(e.kind, band_goal_of(ctx, e, cat), cat):
                    continue
            values += [e.seconds_per_set] * e.sets
    if not values:
        return []
    median = statistics.median(values)
    lo, hi = target * (1 - tol), target * (1 + tol)
    return [
        Measure(
            rule="set_duration",
            name="median",
            where="whole plan",
            value=f"median set {num_text(median)} s",
            limit=f"{target} s ± {pct_text(tol)} ({num_text(lo)}–{num_text(hi)} s)",
            slack=tol * target - abs(median - target),
            unit="s",
            broken=(
                f"median strength set lasts {num_text(median)} s over {len(values)} sets; "
                f"{goal} target {target} s ± {pct_text(tol)} ({num_text(lo)}–{num_text(hi)} s)"
            ),
            step=EPS,
        )
    ]


# --- frequency ----------------------------------------------------------------------------------
def strength_sessions(ctx: Context) -> list[Measure]:
    """Each week's strength sessions against the level's maximum."""
    level = ctx.scenario.level
    most = SESSIONS_PER_WEEK[level][1]
    out = []
    for week in ctx.horizon.weeks:
        count = sum(1 for s in ctx.week_sessions(week) if is_strength_session(s))
        n = week.number
        out.append(
            Measure(
                rule="frequency",
                name="max_sessions",
                where=f"week {n}",
                value=f"{count} strength sessions",
                limit=f"≤ {most} ({level})",
                slack=most - count,
                unit="sessions",
                broken=f"week {n}: {count} strength sessions > {most} ({level} maximum)",
                week=n,
            )
        )
    return out


# --- deload -------------------------------------------------------------------------------------
def deload_share(ctx: Context) -> list[Measure]:
    """Each deload week's strength sets against `max_share` of its block's heaviest regular
    week."""
    share = ctx.param("deload", "max_share")
    out = []
    for block in range(1, ctx.horizon.n_blocks + 1):
        weeks = ctx.horizon.block_weeks_of(block)
        regular = [w for w in weeks if w.kind == "regular"]
        if not regular:
            continue
        heaviest = max(regular, key=lambda r: strength_sets(ctx.week_sessions(r)))
        top = strength_sets(ctx.week_sessions(heaviest))
        for w in weeks:
            if not w.deload:
                continue
            total = strength_sets(ctx.week_sessions(w))
            ratio = pct_text(total / top) if top else "-"
            out.append(
                Measure(
                    rule="deload",
                    name="max_share",
                    where=f"week {w.number}",
                    value=f"{total} strength sets = {ratio} of the block's heaviest week ({top})",
                    limit=f"≤ {pct_text(share)}",
                    slack=share * top - total,
                    unit="sets",
                    broken=f"week {w.number}: {total} strength sets > {pct_text(share)} of week "
                    f"{heaviest.number}'s {top} (= {num_text(share * top)})",
                    week=w.number,
                )
            )
    return out


# --- variation ----------------------------------------------------------------------------------
def new_exercise_share(ctx: Context) -> list[Measure]:
    """Each block's strength exercises not used in the block before, against `min_new_share`
    (a strength plan's main lifts stay and are not counted)."""
    need = ctx.param("variation", "min_new_share")
    blocks = sorted(b for b, ss in ctx.by_block.items() if ss)
    lifts = kept_lifts(ctx.scenario, ctx.catalog) if ctx.catalog else frozenset()
    out = []
    for earlier, later in zip(blocks, blocks[1:], strict=False):
        if later != earlier + 1:
            continue
        before = {e.id for s in ctx.by_block[earlier] for e in s.exercises if e.kind == "strength"}
        after = {
            e.id for s in ctx.by_block[later] for e in s.exercises if e.kind == "strength"
        } - lifts
        if not after:
            continue
        new = after - before
        share = len(new) / len(after)
        out.append(
            Measure(
                rule="variation",
                name="min_new_share",
                where=f"block {later}",
                value=f"{len(new)} of {len(after)} strength exercises new = {pct_text(share)}",
                limit=f"≥ {pct_text(need)}",
                slack=len(new) - need * len(after),
                unit="exercises",
                broken=(
                    f"block {later}: {len(new)} of {len(after)} strength exercises new = "
                    f"{pct_text(share)} < {pct_text(need)} (kept from block {earlier}: "
                    f"{names_text(after & before)})"
                ),
                week=ctx.horizon.block_weeks_of(later)[0].number,
            )
        )
    return out


# The measured limits of each hard rule, in the order `explain` lists them.
MEASURES: dict[str, tuple] = {
    "session_time": (session_minutes_left,),
    "legs": (lower_body_share,),
    "calves": (calf_set_counts,),
    "rest_days": (rest_days_per_week, training_day_runs),
    "recovery": (focus_gaps,),
    "cardio": (cardio_under_strength, cardio_caps, fat_loss_cardio),
    "set_duration": (set_duration_median,),
    "frequency": (strength_sessions,),
    "deload": (deload_share,),
    "variation": (new_exercise_share,),
}


def tightest(ctx: Context, rule: str) -> list[Measure]:
    """For each limit of `rule`, the place with the smallest slack."""
    best: dict[str, Measure] = {}
    for measure in MEASURES.get(rule, ()):
        for m in measure(ctx):
            if m.name not in best or m.slack < best[m.name].slack:
                best[m.name] = m
    return list(best.values())
