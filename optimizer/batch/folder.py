"""A batch on disk: plans written to OUTDIR as they arrive, `summary.csv`, resuming, Ctrl-C.

`OUTDIR/<client>.plan.json` is written atomically by this (the client) process from the text a
task returns. The summary is streamed to a hidden file and renamed into place at the end, so
a half-written `summary.csv` is never seen; on Ctrl-C every finished plan is already on disk
and the summary lists the clients left as `interrupted`.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from models.errors import InputError
from models.overrides import apply_set
from models.plan import write_atomic
from models.scenario import parse_scenario

from .inputs import Client, client_names, input_hash, read_clients
from .runner import BatchConfig, Job, Progress, batch, dask_client, stream
from .tasks import Outcome, replan_task

SUMMARY = "summary.csv"
REPLAN_SUMMARY = "replan-summary.csv"
SUMMARY_COLUMNS = ["client", "status", "objective", "bound", "gap", "seconds", "error"]
PLAN_SUFFIX = ".plan.json"
MAX_PLAN_BYTES = 64 * 1024 * 1024  # a plan file larger than this is not one of ours


@dataclass
class BatchReport:
    """What a batch did: one Outcome per client, in completion order."""

    outcomes: list[Outcome] = field(default_factory=list)
    interrupted: bool = False

    @property
    def without_plan(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.has_plan]


def plan_path(outdir: Path, client: str) -> Path:
    return outdir / f"{client}{PLAN_SUFFIX}"


def stored_outcome(outdir: Path, client: Client) -> Outcome | None:
    """The client's existing plan as a `kept` Outcome when it was made from the same validated
    scenario and catalog (its stored input hash), else None."""
    path = plan_path(outdir, client.name)
    try:
        if not path.is_file() or path.stat().st_size > MAX_PLAN_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("input_hash") != client.input_hash:
        return None
    solver = data.get("solver") or {}
    return Outcome(client.name, "kept", solver.get("objective"), solver.get("best_bound"),
                   solver.get("gap"), 0.0)


def run_batch(source: Path, outdir: Path, config: BatchConfig) -> BatchReport:
    """Solve every client of `source` into `outdir`; never stops for one client's problem."""
    clients = read_clients(source)  # InputError here: INPUT itself is unusable (exit 2)
    _prepare(outdir)
    seen: list[str] = []
    report = BatchReport()
    progress = Progress(_count(source))
    summary = _SummaryFile(outdir / SUMMARY, SUMMARY_COLUMNS)

    def skip(client: Client) -> Outcome | None:
        return None if config.force else stored_outcome(outdir, client)

    try:
        for outcome in batch(_recorded(clients, seen), config=config, skip=skip):
            _write_plan(outdir, outcome)
            report.outcomes.append(outcome)
            summary.add(_row(outcome))
            progress.update(outcome)
    except KeyboardInterrupt:
        report.interrupted = True
        done = {o.client for o in report.outcomes}
        left = [n for n in dict.fromkeys([*seen, *_names(source)]) if n not in done]
        for name in left:
            outcome = Outcome(name, "interrupted", error="batch stopped (Ctrl-C) before this "
                                                         "client was solved")
            report.outcomes.append(outcome)
            summary.add(_row(outcome))
    finally:
        summary.close()
    return report


def _recorded(clients: Iterable[Client], seen: list[str]) -> Iterator[Client]:
    for client in clients:
        seen.append(client.name)
        yield client


def _names(source: Path) -> list[str]:
    try:
        return client_names(source)
    except (OSError, InputError, csv.Error):
        return []


def _count(source: Path) -> int | None:
    names = _names(source)
    return len(names) or None


def _prepare(outdir: Path) -> None:
    if outdir.exists() and not outdir.is_dir():
        raise InputError("is not a folder", file=str(outdir), field="--output")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(f"cannot create: {err.strerror or err}", file=str(outdir),
                         field="--output") from None
    if not os.access(outdir, os.W_OK | os.X_OK):
        raise InputError("no permission to write files here", file=str(outdir),
                         field="--output")


def _write_plan(outdir: Path, outcome: Outcome) -> None:
    if outcome.plan_json is None:
        return
    path = plan_path(outdir, outcome.client)
    try:
        if path.is_file() and path.stat().st_size <= MAX_PLAN_BYTES:
            # the plan of an earlier run, made from another scenario: kept, never lost
            write_atomic(path.with_name(path.name + ".bak"), path.read_bytes())
        write_atomic(path, outcome.plan_json)
    except OSError as err:  # disk full: the client has no plan, the batch goes on
        outcome.status, outcome.error = "error", f"cannot write its plan: {err.strerror or err}"
    outcome.plan_json = None  # written: do not keep 10,000 plans in memory


def _number(x: float | None, digits: int = 6) -> str:
    return "" if x is None else f"{round(x, digits):g}"


def _row(o: Outcome) -> list[str]:
    return [o.client, o.status, _number(o.objective), _number(o.bound), _number(o.gap, 4),
            f"{o.seconds:.2f}", o.error.replace("\n", " ")]


class _SummaryFile:
    """A CSV streamed to a hidden file (a 10,000-row summary is never held in memory), then
    fsynced and atomically renamed to its name: a reader never sees it half-written."""

    def __init__(self, path: Path, columns: list[str]):
        self.path = path
        self.tmp = path.with_name(f".{path.name}.partial")
        self.fh = self.tmp.open("w", newline="", encoding="utf-8")  # atomic-stream: see close
        self.writer = csv.writer(self.fh)
        self.writer.writerow(columns)

    def add(self, row: list[str]) -> None:
        self.writer.writerow(row)
        self.fh.flush()

    def close(self) -> None:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self.tmp, self.path)


# ------------------------------------------------------------------------------ replan
def read_overrides(path: Path) -> dict[str, list[str]]:
    """A CSV of per-client overrides: `client` then dotted-key columns -> KEY=VALUE lists."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", file=str(path),
                         field="--scenario-overrides") from None
    reader = csv.DictReader(io.StringIO(text))
    if "client" not in (reader.fieldnames or []):
        raise InputError("needs a 'client' column, then one column per dotted key",
                         file=str(path), field="--scenario-overrides")
    out: dict[str, list[str]] = {}
    for row in reader:
        name = (row.pop("client") or "").strip()
        out[name] = [f"{k}={v.strip()}" for k, v in row.items() if k and v and v.strip()]
    return out


def replan_batch(outdir: Path, assignments: list[str], per_client: dict[str, list[str]] | None,
                 from_date: date, config: BatchConfig) -> BatchReport:
    """Replan every client plan in `outdir` from `from_date` (the past pinned), on the
    cluster; each new plan replaces the old one, which is kept as `<client>.plan.json.bak`."""
    from optimizer.plan_guard import load_plan_checked
    from optimizer.replan import default_catalog

    plans = sorted(outdir.glob(f"*{PLAN_SUFFIX}")) if outdir.is_dir() else []
    if not plans:
        raise InputError("holds no client plans (*.plan.json)", file=str(outdir))
    report = BatchReport()
    progress = Progress(len(plans))
    summary = _SummaryFile(outdir / REPLAN_SUMMARY, [*SUMMARY_COLUMNS[:-1], "changed",
                                                      "error"])
    solve_config = replace(config.solve_config(), progress=False, log=False)

    def jobs() -> Iterator[Outcome | Job]:
        for path in plans:
            name = path.name.removesuffix(PLAN_SUFFIX)
            try:
                old = load_plan_checked(path)
                data = json.loads(json.dumps(old.scenario))
                for a in [*assignments, *(per_client or {}).get(name, [])]:
                    apply_set(data, a)
                new_sc = parse_scenario(data, f"{path} (embedded scenario, overridden)")
                catalog = default_catalog(new_sc)
            except InputError as err:
                yield Outcome(name, "error", error=str(err))
                continue
            yield Job(name, replan_task, (name, old.to_json(), new_sc, catalog, from_date,
                                          solve_config, input_hash(new_sc, catalog)))

    try:
        with dask_client(config) as dask:
            for outcome in stream(dask, jobs()):
                _write_plan(outdir, outcome)  # the old plan is kept as .bak
                report.outcomes.append(outcome)
                changed = "" if outcome.changed is None else str(outcome.changed)
                summary.add([*_row(outcome)[:-1], changed, outcome.error.replace("\n", " ")])
                progress.update(outcome)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        summary.close()
    return report
