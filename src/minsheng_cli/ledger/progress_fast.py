"""The fast reader: a progress file whose every line is in the exact written shape.

Reading lines as general YAML is far too slow for a year of weekly records (PRODUCT.md §5), so
one regular expression — built from `record_fields.RECORD_FIELDS`, in the written key order —
reads each record line (a trailing comment allowed); a line not in that shape (a person edited
it) is read alone as YAML, and `parse_fast` raises `NotFast` — the caller reads the whole file
with the YAML fallback — only when such a line is not one whole record on its own. Both
produce identical `Record`s, and accept exactly what `record_model.ProgressRecord` accepts
(tests/test_progress_format.py, tests/test_record_model.py, with generated lines).

Measured on 65,000 generated records (benchmarks/generate.py, a shared 2-core box): ≈170,000–
190,000 records/s; ruamel's C safe loader ≈4,000/s, its round-trip loader ≈900/s. Unpickling the
same records from a cache was slower than parsing them, so there is no per-file parse cache.
"""

from __future__ import annotations


import dataclasses
import datetime as dt
import functools
import json
import re
from decimal import Decimal
from itertools import chain
from typing import Iterable, Optional

from minsheng_cli.ledger.model import Record
from minsheng_cli.ledger.numbers import normal_decimal
from minsheng_cli.ledger.record_fields import ACTIONS, RECORD_FIELDS, TEXT_FIELDS


class NotFast(Exception):
    """The fast reader met a line it does not read exactly: the YAML loader reads the file."""


# Text the fast path never reads: C0 controls other than newline (a raw tab is valid YAML but not
# JSON), DEL and C1 controls (NEL is a YAML line break), LS/PS, BOM, non-characters, surrogates.
# Checked once per file, so the string pattern below can be the plain, fast [^"\\]*.
_NOT_FAST_CHARS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_STR = r'"[^"\\\n]*+(?:\\(?:["\\/bfnrt]|u(?![dD][89abAB])[0-9a-fA-F]{4})[^"\\\n]*+)*+"'
_NUM = r"-?+(?:0|[1-9][0-9]{0,14}+)(?:\.[0-9]{1,6}+)?+"  # in range (numbers.value_in_range); else the YAML path says why
_ID = r"(?!(?:null|true|false)[,}])[a-z][a-z0-9_]*+"
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
# What each field's value is written as (progress_write.py), one capture group per field.
_VALUE_PATTERNS = {
    "date": _DATE,
    "target": f"{_ID}|{_STR}",
    "county": _STR,
    "value": f"{_NUM}|{_STR}",
    "action": "|".join(ACTIONS),
    "received": _DATE,
    **{name: _STR for name in TEXT_FIELDS},
}


def _line_pattern() -> re.Pattern:
    """The first field (date) is required, every other one optional, all in the written order.
    Possessive quantifiers: nothing to backtrack into, measurably faster."""
    first, *rest = RECORD_FIELDS
    optional = "".join(f"(?:, {name}: ({_VALUE_PATTERNS[name]}))?+" for name in rest)
    return re.compile(rf"^- \{{{first}: ({_VALUE_PATTERNS[first]}){optional}\}}{_TRAILING_COMMENT}$", re.MULTILINE)


_TRAILING_COMMENT = r"(?: +#[^\n]*+)?+"  # `- {…}  # 已核对`: a person's note after a record is still the fast shape
_LINE = _line_pattern()
_SKIPPED_LINE = re.compile(r" *(?:#.*)?")  # a blank or comment line (no newline inside)


def parse_fast(text: str, path: str, project: int) -> list[Record]:
    """Every line a record in the exact written shape (a trailing comment allowed), a comment or
    blank; else NotFast.

    One `findall` gives every record line's fields at C speed; the other lines (found by what
    they start with: `#`, a space, or nothing) must all be comments or blank, and together they
    must account for every line of the file. When they do not (a person edited a line), the
    file is read line by line: a one-line record the regex does not read is read alone as YAML
    (`_read_line_alone`), and only a line that cannot stand alone sends the file to YAML."""
    if _NOT_FAST_CHARS.search(text):
        raise NotFast
    rows = _LINE.findall(text)
    lines = _record_line_numbers(text, len(rows))
    if lines is None:
        return _parse_line_by_line(text, path, project)
    return _records(rows, lines, path, project)


def _records(rows: list[tuple], lines: Iterable[int], path: str, project: int) -> list[Record]:
    """Records from the regex's groups of record lines, with their line numbers."""
    records: list[Record] = []
    append = records.append
    dates: dict[str, dt.date] = {}
    texts: dict[str, str] = {}
    numbers: dict[str, Decimal] = {}
    make = _record_maker()
    # the groups come in RECORD_FIELDS order
    for line, (raw_date, target, county, value, action, reason, note, problem, nxt, by, raw_received) in zip(lines, rows):
        day = dates.get(raw_date)
        if day is None:
            try:
                day = dates[raw_date] = dt.date.fromisoformat(raw_date)
            except ValueError:
                raise NotFast from None
        if target:
            if target[0] == '"':
                target = texts.get(target) or _text(target, texts)
        elif county or value or action or not (note or problem or nxt):
            raise NotFast  # a record without target must be a narrative: the YAML path reports it
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
        if raw_received:
            received = dates.get(raw_received)
            if received is None:
                try:
                    received = dates[raw_received] = dt.date.fromisoformat(raw_received)
                except ValueError:
                    raise NotFast from None
        else:
            received = None
        append(make(day, project, target, county, value, note, problem, nxt, by, action or None, reason, received, path, line))
    return records


def _parse_line_by_line(text: str, path: str, project: int) -> list[Record]:
    """A file with lines the regex does not read: the regex reads the others, YAML each of those
    alone; NotFast when one of them is not a whole record on its own line."""
    rows: list[tuple] = []
    row_lines: list[int] = []
    alone: dict[int, Record] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        match = _LINE.fullmatch(line)
        if match is not None:
            rows.append(match.groups())
            row_lines.append(number)
        elif not _SKIPPED_LINE.fullmatch(line):
            alone[number] = _read_line_alone(line, path, project, number)
    records = _records(rows, row_lines, path, project)
    if not alone:
        return records
    return sorted([*records, *alone.values()], key=lambda record: record.line)


def _read_line_alone(line: str, path: str, project: int, number: int) -> Record:
    """One hand-edited line (`- {…}` in another key order, with YAML escapes, …) read as YAML on
    its own. The lines before it are whole records or comments, so it means alone what it means
    in the file — as long as it is one whole record: a line that does not start a flow mapping,
    does not parse alone, or is not exactly one valid record (a block record, a multi-line
    string, a document marker) sends the whole file to YAML (NotFast), which says what is wrong."""
    from minsheng_cli.ledger.progress_yaml import ProgressFormatError, parse_yaml

    if not line.startswith("- {"):
        raise NotFast
    try:
        parsed = parse_yaml(line, path, project)
    except ProgressFormatError:
        raise NotFast from None
    if parsed.errors or len(parsed.records) != 1:
        raise NotFast
    return dataclasses.replace(parsed.records[0], line=number)


def _record_line_numbers(text: str, record_count: int) -> Optional[Iterable[int]]:
    """Line numbers of the record lines, given that every other line is blank or a comment;
    None when the lines do not add up (some line is neither)."""
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
            return None
        skipped.append(line)
    if record_count + len(skipped) != total:
        return None
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


@functools.cache
def _record_maker():
    """A Record built by setting its slots directly: twice as fast as the frozen dataclass's
    __init__ (which calls object.__setattr__ per field), and the same object."""
    from dataclasses import fields

    setters = tuple(Record.__dict__[f.name].__set__ for f in fields(Record))
    if len(setters) != 14:  # Record changed: build it the ordinary way
        return Record
    new = object.__new__
    s_date, s_project, s_target, s_county, s_value, s_note, s_problem, s_next, s_by, s_action, s_reason, s_received, s_path, s_line = setters

    def make(date, project, target, county, value, note, problem, nxt, by, action, reason, received, path, line):
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
        s_received(record, received)
        s_path(record, path)
        s_line(record, line)
        return record

    return make


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
