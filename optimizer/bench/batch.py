"""Throughput of `periodize batch` on a generated roster (a benchmark, never a test).

    python -m optimizer.bench.batch --clients 200 --processes 1,2 --time-limit 10

Writes a roster CSV of N clients (seeded: the shipped scenarios as templates, with body mass,
level, goal and minutes varied), solves it once per process count on a LocalCluster, and prints
plans per minute, the speed-up, peak memory per worker and a projection for 10,000 clients.
"""

from __future__ import annotations

import argparse
import csv
import io
import logging
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from models.plan import write_atomic
from optimizer.batch import BatchConfig, run_batch

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
TEMPLATES = ["gym-4day-hypertrophy.toml", "home-dumbbells-3day.toml", "fat-loss-mix.toml",
             "strength-two-locations.toml", "bodyweight-only.toml"]
COLUMNS = ["client", "scenario", "body_mass_kg", "level", "sleep_hours"]


def write_roster(path: Path, clients: int, seed: int = 0) -> None:
    """A roster of `clients` rows over the shipped templates, varied by a seeded draw."""
    rng = random.Random(seed)
    templates = [t for t in TEMPLATES if (SCENARIOS / t).exists()]
    text = io.StringIO()
    out = csv.writer(text)
    out.writerow(COLUMNS)
    for i in range(clients):
        out.writerow([f"client-{i:05d}", str(SCENARIOS / rng.choice(templates)),
                      rng.randint(50, 110), rng.choice(["novice", "intermediate", "advanced"]),
                      rng.choice([6, 6.5, 7, 7.5, 8])])
    write_atomic(path, text.getvalue())


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(roster: Path, processes: int, time_limit: float, solver_workers: int) -> dict:
    """Solve the roster on a fresh LocalCluster of `processes` workers; plans/min and memory."""
    from distributed import Client, LocalCluster

    from optimizer.solving import SolveConfig

    out = Path(tempfile.mkdtemp(prefix="periodize-batch-bench-"))
    try:
        with LocalCluster(n_workers=processes, threads_per_worker=1, processes=True,
                          dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client:
            config = BatchConfig(
                scheduler=cluster.scheduler_address,
                solve=SolveConfig(time_limit=time_limit, workers=solver_workers))
            started = time.perf_counter()
            report = run_batch(roster, out, config)
            seconds = time.perf_counter() - started
            peaks = client.run(_peak_rss_mb)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    plans = len(report.outcomes) - len(report.without_plan)
    return {"processes": processes, "clients": len(report.outcomes), "plans": plans,
            "seconds": seconds, "plans_per_min": 60 * plans / seconds,
            "peak_mb_per_worker": max(peaks.values()),
            "optimal": sum(o.status == "optimal" for o in report.outcomes),
            "without_plan": [(o.client, o.status, o.error) for o in report.outcomes
                             if not o.has_plan]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--processes", default="1,2", help="comma-separated counts to compare")
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--solver-workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        roster = Path(tmp) / "roster.csv"
        write_roster(roster, args.clients, args.seed)
        rows = [measure(roster, int(p), args.time_limit, args.solver_workers)
                for p in args.processes.split(",")]
    base = rows[0]["plans_per_min"]
    print(f"{'processes':>9} {'clients':>7} {'plans':>5} {'optimal':>7} {'seconds':>8} "
          f"{'plans/min':>9} {'speed-up':>8} {'peak MB/worker':>14}")
    for r in rows:
        print(f"{r['processes']:>9} {r['clients']:>7} {r['plans']:>5} {r['optimal']:>7} "
              f"{r['seconds']:>8.1f} {r['plans_per_min']:>9.1f} "
              f"{r['plans_per_min'] / base:>8.2f} {r['peak_mb_per_worker']:>14.0f}")
    for r in rows:
        for client, status, error in r["without_plan"]:
            print(f"  {r['processes']} processes: {client} {status} {error}".rstrip())
    best = max(rows, key=lambda r: r["plans_per_min"])
    per_plan = best["processes"] * 60 / best["plans_per_min"]  # core-seconds per plan
    print(f"10,000 clients: {per_plan:.1f} core-seconds a plan -> {10_000 * per_plan / 3600:.0f} "
          f"core-hours; an 8-hour night needs {10_000 * per_plan / (8 * 3600):.1f} cores")


if __name__ == "__main__":
    main()
