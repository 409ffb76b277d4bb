"""Loading a plan file for use (show, export, replan): refuse a file edited into inconsistency.

`periodize check` reports every problem of a plan (exit 1). The commands that *use* a plan
refuse one whose calendar or sessions contradict its own scenario (a session outside the plan,
on the wrong weekday, an exercise that is not in the catalog, ...) as bad input (exit 2), before
any solving, instead of rendering, exporting or pinning sessions that are not what they say.
No OR-Tools import.
"""

from __future__ import annotations

from pathlib import Path

from models.errors import InputError
from models.plan import Plan, load_plan


def load_plan_checked(path: str | Path) -> Plan:
    """`load_plan`, then the consistency check of optimizer/validate; InputError if it fails."""
    from optimizer.validate import build_context
    from optimizer.validate.rules import check_consistency

    plan = load_plan(path)
    problems = check_consistency(build_context(plan))
    if problems:
        first = problems[0].message.removeprefix("consistency: ")
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(
            f"{first}{more}; the file was edited or damaged (`periodize check` lists every "
            "problem)",
            file=str(path),
            field=_field(first),
        )
    return plan


def _field(message: str) -> str:
    if "missing from days" in message:
        return "days"
    for prefix, field in (("day ", "days"), ("week ", "weeks")):
        if message.startswith(prefix):
            return field
    return "sessions"
