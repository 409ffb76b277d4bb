"""The checks of SPEC §2's rules (and the plan's consistency), one `check_<rule>` each."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from models.horizon import Week
from models.plan import PlannedExercise, Session
from models.profiles import (
    ramp_seconds,
)
from models.vocab import CARDIO_KINDS, EXPLOSIVE_PATTERNS, MUSCLE_GROUPS

from ..coverage import covers
from ..nutrition import writes_energy
from ..objective import (
    compute_objective_terms,
    session_focus,
    work_seconds,
)
from ..progression import block_reps, week_kind
from .core import (
    EPS,
    OBJECTIVE_TOLERANCE,
    TEMPO,
    Context,
    Violation,
    minutes_text,
    names_text,
    num_text,
    violation,
)
from .energy import carbs_violations
from .measures import (
    calf_set_counts,
    cardio_caps,
    cardio_under_strength,
    deload_share,
    fat_loss_cardio,
    focus_gaps,
    lower_body_share,
    new_exercise_share,
    rest_days_per_week,
    session_minutes_left,
    set_duration_median,
    strength_sessions,
    training_day_runs,
    violations,
)


def check_consistency(ctx: Context) -> list[Violation]:
    """The plan's calendar and sessions are consistent with its scenario and catalog."""
    out: list[Violation] = []
    rule = "consistency"
    hz = ctx.horizon
    # days: every calendar day exactly once, with its week and block
    seen: dict[date, int] = defaultdict(int)
    for d in ctx.plan.days:
        seen[d.date] += 1
        cal = hz.by_date.get(d.date)
        if cal is None:
            out.append(
                violation(
                    rule,
                    f"day {d.date} is outside the plan ({hz.days[0].date} to {hz.end})",
                    day=d.date,
                )
            )
            continue
        if (d.week, d.block) != (cal.week, cal.block):
            out.append(
                violation(
                    rule,
                    f"day {d.date} says week {d.week} block {d.block}; the calendar "
                    f"has week {cal.week} block {cal.block}",
                    day=d.date,
                    week=cal.week,
                )
            )
    for dt, n in sorted(seen.items()):
        if n > 1:
            out.append(violation(rule, f"day {dt} is listed {n} times", day=dt))
    missing = [d.date for d in hz.days if d.date not in seen]
    if missing:
        shown = ", ".join(str(d) for d in missing[:5]) + (" ..." if len(missing) > 5 else "")
        out.append(
            violation(
                rule, f"{len(missing)} calendar day(s) missing from days: {shown}", day=missing[0]
            )
        )
    # day type: training iff a session that date
    session_dates = {s.date for s in ctx.plan.sessions}
    for d in ctx.plan.days:
        want = "training" if d.date in session_dates else "rest"
        if d.type != want:
            why = "has a session" if want == "training" else "has no session"
            out.append(
                violation(
                    rule, f"day {d.date} is marked {d.type} but {why}", day=d.date, week=d.week
                )
            )
    # weeks list (optional in the file): matches the calendar
    for pw in ctx.plan.weeks:
        if not 1 <= pw.week <= len(hz.weeks):
            out.append(
                violation(
                    rule, f"week {pw.week} is outside the plan (1..{len(hz.weeks)})", week=pw.week
                )
            )
            continue
        w = hz.weeks[pw.week - 1]
        if (pw.block, pw.deload, pw.is_break) != (w.block, w.deload, w.is_break):
            out.append(
                violation(
                    rule,
                    f"week {pw.week} says block {pw.block}, deload {pw.deload}, "
                    f"break {pw.is_break}; the calendar has block {w.block}, "
                    f"deload {w.deload}, break {w.is_break}",
                    week=pw.week,
                )
            )
        elif pw.kind is not None and pw.kind != w.kind:
            out.append(
                violation(
                    rule, f"week {pw.week} says {pw.kind}; the calendar has {w.kind}", week=pw.week
                )
            )
    # sessions: on the calendar, with the date's week, block and weekday; focus; exercise data
    known = ctx.catalog.by_id() if ctx.catalog is not None else None
    for s in ctx.sessions:
        cal = hz.by_date.get(s.date)
        if cal is None:
            out.append(
                violation(
                    rule,
                    f"session on {s.date} is outside the plan ({hz.days[0].date} to {hz.end})",
                    day=s.date,
                )
            )
            continue
        if (s.week, s.block, s.weekday) != (cal.week, cal.block, cal.weekday):
            out.append(
                violation(
                    rule,
                    f"session on {s.date} says week {s.week} block {s.block} "
                    f"{s.weekday}; the date is week {cal.week} block {cal.block} "
                    f"{cal.weekday}",
                    day=s.date,
                    week=cal.week,
                )
            )
        focus = session_focus(s)
        if set(s.focus) != focus or len(s.focus) != len(set(s.focus)):
            want = [m for m in MUSCLE_GROUPS if m in focus]
            out.append(
                violation(
                    rule,
                    f"session on {s.date} lists focus [{', '.join(s.focus)}]; its "
                    f"strength, plyometric and conditioning exercises train "
                    f"[{', '.join(want)}]",
                    day=s.date,
                    week=cal.week,
                )
            )
        if not s.exercises:
            out.append(
                violation(rule, f"session on {s.date} has no exercise", day=s.date, week=cal.week)
            )
        for e in s.exercises:
            out += _exercise_data(ctx, s, e, known, cal.week)
    return out


def _exercise_data(ctx, s: Session, e: PlannedExercise, known, week: int) -> list[Violation]:
    rule = "consistency"
    where = f"{s.date} {e.id}"
    out = []
    if e.kind in ("strength", "plyometric") and not TEMPO.match(e.tempo):
        out.append(
            violation(
                rule,
                f"{where}: tempo {e.tempo!r} is not eccentric-pause-concentric-pause "
                f"like '3-0-X-0'",
                day=s.date,
                week=week,
            )
        )
    if known is None:
        return out
    ex = known.get(e.id)
    if ex is None:
        out.append(
            violation(
                rule,
                f"{where}: exercise id is not in the catalog ({ctx.catalog.source})",
                day=s.date,
                week=week,
            )
        )
        return out
    expected = {
        "name": ex.name,
        "kind": ex.kind,
        "pattern": ex.pattern,
        "primary_muscles": list(ex.primary),
        "secondary_muscles": list(ex.secondary),
        "equipment": list(ex.equipment),
        "explosive_capable": ex.explosive,
        "main_lift": ex.main_lift,
        "modality": ex.modality,
    }
    for key, want in expected.items():
        got = getattr(e, key)
        if isinstance(want, list):
            same = sorted(got) == sorted(want)
        else:
            same = got == want
        if not same:
            out.append(
                violation(
                    rule,
                    f"{where}: {key} is {got!r}; the catalog says {want!r}",
                    day=s.date,
                    week=week,
                )
            )
    return out


# --- hard rules ---------------------------------------------------------------------------------
def _true_hinge(ctx: Context, sessions: list[Session]) -> bool:
    """SPEC §7.1: on a format-2 plan the week's hinge must be a true hinge (catalog
    `true_hinge`); a format-1 plan is checked as before (any hinge)."""
    if ctx.plan.version < 2 or ctx.catalog is None:
        return True
    by_id = ctx.catalog.by_id()
    return any(
        e.id in by_id and covers(by_id[e.id], "hinge") for s in sessions for e in s.exercises
    )


def check_legs(ctx: Context) -> list[Violation]:
    out = []
    for week in ctx.active_weeks:
        sessions = ctx.week_sessions(week)
        n = week.number
        if not any(session_focus(s) & {"quads", "hamstrings"} for s in sessions):
            out.append(
                violation(
                    "legs",
                    f"week {n}: no session has quads or hamstrings in focus "
                    f"({len(sessions)} sessions)",
                    week=n,
                )
            )
        for pattern in ("squat", "hinge"):
            if not any(
                e.kind == "strength" and e.pattern == pattern for s in sessions for e in s.exercises
            ):
                out.append(
                    violation("legs", f"week {n}: no {pattern}-pattern strength exercise", week=n)
                )
            elif pattern == "hinge" and not _true_hinge(ctx, sessions):
                hinges = {e.name for s in sessions for e in s.exercises if e.pattern == "hinge"}
                out.append(
                    violation(
                        "legs",
                        f"week {n}: no true hinge (deadlift family, RDL, good "
                        f"morning, back extension); {names_text(hinges)} is glute or "
                        "power work",
                        week=n,
                    )
                )
    return out + violations(lower_body_share(ctx))


def check_recovery(ctx: Context) -> list[Violation]:
    out = []
    per_day: dict[date, int] = defaultdict(int)
    for s in ctx.sessions:
        per_day[s.date] += 1
    for dt, n in sorted(per_day.items()):
        if n > 1:
            out.append(
                violation("recovery", f"{dt} has {n} sessions; at most one workout a day", day=dt)
            )
    sessions = ctx.sessions
    reported: set[tuple[date, date]] = set()
    for i in range(1, len(sessions)):
        a, b = sessions[i - 1], sessions[i]
        shared = session_focus(a) & session_focus(b)
        if shared:
            reported.add((a.date, b.date))
            out.append(
                violation(
                    "recovery",
                    f"{a.date} and {b.date} are consecutive workouts both "
                    f"training {names_text(shared)}",
                    day=b.date,
                    week=_week_of(ctx, b),
                )
            )
    # ≥ 48 h (2 calendar days) between two sessions sharing a focus muscle
    for m in focus_gaps(ctx):
        if m.broke and m.span not in reported:
            reported.add(m.span)
            out.append(m.violation())
    return out


def _week_of(ctx: Context, s: Session) -> int | None:
    day = ctx.day_of(s)
    return day.week if day else None


def check_rest_days(ctx: Context) -> list[Violation]:
    return violations(rest_days_per_week(ctx)) + violations(training_day_runs(ctx))


def check_calves(ctx: Context) -> list[Violation]:
    out = []
    for week in ctx.active_weeks:
        sessions = ctx.week_sessions(week)
        n = week.number
        if not any(e.pattern == "calf_raise" for s in sessions for e in s.exercises):
            out.append(
                violation("calves", f"week {n}: no session with a calf-raise exercise", week=n)
            )
    return out + violations(calf_set_counts(ctx))


def check_cardio(ctx: Context) -> list[Violation]:
    return violations(cardio_under_strength(ctx) + cardio_caps(ctx) + fat_loss_cardio(ctx))


def check_set_duration(ctx: Context) -> list[Violation]:
    return violations(set_duration_median(ctx))


def check_session_time(ctx: Context) -> list[Violation]:
    out = []
    warmup = ctx.param("session_time", "warmup_minutes")
    for s in ctx.sessions:
        day = ctx.day_of(s)
        if day is None:
            continue  # reported by consistency
        w = day.week
        if not day.available:
            out.append(
                violation(
                    "session_time",
                    f"{s.date} ({day.weekday}): session on a day with no time available",
                    day=s.date,
                    week=w,
                )
            )
        else:
            if s.location != day.location:
                out.append(
                    violation(
                        "session_time",
                        f"{s.date} ({day.weekday}): session at "
                        f"{s.location!r}, the day's location is "
                        f"{day.location!r}",
                        day=s.date,
                        week=w,
                    )
                )
        listed = warmup + sum(e.minutes for e in s.exercises)
        if s.minutes + EPS < listed:
            out.append(
                violation(
                    "session_time",
                    f"{s.date}: session says {s.minutes} min < warm-up "
                    f"{warmup} + exercises {num_text(listed - warmup)} = "
                    f"{num_text(listed)} min",
                    day=s.date,
                    week=w,
                )
            )
        for e in s.exercises:
            ramp = ramp_seconds([(w.percent_1rm, w.reps) for w in e.warmup_sets])
            need = work_seconds(e) + ramp
            if 60 * e.minutes + EPS < need:
                extra = f" + warm-up ramp {ramp} s" if ramp else ""
                out.append(
                    violation(
                        "session_time",
                        f"{s.date} {e.id}: {num_text(e.minutes)} min < "
                        f"{e.sets} sets × ({e.seconds_per_set} s + "
                        f"{e.rest_seconds} s rest){extra} = "
                        f"{minutes_text(need)} min",
                        day=s.date,
                        week=w,
                    )
                )
    return out + violations(session_minutes_left(ctx))


def check_equipment(ctx: Context) -> list[Violation]:
    out = []
    locations = ctx.scenario.locations
    for s in ctx.sessions:
        w = _week_of(ctx, s)
        loc = locations.get(s.location)
        if loc is None:
            out.append(
                violation(
                    "equipment",
                    f"{s.date}: unknown location {s.location!r} (defined: {names_text(locations)})",
                    day=s.date,
                    week=w,
                )
            )
            continue
        have = set(loc.equipment)
        for e in s.exercises:
            lacking = set(e.equipment) - have
            if lacking:
                out.append(
                    violation(
                        "equipment",
                        f"{s.date} {e.id} needs {names_text(lacking)}, not at "
                        f"{s.location!r} (has: {names_text(have) or 'bodyweight'})",
                        day=s.date,
                        week=w,
                    )
                )
    return out


def _block_scheme(ctx: Context, block: int, ex_id: str) -> set[tuple[str, str]]:
    """(scheme, reps) of an exercise's variant in a block: from its regular weeks
    (`progression.block_reps`: their reps may rise or fall week by week), else every use."""
    uses = [(s, e) for s in ctx.by_block[block] for e in s.exercises
            if e.id == ex_id and e.kind == "strength"]
    regular = [e for s, e in uses  # by_block is in date order
               if week_kind(ctx.horizon.weeks[ctx.day_of(s).week - 1]) == "regular"]
    if not regular:
        return {(e.scheme, e.reps) for _s, e in uses}
    return {(regular[0].scheme, block_reps([e.reps for e in regular]))}


def check_variation(ctx: Context) -> list[Violation]:
    out = violations(new_exercise_share(ctx))
    blocks = sorted(b for b, ss in ctx.by_block.items() if ss)

    def strength(b: int) -> list[PlannedExercise]:
        return [e for s in ctx.by_block[b] for e in s.exercises if e.kind == "strength"]

    for earlier, later in zip(blocks, blocks[1:], strict=False):
        if later != earlier + 1:
            continue
        first_week = ctx.horizon.block_weeks_of(later)[0].number
        before = strength(earlier)
        after = strength(later)
        ids_before = {e.id for e in before}
        for ex_id in sorted(({e.id for e in after}) & ids_before):
            old = _block_scheme(ctx, earlier, ex_id)
            now = _block_scheme(ctx, later, ex_id)
            same = old & now
            if same:
                scheme, reps = sorted(same)[0]
                out.append(
                    violation(
                        "variation",
                        f"block {later}: {ex_id} kept from block {earlier} "
                        f"with the same rep scheme {scheme} {reps}",
                        week=first_week,
                    )
                )
    if len(blocks) >= 2:
        schemes = {e.scheme for b in blocks for e in strength(b)}
        if len(schemes) < 2:
            out.append(
                violation(
                    "variation",
                    f"{len(blocks)} blocks use only "
                    f"{len(schemes)} rep scheme ({names_text(schemes)}); "
                    f"at least 2",
                )
            )
    # sessions repeat within a block where availability repeats
    for block in range(1, ctx.horizon.n_blocks + 1):
        groups: dict[tuple, list[Week]] = defaultdict(list)
        for w in ctx.horizon.block_weeks_of(block):
            if not w.is_break:
                groups[w.pattern].append(w)
        for weeks in groups.values():
            ref = _week_layout(ctx, weeks[0])
            for w in weeks[1:]:
                layout = _week_layout(ctx, w)
                if layout != ref:
                    out.append(
                        violation(
                            "variation",
                            f"week {w.number} differs from week "
                            f"{weeks[0].number} (block {block}, same "
                            f"availability): {_layout_diff(ref, layout)}",
                            week=w.number,
                        )
                    )
    return out


def _week_layout(ctx: Context, week: Week) -> dict[str, tuple[str, ...]]:
    return {s.weekday: tuple(e.id for e in s.exercises) for s in ctx.week_sessions(week)}


def _layout_diff(ref: dict, other: dict) -> str:
    parts = []
    for wd in sorted(set(ref) | set(other), key=lambda d: list(ref).index(d) if d in ref else 9):
        a, b = ref.get(wd), other.get(wd)
        if a == b:
            continue
        show_a = "no session" if a is None else "[" + ", ".join(a) + "]"
        show_b = "no session" if b is None else "[" + ", ".join(b) + "]"
        parts.append(f"{wd} {show_b} instead of {show_a}")
    return "; ".join(parts)


LEGACY_REST_FLOOR = 120  # format-1 plans: the old default of `explosive.rest_floor`


def check_explosive(ctx: Context) -> list[Violation]:
    out = []
    sc = ctx.scenario
    technique = ctx.param("explosive", "technique_weeks")
    v2 = ctx.plan.version >= 2
    # format 1 was made under the floor's old default (120 s); format 2 checks floors by role
    # (`prescription.check_rest_roles`) and exempts every main lift from "falls"
    floor = (
        ctx.param("explosive", "rest_floor")
        if v2
        else sc.rules.get("explosive", {}).get("rest_floor", LEGACY_REST_FLOOR)
    )
    strength_goal = sc.primary_goal == "strength"
    novice = sc.level == "novice"
    for s in ctx.sessions:
        day = ctx.day_of(s)
        if day is None:
            continue
        first_block_novice = novice and day.block == 1
        for e in s.exercises:
            m = TEMPO.match(e.tempo)
            explosive = bool(m and m.group(3) == "X")
            if first_block_novice:
                if "X" in e.tempo:
                    out.append(
                        violation(
                            "explosive",
                            f"{s.date} {e.id}: tempo {e.tempo} is explosive "
                            f"in a novice's first block",
                            day=s.date,
                            week=day.week,
                        )
                    )
                if e.kind == "plyometric":
                    out.append(
                        violation(
                            "explosive",
                            f"{s.date} {e.id}: plyometrics in a novice's first block",
                            day=s.date,
                            week=day.week,
                        )
                    )
            elif (
                day.week > technique
                and e.pattern in EXPLOSIVE_PATTERNS
                and not explosive
                and (e.kind in ("strength", "plyometric") or (v2 and e.kind == "conditioning"))
            ):
                out.append(
                    violation(
                        "explosive",
                        f"{s.date} {e.id}: {e.pattern} in week {day.week} "
                        f"(after {technique} technique weeks) has tempo "
                        f"{e.tempo}; needs an explosive concentric a-b-X-d",
                        day=s.date,
                        week=day.week,
                    )
                )
    # rest falls through each block; strength-goal main lifts keep their floor
    for block, sessions in sorted(ctx.by_block.items()):
        rests: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        main: dict[str, bool] = {}
        for s in sessions:
            day = ctx.day_of(s)
            for e in s.exercises:
                if e.kind in CARDIO_KINDS:
                    continue  # interval work:rest is a design, steady cardio has no rest
                rests[e.id][day.week].append(e.rest_seconds)
                main[e.id] = e.kind == "strength" and (
                    e.role == "main" if v2 else strength_goal and e.main_lift
                )
        for ex_id, weeks in sorted(rests.items()):
            order = sorted(weeks)
            rose = False
            for prev, cur in zip(order, order[1:], strict=False):
                if max(weeks[cur]) > min(weeks[prev]):
                    rose = True
                    out.append(
                        violation(
                            "explosive",
                            f"block {block}: {ex_id} rest rises from "
                            f"{min(weeks[prev])} s in week {prev} to "
                            f"{max(weeks[cur])} s in week {cur}",
                            week=cur,
                        )
                    )
            first_rest = max(weeks[order[0]])
            at_floor = main[ex_id] and (v2 or first_rest <= floor)
            if len(order) >= 2 and not rose and not at_floor:
                if min(weeks[order[-1]]) >= first_rest:
                    out.append(
                        violation(
                            "explosive",
                            f"block {block}: {ex_id} rest stays at "
                            f"{first_rest} s over weeks {order[0]}–"
                            f"{order[-1]}; it must fall at least once",
                            week=order[-1],
                        )
                    )
            if main[ex_id] and not v2:
                least = min(r for rs in weeks.values() for r in rs)
                need = min(floor, first_rest)
                if least < need:
                    out.append(
                        violation(
                            "explosive",
                            f"block {block}: main lift {ex_id} rests "
                            f"{least} s < floor {need} s (strength goal)",
                            week=order[0],
                        )
                    )
    return out


def check_deload(ctx: Context) -> list[Violation]:
    """Sessions of deload weeks are marked; a deload's strength sets ≤ max_share × the block's
    heaviest regular week; a scheduled deload keeps the sessions of its block's regular weeks of
    the same availability (a travel deload keeps what its days allow)."""
    out = violations(deload_share(ctx))
    for s in ctx.sessions:
        day = ctx.day_of(s)
        if day is None:
            continue
        week = ctx.horizon.weeks[day.week - 1]
        if s.deload != week.deload:
            text = (
                f"{s.date}: session in {week.kind.replace('_', ' ')} week {week.number} is "
                f"not marked deload"
                if week.deload
                else f"{s.date}: session in week {week.number} is marked deload; the week is "
                f"not a deload week"
            )
            out.append(violation("deload", text, day=s.date, week=week.number))
    for block in range(1, ctx.horizon.n_blocks + 1):
        weeks = ctx.horizon.block_weeks_of(block)
        regular = [w for w in weeks if w.kind == "regular"]
        for w in weeks:
            if not w.deload or w.kind == "travel_deload":
                continue  # keeps the sessions its days allow
            n = len(ctx.week_sessions(w))
            for r in regular:
                if r.pattern == w.pattern and len(ctx.week_sessions(r)) != n:
                    out.append(
                        violation(
                            "deload",
                            f"week {w.number}: {n} sessions, week {r.number} "
                            f"(same availability) has "
                            f"{len(ctx.week_sessions(r))}",
                            week=w.number,
                        )
                    )
                    break
    return out


def check_preferences(ctx: Context) -> list[Violation]:
    out = []
    prefs = ctx.scenario.preferences
    avoid, patterns = set(prefs.avoid), set(prefs.avoid_patterns)
    for s in ctx.sessions:
        w = _week_of(ctx, s)
        for e in s.exercises:
            if e.id in avoid:
                out.append(
                    violation("preferences", f"{s.date}: {e.id} is in avoid", day=s.date, week=w)
                )
            if e.pattern in patterns:
                out.append(
                    violation(
                        "preferences",
                        f"{s.date}: {e.id} has avoided pattern {e.pattern}",
                        day=s.date,
                        week=w,
                    )
                )
    return out


def check_frequency(ctx: Context) -> list[Violation]:
    return violations(strength_sessions(ctx))


CARBS_REST = (3.0, 5.0)  # g/kg, ACSM/AND/DC 2016
CARBS_TRAINING = (5.0, 10.0)
PROTEIN = (1.4, 2.0)  # g/kg, ISSN 2017


def check_carbs(ctx: Context) -> list[Violation]:
    """§2's carbs and protein bands; days carrying §7.3's numbers (format 2 with `energy` on)
    are checked against §7.3's bands instead (`energy.carbs_violations`)."""
    if writes_energy(ctx.scenario, ctx.plan.version):
        return carbs_violations(ctx)
    out = []
    mass = ctx.scenario.body_mass_kg
    rest_by_week: dict[int, list[float]] = defaultdict(list)
    for d in ctx.plan.days:
        if d.type == "rest":
            rest_by_week[d.week].append(d.carbs_g_per_kg)
    for d in ctx.plan.days:
        g = d.carbs_g_per_kg
        lo, hi = CARBS_REST if d.type == "rest" else CARBS_TRAINING
        if not lo - EPS <= g <= hi + EPS:
            out.append(
                violation(
                    "carbs",
                    f"{d.date}: {d.type} day carbs {g:g} g/kg outside {lo:g}–{hi:g} g/kg",
                    day=d.date,
                    week=d.week,
                )
            )
        if d.type == "training" and rest_by_week.get(d.week):
            top = max(rest_by_week[d.week])
            if g <= top + EPS:
                out.append(
                    violation(
                        "carbs",
                        f"{d.date}: training day carbs {g:g} g/kg not above the "
                        f"week's rest days ({top:g} g/kg)",
                        day=d.date,
                        week=d.week,
                    )
                )
        if abs(d.carbs_g - g * mass) > 0.5 + EPS:
            out.append(
                violation(
                    "carbs",
                    f"{d.date}: carbs_g {d.carbs_g} ≠ {g:g} g/kg × {mass:g} kg "
                    f"= {num_text(g * mass)} g",
                    day=d.date,
                    week=d.week,
                )
            )
        p_lo, p_hi = PROTEIN
        if not p_lo * mass - 0.5 - EPS <= d.protein_g <= p_hi * mass + 0.5 + EPS:
            out.append(
                violation(
                    "carbs",
                    f"{d.date}: protein {d.protein_g} g = "
                    f"{d.protein_g / mass:.2f} g/kg outside {p_lo:g}–{p_hi:g} "
                    f"g/kg",
                    day=d.date,
                    week=d.week,
                )
            )
    return out


def check_objective(ctx: Context) -> list[Violation]:
    out = []
    terms = compute_objective_terms(ctx.plan, ctx.scenario, ctx.horizon)
    recomputed = sum(t.penalty for t in terms)
    listed = sum(t.penalty for t in ctx.plan.objective_terms)
    solver = ctx.plan.solver.objective

    def by_rule(ts) -> dict[str, float]:
        acc: dict[str, float] = defaultdict(float)
        for t in ts:
            acc[t.rule] += t.penalty
        return acc

    if abs(recomputed - solver) > OBJECTIVE_TOLERANCE:
        out.append(
            violation(
                "objective",
                f"recomputed soft-rule penalties sum to {recomputed:g}; "
                f"solver.objective is {solver:g}",
            )
        )
    if abs(recomputed - listed) > OBJECTIVE_TOLERANCE:
        mine, theirs = by_rule(terms), by_rule(ctx.plan.objective_terms)
        diff = "; ".join(
            f"{r} {theirs.get(r, 0):g} vs {mine.get(r, 0):g}"
            for r in sorted(set(mine) | set(theirs))
            if abs(mine.get(r, 0) - theirs.get(r, 0)) > OBJECTIVE_TOLERANCE
        )
        out.append(
            violation(
                "objective",
                f"objective_terms sum to {listed:g}; recomputed from the "
                f"plan {recomputed:g} (listed vs recomputed: {diff})",
            )
        )
    return out
