"""Command `replan`: a new plan from a date, the past pinned, with a diff of what moved and
why."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from tabulate import tabulate

from models.errors import InputError
from models.overrides import apply_set
from models.scenario import load_scenario, parse_scenario
from optimizer.cli.core import app, echo, echo_err, handle_errors
from optimizer.cli.options import (
    Deterministic,
    Force,
    OutputFile,
    PlanFile,
    Seed,
    TimeLimit,
    parse_date,
)
from optimizer.cli.output import (
    check_output,
    is_stdout,
    scenario_inputs,
    shown,
    write_output,
)
from optimizer.cli.plan import plan_or_exit


@app.command()
@handle_errors
def replan(
    plan: PlanFile,
    scenario: Annotated[
        Path | None,
        typer.Option(
            "--scenario", help="The new scenario (.toml or .json); same start as the plan."
        ),
    ] = None,
    assignments: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="KEY=VALUE on the plan's embedded scenario, dotted keys (e.g. "
            "availability.mon.minutes=0); VALUE is JSON when it parses. Repeatable.",
        ),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="First date to re-decide (YYYY-MM-DD, default today); earlier sessions "
            "are kept as they are.",
        ),
    ] = None,
    output: OutputFile = None,
    time_limit: TimeLimit = 30.0,
    seed: Seed = 0,
    deterministic: Deterministic = False,
    force: Force = False,
) -> None:
    """Replan from a date when life changes: keep what is done, move as little as possible.

    The new plan is <plan>.replan.json unless -o names another file; with -o - it goes to
    stdout and the report of changes to stderr.
    """
    from optimizer.plan_guard import load_plan_checked
    from optimizer.replan import default_catalog, diff, week_summary
    from optimizer.replan import replan as replan_plan
    from optimizer.solving import SolveConfig

    old = load_plan_checked(plan)
    if scenario is not None and assignments:
        raise InputError("give either --scenario or --set, not both", field="--set")
    inputs = [("plan file", plan)]
    if scenario is not None:
        new_sc, catalog = load_scenario(scenario)
        inputs += scenario_inputs(scenario, new_sc)
    elif assignments:
        data = copy.deepcopy(old.scenario)
        for a in assignments:
            apply_set(data, a)
        new_sc = parse_scenario(data, f"{plan} (embedded scenario with --set)")
        catalog = default_catalog(new_sc)
    else:
        raise InputError(
            "nothing changes: give --scenario NEW or --set KEY=VALUE", field="--scenario"
        )
    from_date = parse_date(from_, "--from") if from_ else date.today()
    path = output or plan.with_name(f"{plan.stem}.replan.json")
    if not is_stdout(path):
        check_output(path, inputs=inputs, force=force)

    config = SolveConfig(time_limit=time_limit, seed=seed, deterministic=deterministic)
    result = replan_plan(old, new_sc, from_date, catalog, config)
    new_plan = plan_or_exit(result)
    # with -o -, stdout is the plan file: the report goes to stderr
    report = echo_err if is_stdout(path) else echo
    full = diff(old, new_plan, from_date, old.scenario_model(), new_sc)
    kept = sum(1 for c in full if c["status"] == "kept")
    changes = new_plan.changes
    if changes:
        report(tabulate(week_rows(week_summary(full)),
                        headers=["week", "stayed", "moved", "changed", "added", "removed"]))
        report("")
        report(tabulate(change_rows(changes), headers=["date", "week", "change", "what", "why"]))
    report(f"from {from_date}: {kept} session(s) kept, {len(changes)} change(s)")
    note = write_output(new_plan.to_json(), path, force=force, inputs=inputs)
    echo_err(f"{result.summary()}\nplan written to {shown(path)}{note}")


def change_rows(changes: list[dict]) -> list[list[str]]:
    """One row per change: date, week, what kind, what (moved to, exercises in and out), why."""
    rows = []
    for c in changes:
        what = ""
        if c["status"] == "moved":
            what = f"{c['date']} -> {c['to']}"
        elif c["status"] in ("changed", "added", "removed"):
            parts = []
            if c.get("added"):
                parts.append("+ " + ", ".join(c["added"]))
            if c.get("removed"):
                parts.append("- " + ", ".join(c["removed"]))
            what = "; ".join(parts) or c.get("detail", "")
        rows.append([c["date"], c["week"], c["status"], what, c.get("reason", "")])
    return rows


def week_rows(summary: list[dict]) -> list[list[Any]]:
    """One row per week: how many sessions stayed, and which moved, changed, came or went."""
    return [
        [w["week"], len(w["stayed"]), ", ".join(w["moved"]), ", ".join(w["changed"]),
         ", ".join(w["added"]), ", ".join(w["removed"])]
        for w in summary
    ]
