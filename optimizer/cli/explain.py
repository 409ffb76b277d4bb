"""Command `explain`: what a plan cost and why, why a session's exercises, what a swap costs."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from models.errors import InputError
from optimizer.cli.core import EXIT_NO_PLAN, app, echo, fail, handle_errors
from optimizer.cli.options import PLAN_FORMATS, PlanFile, PlanFormat, check_choices, parse_date


@app.command()
@handle_errors
def explain(
    plan: PlanFile,
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Explain the session on this date (YYYY-MM-DD): why each "
            "exercise, and what was possible instead.",
        ),
    ] = None,
    swap: Annotated[
        str | None,
        typer.Option(
            help="With --date: OLD=NEW exercise ids; re-solve with NEW in place of OLD "
            "in that session and show the cost difference by rule."
        ),
    ] = None,
    fmt: PlanFormat = "table",
    time_limit: Annotated[
        float, typer.Option(help="Seconds for the --swap re-solve.", min=0.1, max=3600)
    ] = 5.0,
) -> None:
    """Cost breakdown per rule (soft penalties and what caused them; how close each hard rule
    is to its limit); with --date, why each exercise; with --swap, the cost of a swap."""
    from optimizer import explain as ex
    from optimizer.plan_guard import load_plan_checked

    check_choices("--format", [fmt], PLAN_FORMATS)
    if swap is not None and day is None:
        raise InputError("--swap needs --date: the session whose exercise to swap", field="--swap")
    loaded = load_plan_checked(plan)
    if day is None:
        echo(ex.render_breakdown(ex.breakdown(loaded), fmt))
        return
    when = parse_date(day, "--date")
    rest_energy = ex.energy_line(loaded, when) if swap is None else None
    if rest_energy and not any(s.date == when for s in loaded.sessions):
        # a rest day of a format-2 plan: its energy is what there is to explain
        echo(json.dumps({"date": str(when), "energy": rest_energy}, ensure_ascii=False)
             if fmt == "json" else f"{when}: rest day\n  - {rest_energy}")
        return
    if swap is None:
        echo(ex.render_session_why(ex.why_session(loaded, when, str(plan)), fmt))
        return
    from optimizer.swap import parse_swap, swap_cost

    old, new = parse_swap(swap)
    result = swap_cost(loaded, when, old, new, time_limit, str(plan))
    if fmt == "json":
        echo(json.dumps(result.to_dict(), indent=1, ensure_ascii=False))
    else:
        echo(result.text())
    if result.status in ("forbidden", "infeasible"):
        fail(EXIT_NO_PLAN, f"swap not possible: {old} → {new} on {when}")
    if not result.ok:
        fail(
            EXIT_NO_PLAN,
            "no plan with the swap found within the time limit; try a longer --time-limit",
        )
