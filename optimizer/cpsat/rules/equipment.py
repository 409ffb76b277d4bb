"""Rule `equipment`: every exercise's equipment is available at the session's location."""


def allows(mc, slot, template, ex) -> bool:
    if not mc.enabled("equipment"):
        return True
    have = set(mc.scenario.locations[slot.location].equipment)
    return set(ex.equipment) <= have


def add(mc) -> None:
    """Nothing beyond the filter: an exercise without its equipment gets no variable."""
