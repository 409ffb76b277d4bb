"""Reading TOML and JSON files and turning pydantic errors into one clear message."""

from __future__ import annotations

import json
import tomllib
import types
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

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
    if not path.is_file():
        raise InputError("not a regular file (a device, pipe or socket)", file=name)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(f"file is {size} bytes; at most {MAX_FILE_BYTES} are read", file=name)
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)  # bounded even if the file grows meanwhile
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", file=name) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"file is over {MAX_FILE_BYTES} bytes; at most that many are read",
                         file=name)
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
    except ValueError as err:  # e.g. an integer of more than 4300 digits
        raise InputError(f"unreadable value: {err}", file=name) from None
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
            # pydantic adds type tags (e.g. 'function-before[...]', '[key]') for wrapped
            # validators and dict keys; they are not part of the file's field path
            if _is_tag(item):
                continue
            parts.append(("." if parts else "") + str(item))
    return "".join(parts)


def _is_tag(item: object) -> bool:
    return isinstance(item, str) and "[" in item and "(" not in item


def _unwrap(tp: Any) -> Any:
    """Annotated[X, ...] -> X; X | None -> X."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str] | None:
    """The keys accepted by the table that holds `loc`'s last key, walking `model` along it."""
    tp: Any = model
    for part in [p for p in loc if not _is_tag(p)][:-1]:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            fields = {(f.alias or name): f for name, f in tp.model_fields.items()}
            if part not in fields:
                return None
            tp = fields[part].annotation
        elif get_origin(tp) is dict:
            tp = get_args(tp)[1]
        elif get_origin(tp) in (list, tuple):
            tp = get_args(tp)[0]
        else:
            return None
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [f.alias or name for name, f in tp.model_fields.items()]
    return None


_DATE_ERRORS = ("date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact",
                "date_type", "datetime_parsing", "datetime_type")


def format_validation_error(
    err: ValidationError,
    data: object = None,
    hints: dict[str, str] | None = None,
    model: type[BaseModel] | None = None,
) -> str:
    """One line per problem: `field.path: message (got value)`, at most five lines.

    `hints` maps a field name (the last part of a path) to what the field accepts; it is added
    to "missing" and wrong-type errors so the message says what is allowed. With `model`, an
    unknown key's message lists the keys allowed at that place.
    """
    hints = hints or {}
    lines = []
    for e in err.errors(include_url=False)[:5]:
        path = _loc(tuple(e["loc"]))
        names = [p for p in e["loc"] if isinstance(p, str) and not _is_tag(p)]
        hint = hints.get(names[-1]) if names else None
        kind = e["type"]
        msg = e["msg"]
        if kind == "extra_forbidden":
            msg = "unknown key (not part of the format; check its spelling)"
            allowed = _allowed_keys(model, tuple(e["loc"])) if model is not None else None
            if allowed:
                msg += f"; allowed here: {', '.join(allowed)}"
        elif kind == "literal_error":
            expected = e.get("ctx", {}).get("expected", "")
            msg = f"must be one of {expected}"
        elif kind == "missing":
            msg = "required field is missing" + (f": {hint}" if hint else "")
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            msg = "must be a table" + (f": {hint}" if hint else "")
        elif kind in ("string_too_long", "too_long"):
            limit = e.get("ctx", {}).get("max_length")
            what = "characters" if kind == "string_too_long" else "entries"
            msg = f"at most {limit} {what} allowed"
        elif kind in _DATE_ERRORS:
            reason = e.get("ctx", {}).get("error", "")
            msg = "must be a date YYYY-MM-DD, e.g. 2027-01-04" + (f" ({reason})" if reason else "")
        else:
            msg = msg.removeprefix("Value error, ").replace("Input should be", "must be")
            if hint and (kind.endswith("_type") or kind.endswith("_parsing")):
                msg += f": {hint}"
        got = e.get("input")
        shown = ""
        if kind not in ("missing", "extra_forbidden") and not isinstance(got, dict | list):
            text = got.isoformat() if isinstance(got, date | datetime) else repr(got)
            shown = f" (got {text})"[:120]
        if not path or msg.startswith((f"{path}.", f"{path}[", f"{path}:")):
            # model-level checks already name the field path in their message
            lines.append(f"{msg}{shown}")
        else:
            lines.append(f"{path}: {msg}{shown}")
    more = len(err.errors()) - len(lines)
    if more > 0:
        lines.append(f"... and {more} more problem(s)")
    return "\n".join(lines)
