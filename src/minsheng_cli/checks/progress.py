"""`check` for progress/: every problem of every file, each with path, line, column, a stable
code, a Chinese message, a hint and the source line (PRODUCT.md §3 `check`).

Files are read as `read_progress` reads them (fast path, YAML fallback), so what `check` accepts
is what reports read. Rules that span records (duplicates from union merges, voids of nothing,
decreasing counts) are applied in written order over the whole ledger.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Optional

from minsheng_cli.ledger.history import apply_item
from minsheng_cli.words import progress as M, vocab as vocab_words
from minsheng_cli.errors import LedgerError
from minsheng_cli.ledger.model import Plan, Record
from minsheng_cli.ledger.problems import Problem
from minsheng_cli.ledger.progress_file import (
    MONTH_DIR,
    PROJECT_FILE,
    ProgressFormatError,
    file_name,
    month_name,
    parse_progress_detailed,
)
from minsheng_cli.ledger.recording import SET_KINDS

CONTINUING_STORED = ("正常", "中断")


@dataclass
class _Source:
    """What a problem needs to point into one file."""

    path: str
    lines: list[str]
    positions: dict[int, dict]  # id(record) -> key -> (line, column), YAML path only

    def where(self, record: Record, key: Optional[str]) -> tuple[int, int]:
        found = self.positions.get(id(record))
        if found is not None:
            if key in found:
                return found[key]
            return record.line, 1
        text = self.line_text(record.line)
        if key is not None:
            label = ("{" if key == "date" else ", ") + key + ": "
            at = text.find(label)
            if at >= 0:
                return record.line, at + len(label) + 1  # 1-based column of the value
        return record.line, 1

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""


class _Checker:
    def __init__(self, plan: Plan, root: Path, today: dt.date):
        self.plan, self.root, self.today = plan, Path(root), today
        self.projects = {project.id: project for project in plan.projects}
        # look-ups done once, not per record (a ledger holds tens of thousands of records)
        self.targets = {(p.id, t.id): t for p in plan.projects for t in p.targets}
        self.concerned = {(p.id, t.id): frozenset(plan.counties_of(t)) for p in plan.projects for t in p.targets if t.by_county}
        self.county_names = frozenset(plan.county_names)
        self.problems: list[Problem] = []
        self.records: list[tuple[Record, _Source]] = []

    # --- reporting -----------------------------------------------------------------------------------
    def add(self, source: _Source, line: int, column: int, code: str, message: str) -> None:
        self.problems.append(Problem(source.path, line, column, code, message, M.REC_HINTS.get(code, ""), source.line_text(line)))

    def at(self, record: Record, source: _Source, key: Optional[str], code: str, message: str) -> None:
        line, column = source.where(record, key)
        self.add(source, line, column, code, message)

    def file_problem(self, path: Path, code: str, message: str) -> None:
        self.problems.append(Problem(str(path), 1, 1, code, message, M.REC_HINTS.get(code, ""), ""))

    # --- walking the folders ------------------------------------------------------------------------
    def walk(self) -> None:
        base = self.root / "progress"
        if not base.is_dir():
            return
        for name in sorted(os.listdir(base)):
            if name.startswith("."):
                continue
            path = base / name
            if not path.is_dir():
                self.file_problem(path, "unknown-file", M.REC_CHECK_FILE_OUTSIDE_MONTH)
            elif not _is_month(name):
                self.file_problem(path, "unknown-folder", M.REC_CHECK_BAD_FOLDER.format(name=name))
            else:
                self.walk_month(name, path)

    def walk_month(self, month: str, folder: Path) -> None:
        for name in sorted(os.listdir(folder)):
            if name.startswith("."):
                continue
            path = folder / name
            match = PROJECT_FILE.match(name)
            if path.is_dir() or match is None or name != file_name(int(match.group(1))):
                self.file_problem(path, "unknown-file", M.REC_CHECK_BAD_FILE_NAME.format(name=name))
            elif int(match.group(1)) not in self.projects:
                self.file_problem(path, "unknown-file", M.REC_CHECK_UNKNOWN_PROJECT_FILE.format(name=name, count=len(self.projects)))
            else:
                self.check_file(path, int(match.group(1)), month)

    def check_file(self, path: Path, project: int, month: str) -> None:
        from minsheng_cli.ledger.yamlio import read_text

        shown = str(path)
        try:
            text = read_text(path)
        except LedgerError as err:
            self.file_problem(path, "encoding", err.message)
            return
        source = _Source(shown, text.split("\n"), {})
        try:
            parsed = parse_progress_detailed(text, shown, project)
        except ProgressFormatError as err:
            self.add(source, err.line, err.column, err.code, err.detail)
            return
        for error in parsed.errors:
            self.add(source, error.line, error.column, error.code, error.detail)
        if not parsed.fast:
            source.positions = {id(record): where for record, where in zip(parsed.records, parsed.positions)}
        for record in parsed.records:
            self.check_record(record, source, month)
            self.records.append((record, source))

    # --- one record ------------------------------------------------------------------------------------
    def check_record(self, record: Record, source: _Source, month: str) -> None:
        day = record.date
        if day.month != int(month[5:]) or day.year != int(month[:4]):
            self.at(record, source, "date", "wrong-file", M.REC_CHECK_WRONG_MONTH.format(date=record.date, month=month, right=month_name(record.date)))
        if day > self.today:
            self.at(record, source, "date", "future-date", M.REC_CHECK_FUTURE.format(date=record.date, today=self.today))
        elif day < self.plan.start:
            self.at(record, source, "date", "before-start", M.REC_CHECK_BEFORE_START.format(date=record.date, start=self.plan.start))
        if record.action is not None and not record.reason:
            self.at(record, source, "action", "missing-reason", M.REC_CHECK_MISSING_REASON.format(action=M.REC_ACTION_WORDS[record.action]))
        if record.target is None:
            return
        target = self.targets.get((record.project, record.target))
        if target is None:
            self.check_unknown_target(record, source)
            return
        self.check_county(record, source, target)
        self.check_value(record, source, target)

    def check_unknown_target(self, record: Record, source: _Source) -> None:
        """A target id this project does not have: its name instead of its id, another project's, or none."""
        project = self.projects[record.project]
        by_name = project.find_target(record.target)
        owners = [p.id for p in self.plan.projects if any(t.id == record.target for t in p.targets)]
        if by_name is not None:
            self.at(record, source, "target", "unknown-target", M.REC_CHECK_TARGET_NAME.format(target=record.target, id=by_name.id))
        elif owners:
            right = f"progress/{month_name(record.date)}/{file_name(owners[0])}"
            self.at(record, source, "target", "wrong-file", M.REC_CHECK_OTHER_PROJECT.format(target=record.target, owner=owners[0], right=right))
        else:
            choices = "、".join(t.id for t in project.targets)
            self.at(record, source, "target", "unknown-target", M.REC_CHECK_UNKNOWN_TARGET.format(target=record.target, project=project.id, choices=choices))

    def check_county(self, record: Record, source: _Source, target) -> None:
        if not target.by_county:
            if record.county is not None:
                self.at(record, source, "county", "county-not-by-county", M.REC_CHECK_COUNTY_NOT_BY_COUNTY.format(target=target.id))
            return
        if record.county is None:
            self.at(record, source, "target", "missing-county", M.REC_CHECK_MISSING_COUNTY.format(target=target.id))
        elif record.county not in self.concerned[(record.project, target.id)]:
            known = record.county in self.county_names
            message = M.REC_CHECK_COUNTY_NOT_CONCERNED if known else M.REC_CHECK_UNKNOWN_COUNTY
            choices = "、".join(self.plan.counties_of(target))
            self.at(record, source, "county", "unknown-county", message.format(county=record.county, target=target.id, choices=choices))

    def check_value(self, record: Record, source: _Source, target) -> None:
        value = record.value
        if record.action == "void":
            if value is not None and target.kind not in SET_KINDS:
                self.at(record, source, "value", "bad-value", M.REC_CHECK_VOID_WITH_VALUE)
                return
            if value is None:
                return
        if value is None:
            if record.action == "correct":
                self.at(record, source, "action", "bad-value", M.REC_CHECK_CORRECT_NO_VALUE)
            return
        message = _value_problem(value, target)
        if message:
            self.at(record, source, "value", "bad-value", message)

    # --- across records --------------------------------------------------------------------------------
    def check_sequences(self) -> None:
        seen: dict[tuple[str, Record], int] = {}
        in_force: dict[tuple, list[Record]] = {}  # values: record key -> the record in force
        items: dict[tuple, dict] = {}  # items and steps: (project, target, county) -> date -> {item: None}
        targets = self.targets
        for record, source in self.records:
            first = seen.setdefault((source.path, record), record.line)
            if first != record.line:
                self.at(record, source, None, "duplicate-record", M.REC_CHECK_DUPLICATE.format(line=first))
                continue  # a union-merge duplicate changes nothing below
            target = targets.get((record.project, record.target))
            if target is None:
                continue
            if target.kind in SET_KINDS:
                cancelled = apply_item(items.setdefault((record.project, record.target, record.county), {}), record)
            else:
                cancelled = _apply_value(in_force.setdefault(record.key, []), record)
            if record.action == "void" and not cancelled:
                what = record.target if not isinstance(record.value, str) else f"{record.target}「{record.value}」"
                self.at(record, source, "action", "void-nothing", M.REC_CHECK_VOID_NOTHING.format(target=what, date=record.date))
        self.check_decreasing(in_force, targets)

    def check_decreasing(self, in_force: dict[tuple, list[Record]], targets: dict) -> None:
        sources: dict[int, _Source] = {}
        series: dict[tuple, list[Record]] = {}
        for key, records in in_force.items():
            target = targets.get((key[0], key[1]))
            if target is None or target.kind != "count" or not records:
                continue
            record = records[-1]
            if isinstance(record.value, Decimal):
                series.setdefault((key[0], key[1], key[2]), []).append(record)
        for records in series.values():
            records.sort(key=lambda r: r.date)
            for before, after in zip(records, records[1:]):
                if after.value < before.value and after.action != "correct":
                    if not sources:
                        sources.update((id(record), source) for record, source in self.records)
                    self.at(after, sources[id(after)], "value", "decreasing", M.REC_CHECK_DECREASING.format(
                        value=_shown(after.value), date=before.date, old=_shown(before.value),
                    ))


def _apply_value(current: list[Record], record: Record) -> bool:
    """Apply a record to the value in force for its key; for a void: whether it cancelled one."""
    if record.action == "void":
        cancelled = bool(current)
        current.clear()
        return cancelled
    if record.value is not None:
        current[:] = [record]
    return True


def _is_month(name: str) -> bool:
    match = MONTH_DIR.match(name)
    return bool(match) and 1 <= int(match.group(2)) <= 12


def _value_problem(value, target) -> str:
    kind = target.kind
    if kind in ("count", "level"):
        if not isinstance(value, Decimal):
            return M.REC_CHECK_VALUE_NUMBER.format(value=value, target=target.id)
        if value < 0:
            return M.REC_CHECK_VALUE_NEGATIVE.format(value=_shown(value))
        return ""
    if not isinstance(value, str):
        return M.REC_CHECK_VALUE_TEXT.format(value=_shown(value), target=target.id, kind=vocab_words.KIND[kind])
    if kind == "milestone":
        steps = [step.name for step in target.steps]
        if value.lower() in vocab_words.DONE_WORDS or value in steps:
            return ""
        return M.REC_CHECK_VALUE_CHOICES.format(value=value, target=target.id, choices="、".join(["done", *steps]))
    if kind == "checklist":
        return "" if value in target.items else M.REC_CHECK_VALUE_CHOICES.format(value=value, target=target.id, choices="、".join(target.items))
    return "" if value in CONTINUING_STORED else M.REC_CHECK_VALUE_CHOICES.format(value=value, target=target.id, choices="、".join(CONTINUING_STORED))


def _shown(value) -> str:
    from minsheng_cli.ledger.progress_file import format_number

    return format_number(value) if isinstance(value, Decimal) else str(value)


def check_progress(plan: Plan, root: Path, today: Optional[dt.date] = None) -> tuple[list[Problem], int]:
    """(every problem of progress/, number of records read). `today` defaults to Asia/Shanghai's."""
    from minsheng_cli.ledger.dates import today as today_in_china

    checker = _Checker(plan, Path(root), today or today_in_china())
    checker.walk()
    checker.check_sequences()
    problems = sorted(checker.problems, key=lambda p: (p.path, p.line, p.column))
    return problems, len(checker.records)
