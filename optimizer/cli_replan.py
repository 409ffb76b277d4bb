"""CLI command `replan` (registers on optimizer.cli.app): a new plan from a date, the past
pinned, with a diff of what moved and why."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from tabulate import tabulate

from models.errors import InputError
from optimizer.cli import EXIT_NO_PLAN, _write_plan, app, echo, echo_err, fail, handle_errors


def parse_date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{text!r} is not a date (YYYY-MM-DD)", field=option) from None


def apply_set(data: dict, assignment: str) -> None:
    """`KEY=VALUE` with a dotted KEY into scenario data; VALUE is JSON when it parses."""
    if "=" not in assignment:
        raise InputError(f"{assignment!r} is not KEY=VALUE", field="--set")
    key, raw = assignment.split("=", 1)
    parts = [p for p in key.strip().split(".")]
    if not all(parts):
        raise InputError(
            f"{key!r} is not a dotted key (e.g. availability.mon.minutes)", field="--set"
        )
    try:
        value: Any = json.loads(raw)
    except ValueError:
        value = raw
    node: Any = data
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(node, list):
            if not part.isdigit() or int(part) >= len(node):
                raise InputError(
                    f"{key!r}: {part!r} is not an index of a list of {len(node)}", field="--set"
                )
            if last:
                node[int(part)] = value
            else:
                node = node[int(part)]
        elif isinstance(node, dict):
            if last:
                node[part] = value
            else:
                node = node.setdefault(part, {})
        else:
            raise InputError(f"{key!r}: {'.'.join(parts[:i])!r} is not a table", field="--set")


def change_rows(changes: list[dict]) -> list[list[str]]:
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


def week_rows(summary: list[dict]) -> list[list[str]]:
    """One row per week: how many sessions stayed, and which moved, changed, came or went."""
    rows = []
    for w in summary:
        rows.append(
            [
                w["week"],
                len(w["stayed"]),
                ", ".join(w["moved"]),
                ", ".join(w["changed"]),
                ", ".join(w["added"]),
                ", ".join(w["removed"]),
            ]
        )
    return rows


@app.command()
@handle_errors
def replan(
    plan: Annotated[Path, typer.Argument(help="Plan file (.json) to replan.")],
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
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="New plan file (default: <plan>.replan.json)."),
    ] = None,
    time_limit: Annotated[
        float, typer.Option(help="Seconds to search (all re-decided blocks).", min=0.1, max=86400)
    ] = 30.0,
    seed: Annotated[int, typer.Option(help="Random seed of the search.", min=0)] = 0,
    deterministic: Annotated[
        bool, typer.Option(help="Same plan for the same input and seed (slower).")
    ] = False,
    force: Annotated[bool, typer.Option(help="Overwrite the plan file without a backup.")] = False,
) -> None:
    """Replan from a date when life changes: keep what is done, move as little as possible."""
    from models.scenario import load_scenario, parse_scenario
    from optimizer.plan_guard import load_plan_checked
    from optimizer.replan import default_catalog
    from optimizer.replan import replan as replan_plan
    from optimizer.solving import SolveConfig

    old = load_plan_checked(plan)
    if scenario is not None and assignments:
        raise InputError("give either --scenario or --set, not both", field="--set")
    if scenario is not None:
        new_sc, catalog = load_scenario(scenario)
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
    config = SolveConfig(time_limit=time_limit, seed=seed, deterministic=deterministic)
    result = replan_plan(old, new_sc, from_date, catalog, config)
    if result.plan is None:
        fail(
            EXIT_NO_PLAN,
            f"no plan found within the time limit ({result.summary()}); try a longer --time-limit",
        )
    from optimizer.replan import diff, week_summary

    full = diff(old, result.plan, from_date, old.scenario_model(), new_sc)
    kept = sum(1 for c in full if c["status"] == "kept")
    changes = result.plan.changes
    if changes:
        echo(
            tabulate(
                week_rows(week_summary(full)),
                headers=["week", "stayed", "moved", "changed", "added", "removed"],
            )
        )
        echo("")
        echo(tabulate(change_rows(changes), headers=["date", "week", "change", "what", "why"]))
    echo(f"from {from_date}: {kept} session(s) kept, {len(changes)} change(s)")
    path = output or plan.with_name(f"{plan.stem}.replan.json")
    note = _write_plan(result.plan.to_json(), path, force)
    echo_err(f"{result.summary()}\nplan written to {path}{note}")
