"""One module per rule family of SPEC §2.

Each module may define `allows(ctx, slot, template, exercise) -> bool` (which exercises may
appear where; only those get variables) and defines `add(ctx)`, which adds the family's
constraints (through `ctx.require`, so infeasibility can be traced to a rule and a week) and
its weighted objective terms (through `ctx.penalize`). `optimizer.model.RULE_ORDER` wires them.
"""
