"""Rule `equipment`: every exercise's equipment is available at the session's location."""


def allows(ctx, slot, template, ex) -> bool:
    if not ctx.enabled("equipment"):
        return True
    have = set(ctx.scenario.locations[slot.location].equipment)
    return set(ex.equipment) <= have


def add(ctx) -> None:
    """Nothing beyond the filter: an exercise without its equipment gets no variable."""
