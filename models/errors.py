"""Domain errors raised by loading and validation; the CLI turns them into exit codes."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: names the file, the field path and what is allowed (exit code 2)."""

    def __init__(self, message: str, *, file: str | None = None, field: str | None = None):
        self.file = file
        self.field = field
        self.detail = message
        where = ": ".join(p for p in (file, field) if p)
        super().__init__(f"{where}: {message}" if where else message)


class InfeasibleError(Exception):
    """No plan satisfies the hard rules; the message is in training terms (exit code 1)."""

    def __init__(self, message: str, reasons: list[str] | None = None,
                 core: list[dict] | None = None):
        self.reasons = reasons or []
        # the conflicting requirements for tools: [{"rule", "scope", "sentence"}, ...]
        self.core = core or []
        super().__init__(message)
