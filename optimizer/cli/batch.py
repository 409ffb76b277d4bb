"""`periodize batch INPUT -o OUTDIR` and `periodize batch replan OUTDIR --from DATE` (SPEC §8)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
import typer.core
from tabulate import tabulate

from models.errors import InputError
from optimizer.cli.core import (
    EXIT_INTERRUPTED,
    EXIT_NO_PLAN,
    TYPER_SETTINGS,
    app,
    echo,
    echo_err,
    fail,
    handle_errors,
)
from optimizer.cli.options import Deterministic, Seed, TimeLimit, parse_date


class _DefaultRun(typer.core.TyperGroup):
    """`periodize batch INPUT ...` means `periodize batch run INPUT ...`."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


batch_app = typer.Typer(
    cls=_DefaultRun, no_args_is_help=True, **TYPER_SETTINGS,
    help="Solve a whole roster on Dask distributed: `periodize batch INPUT -o OUTDIR` "
         "(INPUT: a folder of scenario files or a roster CSV); `periodize batch replan OUTDIR "
         "--from DATE --set KEY=VALUE` replans every plan of OUTDIR.")
app.add_typer(batch_app, name="batch")

Scheduler = Annotated[str | None, typer.Option(
    "--scheduler", metavar="tcp://HOST:8786",
    help="An existing Dask scheduler; default: a local cluster started for this command.")]
Processes = Annotated[int | None, typer.Option(
    "--processes", min=1, max=256,
    help="Local worker processes (default: the cores / --solver-workers).")]
SolverWorkers = Annotated[int, typer.Option(
    "--solver-workers", min=1, max=64,
    help="CP-SAT threads per solve (default 2, as `periodize solve`).")]


def _config(scheduler, processes, solver_workers, time_limit, seed, deterministic, force=False):
    from optimizer.batch import BatchConfig
    from optimizer.solving import SolveConfig

    solve = SolveConfig(time_limit=time_limit, seed=seed, workers=solver_workers,
                        deterministic=deterministic)
    return BatchConfig(scheduler=scheduler, processes=processes, solve=solve, force=force)


def _finish(report, outdir: Path, summary: str) -> None:
    rows = [[o.client, o.status, "" if o.objective is None else f"{o.objective:g}",
             o.error[:80]] for o in report.outcomes]
    echo(tabulate(rows, headers=["client", "status", "objective", "error"]))
    missing = report.without_plan
    echo_err(f"{len(report.outcomes) - len(missing)} of {len(report.outcomes)} clients have a "
             f"plan in {outdir}; summary: {outdir / summary}")
    if report.interrupted:
        fail(EXIT_INTERRUPTED, "interrupted: finished plans are written; the summary lists "
                               "the clients left")
    if missing:
        fail(EXIT_NO_PLAN, "no plan for: " + ", ".join(o.client for o in missing[:20])
             + (" ..." if len(missing) > 20 else ""))


@batch_app.command("run")
@handle_errors
def run(
    source: Annotated[Path, typer.Argument(
        metavar="INPUT", help="A folder of scenario files, or a roster CSV (columns client, "
                              "scenario, then dotted keys that override the template).")],
    outdir: Annotated[Path, typer.Option("--output", "-o", help="Folder for the plans and "
                                                                "summary.csv.")],
    scheduler: Scheduler = None,
    processes: Processes = None,
    solver_workers: SolverWorkers = 2,
    time_limit: TimeLimit = 30.0,
    seed: Seed = 0,
    deterministic: Deterministic = False,
    force: Annotated[bool, typer.Option(
        "--force/--no-force", help="Solve every client again, even when its plan is up to "
                                   "date.")] = False,
) -> None:
    """Solve every client into OUTDIR/<client>.plan.json and OUTDIR/summary.csv.

    A rerun skips clients whose plan was made from the same scenario and catalog. Exit 0 when
    every client has a plan, 1 when some have none (named), 2 when INPUT is unusable.
    """
    from optimizer.batch import run_batch

    config = _config(scheduler, processes, solver_workers, time_limit, seed, deterministic,
                     force)
    report = run_batch(source, outdir, config)
    _finish(report, outdir, "summary.csv")


@batch_app.command("replan")
@handle_errors
def replan(
    outdir: Annotated[Path, typer.Argument(metavar="OUTDIR",
                                           help="A folder of plans written by batch.")],
    from_: Annotated[str, typer.Option("--from", help="First date to re-decide (YYYY-MM-DD); "
                                                      "earlier sessions are kept.")],
    assignments: Annotated[list[str] | None, typer.Option(
        "--set", help="KEY=VALUE on every client's scenario (dotted keys, e.g. "
                      "availability.mon.minutes=0). Repeatable.")] = None,
    overrides: Annotated[Path | None, typer.Option(
        "--scenario-overrides", help="CSV: client, then dotted-key columns, per client.")
    ] = None,
    scheduler: Scheduler = None,
    processes: Processes = None,
    solver_workers: SolverWorkers = 2,
    time_limit: TimeLimit = 30.0,
    seed: Seed = 0,
    deterministic: Deterministic = False,
) -> None:
    """Replan every plan in OUTDIR from a date (old plans kept as .bak); replan-summary.csv."""
    from optimizer.batch import replan_batch
    from optimizer.batch.folder import read_overrides

    if not assignments and overrides is None:
        raise InputError("nothing changes: give --set KEY=VALUE or --scenario-overrides CSV",
                         field="--set")
    per_client = read_overrides(overrides) if overrides is not None else None
    config = _config(scheduler, processes, solver_workers, time_limit, seed, deterministic)
    report = replan_batch(outdir, list(assignments or []), per_client,
                          parse_date(from_, "--from"), config)
    _finish(report, outdir, "replan-summary.csv")
