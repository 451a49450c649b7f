"""The Excel sheet a lead unit fills in (`minsheng template`), and how `import` recognises it.

A template is made for one lead unit and one month; its rows (`template_rows.py`) are pre-filled
with what the unit must not change — project, target, kind, unit, annual target and the last
cumulative value before the month — and this module lays them out with five open cells: 本期累计,
日期 (pre-set to the month's end), 进展情况, 存在问题, 下步打算; 填报人, 联系电话 and 审核人（分管负责人）
once at the top of the main sheet. Everything else is locked by sheet protection without a
password, so the office can still unlock it. City-wide targets are on the main sheet 「全市」;
targets recorded per county (`by_county`) on ONE sheet 「分县填报」, a block of rows per target with
the counties as rows. Hidden columns hold the project number, target id, checklist item and county
of every row, and a very hidden sheet holds the format, plan document, unit and month, so
`importer.py` reads a filled template without guessing (by the column titles: templates made by
earlier versions, with one sheet per county, still import).

It prints as it is: A4 landscape fitted to the page width (about 100% in LibreOffice, 90% in
Excel: the 11 pt text prints at 9.5 pt or more),
borders on every cell of the table, wrapped text with fitted row heights, the header row
repeated and the page number in the footer (`rendering/sheet_layout.py`).

openpyxl is imported inside the functions that build the workbook (start-up time matters).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Optional

from minsheng_cli.words import exchange as M, vocab as vocab_words, workbook as B
from minsheng_cli.ledger.dates import cn_date
from minsheng_cli.ledger.model import Plan, Record
from minsheng_cli.exchange.template_rows import (  # noqa: F401 - the template command and tests read some from here
    COUNTY_SHEET, MAIN_SHEET, Period, TemplateRow, annual_figure, choices, lead_units, parse_period, resolve_unit,
    row_label, template_filename, template_sheets,
)

FORMAT_NAME = "minsheng-template"
FORMAT_VERSION = 1
META_SHEET = "_minsheng"

# Column layout of the main sheet: (key, header, width). Keys are what importer.py reads (by the
# header's title, so the county sheet can show its columns in another order).
COLUMN_WIDTHS = {
    "project": 5, "project_name": 16, "target_name": 22, "kind": 6, "unit": 5, "annual": 9,
    "last_value": 9, "last_date": 12, "value": 9, "date": 12, "note": 21, "problem": 17,
    "next": 17, "target_id": 4, "item": 4, "county": 4,
}
COLUMNS = [(key, M.IMP_COLUMN_TITLES[key], width) for key, width in COLUMN_WIDTHS.items()]
# The county sheet: the county is the fourth column, the kind (one per block) hidden.
COUNTY_ORDER = ("project", "project_name", "target_name", "county", "unit", "annual", "last_value", "last_date",
                "value", "date", "note", "problem", "next", "target_id", "item", "kind")
COUNTY_COLUMNS = [(key, M.IMP_COLUMN_TITLES[key], 13 if key == "county" else COLUMN_WIDTHS[key]) for key in COUNTY_ORDER]
OPEN_KEYS = ("value", "date", "note", "problem", "next")
# What `import` reads from a template row: record field → column key.
IMPORT_FIELDS = {
    "project": "project", "target": "target_id", "value": "value", "date": "date", "county": "county",
    "note": "note", "problem": "problem", "next": "next",
}
HIDDEN_KEYS = ("target_id", "item", "county")
COUNTY_HIDDEN_KEYS = ("target_id", "item", "kind")
MERGED_KEYS = ("project_name", "target_name")  # on the county sheet, once per block of county rows
WRAPPED_KEYS = ("project_name", "target_name", "county", "kind", "unit", "note", "problem", "next", "last_value", "annual")
HEADER_FIRST = M.IMP_COLUMN_TITLES["project"]  # importer finds the header row by this cell in column A
BY_LABEL = M.IMP_BY_LABEL
# The signature row of the main sheet: (label, label's first and last column, value's first and
# last column), in main-sheet column numbers. 填报人 is read back by its label in column A.
SIGN_CELLS = ((B.SIGN_FIELDS[0], 1, 2, 3, 3), (B.SIGN_FIELDS[1], 4, 6, 7, 8), (B.SIGN_FIELDS[2], 9, 10, 11, 13))
OPEN_FILL = "FFF2CC"  # light yellow: cells the unit fills in
HEADER_FILL = "D9E1F2"
FONT_SIZE = 11  # at the ~90% the page fits, 10 pt on paper
TITLE_SIZE = 14
LIST_LIMIT = 255  # Excel's limit for a literal list in data validation


# --- the workbook --------------------------------------------------------------------------------
def build_workbook(plan: Plan, records: Iterable[Record], unit: str, period: Period, date: Optional[dt.date] = None):
    """The openpyxl Workbook for one unit and month. `date` pre-fills 日期 (default: month's end)."""
    from openpyxl import Workbook

    preset = date or period.end
    sheets = template_sheets(plan, list(records), unit, period, date)
    book = Workbook()
    lists = _ListSheet(book)
    for number, (name, rows) in enumerate(sheets.items()):
        sheet = book.active if number == 0 else book.create_sheet()
        sheet.title = name
        main = name == MAIN_SHEET
        intro = _intro_lines(plan, unit, period, name, COUNTY_SHEET in sheets)
        _fill_sheet(sheet, plan, rows, intro, preset, lists, COLUMNS if main else COUNTY_COLUMNS, with_sign=main)
    _write_meta(lists.sheet, plan, unit, period, preset, list(sheets))
    book.move_sheet(lists.sheet, offset=len(book.sheetnames) - 1 - book.index(lists.sheet))
    book.active = 0
    return book


def write_template(plan: Plan, records: Iterable[Record], unit: str, period: Period, path: Path, date: Optional[dt.date] = None) -> Path:
    """Build and save the template; the file appears whole (written beside it, then renamed)."""
    from minsheng_cli.files import save_workbook

    book = build_workbook(plan, records, unit, period, date)
    save_workbook(path, book)
    return Path(path)


def _intro_lines(plan: Plan, unit: str, period: Period, sheet_name: str, has_county_sheet: bool) -> list[str]:
    head = M.IMP_TITLE.format(title=plan.title, unit=unit, year=period.year, month=period.month)
    basis = M.IMP_BASIS.format(document=plan.document, start=cn_date(period.start), end=cn_date(period.end))
    if sheet_name != MAIN_SHEET:
        head += M.IMP_COUNTY_SUFFIX.format(county=sheet_name)
        points = list(M.IMP_COUNTY_INSTRUCTIONS)
    else:
        points = list(M.IMP_INSTRUCTIONS) + ([M.IMP_INSTRUCTION_COUNTIES] if has_county_sheet else []) + [M.IMP_INSTRUCTION_SEND]
    return [head, basis, M.IMP_INSTRUCTIONS_HEAD] + [f"{n}. {text}" for n, text in enumerate(points, start=1)]


def _fill_sheet(sheet, plan: Plan, rows: list[TemplateRow], intro: list[str], preset: dt.date, lists,
                columns: list[tuple[str, str, int]], with_sign: bool) -> None:
    from openpyxl.styles import PatternFill, Protection
    from openpyxl.utils import get_column_letter

    from minsheng_cli.rendering.sheet_layout import fit_heights, font, thin_border, wrap

    hidden = HIDDEN_KEYS if columns is COLUMNS else COUNTY_HIDDEN_KEYS
    visible = [key for key, _header, _width in columns if key not in hidden]
    last_visible = len(visible)  # hidden columns come last
    for number, (key, _header, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
        sheet.column_dimensions[get_column_letter(number)].hidden = key in hidden
    open_style = dict(fill=PatternFill("solid", fgColor=OPEN_FILL), protection=Protection(locked=False))
    row_no = 1
    for index, text in enumerate(intro):
        cell = sheet.cell(row=row_no, column=1, value=text)
        cell.alignment = wrap()
        cell.font = font(TITLE_SIZE, bold=True) if index == 0 else font(FONT_SIZE)
        sheet.merge_cells(start_row=row_no, start_column=1, end_row=row_no, end_column=last_visible)
        row_no += 1
    if with_sign:
        _sign_row(sheet, row_no, open_style)
        row_no += 1
    row_no += 1
    header_row = row_no
    border = thin_border()
    for col, (_key, header, _width) in enumerate(columns, start=1):
        cell = sheet.cell(row=header_row, column=col, value=header)
        cell.font, cell.border = font(FONT_SIZE, bold=True), border
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = wrap(horizontal="center")
    validations = _Validations(sheet, plan, lists)
    layout = _Layout(columns, border, open_style)
    for offset, row in enumerate(rows, start=1):
        _fill_row(sheet, header_row + offset, row, preset, layout, validations)
    validations.attach()
    last_row = header_row + len(rows)
    blocks = _merge_blocks(sheet, rows, header_row + 1, layout) if columns is COUNTY_COLUMNS else []
    fit_heights(sheet, 1, header_row)
    fit_heights(sheet, header_row + 1, last_row, growing=True)  # the unit's text may need more
    _fit_blocks(sheet, blocks, layout)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=4)
    _print_setup(sheet, header_row, last_visible, last_row)
    _protect(sheet)


class _Layout:
    """Where each key's column is on a sheet, and the styles its cells take."""

    def __init__(self, columns, border, open_style):
        self.columns, self.border, self.open_style = columns, border, open_style
        self.index = {key: number for number, (key, _header, _width) in enumerate(columns, start=1)}
        self.widths = {key: width for key, _header, width in columns}


def _sign_row(sheet, row_no: int, open_style: dict) -> None:
    """填报人 / 联系电话 / 审核人（分管负责人）: each label, then its open, bordered cell."""
    from minsheng_cli.rendering.sheet_layout import font, thin_border, wrap

    border = thin_border()
    for label, first, last, value_first, value_last in SIGN_CELLS:
        cell = sheet.cell(row=row_no, column=first, value=label)
        cell.font, cell.alignment = font(FONT_SIZE, bold=True), wrap(horizontal="right")
        if last > first:
            sheet.merge_cells(start_row=row_no, start_column=first, end_row=row_no, end_column=last)
        for column in range(value_first, value_last + 1):
            value = sheet.cell(row=row_no, column=column)
            value.fill, value.protection, value.border = open_style["fill"], open_style["protection"], border
            value.font, value.alignment = font(FONT_SIZE), wrap()
        if value_last > value_first:
            sheet.merge_cells(start_row=row_no, start_column=value_first, end_row=row_no, end_column=value_last)


def _fill_row(sheet, row_no: int, row: TemplateRow, preset: dt.date, layout: _Layout, validations) -> None:
    from minsheng_cli.rendering.sheet_layout import font

    values = {
        "project": row.project.id,
        "project_name": row.project.name,
        "target_name": row_label(row),
        "kind": vocab_words.KIND[row.target.kind],
        "unit": row.target.unit or "",
        "annual": annual_figure(row),
        "last_value": row.last_value,
        "last_date": row.last_date,
        "date": preset,
        "target_id": row.target.id,
        "item": row.item,
        "county": row.county,
    }
    for key, col in layout.index.items():
        cell = sheet.cell(row=row_no, column=col, value=values.get(key))
        cell.font, cell.border = font(FONT_SIZE), layout.border
        if key in ("date", "last_date"):
            cell.number_format = "yyyy-mm-dd"
        cell.alignment = _alignment(key)
        if key in OPEN_KEYS:
            cell.fill, cell.protection = layout.open_style["fill"], layout.open_style["protection"]
    validations.add(row, _cell_ref(layout, "value", row_no), _cell_ref(layout, "date", row_no))


def _alignment(key: str):
    """Text wraps; numbers and dates stay on one line (their columns are wide enough)."""
    from openpyxl.styles import Alignment

    return Alignment(wrap_text=key in WRAPPED_KEYS, vertical="center", horizontal="center" if key == "project" else None)


def _cell_ref(layout: _Layout, key: str, row_no: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(layout.index[key])}{row_no}"


def _merge_blocks(sheet, rows: list[TemplateRow], first_row: int, layout: _Layout) -> list[tuple[int, int]]:
    """On the county sheet, a target's 项目名称 and 指标 once for its block of county rows (merged
    down the block; the project number stays on every row, import reads it there). Returns the
    blocks merged, as (first row, last row)."""
    blocks, start = [], 0
    for end in range(1, len(rows) + 1):
        if end < len(rows) and (rows[end].project.id, rows[end].target.id) == (rows[start].project.id, rows[start].target.id):
            continue
        if end - start > 1:
            blocks.append((first_row + start, first_row + end - 1))
            for key in MERGED_KEYS:
                column = layout.index[key]
                sheet.merge_cells(start_row=first_row + start, start_column=column, end_row=first_row + end - 1, end_column=column)
        start = end
    return blocks


def _fit_blocks(sheet, blocks: list[tuple[int, int]], layout: _Layout) -> None:
    """A block's rows together as tall as its merged names need (the last row takes what is missing)."""
    from minsheng_cli.rendering.sheet_layout import LINE_EM, ROW_PADDING, growing_row, line_count

    for first, last in blocks:
        needed = max(line_count(str(sheet.cell(row=first, column=layout.index[key]).value), layout.widths[key], FONT_SIZE)
                     for key in MERGED_KEYS) * FONT_SIZE * LINE_EM + ROW_PADDING
        heights = [sheet.row_dimensions[row].height or FONT_SIZE * LINE_EM + ROW_PADDING for row in range(first, last + 1)]
        if sum(heights) < needed:
            sheet.row_dimensions[last] = growing_row(sheet, last, round(heights[-1] + needed - sum(heights), 1))


def _print_setup(sheet, header_row: int, last_visible: int, last_row: int) -> None:
    from openpyxl.utils import get_column_letter

    from minsheng_cli.rendering.sheet_layout import a4_landscape

    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_area = f"A1:{get_column_letter(last_visible)}{max(last_row, header_row)}"
    a4_landscape(sheet, B.PAGE_FOOTER)


def _protect(sheet) -> None:
    """Locked cells stay locked; no password, so the office can unprotect (审阅 → 撤销工作表保护)."""
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False  # widening a column is harmless and often needed
    protection.formatRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False


def column_index(key: str, columns: Optional[list] = None) -> int:
    """The column number of `key` on the main sheet (or on the sheet laid out by `columns`)."""
    for index, (name, _header, _width) in enumerate(columns or COLUMNS, start=1):
        if name == key:
            return index
    raise KeyError(key)


class _ListSheet:
    """The very hidden sheet: metadata at the top left, long choice lists in columns D, E, …"""

    def __init__(self, book):
        self.sheet = book.create_sheet(META_SHEET)
        self.sheet.sheet_state = "veryHidden"
        self.next_column = 4
        self.known: dict[tuple, str] = {}

    def range_for(self, values: list[str]) -> str:
        from openpyxl.utils import get_column_letter, quote_sheetname

        key = tuple(values)
        if key not in self.known:
            letter = get_column_letter(self.next_column)
            for row, value in enumerate(values, start=1):
                self.sheet.cell(row=row, column=self.next_column, value=value)
            self.next_column += 1
            self.known[key] = f"{quote_sheetname(META_SHEET)}!${letter}$1:${letter}${len(values)}"
        return self.known[key]


class _Validations:
    """Data validation rules of one sheet, shared across cells (one rule per distinct choice)."""

    def __init__(self, sheet, plan: Plan, lists: _ListSheet):
        from openpyxl.worksheet.datavalidation import DataValidation

        self.sheet, self.lists = sheet, lists
        self.number = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                     showErrorMessage=True, errorTitle=M.IMP_DV_TITLE, error=M.IMP_DV_NUMBER,
                                     showInputMessage=True, promptTitle=M.IMP_FIELD_NAMES["value"], prompt=M.IMP_DV_NUMBER_PROMPT)
        start, end = plan.start, plan.end
        self.date = DataValidation(type="date", operator="between", allow_blank=True,
                                   formula1=f"DATE({start.year},{start.month},{start.day})",
                                   formula2=f"DATE({end.year},{end.month},{end.day})",
                                   showErrorMessage=True, errorTitle=M.IMP_DV_TITLE,
                                   error=M.IMP_DV_DATE.format(start=start, end=end))
        self.by_choice: dict[tuple, object] = {}

    def add(self, row: TemplateRow, value_ref: str, date_ref: str) -> None:
        self.date.add(date_ref)
        options = choices(row)
        if options is None:
            self.number.add(value_ref)
            return
        key = tuple(options)
        if key not in self.by_choice:
            self.by_choice[key] = self._list_rule(options)
        self.by_choice[key].add(value_ref)

    def _list_rule(self, options: list[str]):
        from openpyxl.worksheet.datavalidation import DataValidation

        literal = ",".join(options)
        fits = len(literal) + 2 <= LIST_LIMIT and not any('"' in option or "," in option for option in options)
        formula = f'"{literal}"' if fits else self.lists.range_for(options)
        return DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                              errorTitle=M.IMP_DV_TITLE, error=M.IMP_DV_LIST)

    def attach(self) -> None:
        for rule in (self.number, self.date, *self.by_choice.values()):
            if rule.sqref:
                self.sheet.add_data_validation(rule)


def _write_meta(sheet, plan: Plan, unit: str, period: Period, preset: dt.date, sheet_names: list[str]) -> None:
    entries = [
        ("format", FORMAT_NAME),
        ("version", FORMAT_VERSION),
        ("document", plan.document),
        ("title", plan.title),
        ("year", plan.year),
        ("unit", unit),
        ("month", period.label),
        ("date", preset.isoformat()),
        ("sheets", "|".join(sheet_names)),
    ]
    for row, (key, value) in enumerate(entries, start=1):
        sheet.cell(row=row, column=1, value=key)
        sheet.cell(row=row, column=2, value=value)


def read_meta(book) -> Optional[dict[str, str]]:
    """The metadata of a workbook made by `template`, or None for any other workbook."""
    if META_SHEET not in book.sheetnames:
        return None
    meta: dict[str, str] = {}
    for key, value in book[META_SHEET].iter_rows(min_col=1, max_col=2, max_row=40, values_only=True):
        if key is None:
            break
        meta[str(key)] = "" if value is None else str(value)
    return meta if meta.get("format") == FORMAT_NAME else None
