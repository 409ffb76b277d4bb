"""Rule `variation`: each block brings ≥ `min_new_share` new strength exercises; kept ones
change rep scheme or range. The prescription's block variants change them for rep-based
exercises; an exercise whose prescription would not change (a hold or a carry whose time stays
the same) cannot be kept. Soft: every kept exercise costs a little, so the model changes more
than the minimum when it is free to. The strength goal's main lifts (rule `structure`) are
left out of the share and the cost: they stay, with the scheme the next block prescribes."""

from ...coverage import kept_lifts


def _strength(ex) -> bool:
    return ex.kind == "strength"


def _unchanged(mc, ex_id: str, earlier: int, later: int) -> bool:
    """Would this exercise keep its scheme and reps from block `earlier` to `later`?"""
    ex = mc.catalog.by_id()[ex_id]
    weeks = {b: mc.horizon.block_weeks_of(b)[0] for b in (earlier, later)}
    rx = {b: mc.prescriber.prescribe(ex, w, mc.prescriber.dose(ex).hi) for b, w in weeks.items()}
    return (rx[earlier].scheme, rx[earlier].reps) == (rx[later].scheme, rx[later].reps)


def _link_template_uses(mc) -> None:
    """A template that uses an exercise means its block does (redundant, for the bound).

    The relaxation of `block_uses = max(uses)` lets a block use a favoured exercise a fraction
    in each slot, so keeping it across a boundary looks free; tying the favoured template's
    presence (rewarded whole by `preferences`) to its block makes the kept cost show in the bound.
    """
    m, v = mc.model, mc.vars
    for (t_index, ex_id), present in sorted(v.template_uses.items()):
        block_used = v.block_uses.get((mc.structure.templates[t_index].block, ex_id))
        if block_used is not None:
            m.add_implication(present, block_used)


def add(mc) -> None:
    m, v = mc.model, mc.vars
    blocks = mc.structure.blocks_with_sessions()
    # Which strength exercises each block uses (exact: true iff used in some slot).
    for block in blocks:
        uses: dict[str, list] = {}
        for t in mc.structure.templates:
            if t.block != block:
                continue
            for _, c in mc.options(t, _strength):
                uses.setdefault(c.exercise.id, []).append(c.use)
        for ex_id in sorted(uses):
            used = m.new_bool_var(f"block_uses[b{block}.{ex_id}]")
            m.add_max_equality(used, uses[ex_id])
            v.block_uses[(block, ex_id)] = used
    _link_template_uses(mc)
    if not mc.enabled("variation"):
        return
    keep_pct = 100 - round(100 * mc.scenario.rule_param("variation", "min_new_share"))
    # the strength goal's main lifts stay (rule `structure`): the share counts the others
    lifts = kept_lifts(mc.scenario, mc.catalog)
    weight = mc.weights["variation_kept"]
    past = mc.boundary
    if blocks and past.previous_block is not None and past.previous_block == blocks[0] - 1:
        # the block before the window is known: kept = used now and used then
        later = blocks[0]
        later_ids = [e for (b, e) in v.block_uses if b == later and e not in lifts]
        kept = [v.block_uses[(later, e)] for e in later_ids if e in past.previous_uses]
        used = [v.block_uses[(later, e)] for e in later_ids]
        for e in [e for (b, e) in v.block_uses if b == later]:
            if e in past.previous_uses and _unchanged(mc, e, past.previous_block, later):
                mc.require(m.add(v.block_uses[(later, e)] == 0), "variation", f"block {later}")
        mc.require(m.add(100 * sum(kept) <= keep_pct * sum(used)), "variation",
                    f"block {later}")
        mc.penalize("variation", weight, sum(kept))
    for earlier, later in zip(blocks, blocks[1:], strict=False):
        if later != earlier + 1:
            continue  # blocks separated by a block of holidays are not consecutive
        later_ids = [e for (b, e) in v.block_uses if b == later]
        later_used = [v.block_uses[(later, e)] for e in later_ids if e not in lifts]
        kept = []
        for ex_id in later_ids:
            before = v.block_uses.get((earlier, ex_id))
            if before is None:
                continue
            if _unchanged(mc, ex_id, earlier, later):
                mc.require(m.add_bool_or([~before, ~v.block_uses[(later, ex_id)]]),
                            "variation", f"block {later}")
            if ex_id in lifts:
                continue
            k = m.new_bool_var(f"kept[b{later}.{ex_id}]")
            m.add_bool_or([~before, ~v.block_uses[(later, ex_id)], k])
            m.add_implication(k, before)
            m.add_implication(k, v.block_uses[(later, ex_id)])
            kept.append(k)
        mc.require(m.add(100 * sum(kept) <= keep_pct * sum(later_used)), "variation",
                    f"block {later}")
        mc.penalize("variation", weight, sum(kept))
