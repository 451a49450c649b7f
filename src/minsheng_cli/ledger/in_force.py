"""What the in-force engine (`history.fold`) gives: the facts in force and each record's fate.

`InForce` holds, after one fold over a ledger's records: per (project, target) a `TargetHistory`
(values in force per county as a `Series`, items and steps in force with their dates, dates of
activity), the project's narrative dates, the text that counts, and for every record its `Fate`.
`as_of(day)` is a `Standing`: the same facts at the end of a date (a report at its date, a
template's 上次累计 before its month). Nothing here applies the rule; `history.py` does.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import repeat
from operator import attrgetter, is_
from typing import Optional

from minsheng_cli.ledger.model import Record
from minsheng_cli.ledger.record_fields import NARRATIVE_FIELDS

# What became of a record (Fate.state).
IN_FORCE, REPLACED, VOIDED = "in_force", "replaced", "voided"
VOID, VOID_NOTHING = "void", "void_nothing"  # a void that cancelled something / nothing
NARRATIVE, INVALID = "narrative", "invalid"
# Why an invalid record was not applied (Fate.why).
REJECTED = "rejected"  # the record rules found something (Fate.findings says what)
DUPLICATE = "duplicate"  # identical to an earlier record of its key
CONFLICT = "conflict"  # another value than an earlier record for the same key, neither corrected nor voided
CORRECT_WITHOUT_VALUE = "correct-without-value"  # without a plan to judge by, what the engine cannot apply
ITEM_NOT_TEXT = "item-not-text"
# Dataclasses here are declared with eq=False: nothing compares them, and each generated __eq__
# costs start-up time on every report (PRODUCT.md §5).


@dataclass(frozen=True, eq=False)
class Fate:
    """What became of one record."""

    state: str  # IN_FORCE | REPLACED | VOIDED | VOID | VOID_NOTHING | NARRATIVE | INVALID
    by: Optional[Record] = None  # REPLACED / VOIDED: the later record that did it
    why: str = ""  # INVALID: REJECTED | DUPLICATE | CONFLICT | CORRECT_WITHOUT_VALUE | ITEM_NOT_TEXT
    findings: tuple = ()  # INVALID: (record, key, code, message) as `check` reports them

    @property
    def in_force(self) -> bool:
        return self.state == IN_FORCE

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the record does not count, in check's words (empty for the engine's own cases)."""
        return tuple(finding[3] for finding in self.findings)


class Series:
    """One (target, county) series of value records in force, sorted by date. A compacted series
    (`compact`) keeps the dates and values only: what a report reads, without the records."""

    __slots__ = ("dates", "records", "_values")

    def __init__(self, dates: list[dt.date], records: list[Record]):
        self.dates, self.records = dates, records
        self._values: Optional[list] = None

    @property
    def values(self) -> list:
        if self._values is None:
            self._values = list(map(_VALUE, self.records))
        return self._values

    def compact(self) -> None:
        """Let the records go (a report of 1,000,000 records holds only dates and values)."""
        self._values = self.values
        self.records = None

    def latest(self, day: dt.date) -> Optional[tuple[dt.date, object]]:
        index = bisect.bisect_right(self.dates, day) - 1
        return (self.dates[index], self.values[index]) if index >= 0 else None

    def latest_number(self, day: dt.date) -> Optional[tuple[dt.date, Decimal]]:
        """The latest numeric value (a text value on a count target is an error `check` reports)."""
        values = self.values
        index = bisect.bisect_right(self.dates, day) - 1
        while index >= 0 and not isinstance(values[index], Decimal):
            index -= 1
        return (self.dates[index], values[index]) if index >= 0 else None

    def first(self) -> Optional[tuple[dt.date, Decimal]]:
        return next(((day, value) for day, value in zip(self.dates, self.values) if isinstance(value, Decimal)), None)


@dataclass(eq=False)
class TargetHistory:
    """One target's facts in force: what a report reads to judge it at any date."""

    series: dict[Optional[str], Series] = field(default_factory=dict)  # county (None: city-wide)
    items: list[tuple[dt.date, str]] = field(default_factory=list)  # checklist items / steps in force, every county
    activity: list[dt.date] = field(default_factory=list)  # any record: values, items, narratives
    narrated: list[dt.date] = field(default_factory=list)  # records without a value addressed to the target


EMPTY_HISTORY = TargetHistory()


class Folded:
    """What the fold gathers: the facts in force, and what it did to records other than the one
    it was applying (fates are read from it)."""

    __slots__ = ("values", "items", "texts", "said", "withdrawn", "replaced", "voided", "nothing", "invalid",
                 "rejected", "duplicates", "conflicts", "seen")

    def __init__(self) -> None:
        self.values: dict[tuple, dict] = {}  # (project, target) -> county -> date -> record in force (None: none, see history)
        self.items: dict[tuple, dict] = {}  # (project, target) -> county -> date -> {item: record in force}
        self.texts: dict[tuple, dict] = {}  # (project, target) -> record key -> [records whose text counts]
        self.said: list[Record] = []  # records with text, in written order
        self.withdrawn: set[int] = set()  # ids of those a later void or correct withdrew
        self.replaced: list[tuple[Record, Record]] = []  # (old, the record that replaced it)
        self.voided: list[tuple[Record, Record]] = []  # (old, the void that cancelled it)
        self.nothing: list[Record] = []  # voids that cancelled nothing
        self.invalid: list[tuple[Record, str]] = []  # what the engine could not apply, and why
        self.rejected: dict[int, list] = {}  # id(record) -> the record rules' findings: never applied
        self.duplicates: list[tuple[Record, Record]] = []  # (record, the earlier one it repeats)
        self.conflicts: dict[tuple, list[Record]] = {}  # key -> its records of different values, unresolved
        self.seen: dict[tuple, list[Record]] = {}  # key -> its records so far, for keys met more than once


class InForce:
    """The facts in force after a fold; `as_of(day)` views them at a date. The report's per-target
    histories are built on first use: a question about one key (`update`, `import` row by row)
    needs none of them."""

    def __init__(self, folded: Folded):
        self._items = folded.items  # kept whole: in_force_at and Standing read it (item targets are few)
        self._folded = folded  # its events, for fates; the rest is dropped once built
        self._fates: Optional[dict[int, Fate]] = None
        self._histories: Optional[dict[tuple[int, str], TargetHistory]] = None
        self._project_activity: dict[int, list[dt.date]] = {}
        self._project_reports: dict[int, list[dt.date]] = {}
        self._notes: dict[int, list[Record]] = {}

    @property
    def targets(self) -> dict[tuple[int, str], TargetHistory]:
        """(project, target) → its history."""
        self._ensure_built()
        return self._histories

    @property
    def project_activity(self) -> dict[int, list[dt.date]]:
        """Project → dates of its project-level narratives."""
        self._ensure_built()
        return self._project_activity

    @property
    def project_reports(self) -> dict[int, list[dt.date]]:
        """Project → dates of any record of it (values, items, narratives)."""
        self._ensure_built()
        return self._project_reports

    @property
    def notes(self) -> dict[int, list[Record]]:
        """Project → records whose 进展情况/存在问题/下步打算 count, by date (written order within one)."""
        self._ensure_built()
        return self._notes

    def _ensure_built(self) -> None:
        if self._histories is None:
            self._build(self._folded)

    # --- per target -------------------------------------------------------------------------------
    def history(self, project_id: int, target_id: str) -> TargetHistory:
        return self.targets.get((project_id, target_id), EMPTY_HISTORY)

    def series_of(self, project: int, target: str, county: Optional[str]) -> Optional[Series]:
        """One (target, county)'s values in force, without building every target's history."""
        if self._histories is not None:
            return self.history(project, target).series.get(county)
        return _series(self._folded.values.get((project, target), {}).get(county))

    def in_force_at(self, key: tuple) -> list[Record]:
        """The records in force for one (project, target, county, date): the value, or the items;
        for a date in conflict, its records of different values (none counts: a new record for
        that date must be a correction)."""
        project, target, county, day = key
        items = self._items.get((project, target))
        if items is not None:
            return list(items.get(county, {}).get(day, {}).values())
        conflicted = self._folded.conflicts.get(key)
        if conflicted:
            return list(conflicted)
        if self._histories is None:
            record = self._folded.values.get((project, target), {}).get(county, {}).get(day)
            return [] if record is None else [record]
        series = self.series_of(project, target, county)
        if series is None:
            return []
        _not_compacted(series)
        index = bisect.bisect_left(series.dates, day)
        return [series.records[index]] if index < len(series.dates) and series.dates[index] == day else []

    def values_in_force(self) -> list[Record]:
        """Every value record in force (not items), sorted by (project, target, county, date)."""
        found = [r for history in self.targets.values() for series in history.series.values() for r in _not_compacted(series)]
        return sorted(found, key=lambda r: (r.project, r.target or "", r.county or "", r.date))

    def as_of(self, day: dt.date) -> "Standing":
        return Standing(self, day)

    def compact(self, notes_after: Optional[dt.date] = None) -> None:
        """Build the histories and let the records of every series go (what a report reads of a
        project is its dates and values, `Series.compact`). With `notes_after` (a report's
        previous period's end), of the notes dated up to it only the latest of each target and
        field are kept: all a report can quote of them (reporting/report.latest_notes quotes
        the period's texts, else the latest earlier one) — a province ledger's notes are a
        quarter of its records."""
        self._ensure_built()
        for history in self._histories.values():
            for series in history.series.values():
                series.compact()
        if notes_after is not None:
            self._notes = {project: _quotable(notes, notes_after) for project, notes in self._notes.items()}

    def absorb(self, part: "InForce") -> None:
        """Take in the facts of another fold over other projects' records (`whole.fold_ledger`),
        compacted (`compact`): no key spans two projects, so nothing of one replaces the other's."""
        self._ensure_built()
        part._ensure_built()
        self._items.update(part._items)
        self._histories.update(part._histories)
        self._project_activity.update(part._project_activity)
        self._project_reports.update(part._project_reports)
        self._notes.update(part._notes)
        mine, theirs = self._folded, part._folded
        for name in ("replaced", "voided", "nothing", "invalid", "duplicates"):
            getattr(mine, name).extend(getattr(theirs, name))
        mine.rejected.update((id(found[0][0]), found) for found in theirs.rejected.values())  # by id in this process (a worker's ids are its own)
        mine.conflicts.update(theirs.conflicts)
        self._fates = None

    # --- per record -------------------------------------------------------------------------------
    def fate(self, record: Record) -> Fate:
        """What became of `record`, one of the records folded (told apart by identity)."""
        if self._fates is None:
            self._fates = self._collect_fates()
        found = self._fates.get(id(record))
        if found is not None:
            return found
        return _NARRATIVE if record.target is None or record.value is None else _IN_FORCE

    def records_with_fate(self, state: str) -> list[Record]:
        """The records folded whose fate is `state`, one of REPLACED, VOIDED, VOID_NOTHING and
        INVALID (the others are what every remaining record is), in the order the fold met them."""
        folded = self._folded
        if state == REPLACED:
            return [old for old, _new in folded.replaced]
        if state == VOIDED:
            return [old for old, _void in folded.voided]
        if state == VOID_NOTHING:
            return list(folded.nothing)
        if state == INVALID:
            return [*(record for record, _why in folded.invalid), *(found[0][0] for found in folded.rejected.values()),
                    *(record for record, _twin in folded.duplicates), *(r for group in folded.conflicts.values() for r in group)]
        raise ValueError(state)

    def findings(self) -> list[tuple]:
        """Why the records that do not count do not, as `check` reports them (record, key, code,
        message): the record rules' findings, each duplicate, and each record of a conflict after
        the first (its message names both lines)."""
        from minsheng_cli.ledger.record_rules import conflict_finding, duplicate_finding

        folded = self._folded
        found = [finding for findings in folded.rejected.values() for finding in findings]
        found += [duplicate_finding(record, twin) for record, twin in folded.duplicates]
        found += [conflict_finding(record, group[0]) for group in folded.conflicts.values() for record in group[1:]]
        return found

    def _collect_fates(self) -> dict[int, Fate]:
        from minsheng_cli.ledger.record_rules import conflict_finding, duplicate_finding

        folded = self._folded
        fates = {id(old): Fate(REPLACED, new) for old, new in folded.replaced}
        fates.update((id(old), Fate(VOIDED, void)) for old, void in folded.voided)
        fates.update((id(void), _VOID) for _old, void in folded.voided)
        fates.update((id(void), _VOID_NOTHING) for void in folded.nothing)
        fates.update((id(record), Fate(INVALID, why=why)) for record, why in folded.invalid)
        fates.update((key, Fate(INVALID, why=REJECTED, findings=tuple(found))) for key, found in folded.rejected.items())
        fates.update((id(r), Fate(INVALID, why=DUPLICATE, findings=(duplicate_finding(r, twin),))) for r, twin in folded.duplicates)
        for group in folded.conflicts.values():
            findings = tuple(conflict_finding(record, group[0]) for record in group[1:])
            fates[id(group[0])] = Fate(INVALID, why=CONFLICT, findings=findings)
            fates.update((id(record), Fate(INVALID, why=CONFLICT, findings=(finding,))) for record, finding in zip(group[1:], findings))
        return fates

    # --- building the report's histories ------------------------------------------------------------
    def _build(self, folded: Folded) -> None:
        targets: dict[tuple[int, str], TargetHistory] = {}
        for pair, by_county in folded.values.items():
            history = targets.setdefault(pair, TargetHistory())
            for county, by_date in by_county.items():
                series = _series(by_date)
                if series is not None:
                    history.series[county] = series
        for pair, by_county in self._items.items():
            history = targets.setdefault(pair, TargetHistory())
            history.items = sorted((day, item) for by_day in by_county.values() for day, chosen in by_day.items() for item in chosen)
        for (project_id, target_id), by_key in folded.texts.items():
            kept = [record for group in by_key.values() for record in group]
            bare = sorted(r.date for r in kept if r.value is None)
            if target_id is None:
                self._project_activity.setdefault(project_id, []).extend(bare)
            else:
                targets.setdefault((project_id, target_id), TargetHistory()).narrated = bare
        reports: dict[int, set] = {}
        for (project_id, _), history in targets.items():
            dates = {d for series in history.series.values() for d in series.dates}
            dates.update(d for d, _ in history.items)
            dates.update(history.narrated)
            history.activity = sorted(dates)
            reports.setdefault(project_id, set()).update(dates)
        for project_id, dates in self._project_activity.items():
            dates.sort()
            reports.setdefault(project_id, set()).update(dates)
        self._project_reports = {project_id: sorted(dates) for project_id, dates in reports.items()}
        self._group_notes(folded.said, folded.withdrawn)
        self._histories = targets
        folded.values = folded.texts = folded.said = folded.withdrawn = None  # a 1M-record ledger: memory counts

    def _group_notes(self, said: list[Record], withdrawn: set[int]) -> None:
        project, notes = None, []
        for record in said:  # a file holds one project's month: runs of one project
            if record.project != project:
                project, notes = record.project, self._notes.setdefault(record.project, [])
            if not withdrawn or id(record) not in withdrawn:
                notes.append(record)
        for notes in self._notes.values():
            notes.sort(key=_DATE)  # stable: written order within a date


_DATE, _VALUE = attrgetter("date"), attrgetter("value")


def _not_compacted(series: Series) -> list[Record]:
    """A series' records; a compacted fold (a report's) has none: asking for them is a bug."""
    if series.records is None:
        raise RuntimeError("the records of a compacted fold were asked for (whole.fold_ledger keeps dates and values only)")
    return series.records


def _quotable(notes: list[Record], after: dt.date) -> list[Record]:
    """The notes dated after `after`, and of those up to it the last of each (target, field)."""
    latest: dict[tuple, int] = {}
    for index, record in enumerate(notes):
        if record.date <= after:
            for name in NARRATIVE_FIELDS:
                if getattr(record, name):
                    latest[(record.target, name)] = index
    kept = set(latest.values())
    return [record for index, record in enumerate(notes) if record.date > after or index in kept]


def _series(by_date: Optional[dict]) -> Optional[Series]:
    """The records in force of one (target, county), date -> record (None: nothing in force that day)."""
    if not by_date:
        return None
    if any(map(is_, by_date.values(), repeat(None))):  # some date voided or in conflict: rare (no Record.__eq__ called)
        dates = sorted(day for day, record in by_date.items() if record is not None)
    else:
        dates = sorted(by_date)
    return Series(dates, list(map(by_date.__getitem__, dates))) if dates else None
_IN_FORCE, _VOID, _VOID_NOTHING, _NARRATIVE = Fate(IN_FORCE), Fate(VOID), Fate(VOID_NOTHING), Fate(NARRATIVE)


class Standing:
    """The facts in force at the end of `day`: records dated after it do not count yet."""

    def __init__(self, in_force: InForce, day: dt.date):
        self.in_force, self.day = in_force, day

    def value(self, project: int, target: str, county: Optional[str] = None) -> Optional[tuple[dt.date, object]]:
        """(date, value) of the latest value in force for one (target, county), or None."""
        series = self.in_force.history(project, target).series.get(county)
        return series.latest(self.day) if series is not None else None

    def items(self, project: int, target: str, county: Optional[str] = None) -> list[tuple[dt.date, str]]:
        """(date, item) of every item or step in force, by date (written order within a date)."""
        by_day = self.in_force._items.get((project, target), {}).get(county, {})
        return [(day, item) for day in sorted(by_day) if day <= self.day for item in by_day[day]]

    def items_done(self, project: int, target: str, county: Optional[str] = None) -> dict[str, dt.date]:
        """Item or step → the date it was first recorded, for those in force."""
        done: dict[str, dt.date] = {}
        for day, item in self.items(project, target, county):
            done.setdefault(item, day)
        return done

    def notes(self, project: int) -> list[Record]:
        """Records whose 进展情况/存在问题/下步打算 count, dated up to the day, by date."""
        return [r for r in self.in_force.notes.get(project, []) if r.date <= self.day]
