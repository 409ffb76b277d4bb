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

from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from models.catalog import Catalog
from models.horizon import Horizon
from models.scenario import Scenario
from models.vocab import FOCUS_KINDS

from .model import Boundary, BuiltModel, build
from .structure import SlotKey, Structure

Assignment = dict[SlotKey, dict[str, int]]  # slot -> exercise id -> dose
RETRY_LIMIT = 4.0


@dataclass
class WarmStart:
    assignment: Assignment
    complete: bool
    seconds: float


def by_blocks(scenario: Scenario, catalog: Catalog, config) -> WarmStart:
    """Solve block after block (each within `config.time_limit`, same seed and determinism);
    stops, incomplete, at the first block with no plan."""
    import time

    from .solving import configure, run_solver

    started = time.perf_counter()
    assignment: Assignment = {}
    boundary = Boundary()
    structure = Structure(Horizon(scenario))  # the full model's template numbering
    for block in structure.blocks_with_sessions():
        window = build(scenario, catalog, blocks=frozenset({block}), boundary=boundary)
        limit = config.time_limit
        while True:  # a window with no plan yet gets more time, up to 4 s
            solver = cp_model.CpSolver()
            configure(solver, replace(config, time_limit=limit),
                      len(window.context.structure.templates))
            _light_presolve(solver)
            code = run_solver(solver, window.model)
            if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) or code == cp_model.INFEASIBLE:
                break
            if limit >= RETRY_LIMIT:
                break
            limit = min(RETRY_LIMIT, 2 * limit)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return WarmStart(assignment, False, time.perf_counter() - started)
        chosen = _read(window, solver)
        # window templates are numbered from 0: map them to the full model's numbering
        for w_template in window.context.structure.templates:
            first_week = w_template.first_week.number
            f_template = structure.template_of_week(first_week)
            for slot in w_template.slots:
                if slot.key in chosen:
                    assignment[(f_template.index, slot.weekday)] = chosen[slot.key]
        boundary = _advance(boundary, window, chosen, block)
    return WarmStart(assignment, True, time.perf_counter() - started)


def _light_presolve(solver: cp_model.CpSolver) -> None:
    """A block's model is small (about 1,600 variables) and solved in well under a second, of
    which the default presolve took more than half: three rounds, each with a symmetry
    detection. One round without symmetry leaves the search as fast and saves about 0.1 s per
    block (year-52-weeks: 13 blocks, first plan 7.9 s -> 6.1 s; each block still solved to
    the same objective, deterministic time 0.25 -> 0.19 per block)."""
    solver.parameters.symmetry_level = 0
    solver.parameters.max_presolve_iterations = 1


def _read(built: BuiltModel, solver: cp_model.CpSolver) -> Assignment:
    out: Assignment = {}
    v = built.vars
    for slot in built.context.structure.slots:
        if solver.boolean_value(v.on(slot)):
            out[slot.key] = {c.exercise.id: solver.value(c.dose) for c in v.options(slot)
                             if solver.boolean_value(c.use)}
    return out


def _advance(boundary: Boundary, window: BuiltModel, chosen: Assignment, block: int) -> Boundary:
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
    return Boundary(last_focus, frozenset(trained), block, uses)


def add_hints(built: BuiltModel, assignment: Assignment) -> bool:
    """Hint the full model from a complete assignment of its decisions.

    CP-SAT uses a *complete* feasible hint as its first solution right after presolve, while a
    hint of the decisions only must be completed by search (seconds on 52 weeks). So the
    decisions are fixed, the rest of the variables derived in a quick solve, and every variable
    hinted. Returns False (and leaves decision hints only) if that quick solve fails."""
    m, v = built.model, built.vars
    for slot in built.context.structure.slots:
        picked = assignment.get(slot.key, {})
        m.add_hint(v.on(slot), int(bool(picked)))
        for c in v.options(slot):
            dose = picked.get(c.exercise.id, 0)
            m.add_hint(c.use, int(dose > 0))
            m.add_hint(c.dose, dose)
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 5.0
    from .solving import run_solver

    code = run_solver(solver, m)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return False
    m.clear_hints()
    for index in range(len(m.proto.variables)):
        var = m.get_int_var_from_proto_index(index)
        m.add_hint(var, solver.value(var))
    return True
