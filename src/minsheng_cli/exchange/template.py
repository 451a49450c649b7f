"""The Excel sheet a lead unit fills in (`minsheng template`), and how `import` recognises it.

A template is made for one lead unit and one month; its rows (`template_rows.py`) are pre-filled
with what the unit must not change — project, target, kind, unit, annual target and the last
cumulative value before the month — and this module lays them out with five open cells: 本期累计, 日期 (pre-set to the
month's end), 进展情况, 存在问题, 下步打算; 填报人 once at the top of the main sheet. Everything
else is locked by sheet protection without a password, so the office can still unlock it.
Targets recorded per county (`by_county`) get one sheet per county; the city-wide targets are on
the main sheet 「全市」. Hidden columns hold the project number, target id, checklist item and
county of every row, and a very hidden sheet holds the format, plan document, unit and month,
so `importer.py` reads a filled template without guessing.

openpyxl is imported inside the functions that build the workbook (start-up time matters).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Optional

from minsheng_cli.words import exchange as M, vocab as vocab_words
from minsheng_cli.ledger.dates import cn_date
from minsheng_cli.ledger.model import Plan, Record
from minsheng_cli.exchange.template_rows import (  # noqa: F401 - the template command and tests read some from here
    MAIN_SHEET, Period, TemplateRow, annual_figure, choices, lead_units, parse_period, resolve_unit, row_label,
    template_filename, template_sheets,
)

FORMAT_NAME = "minsheng-template"
FORMAT_VERSION = 1
META_SHEET = "_minsheng"

# Column layout of every data sheet: (key, header, width). Keys are what importer.py reads.
COLUMN_WIDTHS = {
    "project": 8, "project_name": 26, "target_name": 34, "kind": 9, "unit": 7, "annual": 11,
    "last_value": 12, "last_date": 12, "value": 12, "date": 12, "note": 30, "problem": 24,
    "next": 24, "target_id": 4, "item": 4, "county": 4,
}
COLUMNS = [(key, M.IMP_COLUMN_TITLES[key], width) for key, width in COLUMN_WIDTHS.items()]
OPEN_KEYS = ("value", "date", "note", "problem", "next")
# What `import` reads from a template row: record field → column key.
IMPORT_FIELDS = {
    "project": "project", "target": "target_id", "value": "value", "date": "date", "county": "county",
    "note": "note", "problem": "problem", "next": "next",
}
HIDDEN_KEYS = ("target_id", "item", "county")
HEADER_FIRST = M.IMP_COLUMN_TITLES["project"]  # importer finds the header row by this cell in column A
BY_LABEL = M.IMP_BY_LABEL
OPEN_FILL = "FFF2CC"  # light yellow: cells the unit fills in
HEADER_FILL = "D9E1F2"
LIST_LIMIT = 255  # Excel's limit for a literal list in data validation


# --- the workbook --------------------------------------------------------------------------------
def build_workbook(plan: Plan, records: Iterable[Record], unit: str, period: Period, date: Optional[dt.date] = None):
    """The openpyxl Workbook for one unit and month. `date` pre-fills 日期 (default: month's end)."""
    from openpyxl import Workbook

    preset = date or period.end
    sheets = template_sheets(plan, list(records), unit, period, date)
    book = Workbook()
    lists = _ListSheet(book)
    first = True
    for name, rows in sheets.items():
        sheet = book.active if first else book.create_sheet()
        sheet.title = name
        intro = _intro_lines(plan, unit, period, name, len(sheets) > 1)
        _fill_sheet(sheet, plan, rows, intro, preset, lists, with_by=first)
        first = False
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


def _intro_lines(plan: Plan, unit: str, period: Period, sheet_name: str, has_county_sheets: bool) -> list[str]:
    head = M.IMP_TITLE.format(title=plan.title, unit=unit, year=period.year, month=period.month)
    basis = M.IMP_BASIS.format(document=plan.document, start=cn_date(period.start), end=cn_date(period.end))
    if sheet_name != MAIN_SHEET:
        head += M.IMP_COUNTY_SUFFIX.format(county=sheet_name)
        points = list(M.IMP_COUNTY_INSTRUCTIONS)
    else:
        points = list(M.IMP_INSTRUCTIONS) + ([M.IMP_INSTRUCTION_COUNTIES] if has_county_sheets else []) + [M.IMP_INSTRUCTION_SEND]
    return [head, basis, M.IMP_INSTRUCTIONS_HEAD] + [f"{n}. {text}" for n, text in enumerate(points, start=1)]


def _fill_sheet(sheet, plan: Plan, rows: list[TemplateRow], intro: list[str], preset: dt.date, lists, with_by: bool) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    width = len(COLUMNS)
    last_visible = get_column_letter(width - len(HIDDEN_KEYS))
    open_style = dict(fill=PatternFill("solid", fgColor=OPEN_FILL), protection=Protection(locked=False))
    row_no = 1
    visible_width = sum(width for key, _header, width in COLUMNS if key not in HIDDEN_KEYS)
    for index, text in enumerate(intro):
        cell = sheet.cell(row=row_no, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if index == 0:
            cell.font = Font(bold=True, size=14)
        else:
            sheet.row_dimensions[row_no].height = _height(_lines(text, visible_width))
        sheet.merge_cells(f"A{row_no}:{last_visible}{row_no}")
        row_no += 1
    if with_by:
        sheet.cell(row=row_no, column=1, value=BY_LABEL).font = Font(bold=True)
        by_cell = sheet.cell(row=row_no, column=2)
        by_cell.fill, by_cell.protection = open_style["fill"], open_style["protection"]
        row_no += 1
    row_no += 1
    header_row = row_no
    for col, (_key, header, col_width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=header_row, column=col, value=header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(col)].width = col_width
    for key in HIDDEN_KEYS:
        sheet.column_dimensions[_letter(key)].hidden = True
    validations = _Validations(sheet, plan, lists)
    for offset, row in enumerate(rows, start=1):
        _fill_row(sheet, header_row + offset, row, preset, open_style, validations)
    validations.attach()
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=4)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    _protect(sheet)


def _lines(text: str, width: int) -> int:
    """How many lines a wrapped cell of `width` characters needs (CJK characters count double).
    Excel does not fit row heights to wrapped text when it opens a file, so they are set here."""
    from wcwidth import wcswidth

    return max(1, -(-max(wcswidth(text), len(text)) // max(width - 1, 1)))


def _height(lines: int) -> float:
    return 15.0 * lines + 2


def _fill_row(sheet, row_no: int, row: TemplateRow, preset: dt.date, open_style: dict, validations) -> None:
    from openpyxl.styles import Alignment

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
    for col, (key, _header, _width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=row_no, column=col, value=values.get(key))
        if key in ("date", "last_date"):
            cell.number_format = "yyyy-mm-dd"
        if key in ("project_name", "target_name", "note", "problem", "next"):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if key in OPEN_KEYS:
            cell.fill, cell.protection = open_style["fill"], open_style["protection"]
    widths = {key: width for key, _header, width in COLUMNS}
    wrapped = max(_lines(str(values[key]), widths[key]) for key in ("project_name", "target_name"))
    if wrapped > 1:
        sheet.row_dimensions[row_no].height = _height(wrapped)
    validations.add(row, f"{_letter('value')}{row_no}", f"{_letter('date')}{row_no}")


def _protect(sheet) -> None:
    """Locked cells stay locked; no password, so the office can unprotect (审阅 → 撤销工作表保护)."""
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False  # widening a column is harmless and often needed
    protection.formatRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False


def _letter(key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column_index(key))


def column_index(key: str) -> int:
    for index, (name, _header, _width) in enumerate(COLUMNS, start=1):
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
