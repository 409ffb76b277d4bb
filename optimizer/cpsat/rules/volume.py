"""Rule `volume` (soft): weekly hard sets per muscle group near the goal's target range.

Counted in half sets (objective.half_set_weight, SPEC §7.1 refined): a strength set counts 2
for each primary muscle and 1 for each secondary one (0.5 set); plyometric and conditioning
sets count 0, and so do power lifts and loaded carries. The target range [lo, hi] becomes
[2 lo, 2 hi]."""

from models.vocab import MUSCLE_GROUPS

from ...objective import EXERCISE_SETS_SPREAD, half_set_weight, push_pull_side


def add(mc) -> None:
    if not mc.enabled("volume"):
        return
    m = mc.model
    lo, hi = mc.volume_range
    w_under, w_over = mc.weights["volume_under"], mc.weights["volume_over"]
    for template in mc.structure.templates:
        n_regular = len(template.regular_weeks)
        if not n_regular:
            continue
        for muscle in MUSCLE_GROUPS:
            half_sets = sum(
                weight * c.dose
                for _, c in mc.options(template)
                if (weight := _half_sets(mc, c.exercise, muscle))
            )
            tag = f"t{template.index}.{muscle}"
            under = m.new_int_var(0, 2 * lo, f"volume_under[{tag}]")
            over = m.new_int_var(0, 1000, f"volume_over[{tag}]")
            # exact (not just >=), so a plan stopped before optimality reports its true cost
            m.add_max_equality(under, [0, 2 * lo - half_sets])
            m.add_max_equality(over, [0, half_sets - 2 * hi])
            mc.penalize("volume", w_under * n_regular, under)
            mc.penalize("volume", w_over * n_regular, over)
        _push_pull(mc, template, n_regular)
        _spread(mc, template, n_regular)


def _half_sets(mc, ex, muscle: str) -> int:
    """Half sets one set of `ex` adds to `muscle`, with the role the plan gives it."""
    return half_set_weight(ex.kind, ex.primary, ex.secondary, muscle, ex.pattern,
                           mc.prescriber.role(ex))


def _push_pull(mc, template, n_regular: int) -> None:
    """W.push_pull per push set beyond the template's pull sets and per half set of pulling
    beyond 1.5× the pushing (2 pull − 3 push), once per regular week."""
    weight = mc.weights.get("push_pull", 0)
    sides = [(push_pull_side(c.exercise.kind, c.exercise.pattern), c)
             for _, c in mc.options(template)]
    sides = [(side, c) for side, c in sides if side]
    if not weight or not sides:
        return
    m = mc.model
    push = sum(c.dose for side, c in sides if side > 0)
    pull = sum(c.dose for side, c in sides if side < 0)
    excess = m.new_int_var(0, 1000, f"push_excess[t{template.index}]")
    m.add_max_equality(excess, [0, push - pull])
    mc.penalize("volume", weight * n_regular, excess)
    short = m.new_int_var(0, 3000, f"press_short[t{template.index}]")
    m.add_max_equality(short, [0, 2 * pull - 3 * push])
    mc.penalize("volume", weight * n_regular, short)


def _spread(mc, template, n_regular: int) -> None:
    """W.exercise_sets per set of one strength exercise in a session beyond
    `EXERCISE_SETS_SPREAD` (objective.sets_beyond_spread), once per regular week."""
    weight = mc.weights.get("exercise_sets", 0)
    if not weight:
        return
    m = mc.model
    for slot, c in mc.options(template):
        most = mc.prescriber.dose(c.exercise).hi
        if c.exercise.kind != "strength" or most <= EXERCISE_SETS_SPREAD:
            continue
        beyond = m.new_int_var(0, most - EXERCISE_SETS_SPREAD,
                               f"sets_beyond[t{template.index}.{slot.weekday}.{c.exercise.id}]")
        m.add_max_equality(beyond, [0, c.dose - EXERCISE_SETS_SPREAD])
        mc.penalize("volume", weight * n_regular, beyond)
