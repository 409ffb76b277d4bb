"""CLI commands `export` and `catalog import` (register on optimizer.cli.app and its `catalog`
group; `catalog-import` is a hidden alias).

Neither imports OR-Tools: both work from files alone.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from tabulate import tabulate

from models.errors import InputError
from models.plan import Plan
from optimizer.cli import (
    _write_plan,
    app,
    catalog_app,
    check_choices,
    echo,
    echo_err,
    handle_errors,
)

EXPORT_HELP = (
    "ics (calendar: one event per session at the day's start time, 18:00 when the scenario "
    "gives none), csv (one row per exercise), markdown (printable program) or html (one "
    "self-contained page with a chart). Default: from the -o file name."
)


# ------------------------------------------------------------------------------ export
@app.command()
@handle_errors
def export(
    plan: Annotated[Path, typer.Argument(help="Plan file (.json) written by solve.")],
    fmt: Annotated[str | None, typer.Option("--format", "-f", help=EXPORT_HELP)] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write ('-' = stdout). Default: the plan "
                     "file's name with the format's extension, in the current folder."),
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite the file without a backup.")] = False,
) -> None:
    """Export a plan: calendar (.ics), spreadsheet (CSV), Markdown or a web page (HTML).

    Written atomically; an existing file is kept as FILE.bak unless --force.

    Calendar events have stable UIDs: importing a replanned plan's .ics updates its events.
    """
    from optimizer.export import EXPORT_FORMATS, EXTENSIONS, export_plan, format_for_path
    from optimizer.plan_guard import load_plan_checked

    if fmt is None:
        fmt = format_for_path(output.name) if output is not None else None
        if fmt is None:
            raise InputError(f"give --format ({', '.join(EXPORT_FORMATS)}) or an -o file "
                             f"ending in {', '.join(EXTENSIONS.values())}", field="--format")
    check_choices("--format", [fmt], EXPORT_FORMATS)
    loaded = load_plan_checked(plan)
    if output is not None and str(output) == "-":
        typer.echo(export_plan(loaded, fmt), nl=False)  # bytes (ics) go to stdout unchanged
        return
    path = output or Path(plan.name).with_suffix(EXTENSIONS[fmt])
    if path.resolve() == plan.resolve():
        raise InputError("the output file is the plan file itself; choose another -o",
                         file=str(path), field="--output")
    echo_err(write_export(loaded, fmt, path, force))


def write_export(plan: Plan, fmt: str, path: Path, force: bool) -> str:
    """Export `plan` as `fmt` to `path` atomically (an existing file is kept as .bak unless
    `force`); returns the one-line note to print. Shared by `export` and `solve --export`."""
    from optimizer.export import export_plan

    data = export_plan(plan, fmt)
    # .ics bytes are UTF-8 with CRLF line ends (RFC 5545); written as text they stay so
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    note = _write_plan(text, path, force)
    what = {"ics": f"{len(plan.sessions)} events", "csv":
            f"{sum(len(s.exercises) for s in plan.sessions)} rows"}.get(fmt, fmt)
    return f"{fmt} written to {path} ({what}){note}"


def export_targets(specs: list[str], plan_path: Path) -> list[tuple[str, Path]]:
    """`solve --export` values checked before solving: (format, file) each; exit 2 on a bad
    one, on the plan file itself or on the same file twice."""
    from optimizer.export import parse_export_target

    out: list[tuple[str, Path]] = []
    seen = {plan_path.resolve()}
    for spec in specs:
        fmt, path = parse_export_target(spec)
        if path.resolve() in seen:
            raise InputError(f"{spec!r}: {path} is already written by this command (the plan "
                             "file or another --export)", field="--export")
        seen.add(path.resolve())
        out.append((fmt, path))
    return out


# ------------------------------------------------------------------------------ catalog import
@catalog_app.command("import")
@app.command("catalog-import", hidden=True)  # the first spelling, kept as an alias
@handle_errors
def catalog_import(
    file: Annotated[Path, typer.Argument(help="Exercises to import, e.g. free-exercise-db's "
                                         "dist/exercises.json.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Catalog file to write (.toml).")],
    source: Annotated[str, typer.Option("--from", help="Format of FILE: free-exercise-db.")
                      ] = "free-exercise-db",
    force: Annotated[bool, typer.Option(help="Overwrite the file without a backup.")] = False,
) -> None:
    """Import an exercise catalog from free-exercise-db JSON (dist/exercises.json) as TOML.

    Maps every entry to the exercise vocabulary and prints what was skipped and why.

    Use the result with catalog = "OUT.toml" in a scenario (or browse it: catalog --catalog).
    """
    from models.catalog import load_catalog
    from models.catalog_import import SOURCES, catalog_toml, import_catalog

    check_choices("--from", [source], SOURCES)
    if output.suffix.lower() != ".toml":
        raise InputError("the catalog is written as TOML: use a file ending in .toml",
                         file=str(output), field="--output")
    result = import_catalog(file, source)
    note = _write_plan(catalog_toml(result, source), output, force)
    written = load_catalog(output)  # what a scenario will read: must load
    if result.skipped:
        rows = [[s.name, s.reason] for s in result.skipped]
        echo(tabulate(rows, headers=["skipped", "reason"], tablefmt="simple",
                      maxcolwidths=[48, 70]))
        echo("")
    kinds = Counter(e.kind for e in written.exercises)
    patterns = Counter(e.pattern for e in written.exercises if e.kind == "strength")
    echo(f"imported {len(written)} of {result.total} exercises from {file} "
         f"({len(result.skipped)} skipped)")
    echo("kinds: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    echo("strength patterns: " + (", ".join(f"{p} {n}" for p, n in patterns.most_common())
                                  or "none"))
    if result.skipped:
        echo("skipped: " + "; ".join(f"{r} {n}" for r, n in result.skipped_by_reason().items()))
    missing = result.missing_required_patterns()
    if missing:
        echo_err(f"warning: no strength {', '.join(missing)} exercise: scenarios using this "
                 "catalog need one every week (rules legs and calves) or must switch the "
                 "rule off")
    echo_err(f"catalog written to {output}{note}; use it with catalog = \"{output}\" in a "
             "scenario")
