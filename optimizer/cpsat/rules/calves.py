"""Rule `calves`: a calf-raise session every week and ≥ `min_sets` calf sets outside deloads;
2 sessions and 8 sets are rewarded (weights are zero unless the goal mix includes size); where
calves are no size target, sets beyond `min_sets` cost (they padded the lower-body share)."""

from ...objective import CALF_SESSIONS_TARGET, CALF_SETS_TARGET, calf_sets_enough


def _raise(ex) -> bool:
    return ex.pattern == "calf_raise"


def _calf_sets(ex) -> bool:
    return ex.kind == "strength" and "calves" in ex.primary


def add(mc) -> None:
    if not mc.enabled("calves"):
        return
    m = mc.model
    min_sets = mc.scenario.rule_param("calves", "min_sets")
    w_sessions, w_sets = mc.weights["calves_sessions"], mc.weights["calves_sets"]
    for template in mc.structure.templates:
        scope = f"week {template.first_week.number}"
        raises = [c.use for _, c in mc.options(template, _raise)]
        mc.require(m.add(sum(raises) >= 1), "calves", scope)
        calf_sets = sum(c.dose for _, c in mc.options(template, _calf_sets))
        n_regular = len(template.regular_weeks)
        if not n_regular:
            continue
        mc.require(m.add(calf_sets >= min_sets), "calves", scope)
        if w_sessions:
            sessions = []
            for slot in template.slots:
                lits = [c.use for c in mc.vars.options(slot, _raise)]
                has = m.new_bool_var(f"calf_session[t{template.index}.{slot.weekday}]")
                m.add_max_equality(has, lits) if lits else m.add(has == 0)
                sessions.append(has)
            need = min(CALF_SESSIONS_TARGET, template.available_days)
            short = m.new_int_var(0, need, f"calf_sessions_short[t{template.index}]")
            m.add_max_equality(short, [0, need - sum(sessions)])
            mc.penalize("calves", w_sessions * n_regular, short)
        if w_sets:
            short = m.new_int_var(0, CALF_SETS_TARGET, f"calf_sets_short[t{template.index}]")
            m.add_max_equality(short, [0, CALF_SETS_TARGET - calf_sets])
            mc.penalize("calves", w_sets * n_regular, short)
        _excess(mc, template, calf_sets, min_sets, n_regular)


def _excess(mc, template, calf_sets, min_sets: int, n_regular: int) -> None:
    """W.calves_excess per weekly calf set beyond enough (objective.calf_sets_enough)."""
    weight = mc.weights.get("calves_excess", 0)
    if not weight:
        return
    enough = calf_sets_enough(mc.weights, min_sets)
    beyond = mc.model.new_int_var(0, 1000, f"calf_sets_beyond[t{template.index}]")
    mc.model.add_max_equality(beyond, [0, calf_sets - enough])
    mc.penalize("calves", weight * n_regular, beyond)
