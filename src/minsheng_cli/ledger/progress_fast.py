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
import json
import re
from decimal import Decimal
from itertools import compress, repeat
from operator import itemgetter
from typing import Iterable, Iterator, Optional, Sequence

from minsheng_cli.ledger.model import Record, record_builder
from minsheng_cli.ledger.numbers import normal_decimal
from minsheng_cli.ledger.record_fields import ACTIONS, RECORD_FIELDS, TEXT_FIELDS


class NotFast(Exception):
    """The fast reader met a line it does not read exactly: the YAML loader reads the file."""


# Text the fast path never reads: C0 controls other than newline (a raw tab is valid YAML but not
# JSON), DEL and C1 controls (NEL is a YAML line break), LS/PS, BOM, non-characters, surrogates.
# No pattern below matches them, so a line holding one is not in the fast shape; a line read
# alone refuses them too (the whole file goes to YAML), so the file needs no pass of its own.
_NOT_FAST = "\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff"
_NOT_FAST_CHARS = f"[{_NOT_FAST}]"  # compiled by `re` where first used: a line read alone (rare)
_PLAIN = f'[^"\\\\\\n{_NOT_FAST}]++'  # string content up to a quote, a backslash or a line's end
# runs of plain content or escapes: the content's class once (compiling it is most of an
# update's 2 ms of regex compiling) and a match no slower (≈14 % faster than run, escape, run)
_STR = f'"(?:{_PLAIN}|\\\\(?:["\\\\/bfnrt]|u(?![dD][89abAB])[0-9a-fA-F]{{4}}))*+"'
_NUM = r"-?+(?:0|[1-9][0-9]{0,14}+)(?:\.[0-9]{1,6}+)?+"  # in range (numbers.value_in_range); else the YAML path says why
NUMBER_PATTERN = _NUM  # a figure as the fast reader takes it (series_summary checks what it keeps so)
_ID = r"(?!(?:null|true|false)[,}])[a-z][a-z0-9_]*+"
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
DATE_PATTERN = _DATE
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
_COMMENT = f"#[^\\n{_NOT_FAST}]*+"
_TRAILING_COMMENT = f"(?: +{_COMMENT})?+"  # `- {{…}}  # 已核对`: a person's note after a record is still the fast shape
_SKIPPED = f" *+(?:{_COMMENT})?+"  # a blank or comment line: matched too (its date group empty), so lines can be counted


def _line_pattern() -> re.Pattern:
    """A record line — the first field (date) required, every other one optional, all in the
    written order — or a blank or comment line. Possessive quantifiers: nothing to backtrack
    into, measurably faster."""
    first, *rest = RECORD_FIELDS
    optional = "".join(f"(?:, {name}: ({_VALUE_PATTERNS[name]}))?+" for name in rest)
    return re.compile(rf"^(?:- \{{{first}: ({_VALUE_PATTERNS[first]}){optional}\}}{_TRAILING_COMMENT}|{_SKIPPED})$", re.MULTILINE)


_LINE = _line_pattern()


def parse_fast(text: str, path: str, project: int, targets: Optional[frozenset] = None) -> list[Record]:
    """Every line a record in the exact written shape (a trailing comment allowed), a comment or
    blank; else NotFast.

    One `findall` gives every line's fields at C speed (a blank or comment line's are empty); when
    it matched as many lines as the file has, every line is one of those (no match spans lines,
    each starts a line). When not (a person edited a line), the file is read line by line: a
    one-line record the regex does not read is read alone as YAML (`_read_line_alone`), and only
    a line that cannot stand alone sends the file to YAML.

    `targets`: only the records of these targets (None in it: the project's narratives) are
    made; every line is still read, so a file is refused as it would be whole."""
    rows = _LINE.findall(text)
    if len(rows) != text.count("\n") + 1:
        return _parse_line_by_line(text, path, project, targets)
    return _records(rows, range(1, len(rows) + 1), path, project, targets)


def parse_fast_grouped(text: str, path: str, project: int, targets: Optional[frozenset] = None) -> tuple[list[Record], Optional[dict]]:
    """`parse_fast`, and — for a file every line of which the one `findall` reads — the numbers
    of the record lines of each series, (target, county) (target None: the narratives), what
    series_index remembers; None for a file with a line read alone."""
    rows = _LINE.findall(text)
    if len(rows) != text.count("\n") + 1:
        return _parse_line_by_line(text, path, project, targets), None
    records = _records(rows, range(1, len(rows) + 1), path, project, targets)  # NotFast for a bad literal: not indexed
    series_of = {literals: (_target(literals[0]), _text_or_none(literals[1])) for literals in {row[1:3] for row in rows if row[0]}}
    groups: dict[tuple, list[int]] = {}
    for number, row in enumerate(rows, start=1):
        if row[0]:
            groups.setdefault(series_of[row[1:3]], []).append(number)
    return records, groups


def parse_selected(text: str, numbers: Sequence[int], path: str, project: int, targets: Optional[frozenset]) -> Optional[list[Record]]:
    """The records of lines `numbers` of a file, given as `text` (those lines, joined by newlines),
    when they are exactly as many records (of `targets`, unless None) in the written shape; else
    None (the lines are not what an index said: the caller reads the file whole)."""
    if not numbers:
        return None if text else []
    rows = _LINE.findall(text)
    if len(rows) != len(numbers) or text.count("\n") + 1 != len(numbers):
        return None
    try:
        records = _records(rows, numbers, path, project, targets)
    except NotFast:
        return None
    return records if len(records) == len(numbers) else None


def _records(rows: list[tuple], lines: Iterable[int], path: str, project: int, wanted: Optional[frozenset] = None) -> list[Record]:
    """Records from the regex's groups (RECORD_FIELDS order) of the lines `lines` numbers; the
    groups of a blank or comment line are empty and give no record.

    Column by column: each column's distinct raw texts are decoded once (a file repeats its
    dates, targets, counties and figures thousands of times), and the records are built by `map`
    — at a million records the per-record Python work is what a report costs (PRODUCT.md §5)."""
    kept = list(compress(zip(lines, rows), map(_FIRST, rows)))
    if not kept:
        return []
    numbers, rows = zip(*kept)
    columns = list(zip(*rows))  # RECORD_FIELDS order
    # every literal of every line is decoded (a bad one sends the file to YAML), wanted or not
    tables = [_decoded(column, decode) for column, decode in zip(columns, _DECODERS)]
    if None in tables[1].values():
        _narratives_only(rows)
    if wanted is not None:
        keep = [target in wanted for target in map(tables[1].__getitem__, columns[1])]
        numbers, columns = tuple(compress(numbers, keep)), [tuple(compress(column, keep)) for column in columns]
        if not numbers:
            return []
    dates, targets, counties, values, actions, reasons, notes, problems, nexts, bys, received = map(_column, columns, tables)
    return list(map(
        record_builder(),
        dates, repeat(project), targets, counties, values, notes, problems, nexts, bys, actions, reasons, received, repeat(path), numbers,
    ))


def _decoded(raw: tuple, decode) -> dict:
    return {literal: decode(literal) for literal in set(raw)}


def _column(raw: tuple, table: dict) -> Iterator:
    if len(table) == 1:  # one value throughout (most files never have an action, a reason, …)
        return repeat(next(iter(table.values())))
    return map(table.__getitem__, raw)


def _narratives_only(rows: tuple) -> None:
    """A record without target must be a narrative (no county, value or action; some text):
    NotFast otherwise — the YAML path reports it."""
    for _date, target, county, value, action, _reason, note, problem, nxt, _by, _received in rows:
        if not target and (county or value or action or not (note or problem or nxt)):
            raise NotFast


def _date(literal: str) -> dt.date:
    try:
        return dt.date.fromisoformat(literal)
    except ValueError:
        raise NotFast from None


def _date_or_none(literal: str) -> Optional[dt.date]:
    return _date(literal) if literal else None


def _target(literal: str) -> Optional[str]:
    if not literal:
        return None
    return _text(literal) if literal[0] == '"' else literal


def _text_or_none(literal: str) -> Optional[str]:
    return _text(literal) if literal else None


def _value(literal: str):
    if not literal:
        return None
    return _text(literal) if literal[0] == '"' else _number(literal)


def _action(literal: str) -> Optional[str]:
    return literal or None


_FIRST = itemgetter(0)
_DECODERS = (_date, _target, _text_or_none, _value, _action, _text_or_none, _text_or_none, _text_or_none, _text_or_none,
             _text_or_none, _date_or_none)  # RECORD_FIELDS order
assert len(_DECODERS) == len(RECORD_FIELDS)


def _parse_line_by_line(text: str, path: str, project: int, targets: Optional[frozenset] = None) -> list[Record]:
    """A file with lines the regex does not read: the regex reads the others, YAML each of those
    alone; NotFast when one of them is not a whole record on its own line."""
    rows: list[tuple] = []
    row_lines: list[int] = []
    alone: dict[int, Record] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        match = _LINE.fullmatch(line)
        if match is None:
            alone[number] = _read_line_alone(line, path, project, number)
        elif match.group(1):
            rows.append(match.groups())
            row_lines.append(number)
    records = _records(rows, row_lines, path, project, targets)
    if not alone:
        return records
    mine = [record for record in alone.values() if targets is None or record.target in targets]
    return sorted([*records, *mine], key=lambda record: record.line)


def _read_line_alone(line: str, path: str, project: int, number: int) -> Record:
    """One hand-edited line (`- {…}` in another key order, with YAML escapes, …) read as YAML on
    its own. The lines before it are whole records or comments, so it means alone what it means
    in the file — as long as it is one whole record: a line that does not start a flow mapping,
    does not parse alone, or is not exactly one valid record (a block record, a multi-line
    string, a document marker) sends the whole file to YAML (NotFast), which says what is wrong."""
    from minsheng_cli.ledger.progress_yaml import ProgressFormatError, parse_yaml

    if not line.startswith("- {") or re.search(_NOT_FAST_CHARS, line):
        raise NotFast
    try:
        parsed = parse_yaml(line, path, project)
    except ProgressFormatError:
        raise NotFast from None
    if parsed.errors or len(parsed.records) != 1:
        raise NotFast
    return dataclasses.replace(parsed.records[0], line=number)


def _text(literal: str) -> str:
    return json.loads(literal) if "\\" in literal else literal[1:-1]


def _number(literal: str) -> Decimal:
    number = Decimal(literal)
    if "." in literal and literal[-1] == "0":
        number = normal_decimal(number)
    return number
