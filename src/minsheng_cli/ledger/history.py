"""The in-force engine: what the records, read in written order, amount to (PRODUCT.md §2–§3).

Records are appended, never edited, so what stands is decided by the order they were written in
(file order within a file; files in month order — a key's date fixes its file, so every record
of one (project, target, county, date) is in one file). This module is the one place that
applies the rule; report, check, update, template, show, log and diff all read its `InForce`.

The rule:
- Values (count, level and continuing targets): per (project, target, county, date) the last
  record written is in force; a `correct` replaces it as a later record would; a `void` cancels
  it (whatever value the void carries).
- Items (checklist items and milestone steps) are sets: several may stand on one date;
  recording an item again on its date replaces that record; a `correct` replaces every item of
  its date; a `void` without a value cancels its date; a `void` with a value cancels that item at
  its date, or, if it was not recorded that day, every earlier record of it. Item values are
  compared stripped.
- Text (进展情况/存在问题/下步打算, and records without a value, which clear `stale`): a `void` or
  a `correct` withdraws the text recorded earlier at its key; a plain later record adds to it.

Every record gets a `Fate`: in force, replaced (by which record), voided (by which), a void that
cancelled something or nothing, a narrative, or invalid (what the engine could not apply: a
`correct` without a value, a number given for an item) — with why.

`fold` is the report's hot loop (a city ledger holds ~65,000 records): keep it lean.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Optional, Union

from minsheng_cli.ledger.model import Plan, Record
from minsheng_cli.words.vocab import DONE_WORDS

SET_KINDS = ("checklist", "milestone")  # several values may hold on one date (items, steps)
# What became of a record (Fate.state).
IN_FORCE, REPLACED, VOIDED = "in_force", "replaced", "voided"
VOID, VOID_NOTHING = "void", "void_nothing"  # a void that cancelled something / nothing
NARRATIVE, INVALID = "narrative", "invalid"
# Why an invalid record was not applied (Fate.why).
CORRECT_WITHOUT_VALUE = "correct-without-value"
ITEM_NOT_TEXT = "item-not-text"
# Dataclasses here are declared with eq=False: nothing compares them, and each generated __eq__
# costs start-up time on every report (PRODUCT.md §5).


@dataclass(frozen=True, eq=False)
class Fate:
    """What became of one record."""

    state: str  # IN_FORCE | REPLACED | VOIDED | VOID | VOID_NOTHING | NARRATIVE | INVALID
    by: Optional[Record] = None  # REPLACED / VOIDED: the later record that did it
    why: str = ""  # INVALID: CORRECT_WITHOUT_VALUE | ITEM_NOT_TEXT

    @property
    def in_force(self) -> bool:
        return self.state == IN_FORCE


class Series:
    """One (target, county) series of value records in force, sorted by date."""

    __slots__ = ("dates", "records", "_values")

    def __init__(self, dates: list[dt.date], records: list[Record]):
        self.dates, self.records = dates, records
        self._values: Optional[list] = None

    @property
    def values(self) -> list:
        if self._values is None:
            self._values = [record.value for record in self.records]
        return self._values

    def latest(self, day: dt.date) -> Optional[tuple[dt.date, object]]:
        index = bisect.bisect_right(self.dates, day) - 1
        return (self.dates[index], self.records[index].value) if index >= 0 else None

    def latest_number(self, day: dt.date) -> Optional[tuple[dt.date, Decimal]]:
        """The latest numeric value (a text value on a count target is an error `check` reports)."""
        records = self.records
        index = bisect.bisect_right(self.dates, day) - 1
        while index >= 0 and not isinstance(records[index].value, Decimal):
            index -= 1
        return (self.dates[index], records[index].value) if index >= 0 else None

    def first(self) -> Optional[tuple[dt.date, Decimal]]:
        return next(((r.date, r.value) for r in self.records if isinstance(r.value, Decimal)), None)


@dataclass(eq=False)
class TargetHistory:
    """One target's facts in force: what a report reads to judge it at any date."""

    series: dict[Optional[str], Series] = field(default_factory=dict)  # county (None: city-wide)
    items: list[tuple[dt.date, str]] = field(default_factory=list)  # checklist items / steps in force, every county
    activity: list[dt.date] = field(default_factory=list)  # any record: values, items, narratives
    narrated: list[dt.date] = field(default_factory=list)  # records without a value addressed to the target


EMPTY_HISTORY = TargetHistory()


class _Folded:
    """What the fold gathers: the facts in force, and what it did to records other than the one
    it was applying (fates are read from it)."""

    __slots__ = ("values", "items", "texts", "said", "withdrawn", "replaced", "voided", "nothing", "invalid")

    def __init__(self) -> None:
        self.values: dict[tuple, dict] = {}  # (project, target) -> county -> date -> record in force
        self.items: dict[tuple, dict] = {}  # (project, target) -> county -> date -> {item: record in force}
        self.texts: dict[tuple, dict] = {}  # (project, target) -> record key -> [records whose text counts]
        self.said: list[Record] = []  # records with text, in written order
        self.withdrawn: set[int] = set()  # ids of those a later void or correct withdrew
        self.replaced: list[tuple[Record, Record]] = []  # (old, the record that replaced it)
        self.voided: list[tuple[Record, Record]] = []  # (old, the void that cancelled it)
        self.nothing: list[Record] = []  # voids that cancelled nothing
        self.invalid: list[tuple[Record, str]] = []


class InForce:
    """The facts in force after a fold; `as_of(day)` views them at a date."""

    def __init__(self, folded: _Folded):
        self._items = folded.items  # kept whole: in_force_at and Standing read it (item targets are few)
        self._folded = folded  # its events, for fates; the rest is dropped once built
        self._fates: Optional[dict[int, Fate]] = None
        self.targets: dict[tuple[int, str], TargetHistory] = {}
        self.project_activity: dict[int, list[dt.date]] = {}  # dates of project-level narratives
        self.project_reports: dict[int, list[dt.date]] = {}  # dates of any record of the project
        self.notes: dict[int, list[Record]] = {}  # records whose 进展情况/存在问题/下步打算 count, by date
        self._build(folded)

    # --- per target -------------------------------------------------------------------------------
    def history(self, project_id: int, target_id: str) -> TargetHistory:
        return self.targets.get((project_id, target_id), EMPTY_HISTORY)

    def in_force_at(self, key: tuple) -> list[Record]:
        """The records in force for one (project, target, county, date): the value, or the items."""
        project, target, county, day = key
        items = self._items.get((project, target))
        if items is not None:
            return list(items.get(county, {}).get(day, {}).values())
        series = self.history(project, target).series.get(county)
        if series is None:
            return []
        index = bisect.bisect_left(series.dates, day)
        return [series.records[index]] if index < len(series.dates) and series.dates[index] == day else []

    def values_in_force(self) -> list[Record]:
        """Every value record in force (not items), sorted by (project, target, county, date)."""
        found = [r for history in self.targets.values() for series in history.series.values() for r in series.records]
        return sorted(found, key=lambda r: (r.project, r.target or "", r.county or "", r.date))

    def as_of(self, day: dt.date) -> "Standing":
        return Standing(self, day)

    # --- per record -------------------------------------------------------------------------------
    def fate(self, record: Record) -> Fate:
        """What became of `record`, one of the records folded (told apart by identity)."""
        if self._fates is None:
            self._fates = self._collect_fates()
        found = self._fates.get(id(record))
        if found is not None:
            return found
        if record.target is None or (record.value is None and record.action != "void"):
            return _NARRATIVE
        return _VOID if record.action == "void" else _IN_FORCE

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
            return [record for record, _why in folded.invalid]
        raise ValueError(state)

    def _collect_fates(self) -> dict[int, Fate]:
        folded = self._folded
        fates = {id(old): Fate(REPLACED, new) for old, new in folded.replaced}
        fates.update((id(old), Fate(VOIDED, void)) for old, void in folded.voided)
        fates.update((id(void), _VOID_NOTHING) for void in folded.nothing)
        fates.update((id(record), Fate(INVALID, why=why)) for record, why in folded.invalid)
        return fates

    # --- building the report's histories ------------------------------------------------------------
    def _build(self, folded: _Folded) -> None:
        targets = self.targets
        for pair, by_county in folded.values.items():
            history = targets.setdefault(pair, TargetHistory())
            for county, by_date in by_county.items():
                if by_date:
                    dates = sorted(by_date)
                    history.series[county] = Series(dates, [by_date[d] for d in dates])
        for pair, by_county in self._items.items():
            history = targets.setdefault(pair, TargetHistory())
            history.items = sorted((day, item) for by_day in by_county.values() for day, chosen in by_day.items() for item in chosen)
        for (project_id, target_id), by_key in folded.texts.items():
            kept = [record for group in by_key.values() for record in group]
            bare = sorted(r.date for r in kept if r.value is None)
            if target_id is None:
                self.project_activity.setdefault(project_id, []).extend(bare)
            else:
                targets.setdefault((project_id, target_id), TargetHistory()).narrated = bare
        reports: dict[int, set] = {}
        for (project_id, _), history in targets.items():
            dates = {d for series in history.series.values() for d in series.dates}
            dates.update(d for d, _ in history.items)
            dates.update(history.narrated)
            history.activity = sorted(dates)
            reports.setdefault(project_id, set()).update(dates)
        for project_id, dates in self.project_activity.items():
            dates.sort()
            reports.setdefault(project_id, set()).update(dates)
        self.project_reports = {project_id: sorted(dates) for project_id, dates in reports.items()}
        self._group_notes(folded.said, folded.withdrawn)
        folded.values = folded.texts = folded.said = folded.withdrawn = None  # a 1M-record ledger: memory counts

    def _group_notes(self, said: list[Record], withdrawn: set[int]) -> None:
        project, notes = None, []
        for record in said:  # a file holds one project's month: runs of one project
            if record.project != project:
                project, notes = record.project, self.notes.setdefault(record.project, [])
            if not withdrawn or id(record) not in withdrawn:
                notes.append(record)
        for notes in self.notes.values():
            notes.sort(key=lambda r: r.date)  # stable: written order within a date


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


TargetsGiven = Union[Plan, Iterable[tuple[int, str]], None]


def item_targets_of(plan: Plan) -> set[tuple[int, str]]:
    """The (project, target) pairs whose values are items or steps (sets)."""
    return {(p.id, t.id) for p in plan.projects for t in p.targets if t.kind in SET_KINDS}


def fold(records: Iterable[Record], targets: TargetsGiven = None) -> InForce:
    """Apply every record, in written order. `targets`: the plan, or the (project, target) pairs
    whose values are items (`item_targets_of`); without either every value is a plain value."""
    if isinstance(targets, Plan):
        item_targets = item_targets_of(targets)
    else:
        item_targets = targets if isinstance(targets, (set, frozenset)) else frozenset(targets or ())
    folded = _Folded()
    values, items, texts = folded.values, folded.items, folded.texts
    replaced, voided, nothing = folded.replaced.append, folded.voided.append, folded.nothing.append
    for record in records:  # a year of weekly per-county records is ~65,000: keep this loop lean
        target, action, value = record.target, record.action, record.value
        pair = (record.project, target)
        if target is not None:
            if pair in item_targets:
                by_county = items.get(pair)
                if by_county is None:
                    by_county = items[pair] = {}
                by_day = by_county.get(record.county)
                if by_day is None:
                    by_day = by_county[record.county] = {}
                _apply_item(by_day, record, folded)
            else:
                by_county = values.get(pair)
                if by_county is None:
                    by_county = values[pair] = {}
                by_date = by_county.get(record.county)
                if by_date is None:
                    by_date = by_county[record.county] = {}
                if action == "void":
                    old = by_date.pop(record.date, None)
                    if old is None:
                        nothing(record)
                    else:
                        voided((old, record))
                elif value is not None:
                    old = by_date.setdefault(record.date, record)
                    if old is not record:
                        by_date[record.date] = record
                        replaced((old, record))
                elif action == "correct":
                    folded.invalid.append((record, CORRECT_WITHOUT_VALUE))
        if action is not None or value is None or record.note or record.problem or record.next:
            _apply_text(texts.setdefault(pair, {}), record, folded)
    return InForce(folded)


def _apply_item(by_day: dict, record: Record, folded: _Folded) -> None:
    """Apply a record to one (target, county)'s items in force, `by_day`: date -> {item: record}."""
    raw = record.value
    value = raw.strip() if isinstance(raw, str) else None
    day = record.date
    if record.action == "void":
        if value is None:
            cancelled = by_day.pop(day, None)
            if cancelled:
                folded.voided.extend((old, record) for old in cancelled.values())
            else:
                folded.nothing.append(record)
            return
        chosen = by_day.get(day)
        if chosen and value in chosen:
            folded.voided.append((chosen.pop(value), record))
            return
        hits = [chosen.pop(value) for earlier, chosen in by_day.items() if earlier <= day and value in chosen]
        if hits:
            folded.voided.extend((old, record) for old in hits)
        else:
            folded.nothing.append(record)
        return
    if value is None:
        if raw is not None:
            folded.invalid.append((record, ITEM_NOT_TEXT))
        elif record.action == "correct":
            folded.invalid.append((record, CORRECT_WITHOUT_VALUE))
        return
    chosen = by_day.get(day)
    if chosen is None:
        chosen = by_day[day] = {}
    elif record.action == "correct":
        folded.replaced.extend((old, record) for old in chosen.values())
        chosen.clear()
    old = chosen.get(value)
    if old is not None:
        folded.replaced.append((old, record))
    chosen[value] = record


def _apply_text(by_key: dict, record: Record, folded: _Folded) -> None:
    """Keep what text needs: records without a value, and records that say something."""
    if record.action is not None:  # a void or a correct withdraws the text recorded at its key
        folded.withdrawn.update(map(id, by_key.pop(record.key, ())))
        if record.action == "void":
            return
    if record.note or record.problem or record.next:
        by_key.setdefault(record.key, []).append(record)
        folded.said.append(record)
    elif record.value is None:
        by_key.setdefault(record.key, []).append(record)


def effective(records: Iterable[Record], targets: TargetsGiven = None) -> list[Record]:
    """Value records in force, sorted by (project, target, county, date); without `targets`
    every record's value is a plain value (items too: the last one written at its date)."""
    return fold(records, targets).values_in_force()


def means_done(value: object) -> bool:
    """A milestone value that says the whole milestone is done ("done", 完成, 已完成)."""
    return isinstance(value, str) and value.strip().lower() in DONE_WORDS
