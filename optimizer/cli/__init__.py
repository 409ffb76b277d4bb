"""The `periodize` command line (SPEC §6): a thin typer layer over the library.

    core      the app, exit codes, error handling, `main`
    options   options shared by several commands (declared once), date and choice parsing
    output    the one write path: `-` for stdout, checks before solving, atomic write + backup
    scenario  validate, schema, catalog, catalog import
    plan      solve, show, check
    compare, explain, export, replan: one command each
    batch     batch and batch replan (Dask distributed)

Command modules import the app from `core`; importing this package imports them, which
registers their commands (in this order, the order of `--help`). Nothing imports from this
package's `__init__`.
"""

# isort: off
from optimizer.cli import scenario, plan, compare, explain, export, replan, batch  # noqa: F401
from optimizer.cli.core import app, handle_errors, main

# isort: on

__all__ = ["app", "handle_errors", "main"]
