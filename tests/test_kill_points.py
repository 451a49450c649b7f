"""All or nothing even when killed (issue 13): a submission to several files killed with SIGKILL
at any step after its commit point is completed by the next command; killed before it, nothing
changed. The kill points are deterministic (store._KILL_POINT), so every instant between the
renames is tried."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals (SIGKILL)")

# Three records for three projects' files of one month: one submission, three renames.
CSV = "项目,指标,本期累计,日期\n2,screening,30000,2023-07-10\n8,classroom_lighting,4700,2023-07-10\n14,jobs,26500,2023-07-10\n"

KILLER = """
import os, signal, sys
from minsheng_cli.ledger import store
point = sys.argv.pop(1)
def kill(step):
    if step == point:
        os.kill(os.getpid(), signal.SIGKILL)
store._KILL_POINT = kill
from minsheng_cli.__main__ import main
main()
"""


def progress_state(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "progress").rglob("*")) if p.is_file()}


def minsheng(root: Path, *args: str, kill_at: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "MINSHENG_NO_CACHE": "1"}
    prefix = [sys.executable, "-c", KILLER, kill_at] if kill_at else [sys.executable, "-m", "minsheng_cli"]
    return subprocess.run([*prefix, "--data", str(root), *args], capture_output=True, text=True, timeout=120, cwd=REPO, env=env)


@pytest.fixture
def submission(example_ledger, tmp_path) -> Path:
    sheet = tmp_path / "6月.csv"
    sheet.write_text(CSV, encoding="utf-8")
    return sheet


def test_the_submission_writes_three_files(example_ledger, submission):
    before = progress_state(example_ledger)
    result = minsheng(example_ledger, "import", str(submission))
    assert result.returncode == 0, result.stderr
    changed = {name for name, data in progress_state(example_ledger).items() if before.get(name) != data}
    assert changed == {"progress/2023-07/02.yaml", "progress/2023-07/08.yaml", "progress/2023-07/14.yaml"}


@pytest.mark.parametrize("point", ["committed", "renamed 1", "renamed 2"])
def test_killed_after_the_commit_point_the_next_command_completes_it(example_ledger, submission, tmp_path, point):
    whole = tmp_path / "whole"
    import shutil

    shutil.copytree(example_ledger, whole)
    assert minsheng(whole, "import", str(submission)).returncode == 0
    expected = progress_state(whole)

    killed = minsheng(example_ledger, "import", str(submission), kill_at=point)
    assert killed.returncode == -signal.SIGKILL
    assert (example_ledger / "progress" / ".journal").exists()
    report = minsheng(example_ledger, "report", "--month", "2023-07", "-f", "json")  # any command recovers
    assert report.returncode == 0, report.stderr
    assert progress_state(example_ledger) == expected  # all three files, no journal, no temp file
    assert minsheng(example_ledger, "check").returncode == 0
    assert json.loads(report.stdout) == json.loads(minsheng(whole, "report", "--month", "2023-07", "-f", "json").stdout)


def test_killed_before_the_commit_point_nothing_changed(example_ledger, submission, monkeypatch):
    before = {name: data for name, data in progress_state(example_ledger).items() if not Path(name).name.startswith(".")}
    killer = KILLER.replace('store._KILL_POINT = kill', 'store._write_journal = lambda *a: kill("journal")')
    env = {**os.environ, "MINSHENG_NO_CACHE": "1"}
    killed = subprocess.run([sys.executable, "-c", killer, "journal", "--data", str(example_ledger), "import", str(submission)],
                            capture_output=True, text=True, timeout=120, cwd=REPO, env=env)
    assert killed.returncode == -signal.SIGKILL
    assert minsheng(example_ledger, "check").returncode == 0
    after = {name: data for name, data in progress_state(example_ledger).items() if not Path(name).name.startswith(".")}
    assert after == before  # the temporary files left are private names: readers skip them
    assert minsheng(example_ledger, "update", "2", "screening", "30000", "--date", "2023-07-10").returncode == 0
    assert not [name for name in progress_state(example_ledger) if name.endswith(".tmp")]  # and a writer removes them


def test_a_planted_journal_cannot_move_files_out_of_the_ledger(example_ledger, tmp_path):
    outside = tmp_path / "outside.txt"
    (example_ledger / "progress" / "2023-06" / ".x.tmp").write_text("x", encoding="utf-8")
    (example_ledger / "progress" / ".journal").write_text(
        json.dumps([{"temp": "2023-06/.x.tmp", "path": "../../outside.txt"}]), encoding="utf-8")
    assert minsheng(example_ledger, "list").returncode == 0
    assert not outside.exists() and not (example_ledger / "progress" / ".journal").exists()


# Many files in one import: the same three records, from two sheets, are still one submission.
SHEET_A = "项目,指标,本期累计,日期\n2,screening,30000,2023-07-10\n8,classroom_lighting,4700,2023-07-10\n"
SHEET_B = "项目,指标,本期累计,日期\n14,jobs,26500,2023-07-10\n"


@pytest.fixture
def two_sheets(tmp_path) -> list[str]:
    paths = [tmp_path / "a.csv", tmp_path / "b.csv"]
    for path, text in zip(paths, (SHEET_A, SHEET_B)):
        path.write_text(text, encoding="utf-8")
    return [str(path) for path in paths]


@pytest.mark.parametrize("point", ["committed", "renamed 1", "renamed 2"])
def test_many_files_killed_after_the_commit_point_are_completed_as_one(example_ledger, two_sheets, tmp_path, point):
    import shutil

    whole = tmp_path / "whole"
    shutil.copytree(example_ledger, whole)
    assert minsheng(whole, "import", *two_sheets, "--received", "2023-07-11").returncode == 0
    expected = progress_state(whole)
    assert {"progress/2023-07/02.yaml", "progress/2023-07/08.yaml", "progress/2023-07/14.yaml"} <= set(expected)

    killed = minsheng(example_ledger, "import", *two_sheets, "--received", "2023-07-11", kill_at=point)
    assert killed.returncode == -signal.SIGKILL
    assert (example_ledger / "progress" / ".journal").exists()
    assert minsheng(example_ledger, "status", "--month", "2023-07", "-f", "json").returncode == 0  # any command recovers
    assert progress_state(example_ledger) == expected
    assert minsheng(example_ledger, "check").returncode == 0


def test_many_files_killed_before_the_commit_point_changed_nothing(example_ledger, two_sheets):
    before = {name: data for name, data in progress_state(example_ledger).items() if not Path(name).name.startswith(".")}
    killer = KILLER.replace('store._KILL_POINT = kill', 'store._write_journal = lambda *a: kill("journal")')
    env = {**os.environ, "MINSHENG_NO_CACHE": "1"}
    killed = subprocess.run([sys.executable, "-c", killer, "journal", "--data", str(example_ledger), "import", *two_sheets],
                            capture_output=True, text=True, timeout=120, cwd=REPO, env=env)
    assert killed.returncode == -signal.SIGKILL
    after = {name: data for name, data in progress_state(example_ledger).items() if not Path(name).name.startswith(".")}
    assert after == before
