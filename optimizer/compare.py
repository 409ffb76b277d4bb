"""`compare(scenario, catalog, alternatives, config) -> Comparison`: goal trade-offs side by side.

An *alternative* is a named variant of one scenario, solved on the same calendar:

- a single goal (`--goals hypertrophy,strength,fat_loss`): `goal` replaces the scenario's goal or
  goal mix;
- a goal mix (`--mix hypertrophy:fat_loss:5`): N evenly spaced weights from 1/0 to 0/1;
- a sweep point (`--sweep cardio=0:150:30`): the scenario's goal (or the one `--goals` names)
  with an *epsilon constraint* on one measure (see below).

Every alternative is solved on its own (in worker processes when `processes > 1`); rows are kept
in the order the alternatives were given, whatever order the solves finish in, so the result
does not depend on scheduling (and, in deterministic mode, not on `processes` either).

Measures are computed **from each plan** (never from solver variables) and are weekly averages
over the plan's non-break, non-deload weeks: strength sets in total, per body region (legs /
upper / core) and per muscle group, lower-body share, cardio minutes, cardio and
interval/conditioning sessions, sessions and their average minutes; format 2 (SPEC §7.2–7.3,
figures of `optimizer.plan_stats`, None for a format-1 plan): mean %1RM of strength sets, strength
sets at rir ≤ 1, mean daily kcal (and mean daily protein, in format 1 too); over the whole plan:
distinct exercises; and the objective by rule (the plan's `objective_terms`).

Epsilon constraint (sweeps). The measure `cardio` is the weekly cardio minutes of docs/rules.md
(work seconds of `cardio_steady` and `cardio_interval` exercises / 60). A sweep point adds to the
CP-SAT model (`optimizer.cpsat.sweep.add_cardio_bound`), for every non-break, non-deload week, the
linear constraint Σ dose × unit seconds of the week's cardio choices `== 60·X` (`cardio`), `<=
60·X` (`cardio_max`) or `>= 60·X` (`cardio_min`) — the same expression the `cardio` rule uses, so
the plan's measured cardio minutes obey it exactly. Deload weeks keep their fixed easy dose and are
not constrained. The constraint is not a scenario rule: the point's plan records it in its
`warnings`, and `periodize check` verifies the plan against the scenario's own rules. When a point
has no plan, the reason is found as for `solve` (the sweep constraint is one of the named
requirements). Sweep points are solved without the block-by-block warm start.

The Pareto front of a sweep is over (measured weekly cardio minutes: more is better, objective:
less is better): a point is dominated when another point has at least as much cardio at no
higher cost, and strictly better in one. Objectives of different goals are in different units
(each goal's weights), so goal and mix rows have no front.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from models.catalog import Catalog, builtin_catalog
from models.errors import InfeasibleError, InputError
from models.horizon import Horizon
from models.plan import Plan
from models.scenario import Scenario, parse_scenario
from models.vocab import CARDIO_KINDS, GOALS, LEG_GROUPS, MUSCLE_GROUPS, UPPER_GROUPS

from .objective import SOFT_RULES, cardio_seconds, sessions_by_week
from .plan_stats import hard_sets, mean_kcal, mean_percent_1rm, mean_protein_g
from .solving import Result, SolveConfig
from .workers import run_jobs

COMPARE_FORMAT = "periodize-compare/1"
FORMATS = ("table", "markdown", "json", "csv")
DEFAULT_GOALS = ("hypertrophy", "strength", "fat_loss")
# Sweepable measures: name -> (relation, words). Only weekly cardio minutes so far.
SWEEPS = {
    "cardio": ("==", "exactly"),
    "cardio_max": ("<=", "at most"),
    "cardio_min": (">=", "at least"),
}
SWEEP_RANGE = (0, 1000)  # minutes a week (the range of rules.cardio.max_minutes)
MAX_SWEEP_POINTS = 25
MIX_POINTS = (2, 21)
GROUPS = {"legs": LEG_GROUPS, "upper": UPPER_GROUPS, "core": frozenset({"core"})}
INTERVAL_KINDS = frozenset({"cardio_interval", "conditioning"})
# format-2 measures (Measures.prescription): CSV columns and table heads, in the same order
PRESCRIPTION_COLUMNS = ("percent_1rm", "hard_sets", "kcal", "protein_g")
PRESCRIPTION_HEADS = ("%1RM", "rir≤1/wk", "kcal/day", "protein g")


# ------------------------------------------------------------------------------ alternatives
@dataclass(frozen=True)
class Alternative:
    """A named variant of the scenario. `goal`/`goal_weights` replace the scenario's goal when
    given; `measure`/`value` add a sweep's epsilon constraint."""

    name: str
    kind: str  # "goal" | "mix" | "sweep"
    goal: str | None = None
    goal_weights: tuple[tuple[str, float], ...] | None = None
    measure: str | None = None
    value: int | None = None

    def describe(self) -> str:
        if self.measure is not None:
            words = SWEEPS[self.measure][1]
            return f"weekly cardio minutes {words} {self.value}"
        if self.goal_weights is not None:
            return "goal mix " + ", ".join(f"{g} {w:g}" for g, w in self.goal_weights)
        return f"goal {self.goal}"


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _check_goal(goal: str, option: str) -> None:
    if goal not in GOALS:
        raise InputError(f"unknown goal {goal!r}; allowed: {', '.join(GOALS)}", field=option)


def goal_alternatives(goals: str | Sequence[str] = DEFAULT_GOALS) -> list[Alternative]:
    """One alternative per goal (`"hypertrophy,strength"` or a list); duplicates dropped."""
    names = _split(goals) if isinstance(goals, str) else [g.strip() for g in goals]
    if not names:
        raise InputError(f"give at least one goal; allowed: {', '.join(GOALS)}", field="--goals")
    out: list[Alternative] = []
    for goal in names:
        _check_goal(goal, "--goals")
        if all(a.goal != goal for a in out):
            out.append(Alternative(goal, "goal", goal=goal))
    return out


def mix_alternatives(spec: str) -> list[Alternative]:
    """`A:B:N` -> N goal mixes with weights evenly spaced from A 1 / B 0 to A 0 / B 1."""
    parts = spec.split(":")
    usage = (f"expected GOAL:GOAL:N, e.g. hypertrophy:fat_loss:5 "
             f"(N {MIX_POINTS[0]}..{MIX_POINTS[1]})")
    if len(parts) != 3:
        raise InputError(f"{spec!r}: {usage}", field="--mix")
    a, b, n_text = (p.strip() for p in parts)
    _check_goal(a, "--mix")
    _check_goal(b, "--mix")
    if a == b:
        raise InputError(f"{spec!r}: the two goals must differ", field="--mix")
    if not re.fullmatch(r"\d+", n_text) or not MIX_POINTS[0] <= int(n_text) <= MIX_POINTS[1]:
        raise InputError(f"{spec!r}: N must be a whole number {MIX_POINTS[0]}..{MIX_POINTS[1]}",
                         field="--mix")
    n = int(n_text)
    out = []
    for i in range(n):
        wa = round(1 - i / (n - 1), 4)
        wb = round(1 - wa, 4)
        weights = tuple((g, w) for g, w in ((a, wa), (b, wb)) if w > 0)
        name = "+".join(f"{g}{round(100 * w)}" for g, w in ((a, wa), (b, wb)))
        out.append(Alternative(name, "mix", goal_weights=weights))
    return out


def sweep_alternatives(spec: str, goal: str | None = None) -> list[Alternative]:
    """`MEASURE=LO:HI:STEP` (or `MEASURE=VALUE`) -> one sweep point per value, on the
    scenario's goal or on `goal`."""
    supported = ", ".join(f"{m} (weekly cardio minutes {w} X)" for m, (_, w) in SWEEPS.items())
    if "=" not in spec:
        raise InputError(f"{spec!r}: expected MEASURE=LO:HI:STEP, e.g. cardio=0:150:30; "
                         f"measures: {supported}", field="--sweep")
    measure, _, rng = (p.strip() for p in spec.partition("="))
    if measure not in SWEEPS:
        raise InputError(f"measure {measure!r} cannot be swept; supported: {supported}",
                         field="--sweep")
    if goal is not None:
        _check_goal(goal, "--goals")
    numbers = rng.split(":")
    if len(numbers) not in (1, 3) or not all(re.fullmatch(r"\d+", x.strip()) for x in numbers):
        raise InputError(f"{spec!r}: expected whole minutes LO:HI:STEP (e.g. 0:150:30) or one "
                         "value", field="--sweep")
    if len(numbers) == 1:
        lo = hi = int(numbers[0])
        step = 1
    else:
        lo, hi, step = (int(x) for x in numbers)
    if not SWEEP_RANGE[0] <= lo <= hi <= SWEEP_RANGE[1] or step < 1:
        raise InputError(f"{spec!r}: need {SWEEP_RANGE[0]} <= LO <= HI <= {SWEEP_RANGE[1]} "
                         "minutes and STEP >= 1", field="--sweep")
    values = list(range(lo, hi + 1, step))
    if len(values) > MAX_SWEEP_POINTS:
        raise InputError(f"{spec!r}: {len(values)} points; at most {MAX_SWEEP_POINTS} (use a "
                         "larger STEP)", field="--sweep")
    return [Alternative(f"{measure}-{v}", "sweep", goal=goal, measure=measure, value=v)
            for v in values]


def variant_scenario(scenario: Scenario, alt: Alternative) -> Scenario:
    """The scenario with the alternative's goal (validated again; its name says the variant)."""
    data = scenario.to_json_dict()
    if alt.goal is not None or alt.goal_weights is not None:
        data.pop("goal", None)
        data.pop("goal_weights", None)
        if alt.goal_weights is not None:
            data["goal_weights"] = dict(alt.goal_weights)
        else:
            data["goal"] = alt.goal
    data["name"] = f"{scenario.name} [{alt.name}]"
    return parse_scenario(data, f"<compare: {alt.name}>")


# ------------------------------------------------------------------------------ epsilon constraint
def obvious_conflicts(scenario: Scenario, alt: Alternative) -> list[str]:
    """Sound reasons, found without the solver, why a sweep point can have no plan: a size or
    strength goal's cardio cap below X, or cardio ≤ strength minutes with too little time for
    2·X minutes of work in a week (after warm-ups, on the most days rest days allow)."""
    from .cpsat.model import GOAL_RULE_SHARE
    from .structure import Structure

    relation = SWEEPS[alt.measure or "cardio"][0]
    minutes = alt.value or 0
    if relation == "<=" or not scenario.rule_enabled("cardio"):
        return []
    structure = Structure(Horizon(scenario))
    regular = [t for t in structure.templates if t.regular_weeks]
    if not regular:
        return []
    out = []
    mix = scenario.goal_mix()
    cap = scenario.rule_param("cardio", "max_minutes")
    size = [g for g in ("hypertrophy", "strength") if mix.get(g, 0.0) >= GOAL_RULE_SHARE - 1e-9]
    if size and minutes > cap:
        out.append(f"{' and '.join(size)} cap cardio at {cap} min a week "
                   "(rules.cardio.max_minutes)")
    if scenario.primary_goal != "endurance" and scenario.rule_enabled("session_time"):
        warmup = scenario.rule_param("session_time", "warmup_minutes")
        most = 7
        if scenario.rule_enabled("rest_days"):
            most = 7 - scenario.rule_param("rest_days", "min_per_week")
        for template in regular:
            budgets = sorted((max(0, s.minutes - warmup) for s in template.slots), reverse=True)
            budget = sum(budgets[:most])
            if 2 * minutes > budget:
                week = template.regular_weeks[0].number
                out.append(
                    f"cardio minutes may not exceed strength minutes, so {minutes} min of cardio "
                    f"needs ≥ {2 * minutes} min of work, but week {week} offers at most "
                    f"{budget} min after warm-ups"
                )
                break
    return out


def _explain_epsilon(scenario: Scenario, catalog: Catalog, alt: Alternative) -> InfeasibleError:
    """Why no plan meets the scenario's hard rules together with the sweep constraint."""
    from .cpsat.diagnosis import DIAGNOSE_SECONDS, minimal_conflict
    from .cpsat.sweep import add_cardio_bound
    from .diagnose import sentence

    relation = SWEEPS[alt.measure or "cardio"][0]
    conflict = minimal_conflict(
        scenario, catalog,
        prepare=lambda built: add_cardio_bound(built.context, relation, alt.value or 0),
    )
    if conflict is None:
        return InfeasibleError(f"no plan with {alt.describe()} was found, and the reason could "
                               f"not be isolated in {DIAGNOSE_SECONDS:g} s")
    horizon = Horizon(scenario)
    reasons = []
    for rule, scope in conflict:
        if rule == "compare":
            reasons.append(f"the sweep asks for {alt.describe()} ({scope})")
        else:
            reasons.append(sentence(scenario, rule, scope, horizon))
    if not reasons:
        reasons = ["some available days are too short for a session of 2 exercises"]
    return InfeasibleError(f"no plan with {alt.describe()}: " + "; ".join(reasons), reasons)


def _solve_sweep_point(
    scenario: Scenario, catalog: Catalog, alt: Alternative, config: SolveConfig
) -> Result:
    from .cpsat.model import build
    from .cpsat.sweep import add_cardio_bound
    from .solving import solve_built

    started = time.perf_counter()
    conflicts = obvious_conflicts(scenario, alt)
    if conflicts:
        raise InfeasibleError(f"no plan with {alt.describe()}: " + "; ".join(conflicts),
                              conflicts)
    built = build(scenario, catalog)
    add_cardio_bound(built.context, SWEEPS[alt.measure or "cardio"][0], alt.value or 0)
    warnings = built.context.horizon.warnings() + [
        f"compare sweep: {alt.describe()} in every non-break, non-deload week (a constraint "
        "added by `periodize compare`, not a rule of the scenario)"
    ]
    result = solve_built(built, scenario, config, warnings)
    result.seconds = time.perf_counter() - started
    if result.status == "infeasible":
        raise _explain_epsilon(scenario, catalog, alt)
    return result


# ------------------------------------------------------------------------------ one solve
@dataclass
class Outcome:
    """What a worker sends back for one alternative."""

    index: int
    status: str
    objective: float | None = None
    best_bound: float | None = None
    gap: float | None = None
    seconds: float = 0.0
    plan: Plan | None = None
    reason: str = ""
    interrupted: bool = False  # Ctrl-C: the plan is the best found so far, or none


NOT_SOLVED = "not solved: interrupted (Ctrl-C)"


def solve_alternative(
    index: int, scenario: Scenario, catalog: Catalog, alt: Alternative, config: SolveConfig
) -> Outcome:
    """Solve one alternative; no plan is an outcome (status and reason), not an exception."""
    from .solving import solve

    started = time.perf_counter()
    variant = variant_scenario(scenario, alt)
    try:
        if alt.measure is None:
            result = solve(variant, catalog, config)
        else:
            result = _solve_sweep_point(variant, catalog, alt, config)
    except InfeasibleError as err:
        return Outcome(index, "infeasible", seconds=time.perf_counter() - started,
                       reason=str(err))
    if result.plan is None:
        reason = (NOT_SOLVED if result.interrupted else
                  f"no plan found within the time limit ({config.time_limit:g} s); "
                  "try a longer --time-limit")
        return Outcome(index, result.status, seconds=result.seconds, reason=reason,
                       interrupted=result.interrupted)
    return Outcome(index, result.status, result.objective, result.best_bound, result.gap,
                   result.seconds, result.plan, interrupted=result.interrupted)


def _solve_job(job: tuple) -> Outcome:  # top level, so worker processes can run it
    return solve_alternative(*job)


# ------------------------------------------------------------------------------ measures
@dataclass(frozen=True)
class Measures:
    """Weekly averages over the plan's non-break, non-deload weeks (distinct exercises: whole
    plan), computed from the plan."""

    weeks: int
    sessions: float
    strength_sets: float
    group_sets: dict[str, float]
    muscle_sets: dict[str, float]
    lower_body_share: float
    cardio_minutes: float
    cardio_sessions: float
    interval_sessions: float
    session_minutes: float
    distinct_exercises: int
    distinct_strength_exercises: int
    # format 2; None where the plan has no such data (format 1: no %1RM, rir or kcal)
    percent_1rm: float | None = None  # mean of strength sets, weighted by sets
    hard_sets: float | None = None  # strength sets at rir ≤ 1 a week
    kcal: float | None = None  # mean daily target
    protein_g: float | None = None  # mean daily protein

    def to_dict(self) -> dict[str, Any]:
        return {
            "weeks": self.weeks,
            "sessions": self.sessions,
            "strength_sets": self.strength_sets,
            "group_sets": dict(self.group_sets),
            "muscle_sets": dict(self.muscle_sets),
            "lower_body_share": self.lower_body_share,
            "cardio_minutes": self.cardio_minutes,
            "cardio_sessions": self.cardio_sessions,
            "interval_sessions": self.interval_sessions,
            "session_minutes": self.session_minutes,
            "distinct_exercises": self.distinct_exercises,
            "distinct_strength_exercises": self.distinct_strength_exercises,
            **self.prescription(),
        }

    def prescription(self) -> dict[str, float | None]:
        """The format-2 figures by name (the JSON keys and CSV columns)."""
        return {"percent_1rm": self.percent_1rm, "hard_sets": self.hard_sets,
                "kcal": self.kcal, "protein_g": self.protein_g}


def _r(x: float) -> float:
    return round(x + 0.0, 2)


def _r_or_none(x: float | None) -> float | None:
    return None if x is None else _r(x)


def plan_measures(plan: Plan, scenario: Scenario | None = None) -> Measures:
    """The comparison measures of a plan (docs/rules.md definitions)."""
    scenario = scenario or plan.scenario_model()
    horizon = Horizon(scenario)
    by_week = sessions_by_week(plan, horizon)
    weeks = [w.number for w in horizon.weeks if not w.is_break and not w.deload]
    if not weeks:  # e.g. a plan of deload weeks only: fall back to every non-break week
        weeks = [w.number for w in horizon.weeks if not w.is_break]
    n = max(1, len(weeks))
    sessions = [s for w in weeks for s in by_week.get(w, [])]
    strength = [e for s in sessions for e in s.exercises if e.kind == "strength"]
    total = sum(e.sets for e in strength)
    group_sets = {g: sum(e.sets for e in strength if groups & set(e.primary_muscles))
                  for g, groups in GROUPS.items()}
    muscle_sets = {m: sum(e.sets for e in strength if m in e.primary_muscles)
                   for m in MUSCLE_GROUPS}
    cardio = sum(cardio_seconds(by_week.get(w, [])) for w in weeks) / 60
    all_ids = {e.id for s in plan.sessions for e in s.exercises}
    strength_ids = {e.id for s in plan.sessions for e in s.exercises if e.kind == "strength"}
    days = [d for d in plan.days if d.week in set(weeks)]
    hard = hard_sets(sessions)
    return Measures(
        weeks=len(weeks),
        sessions=_r(len(sessions) / n),
        strength_sets=_r(total / n),
        group_sets={g: _r(v / n) for g, v in group_sets.items()},
        muscle_sets={m: _r(v / n) for m, v in muscle_sets.items()},
        lower_body_share=_r(group_sets["legs"] / total) if total else 0.0,
        cardio_minutes=_r(cardio / n),
        cardio_sessions=_r(sum(1 for s in sessions
                               if any(e.kind in CARDIO_KINDS for e in s.exercises)) / n),
        interval_sessions=_r(sum(1 for s in sessions
                                 if any(e.kind in INTERVAL_KINDS for e in s.exercises)) / n),
        session_minutes=_r(sum(s.minutes for s in sessions) / len(sessions)) if sessions else 0.0,
        distinct_exercises=len(all_ids),
        distinct_strength_exercises=len(strength_ids),
        percent_1rm=_r_or_none(mean_percent_1rm(sessions)),
        hard_sets=None if hard is None else _r(hard / n),
        kcal=_r_or_none(mean_kcal(days)),
        protein_g=_r_or_none(mean_protein_g(days)),
    )


def terms_by_rule(plan: Plan) -> dict[str, float]:
    """The plan's objective by rule (from its `objective_terms`), in SOFT_RULES order."""
    totals: dict[str, float] = {}
    for t in plan.objective_terms:
        totals[t.rule] = totals.get(t.rule, 0.0) + t.penalty
    order = {r: i for i, r in enumerate(SOFT_RULES)}
    return {r: totals[r] for r in sorted(totals, key=lambda r: (order.get(r, 99), r))}


# ------------------------------------------------------------------------------ the comparison
@dataclass
class Row:
    """One alternative of a comparison: solver answer, plan, measures, trade-offs."""

    alternative: Alternative
    status: str
    objective: float | None
    best_bound: float | None
    gap: float | None
    seconds: float
    plan: Plan | None
    reason: str = ""
    measures: Measures | None = None
    terms: dict[str, float] = field(default_factory=dict)
    gives_up: list[str] = field(default_factory=list)
    pareto: bool | None = None  # sweeps: on the front (True), dominated (False), no plan (None)
    dominated_by: str | None = None
    goal_mix: dict[str, float] = field(default_factory=dict)  # the variant's normalised goals
    interrupted: bool = False  # Ctrl-C: the plan is the best found so far, or none

    @property
    def name(self) -> str:
        return self.alternative.name


@dataclass
class Comparison:
    scenario: str
    mode: str  # "goals" | "mix" | "sweep"
    rows: list[Row]
    config: SolveConfig
    measure: str | None = None  # the swept measure
    seconds: float = 0.0
    interrupted: bool = False  # Ctrl-C: some rows are the best found so far, or not solved

    @property
    def front(self) -> list[str]:
        return [r.name for r in self.rows if r.pareto]

    def row(self, name: str) -> Row:
        for r in self.rows:
            if r.name == name:
                return r
        raise KeyError(name)


def _mode(alternatives: Sequence[Alternative]) -> tuple[str, str | None]:
    kinds = {a.kind for a in alternatives}
    if "sweep" in kinds:
        measures = {a.measure for a in alternatives}
        if kinds != {"sweep"} or len(measures) != 1:
            raise InputError("a sweep compares points of one measure only", field="--sweep")
        return "sweep", measures.pop()
    return ("mix" if kinds == {"mix"} else "goals"), None


def compare(
    scenario: Scenario,
    catalog: Catalog | None,
    alternatives: Sequence[Alternative],
    config: SolveConfig | None = None,
    processes: int = 1,
    on_done: Callable[[Row], None] | None = None,
) -> Comparison:
    """Solve every alternative on the scenario's calendar and compare the plans.

    Rows keep the order of `alternatives`; `processes > 1` solves in that many worker processes
    (each with `config.workers` threads). `on_done` is called as each alternative finishes (in
    finishing order; for progress messages only). Ctrl-C (`optimizer.workers`) ends the
    comparison: the alternatives being solved keep their best plan so far, those not finished
    get status `unknown` and reason `NOT_SOLVED`, and `Comparison.interrupted` is set."""
    if not alternatives:
        raise InputError("nothing to compare: give goals, a mix or a sweep")
    names = [a.name for a in alternatives]
    if len(set(names)) != len(names):
        raise InputError(f"alternative names must be unique: {', '.join(names)}")
    mode, measure = _mode(alternatives)
    catalog = catalog or builtin_catalog()
    config = config or SolveConfig()
    started = time.perf_counter()
    jobs = [(i, scenario, catalog, alt, config) for i, alt in enumerate(alternatives)]
    outcomes: dict[int, Outcome] = {}

    def finished(outcome: Outcome) -> None:
        outcomes[outcome.index] = outcome
        if on_done is not None:
            on_done(_row(scenario, alternatives[outcome.index], outcome))

    stopped = run_jobs(_solve_job, jobs, processes, lambda _, outcome: finished(outcome))
    for i in range(len(alternatives)):
        if i not in outcomes:  # Ctrl-C came first
            outcomes[i] = Outcome(i, "unknown", reason=NOT_SOLVED, interrupted=True)
    rows = [_row(scenario, alternatives[i], outcomes[i]) for i in range(len(alternatives))]
    _gives_up(rows)
    if mode == "sweep":
        _pareto(rows)
    return Comparison(scenario.name, mode, rows, config, measure,
                      time.perf_counter() - started, stopped)


def _row(scenario: Scenario, alt: Alternative, outcome: Outcome) -> Row:
    row = Row(alt, outcome.status, outcome.objective, outcome.best_bound, outcome.gap,
              outcome.seconds, outcome.plan, outcome.reason, interrupted=outcome.interrupted)
    variant = outcome.plan.scenario_model() if outcome.plan else variant_scenario(scenario, alt)
    row.goal_mix = variant.goal_mix()
    if outcome.plan is not None:
        row.measures = plan_measures(outcome.plan, variant)
        row.terms = terms_by_rule(outcome.plan)
    return row


# ------------------------------------------------------------------------------ trade-offs
def _pct_loss(value: float, best: float) -> float:
    return (best - value) / best if best > 0 else 0.0


def _best(others: list[Row], get: Callable[[Measures], float]) -> tuple[float, str]:
    """The best value of a measure among rows, and whose it is (first of equals)."""
    top = max(others, key=lambda other: get(other.measures))  # type: ignore[arg-type]
    return get(top.measures), top.name  # type: ignore[arg-type]


def _gives_up(rows: list[Row]) -> None:
    """Per row: what it lacks against the best of the *other* rows, largest first."""
    solved = [r for r in rows if r.measures is not None]
    if len(solved) < 2:
        return
    for row in solved:
        others = [r for r in solved if r is not row]
        m = row.measures
        assert m is not None

        def best(get: Callable[[Measures], float], others: list[Row] = others
                 ) -> tuple[float, str]:
            return _best(others, get)

        items: list[tuple[int, float, str]] = []  # (order, -size, text)
        value, (top, who) = m.strength_sets, best(lambda x: x.strength_sets)
        loss = _pct_loss(value, top)
        if loss >= 0.1 and top - value >= 1:
            items.append((0, -loss, f"−{loss:.0%} strength sets (vs {who})"))
        value, (top, who) = m.cardio_minutes, best(lambda x: x.cardio_minutes)
        if top - value >= 5:
            items.append((1, 0.0, f"−{top - value:.0f} cardio min/week (vs {who})"))
        value, (top, who) = m.interval_sessions, best(lambda x: x.interval_sessions)
        if top - value >= 0.5:
            items.append((2, 0.0, f"−{top - value:g} interval sessions/week (vs {who})"))
        muscles = []
        for muscle in MUSCLE_GROUPS:
            value, (top, who) = m.muscle_sets[muscle], best(
                lambda x, muscle=muscle: x.muscle_sets[muscle])
            loss = _pct_loss(value, top)
            if loss >= 0.1 and top - value >= 1:
                muscles.append((3, -loss, f"−{loss:.0%} {muscle} sets (vs {who})"))
        muscles.sort(key=lambda i: i[1])  # stable: muscle order among equal losses
        items += muscles[:3]
        value, (top, who) = m.distinct_exercises, best(lambda x: x.distinct_exercises)
        if top - value >= 2:
            items.append((4, 0.0, f"−{top - value:.0f} distinct exercises (vs {who})"))
        row.gives_up = [text for _, _, text in sorted(items, key=lambda i: (i[0], i[1]))]


def _pareto(rows: list[Row]) -> None:
    """Sweep rows: non-dominated in (cardio minutes, maximise; objective, minimise)."""
    points = [r for r in rows if r.measures is not None and r.objective is not None]
    for row in points:
        row.pareto = True
        for other in points:
            if other is row:
                continue
            if dominates(point(other), point(row)):
                row.pareto = False
                row.dominated_by = other.name
                break


def point(row: Row) -> tuple[float, float]:
    """(cardio minutes a week, objective) of a row with a plan."""
    assert row.measures is not None and row.objective is not None
    return row.measures.cardio_minutes, row.objective


def dominates(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """a = (cardio, objective) dominates b: at least as much cardio at no higher cost, and
    better in one of the two."""
    eps = 1e-9
    no_worse = a[0] >= b[0] - eps and a[1] <= b[1] + eps
    better = a[0] > b[0] + eps or a[1] < b[1] - eps
    return no_worse and better


# ------------------------------------------------------------------------------ output
def _num(x: float | None, digits: int = 1) -> str:
    if x is None:
        return "-"
    text = f"{x:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def to_dict(comp: Comparison, plan_files: dict[str, str] | None = None) -> dict[str, Any]:
    """The comparison as data (JSON output). No wall-clock times, so the same scenario, seed
    and deterministic mode give the same document."""
    alts = []
    for r in comp.rows:
        a = r.alternative
        alts.append({
            "name": r.name,
            "kind": a.kind,
            "variant": a.describe(),
            "goal_mix": {g: round(w, 4) for g, w in r.goal_mix.items()} or None,
            "sweep_value": a.value,
            "status": r.status,
            "objective": r.objective,
            "best_bound": r.best_bound,
            "gap": None if r.gap is None else round(r.gap, 6),
            "reason": r.reason or None,
            "measures": r.measures.to_dict() if r.measures else None,
            "objective_terms": r.terms,
            "gives_up": r.gives_up,
            "pareto": r.pareto,
            "dominated_by": r.dominated_by,
            "plan_file": (plan_files or {}).get(r.name),
        })
    return {
        "format": COMPARE_FORMAT,
        "scenario": comp.scenario,
        "mode": comp.mode,
        "sweep": None if comp.measure is None else {
            "measure": comp.measure, "relation": SWEEPS[comp.measure][0],
            "unit": "cardio minutes a week",
            "front": "maximise cardio minutes, minimise objective",
        },
        "seed": comp.config.seed,
        "deterministic": comp.config.deterministic,
        "time_limit": comp.config.time_limit,
        "averaged_over": "non-break, non-deload weeks",
        "alternatives": alts,
        "front": comp.front if comp.mode == "sweep" else None,
    }


def to_json(comp: Comparison, plan_files: dict[str, str] | None = None) -> str:
    return json.dumps(to_dict(comp, plan_files), indent=1, ensure_ascii=False) + "\n"


def _rules_used(comp: Comparison) -> list[str]:
    used = {rule for r in comp.rows for rule in r.terms}
    return [r for r in SOFT_RULES if r in used] + sorted(used - set(SOFT_RULES))


def to_csv(comp: Comparison, plan_files: dict[str, str] | None = None) -> str:
    """One row per alternative, flat columns (weekly averages, per-rule objective terms)."""
    rules = _rules_used(comp)
    head = ["alternative", "variant", "status", "objective", "best_bound", "gap", "sweep_value",
            "sessions", "strength_sets", *[f"{g}_sets" for g in GROUPS], "lower_body_share",
            "cardio_minutes", "cardio_sessions", "interval_sessions", "session_minutes",
            "distinct_exercises", *[f"{m}_sets" for m in MUSCLE_GROUPS],
            *[f"term_{r}" for r in rules], "pareto", "dominated_by", "gives_up", "reason",
            "plan_file", *PRESCRIPTION_COLUMNS]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(head)
    for r in comp.rows:
        m = r.measures
        cells: list[Any] = [r.name, r.alternative.describe(), r.status, r.objective,
                            r.best_bound, None if r.gap is None else round(r.gap, 6),
                            r.alternative.value]
        if m is None:
            cells += [None] * (9 + len(GROUPS) + len(MUSCLE_GROUPS))
        else:
            cells += [m.sessions, m.strength_sets, *m.group_sets.values(), m.lower_body_share,
                      m.cardio_minutes, m.cardio_sessions, m.interval_sessions,
                      m.session_minutes, m.distinct_exercises, *m.muscle_sets.values()]
        cells += [r.terms.get(rule, 0.0) if m is not None else None for rule in rules]
        cells += [r.pareto, r.dominated_by, "; ".join(r.gives_up), r.reason,
                  (plan_files or {}).get(r.name)]
        cells += list(m.prescription().values()) if m else [None] * len(PRESCRIPTION_COLUMNS)
        writer.writerow(["" if c is None else c for c in cells])
    return out.getvalue()


def render(comp: Comparison, fmt: str = "table", plan_files: dict[str, str] | None = None
           ) -> str:
    """The comparison in one of FORMATS."""
    if fmt == "json":
        return to_json(comp, plan_files)
    if fmt == "csv":
        return to_csv(comp, plan_files)
    return render_tables(comp, fmt)


def render_tables(comp: Comparison, fmt: str = "table") -> str:
    from tabulate import tabulate

    markdown = fmt == "markdown"
    tablefmt = "github" if markdown else "simple"
    sweep = comp.mode == "sweep"
    parts: list[str] = []
    title = f"Compare: {comp.scenario}"
    if sweep and comp.measure:
        title += f" — sweep of weekly cardio minutes ({SWEEPS[comp.measure][1]} X)"
    elif comp.mode == "mix":
        title += " — goal mixes"
    else:
        title += " — goals"
    parts.append(f"## {title}" if markdown else title)

    head = ["alternative", "status", "objective", "gap", "sets/wk", "legs", "upper", "core",
            "lower %", "cardio min/wk", "interval sess/wk", "sessions/wk", "min/session",
            "exercises", *PRESCRIPTION_HEADS]
    if sweep:
        head.append("front")
    head.append("s")
    rows = []
    for r in comp.rows:
        m = r.measures
        cells: list[Any] = [r.name, r.status, _num(r.objective),
                            "-" if r.gap is None else f"{100 * r.gap:.1f}%"]
        if m is None:
            cells += ["-"] * (10 + len(PRESCRIPTION_HEADS))
        else:
            cells += [_num(m.strength_sets), *(_num(v) for v in m.group_sets.values()),
                      f"{100 * m.lower_body_share:.0f}%", _num(m.cardio_minutes),
                      _num(m.interval_sessions), _num(m.sessions), _num(m.session_minutes),
                      m.distinct_exercises, _num(m.percent_1rm), _num(m.hard_sets),
                      _num(m.kcal, 0), _num(m.protein_g, 0)]
        if sweep:
            cells.append("-" if r.pareto is None else
                         "pareto" if r.pareto else f"dominated by {r.dominated_by}")
        cells.append(f"{r.seconds:.1f}")
        rows.append(cells)
    parts.append(tabulate(rows, headers=head, tablefmt=tablefmt, disable_numparse=True))

    solved = [r for r in comp.rows if r.measures is not None]
    if solved:
        heads = ["alternative", *MUSCLE_GROUPS]
        muscle_rows = [[r.name, *(_num(r.measures.muscle_sets[m]) for m in MUSCLE_GROUPS)]
                       for r in solved if r.measures is not None]
        label = "Strength sets a week per muscle group (primary muscles)"
        parts.append((f"### {label}" if markdown else label) + "\n\n" + tabulate(
            muscle_rows, headers=heads, tablefmt=tablefmt, disable_numparse=True))
        rules = _rules_used(comp)
        label = "Objective by rule (soft-rule penalty points, whole plan)"
        if rules:
            term_rows = [[r.name, *(_num(r.terms.get(rule, 0.0)) for rule in rules),
                          _num(r.objective)] for r in solved]
            table = tabulate(term_rows, headers=["alternative", *rules, "total"],
                             tablefmt=tablefmt, disable_numparse=True)
        else:
            table = "every soft target met: objective 0 for every alternative"
        parts.append((f"### {label}" if markdown else label) + "\n\n" + table)

    lines = []
    for r in solved:
        if len(solved) < 2:
            break
        gives = ", ".join(r.gives_up) if r.gives_up else "nothing measured here"
        lines.append(f"{'- ' if markdown else '  '}{r.name} gives up: {gives}")
    if lines:
        label = "What each alternative gives up against the best of the others"
        parts.append((f"### {label}" if markdown else label) + "\n\n" + "\n".join(lines))

    failed = [r for r in comp.rows if r.measures is None]
    if failed:
        label = "No plan"
        parts.append((f"### {label}" if markdown else label) + "\n\n" + "\n".join(
            f"{'- ' if markdown else '  '}{r.name}: {r.status}: "
            + r.reason.replace("\n", "\n    ") for r in failed))

    notes = ["weekly values are averages over the non-break, non-deload weeks; exercises: "
             "distinct over the whole plan",
             "%1RM: mean of strength sets (by sets); rir≤1: strength sets a week at rir ≤ 1; "
             "kcal, protein g: daily means; '-': the plan has no such data (format 1)"]
    if comp.mode != "sweep" and len(solved) > 1:
        notes.append("objectives of different goals use each goal's weights: compare the "
                     "measures, not the objectives")
    if sweep:
        notes.append("front: Pareto front of (cardio minutes, more is better; objective, less "
                     "is better)")
    if any(r.gap for r in solved):
        notes.append("a row with a gap is the best plan found, not proven optimal")
    parts.append("\n".join(f"{'- ' if markdown else ''}note: {n}" for n in notes))
    return "\n\n".join(parts) + "\n"


def plan_filename(item: Row | Alternative) -> str:
    return f"{item.name}.plan.json"
