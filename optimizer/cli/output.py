"""The one write path of the CLI: `-` for stdout, every other target checked before any solving,
written atomically with the old file kept as FILE.bak unless --force.

A target that is not a regular file (a device, pipe, socket or folder) or that is one of the
command's own input files is refused (exit 2) in constant time and memory: only `os.stat` looks
at it, never a read. The backup copy reads at most MAX_BACKUP_BYTES, the limit on input files;
a larger old file is refused rather than read.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

import typer

from models.errors import InputError
from models.loading import MAX_FILE_BYTES
from models.plan import Plan, write_atomic
from models.scenario import Scenario

STDOUT = "-"
MAX_BACKUP_BYTES = MAX_FILE_BYTES

# the files a command reads, each with what it is: [("scenario file", Path("me.toml")), ...]
Inputs = Sequence[tuple[str, Path]]


def is_stdout(path: Path | None) -> bool:
    """True for `-o -`, and for a path naming the file this process's stdout already is
    (`-o /dev/stdout`, `-o out.json > out.json`): that is printed, not replaced."""
    if path is None:
        return False
    if str(path) == STDOUT:
        return True
    try:
        out = os.fstat(sys.stdout.fileno())
        target = os.stat(path)
    except (OSError, ValueError, AttributeError):  # no stdout file (a test runner), no target
        return False
    return (out.st_dev, out.st_ino) == (target.st_dev, target.st_ino)


def shown(path: Path) -> str:
    """How messages name a target: its path, or `stdout`."""
    return "stdout" if is_stdout(path) else str(path)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def scenario_inputs(path: Path, scenario: Scenario) -> list[tuple[str, Path]]:
    """A scenario file and the catalog file it names (if any): inputs no output may replace."""
    inputs = [("scenario file", path)]
    if scenario.catalog:
        inputs.append(("catalog file", Path(scenario.catalog)))
    return inputs


def check_output(path: Path, *, inputs: Inputs = (), force: bool = False,
                 option: str = "--output", stdout_ok: bool = True) -> None:
    """Refuse a target that writing to would hang, read without end or replace an input
    (InputError, exit 2). Constant time and memory: `os.stat` only."""
    status = _status(path, option)
    if status is not None:
        _refuse_odd_file(path, status, option, stdout_ok)
        _refuse_input(path, inputs, option)
        if not force:
            _refuse_big(path, status.st_size, option)
            backup = backup_path(path)
            backup_status = _status(backup, option)
            if backup_status is not None and stat.S_ISDIR(backup_status.st_mode):
                raise InputError(f"is a folder, so the old {path.name} cannot be kept there; "
                                 "use --force or another name", file=str(backup), field=option)
            _refuse_input(backup, inputs, option)
    _refuse_unwritable_folder(path, option)


def write_output(data: str | bytes, path: Path, *, force: bool, inputs: Inputs = (),
                 option: str = "--output", stdout_ok: bool = True) -> str:
    """Write `data` to `path` (`-`: stdout): checked again (it may have changed while solving),
    the old file kept as PATH.bak unless `force`, written atomically. Returns the note to add
    to the "written to" message ('' when no backup was made)."""
    if is_stdout(path):
        try:
            typer.echo(data, nl=False)  # bytes (ics) go to stdout unchanged
        except BrokenPipeError:
            raise
        except OSError as err:  # stdout is a full disk, /dev/full, ...
            raise InputError(f"cannot write to stdout: {err.strerror or err}",
                             field=option) from None
        return ""
    check_output(path, inputs=inputs, force=force, option=option, stdout_ok=stdout_ok)
    try:
        note = "" if force else _keep_backup(path, option)
        write_atomic(path, data)
    except OSError as err:  # a folder that cannot be made, no permission, disk full, ...
        raise InputError(f"cannot write: {err.strerror or err}", file=str(path),
                         field=option) from None
    return note


def _status(path: Path, option: str) -> os.stat_result | None:
    try:
        return os.stat(path)  # follows a symlink: what the link points at is what is written
    except FileNotFoundError:
        return None
    except OSError as err:  # a parent that is a file, a symlink loop, no permission
        raise InputError(f"cannot write: {err.strerror or err}", file=str(path),
                         field=option) from None


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def _refuse_odd_file(path: Path, status: os.stat_result, option: str, stdout_ok: bool) -> None:
    kind = _kind(status.st_mode)
    if kind == "a folder":
        raise InputError("is a folder; give a file name", file=str(path), field=option)
    if kind is not None:
        hint = ", or - for stdout" if stdout_ok else ""
        raise InputError(f"is {kind}, not a regular file; give a file name{hint}",
                         file=str(path), field=option)


def _refuse_input(path: Path, inputs: Inputs, option: str) -> None:
    for role, source in inputs:
        try:
            same = os.path.samefile(path, source)
        except OSError:  # one of them does not exist: not the same file
            same = False
        if same:
            raise InputError(f"is the {role} this command reads; writing there would replace "
                             "it: choose another name", file=str(path), field=option)


def _refuse_big(path: Path, size: int, option: str) -> None:
    if size > MAX_BACKUP_BYTES:
        raise InputError(f"is {size} bytes, more than the {MAX_BACKUP_BYTES} kept as a backup: "
                         "use --force to overwrite it without a backup, or another name",
                         file=str(path), field=option)


def _refuse_unwritable_folder(path: Path, option: str) -> None:
    """The nearest existing folder above `path` must be a folder we may create files in
    (write_atomic makes the missing ones)."""
    folder = Path(os.path.realpath(path)).parent  # write_atomic writes where a link points
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise InputError(f"cannot write: {folder} is not a folder", file=str(path), field=option)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"cannot write: no permission to create files in {folder}",
                         file=str(path), field=option)


def _keep_backup(path: Path, option: str) -> str:
    """Copy the old file to PATH.bak byte for byte, reading at most MAX_BACKUP_BYTES."""
    try:
        # O_NONBLOCK: a pipe swapped in since the check opens at once instead of waiting
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return ""
    with os.fdopen(fd, "rb") as old_file:
        status = os.fstat(old_file.fileno())
        _refuse_odd_file(path, status, option, stdout_ok=False)
        _refuse_big(path, status.st_size, option)
        old = old_file.read(MAX_BACKUP_BYTES + 1)  # bounded even if the file grows meanwhile
    _refuse_big(path, len(old), option)
    backup = backup_path(path)
    write_atomic(backup, old)
    return f" (previous file kept as {backup})"


# ------------------------------------------------------------------------------ exports
def write_export(plan: Plan, fmt: str, path: Path, force: bool, inputs: Inputs,
                 option: str = "--output") -> str:
    """Export `plan` as `fmt` to `path` (`-`: stdout) through write_output; returns the
    one-line note to print. Shared by `export` and `solve --export` (option="--export")."""
    from optimizer.export import export_plan

    data = export_plan(plan, fmt)  # .ics: bytes, UTF-8 with CRLF line ends (RFC 5545)
    note = write_output(data, path, force=force, inputs=inputs, option=option,
                        stdout_ok=option == "--output")
    what = {"ics": f"{len(plan.sessions)} events", "csv":
            f"{sum(len(s.exercises) for s in plan.sessions)} rows"}.get(fmt, fmt)
    return f"{fmt} written to {path} ({what}){note}"


def export_targets(specs: list[str], plan_path: Path) -> list[tuple[str, Path]]:
    """`solve --export` values parsed before solving: (format, file) each; exit 2 on a bad
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


def check_export_targets(targets: list[tuple[str, Path]], inputs: Inputs, force: bool) -> None:
    """The checks of every output file (check_output), before solving."""
    for _, path in targets:
        check_output(path, inputs=inputs, force=force, option="--export", stdout_ok=False)
