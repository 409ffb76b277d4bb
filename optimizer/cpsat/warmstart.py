"""A good first solution, block by block.

The full model proves optimality; finding a first plan for a long horizon is what costs time
(52 weeks: presolve 3 s, first solution after 8 s). Blocks interact only through the rules
that look back (recovery after the last session, rest days across the boundary, variation
against the previous block), so solving one block at a time with the past as a `Boundary`
gives a complete plan that satisfies every hard rule of the full model. Its decisions become
the full model's hints; CP-SAT keeps a hint only as a starting point, so the full model still
decides and proves.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from models.catalog import Catalog
from models.horizon import Horizon
from models.scenario import Scenario
from models.vocab import FOCUS_KINDS

from ..endurance import HARD_KINDS, exercise_heavy_legs
from ..structure import SlotKey, Structure
from .model import Boundary, BuiltModel, build
from .solver import Search, SolveConfig, hint_all, search, solve_with_hint_fixed

Assignment = dict[SlotKey, dict[str, int]]  # slot -> exercise id -> dose
RETRY_LIMIT = 4.0
# a window's share of the budget: year-52-weeks' 4-week windows prove their optimum in 0.4-2 s
# and, cut at 0.7 s, some stopped at 30 points over it
WINDOW_MIN, WINDOW_MAX = 0.3, 2.0
# a window with no plan to start from may take twice its even share of the budget; one that
# starts from the plan of the block two before mostly has its optimum from the start, and its
# proof, not its plan, is what more time would buy
FRONT_LOAD = 2.0
COMPLETION_SECONDS = 5.0  # the quick solve that completes a hint of the decisions
WINDOW_COMPLETION = 0.5  # the same for a window's hint (a block: propagation, a few ms)


@dataclass
class WarmStart:
    assignment: Assignment
    complete: bool
    seconds: float


def by_blocks(
    scenario: Scenario, catalog: Catalog, config: SolveConfig, budget: float | None = None
) -> WarmStart:
    """Solve block after block (same seed and determinism), each within `config.time_limit`,
    or, given a `budget`, within its share of what the blocks before it left (a block proven
    optimal early leaves its time to the next); stops, incomplete, at the first block with no
    plan.

    The first two blocks are solved together, and each later block starts from the plan of
    the block two before it: blocks solved one by one are greedy (year-52-weeks: the first
    takes the best exercise of every pattern and each next block keeps 3-4 of its
    predecessor's where the whole plan keeps 2, its favourites), while an A/B alternation
    keeps only what must stay."""
    started = time.perf_counter()
    assignment: Assignment = {}
    placed: dict[Place, dict[str, int]] = {}
    boundary = Boundary()
    structure = Structure(Horizon(scenario))  # the full model's template numbering
    blocks = structure.blocks_with_sessions()
    solved = 0
    for group in _groups(blocks):
        window = build(scenario, catalog, blocks=frozenset(group), boundary=boundary)
        started_from_plan = _hint_from_two_blocks_back(window, placed, config.deterministic)
        limit = config.time_limit
        if budget is not None:
            share = budget * len(group) / (len(blocks) - solved)
            if not started_from_plan:
                share *= FRONT_LOAD
            limit = min(WINDOW_MAX * len(group), max(WINDOW_MIN, share))
        while True:  # a window with no plan yet gets more time, up to 4 s
            found = search(window.model, replace(config, time_limit=limit),
                           len(window.context.structure.templates), light_presolve=True)
            if budget is not None:
                budget -= found.spent(config.deterministic)
            if found.found or found.infeasible or limit >= RETRY_LIMIT:
                break
            limit = min(RETRY_LIMIT, 2 * limit)
        if not found.found:
            return WarmStart(assignment, False, time.perf_counter() - started)
        chosen = read_assignment(window, found)
        # window templates are numbered from 0: map them to the full model's numbering
        for w_template in window.context.structure.templates:
            f_template = structure.template_of_week(w_template.first_week.number)
            for slot in w_template.slots:
                if slot.key in chosen:
                    assignment[(f_template.index, slot.weekday)] = chosen[slot.key]
                    placed[_place(window, slot.key)] = chosen[slot.key]
        for block in group:
            of_block = {k: p for k, p in chosen.items() if _place(window, k)[0] == block}
            boundary = advance(boundary, window, of_block, block)
        solved += len(group)
    return WarmStart(assignment, True, time.perf_counter() - started)


Place = tuple[int, int, str]  # block, week of the block (0-based), weekday


def _groups(blocks: list[int]) -> list[list[int]]:
    """The windows: the first two blocks together when they are consecutive, then one each."""
    if len(blocks) > 1 and blocks[1] == blocks[0] + 1:
        return [blocks[:2]] + [[b] for b in blocks[2:]]
    return [[b] for b in blocks]


def _place(window: BuiltModel, key: SlotKey) -> Place:
    template = window.context.structure.templates[key[0]]
    first = window.context.horizon.block_weeks_of(template.block)[0].number
    return template.block, template.first_week.number - first, key[1]


def _hint_from_two_blocks_back(
    window: BuiltModel, placed: dict[Place, dict[str, int]], deterministic: bool
) -> bool:
    """Hint each slot of the window with the same day of the block two before it, completed
    into a full assignment where it holds (a partial hint is only a search preference: a
    window hinted with its optimum stopped at 6 where a complete hint starts at 2). True when
    the window starts from a complete plan."""
    earlier = {}
    for slot in window.context.structure.slots:
        block, week, weekday = _place(window, slot.key)
        if (block - 2, week, weekday) in placed:
            earlier[slot.key] = placed[(block - 2, week, weekday)]
    return bool(earlier) and _hint(window, earlier, WINDOW_COMPLETION, deterministic)


def read_assignment(built: BuiltModel, found: Search) -> Assignment:
    """A solution's decisions: slot -> exercise id -> dose, for the slots with a session."""
    return {key: {ex.id: dose for ex, dose in picked}
            for key, picked in found.chosen(built).items()}


def advance(boundary: Boundary, window: BuiltModel, chosen: Assignment, block: int) -> Boundary:
    """The boundary after `block`, whose decisions in `window` are `chosen`."""
    trained = set(boundary.trained_days)
    last_focus = boundary.last_focus
    catalog = window.context.catalog.by_id()
    for day, slot in window.context.structure.calendar_slots:
        picked = chosen.get(slot.key)
        if picked:
            trained.add(day.index)
            last_focus = frozenset(
                mu for ex_id in picked for mu in catalog[ex_id].primary
                if catalog[ex_id].kind in FOCUS_KINDS
            )
    uses = frozenset(
        ex_id for picked in chosen.values() for ex_id in picked
        if catalog[ex_id].kind == "strength"
    )
    hard, heavy, long_bout = _endurance_boundary(boundary, window, chosen, catalog)
    return Boundary(last_focus, frozenset(trained), block, uses, hard, heavy, long_bout)


def _endurance_boundary(boundary: Boundary, window: BuiltModel, chosen: Assignment, catalog):
    """Hard and heavy-legs days, and the last regular week's long bout (rule `endurance`)."""
    hard, heavy = set(boundary.hard_days), set(boundary.heavy_days)
    long_bout, weeks = boundary.long_bout, {}
    for day, slot in window.context.structure.calendar_slots:
        picked = chosen.get(slot.key) or {}
        exercises = [catalog[i] for i in picked]
        if any(e.kind in HARD_KINDS for e in exercises):
            hard.add(day.index)
        if any(exercise_heavy_legs(e) for e in exercises):
            heavy.add(day.index)
        week = window.context.horizon.weeks[day.week - 1]
        if not week.deload:
            bout = max((d for i, d in picked.items() if catalog[i].kind == "cardio_steady"),
                       default=0)
            weeks[week.number] = max(weeks.get(week.number, 0), bout)
    if weeks:
        long_bout = weeks[max(weeks)]
    return frozenset(hard), frozenset(heavy), long_bout


def add_hints(built: BuiltModel, assignment: Assignment) -> bool:
    """Hint the full model from a complete assignment of its decisions.

    CP-SAT uses a *complete* feasible hint as its first solution right after presolve, while a
    hint of the decisions only must be completed by search (seconds on 52 weeks). So the
    decisions are fixed, the rest of the variables derived in a quick solve, and every variable
    hinted. Returns False (and leaves decision hints only) if that quick solve fails."""
    every_slot = {slot.key: assignment.get(slot.key, {}) for slot in built.context.structure.slots}
    return _hint(built, every_slot, COMPLETION_SECONDS, deterministic=False)


def _hint(built: BuiltModel, picks: Assignment, seconds: float, deterministic: bool) -> bool:
    """Hint the decisions of the slots in `picks` (slot -> exercise id -> dose; an empty pick
    is a day off), then complete them into a full hint where they hold; True if completed."""
    m, v = built.model, built.vars
    for slot in built.context.structure.slots:
        if slot.key not in picks:
            continue
        picked = picks[slot.key]
        m.add_hint(v.on(slot), int(bool(picked)))
        for c in v.options(slot):
            dose = picked.get(c.exercise.id, 0)
            m.add_hint(c.use, int(dose > 0))
            m.add_hint(c.dose, dose)
    values = solve_with_hint_fixed(m, seconds, deterministic)
    if values is None:
        return False
    hint_all(m, values)
    return True
