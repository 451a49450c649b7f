"""`minsheng import A.xlsx B.xlsx …` or a folder (PRODUCT.md §6): one transaction over all files —
nothing written if any file has an error, every file's errors listed with its path; duplicates and
conflicts across files found as within one; a line per file; `--dry-run` over all; `--received`."""

from __future__ import annotations

import importlib.util
import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import REPO
from minsheng_cli.ledger.plan import load_plan
from minsheng_cli.ledger.progress_file import read_progress


def make_demo():
    """examples/make_demo.py: its `fill` fills a unit's sheet as the example ledger's story has it."""
    spec = importlib.util.spec_from_file_location("make_demo", REPO / "examples" / "make_demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def progress_state(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "progress").rglob("*")) if p.is_file()}


@pytest.fixture
def june_sheets(example_ledger, cli, tmp_path) -> Path:
    """The example ledger without June, and June's sheets — one per lead unit, from `template
    --all` — filled in as the units would (openpyxl)."""
    shutil.rmtree(example_ledger / "progress" / "2023-06")
    folder = tmp_path / "收到" / "2023-06"
    made = cli("--data", example_ledger, "template", "--all", "--month", "2023-06", "--output-dir", folder)
    assert made.exit_code == 0, made.stderr
    demo, plan = make_demo(), load_plan(example_ledger)
    for sheet in sorted(folder.glob("*.xlsx")):
        demo.fill(sheet, plan, 6, "王敏")
    return folder


def set_cell(path: Path, target_id: str, column: str, value) -> None:
    """Write `value` into the `column` cell (a header's text) of the first row of `target_id`."""
    from minsheng_cli.exchange import template as T

    book = load_workbook(path)
    for sheet in book.worksheets:
        if sheet.title == T.META_SHEET:
            continue
        header = next((r for r in range(1, 40) if sheet.cell(r, 1).value == T.HEADER_FIRST), None)
        if header is None:
            continue
        columns = {sheet.cell(header, c).value: c for c in range(1, sheet.max_column + 1)}
        id_column = T.column_index("target_id")
        for row in range(header + 1, sheet.max_row + 1):
            if sheet.cell(row, id_column).value == target_id:
                sheet.cell(row, columns[column]).value = value
                book.save(path)
                return
    raise AssertionError(f"no row for {target_id} in {path}")


def sheet_of(folder: Path, unit: str) -> Path:
    return folder / f"民生实事进度填报_2023-06_{unit}.xlsx"


def test_all_of_junes_sheets_in_one_command(example_ledger, june_sheets, cli):
    sheets = sorted(june_sheets.glob("*.xlsx"))
    assert len(sheets) == len(load_plan(example_ledger).lead_units) == 18
    result = cli("--data", example_ledger, "import", *sheets, "--received", "2023-07-04")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(sheets) + 1
    assert lines[0] == f"{sheets[0]}：4 条写入，0 条已有相同记录跳过"
    assert lines[-1].startswith("共 18 个文件：已写入 ") and "（30 个进度文件）" in lines[-1]
    june = [r for r in read_progress(example_ledger) if r.date.month == 6]
    assert len(june) == int(lines[-1].split("已写入 ")[1].split(" 条")[0])
    assert {r.received for r in june} == {__import__("datetime").date(2023, 7, 4)}
    status = json.loads(cli("--data", example_ledger, "status", "--month", "2023-06", "-f", "json").stdout)
    assert status["summary"]["on_time"] == status["summary"]["projects"] == 29
    again = cli("--data", example_ledger, "import", june_sheets)  # the folder: the same sheets again
    assert again.exit_code == 0 and "共 18 个文件：已写入 0 条记录，跳过" in again.stdout


def test_a_bad_file_writes_nothing_and_every_files_errors_are_listed(example_ledger, june_sheets, cli):
    health, education = sheet_of(june_sheets, "市卫生健康委"), sheet_of(june_sheets, "市教育局")
    set_cell(health, "new_places", "本期累计", "很多")
    set_cell(education, "classroom_lighting", "日期", "6月底")
    before = progress_state(example_ledger)
    result = cli("--data", example_ledger, "import", june_sheets)
    assert result.exit_code == 1
    assert progress_state(example_ledger) == before
    err = result.stderr
    assert "18 个文件中有 2 个有错误，未写入任何记录" in err and "Traceback" not in err
    assert err.index(f"{health}：") < err.index(f"{education}：")  # in the order the folder lists them (sorted)
    health_part = err[err.index(f"{health}："):err.index(f"{education}：")]
    assert "「全市」表第" in health_part and "「很多」" in health_part
    assert "「日期」" in err[err.index(f"{education}："):]
    assert result.stdout == ""


def test_an_unreadable_file_is_listed_with_the_others(example_ledger, june_sheets, cli, tmp_path):
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    before = progress_state(example_ledger)
    result = cli("--data", example_ledger, "import", sheet_of(june_sheets, "市民政局"), broken)
    assert result.exit_code == 1 and progress_state(example_ledger) == before
    assert "2 个文件中有 1 个有错误" in result.stderr and f"{broken}：" in result.stderr


def csv_file(path: Path, rows: str) -> Path:
    path.write_text("项目,指标,本期累计,日期\n" + rows, encoding="utf-8")
    return path


def test_a_conflict_across_files_is_found_as_within_one(example_ledger, cli, tmp_path):
    first = csv_file(tmp_path / "a.csv", "8,classroom_lighting,4700,2023-07-10\n")
    second = csv_file(tmp_path / "b.csv", "14,jobs,26500,2023-07-10\n8,classroom_lighting,4800,2023-07-10\n")
    before = progress_state(example_ledger)
    result = cli("--data", example_ledger, "import", first, second)
    assert result.exit_code == 1 and progress_state(example_ledger) == before
    assert f"{second}：" in result.stderr and "第3行" in result.stderr
    assert f"{first}：" in result.stderr.split(f"{second}：", 1)[1]  # names the other file's row
    assert "2 个文件中有 1 个有错误" in result.stderr


def test_a_duplicate_across_files_is_written_once(example_ledger, cli, tmp_path):
    first = csv_file(tmp_path / "a.csv", "8,classroom_lighting,4700,2023-07-10\n")
    second = csv_file(tmp_path / "b.csv", "8,classroom_lighting,4700,2023-07-10\n14,jobs,26500,2023-07-10\n")
    result = cli("--data", example_ledger, "import", first, second)
    assert result.exit_code == 0, result.stderr
    assert f"{second}：1 条写入，1 条已有相同记录跳过" in result.stdout
    july = [r for r in read_progress(example_ledger) if r.date.month == 7]
    assert len(july) == 2


def test_dry_run_over_all_files_writes_nothing(example_ledger, june_sheets, cli):
    before = progress_state(example_ledger)
    result = cli("--data", example_ledger, "import", june_sheets, "--dry-run", "--format", "plain")
    assert result.exit_code == 0, result.stderr
    assert progress_state(example_ledger) == before
    assert "试运行：" in result.stdout and "条将写入" in result.stdout
    assert "试导入（--dry-run）：共 18 个文件，将写入" in result.stdout.splitlines()[-1]
    data = json.loads(cli("--data", example_ledger, "import", june_sheets, "-n", "-f", "json").stdout)
    assert data["dry_run"] is True and len(data["sources"]) == 18
    assert data["written"] == 0 and sum(len(s["records"]) for s in data["sources"]) > 100
    assert data["sources"][0]["path"].endswith("市交通运输局.xlsx") and data["sources"][0]["records"][0]["received"]


def test_received_is_written_on_a_single_file_too(example_ledger, cli, tmp_path):
    sheet = csv_file(tmp_path / "a.csv", "8,classroom_lighting,4700,2023-07-10\n")
    assert cli("--data", example_ledger, "import", sheet, "--received", "2023-08-03").exit_code == 0
    text = (example_ledger / "progress" / "2023-07" / "08.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[-1].endswith("value: 4700, received: 2023-08-03}")
    future = cli("--data", example_ledger, "import", sheet, "--received", "2999-01-01")
    assert future.exit_code == 1 and "--received：2999-01-01 晚于今天" in future.stderr


def test_a_folder_without_sheets_and_stdin_among_files(example_ledger, cli, tmp_path):
    empty = tmp_path / "空"
    empty.mkdir()
    (empty / "说明.txt").write_text("x", encoding="utf-8")
    result = cli("--data", example_ledger, "import", empty)
    assert result.exit_code == 1 and "文件夹中没有 .xlsx 或 .csv 文件" in result.stderr
    sheet = csv_file(tmp_path / "a.csv", "8,classroom_lighting,4700,2023-07-10\n")
    mixed = cli("--data", example_ledger, "import", sheet, "-")
    assert mixed.exit_code == 1 and "只能单独导入" in mixed.stderr


def test_a_progress_bar_only_on_a_terminal(example_ledger, tmp_path):
    first = csv_file(tmp_path / "a.csv", "8,classroom_lighting,4700,2023-07-10\n")
    second = csv_file(tmp_path / "b.csv", "14,jobs,26500,2023-07-10\n")
    command = [sys.executable, "-m", "minsheng_cli", "--data", str(example_ledger), "import", str(first), str(second), "-n"]
    piped = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert piped.returncode == 0 and piped.stderr == ""
    leader, follower = pty.openpty()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=follower, cwd=REPO, env={**os.environ, "COLUMNS": "80"})
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    assert done.returncode == 0
    assert "导入".encode() in drawn and b"2/2" in drawn
    assert "共 2 个文件".encode() in done.stdout  # the summary stays on stdout
