"""Writing a progress line: one record, one line, keys in the written order.

    - {date: 2023-06-30, target: new_places, county: "任城区", value: 6200, note: "新增托位已验收", by: "张三"}

Strings are JSON string literals (a subset of YAML double-quoted scalars) — a target id that YAML
reads as text stays bare —, numbers bare normalised decimals, dates bare ISO dates; absent keys
are left out. This is exactly the shape the fast reader (progress_fast.py) reads.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import operator
import re
from decimal import Decimal
from json.encoder import encode_basestring  # what json.dumps(text, ensure_ascii=False) does, without making an encoder per call

from minsheng_cli.words import progress as M
from minsheng_cli.ledger.model import TARGET_ID, Record
from minsheng_cli.ledger.numbers import format_number
from minsheng_cli.ledger.record_fields import RECORD_FIELDS, TEXT_FIELDS

YAML_WORDS = frozenset({"null", "true", "false"})  # plain scalars that YAML 1.2 does not read as text

# Characters json.dumps leaves raw but YAML refuses or reads as line breaks inside a quoted
# scalar (C1 controls incl. NEL, DEL, LS/PS, BOM, non-characters, lone surrogates): written as \uXXXX.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


RECORD_START = "- {date: "  # how every record line begins (its date's ten characters, then ", " and the target)


def format_record(record: Record) -> str:
    """One line (with its "\\n") in the written key order; absent keys are left out."""
    parts = []  # a plain loop: a fifth faster than a comprehension here (an import writes a line per row)
    for (prefix, write), value in zip(_WRITERS, _FIELDS_OF(record)):
        if value is not None:
            parts.append(prefix + write(value))
    return "- {" + ", ".join(parts) + "}\n"


def quote(text: str) -> str:
    """A JSON string literal that YAML reads back as the same text."""
    literal = encode_basestring(text) if isinstance(text, str) else json.dumps(text, ensure_ascii=False)  # a number a caller passed: as before
    if _YAML_UNSAFE.search(literal):
        literal = _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", literal)
    return literal


# Names, counties and reporters repeat on every line of an import: each is quoted once.
_quote_again = functools.lru_cache(maxsize=1024, typed=True)(quote)


def _target(target: str) -> str:
    return target if TARGET_ID.fullmatch(target) and target not in YAML_WORDS else quote(target)


def _value(value: Decimal | str) -> str:
    if isinstance(value, Decimal):
        text = format(value, "f")  # an integer (no point, not -0) is already written as format_number writes it
        return text if "." not in text and text != "-0" else format_number(value)
    return _quote_again(value)


def target_literal(target: str) -> str:
    """How a target id is written on a line (bare, or quoted when YAML would not read it as text)."""
    return _FORMATS["target"](target)


_iso_date = functools.lru_cache(maxsize=1024, typed=True)(dt.date.isoformat)  # a file repeats a few dates

_FORMATS = {
    "date": _iso_date,
    "target": functools.lru_cache(maxsize=1024, typed=True)(_target),
    "county": _quote_again,
    "value": _value,
    "action": str,
    "received": _iso_date,
    **{name: _quote_again for name in TEXT_FIELDS},
}
_WRITERS = tuple((f"{name}: ", _FORMATS[name]) for name in RECORD_FIELDS)
_FIELDS_OF = operator.attrgetter(*RECORD_FIELDS)


def file_header(project: int, month: dt.date) -> str:
    """The comment a new progress file starts with."""
    return M.REC_FILE_HEADER.format(project=project, year=month.year, month=month.month) + "\n"
