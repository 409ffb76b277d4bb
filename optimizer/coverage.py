"""Rule `structure` (SPEC §7.1): the week's shape a strength coach signs. One home for its
measures, used by the CP-SAT model (optimizer/cpsat/rules/structure.py), the validator
(optimizer/validate/structure.py), the plan's warnings and `explain`. Pure Python.

- Coverage: every regular week holds a squat, a true hinge, a horizontal and a vertical push
  and pull — each where one of the week's locations offers one this person may do
  (`Eligibility`: level, equipment, preferences, selection; explosive-capable in explosive
  blocks). A pattern no location offers is left out and said in the plan's warnings (the
  documented relaxation: a park with nothing to row from).
- When the week's minutes cannot hold it (< `NARROW_MINUTES` of training after warm-ups), the
  coverage narrows to a squat, a true hinge, one push and one pull, said in the warnings.
- Session shape: a strength session on a day of ≥ 30 min holds ≥ 3 strength exercises on
  ≥ 2 patterns, one of them a compound; an isolation exercise ≤ 4 sets a session; calves
  ≤ 12 sets a week.
- `strength` primary goal: its main lifts (catalog `strength_lift`) every regular week,
  squat and bench in ≥ 2 sessions when ≥ 4 strength sessions could hold them.
"""

from __future__ import annotations

from models.catalog import Exercise
from models.horizon import Week
from models.vocab import EXPLOSIVE_PATTERNS

from .eligibility import Eligibility

COVERAGE = ("squat", "hinge", "horizontal_push", "horizontal_pull", "vertical_push",
            "vertical_pull")
PUSHES, PULLS = ("horizontal_push", "vertical_push"), ("horizontal_pull", "vertical_pull")
LABEL = {"squat": "a squat", "hinge": "a true hinge", "horizontal_push": "a horizontal push",
         "horizontal_pull": "a horizontal pull", "vertical_push": "a vertical push",
         "vertical_pull": "a vertical pull", "push": "a push", "pull": "a pull"}
NARROW_MINUTES = 60  # training minutes a week (after warm-ups) below which coverage narrows
SHAPE_MIN_MINUTES = 30  # a strength session on a day this long has a real shape
SHAPE_MIN_EXERCISES, SHAPE_MIN_PATTERNS = 3, 2
ISOLATION_MAX_SETS = 4  # per isolation (or calf-raise) exercise and session
# a calf raise is single-joint work too: SPEC's calf cap is weekly (≤ 12), and reviewers read
# 6 sets of one calf raise in a session as volume parked where it is cheapest
CAPPED_PATTERNS = frozenset({"isolation", "calf_raise"})
CALF_MAX_SETS = 12  # per week
MAIN_LIFTS = ("squat", "bench_press", "deadlift", "overhead_press")
TWICE_LIFTS = ("squat", "bench_press")
TWICE_FROM_SESSIONS = 4  # squat and bench twice a week from this many strength sessions
FLOOR_PULLS_A_WEEK = 1  # barbell deadlifts from the floor (catalog `floor_pull`), outside strength


def session_cap(kind: str, pattern: str, calf_choices: int = 2) -> int | None:
    """The most sets one exercise may have in a session (rule `structure`), or None. A calf
    raise is capped where the location offers a second one (`calf_choices`): with one, a
    3-day week whose `recovery` leaves calves a single session needs its 6 sets there."""
    if kind != "strength" or pattern not in CAPPED_PATTERNS:
        return None
    if pattern == "calf_raise" and calf_choices < 2:
        return None
    return ISOLATION_MAX_SETS


def calf_choices(rule: Eligibility, location: str, explosive: bool) -> int:
    """How many calf raises this trainee may do at `location` (`session_cap`)."""
    return sum(1 for ex in rule.catalog.exercises
               if ex.kind == "strength" and ex.pattern == "calf_raise"
               and may_use(rule, ex, location, explosive))


def is_regular(week: Week) -> bool:
    """Not deload, travel deload, re-entry or break (Week.kind, with the fallback)."""
    kind = getattr(week, "kind", "break" if week.is_break else "deload" if week.deload
                   else "regular")
    return kind == "regular"


def covers(ex: Exercise, pattern: str) -> bool:
    """Does the exercise count as the week's `pattern` (a hinge must be a true hinge)? Power
    work (a push press, a swing) is done for speed, a few reps far from failure: it is not the
    week's press or hinge (coach review: a push press as the only overhead press of a size
    plan)."""
    if ex.kind != "strength" or ex.pattern != pattern or ex.role == "power":
        return False
    return ex.true_hinge if pattern == "hinge" else True


def may_use(rule: Eligibility, ex: Exercise, location: str, explosive: bool) -> bool:
    """Could the model put `ex` into a regular week's session at `location`?"""
    if not rule.usable(ex, location) or not rule.regression_allowed(ex, location, False):
        return False
    return not (explosive and ex.pattern in EXPLOSIVE_PATTERNS and not ex.explosive)


def offered(rule: Eligibility, locations: set[str], explosive: bool) -> tuple[str, ...]:
    """The coverage patterns some location of the week offers."""
    return tuple(p for p in COVERAGE if any(
        covers(ex, p) and may_use(rule, ex, loc, explosive)
        for ex in rule.catalog.exercises for loc in sorted(locations)))


def week_minutes(scenario, week: Week) -> int:
    warmup = scenario.rule_param("session_time", "warmup_minutes")
    return sum(max(0, d.minutes - warmup) for d in week.available_days)


def narrowed(scenario, week: Week) -> bool:
    return week_minutes(scenario, week) < NARROW_MINUTES


def requirements(rule: Eligibility, week: Week, locations: set[str], explosive: bool
                 ) -> list[tuple[str, tuple[str, ...]]]:
    """What the week must hold: (label, patterns any one of which satisfies it)."""
    have = offered(rule, locations, explosive)
    if narrowed(rule.scenario, week):
        out = [(p, (p,)) for p in ("squat", "hinge") if p in have]
        for label, group in (("push", PUSHES), ("pull", PULLS)):
            some = tuple(p for p in group if p in have)
            if some:
                out.append((label, some))
        return out
    return [(p, (p,)) for p in have]


def strength_goal(scenario) -> bool:
    return scenario.primary_goal == "strength"


def floor_pull_cap(scenario) -> int | None:
    """Barbell deadlifts from the floor a week: one, except in a strength plan, whose deadlift
    follows the goal's main-lift rules (a reviewer of a size plan: a sumo deadlift on Monday and
    a conventional one on Friday, both to 1 RIR, is fatigue the lower back does not recover
    from; the second hinge of the week is an RDL, a good morning or a back extension)."""
    return None if strength_goal(scenario) else FLOOR_PULLS_A_WEEK


def main_lift_of(ex: Exercise) -> str:
    return ex.strength_lift if ex.kind == "strength" else ""


def explosive_block(prescriber, horizon, block: int) -> bool:
    return any(prescriber.explosive_week(w) for w in horizon.block_weeks_of(block))


def coverage_warnings(scenario, catalog, horizon) -> list[str]:
    """The plan's sentences where coverage gives way: narrowed weeks, patterns no location
    offers (SPEC §7.1: never a silently thinner plan)."""
    from .prescription import Prescriber

    if not scenario.rule_enabled("structure"):
        return []
    rule, rx = Eligibility(scenario, catalog), Prescriber(scenario, horizon)
    narrow, missing = [], {}
    for week in horizon.weeks:
        if not is_regular(week):
            continue
        locations = {d.location for d in week.available_days if d.location}
        if narrowed(scenario, week):
            narrow.append(week.number)
        have = offered(rule, locations, explosive_block(rx, horizon, week.block))
        for p in COVERAGE:
            if p not in have:
                missing.setdefault(p, []).append(week.number)
    out = []
    if narrow:
        out.append(f"structure: week(s) {_weeks(narrow)} offer under {NARROW_MINUTES} training "
                   "minutes: the pattern coverage narrows to a squat, a true hinge, one push "
                   "and one pull")
    for p, weeks in missing.items():
        out.append(f"structure: week(s) {_weeks(weeks)}: no location offers {LABEL[p]} this "
                   f"trainee may do (level, equipment, preferences); the week goes without it")
    return out


def _weeks(numbers: list[int]) -> str:
    runs, start = [], numbers[0]
    for a, b in zip(numbers, numbers[1:] + [None], strict=False):
        if b != a + 1:
            runs.append(str(start) if start == a else f"{start}-{a}")
            start = b
    return ", ".join(runs)


def kept_lifts(scenario, catalog) -> frozenset[str]:
    """Exercise ids `variation`'s new-exercise share and its cost leave out: the strength
    goal's main lifts stay across blocks (their rep scheme still changes)."""
    if not (strength_goal(scenario) and scenario.rule_enabled("structure")):
        return frozenset()
    return frozenset(e.id for e in catalog.exercises if main_lift_of(e))
