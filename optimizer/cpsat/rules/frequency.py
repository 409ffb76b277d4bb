"""Rule `frequency`: strength sessions a week within the level's range (ACSM 2009): the
maximum is hard, reaching the minimum is rewarded; each major muscle group trained twice a
week where the calendar allows (Schoenfeld et al. 2016) is rewarded."""

from models.profiles import SESSIONS_PER_WEEK
from models.vocab import MAJOR_GROUPS

from ...objective import (
    FREQUENCY_MIN_SETS,
    MUSCLE_FREQUENCY_TARGET,
    strength_sessions_target,
)


def add(mc) -> None:
    if not mc.enabled("frequency"):
        return
    m, v = mc.model, mc.vars
    high = SESSIONS_PER_WEEK[mc.scenario.level][1]
    for template in mc.structure.templates:
        strength = [v.strength_session[s.key] for s in template.slots]
        mc.require(m.add(sum(strength) <= high), "frequency", f"week {template.first_week.number}")
        n_regular = len(template.regular_weeks)
        if not n_regular:
            continue
        tag = f"t{template.index}"
        need = strength_sessions_target(mc.scenario, template.available_days)
        short = m.new_int_var(0, need, f"sessions_short[{tag}]")
        m.add_max_equality(short, [0, need - sum(strength)])
        mc.penalize("frequency", mc.weights["frequency_sessions"] * n_regular, short)
        need = min(MUSCLE_FREQUENCY_TARGET, template.available_days)
        for muscle in MAJOR_GROUPS:
            hits = []
            for s in template.slots:
                # trains[s, muscle] <=> ≥ FREQUENCY_MIN_SETS strength sets with it as primary
                sets = sum(c.dose for c in v.options(
                    s, lambda e, mu=muscle: e.kind == "strength" and mu in e.primary))
                hit = m.new_bool_var(f"trains[{tag}.{s.weekday}.{muscle}]")
                m.add(sets >= FREQUENCY_MIN_SETS).only_enforce_if(hit)
                m.add(sets <= FREQUENCY_MIN_SETS - 1).only_enforce_if(~hit)
                hits.append(hit)
            hits = sum(hits)
            short = m.new_int_var(0, need, f"frequency_short[{tag}.{muscle}]")
            m.add_max_equality(short, [0, need - hits])
            mc.penalize("frequency", mc.weights["frequency_muscle"] * n_regular, short)
