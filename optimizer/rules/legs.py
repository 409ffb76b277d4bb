"""Rule `legs`: every week trains legs for real — a squat, a hinge, a session with quads or
hamstrings in focus — and lower-body sets are at least `lower_body_share` of strength sets."""

from models.vocab import LEG_GROUPS


def _strength(ex) -> bool:
    return ex.kind == "strength"


def _lower(ex) -> bool:
    return ex.kind == "strength" and bool(LEG_GROUPS & set(ex.primary))


def add(ctx) -> None:
    if not ctx.enabled("legs"):
        return
    m, v = ctx.model, ctx.vars
    share = round(100 * ctx.scenario.rule_param("legs", "lower_body_share"))
    for template in ctx.structure.templates:
        scope = f"week {template.first_week.number}"
        for pattern in ("squat", "hinge"):
            uses = [c.use for _, c in ctx.options(
                template, lambda e, p=pattern: e.kind == "strength" and e.pattern == p)]
            ctx.require(m.add(sum(uses) >= 1), "legs", scope)
        leg_focus = [v.muscle_focus(s, mu) for s in template.slots for mu in ("quads", "hamstrings")]
        ctx.require(m.add(sum(leg_focus) >= 1), "legs", scope)
        for week in ctx.template_weeks(template):
            lower = sum(ctx.dose_in(c, week) for _, c in ctx.options(template, _lower))
            total = sum(ctx.dose_in(c, week) for _, c in ctx.options(template, _strength))
            ctx.require(m.add(100 * lower >= share * total), "legs", f"week {week.number}")
