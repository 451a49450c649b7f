"""Hostile sheets (issue 13): whatever a crafted or damaged xlsx holds, `import` refuses it or
reads it within bounded time and memory — one Chinese message, never an internal error."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO

LIMIT_BYTES = 1024 * 1024 * 1024  # the import must succeed or refuse under 1 GB of address space


def free_sheet(path: Path, rows: int = 3) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["项目", "指标", "本期累计", "日期"])
    for number in range(rows):
        sheet.append([2, "screening", 30000 + number, f"2023-07-{10 + number:02d}"])
    book.save(path)
    return path


def rewrite_part(path: Path, part: str, change) -> None:
    """Replace one part of the zip with change(its bytes)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def bounded_import(ledger: Path, sheet: Path) -> subprocess.CompletedProcess:
    """`import --dry-run` in its own process under a 1 GB address-space limit and a time limit."""
    limit = f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({LIMIT_BYTES}, {LIMIT_BYTES}))"
    code = f"{limit}\nimport sys\nfrom minsheng_cli.__main__ import main\nsys.argv = ['minsheng'] + sys.argv[1:]\nmain()"
    return subprocess.run([sys.executable, "-c", code, "--no-cache", "--data", str(ledger), "import", "--dry-run", str(sheet)],
                          capture_output=True, text=True, timeout=60, cwd=REPO)


needs_rlimit = pytest.mark.skipif(sys.platform == "win32", reason="address-space limits are POSIX (resource)")


@needs_rlimit
def test_a_huge_dimension_is_read_as_the_cells_it_has(example_ledger, tmp_path):
    sheet = free_sheet(tmp_path / "dimension.xlsx")
    rewrite_part(sheet, "xl/worksheets/sheet1.xml",
                 lambda xml: re.sub(rb"<dimension ref=\"[^\"]*\"/>", b'<dimension ref="A1:XFD1048576"/>', xml))
    result = bounded_import(example_ledger, sheet)
    assert result.returncode == 0, result.stderr
    assert "3" in result.stdout  # the three real rows


@needs_rlimit
def test_a_zip_bomb_is_refused_before_inflating(example_ledger, tmp_path):
    sheet = free_sheet(tmp_path / "bomb.xlsx")
    padding = b" " * (200 * 1024 * 1024)  # 200 MB of XML whitespace, ~200 KB compressed
    rewrite_part(sheet, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + padding, 1))
    assert sheet.stat().st_size < 2 * 1024 * 1024
    result = bounded_import(example_ledger, sheet)
    assert result.returncode == 1 and "解压后过大" in result.stderr, result.stderr[-400:]


@needs_rlimit
def test_a_giant_cell_is_refused(example_ledger, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["项目", "指标", "本期累计", "日期", "进展情况"])
    book.active.append([2, "screening", 30000, "2023-07-10", "进展" * 5_000_000])  # 10 M characters
    path = tmp_path / "cell.xlsx"
    book.save(path)
    result = bounded_import(example_ledger, path)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "内部错误" not in result.stderr, result.stderr[-400:]


def test_a_long_note_is_refused_with_its_row_and_column(example_ledger, cli, tmp_path):
    sheet = tmp_path / "note.csv"
    sheet.write_text("项目,指标,本期累计,日期,进展情况\n2,screening,30000,2023-07-10," + "进展" * 1500 + "\n", encoding="utf-8")
    result = cli("--data", example_ledger, "import", str(sheet))
    assert result.exit_code == 1 and "第2行「进展情况」" in result.stderr and "文字过长" in result.stderr
    long_note = cli("--data", example_ledger, "update", "2", "--note", "进展" * 1500, "--date", "2023-07-10")
    assert long_note.exit_code == 1 and "--note" in long_note.stderr and "文字过长" in long_note.stderr


def test_damaged_workbooks_are_one_message(example_ledger, cli, tmp_path):
    """Byte flips, truncation and mutated XML in a real template: import exits 0 or 1, and says
    what is wrong in Chinese — never an internal error."""
    original = tmp_path / "template.xlsx"
    assert cli("--data", example_ledger, "template", "--unit", "市卫生健康委", "--month", "2023-06", "-o", str(original)).exit_code == 0
    data = original.read_bytes()
    chance = random.Random(20231201)
    variants = []
    for _ in range(40):
        flipped = bytearray(data)
        for _ in range(chance.randint(1, 8)):
            flipped[chance.randrange(len(flipped))] = chance.randrange(256)
        variants.append(bytes(flipped))
    variants += [data[: len(data) * k // 10] for k in range(1, 10)]
    with zipfile.ZipFile(original) as archive:
        xml_parts = [name for name in archive.namelist() if name.endswith(".xml")]
    for number, part in enumerate(xml_parts):
        mutated = tmp_path / f"mutated{number}.xlsx"
        mutated.write_bytes(data)
        rewrite_part(mutated, part, lambda xml: xml.replace(b">", b">>", 3).replace(b'r="', b'r="Z', 2))
        variants.append(mutated.read_bytes())
    for number, variant in enumerate(variants):
        path = tmp_path / f"v{number}.xlsx"
        path.write_bytes(variant)
        result = cli("--data", example_ledger, "import", "--dry-run", str(path))
        assert result.exit_code in (0, 1), (number, result.output[-300:])
        assert "内部错误" not in result.stderr and "Traceback" not in result.stderr, (number, result.stderr[-300:])


def test_a_sheet_on_standard_input_imports_and_a_pipe_path_says_how(example_ledger, tmp_path):
    csv_text = "项目,指标,本期累计,日期\n2,screening,30000,2023-07-10\n"
    piped = subprocess.run([sys.executable, "-m", "minsheng_cli", "--data", str(example_ledger), "import", "-"],
                           input=csv_text.encode("utf-8"), capture_output=True, timeout=60, cwd=REPO)
    assert piped.returncode == 0, piped.stderr.decode()
    assert "30000" in (example_ledger / "progress" / "2023-07" / "02.yaml").read_text(encoding="utf-8")
    if hasattr(__import__("os"), "mkfifo"):
        import os

        fifo = tmp_path / "sheet.csv"
        os.mkfifo(fifo)
        result = subprocess.run([sys.executable, "-m", "minsheng_cli", "--data", str(example_ledger), "import", str(fifo)],
                                capture_output=True, text=True, timeout=60, cwd=REPO)
        assert result.returncode == 1 and "不是普通文件" in result.stderr and "import -" in result.stderr


def test_a_cell_over_128_kb_is_judged_as_text_not_as_a_broken_quote(example_ledger, cli, tmp_path):
    sheet = tmp_path / "long.csv"
    sheet.write_text('项目,指标,本期累计,日期,进展情况\n2,screening,30000,2023-07-10,"' + "长" * 140_000 + '"\n', encoding="utf-8")
    result = cli("--data", example_ledger, "import", str(sheet))
    assert result.exit_code == 1 and "文字过长" in result.stderr and "引号" not in result.stderr, result.stderr[-300:]
