"""Small VALID plans built by hand, without the solver, for validator tests.

A bodyweight-only scenario at "home", four 60-minute days (mon, tue, thu, fri), intermediate,
hypertrophy by default. Sessions alternate legs / upper so consecutive workouts never share a
muscle:

- mon: squat, hinge, calf raise      tue: push, row, pike push-up, plank
- thu: split squat, single-leg RDL, calf raise   fri: push, row, pulldown, dead bug

Every number follows docs/rules.md: rep scheme, reps and tempo from the goal's block variant,
tempo `a-b-X-d` for squat/hinge/lunge after the technique weeks, rest falling 10% a week within
a block (rounded down to 5 s), deload weeks at floor(60% × sets), exercise minutes = work
seconds rounded up to half a minute, session minutes = warm-up + Σ rounded up, carbs by day
type (format 2: §7.3's energy days via optimizer/extract.py `plan_days`, with the plan's
energy warnings), and `solver.objective` = the recomputed objective. Blocks alternate exercise
lists so consecutive blocks change ≥ 50% of their strength exercises.

`refresh(plan)` recomputes the derived parts after a test mutates a plan, so that only the rule
under test breaks.
"""

from __future__ import annotations

import math
from datetime import date

from models import builtin_catalog
from models.horizon import Horizon
from models.plan import (
    PLAN_FORMAT,
    PLAN_FORMAT_1,
    LiftEntry,
    Plan,
    PlanDay,
    PlannedExercise,
    PlanWeek,
    Progression,
    Session,
    SolverInfo,
    WarmupSet,
)
from models.profiles import PROFILES
from models.scenario import Scenario, parse_scenario
from models.vocab import EXPLOSIVE_PATTERNS, FOCUS_KINDS, MUSCLE_GROUPS
from optimizer.extract import plan_days, planned_exercise
from optimizer.nutrition import MAINTENANCE_FROM_MASS, energy_warnings, writes_energy
from optimizer.objective import compute_objective_terms
from optimizer.prescription import Prescriber
from optimizer.progression import Progressor, plan_lifts

START = date(2027, 1, 4)  # a Monday
DAYS = ("mon", "tue", "thu", "fri")
MINUTES = 60
BODY_MASS = 80.0
CARBS_REST, CARBS_TRAINING, PROTEIN = 4.0, 6.0, 1.8
BASE_REST = 60

# weekday -> (exercise id, sets in a regular week)
SESSIONS: dict[str, list[tuple[str, int]]] = {
    "mon": [("bodyweight-squat", 4), ("glute-bridge", 4), ("bodyweight-calf-raise", 4)],
    "tue": [("push-up", 4), ("doorframe-row", 4), ("pike-push-up", 3), ("plank", 3)],
    "thu": [("bodyweight-split-squat", 4), ("bodyweight-single-leg-rdl", 4),
            ("single-leg-calf-raise", 4)],
    "fri": [("decline-push-up", 4), ("towel-door-row", 4), ("floor-slide-lat-pulldown", 3),
            ("dead-bug", 3)],
}
# Every other block swaps these (8 of 14 strength exercises: ≥ 50% new).
ALTERNATES = {
    "bodyweight-squat": "cossack-squat",
    "glute-bridge": "floor-hip-thrust",
    "bodyweight-split-squat": "bodyweight-reverse-lunge",
    "bodyweight-single-leg-rdl": "bodyweight-good-morning",
    "push-up": "diamond-push-up",
    "doorframe-row": "under-table-row",
    "decline-push-up": "knee-push-up",
    "towel-door-row": "doorframe-row",
    "floor-slide-lat-pulldown": "superman-pull",
}


def scenario_data(
    weeks: int = 2,
    *,
    goal: str = "hypertrophy",
    level: str = "intermediate",
    rules: dict | None = None,
    preferences: dict | None = None,
    exceptions: list | None = None,
    days: tuple[str, ...] = DAYS,
) -> dict:
    data = {
        "name": "tiny bodyweight plan",
        "start": START.isoformat(),
        "weeks": weeks,
        "goal": goal,
        "level": level,
        "body_mass_kg": BODY_MASS,
        "sleep_hours": 8,
        "locations": {"home": {"equipment": []}},
        "availability": {d: {"minutes": MINUTES, "location": "home"} for d in days},
    }
    if rules:
        data["rules"] = rules
    if preferences:
        data["preferences"] = preferences
    if exceptions:
        data["exceptions"] = exceptions
    return data


def planned(
    ex_id: str,
    sets: int,
    *,
    reps: str = "8-12",
    seconds_per_set: int = 40,
    tempo: str = "2-0-1-1",
    rest_seconds: int = BASE_REST,
    scheme: str = "straight",
) -> PlannedExercise:
    """A planned exercise with the catalog's data; minutes from the time model."""
    ex = builtin_catalog().by_id()[ex_id]
    e = PlannedExercise(
        id=ex.id, name=ex.name, kind=ex.kind, pattern=ex.pattern,
        primary_muscles=list(ex.primary), secondary_muscles=list(ex.secondary),
        equipment=list(ex.equipment), sets=sets, reps=reps, seconds_per_set=seconds_per_set,
        tempo=tempo, rest_seconds=rest_seconds, scheme=scheme, minutes=0,
        explosive_capable=ex.explosive, main_lift=ex.main_lift, modality=ex.modality,
    )
    e.minutes = exercise_minutes(e)
    return e


def exercise_minutes(e: PlannedExercise) -> float:
    return math.ceil(e.work_seconds / 30) / 2


def make_plan(weeks: int = 2, *, rotate: bool = True, **scenario_kw) -> Plan:
    """A valid plan of the tiny scenario (`scenario_kw` go to `scenario_data`)."""
    data = scenario_data(weeks, **scenario_kw)
    scenario = parse_scenario(data, "tiny scenario")
    horizon = Horizon(scenario)
    profile = PROFILES[scenario.primary_goal]
    technique = scenario.rule_param("explosive", "technique_weeks")
    drop = scenario.rule_param("explosive", "rest_drop")
    pct = round(100 * scenario.rule_param("deload", "max_share"))
    warmup = scenario.rule_param("session_time", "warmup_minutes")
    order = horizon.block_order

    sessions = []
    for week in horizon.weeks:
        if week.is_break:
            continue
        variant_no = order[week.block] if rotate else 0
        variant = profile.variants[variant_no % len(profile.variants)]
        explosive_week = (
            scenario.rule_enabled("explosive") and week.number > technique
            and not (scenario.level == "novice" and week.block == 1)
        )
        rest = 5 * math.floor(BASE_REST * (1 - drop) ** week.position / 5 + 1e-9)
        for day in week.available_days:
            if day.weekday not in SESSIONS:
                continue
            exercises = []
            for ex_id, sets in SESSIONS[day.weekday]:
                if rotate and variant_no % 2 == 1:
                    ex_id = ALTERNATES.get(ex_id, ex_id)
                pattern = builtin_catalog().by_id()[ex_id].pattern
                ecc, p1, con, p2 = variant.tempo
                concentric = "X" if explosive_week and pattern in EXPLOSIVE_PATTERNS else con
                exercises.append(planned(
                    ex_id, pct * sets // 100 if week.deload else sets, reps=variant.reps,
                    seconds_per_set=variant.seconds_per_set, tempo=f"{ecc}-{p1}-{concentric}-{p2}",
                    rest_seconds=rest, scheme=variant.scheme,
                ))
            sessions.append(Session(
                date=day.date, week=day.week, block=day.block, weekday=day.weekday,
                location=day.location, focus=[], deload=week.deload, minutes=0,
                warmup_minutes=warmup, exercises=exercises,
            ))
    plan = Plan(
        format=PLAN_FORMAT_1,  # hand-built with §2's numbers only (no roles, rir or loads)
        scenario=scenario.to_json_dict(),
        solver=SolverInfo(status="optimal", objective=0.0, best_bound=0.0, seconds=0.0),
        objective_terms=[],
        weeks=[PlanWeek(week=w.number, block=w.block, deload=w.deload, is_break=w.is_break,
                        kind=w.kind)
               for w in horizon.weeks],
        days=[],
        sessions=sessions,
    )
    return refresh(plan)


def refresh(
    plan: Plan,
    *,
    focus: bool = True,
    minutes: bool = True,
    days: bool = True,
    objective: bool = True,
) -> Plan:
    """Recompute the derived parts of a (mutated) plan in place; returns it."""
    scenario: Scenario = plan.scenario_model()
    horizon = Horizon(scenario)
    warmup = scenario.rule_param("session_time", "warmup_minutes")
    plan.sessions.sort(key=lambda s: s.date)
    for s in plan.sessions:
        if focus:
            muscles = {m for e in s.exercises if e.kind in FOCUS_KINDS for m in e.primary_muscles}
            s.focus = [m for m in MUSCLE_GROUPS if m in muscles]
        if minutes:
            for e in s.exercises:
                e.minutes = exercise_minutes(e)
            s.minutes = math.ceil(warmup + sum(e.minutes for e in s.exercises))
    if days and writes_energy(scenario, plan.version):
        # format 2: §7.3's energy days and warnings, as a solve writes them
        plan.days = plan_days(scenario, horizon, plan.sessions, plan.version)
        minutes = {s.date: s.minutes for s in plan.sessions}
        warnings = energy_warnings(scenario, [minutes.get(d.date) for d in horizon.days])
        plan.warnings = [w for w in plan.warnings if not _energy_warning(w)] + warnings
    elif days:
        trained = {s.date for s in plan.sessions}
        mass = scenario.body_mass_kg
        plan.days = []
        for d in horizon.days:
            g = CARBS_TRAINING if d.date in trained else CARBS_REST
            plan.days.append(PlanDay(
                date=d.date, week=d.week, block=d.block,
                type="training" if d.date in trained else "rest", carbs_g_per_kg=g,
                carbs_g=round(g * mass), protein_g=round(PROTEIN * mass),
            ))
    if objective:
        plan.objective_terms = compute_objective_terms(plan, scenario, horizon)
        total = float(sum(t.penalty for t in plan.objective_terms))
        plan.solver.objective = total
        plan.solver.best_bound = total
    return plan


def to_format_2(plan: Plan) -> Plan:
    """The plan re-prescribed as a solve writes format 2 (SPEC §7.2–7.4): the same sessions,
    exercises and sets, every other number from the Prescriber and the Progressor."""
    scenario = plan.scenario_model()
    horizon = Horizon(scenario)
    prescriber = Prescriber(scenario, horizon)
    progressor = Progressor(scenario, horizon, prescriber)
    catalog = builtin_catalog().by_id()
    for s in plan.sessions:
        week = horizon.weeks[s.week - 1]
        s.exercises = [planned_exercise(catalog[e.id], week, e.sets, s.location, prescriber,
                                        progressor) for e in s.exercises]
    plan.format = PLAN_FORMAT
    plan.lifts = plan_lifts(scenario, {e.id for s in plan.sessions for e in s.exercises})
    return refresh(plan)


def _energy_warning(text: str) -> bool:
    return text.startswith(("energy:", MAINTENANCE_FROM_MASS))


def set_scenario(plan: Plan, **changes) -> Plan:
    """Change top-level scenario fields (e.g. level, rules) and refresh the objective."""
    plan.scenario = {**plan.scenario, **changes}
    return refresh(plan, focus=False, minutes=False, days=False)


# ------------------------------------------------------------------------------ format 2
# A hand-built format-2 plan (SPEC §7.4) for output tests: a barbell gym on mon and thu,
# 4-week blocks (week 4 deloads), lift data for the squat and bench (and an overhead press the
# plan never uses). Not a solver's plan: its numbers follow a simple weekly wave so outputs
# have something to show — loads with a 1RM, %1RM without one, rir alone without any 1RM.
GYM = ["barbell", "rack", "bench", "dumbbells", "pullup_bar"]
LIFTS = {"barbell-back-squat": {"kg": 100, "reps": 5},
         "barbell-bench-press": {"one_rm_kg": 90},
         "barbell-overhead-press": {"kg": 50, "reps": 5}}
# weekday -> (exercise id, role, sets, reps, %1RM in week 1 or None, rir in week 1 or None)
SESSIONS_2: dict[str, list[tuple]] = {
    "mon": [("barbell-back-squat", "main", 3, "5", 75.0, 2),
            ("dumbbell-bent-over-row", "accessory", 3, "8-12", 70.0, 2),
            ("dumbbell-lateral-raise", "isolation", 3, "12-15", None, 2)],
    "thu": [("conventional-deadlift", "main", 3, "5", 75.0, 2),
            ("barbell-bench-press", "main", 3, "5", 75.0, 2),
            ("pull-up", "main", 3, "6-8", None, 2),
            ("outdoor-steady-run", "cardio", 1, "20 min steady", None, None)],
}
WARMUP_RAMP = ((5, 0.4), (3, 0.6), (1, 0.8))  # reps, share of the working set's %1RM


def scenario_data_2(weeks: int = 4, **extra) -> dict:
    data = scenario_data(weeks, goal="strength", days=("mon", "thu"))
    data["locations"] = {"gym": {"equipment": GYM}}
    data["availability"] = {d: {"minutes": 75, "location": "gym"} for d in ("mon", "thu")}
    data["lifts"] = LIFTS
    data["name"] = "gym strength plan"
    return {**data, **extra}


def _prescribed(ex_id: str, role: str, sets: int, reps: str, pct: float | None,
                rir: int | None, week, one_rm: dict[str, float]) -> PlannedExercise:
    """One exercise of week `week` (a horizon Week): %1RM +2.5 and rir −1 (floor 1) a week
    within the block; deload: 60% of the sets, rir 4, −10%."""
    from optimizer.loads import load_for

    kind = builtin_catalog().by_id()[ex_id].kind
    if kind == "cardio_steady":
        e = planned(ex_id, 1, reps=reps, seconds_per_set=1200, tempo="steady", rest_seconds=0)
        e.role = "cardio"
        return e
    step = week.position
    if week.deload:
        sets, pct, rir = max(1, sets * 60 // 100), pct and pct - 10, 4
        progression = Progression(rule="wave", text="deload: reset next block")
    else:
        pct = pct and pct + 2.5 * step
        rir = rir and max(1, rir - step)
        text = ("12 reps, then +2 kg" if role != "main" else
                "+2.5% next week" if pct else "+1 rep next week")
        progression = Progression(rule="wave" if role == "main" else "double", text=text)
    e = planned(ex_id, sets, reps=reps, seconds_per_set=20, tempo="2-0-1-0",
                rest_seconds=180 if role == "main" else 90)
    e.role, e.rir, e.percent_1rm, e.progression = role, rir, pct, progression
    if pct is not None and ex_id in one_rm:
        e.load_kg = load_for(one_rm[ex_id], pct, 2.5)
        if role == "main" and not week.deload:
            e.warmup_sets = [
                WarmupSet(reps=r, percent_1rm=round(f * pct, 1),
                          load_kg=load_for(one_rm[ex_id], f * pct, 2.5))
                for r, f in WARMUP_RAMP]
    return e


def make_plan_2(weeks: int = 4, **extra) -> Plan:
    """A format-2 plan of the gym scenario: sessions, days with kcal/fat, the `lifts` table."""
    from optimizer.loads import lift_table
    from optimizer.nutrition import day_energy

    scenario = parse_scenario(scenario_data_2(weeks, **extra), "gym scenario")
    horizon = Horizon(scenario)
    table = lift_table(scenario, builtin_catalog())
    used = {ex for day in SESSIONS_2.values() for ex, *_ in day}
    one_rm = {k: v.one_rm_kg for k, v in table.items()}
    sessions = [
        Session(date=day.date, week=day.week, block=day.block, weekday=day.weekday,
                location=day.location, focus=[], deload=week.deload, minutes=0,
                warmup_minutes=10,
                exercises=[_prescribed(*row, week, one_rm) for row in SESSIONS_2[day.weekday]])
        for week in horizon.weeks if not week.is_break
        for day in week.available_days if day.weekday in SESSIONS_2
    ]
    plan = Plan(
        format=PLAN_FORMAT,
        scenario=scenario.to_json_dict(),
        solver=SolverInfo(status="optimal", objective=0.0, best_bound=0.0, seconds=0.0),
        objective_terms=[],
        weeks=[PlanWeek(week=w.number, block=w.block, deload=w.deload, is_break=w.is_break)
               for w in horizon.weeks],
        days=[], sessions=sessions,
        lifts=[LiftEntry(id=k, one_rm_kg=v.one_rm_kg, source=v.source, used=k in used)
               for k, v in table.items()],
    )
    refresh(plan, days=False)
    minutes = {s.date: s.minutes for s in plan.sessions}
    for d in horizon.days:
        energy = day_energy(scenario, minutes.get(d.date))
        plan.days.append(PlanDay(
            date=d.date, week=d.week, block=d.block,
            type="training" if d.date in minutes else "rest",
            carbs_g_per_kg=energy.carbs_g_per_kg, carbs_g=energy.carbs_g,
            protein_g=energy.protein_g, kcal=energy.kcal, fat_g=energy.fat_g))
    return plan
