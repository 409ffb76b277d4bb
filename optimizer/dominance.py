"""Interchangeable exercises ("twins") in large catalogs, and how many the model keeps.

Two exercises are twins when the model cannot tell them apart: same kind, movement pattern,
primary and secondary muscles, equipment, and flags (explosive, unilateral, main lift,
modality, isometric). Their level only decides whether they are allowed at all. An imported
open-data catalog has many: free-exercise-db lists a dozen dumbbell curls that differ only in
name ("Alternate", "Standing", "Seated"), and each of them is a use/dose variable pair in every
slot, which the solver must search through (CP-SAT finds the symmetry, but the search still
pays for it: 870 generated free-exercise-db entries, 12-week 4-day gym, 6,204 choices and
9.6 s of deterministic time to optimal with all twins, 4,452 choices and 4.3 s with at most
three; the built-in catalog's 1,956 choices take 1.75 s).

Twins matter to the rules only by id: `variation` counts distinct ids per block (a block
that uses twin A, the next twin B, keeps nothing), and `preferences.favor` names ids. So the
model keeps up to `MAX_TWINS` per class — enough to change twin every block and to fill the
slots of a block with different ones — in catalog order, and always the favoured ones and the
ids a caller keeps (`build(keep=...)`: replan keeps the old plan's, swap the new exercise). The
built-in catalog has no class larger than three, so its models are unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable

from models.catalog import Exercise

MAX_TWINS = 3


def twin_key(ex: Exercise) -> tuple:
    """What the model sees of an exercise, besides its id, name and level."""
    return (
        ex.kind,
        ex.pattern,
        ex.primary,
        ex.secondary,
        frozenset(ex.equipment),
        ex.explosive,
        ex.unilateral,
        ex.main_lift,
        ex.modality,
        ex.isometric,
    )


def prune_twins(
    exercises: Iterable[Exercise], keep: Iterable[str] = (), most: int = MAX_TWINS
) -> list[Exercise]:
    """The exercises with at most `most` per twin class (the first ones, in the given order);
    ids in `keep` always stay and do not count. Order is preserved."""
    always = set(keep)
    seen: dict[tuple, int] = {}
    out = []
    for ex in exercises:
        if ex.id not in always:
            key = twin_key(ex)
            if seen.get(key, 0) >= most:
                continue
            seen[key] = seen.get(key, 0) + 1
        out.append(ex)
    return out
