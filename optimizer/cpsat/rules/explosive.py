"""Rule `explosive`: explosive concentric after the technique weeks, never for a novice's
first block; rest that falls through each block (main lifts hold theirs, at or above the floor).

Tempo and rest are set by the prescription (`optimizer/prescription.py`). What the model must
guarantee is that the chosen exercises can be prescribed that way: in a template with explosive
weeks every squat, hinge, lunge and plyometric exercise must be explosive-capable, and a novice
does no plyometrics in the first block (they are explosive by nature).
"""

from collections import defaultdict

from models.vocab import CARDIO_KINDS, EXPLOSIVE_PATTERNS


def allows(mc, slot, template, ex) -> bool:
    if not mc.enabled("explosive"):
        return True
    if mc.scenario.level == "novice" and template.block == 1 and ex.kind == "plyometric":
        return False
    if ex.kind in ("strength", "plyometric", "conditioning") and ex.pattern in EXPLOSIVE_PATTERNS:
        # conditioning swings and thrusters too (SPEC §7.1 refined)
        needs = any(mc.prescriber.explosive_week(w) for w in template.weeks)
        return ex.explosive or not needs
    return True


def add(mc) -> None:
    """Falling rest: the prescription lowers rest with the week's position in the block, but a
    deload week holds the previous week's rest (and floors hold). An exercise whose weeks in a
    block all get the same rest would break "falls at least once": e.g. one used only in a
    template of a single regular week and the deload after it (an availability change in week
    3 of a 4-week block, or a replan from there). So: if an exercise is done in ≥ 2 weeks that
    all have rest r, it is also done in a week of another rest (which then is a fall, as rest
    never rises within a block)."""
    if not mc.enabled("explosive"):
        return
    m, rx = mc.model, mc.prescriber
    by_block: dict[int, list] = defaultdict(list)
    for template in mc.structure.templates:
        by_block[template.block].append(template)
    for block in sorted(by_block):
        uses: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
        exercise = {}
        for template in by_block[block]:
            for _slot, c in mc.options(template):
                if c.exercise.kind not in CARDIO_KINDS:
                    uses[c.exercise.id][template.index].append(c.use)
                    exercise[c.exercise.id] = c.exercise
        for ex_id in sorted(uses):
            ex = exercise[ex_id]
            rests = {
                t.index: {rx.rest(ex, w.position, w.deload) for w in t.weeks}
                for t in by_block[block]
                if t.index in uses[ex_id]
            }
            n_weeks = {t.index: len(t.weeks) for t in by_block[block]}
            if ex.kind == "strength" and rx.category(ex) == "main":
                continue  # main lifts hold their rest (SPEC §7.2: exempt from "falls")
            for r in sorted({next(iter(rs)) for rs in rests.values() if len(rs) == 1}):
                same = [t for t, rs in rests.items() if rs == {r}]
                other = [t for t in rests if t not in same]
                if sum(n_weeks[t] for t in same) < 2:
                    continue
                used = {}
                for t in same + other:
                    u = m.new_bool_var(f"used[t{t}.{ex_id}]")
                    m.add_max_equality(u, uses[ex_id][t])
                    used[t] = u
                two = m.new_bool_var(f"same_rest_twice[b{block}.{ex_id}.{r}]")
                m.add(sum(n_weeks[t] * used[t] for t in same) <= 1).only_enforce_if(~two)
                mc.require(
                    m.add(sum(used[t] for t in other) >= 1).only_enforce_if(two),
                    "explosive",
                    f"block {block}",
                )
