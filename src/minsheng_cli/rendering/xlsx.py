"""A report's workbook view as an Excel file (`report --format xlsx --output FILE`), the way the
office sends its table on and prints it as it is: a title block (plan title, as-of date, 序时进度),
category rows, numbers as numbers (units in the number format, so 6200 reads 6200个 and still
sums), percentages as percentages, status cells coloured, the header frozen, one font (宋体)
throughout, text wrapped with row heights that fit it, and an A4 landscape print setup fitted to
the page width that repeats the header row on every page, with the page number in the footer.

Sheets: 进展情况 (the table), 滞后及未报送 (the summary sentence, the lagging list as a table with
连续滞后月数, 存在问题 and 下步打算 in full, then the 未报送 and 未按时报送 lists), and 分县（市、区）
when a shown project has targets recorded per county. Cells come typed from the view; this module
only places and styles them and sizes rows (Excel and LibreOffice do not fit a row to wrapped
text when they open a file). openpyxl is imported here only.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Optional

from minsheng_cli.reporting.cells import Cell, Number, Ordinal, Points, Row, Share, Status, Table, WorkbookView
from minsheng_cli.rendering.sheet_layout import (
    a4_landscape, display_width, fit_heights, font as _font, shown_text, thin_border as _border, units, wrap as _wrap,
)
from minsheng_cli.words import report as M, workbook as B

HEADER_ROW = 5
STATUS_FILLS = {
    "completed": "C6EFCE", "ahead": "C6EFCE", "on_track": "C6EFCE",
    "lagging": "FFEB9C", "seriously_lagging": "FFC7CE", "overdue": "FFC7CE",
    "not_reported": "E4DFEC", "not_started": "F2F2F2",
}
SECTION_FILL = "D9E1F2"
HEADER_FILL = "BDD7EE"
NOTES_COLOUR = "595959"
PERCENT = "0.0%"
POINTS = '+0.0;-0.0;0.0'
TITLE_SIZE = 16
# Column widths in Excel's units (about one Latin character; a Chinese character takes two).
# Text wraps within them; a number never wraps, so a numeric column widens to its widest figure.
MAIN_WIDTHS = {"number": 6, "name": 26, "lead": 14, "figure": 14, "delta": 12, "actual": 14, "completion": 9,
               "expected": 9, "change": 8, "status": 12, "remark": 26}
LAG_WIDTHS = {"number": 5, "name": 20, "lead": 12, "status": 10, "completion": 8, "expected": 8, "gap": 7,
              "streak": 8, "problem": 36, "next": 36}
COUNTY_WIDTHS = {"rank": 6, "county": 20}  # the county sheet; its figures 14
FIGURE_WIDTH = 14


def write_xlsx(view: WorkbookView, path: Path, stamp: Optional[str] = None) -> None:
    """`stamp`: a line the document must carry above everything else (the ledger's errors, when a
    report was forced out with them), as a row at the top of the first sheet."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = M.REP_SHEET_MAIN
    _main_sheet(sheet, view)
    _lists_sheet(book.create_sheet(M.REP_SHEET_LISTS), view)
    if view.counties is not None:
        _county_sheet(book.create_sheet(M.REP_SHEET_COUNTIES, 0 if view.counties_first else None), view, view.counties)
        if view.counties_first:
            book.active = 0
    if stamp:
        stamp_first_sheet(book, stamp)
    _save(book, path)


def _save(book, path: Path) -> None:
    from minsheng_cli.files import save_workbook

    save_workbook(path, book)


# --- cells -------------------------------------------------------------------------------------
def _excel(value: Optional[Decimal]) -> Optional[int | float]:
    """An exact number as the number Excel stores (integers stay integers)."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _unit_format(unit: str, value) -> str:
    digits = "0" if value is None or Decimal(value) == Decimal(value).to_integral_value() else "0.0##"
    return f'{digits}"{unit}"' if unit else digits


def _content(cell: Cell, missing: Optional[str] = None) -> tuple[object, Optional[str]]:
    """A view cell as (value, number format). A number without a value is an empty cell in the
    number's format, or the `missing` text (the county sheet's —)."""
    if isinstance(cell, Number):
        if cell.value is None and missing is not None:
            return missing, None
        return _excel(cell.value), _unit_format(cell.unit, cell.value)
    if isinstance(cell, Share):
        return _excel(cell.stored), PERCENT
    if isinstance(cell, Points):
        return _excel(cell.value), POINTS
    if isinstance(cell, Status):
        return cell.word, None
    if isinstance(cell, Ordinal):
        return cell.value, None
    return cell.text or None, None


def _put(sheet, row: int, column: int, value, number_format: Optional[str] = None, **style):
    """A cell in the workbook's one font (a `font` given keeps it, with its size and weight)."""
    cell = sheet.cell(row=row, column=column, value=value)
    if number_format:
        cell.number_format = number_format
    style.setdefault("font", _font())
    for key, chosen in style.items():
        setattr(cell, key, chosen)
    return cell


def _fill(colour: str):
    from openpyxl.styles import PatternFill

    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def _headers(sheet, row: int, table: Table, border) -> None:
    for column, header in enumerate(table.headers, 1):
        _put(sheet, row, column, header, font=_font(bold=True), fill=_fill(HEADER_FILL), border=border,
             alignment=_wrap(horizontal="center"))


def _merged_line(sheet, row: int, text: str, last: int, **style) -> None:
    """A line of text across the table's columns, wrapped (its height is set by `_fit_heights`)."""
    style.setdefault("alignment", _wrap("top"))
    _put(sheet, row, 1, text, **style)
    if last > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)


def _write_sections(sheet, row: int, table: Table, write_row) -> int:
    """Each section's title as a merged, shaded row, then its rows; returns the next free row."""
    last = len(table.columns)
    for section in table.sections:
        if section.title:
            _put(sheet, row, 1, section.title, font=_font(bold=True), fill=_fill(SECTION_FILL), alignment=_wrap())
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
            row += 1
        for shown in section.rows:
            write_row(row, shown)
            row += 1
    return row


def _data_cells(sheet, row: int, shown: Row, table: Table, border) -> None:
    """A row's typed cells, bordered and wrapped, its status cell coloured."""
    for column, cell in enumerate(shown.cells, 1):
        across = "center" if isinstance(cell, Ordinal) else "right" if table.columns[column - 1].numeric else None
        _put(sheet, row, column, *_content(cell), border=border, alignment=_wrap(horizontal=across))
    status = table.find("status")
    if shown.status in STATUS_FILLS and status is not None:
        sheet.cell(row=row, column=status + 1).fill = _fill(STATUS_FILLS[shown.status])


# --- the main sheet ----------------------------------------------------------------------------
def _main_sheet(sheet, view: WorkbookView) -> None:
    table, border = view.table, _border()
    last = len(table.columns)
    _set_widths(sheet, [c.key for c in table.columns], MAIN_WIDTHS)
    _title_block(sheet, view, last)
    _headers(sheet, HEADER_ROW, table, border)
    row = _write_sections(sheet, HEADER_ROW + 1, table, lambda at, shown: _data_row(sheet, at, shown, table, border))
    _merged_line(sheet, row + 1, view.footnote, last)
    _widen_for_figures(sheet, table, HEADER_ROW + 1, row - 1)
    fit_heights(sheet, 1, row + 1)
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"
    _print_setup(sheet, HEADER_ROW, last, row + 1)


def _title_block(sheet, view: WorkbookView, last: int) -> None:
    from openpyxl.styles import Alignment

    _merged_line(sheet, 1, view.title, last, font=_font(TITLE_SIZE, bold=True), alignment=_wrap(horizontal="center"))
    _put(sheet, 2, 1, view.period, alignment=_wrap())
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=2)
    _put(sheet, 2, 3, M.REP_XLSX_AS_OF, font=_font(bold=True), alignment=Alignment(horizontal="right", vertical="center"))
    # the date spans two columns, so that its long format is never shown as ###
    _put(sheet, 2, 4, view.as_of, M.REP_XLSX_DATE_FORMAT, alignment=Alignment(horizontal="left", vertical="center"))
    sheet.merge_cells(start_row=2, start_column=4, end_row=2, end_column=5)
    _put(sheet, 2, 6, M.REP_XLSX_TIME_SHARE, font=_font(bold=True), alignment=Alignment(horizontal="right", vertical="center"))
    _put(sheet, 2, 7, *_content(view.time_share), alignment=Alignment(horizontal="left", vertical="center"))
    _merged_line(sheet, 3, view.summary, last)


def _data_row(sheet, row: int, shown: Row, table: Table, border) -> None:
    if shown.kind == "notes":
        _put(sheet, row, 2, shown.note, alignment=_wrap("top"), font=_font(color=NOTES_COLOUR))
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(table.columns))
        return
    _data_cells(sheet, row, shown, table, border)
    name_column = table.index("name") + 1
    if shown.kind == "target":  # 1.2: centred under the projects' numbers, the name indented
        sheet.cell(row=row, column=1).alignment = _wrap(horizontal="center")
        sheet.cell(row=row, column=name_column).alignment = _wrap(indent=1)
    if shown.kind == "project":
        sheet.cell(row=row, column=name_column).font = _font(bold=True)


# --- page and sizes ------------------------------------------------------------------------------
def _print_setup(sheet, header_row: int, last_column: int, last_row: int) -> None:
    from openpyxl.utils import get_column_letter

    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_area = f"A1:{get_column_letter(last_column)}{last_row}"
    a4_landscape(sheet, M.REP_XLSX_FOOTER)


def _set_widths(sheet, keys, widths: dict[str, float], default: float = FIGURE_WIDTH) -> None:
    from openpyxl.utils import get_column_letter

    for column, key in enumerate(keys, 1):
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(key, default)


def _widen_for_figures(sheet, table: Table, first_row: int, last_row: int) -> None:
    """A number does not wrap (a narrow column shows ###): numeric columns widen to their widest."""
    from openpyxl.utils import get_column_letter

    for column in range(1, len(table.columns) + 1):
        dimension = sheet.column_dimensions[get_column_letter(column)]
        for row in range(first_row, last_row + 1):
            cell = sheet.cell(row=row, column=column)
            if isinstance(cell.value, (int, float)) and cell.coordinate not in sheet.merged_cells:
                dimension.width = max(dimension.width, units(display_width(shown_text(cell))) + 2.5)


# --- the other sheets ----------------------------------------------------------------------------
def _lists_sheet(sheet, view: WorkbookView) -> None:
    """The summary sentence, the lagging list as a table, then the 未报送 and 未按时报送 lists."""
    last = len(B.LAG_COLUMNS)
    border = _border()
    _set_widths(sheet, B.LAG_COLUMNS, LAG_WIDTHS)
    _merged_line(sheet, 1, view.title, last, font=_font(14, bold=True))
    _merged_line(sheet, 2, view.subtitle, last)
    _merged_line(sheet, 3, view.summary, last)
    _merged_line(sheet, 5, view.lag_heading, last, font=_font(bold=True))
    row, header_row = 6, None
    if view.lag_table is not None:
        header_row = row
        _headers(sheet, row, view.lag_table, border)
        row = _write_sections(sheet, row + 1, view.lag_table,
                              lambda at, shown: _data_cells(sheet, at, shown, view.lag_table, border))
    _merged_line(sheet, row, view.lag_note, last, font=_font(color=NOTES_COLOUR))
    row += 2
    for heading, entries in view.blocks:
        _merged_line(sheet, row, heading, last, font=_font(bold=True))
        row += 1
        for entry in entries:
            _merged_line(sheet, row, entry, last)
            row += 1
        row += 1
    if view.lag_table is not None:
        _widen_for_figures(sheet, view.lag_table, header_row + 1, header_row + len(view.lag_table.sections[0].rows))
    fit_heights(sheet, 1, row)
    if header_row is not None:
        sheet.freeze_panes = f"A{header_row + 1}"
    _print_setup(sheet, header_row or 1, last, max(row - 1, 1))


def _county_sheet(sheet, view: WorkbookView, table: Table) -> None:
    last = len(table.columns)
    _set_widths(sheet, [c.key for c in table.columns], COUNTY_WIDTHS)
    _merged_line(sheet, 1, view.counties_title, last, font=_font(14, bold=True))
    _merged_line(sheet, 2, view.subtitle, last)
    border = _border()
    header_row = 4
    _headers(sheet, header_row, table, border)
    row = _write_sections(sheet, header_row + 1, table, lambda at, shown: _county_row(sheet, at, shown, table, border))
    _widen_for_figures(sheet, table, header_row + 1, row - 1)
    fit_heights(sheet, 1, row - 1)
    sheet.freeze_panes = f"C{header_row + 1}"
    _print_setup(sheet, header_row, last, row - 1)


def _county_row(sheet, row: int, shown: Row, table: Table, border) -> None:
    for column, cell in enumerate(shown.cells, 1):
        numeric = table.columns[column - 1].numeric
        _put(sheet, row, column, *_content(cell, missing=M.REP_NONE), border=border,
             alignment=_wrap(horizontal="right" if numeric else None))


# --- the stamp ---------------------------------------------------------------------------------------
STAMP_COLOUR = "C00000"


def stamp_first_sheet(book, text: str) -> None:
    """A row above everything on the first sheet, merged across its columns, in bold red. The
    sheet is built first and moved down one row, with what openpyxl does not move itself: merged
    cells, row heights, the frozen panes and the print titles and area."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter, range_boundaries

    sheet = book.worksheets[0]
    merged = [str(cells) for cells in sheet.merged_cells.ranges]
    for cells in merged:
        sheet.unmerge_cells(cells)
    heights = {row: size.height for row, size in sheet.row_dimensions.items() if size.height is not None}
    sheet.insert_rows(1)
    for row in sorted(heights, reverse=True):
        sheet.row_dimensions[row + 1].height = heights[row]
        sheet.row_dimensions[row].height = None
    for cells in merged:
        low_column, low_row, high_column, high_row = range_boundaries(cells)
        sheet.merge_cells(start_row=low_row + 1, start_column=low_column, end_row=high_row + 1, end_column=high_column)
    if sheet.freeze_panes:
        column, row = range_boundaries(sheet.freeze_panes)[:2]
        sheet.freeze_panes = f"{get_column_letter(column)}{row + 1}"
    if sheet.print_title_rows:  # "$5:$5"
        first, last = (int(part) for part in sheet.print_title_rows.replace("$", "").split(":"))
        sheet.print_title_rows = f"{first + 1}:{last + 1}"
    if sheet.print_area:  # "'进展情况'!$A$1:$J$40"
        low_column, low_row, high_column, high_row = range_boundaries(sheet.print_area.split("!")[-1].replace("$", ""))
        sheet.print_area = f"{get_column_letter(low_column)}{low_row}:{get_column_letter(high_column)}{high_row + 1}"
    last = max(sheet.max_column, 1)
    _put(sheet, 1, 1, text, font=_font(bold=True, color=STAMP_COLOUR), alignment=Alignment(wrap_text=True, vertical="center"))
    if last > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    sheet.row_dimensions[1].height = 30
