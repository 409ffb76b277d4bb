"""Solve many clients on Dask distributed (SPEC §8): the Python API behind `periodize batch`.

    from optimizer.batch import BatchConfig, batch
    for outcome in batch(Path("roster.csv"), config=BatchConfig(processes=2)):
        print(outcome.client, outcome.status)

Each client is one task. Tasks are submitted as the input is read and results are taken as they
complete, with at most a few tasks per worker in flight, so a 10,000-client roster never sits
in memory. A worker process that dies mid-solve has its task rescheduled by the scheduler on
another worker (`allowed-failures`: 3 attempts in all); after that the client is an error row.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from models.catalog import Catalog, builtin_catalog

from .inputs import Client
from .tasks import Outcome, solve_task

ATTEMPTS = 3  # a client whose worker dies is tried this many times in all
IN_FLIGHT_PER_WORKER = 2


@dataclass
class BatchConfig:
    """How a batch runs: where (a scheduler address, or local processes) and each solve's
    settings (`solve`: a SolveConfig; its `workers` are the CP-SAT threads per solve)."""

    scheduler: str | None = None
    processes: int | None = None  # local worker processes; default: cores / solver threads
    solve: object = None  # SolveConfig; built lazily so this module does not import OR-Tools
    force: bool = False  # solve every client even when its plan is up to date
    progress: Callable[[str], None] | None = None
    task: Callable[..., Outcome] = field(default=solve_task)  # tests swap in a crashing one

    def solve_config(self):
        from optimizer.solving import SolveConfig

        return self.solve or SolveConfig(workers=2)


def default_processes(solver_workers: int) -> int:
    """Local worker processes that fill the cores without oversubscribing them."""
    return max(1, (os.cpu_count() or 1) // max(1, solver_workers))


@contextmanager
def dask_client(config: BatchConfig):
    """A distributed Client: to `config.scheduler`, or to a LocalCluster of worker processes
    (one thread each) started here and closed on the way out."""
    import dask
    from distributed import Client as DaskClient
    from distributed import LocalCluster

    with dask.config.set({"distributed.scheduler.allowed-failures": ATTEMPTS - 1,
                          "distributed.worker.daemon": False}):
        if config.scheduler:
            with DaskClient(config.scheduler, timeout="20s") as client:
                yield client
            return
        workers = config.processes or default_processes(config.solve_config().workers)
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
                DaskClient(cluster) as client:
            yield client


def batch(clients: Iterable[Client], client=None, config: BatchConfig | None = None,
          skip: Callable[[Client], Outcome | None] | None = None) -> Iterator[Outcome]:
    """Solve every client on Dask; yield each Outcome as it completes (bad clients at once).

    `client` is a distributed.Client to submit to (default: one from `config`); `skip(c)`
    returns an Outcome for a client that needs no solve (an up-to-date plan), else None."""
    config = config or BatchConfig()
    if client is None:
        with dask_client(config) as own:
            yield from _run(clients, own, config, skip)
    else:
        yield from _run(clients, client, config, skip)


def _run(clients: Iterable[Client], dask, config: BatchConfig,
         skip: Callable[[Client], Outcome | None] | None) -> Iterator[Outcome]:
    solve_config = replace(config.solve_config(), progress=False, log=False)
    catalogs: dict[int, object] = {}  # scattered custom catalogs, by id

    def jobs() -> Iterator[Outcome | Job]:
        for item in clients:
            if item.error or item.scenario is None:
                yield Outcome(item.name, "error", error=item.error or "no scenario")
                continue
            kept = skip(item) if skip else None
            if kept is not None:
                yield kept
                continue
            catalog = _catalog_ref(dask, item.catalog, catalogs)
            yield Job(item.name, config.task,
                      (item.name, item.scenario, catalog, solve_config, item.input_hash))

    yield from stream(dask, jobs())


@dataclass
class Job:
    """One task to submit: the client it is for, the function and its arguments."""

    client: str
    func: Callable[..., Outcome]
    args: tuple


def stream(dask, jobs: Iterable[Outcome | Job]) -> Iterator[Outcome]:
    """Submit jobs as they come, at most a few per worker in flight, and yield Outcomes as they
    complete (an Outcome among the jobs is passed through at once). Ctrl-C cancels the tasks
    in flight."""
    from distributed import as_completed

    limit = IN_FLIGHT_PER_WORKER * max(1, sum(dask.nthreads().values()))
    pending = as_completed()
    inflight: dict[str, tuple[str, object]] = {}  # future key -> (client, future)
    try:
        for job in jobs:
            if isinstance(job, Outcome):
                yield job
                continue
            future = dask.submit(job.func, *job.args, pure=False,
                                 key=f"periodize-{job.client}-{time.time_ns()}")
            inflight[future.key] = (job.client, future)
            pending.add(future)
            while pending.count() >= limit:
                yield _collect(next(pending), inflight)
        for future in pending:
            yield _collect(future, inflight)
    except BaseException:
        for _, future in inflight.values():
            future.cancel()
        raise


def _catalog_ref(dask, catalog: Catalog | None, scattered: dict[int, object]):
    """The built-in catalog travels as itself (workers have it); a custom one is scattered
    to the workers once and passed by reference."""
    if catalog is None or catalog is builtin_catalog():
        return builtin_catalog()
    if id(catalog) not in scattered:
        scattered[id(catalog)] = dask.scatter(catalog, broadcast=True)
    return scattered[id(catalog)]


def _collect(future, inflight: dict[str, tuple[str, object]]) -> Outcome:
    client, _ = inflight.pop(future.key, ("?", None))
    try:
        return future.result()
    except Exception as err:  # noqa: BLE001 - a dead worker or a bug: one row, not the batch
        kind = type(err).__name__
        if kind == "KilledWorker":
            text = f"the worker solving this client died {ATTEMPTS} times"
        else:
            text = f"{kind}: {err}"
        return Outcome(client, "error", error=text)
    finally:
        future.release()


class Progress:
    """`done/total, plans per minute, failures` on stderr, at most once a second."""

    def __init__(self, total: int | None, stream=sys.stderr):
        self.total, self.stream = total, stream
        self.done = self.plans = self.failed = 0
        self.started = time.perf_counter()
        self._last = 0.0

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        self.plans += outcome.has_plan
        self.failed += not outcome.has_plan
        now = time.perf_counter()
        if now - self._last >= 1.0 or self.done == self.total:
            self._last = now
            rate = 60 * self.plans / max(now - self.started, 1e-6)
            total = f"/{self.total}" if self.total is not None else ""
            print(f"batch: {self.done}{total} clients done, {rate:.1f} plans/min, "
                  f"{self.failed} without a plan", file=self.stream, flush=True)
