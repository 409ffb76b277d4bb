"""CLI command `compare` (registers on optimizer.cli.app): goal trade-offs side by side."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from models.errors import InputError
from models.scenario import load_scenario
from optimizer.cli import (
    EXIT_NO_PLAN,
    _write_plan,
    app,
    check_choices,
    echo,
    echo_err,
    fail,
    handle_errors,
)

COMPARE_FORMAT_HELP = ("Output format: table (terminal), markdown, json (stable for a fixed seed "
                       "with --deterministic: no timings) or csv (one row per alternative).")


@app.command()
@handle_errors
def compare(
    scenario: Annotated[Path, typer.Argument(help="Scenario file (.toml or .json).")],
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
    time_limit: Annotated[float, typer.Option(help="Seconds to search, per alternative.",
                                              min=0.1, max=86400)] = 30.0,
    seed: Annotated[int, typer.Option(help="Random seed of the search.", min=0)] = 0,
    workers: Annotated[int, typer.Option(help="Search workers (threads) per solve.", min=1,
                                         max=64)] = 2,
    deterministic: Annotated[bool, typer.Option(
        help="Same plans for the same scenario and seed (interleaved workers, deterministic "
             "time limit; slower).")] = False,
    processes: Annotated[int, typer.Option(help="Alternatives solved at once, in separate "
                                                "processes (each with --workers threads).",
                                           min=1, max=64)] = 1,
    force: Annotated[bool, typer.Option(help="Overwrite plan files in -o DIR without a backup.")
                     ] = False,
) -> None:
    """Compare goals on your own calendar: one solve per alternative, one trade-off table
    (sets, cardio, minutes, objective by rule), what each gives up; -o writes every plan."""
    from optimizer import compare as cmp
    from optimizer.solving import SolveConfig

    check_choices("--format", [fmt], cmp.FORMATS)
    if sweep is not None and mix is not None:
        raise InputError("give either --sweep or --mix, not both", field="--sweep")
    if output is not None and output.exists() and not output.is_dir():
        raise InputError("must be a folder (each alternative's plan is written into it)",
                         file=str(output), field="--output")
    if sweep is not None:
        chosen = cmp.goal_alternatives(goals) if goals is not None else []
        if len(chosen) > 1:
            raise InputError("a sweep runs on one goal: give at most one goal with --goals",
                             field="--goals")
        alternatives = cmp.sweep_alternatives(sweep, chosen[0].goal if chosen else None)
    elif mix is not None:
        if goals is not None:
            raise InputError("--mix names its two goals itself; leave out --goals",
                             field="--goals")
        alternatives = cmp.mix_alternatives(mix)
    else:
        alternatives = cmp.goal_alternatives(goals if goals is not None else cmp.DEFAULT_GOALS)

    sc, catalog = load_scenario(scenario)
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
    plan_files: dict[str, str] = {}
    if output is not None:
        for row in comparison.rows:
            if row.plan is not None:
                path = output / cmp.plan_filename(row)
                note = _write_plan(row.plan.to_json(), path, force)
                plan_files[row.name] = str(path)
                if note:
                    echo_err(f"{path}:{note}")
    echo(cmp.render(comparison, fmt, plan_files).rstrip("\n"))
    solved = sum(1 for r in comparison.rows if r.plan is not None)
    summary = (f"{solved} of {len(comparison.rows)} alternatives have a plan "
               f"({comparison.seconds:.1f} s)")
    if plan_files:
        summary += f"; plans written to {output}/"
    if not solved:
        fail(EXIT_NO_PLAN, f"no plan possible for any alternative: {summary}")
    echo_err(summary)
