"""Rule `preferences`: avoided exercises and patterns never appear; favoured ones are rewarded."""


def allows(ctx, slot, template, ex) -> bool:
    if not ctx.enabled("preferences"):
        return True
    prefs = ctx.scenario.preferences
    return ex.id not in prefs.avoid and ex.pattern not in prefs.avoid_patterns


def add(ctx) -> None:
    if not ctx.enabled("preferences"):
        return
    weight = ctx.weights["favor"]
    m = ctx.model
    for template in ctx.structure.templates:
        n_weeks = len(template.regular_weeks)
        if not n_weeks:
            continue
        for ex_id in ctx.scenario.preferences.favor:
            uses = [c.use for _, c in ctx.options(template, lambda e, i=ex_id: e.id == i)]
            present = m.new_bool_var(f"favor[t{template.index}.{ex_id}]")
            if uses:
                m.add_max_equality(present, uses)
            else:
                m.add(present == 0)
            ctx.penalize("preferences", weight * n_weeks, 1 - present)
