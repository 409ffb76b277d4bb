"""periodize optimizer: CP-SAT model, solve/replan/compare entry points, validator, CLI.

`import optimizer.validate` must not import OR-Tools, so the solver-facing names are loaded
lazily on first use.
"""

from __future__ import annotations

__version__ = "0.1.0"

_LAZY = {
    "solve": "optimizer.solving",
    "SolveConfig": "optimizer.solving",
    "Result": "optimizer.solving",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'optimizer' has no attribute {name!r}")
