"""A hand edit that `check` passes can always take the next record (PRODUCT.md §2, §4): `update`
never fails with a YAML error about the line it meant to add, never loses a hand comment, and a
hand-typed text longer than any note is a `check` error, shown cut, never a memory blow-up."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys

import pytest

from conftest import REPO
from minsheng_cli.ledger.progress_file import parse_progress_text

MONTH_FILE = ("progress", "2023-06", "01.yaml")


def _records(path):
    return [(r.date, r.target, r.county, r.value, r.note) for r in parse_progress_text(path.read_text("utf-8"), str(path), 1)]


def _items(text: str) -> list[str]:
    return [line[2:] for line in text.splitlines() if line.startswith("- ")]


SHAPES = {
    "indented list": lambda text: re.sub(r"(?m)^- ", "    - ", text),
    "empty flow list": lambda text: "# 手工清空\n[]\n",
    "flow list": lambda text: "# 手工改写\n[" + ",\n ".join(_items(text)) + "]\n",
    "document end": lambda text: text + "...\n",
    "no final newline, CRLF": lambda text: text.replace("\n", "\r\n").rstrip("\r\n"),
    "block mappings": lambda text: "".join(
        "- " + "\n  ".join(part.strip() for part in item.strip("{}").split(", ")) + "\n" for item in _items(text)
        if '"' not in item),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_update_appends_to_any_shape_check_accepts(example_ledger, cli, shape):
    path = example_ledger.joinpath(*MONTH_FILE)
    path.write_bytes(SHAPES[shape](path.read_text("utf-8")).encode("utf-8"))
    assert cli("--data", example_ledger, "check").exit_code == 0
    before = _records(path)
    result = cli("--data", example_ledger, "update", "1", "--note", "手工编辑后追加", "--date", "2023-06-30", "--by", "李四")
    assert result.exit_code == 0, result.stderr
    after = _records(path)
    assert after[: len(before)] == before
    assert [r[4] for r in after[len(before):]] == ["手工编辑后追加"]
    assert cli("--data", example_ledger, "check").exit_code == 0
    if shape == "empty flow list" or shape == "flow list":
        assert path.read_text("utf-8").startswith("# 手工")  # the leading comment survives the rewrite


def test_a_rewrite_that_would_drop_a_comment_is_refused_with_the_way_back(example_ledger, cli):
    path = example_ledger.joinpath(*MONTH_FILE)
    items = _items(path.read_text("utf-8"))
    path.write_text("[" + items[0] + ",\n # 中间的说明\n " + ",\n ".join(items[1:]) + "]\n", encoding="utf-8")
    assert cli("--data", example_ledger, "check").exit_code == 0
    before = path.read_bytes()
    result = cli("--data", example_ledger, "update", "1", "--note", "追加", "--date", "2023-06-30")
    assert result.exit_code == 1
    assert "01.yaml" in result.stderr and "注释" in result.stderr and "每行一条记录" in result.stderr
    assert "YAML" not in result.stderr
    assert path.read_bytes() == before


def _run(ledger, *args):
    return subprocess.run([sys.executable, "-m", "minsheng_cli", "--no-cache", "--data", str(ledger), *args],
                          capture_output=True, text=True, timeout=120, cwd=REPO)


def test_a_hand_typed_ten_megabyte_note_is_an_error_shown_cut(example_ledger):
    path = example_ledger.joinpath(*MONTH_FILE)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('- {date: 2023-06-30, target: new_places, value: 5500, note: "' + "长" * 10_000_000 + '"}\n')
    checked = _run(example_ledger, "check")
    assert checked.returncode == 1
    assert "错误[text-too-long]" in checked.stdout and "01.yaml:11:" in checked.stdout
    assert len(checked.stdout) < 2000  # the line is shown as a window around the caret, not whole
    logged = _run(example_ledger, "log", "1", "new_places")
    assert logged.returncode == 0 and "长" * 2000 in logged.stdout and "全文 10000000 字" in logged.stdout
    assert len(logged.stdout) < 100_000
    reported = _run(example_ledger, "report", "--month", "2023-06", "--notes")
    assert "长" * 100 not in reported.stdout  # an invalid record never counts, nor is it quoted
    assert "5,500" not in reported.stdout and "5500" not in reported.stdout


def test_text_at_the_limit_is_accepted_and_one_more_refused(example_ledger, cli):
    from minsheng_cli.ledger.record_rules import MAX_TEXT_CHARS

    ok = cli("--data", example_ledger, "update", "1", "--note", "字" * MAX_TEXT_CHARS, "--date", "2023-06-30")
    assert ok.exit_code == 0, ok.stderr
    assert cli("--data", example_ledger, "check").exit_code == 0
    refused = cli("--data", example_ledger, "update", "1", "--note", "字" * (MAX_TEXT_CHARS + 1), "--date", "2023-06-30")
    assert refused.exit_code == 1 and "--note" in refused.stderr


@pytest.mark.parametrize("command", [
    ["report", "--month", "2023-06", "-o", "{out}/r.xlsx"],
    ["template", "--unit", "市卫生健康委", "--month", "2023-06", "-o", "{out}/t.xlsx"],
    ["report", "--month", "2023-06", "-f", "csv", "-o", "{out}/r.csv"],
    ["schema", "-o", "{out}/s.json"],
])
def test_a_full_disk_while_writing_an_output_is_one_message(example_ledger, cli, tmp_path, monkeypatch, command):
    """The write of the finished bytes fails as a full disk does (ENOSPC): one message, no
    traceback, no file and no temporary left behind."""
    from pathlib import Path

    out = tmp_path / "out"
    out.mkdir()
    real_write_bytes = Path.write_bytes

    def full_disk(self, data):
        if out in self.parents:
            with open(self, "wb") as handle:  # the file is made, then the disk is full
                handle.write(data[:10])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    args = [part.format(out=out) for part in command]
    result = cli("--data", example_ledger, *args)
    monkeypatch.setattr(Path, "write_bytes", real_write_bytes)
    assert result.exit_code == 1
    assert "无法写入" in result.stderr and "磁盘空间不足" in result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert list(out.iterdir()) == []
