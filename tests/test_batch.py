"""`periodize batch` on a real Dask LocalCluster of 2 worker processes (SPEC §8).

Tiny scenarios (2 weeks, 3 days) and short deterministic limits keep this fast; one cluster
serves the whole module.
"""

from __future__ import annotations

import csv
import functools
import json
import logging
import os
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from typer.testing import CliRunner  # noqa: E402

from models.plan import load_plan  # noqa: E402
from optimizer.batch import BatchConfig, read_clients, replan_batch, run_batch  # noqa: E402
from optimizer.batch.tasks import solve_task  # noqa: E402
from optimizer.cli import app  # noqa: E402
from optimizer.solving import SolveConfig  # noqa: E402
from optimizer.validate import check_plan  # noqa: E402

SOLVE = SolveConfig(time_limit=5.0, seed=0, workers=1, deterministic=True)
SOLVED = ("optimal", "feasible")  # the solver's proof is not what these tests are about

TINY = """\
name = "{name}"
start = 2027-01-04
weeks = 2
goal = "{goal}"
level = "intermediate"
body_mass_kg = {mass}

[locations.gym]
equipment = ["barbell", "rack", "bench", "dumbbells", "cable", "machine", "pullup_bar", "bike"]

[availability]
mon = {{ minutes = 60, location = "gym" }}
wed = {{ minutes = 60, location = "gym" }}
fri = {{ minutes = 60, location = "gym" }}
"""


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=logging.ERROR) as c:
        yield c


def config(cluster, **kw) -> BatchConfig:
    return BatchConfig(scheduler=cluster.scheduler_address, solve=SOLVE, **kw)


def roster_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "clients"
    folder.mkdir()
    (folder / "anna.toml").write_text(TINY.format(name="Anna", goal="hypertrophy", mass=62))
    (folder / "ben.toml").write_text(TINY.format(name="Ben", goal="strength", mass=90))
    (folder / "carla.toml").write_text(TINY.format(name="Carla", goal="fat_loss", mass=80))
    (folder / "broken.toml").write_text("name = 'x'\nweeks = 'many'\n")
    return folder


def summary_rows(path: Path) -> dict[str, dict]:
    with path.open(newline="") as fh:
        return {row["client"]: row for row in csv.DictReader(fh)}


def test_folder_batch_writes_checked_plans_and_an_error_row(tmp_path, cluster):
    out = tmp_path / "out"
    report = run_batch(roster_folder(tmp_path), out, config(cluster))
    rows = summary_rows(out / "summary.csv")
    assert set(rows) == {"anna", "ben", "carla", "broken"}
    assert rows["broken"]["status"] == "error" and "broken.toml" in rows["broken"]["error"]
    for name in ("anna", "ben", "carla"):
        assert rows[name]["status"] in SOLVED, rows[name]
        plan = load_plan(out / f"{name}.plan.json")
        assert check_plan(plan) == []
        assert plan.input_hash and plan.solver.objective == float(rows[name]["objective"])
    assert [o.client for o in report.without_plan] == ["broken"]
    assert not (out / "broken.plan.json").exists()


def test_rerun_skips_clients_whose_plan_is_up_to_date(tmp_path, cluster):
    folder, out = roster_folder(tmp_path), tmp_path / "out"
    run_batch(folder, out, config(cluster))
    before = {p.name: p.read_bytes() for p in out.glob("*.plan.json")}
    (folder / "ben.toml").write_text(TINY.format(name="Ben", goal="strength", mass=91))
    report = run_batch(folder, out, config(cluster))
    status = {o.client: o.status for o in report.outcomes}
    assert status["ben"] in SOLVED
    assert status == {"anna": "kept", "ben": status["ben"], "carla": "kept", "broken": "error"}
    assert (out / "anna.plan.json").read_bytes() == before["anna.plan.json"]
    assert (out / "ben.plan.json").read_bytes() != before["ben.plan.json"]
    assert (out / "ben.plan.json.bak").read_bytes() == before["ben.plan.json"]  # never lost
    forced = run_batch(folder, out, config(cluster, force=True))
    assert {o.client: o.status for o in forced.outcomes}["anna"] in SOLVED


def test_roster_csv_overrides_a_template_and_reports_a_bad_row(tmp_path, cluster):
    (tmp_path / "template.toml").write_text(TINY.format(name="T", goal="hypertrophy", mass=70))
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "client,scenario,body_mass_kg,level,availability.wed.minutes\n"
        "dora,template.toml,55,novice,\n"
        "emil,template.toml,85,expert,45\n"
        "bad name,template.toml,,,\n"
    )
    clients = {c.name: c for c in read_clients(roster)}
    assert clients["dora"].scenario.level == "novice"
    assert clients["dora"].scenario.body_mass_kg == 55
    assert "level" in clients["emil"].error and "row 3" in clients["emil"].error
    assert "cannot name a plan file" in clients["bad name"].error
    report = run_batch(roster, tmp_path / "out", config(cluster))
    status = {o.client: o.status for o in report.outcomes}
    assert status["dora"] in SOLVED and (status["emil"], status["bad name"]) == ("error", "error")


def crash_once(marker: str, *args):
    """Kill this worker process the first time it is called; solve normally afterwards."""
    if not os.path.exists(marker):
        Path(marker).write_text("crashed")
        os._exit(1)
    return solve_task(*args)


def test_a_worker_that_dies_mid_solve_is_retried(tmp_path, cluster):
    import cloudpickle

    cloudpickle.register_pickle_by_value(__import__(__name__))
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "fay.toml").write_text(TINY.format(name="Fay", goal="general", mass=60))
    task = functools.partial(crash_once, str(tmp_path / "marker"))
    report = run_batch(folder, tmp_path / "out", config(cluster, task=task))
    assert (tmp_path / "marker").exists()  # the first attempt did die
    assert [o.client for o in report.outcomes] == ["fay"]
    assert report.outcomes[0].status in SOLVED
    assert check_plan(load_plan(tmp_path / "out" / "fay.plan.json")) == []


def test_batch_replan_keeps_every_past_session(tmp_path, cluster):
    out = tmp_path / "out"
    run_batch(roster_folder(tmp_path), out, config(cluster))
    old = {n: json.loads((out / f"{n}.plan.json").read_text()) for n in ("anna", "ben")}
    (out / "carla.plan.json").unlink()
    report = replan_batch(out, ["availability.fri.minutes=0"], None,
                          __import__("datetime").date(2027, 1, 11), config(cluster))
    assert sorted(o.client for o in report.outcomes) == ["anna", "ben"]
    assert all(o.status in SOLVED for o in report.outcomes)
    for name, before in old.items():
        new = json.loads((out / f"{name}.plan.json").read_text())
        past = [s for s in before["sessions"] if s["date"] < "2027-01-11"]
        assert past and [s for s in new["sessions"] if s["date"] < "2027-01-11"] == past
        assert not any(s["weekday"] == "fri" for s in new["sessions"]
                       if s["date"] >= "2027-01-11")
        assert (out / f"{name}.plan.json.bak").exists()
        assert check_plan(load_plan(out / f"{name}.plan.json")) == []
    rows = summary_rows(out / "replan-summary.csv")
    assert int(rows["anna"]["changed"]) >= 1


def test_cli_exit_codes(tmp_path, cluster):
    runner = CliRunner()
    folder = roster_folder(tmp_path)
    args = ["batch", str(folder), "-o", str(tmp_path / "out"), "--scheduler",
            cluster.scheduler_address, "--time-limit", "5", "--deterministic"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "no plan for: broken" in result.output
    (folder / "broken.toml").unlink()
    assert runner.invoke(app, args).exit_code == 0
    missing = runner.invoke(app, ["batch", str(tmp_path / "nowhere"), "-o", str(tmp_path)])
    assert missing.exit_code == 2 and "no such folder" in missing.output
    bad_csv = tmp_path / "r.csv"
    bad_csv.write_text("name,template\nx,y\n")
    result = runner.invoke(app, ["batch", str(bad_csv), "-o", str(tmp_path / "o2")])
    assert result.exit_code == 2 and "client, scenario" in result.output
