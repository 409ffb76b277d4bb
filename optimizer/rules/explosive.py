"""Rule `explosive`: explosive concentric after the technique weeks, never for a novice's
first block; rest that falls through each block.

Tempo and rest are set by the prescription (`optimizer/prescription.py`). What the model must
guarantee is that the chosen exercises can be prescribed that way: in a template with explosive
weeks every squat, hinge, lunge and plyometric exercise must be explosive-capable, and a novice
does no plyometrics in the first block (they are explosive by nature).
"""

from models.vocab import EXPLOSIVE_PATTERNS


def allows(ctx, slot, template, ex) -> bool:
    if not ctx.enabled("explosive"):
        return True
    if ctx.scenario.level == "novice" and template.block == 1 and ex.kind == "plyometric":
        return False
    if ex.kind in ("strength", "plyometric") and ex.pattern in EXPLOSIVE_PATTERNS:
        needs = any(ctx.prescriber.explosive_week(w) for w in template.weeks)
        return ex.explosive or not needs
    return True


def add(ctx) -> None:
    """Falling rest is part of the prescription; nothing else to add."""
