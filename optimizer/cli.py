"""The `periodize` command line (SPEC §6).

Layout: shared plumbing first (exit codes, error handling, output helpers), then one section per
command. Every command function is decorated with `@app.command()` and `@handle_errors`:

    @app.command()
    @handle_errors
    def solve(...): ...

`handle_errors` is the single place that turns domain errors into exit codes, so commands just
raise: `InputError` -> exit 2, `InfeasibleError` -> exit 1, each as one message on stderr and
never a traceback. Heavy imports (OR-Tools) belong inside the commands that need them, so
`validate`, `schema` and `catalog` stay fast.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from tabulate import tabulate

from models.catalog import builtin_catalog, load_catalog
from models.errors import InfeasibleError, InputError
from models.scenario import Scenario, load_scenario
from models.vocab import EQUIPMENT, KINDS, MUSCLE_GROUPS, PATTERNS
from optimizer import __version__
from optimizer.describe import describe_scenario, listing

# ------------------------------------------------------------------------------ exit codes
EXIT_OK = 0
EXIT_NO_PLAN = 1  # no plan satisfies the hard rules, or a plan breaks one
EXIT_BAD_INPUT = 2  # bad file, field, option value (click usage errors use 2 as well)
EXIT_INTERNAL = 3  # a bug in periodize; PERIODIZE_DEBUG=1 shows the traceback
EXIT_INTERRUPTED = 130  # Ctrl-C before any plan was found (128 + SIGINT, as shells do)

app = typer.Typer(
    name="periodize",
    help=(
        "Optimal multi-week training programs from your real week (OR-Tools CP-SAT).\n\n"
        "Exit codes: 0 success, 1 no plan possible or a plan breaks a rule, 2 bad input."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


# ------------------------------------------------------------------------------ plumbing
def echo(text: str = "") -> None:
    """Print to stdout (the command's result)."""
    typer.echo(text)


def echo_err(text: str) -> None:
    """Print to stderr (errors, warnings, progress)."""
    typer.echo(text, err=True)


def fail(code: int, message: str) -> NoReturn:
    echo_err(message)
    raise typer.Exit(code)


def handle_errors(func: F) -> F:
    """Run a command; turn domain errors into a message on stderr and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise
        except InputError as err:
            fail(EXIT_BAD_INPUT, f"error: {err}")
        except InfeasibleError as err:
            fail(EXIT_NO_PLAN, f"no plan possible: {err}")
        except BrokenPipeError:
            # `periodize catalog | head`: the reader left; not an error
            sys.stderr.close()
            raise typer.Exit(EXIT_OK) from None
        except KeyboardInterrupt:
            fail(EXIT_INTERRUPTED, "interrupted")
        except Exception as err:
            if os.environ.get("PERIODIZE_DEBUG"):
                raise
            fail(
                EXIT_INTERNAL,
                f"internal error: {type(err).__name__}: {err}\n"
                "This is a bug in periodize; run with PERIODIZE_DEBUG=1 for the traceback.",
            )

    return wrapper  # type: ignore[return-value]


def check_choices(option: str, values: list[str], allowed: tuple[str, ...]) -> None:
    """Reject option values outside the vocabulary: exit 2 with the allowed list."""
    for value in values:
        if value not in allowed:
            raise InputError(f"unknown value {value!r}; allowed: {', '.join(allowed)}",
                             field=option)


def _version(value: bool) -> None:
    if value:
        echo(f"periodize {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
) -> None:
    """Optimal multi-week training programs from your real week (OR-Tools CP-SAT)."""


@app.command()
@handle_errors
def validate(
    scenario: Annotated[Path, typer.Argument(help="Scenario file (.toml or .json).")],
) -> None:
    """Check a scenario file and print what it means (exit 2 with the error otherwise)."""
    sc, catalog = load_scenario(scenario)
    echo(describe_scenario(sc, catalog, str(scenario)))


# ------------------------------------------------------------------------------ schema
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
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
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
    if muscle is not None:
        check_choices("--muscle", [muscle], MUSCLE_GROUPS)
    if pattern is not None:
        check_choices("--pattern", [pattern], PATTERNS)
    if kind is not None:
        check_choices("--kind", [kind], KINDS)
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


# ------------------------------------------------------------------------------ solve
FORMAT_HELP = "Output format: table (terminal), markdown or json (the plan file)."


def _check_format(fmt: str) -> None:
    from optimizer.render import FORMATS

    check_choices("--format", [fmt], FORMATS)


def _write_plan(plan_text: str, path: Path, force: bool) -> str:
    """Write atomically; an existing file is kept as PATH.bak unless --force."""
    from models.plan import write_atomic

    note = ""
    if path.is_dir():
        raise InputError("is a folder; give a file name", file=str(path), field="--output")
    try:
        if path.exists() and not force:
            backup = path.with_name(path.name + ".bak")
            write_atomic(backup, path.read_bytes())  # byte for byte, whatever it held
            note = f" (previous file kept as {backup})"
        write_atomic(path, plan_text)
    except OSError as err:  # a folder that cannot be made, no permission, disk full, ...
        raise InputError(f"cannot write: {err.strerror or err}", file=str(path),
                         field="--output") from None
    return note


@app.command()
@handle_errors
def solve(
    scenario: Annotated[Path, typer.Argument(help="Scenario file (.toml or .json).")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Plan file to write (default: "
                                  "<scenario name>.plan.json in the current folder).")
    ] = None,
    time_limit: Annotated[float, typer.Option(help="Seconds to search (best plan so far is "
                                              "returned with its gap).", min=0.1, max=86400)
                          ] = 30.0,
    seed: Annotated[int, typer.Option(help="Random seed of the search.", min=0)] = 0,
    workers: Annotated[int, typer.Option(help="Search workers (threads).", min=1, max=64)] = 2,
    deterministic: Annotated[bool, typer.Option(
        help="Same plan for the same scenario and seed (interleaved workers, deterministic "
             "time limit; slower).")] = False,
    fmt: Annotated[str, typer.Option("--format", help=FORMAT_HELP)] = "table",
    force: Annotated[bool, typer.Option(help="Overwrite the plan file without a backup.")
                     ] = False,
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
    """Solve a scenario into a multi-week program; print it and write the plan file."""
    fmt = "json" if as_json else fmt
    _check_format(fmt)
    from optimizer.cli_export import export_targets, write_export

    path = output or Path(f"{scenario.stem}.plan.json")
    targets = export_targets(export or [], path)  # bad --export: exit 2 before solving
    from optimizer.render import render_plan
    from optimizer.solving import SolveConfig
    from optimizer.solving import solve as solve_scenario

    sc, cat = load_scenario(scenario)
    config = SolveConfig(time_limit=time_limit, seed=seed, workers=workers,
                         deterministic=deterministic, progress=sys.stderr.isatty())
    if config.progress:
        echo_err(f"solving {scenario} ({sc.weeks} weeks, up to {time_limit:g} s) ...")
    try:
        result = solve_scenario(sc, cat, config)
    except InfeasibleError as err:
        from optimizer.suggest import no_plan_exit

        no_plan_exit(err, sc, cat, fmt == "json")
    if result.plan is None and result.interrupted:
        fail(EXIT_INTERRUPTED, f"interrupted before any plan was found ({result.summary()})")
    if result.plan is None:
        fail(EXIT_NO_PLAN, f"no plan found within the time limit ({result.summary()}); "
                           "try a longer --time-limit")
    if result.interrupted:
        echo_err("interrupted: the best plan found so far is kept (status and gap below)")
    note = _write_plan(result.plan.to_json(), path, force)
    if not quiet:
        echo(render_plan(result.plan, fmt).rstrip())
    echo_err(f"{result.summary()}\nplan written to {path}{note}")
    for export_fmt, export_path in targets:
        echo_err(write_export(result.plan, export_fmt, export_path, force))


# ------------------------------------------------------------------------------ show
@app.command()
@handle_errors
def show(
    plan: Annotated[Path, typer.Argument(help="Plan file (.json) written by solve.")],
    week: Annotated[int | None, typer.Option(help="Only this week.", min=1)] = None,
    fmt: Annotated[str, typer.Option("--format", help=FORMAT_HELP)] = "table",
) -> None:
    """Render a saved plan without solving."""
    from optimizer.plan_guard import load_plan_checked
    from optimizer.render import render_plan

    _check_format(fmt)
    loaded = load_plan_checked(plan)
    if week is not None and not any(w.week == week for w in loaded.weeks):
        raise InputError(f"week {week} is not in the plan (1..{len(loaded.weeks)})",
                         file=str(plan), field="--week")
    echo(render_plan(loaded, fmt, week).rstrip())


# ------------------------------------------------------------------------------ check
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


# ------------------------------------------------------------------------------ more commands
# Commands with modules of their own register on `app` when imported.
from optimizer import cli_compare, cli_explain, cli_export, cli_replan  # noqa: E402,F401


# ------------------------------------------------------------------------------ entry point
def main() -> None:
    """Console script `periodize` and `python -m optimizer`."""
    app(prog_name="periodize")


if __name__ == "__main__":
    main()
