"""Turning candidate rows into records: every row checked, every bad row reported.

`validate(plan, existing, source, today, allow)` turns every candidate into a Record through
`recording.prepare`, checking each against the records already kept PLUS the earlier rows of
the same file (so a count cannot go down between two rows either). Rows identical to what is
recorded are skipped and counted. Every bad row is collected; if there is any, nothing is
written and `ImportRejected` carries all of them as `第N行「列名」：原因` — `recording`'s messages,
re-addressed from command-line arguments to the row's columns.

Beyond `recording`'s rules, a row of a template keeps what the template promised: the unit it
was made for reports on projects it leads or co-runs (unless --any-unit; a template whose
metadata names no unit, and any free-form file, has nothing to check), and its number cells are
in base units (the instructions refuse 万; a free CSV takes 1.2万 as `update` does). A value
`plausible.doubts` questions is listed as 需核实 before the bad rows and refuses the import
unless --accept-outliers, which writes it and still lists it. A note on a row with a target (and
county) keeps them: it is that target's (and county's) narrative, not the project's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Optional

from minsheng_cli.ledger.numbers import ARGUMENT_VALUE
from minsheng_cli.words import exchange as M, vocab as vocab_words
from minsheng_cli.errors import ImportRejected, InputError, UsageError
from minsheng_cli.exchange.sheets import FIELDS, Candidate, Source
from minsheng_cli.ledger.in_force import Series
from minsheng_cli.ledger.model import NUMERIC_KINDS, Plan, Project, Record
from minsheng_cli.ledger.numbers import multiplier_in


@dataclass
class Outcome:
    """What an import writes: new records (with the rows they came from), what it skipped, and
    the rows whose values need checking that `--accept-outliers` let through (需核实)."""

    source: Source
    records: list[Record] = field(default_factory=list)
    rows: list[Candidate] = field(default_factory=list)
    same: int = 0
    written_files: list[str] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return self.same


@dataclass(frozen=True)
class Allowances:
    """What the office allows an import beyond the rules: dates after the plan (--after-plan),
    values that need checking (--accept-outliers), rows for another unit's projects (--any-unit)."""

    after_plan: bool = False
    accept_outliers: bool = False
    any_unit: bool = False


def validate(plan: Plan, existing: list[Record], source: Source, today: dt.date, allow: Allowances = Allowances(),
             received: Optional[dt.date] = None) -> Outcome:
    """Records for every candidate, or ImportRejected listing every row that needs checking
    (需核实, first) and every bad row. `received`: the day the office received the sheet, written
    on every record (None: not written).

    What a row names (its project, series, date) is worked out once per distinct text, here and
    in `recording.Memo`: a year's sheet repeats ~1,000 series and ~50 dates over 65,000 rows."""
    from minsheng_cli.ledger import names, recording

    check_template_plan(plan, source)
    pools = _pools_by_series(existing)
    unit = None if allow.any_unit else template_unit(source)
    sheet_month = template_month(plan, source)
    outcome = Outcome(source)
    errors: list[str] = []
    doubts: list[str] = []
    memo = recording.Memo(plan)
    prepare = recording.prepare
    projects: dict[str, Optional[Project]] = {}
    named: dict[tuple, tuple] = {}  # (project, target, county as typed, without value) -> (project, target, pool)
    dates: dict[Any, dt.date] = {}
    for candidate in source.candidates:
        fields: dict[str, Any] = {}
        try:
            fields = _fields(candidate, dates)
            key = (fields["project"], fields["target"], fields["county"], fields["value"] is None)
            known = named.get(key)
            if known is None:
                project = projects.get(fields["project"], _UNKNOWN)
                if project is _UNKNOWN:
                    project = projects[fields["project"]] = names.project_or_none(plan, fields["project"])  # None: recording says why
            else:
                project = known[0]
            _check_template_row(project, source, fields, unit)
            _check_sheet_month(sheet_month, fields["date"])
            if known is None:
                fields["target"] = _target_named(plan, project, fields)
                pool = _pool_of(pools, project, _series_of(plan, project, fields))
                named[key] = (project, fields["target"], pool)
            else:
                fields["target"], pool = known[1], known[2]
            day = fields["date"]
            record = prepare(
                plan, pool.checked_against(day), project or fields["project"], fields["target"], fields["value"], day, fields["county"],
                fields["note"], fields["problem"], fields["next"], fields["by"], False, False, None, today,
                after_plan=allow.after_plan, memo=memo, received=received, path=candidate.where,  # path: an earlier row, if a later one clashes
                folded=pool.folded_before(day),
            )
        except recording.AlreadyRecorded:
            outcome.same += 1
            continue
        except recording.Implausible as doubt:
            doubts.append(M.IMP_DOUBT_ROW.format(row=candidate.error("value", M.IMP_DOUBT_SEP.join(doubt.reasons))))
            if not allow.accept_outliers:
                continue
            record = doubt.record
        except _RowError as err:
            errors.append(candidate.error(err.field, err.reason))
            continue
        except recording.NeedsCorrection as err:
            errors.append(_row_message(plan, candidate, fields, err.why) + M.IMP_NEEDS_CORRECTION.format(command=err.command))
            continue
        except (InputError, UsageError) as err:
            errors.append(_row_message(plan, candidate, fields, err.message))
            continue
        pool.add(record)
        outcome.records.append(record)
        outcome.rows.append(candidate)
    _reject(source, errors, [] if allow.accept_outliers else doubts)
    outcome.doubts = doubts
    return outcome


def _reject(source: Source, errors: list[str], doubts: list[str]) -> None:
    """ImportRejected listing the rows that need checking first, then the bad rows; or nothing."""
    if not errors and not doubts:
        return
    if errors and doubts:
        message, hint = M.IMP_REJECTED_BOTH.format(path=source.path, count=len(errors), doubtful=len(doubts)), M.IMP_REJECTED_BOTH_HINT
    elif doubts:
        message, hint = M.IMP_REJECTED_DOUBTS.format(path=source.path, doubtful=len(doubts)), M.IMP_DOUBTS_HINT
    else:
        message, hint = M.IMP_REJECTED.format(path=source.path, count=len(errors)), M.IMP_REJECTED_HINT
    rejected = ImportRejected(message, doubts + errors)
    rejected.hint = hint
    raise rejected


def template_unit(source: Source) -> Optional[str]:
    """The unit a template was made for; None for a free-form file (nothing to check) or a
    template whose metadata names none."""
    unit = (source.meta or {}).get("unit") if source.kind == "template" else None
    return (unit or "").strip() or None


def _check_template_row(project: Optional[Project], source: Source, fields: dict, unit: Optional[str]) -> None:
    """What a template promises about its rows: the unit reports on its own projects (the one it
    leads or co-runs), and a number cell holds base units (its instructions refuse 万)."""
    if source.kind != "template" or project is None:
        return
    if unit is not None and unit not in project.lead and unit not in project.co:
        raise _RowError("project", M.IMP_OTHER_UNIT.format(project=project.id, name=project.name, unit=unit))
    target = project.find_target(str(fields["target"]).strip()) if fields["target"] is not None else None
    multiplier = multiplier_in(fields["value"]) if target is not None and target.kind in NUMERIC_KINDS else None
    if multiplier is not None:
        raise _RowError("value", M.IMP_NO_MULTIPLIER.format(value=fields["value"], multiplier=multiplier))


def template_month(plan: Plan, source: Source) -> Optional[tuple[dt.date, dt.date, str]]:
    """(first day, last day, 2023年6月) of the month a monthly template was made for (its 填报期,
    with the plan's report_cutoff_day); None for a weekly sheet or any other file."""
    import re

    from minsheng_cli.reporting.periods import month_period

    written = (source.meta or {}).get("month", "") if source.kind == "template" else ""
    found = re.fullmatch(r"(\d{4})-(\d{2})|(\d{4})年(\d{1,2})月", written)  # 2023-06; older sheets: 2023年6月
    if found is None:
        return None
    year, month = (int(found[1]), int(found[2])) if found[1] else (int(found[3]), int(found[4]))
    period = month_period(f"{year}-{month:02d}", plan.settings.report_cutoff_day)
    return period.start, period.as_of, period.label


def _check_sheet_month(sheet_month: Optional[tuple[dt.date, dt.date, str]], day: Optional[dt.date]) -> None:
    """A monthly sheet reports its own month: a date in another (a month typed wrong: 2023-07-15 in
    June's sheet) would land in another month's file unseen."""
    if sheet_month is None or day is None:
        return
    first, last, label = sheet_month
    if not first <= day <= last:
        raise _RowError("date", M.IMP_DATE_OUTSIDE_SHEET.format(date=day, label=label, first=first, last=last))


def check_template_plan(plan: Plan, source: Source) -> None:
    if source.meta is not None and source.meta.get("document") != plan.document:
        raise InputError(M.IMP_OTHER_PLAN.format(path=source.path, document=source.meta.get("document"), plan=plan.document))


def _pools_by_series(records: list[Record]) -> dict[tuple, "_Pool"]:
    """Existing records by series (project, target, county; narratives: project, None, None).

    A record is checked only against its own series — the same value on the same date, a count
    that goes down — so each row is checked against that short list, not the whole ledger (a
    500-row sheet would otherwise cost 500 passes over every record of its project)."""
    pools: dict[tuple, _Pool] = {}
    for record in records:
        pool = pools.get(key := (record.project, record.target, record.county))
        if pool is None:
            pool = pools[key] = _Pool()
        pool.add(record)
    return pools


class _Pool:
    """One series' records (those kept, then this import's earlier rows) and what a row dated
    `day` must be checked against.

    A whole year in one sheet adds ~80 rows to each series at 65k rows (~1,200 at 1M), and
    checking each against the whole of its growing series made the import quadratic. While the
    series has only plain records (no correct, no void) on strictly increasing dates, a row
    dated after all of them meets nothing on its date, nothing later, and in force before it
    everything, so `recording.prepare` reaches the same verdict against the latest record with a
    number (the one `check_plausible` and the count order look at) as against the whole series
    — and against nothing for a checklist or milestone, whose items are text. Any other row
    (an earlier date, a series with corrections) is checked against the whole series.
    A project's narratives (no target) are checked only against those of the row's date — all
    `recording` compares a narrative with — kept by date, so a project's many notes on one date
    do not make it quadratic either. tests/test_import_pools.py holds the two ways together."""

    __slots__ = ("records", "items", "increasing", "latest_date", "latest_number", "narrative", "_by_date")

    def __init__(self, items: Optional[bool] = None):
        self.records: list[Record] = []
        self.items = items  # the series' values are items (None: not known yet, take the slow way)
        self.increasing = True
        self.latest_date: Optional[dt.date] = None
        self.latest_number: Optional[Record] = None
        self.narrative = False  # a project's narratives (set by _pool_of)
        self._by_date: Optional[dict[dt.date, list[Record]]] = None  # built on the first narrative row

    def add(self, record: Record) -> None:
        self.records.append(record)
        if self._by_date is not None:
            self._by_date.setdefault(record.date, []).append(record)
        if record.action is not None or (self.latest_date is not None and record.date <= self.latest_date):
            self.increasing = False
        if self.latest_date is None or record.date > self.latest_date:
            self.latest_date = record.date
        if isinstance(record.value, Decimal):
            self.latest_number = record

    def checked_against(self, day: Any) -> list[Record]:
        if self.narrative and isinstance(day, dt.date):
            if self._by_date is None:
                self._by_date = {}
                for record in self.records:
                    self._by_date.setdefault(record.date, []).append(record)
            return self._by_date.get(day, [])
        if self.items is None or not self.increasing or not isinstance(day, dt.date):
            return self.records
        if self.latest_date is not None and day <= self.latest_date:
            return self.records
        if self.items or self.latest_number is None:
            return []
        return [self.latest_number]

    def folded_before(self, day: Any) -> Optional["_LatestFolded"]:
        """What `history.fold(checked_against(day))` answers for a row of a numeric or continuing
        series dated after all of it, without folding per row; None: let `recording` fold."""
        if self.items is not False or not self.increasing or not isinstance(day, dt.date):
            return None
        if self.latest_date is not None and day <= self.latest_date:
            return None
        return _LatestFolded(self.latest_number)


class _LatestFolded:
    """The fold of at most one plain record with a number (or of none): that record is in force
    at its key, and its series is that record alone — what `recording` asks of a fold (the
    records in force at a key, a series). Used only where `_Pool.checked_against` gives exactly
    that record (or none): tests/test_import_pools.py holds it to the fold of the whole series."""

    __slots__ = ("latest",)

    def __init__(self, latest: Optional[Record]):
        self.latest = latest

    def in_force_at(self, key: tuple) -> list[Record]:
        latest = self.latest
        return [latest] if latest is not None and latest.key == key else []

    def series_of(self, project: int, target: str, county: Optional[str]):
        latest = self.latest
        if latest is None or (latest.project, latest.target, latest.county) != (project, target, county):
            return None
        return Series([latest.date], [latest])


def _pool_of(pools: dict[tuple, _Pool], project: Optional[Project], series: tuple) -> _Pool:
    pool = pools.get(series)
    if pool is None:
        pool = pools[series] = _Pool(None)
    if pool.items is None:
        pool.items = _is_set_series(project, series)
        pool.narrative = project is not None and series[0] is not None and series[1] is None and series[2] is None
    return pool


def _is_set_series(project: Optional[Project], series: tuple) -> Optional[bool]:
    """Whether a series' values are items (checklist, milestone steps); None when not known."""
    from minsheng_cli.ledger.record_rules import SET_KINDS

    if project is None or series[0] is None:
        return None
    if series[1] is None:
        return True  # a project's narratives: nothing numeric to look back at
    target = project.find_target(series[1])
    return None if target is None else target.kind in SET_KINDS


def _target_named(plan: Plan, project: Optional[Project], fields: dict) -> Optional[str]:
    """The row's target; for a note given with a county and no target, the one target of the
    project that county reports on (so the note keeps its county and target)."""
    if fields["target"] is not None or not fields["county"] or fields["value"] is not None or project is None:
        return fields["target"]
    from minsheng_cli.ledger.recording import target_of_county

    return target_of_county(plan, project, fields["county"])


def _series_of(plan: Plan, project: Optional[Project], fields: dict) -> tuple:
    """The series key of a row (a project's narrative: project, None, None); rows that name no
    known project or target share a throwaway pool (`recording.prepare` rejects them with its
    own message)."""
    if project is None:
        return (None, None, None)
    if fields["target"] is None:
        return (project.id, None, None)
    from minsheng_cli.ledger import names

    target = names.target_or_none(project, str(fields["target"]))
    if target is None:
        return (None, None, None)
    county = names.county_or_none(plan, fields["county"]) or (fields["county"] or "").strip() or None
    return (project.id, target.id, county if target.by_county else None)


class _RowError(Exception):
    def __init__(self, field_name: str, reason: str):
        super().__init__(reason)
        self.field, self.reason = field_name, reason


_UNKNOWN = object()  # not worked out yet (None is an answer: a row naming no known project)
_TEXT_FIELDS = tuple(name for name in FIELDS if name != "date")


def _fields(candidate: Candidate, dates: Optional[dict] = None) -> dict[str, Any]:
    """The arguments of `recording.prepare` from the raw cells: text, dates as dates. `dates`:
    the dates already read, by their cell (a sheet repeats a few dates over many rows)."""
    cells = candidate.cells
    fields = {}
    for name in _TEXT_FIELDS:
        value = cells.get(name)
        fields[name] = (value.strip() or None) if type(value) is str else _text(value)  # text: `_text` inline
    if fields["project"] is None:
        raise _RowError("project", M.IMP_MISSING_PROJECT)
    if fields["target"] is None and fields["value"] is not None:
        raise _RowError("target", M.IMP_MISSING_TARGET)
    cell = cells.get("date")
    day = dates.get(cell) if dates is not None and isinstance(cell, str) else None
    if day is None:
        day = _date(cell)
        if dates is not None and isinstance(cell, str):
            dates[cell] = day
    fields["date"] = day
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
    ("--next", "next"), ("--by", "by"), (ARGUMENT_VALUE, "value"),
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
    from minsheng_cli.ledger import names

    project = names.project_or_none(plan, fields.get("project") or "")
    if project is None:
        return "project", message
    if fields.get("target") is not None and names.target_or_none(project, str(fields["target"])) is None:
        return "target", message
    for argument, name in _ARGUMENTS:
        if argument in message:
            return name, message
    return "value", message
