"""What changed in a ledger between two states: pure comparison, no git, no printing.

`compare(old, new)` takes each side's plan (None when the ledger did not exist there) and its
records in written order, and returns:
- plan changes: projects and targets added or removed, a target's terms changed;
- per project and target (and county): the latest value in force before → after, and the
  target's completion before → after (computed by `schedule`, as a report would);
- record changes: records added, corrected, voided, removed, narratives edited in place,
  records rewritten in place (not through `correct`), and records left behind by a target
  that is no longer in the plan.

Records are matched as a multiset by content (path and line are not content), so moving a
line or re-reading a file by another path is not a change.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Optional

from minsheng_cli.ledger.history import InForce, fold
from minsheng_cli.ledger.model import Plan, Record, Target

NARRATIVE_FIELDS = ("note", "problem", "next", "by")
PLAN_FIELDS = (
    "name", "kind", "target", "unit", "baseline", "baseline_from", "start", "due", "weight", "by_county",
    "counties", "county_targets", "milestones", "revisions", "steps", "items", "required",
)
RECORD_KINDS = ("added", "corrected", "voided", "narrative", "edited", "rewritten", "removed", "orphaned")


@dataclass
class Side:
    plan: Optional[Plan]
    records: list[Record]


@dataclass
class PlanChange:
    kind: str  # project-added | project-removed | target-added | target-removed | target-changed
    project: int
    target: Optional[str] = None
    field: Optional[str] = None
    old: object = None
    new: object = None


@dataclass
class ValueChange:
    county: Optional[str]
    old: object  # Decimal, text, or None: nothing in force
    new: object
    old_date: Optional[dt.date]
    new_date: Optional[dt.date]

    @property
    def delta(self) -> Optional[Decimal]:
        if isinstance(self.old, Decimal) and isinstance(self.new, Decimal):
            return self.new - self.old
        return None


@dataclass
class TargetChange:
    project: int
    target: str
    name: str
    unit: Optional[str]
    in_old_plan: bool
    in_new_plan: bool
    old_completion: Optional[Fraction]
    new_completion: Optional[Fraction]
    values: list[ValueChange] = field(default_factory=list)


@dataclass
class RecordChange:
    kind: str  # one of RECORD_KINDS
    record: Record  # the record as it is now (the old one for removed)
    before: Optional[Record] = None  # edited / rewritten: the line as it was
    replaced: object = None  # the value in force for its key before the change
    fields: list[str] = field(default_factory=list)  # edited / rewritten: what differs
    known: bool = True  # its project and target are in the plan of its side


@dataclass
class LedgerDiff:
    plan: list[PlanChange]
    targets: list[TargetChange]
    records: list[RecordChange]

    @property
    def empty(self) -> bool:
        return not (self.plan or self.targets or self.records)

    def counts(self) -> dict[str, int]:
        found = Counter(change.kind for change in self.records)
        return {kind: found[kind] for kind in RECORD_KINDS}


def compare(old: Side, new: Side) -> LedgerDiff:
    return LedgerDiff(plan_changes(old.plan, new.plan), target_changes(old, new), record_changes(old, new))


# --- the plan --------------------------------------------------------------------------------------
def plan_changes(old: Optional[Plan], new: Optional[Plan]) -> list[PlanChange]:
    before = {p.id: p for p in old.projects} if old else {}
    after = {p.id: p for p in new.projects} if new else {}
    changes: list[PlanChange] = []
    for pid in sorted(set(before) | set(after)):
        if pid not in before:
            changes.append(PlanChange("project-added", pid, new=after[pid].name))
            continue
        if pid not in after:
            changes.append(PlanChange("project-removed", pid, old=before[pid].name))
            continue
        old_targets = {t.id: t for t in before[pid].targets}
        new_targets = {t.id: t for t in after[pid].targets}
        for tid in old_targets:
            if tid not in new_targets:
                changes.append(PlanChange("target-removed", pid, tid, old=old_targets[tid].name))
        for tid, target in new_targets.items():
            if tid not in old_targets:
                changes.append(PlanChange("target-added", pid, tid, new=target.name))
                continue
            for name in PLAN_FIELDS:
                was, now = getattr(old_targets[tid], name), getattr(target, name)
                if was != now:
                    changes.append(PlanChange("target-changed", pid, tid, name, was, now))
    return changes


# --- values and completion --------------------------------------------------------------------------
def target_changes(old: Side, new: Side) -> list[TargetChange]:
    day = _assessment_day(old, new)
    old_values, old_completion = side_values(old, day)
    new_values, new_completion = side_values(new, day)
    old_targets, new_targets = _targets(old.plan), _targets(new.plan)
    changes = []
    for pair in sorted(set(old_values) | set(new_values) | set(old_completion) | set(new_completion)):
        before, after = old_values.get(pair, {}), new_values.get(pair, {})
        values = []
        for county in sorted(set(before) | set(after), key=lambda c: (c is not None, c or "")):
            was, now = before.get(county, (None, None)), after.get(county, (None, None))
            if was != now:
                values.append(ValueChange(county, was[0], now[0], was[1], now[1]))
        in_old, in_new = pair in old_targets, pair in new_targets
        completion_before, completion_after = old_completion.get(pair), new_completion.get(pair)
        moved = in_old != in_new and (before or after)
        # A target without a completion on one side (not in that plan) is shown by the plan changes.
        recomputed = None not in (completion_before, completion_after) and completion_before != completion_after
        if values or recomputed or moved:
            target = new_targets.get(pair) or old_targets.get(pair)
            changes.append(TargetChange(
                pair[0], pair[1], target.name if target else pair[1], target.unit if target else None,
                in_old, in_new, completion_before, completion_after, values,
            ))
    return changes


def _targets(plan: Optional[Plan]) -> dict[tuple[int, str], Target]:
    return {(p.id, t.id): t for p in plan.projects for t in p.targets} if plan else {}


def _assessment_day(old: Side, new: Side) -> dt.date:
    """Completion "as it stands": every record counted, every revision of the plan applied."""
    dates = [r.date for r in old.records] + [r.date for r in new.records]
    dates += [plan.end for plan in (old.plan, new.plan) if plan is not None]
    return max(dates, default=dt.date.min)


def side_values(side: Side, day: dt.date) -> tuple[dict, dict]:
    """({(project, target): {county: (value, date)}}, {(project, target): completion}) of one side."""
    values: dict[tuple[int, str], dict] = {}
    completion: dict[tuple[int, str], Optional[Fraction]] = {}
    known = _targets(side.plan)
    in_force = fold(side.records, side.plan)
    if side.plan is not None:
        from minsheng_cli.reporting.schedule import assess_target

        for project in side.plan.projects:
            activity = in_force.project_activity.get(project.id, [])
            for target in project.targets:
                state = assess_target(side.plan, target, in_force.history(project.id, target.id), activity, day)
                completion[(project.id, target.id)] = state.completion
                shown = _state_values(state)
                if shown:
                    values[(project.id, target.id)] = shown
    for record in in_force.values_in_force():  # records of targets the plan does not have
        pair = (record.project, record.target)
        if pair not in known:
            values.setdefault(pair, {})[record.county] = (record.value, record.date)  # date-sorted: latest wins
    return values, completion


def _state_values(state) -> dict:
    """county -> (value, date) as a reader of the table sees them."""
    target = state.target
    if not state.reported and not state.done_items:
        return {}
    if target.kind in ("count", "level"):
        if state.counties is not None and any(c.actual is not None for c in state.counties):
            return {c.name: (c.actual, c.as_of) for c in state.counties if c.actual is not None}
        return {None: (state.actual, state.as_of)} if state.as_of is not None else {}
    if target.kind == "checklist":
        return {None: (Decimal(len(state.done_items)), state.as_of)} if state.as_of is not None else {}
    if target.kind == "milestone":
        if state.as_of is None:
            return {}
        return {None: ("done" if state.actual else "、".join(state.done_items), state.as_of)}
    return {None: (state.actual, state.as_of)}


# --- records ------------------------------------------------------------------------------------------
def record_changes(old: Side, new: Side) -> list[RecordChange]:
    unmatched_old, unchanged = _unmatched(old.records, new.records)
    unmatched_new, _ = _unmatched(new.records, old.records)
    old_state = fold(old.records, old.plan)
    old_known, new_known = _known(old.plan), _known(new.plan)
    changes: list[RecordChange] = []
    for record in unmatched_new:
        before = _take_same_line(unmatched_old, record)
        known = _is_known(record, new_known)
        if before is not None:
            differing = [name for name in ("value", "reason", *NARRATIVE_FIELDS) if getattr(before, name) != getattr(record, name)]
            kind = "edited" if all(name in NARRATIVE_FIELDS for name in differing) else "rewritten"
            changes.append(RecordChange(kind, record, before, before.value, differing, known))
            continue
        replaced = _value_in_force(old_state, record.key)
        changes.append(RecordChange(_kind_of_new(record), record, replaced=replaced, known=known))
    for record in unmatched_old:
        changes.append(RecordChange("removed", record, replaced=record.value, known=_is_known(record, old_known)))
    if new.plan is not None:
        for record in unchanged:
            if _is_known(record, old_known) and not _is_known(record, new_known):
                changes.append(RecordChange("orphaned", record, known=False))
    changes.sort(key=_change_order)
    return changes


def _value_in_force(in_force: InForce, key: tuple) -> object:
    """The value in force for a key: the one value, or the item recorded last that day."""
    found = in_force.in_force_at(key)
    return found[-1].value if found else None


def _unmatched(records: list[Record], others: list[Record]) -> tuple[list[Record], list[Record]]:
    """(records of `records` with no equal left in `others`, those matched), in written order."""
    remaining = Counter(others)
    unmatched, matched = [], []
    for record in records:
        if remaining[record] > 0:
            remaining[record] -= 1
            matched.append(record)
        else:
            unmatched.append(record)
    return unmatched, matched


def _take_same_line(candidates: list[Record], record: Record) -> Optional[Record]:
    """An old record that this new one rewrites in place: same key, same action."""
    for index, old in enumerate(candidates):
        if old.key == record.key and old.action == record.action:
            return candidates.pop(index)
    return None


def _kind_of_new(record: Record) -> str:
    if record.action == "correct":
        return "corrected"
    if record.action == "void":
        return "voided"
    if record.value is None:
        return "narrative"
    return "added"


def _known(plan: Optional[Plan]) -> Optional[dict[int, set[str]]]:
    return {p.id: {t.id for t in p.targets} for p in plan.projects} if plan else None


def _is_known(record: Record, known: Optional[dict[int, set[str]]]) -> bool:
    if known is None:
        return False
    if record.project not in known:
        return False
    return record.target is None or record.target in known[record.project]


def _change_order(change: RecordChange) -> tuple:
    record = change.record
    return (record.project, record.target or "", record.county or "", record.date, RECORD_KINDS.index(change.kind))
