"""Commands on scenarios and the exercise catalog: `validate`, `schema`, `catalog` and
`catalog import` (`catalog-import` is a hidden alias). None imports OR-Tools."""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from tabulate import tabulate

from models.catalog import Exercise, builtin_catalog, load_catalog, parse_catalog
from models.catalog_import import SOURCES, ImportResult, catalog_toml, import_catalog
from models.errors import InputError
from models.scenario import Scenario, load_scenario
from models.vocab import EQUIPMENT, KINDS, MUSCLE_GROUPS, PATTERNS
from optimizer.cli.core import TYPER_SETTINGS, app, echo, echo_err, handle_errors
from optimizer.cli.options import Force, ScenarioFile, check_choices
from optimizer.cli.output import is_stdout, shown, write_output
from optimizer.describe import describe_scenario, listing


@app.command()
@handle_errors
def validate(scenario: ScenarioFile) -> None:
    """Check a scenario file and print what it means (exit 2 with the error otherwise)."""
    sc, catalog = load_scenario(scenario)
    echo(describe_scenario(sc, catalog, str(scenario)))


@app.command()
@handle_errors
def schema() -> None:
    """Print the JSON Schema of scenario files (the same schema for TOML and JSON)."""
    echo(json.dumps(Scenario.model_json_schema(by_alias=True), indent=2))


# ------------------------------------------------------------------------------ catalog
catalog_app = typer.Typer(
    name="catalog",
    help="Browse the exercise catalog (ids to use in `avoid` and `favor`); `catalog import` "
         "reads an open-data catalog.",
    **TYPER_SETTINGS,
)
app.add_typer(catalog_app)


@catalog_app.callback(invoke_without_command=True)
@handle_errors
def catalog(
    ctx: typer.Context,
    equipment: Annotated[
        list[str] | None,
        typer.Option(
            "--equipment", "-e",
            help="Equipment you have (repeatable); only exercises needing nothing else are "
                 "listed. Bodyweight exercises are always included; '--equipment bodyweight' "
                 "lists only them. Default: any equipment.",
        ),
    ] = None,
    muscle: Annotated[
        str | None, typer.Option("--muscle", "-m", help="Primary muscle group, e.g. quads.")
    ] = None,
    pattern: Annotated[
        str | None, typer.Option("--pattern", "-p", help="Movement pattern, e.g. hinge.")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", "-k", help="Exercise kind, e.g. strength.")
    ] = None,
    catalog_file: Annotated[
        Path | None,
        typer.Option("--catalog", help="Browse this catalog file instead of the built-in one."),
    ] = None,
) -> None:
    """Browse the exercise catalog: ids to use in `avoid` and `favor`.

    `periodize catalog import FILE --from free-exercise-db -o OUT.toml` imports a catalog.
    """
    if ctx.invoked_subcommand is not None:  # `catalog import ...`
        if any(x is not None for x in (equipment, muscle, pattern, kind, catalog_file)):
            raise InputError(f"browse options do not apply to `catalog {ctx.invoked_subcommand}`"
                             "; give them without it", field="catalog")
        return
    have: set[str] | None = None
    if equipment is not None:
        check_choices("--equipment", equipment, ("bodyweight", *EQUIPMENT))
        have = {e for e in equipment if e != "bodyweight"}
    for option, value, allowed in (("--muscle", muscle, MUSCLE_GROUPS),
                                   ("--pattern", pattern, PATTERNS), ("--kind", kind, KINDS)):
        if value is not None:
            check_choices(option, [value], allowed)
    cat = load_catalog(catalog_file) if catalog_file else builtin_catalog()
    found = cat.filter(equipment=have, muscle=muscle, pattern=pattern, kind=kind)
    if not found:
        echo(f"no exercise matches (catalog: {cat.source}, {len(cat)} exercises)")
        return
    rows = [
        [ex.id, ex.name, ex.kind, ex.pattern, listing(ex.primary, "-"),
         listing(ex.equipment, "bodyweight"), ex.level]
        for ex in found
    ]
    echo(tabulate(rows, headers=["id", "name", "kind", "pattern", "primary", "equipment",
                                 "level"], tablefmt="simple"))
    echo(f"{len(found)} of {len(cat)} exercises (catalog: {cat.source})")


@catalog_app.command("import")
@app.command("catalog-import", hidden=True)  # the first spelling, kept as an alias
@handle_errors
def catalog_import(
    file: Annotated[Path, typer.Argument(help="Exercises to import, e.g. free-exercise-db's "
                                         "dist/exercises.json.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Catalog file to write (.toml; '-' = stdout).")],
    source: Annotated[str, typer.Option("--from", help="Format of FILE: free-exercise-db.")
                      ] = "free-exercise-db",
    force: Force = False,
) -> None:
    """Import an exercise catalog from free-exercise-db JSON (dist/exercises.json) as TOML.

    Maps every entry to the exercise vocabulary and prints what was skipped and why.

    Use the result with catalog = "OUT.toml" in a scenario (or browse it: catalog --catalog).
    """
    check_choices("--from", [source], SOURCES)
    if not is_stdout(output) and output.suffix.lower() != ".toml":
        raise InputError("the catalog is written as TOML: use a file ending in .toml",
                         file=str(output), field="--output")
    result = import_catalog(file, source)
    text = catalog_toml(result, source)
    written = parse_catalog(tomllib.loads(text), shown(output))  # what a scenario will read
    note = write_output(text, output, force=force, inputs=[("file to import", file)])
    # with -o -, stdout is the catalog: the report goes to stderr
    _import_report(result, written.exercises, file, echo_err if is_stdout(output) else echo)
    if is_stdout(output):
        echo_err("catalog written to stdout")
    else:
        echo_err(f"catalog written to {output}{note}; use it with catalog = \"{output}\" in a "
                 "scenario")


def _import_report(result: ImportResult, exercises: list[Exercise], file: Path,
                   say: Callable[[str], None]) -> None:
    """What was imported and skipped, through `say` (stdout, or stderr when stdout is the
    catalog)."""
    if result.skipped:
        rows = [[s.name, s.reason] for s in result.skipped]
        say(tabulate(rows, headers=["skipped", "reason"], tablefmt="simple",
                     maxcolwidths=[48, 70]))
        say("")
    kinds = Counter(e.kind for e in exercises)
    patterns = Counter(e.pattern for e in exercises if e.kind == "strength")
    say(f"imported {len(exercises)} of {result.total} exercises from {file} "
        f"({len(result.skipped)} skipped)")
    say("kinds: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    say("strength patterns: " + (", ".join(f"{p} {n}" for p, n in patterns.most_common())
                                 or "none"))
    if result.skipped:
        say("skipped: " + "; ".join(f"{r} {n}" for r, n in result.skipped_by_reason().items()))
    missing = result.missing_required_patterns()
    if missing:
        echo_err(f"warning: no strength {', '.join(missing)} exercise: scenarios using this "
                 "catalog need one every week (rules legs and calves) or must switch the "
                 "rule off")
