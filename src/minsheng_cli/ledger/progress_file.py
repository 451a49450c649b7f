"""Progress files: `progress/YYYY-MM/NN.yaml`, one YAML sequence of records per project and month.

Every record `minsheng` writes is one line, a flow mapping with its keys in a fixed order:

    - {date: 2023-06-30, target: new_places, county: "任城区", value: 6200, note: "新增托位已验收", by: "张三"}

Strings are JSON string literals (a subset of YAML double-quoted scalars), numbers are bare
normalised decimals, dates bare ISO dates. Reading such lines as general YAML is far too slow for
a year of weekly records (PRODUCT.md §5), so `parse_progress_text` reads them with one regular
expression per line (the fast path) and falls back to the YAML loader for the WHOLE file as soon
as one line is not in that exact shape — a person edited it. Both paths produce identical
`Record`s; tests/test_progress_format.py checks that with generated records.

Measured on 65,000 generated records (benchmarks/generate.py, a shared 2-core box): the fast
path reads ≈170,000–190,000 records/s; ruamel's C safe loader ≈4,000/s, its round-trip loader
≈900/s. Unpickling the same records from a cache was slower than parsing them, so there is no
per-file parse cache.

Line numbers: the fast path gives each record's own line. The YAML path gives the line of the
record's mapping node as ruamel's C parser reports it: the `- {` line of a flow record, the first
key's line of a block record (not the `-` line when the mapping starts on the next line).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable, Optional

from minsheng_cli.words import progress as M, commands as commands_words, ledger as ledger_words
from minsheng_cli.errors import LedgerError
from minsheng_cli.ledger.model import Record
from minsheng_cli.errors import os_error_text

KEY_ORDER = ("date", "target", "county", "value", "action", "reason", "note", "problem", "next", "by")
TEXT_KEYS = ("reason", "note", "problem", "next", "by")
ACTIONS = ("correct", "void")
MONTH_DIR = re.compile(r"^([0-9]{4})-([0-9]{2})$")
PROJECT_FILE = re.compile(r"^([0-9]{2,3})\.yaml$")
TARGET_ID = re.compile(r"^[a-z][a-z0-9_]*$")
YAML_WORDS = frozenset({"null", "true", "false"})  # plain scalars that YAML 1.2 does not read as text

# Characters json.dumps leaves raw but YAML refuses or reads as line breaks inside a quoted
# scalar (C1 controls incl. NEL, DEL, LS/PS, BOM, non-characters, lone surrogates): written as \uXXXX.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")

# --- the fast path ---------------------------------------------------------------------------------
# Text the fast path never reads: C0 controls other than newline (a raw tab is valid YAML but not
# JSON), DEL and C1 controls (NEL is a YAML line break), LS/PS, BOM, non-characters, surrogates.
# Checked once per file, so the string pattern below can be the plain, fast [^"\\]*.
_NOT_FAST_CHARS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_STR = r'"[^"\\\n]*+(?:\\(?:["\\/bfnrt]|u(?![dD][89abAB])[0-9a-fA-F]{4})[^"\\\n]*+)*+"'
_NUM = r"-?+(?:0|[1-9][0-9]{0,14}+)(?:\.[0-9]{1,6}+)?+"  # in range (see value_in_range); else the YAML path says why
_ID = r"(?!(?:null|true|false)[,}])[a-z][a-z0-9_]*+"
_LINE = re.compile(  # possessive quantifiers: nothing to backtrack into, measurably faster
    r"^- \{date: ([0-9]{4}-[0-9]{2}-[0-9]{2})"
    rf"(?:, target: ({_ID}|{_STR}))?+"
    rf"(?:, county: ({_STR}))?+"
    rf"(?:, value: ({_NUM}|{_STR}))?+"
    r"(?:, action: (correct|void))?+"
    rf"(?:, reason: ({_STR}))?+"
    rf"(?:, note: ({_STR}))?+"
    rf"(?:, problem: ({_STR}))?+"
    rf"(?:, next: ({_STR}))?+"
    rf"(?:, by: ({_STR}))?+"
    r"\}$",
    re.MULTILINE,
)
_SKIPPED_LINE = re.compile(r" *(?:#.*)?")  # a blank or comment line (no newline inside)


class ProgressFormatError(LedgerError):
    """A progress file that cannot be read as records: where, a stable code, a Chinese message."""

    def __init__(self, path: str, line: int, column: int, code: str, message: str):
        super().__init__(f"{path}:{line}:{column}: {message}", M.REC_FORMAT_HINT)
        self.path, self.line, self.column, self.code, self.detail = str(path), line, column, code, message


class _NotFast(Exception):
    """The fast reader met a line it does not read exactly: the YAML loader reads the file."""


@dataclass
class ParsedFile:
    """A progress file as `check` needs it: records, every shape error, and key positions."""

    records: list[Record]
    errors: list[ProgressFormatError] = field(default_factory=list)
    # for each record: key -> (line, column) of its value; empty when the fast path read the file
    # (the record's line is then its own line, and columns are found in it by key).
    positions: list[dict] = field(default_factory=list)
    fast: bool = True


# --- writing ---------------------------------------------------------------------------------------
def format_record(record: Record) -> str:
    """One line (with its "\\n") in the fixed key order; absent keys are left out."""
    parts = [f"date: {record.date.isoformat()}"]
    if record.target is not None:
        bare = TARGET_ID.match(record.target) and record.target not in YAML_WORDS
        parts.append(f"target: {record.target if bare else quote(record.target)}")
    if record.county is not None:
        parts.append(f"county: {quote(record.county)}")
    if record.value is not None:
        value = record.value
        parts.append(f"value: {format_number(value) if isinstance(value, Decimal) else quote(value)}")
    if record.action is not None:
        parts.append(f"action: {record.action}")
    for key in TEXT_KEYS:
        text = getattr(record, key)
        if text is not None:
            parts.append(f"{key}: {quote(text)}")
    return "- {" + ", ".join(parts) + "}\n"


def quote(text: str) -> str:
    """A JSON string literal that YAML reads back as the same text."""
    literal = json.dumps(text, ensure_ascii=False)
    if _YAML_UNSAFE.search(literal):
        literal = _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", literal)
    return literal


def format_number(value: Decimal) -> str:
    """6200, 4.35: no exponent, no trailing zeros."""
    return format(normal_decimal(value), "f")


MAX_INTEGER_DIGITS = 15  # 10^15 is far beyond any livelihood figure and within exact float display
MAX_DECIMALS = 6


def value_in_range(value: Decimal) -> bool:
    """A figure a ledger can hold: finite, under 10^15, at most 6 decimals (after trailing zeros)."""
    if not value.is_finite():
        return False
    exponent = normal_decimal(value).as_tuple().exponent
    return abs(value) < Decimal(10) ** MAX_INTEGER_DIGITS and exponent >= -MAX_DECIMALS


def normal_decimal(value: Decimal) -> Decimal:
    """The same number without trailing zeros or exponent (exact at any size, unlike normalize())."""
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        return value
    if exponent >= 0:
        return Decimal(int(value))
    digits = list(digits)
    while exponent < 0 and len(digits) > 1 and digits[-1] == 0:
        digits.pop()
        exponent += 1
    if exponent < 0 and digits == [0]:
        return Decimal(0)
    return Decimal((sign, tuple(digits), exponent))


def file_name(project: int) -> str:
    return f"{project:02d}.yaml"


def month_name(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def record_path(root: Path, record: Record) -> Path:
    """progress/YYYY-MM/NN.yaml: the month of the record's date, the project's number."""
    return Path(root) / "progress" / month_name(record.date) / file_name(record.project)


def file_header(project: int, month: dt.date) -> str:
    return M.REC_FILE_HEADER.format(project=project, year=month.year, month=month.month) + "\n"


# --- reading one file --------------------------------------------------------------------------------
def parse_progress_text(text: str, path: str | Path, project: int) -> list[Record]:
    """The records of one file's text (already decoded); raises ProgressFormatError at the first problem."""
    try:
        return _parse_fast(text, str(path), project)
    except _NotFast:
        pass
    return parse_progress_yaml(text, path, project)


def parse_progress_yaml(text: str, path: str | Path, project: int) -> list[Record]:
    """The records of one file read as general YAML (the fallback; slow, for any hand edit)."""
    parsed = _parse_yaml(text, str(path), project)
    if parsed.errors:
        raise parsed.errors[0]
    return parsed.records


def parse_progress_detailed(text: str, path: str | Path, project: int) -> ParsedFile:
    """As `parse_progress_text`, but collects every shape error (for `check`). A YAML syntax error
    is still raised: nothing after it can be read."""
    try:
        return ParsedFile(_parse_fast(text, str(path), project))
    except _NotFast:
        return _parse_yaml(text, str(path), project)


def _parse_fast(text: str, path: str, project: int) -> list[Record]:
    """Every line a record in the exact written shape, a comment or blank; else _NotFast.

    One `findall` gives every record line's fields at C speed; the other lines (found by what
    they start with: `#`, a space, or nothing) must all be comments or blank, and together they
    must account for every line of the file."""
    if _NOT_FAST_CHARS.search(text):
        raise _NotFast
    rows = _LINE.findall(text)
    lines = _record_line_numbers(text, len(rows))
    records: list[Record] = []
    append = records.append
    dates: dict[str, dt.date] = {}
    texts: dict[str, str] = {}
    numbers: dict[str, Decimal] = {}
    make = _record_maker()
    for line, (raw_date, target, county, value, action, reason, note, problem, nxt, by) in zip(lines, rows):
        day = dates.get(raw_date)
        if day is None:
            try:
                day = dates[raw_date] = dt.date.fromisoformat(raw_date)
            except ValueError:
                raise _NotFast from None
        if target:
            if target[0] == '"':
                target = texts.get(target) or _text(target, texts)
        elif county or value or action or not (note or problem or nxt):
            raise _NotFast  # a record without target must be a narrative: the YAML path reports it
        else:
            target = None
        county = (texts.get(county) or _text(county, texts)) if county else None
        if value:
            if value[0] == '"':
                value = texts.get(value) or _text(value, texts)
            else:
                value = numbers.get(value) or _number(value, numbers)
        else:
            value = None
        reason = (texts.get(reason) or _text(reason, texts)) if reason else None
        note = _text(note, None) if note else None
        problem = _text(problem, None) if problem else None
        nxt = _text(nxt, None) if nxt else None
        by = (texts.get(by) or _text(by, texts)) if by else None
        append(make(day, project, target, county, value, note, problem, nxt, by, action or None, reason, path, line))
    return records


def _record_line_numbers(text: str, record_count: int) -> Iterable[int]:
    """Line numbers of the record lines, given that every other line is blank or a comment;
    _NotFast when the lines do not add up (some line is neither)."""
    total = text.count("\n") + (1 if text and not text.endswith("\n") else 0)
    if record_count == total:
        return range(1, total + 1)
    skipped: list[int] = []
    line, counted_to = 1, 0
    for start in _other_line_starts(text):
        line += text.count("\n", counted_to, start)
        counted_to = start
        end = text.find("\n", start)
        if not _SKIPPED_LINE.fullmatch(text, start, len(text) if end < 0 else end):
            raise _NotFast
        skipped.append(line)
    if record_count + len(skipped) != total:
        raise _NotFast
    from itertools import chain

    bounds = [0, *skipped, total + 1]
    return chain.from_iterable(range(low + 1, high) for low, high in zip(bounds, bounds[1:]))


def _other_line_starts(text: str) -> list[int]:
    """Offsets of the lines that start with "#", " " or are empty (record lines start with "-")."""
    starts = [0] if text[:1] in ("#", " ", "\n") else []
    for pattern in ("\n#", "\n ", "\n\n"):
        at = text.find(pattern)
        while at >= 0:
            if at + 1 < len(text):
                starts.append(at + 1)
            at = text.find(pattern, at + 1)
    return sorted(set(starts))


_maker = None


def _record_maker():
    """A Record built by setting its slots directly: twice as fast as the frozen dataclass's
    __init__ (which calls object.__setattr__ per field), and the same object."""
    global _maker
    if _maker is None:
        from dataclasses import fields

        setters = tuple(Record.__dict__[f.name].__set__ for f in fields(Record))
        if len(setters) != 13:  # Record changed: build it the ordinary way
            _maker = Record
            return _maker
        new = object.__new__
        s_date, s_project, s_target, s_county, s_value, s_note, s_problem, s_next, s_by, s_action, s_reason, s_path, s_line = setters

        def make(date, project, target, county, value, note, problem, nxt, by, action, reason, path, line):
            record = new(Record)
            s_date(record, date)
            s_project(record, project)
            s_target(record, target)
            s_county(record, county)
            s_value(record, value)
            s_note(record, note)
            s_problem(record, problem)
            s_next(record, nxt)
            s_by(record, by)
            s_action(record, action)
            s_reason(record, reason)
            s_path(record, path)
            s_line(record, line)
            return record

        _maker = make
    return _maker


def _text(literal: str, memo: Optional[dict]) -> str:
    decoded = json.loads(literal) if "\\" in literal else literal[1:-1]
    if memo is not None:
        memo[literal] = decoded
    return decoded


def _number(literal: str, memo: dict) -> Decimal:
    number = Decimal(literal)
    if "." in literal and literal[-1] == "0":
        number = normal_decimal(number)
    memo[literal] = number
    return number


# --- the YAML path ---------------------------------------------------------------------------------------
_loader_class = None


def _decimal_constructor():
    """ruamel's safe constructor, with floats read as exact Decimals (4.35 stays 4.35)."""
    global _loader_class
    if _loader_class is None:
        from ruamel.yaml.constructor import SafeConstructor

        class DecimalConstructor(SafeConstructor):
            def construct_yaml_float(self, node: Any) -> Any:
                text = str(self.construct_scalar(node)).replace("_", "").lower()
                try:
                    return Decimal(text)
                except InvalidOperation:
                    return float(text.replace(".inf", "inf").replace(".nan", "nan"))  # refused later

        DecimalConstructor.add_constructor("tag:yaml.org,2002:float", DecimalConstructor.construct_yaml_float)
        _loader_class = DecimalConstructor
    return _loader_class


def _compose(text: str, path: str):
    """(root node or None, constructor) with the C parser; YAML errors as ProgressFormatError."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from minsheng_cli.ledger import yamlio

    where = yamlio.find_conflict_marker(text)
    if where is not None:
        raise ProgressFormatError(path, where[0], where[1], "merge-conflict", ledger_words.MERGE_CONFLICT)
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _decimal_constructor()
    loader, _ = yaml.get_constructor_parser(text)
    try:
        root = loader.get_single_node()
    except YAMLError as err:
        problem = yamlio._problem_from_yaml_error(err)
        line, column = problem.line, problem.column
        context = getattr(err, "context_mark", None)
        if context is not None and "end of stream" in str(getattr(err, "problem", "")):
            line, column = context.line + 1, context.column + 1  # an unclosed quote: where it opens
        raise ProgressFormatError(path, line, column, problem.code, problem.message) from None
    return root, loader


def _parse_yaml(text: str, path: str, project: int) -> ParsedFile:
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    root, loader = _compose(text, path)
    parsed = ParsedFile([], fast=False)
    if root is None:
        return parsed

    def error(mark: Any, message: str, code: str = "bad-record") -> ProgressFormatError:
        return ProgressFormatError(path, mark.line + 1, mark.column + 1, code, message)

    if not isinstance(root, SequenceNode):
        parsed.errors.append(error(root.start_mark, M.REC_NOT_SEQUENCE))
        return parsed
    seen: set[int] = set()
    for item in root.value:
        if id(item) in seen:
            raise error(item.start_mark, ledger_words.YAML_ALIAS, "yaml-alias")
        seen.add(id(item))
        if not isinstance(item, MappingNode):
            parsed.errors.append(error(item.start_mark, M.REC_NOT_MAPPING))
            continue
        fields: dict[str, Any] = {}
        positions: dict[str, tuple[int, int]] = {}
        problems: list[ProgressFormatError] = []
        for key_node, value_node in item.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key not in KEY_ORDER or key_node.tag != "tag:yaml.org,2002:str":
                problems.append(error(key_node.start_mark, M.REC_UNKNOWN_KEY.format(key=key if key is not None else "?", keys="、".join(KEY_ORDER))))
                continue
            if key in fields:
                problems.append(error(key_node.start_mark, ledger_words.YAML_DUPLICATE_KEY.format(key=key), "duplicate-key"))
                continue
            positions[key] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
            if not isinstance(value_node, ScalarNode):
                problems.append(error(value_node.start_mark, M.REC_WRONG_TYPE.format(key=key, expected=M.REC_EXPECTED[key])))
                fields[key] = _INVALID
                continue
            try:
                fields[key] = loader.construct_object(value_node, deep=True)
            except (YAMLError, ValueError, TypeError) as err:
                code = "yaml-tag" if "constructor" in str(err) else "bad-record"
                message = ledger_words.YAML_TAG if code == "yaml-tag" else M.REC_WRONG_TYPE.format(key=key, expected=M.REC_EXPECTED[key])
                problems.append(error(value_node.start_mark, message, code))
                fields[key] = _INVALID
        line, column = item.start_mark.line + 1, item.start_mark.column + 1
        record = None
        if not problems:
            record, message, bad_key = _record_from_fields(fields, project, path, line)
            if record is None:
                where = positions.get(bad_key, (line, column))
                problems.append(ProgressFormatError(path, where[0], where[1], "bad-record", message))
        if problems:
            parsed.errors.extend(problems)
            continue
        parsed.records.append(record)
        parsed.positions.append(positions)
    try:
        loader.dispose()
    except AttributeError:
        pass
    return parsed


_INVALID = object()


def _record_from_fields(fields: dict, project: int, path: str, line: int) -> tuple[Optional[Record], str, str]:
    """(record, "", "") or (None, Chinese message, offending key). The same rules as the fast path's
    regular expression: a date, text where text belongs, a finite number or text as value."""
    values = {key: value for key, value in fields.items() if value is not None}
    day = values.get("date")
    if day is None:
        return None, M.REC_MISSING_DATE, "date"
    if type(day) is not dt.date:
        return None, M.REC_WRONG_TYPE.format(key="date", expected=M.REC_EXPECTED["date"]), "date"
    for key in ("target", "county", *TEXT_KEYS):
        if key in values and not isinstance(values[key], str):
            return None, M.REC_WRONG_TYPE.format(key=key, expected=M.REC_EXPECTED[key]), key
    value = values.get("value")
    if value is not None:
        if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
            return None, M.REC_WRONG_TYPE.format(key="value", expected=M.REC_EXPECTED["value"]), "value"
        if isinstance(value, int):
            value = Decimal(value)
            if not value_in_range(value):
                return None, M.REC_VALUE_RANGE.format(value=value), "value"
        elif isinstance(value, Decimal):
            if not value.is_finite():
                return None, M.REC_WRONG_TYPE.format(key="value", expected=M.REC_EXPECTED["value"]), "value"
            if not value_in_range(value):
                return None, M.REC_VALUE_RANGE.format(value=value), "value"
            value = normal_decimal(value)
    action = values.get("action")
    if action is not None and action not in ACTIONS:
        return None, M.REC_WRONG_TYPE.format(key="action", expected=M.REC_EXPECTED["action"]), "action"
    target = values.get("target")
    if target is None:
        for key in ("county", "value", "action"):
            if key in values:
                return None, M.REC_NEEDS_TARGET.format(key=key), key
        if not any(key in values for key in ("note", "problem", "next")):
            return None, M.REC_EMPTY, "date"
    record = Record(
        day, project, target, values.get("county"), value, values.get("note"), values.get("problem"),
        values.get("next"), values.get("by"), action, values.get("reason"), path, line,
    )
    return record, "", ""


# --- reading a ledger -------------------------------------------------------------------------------------
def month_folders(root: Path) -> list[tuple[str, Path]]:
    """(YYYY-MM, folder) of progress/, ascending; other names are left to `check`."""
    base = Path(root) / "progress"
    try:
        names = os.listdir(base)
    except FileNotFoundError:
        return []
    except OSError as err:
        raise LedgerError(commands_words.FILE_UNREADABLE.format(path=base, error=os_error_text(err))) from None
    return [(name, base / name) for name in sorted(names) if MONTH_DIR.match(name) and (base / name).is_dir()]


def project_files(folder: Path) -> list[tuple[int, Path]]:
    """(project id, file) of a month folder, by file name; other names are left to `check`."""
    found = []
    for name in sorted(os.listdir(folder)):
        match = PROJECT_FILE.match(name)
        if match and name == file_name(int(match.group(1))):
            found.append((int(match.group(1)), folder / name))
    return found


def read_progress(
    root: Path,
    plan: Any = None,
    projects: Optional[set[int]] = None,
    until: Optional[dt.date] = None,
) -> list[Record]:
    """Every record of the ledger in written order: month folders ascending, then file name, then
    line. `plan` leaves out files of projects it does not have; `projects` keeps only those;
    `until` skips month folders after its month (records later in its own month are kept)."""
    from minsheng_cli.ledger.yamlio import read_text

    known = {project.id for project in plan.projects} if plan is not None else None
    last_month = month_name(until) if until is not None else None
    records: list[Record] = []
    for month, folder in month_folders(root):
        if last_month is not None and month > last_month:
            break
        for project, path in project_files(folder):
            if (known is not None and project not in known) or (projects is not None and project not in projects):
                continue
            records.extend(parse_progress_text(read_text(path), str(path), project))
    return records
