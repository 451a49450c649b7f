"""The check every record passes before `store.append_records` writes it, without pydantic.

A record may be written when
- it has none of the faults `check` finds in a line on its own (`written_faults`: no empty name or
  value, no negative figure, a reason for every correction and void, a value for every
  correction) — `record_model.WrittenRecord` applies this same function;
- its project has a file name that reads back as that project;
- its line, as `progress_write.format_record` writes it, reads back as the same record. The
  readers accept exactly what `record_model.ProgressRecord` accepts (tests/test_record_model.py),
  so this is the model's verdict on the line, without importing pydantic (≈ 0.1 s of every
  `update`, PRODUCT.md §5).

The store checks the faults and the file names before it touches anything, and the lines as it
reads every file it is about to write back (it parses them there anyway); only when a read-back
differs does it work out which record was at fault (`first_unsound`), so the record named is
the first unsound one of the whole batch, with its reasons.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from operator import attrgetter
from typing import Any, Iterator, Optional, Sequence

from minsheng_cli.errors import LedgerError
from minsheng_cli.ledger import layout
from minsheng_cli.ledger.record_fields import NAME_FIELDS

NO_FILE_NAME = "project {project!r} has no progress file name"
NOT_READ_BACK = "its line does not read back as the record"
NO_VALUE_TYPE = "value is a {kind}, neither a figure nor text"
NO_DATE = "date is a {kind}, not a date"


class RecordInvalid(RuntimeError):
    """A record we were about to write is not sound: a bug, never a user's mistake (update and
    import check every input first). The error boundary reports it as an internal error."""


def written_faults(record: Any) -> list[str]:
    """What `check` would find in this record's line on its own ([] when nothing): read from
    attributes, so a Record and a validated model line both answer."""
    faults = [f"{name} is empty" for name in NAME_FIELDS if getattr(record, name) == ""]
    value, action = record.value, record.action
    if value == "":
        faults.append("value is empty")
    if type(value) is int:  # written, and taken by the model, as the figure it is
        value = Decimal(value)
    if isinstance(value, Decimal) and value.is_finite() and value < 0:  # NaN is no figure: the line says so
        faults.append("value is negative")
    if action is not None and not record.reason:
        faults.append(f"{action} without reason")
    if action == "correct" and value is None:
        faults.append("correct without value")
    return faults


def unsound_reasons(record: Any, read_back: bool = True) -> list[str]:
    """Why `record` may not be written ([] when it may); `read_back=False` leaves its line to the
    caller's read-back."""
    reasons = written_faults(record)
    if type(record.date) is not dt.date:  # the store files a record by its date's month
        reasons.append(NO_DATE.format(kind=type(record.date).__name__))
    if not _holdable_type(record.value):  # a float equals the Decimal it reads back as
        reasons.append(NO_VALUE_TYPE.format(kind=type(record.value).__name__))
    if not layout.holds_project(record.project):
        reasons.append(NO_FILE_NAME.format(project=record.project))
    elif read_back and not reasons:
        why = read_back_problem(record)
        if why is not None:
            reasons.append(why)
    return reasons


def _holdable_type(value: Any) -> bool:
    """A value of a type a line holds: a figure (an int is written as one, as the model takes it),
    text or none; not a bool, not a float."""
    return value is None or isinstance(value, (str, Decimal)) or type(value) is int


def read_back_problem(record: Any) -> Optional[str]:
    """Why the record's written line, read alone, is not the record again; None when it is."""
    from minsheng_cli.ledger.progress_file import parse_progress_text
    from minsheng_cli.ledger.progress_write import format_record

    try:
        read = parse_progress_text(format_record(record), "", record.project)
    except LedgerError as err:
        return f"{NOT_READ_BACK}: {getattr(err, 'detail', None) or err.message}"
    except (TypeError, ValueError, AttributeError, ArithmeticError) as err:  # a value no line can hold
        return f"{NOT_READ_BACK}: {type(err).__name__}"
    return None if read == [record] else NOT_READ_BACK


def first_unsound(records: Sequence[Any], read_back: bool = True) -> Optional[tuple[int, list[str]]]:
    """(index, reasons) of the first record that may not be written, or None."""
    if read_back:
        candidates: Any = range(len(records))
    else:  # only the records a quick look cannot clear are asked in full
        candidates = _maybe_unsound(records)
    for index in candidates:
        reasons = unsound_reasons(records[index], read_back)
        if reasons:
            if not read_back:  # an earlier record's line may be what is wrong: say that one
                earlier = first_unsound(records[:index])
                if earlier is not None:
                    return earlier
                reasons = unsound_reasons(records[index])
            return index, reasons
    return None


def _maybe_unsound(records: Sequence[Any]) -> Iterator[int]:
    """The indexes of the records `unsound_reasons(read_back=False)` might refuse: a correction or
    void, or a field its rules look at being suspect (a whole year's import writes 65,000)."""
    fields = attrgetter("target", "county", "value", "action", "project", "date")
    projects = {project for project in {record.project for record in records} if layout.holds_project(project)}
    for index, (target, county, value, action, project, day) in enumerate(map(fields, records)):
        kind = value.__class__
        if (target == "" or county == "" or action is not None or project not in projects or day.__class__ is not dt.date
                or (kind is not str and kind is not Decimal and value is not None) or value == ""  # an int: asked in full
                or (kind is Decimal and not (value.is_finite() and value >= 0))):
            yield index


def refusal(records: Sequence[Any], found: tuple[int, list[str]]) -> RecordInvalid:
    from minsheng_cli.words import progress as M

    index, reasons = found
    record = records[index]
    return RecordInvalid(M.REC_UNSOUND.format(project=record.project, date=record.date, problems="；".join(reasons)))


def check_before_writing(records: Sequence[Any]) -> None:
    """RecordInvalid for the first record with a fault or without a file name; the lines are
    checked by the store's read-back (`after_read_back_differs`)."""
    found = first_unsound(records, read_back=False)
    if found is not None:
        raise refusal(records, found)


def after_read_back_differs(records: Sequence[Any]) -> None:
    """A file could not take the lines (its read-back differed, or it is broken, read-only,
    unreadable): RecordInvalid when a record's own line is at fault (the first such), since that
    is ours to fix, not the user's; otherwise the caller raises the file's own error."""
    found = first_unsound(records)
    if found is not None:
        raise refusal(records, found)
