"""No lost work (issue 8): every file the program writes goes through `write_atomic` (temporary
file in the same folder, fsync, rename), and `-o` onto an existing file keeps it as FILE.bak
unless --force — for solve, replan, compare -o DIR, export and catalog-import. The backup reads at
most the input-file limit. Odd targets (devices, pipes, inputs): tests/test_output_targets.py."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from solver_helpers import scenario_data
from typer.testing import CliRunner

from models.plan import write_atomic
from optimizer.cli import app

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
BASE_PLAN = DATA / "hostile-base.plan.json"
runner = CliRunner()
OLD = b"my precious old file \xff\x00 (not even text)\n"


def test_no_module_writes_files_except_through_write_atomic():
    writes = re.compile(
        r"\.write_text\(|\.write_bytes\(|open\([^)]*['\"][wax]b?\+?['\"]|\.open\(['\"][wax]"
    )
    offenders = []
    for folder in ("models", "optimizer"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                # write_atomic itself, and a stream fsynced and renamed into place at its end
                if writes.search(line) and "os.fdopen(fd" not in line and \
                        "# atomic-stream" not in line:
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def test_write_atomic_uses_a_temp_file_in_the_same_folder_fsync_and_rename(tmp_path, monkeypatch):
    target = tmp_path / "sub" / "plan.json"
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append(("fsync", "")), real_fsync(fd)))
    monkeypatch.setattr(
        os, "replace", lambda a, b: (events.append(("replace", str(a))), real_replace(a, b))
    )
    write_atomic(target, "new\n")
    assert [e[0] for e in events] == ["fsync", "replace"]
    assert Path(events[1][1]).parent == target.parent
    assert target.read_text() == "new\n"


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "plan.json"
    target.write_bytes(OLD)

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    result = runner.invoke(app, ["export", str(BASE_PLAN), "-o", str(target.with_suffix(".csv"))])
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    with pytest.raises(OSError):
        write_atomic(target, "new\n")
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


def _expect_backup(path: Path, result, force: bool) -> None:
    assert result.exit_code == 0, result.output + result.stderr
    backup = path.with_name(path.name + ".bak")
    assert path.read_bytes() != OLD
    if force:
        assert not backup.exists()
    else:
        assert backup.read_bytes() == OLD
        assert str(backup) in result.stderr


@pytest.mark.parametrize("force", [False, True])
def test_export_keeps_a_backup_unless_force(tmp_path, force):
    out = tmp_path / "plan.csv"
    out.write_bytes(OLD)
    args = ["export", str(BASE_PLAN), "-o", str(out)] + (["--force"] if force else [])
    _expect_backup(out, runner.invoke(app, args), force)


@pytest.mark.parametrize("force", [False, True])
def test_catalog_import_keeps_a_backup_unless_force(tmp_path, force):
    out = tmp_path / "mine.toml"
    out.write_bytes(OLD)
    args = [
        "catalog-import",
        str(DATA / "free-exercise-db-sample.json"),
        "--from",
        "free-exercise-db",
        "-o",
        str(out),
    ] + (["--force"] if force else [])
    _expect_backup(out, runner.invoke(app, args), force)


def _scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "me.json"
    data = scenario_data(
        weeks=1,
        availability={
            "mon": {"minutes": 45, "location": "gym"},
            "thu": {"minutes": 45, "location": "gym"},
        },
    )
    path.write_text(json.dumps(data))
    return path


def test_solve_keeps_a_backup(tmp_path):
    out = tmp_path / "plan.json"
    out.write_bytes(OLD)
    args = [
        "solve",
        str(_scenario_file(tmp_path)),
        "-o",
        str(out),
        "--time-limit",
        "2",
        "--deterministic",
        "--quiet",
    ]
    _expect_backup(out, runner.invoke(app, args), force=False)


def test_replan_keeps_a_backup(tmp_path):
    out = tmp_path / "new.plan.json"
    out.write_bytes(OLD)
    args = [
        "replan",
        str(BASE_PLAN),
        "--set",
        "availability.fri=30",
        "--from",
        "2027-01-11",
        "-o",
        str(out),
        "--time-limit",
        "2",
        "--deterministic",
    ]
    _expect_backup(out, runner.invoke(app, args), force=False)


def test_compare_into_a_folder_keeps_backups(tmp_path):
    folder = tmp_path / "alternatives"
    folder.mkdir()
    args = [
        "compare",
        str(_scenario_file(tmp_path)),
        "--goals",
        "strength",
        "-o",
        str(folder),
        "--time-limit",
        "1",
        "--deterministic",
    ]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output + first.stderr
    (written,) = folder.glob("*.plan.json")
    written.write_bytes(OLD)
    _expect_backup(written, runner.invoke(app, args), force=False)


def test_the_backup_never_reads_more_than_the_input_limit(tmp_path):
    """An old file larger than the input-file limit is not read into a backup: refused (exit 2)
    before solving, with the way out; --force replaces it without reading it."""
    from models.loading import MAX_FILE_BYTES

    out = tmp_path / "plan.json"
    out.write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    args = ["solve", str(_scenario_file(tmp_path)), "-o", str(out), "--time-limit", "2",
            "--deterministic", "--quiet"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert f"more than the {MAX_FILE_BYTES} kept as a backup" in result.stderr
    assert "--force" in result.stderr and "status" not in result.stderr  # no search ran
    assert out.stat().st_size == MAX_FILE_BYTES + 1
    assert not out.with_name("plan.json.bak").exists()
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0, forced.stderr
    assert out.read_text().startswith("{") and not out.with_name("plan.json.bak").exists()


def test_a_file_that_grew_while_solving_is_not_read_either(tmp_path, monkeypatch):
    from models.errors import InputError
    from models.loading import MAX_FILE_BYTES
    from optimizer.cli import output

    out = tmp_path / "plan.json"
    out.write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    monkeypatch.setattr(output, "check_output", lambda *args, **kwargs: None)  # checked small
    with pytest.raises(InputError, match="kept as a backup"):
        output.write_output("new\n", out, force=False)
    assert out.stat().st_size == MAX_FILE_BYTES + 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]
