"""Rule `recovery`: no muscle group in the focus of two consecutive workouts.

"Consecutive" is about sessions, not calendar days: legs on Friday and Monday with a rest
weekend between are consecutive workouts. Encoded with a memory of the last session's focus:
for every available day t and muscle g, last[t,g] is true when the most recent session up to t
trained g. A session may train g only if last[t-1,g] is false. The 48-hour rule follows: two
sessions sharing a muscle always have another session between them, so they are ≥ 2 days apart.
"""

from models.vocab import MUSCLE_GROUPS


def add(mc) -> None:
    if not mc.enabled("recovery"):
        return
    m, v = mc.model, mc.vars
    # The focus of the last session before the window (none at the plan's start).
    previous: dict[str, object] = {mu: mu in mc.boundary.last_focus for mu in MUSCLE_GROUPS}
    for day, slot in mc.structure.calendar_slots:
        on = v.on(slot)
        current = {}
        for muscle in MUSCLE_GROUPS:
            focus = v.muscle_focus(slot, muscle)
            before = previous[muscle]
            if before is False:
                current[muscle] = focus
                continue
            if before is True:  # a known earlier session trained it
                mc.require(m.add(focus == 0), "recovery", f"{day.date} {muscle}")
                current[muscle] = m.new_bool_var(f"last[{day.date}.{muscle}]")
                m.add_bool_or([focus, on, current[muscle]])  # carried over while no session
                m.add_implication(focus, current[muscle])
                m.add_bool_or([~current[muscle], ~on, focus])
                continue
            mc.require(m.add_bool_or([~focus, ~before]), "recovery", f"{day.date} {muscle}")
            last = m.new_bool_var(f"last[{day.date}.{muscle}]")
            # last = focus OR (NOT on AND before)
            m.add_implication(focus, last)
            m.add_bool_or([on, ~before, last])
            m.add_bool_or([~last, focus, ~on])
            m.add_bool_or([~last, focus, before])
            current[muscle] = last
        previous = current
