"""`check` for progress/: every problem of every file, each with path, line, column, a stable
code, a Chinese message, a hint and the source line (PRODUCT.md §3 `check`).

Files are read as `read_progress` reads them (fast path, YAML fallback), so what `check` accepts
is what reports read. The records are folded by the in-force engine with the plan, as a report
folds them: the engine applies the record rules (checks/rules.py's `RECORD_CHECKS`) and finds
union-merge duplicates and conflicting values; `ledger_findings` lists all of that and the
checks over the fold, so every problem `check` reports is one a report leaves out or counts.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from minsheng_cli.checks.rules import Facts, Finding, ledger_findings
from minsheng_cli.errors import LedgerError
from minsheng_cli.ledger import layout
from minsheng_cli.ledger.model import Plan, Record
from minsheng_cli.ledger.problems import Problem
from minsheng_cli.ledger.progress_file import parse_progress_detailed
from minsheng_cli.ledger.progress_yaml import ProgressFormatError
from minsheng_cli.words import progress as M


@dataclass
class _Source:
    """What a problem needs to point into one file."""

    path: str
    text: str
    positions: dict[int, dict]  # id(record) -> key -> (line, column), YAML path only
    _lines: Optional[list[str]] = None  # split when a problem first points into the file

    def where(self, record: Record, key: Optional[str]) -> tuple[int, int]:
        found = self.positions.get(id(record))
        if found is not None:
            if key in found:
                return found[key]
            return record.line, 1
        text = self.line_text(record.line)
        if key is not None:
            for label in (("{" if key == "date" else ", ") + key + ": ", "{" + key + ": ", "{ " + key + ": "):  # written order, then a hand edit's
                at = text.find(label)
                if at >= 0:
                    return record.line, at + len(label) + 1  # 1-based column of the value
        return record.line, 1

    def line_text(self, line: int) -> str:
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines[line - 1] if 1 <= line <= len(self._lines) else ""


class _Checker:
    def __init__(self, plan: Plan, root: Path, today: dt.date):
        self.facts = Facts(plan, today)
        self.root = Path(root)
        self.problems: list[Problem] = []
        self.files: dict[int, list[tuple[Path, str]]] = {}  # project -> its files, months ascending
        self.records: list[Record] = []  # the project being checked
        self.sources: dict[str, _Source] = {}  # its files by path
        self.read = 0

    # --- reporting -----------------------------------------------------------------------------------
    def add(self, source: _Source, line: int, column: int, code: str, message: str) -> None:
        self.problems.append(Problem(source.path, line, column, code, message, M.REC_HINTS.get(code, ""), source.line_text(line)))

    def found(self, finding: Finding, source: _Source) -> None:
        record, key, code, message = finding
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
            elif project not in self.facts.projects:
                self.file_problem(path, "unknown-file", M.REC_CHECK_UNKNOWN_PROJECT_FILE.format(name=name, count=len(self.facts.projects)))
            else:
                self.files.setdefault(project, []).append((path, month))

    def check_projects(self) -> None:
        """Each project's files read and folded on their own, then let go — on every core for a
        big ledger (ledger/parallel.py): no key spans two projects, and a province ledger's
        million records are never held at once."""
        from minsheng_cli.ledger.parallel import file_sizes, map_items

        projects = sorted(self.files)
        weights = [file_sizes(path for path, _month in self.files[project]) for project in projects]
        for problems, read in map_items(self.check_project, projects, weights):
            self.problems.extend(problems)
            self.read += read

    def check_project(self, project: int) -> tuple[list[Problem], int]:
        """(the problems of one project's files, how many records they hold)."""
        kept, self.problems = self.problems, []
        try:
            for path, month in self.files[project]:
                self.check_file(path, project, month)
            self.check_sequences()
            return self.problems, len(self.records)
        finally:
            self.problems, self.records, self.sources = kept, [], {}

    def check_file(self, path: Path, project: int, month: str) -> None:
        from minsheng_cli.ledger.yamlio import read_text

        shown = str(path)
        try:
            text = read_text(path)
        except LedgerError as err:
            self.file_problem(path, "encoding" if err.code == "encoding" else "unreadable", err.message)
            return
        source = self.sources[shown] = _Source(shown, text, {})
        try:
            parsed = parse_progress_detailed(text, shown, project)
        except ProgressFormatError as err:
            self.add(source, err.line, err.column, err.code, err.detail)
            return
        for error in parsed.errors:
            self.add(source, error.line, error.column, error.code, error.detail)
        if not parsed.fast:
            source.positions = {id(record): where for record, where in zip(parsed.records, parsed.positions)}
        self.records.extend(parsed.records)

    # --- across records --------------------------------------------------------------------------------
    def check_sequences(self) -> None:
        """Fold every record as a report does, then list what the engine and the checks found."""
        from minsheng_cli.ledger.history import fold

        in_force = fold(self.records, self.facts.plan, today=self.facts.today)
        for finding in ledger_findings(self.facts, in_force):
            self.found(finding, self.sources[finding[0].path])


def check_progress(plan: Plan, root: Path, today: Optional[dt.date] = None) -> tuple[list[Problem], int]:
    """(every problem of progress/, number of records read). `today` defaults to Asia/Shanghai's."""
    from minsheng_cli.ledger.dates import today as today_in_china

    checker = _Checker(plan, Path(root), today or today_in_china())
    checker.walk()
    checker.check_projects()
    problems = sorted(checker.problems, key=lambda p: (p.path, p.line, p.column))
    return problems, checker.read
