"""From a solver's answer to a Plan (SPEC §5): sessions, prescriptions, days with carbs (and,
in format 2, energy: SPEC §7.3)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

from models.catalog import Exercise
from models.horizon import Horizon
from models.plan import (
    PLAN_FORMAT,
    PLAN_FORMAT_1,
    Plan,
    PlanDay,
    PlannedExercise,
    PlanWeek,
    Session,
    SolverInfo,
)
from models.profiles import PROFILES
from models.vocab import FOCUS_KINDS, MUSCLE_GROUPS

from .eligibility import Eligibility
from .endurance import ramp_offset
from .nutrition import day_energy, energy_warnings, writes_energy
from .objective import compute_objective_terms
from .prescription import Prescriber
from .progression import Progressor, plan_lifts, short_wave_steps
from .structure import Structure

_PATTERN_ORDER = {
    "plyometric": 0, "squat": 1, "hinge": 2, "lunge": 3, "horizontal_push": 4,
    "vertical_push": 5, "horizontal_pull": 6, "vertical_pull": 7, "carry": 8, "isolation": 9,
    "core": 10, "calf_raise": 11, "cardio": 13,
}
_KIND_ORDER = {"plyometric": 0, "strength": 1, "conditioning": 2, "cardio_interval": 3,
               "cardio_steady": 3, "mobility": 4}


# The plan's note on each kind of week (SPEC §7.1, rule `deload`)
WEEK_NOTES = {
    "regular": "",
    "deload": "deload week",
    "travel_deload": "travel week: this block's deload",
    "reentry": "re-entry week after the break: loads −10%, 1 more rep in reserve",
    "break": "break week (no available day): per-week rules do not apply",
}


def exercise_order(ex: Exercise) -> tuple:
    """Coach's order: explosive drills, main lifts, compounds, accessories, circuits, cardio."""
    return (_KIND_ORDER[ex.kind], not ex.main_lift, _PATTERN_ORDER.get(ex.pattern, 12), ex.id)


def half_minutes_up(seconds: int) -> float:
    return math.ceil(seconds / 30) / 2


def carbs_for(scenario, minutes: int | None) -> float:
    """g/kg of carbohydrate for a day: the goal mix's rest or training value by session length.

    Rest days stay within 3–5 g/kg; training days within 5–10 and above rest days
    (ACSM/AND/DC 2016)."""
    mix = scenario.goal_mix()
    rest = min(5.0, max(3.0, sum(w * PROFILES[g].carbs_rest for g, w in mix.items())))
    if minutes is None:
        return round(rest, 1)
    band = 0 if minutes < 45 else 1 if minutes <= 75 else 2
    value = sum(w * PROFILES[g].carbs_training[band] for g, w in mix.items())
    return round(min(10.0, max(5.0, rest + 1.0, value)), 1)


def protein_for(scenario) -> float:
    """Protein g/kg, ISSN 2017: 1.4–2.0."""
    mix = scenario.goal_mix()
    return min(2.0, max(1.4, sum(w * PROFILES[g].protein for g, w in mix.items())))


def build_plan(
    scenario,
    structure: Structure,
    prescriber: Prescriber,
    chosen: Callable[[object], list[tuple[Exercise, int]]],
    solver: SolverInfo,
    warnings: list[str] | None = None,
    long_ramps: frozenset[int] = frozenset(),
    eligibility: Eligibility | None = None,
) -> Plan:
    """Assemble the plan; `chosen(slot)` lists the exercises and doses of an active slot;
    `long_ramps`: the templates whose long steady bout ramps to its dose (rule `endurance`);
    `eligibility`: the model's (its catalog names the variants the texts suggest)."""
    horizon = structure.horizon
    warmup = scenario.rule_param("session_time", "warmup_minutes")
    progressor = Progressor(scenario, horizon, prescriber, eligibility)
    sessions: list[Session] = []
    for day, slot in structure.calendar_slots:
        picked = chosen(slot)
        if not picked:
            continue
        week = horizon.weeks[day.week - 1]
        if slot.template in long_ramps and not week.deload:
            picked = _ramped(picked, structure.templates[slot.template], week, chosen)
        exercises = [planned_exercise(ex, week, dose, slot.location, prescriber, progressor)
                     for ex, dose in sorted(picked, key=lambda p: exercise_order(p[0]))]
        focus = {m for e in exercises if e.kind in FOCUS_KINDS for m in e.primary_muscles}
        sessions.append(Session(
            date=day.date, week=day.week, block=day.block, weekday=day.weekday,
            location=slot.location, focus=[m for m in MUSCLE_GROUPS if m in focus],
            deload=week.deload,
            minutes=math.ceil(warmup + sum(e.minutes for e in exercises)),
            warmup_minutes=warmup, exercises=exercises,
        ))
    return plan_from_sessions(scenario, horizon, sessions, solver, list(warnings or []))


def _ramped(picked, template, week, chosen) -> list[tuple[Exercise, int]]:
    """The slot's picks in a regular week of a ramping template: its long bout (the template's
    longest steady dose, held by one slot) runs `ramp_offset` units short of it."""
    peak = max((d for s in template.slots for ex, d in chosen(s) if ex.kind == "cardio_steady"),
               default=0)
    regular = template.regular_weeks
    cut = ramp_offset(regular.index(week), len(regular))
    return [(ex, d - cut if ex.kind == "cardio_steady" and d == peak else d)
            for ex, d in picked]


def planned_exercise(ex: Exercise, week, dose: int, location: str, prescriber: Prescriber,
                     progressor: Progressor) -> PlannedExercise:
    """`ex` at `dose` in `week` as the plan writes it: the prescription, its minutes (the
    warm-up ramp is a fixed time per use) and the derived rir, %1RM, load and progression."""
    rx = prescriber.prescribe(ex, week, dose)
    derived = progressor.derive(ex, week, rx, location)
    if derived.seconds_per_set is not None:  # a hold or walk that lengthens week by week
        held = derived.seconds_per_set
        rx = replace(rx, reps=derived.reps, seconds_per_set=held, tempo=f"0-{held}-0-0")
    seconds = rx.work_seconds + prescriber.ramp_seconds(ex)
    return PlannedExercise(
        id=ex.id, name=ex.name, kind=ex.kind, pattern=ex.pattern,
        primary_muscles=list(ex.primary), secondary_muscles=list(ex.secondary),
        equipment=list(ex.equipment), sets=rx.sets, reps=derived.reps or rx.reps,
        seconds_per_set=rx.seconds_per_set, tempo=rx.tempo, rest_seconds=rx.rest_seconds,
        scheme=rx.scheme, minutes=half_minutes_up(seconds), explosive_capable=ex.explosive,
        main_lift=ex.main_lift, modality=ex.modality, sides=rx.sides, role=derived.role,
        rir=derived.rir, percent_1rm=derived.percent_1rm, load_kg=derived.load_kg,
        progression=derived.progression, warmup_sets=list(derived.warmup_sets),
    )


def plan_days(scenario, horizon: Horizon, sessions: list[Session], version: int) -> list[PlanDay]:
    """Every calendar day's numbers: §2's carbs and protein (format 1, or `energy` off), or
    §7.3's kcal, protein, fat and carbs (optimizer/nutrition.py) by the day's training minutes."""
    by_date = {s.date: s for s in sessions}
    energy = writes_energy(scenario, version)
    protein = protein_for(scenario)
    mass = scenario.body_mass_kg
    days = []
    for day in horizon.days:
        session = by_date.get(day.date)
        minutes = session.minutes if session else None
        kind = "training" if session else "rest"
        if energy:
            e = day_energy(scenario, minutes)
            days.append(PlanDay(
                date=day.date, week=day.week, block=day.block, type=kind,
                carbs_g_per_kg=e.carbs_g_per_kg, carbs_g=e.carbs_g, protein_g=e.protein_g,
                kcal=e.kcal, fat_g=e.fat_g,
            ))
            continue
        g_per_kg = carbs_for(scenario, minutes)
        days.append(PlanDay(
            date=day.date, week=day.week, block=day.block, type=kind,
            carbs_g_per_kg=g_per_kg, carbs_g=round(g_per_kg * mass),
            protein_g=round(protein * mass),
        ))
    return days


def _percent_without_load(sessions: list[Session]) -> str | None:
    """How to use a %1RM that no `[lifts]` entry turns into kilograms (a reviewer: "40
    exercises at a % of a 1RM the client does not know, and no word on how to calibrate")."""
    names = sorted({e.name for s in sessions for e in s.exercises
                    if e.percent_1rm is not None and e.load_kg is None})
    if not names:
        return None
    return (f"{len(names)} exercises have a %1RM but no [lifts] entry (e.g. {names[0]}): in "
            "their first week pick the weight by its RIR (a weight you could lift that many "
            "more times); the %1RM figures then show how much heavier each week is; a recent "
            "top set in [lifts] turns them into kilograms")


def plan_from_sessions(
    scenario, horizon: Horizon, sessions: list[Session], solver: SolverInfo,
    warnings: list[str], **extra,
) -> Plan:
    """A plan of these sessions: days (carbs, protein; kcal and fat in format 2), weeks and
    objective terms around them (shared by a solve and a replan's old + new sessions); `extra`
    sets more Plan fields (`format`: the file format written)."""
    # format 2 (SPEC §7.4); a replan that pins sessions of a format-1 plan (no roles, no
    # rir) stays format 1, so `check` applies the rules those sessions were made under
    old = any(e.role is None for s in sessions for e in s.exercises)
    extra.setdefault("format", PLAN_FORMAT_1 if old else PLAN_FORMAT)
    version = int(extra["format"].rsplit("/", 1)[1])
    if version >= 2:
        used = {e.id for s in sessions for e in s.exercises}
        extra.setdefault("lifts", plan_lifts(scenario, used))
        unloaded = _percent_without_load(sessions)
        short = short_wave_steps(sessions, horizon, scenario.rule_param("progression",
                                                                        "wave_step"))
        warnings = warnings + [w for w in (unloaded, short) if w and w not in warnings]
    days = plan_days(scenario, horizon, sessions, version)
    if writes_energy(scenario, version):
        # said once: how maintenance is estimated, a capped deficit, each clipped kind of day
        minutes = {s.date: s.minutes for s in sessions}
        day_minutes = [minutes.get(d.date) for d in horizon.days]
        warnings = warnings + [w for w in energy_warnings(scenario, day_minutes)
                               if w not in warnings]
    weeks = [
        PlanWeek(week=w.number, block=w.block, deload=w.deload, is_break=w.is_break,
                 kind=w.kind, note=WEEK_NOTES[w.kind])
        for w in horizon.weeks
    ]
    plan = Plan(
        scenario=scenario.to_json_dict(), solver=solver, objective_terms=[], weeks=weeks,
        days=days, sessions=sessions, warnings=warnings, **extra,
    )
    plan.objective_terms = compute_objective_terms(plan, scenario, horizon)
    return plan
