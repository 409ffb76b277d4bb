"""Dotted-key overrides of scenario data (`--set availability.mon.minutes=0`, roster columns)."""

from __future__ import annotations

import json
from typing import Any

from .errors import InputError


def parse_value(raw: str) -> Any:
    """A command-line or CSV value: JSON when it parses (numbers, lists, true), else the text."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def set_dotted(data: dict, key: str, value: Any, field: str = "--set") -> None:
    """Set `value` at dotted `key` of scenario data; tables on the way are created.
    InputError naming `field` when the key does not fit the data."""
    parts = key.strip().split(".")
    if not all(parts):
        raise InputError(f"{key!r} is not a dotted key (e.g. availability.mon.minutes)",
                         field=field)
    node: Any = data
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(node, list):
            if not part.isdigit() or int(part) >= len(node):
                raise InputError(f"{key!r}: {part!r} is not an index of a list of {len(node)}",
                                 field=field)
            if last:
                node[int(part)] = value
            else:
                node = node[int(part)]
        elif isinstance(node, dict):
            if last:
                node[part] = value
            else:
                node = node.setdefault(part, {})
        else:
            raise InputError(f"{key!r}: {'.'.join(parts[:i])!r} is not a table", field=field)


def apply_set(data: dict, assignment: str, field: str = "--set") -> None:
    """`KEY=VALUE` with a dotted KEY into scenario data; VALUE is JSON when it parses."""
    if "=" not in assignment:
        raise InputError(f"{assignment!r} is not KEY=VALUE", field=field)
    key, raw = assignment.split("=", 1)
    set_dotted(data, key, parse_value(raw), field)
