"""Why a plan looks as it does, in training terms (`periodize explain PLAN`).

Pure Python, no OR-Tools (the `--swap` re-solve lives in `optimizer/swap.py`):

- `breakdown(plan)`: each soft rule's penalty, recomputed from the plan with
  `objective.compute_objective_terms` (so the lines sum exactly to the plan's objective when the
  plan is consistent), grouped by rule and sorted by cost, each with what caused it; and for each
  hard rule, how close the plan comes to its limit in its tightest week or session.
- `why_session(plan, date)`: for one session, why each exercise is there (equipment at that
  location, the pattern or muscle the week needs, change from the previous block, preferences,
  level, explosive tempo) and a few alternatives that were possible.

The causes are read off the plan and the rules' definitions (docs/rules.md); they name what
bounds the plan (a full session, recovery between workouts, the share of leg sets), not a proof
that nothing else could have been done — `--swap` measures that by solving.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date

from models.catalog import Exercise
from models.errors import InputError
from models.horizon import Week
from models.plan import ObjectiveTerm, Plan, PlannedExercise, Session
from models.vocab import CARDIO_KINDS, EXPLOSIVE_PATTERNS, LEVEL_RANK, MUSCLE_GROUPS

from .coverage import COVERAGE, LABEL, covers, is_regular, strength_goal
from .eligibility import Eligibility
from .nutrition import describe_day
from .objective import (
    calf_sets,
    cardio_seconds,
    compute_objective_terms,
    half_set_weight,
    session_focus,
    volume_range,
    work_seconds,
)
from .validate import Context, build_context
from .validate.measures import MEASURES, tightest

FULL_SHARE = 0.9  # a session using ≥ 90% of the day's minutes "cannot hold more"
TOLERANCE = 1e-6


# --- data ---------------------------------------------------------------------------------------
@dataclass
class SoftLine:
    """One soft rule: its penalty over the plan and what caused it."""

    rule: str
    penalty: float
    share: float  # of the objective
    weeks: list[int]
    causes: list[str]  # grouped details, "weeks 1-3: chest 8 sets/week, target 10–20 (+4 a week)"
    why: list[str]  # what bounds it, in training terms


@dataclass
class HardLine:
    """One hard rule: how close the plan comes to its limit, where it is tightest."""

    rule: str
    where: str  # the tightest week, date or session
    value: str  # the plan's number there
    limit: str  # the rule's limit
    slack: str  # distance to the limit, in the rule's unit ("0 min": binding)
    binding: bool


@dataclass
class Breakdown:
    objective: float  # the plan's solver.objective
    total: float  # sum of the soft lines
    soft: list[SoftLine] = field(default_factory=list)
    hard: list[HardLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def sums_exactly(self) -> bool:
        return abs(self.total - self.objective) <= TOLERANCE

    def to_dict(self) -> dict:
        return {
            "objective": self.objective,
            "total": self.total,
            "sums_exactly": self.sums_exactly,
            "soft": [asdict(s) for s in self.soft],
            "hard": [asdict(h) for h in self.hard],
            "notes": self.notes,
        }


# --- helpers ------------------------------------------------------------------------------------
def week_ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> '1-3, 5' (runs of consecutive numbers shortened)."""
    numbers = sorted(set(numbers))
    parts, start, prev = [], numbers[0], numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts)


def weeks_text(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> 'weeks 1-3, 5'; [4] -> 'week 4'."""
    if not numbers:
        return "no week"
    return ("week " if len(set(numbers)) == 1 else "weeks ") + week_ranges(numbers)


def _num(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0")


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _day_name(s: Session) -> str:
    return f"{s.weekday.capitalize()} {s.date}"


_WEEK_PREFIX = re.compile(r"^week \d+: ")
_PART_PENALTY = re.compile(r" \(\+(\d+(?:\.\d+)?)\)$")


def _group_details(terms: list[ObjectiveTerm]) -> list[str]:
    """Same cause in several weeks -> one line with the weeks: 'weeks 1-3: chest 8 sets/week,
    target 10–20 (+4 a week)'."""
    by_part: dict[str, list[int]] = defaultdict(list)
    order: list[str] = []
    for t in terms:
        body = _WEEK_PREFIX.sub("", t.detail)
        for part in (p.strip() for p in body.split("; ") if p.strip()):
            if part not in by_part:
                order.append(part)
            by_part[part].append(t.week or 0)
    out = []
    for part in order:
        weeks = by_part[part]
        text = part
        if len(weeks) > 1:
            text = _PART_PENALTY.sub(lambda m: f" (+{m.group(1)} a week)", part)
        out.append(f"{weeks_text(weeks)}: {text}")
    return out


def _fill(ctx: Context, week: Week) -> list[tuple[float, Session, int]]:
    """Sessions of a week with their share of the day's minutes, fullest first."""
    out = []
    for s in ctx.week_sessions(week):
        day = ctx.day_of(s)
        if day and day.minutes:
            out.append((s.minutes / day.minutes, s, day.minutes))
    return sorted(out, key=lambda x: (-x[0], x[2]))


def _time_bound(ctx: Context, weeks: list[int]) -> str | None:
    """'the 45-minute Wed holds 44 min (every session is ≥ 90% full)' when time is what binds."""
    full: list[tuple[Session, int]] = []
    sessions = 0
    for n in weeks:
        week = ctx.horizon.weeks[n - 1]
        fills = _fill(ctx, week)
        sessions += len(fills)
        full += [(s, avail) for share, s, avail in fills if share >= FULL_SHARE]
    if not full:
        return None
    s, avail = min(full, key=lambda x: (x[1], x[0].date))
    every = " (every session is ≥ 90% full)" if len(full) == sessions else ""
    return (
        f"the {avail}-minute {s.weekday.capitalize()} holds {s.minutes} min{every} and "
        f"cannot hold more"
    )


def _recovery_bound(ctx: Context, weeks: list[int]) -> str | None:
    n = min(len(ctx.week_sessions(ctx.horizon.weeks[w - 1])) for w in weeks)
    if n <= 0 or n >= 4:
        return None
    return (
        f"with {n} session{'s' if n > 1 else ''} a week, recovery allows a muscle in at most "
        f"{n // 2 or 1} of them (never in two workouts in a row, and the week's last "
        f"workout is followed by the next week's first)"
    )


def _soft_why(ctx: Context, rule: str, weeks: list[int], causes: list[str]) -> list[str]:
    """What bounds a soft rule's penalty, in training terms."""
    text = " ".join(causes)
    why: list[str] = []
    time = _time_bound(ctx, weeks)
    lo, hi = volume_range(ctx.scenario)
    if rule == "volume":
        if (
            "target" in text
            and time
            and any(float(m.group(1)) < lo for m in re.finditer(r"(\d+(?:\.\d+)?) sets/week", text))
        ):
            why.append(time)
        if any(float(m.group(1)) > hi for m in re.finditer(r"(\d+(?:\.\d+)?) sets/week", text)):
            share = ctx.scenario.rule_param("legs", "lower_body_share")
            why.append(
                f"sets above the range come from other needs: compound lifts count half a "
                f"set for secondary muscles, and legs keeps lower-body sets ≥ "
                f"{_pct(share)} of strength sets"
            )
        if ctx.scenario.sleep_hours < 7 and ctx.scenario.rule_enabled("sleep"):
            why.append(f"targets are 20% lower: sleep {ctx.scenario.sleep_hours:g} h < 7 h")
    elif rule in ("frequency", "calves"):
        rec = _recovery_bound(ctx, weeks)
        if rec and ctx.scenario.rule_enabled("recovery"):
            why.append(rec)
        if time:
            why.append(time)
    elif rule == "cardio":
        if "target" in text:
            if ctx.scenario.primary_goal != "endurance" and ctx.scenario.rule_enabled("cardio"):
                why.append(
                    "strength over cardio: weekly cardio minutes may not exceed strength minutes"
                )
            if time:
                why.append(time)
        if "running" in text:
            why.append("no bike, rower or other non-running cardio fits where it is done")
    elif rule == "legs":
        why.append(
            "the main lift does not fit with the week's time, recovery and lower-body "
            "share together"
            if not time
            else time
        )
    elif rule == "preferences":
        why += _favor_why(ctx, weeks)
    elif rule == "variation":
        share = ctx.scenario.rule_param("variation", "min_new_share")
        why.append(
            f"few alternatives of those patterns at your locations and level; the rule "
            f"asks ≥ {_pct(share)} new strength exercises per block"
        )
    return why


def _favor_why(ctx: Context, weeks: list[int]) -> list[str]:
    out = []
    catalog = ctx.catalog.by_id() if ctx.catalog else {}
    locations = {d.location for w in weeks for d in ctx.horizon.weeks[w - 1].available_days}
    for ex_id in ctx.scenario.preferences.favor:
        ex = catalog.get(ex_id)
        if ex is None:
            continue
        places = [
            loc
            for loc in sorted(x for x in locations if x)
            if set(ex.equipment) <= set(ctx.scenario.locations[loc].equipment)
        ]
        if not places:
            out.append(
                f"{ex_id} needs {', '.join(ex.equipment)}, not at "
                f"{', '.join(sorted(x for x in locations if x))}"
            )
        elif LEVEL_RANK[ex.level] > LEVEL_RANK[ctx.scenario.level]:
            out.append(f"{ex_id} is a {ex.level} exercise; you are {ctx.scenario.level}")
    return out


# --- soft rules ---------------------------------------------------------------------------------
def soft_lines(ctx: Context) -> tuple[list[SoftLine], float]:
    terms = compute_objective_terms(ctx.plan, ctx.scenario, ctx.horizon)
    total = float(sum(t.penalty for t in terms))
    by_rule: dict[str, list[ObjectiveTerm]] = defaultdict(list)
    for t in terms:
        by_rule[t.rule].append(t)
    lines = []
    for rule, ts in by_rule.items():
        penalty = float(sum(t.penalty for t in ts))
        weeks = sorted({t.week for t in ts if t.week})
        causes = _group_details(ts)
        lines.append(
            SoftLine(
                rule,
                penalty,
                penalty / total if total else 0.0,
                weeks,
                causes,
                _soft_why(ctx, rule, weeks, causes),
            )
        )
    lines.sort(key=lambda s: (-s.penalty, s.rule))
    return lines, total


# --- hard rules ---------------------------------------------------------------------------------
def hard_lines(ctx: Context) -> list[HardLine]:
    """Each enabled hard rule's limits at their tightest place: the smallest slack of the
    measure `check` tests (`validate.measures`)."""
    on = ctx.scenario.rule_enabled
    out: list[HardLine] = []
    for rule in MEASURES:
        if on(rule):
            out += [
                HardLine(rule, m.where, m.value, m.limit, m.slack_text(), m.binding)
                for m in tightest(ctx, rule)
            ]
    for rule, text in (
        ("equipment", "every exercise's equipment is at its location"),
        ("preferences", "no avoided exercise or pattern"),
        ("explosive", "explosive tempo and falling rest by construction"),
    ):
        if on(rule):
            out.append(HardLine(rule, "every session", "holds", text, "-", False))
    return out


def breakdown(plan: Plan) -> Breakdown:
    ctx = build_context(plan)
    soft, total = soft_lines(ctx)
    result = Breakdown(
        objective=plan.solver.objective, total=total, soft=soft, hard=hard_lines(ctx)
    )
    if not result.sums_exactly:
        result.notes.append(
            f"the penalties recomputed from the plan sum to {total:g}, the "
            f"plan's objective is {plan.solver.objective:g}: the plan file was "
            f"changed after solving (run `periodize check`)"
        )
    return result


# --- rendering ---------------------------------------------------------------------------------
def render_breakdown(b: Breakdown, fmt: str = "table", hard: bool = True) -> str:
    import json

    from tabulate import tabulate

    if fmt == "json":
        return json.dumps(b.to_dict(), indent=1, ensure_ascii=False)
    tablefmt = "github" if fmt == "markdown" else "simple"
    parts = []
    if b.soft:
        rows = []
        for s in b.soft:
            what = "\n".join(s.causes + [f"why: {w}" for w in s.why])
            rows.append([s.rule, f"{s.penalty:g}", _pct(s.share), what])
        parts.append(f"Soft rules: objective {b.total:g} points, by rule (most costly first)")
        parts.append(
            tabulate(
                rows,
                headers=["rule", "penalty", "share", "what caused it"],
                tablefmt=tablefmt,
                maxcolwidths=[None, None, None, 90],
            )
        )
    else:
        parts.append("Soft rules: objective 0 — every soft target met")
    check = "=" if b.sums_exactly else "≠"
    parts.append(f"sum of penalties {b.total:g} {check} plan objective {b.objective:g}")
    if hard and b.hard:
        rows = [
            [h.rule, h.where, h.value, h.limit, h.slack + (" (binding)" if h.binding else "")]
            for h in b.hard
        ]
        parts.append("Hard rules: how close the plan comes to each limit (tightest place)")
        parts.append(
            tabulate(
                rows,
                headers=["rule", "tightest", "plan", "limit", "margin"],
                tablefmt=tablefmt,
                maxcolwidths=[None, 30, 40, 40, None],
            )
        )
    parts += [f"note: {n}" for n in b.notes]
    return "\n\n".join(parts)


def short_breakdown(plan: Plan, fmt: str = "table") -> str:
    """The section at the end of `solve`/`show`: soft penalties by rule with their main cause,
    and the binding hard rules."""
    from tabulate import tabulate

    b = breakdown(plan)
    tablefmt = "github" if fmt == "markdown" else "simple"
    if not b.soft:
        out = "objective: 0 (every soft target met)"
    else:
        rows = [
            [
                s.rule,
                f"{s.penalty:g}",
                _pct(s.share),
                (s.causes[0] if s.causes else "")
                + (f" (+{len(s.causes) - 1} more)" if len(s.causes) > 1 else ""),
            ]
            for s in b.soft
        ]
        out = tabulate(
            rows,
            headers=["rule", "penalty", "share", "main cause"],
            tablefmt=tablefmt,
            maxcolwidths=[None, None, None, 80],
        )
        out += f"\nobjective {b.total:g}" + (
            "" if b.sums_exactly else f" (plan says {b.objective:g})"
        )
    binding = [h for h in b.hard if h.binding]
    if binding:
        out += "\nhard rules at their limit:" + "".join(
            f"\n  - {h.rule}, {h.where}: {h.value} ({h.limit})" for h in binding
        )
    return out + "\n(`periodize explain PLAN` for every cause and margin)"


# --- why this exercise --------------------------------------------------------------------------
@dataclass
class ExerciseWhy:
    id: str
    name: str
    reasons: list[str]
    alternatives: list[str]  # possible here instead
    not_possible: list[str]  # same role, ruled out, with the rule


@dataclass
class SessionWhy:
    date: date
    week: int
    block: int
    weekday: str
    location: str
    minutes: int
    available: int
    exercises: list[ExerciseWhy]
    context: list[str] = field(default_factory=list)  # what shapes the whole session

    def to_dict(self) -> dict:
        d = asdict(self)
        d["date"] = str(self.date)
        return d


def find_session(plan: Plan, day: date, file: str = "<plan>") -> Session:
    for s in plan.sessions:
        if s.date == day:
            return s
    dates = sorted(s.date for s in plan.sessions)
    near = ", ".join(str(d) for d in sorted(dates, key=lambda d: abs((d - day).days))[:3])
    raise InputError(
        f"no session on {day}; nearest sessions: {near or 'none'}", file=file, field="--date"
    )


def why_not_allowed(ctx: Context, ex: Exercise, location: str, week: Week) -> str | None:
    """None when the rules allow the exercise in that session, else the rule that forbids it."""
    sc = ctx.scenario
    have = set(sc.locations[location].equipment)
    if ex.kind == "mobility":
        return "mobility work is not planned as an exercise"
    if sc.rule_enabled("equipment") and not set(ex.equipment) <= have:
        return f"equipment: needs {', '.join(sorted(set(ex.equipment) - have))}, not at {location}"
    if LEVEL_RANK[ex.level] > LEVEL_RANK[sc.level]:
        article = "an" if ex.level[0] in "aeiou" else "a"
        return f"level: {article} {ex.level} exercise, you are {sc.level}"
    prefs = sc.preferences
    if sc.rule_enabled("preferences"):
        if ex.id in prefs.avoid:
            return "preferences: in avoid"
        if ex.pattern in prefs.avoid_patterns:
            return f"preferences: pattern {ex.pattern} avoided"
    if sc.rule_enabled("selection"):
        why = Eligibility(sc, ctx.catalog).why_not(ex, location)
        if why and not week.deload:
            return f"selection: {why}"
    if sc.rule_enabled("explosive"):
        from .prescription import Prescriber

        pre = Prescriber(sc, ctx.horizon)
        if sc.level == "novice" and week.block == 1 and ex.kind == "plyometric":
            return "explosive: no plyometrics in a novice's first block"
        if (
            ex.kind in ("strength", "plyometric")
            and ex.pattern in EXPLOSIVE_PATTERNS
            and not ex.explosive
            and any(pre.explosive_week(w) for w in ctx.horizon.block_weeks_of(week.block))
        ):
            return "explosive: cannot be done with an explosive concentric (tempo X) this block"
    return None


def _structure_why(ctx: Context, ex: Exercise, week_sessions: list[Session]) -> list[str]:
    """What `structure`'s weekly coverage and the strength goal ask of this exercise."""
    by_id = ctx.catalog.by_id()
    out = []
    for p in COVERAGE:
        if covers(ex, p):
            others = {
                x.id
                for s in week_sessions
                for x in s.exercises
                if x.id != ex.id and x.id in by_id and covers(by_id[x.id], p)
            }
            out.append(
                f"structure: every regular week holds {LABEL[p]}"
                + (
                    " — the week's only one"
                    if not others
                    else f" (also {', '.join(sorted(others))})"
                )
            )
    if ex.strength_lift and strength_goal(ctx.scenario):
        out.append(
            f"structure: a main lift of the strength goal "
            f"({ex.strength_lift.replace('_', ' ')}), kept every regular week and block"
        )
    return out


def _selection_why(ctx: Context, ex: Exercise, location: str) -> list[str]:
    """Which regressions of this slot's movement the `selection` rule ruled out for it."""
    rule = Eligibility(ctx.scenario, ctx.catalog)
    out = []
    for other in ctx.catalog.exercises:
        if (
            other.is_regression
            and other.pattern == ex.pattern
            and set(other.primary) & set(ex.primary)
            and rule.usable(other, location)
        ):
            why = rule.why_not(other, location)
            if why:
                out.append(f"selection: {ex.name} chosen instead — {why}")
    return out[:2]


def why_session(plan: Plan, day: date, file: str = "<plan>", n_alternatives: int = 3) -> SessionWhy:
    ctx = build_context(plan)
    if ctx.catalog is None:
        raise InputError("the plan's exercise catalog cannot be read", file=file, field="catalog")
    session = find_session(plan, day, file)
    cal = ctx.day_of(session)
    week = ctx.horizon.weeks[(cal.week if cal else session.week) - 1]
    catalog = ctx.catalog.by_id()
    sc = ctx.scenario
    week_sessions = ctx.week_sessions(week)
    lo, hi = volume_range(sc)
    # weekly sets per muscle as the volume rule counts them: a set counts 1 for a primary
    # muscle and 1/2 for a secondary one
    half: dict[str, int] = defaultdict(int)
    for s in week_sessions:
        for e in s.exercises:
            for m in MUSCLE_GROUPS:
                half[m] += e.sets * half_set_weight(
                    e.kind, e.primary_muscles, e.secondary_muscles, m, e.pattern, e.role
                )
    blocks = ctx.by_block
    prev_ids = {e.id: e for s in blocks.get(week.block - 1, []) for e in s.exercises}
    in_session = {e.id for e in session.exercises}
    out = []
    for e in session.exercises:
        reasons = []
        ex = catalog.get(e.id)
        where = ", ".join(e.equipment) if e.equipment else "no equipment (bodyweight)"
        reasons.append(f"equipment: {where}" + (f" — at {session.location}" if e.equipment else ""))
        # what the week needs of it
        if e.kind == "strength" and e.pattern in ("squat", "hinge") and sc.rule_enabled("legs"):
            others = [
                x.id
                for s in week_sessions
                for x in s.exercises
                if x.kind == "strength" and x.pattern == e.pattern and x.id != e.id
            ]
            reasons.append(
                f"legs: every week needs a {e.pattern}"
                + (
                    " — the week's only one"
                    if not others
                    else f" (also {', '.join(sorted(set(others)))})"
                )
            )
        if ex is not None and sc.rule_enabled("structure") and is_regular(week):
            reasons += _structure_why(ctx, ex, week_sessions)
        if e.pattern == "calf_raise" and sc.rule_enabled("calves"):
            n = calf_sets(week_sessions)
            reasons.append(
                f"calves: a calf raise every week and ≥ "
                f"{sc.rule_param('calves', 'min_sets')} calf sets (week has {n})"
            )
        if e.kind == "strength" and week.deload:
            reasons.append(
                f"deload week {week.number}: the block's exercises at an easy dose "
                f"({e.sets} sets); volume targets do not apply"
            )
        elif e.kind == "strength":
            muscles = ", ".join(f"{m} {_num(half[m] / 2)} sets/week" for m in e.primary_muscles)
            reasons.append(f"volume: {e.sets} sets for {muscles} (target {lo}–{hi})")
        if e.kind in CARDIO_KINDS:
            reasons.append(
                f"cardio: {_num(work_seconds(e) / 60)} of the week's "
                f"{_num(cardio_seconds(week_sessions) / 60)} cardio minutes"
            )
        if e.kind in ("conditioning", "cardio_interval") and sc.goal_mix().get("fat_loss", 0):
            reasons.append("cardio: fat_loss asks for interval or conditioning sessions")
        if e.id in sc.preferences.favor:
            reasons.append("preferences: favoured")
        if ex is not None and e.kind == "strength":
            if week.block > 1 and blocks.get(week.block - 1):
                if e.id in prev_ids:
                    p = prev_ids[e.id]
                    reasons.append(
                        f"variation: kept from block {week.block - 1} with a new "
                        f"prescription ({p.scheme} {p.reps} → {e.scheme} {e.reps})"
                    )
                else:
                    reasons.append(
                        f"variation: new in block {week.block} (not used in block {week.block - 1})"
                    )
            if ex.main_lift:
                reasons.append("a main lift (rules.md: legs prefers main-lift squats and hinges)")
        if ex is not None and sc.rule_enabled("selection") and not week.deload:
            reasons += _selection_why(ctx, ex, session.location)
        if ex is not None:
            reasons.append(f"level: {ex.level} exercise, you are {sc.level}")
        if e.tempo.split("-")[2:3] == ["X"]:
            first = sc.rule_param("explosive", "technique_weeks") + 1
            reasons.append(
                f"explosive: {e.pattern} work uses an explosive concentric (tempo "
                f"{e.tempo}) from week {first} on"
            )
        # alternatives: same pattern, overlapping primary muscles
        alts, banned = [], []
        for other in ctx.catalog.exercises:
            if other.id == e.id or other.id in in_session or other.kind != e.kind:
                continue
            if other.pattern != e.pattern or not (set(other.primary) & set(e.primary_muscles)):
                continue
            reason = why_not_allowed(ctx, other, session.location, week)
            if reason is None:
                alts.append(other.id)
            else:
                banned.append(f"{other.id} ({reason})")
        out.append(
            ExerciseWhy(e.id, e.name, reasons, alts[:n_alternatives], banned[:n_alternatives])
        )
    context = []
    order = ctx.sessions
    i = next(k for k, s in enumerate(order) if s.date == session.date)
    focus = session_focus(session)
    if sc.rule_enabled("recovery"):
        for label, k in (("previous", i - 1), ("next", i + 1)):
            if 0 <= k < len(order):
                other = order[k]
                context.append(
                    f"recovery: the {label} workout ({_day_name(other)}) trains "
                    f"{', '.join(sorted(session_focus(other))) or 'no muscle in focus'}; this "
                    f"one trains {', '.join(sorted(focus)) or 'none'} — no muscle in both"
                )
    lo_w = sc.rule_param("legs", "lower_body_share")
    if sc.rule_enabled("legs") and focus & {"quads", "hamstrings"}:
        context.append(
            f"legs: a session with quads or hamstrings every week; lower-body sets ≥ "
            f"{_pct(lo_w)} of the week's strength sets"
        )
    energy = energy_line(plan, session.date)
    if energy:
        context.append(energy)
    return SessionWhy(
        session.date,
        week.number,
        week.block,
        session.weekday,
        session.location,
        session.minutes,
        cal.minutes if cal else 0,
        out,
        context,
    )


def render_session_why(w: SessionWhy, fmt: str = "table") -> str:
    import json

    if fmt == "json":
        return json.dumps(w.to_dict(), indent=1, ensure_ascii=False)
    lines = [
        f"{w.weekday.capitalize()} {w.date} (week {w.week}, block {w.block}) at "
        f"{w.location}: {w.minutes} of {w.available} min"
    ]
    lines += [f"  - {c}" for c in w.context]
    for e in w.exercises:
        lines.append("")
        lines.append(f"{e.name} ({e.id})")
        lines += [f"  - {r}" for r in e.reasons]
        lines.append("  possible instead: " + (", ".join(e.alternatives) or "none"))
        if e.not_possible:
            lines.append("  ruled out: " + "; ".join(e.not_possible))
    return "\n".join(lines)


def energy_line(plan: Plan, day: date) -> str | None:
    """The day's energy (SPEC §7.3) in one line: maintenance source, activity factor, goal
    adjustment, macros; None where the plan's days carry no energy (format 1)."""
    d = next((x for x in plan.days if x.date == day), None)
    if d is None or d.kcal is None or d.fat_g is None:
        return None
    session = next((s for s in plan.sessions if s.date == day), None)
    return describe_day(plan.scenario_model(), session.minutes if session else None, d)


def planned(plan: Plan, day: date, ex_id: str) -> PlannedExercise | None:
    for s in plan.sessions:
        if s.date == day:
            for e in s.exercises:
                if e.id == ex_id:
                    return e
    return None


__all__ = [
    "Breakdown",
    "HardLine",
    "SoftLine",
    "breakdown",
    "render_breakdown",
    "short_breakdown",
    "why_session",
    "render_session_why",
    "find_session",
    "energy_line",
    "weeks_text",
]
