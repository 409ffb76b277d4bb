"""Rule `selection` (SPEC §7.1): which variant of a movement a trainee may get, and which is
better. One home for the measure: the CP-SAT model's candidate lists, the validator
(`check_selection`), the objective's recomputation and `explain` all use `Eligibility`.

Pure Python, no OR-Tools.

- A *regression* (catalog `regression_of`: knee push-up, band row, bodyweight squat…) is
  allowed for `intermediate` and `advanced` only where the location offers no loadable strength
  exercise of the same pattern for one of its primary muscles (within the person's level,
  equipment and `preferences`), or in a deload week.
- Soft: a compound's *tier* by equipment — barbell 0, dumbbells/kettlebell (or a loadable
  bodyweight lift: weighted pull-ups, dips) 1, cable/machine 2, other bodyweight or bands 3. A
  compound costs its tier minus the best tier its pattern has at the location, so each slot
  prefers the best variant the location offers and a home with dumbbells is not penalised for
  having no barbell. A favoured exercise (`preferences.favor`) costs nothing: the trainee chose
  it (and the search proves optimality far faster without that conflict: 12-week gym).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.catalog import Catalog, Exercise
from models.scenario import Scenario
from models.vocab import LEVEL_RANK

NO_TIER = 3  # bodyweight or bands: what every location has


def equipment_tier(ex: Exercise) -> int:
    """0 barbell, 1 dumbbells/kettlebell or loadable bodyweight, 2 cable/machine, 3 other."""
    eq = set(ex.equipment)
    if "barbell" in eq:
        return 0
    if eq & {"dumbbells", "kettlebell"}:
        return 1
    if eq & {"cable", "machine"}:
        return 2
    return 1 if ex.loadable else NO_TIER


def is_main_work(ex: Exercise) -> bool:
    """What the tier preference ranks: strength compounds (squat, hinge, lunge, push, pull)."""
    return ex.kind == "strength" and ex.is_compound


OFF_GOAL_GOALS = frozenset({"strength", "hypertrophy"})
# the week's main movements (rule `structure`'s coverage): each wants a loadable variant where
# one is offered (a reviewer: "10 sets of push-ups in one session for an intermediate with
# dumbbells and a bench"; a per-use tier cost of 2 lost to the volume a cheaper set buys)
LOADED_PATTERNS = ("squat", "hinge", "horizontal_push", "horizontal_pull", "vertical_push",
                   "vertical_pull")


@dataclass
class Eligibility:
    """The `selection` rule for one scenario and catalog, with per-location caches."""

    scenario: Scenario
    catalog: Catalog
    _loadable: dict[tuple[str, str, str], list[Exercise]] = field(default_factory=dict)
    _best: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def enabled(self) -> bool:
        return self.scenario.rule_enabled("selection")

    def usable(self, ex: Exercise, location: str) -> bool:
        """Within the level, the location's equipment and `preferences`."""
        s = self.scenario
        if LEVEL_RANK[ex.level] > LEVEL_RANK[s.level] or ex.kind == "mobility":
            return False
        loc = s.locations.get(location)
        if loc is None or not set(ex.equipment) <= set(loc.equipment):
            return False
        if s.rule_enabled("preferences"):
            prefs = s.preferences
            if ex.id in prefs.avoid or ex.pattern in prefs.avoid_patterns:
                return False
        return True

    def loadable_variants(self, ex: Exercise, location: str) -> list[Exercise]:
        """Loadable strength exercises of `ex`'s pattern for one of its primary muscles that
        this person may do at the location, best tier first."""
        out = []
        for muscle in ex.primary or ("",):
            key = (location, ex.pattern, muscle)
            if key not in self._loadable:
                self._loadable[key] = sorted(
                    (e for e in self.catalog.exercises
                     if e.kind == "strength" and e.loadable and e.pattern == ex.pattern
                     and (not muscle or muscle in e.primary) and self.usable(e, location)),
                    key=lambda e: (equipment_tier(e), not e.main_lift, e.id))
            out += [e for e in self._loadable[key] if e not in out]
        return sorted(out, key=lambda e: (equipment_tier(e), not e.main_lift, e.id))

    def regression_allowed(self, ex: Exercise, location: str, deload: bool) -> bool:
        """May `ex` be used at `location` (in a deload week, if `deload`)?"""
        if not self.enabled or not ex.is_regression or deload:
            return True
        if LEVEL_RANK[self.scenario.level] < LEVEL_RANK["intermediate"]:
            return True
        return not self.loadable_variants(ex, location)

    def why_not(self, ex: Exercise, location: str) -> str:
        """The training-terms reason a regression is not used here ('' when it may be)."""
        if self.regression_allowed(ex, location, deload=False):
            return ""
        base = self.catalog.by_id().get(ex.regression_of)
        better = self.loadable_variants(ex, location)
        equipment = sorted({q for e in better[:3] for q in e.equipment})
        has = ", ".join(equipment) if equipment else "load"
        return (f"{ex.name} is a regression of {base.name if base else ex.regression_of}; "
                f"not used for an {self.scenario.level} while the {location} has {has} "
                f"(e.g. {', '.join(e.name for e in better[:3])})")

    def _favoured(self, ex: Exercise) -> bool:
        """The trainee's own choice (`preferences.favor`) is not second-guessed by the tier."""
        s = self.scenario
        return s.rule_enabled("preferences") and ex.id in s.preferences.favor

    def best_tier(self, pattern: str, location: str) -> int:
        key = (location, pattern)
        if key not in self._best:
            tiers = [equipment_tier(e) for e in self.catalog.exercises
                     if e.kind == "strength" and e.pattern == pattern and self.usable(e, location)]
            self._best[key] = min(tiers, default=NO_TIER)
        return self._best[key]

    def off_goal(self, ex: Exercise) -> bool:
        """Power lifts (push press, get-up) and loaded carries in a plan whose primary goal is
        strength or size: they count toward no volume target (objective.half_set_weight), so
        the solver, indifferent, kept them as filler (coach review: "Turkish get-up and
        farmer's carry in muscle-building slots"). The trainee's `favor` keeps them."""
        goal = self.scenario.primary_goal
        # jumps in a size plan, too: they count toward no volume (SPEC §7.1 `volume`) and no
        # rule of that goal asks for them (a reviewer: "lateral bounds and plyometric push-ups
        # do little for this goal"); a strength plan keeps them before its heavy lifts
        jump = ex.kind == "plyometric" and goal == "hypertrophy"
        return (self.enabled and goal in OFF_GOAL_GOALS and not self._favoured(ex)
                and (jump or (ex.kind == "strength"
                              and (ex.role == "power" or ex.pattern == "carry"))))

    def unloaded(self, ex: Exercise) -> bool:
        """Bodyweight or band work of a main movement that `W.selection_loaded` weighs
        (cpsat/rules/selection.py `_loaded`, objective `_selection`): not favoured by the
        trainee (their choice is not second-guessed)."""
        return (self.enabled and ex.kind == "strength" and ex.pattern in LOADED_PATTERNS
                and equipment_tier(ex) == NO_TIER and not self._favoured(ex))

    def loaded(self, ex: Exercise) -> bool:
        """Loadable work (free weights, cable, machine, a loadable bodyweight lift) of a
        coverage pattern."""
        return (ex.kind == "strength" and ex.pattern in LOADED_PATTERNS
                and equipment_tier(ex) < NO_TIER)

    def loaded_offered(self, pattern: str, locations) -> bool:
        """Does some location of the week offer this trainee a loadable variant of it?"""
        return self.enabled and any(self.best_tier(pattern, loc) < NO_TIER
                                    for loc in sorted(locations))

    def tier_cost(self, ex: Exercise, location: str) -> int:
        """Tier steps below the best variant of its pattern at the location (main work only)."""
        if not self.enabled or not is_main_work(ex) or self._favoured(ex):
            return 0
        return max(0, equipment_tier(ex) - self.best_tier(ex.pattern, location))
