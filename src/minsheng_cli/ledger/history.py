"""The in-force engine: what the records, read in written order, amount to (PRODUCT.md §2–§3).

Records are appended, never edited, so what stands is decided by the order they were written in
(file order within a file; files in month order — a key's date fixes its file, so every record
of one (project, target, county, date) is in one file). This module is the one place that
applies the rule; report, check, update, template, show, log and diff all read its `InForce`.

The rule:
- Only a record that meets the record rules counts (record_rules.py, the table `check` applies
  too): given the plan, the fold leaves out every record with a finding — it replaces nothing,
  cancels nothing and says nothing — and its fate says why, in check's words.
- Values (count, level and continuing targets): per (project, target, county, date) one record
  is in force; a `correct` replaces it as a later record would; a `void` cancels it (whatever
  value the void carries). A later plain record with the same value replaces it; one with a
  different value (two branches merged, each with its own figure for the day) is a conflict:
  neither counts until a `correct` replaces them both or a `void` cancels the date.
- A record identical to an earlier one of its key (a union merge of two branches that both
  added the line) changes nothing: it is a duplicate.
- Items (checklist items and milestone steps) are sets: several may stand on one date;
  recording an item again on its date replaces that record; a `correct` replaces every item of
  its date; a `void` without a value cancels its date; a `void` with a value cancels that item at
  its date, or, if it was not recorded that day, every earlier record of it. Item values are
  compared stripped.
- Text (进展情况/存在问题/下步打算, and records without a value, which clear `stale`): a `void` or
  a `correct` withdraws the text recorded earlier at its key; a plain later record adds to it.

Every record gets a `Fate`: in force, replaced (by which record), voided (by which), a void that
cancelled something or nothing, a narrative, or invalid — with why: rejected by the record rules,
a duplicate, in conflict, or what the engine could not apply without a plan to judge by (a
`correct` without a value, a number given for an item). What the fold gives back
(`InForce`, its `as_of` views, the fates) is shaped in `in_force.py`.

`fold` is the report's hot loop (a city ledger holds ~65,000 records): keep it lean.
"""

from __future__ import annotations

from typing import Iterable, Optional, Union

import datetime as dt

from minsheng_cli.ledger.in_force import (  # noqa: F401 - the engine's results, read through this module
    CONFLICT, CORRECT_WITHOUT_VALUE, DUPLICATE, EMPTY_HISTORY, IN_FORCE, INVALID, ITEM_NOT_TEXT, NARRATIVE, REJECTED,
    REPLACED, VOID, VOID_NOTHING, VOIDED, Fate, Folded, InForce, Series, Standing, TargetHistory,
)
from minsheng_cli.ledger.model import Plan, Record
from minsheng_cli.ledger.record_rules import SET_KINDS, item_value, means_done  # noqa: F401 - read from here too

TargetsGiven = Union[Plan, Iterable[tuple[int, str]], None]


def item_targets_of(plan: Plan) -> set[tuple[int, str]]:
    """The (project, target) pairs whose values are items or steps (sets)."""
    return {(p.id, t.id) for p in plan.projects for t in p.targets if t.kind in SET_KINDS}


def fold(records: Iterable[Record], targets: TargetsGiven = None, *, text: bool = True, today: Optional[dt.date] = None) -> InForce:
    """Apply every record, in written order. `targets`: the plan, or the (project, target) pairs
    whose values are items (`item_targets_of`); without either every value is a plain value.
    With the plan, records the record rules reject are left out (`today`: the run's date, for
    records dated after it; None judges no record to be in the future).
    `text=False` leaves out what was said (notes, narrative dates) for a question about values."""
    folded = Folded()
    if isinstance(targets, Plan):
        from minsheng_cli.ledger.record_rules import Facts, record_findings

        item_targets = item_targets_of(targets)
        records = records if isinstance(records, list) else list(records)
        for finding in record_findings(Facts(targets, today), records):
            folded.rejected.setdefault(id(finding[0]), []).append(finding)
    else:
        item_targets = targets if isinstance(targets, (set, frozenset)) else frozenset(targets or ())
    rejected = folded.rejected
    values, items, texts = folded.values, folded.items, folded.texts
    nothing = folded.nothing.append
    for record in records:  # a year of weekly per-county records is ~65,000: keep this loop lean
        if rejected and id(record) in rejected:
            continue  # what check rejects never counts
        target, action, value = record.target, record.action, record.value
        pair = (record.project, target)
        if target is not None:
            if pair in item_targets:  # few: the plain values below take the fast path
                if not _apply_item(items.setdefault(pair, {}).setdefault(record.county, {}), record, folded):
                    continue
            else:
                by_county = values.get(pair)
                if by_county is None:
                    by_county = values[pair] = {}
                by_date = by_county.get(record.county)
                if by_date is None:
                    by_date = by_county[record.county] = {}
                day = record.date
                if action == "void":
                    if day in by_date:
                        if not _void_value(by_date, record, folded):
                            continue
                    else:
                        nothing(record)
                        by_date[day] = None  # the key now has a history: a repeat of this void is a duplicate
                        folded.seen[record.key] = [record]
                elif value is not None:
                    if day in by_date:  # a second record for the key: rare, the rule's slow path
                        if not _apply_again(by_date, record, folded):
                            continue
                    else:
                        by_date[day] = record
                elif action == "correct":
                    folded.invalid.append((record, CORRECT_WITHOUT_VALUE))
        if text and (action is not None or value is None or record.note or record.problem or record.next):
            _apply_text(texts.setdefault(pair, {}), record, folded)
    folded.seen = None  # needed while folding only
    return InForce(folded)


# In `by_date` (date -> the record in force), None marks a date whose records were voided or are
# in conflict: nothing is in force there, but the next record of the key takes the slow path.
def _history(by_date: dict, record: Record, folded: Folded) -> list[Record]:
    """Every record of `record`'s key met so far (kept only for keys met more than once)."""
    history = folded.seen.get(record.key)
    if history is None:
        old = by_date.get(record.date)
        history = folded.seen[record.key] = [old] if old is not None else []
    return history


def _twin(history: list[Record], record: Record) -> Optional[Record]:
    return next((old for old in history if old == record), None)


def _first_time(by_date: dict, record: Record, folded: Folded) -> bool:
    """Add the record to its key's history; False (and noted) when an identical one is there."""
    history = _history(by_date, record, folded)
    twin = _twin(history, record)
    if twin is not None:
        folded.duplicates.append((record, twin))
        return False
    history.append(record)
    return True


def _apply_again(by_date: dict, record: Record, folded: Folded) -> bool:
    """A value record for a key that already had one; False when it does not take effect."""
    if not _first_time(by_date, record, folded):
        return False
    key, day = record.key, record.date
    old = by_date[day]
    conflicted = folded.conflicts.get(key)
    if record.action == "correct":  # replaces whatever the date held, a conflict included
        if conflicted:
            folded.replaced.extend((each, record) for each in folded.conflicts.pop(key))
        if old is not None:
            folded.replaced.append((old, record))
        by_date[day] = record
        return True
    if conflicted is not None:
        conflicted.append(record)
        return False
    if old is not None and not _same_value(old.value, record.value):
        folded.conflicts[key] = [old, record]
        folded.withdrawn.add(id(old))  # what it said goes with it
        by_date[day] = None
        return False
    if old is not None:
        folded.replaced.append((old, record))
    by_date[day] = record
    return True


def _void_value(by_date: dict, void: Record, folded: Folded) -> bool:
    """A void for a key that had a record (or a void, or a conflict); False for a duplicate."""
    if not _first_time(by_date, void, folded):
        return False
    old = by_date[void.date]
    conflicted = folded.conflicts.pop(void.key, None)
    if old is None and not conflicted:
        folded.nothing.append(void)
    else:
        if old is not None:
            folded.voided.append((old, void))
        folded.voided.extend((each, void) for each in conflicted or ())
    by_date[void.date] = None
    return True


def _same_value(old: object, new: object) -> bool:
    """Two values that say the same (6300 and 6300.0; a continuing word with or without blanks)."""
    if isinstance(old, str) and isinstance(new, str):
        return old.strip() == new.strip()
    return old == new


def _apply_item(by_day: dict, record: Record, folded: Folded) -> bool:
    """Apply a record to one (target, county)'s items in force, `by_day`: date -> {item: record}.
    False for a duplicate (it changes nothing, says nothing)."""
    value = item_value(record.value)
    day = record.date
    if record.action == "void":
        if value is None:
            cancelled = by_day.pop(day, None)
            if cancelled:
                folded.voided.extend((old, record) for old in cancelled.values())
            else:
                folded.nothing.append(record)
            return True
        chosen = by_day.get(day)
        if chosen and value in chosen:
            folded.voided.append((chosen.pop(value), record))
            return True
        hits = [chosen.pop(value) for earlier, chosen in by_day.items() if earlier <= day and value in chosen]
        if hits:
            folded.voided.extend((old, record) for old in hits)
        else:
            folded.nothing.append(record)
        return True
    if value is None:
        if record.value is not None:
            folded.invalid.append((record, ITEM_NOT_TEXT))
        elif record.action == "correct":
            folded.invalid.append((record, CORRECT_WITHOUT_VALUE))
        return True
    chosen = by_day.get(day)
    if chosen is None:
        chosen = by_day[day] = {}
    elif chosen.get(value) == record:
        folded.duplicates.append((record, chosen[value]))
        return False
    elif record.action == "correct":
        folded.replaced.extend((old, record) for old in chosen.values())
        chosen.clear()
    old = chosen.get(value)
    if old is not None:
        folded.replaced.append((old, record))
    chosen[value] = record
    return True


def _apply_text(by_key: dict, record: Record, folded: Folded) -> bool:
    """Keep what text needs: records without a value, and records that say something. False for
    a narrative that repeats one of its key word for word (a duplicate)."""
    if record.value is None and record.action is None:
        group = by_key.get(record.key)
        if group and record in group:
            folded.duplicates.append((record, group[group.index(record)]))
            return False
    if record.action is not None:  # a void or a correct withdraws the text recorded at its key
        folded.withdrawn.update(map(id, by_key.pop(record.key, ())))
        if record.action == "void":
            return True
    if record.note or record.problem or record.next:
        by_key.setdefault(record.key, []).append(record)
        folded.said.append(record)
    elif record.value is None:
        by_key.setdefault(record.key, []).append(record)
    return True


def effective(records: Iterable[Record], targets: TargetsGiven) -> list[Record]:
    """Value records in force, sorted by (project, target, county, date). `targets` as for `fold`
    (the plan, or the item pairs; say `()` only when no record is an item or a step)."""
    return fold(records, targets).values_in_force()
