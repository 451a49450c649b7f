"""Reading an import file into candidate rows: a filled template, or any CSV/XLSX sheet.

`read_source(path)` turns the file into `Candidate`s, each knowing where it is (sheet, the row
number the user sees) and which column each field came from. Blank rows are dropped and counted.
A free-form sheet is found by its header row (any of HEADER_ALIASES, among the first rows); a
template made by `minsheng template` by its metadata sheet. Nothing here knows the plan.

CSV files may be UTF-8, UTF-8 with BOM or GBK (what Chinese Excel/WPS writes): UTF-8 is tried
first, then GB18030 (a superset of GBK); `encoding` forces one.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from itertools import chain, islice
from typing import Any, Iterable, Optional

from minsheng_cli.words import exchange as M, ledger as ledger_words
from minsheng_cli.exchange import template as T
from minsheng_cli.errors import InputError, UsageError
from minsheng_cli.ledger.record_fields import NARRATIVE_FIELDS

# The columns of a free-form file and the header spellings accepted for each (compared after
# `_header_key`); a template's columns are template.IMPORT_FIELDS.
HEADER_ALIASES = M.IMP_HEADER_ALIASES
HEADER_SCAN_ROWS = 20  # a title block may sit above the header row
# Bounds on what a workbook may hold before any of it is parsed (a real filled sheet is tens of
# KB): a zip bomb, a huge <dimension> or a 1 GB cell is refused in milliseconds, never inflated.
MAX_XLSX_MEMBERS = 500
MAX_XLSX_UNPACKED = 64 * 1024 * 1024  # all parts together, uncompressed
MAX_XLSX_RATIO = 200  # uncompressed ÷ compressed of one part (XML of real sheets: 5–20)
MAX_ROWS = 200_000  # rows read from one sheet
# rows read from one CSV: it is streamed, so only what it yields is held (a province's year is ~1,000,000)
MAX_CSV_ROWS = 5_000_000
MAX_COLUMNS = 64  # columns read from a row (a template has 16)
XLSX_SUFFIXES = (".xlsx", ".xlsm")
ODF_SUFFIXES = (".ods", ".fods")  # LibreOffice / WPS OpenDocument: not read, the message says how to convert
FIELDS = tuple(HEADER_ALIASES)


@dataclass(slots=True)
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
    """What a file holds for an import: its candidate rows, how many rows were blank, and a
    template's metadata (None for a free-form sheet)."""

    path: Path
    kind: str  # template | csv | xlsx
    candidates: list[Candidate] = field(default_factory=list)
    blank: int = 0
    meta: Optional[dict] = None


STDIN = "-"  # `import -`: the sheet comes on standard input (a pipe, a redirect)


def read_source(path: Path, encoding: Optional[str] = None) -> Source:
    """The file's rows. Every input is read once, through one bounded read (a regular file, or
    standard input for `-`), and parsed from those bytes: a FIFO, a folder or a device named as
    the file is refused, not waited on."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise InputError(M.IMP_XLS.format(path=path))
    if str(path) != STDIN and suffix not in XLSX_SUFFIXES and suffix not in ODF_SUFFIXES:
        streamed = _stream_csv_file(path, encoding)
        if streamed is not None:
            return streamed
    data = _read_input(path)
    if suffix in ODF_SUFFIXES or data[30:38] == b"mimetype" and b"opendocument" in data[38:120]:
        raise InputError(M.IMP_ODS.format(path=path), M.IMP_ODS_HINT.format(path=path))
    if suffix in XLSX_SUFFIXES or (suffix not in (".csv", ".txt", ".tsv") and data[:4] == b"PK\x03\x04"):
        return read_workbook(path, data)
    return read_csv(path, encoding, data)


def _stream_csv_file(path: Path, encoding: Optional[str]) -> Optional[Source]:
    """A CSV file read row by row from disk, with no limit on its size (a year of a province is
    ~1,000,000 rows, ~100 MB): what bounds it is MAX_CSV_ROWS and the per-cell limit. None for a
    workbook in disguise (a zip), which takes the bounded whole-file path."""
    from minsheng_cli.errors import LedgerError
    from minsheng_cli.ledger.yamlio import open_regular

    if not os.path.lexists(path):
        raise InputError(M.IMP_FILE_MISSING.format(path=path))
    try:
        handle = open_regular(path)
    except LedgerError as err:
        raise InputError(err.message, M.IMP_STDIN_HINT) from None
    with handle:
        if path.suffix.lower() not in (".csv", ".txt", ".tsv") and handle.read(4) == b"PK\x03\x04":
            return None
        for candidate in ([encoding] if encoding else ["utf-8-sig", "gb18030"]):
            handle.seek(0)
            try:
                return _csv_rows_from(handle, path, candidate)
            except UnicodeDecodeError:
                if encoding:
                    raise InputError(M.IMP_ENCODING_FAILED.format(path=path, encoding=encoding)) from None
    raise InputError(M.IMP_ENCODING.format(path=path))


def _csv_rows_from(handle, path: Path, encoding: str) -> Source:
    """The candidates of a binary CSV handle decoded as `encoding` (UnicodeDecodeError if it is not)."""
    import codecs
    import csv
    import io

    try:
        codecs.lookup(encoding)
    except LookupError:
        raise UsageError(M.IMP_BAD_ENCODING_NAME.format(value=encoding)) from None
    _long_cells_allowed()
    text = io.TextIOWrapper(handle, encoding=encoding, newline="")
    try:
        first_line = text.readline().lstrip("\ufeff")
        text.seek(0)
        reader = csv.reader(_without_bom(text), delimiter=_delimiter(first_line), strict=True)
        source = Source(path, "csv")
        _read_table(source, _bounded_rows(reader, path), sheet=None)
        return source
    except csv.Error:
        raise InputError(M.IMP_BAD_CSV_ROW.format(path=path, line=reader.line_num)) from None
    finally:
        text.detach()  # the caller closes the file (and may read it again in another encoding)


def _without_bom(lines):
    first = True
    for line in lines:
        yield line.lstrip("\ufeff") if first else line
        first = False


def _bounded_rows(reader, path: Path):
    """The reader's rows, at most MAX_CSV_ROWS of at most MAX_COLUMNS cells."""
    for count, row in enumerate(reader, start=1):
        if count > MAX_CSV_ROWS:
            raise InputError(M.IMP_TOO_MANY_ROWS.format(sheet=path.name, limit=MAX_CSV_ROWS))
        yield row if len(row) <= MAX_COLUMNS else row[:MAX_COLUMNS]


def _long_cells_allowed() -> None:
    """A long cell is a long cell (the text rules judge it), not a broken quote; still one cell
    is at most MAX_FILE_BYTES characters."""
    import csv

    from minsheng_cli.ledger.yamlio import MAX_FILE_BYTES

    if csv.field_size_limit() < MAX_FILE_BYTES:
        csv.field_size_limit(MAX_FILE_BYTES)


def _delimiter(first_line: str) -> str:
    return "\t" if first_line.count("\t") > first_line.count(",") else ","


def _read_input(path: Path) -> bytes:
    import sys

    from minsheng_cli.errors import LedgerError
    from minsheng_cli.ledger.yamlio import MAX_FILE_BYTES, read_bytes

    if str(path) == STDIN:
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise InputError(ledger_words.FILE_TOO_LARGE.format(path=M.IMP_STDIN, size=len(data), limit=MAX_FILE_BYTES))
        return data
    if not os.path.lexists(path):
        raise InputError(M.IMP_FILE_MISSING.format(path=path))
    try:
        return read_bytes(path)
    except LedgerError as err:
        raise InputError(err.message, M.IMP_STDIN_HINT) from None


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


def read_csv(path: Path, encoding: Optional[str], data: bytes) -> Source:
    import csv
    import io


    _long_cells_allowed()
    text = decode_csv(data, path, encoding)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]), strict=True)
        source = Source(path, "csv")
        _read_table(source, _bounded_rows(reader, path), sheet=None)
    except csv.Error:
        raise InputError(M.IMP_BAD_CSV_ROW.format(path=path, line=reader.line_num)) from None
    return source


def check_workbook_bounds(path: Path, data: bytes) -> None:
    """Refuse a workbook whose parts would inflate past the bounds, from the zip's directory alone."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(M.IMP_NOT_XLSX_FILE.format(path=path)) from None
    unpacked = sum(member.file_size for member in members)
    inflated = any(member.file_size > MAX_XLSX_RATIO * max(member.compress_size, 1024) for member in members)
    if len(members) > MAX_XLSX_MEMBERS or unpacked > MAX_XLSX_UNPACKED or inflated:
        raise InputError(M.IMP_XLSX_TOO_BIG.format(path=path, limit=MAX_XLSX_UNPACKED // (1024 * 1024)))


def sheet_rows(sheet) -> list[list]:
    """A sheet's rows as values, at most MAX_ROWS × MAX_COLUMNS, whatever its <dimension> claims."""
    from itertools import islice

    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # read-only sheets pad every row to the claimed dimension
    rows = islice(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), MAX_ROWS + 1)
    found = [list(row) for row in rows]
    if len(found) > MAX_ROWS:
        raise InputError(M.IMP_TOO_MANY_ROWS.format(sheet=sheet.title, limit=MAX_ROWS))
    return found


def has_formulas(data: bytes) -> bool:
    """Whether any worksheet of the (bounded) workbook holds a formula: read from its XML parts,
    so the common sheet without formulas is parsed once."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.infolist():
            if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
                part = archive.read(member)
                if b"<f>" in part or b"<f " in part or b":f>" in part or b":f " in part:
                    return True
    return False


def check_formulas_have_values(path: Path, data: bytes, values) -> None:
    """A formula saved without its result (a sheet written by a program, never opened in Excel or
    WPS) reads as empty: refused, naming the first such cell (sheet!A1), not silently dropped."""
    import io

    from openpyxl import load_workbook

    from minsheng_cli.errors import MinshengError

    try:
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:
        raise InputError(M.IMP_NOT_XLSX_FILE.format(path=path)) from None
    try:
        _first_formula_without_value(path, formulas, values)
    except MinshengError:
        raise
    except Exception:
        raise InputError(M.IMP_NOT_XLSX_FILE.format(path=path)) from None
    finally:
        formulas.close()


def _first_formula_without_value(path: Path, formulas, values) -> None:
    from itertools import islice

    for sheet in formulas.worksheets:
        if sheet.sheet_state != "visible":
            continue
        shown = values[sheet.title]
        pairs = zip(islice(sheet.iter_rows(max_col=MAX_COLUMNS), MAX_ROWS), shown.iter_rows(values_only=True, max_col=MAX_COLUMNS))
        for cells, cached in pairs:
            for cell, value in zip(cells, cached):
                if isinstance(cell.value, str) and cell.value.startswith("=") and value is None:
                    raise InputError(M.IMP_FORMULA_NO_VALUE.format(path=path, cell=f"{sheet.title}!{cell.coordinate}", formula=cell.value),
                                     M.IMP_FORMULA_NO_VALUE_HINT)


def read_workbook(path: Path, data: bytes) -> Source:
    """A workbook, bounded first; whatever openpyxl cannot read in it (a damaged or crafted part)
    is one message, never an internal error."""
    import io

    from minsheng_cli.errors import MinshengError

    check_workbook_bounds(path, data)
    try:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a hostile file can make the parser raise anything
        raise InputError(M.IMP_NOT_XLSX_FILE.format(path=path)) from None
    try:
        if has_formulas(data):
            check_formulas_have_values(path, data, book)
        meta = T.read_meta(book)
        if meta is not None:
            return read_template(path, book, meta)
        source = Source(path, "xlsx")
        sheets = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
        found = False
        for sheet in sheets:
            found |= _read_table(source, sheet_rows(sheet), sheet=sheet.title if len(sheets) > 1 else None, required=False)
        if not found:
            raise InputError(_no_header_message(path))
        return source
    except MinshengError:
        raise
    except Exception:
        raise InputError(M.IMP_NOT_XLSX_FILE.format(path=path)) from None
    finally:
        try:
            book.close()
        except Exception:
            pass


def _read_table(source: Source, rows: Iterable[list], sheet: Optional[str], required: bool = True) -> bool:
    """Candidates from a free-form table whose header row is among the first rows (`rows` may be
    a stream: only the first HEADER_SCAN_ROWS are held before the header is found)."""
    rows = iter(rows)
    head = list(islice(rows, HEADER_SCAN_ROWS))
    located = _find_header(head, source.path)
    if located is None:
        if required:
            raise InputError(_no_header_message(source.path))
        return False
    header_index, positions, names = located
    fields = tuple(positions.items())
    width = max(positions.values()) + 1
    append = source.candidates.append
    for index, row in enumerate(chain(head[header_index + 1:], rows), start=header_index + 1):
        if len(row) >= width:  # every column there (a CSV row, text): `_cell` inline
            cells = {name: (cell.strip() or None) if isinstance(cell := row[position], str) else cell for name, position in fields}
        else:
            cells = {name: _cell(row, position) for name, position in fields}
        if _is_blank(cells):
            source.blank += 1
            continue
        append(Candidate(index + 1, sheet, cells, names))
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
    for name in _RECORDING_FIELDS:
        if cells.get(name) is not None:
            return False
    return True


_RECORDING_FIELDS = ("value", *NARRATIVE_FIELDS)


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
        raise InputError(M.IMP_SHEETS_CHANGED.format(path=path, missing="、".join(missing) or M.IMP_NONE, extra="、".join(extra) or M.IMP_NONE))
    for name in names:
        rows = sheet_rows(book[name])
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
    """填报人 from the rows above the header: the first filled cell after the label in column A and
    before the next label of the row (联系电话); a template of the first layout has it in column B."""
    labels = {label for label, *_cells in T.SIGN_CELLS}
    for row in rows:
        if not row or row[0] != T.BY_LABEL:
            continue
        for value in row[1:]:
            if value in labels:
                break
            if value not in (None, "") and str(value).strip():
                return str(value).strip()
    return None
