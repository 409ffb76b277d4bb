"""Rule `rest_days`: ≥ `min_per_week` days without a session in every week, and at most
`max_consecutive_training_days` sessions on consecutive calendar days (across weeks)."""


def add(mc) -> None:
    if not mc.enabled("rest_days"):
        return
    m, v, sc = mc.model, mc.vars, mc.scenario
    rest = sc.rule_param("rest_days", "min_per_week")
    run = sc.rule_param("rest_days", "max_consecutive_training_days")
    for template in mc.structure.templates:
        ons = [v.on(s) for s in template.slots]
        if len(ons) > 7 - rest:
            mc.require(m.add(sum(ons) <= 7 - rest), "rest_days",
                        f"week {template.first_week.number}")
    # windows of run+1 consecutive calendar days, all available (else the run is broken)
    # (days before the window that had a session count as trained days)
    by_index = {day.index: (day, slot) for day, slot in mc.structure.calendar_slots}
    trained_before = mc.boundary.trained_days
    starts = sorted(set(by_index) | {i for i in trained_before})
    seen: set[tuple] = set()
    for index in starts:
        window = [index + k for k in range(run + 1)]
        if not all(i in by_index or i in trained_before for i in window):
            continue
        slots = [by_index[i] for i in window if i in by_index]
        if not slots:
            continue
        fixed = sum(1 for i in window if i in trained_before)
        keys = (fixed, tuple(slot.key for _, slot in slots))
        if keys in seen:  # the same slots in the same order: same constraint
            continue
        seen.add(keys)
        day = slots[0][0]
        mc.require(m.add(sum(v.on(slot) for _, slot in slots) <= run - fixed), "rest_days",
                    f"week {day.week} from {day.date}")
