"""Command `compare`: goal trade-offs side by side, one solve per alternative."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from models.errors import InputError
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
    ScenarioFile,
    Seed,
    TimeLimit,
    Workers,
    check_choices,
    one_of,
)
from optimizer.cli.output import check_output, is_stdout, scenario_inputs, write_output

if TYPE_CHECKING:  # optimizer.compare imports OR-Tools: only when the command runs
    from optimizer.compare import Alternative

COMPARE_FORMAT_HELP = (f"Output format: {one_of((*PLAN_FORMATS, 'csv'))}: json is stable for a "
                       "fixed seed with --deterministic (no timings); csv has one row per "
                       "alternative.")


@app.command()
@handle_errors
def compare(
    scenario: ScenarioFile,
    goals: Annotated[
        str | None,
        typer.Option(help="Comma-separated goals, one solve each (default "
                          "hypertrophy,strength,fat_loss). With --sweep: the one goal to sweep "
                          "(default: the scenario's goal)."),
    ] = None,
    sweep: Annotated[
        str | None,
        typer.Option(help="Epsilon-constraint sweep MEASURE=LO:HI:STEP in minutes a week: "
                          "cardio (exactly), cardio_max (at most) or cardio_min (at least), "
                          "e.g. cardio=0:150:30. Reports the Pareto front of cardio minutes "
                          "and objective."),
    ] = None,
    mix: Annotated[
        str | None,
        typer.Option(help="Sweep the weight between two goals: GOAL:GOAL:N, N mixes from 1/0 "
                          "to 0/1, e.g. hypertrophy:fat_loss:5."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help=COMPARE_FORMAT_HELP)] = "table",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Folder to write each alternative's plan to, as "
                                            "DIR/<alternative>.plan.json (an existing file is "
                                            "kept as .bak unless --force)."),
    ] = None,
    time_limit: TimeLimit = 30.0,
    seed: Seed = 0,
    workers: Workers = 2,
    deterministic: Deterministic = False,
    processes: Annotated[int, typer.Option(help="Alternatives solved at once, in separate "
                                                "processes (each with --workers threads).",
                                           min=1, max=64)] = 1,
    force: Force = False,
) -> None:
    """Compare goals on your own calendar: one solve per alternative, one trade-off table
    (sets, cardio, minutes, objective by rule), what each gives up; -o writes every plan."""
    from optimizer import compare as cmp
    from optimizer.solving import SolveConfig

    check_choices("--format", [fmt], cmp.FORMATS)
    if sweep is not None and mix is not None:
        raise InputError("give either --sweep or --mix, not both", field="--sweep")
    alternatives = _alternatives(goals, sweep, mix)
    sc, catalog = load_scenario(scenario)
    inputs = scenario_inputs(scenario, sc)
    if output is not None:
        _check_folder(output)
        for alt in alternatives:
            check_output(output / cmp.plan_filename(alt), inputs=inputs, force=force,
                         stdout_ok=False)

    config = SolveConfig(time_limit=time_limit, seed=seed, workers=workers,
                         deterministic=deterministic)
    progress = sys.stderr.isatty()
    if progress:
        echo_err(f"comparing {len(alternatives)} alternatives of {scenario} ({sc.weeks} weeks, "
                 f"up to {time_limit:g} s each, {processes} at a time) ...")

    def done(row: cmp.Row) -> None:
        if progress:
            echo_err(f"  {row.name}: {row.status} ({row.seconds:.1f} s)")

    comparison = cmp.compare(sc, catalog, alternatives, config, processes=processes,
                             on_done=done)
    solved = sum(1 for r in comparison.rows if r.plan is not None)
    if comparison.interrupted:  # Ctrl-C stopped a search
        if not solved:
            fail(EXIT_INTERRUPTED, "interrupted before any plan was found")
        echo_err("interrupted: the best plans found so far are kept (status and gap in the "
                 "table)")
    plan_files: dict[str, str] = {}
    if output is not None:
        for row in comparison.rows:
            if row.plan is not None:
                path = output / cmp.plan_filename(row)
                note = write_output(row.plan.to_json(), path, force=force, inputs=inputs,
                                    stdout_ok=False)
                plan_files[row.name] = str(path)
                if note:
                    echo_err(f"{path}:{note}")
    echo(cmp.render(comparison, fmt, plan_files).rstrip("\n"))
    summary = (f"{solved} of {len(comparison.rows)} alternatives have a plan "
               f"({comparison.seconds:.1f} s)")
    if plan_files:
        summary += f"; plans written to {output}/"
    if not solved:
        fail(EXIT_NO_PLAN, f"no plan possible for any alternative: {summary}")
    echo_err(summary)


def _alternatives(goals: str | None, sweep: str | None, mix: str | None) -> list[Alternative]:
    """The alternatives the options ask for: a sweep, a mix, or goals (the default three)."""
    from optimizer import compare as cmp

    if sweep is not None:
        chosen = cmp.goal_alternatives(goals) if goals is not None else []
        if len(chosen) > 1:
            raise InputError("a sweep runs on one goal: give at most one goal with --goals",
                             field="--goals")
        return cmp.sweep_alternatives(sweep, chosen[0].goal if chosen else None)
    if mix is not None:
        if goals is not None:
            raise InputError("--mix names its two goals itself; leave out --goals",
                             field="--goals")
        return cmp.mix_alternatives(mix)
    return cmp.goal_alternatives(goals if goals is not None else cmp.DEFAULT_GOALS)


def _check_folder(output: Path) -> None:
    """-o of compare is a folder (one plan file per alternative): not stdout, not a file."""
    if is_stdout(output):
        raise InputError("compare writes one plan file per alternative into a folder; '-' "
                         "(stdout) cannot hold them: give a folder name", field="--output")
    if output.exists() and not output.is_dir():
        raise InputError("must be a folder (each alternative's plan is written into it)",
                         file=str(output), field="--output")
