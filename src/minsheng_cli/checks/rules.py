"""The named checks of progress records, each a function returning what it finds, listed in two
tables (beancount's ops/validation.py is the model): `RECORD_CHECKS` look at one record against
the plan, `LEDGER_CHECKS` at what the in-force engine made of all of them. `checks/progress.py`
walks the files and applies both tables; a new rule is one function and one line in a table.

A finding is (record, key, code, message): `key` names the field the caret points at (None: the
line's start), `code` is the stable code README.md's table documents. A record check returns its
one finding or None (it runs on every record: no generator in that loop); a ledger check yields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator, Optional

from minsheng_cli.ledger import layout
from minsheng_cli.ledger.history import SET_KINDS, VOID_NOTHING, InForce, item_value, means_done
from minsheng_cli.ledger.model import Plan, Record, Target
from minsheng_cli.words import progress as M, vocab as vocab_words

Finding = tuple[Record, Optional[str], str, str]


@dataclass
class Facts:
    """What the checks look up, computed once (a ledger holds tens of thousands of records)."""

    plan: Plan
    today: dt.date
    projects: dict = field(init=False)
    targets: dict = field(init=False)
    concerned: dict = field(init=False)
    county_names: frozenset = field(init=False)

    def __post_init__(self) -> None:
        plan = self.plan
        self.projects = {project.id: project for project in plan.projects}
        self.targets = {(p.id, t.id): t for p in plan.projects for t in p.targets}
        self.concerned = {(p.id, t.id): frozenset(plan.counties_of(t)) for p in plan.projects for t in p.targets if t.by_county}
        self.county_names = frozenset(plan.county_names)

    def target_of(self, record: Record) -> Optional[Target]:
        return self.targets.get((record.project, record.target)) if record.target is not None else None


# --- one record ------------------------------------------------------------------------------------
def stored_in_its_month(facts: Facts, record: Record, month: str) -> Optional[Finding]:
    day = record.date
    if day.month != int(month[5:]) or day.year != int(month[:4]):
        return record, "date", "wrong-file", M.REC_CHECK_WRONG_MONTH.format(date=day, month=month, right=layout.month_name(day))


def dated_within_plan(facts: Facts, record: Record, month: str) -> Optional[Finding]:
    if record.date > facts.today:
        return record, "date", "future-date", M.REC_CHECK_FUTURE.format(date=record.date, today=facts.today)
    if record.date < facts.plan.start:
        return record, "date", "before-start", M.REC_CHECK_BEFORE_START.format(date=record.date, start=facts.plan.start)


def change_has_reason(facts: Facts, record: Record, month: str) -> Optional[Finding]:
    if record.action is not None and not record.reason:
        return record, "action", "missing-reason", M.REC_CHECK_MISSING_REASON.format(action=M.REC_ACTION_WORDS[record.action])


def target_is_known(facts: Facts, record: Record, month: str) -> Optional[Finding]:
    """A target id this project does not have: its name instead of its id, another project's, or none."""
    if record.target is None or facts.target_of(record) is not None:
        return None
    project = facts.projects[record.project]
    by_name = project.find_target(record.target)
    owners = [p.id for p in facts.plan.projects if any(t.id == record.target for t in p.targets)]
    if by_name is not None:
        return record, "target", "unknown-target", M.REC_CHECK_TARGET_NAME.format(target=record.target, id=by_name.id)
    elif owners:
        right = layout.relative_progress_file(record.date, owners[0])
        return record, "target", "wrong-file", M.REC_CHECK_OTHER_PROJECT.format(target=record.target, owner=owners[0], right=right)
    else:
        choices = "、".join(t.id for t in project.targets)
        return record, "target", "unknown-target", M.REC_CHECK_UNKNOWN_TARGET.format(target=record.target, project=project.id, choices=choices)


def county_is_concerned(facts: Facts, record: Record, month: str) -> Optional[Finding]:
    target = facts.target_of(record)
    if target is None:
        return None
    if not target.by_county:
        if record.county is not None:
            return record, "county", "county-not-by-county", M.REC_CHECK_COUNTY_NOT_BY_COUNTY.format(target=target.id)
    elif record.county is None:
        return record, "target", "missing-county", M.REC_CHECK_MISSING_COUNTY.format(target=target.id)
    elif record.county not in facts.concerned[(record.project, target.id)]:
        message = M.REC_CHECK_COUNTY_NOT_CONCERNED if record.county in facts.county_names else M.REC_CHECK_UNKNOWN_COUNTY
        choices = "、".join(facts.plan.counties_of(target))
        return record, "county", "unknown-county", message.format(county=record.county, target=target.id, choices=choices)


def value_fits_target(facts: Facts, record: Record, month: str) -> Optional[Finding]:
    target = facts.target_of(record)
    if target is None:
        return None
    value = record.value
    if record.action == "void" and value is not None and target.kind not in SET_KINDS:
        return record, "value", "bad-value", M.REC_CHECK_VOID_WITH_VALUE
    elif value is None:
        if record.action == "correct":
            return record, "action", "bad-value", M.REC_CHECK_CORRECT_NO_VALUE
    else:
        message = value_problem(value, target)
        if message:
            return record, "value", "bad-value", message


RECORD_CHECKS = (stored_in_its_month, dated_within_plan, change_has_reason, target_is_known, county_is_concerned, value_fits_target)


# --- what the in-force engine made of every record ------------------------------------------------------
def voids_cancel_something(facts: Facts, in_force: InForce) -> Iterator[Finding]:
    for void in in_force.records_with_fate(VOID_NOTHING):
        if (void.project, void.target) in facts.targets:
            what = void.target if not isinstance(void.value, str) else f"{void.target}「{void.value}」"
            yield void, "action", "void-nothing", M.REC_CHECK_VOID_NOTHING.format(target=what, date=void.date)


def counts_never_decrease(facts: Facts, in_force: InForce) -> Iterator[Finding]:
    """A cumulative count in force that went down without a correction."""
    for (project, target_id), target in facts.targets.items():
        if target.kind != "count":
            continue
        for series in in_force.history(project, target_id).series.values():
            numbers = [r for r in series.records if isinstance(r.value, Decimal)]
            for before, after in zip(numbers, numbers[1:]):
                if after.value < before.value and after.action != "correct":
                    message = M.REC_CHECK_DECREASING.format(value=shown(after.value), date=before.date, old=shown(before.value))
                    yield after, "value", "decreasing", message


LEDGER_CHECKS = (voids_cancel_something, counts_never_decrease)


# --- values ------------------------------------------------------------------------------------------
def value_problem(value, target: Target) -> str:
    """What is wrong with a value for a target of its kind ("" when nothing is)."""
    kind = target.kind
    if kind in ("count", "level"):
        if not isinstance(value, Decimal):
            return M.REC_CHECK_VALUE_NUMBER.format(value=value, target=target.id)
        if value < 0:
            return M.REC_CHECK_VALUE_NEGATIVE.format(value=shown(value))
        return ""
    if not isinstance(value, str):
        return M.REC_CHECK_VALUE_TEXT.format(value=shown(value), target=target.id, kind=vocab_words.KIND[kind])
    item = item_value(value)  # compared as the in-force engine compares it
    if kind == "milestone":
        steps = [step.name for step in target.steps]
        if means_done(value) or item in steps:
            return ""
        return M.REC_CHECK_VALUE_CHOICES.format(value=value, target=target.id, choices="、".join(["done", *steps]))
    if kind == "checklist":
        return "" if item in target.items else M.REC_CHECK_VALUE_CHOICES.format(value=value, target=target.id, choices="、".join(target.items))
    stored = vocab_words.CONTINUING_STORED
    return "" if item in stored else M.REC_CHECK_VALUE_CHOICES.format(value=value, target=target.id, choices="、".join(stored))


def shown(value) -> str:
    from minsheng_cli.ledger.numbers import format_number

    return format_number(value) if isinstance(value, Decimal) else str(value)
