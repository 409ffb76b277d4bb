"""Commands that make or read a plan: `solve`, `show` and `check`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from models.errors import InfeasibleError, InputError
from models.scenario import load_scenario
from optimizer.cli.core import (
    EXIT_INTERRUPTED,
    EXIT_NO_PLAN,
    app,
    echo,
    echo_err,
    fail,
    handle_errors,
)
from optimizer.cli.options import (
    PLAN_FORMATS,
    Deterministic,
    Force,
    OutputFile,
    PlanFile,
    PlanFormat,
    ScenarioFile,
    Seed,
    TimeLimit,
    Workers,
    check_choices,
)
from optimizer.cli.output import (
    check_export_targets,
    check_output,
    export_targets,
    is_stdout,
    scenario_inputs,
    shown,
    write_export,
    write_output,
)

if TYPE_CHECKING:  # OR-Tools is imported only by the commands that solve
    from models.plan import Plan
    from optimizer.solving import Result


@app.command()
@handle_errors
def solve(
    scenario: ScenarioFile,
    output: OutputFile = None,
    time_limit: TimeLimit = 30.0,
    seed: Seed = 0,
    workers: Workers = 2,
    deterministic: Deterministic = False,
    fmt: PlanFormat = "table",
    force: Force = False,
    quiet: Annotated[bool, typer.Option(help="Do not print the program.")] = False,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Same as --format json; with no plan possible, prints the conflict and "
                       "the verified changes as JSON on stdout (exit 1).")] = False,
    export: Annotated[list[str] | None, typer.Option(
        "--export", metavar="[FORMAT:]FILE",
        help="Also export the plan (repeatable), as `periodize export` does: the format from "
             "the extension (.ics .csv .md .html) or a prefix (ics:, csv:, markdown:, html:). "
             "--force applies here too.")] = None,
) -> None:
    """Solve a scenario into a multi-week program; print it and write the plan file.

    The plan file is <scenario name>.plan.json in the current folder unless -o names another;
    with -o - the plan file goes to stdout instead of the program.
    """
    fmt = "json" if as_json else fmt
    check_choices("--format", [fmt], PLAN_FORMATS)
    path = output or Path(f"{scenario.stem}.plan.json")
    targets = export_targets(export or [], path)  # bad --export: exit 2 before solving
    sc, cat = load_scenario(scenario)
    inputs = scenario_inputs(scenario, sc)
    if not is_stdout(path):
        check_output(path, inputs=inputs, force=force)
    check_export_targets(targets, inputs, force)

    from optimizer.solving import SolveConfig
    from optimizer.solving import solve as solve_scenario

    config = SolveConfig(time_limit=time_limit, seed=seed, workers=workers,
                         deterministic=deterministic, progress=sys.stderr.isatty())
    if config.progress:
        echo_err(f"solving {scenario} ({sc.weeks} weeks, up to {time_limit:g} s) ...")
    try:
        result = solve_scenario(sc, cat, config)
    except InfeasibleError as err:
        from optimizer.suggest import no_plan_exit

        no_plan_exit(err, sc, cat, fmt == "json")
    plan = plan_or_exit(result)
    note = write_output(plan.to_json(), path, force=force, inputs=inputs)
    if not quiet and not is_stdout(path):
        from optimizer.render import render_plan

        echo(render_plan(plan, fmt).rstrip())
    echo_err(f"{result.summary()}\nplan written to {shown(path)}{note}")
    for export_fmt, export_path in targets:
        echo_err(write_export(plan, export_fmt, export_path, force, inputs, "--export"))


def plan_or_exit(result: Result) -> Plan:
    """The plan of a search's result, or the end of the command: exit 130 when Ctrl-C came
    before any plan, exit 1 when the time limit did. An interrupted search's plan is the best
    found so far (marked feasible, with its gap): say so on stderr."""
    if result.plan is None and result.interrupted:
        fail(EXIT_INTERRUPTED, f"interrupted before any plan was found ({result.summary()})")
    if result.plan is None:
        fail(EXIT_NO_PLAN, f"no plan found within the time limit ({result.summary()}); "
                           "try a longer --time-limit")
    if result.interrupted:
        echo_err("interrupted: the best plan found so far is kept (status and gap below)")
    return result.plan


@app.command()
@handle_errors
def show(
    plan: PlanFile,
    week: Annotated[int | None, typer.Option(help="Only this week.", min=1)] = None,
    fmt: PlanFormat = "table",
) -> None:
    """Render a saved plan without solving."""
    from optimizer.plan_guard import load_plan_checked
    from optimizer.render import render_plan

    check_choices("--format", [fmt], PLAN_FORMATS)
    loaded = load_plan_checked(plan)
    if week is not None and not any(w.week == week for w in loaded.weeks):
        raise InputError(f"week {week} is not in the plan (1..{len(loaded.weeks)})",
                         file=str(plan), field="--week")
    echo(render_plan(loaded, fmt, week).rstrip())


@app.command()
@handle_errors
def check(
    plan: Annotated[Path, typer.Argument(help="Plan file (.json) to verify.")],
) -> None:
    """Re-verify every hard rule on a plan file, without the solver (exit 1 if one breaks)."""
    from models.plan import load_plan
    from optimizer.validate import CHECKS, check_plan

    loaded = load_plan(plan)
    violations = check_plan(loaded)
    if violations:
        for v in violations:
            echo(str(v.message))
        rules = sorted({v.rule for v in violations})
        fail(EXIT_NO_PLAN, f"{len(violations)} violation(s) of: {', '.join(rules)}")
    total = sum(t.penalty for t in loaded.objective_terms)
    echo(f"ok: {len(loaded.sessions)} sessions over {len(loaded.weeks)} weeks; "
         f"{len(CHECKS)} checks hold; objective recomputed {total:g} = solver "
         f"{loaded.solver.objective:g}")
