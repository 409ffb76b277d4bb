"""The model's decision variables, in one typed container with named accessors."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from models.catalog import Exercise
from models.plan import Plan, PlannedExercise

from ..structure import Slot, SlotKey, Structure


def planned_dose(e: PlannedExercise) -> int:
    """The model's dose of a planned exercise: sets, or 5-minute units of steady cardio."""
    return e.seconds_per_set // 300 if e.kind == "cardio_steady" else e.sets


@dataclass
class ExerciseChoice:
    """An exercise that may be done in a slot: whether it is, and its dose."""

    exercise: Exercise
    use: cp_model.IntVar
    dose: cp_model.IntVar  # sets, interval repeats or 5-minute units of steady cardio


@dataclass
class Variables:
    """All decision variables; built by `optimizer.cpsat.model.build`."""

    model: cp_model.CpModel
    structure: Structure
    session: dict[SlotKey, cp_model.IntVar] = field(default_factory=dict)
    choices: dict[SlotKey, list[ExerciseChoice]] = field(default_factory=dict)
    focus: dict[tuple[SlotKey, str], cp_model.IntVar] = field(default_factory=dict)
    strength_session: dict[SlotKey, cp_model.IntVar] = field(default_factory=dict)
    block_uses: dict[tuple[int, str], cp_model.IntVar] = field(default_factory=dict)
    # (template index, exercise id) -> true iff the template uses it (favoured exercises only)
    template_uses: dict[tuple[int, str], cp_model.IntVar] = field(default_factory=dict)

    # --- accessors ------------------------------------------------------------------------
    def on(self, slot: Slot) -> cp_model.IntVar:
        return self.session[slot.key]

    def options(self, slot: Slot, where=None) -> list[ExerciseChoice]:
        """The slot's exercise choices, optionally filtered by a predicate on the exercise."""
        chosen = self.choices[slot.key]
        return chosen if where is None else [c for c in chosen if where(c.exercise)]

    def choice(self, slot: Slot, exercise_id: str) -> ExerciseChoice | None:
        for c in self.choices[slot.key]:
            if c.exercise.id == exercise_id:
                return c
        return None

    def muscle_focus(self, slot: Slot, muscle: str) -> cp_model.IntVar:
        return self.focus[(slot.key, muscle)]

    def slot(self, template: int, weekday: str) -> Slot:
        for s in self.structure.templates[template].slots:
            if s.weekday == weekday:
                return s
        raise KeyError(f"template {template} has no {weekday}")

    def slot_for_date(self, day) -> Slot:
        found = self.structure.slot_of_day(self.structure.horizon.by_date[day])
        if found is None:
            raise KeyError(f"{day} is not an available day of the plan")
        return found

    # --- tests and hints -----------------------------------------------------------------
    def fix(
        self,
        slot: Slot,
        *,
        on: bool | None = None,
        exercises: dict[str, int] | None = None,
        exclude: list[str] | None = None,
        only: bool = False,
    ) -> None:
        """Force a slot: session on/off, exercises with a dose (0 = any dose), exclusions;
        `only` forbids every exercise not named in `exercises`.

        Forcing an exercise that the rules do not allow there (no variable exists) makes the
        model infeasible, which is exactly what a test of that rule wants to see.
        """
        m = self.model
        if on is not None:
            m.add(self.session[slot.key] == int(on))
        for ex_id, dose in (exercises or {}).items():
            choice = self.choice(slot, ex_id)
            if choice is None:
                m.add_bool_or([])  # not allowed in this slot: infeasible
                continue
            m.add(choice.use == 1)
            if dose:
                m.add(choice.dose == dose)
        excluded = set(exclude or [])
        if only:
            excluded |= {c.exercise.id for c in self.choices[slot.key]} - set(exercises or {})
        for ex_id in sorted(excluded):
            choice = self.choice(slot, ex_id)
            if choice is not None:
                m.add(choice.use == 0)

    def warmstart(self, plan: Plan) -> int:
        """Hint the solver with a plan's sessions (for speed only); returns hints added."""
        m = self.model
        hinted = 0
        by_slot: dict[SlotKey, dict[str, int]] = {}
        for s in plan.sessions:
            day = self.structure.horizon.by_date.get(s.date)
            slot = self.structure.slot_of_day(day) if day else None
            if slot is None or s.deload:
                continue
            by_slot.setdefault(slot.key, {}).update(
                {e.id: planned_dose(e) for e in s.exercises}
            )
        for key, choices in self.choices.items():
            planned = by_slot.get(key)
            if planned is None and key[0] not in {k[0] for k in by_slot}:
                continue
            m.add_hint(self.session[key], int(bool(planned)))
            for c in choices:
                dose = (planned or {}).get(c.exercise.id, 0)
                m.add_hint(c.use, int(dose > 0))
                m.add_hint(c.dose, dose)
                hinted += 1
        return hinted
