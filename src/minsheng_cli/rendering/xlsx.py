"""A report's workbook view as an Excel file (`report --format xlsx --output FILE`), the way the
office sends its table on: a title block (plan title, as-of date, 序时进度), category rows, numbers
as numbers (units in the number format, so 6200 reads 6200个 and still sums), percentages as
percentages, status cells coloured, the header frozen, widths fitted to Chinese text, and an A4
landscape print setup that repeats the header row on every page.

Sheets: 进展情况 (the table), 滞后及未报送 (summary sentence and lists), and 分县（市、区） when a
shown project has targets recorded per county. Cells come typed from the view; this module only
places and styles them. openpyxl is imported here only.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Optional

from minsheng_cli.reporting.cells import Cell, Number, Ordinal, Points, Row, Share, Status, Table, WorkbookView
from minsheng_cli.words import report as M

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
MAX_WIDTH = {"name": 34, "figure": 26, "status": 30, "remark": 36}  # these columns wrap beyond this
WIDTH = 24  # every other column of the main sheet
COUNTY_WIDTHS = {"rank": 6, "county": 20}  # the county sheet; its figures 14


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


def _headers(sheet, row: int, table: Table, border) -> None:
    from openpyxl.styles import Alignment, Font

    for column, header in enumerate(table.headers, 1):
        _put(sheet, row, column, header, font=Font(bold=True), fill=_fill(HEADER_FILL), border=border,
             alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))


def _write_sections(sheet, row: int, table: Table, write_row) -> int:
    """Each section's title as a merged, shaded row, then its rows; returns the next free row."""
    from openpyxl.styles import Font

    last = len(table.columns)
    for section in table.sections:
        if section.title:
            _put(sheet, row, 1, section.title, font=Font(bold=True), fill=_fill(SECTION_FILL))
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
            row += 1
        for shown in section.rows:
            write_row(row, shown)
            row += 1
    return row


# --- the main sheet ----------------------------------------------------------------------------
def _main_sheet(sheet, view: WorkbookView) -> None:
    table, border = view.table, _border()
    last = len(table.columns)
    _title_block(sheet, view, last)
    _headers(sheet, HEADER_ROW, table, border)
    row = _write_sections(sheet, HEADER_ROW + 1, table, lambda at, shown: _data_row(sheet, at, shown, table, border))
    _finish(sheet, view, table, row)


def _title_block(sheet, view: WorkbookView, last: int) -> None:
    from openpyxl.styles import Alignment, Font

    _put(sheet, 1, 1, view.title, font=Font(bold=True, size=16), alignment=Alignment(horizontal="center"))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    _put(sheet, 2, 1, view.period)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=2)
    _put(sheet, 2, 3, M.REP_XLSX_AS_OF, font=Font(bold=True), alignment=Alignment(horizontal="right"))
    _put(sheet, 2, 4, view.as_of, M.REP_XLSX_DATE_FORMAT, alignment=Alignment(horizontal="left"))
    _put(sheet, 2, 6, M.REP_XLSX_TIME_SHARE, font=Font(bold=True), alignment=Alignment(horizontal="right"))
    _put(sheet, 2, 7, *_content(view.time_share), alignment=Alignment(horizontal="left"))
    _put(sheet, 3, 1, view.summary, alignment=Alignment(wrap_text=True, vertical="top"))
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=last)
    sheet.row_dimensions[3].height = 48


def _data_row(sheet, row: int, shown: Row, table: Table, border) -> None:
    from openpyxl.styles import Alignment, Font

    if shown.kind == "notes":
        _put(sheet, row, 2, shown.note, alignment=Alignment(wrap_text=True, vertical="top"), font=Font(color=NOTES_COLOUR))
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(table.columns))
        sheet.row_dimensions[row].height = 15 * max(1, shown.note.count("\n") + 1)
        return
    wrap = Alignment(wrap_text=True, vertical="center")
    name_column = table.index("name") + 1
    for column, cell in enumerate(shown.cells, 1):
        placed = _put(sheet, row, column, *_content(cell), border=border, alignment=wrap)
        if shown.kind == "target" and column == name_column:
            placed.alignment = Alignment(wrap_text=True, vertical="center", indent=1)
    if shown.status in STATUS_FILLS:
        sheet.cell(row=row, column=table.index("status") + 1).fill = _fill(STATUS_FILLS[shown.status])
    if shown.kind == "project":
        sheet.cell(row=row, column=name_column).font = Font(bold=True)


def _finish(sheet, view: WorkbookView, table: Table, next_row: int) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    last = len(table.columns)
    _put(sheet, next_row + 1, 1, view.footnote, alignment=Alignment(wrap_text=True, vertical="top"))
    sheet.merge_cells(start_row=next_row + 1, start_column=1, end_row=next_row + 1, end_column=last)
    sheet.row_dimensions[next_row + 1].height = 45
    _fit_widths(sheet, HEADER_ROW, next_row - 1, table)
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
    sheet.oddFooter.center.text = M.REP_XLSX_FOOTER


def display_width(text: str) -> int:
    from wcwidth import wcswidth

    widest = 0
    for part in str(text).split("\n"):
        width = wcswidth(part)
        widest = max(widest, width if width >= 0 else len(part) * 2)
    return widest


def _fit_widths(sheet, first_row: int, last_row: int, table: Table) -> None:
    """Column widths in Excel's units (one per Latin character; a Chinese character takes two)."""
    from openpyxl.utils import get_column_letter

    for column, key in enumerate((c.key for c in table.columns), 1):
        widest = 4
        for row in range(first_row, last_row + 1):
            cell = sheet.cell(row=row, column=column)
            if cell.value is None or cell.coordinate in sheet.merged_cells:
                continue
            shown = cell.value
            if isinstance(shown, (int, float)) and cell.number_format and '"' in cell.number_format:
                shown = f"{shown}{cell.number_format.split(chr(34))[1]}"
            widest = max(widest, display_width(shown if not isinstance(shown, float) or "%" not in cell.number_format else "100.0%"))
        sheet.column_dimensions[get_column_letter(column)].width = min(widest, MAX_WIDTH.get(key, WIDTH)) + 2


# --- the other sheets ----------------------------------------------------------------------------
def _lists_sheet(sheet, view: WorkbookView) -> None:
    from openpyxl.styles import Alignment, Font

    row = 1
    _put(sheet, row, 1, view.title, font=Font(bold=True, size=14))
    row += 1
    _put(sheet, row, 1, view.subtitle)
    row += 2
    _put(sheet, row, 1, view.summary, alignment=Alignment(wrap_text=True, vertical="top"))
    sheet.row_dimensions[row].height = 48
    row += 2
    for heading, entries in view.blocks:
        _put(sheet, row, 1, heading, font=Font(bold=True))
        row += 1
        for entry in entries:
            _put(sheet, row, 1, entry, alignment=Alignment(wrap_text=True, vertical="top"))
            row += 1
        row += 1
    sheet.column_dimensions["A"].width = 120
    _a4_landscape(sheet)


def _county_sheet(sheet, view: WorkbookView, table: Table) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    last = len(table.columns)
    _put(sheet, 1, 1, view.counties_title, font=Font(bold=True, size=14))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    _put(sheet, 2, 1, view.subtitle)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    border = _border()
    header_row = 4
    _headers(sheet, header_row, table, border)
    sheet.row_dimensions[header_row].height = 48
    _write_sections(sheet, header_row + 1, table, lambda at, shown: _county_row(sheet, at, shown, border))
    for column, key in enumerate((c.key for c in table.columns), 1):
        sheet.column_dimensions[get_column_letter(column)].width = COUNTY_WIDTHS.get(key, 14)
    sheet.freeze_panes = f"C{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    _a4_landscape(sheet)


def _county_row(sheet, row: int, shown: Row, border) -> None:
    for column, cell in enumerate(shown.cells, 1):
        _put(sheet, row, column, *_content(cell, missing=M.REP_NONE), border=border)


# --- the stamp ---------------------------------------------------------------------------------------
STAMP_COLOUR = "C00000"


def stamp_first_sheet(book, text: str) -> None:
    """A row above everything on the first sheet, merged across its columns, in bold red. The
    sheet is built first and moved down one row, with what openpyxl does not move itself: merged
    cells, row heights, the frozen panes and the print titles and area."""
    from openpyxl.styles import Alignment, Font
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
    _put(sheet, 1, 1, text, font=Font(bold=True, color=STAMP_COLOUR), alignment=Alignment(wrap_text=True, vertical="center"))
    if last > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    sheet.row_dimensions[1].height = 30
