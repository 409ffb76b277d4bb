"""Rule `structure` (SPEC §7.1; measures in optimizer/coverage.py): the week's pattern
coverage, the shape of a strength session, isolation and calf caps, and the strength goal's
main lifts every regular week."""


from ... import coverage as cov


def add(mc) -> None:
    if not mc.enabled("structure"):
        return
    m = mc.model
    for template in mc.structure.templates:
        scope = f"week {template.first_week.number}"
        _caps(mc, template, scope)
        # every strength session has a session's shape, a travel week's too (coach review: a
        # 12-minute hotel "session" of jumps and one calf raise on a 30-minute day)
        _shape(mc, template, scope)
        regular = [w for w in template.weeks if cov.is_regular(w)]
        if not regular:
            continue
        locations = {s.location for s in template.slots}
        explosive = any(mc.prescriber.explosive_week(w) for w in template.weeks)
        for label, patterns in cov.requirements(mc.eligibility, regular[0], locations,
                                                explosive):
            uses = [c.use for _, c in mc.options(
                template, lambda e, ps=patterns: any(cov.covers(e, p) for p in ps))]
            mc.require(m.add(sum(uses) >= 1), "structure", f"{scope}: {cov.LABEL[label]}")
        if cov.strength_goal(mc.scenario):
            _main_lifts(mc, template, scope)


def _caps(mc, template, scope) -> None:
    m = mc.model
    explosive = cov.explosive_block(mc.prescriber, mc.horizon, template.block)
    choices = {s.location: cov.calf_choices(mc.eligibility, s.location, explosive)
               for s in template.slots}
    for slot, c in mc.options(template, lambda e: e.kind == "strength"
                              and e.pattern in cov.CAPPED_PATTERNS):
        cap = cov.session_cap(c.exercise.kind, c.exercise.pattern, choices[slot.location])
        if cap is not None:
            mc.require(m.add(c.dose <= cap), "structure", scope)
    floor_pulls = [c.use for _, c in mc.options(template, lambda e: e.floor_pull)]
    cap = cov.floor_pull_cap(mc.scenario)
    if cap is not None and len(floor_pulls) > cap:
        mc.require(m.add(sum(floor_pulls) <= cap), "structure", f"{scope}: deadlifts")
    for week in mc.template_weeks(template):
        calf = [mc.dose_in(c, week) for _, c in mc.options(
            template, lambda e: e.kind == "strength" and "calves" in e.primary)]
        if calf:
            mc.require(m.add(sum(calf) <= cov.CALF_MAX_SETS), "structure",
                       f"week {week.number}")


def _shape(mc, template, scope) -> None:
    """≥ 3 strength exercises on ≥ 2 patterns, one a compound, in a strength session."""
    m, v = mc.model, mc.vars
    for slot in template.slots:
        if slot.minutes < cov.SHAPE_MIN_MINUTES:
            continue
        s = v.strength_session[slot.key]
        strength = v.options(slot, lambda e: e.kind == "strength")
        where = f"{scope} {slot.weekday}"
        mc.require(m.add(sum(c.use for c in strength) >= cov.SHAPE_MIN_EXERCISES * s),
                   "structure", where)
        compound = [c.use for c in strength if c.exercise.is_compound]
        mc.require(m.add(sum(compound) >= s), "structure", where)
        # ≥ 2 patterns follows without variables: a compound pattern holds ≤ 2 exercises a
        # session (model.MAX_PER_PATTERN), so 3 exercises with a compound span 2 patterns
        # (the validator checks it on the plan)


def _main_lifts(mc, template, scope) -> None:
    """The strength goal's main lifts every regular week; squat and bench twice with ≥ 4
    strength sessions at locations that allow them."""
    m, v = mc.model, mc.vars
    for lift in cov.MAIN_LIFTS:
        per_slot = {slot.key: [c.use for c in v.options(
            slot, lambda e, lf=lift: cov.main_lift_of(e) == lf)] for slot in template.slots}
        uses = [u for lits in per_slot.values() for u in lits]
        if not uses:
            continue  # no location of the week allows it (said by the diagnosis of coverage)
        where = f"{scope}: {lift.replace('_', ' ')}"
        mc.require(m.add(sum(uses) >= 1), "structure", where)
        if lift not in cov.TWICE_LIFTS:
            continue
        able = [v.strength_session[s.key] for s in template.slots if per_slot[s.key]]
        if len(able) < cov.TWICE_FROM_SESSIONS:
            continue
        many = m.new_bool_var(f"four_sessions[t{template.index}.{lift}]")
        m.add(sum(able) >= cov.TWICE_FROM_SESSIONS).only_enforce_if(many)
        m.add(sum(able) <= cov.TWICE_FROM_SESSIONS - 1).only_enforce_if(~many)
        mc.require(m.add(sum(uses) >= 2).only_enforce_if(many), "structure", where)
