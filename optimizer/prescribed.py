"""The format-2 prescription of an exercise in words (SPEC §7.4: every output shows load or %1RM
and rir next to sets × reps). One home for the wording: the terminal table, Markdown, CSV, HTML
and the .ics description all read these functions.

    Barbell Back Squat 3×5 @ 82.5 kg (75%), 2 RIR, tempo 2-0-1-0, rest 3 min · +2.5 kg next week
    Conventional Deadlift 3×5 @ 75% 1RM, 2 RIR (a weight you could lift 2 more times), …
                                                            (a 1RM applies, no lift data)
    Dumbbell Lateral Raise 3×12, 2 RIR (a weight you could lift 2 more times), …   (no 1RM)

An exercise without any format-2 field (every exercise of a format-1 plan) has no
prescription here: callers then write the format-1 line, unchanged.
"""

from __future__ import annotations

from models.catalog import builtin_catalog
from models.plan import Plan, PlannedExercise, WarmupSet
from models.vocab import LOAD_EQUIPMENT


def has_prescription(e: PlannedExercise) -> bool:
    """Whether the exercise carries any format-2 effort field (rir, %1RM, load, progression,
    warm-ups)."""
    return (e.rir is not None or e.percent_1rm is not None or e.load_kg is not None
            or e.progression is not None or bool(e.warmup_sets))


def _num(x: float) -> str:
    return f"{x:g}"


def per_hand(e: PlannedExercise) -> bool:
    """Dumbbell loads are per hand (SPEC §7.2): a dumbbell exercise without a barbell."""
    return "dumbbells" in e.equipment and "barbell" not in e.equipment


def load_text(e: PlannedExercise) -> str:
    """'82.5 kg (75%)', '22 kg per hand (70%)', '75% 1RM' or '' (no 1RM applies)."""
    if e.load_kg is not None:
        hand = " per hand" if per_hand(e) else ""
        pct = f" ({_num(e.percent_1rm)}%)" if e.percent_1rm is not None else ""
        return f"{_num(e.load_kg)} kg{hand}{pct}"
    if e.percent_1rm is not None:
        return f"{_num(e.percent_1rm)}% 1RM"
    return ""


def rir_instruction(e: PlannedExercise) -> str:
    """The plain words for rir when no load or %1RM says how heavy."""
    r = e.rir
    if r is None:
        return ""
    if r == 0:
        return "the last rep you can do with good form"
    times = "time" if r == 1 else "times"
    # a walk or hold has no reps to spare: its reserve is time (a reviewer: "a weight you could
    # lift 2 more times" made no sense for a carry); a rep is about 5 s of work
    if e.reps.endswith(" walk"):
        return f"a weight you could carry about {5 * r} s longer"
    if e.reps.endswith(" hold"):
        return f"end it about {5 * r} s before you would have to"
    if LOAD_EQUIPMENT & set(e.equipment):
        return f"a weight you could lift {r} more {times}"
    return f"stop {r} rep{'s' if r != 1 else ''} short of failure"


def effort_text(e: PlannedExercise) -> str:
    """How heavy and how hard: '@ 82.5 kg (75%), 2 RIR', '@ 75% 1RM, 2 RIR (a weight you could
    lift 2 more times)', '2 RIR (a weight you could lift 2 more times)'; '' with neither."""
    load = load_text(e)
    rir = f"{e.rir} RIR" if e.rir is not None else ""
    if rir and e.load_kg is None:  # no lift data: the plain words say how heavy (SPEC §7.2)
        rir = f"{rir} ({rir_instruction(e)})"
    if load:
        return f"@ {load}" + (f", {rir}" if rir else "")
    return rir


def rest_text(seconds: int) -> str:
    """'rest 3 min' for whole minutes of 2 or more, else 'rest 90 s'."""
    if seconds >= 120 and seconds % 60 == 0:
        return f"rest {seconds // 60} min"
    return f"rest {seconds} s"


def progression_text(e: PlannedExercise) -> str:
    """This week's progression target ('+2.5 kg next week'), else its rule's name."""
    if e.progression is None:
        return ""
    return e.progression.text or e.progression.rule


def warmup_text(sets: list[WarmupSet]) -> str:
    """'40 kg×5, 60 kg×3, 80 kg×1' where loads exist, else '40%×5, 60%×3, 80%×1'."""
    def one(w: WarmupSet) -> str:
        if w.load_kg is not None:
            return f"{_num(w.load_kg)} kg×{w.reps}"
        if w.percent_1rm is not None:
            return f"{_num(w.percent_1rm)}%×{w.reps}"
        return f"×{w.reps}"

    return ", ".join(one(w) for w in sets)


def prescription_line(e: PlannedExercise) -> str:
    """The format-2 line of a strength-type exercise (see the module's examples)."""
    # a circuit says "circuit" already (a reviewer read the raw "giant_set" label)
    scheme = f" {e.scheme}" if e.scheme not in ("straight", "giant_set") else ""
    side = " per side" if e.sides == 2 else ""  # a reviewer: unilateral work never said so
    parts = [f"{e.name} {e.sets}×{e.reps}{side}{scheme}"]
    effort = effort_text(e)
    if effort:
        parts[0] += (" " if effort.startswith("@") else ", ") + effort
    if not e.reps.endswith((" hold", " walk")) and e.kind != "conditioning":
        parts.append(f"tempo {e.tempo}")
    parts.append(rest_text(e.rest_seconds))
    line = ", ".join(parts)
    progression = progression_text(e)
    return f"{line} · {progression}" if progression else line


def warmup_line(e: PlannedExercise) -> str:
    """'warm-up 40 kg×5, 60 kg×3, 80 kg×1', or '' without warm-up sets."""
    if not e.warmup_sets:
        return ""
    if e.percent_1rm and all(w.load_kg is None and w.percent_1rm for w in e.warmup_sets):
        # without kilograms, shares of the weight the lifter picks for the working sets (a
        # reviewer: "33%×5" of a 1RM the client does not know cannot be loaded)
        shares = ", ".join(f"{round(100 * w.percent_1rm / e.percent_1rm)}%×{w.reps}"
                           for w in e.warmup_sets)
        return f"warm-up {shares} of the working weight"
    return f"warm-up {warmup_text(e.warmup_sets)}"


def lift_rows(plan: Plan) -> list[tuple[str, str, str, str]]:
    """The plan's `lifts` as (lift, 1RM kg, source, used) texts; an entry the plan never uses
    is marked (SPEC §7.2). Names from the plan, else the built-in catalog, else the id."""
    names = {e.id: e.name for e in builtin_catalog().exercises}
    names |= {e.id: e.name for s in plan.sessions for e in s.exercises}
    return [(names.get(x.id, x.id), f"{x.one_rm_kg:g}", x.source,
             "yes" if x.used else "no (not in the plan)") for x in plan.lifts]
