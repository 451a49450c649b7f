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
`correct` without a value, a number given for an item) — with why. What the fold gives back
(`InForce`, its `as_of` views, the fates) is shaped in `in_force.py`.

`fold` is the report's hot loop (a city ledger holds ~65,000 records): keep it lean.
"""

from __future__ import annotations

from typing import Iterable, Optional, Union

from minsheng_cli.ledger.in_force import (  # noqa: F401 - the engine's results, read through this module
    CORRECT_WITHOUT_VALUE, EMPTY_HISTORY, IN_FORCE, INVALID, ITEM_NOT_TEXT, NARRATIVE, REPLACED, VOID,
    VOID_NOTHING, VOIDED, Fate, Folded, InForce, Series, Standing, TargetHistory,
)
from minsheng_cli.ledger.model import Plan, Record
from minsheng_cli.words.vocab import DONE_WORDS

SET_KINDS = ("checklist", "milestone")  # several values may hold on one date (items, steps)
TargetsGiven = Union[Plan, Iterable[tuple[int, str]], None]


def item_targets_of(plan: Plan) -> set[tuple[int, str]]:
    """The (project, target) pairs whose values are items or steps (sets)."""
    return {(p.id, t.id) for p in plan.projects for t in p.targets if t.kind in SET_KINDS}


def fold(records: Iterable[Record], targets: TargetsGiven = None, *, text: bool = True) -> InForce:
    """Apply every record, in written order. `targets`: the plan, or the (project, target) pairs
    whose values are items (`item_targets_of`); without either every value is a plain value.
    `text=False` leaves out what was said (notes, narrative dates) for a question about values."""
    if isinstance(targets, Plan):
        item_targets = item_targets_of(targets)
    else:
        item_targets = targets if isinstance(targets, (set, frozenset)) else frozenset(targets or ())
    folded = Folded()
    values, items, texts = folded.values, folded.items, folded.texts
    replaced, voided, nothing = folded.replaced.append, folded.voided.append, folded.nothing.append
    for record in records:  # a year of weekly per-county records is ~65,000: keep this loop lean
        target, action, value = record.target, record.action, record.value
        pair = (record.project, target)
        if target is not None:
            if pair in item_targets:  # few: the plain values below take the fast path
                _apply_item(items.setdefault(pair, {}).setdefault(record.county, {}), record, folded)
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
                    day = record.date
                    if day in by_date:
                        replaced((by_date[day], record))
                    by_date[day] = record
                elif action == "correct":
                    folded.invalid.append((record, CORRECT_WITHOUT_VALUE))
        if text and (action is not None or value is None or record.note or record.problem or record.next):
            _apply_text(texts.setdefault(pair, {}), record, folded)
    return InForce(folded)


def _apply_item(by_day: dict, record: Record, folded: Folded) -> None:
    """Apply a record to one (target, county)'s items in force, `by_day`: date -> {item: record}."""
    value = item_value(record.value)
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
        if record.value is not None:
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


def _apply_text(by_key: dict, record: Record, folded: Folded) -> None:
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


def effective(records: Iterable[Record], targets: TargetsGiven) -> list[Record]:
    """Value records in force, sorted by (project, target, county, date). `targets` as for `fold`
    (the plan, or the item pairs; say `()` only when no record is an item or a step)."""
    return fold(records, targets).values_in_force()


def item_value(raw: object) -> Optional[str]:
    """A checklist item, a milestone step or a continuing target's word as the rules compare it:
    stripped of surrounding blanks; None for a number or no value."""
    return raw.strip() if isinstance(raw, str) else None


def means_done(value: object) -> bool:
    """A milestone value that says the whole milestone is done ("done", 完成, 已完成)."""
    item = item_value(value)
    return item is not None and item.lower() in DONE_WORDS
