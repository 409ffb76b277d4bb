"""Rule `legs`: every week trains legs for real — a squat, a true hinge, a session with quads or
hamstrings in focus — and lower-body sets are at least `lower_body_share` of strength sets.
Soft: where the week's locations have load, a loaded squat and a loaded hinge (deadlift family)
rather than only bodyweight or band variants."""

from ...coverage import covers
from ...objective import heavy_tier, is_lower_body, meets_tier


def _strength(ex) -> bool:
    return ex.kind == "strength"


def _lower(ex) -> bool:
    return is_lower_body(ex.kind, ex.primary)


def add(mc) -> None:
    if not mc.enabled("legs"):
        return
    m, v = mc.model, mc.vars
    share = round(100 * mc.scenario.rule_param("legs", "lower_body_share"))
    for template in mc.structure.templates:
        scope = f"week {template.first_week.number}"
        for pattern in ("squat", "hinge"):
            # SPEC §7.1: the hinge is a true hinge (hip thrusts and bridges are glute work)
            uses = [c.use for _, c in mc.options(template, lambda e, p=pattern: covers(e, p))]
            mc.require(m.add(sum(uses) >= 1), "legs", scope)
        leg_focus = [
            v.muscle_focus(s, mu) for s in template.slots for mu in ("quads", "hamstrings")
        ]
        mc.require(m.add(sum(leg_focus) >= 1), "legs", scope)
        for week in mc.template_weeks(template):
            lower = sum(mc.dose_in(c, week) for _, c in mc.options(template, _lower))
            total = sum(mc.dose_in(c, week) for _, c in mc.options(template, _strength))
            mc.require(m.add(100 * lower >= share * total), "legs", f"week {week.number}")
        n_regular = len(template.regular_weeks)
        weight = mc.weights["legs_loaded"]
        if not n_regular or not weight:
            continue
        for pattern in ("squat", "hinge"):
            # a main lift where one is possible, else a loaded variant (objective.heavy_tier)
            tier = heavy_tier(mc.scenario, mc.catalog, template.first_week, pattern)
            if tier is None:
                continue
            heavy = [c.use for _, c in mc.options(
                template, lambda e, p=pattern, t=tier: meets_tier(e, p, t))]
            has = m.new_bool_var(f"heavy_{pattern}[t{template.index}]")
            m.add_max_equality(has, heavy) if heavy else m.add(has == 0)
            mc.penalize("legs", weight * n_regular, 1 - has)
