"""Rule `endurance` (SPEC §7.1) for primary goal `endurance`; measures in optimizer/endurance.py.

Per template (its weeks share sessions): easy share of cardio sessions, the modality's share
of cardio minutes (each week: a deload's doses differ), two sessions with heavy legs and
plyometrics, at most `max_strength_sessions` sessions with strength work. Per pair of
consecutive calendar days: no two hard sessions, no hard session the day after heavy legs.
Across weeks: the long steady bout grows ≤ `long_growth`. Soft: the long bout no longer than
the rest of the week's cardio together; single-leg strength work every week where offered.
The prescribed 3–6 reps of the heavy work are the prescription's (SPEC §7.2)."""

from models.profiles import STEADY_STEP
from models.vocab import CARDIO_KINDS

from ...endurance import (
    CARDIO_SESSION_KINDS,
    HARD_KINDS,
    MODALITY_KINDS,
    applies,
    exercise_heavy_legs,
    heavy_sessions_needed,
    is_leg_plyometric,
    is_single_leg,
    single_leg_offered,
)
from .cardio import cardio_minutes_per_unit


def _flag(mc, slot, where, name):
    """A bool: the slot's session holds an exercise matching `where`."""
    m = mc.model
    lits = [c.use for c in mc.vars.options(slot, where)]
    flag = m.new_bool_var(f"{name}[t{slot.template}.{slot.weekday}]")
    if lits:
        m.add_max_equality(flag, lits)
    else:
        m.add(flag == 0)
    return flag


def add(mc) -> None:
    if not applies(mc.scenario):
        return
    m, sc = mc.model, mc.scenario
    easy_pct = round(100 * sc.rule_param("endurance", "easy_share"))
    modality_pct = round(100 * sc.rule_param("endurance", "modality_share"))
    modality = sc.main_modality
    lean = mc.goal_applies("fat_loss") and sc.rule_enabled("cardio")
    hard, heavy, long_bout = {}, {}, {}
    for t in mc.structure.templates:
        scope = f"week {t.first_week.number}"
        cardio, easy = [], []
        for slot in t.slots:
            hard[slot.key] = _flag(mc, slot, lambda e: e.kind in HARD_KINDS, "hard")
            heavy[slot.key] = _flag(mc, slot, exercise_heavy_legs, "heavy_legs")
            any_cardio = _flag(mc, slot, lambda e: e.kind in CARDIO_SESSION_KINDS, "cardio")
            cardio.append(any_cardio)
            # easy = a cardio session that is not hard
            e = m.new_bool_var(f"easy[t{t.index}.{slot.weekday}]")
            m.add(e == any_cardio - hard[slot.key])  # hard implies cardio, so ≥ 0
            easy.append(e)
        mc.require(m.add(100 * sum(easy) >= easy_pct * sum(cardio)), "endurance",
                   f"{scope} easy share")
        if lean:  # a fat_loss share: its interval sessions are among the hard ones
            need = min(sc.rule_param("cardio", "fat_loss_min_sessions"), t.available_days)
            mc.require(m.add(sum(hard[s.key] for s in t.slots) >= need), "endurance",
                       f"{scope} fat_loss intervals")
        _heavy_days(mc, t, heavy, scope)
        # a runner lifts on few days (SPEC §7.1: "2 strength sessions a week"); the other
        # days are for running (coach review: push-ups and door rows before the long run)
        most = sc.rule_param("endurance", "max_strength_sessions")
        strength = [mc.vars.strength_session[s.key] for s in t.slots]
        if len(strength) > most:
            mc.require(m.add(sum(strength) <= most), "endurance", f"{scope} strength sessions")
        for week in mc.template_weeks(t):
            total = sum(mc.dose_in(c, week) * mc.prescriber.unit_seconds(c.exercise, week)
                        for _, c in mc.options(t, lambda e: e.kind in MODALITY_KINDS))
            main = sum(mc.dose_in(c, week) * mc.prescriber.unit_seconds(c.exercise, week)
                       for _, c in mc.options(t, lambda e: e.kind in MODALITY_KINDS
                                              and e.modality == modality))
            mc.require(m.add(100 * main >= modality_pct * total), "endurance",
                       f"week {week.number} {modality} share")
        long_bout[t.index] = _long_bout(mc, t)
        _long_share(mc, t, long_bout[t.index][0])
        _single_leg(mc, t)
    _spacing(mc, hard, heavy)
    _growth(mc, long_bout)


def _heavy_days(mc, t, heavy, scope) -> None:
    """≥ need sessions with heavy legs and plyometrics (need from the week's locations)."""
    m = mc.model
    need = heavy_sessions_needed(mc.catalog, mc.scenario, t.first_week)
    if not need:
        return
    both = []
    for slot in t.slots:
        plyo = _flag(mc, slot, lambda e: is_leg_plyometric(e.kind, e.primary), "plyo")
        b = m.new_bool_var(f"heavy_and_plyo[t{t.index}.{slot.weekday}]")
        m.add_min_equality(b, [heavy[slot.key], plyo])
        both.append(b)
    mc.require(m.add(sum(both) >= need), "endurance", f"{scope} heavy legs")


def _spacing(mc, hard, heavy) -> None:
    """Consecutive calendar days: not two hard sessions; no hard session after heavy legs."""
    m = mc.model
    by_index = {day.index: (day, slot) for day, slot in mc.structure.calendar_slots}
    before = mc.boundary.hard_days | mc.boundary.heavy_days  # the day before the window
    for index, (day, slot) in sorted(by_index.items()):
        if index - 1 in before and index - 1 not in by_index:
            mc.require(m.add(hard[slot.key] == 0), "endurance",
                       f"week {day.week} {day.weekday} hard session after a hard or heavy day")
    seen = set()
    for index, (day, slot) in sorted(by_index.items()):
        if index + 1 not in by_index:
            continue
        nxt = by_index[index + 1][1]
        if (slot.key, nxt.key) in seen:
            continue
        seen.add((slot.key, nxt.key))
        scope = f"week {day.week} {day.weekday}"
        mc.require(m.add(hard[slot.key] + hard[nxt.key] <= 1), "endurance",
                   f"{scope} hard sessions 48 h apart")
        mc.require(m.add(heavy[slot.key] + hard[nxt.key] <= 1), "endurance",
                   f"{scope} hard session after heavy legs")


def _long_bout(mc, t):
    """The template's longest steady bout in its regular weeks (5-minute units) and whether
    it has one."""
    m = mc.model
    bouts = []
    for slot in t.slots:
        steady = [c.dose for c in mc.vars.options(slot, lambda e: e.kind == "cardio_steady")]
        bouts.append(sum(steady) if steady else 0)  # ≤ 1 cardio bout a session
    hi = max((mc.prescriber.dose(c.exercise).hi for _, c in mc.options(t, _steady)), default=0)
    long_ = m.new_int_var(0, hi, f"long_bout[t{t.index}]")
    m.add_max_equality(long_, bouts or [0])
    has = m.new_bool_var(f"has_long_bout[t{t.index}]")
    m.add(long_ >= 1).only_enforce_if(has)
    m.add(long_ == 0).only_enforce_if(~has)
    return long_, has


def _long_share(mc, t, long_units) -> None:
    """Soft: W.long_share per minute the long bout runs beyond the rest of the week's cardio
    (`objective.long_bout_excess`), once per regular week."""
    weight, n_regular = mc.weights.get("long_share", 0), len(t.regular_weeks)
    if not weight or not n_regular:
        return
    m = mc.model
    minutes = sum(c.dose * cardio_minutes_per_unit(mc, c.exercise)
                  for _, c in mc.options(t, lambda e: e.kind in CARDIO_KINDS))
    over = m.new_int_var(0, 2 * 24 * 60, f"long_excess[t{t.index}]")
    m.add_max_equality(over, [0, 2 * STEADY_STEP * long_units - minutes])
    mc.penalize("endurance", weight * n_regular, over)


def _single_leg(mc, t) -> None:
    """Soft: W.single_leg per regular week without single-leg strength work where the week's
    locations offer it (`endurance.single_leg_offered`, the recomputation's test)."""
    weight, n_regular = mc.weights.get("single_leg", 0), len(t.regular_weeks)
    if not weight or not n_regular or not single_leg_offered(mc.catalog, mc.scenario,
                                                             t.first_week):
        return
    m = mc.model
    uses = [c.use for _, c in mc.options(
        t, lambda e: is_single_leg(e.kind, e.pattern, e.unilateral, e.primary))]
    has = m.new_bool_var(f"single_leg[t{t.index}]")
    m.add_max_equality(has, uses) if uses else m.add(has == 0)
    mc.penalize("endurance", weight * n_regular, 1 - has)


def _steady(ex) -> bool:
    return ex.kind == "cardio_steady"


def _growth(mc, long_bout) -> None:
    """Consecutive non-deload, non-break weeks of different templates:
    prev ≤ long ≤ (1+g) × prev."""
    m = mc.model
    pct = 100 + round(100 * mc.scenario.rule_param("endurance", "long_growth"))
    weeks = [w for w in mc.horizon.weeks if not w.is_break and not w.deload
             and mc.structure.template_of_week(w.number) is not None]
    past = mc.boundary.long_bout  # the last regular week before the window
    if weeks and past:
        long_, _ = long_bout[mc.structure.template_of_week(weeks[0].number).index]
        scope = f"week {weeks[0].number} long session"
        mc.require(m.add(100 * long_ <= pct * past), "endurance", scope)
        if weeks[0].kind != "reentry":
            mc.require(m.add(long_ >= past), "endurance", scope)
    seen = set()
    for prev, week in zip(weeks, weeks[1:], strict=False):
        a = mc.structure.template_of_week(prev.number)
        b = mc.structure.template_of_week(week.number)
        if a is None or b is None or a.index == b.index or (a.index, b.index) in seen:
            continue
        seen.add((a.index, b.index))
        (long_a, has_a), (long_b, _) = long_bout[a.index], long_bout[b.index]
        mc.require(m.add(100 * long_b <= pct * long_a).only_enforce_if(has_a), "endurance",
                   f"week {week.number} long session")
        if week.kind != "reentry":  # the long session never shrinks (but after a break)
            mc.require(m.add(long_b >= long_a), "endurance", f"week {week.number} long session")

