"""The report as an Excel workbook (`report --format xlsx --output FILE`), the way the office
sends its table on: a title block (plan title, as-of date, 序时进度), category rows, numbers as
numbers (units in the number format, so 6200 reads 6200个 and still sums), percentages as
percentages, status cells coloured, the header frozen, widths fitted to Chinese text, and an A4
landscape print setup that repeats the header row on every page.

Sheets: 进展情况 (the table), 滞后及未报送 (summary sentence and lists), and 分县（市、区） when a
shown project has targets recorded per county. openpyxl is imported here only.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Optional

from minsheng_cli.words import report as M
from minsheng_cli.reporting import report as R
from minsheng_cli.ledger.dates import cn_date
from minsheng_cli.reporting.schedule import round_half_up

HEADERS = R.HEADERS + [M.REP_REMARK]
HEADER_ROW = 5
STATUS_FILLS = {
    "completed": "C6EFCE", "ahead": "C6EFCE", "on_track": "C6EFCE",
    "lagging": "FFEB9C", "seriously_lagging": "FFC7CE", "overdue": "FFC7CE",
    "not_reported": "E4DFEC", "not_started": "F2F2F2",
}
SECTION_FILL = "D9E1F2"
HEADER_FILL = "BDD7EE"
PERCENT = "0.0%"
POINTS = '+0.0;-0.0;0.0'
MAX_WIDTH = {1: 34, 3: 26, 9: 30, 10: 36}  # 项目名称, 年度目标, 状态, 备注 wrap beyond this


def write_xlsx(report: R.Report, path: Path, by: str = "category", detail: bool = False, notes: bool = False) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = M.REP_SHEET_MAIN
    _main_sheet(sheet, report, "category" if by == "county" else by, detail, notes)
    _lists_sheet(book.create_sheet(M.REP_SHEET_LISTS), report)
    if any(t.target.by_county for line in report.projects for t in line.targets):
        counties = book.create_sheet(M.REP_SHEET_COUNTIES, 0 if by == "county" else None)
        _county_sheet(counties, report)
        if by == "county":
            book.active = 0
    _save(book, path)


def _save(book, path: Path) -> None:
    from minsheng_cli.rendering.output import save_whole

    save_whole(path, book.save)


# --- cells -------------------------------------------------------------------------------------
def _number(value) -> Optional[int | float]:
    """Exact Decimal/Fraction as the closest number Excel stores (integers stay integers)."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        value = round_half_up(value, 6)
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _unit_format(unit: str, value) -> str:
    digits = "0" if value is None or Decimal(value) == Decimal(value).to_integral_value() else "0.0##"
    return f'{digits}"{unit}"' if unit else digits


def _put(sheet, row: int, column: int, value, number_format: Optional[str] = None, **style):
    cell = sheet.cell(row=row, column=column, value=value)
    if number_format:
        cell.number_format = number_format
    for key, chosen in style.items():
        setattr(cell, key, chosen)
    return cell


def _fill(colour: str):
    from openpyxl.styles import PatternFill

    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def _border():
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="999999")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


# --- the main sheet ----------------------------------------------------------------------------
def _main_sheet(sheet, report: R.Report, by: str, detail: bool, notes: bool) -> None:
    from openpyxl.styles import Alignment, Font

    last = len(HEADERS)
    _title_block(sheet, report, last)
    border = _border()
    for column, header in enumerate(HEADERS, 1):
        _put(sheet, HEADER_ROW, column, header, font=Font(bold=True), fill=_fill(HEADER_FILL), border=border,
             alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
    row = _write_sections(sheet, HEADER_ROW + 1, R.sections(report, by, detail, notes), last,
                          lambda at, shown: _data_row(sheet, at, report, shown, border))
    _finish(sheet, report, last, row)


def _title_block(sheet, report: R.Report, last: int) -> None:
    from openpyxl.styles import Alignment, Font

    _put(sheet, 1, 1, R.title_text(report), font=Font(bold=True, size=16), alignment=Alignment(horizontal="center"))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    _put(sheet, 2, 1, report.period.label + (M.REP_CLIPPED.format(date=cn_date(report.as_of)) if report.period.clipped else ""))
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=2)
    _put(sheet, 2, 3, "截至日期", font=Font(bold=True), alignment=Alignment(horizontal="right"))
    _put(sheet, 2, 4, report.as_of, 'yyyy"年"m"月"d"日"', alignment=Alignment(horizontal="left"))
    _put(sheet, 2, 6, "序时进度", font=Font(bold=True), alignment=Alignment(horizontal="right"))
    _put(sheet, 2, 7, _number(report.time_share), PERCENT, alignment=Alignment(horizontal="left"))
    _put(sheet, 3, 1, R.summary_sentence(report), alignment=Alignment(wrap_text=True, vertical="top"))
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=last)
    sheet.row_dimensions[3].height = 48


def _data_row(sheet, row: int, report: R.Report, shown: R.Row, border) -> None:
    from openpyxl.styles import Alignment, Font

    wrap = Alignment(wrap_text=True, vertical="center")
    if shown.level == "notes":
        _put(sheet, row, 2, shown.cells[1], alignment=Alignment(wrap_text=True, vertical="top"), font=Font(color="595959"))
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(HEADERS))
        sheet.row_dimensions[row].height = 15 * max(1, shown.cells[1].count("\n") + 1)
        return
    if shown.level == "project":
        line: R.ProjectLine = shown.line
        figures = line.principal
        completion, expected, change = line.now.completion, line.now.expected, line.delta_points
        number = str(line.project.id)
        name, lead = line.project.name, "、".join(line.project.lead)
        remark = _remark(line.now.flags, [])
        if line.counted_count > 1:
            remark = "；".join(filter(None, [M.REP_XLSX_PRINCIPAL.format(name=figures.target.name, count=line.counted_count), remark]))
    else:
        figures = shown.line
        state = figures.now
        completion, expected = state.completion, state.expected
        change = R.points(state.completion - (figures.before.completion or 0)) if state.completion is not None else None
        number, name, lead = shown.cells[0], shown.cells[1], ""
        remark = _remark(state.flags, state.missing_items if figures.target.kind == "checklist" and not state.finished else [],
                         state.missing_counties)
    values = [number, name, lead] + _figure_cells(figures, shown)
    values += [
        (_number(completion), PERCENT), (_number(expected), PERCENT), (_number(change), POINTS),
        (R.status_word(shown.status, report.after_plan), None),
        (remark or None, None),
    ]
    for column, value in enumerate(values, 1):
        content, number_format = value if isinstance(value, tuple) else (value, None)
        cell = _put(sheet, row, column, content, number_format, border=border, alignment=wrap)
        if shown.level == "target" and column == 2:
            cell.alignment = Alignment(wrap_text=True, vertical="center", indent=1)
    status_cell = sheet.cell(row=row, column=10)
    if shown.status in STATUS_FILLS:
        status_cell.fill = _fill(STATUS_FILLS[shown.status])
    if shown.level == "project":
        sheet.cell(row=row, column=2).font = Font(bold=True)


def _figure_cells(line: R.TargetLine, shown: R.Row) -> list:
    """年度目标, 本期完成, 累计完成: numbers with the unit in the number format where numeric."""
    target = line.target
    if target.kind in ("milestone", "continuing"):
        return [R.figure_text(target, line.now), R.delta_text(line), R.actual_text(line)]
    unit = R.unit_of(target)
    figure = line.now.terms.figure
    cells = [(_number(figure), _unit_format(unit, figure))]
    if not line.now.reported:
        return cells + ["—", "—"]
    delta, actual = line.delta, line.now.actual
    return cells + [(_number(delta), _unit_format(unit, delta)), (_number(actual), _unit_format(unit, actual))]


def _remark(flags: list[str], missing_items: list[str], missing_counties: list[str] = ()) -> str:
    parts = R.flag_words(flags)
    if missing_items:
        parts.append(M.REP_MISSING_ITEMS.format(items="、".join(missing_items)).strip("（）"))
    if missing_counties:
        parts.append(M.REP_MISSING_COUNTIES.format(counties="、".join(missing_counties)).strip("（）"))
    return "；".join(parts)


def _write_sections(sheet, row: int, sections, last: int, write_row) -> int:
    """Each section's title as a merged, shaded row, then its rows; returns the next free row."""
    from openpyxl.styles import Font

    for section in sections:
        if section.title:
            _put(sheet, row, 1, section.title, font=Font(bold=True), fill=_fill(SECTION_FILL))
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
            row += 1
        for shown in section.rows:
            write_row(row, shown)
            row += 1
    return row


def _finish(sheet, report: R.Report, last: int, next_row: int) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    _put(sheet, next_row + 1, 1, M.REP_FOOTNOTE, alignment=Alignment(wrap_text=True, vertical="top"))
    sheet.merge_cells(start_row=next_row + 1, start_column=1, end_row=next_row + 1, end_column=last)
    sheet.row_dimensions[next_row + 1].height = 45
    _fit_widths(sheet, HEADER_ROW, next_row - 1, last)
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{get_column_letter(last)}{next_row + 1}"
    _a4_landscape(sheet)


def _a4_landscape(sheet) -> None:
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def display_width(text: str) -> int:
    from wcwidth import wcswidth

    widest = 0
    for part in str(text).split("\n"):
        width = wcswidth(part)
        widest = max(widest, width if width >= 0 else len(part) * 2)
    return widest


def _fit_widths(sheet, first_row: int, last_row: int, columns: int) -> None:
    """Column widths in Excel's units (one per Latin character; a Chinese character takes two)."""
    from openpyxl.utils import get_column_letter

    for column in range(1, columns + 1):
        widest = 4
        for row in range(first_row, last_row + 1):
            cell = sheet.cell(row=row, column=column)
            if cell.value is None or cell.coordinate in sheet.merged_cells:
                continue
            shown = cell.value
            if isinstance(shown, (int, float)) and cell.number_format and '"' in cell.number_format:
                shown = f"{shown}{cell.number_format.split(chr(34))[1]}"
            widest = max(widest, display_width(shown if not isinstance(shown, float) or "%" not in cell.number_format else "100.0%"))
        limit = MAX_WIDTH.get(column - 1, 24)
        sheet.column_dimensions[get_column_letter(column)].width = min(widest, limit) + 2


# --- the other sheets ----------------------------------------------------------------------------
def _lists_sheet(sheet, report: R.Report) -> None:
    from openpyxl.styles import Alignment, Font

    row = 1
    _put(sheet, row, 1, R.title_text(report), font=Font(bold=True, size=14))
    row += 1
    _put(sheet, row, 1, R.subtitle_text(report))
    row += 2
    _put(sheet, row, 1, R.summary_sentence(report), alignment=Alignment(wrap_text=True, vertical="top"))
    sheet.row_dimensions[row].height = 48
    row += 2
    for heading, entries in R.text_blocks(report):
        _put(sheet, row, 1, heading, font=Font(bold=True))
        row += 1
        for entry in entries:
            _put(sheet, row, 1, entry, alignment=Alignment(wrap_text=True, vertical="top"))
            row += 1
        row += 1
    sheet.column_dimensions["A"].width = 120
    _a4_landscape(sheet)


def _county_sheet(sheet, report: R.Report) -> None:
    from openpyxl.styles import Alignment, Font

    table = R.county_table(report)
    last = len(table.headers)
    _put(sheet, 1, 1, R.title_text(report) + "（" + M.REP_SHEET_COUNTIES + "）", font=Font(bold=True, size=14))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    _put(sheet, 2, 1, R.subtitle_text(report))
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    border = _border()
    header_row = 4
    for column, header in enumerate(table.headers, 1):
        _put(sheet, header_row, column, header, font=Font(bold=True), fill=_fill(HEADER_FILL), border=border,
             alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
    sheet.row_dimensions[header_row].height = 48
    _write_sections(sheet, header_row + 1, table.sections, last,
                    lambda at, shown: _county_row(sheet, at, shown, table, border))
    for column in range(1, last + 1):
        from openpyxl.utils import get_column_letter

        sheet.column_dimensions[get_column_letter(column)].width = 20 if column == 2 else (6 if column == 1 else 14)
    sheet.freeze_panes = f"C{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    _a4_landscape(sheet)


def _county_row(sheet, row: int, shown: R.Row, table: R.CountyTable, border) -> None:
    name = shown.cells[1]
    rank = int(shown.cells[0]) if shown.cells[0].isdigit() else None
    _put(sheet, row, 1, rank, border=border)
    _put(sheet, row, 2, name, border=border)
    for offset, (line, target_line) in enumerate(table.targets):
        unit = R.unit_of(target_line.target)
        if shown.level == "total":
            actual = target_line.now.actual if target_line.now.reported else None
        else:
            county = next((c for c in (target_line.now.counties or []) if c.name == name), None)
            actual = county.actual if county is not None else None
            if county is None:
                _put(sheet, row, 3 + offset, None, border=border)
                continue
        _put(sheet, row, 3 + offset, _number(actual) if actual is not None else "—", _unit_format(unit, actual) if actual is not None else None, border=border)
    _put(sheet, row, len(table.headers), _number(shown.completion), PERCENT, border=border)
