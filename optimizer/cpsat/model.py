"""Building the CP-SAT model: variables, then one module per rule family, in a stated order.

`ModelContext` (`mc` in the rule modules) is what a rule module sees while the model is built;
not to be confused with `optimizer.validate.Context`, which reads a finished plan."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from ortools.sat.python import cp_model

from models.catalog import Catalog, Exercise
from models.horizon import Horizon, Week
from models.scenario import Scenario
from models.vocab import FOCUS_KINDS, LEVEL_RANK, MUSCLE_GROUPS

from ..dominance import prune_twins
from ..eligibility import Eligibility
from ..endurance import applies as endurance_applies
from ..objective import blended_weights, cardio_target, volume_range
from ..prescription import Prescriber
from ..structure import Slot, Structure, Template
from .rules import (
    calves,
    cardio,
    deload,
    endurance,
    equipment,
    explosive,
    frequency,
    legs,
    preferences,
    recovery,
    rest_days,
    selection,
    session_time,
    set_duration,
    structure,
    variation,
    volume,
)
from .variables import ExerciseChoice, Variables

# The order rule families are added in. Filters (which exercise may appear where) come first
# because they decide which variables exist; then per-session, per-week, across-week and
# across-block constraints; soft volume last. Parallel search is not deterministic, but the
# model itself is built in this fixed order so the same input gives the same model.
RULE_ORDER = (
    equipment, preferences, selection, explosive, set_duration, session_time, legs, calves, cardio,
    endurance, frequency, rest_days, recovery, deload, structure, variation, volume,
)
# Session shape (not a SPEC rule, a coach's sense): 2–8 exercises (in an endurance plan a run or
# ride on its own is a whole session: a runner's easy day is the run, not the run plus filler),
# ≤ 1 cardio bout, ≤ 1 conditioning circuit, ≤ 1 plyometric drill, ≤ 2 exercises of one
# movement pattern (PATTERN_CAPS) and ≤ 1 strength exercise of one pattern for the same primary
# muscles per session.
MIN_EXERCISES, MAX_EXERCISES = 2, 8
CARDIO_BOUT_KINDS = ("cardio_steady", "cardio_interval")
MAX_PER_PATTERN = 2
# one jump drill before the lifting (coach review: "up to 40 jump contacts before heavy squats";
# two drills were free filler, since no target counts plyometric sets)
MAX_PLYOMETRIC_DRILLS = 1
# isolation covers many muscles (curls, raises, extensions); a second vertical pull or press in
# one session repeats the first (coach review: "Chin-Up 3×12/10/8 straight into Pull-Up")
PATTERN_CAPS = {"isolation": 3, "vertical_pull": 1, "vertical_push": 1}
# standing + seated calf raise and two core exercises are normal in one session; two curls or
# two flys are not (coach review: "Dumbbell Curl + Hammer Curl" is filler, not variety)
SHAPE_FREE = frozenset({"calf_raise", "core"})
GOAL_RULE_SHARE = 0.25  # a goal's cardio hard rules apply from this weight in a mix


@dataclass(frozen=True)
class Boundary:
    """What lies before a window of the plan (earlier blocks solved or done): the rules that
    look back across the window's start read it."""

    last_focus: frozenset[str] = frozenset()  # focus of the most recent earlier session
    trained_days: frozenset[int] = frozenset()  # day indexes with a session, before the window
    previous_block: int | None = None  # the block just before the window, if it had sessions
    previous_uses: frozenset[str] = frozenset()  # its strength exercise ids
    # rule `endurance`: day indexes with a hard session / heavy legs, and the long steady bout
    # (5-minute units) of the last non-deload, non-break week before the window
    hard_days: frozenset[int] = frozenset()
    heavy_days: frozenset[int] = frozenset()
    long_bout: int = 0


@dataclass
class ModelContext:
    """Everything a rule module needs: data, prescription, variables and the objective."""

    scenario: Scenario
    catalog: Catalog
    horizon: Horizon
    structure: Structure
    prescriber: Prescriber
    model: cp_model.CpModel
    vars: Variables
    diagnose: bool = False
    boundary: Boundary = field(default_factory=Boundary)
    weights: dict[str, int] = field(default_factory=dict)
    objective: list[tuple[str, cp_model.LinearExprT]] = field(default_factory=list)
    guards: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    keep: frozenset[str] = frozenset()  # exercise ids never pruned as surplus twins
    volume_range: tuple[int, int] = (0, 0)  # weekly sets per muscle (objective.volume_range)
    cardio_target: int = 0  # weekly cardio minutes aimed at (objective.cardio_target)
    eligibility: Eligibility | None = None  # rule `selection` (optimizer/eligibility.py)
    deload_doses: dict[int, cp_model.IntVar] = field(default_factory=dict)  # see dose_in
    long_bouts: dict[int, object] = field(default_factory=dict)  # rules/endurance.long_bout

    # --- constraints, optionally guarded for infeasibility diagnosis ------------------------
    def guard(self, rule: str, scope: str) -> list[cp_model.IntVar]:
        if not self.diagnose:
            return []
        key = (rule, scope)
        if key not in self.guards:
            self.guards[key] = self.model.new_bool_var(f"guard[{rule}|{scope}]")
        return [self.guards[key]]

    def require(self, constraint: cp_model.Constraint, rule: str, scope: str) -> None:
        """Register a hard-rule constraint; in diagnosis mode it is enforced by a guard."""
        lits = self.guard(rule, scope)
        if lits:
            constraint.only_enforce_if(lits)

    def penalize(self, rule: str, weight: int, expr: cp_model.LinearExprT) -> None:
        if weight:
            self.objective.append((rule, weight * expr))

    # --- common expressions ------------------------------------------------------------
    def enabled(self, rule: str) -> bool:
        return self.scenario.rule_enabled(rule)

    def goal_applies(self, goal: str) -> bool:
        return self.scenario.goal_mix().get(goal, 0.0) >= GOAL_RULE_SHARE - 1e-9

    def options(self, template: Template, where: Callable[[Exercise], bool] | None = None
                ) -> Iterable[tuple[Slot, ExerciseChoice]]:
        for slot in template.slots:
            for c in self.vars.options(slot, where):
                yield slot, c

    def dose_in(self, choice: ExerciseChoice, week: Week) -> cp_model.LinearExprT:
        """The dose in a given week: the chosen one, or the fixed deload dose."""
        if week.deload:
            if self.prescriber.scales_deload(choice.exercise):
                return self._deload_steady(choice)
            return self.prescriber.deload_dose(choice.exercise) * choice.use
        return choice.dose

    def _deload_steady(self, choice: ExerciseChoice) -> cp_model.IntVar:
        """`Prescriber.deload_steady` of the choice's dose, as a variable (once per choice)."""
        key = choice.dose.index
        if key not in self.deload_doses:
            m, pct = self.model, self.prescriber.steady_deload_percent
            least = self.prescriber.deload_steady(1)
            hi = self.prescriber.dose(choice.exercise).hi
            cut = m.new_int_var(0, hi, f"deload_cut[{choice.dose.name}]")
            m.add(100 * cut <= pct * choice.dose)  # cut = floor(pct% of the dose)
            m.add(100 * cut >= pct * choice.dose - 99)
            out = m.new_int_var(0, hi, f"deload_dose[{choice.dose.name}]")
            m.add_max_equality(out, [cut, least * choice.use])
            self.deload_doses[key] = out
        return self.deload_doses[key]

    def sets_in(self, choice: ExerciseChoice, week: Week) -> cp_model.LinearExprT:
        """Sets counted for totals: steady cardio is one set."""
        if choice.exercise.kind == "cardio_steady":
            return choice.use
        return self.dose_in(choice, week)

    def template_weeks(self, template: Template) -> tuple[Week, ...]:
        """Weeks whose numbers differ: the first regular week (the longest), each deload."""
        regular = template.regular_weeks
        return (regular[:1] if regular else ()) + template.deload_weeks


@dataclass
class BuiltModel:
    model: cp_model.CpModel
    vars: Variables
    context: ModelContext

    def stats(self) -> dict[str, int]:
        proto = self.model.proto
        return {
            "variables": len(proto.variables),
            "constraints": len(proto.constraints),
            "templates": len(self.context.structure.templates),
            "slots": len(self.context.structure.slots),
            "choices": sum(len(c) for c in self.vars.choices.values()),
        }


def candidates(mc: ModelContext, slot: Slot, template: Template) -> list[Exercise]:
    """Exercises allowed in a slot by level and every rule family's filter, without surplus
    twins (optimizer/dominance.py)."""
    rank = LEVEL_RANK[mc.scenario.level]
    out = []
    for ex in mc.catalog.exercises:
        if ex.kind == "mobility" or LEVEL_RANK[ex.level] > rank:
            continue
        if all(
            getattr(rule, "allows", None) is None or rule.allows(mc, slot, template, ex)
            for rule in RULE_ORDER
        ):
            out.append(ex)
    # at most MAX_TWINS interchangeable exercises per slot (large imported catalogs)
    return prune_twins(out, {*mc.scenario.preferences.favor, *mc.keep})


def _add_sessions(mc: ModelContext) -> None:
    """Variables of every slot and the shape of a session; focus muscles."""
    m, v = mc.model, mc.vars
    # an endurance plan's run days are the run alone; elsewhere a lone cardio bout is not
    # offered as a session (the tighter shape keeps the other goals' searches fast)
    runs_alone = endurance_applies(mc.scenario)
    for template in mc.structure.templates:
        for slot in template.slots:
            tag = f"t{template.index}.{slot.weekday}"
            on = m.new_bool_var(f"session[{tag}]")
            v.session[slot.key] = on
            choices = []
            for ex in candidates(mc, slot, template):
                dose = mc.prescriber.dose(ex)
                use = m.new_bool_var(f"use[{tag}.{ex.id}]")
                amount = m.new_int_var(0, dose.hi, f"dose[{tag}.{ex.id}]")
                m.add(amount >= dose.lo * use)
                m.add(amount <= dose.hi * use)
                m.add_implication(use, on)
                choices.append(ExerciseChoice(ex, use, amount))
            v.choices[slot.key] = choices
            uses = [c.use for c in choices]
            if runs_alone:
                bout = [c.use for c in choices if c.exercise.kind in CARDIO_BOUT_KINDS]
                m.add(sum(uses) >= MIN_EXERCISES * on - (MIN_EXERCISES - 1) * sum(bout))
            else:
                m.add(sum(uses) >= MIN_EXERCISES * on)
            m.add(sum(uses) <= MAX_EXERCISES)
            for kinds, most in ((CARDIO_BOUT_KINDS, 1), (("conditioning",), 1),
                                (("plyometric",), MAX_PLYOMETRIC_DRILLS)):
                m.add(sum(c.use for c in choices if c.exercise.kind in kinds) <= most)
            # ≤ 1 exercise of the same pattern for the same primary muscles (RDL + kettlebell
            # deadlift, chin-up + pull-up in one session is redundancy, not variety)
            same_role: dict[tuple, list] = {}
            for c in choices:
                if c.exercise.kind == "strength" and c.exercise.pattern not in SHAPE_FREE:
                    key = (c.exercise.pattern, frozenset(c.exercise.primary))
                    same_role.setdefault(key, []).append(c.use)
            for key in sorted(same_role, key=lambda k: (k[0], sorted(k[1]))):
                if len(same_role[key]) > 1:
                    m.add(sum(same_role[key]) <= 1)
            for pattern in sorted({c.exercise.pattern for c in choices}):
                same = [c.use for c in choices if c.exercise.pattern == pattern]
                most = PATTERN_CAPS.get(pattern, MAX_PER_PATTERN)
                if len(same) > most:
                    m.add(sum(same) <= most)
            for muscle in MUSCLE_GROUPS:
                hits = [c.use for c in choices
                        if c.exercise.kind in FOCUS_KINDS and muscle in c.exercise.primary]
                f = m.new_bool_var(f"focus[{tag}.{muscle}]")
                if hits:
                    m.add_max_equality(f, hits)
                else:
                    m.add(f == 0)
                v.focus[(slot.key, muscle)] = f
            strength = [c.use for c in choices if c.exercise.kind == "strength"]
            s = m.new_bool_var(f"strength_session[{tag}]")
            if strength:
                m.add_max_equality(s, strength)
            else:
                m.add(s == 0)
            v.strength_session[slot.key] = s


def build(
    scenario: Scenario,
    catalog: Catalog,
    *,
    diagnose: bool = False,
    blocks: frozenset[int] | None = None,
    boundary: Boundary | None = None,
    keep: frozenset[str] = frozenset(),
    split_date: date | None = None,
) -> BuiltModel:
    """Build the CP-SAT model of a scenario (no solving); `blocks` restricts it to a window of
    the plan whose past is `boundary`; exercise ids in `keep` (an old plan's, a swap's) keep
    their variables even where they are surplus twins (optimizer/dominance.py); `split_date`
    (replan) keeps the weeks before, across and after that date in separate templates
    (`Structure`)."""
    horizon = Horizon(scenario)
    structure = Structure(horizon, blocks, split_date=split_date)
    model = cp_model.CpModel()
    mc = ModelContext(
        scenario=scenario,
        catalog=catalog,
        horizon=horizon,
        structure=structure,
        prescriber=Prescriber(scenario, horizon),
        model=model,
        vars=Variables(model, structure),
        diagnose=diagnose,
        boundary=boundary or Boundary(),
        weights=blended_weights(scenario),
        keep=keep,
        volume_range=volume_range(scenario),
        cardio_target=cardio_target(scenario),
        eligibility=Eligibility(scenario, catalog),
    )
    _add_sessions(mc)
    for rule in RULE_ORDER:
        rule.add(mc)
    if mc.objective:
        model.minimize(sum(expr for _, expr in mc.objective))
    return BuiltModel(model, mc.vars, mc)
