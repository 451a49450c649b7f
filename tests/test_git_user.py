"""The reporter an update records without --by: the ledger folder's `git config user.name`, asked
of git directly (posix_spawn and a pipe, not subprocess: its import was 2.7 ms of every update)."""

from __future__ import annotations

import sys

from gitrepo import git
from minsheng_cli.ledger.recording import _git_output, git_user_name


def test_the_reporter_is_the_ledger_folders_git_user(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-global"))
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.name", "济宁市卫健委 王芳")
    assert git_user_name(tmp_path) == "济宁市卫健委 王芳"
    (tmp_path / "sub").mkdir()
    assert git_user_name(tmp_path / "sub") == "济宁市卫健委 王芳"  # asked from inside the repository too


def test_no_git_user_is_an_empty_name(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-global"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    git(tmp_path, "init", "-q")
    assert git_user_name(tmp_path) == ""  # git config exits 1: no name
    assert git_user_name(tmp_path / "missing") == ""  # git -C a folder that is not there fails
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    assert git_user_name(tmp_path) == ""  # no git at all


def test_a_command_that_hangs_is_stopped_and_its_output_dropped():
    assert _git_output([sys.executable, "-c", "print('x', flush=True); import time; time.sleep(60)"], timeout=0.5) is None
    assert _git_output([sys.executable, "-c", "import sys; sys.stdout.buffer.write('名'.encode())"], timeout=30) == "名".encode()
    assert _git_output([sys.executable, "-c", "import sys; sys.stdout.write('x' * 200000)"], timeout=30) == b"x" * 200000
    assert _git_output([sys.executable, "-c", "import sys; print('x'); sys.exit(3)"], timeout=30) is None


def test_a_command_that_closes_its_output_and_runs_on_is_stopped_too():
    assert _git_output([sys.executable, "-c", "import os, time; os.close(1); time.sleep(60)"], timeout=0.5) is None


def test_the_reporter_is_found_with_stdout_closed(tmp_path, monkeypatch):
    """`minsheng update … >&-`: the pipe's ends would be fd 1 itself; git's answer still arrives."""
    import subprocess

    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-global"))
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.name", "王芳")
    ask = "import sys; from pathlib import Path; from minsheng_cli.ledger.recording import git_user_name; " \
          "sys.stderr.write(git_user_name(Path(sys.argv[1])))"
    for closed in (">&-", "<&- >&-"):
        done = subprocess.run(["sh", "-c", f'exec "$@" {closed}', "sh", sys.executable, "-c", ask, str(tmp_path)], capture_output=True, timeout=60)
        assert done.stderr.decode("utf-8") == "王芳", closed
