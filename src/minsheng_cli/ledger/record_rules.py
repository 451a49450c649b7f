"""What one progress record must be to count (PRODUCT.md §2, "What `check` rejects never counts").

The rules a single record must meet against the plan — in the file of its month, dated within
the plan and not after today, a reason on every correction and void, a target the project has,
a county exactly when the target is recorded per county and one it concerns, a value of the
target's kind — are written here once, as named functions in one table, `RECORD_RULES`. Two
readers apply the same table: `check` (checks/rules.py lists it as `RECORD_CHECKS` and reports
every finding) and the in-force engine (`history.fold` with a plan), which leaves a record with
any finding out: it never replaces a valid record, and its fate says why, in check's words.

They live in the ledger layer, beside plan_rules.py, because the engine needs them and the
ledger does not import checks. A rule sees one file's records at a time (`Batch`) and looks at
what it depends on once — the distinct dates, the distinct (project, target, county) places —
so the report's reading path pays for the rule, not for a call per rule per record.

A finding is (record, key, code, message): `key` names the field the caret points at (None: the
line's start), `code` is the stable code README.md's table documents. The findings the engine
itself makes across records (an identical duplicate, two different values for one date) are
built here too, so `check` and `log` say the same.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby
from operator import attrgetter
from typing import Iterator, Optional, Sequence

from minsheng_cli.ledger import layout
from minsheng_cli.ledger.model import NUMERIC_KINDS, Plan, Record, Target
from minsheng_cli.ledger.record_fields import TEXT_FIELDS
from minsheng_cli.words import progress as M, vocab as vocab_words

Finding = tuple[Record, Optional[str], str, str]
SET_KINDS = ("checklist", "milestone")  # several values may hold on one date (items, steps)


@dataclass
class Facts:
    """What the rules look up, computed once per plan (a ledger holds tens of thousands of
    records). `today` None: no record is judged to be in the future (a question without a clock)."""

    plan: Plan
    today: Optional[dt.date] = None
    projects: dict = field(init=False)
    targets: dict = field(init=False)
    numeric: frozenset = field(init=False)
    concerned: dict = field(init=False)
    county_names: frozenset = field(init=False)

    def __post_init__(self) -> None:
        plan = self.plan
        self.projects = {project.id: project for project in plan.projects}
        self.targets = {(p.id, t.id): t for p in plan.projects for t in p.targets}
        self.numeric = frozenset(pair for pair, t in self.targets.items() if t.kind in NUMERIC_KINDS)
        self.concerned = {(p.id, t.id): frozenset(plan.counties_of(t)) for p in plan.projects for t in p.targets if t.by_county}
        self.county_names = frozenset(plan.county_names)

    def target_of(self, record: Record) -> Optional[Target]:
        return self.targets.get((record.project, record.target)) if record.target is not None else None


class Batch:
    """One file's records (records of one path, as read), with what several rules look at once."""

    __slots__ = ("records", "month", "_dates", "_places")

    def __init__(self, records: list[Record], month: Optional[tuple[int, int]]):
        self.records, self.month = records, month  # month: (year, month) of the file's folder, None without a file
        self._dates: Optional[set] = None
        self._places: Optional[set] = None

    @property
    def dates(self) -> set[dt.date]:
        if self._dates is None:
            self._dates = set(map(_DATE, self.records))
        return self._dates

    @property
    def places(self) -> set[tuple]:
        """The distinct (project, target, county) of the records."""
        if self._places is None:
            self._places = set(map(_PLACE, self.records))
        return self._places

    def on(self, day: dt.date) -> Iterator[Record]:
        return (record for record in self.records if record.date == day)

    def at(self, project: int, target: Optional[str], county: Optional[str] = ...) -> Iterator[Record]:  # type: ignore[assignment]
        """Records of one (project, target), and of one county unless `county` is left out."""
        for record in self.records:
            if record.target == target and record.project == project and (county is ... or record.county == county):
                yield record


# --- the rules ------------------------------------------------------------------------------------------
def stored_in_its_month(facts: Facts, batch: Batch) -> Iterator[Finding]:
    if batch.month is None:
        return
    year, month = batch.month
    for day in batch.dates:
        if day.month != month or day.year != year:
            message = M.REC_CHECK_WRONG_MONTH.format(date=day, month=f"{year:04d}-{month:02d}", right=layout.month_name(day))
            for record in batch.on(day):
                yield record, "date", "wrong-file", message


def dated_within_plan(facts: Facts, batch: Batch) -> Iterator[Finding]:
    today, start = facts.today, facts.plan.start
    for day in batch.dates:
        if today is not None and day > today:
            code, message = "future-date", M.REC_CHECK_FUTURE.format(date=day, today=today)
        elif day < start:
            code, message = "before-start", M.REC_CHECK_BEFORE_START.format(date=day, start=start)
        else:
            continue
        for record in batch.on(day):
            yield record, "date", code, message


def change_has_reason(facts: Facts, batch: Batch) -> Iterator[Finding]:
    for record in filter(_ACTION, batch.records):  # the few corrections and voids, picked at C speed
        if not record.reason:
            yield record, "action", "missing-reason", M.REC_CHECK_MISSING_REASON.format(action=M.REC_ACTION_WORDS[record.action])


def target_is_known(facts: Facts, batch: Batch) -> Iterator[Finding]:
    """A target id this project does not have: its name instead of its id, another project's, or none."""
    for project_id, target_id in {(p, t) for p, t, _ in batch.places if t is not None}:
        if (project_id, target_id) in facts.targets:
            continue
        project = facts.projects.get(project_id)
        if project is None:
            continue  # a file of a project the plan does not have: check names the file
        by_name = project.find_target(target_id)
        owners = [p.id for p in facts.plan.projects if any(t.id == target_id for t in p.targets)]
        for record in batch.at(project_id, target_id):
            if by_name is not None:
                yield record, "target", "unknown-target", M.REC_CHECK_TARGET_NAME.format(target=target_id, id=by_name.id)
            elif owners:
                right = layout.relative_progress_file(record.date, owners[0])
                yield record, "target", "wrong-file", M.REC_CHECK_OTHER_PROJECT.format(target=target_id, owner=owners[0], right=right)
            else:
                choices = "、".join(t.id for t in project.targets)
                yield record, "target", "unknown-target", M.REC_CHECK_UNKNOWN_TARGET.format(target=target_id, project=project.id, choices=choices)


def county_is_concerned(facts: Facts, batch: Batch) -> Iterator[Finding]:
    for project_id, target_id, county in batch.places:
        target = facts.targets.get((project_id, target_id))
        if target is None:
            continue
        if not target.by_county:
            if county is None:
                continue
            key, code, message = "county", "county-not-by-county", M.REC_CHECK_COUNTY_NOT_BY_COUNTY.format(target=target.id)
        elif county is None:
            key, code, message = "target", "missing-county", M.REC_CHECK_MISSING_COUNTY.format(target=target.id)
        elif county not in facts.concerned[(project_id, target_id)]:
            words = M.REC_CHECK_COUNTY_NOT_CONCERNED if county in facts.county_names else M.REC_CHECK_UNKNOWN_COUNTY
            choices = "、".join(facts.plan.counties_of(target))
            key, code, message = "county", "unknown-county", words.format(county=county, target=target.id, choices=choices)
        else:
            continue
        for record in batch.at(project_id, target_id, county):
            yield record, key, code, message


def value_fits_target(facts: Facts, batch: Batch) -> Iterator[Finding]:
    targets = facts.targets
    # A file holds one project: then a target id alone says whether a value must be a number.
    numeric = {t for p, t, _ in batch.places if (p, t) in facts.numeric} if len({p for p, _, _ in batch.places}) == 1 else ()
    for record in batch.records:
        value = record.value
        if value.__class__ is Decimal and record.action is None and record.target in numeric and value >= _ZERO:
            continue  # the common record: a cumulative figure
        if value is None and record.action is None:
            continue  # what only says something
        target = targets.get((record.project, record.target))
        if target is not None:
            finding = _value_finding(record, target)
            if finding is not None:
                yield finding


def _value_finding(record: Record, target: Target) -> Optional[Finding]:
    value = record.value
    if record.action == "void" and value is not None and target.kind not in SET_KINDS:
        return record, "value", "bad-value", M.REC_CHECK_VOID_WITH_VALUE
    if value is None:
        return (record, "action", "bad-value", M.REC_CHECK_CORRECT_NO_VALUE) if record.action == "correct" else None
    message = value_problem(value, target)
    return (record, "value", "bad-value", message) if message else None


MAX_TEXT_CHARS = 2000  # 进展情况, 存在问题, 下步打算, reasons: a 通报 quotes a few lines, never pages


def text_too_long(text: object) -> Optional[str]:
    """Why a text field is refused, or None: longer than any note a report can carry (a 10 MB
    note would cost gigabytes in every report that quotes it)."""
    if isinstance(text, str) and len(text) > MAX_TEXT_CHARS:
        return M.REC_TEXT_LONG_REASON.format(length=len(text), limit=MAX_TEXT_CHARS)
    return None


def text_within_limit(facts: Facts, batch: Batch) -> Iterator[Finding]:
    """Hand-typed text obeys the limit `update` and `import` enforce."""
    texts = set(map(_TEXTS, batch.records))  # at C speed: most records say nothing, or the same
    if not any(text_too_long(text) for said in texts for text in said if text is not None):
        return
    for record in batch.records:
        for name in TEXT_FIELDS:
            reason = text_too_long(getattr(record, name))
            if reason:
                yield record, name, "text-too-long", reason


RECORD_RULES = (stored_in_its_month, dated_within_plan, change_has_reason, target_is_known, county_is_concerned,
                value_fits_target, text_within_limit)


def record_findings(facts: Facts, records: Sequence[Record]) -> list[Finding]:
    """Every finding of every rule, file by file (records of one file are read together)."""
    found: list[Finding] = []
    for path, group in groupby(records, key=_PATH):
        batch = Batch(list(group), month_of_path(path))
        for rule in RECORD_RULES:
            found.extend(rule(facts, batch))
    return found


def month_of_path(path: str) -> Optional[tuple[int, int]]:
    """(year, month) of the month folder a progress file is in; None for a record not read from one."""
    return layout.month_of_folder(os.path.basename(os.path.dirname(path))) if path else None


_PATH, _DATE, _ACTION = attrgetter("path"), attrgetter("date"), attrgetter("action")
_PLACE, _TEXTS = attrgetter("project", "target", "county"), attrgetter(*TEXT_FIELDS)
_ZERO = Decimal(0)


# --- values ------------------------------------------------------------------------------------------
def value_problem(value, target: Target) -> str:
    """What is wrong with a value for a target of its kind ("" when nothing is)."""
    kind = target.kind
    if kind in NUMERIC_KINDS:
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


def item_value(raw: object) -> Optional[str]:
    """A checklist item, a milestone step or a continuing target's word as the rules compare it:
    stripped of surrounding blanks; None for a number or no value."""
    return raw.strip() if isinstance(raw, str) else None


def means_done(value: object) -> bool:
    """A milestone value that says the whole milestone is done ("done", 完成, 已完成)."""
    item = item_value(value)
    return item is not None and item.lower() in vocab_words.DONE_WORDS


def shown(value) -> str:
    from minsheng_cli.ledger.numbers import format_number

    return format_number(value) if isinstance(value, Decimal) else str(value)


# --- what the engine finds across records ------------------------------------------------------------
def duplicate_finding(record: Record, twin: Record) -> Finding:
    """`record` is `twin` again, line for line (a union merge of two branches that both added it)."""
    return record, None, "duplicate-record", M.REC_CHECK_DUPLICATE.format(line=twin.line)


def conflict_finding(record: Record, first: Record) -> Finding:
    """`record` gives another value than `first` for the same target, county and date."""
    what = f"{record.target}（{record.county}）" if record.county else f"{record.target} "
    message = M.REC_CHECK_CONFLICT.format(
        target=what, date=record.date,
        first=first.line, old=shown(first.value), second=record.line, new=shown(record.value),
    )
    return record, "value", "conflict", message
