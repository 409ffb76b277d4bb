"""The cost of swapping one exercise of a session for another (`periodize explain --swap A=B`).

The plan's scenario is solved again with B forced into that session's template in place of A
(`Variables.fix`; the template covers every week of the block with the same availability, so
the swap holds for all of them), warm-started from the plan, with a short time limit. The
answer is the objective difference and the rules whose penalties change, or — when no plan
allows the swap — the rule that forbids it: a filter rule (equipment, level, preferences,
explosive) read off the exercise, or the conflicting requirements found by the diagnosis.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from models.errors import InfeasibleError, InputError
from models.plan import Plan
from models.scenario import scenario_catalog

from .explain import find_session, weeks_text, why_not_allowed
from .validate import build_context

SWAP_SECONDS = 5.0


@dataclass
class SwapResult:
    date: date
    old: str
    new: str
    weeks: list[int]  # the weeks whose session the swap changes (one template)
    status: str  # optimal | feasible | forbidden | infeasible | unknown
    old_objective: float
    new_objective: float | None = None
    rule_changes: dict[str, tuple[float, float]] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    plan_status: str = "optimal"
    seconds: float = 0.0
    new_plan: Plan | None = None  # the re-solved plan (not in the JSON form)

    @property
    def ok(self) -> bool:
        return self.new_objective is not None

    @property
    def difference(self) -> float | None:
        return None if self.new_objective is None else self.new_objective - self.old_objective

    def to_dict(self) -> dict:
        return {
            "date": str(self.date),
            "swap": {"from": self.old, "to": self.new},
            "weeks": self.weeks,
            "status": self.status,
            "old_objective": self.old_objective,
            "new_objective": self.new_objective,
            "difference": self.difference,
            "rule_changes": {
                r: {"before": a, "after": b} for r, (a, b) in self.rule_changes.items()
            },
            "reasons": self.reasons,
            "seconds": round(self.seconds, 2),
        }

    def text(self) -> str:
        head = (
            f"swap {self.old} → {self.new} on {self.date} ({weeks_text(self.weeks)}, same weekday)"
        )
        if self.status == "forbidden":
            return f"{head}: not possible — " + "; ".join(self.reasons)
        if self.status == "infeasible":
            return f"{head}: no plan satisfies every hard rule with it:\n" + "\n".join(
                f"- {r}" for r in self.reasons
            )
        if not self.ok:
            return f"{head}: no plan found within the time limit ({self.seconds:.1f} s)"
        diff = self.difference or 0.0
        lines = [
            f"{head}: objective {self.old_objective:g} → {self.new_objective:g} "
            f"({diff:+g} points; re-solved {self.status} in {self.seconds:.1f} s)"
        ]
        if diff < 0 and self.plan_status != "optimal":
            lines.append("the plan was not proven optimal: the re-solve found a better plan")
        for rule, (a, b) in sorted(
            self.rule_changes.items(), key=lambda kv: -abs(kv[1][1] - kv[1][0])
        ):
            lines.append(f"  {rule}: {a:g} → {b:g} ({b - a:+g})")
        if not self.rule_changes:
            lines.append("  no soft rule changes its penalty")
        return "\n".join(lines)


def parse_swap(text: str) -> tuple[str, str]:
    if text.count("=") != 1 or not all(p.strip() for p in text.split("=")):
        raise InputError(
            f"expected OLD=NEW exercise ids, e.g. barbell-back-squat=goblet-squat (got {text!r})",
            field="--swap",
        )
    a, b = (p.strip() for p in text.split("="))
    return a, b


def _by_rule(terms) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for t in terms:
        out[t.rule] += t.penalty
    return out


def swap_cost(
    plan: Plan,
    day: date,
    old: str,
    new: str,
    time_limit: float = SWAP_SECONDS,
    file: str = "<plan>",
) -> SwapResult:
    """Re-solve the plan's scenario with `new` in place of `old` in the session on `day`.
    Bad requests (no session that day, `old` not in it, `new` unknown) raise InputError."""
    import time

    from .cpsat.model import build
    from .diagnose import explain_infeasible
    from .solving import SolveConfig, solve_built

    ctx = build_context(plan)
    session = find_session(plan, day, file)
    ids = [e.id for e in session.exercises]
    if old not in ids:
        raise InputError(
            f"{old!r} is not in the session on {day} (it has: {', '.join(ids)})",
            file=file,
            field="--swap",
        )
    sc = ctx.scenario
    catalog = ctx.catalog or scenario_catalog(sc)
    known = catalog.by_id()
    if new not in known:
        raise InputError(
            f"unknown exercise id {new!r} (see `periodize catalog` for ids)",
            file=file,
            field="--swap",
        )
    if new in ids:
        raise InputError(f"{new!r} is already in the session on {day}", file=file, field="--swap")
    cal = ctx.horizon.by_date[session.date]
    week = ctx.horizon.weeks[cal.week - 1]
    started = time.perf_counter()
    built = build(sc, catalog, keep=frozenset({new}))  # even a surplus twin can be swapped in
    slot = built.vars.slot_for_date(session.date)
    template = built.context.structure.templates[slot.template]
    weeks = [w.number for w in template.weeks]
    result = SwapResult(
        session.date,
        old,
        new,
        weeks,
        "unknown",
        plan.solver.objective,
        plan_status=plan.solver.status,
    )
    forbidden = why_not_allowed(ctx, known[new], session.location, week)
    if forbidden is not None:
        result.status = "forbidden"
        result.reasons = [forbidden]
        return result

    def fix(v) -> None:
        v.fix(v.slot_for_date(session.date), exercises={new: 0}, exclude=[old])

    fix(built.vars)
    built.vars.warmstart(plan)
    config = SolveConfig(time_limit=time_limit, seed=plan.solver.seed, workers=2)
    solved = solve_built(built, sc, config)
    result.seconds = time.perf_counter() - started
    if solved.plan is None:
        if solved.status == "infeasible":
            err: InfeasibleError = explain_infeasible(sc, catalog, fix=fix)
            result.status = "infeasible"
            result.reasons = err.reasons or [str(err)]
        return result
    result.status = solved.status
    result.new_objective = solved.objective
    result.new_plan = solved.plan
    before, after = _by_rule(plan.objective_terms), _by_rule(solved.plan.objective_terms)
    for rule in sorted(set(before) | set(after)):
        a, b = before.get(rule, 0.0), after.get(rule, 0.0)
        if abs(a - b) > 1e-9:
            result.rule_changes[rule] = (a, b)
    return result
