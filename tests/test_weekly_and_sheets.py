"""Weekly templates prefill the latest value before their date; a formula saved without its
result is an error naming the cell; an OpenDocument sheet says how to convert it."""

from __future__ import annotations

import datetime as dt
import subprocess

from openpyxl import Workbook, load_workbook

import tools
from minsheng_cli.exchange import template as T


def last_value(path, target_id: str):
    sheet = load_workbook(path)[T.MAIN_SHEET]
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row, T.column_index("target_id")).value == target_id:
            return sheet.cell(row, T.column_index("last_value")).value, sheet.cell(row, T.column_index("last_date")).value
    raise AssertionError(target_id)


def test_a_weekly_template_counts_this_months_earlier_weeks(example_ledger, cli, tmp_path):
    assert cli("--data", example_ledger, "update", "1", "new_places", "5600", "--date", "2023-07-07").exit_code == 0
    week = tmp_path / "week.xlsx"
    made = cli("--data", example_ledger, "template", "-u", "卫健委", "--month", "2023-07", "--date", "2023-07-14", "-o", week)
    assert made.exit_code == 0, made.output
    value, date = last_value(week, "new_places")
    assert value == 5600 and date.date() == dt.date(2023, 7, 7)
    month = tmp_path / "month.xlsx"
    assert cli("--data", example_ledger, "template", "-u", "卫健委", "--month", "2023-07", "-o", month).exit_code == 0
    assert last_value(month, "new_places")[0] == 5464  # a monthly sheet: where the month started


def formula_sheet(path):
    book = Workbook()
    sheet = book.active
    sheet.title = "数据"
    sheet.append(["project", "target", "value", "date"])
    sheet.append([1, "new_places", "=5000+600", "2023-07-03"])
    book.save(path)
    return path


def test_a_formula_without_its_result_names_the_cell(example_ledger, cli, tmp_path):
    result = cli("--data", example_ledger, "import", formula_sheet(tmp_path / "f.xlsx"), "--dry-run")
    assert result.exit_code == 1
    assert "数据!C2" in result.stderr and "=5000+600" in result.stderr and "保存" in result.stderr


def test_a_formula_saved_with_its_result_is_read(example_ledger, cli, tmp_path):
    tools.require("soffice")
    out = tmp_path / "saved"
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(formula_sheet(tmp_path / "f.xlsx"))],
                   check=True, capture_output=True, timeout=180)
    result = cli("--data", example_ledger, "import", out / "f.xlsx", "--dry-run", "-f", "plain")
    assert result.exit_code == 0, result.output
    assert "5600" in result.stdout


def test_an_ods_says_it_is_not_supported_and_how_to_convert(example_ledger, cli, tmp_path):
    by_name = tmp_path / "进度.ods"
    by_name.write_bytes(b"PK\x03\x04")
    result = cli("--data", example_ledger, "import", by_name)
    assert result.exit_code == 1 and "不支持 OpenDocument" in result.stderr and "另存为" in result.stderr
    assert "soffice --headless --convert-to xlsx" in result.stderr and "损坏" not in result.stderr


def test_an_ods_under_another_name_is_known_by_its_content(example_ledger, cli, tmp_path):
    import zipfile

    renamed = tmp_path / "进度.xlsx"
    with zipfile.ZipFile(renamed, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    result = cli("--data", example_ledger, "import", renamed)
    assert result.exit_code == 1 and "不支持 OpenDocument" in result.stderr
