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

from models.catalog import Catalog, builtin_catalog, load_catalog
from models.errors import InfeasibleError, InputError
from models.horizon import Horizon
from models.profiles import RULES, SESSIONS_PER_WEEK
from models.scenario import Scenario, load_scenario
from models.vocab import EQUIPMENT, KINDS, LEVEL_RANK, MUSCLE_GROUPS, PATTERNS, WEEKDAYS
from optimizer import __version__

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


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _join(items: Any, empty: str = "none") -> str:
    items = list(items)
    return ", ".join(str(i) for i in items) if items else empty


def _weeks_list(numbers: list[int]) -> str:
    """[4, 8, 12] -> '4, 8, 12'; long runs are shortened: [1, 2, 3, 4] -> '1-4'."""
    from optimizer.explain import week_ranges

    return week_ranges(numbers) if numbers else "none"


# ------------------------------------------------------------------------------ validate
def describe_scenario(scenario: Scenario, catalog: Catalog, source: str) -> str:
    """The one-screen summary `periodize validate` prints: what the scenario means."""
    sc = scenario
    horizon = Horizon(sc)
    lines: list[str] = []
    add = lines.append

    def kv(label: str, value: object) -> None:
        add(f"{label:<15}{value}")

    kv("Scenario", f"{sc.name}  ({source})")
    mix = sc.goal_mix()
    if sc.goal_weights:
        goal = ", ".join(f"{g} {_pct(w)}" for g, w in sorted(mix.items(), key=lambda i: -i[1]))
        kv("Goal", f"mix: {goal} (primary {sc.primary_goal}: sets reps, tempo and rest)")
    else:
        kv("Goal", sc.primary_goal)
    lo, hi = SESSIONS_PER_WEEK[sc.level]
    kv("Level", f"{sc.level} (strength sessions a week: {lo}-{hi})")
    kv("Dates", f"{sc.start:%a %Y-%m-%d} - {horizon.end:%a %Y-%m-%d}, {sc.weeks} weeks")
    last = horizon.block_length(horizon.n_blocks)
    blocks = f"{horizon.n_blocks} of {horizon.block_weeks} weeks"
    if horizon.n_blocks > 1 and last != horizon.block_weeks:
        blocks = (
            f"{horizon.n_blocks} ({horizon.n_blocks - 1} of {horizon.block_weeks} weeks, "
            f"the last of {last})"
        )
    elif horizon.n_blocks == 1:
        blocks = f"1 of {last} week{'s' if last > 1 else ''}"
    kv("Blocks", blocks)
    breaks = [w.number for w in horizon.weeks if w.is_break]
    deloads = [w.number for w in horizon.weeks if w.deload]
    kv("Break weeks", _weeks_list(breaks))
    kv("Deload weeks", _weeks_list(deloads))
    kv("Body", f"{sc.body_mass_kg:g} kg, sleep {sc.sleep_hours:g} h")
    kv("Time zone", sc.timezone)
    add("")

    rows = []
    for wd in WEEKDAYS:
        day = sc.availability.get(wd)
        if day is None or day.minutes == 0:
            rows.append([wd, "-", "", ""])
        else:
            rows.append([wd, day.minutes, day.location or "", day.start or ""])
    days = [d for d in sc.availability.values() if d.minutes > 0]
    add("Typical week")
    add(tabulate(rows, headers=["day", "minutes", "location", "start"], tablefmt="simple"))
    add(f"{len(days)} days, {sum(d.minutes for d in days)} minutes a week")

    if sc.exceptions:
        add("")
        add("Exceptions")
        for exc in sc.exceptions:
            weeks = sorted({d.week for d in horizon.days if exc.from_ <= d.date <= exc.to})
            where = f"week {_weeks_list(weeks)}" if weeks else "outside the plan"
            if exc.is_break:
                what = "break (no training)"
            else:
                what = ", ".join(
                    f"{wd} {exc.availability[wd].minutes} min @ {exc.availability[wd].location}"
                    for wd in WEEKDAYS
                    if wd in exc.availability and exc.availability[wd].minutes > 0
                )
            note = f"  ({exc.note})" if exc.note else ""
            add(f"  {exc.from_} - {exc.to}  [{where}]  {what}{note}")

    add("")
    rows = []
    for name, loc in sorted(sc.locations.items()):
        usable = catalog.filter(equipment=set(loc.equipment))
        at_level = [e for e in usable if LEVEL_RANK[e.level] <= LEVEL_RANK[sc.level]]
        rows.append([name, _join(loc.equipment, "bodyweight only"), len(usable), len(at_level)])
    add(f"Locations (catalog: {catalog.source}, {len(catalog)} exercises)")
    add(tabulate(rows, headers=["location", "equipment", "exercises", f"for {sc.level}"],
                 tablefmt="simple", maxcolwidths=[None, 60, None, None]))

    add("")
    prefs = sc.preferences
    kv("Avoid", _join(prefs.avoid))
    kv("Avoid patterns", _join(prefs.avoid_patterns))
    kv("Favor", _join(prefs.favor))
    overrides = []
    for rule_id, params in sc.rules.items():
        for key, value in params.items():
            if key == "enabled":
                overrides.append(f"{rule_id} {'on' if value else 'off'}")
            else:
                default = RULES[rule_id][key].default
                overrides.append(f"{rule_id}.{key} = {value} (default {default})")
    kv("Rules", _join(overrides, "all defaults"))

    warnings = horizon.warnings()
    if warnings:
        add("")
        add("Warnings")
        lines.extend(f"  ! {w}" for w in warnings)
    add("")
    add(f"OK: {source} is a valid scenario.")
    return "\n".join(lines)


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
        [ex.id, ex.name, ex.kind, ex.pattern, _join(ex.primary, "-"),
         _join(ex.equipment, "bodyweight"), ex.level]
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
