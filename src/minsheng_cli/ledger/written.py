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

from decimal import Decimal
from operator import attrgetter
from typing import Any, Iterator, Optional, Sequence

from minsheng_cli.errors import LedgerError
from minsheng_cli.ledger import layout
from minsheng_cli.ledger.record_fields import NAME_FIELDS

NO_FILE_NAME = "project {project!r} has no progress file name"
NOT_READ_BACK = "its line does not read back as the record"
NO_VALUE_TYPE = "value is a {kind}, neither a Decimal nor text"
_VALUE_TYPES = (Decimal, str, type(None))


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
    if isinstance(value, Decimal) and value < 0:
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
    if type(record.value) not in _VALUE_TYPES:  # a float equals the Decimal it reads back as
        reasons.append(NO_VALUE_TYPE.format(kind=type(record.value).__name__))
    if not layout.holds_project(record.project):
        reasons.append(NO_FILE_NAME.format(project=record.project))
    elif read_back and not reads_back(record):
        reasons.insert(0, NOT_READ_BACK)
    return reasons


def reads_back(record: Any) -> bool:
    """Whether the record's written line, read alone, is the record again."""
    from minsheng_cli.ledger.progress_file import parse_progress_text
    from minsheng_cli.ledger.progress_write import format_record

    try:
        return parse_progress_text(format_record(record), "", record.project) == [record]
    except (LedgerError, TypeError, ValueError, AttributeError):  # a value no line can hold
        return False


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
    fields = attrgetter("target", "county", "value", "action", "project")
    projects = {project for project in {record.project for record in records} if layout.holds_project(project)}
    for index, (target, county, value, action, project) in enumerate(map(fields, records)):
        kind = value.__class__
        if (target == "" or county == "" or action is not None or project not in projects
                or (kind is not str and kind is not Decimal and value is not None) or value == "" or (kind is Decimal and value < 0)):
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
    """A file's read-back differed from what was to be written: RecordInvalid when a record's own
    line is at fault (the first such); otherwise the caller says the file cannot take the lines."""
    found = first_unsound(records)
    if found is not None:
        raise refusal(records, found)
