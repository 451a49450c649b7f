"""A warm report is printed before the command line is parsed (commands/replay.py, issue 15), and
only when nothing it depends on changed: the same arguments, folder, environment, day, terminal,
ledger bytes and code."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from minsheng_cli.commands import replay
from minsheng_cli.commands.replay import _key, data_option, ledger_state


def run(root: Path, cache_dir: Path, *args: str, importtime: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "MINSHENG_CACHE": str(cache_dir)}
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run([sys.executable, *flags, "-m", "minsheng_cli", "--data", str(root), "report", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env)


def entries(cache_dir: Path, kind: str) -> list[str]:
    return sorted(p.name for p in cache_dir.iterdir() if p.name.startswith(kind + "-")) if cache_dir.is_dir() else []


@pytest.fixture
def cache_dir(tmp_path) -> Path:
    return tmp_path / "cache"


def test_the_second_identical_report_is_replayed_without_the_command_line(example_ledger, cache_dir):
    first = run(example_ledger, cache_dir, "--month", "2023-06", "-f", "plain")
    assert first.returncode == 0 and first.stdout
    assert len(entries(cache_dir, "replay")) == 1
    second = run(example_ledger, cache_dir, "--month", "2023-06", "-f", "plain", importtime=True)
    assert second.returncode == 0 and second.stdout == first.stdout
    imported = second.stderr
    assert "minsheng_cli.commands.replay" in imported
    assert "typer" not in imported and "minsheng_cli.commands.app" not in imported


def test_other_arguments_and_an_edit_are_not_replayed(example_ledger, cache_dir):
    june = run(example_ledger, cache_dir, "--month", "2023-06", "-f", "plain").stdout
    july = run(example_ledger, cache_dir, "--month", "2023-07", "-f", "plain").stdout
    assert june != july
    assert run(example_ledger, cache_dir, "--month", "2023-06", "-f", "plain").stdout == june
    path = example_ledger / "progress" / "2023-06" / "08.yaml"
    status = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "4642口" in june and text.count("value: 4642") == 1
    path.write_text(text.replace("value: 4642", "value: 4643"), encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))  # same size, same mtime
    after = run(example_ledger, cache_dir, "--month", "2023-06", "-f", "plain", importtime=True)
    assert "4643口" in after.stdout and "4642口" not in after.stdout
    assert "typer" in after.stderr  # the command ran


def test_a_report_of_a_ledger_with_problems_is_never_replayed(example_ledger, cache_dir):
    bad = example_ledger / "progress" / "2023-06" / "08.yaml"
    bad.write_text(bad.read_text(encoding="utf-8") + "- {date: 2023-06-30, target: no_such_target, value: 1}\n", encoding="utf-8")
    first = run(example_ledger, cache_dir, "--month", "2023-06", "-f", "plain")
    assert first.returncode == 0 and first.stderr.strip()  # the warning on stderr
    assert entries(cache_dir, "replay") == []
    again = run(example_ledger, cache_dir, "--month", "2023-06", "-f", "plain")
    assert again.stderr == first.stderr and again.stdout == first.stdout


def test_no_cache_and_a_file_output_are_never_replayed(example_ledger, cache_dir, tmp_path):
    env = {**os.environ, "MINSHENG_CACHE": str(cache_dir)}
    base = [sys.executable, "-m", "minsheng_cli", "--data", str(example_ledger)]
    subprocess.run([*base, "--no-cache", "report", "--month", "2023-06"], capture_output=True, env=env, check=True)
    subprocess.run([*base, "report", "--month", "2023-06", "-o", str(tmp_path / "r.md")], capture_output=True, env=env, check=True)
    assert entries(cache_dir, "replay") == []


def test_only_data_and_debug_may_come_before_report():
    assert data_option(["--data", "x", "report", "-m", "2023-06"]) == ("x", True)
    assert data_option(["--data=x", "--debug", "report"]) == ("x", True)
    assert data_option(["-d", "x", "report"]) == ("x", True)
    assert data_option(["report"]) == (None, True)
    assert data_option(["--rev", "HEAD", "report"])[1] is False
    assert data_option(["--no-cache", "report"])[1] is False
    assert data_option(["check", "report"])[1] is False
    assert data_option(["--data"])[1] is False


def test_the_key_holds_the_day_the_arguments_and_the_environment(example_ledger, monkeypatch):
    args = ["--data", str(example_ledger), "report", "--month", "2023-06"]
    day, state = dt.date(2023, 7, 3), ledger_state(example_ledger)
    key = _key(args, example_ledger, day, state)
    assert key == _key(list(args), example_ledger, day, ledger_state(example_ledger))
    assert _key(args, example_ledger, day + dt.timedelta(days=1), state) != key
    assert _key([*args, "--detail"], example_ledger, day, state) != key
    monkeypatch.setenv("COLUMNS", "41")
    assert _key(args, example_ledger, day, state) != key


def test_a_report_run_in_process_is_never_remembered_under_another_command_line(example_ledger, cache_dir, cli, monkeypatch):
    monkeypatch.setenv("MINSHENG_CACHE", str(cache_dir))
    monkeypatch.setattr(replay, "COMMAND_LINE", [])  # app([...]) called by a program: not this process's command line
    assert cli("--data", str(example_ledger), "report", "--month", "2023-07").exit_code == 0
    assert entries(cache_dir, "report") and entries(cache_dir, "replay") == []


def test_a_write_that_lands_while_the_report_is_built_is_never_remembered(example_ledger, cache_dir, cli, monkeypatch):
    from minsheng_cli.reporting import report as reporting

    monkeypatch.setenv("MINSHENG_CACHE", str(cache_dir))
    args = ["--data", str(example_ledger), "report", "--month", "2023-06", "-f", "plain"]
    monkeypatch.setattr(replay, "COMMAND_LINE", list(args))
    built = reporting.build_report
    path = example_ledger / "progress" / "2023-06" / "08.yaml"

    def build_while_someone_writes(*given, **options):
        path.write_text(path.read_text(encoding="utf-8").replace("value: 4642", "value: 4700"), encoding="utf-8")
        return built(*given, **options)

    monkeypatch.setattr(reporting, "build_report", build_while_someone_writes)
    first = cli(*args)
    assert first.exit_code == 0 and "4642口" in first.stdout  # built from what was read before the write
    assert entries(cache_dir, "replay") == [] and entries(cache_dir, "report") == []
    monkeypatch.setattr(reporting, "build_report", built)
    assert "4700口" in run(example_ledger, cache_dir, "--month", "2023-06", "-f", "plain").stdout


def test_a_removed_current_folder_and_a_closed_pipe_give_no_traceback(example_ledger, cache_dir, tmp_path):
    env = {**os.environ, "MINSHENG_CACHE": str(cache_dir)}
    gone = tmp_path / "gone"
    gone.mkdir()
    command = [sys.executable, "-m", "minsheng_cli", "--data", str(example_ledger), "report", "--month", "2023-06", "-f", "plain"]
    script = "import os, subprocess, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); sys.exit(subprocess.run(sys.argv[2:]).returncode)"
    removed = subprocess.run([sys.executable, "-c", script, str(gone), *command], capture_output=True, text=True, encoding="utf-8", env=env)
    assert removed.returncode == 0 and "4642口" in removed.stdout and removed.stderr == ""
    run(example_ledger, cache_dir, "--month", "2023-06", "-f", "plain")
    assert entries(cache_dir, "replay")  # the next run is a replay
    closed = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    closed.stdout.close()  # the reader went away before anything was written
    assert closed.wait(timeout=60) in (0, 1)
    assert b"Traceback" not in closed.stderr.read()
