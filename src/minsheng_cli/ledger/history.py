"""From the records as written to the facts in force.

Records are appended, never edited: the effective value of (project, target, county, date) is
the last record written for it; a `correct` record replaces it, a `void` record cancels it.
Narrative-only records (no value) are kept apart: they carry 进展情况/存在问题/下步打算 and
clear the `stale` flag, but do not change a value.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from minsheng_cli.ledger.model import Record


def effective(records: Iterable[Record]) -> list[Record]:
    """Value records in force, sorted by (project, target, county, date).

    `records` must be in written order (file order within a file; files in month order — a
    key's date fixes its file, so all records of one key are in one file)."""
    in_force: dict[tuple, Record] = {}
    for record in records:
        if record.target is None:
            continue
        if record.action == "void":
            in_force.pop(record.key, None)
        elif record.value is not None:
            in_force[record.key] = record
    return sorted(in_force.values(), key=_sort_key)


def _sort_key(record: Record) -> tuple:
    return (record.project, record.target or "", record.county or "", record.date)


def apply_item(by_day: dict, record: Record) -> bool:
    """Apply a record to the checklist items / milestone steps in force for one (target, county),
    `by_day`: date -> {item: None}. Several items may stand on one date. A void without value
    cancels its date; a void with a value cancels that item at its date, or if it was not recorded
    that day, every earlier record of it; a correct replaces the items of its date. Returns
    whether the record did anything (False: a void that cancelled nothing)."""
    value = record.value.strip() if isinstance(record.value, str) else None
    if record.action == "void":
        if value is None:
            return bool(by_day.pop(record.date, None))
        if value in by_day.get(record.date, {}):
            del by_day[record.date][value]
            return True
        cancelled = False
        for day, chosen in by_day.items():
            if day <= record.date and value in chosen:
                del chosen[value]
                cancelled = True
        return cancelled
    if value is not None:
        if record.action == "correct":
            by_day[record.date] = {}
        by_day.setdefault(record.date, {})[value] = None
    return True


def as_of(records: Iterable[Record], date: dt.date) -> list[Record]:
    return [record for record in records if record.date <= date]


def narratives(records: Iterable[Record]) -> list[Record]:
    """Records that carry any of 进展情况 / 存在问题 / 下步打算, in date order (stable)."""
    chosen = [r for r in records if r.action != "void" and (r.note or r.problem or r.next)]
    return sorted(chosen, key=lambda r: r.date)
