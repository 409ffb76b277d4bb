"""Rule `session_time`: a session fits the minutes available that day (warm-up included).

Each exercise's minutes are its work seconds plus its warm-up ramp (loadable main lifts: a fixed
time per use, `Prescriber.ramp_seconds`) rounded up to half a minute; budgeting 30 s more per
exercise than its exact time guarantees the rounded total still fits.

A session also uses at least `MIN_USE_PERCENT`% of the day's time after warm-up in its regular
weeks, but never more than `MIN_USE_CAP_MINUTES` of work (choice: someone who blocks out an hour
does not want a 14-minute session; someone who has 300 minutes on a Saturday means "up to", and
150 minutes of lifting would be neither possible with 8 exercises nor wise).
"""

MIN_USE_PERCENT = 50
MIN_USE_CAP_MINUTES = 45


def add(mc) -> None:
    if not mc.enabled("session_time"):
        return
    warmup = mc.scenario.rule_param("session_time", "warmup_minutes")
    pre = mc.prescriber
    for template in mc.structure.templates:
        for week in mc.template_weeks(template):
            for slot in template.slots:
                budget = 60 * (slot.minutes - warmup)
                seconds = sum(
                    mc.dose_in(c, week) * pre.unit_seconds(c.exercise, week)
                    + (30 + pre.ramp_seconds(c.exercise)) * c.use
                    for c in mc.vars.options(slot)
                )
                scope = f"week {week.number} {slot.weekday}"
                if budget < 0:
                    mc.require(mc.model.add(mc.vars.on(slot) == 0), "session_time", scope)
                    continue
                mc.require(mc.model.add(seconds <= budget), "session_time", scope)
                if not week.deload:
                    min_use = min(MIN_USE_PERCENT * budget, 100 * 60 * MIN_USE_CAP_MINUTES)
                    exact = sum(mc.dose_in(c, week) * pre.unit_seconds(c.exercise, week)
                                + pre.ramp_seconds(c.exercise) * c.use
                                for c in mc.vars.options(slot))
                    mc.require(
                        mc.model.add(100 * exact >= min_use * mc.vars.on(slot)),
                        "session_time", scope,
                    )
