"""Rule `set_duration`: strength sets last the goal's target time under tension.

Enforced by construction: strength sets take reps and tempo from the primary goal's rep-scheme
variants, whose seconds per set are checked against the target here, when the model is built.
Only the categories whose sets count in the median are checked (`Prescriber.in_set_duration`:
not power work, not main lifts of a band at ≥ 80% 1RM).
"""

from models.errors import InfeasibleError
from models.profiles import PROFILES


def allows(mc, slot, template, ex) -> bool:
    return True


def add(mc) -> None:
    if not mc.enabled("set_duration"):
        return
    goal = mc.scenario.primary_goal
    target = PROFILES[goal].set_seconds
    tolerance = mc.scenario.rule_param("set_duration", "tolerance")
    rx = mc.prescriber
    counted = {rx.category(ex) for ex in mc.catalog.exercises if rx.in_set_duration(ex)}
    for block in mc.structure.blocks_with_sessions():
        for category in sorted(counted):
            variants = rx.profile.variants_for(category)
            variant = variants[rx.block_variant[block] % len(variants)]
            seconds = variant.seconds_per_set
            if abs(seconds - target) <= tolerance * target:
                continue
            reason = (
                f"set_duration: block {block} of a {goal} plan uses {seconds} s sets "
                f"({variant.reps} reps); the target is {target} s ± {tolerance:.0%}"
            )
            raise InfeasibleError(
                f"no plan satisfies every hard rule:\n- {reason}\nRelax: "
                "rules.set_duration.tolerance", [reason],
                [{"rule": "set_duration", "scope": f"block {block}", "sentence": reason}],
            )
