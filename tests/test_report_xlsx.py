"""`report --format xlsx`: the workbook read back with openpyxl."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from test_report_cli import RICH_PLAN, RICH_PROGRESS, write_ledger


@pytest.fixture
def workbook(tmp_path, cli):
    root = write_ledger(tmp_path / "rich", RICH_PLAN, RICH_PROGRESS)
    path = tmp_path / "2023年6月.xlsx"
    result = cli("--data", root, "report", "--month", "2023-06", "--detail", "--output", path)
    assert result.exit_code == 0, result.stderr
    assert str(path) in result.stdout
    return load_workbook(path)


def row_of(sheet, first_cell: str) -> int:
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value == first_cell:
            return row
    raise AssertionError(f"no row {first_cell}")


def test_sheets_and_title_block(workbook):
    assert workbook.sheetnames == ["进展情况", "滞后及未报送", "分县（市、区）"]
    sheet = workbook["进展情况"]
    assert sheet["A1"].value == "2023年市政府“重点民生实事”进展情况表"
    assert sheet["D2"].value == dt.datetime(2023, 6, 30) and "年" in sheet["D2"].number_format
    assert sheet["G2"].value == 0.5 and sheet["G2"].number_format == "0.0%"
    assert sheet["A3"].value.startswith("截至2023年6月底，2023年市政府4项“重点民生实事”中，超序时进度1项，序时推进2项")
    headers = [sheet.cell(row=5, column=c).value for c in range(1, 12)]
    assert headers == ["序号", "项目名称", "牵头单位", "年度目标", "本期完成", "累计完成", "完成率", "序时进度", "较上期", "状态", "备注"]


def test_numbers_are_numbers_and_percentages_percentages(workbook):
    sheet = workbook["进展情况"]
    project = row_of(sheet, 1)  # 序号 is a number
    values = [sheet.cell(row=project, column=c).value for c in range(4, 10)]
    assert values == [10000, 2200, 6200, 0.31, 0.25, 11]
    assert sheet.cell(row=project, column=4).number_format == '0"个"'
    assert sheet.cell(row=project, column=7).number_format == "0.0%"
    assert sheet.cell(row=project, column=9).number_format == "+0.0;-0.0;0.0"
    assert sheet.cell(row=project, column=11).value.startswith("首项：新增托位")
    target = row_of(sheet, "1.1")
    assert [sheet.cell(row=target, column=c).value for c in (2, 6, 7, 8)] == ["新增托位", 6200, 0.62, 0.5]
    markets = row_of(sheet, "3.1")
    assert sheet.cell(row=markets, column=6).value == 2 and sheet.cell(row=markets, column=4).value == 3
    assert "丙市场、丁市场" in sheet.cell(row=markets, column=11).value


def test_status_cells_coloured_and_category_rows(workbook):
    sheet = workbook["进展情况"]
    fills = {}
    for first in (1, 3, 4):
        cell = sheet.cell(row=row_of(sheet, first), column=10)
        fills[cell.value] = cell.fill.fgColor.rgb[-6:]
    assert fills == {"序时推进": "C6EFCE", "超序时进度": "C6EFCE", "未报送": "E4DFEC"}
    category = row_of(sheet, "一、托育服务")
    assert f"A{category}:K{category}" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.cell(row=category, column=1).font.bold


def test_print_setup_frozen_header_and_widths(workbook):
    sheet = workbook["进展情况"]
    assert sheet.print_title_rows == "$5:$5"
    assert sheet.freeze_panes == "C6"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["B"].width >= 2 * len("食品安全规范化")  # a Chinese character is two wide
    assert sheet.column_dimensions["A"].width < sheet.column_dimensions["B"].width


def test_county_sheet_and_lists(workbook):
    counties = workbook["分县（市、区）"]
    header = [counties.cell(row=4, column=c).value for c in range(1, 5)]
    assert header == ["排名", "县（市、区）", "2.新建城市书房（处）", "完成率"]
    first = row_of(counties, 1)
    assert [counties.cell(row=first, column=c).value for c in (2, 3, 4)] == ["任城区", 2, 1]
    assert counties.cell(row=first, column=3).number_format == '0"处"'
    lists = workbook["滞后及未报送"]
    texts = [lists.cell(row=r, column=1).value for r in range(1, lists.max_row + 1)]
    assert "未报送的项目（1项）" in texts and "1. 液化气钢瓶更换（市市场监管局）" in texts


def test_xlsx_needs_output_and_leaves_no_file_on_error(tmp_path, cli):
    root = write_ledger(tmp_path / "rich", RICH_PLAN, RICH_PROGRESS)
    result = cli("--data", root, "report", "--month", "2023-06", "-f", "xlsx")
    assert result.exit_code == 2 and "--output" in result.stderr
    path = tmp_path / "bad.xlsx"
    result = cli("--data", root, "report", "--month", "2022-06", "-o", path)
    assert result.exit_code == 1 and not path.exists()


def test_lagging_list_is_a_table_with_streaks_and_full_texts(tmp_path, cli, example_ledger):
    path = tmp_path / "r.xlsx"
    assert cli("--data", example_ledger, "report", "--month", "2023-06", "-o", path).exit_code == 0
    lists = load_workbook(path)["滞后及未报送"]
    header = row_of(lists, "序号")
    assert [lists.cell(row=header, column=c).value for c in range(1, 11)] == [
        "序号", "项目", "牵头单位", "状态", "完成率", "序时进度", "差距", "连续滞后月数", "存在问题", "下步打算"]
    first = header + 1
    assert lists.cell(row=first, column=1).value == 1
    completion, expected, gap, streak = (lists.cell(row=first, column=c) for c in (5, 6, 7, 8))
    assert completion.number_format == expected.number_format == "0.0%" and expected.value == 0.5
    assert isinstance(gap.value, float) and gap.value < 0
    assert isinstance(streak.value, int) and streak.value >= 1 and streak.number_format == '0"个月"'
    assert lists.cell(row=first, column=9).value and lists.cell(row=first, column=10).value
    assert lists.print_title_rows == f"${header}:${header}"


def test_every_cell_is_in_one_font_and_rows_have_heights(tmp_path, cli, example_ledger):
    path = tmp_path / "r.xlsx"
    assert cli("--data", example_ledger, "report", "--month", "2023-06", "-o", path).exit_code == 0
    book = load_workbook(path)
    fonts = {cell.font.name for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert fonts == {"宋体"}
    main = book["进展情况"]
    assert all(main.row_dimensions[r].height for r in range(1, main.max_row + 1) if main.cell(row=r, column=1).value is not None)
    assert "宋体" in main.oddFooter.center.font
