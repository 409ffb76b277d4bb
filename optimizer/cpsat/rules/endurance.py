"""Rule `endurance` (SPEC §7.1) for primary goal `endurance`; measures in optimizer/endurance.py.

Per template (its weeks share sessions): easy share of cardio sessions, the modality's share
of cardio minutes (each week: a deload's doses differ), two sessions with heavy legs and
plyometrics, at most `max_strength_sessions` sessions with strength work. Per pair of
consecutive calendar days: no two hard sessions, no hard session the day after heavy legs.
Across weeks: the long steady bout grows ≤ `long_growth`. A template's long bout may *ramp*: its
dose is the peak of the template's last regular week and each earlier regular week runs one
5-minute unit less per week to go (`endurance.ramp_offset`), so a block's long run grows week
by week although its weeks share sessions; the ramped bout is then the only one within a unit
a week of the peak. Soft: the long bout no longer than the rest of the week's cardio together;
the long bout grows over the previous regular week (W.long_flat); single-leg
strength work every week where offered.
The prescribed 3–6 reps of the heavy work are the prescription's (SPEC §7.2)."""

from dataclasses import dataclass

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
    ramp_floor,
    ramp_offset,
    single_leg_offered,
)
from . import cardio  # module import: rule `cardio` asks this one for a ramp's minutes


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
        long_bout[t.index] = ramp = long_bout_of(mc, t)
        for week in mc.template_weeks(t):
            total = sum(mc.dose_in(c, week) * mc.prescriber.unit_seconds(c.exercise, week)
                        for _, c in mc.options(t, lambda e: e.kind in MODALITY_KINDS))
            main = sum(mc.dose_in(c, week) * mc.prescriber.unit_seconds(c.exercise, week)
                       for _, c in mc.options(t, lambda e: e.kind in MODALITY_KINDS
                                              and e.modality == modality))
            # the ramp's first week runs shorter; counted as if the long bout were of the
            # modality (exact when it is, a little strict when it is not)
            cut = 0 if week.deload else ramp.offset(week) * ramp.ramp * 60 * STEADY_STEP
            mc.require(m.add(100 * (main - cut) >= modality_pct * (total - cut)), "endurance",
                       f"week {week.number} {modality} share")
        _long_share(mc, t, ramp)
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


@dataclass
class LongBout:
    """A template's long steady bout: its peak (5-minute units), whether it has one, and
    whether it ramps up to the peak across the template's regular weeks."""

    template: object
    units: object
    has: object
    ramp: object  # a bool var, or 0 where no ramp is possible

    @property
    def ramps(self) -> bool:
        """The ramp is a decision (else it is 0: no ramp possible)."""
        return not isinstance(self.ramp, int)

    def offset(self, week) -> int:
        regular = self.template.regular_weeks
        return ramp_offset(regular.index(week), len(regular))

    def in_week(self, week):
        """The long bout in a regular week of the template (a linear expression)."""
        return self.units - self.offset(week) * self.ramp


def long_bout_of(mc, t) -> LongBout:
    """The template's long bout, made once (rule `cardio` counts a ramp's weekly minutes)."""
    if t.index not in mc.long_bouts:
        mc.long_bouts[t.index] = _long_bout(mc, t)
    return mc.long_bouts[t.index]


def cardio_cut(mc, t, week):
    """Cardio minutes a regular week of `t` runs below the template's doses (its long bout's
    ramp): 0 where the rule does not apply or the template cannot ramp."""
    if not applies(mc.scenario) or week.deload:
        return 0
    bout = long_bout_of(mc, t)
    return STEADY_STEP * bout.offset(week) * bout.ramp if bout.ramps else 0


def _long_bout(mc, t) -> LongBout:
    """The template's longest steady bout in its regular weeks (5-minute units), whether it
    has one, and its ramp (a single bout at most a unit a week short of the peak)."""
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
    n = len(t.regular_weeks)
    floor = ramp_floor(n, mc.scenario.rule_param("endurance", "long_growth"))
    if floor is None or floor > hi or not mc.weights.get("long_flat", 0):
        return LongBout(t, long_, has, 0)
    ramp = m.new_bool_var(f"long_ramp[t{t.index}]")
    m.add(long_ >= floor * ramp)  # every weekly step within the growth allowed
    m.add(ramp <= has)  # implied; stated for the relaxation (W.long_flat pays has − ramp)
    # the ramped bout is the only one near the peak: each other bout ends a unit a week below
    # it, so the week's long session is the ramped one in every regular week
    holds = []
    for slot, bout in zip(t.slots, bouts, strict=True):
        if isinstance(bout, int):
            continue
        h = m.new_bool_var(f"holds_long[t{t.index}.{slot.weekday}]")
        m.add(bout == long_).only_enforce_if(h)
        m.add(bout + (n - 1) <= long_).only_enforce_if(ramp, ~h)
        holds.append(h)
    m.add(sum(holds) <= 1)
    return LongBout(t, long_, has, ramp)


def _long_share(mc, t, long_: LongBout) -> None:
    """Soft: W.long_share per minute the long bout runs beyond the rest of the week's cardio
    (`objective.long_bout_excess`) in each regular week (a ramp's weeks differ)."""
    weight, regular = mc.weights.get("long_share", 0), t.regular_weeks
    if not weight or not regular:
        return
    m = mc.model
    minutes = sum(c.dose * cardio.cardio_minutes_per_unit(mc, c.exercise)
                  for _, c in mc.options(t, lambda e: e.kind in CARDIO_KINDS))
    # a ramp's week runs `offset` units less of its long bout and of its cardio minutes
    weeks = regular if long_.ramps else regular[:1]
    for week in weeks:
        over = m.new_int_var(0, 2 * 24 * 60, f"long_excess[t{t.index}.w{week.number}]")
        cut = STEADY_STEP * long_.offset(week) * long_.ramp
        m.add_max_equality(over, [0, 2 * STEADY_STEP * long_.units - minutes - cut])
        mc.penalize("endurance", weight * (len(regular) // len(weeks)), over)


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


def _growth(mc, long_bout: dict[int, LongBout]) -> None:
    """Consecutive non-deload, non-break weeks: prev ≤ long ≤ (1+g) × prev (within a template
    the ramp's steps hold it); soft W.long_flat per such pair (but into a re-entry week) whose
    long bout does not grow (`endurance.long_flat`)."""
    m = mc.model
    pct = 100 + round(100 * mc.scenario.rule_param("endurance", "long_growth"))
    weeks = [w for w in mc.horizon.weeks if not w.is_break and not w.deload
             and mc.structure.template_of_week(w.number) is not None]

    def bout(week) -> tuple[LongBout, object]:
        b = long_bout[mc.structure.template_of_week(week.number).index]
        return b, b.in_week(week)

    past = mc.boundary.long_bout  # the last regular week before the window
    seen, flats = set(), {}
    if weeks and past:
        b, first = bout(weeks[0])
        scope = f"week {weeks[0].number} long session"
        mc.require(m.add(100 * first <= pct * past), "endurance", scope)
        if weeks[0].kind != "reentry":
            mc.require(m.add(first >= past), "endurance", scope)
            key = ("past", past, b.template.index, b.offset(weeks[0]))
            flats[key] = 1
    for prev, week in zip(weeks, weeks[1:], strict=False):
        (a, long_a), (b, long_b) = bout(prev), bout(week)
        counted = week.kind != "reentry"  # after a break the long session may start lower
        if a is b:  # one template: the ramp's steps (≤ g by `ramp_floor`), or flat
            if counted:
                flats[("ramp", a.template.index)] = flats.get(("ramp", a.template.index), 0) + 1
            continue
        key = (a.template.index, a.offset(prev), b.template.index, b.offset(week))
        if key not in seen:
            seen.add(key)
            mc.require(m.add(100 * long_b <= pct * long_a).only_enforce_if(a.has),
                       "endurance", f"week {week.number} long session")
            if week.kind != "reentry":  # the long session never shrinks (but after a break)
                mc.require(m.add(long_b >= long_a), "endurance",
                           f"week {week.number} long session")
        if counted:
            flats[key] = flats.get(key, 0) + 1
    _flat(mc, long_bout, flats)


def _flat(mc, long_bout: dict[int, LongBout], flats: dict[tuple, int]) -> None:
    """W.long_flat per pair of consecutive regular weeks whose long bout does not grow: within
    a template, where it does not ramp; across templates (and from the week before a replan's
    window, `past` units), reified on the two weeks' bouts."""
    weight = mc.weights.get("long_flat", 0)
    if not weight:
        return
    m = mc.model
    for key, count in sorted(flats.items(), key=str):
        if key[0] == "ramp":
            b = long_bout[key[1]]
            flat = m.new_bool_var(f"long_flat[t{key[1]}]")  # ≥ 0 for the objective's bound
            m.add(flat == b.has - b.ramp)
            mc.penalize("endurance", weight * count, flat)
            continue
        ta, off_a, tb, off_b = key
        b = long_bout[tb]
        long_b = b.units - off_b * b.ramp
        if key[0] == "past":  # the window's first week against the week before it (replan)
            a_has, long_a = 1, off_a
        else:
            a = long_bout[ta]
            a_has, long_a = a.has, a.units - off_a * a.ramp
        grows = m.new_bool_var(f"long_grows[t{ta}.{off_a}-t{tb}.{off_b}]")
        m.add(long_b >= long_a + 1).only_enforce_if(grows)
        m.add(long_b <= long_a).only_enforce_if(~grows)
        flat = m.new_bool_var(f"long_flat[t{ta}.{off_a}-t{tb}.{off_b}]")
        m.add(flat <= a_has)
        m.add(flat <= 1 - grows)
        m.add(flat >= a_has - grows)
        mc.penalize("endurance", weight * count, flat)
