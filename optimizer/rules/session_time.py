"""Rule `session_time`: a session fits the minutes available that day (warm-up included).

Each exercise's minutes are its work seconds rounded up to half a minute; budgeting 30 s more
per exercise than its exact work time guarantees the rounded total still fits.
"""


def add(ctx) -> None:
    if not ctx.enabled("session_time"):
        return
    warmup = ctx.scenario.rule_param("session_time", "warmup_minutes")
    pre = ctx.prescriber
    for template in ctx.structure.templates:
        for week in ctx.template_weeks(template):
            for slot in template.slots:
                budget = 60 * (slot.minutes - warmup)
                seconds = sum(
                    ctx.dose_in(c, week) * pre.unit_seconds(c.exercise, week) + 30 * c.use
                    for c in ctx.vars.options(slot)
                )
                scope = f"week {week.number} {slot.weekday}"
                if budget < 0:
                    ctx.require(ctx.model.add(ctx.vars.on(slot) == 0), "session_time", scope)
                else:
                    ctx.require(ctx.model.add(seconds <= budget), "session_time", scope)
