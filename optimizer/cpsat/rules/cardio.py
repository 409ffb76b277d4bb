"""Rule `cardio`: strength over cardio; caps for size and strength goals; intervals for fat loss.
Soft: the goal's weekly cardio minutes, and cycling over running for size and strength."""

from models.vocab import CARDIO_KINDS

from ...endurance import replaces_cardio
from ...objective import conditioning_weight, week_cardio_target
from .endurance import cardio_cut


def _cardio(ex) -> bool:
    return ex.kind in CARDIO_KINDS


def _conditioning(ex) -> bool:
    return ex.kind == "conditioning"


def cardio_minutes_per_unit(mc, ex) -> int:
    """Cardio minutes one unit of dose adds (whole minutes by the profiles' design)."""
    if ex.kind == "cardio_steady":
        return 5
    work, easy = mc.prescriber.profile.interval_work_rest
    return (work + easy) // 60


def allows(mc, slot, template, ex) -> bool:
    """A conditioning circuit where it costs `W.conditioning` (size and strength goals with no
    goal asking for cardio) and no rule asks for one (no fat_loss share, not favoured) is
    dominated: it earns nothing in the objective, counts toward no volume, frequency or
    coverage, and only adds focus muscles and minutes, so dropping it from any plan lowers the
    cost and breaks no rule. The model does not offer it (fewer variables, the same optimum);
    the term stays in the objective for plans made elsewhere."""
    if ex.kind != "conditioning" or not mc.enabled("cardio"):
        return True
    return (not _conditioning_cost(mc) or mc.goal_applies("fat_loss")
            or ex.id in mc.scenario.preferences.favor)


def _conditioning_cost(mc) -> int:
    return conditioning_weight(mc.weights, mc.cardio_target)


def add(mc) -> None:
    if not mc.enabled("cardio"):
        return
    m, sc, pre = mc.model, mc.scenario, mc.prescriber
    strength_first = sc.primary_goal != "endurance"
    size = mc.goal_applies("hypertrophy") or mc.goal_applies("strength")
    lean = mc.goal_applies("fat_loss")
    if replaces_cardio(sc):  # primary goal endurance: rule `endurance` holds instead
        size = lean = False
    for template in mc.structure.templates:
        # every week: strength minutes shrink as rest falls, so each week is its own check
        for week in template.weeks:
            scope = f"week {week.number}"
            cardio_s = sum(mc.dose_in(c, week) * pre.unit_seconds(c.exercise, week)
                           for _, c in mc.options(template, _cardio))
            if strength_first:
                strength_s = sum(mc.dose_in(c, week) * pre.unit_seconds(c.exercise, week)
                                 for _, c in mc.options(template, lambda e: e.kind == "strength"))
                mc.require(m.add(cardio_s <= strength_s), "cardio", scope)
            if size:
                cap = 60 * sc.rule_param("cardio", "max_minutes")
                mc.require(m.add(cardio_s <= cap), "cardio", scope)
            if lean:
                steady_s = sum(mc.dose_in(c, week) * pre.unit_seconds(c.exercise, week)
                               for _, c in mc.options(
                                   template, lambda e: e.kind == "cardio_steady"))
                cap = 60 * sc.rule_param("cardio", "fat_loss_max_steady_minutes")
                mc.require(m.add(steady_s <= cap), "cardio", scope)
        scope = f"week {template.first_week.number}"
        sessions = []
        for slot in template.slots:
            sessions.append(sum(c.use for c in mc.vars.options(slot, _cardio)))
        if size:
            most = sc.rule_param("cardio", "max_sessions")
            mc.require(m.add(sum(sessions) <= most), "cardio", scope)
        if lean:
            hard = []
            for slot in template.slots:
                lits = [c.use for c in mc.vars.options(
                    slot, lambda e: e.kind in ("cardio_interval", "conditioning"))]
                has = m.new_bool_var(f"interval_session[t{template.index}.{slot.weekday}]")
                m.add_max_equality(has, lits) if lits else m.add(has == 0)
                hard.append(has)
            need = min(sc.rule_param("cardio", "fat_loss_min_sessions"), template.available_days)
            mc.require(m.add(sum(hard) >= need), "cardio", scope)
        # soft terms, regular weeks only
        n_regular = len(template.regular_weeks)
        if not n_regular:
            continue
        minutes = sum(c.dose * cardio_minutes_per_unit(mc, c.exercise)
                      for _, c in mc.options(template, _cardio))
        _minutes_terms(mc, template, minutes)
        if _conditioning_cost(mc):
            circuits = [c.use for _, c in mc.options(template, _conditioning)]
            if circuits:
                mc.penalize("cardio", _conditioning_cost(mc) * n_regular, sum(circuits))
        if mc.weights["cardio_running"]:
            runs = [c.use for _, c in mc.options(
                template, lambda e: _cardio(e) and e.modality == "run")]
            if runs:
                mc.penalize("cardio", mc.weights["cardio_running"] * n_regular, sum(runs))


def _minutes_terms(mc, template, minutes) -> None:
    """W.cardio_short and W.cardio_excess on the cardio minutes of each regular week against
    its target (`objective.week_cardio_target`): one term for all where the weeks run the same
    minutes toward the same target; a long bout's ramp (`endurance.cardio_cut`) or a rising
    target makes them differ."""
    m, regular = mc.model, template.regular_weeks
    weeks = [(w, cardio_cut(mc, template, w), week_cardio_target(mc.scenario, mc.horizon, w))
             for w in regular]
    same = all(isinstance(c, int) and c == 0 for _, c, _ in weeks) \
        and len({t for _, _, t in weeks}) == 1
    groups = weeks[:1] if same else weeks
    per = len(regular) // len(groups)
    for week, cut, target in groups:
        name = f"t{template.index}.w{week.number}"
        if target and mc.weights["cardio_short"]:
            short = m.new_int_var(0, target, f"cardio_short[{name}]")
            m.add_max_equality(short, [0, target - minutes + cut])
            mc.penalize("cardio", mc.weights["cardio_short"] * per, short)
        if mc.weights.get("cardio_excess"):
            excess = m.new_int_var(0, 7 * 300, f"cardio_excess[{name}]")
            m.add_max_equality(excess, [0, minutes - cut - target])
            mc.penalize("cardio", mc.weights["cardio_excess"] * per, excess)
