"""The typer app, exit codes and error handling of `periodize` (SPEC §6).

Every command is decorated with `@app.command()` and `@handle_errors`:

    @app.command()
    @handle_errors
    def solve(...): ...

`handle_errors` is the single place that turns domain errors into exit codes, so commands just
raise: `InputError` -> exit 2, `InfeasibleError` -> exit 1, each as one message on stderr and
never a traceback. Heavy imports (OR-Tools) belong inside the commands that need them, so
`validate`, `schema`, `catalog`, `show` and `check` stay fast.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from models.errors import InfeasibleError, InputError
from optimizer import __version__

EXIT_OK = 0
EXIT_NO_PLAN = 1  # no plan satisfies the hard rules, or a plan breaks one
EXIT_BAD_INPUT = 2  # bad file, field, option value (click usage errors use 2 as well)
EXIT_INTERNAL = 3  # a bug in periodize; PERIODIZE_DEBUG=1 shows the traceback
EXIT_INTERRUPTED = 130  # Ctrl-C before any plan was found (128 + SIGINT, as shells do)

TYPER_SETTINGS: dict[str, Any] = {
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}

app = typer.Typer(
    name="periodize",
    help=(
        "Optimal multi-week training programs from your real week (OR-Tools CP-SAT).\n\n"
        "Exit codes: 0 success, 1 no plan possible or a plan breaks a rule, 2 bad input."
    ),
    no_args_is_help=True,
    **TYPER_SETTINGS,
)

F = TypeVar("F", bound=Callable[..., Any])


def echo(text: str = "") -> None:
    """Print to stdout (the command's result)."""
    typer.echo(text)


def echo_err(text: str) -> None:
    """Print to stderr (errors, warnings, progress)."""
    typer.echo(text, err=True)


def fail(code: int, message: str) -> NoReturn:
    """Print `message` on stderr and end the command with exit `code`."""
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


def main() -> None:
    """Console script `periodize` and `python -m optimizer`."""
    # the commands register on `app` when the package optimizer.cli is imported, which
    # importing this module has done
    app(prog_name="periodize")
