"""Rule `deload`: the last week of every block of ≥ 3 weeks is a deload.

The deload week keeps the block's sessions (same template) with every exercise at its fixed
deload dose (`Prescriber.deload_dose`); here the week's total sets are held ≤ max_share × the
block's heaviest week, so the regular weeks must carry enough sets for the deload to be one."""


def add(mc) -> None:
    if not mc.enabled("deload"):
        return
    m = mc.model
    pct = mc.prescriber.deload_percent
    for block in mc.structure.blocks_with_sessions():
        templates = [t for t in mc.structure.templates if t.block == block]
        regular_totals = []
        for t in templates:
            if t.regular_weeks:
                week = t.regular_weeks[0]
                regular_totals.append(sum(mc.sets_in(c, week) for _, c in mc.options(t)))
        if not regular_totals:
            continue
        heaviest = m.new_int_var(0, 10_000, f"heaviest_week[b{block}]")
        m.add_max_equality(heaviest, regular_totals)
        for t in templates:
            for week in t.deload_weeks:
                total = sum(mc.sets_in(c, week) for _, c in mc.options(t))
                mc.require(m.add(100 * total <= pct * heaviest), "deload",
                            f"week {week.number}")
