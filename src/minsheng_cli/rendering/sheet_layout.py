"""How a worksheet prints, shared by the xlsx report and the template a unit fills: the one font,
wrapped cells, row heights that fit wrapped text, and the A4 landscape page with its footer.

Excel and LibreOffice do not fit a row to wrapped text when they open a file (and openpyxl cannot
measure text), so heights are estimated here from each text's display width (a CJK character is
two columns) against its column's width, line by line — sized for Excel with 宋体, which fits
less on a line than LibreOffice does, so the rows have room in both. openpyxl is imported inside
the functions (start-up time matters).
"""

from __future__ import annotations

import math

from minsheng_cli.words import workbook as B

FONT_SIZE = 10
FOOTER_SIZE = 9
CHARACTER_UNITS = 1.0  # Excel width units per display column at FONT_SIZE (宋体 10 pt in Excel: about 0.95)
CELL_PADDING = 1.5  # width units lost to a cell's margins
LINE_EM = 1.35  # line pitch of 宋体 in Excel, in em
ROW_PADDING = 3  # points above and below the text
DEFAULT_WIDTH = 8.43  # a column without a width of its own


def font(size: float = FONT_SIZE, **style):
    from openpyxl.styles import Font

    return Font(name=B.FONT, size=size, **style)


def wrap(vertical: str = "center", **more):
    from openpyxl.styles import Alignment

    return Alignment(wrap_text=True, vertical=vertical, **more)


def thin_border():
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="808080")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def display_width(text: str) -> int:
    """The widest line of `text` in display columns (a CJK character is two)."""
    from wcwidth import wcswidth

    widest = 0
    for part in str(text).split("\n"):
        width = wcswidth(part)
        widest = max(widest, width if width >= 0 else len(part) * 2)
    return widest


def units(columns: float, size: float = FONT_SIZE) -> float:
    """Excel width units that `columns` display columns of text take at `size` points."""
    return columns * CHARACTER_UNITS * size / FONT_SIZE


def line_count(text: str, width_units: float, size: float = FONT_SIZE) -> int:
    """How many lines `text` takes wrapped in a cell `width_units` wide (each of its lines apart)."""
    from wcwidth import wcswidth

    per_line = max((width_units - CELL_PADDING) / units(1, size), 1)
    total = 0
    for part in str(text).split("\n"):
        width = wcswidth(part)
        total += max(1, math.ceil((width if width >= 0 else len(part) * 2) / per_line))
    return total


def shown_text(cell) -> str:
    """What a cell shows, near enough to measure it: a number with its unit, a share as 100.0%,
    a date in its longest form."""
    value, number_format = cell.value, cell.number_format or ""
    if isinstance(value, (int, float)) and "%" in number_format:
        return "100.0%"
    if isinstance(value, (int, float)) and '"' in number_format:
        return f"{value}{number_format.split(chr(34))[1]}"
    if hasattr(value, "year"):
        return "2000年12月31日" if "年" in number_format else "2000-12-31"
    return str(value)


def fit_heights(sheet, first_row: int, last_row: int, growing: bool = False) -> None:
    """Each row as tall as its tallest wrapped cell (a merged cell measured across its columns;
    a cell merged down several rows is left to the rows it spans). `growing`: the heights are
    where the rows start, not fixed — Excel and WPS grow such a row to fit what a unit types into
    it (a fixed height, which openpyxl writes for every height, would cut the text off)."""
    from openpyxl.utils import get_column_letter

    spans, tall = {}, set()
    for cells in sheet.merged_cells.ranges:
        width = sum(sheet.column_dimensions[get_column_letter(c)].width or DEFAULT_WIDTH
                    for c in range(cells.min_col, cells.max_col + 1))
        spans[(cells.min_row, cells.min_col)] = width
        if cells.max_row > cells.min_row:
            tall.add((cells.min_row, cells.min_col))
    for row in range(first_row, last_row + 1):
        tallest = 0.0
        for cell in sheet[row]:
            if cell.value is None or not hasattr(cell, "column_letter") or (row, cell.column) in tall:
                continue
            if sheet.column_dimensions[cell.column_letter].hidden:
                continue
            size = float(cell.font.sz or FONT_SIZE) if cell.font else FONT_SIZE
            width = spans.get((row, cell.column), sheet.column_dimensions[cell.column_letter].width or DEFAULT_WIDTH)
            lines = line_count(shown_text(cell), width, size) if cell.alignment.wrap_text else 1
            tallest = max(tallest, lines * size * LINE_EM + ROW_PADDING)
        if tallest and growing:
            sheet.row_dimensions[row] = growing_row(sheet, row, round(tallest, 1))
        elif tallest:
            sheet.row_dimensions[row].height = round(tallest, 1)


def growing_row(sheet, index: int, height: float):
    """A row with a height but without customHeight="1": Excel and WPS keep fitting it to its text."""
    from openpyxl.worksheet.dimensions import RowDimension

    class GrowingRow(RowDimension):
        @property
        def customHeight(self):
            return False

    return GrowingRow(sheet, index=index, ht=height)


def a4_landscape(sheet, footer: str) -> None:
    """A4 landscape, fitted to the page width only (as many pages down as it takes), the footer
    (e.g. 第 &P 页，共 &N 页) in the workbook's font well inside the bottom margin."""
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins  # inches
    margins.left = margins.right = 0.5
    margins.top, margins.bottom = 0.6, 0.8
    margins.header, margins.footer = 0.3, 0.35
    centre = sheet.oddFooter.center
    centre.text, centre.font, centre.size = footer, f"{B.FONT},Regular", FOOTER_SIZE
