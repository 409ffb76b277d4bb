"""Rule `cardio`: strength over cardio; caps for size and strength goals; intervals for fat loss.
Soft: the goal's weekly cardio minutes, and cycling over running for size and strength."""

from models.vocab import CARDIO_KINDS


def _cardio(ex) -> bool:
    return ex.kind in CARDIO_KINDS


def cardio_minutes_per_unit(ctx, ex) -> int:
    """Cardio minutes one unit of dose adds (whole minutes by the profiles' design)."""
    if ex.kind == "cardio_steady":
        return 5
    work, easy = ctx.prescriber.profile.interval_work_rest
    return (work + easy) // 60


def add(ctx) -> None:
    if not ctx.enabled("cardio"):
        return
    m, sc, pre = ctx.model, ctx.scenario, ctx.prescriber
    strength_first = sc.primary_goal != "endurance"
    size = ctx.goal_applies("hypertrophy") or ctx.goal_applies("strength")
    lean = ctx.goal_applies("fat_loss")
    target = ctx.cardio_target
    for template in ctx.structure.templates:
        # every week: strength minutes shrink as rest falls, so each week is its own check
        for week in template.weeks:
            scope = f"week {week.number}"
            cardio_s = sum(ctx.dose_in(c, week) * pre.unit_seconds(c.exercise, week)
                           for _, c in ctx.options(template, _cardio))
            if strength_first:
                strength_s = sum(ctx.dose_in(c, week) * pre.unit_seconds(c.exercise, week)
                                 for _, c in ctx.options(template, lambda e: e.kind == "strength"))
                ctx.require(m.add(cardio_s <= strength_s), "cardio", scope)
            if size:
                cap = 60 * sc.rule_param("cardio", "max_minutes")
                ctx.require(m.add(cardio_s <= cap), "cardio", scope)
            if lean:
                steady_s = sum(ctx.dose_in(c, week) * pre.unit_seconds(c.exercise, week)
                               for _, c in ctx.options(
                                   template, lambda e: e.kind == "cardio_steady"))
                cap = 60 * sc.rule_param("cardio", "fat_loss_max_steady_minutes")
                ctx.require(m.add(steady_s <= cap), "cardio", scope)
        scope = f"week {template.first_week.number}"
        sessions = []
        for slot in template.slots:
            sessions.append(sum(c.use for c in ctx.vars.options(slot, _cardio)))
        if size:
            most = sc.rule_param("cardio", "max_sessions")
            ctx.require(m.add(sum(sessions) <= most), "cardio", scope)
        if lean:
            hard = []
            for slot in template.slots:
                lits = [c.use for c in ctx.vars.options(
                    slot, lambda e: e.kind in ("cardio_interval", "conditioning"))]
                has = m.new_bool_var(f"interval_session[t{template.index}.{slot.weekday}]")
                m.add_max_equality(has, lits) if lits else m.add(has == 0)
                hard.append(has)
            need = min(sc.rule_param("cardio", "fat_loss_min_sessions"), template.available_days)
            ctx.require(m.add(sum(hard) >= need), "cardio", scope)
        # soft terms, regular weeks only
        n_regular = len(template.regular_weeks)
        if not n_regular:
            continue
        minutes = sum(c.dose * cardio_minutes_per_unit(ctx, c.exercise)
                      for _, c in ctx.options(template, _cardio))
        if target and ctx.weights["cardio_short"]:
            short = m.new_int_var(0, target, f"cardio_short[t{template.index}]")
            m.add_max_equality(short, [0, target - minutes])
            ctx.penalize("cardio", ctx.weights["cardio_short"] * n_regular, short)
        if ctx.weights.get("cardio_excess"):
            excess = m.new_int_var(0, 7 * 300, f"cardio_excess[t{template.index}]")
            m.add_max_equality(excess, [0, minutes - target])
            ctx.penalize("cardio", ctx.weights["cardio_excess"] * n_regular, excess)
        if ctx.weights["cardio_running"]:
            runs = [c.use for _, c in ctx.options(
                template, lambda e: _cardio(e) and e.modality == "run")]
            if runs:
                ctx.penalize("cardio", ctx.weights["cardio_running"] * n_regular, sum(runs))
