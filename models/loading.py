"""Reading TOML and JSON files and turning pydantic errors into one clear message."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from pydantic import ValidationError

from .errors import InputError

MAX_FILE_BYTES = 2_000_000  # no scenario or plan is this large; refuse junk quickly


def read_data_file(path: str | Path) -> dict:
    """Parse a .toml or .json file into a dict; every failure is an InputError naming the file."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise InputError("file not found", file=name)
    if path.is_dir():
        raise InputError("is a folder, expected a .toml or .json file", file=name)
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise InputError(f"unknown file type {suffix!r}: use .toml or .json", file=name)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(f"file is {size} bytes; at most {MAX_FILE_BYTES} are read", file=name)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 text (byte {err.start})", file=name) from None
    try:
        if suffix == ".toml":
            data = tomllib.loads(text)
        else:
            data = json.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"TOML syntax error: {err}", file=name) from None
    except json.JSONDecodeError as err:
        raise InputError(
            f"JSON syntax error at line {err.lineno} column {err.colno}: {err.msg}", file=name
        ) from None
    except RecursionError:
        raise InputError("nesting too deep", file=name) from None
    if not isinstance(data, dict):
        raise InputError(f"expected an object at the top level, got {type(data).__name__}",
                         file=name)
    return data


def _loc(loc: tuple) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            # pydantic adds type tags (e.g. 'function-before[...]') for wrapped validators
            if "[" in str(item) and "(" not in str(item):
                continue
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(top level)"


def format_validation_error(err: ValidationError, data: object = None) -> str:
    """One line per problem: `field.path: message (got value)`, at most five lines."""
    lines = []
    for e in err.errors(include_url=False)[:5]:
        msg = e["msg"]
        if e["type"] == "extra_forbidden":
            msg = "unknown key (not part of the format; check its spelling)"
        elif e["type"] == "literal_error":
            expected = e.get("ctx", {}).get("expected", "")
            msg = f"must be one of {expected}"
        msg = msg.removeprefix("Value error, ")
        got = e.get("input")
        shown = ""
        if e["type"] not in ("missing", "extra_forbidden") and not isinstance(got, dict | list):
            shown = f" (got {got!r})"[:120]
        lines.append(f"{_loc(tuple(e['loc']))}: {msg}{shown}")
    more = len(err.errors()) - len(lines)
    if more > 0:
        lines.append(f"... and {more} more problem(s)")
    return "\n".join(lines)
