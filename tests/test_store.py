"""Safe appending: append-only, atomic, locked, mergeable (PRODUCT.md §2, §4)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from minsheng_cli.errors import LedgerError
from minsheng_cli.ledger.model import Record
from minsheng_cli.ledger.progress_file import format_record, read_progress
from minsheng_cli.ledger.store import append_records, ledger_lock

REPO = Path(__file__).resolve().parents[1]
D = dt.date(2023, 6, 30)
GIT_ENV = {"GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "t@example.org"}


def rec(value: int, day: dt.date = D, target: str = "new_places", project: int = 1) -> Record:
    return Record(day, project, target, None, Decimal(value))


def june_file(root: Path, project: int = 1) -> Path:
    return root / "progress" / "2023-06" / f"{project:02d}.yaml"


def leftovers(root: Path) -> list[str]:
    """Anything in progress/ that is not a month folder's progress file."""
    return sorted(str(p.relative_to(root)) for p in (root / "progress").rglob("*") if p.is_file() and p.name.startswith("."))


def run_cli(root: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **GIT_ENV, "MINSHENG_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-m", "minsheng_cli", "--data", str(root), *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=cwd or root)


# --- appending -----------------------------------------------------------------------------------------
def test_a_new_file_gets_the_header_and_the_written_lines_are_returned(plan_ledger):
    written = append_records(plan_ledger, [rec(100), Record(D, 1, note="进展")])
    text = june_file(plan_ledger).read_text(encoding="utf-8")
    assert text == "# 项目 1 · 2023年6月 进度记录（minsheng 追加写入，可手工编辑；每行一条记录）\n" + format_record(rec(100)) + format_record(Record(D, 1, note="进展"))
    assert [(Path(r.path), r.line) for r in written] == [(june_file(plan_ledger), 2), (june_file(plan_ledger), 3)]
    assert leftovers(plan_ledger) == []


def test_existing_bytes_are_kept_exactly_and_a_missing_final_newline_is_added(plan_ledger):
    path = june_file(plan_ledger)
    path.parent.mkdir(parents=True)
    original = b"# \xe6\x89\x8b\xe5\x86\x99  \n-   {date: 2023-06-01,   target: new_places, value: 5}   # hand\n- {date: 2023-06-02, note: x}"
    path.write_bytes(original)
    append_records(plan_ledger, [rec(100)])
    assert path.read_bytes() == original + b"\n" + format_record(rec(100)).encode("utf-8")


def test_a_crlf_file_with_bom_gets_crlf_lines(plan_ledger):
    path = june_file(plan_ledger)
    path.parent.mkdir(parents=True)
    original = "\ufeff# 手写\r\n- {date: 2023-06-01, target: new_places, value: 5}\r\n".encode("utf-8")
    path.write_bytes(original)
    written = append_records(plan_ledger, [rec(100)])
    assert path.read_bytes() == original + format_record(rec(100)).encode("utf-8").replace(b"\n", b"\r\n")
    assert written[0].line == 3
    assert [r.value for r in read_progress(plan_ledger)] == [Decimal(5), Decimal(100)]


def test_records_for_several_files_are_grouped_and_month_folders_created(plan_ledger):
    append_records(plan_ledger, [rec(1), rec(2, dt.date(2023, 7, 1)), rec(3, target="sites", project=21), rec(4)])
    assert [(r.project, r.value) for r in read_progress(plan_ledger)] == [(1, 1), (1, 4), (21, 3), (1, 2)]


def test_a_file_that_cannot_take_a_line_is_refused_and_left_alone(plan_ledger):
    path = june_file(plan_ledger)
    path.parent.mkdir(parents=True)
    original = "[ # 本月暂无记录\n]\n".encode("utf-8")  # a flow list holding a comment: no shape keeps both
    path.write_bytes(original)
    with pytest.raises(LedgerError):
        append_records(plan_ledger, [rec(1)])
    assert path.read_bytes() == original
    assert leftovers(plan_ledger) == []


def test_a_hand_written_comment_survives_ten_updates(plan_ledger, cli):
    path = june_file(plan_ledger)
    path.parent.mkdir(parents=True)
    path.write_text("# 本月由张三负责填报，数字以验收为准\n", encoding="utf-8")
    for day in range(1, 11):
        result = cli("--data", plan_ledger, "update", "1", "new_places", str(day * 100), "--date", f"2023-06-{day:02d}")
        assert result.exit_code == 0, result.stderr
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# 本月由张三负责填报，数字以验收为准"
    assert len(lines) == 11
    assert [r.value for r in read_progress(plan_ledger)] == [Decimal(d * 100) for d in range(1, 11)]


def test_a_missing_ledger_folder_is_a_clear_error(tmp_path):
    with pytest.raises(LedgerError, match="台账目录不存在"):
        append_records(tmp_path / "nowhere", [rec(1)])


# --- atomicity -----------------------------------------------------------------------------------------
def test_a_write_killed_before_the_rename_leaves_the_old_file_and_no_temp_file(plan_ledger, monkeypatch):
    append_records(plan_ledger, [rec(100)])
    before = june_file(plan_ledger).read_bytes()

    def killed(src, dst):
        raise KeyboardInterrupt  # what the process sees when it is interrupted right there

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        append_records(plan_ledger, [rec(200, dt.date(2023, 6, 29)), rec(300, dt.date(2023, 7, 3))])
    monkeypatch.undo()
    assert june_file(plan_ledger).read_bytes() == before
    assert not (plan_ledger / "progress" / "2023-07" / "01.yaml").exists()
    assert leftovers(plan_ledger) == []


def test_a_failed_second_rename_puts_the_first_file_back(plan_ledger, monkeypatch):
    append_records(plan_ledger, [rec(100), rec(1, target="sites", project=21)])
    first, second = june_file(plan_ledger), june_file(plan_ledger, 21)
    before = first.read_bytes(), second.read_bytes()
    real_replace = os.replace
    calls = []

    def second_fails(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises(LedgerError, match="所有文件保持原样"):
        append_records(plan_ledger, [rec(200, dt.date(2023, 6, 29)), rec(2, dt.date(2023, 6, 29), "sites", 21)])
    assert (first.read_bytes(), second.read_bytes()) == before
    assert leftovers(plan_ledger) == []


def test_the_rename_is_retried_while_windows_reports_the_file_busy(plan_ledger, monkeypatch):
    real_replace = os.replace
    failures = []

    def busy_twice(src, dst):
        if len(failures) < 2:
            failures.append(dst)
            raise PermissionError(13, "The process cannot access the file")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", busy_twice)
    append_records(plan_ledger, [rec(100)])
    assert len(failures) == 2 and [r.value for r in read_progress(plan_ledger)] == [Decimal(100)]


# --- the lock ------------------------------------------------------------------------------------------
HOLD_LOCK = textwrap.dedent("""
    import sys, time
    from minsheng_cli.ledger.store import ledger_lock
    with ledger_lock(sys.argv[1]):
        print("locked", flush=True)
        time.sleep(float(sys.argv[2]))
""")


def test_a_held_lock_makes_another_writer_wait_then_give_up_with_a_chinese_message(plan_ledger):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(plan_ledger), "5"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(LedgerError, match="正被其他程序写入"):
            with ledger_lock(plan_ledger, timeout=0.5):
                pass
    finally:
        holder.kill()
        holder.wait()


def test_the_lock_is_reentrant_and_leaves_no_file_behind(plan_ledger):
    with ledger_lock(plan_ledger):
        assert (plan_ledger / "progress" / ".lock").exists()
        append_records(plan_ledger, [rec(1)])  # takes the lock again in the same process
    assert not (plan_ledger / "progress" / ".lock").exists()


def test_eight_concurrent_updates_keep_all_eight_records(plan_ledger):
    env = {**os.environ, "MINSHENG_NO_CACHE": "1"}
    processes = [
        subprocess.Popen([sys.executable, "-m", "minsheng_cli", "--data", str(plan_ledger), "update", "1", "new_places",
                          str(day * 100), "--date", f"2023-06-{day:02d}", "--by", f"填报人{day}"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)
        for day in range(1, 9)
    ]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in processes]
    for p in processes:
        p.stdout.close()
        p.stderr.close()
    assert [code for code, _ in results] == [0] * 8, results
    records = read_progress(plan_ledger)
    assert sorted((r.date.day, r.value, r.by) for r in records) == [(d, Decimal(d * 100), f"填报人{d}") for d in range(1, 9)]
    assert june_file(plan_ledger).read_text(encoding="utf-8").count("\n") == 9  # header + 8 lines, none torn
    assert leftovers(plan_ledger) == []


def test_concurrent_conflicting_writers_cannot_both_pass_the_check(plan_ledger):
    """Eight writers record different values for the same target and date: the check runs under
    the lock on freshly read files, so exactly one is written and the others are refused."""
    env = {**os.environ, "MINSHENG_NO_CACHE": "1"}
    processes = [
        subprocess.Popen([sys.executable, "-m", "minsheng_cli", "--data", str(plan_ledger), "update", "1", "new_places", str(100 + n), "--date", "2023-06-30"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        for n in range(8)
    ]
    codes = sorted(p.wait(timeout=120) for p in processes)
    assert codes == [0] + [1] * 7
    assert len(read_progress(plan_ledger)) == 1


# --- git merges ----------------------------------------------------------------------------------------
def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, encoding="utf-8", env={**os.environ, **GIT_ENV})


@pytest.fixture
def git_repo(tmp_path) -> Path:
    repo = tmp_path / "repo"
    (repo / "data" / "progress").mkdir(parents=True)
    shutil.copy(REPO / "data" / "projects.yaml", repo / "data" / "projects.yaml")
    shutil.copy(REPO / ".gitattributes", repo / ".gitattributes")
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    git(repo, "add", "-A")
    assert git(repo, "commit", "-q", "-m", "计划").returncode == 0
    return repo


def commit_update(repo: Path, branch: str, *args: str) -> None:
    assert git(repo, "checkout", "-q", branch).returncode == 0
    result = run_cli(repo / "data", "update", *args, cwd=repo)
    assert result.returncode == 0, result.stderr
    git(repo, "add", "-A")
    assert git(repo, "commit", "-q", "-m", " ".join(args)).returncode == 0


def test_two_branches_appending_to_the_same_progress_file_merge_cleanly(git_repo):
    commit_update(git_repo, "main", "1", "new_places", "1000", "--date", "2023-06-01")
    git(git_repo, "branch", "weekly-a")
    git(git_repo, "branch", "weekly-b")
    commit_update(git_repo, "weekly-a", "1", "new_places", "2000", "--date", "2023-06-08")
    commit_update(git_repo, "weekly-b", "1", "model_institutions", "3", "--date", "2023-06-09", "--note", "遴选进行中")
    merged = git(git_repo, "merge", "--no-edit", "weekly-a")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    records = read_progress(git_repo / "data")
    assert sorted((r.target, r.value) for r in records) == [("model_institutions", 3), ("new_places", 1000), ("new_places", 2000)]
    assert run_cli(git_repo / "data", "check", cwd=git_repo).returncode == 0


def test_two_branches_recording_different_projects_in_the_same_month_merge_cleanly(git_repo):
    git(git_repo, "branch", "unit-a")
    commit_update(git_repo, "main", "1", "new_places", "1000", "--date", "2023-06-30")
    commit_update(git_repo, "unit-a", "21", "sites", "50", "--date", "2023-06-30")
    git(git_repo, "checkout", "-q", "main")
    merged = git(git_repo, "merge", "--no-edit", "unit-a")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert sorted((r.project, r.value) for r in read_progress(git_repo / "data")) == [(1, 1000), (21, 50)]


def test_the_same_record_on_two_branches_merges_and_check_reports_the_duplicate(git_repo):
    """Both branches record X (e.g. the same unit's sheet imported twice) among other records:
    the union merge keeps both copies of X, and `check` names the duplicate."""
    commit_update(git_repo, "main", "1", "new_places", "1000", "--date", "2023-06-01")
    git(git_repo, "branch", "other")
    commit_update(git_repo, "main", "1", "new_places", "2000", "--date", "2023-06-08")
    commit_update(git_repo, "main", "1", "model_institutions", "3", "--date", "2023-06-09")
    commit_update(git_repo, "other", "1", "staff_training", "100", "--date", "2023-06-07")
    commit_update(git_repo, "other", "1", "new_places", "2000", "--date", "2023-06-08")
    git(git_repo, "checkout", "-q", "main")
    assert git(git_repo, "merge", "--no-edit", "other").returncode == 0
    assert len(read_progress(git_repo / "data")) == 5
    checked = run_cli(git_repo / "data", "check", cwd=git_repo)
    assert checked.returncode == 1
    assert "错误[duplicate-record]" in checked.stdout
