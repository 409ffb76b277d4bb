"""Rule `selection` (SPEC §7.1): regressions only where the location has no loadable variant
of their pattern, or in a deload week (hard: the filter, optimizer/eligibility.py); each slot
prefers the best equipment tier its location offers for main work, and a strength or size
plan does without power lifts and carries that no target counts, and each of the week's main
movements has a loadable variant where one is offered (soft)."""

from ...eligibility import LOADED_PATTERNS


def allows(mc, slot, template, ex) -> bool:
    # a template's exercises are shared by its weeks: deload-only templates may regress
    deload = not template.regular_weeks
    return mc.eligibility.regression_allowed(ex, slot.location, deload)


def add(mc) -> None:
    if not mc.enabled("selection"):
        return
    for template in mc.structure.templates:
        n_regular = len(template.regular_weeks)
        if n_regular:
            _tiers(mc, template, n_regular)
            _loaded(mc, template, n_regular)
            _off_goal(mc, template, n_regular)


def _tiers(mc, template, n_regular: int) -> None:
    """W.selection_tier per equipment tier below the best of the pattern at the location."""
    weight = mc.weights.get("selection_tier", 0)
    if not weight:
        return
    for slot, c in mc.options(template):
        cost = mc.eligibility.tier_cost(c.exercise, slot.location)
        if cost:
            mc.penalize("selection", weight * n_regular * cost, c.use)


def _off_goal(mc, template, n_regular: int) -> None:
    """W.selection_off_goal per use of a power lift or carry in a strength or size plan, and
    of a jump in a size plan (`Eligibility.off_goal`)."""
    weight = mc.weights.get("selection_off_goal", 0)
    if not weight:
        return
    for _slot, c in mc.options(template):
        if mc.eligibility.off_goal(c.exercise):
            mc.penalize("selection", weight * n_regular, c.use)


def _loaded(mc, template, n_regular: int) -> None:
    """W.selection_loaded per regular week whose pattern is trained only at body weight or
    with bands while a location of the week offers a loadable variant of it."""
    weight = mc.weights.get("selection_loaded", 0)
    if not weight:
        return
    m, rule = mc.model, mc.eligibility
    locations = {slot.location for slot in template.slots}
    for pattern in LOADED_PATTERNS:
        if not rule.loaded_offered(pattern, locations):
            continue
        unloaded = [c.use for _, c in mc.options(template, lambda e, p=pattern: (
            e.pattern == p and rule.unloaded(e)))]
        if not unloaded:
            continue
        loaded = [c.use for _, c in mc.options(template, lambda e, p=pattern: (
            e.pattern == p and rule.loaded(e)))]
        miss = m.new_bool_var(f"unloaded[t{template.index}.{pattern}]")
        used = m.new_bool_var(f"unloaded_used[t{template.index}.{pattern}]")
        m.add_max_equality(used, unloaded)
        # miss ≥ used − any loaded use (the objective makes it exact)
        m.add(miss + sum(loaded) >= used)
        mc.penalize("selection", weight * n_regular, miss)
