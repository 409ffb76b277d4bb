"""The replan's additions to a block's model (`optimizer.replan`): the pinned past, weeks of
one availability linked, the disruption from the old plan, and respect for the next block."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from ortools.sat.python import cp_model

from models.plan import Plan

from .model import BuiltModel
from .variables import planned_dose

SESSION_WEIGHT = 3  # a changed session costs as much as 3 exercise changes (disruption)


# ------------------------------------------------------------------------------ pinning
def pin(
    built: BuiltModel,
    old: Plan,
    from_date: date,
    window_start: date,
    also: frozenset[int] = frozenset(),
) -> list[dict]:
    """Fix every window slot whose days are before from_date (and every slot of the templates
    in `also`) to the old sessions; returns notes for the pinned sessions that could not be
    expressed (copied, not fixed)."""
    v = built.vars
    structure = built.context.structure
    old_by_date = {s.date: s for s in old.sessions}
    notes: list[dict] = []
    days_of: dict[tuple, list] = defaultdict(list)
    in_model: set[date] = set()
    for day, slot in structure.calendar_slots:
        if day.date < from_date or slot.template in also:
            days_of[slot.key].append(day)
            in_model.add(day.date)
    for s in old.sessions:
        if window_start <= s.date < from_date and s.date not in in_model:
            notes.append(
                {
                    "date": s.date.isoformat(),
                    "week": s.week,
                    "status": "pinned",
                    "reason": "done on a day the new scenario does not offer: kept as "
                    "done, not seen by the new plan's rules",
                }
            )
    for key in sorted(days_of):
        days = days_of[key]
        slot = v.slot(*key)
        olds = [old_by_date.get(d.date) for d in days]
        layouts = {s.exercise_ids if s else () for s in olds}
        if len(layouts) > 1:
            for d, s in zip(days, olds, strict=True):
                if s is not None:
                    notes.append(
                        {
                            "date": d.date.isoformat(),
                            "week": d.week,
                            "status": "pinned",
                            "reason": "its weeks now share one template but differed: "
                            "kept as done, not fixed in the model",
                        }
                    )
            continue
        ids = layouts.pop()
        if not ids:
            v.fix(slot, on=False)
            continue
        missing = [i for i in ids if v.choice(slot, i) is None]
        if missing:
            for d in days:
                notes.append(
                    {
                        "date": d.date.isoformat(),
                        "week": d.week,
                        "status": "pinned",
                        "reason": f"{', '.join(missing)} no longer allowed there: kept "
                        "as done, not fixed in the model",
                    }
                )
            continue
        doses: dict[str, set[int]] = defaultdict(set)
        for d, s in zip(days, olds, strict=True):
            if s.deload or structure.horizon.weeks[d.week - 1].deload:
                continue
            for e in s.exercises:
                doses[e.id].add(planned_dose(e))
        fixed = {i: (next(iter(doses[i])) if len(doses[i]) == 1 else 0) for i in ids}
        if not _fits(built, slot, days, fixed):
            for d in days:
                notes.append({
                    "date": d.date.isoformat(), "week": d.week, "status": "pinned",
                    "reason": "done under an earlier prescription that no longer fits the "
                              "day's minutes: kept as done, not fixed in the model",
                })
            continue
        v.fix(slot, on=True, exercises=fixed, only=True)
    return notes


def _fits(built: BuiltModel, slot, days: list, fixed: dict[str, int]) -> bool:
    """Whether the old exercises at their old doses fit the day under today's prescription
    (`session_time`'s budget and least use): a plan made by an earlier version (other rests,
    no warm-up ramps) may not, and fixing it would make the whole window infeasible."""
    from .rules.session_time import MIN_USE_CAP_MINUTES, MIN_USE_PERCENT

    mc = built.context
    if not mc.enabled("session_time") or any(d == 0 for d in fixed.values()):
        return True  # doses that vary between the weeks: the model decides them
    pre = mc.prescriber
    warmup = mc.scenario.rule_param("session_time", "warmup_minutes")
    budget = 60 * (slot.minutes - warmup)
    by_id = {c.exercise.id: c.exercise for c in built.vars.options(slot)}
    for d in days:
        week = mc.horizon.weeks[d.week - 1]
        if week.deload:
            continue
        exact = sum(dose * pre.unit_seconds(by_id[i], week) + pre.ramp_seconds(by_id[i])
                    for i, dose in fixed.items())
        if exact + 30 * len(fixed) > budget:
            return False
        if 100 * exact < min(MIN_USE_PERCENT * budget, 100 * 60 * MIN_USE_CAP_MINUTES):
            return False
    return True


def link_repeats(built: BuiltModel) -> None:
    """Within a block, weeks of the same availability repeat their sessions (rule `variation`,
    checked by `periodize check`): the split keeps them in separate templates, so their slots
    are made equal here (session and exercises; the doses stay free)."""
    m, v = built.model, built.vars
    groups: dict[tuple, list] = defaultdict(list)
    for t in built.context.structure.templates:
        groups[(t.block, t.first_week.pattern)].append(t)
    for key in sorted(groups, key=lambda k: (k[0], str(k[1]))):
        first, *others = groups[key]
        for t in others:
            for a, b in zip(first.slots, t.slots, strict=True):
                m.add(v.on(a) == v.on(b))
                ids_b = {c.exercise.id: c for c in v.options(b)}
                for c in v.options(a):
                    if c.exercise.id in ids_b:
                        m.add(c.use == ids_b[c.exercise.id].use)


# ------------------------------------------------------------------------------ disruption
def disruption(
    built: BuiltModel, old: Plan, from_date: date, session_weight: int = SESSION_WEIGHT
) -> tuple[cp_model.LinearExprT, int]:
    """Distance of the window's days on/after from_date to the old plan, and the largest value
    it can take (every literal is a 0/1 variable): per calendar day, `session_weight` if its
    session is not the old one (added, removed, other exercises or doses: what the diff calls
    a change), plus a Hamming distance (session on/off, each old exercise not kept, each new
    exercise, each kept exercise whose dose changed in a regular week) that tells a small
    change from a large one. Days of one template share literals, so each literal is weighted
    by its number of days."""
    m, v = built.model, built.vars
    horizon = built.context.horizon
    old_by_date = {s.date: s for s in old.sessions}
    coef: dict[int, int] = defaultdict(int)
    var_of: dict[int, cp_model.IntVar] = {}
    const = 0
    dose_weight: dict[tuple, int] = defaultdict(int)
    session_days: dict[tuple, int] = defaultdict(int)

    def add(var, w):
        var_of[var.index] = var
        coef[var.index] += w

    for day, slot in built.context.structure.calendar_slots:
        if day.date < from_date:
            continue
        s = old_by_date.get(day.date)
        choices = v.options(slot)
        if s is None:
            session_days[(slot.key, None, False)] += 1
            add(v.on(slot), 1)
            for c in choices:
                add(c.use, 1)
            continue
        const += 1
        add(v.on(slot), -1)
        old_ids = {e.id: planned_dose(e) for e in s.exercises}
        regular = not (s.deload or horizon.weeks[day.week - 1].deload)
        session_days[(slot.key, tuple(sorted(old_ids.items())), regular)] += 1
        for ex_id, dose in old_ids.items():
            const += 1
            c = v.choice(slot, ex_id)
            if c is not None:
                add(c.use, -1)
                if regular:
                    dose_weight[(slot.key, ex_id, dose)] += 1
        for c in choices:
            if c.exercise.id not in old_ids:
                add(c.use, 1)
    terms = [coef[i] * var_of[i] for i in sorted(coef) if coef[i]]
    most = const + sum(max(0, w) for w in coef.values())
    differs_of = {}
    for key, ex_id, dose in sorted(
        set(dose_weight)
        | {
            (k, e, d)
            for (k, layout, regular) in session_days
            if layout and regular and session_weight
            for e, d in layout
        }
    ):
        c = v.choice(v.slot(*key), ex_id)
        if c is None:
            continue
        differs = m.new_bool_var(f"dose_differs[{key}.{ex_id}.{dose}]")
        m.add(c.dose == dose).only_enforce_if(~differs)
        differs_of[(key, ex_id, dose)] = differs
        w = dose_weight.get((key, ex_id, dose), 0)
        if w:
            terms.append(w * differs)
            most += w
    for (key, layout, regular), n in sorted(session_days.items(), key=str):
        if not session_weight:
            break
        slot = v.slot(*key)
        w = session_weight * n
        most += w
        if layout is None:
            terms.append(w * v.on(slot))
            continue
        if any(v.choice(slot, ex_id) is None for ex_id, _ in layout):
            terms.append(w)  # an old exercise is no longer possible there: changed anyway
            continue
        changed = m.new_bool_var(f"session_changed[{key}.{len(terms)}]")
        m.add_implication(~v.on(slot), changed)
        kept = dict(layout)
        for c in v.options(slot):
            if c.exercise.id in kept:
                m.add_implication(~c.use, changed)
                if regular:
                    m.add_implication(
                        differs_of[(key, c.exercise.id, kept[c.exercise.id])], changed
                    )
            else:
                m.add_implication(c.use, changed)
        terms.append(w * changed)
    return sum(terms) + const, most


def respect_next(built: BuiltModel, old: Plan, block: int) -> cp_model.IntVar | None:
    """A literal that, when true, keeps the old plan's next block valid after this one (used
    when nothing the next block depends on changed, so it can then be kept as it is): no
    strength exercise taken from it (rule `variation`), the last session here sharing no
    focus muscle with its first one and none the day before it (`recovery`), no run of
    training days across the boundary longer than allowed (`rest_days`)."""
    m, v, mc = built.model, built.vars, built.context
    nxt = sorted((s for s in old.sessions if s.block == block + 1), key=lambda s: s.date)
    if not nxt:
        return None
    respect = m.new_bool_var(f"respect_next_block[{block}]")
    this = {e.id for s in old.sessions if s.block == block for e in s.exercises}
    for ex_id in sorted({e.id for s in nxt for e in s.exercises if e.kind == "strength"}):
        used = v.block_uses.get((block, ex_id))
        if ex_id not in this and used is not None:
            m.add(used == 0).only_enforce_if(respect)
    first = nxt[0]
    slots = [
        (d, s) for d, s in mc.structure.calendar_slots if d.block == block and d.date < first.date
    ]
    last_week = max((d.week for d, _ in slots), default=None)
    week_slots = [(d, s) for d, s in slots if d.week == last_week]
    for i, (day, slot) in enumerate(week_slots):
        later = [v.on(s2) for _, s2 in week_slots[i + 1 :]]
        near = (first.date - day.date).days < 2
        for mu in first.focus:
            f = v.focus.get((slot.key, mu))
            if f is not None:  # f and no later session here → a clash with `first`
                if near:
                    m.add(f == 0).only_enforce_if(respect)
                else:
                    m.add_bool_or([~f] + later).only_enforce_if(respect)
    most = mc.scenario.rule_param("rest_days", "max_consecutive_training_days")
    trained = {s.date for s in nxt}
    run = 0
    while first.date + timedelta(days=run) in trained:
        run += 1
    start = mc.horizon.block_weeks_of(block + 1)[0].days[0].date
    if first.date == start and run <= most:
        before = [start - timedelta(days=i) for i in range(1, most - run + 2)]
        ons = [v.on(s) for d, s in slots if d.date in before]
        if len(ons) == len(before):
            m.add(sum(ons) <= most - run).only_enforce_if(respect)
    return respect
