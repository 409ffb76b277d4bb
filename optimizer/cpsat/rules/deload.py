"""Rule `deload` (SPEC §7.1): each block's deload week (`Horizon.week_kinds` decides which: the
last week, or a travel week; none in a block with a break week or in a novice's first weeks).

A deload week keeps its template's sessions with every exercise at its fixed deload dose
(`Prescriber.deload_dose`); here the week's strength sets are held ≤ max_share × the block's
heaviest regular week, so the regular weeks must carry enough sets for the deload to be one.
A travel deload has a template of its own (its availability differs) and keeps the sessions
its days allow."""


def strength(ex) -> bool:
    return ex.kind == "strength"


def add(mc) -> None:
    if not mc.enabled("deload"):
        return
    m = mc.model
    pct = mc.prescriber.deload_percent
    for block in mc.structure.blocks_with_sessions():
        templates = [t for t in mc.structure.templates if t.block == block]
        regular_totals = []
        for t in templates:
            # heaviest *regular* week: re-entry weeks do not count (SPEC §7.1)
            week = next((w for w in t.regular_weeks if w.kind == "regular"), None)
            if week is not None:
                regular_totals.append(sum(mc.sets_in(c, week) for _, c in mc.options(t, strength)))
        if not regular_totals:
            continue
        heaviest = m.new_int_var(0, 10_000, f"heaviest_week[b{block}]")
        m.add_max_equality(heaviest, regular_totals)
        for t in templates:
            for week in t.deload_weeks:
                total = sum(mc.sets_in(c, week) for _, c in mc.options(t, strength))
                mc.require(m.add(100 * total <= pct * heaviest), "deload",
                           f"week {week.number}")
