"""Options shared by several commands, declared once (typing.Annotated aliases), and the parsers
and checks of option values.

A command stacks the aliases it takes:

    def solve(scenario: ScenarioFile, output: OutputFile = None, time_limit: TimeLimit = 30.0,
              seed: Seed = 0, ...)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from models.errors import InputError
from optimizer.render import FORMATS as PLAN_FORMATS


def one_of(choices: Sequence[str]) -> str:
    """('a', 'b', 'c') -> 'a, b or c'."""
    return ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]


def check_choices(option: str, values: Iterable[str], allowed: Sequence[str]) -> None:
    """Reject option values outside the vocabulary: exit 2 with the allowed list."""
    for value in values:
        if value not in allowed:
            raise InputError(f"unknown value {value!r}; allowed: {', '.join(allowed)}",
                             field=option)


def parse_date(text: str, option: str) -> date:
    """An option's YYYY-MM-DD date; InputError naming the option otherwise."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"not a date: {text!r}; use YYYY-MM-DD", field=option) from None


# ------------------------------------------------------------------------------ inputs
ScenarioFile = Annotated[Path, typer.Argument(help="Scenario file (.toml or .json).")]
PlanFile = Annotated[Path, typer.Argument(help="Plan file (.json) written by solve.")]

# ------------------------------------------------------------------------------ search
TimeLimit = Annotated[float, typer.Option(
    "--time-limit", min=0.1, max=86400,
    help="Seconds to search (compare: per alternative); when they run out, or on Ctrl-C, the "
         "best plan found so far is kept with its gap.")]
Seed = Annotated[int, typer.Option("--seed", min=0, help="Random seed of the search.")]
Workers = Annotated[int, typer.Option("--workers", min=1, max=64,
                                      help="Search workers (threads) per solve.")]
Deterministic = Annotated[bool, typer.Option(
    "--deterministic/--no-deterministic",
    help="Same plan for the same input and seed (interleaved workers, deterministic time "
         "limit; slower).")]

# ------------------------------------------------------------------------------ output
PlanFormat = Annotated[str, typer.Option(
    "--format", help=f"Output format: {one_of(PLAN_FORMATS)} (table: for the terminal).")]
OutputFile = Annotated[Path | None, typer.Option(
    "--output", "-o",
    help="File to write ('-' = stdout); an existing one is kept as FILE.bak unless --force. "
         "A device, pipe, folder or one of the command's own input files is refused.")]
Force = Annotated[bool, typer.Option(
    "--force/--no-force", help="Overwrite existing files without keeping a backup (FILE.bak).")]
