"""Rule `set_duration`: strength sets last the goal's target time under tension.

Enforced by construction: strength sets take reps and tempo from the primary goal's rep-scheme
variants, whose seconds per set are checked against the target here, when the model is built.
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
    profile = mc.prescriber.profile
    for block in mc.structure.blocks_with_sessions():
        for variant in (mc.prescriber.variant(block),
                        profile.accessory_variants[mc.prescriber.block_variant[block]
                                                   % len(profile.accessory_variants)]):
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
