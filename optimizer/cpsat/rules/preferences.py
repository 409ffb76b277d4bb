"""Rule `preferences`: avoided exercises and patterns never appear; favoured ones are rewarded."""


def allows(mc, slot, template, ex) -> bool:
    if not mc.enabled("preferences"):
        return True
    prefs = mc.scenario.preferences
    return ex.id not in prefs.avoid and ex.pattern not in prefs.avoid_patterns


def add(mc) -> None:
    if not mc.enabled("preferences"):
        return
    weight = mc.weights["favor"]
    m = mc.model
    for template in mc.structure.templates:
        n_weeks = len(template.regular_weeks)
        if not n_weeks:
            continue
        for ex_id in mc.scenario.preferences.favor:
            uses = [c.use for _, c in mc.options(template, lambda e, i=ex_id: e.id == i)]
            present = m.new_bool_var(f"favor[t{template.index}.{ex_id}]")
            if uses:
                m.add_max_equality(present, uses)
            else:
                m.add(present == 0)
            mc.vars.template_uses[(template.index, ex_id)] = present
            mc.penalize("preferences", weight * n_weeks, 1 - present)
