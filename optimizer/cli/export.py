"""Command `export`, and the export files of `solve --export`. No OR-Tools import."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from models.errors import InputError
from optimizer.cli.core import app, echo_err, handle_errors
from optimizer.cli.options import Force, PlanFile, check_choices
from optimizer.cli.output import is_stdout, write_export

EXPORT_HELP = (
    "ics (calendar: one event per session at the day's start time, 18:00 when the scenario "
    "gives none), csv (one row per exercise), markdown (printable program) or html (one "
    "self-contained page with a chart). Default: from the -o file name."
)


@app.command()
@handle_errors
def export(
    plan: PlanFile,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help=EXPORT_HELP)] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write ('-' = stdout). Default: the plan "
                     "file's name with the format's extension, in the current folder."),
    ] = None,
    force: Force = False,
) -> None:
    """Export a plan: calendar (.ics), spreadsheet (CSV), Markdown or a web page (HTML).

    Written atomically; an existing file is kept as FILE.bak unless --force.

    Calendar events have stable UIDs: importing a replanned plan's .ics updates its events.
    """
    from optimizer.export import EXPORT_FORMATS, EXTENSIONS, format_for_path
    from optimizer.plan_guard import load_plan_checked

    if fmt is None:
        fmt = format_for_path(output.name) if output is not None else None
        if fmt is None:
            raise InputError(f"give --format ({', '.join(EXPORT_FORMATS)}) or an -o file "
                             f"ending in {', '.join(EXTENSIONS.values())}", field="--format")
    check_choices("--format", [fmt], EXPORT_FORMATS)
    path = output or Path(plan.name).with_suffix(EXTENSIONS[fmt])
    loaded = load_plan_checked(plan)
    message = write_export(loaded, fmt, path, force, [("plan file", plan)])
    if not is_stdout(path):
        echo_err(message)
