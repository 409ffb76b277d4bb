"""A format-1 plan renders exactly as it did before format 2 (SPEC §7.4: `show` and `export` still
read format-1 files). tests/data/format1/ holds a small format-1 plan and what main at 255b033
produced for it; every output must stay byte-identical.

The soft-rule cost table under `show`/Markdown is explain's text (optimizer/explain.py), which
other rules change; it is replaced by a marker both when the fixtures were captured and here."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

import optimizer.render as render
from models.plan import load_plan
from optimizer.cli import app
from optimizer.export import export_plan

DATA = Path(__file__).parent / "data" / "format1"
NOW = datetime(2027, 1, 1, tzinfo=UTC)


@pytest.fixture
def plan(monkeypatch):
    monkeypatch.setattr(render, "cost_table", lambda plan, fmt="table": "<cost table>")
    loaded = load_plan(DATA / "plan.json")
    assert loaded.version == 1
    return loaded


def _golden(name: str) -> bytes:
    return (DATA / name).read_bytes()


def test_show_is_unchanged(plan):
    assert render.render_plan(plan, "table").encode() == _golden("show.txt")
    assert render.render_plan(plan, "table", 2).encode() == _golden("show-week2.txt")


def test_cli_show_is_unchanged(plan):
    result = CliRunner().invoke(app, ["show", str(DATA / "plan.json")])
    assert result.exit_code == 0, result.output
    assert result.stdout.encode() == _golden("show.txt").rstrip() + b"\n"


@pytest.mark.parametrize(("fmt", "name"), [("markdown", "plan.md"), ("csv", "plan.csv"),
                                           ("html", "plan.html")])
def test_text_exports_are_unchanged(plan, fmt, name):
    assert export_plan(plan, fmt).encode() == _golden(name)


def test_ics_is_unchanged(plan):
    assert export_plan(plan, "ics", now=NOW) == _golden("plan.ics")
