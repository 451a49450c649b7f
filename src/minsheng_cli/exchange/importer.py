"""`minsheng import`: a filled template, or any CSV/XLSX, into progress records — all or nothing.

Reading and validating are separate steps:
1. `read_source(path)` turns the file into candidate rows, each knowing where it is (sheet, the
   row number the user sees) and which column each field came from. Blank rows are dropped.
2. `validate(plan, existing, source, today)` turns every candidate into a Record through
   `recording.prepare`, checking each against the records already kept PLUS the earlier rows of
   the same file (so a count cannot go down between two rows either). Rows identical to what is
   recorded are skipped and counted. Every bad row is collected; if there is any, nothing is
   written and `ImportRejected` carries all of them as `第N行「列名」：原因`.
3. `import_file` does both and appends the records with `store.append_records` (atomic, locked).

CSV files may be UTF-8, UTF-8 with BOM or GBK (what Chinese Excel/WPS writes): UTF-8 is tried
first, then GB18030 (a superset of GBK); `encoding` forces one.
"""

from __future__ import annotations

import dataclasses

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional

from minsheng_cli.words import exchange as M, commands as commands_words, ledger as ledger_words, vocab as vocab_words
from minsheng_cli.exchange import template as T
from minsheng_cli.errors import ImportRejected, InputError, UsageError
from minsheng_cli.ledger.model import Plan, Record
from minsheng_cli.errors import os_error_text

FIELDS = ("project", "target", "value", "date", "county", "note", "problem", "next", "by")
NARRATIVE_FIELDS = ("note", "problem", "next")
# Header spellings accepted in a free-form file (compared after `_header_key`).
HEADER_ALIASES = {
    "project": ("project", "项目", "项目序号", "项目名称"),
    "target": ("target", "指标", "指标名称", "指标代码"),
    "value": ("value", "本期累计", "数值", "累计完成", "累计", "完成值"),
    "date": ("date", "日期", "统计日期", "截至日期"),
    "county": ("county", "县（市、区）", "县市区", "县区", "县"),
    "note": ("note", "进展情况", "工作进展"),
    "problem": ("problem", "存在问题"),
    "next": ("next", "下步打算", "下一步打算", "下步工作"),
    "by": ("by", "填报人"),
}
HEADER_SCAN_ROWS = 20  # a title block may sit above the header row
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class Candidate:
    """One non-blank row of the file: raw cell values by field, and where it came from."""

    row: int
    sheet: Optional[str]
    cells: dict[str, Any]
    columns: dict[str, str]  # field → the column name as the user sees it
    item: Optional[str] = None  # a template's checklist item row

    @property
    def where(self) -> str:
        if self.sheet is None:
            return M.IMP_WHERE_ROW.format(row=self.row)
        return M.IMP_WHERE_SHEET_ROW.format(sheet=self.sheet, row=self.row)

    def column(self, name: str) -> str:
        return self.columns.get(name) or M.IMP_FIELD_NAMES[name]

    def error(self, name: str, reason: str) -> str:
        return M.IMP_ROW_ERROR.format(where=self.where, column=self.column(name), reason=reason)


@dataclass
class Source:
    path: Path
    kind: str  # template | csv | xlsx
    candidates: list[Candidate] = field(default_factory=list)
    blank: int = 0
    meta: Optional[dict] = None


@dataclass
class Outcome:
    """What an import writes: new records (with the rows they came from) and what it skipped."""

    source: Source
    records: list[Record] = field(default_factory=list)
    rows: list[Candidate] = field(default_factory=list)
    same: int = 0
    written_files: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return self.same


# --- reading ---------------------------------------------------------------------------------------
def read_source(path: Path, encoding: Optional[str] = None) -> Source:
    from minsheng_cli.ledger.yamlio import MAX_FILE_BYTES

    path = Path(path)
    if not path.is_file():
        raise InputError(M.IMP_FILE_MISSING.format(path=path))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(ledger_words.FILE_TOO_LARGE.format(path=path, size=size, limit=MAX_FILE_BYTES))
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise InputError(M.IMP_XLS.format(path=path))
    if suffix in XLSX_SUFFIXES or (suffix not in (".csv", ".txt", ".tsv") and _looks_like_zip(path)):
        return read_workbook(path)
    return read_csv(path, encoding)


def _looks_like_zip(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def decode_csv(data: bytes, path: Path, encoding: Optional[str]) -> str:
    """UTF-8 (with or without BOM), else GB18030 — unless an encoding is forced."""
    import codecs

    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError(M.IMP_BAD_ENCODING_NAME.format(value=encoding)) from None
        try:
            return data.decode(encoding).lstrip("\ufeff")
        except UnicodeDecodeError:
            raise InputError(M.IMP_ENCODING_FAILED.format(path=path, encoding=encoding)) from None
    for candidate in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    raise InputError(M.IMP_ENCODING.format(path=path))


def read_csv(path: Path, encoding: Optional[str] = None) -> Source:
    import csv
    import io

    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(commands_words.FILE_UNREADABLE.format(path=path, error=os_error_text(err))) from None
    text = decode_csv(data, path, encoding)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        rows = list(reader)
    except csv.Error:
        raise InputError(M.IMP_BAD_CSV_ROW.format(path=path, line=reader.line_num)) from None
    source = Source(path, "csv")
    _read_table(source, rows, sheet=None)
    return source


def read_workbook(path: Path) -> Source:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise InputError(M.IMP_NOT_XLSX_FILE.format(path=path)) from None
    try:
        meta = T.read_meta(book)
        if meta is not None:
            return read_template(path, book, meta)
        source = Source(path, "xlsx")
        sheets = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
        found = False
        for sheet in sheets:
            rows = [list(row) for row in sheet.iter_rows(values_only=True)]
            found |= _read_table(source, rows, sheet=sheet.title if len(sheets) > 1 else None, required=False)
        if not found:
            raise InputError(_no_header_message(path))
        return source
    finally:
        book.close()


def _read_table(source: Source, rows: list[list], sheet: Optional[str], required: bool = True) -> bool:
    """Candidates from a free-form table whose header row is among the first rows."""
    located = _find_header(rows, source.path)
    if located is None:
        if required:
            raise InputError(_no_header_message(source.path))
        return False
    header_index, positions, names = located
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        cells = {name: _cell(row, position) for name, position in positions.items()}
        if _is_blank(cells):
            source.blank += 1
            continue
        source.candidates.append(Candidate(index + 1, sheet, cells, names))
    return True


def _find_header(rows: list[list], path: Path) -> Optional[tuple[int, dict[str, int], dict[str, str]]]:
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        positions: dict[str, int] = {}
        names: dict[str, str] = {}
        for position, cell in enumerate(row):
            name = _field_of_header(cell)
            if name is None:
                continue
            if name in positions:
                raise InputError(M.IMP_DUP_COLUMN.format(path=path, first=names[name], second=str(cell).strip(), field=M.IMP_FIELD_NAMES[name]))
            positions[name], names[name] = position, str(cell).strip()
        if "project" in positions and "target" in positions:
            if not ({"value"} | set(NARRATIVE_FIELDS)) & set(positions):
                raise InputError(_no_header_message(path))
            unknown = [str(cell).strip() for cell in row if cell is not None and str(cell).strip() and _field_of_header(cell) is None]
            if unknown:
                raise InputError(M.IMP_UNKNOWN_COLUMNS.format(path=path, columns="、".join(f"「{c}」" for c in unknown), known=M.IMP_KNOWN_COLUMNS))
            return index, positions, names
    return None


def _header_key(text: Any) -> str:
    key = re.sub(r"\s+", "", str(text or "")).lower()
    return key.replace("(", "（").replace(")", "）").replace(",", "、").replace("，", "、")


_ALIAS_INDEX = {_header_key(alias): name for name, aliases in HEADER_ALIASES.items() for alias in aliases}


def _field_of_header(cell: Any) -> Optional[str]:
    if cell is None:
        return None
    return _ALIAS_INDEX.get(_header_key(cell))


def _no_header_message(path: Path) -> str:
    columns = "、".join(f"{aliases[0]}/{aliases[1]}" for aliases in HEADER_ALIASES.values())
    return M.IMP_NO_HEADER.format(path=path, columns=columns)


def _cell(row: list, position: int) -> Any:
    value = row[position] if position < len(row) else None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _is_blank(cells: dict[str, Any]) -> bool:
    """A row that records nothing: no value and no narrative (units leave rows blank)."""
    return all(cells.get(name) is None for name in ("value", *NARRATIVE_FIELDS))


def read_template(path: Path, book, meta: dict) -> Source:
    """Candidates from a workbook made by `minsheng template` (identified by its metadata)."""
    version = int(meta.get("version") or 0)
    if version > T.FORMAT_VERSION:
        raise InputError(M.IMP_NEWER_FORMAT.format(path=path, version=version))
    source = Source(path, "template", meta=meta)
    titles = {key: title for key, title, _width in T.COLUMNS}
    shown = {name: titles[key] for name, key in T.IMPORT_FIELDS.items()} | {"target": titles["target_name"], "by": T.BY_LABEL}
    by: Optional[str] = None
    names = [name for name in meta.get("sheets", "").split("|") if name]
    missing = [name for name in names if name not in book.sheetnames]
    extra = [s.title for s in book.worksheets if s.title not in names and s.title != T.META_SHEET and s.sheet_state == "visible"]
    if missing or extra:
        raise InputError(M.IMP_SHEETS_CHANGED.format(path=path, missing="、".join(missing) or "无", extra="、".join(extra) or "无"))
    for name in names:
        rows = [list(row) for row in book[name].iter_rows(values_only=True)]
        header_index = next((i for i, row in enumerate(rows) if row and row[0] == T.HEADER_FIRST), None)
        if header_index is None:
            raise InputError(M.IMP_TEMPLATE_BROKEN.format(path=path, sheet=name))
        if by is None:
            by = _by_of(rows[:header_index])
        header = rows[header_index]
        positions = {key: header.index(title) for key, title in titles.items() if title in header}
        for index in range(header_index + 1, len(rows)):
            raw = {key: _cell(rows[index], position) for key, position in positions.items()}
            if raw.get("project") is None:
                continue
            cells = {name_: raw.get(key) for name_, key in T.IMPORT_FIELDS.items()} | {"by": by}
            if _is_blank(cells):
                source.blank += 1
                continue
            source.candidates.append(Candidate(index + 1, name, cells, shown, item=raw.get("item")))
    return source


def _by_of(rows: list) -> Optional[str]:
    for row in rows:
        if row and row[0] == T.BY_LABEL and len(row) > 1 and row[1] not in (None, ""):
            return str(row[1]).strip()
    return None


# --- validating ------------------------------------------------------------------------------------
def validate(plan: Plan, existing: list[Record], source: Source, today: dt.date) -> Outcome:
    """Records for every candidate, or ImportRejected listing every bad row."""
    from minsheng_cli.ledger import recording

    check_template_plan(plan, source)
    pools = _pools_by_series(existing)
    outcome = Outcome(source)
    errors: list[str] = []
    for candidate in source.candidates:
        fields: dict[str, Any] = {}
        try:
            fields = _fields(candidate)
            narrative_only = fields["value"] is None
            pool = pools.setdefault(_series_of(plan, fields, narrative_only), [])
            record = recording.prepare(
                plan, pool, fields["project"], None if narrative_only else fields["target"], fields["value"],
                fields["date"], None if narrative_only else fields["county"], fields["note"], fields["problem"],
                fields["next"], fields["by"], False, False, None, today,
            )
        except recording.AlreadyRecorded:
            outcome.same += 1
            continue
        except _RowError as err:
            errors.append(candidate.error(err.field, err.reason))
            continue
        except (InputError, UsageError) as err:
            errors.append(_row_message(plan, candidate, fields, err.message))
            continue
        record = dataclasses.replace(record, path=candidate.where)  # an earlier row, if a later one clashes
        pool.append(record)
        outcome.records.append(record)
        outcome.rows.append(candidate)
    if errors:
        rejected = ImportRejected(M.IMP_REJECTED.format(path=source.path, count=len(errors)), errors)
        rejected.hint = M.IMP_REJECTED_HINT
        raise rejected
    return outcome


def check_template_plan(plan: Plan, source: Source) -> None:
    if source.meta is not None and source.meta.get("document") != plan.document:
        raise InputError(M.IMP_OTHER_PLAN.format(path=source.path, document=source.meta.get("document"), plan=plan.document))


def _pools_by_series(records: list[Record]) -> dict[tuple, list[Record]]:
    """Existing records by series (project, target, county; narratives: project, None, None).

    A record is checked only against its own series — the same value on the same date, a count
    that goes down — so each row is checked against that short list, not the whole ledger (a
    500-row sheet would otherwise cost 500 passes over every record of its project)."""
    pools: dict[tuple, list[Record]] = {}
    for record in records:
        pools.setdefault((record.project, record.target, record.county), []).append(record)
    return pools


def _series_of(plan: Plan, fields: dict, narrative_only: bool) -> tuple:
    """The series key of a row; rows that name no known project or target share a throwaway pool
    (`recording.prepare` rejects them with its own message)."""
    project = plan.find_project(fields["project"])
    if project is None:
        return (None, None, None)
    if narrative_only:
        return (project.id, None, None)
    target = project.find_target(str(fields["target"]).strip())
    if target is None:
        return (None, None, None)
    county = (fields["county"] or "").strip() or None
    return (project.id, target.id, county if target.by_county else None)


class _RowError(Exception):
    def __init__(self, field_name: str, reason: str):
        super().__init__(reason)
        self.field, self.reason = field_name, reason


def _fields(candidate: Candidate) -> dict[str, Any]:
    """The arguments of `recording.prepare` from the raw cells: text, dates as dates."""
    cells = candidate.cells
    fields = {name: _text(cells.get(name)) for name in FIELDS if name != "date"}
    if fields["project"] is None:
        raise _RowError("project", M.IMP_MISSING_PROJECT)
    if fields["target"] is None and fields["value"] is not None:
        raise _RowError("target", M.IMP_MISSING_TARGET)
    fields["date"] = _date(cells.get("date"))
    if candidate.item is not None and fields["value"] is not None:
        if fields["value"].lower() not in vocab_words.DONE_WORDS and fields["value"] != candidate.item:
            raise _RowError("value", M.IMP_ITEM_CHOICE.format(value=fields["value"]))
        fields["value"] = candidate.item
    return fields


def _text(value: Any) -> Optional[str]:
    """A cell as the text a user typed: 6200 not 6200.0, 4.4 not 4.4000000001."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        number = Decimal(repr(value))
        return str(int(number)) if number == number.to_integral_value() else format(number.normalize(), "f")
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _date(value: Any) -> dt.date:
    from minsheng_cli.ledger.dates import parse_date

    if value is None or (isinstance(value, str) and not value.strip()):
        raise _RowError("date", M.IMP_MISSING_DATE)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        from openpyxl.utils.datetime import from_excel  # a date cell formatted as a number

        return from_excel(value).date()
    try:
        return parse_date(str(value).strip(), "")
    except InputError as err:
        raise _RowError("date", err.message) from None


# The command-line arguments `recording` names in its messages, and the column each one is here.
_ARGUMENTS = [
    ("--county", "county"), ("--date", "date"), ("--note", "note"), ("--problem", "problem"),
    ("--next", "next"), ("--by", "by"), ("VALUE", "value"),
]


def _row_message(plan: Plan, candidate: Candidate, fields: dict, message: str) -> str:
    """`recording`'s message for the command line, re-addressed to a row and column: the column
    it is about, the argument's name dropped where the column already says it."""
    name, reason = _column_of(plan, fields, message)
    for argument, other in _ARGUMENTS:
        reason = re.sub(rf" ?{re.escape(argument)} ?", M.IMP_COLUMN_REF.format(column=candidate.column(other)), reason)
    return candidate.error(name, reason)


def _column_of(plan: Plan, fields: dict, message: str) -> tuple[str, str]:
    for argument, name in _ARGUMENTS:
        if message.startswith(argument):
            return name, message[len(argument):].lstrip(" ：:") or message
    project = plan.find_project(fields.get("project") or "")
    if project is None:
        return "project", message
    if fields.get("target") is not None and project.find_target(str(fields["target"]).strip()) is None:
        return "target", message
    for argument, name in _ARGUMENTS:
        if argument in message:
            return name, message
    return "value", message


# --- importing ----------------------------------------------------------------------------------------
def import_file(root: Path, plan: Plan, path: Path, encoding: Optional[str], dry_run: bool, today: dt.date) -> Outcome:
    """Read, validate and (unless `dry_run`) append. Validation runs under the ledger lock on
    freshly read records, so a concurrent writer cannot slip a conflicting record in between."""
    from minsheng_cli.ledger import progress_file as progress
    from minsheng_cli.ledger import store

    source = read_source(Path(path), encoding)
    check_template_plan(plan, source)
    result: list[Outcome] = []

    def build() -> list[Record]:
        outcome = validate(plan, progress.read_progress(root, plan), source, today)
        result.append(outcome)
        return outcome.records

    if dry_run:
        build()
        outcome = result[0]
        outcome.written_files = _file_names(root, outcome.records)
        return outcome
    written = store.append_records(root, build)
    outcome = result[0]
    outcome.written_files = _file_names(root, written)
    return outcome


def _file_names(root: Path, records: list[Record]) -> list[str]:
    """The progress files the records go to, relative to the ledger."""
    from minsheng_cli.ledger.progress_file import record_path

    names = set()
    for record in records:
        path = record_path(root, record)
        names.add(path.relative_to(root).as_posix())
    return sorted(names)


def dry_run_rows(plan: Plan, outcome: Outcome) -> list[list]:
    """What `--dry-run` shows: one line per record that would be written, with its row."""
    rows = []
    for record, candidate in zip(outcome.records, outcome.rows):
        project = plan.find_project(record.project)
        target = project.find_target(record.target) if project and record.target else None
        rows.append([
            candidate.where, record.project, target.name if target else "", record.county or "", record.date.isoformat(),
            _shown_value(record.value), record.note or "", record.problem or "", record.next or "", record.by or "",
        ])
    return rows


def outcome_json(plan: Plan, outcome: Outcome, dry_run: bool) -> dict:
    """`import --format json`: what was (or would be) written and skipped, for scripts."""
    records = [
        {"row": candidate.row, "sheet": candidate.sheet, "project": record.project, "target": record.target,
         "county": record.county, "date": record.date, "value": record.value, "note": record.note,
         "problem": record.problem, "next": record.next, "by": record.by}
        for record, candidate in zip(outcome.records, outcome.rows)
    ]
    return {"dry_run": dry_run, "written": 0 if dry_run else len(outcome.records), "skipped": outcome.skipped,
            "files": outcome.written_files, "records": records}


def _shown_value(value: Any) -> Any:
    from minsheng_cli.ledger.recording import shown

    return shown(value)
