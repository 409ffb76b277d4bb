"""Independent solves, in this process or in worker processes, stopped cleanly by Ctrl-C.

In this process a Ctrl-C stops the running search (`optimizer.cpsat.solver`: its best solution
so far comes back, marked interrupted) and no later job starts. In worker processes (spawned,
so they share the terminal's process group and get its Ctrl-C too; a SIGINT sent to this
process alone is passed on to them) each worker stops its running search the same way, ignores
any further SIGINT, and answers any job it is given afterwards without running it; jobs not yet
given to a worker are cancelled. Either way the jobs that did not finish are not reported.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any, TypeVar

from .cpsat.solver import interrupt_scope, interrupted

Job = TypeVar("Job")
Answer = TypeVar("Answer")


def run_jobs(
    work: Callable[[Job], Answer],
    jobs: Sequence[Job],
    processes: int,
    done: Callable[[int, Answer], None],
) -> bool:
    """`work(job)` for every job, `done(index, answer)` as each finishes (in finishing order);
    True when Ctrl-C stopped the run. `work` must be a module-level function when
    `processes > 1` (worker processes import it)."""
    if processes > 1 and len(jobs) > 1:
        return _in_processes(work, jobs, min(processes, len(jobs)), done)
    with interrupt_scope():
        for index, job in enumerate(jobs):
            try:
                answer = work(job)
            except KeyboardInterrupt:  # between two searches: this job has no answer
                return True
            done(index, answer)
            if interrupted():
                return True
    return False


def _in_processes(work, jobs, processes: int, done) -> bool:
    before = set(multiprocessing.active_children())
    # spawn, not fork: OR-Tools threads of the parent must not be copied mid-flight
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=processes, mp_context=context,
                             initializer=_worker_start) as pool:
        futures = {pool.submit(partial(_worker_run, work), job): i for i, job in enumerate(jobs)}
        reported = set()

        def report(future) -> None:
            reported.add(future)
            ran, answer = future.result()
            if ran:
                done(futures[future], answer)

        try:
            for future in as_completed(futures):
                report(future)
            return False
        except KeyboardInterrupt:
            for future in futures:
                future.cancel()
            for child in set(multiprocessing.active_children()) - before:
                if child.pid is not None:
                    os.kill(child.pid, signal.SIGINT)
            for future in futures:
                if future not in reported and not future.cancelled():
                    try:
                        report(future)
                    except BrokenProcessPool:  # a worker hit while starting: no answer
                        pass
            return True


# --- in a worker process ----------------------------------------------------------------------
_stopped = False  # a Ctrl-C reached this worker
_busy = False  # a job is running


def _worker_start() -> None:
    signal.signal(signal.SIGINT, _on_sigint)


def _on_sigint(signum, frame) -> None:
    """The first Ctrl-C stops the running job (as KeyboardInterrupt, which a running search
    turns into its best solution); an idle worker just remembers it."""
    global _stopped
    first = not _stopped
    _stopped = True
    if first and _busy:
        raise KeyboardInterrupt


def _worker_run(work: Callable[[Any], Any], job: Any) -> tuple[bool, Any]:
    """(True, answer), or (False, None) for a job not run or cut short by Ctrl-C."""
    global _busy
    if _stopped:
        return False, None
    _busy = True
    try:
        # one scope for the whole job: a Ctrl-C that stopped one of its searches stops its
        # later ones too (a use case inside would otherwise open a fresh outermost scope,
        # clear the flag and run its next search to the full time limit)
        with interrupt_scope():
            return True, work(job)
    except KeyboardInterrupt:
        return False, None
    finally:
        _busy = False
