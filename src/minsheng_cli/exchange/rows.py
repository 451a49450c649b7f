"""Turning candidate rows into records: every row checked, every bad row reported.

`validate(plan, existing, source, today)` turns every candidate into a Record through
`recording.prepare`, checking each against the records already kept PLUS the earlier rows of
the same file (so a count cannot go down between two rows either). Rows identical to what is
recorded are skipped and counted. Every bad row is collected; if there is any, nothing is
written and `ImportRejected` carries all of them as `第N行「列名」：原因` — `recording`'s messages,
re-addressed from command-line arguments to the row's columns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Optional

from minsheng_cli.words import exchange as M, vocab as vocab_words
from minsheng_cli.errors import ImportRejected, InputError, UsageError
from minsheng_cli.exchange.sheets import FIELDS, Candidate, Source
from minsheng_cli.ledger.model import Plan, Record


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


def validate(plan: Plan, existing: list[Record], source: Source, today: dt.date, after_plan: bool = False) -> Outcome:
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
                fields["next"], fields["by"], False, False, None, today, after_plan=after_plan,
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
