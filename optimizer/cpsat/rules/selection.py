"""Rule `selection` (SPEC §7.1): regressions only where the location has no loadable variant
of their pattern, or in a deload week (hard: the filter, optimizer/eligibility.py); each slot
prefers the best equipment tier its location offers for main work, and a strength or size
plan does without power lifts and carries that no target counts (soft)."""


def allows(mc, slot, template, ex) -> bool:
    # a template's exercises are shared by its weeks: deload-only templates may regress
    deload = not template.regular_weeks
    return mc.eligibility.regression_allowed(ex, slot.location, deload)


def add(mc) -> None:
    weight = mc.weights.get("selection_tier", 0)
    off_goal = mc.weights.get("selection_off_goal", 0)
    if not mc.enabled("selection") or not (weight or off_goal):
        return
    for template in mc.structure.templates:
        n_regular = len(template.regular_weeks)
        if not n_regular:
            continue
        for slot, c in mc.options(template):
            cost = weight * mc.eligibility.tier_cost(c.exercise, slot.location)
            cost += off_goal * mc.eligibility.off_goal(c.exercise)
            if cost:
                mc.penalize("selection", n_regular * cost, c.use)
