"""One module per rule family of SPEC §2.

Each module may define `allows(mc, slot, template, exercise) -> bool` (which exercises may
appear where; only those get variables) and defines `add(mc)`, which adds the family's
constraints (through `mc.require`, so infeasibility can be traced to a rule and a week) and
its weighted objective terms (through `mc.penalize`); `mc` is the model's `ModelContext`.
`optimizer.cpsat.model.RULE_ORDER` wires them.
"""
