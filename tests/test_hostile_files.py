"""Hostile files in a ledger (PRODUCT.md §4 "Loading is safe"): a FIFO or a device named like a
ledger file is refused at once (never a hang); nesting beyond any real ledger is refused with a
message, never a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="this system has no FIFOs (os.mkfifo)")


def run(ledger: Path, *args: str) -> subprocess.CompletedProcess:
    """The CLI in its own process, so that a hang is a failed test (timeout), not a hung suite."""
    return subprocess.run([sys.executable, "-m", "minsheng_cli", "--no-cache", "--data", str(ledger), *args],
                          capture_output=True, text=True, timeout=60, cwd=REPO)


@needs_fifo
@pytest.mark.parametrize("command", [["report", "--month", "2023-06"], ["check"], ["show", "5"], ["log", "5"],
                                     ["update", "5", "expert_studios", "30", "--date", "2023-06-30"]])
def test_a_fifo_named_like_a_progress_file_is_refused(example_ledger, command):
    fifo = example_ledger / "progress" / "2023-06" / "05.yaml"
    fifo.unlink()
    os.mkfifo(fifo)
    result = run(example_ledger, *command)
    assert result.returncode == 1
    assert "05.yaml" in result.stdout + result.stderr and "不是普通文件" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@needs_fifo
def test_a_fifo_as_the_plan_is_refused(example_ledger):
    plan = example_ledger / "projects.yaml"
    plan.unlink()
    os.mkfifo(plan)
    result = run(example_ledger, "list")
    assert result.returncode == 1 and "projects.yaml" in result.stderr and "Traceback" not in result.stderr


def test_a_folder_named_like_a_progress_file_is_refused(example_ledger):
    folder = example_ledger / "progress" / "2023-06" / "05.yaml"
    folder.unlink()
    folder.mkdir()
    result = run(example_ledger, "report", "--month", "2023-06")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "05.yaml" in result.stderr


@pytest.mark.parametrize("depth", [5_000, 50_000])
@pytest.mark.parametrize("shape", ["flow", "block"])
def test_nesting_beyond_any_ledger_is_refused(example_ledger, depth, shape):
    if shape == "flow":
        value = "[" * depth + "1" + "]" * depth
        text = f"- {{date: 2023-06-30, target: expert_studios, value: {value}}}\n"
    else:
        text = "- date: 2023-06-30\n  target: expert_studios\n  value:\n    " + "- " * depth + "1\n"  # sequences in sequences
    (example_ledger / "progress" / "2023-06" / "05.yaml").write_text(text, encoding="utf-8")
    for command in (["report", "--month", "2023-06"], ["check"]):
        result = run(example_ledger, *command)
        assert result.returncode == 1, (command, result.stderr[-500:])
        assert "嵌套层数过多" in result.stdout + result.stderr and "Traceback" not in result.stderr


def test_deep_plan_is_refused(example_ledger):
    plan = example_ledger / "projects.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "extra: " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")
    for command in (["list"], ["check"]):
        result = run(example_ledger, *command)
        assert result.returncode == 1 and "嵌套层数过多" in result.stdout + result.stderr, result.stderr[-500:]


ESCAPES = '"bad \\e[2J\\e[31mRED\\x07 \\x9b2J \\u202e end"'  # clear screen, red, bell, CSI, RTL override


def test_a_note_with_terminal_escapes_is_shown_harmless(example_ledger, cli):
    with (example_ledger / "progress" / "2023-06" / "05.yaml").open("a", encoding="utf-8") as handle:
        handle.write("- {date: 2023-06-30, problem: " + ESCAPES + "}\n")
    outputs = [cli("--data", example_ledger, "report", "--month", "2023-06", "--notes", "-u", "市卫生健康委", "-f", fmt)
               for fmt in ("plain", "markdown", "csv", "table")]
    outputs.append(cli("--data", example_ledger, "log", "5", "-f", "plain"))
    for result in outputs:
        assert result.exit_code == 0, result.output
        text = result.stdout_bytes.decode("utf-8")
        assert "bad" in text and "end" in text
        assert not any(ch in text for ch in "\x1b\x07\x9b\u202e"), repr(text[text.index("bad") - 5:text.index("end") + 3])


@pytest.mark.parametrize("link", ["month", "file", "lock"])
def test_a_writer_never_follows_a_symlink_out_of_the_ledger(example_ledger, tmp_path, link):
    outside = tmp_path / "outside"
    outside.mkdir()
    progress = example_ledger / "progress"
    if link == "month":
        (progress / "2023-07").symlink_to(outside, target_is_directory=True)
    elif link == "file":
        (progress / "2023-07").mkdir()
        (progress / "2023-07" / "02.yaml").symlink_to(outside / "02.yaml")
    else:
        (progress / ".lock").symlink_to(outside / "lock")
    result = run(example_ledger, "update", "2", "screening", "30000", "--date", "2023-07-10")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "符号链接" in result.stderr
    assert list(outside.iterdir()) == []


def test_a_lock_that_is_a_folder_is_a_message(example_ledger):
    (example_ledger / "progress" / ".lock").mkdir()
    result = run(example_ledger, "update", "2", "screening", "30000", "--date", "2023-07-10")
    assert result.returncode == 1 and "Traceback" not in result.stderr and ".lock" in result.stderr


def test_show_and_errors_never_print_a_units_escapes(example_ledger, cli, tmp_path):
    with (example_ledger / "progress" / "2023-06" / "05.yaml").open("a", encoding="utf-8") as handle:
        handle.write("- {date: 2023-06-30, problem: " + ESCAPES + "}\n")
    sheet = tmp_path / "bad.csv"
    sheet.write_text("项目,指标,本期累计,日期\n5,expert_studios,\x1b[2J30,2023-06-30\n", encoding="utf-8")
    results = [cli("--data", example_ledger, "show", "5", "-f", fmt) for fmt in ("table", "plain", "csv")]
    results.append(cli("--data", example_ledger, "import", str(sheet)))
    for result in results:
        text = result.stdout_bytes.decode("utf-8") + result.stderr
        assert not any(ch in text for ch in "\x1b\x07\x9b\u202e"), repr(text[-300:])
    assert results[-1].exit_code == 1


@pytest.mark.parametrize("key", ["²", "①", "⑩", "٣"])
def test_digits_that_are_not_numbers_are_an_unknown_project(example_ledger, cli, key):
    for command in (["show", key], ["log", key], ["update", key, "--note", "x", "--date", "2023-06-30"]):
        result = cli("--data", example_ledger, *command)
        assert result.exit_code == 1 and "没有序号或名称为" in result.stderr and "内部错误" not in result.stderr, (command, result.stderr)


def test_a_read_only_progress_file_is_left_alone(example_ledger):
    path = example_ledger / "progress" / "2023-06" / "02.yaml"
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        result = run(example_ledger, "update", "2", "screening", "29400", "--date", "2023-06-30", "--correct", "--reason", "核对")
        assert result.returncode == 1 and "只读" in result.stderr, result.stderr
        assert path.read_bytes() == before
    finally:
        path.chmod(0o644)


def test_a_unit_name_with_a_slash_still_gets_its_template(example_ledger, cli, tmp_path):
    plan = example_ledger / "projects.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("lead: [市残联]", "lead: [市残联/市民政局]"), encoding="utf-8")
    assert "市残联/市民政局" in plan.read_text(encoding="utf-8")
    result = cli("--data", example_ledger, "template", "--all", "--month", "2023-07", "--output-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    names = [p.name for p in (tmp_path / "out").iterdir()]
    assert any("市残联＿市民政局" in name for name in names) and all("/" not in name for name in names)


def test_scalar_anchors_are_refused_like_shared_lists(example_ledger, cli):
    with (example_ledger / "progress" / "2023-06" / "05.yaml").open("a", encoding="utf-8") as handle:
        handle.write("- {date: 2023-06-30, target: expert_studios, value: &v 30}\n")
    result = cli("--data", example_ledger, "check")
    assert result.exit_code == 1 and "yaml-alias" in result.stdout and "05.yaml:6:" in result.stdout
    report = cli("--data", example_ledger, "report", "--month", "2023-06")
    assert report.exit_code == 1 and "锚点" in report.stderr
