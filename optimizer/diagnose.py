"""Why no plan exists, in training terms.

`optimizer.cpsat.diagnosis.minimal_conflict` finds the hard requirements (rule, week or day)
that together leave no plan; this module says them as sentences (`sentence`, no OR-Tools) and
makes the error `solve` and `explain --swap` raise (`explain_infeasible`).
"""

from __future__ import annotations

import re
from datetime import date

from models.catalog import Catalog
from models.errors import InfeasibleError
from models.horizon import Horizon
from models.scenario import Scenario

RULE_WORDS = {
    "legs": "legs needs a squat, a true hinge and a session with quads or hamstrings every week, "
            "and lower-body sets ≥ {share:.0%} of strength sets",
    "recovery": "recovery forbids the same muscle group in two workouts in a row",
    "rest_days": "rest_days asks for ≥ {rest} rest days a week and ≤ {run} training days in a row",
    "calves": "calves needs a calf-raise session every week and ≥ {calf} calf sets",
    "cardio": "cardio keeps cardio minutes ≤ strength minutes (and the goal's cardio limits)",
    "session_time": "session_time keeps each session within the day's minutes "
                    "(with a {warmup}-minute warm-up)",
    "variation": "variation needs ≥ {new:.0%} new strength exercises each block",
    "deload": "deload cuts each block's deload week (its last, or a travel week) to ≤ "
              "{deload:.0%} of the strength sets of its heaviest regular week",
    "endurance": "endurance (goal endurance) keeps ≥ {easy:.0%} of cardio sessions easy, hard "
                 "sessions ≥ 48 h apart and never the day after heavy legs, {modality} ≥ "
                 "{mshare:.0%} of cardio minutes, the long session growing ≤ {growth:.0%} a "
                 "week and never shrinking, and heavy legs with plyometrics in 2 sessions a "
                 "week where the locations allow",
    "frequency": "frequency allows at most {most} strength sessions a week for a {level}",
    "structure": "structure needs every regular week to hold the movement patterns its "
                 "locations offer (a squat, a true hinge, a horizontal and a vertical push and "
                 "pull; the strength goal's main lifts), ≥ 3 strength exercises with a compound "
                 "in a strength session of ≥ 30 min, ≤ 4 sets of an isolation exercise or "
                 "calf raise and ≤ 12 calf sets a week",
}


def _week_facts(horizon, week: int) -> str:
    days = [d for d in horizon.weeks[week - 1].days if d.available]
    if not days:
        return f"week {week} offers no day"
    offers = ", ".join(f"{d.weekday.capitalize()} {d.minutes} min ({d.location})" for d in days)
    return f"week {week} offers {offers}"


def sentence(scenario: Scenario, rule: str, scope: str, horizon) -> str:
    """A conflicting requirement (`rule` in `scope`) in training terms, with the facts of its
    week or day."""
    from models.profiles import SESSIONS_PER_WEEK

    words = RULE_WORDS.get(rule, rule).format(
        share=scenario.rule_param("legs", "lower_body_share"),
        rest=scenario.rule_param("rest_days", "min_per_week"),
        run=scenario.rule_param("rest_days", "max_consecutive_training_days"),
        calf=scenario.rule_param("calves", "min_sets"),
        warmup=scenario.rule_param("session_time", "warmup_minutes"),
        new=scenario.rule_param("variation", "min_new_share"),
        deload=scenario.rule_param("deload", "max_share"),
        easy=scenario.rule_param("endurance", "easy_share"),
        modality=scenario.main_modality,
        mshare=scenario.rule_param("endurance", "modality_share"),
        growth=scenario.rule_param("endurance", "long_growth"),
        most=SESSIONS_PER_WEEK[scenario.level][1],
        level=scenario.level,
    )
    rec = re.match(r"(\d{4}-\d\d-\d\d) (\w+)$", scope)
    if rule == "recovery" and rec:
        day = horizon.by_date.get(date.fromisoformat(rec.group(1)))
        name = f"{day.weekday.capitalize()} {rec.group(1)}" if day else rec.group(1)
        return (f"{words}: the workout on {name} would train {rec.group(2)} right after the "
                f"previous workout trained it")
    slot = re.match(r"week (\d+) (mon|tue|wed|thu|fri|sat|sun)$", scope)
    if rule == "session_time" and slot:
        week = horizon.weeks[int(slot.group(1)) - 1]
        day = next((d for d in week.days if d.weekday == slot.group(2)), None)
        if day is not None:
            warmup = scenario.rule_param("session_time", "warmup_minutes")
            return (f"{words}: week {week.number} {day.weekday.capitalize()} offers {day.minutes} "
                    f"min, {max(0, day.minutes - warmup)} after the warm-up, for at least 2 "
                    f"exercises using half of it")
    match = re.match(r"week (\d+)", scope)
    facts = f"; {_week_facts(horizon, int(match.group(1)))}" if match else ""
    return f"{words} ({scope}){facts}"


def explain_infeasible(scenario: Scenario, catalog: Catalog, config=None, fix=None
                       ) -> InfeasibleError:
    """An InfeasibleError whose message names the conflicting rules, weeks and days; `fix`
    (a callable on the model's Variables) forces decisions first, e.g. a swapped exercise."""
    from .cpsat.diagnosis import DIAGNOSE_SECONDS, minimal_conflict

    conflict = minimal_conflict(
        scenario, catalog, prepare=None if fix is None else (lambda built: fix(built.vars))
    )
    if conflict is None:
        return InfeasibleError("no plan found, and the reason could not be isolated in "
                               f"{DIAGNOSE_SECONDS:g} s")
    if not conflict:
        return InfeasibleError(
            "no plan is possible even before the weekly rules: some available days are too "
            "short for a session of 2 exercises, or no exercise fits a location's equipment"
        )
    horizon = Horizon(scenario)
    reasons = [sentence(scenario, rule, scope, horizon) for rule, scope in conflict]
    message = "no plan satisfies every hard rule:\n" + "\n".join(f"- {r}" for r in reasons)
    rules = sorted({rule for rule, _ in conflict})
    message += "\nChange the scenario (more days or minutes), or relax: " + ", ".join(
        f"rules.{r}" for r in rules
    )
    core = [{"rule": rule, "scope": scope, "sentence": r}
            for (rule, scope), r in zip(conflict, reasons, strict=True)]
    return InfeasibleError(message, reasons, core)
