"""`check` for progress/: every problem of every file, each with path, line, column, a stable
code, a Chinese message, a hint and the source line (PRODUCT.md §3 `check`).

Files are read as `read_progress` reads them (fast path, YAML fallback), so what `check` accepts
is what reports read. Duplicates from union merges are found here; what spans records (voids of
nothing, counts that go down) is read from the in-force engine's fold of the whole ledger.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Optional

from minsheng_cli.words import progress as M, vocab as vocab_words
from minsheng_cli.errors import LedgerError
from minsheng_cli.ledger.model import Plan, Record
from minsheng_cli.ledger.problems import Problem
from minsheng_cli.ledger import layout
from minsheng_cli.ledger.progress_file import ProgressFormatError, parse_progress_detailed
from minsheng_cli.ledger.history import SET_KINDS, InForce

CONTINUING_STORED = vocab_words.CONTINUING_STORED


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
        base = layout.progress_dir(self.root)
        if not base.is_dir():
            return
        for name in sorted(os.listdir(base)):
            if layout.is_private(name):
                continue
            path = base / name
            if not path.is_dir():
                self.file_problem(path, "unknown-file", M.REC_CHECK_FILE_OUTSIDE_MONTH)
            elif layout.month_of_folder(name) is None:
                self.file_problem(path, "unknown-folder", M.REC_CHECK_BAD_FOLDER.format(name=name))
            else:
                self.walk_month(name, path)

    def walk_month(self, month: str, folder: Path) -> None:
        for name in sorted(os.listdir(folder)):
            if layout.is_private(name):
                continue
            path = folder / name
            project = layout.project_of_file(name)
            if path.is_dir() or project is None:
                self.file_problem(path, "unknown-file", M.REC_CHECK_BAD_FILE_NAME.format(name=name))
            elif project not in self.projects:
                self.file_problem(path, "unknown-file", M.REC_CHECK_UNKNOWN_PROJECT_FILE.format(name=name, count=len(self.projects)))
            else:
                self.check_file(path, project, month)

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
            self.at(record, source, "date", "wrong-file", M.REC_CHECK_WRONG_MONTH.format(date=record.date, month=month, right=layout.month_name(record.date)))
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
            right = layout.relative_progress_file(record.date, owners[0])
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
        """Union-merge duplicates, then what the in-force engine found: voids of nothing, counts
        that went down without a correction."""
        from minsheng_cli.ledger.history import VOID_NOTHING, fold

        seen: dict[tuple[str, Record], int] = {}
        kept: list[tuple[Record, _Source]] = []
        for record, source in self.records:
            first = seen.setdefault((source.path, record), record.line)
            if first != record.line:
                self.at(record, source, None, "duplicate-record", M.REC_CHECK_DUPLICATE.format(line=first))
            else:
                kept.append((record, source))  # a union-merge duplicate changes nothing
        in_force = fold((record for record, _ in kept), self.plan)
        voids = [r for r in in_force.records_with_fate(VOID_NOTHING) if (r.project, r.target) in self.targets]
        drops = _decreasing(in_force, self.targets)
        if not voids and not drops:
            return
        sources = {id(record): source for record, source in kept}
        for void in voids:
            what = void.target if not isinstance(void.value, str) else f"{void.target}「{void.value}」"
            self.at(void, sources[id(void)], "action", "void-nothing", M.REC_CHECK_VOID_NOTHING.format(target=what, date=void.date))
        for before, after in drops:
            self.at(after, sources[id(after)], "value", "decreasing", M.REC_CHECK_DECREASING.format(
                value=_shown(after.value), date=before.date, old=_shown(before.value),
            ))


def _decreasing(in_force: InForce, targets: dict) -> list[tuple[Record, Record]]:
    """(before, after) where a cumulative count in force went down without a correction."""
    found = []
    for (project, target_id), target in targets.items():
        if target.kind != "count":
            continue
        for series in in_force.history(project, target_id).series.values():
            numbers = [r for r in series.records if isinstance(r.value, Decimal)]
            found += [(b, a) for b, a in zip(numbers, numbers[1:]) if a.value < b.value and a.action != "correct"]
    return found


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
