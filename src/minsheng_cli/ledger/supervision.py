"""The office's own layer: `supervision/YYYY-MM.yaml` beside projects.yaml, written by the
supervision office only (units never edit it) and reviewed in git like the rest.

One file a month: the 通报's 期号 and header, the 下步工作要求 paragraphs, and per project the
office's 核实意见 / 督办意见, 挂牌督办 (date, reason), 领导批示 (who, when, text) and 销号. The
model is checked as strictly as the plan (`extra: forbid`); `check_supervision_text` returns every
problem with its `path:line`, `load_supervision` refuses a broken file as the plan loader does.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Literal, Optional

from minsheng_cli.ledger.layout import supervision_dir, supervision_path
from minsheng_cli.ledger.model import FORBID, Plan
from minsheng_cli.ledger.problems import Problem, source_line
from minsheng_cli.words import notice as M

FILE_NAME = re.compile(r"^([0-9]{4})-([0-9]{2})\.yaml$")


@dataclass
class Listing:
    """挂牌督办."""

    __pydantic_config__ = FORBID
    date: dt.date
    reason: str


@dataclass
class Instruction:
    """领导批示."""

    __pydantic_config__ = FORBID
    who: str
    date: dt.date
    text: str


@dataclass
class Closure:
    """销号: a supervised item back on track."""

    __pydantic_config__ = FORBID
    date: dt.date
    note: Optional[str] = None


@dataclass
class ProjectSupervision:
    __pydantic_config__ = FORBID
    project: int
    verified: Optional[str] = None  # 核实意见
    urged: Optional[str] = None  # 督办意见
    listed: Optional[Listing] = None  # 挂牌督办
    instructions: list[Instruction] = field(default_factory=list)  # 领导批示
    closed: Optional[Closure] = None  # 销号


@dataclass
class Supervision:
    __pydantic_config__ = FORBID
    issue: Optional[int] = None  # 期号
    date: Optional[dt.date] = None  # 成文日期
    header: Optional[Literal["issue", "red"]] = None  # overrides settings.notice.header
    document: Optional[str] = None  # 文号 (red header)
    requirements: list[str] = field(default_factory=list)  # 下步工作要求
    projects: list[ProjectSupervision] = field(default_factory=list)

    def of(self, project: int) -> Optional[ProjectSupervision]:
        return next((entry for entry in self.projects if entry.project == project), None)


# --- which files ---------------------------------------------------------------------------------
def supervision_files(root: Path) -> list[Path]:
    """Every file of the folder (hidden ones skipped), a wrongly named one included: check names it."""
    folder = supervision_dir(root)
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if not path.name.startswith("."))


def month_of_name(name: str, plan: Plan) -> Optional[tuple[int, int]]:
    """(year, month) of a well-named file whose month lies within the plan's period, else None."""
    match = FILE_NAME.match(name)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    first = (plan.start.year, plan.start.month)
    last = (plan.end.year, plan.end.month)
    return (year, month) if first <= (year, month) <= last else None


# --- reading and checking ------------------------------------------------------------------------
@functools.cache
def _adapter():
    from pydantic import TypeAdapter

    return TypeAdapter(Supervision)


def check_supervision_text(text: str, path: str, plan: Plan) -> tuple[Optional[Supervision], list[Problem]]:
    """(the file's model or None, every problem): YAML, schema (unknown key, bad date…), then
    projects the plan has, each once. Never raises for a bad file."""
    from pydantic import ValidationError

    from minsheng_cli.ledger.plan_rules import KEY_CODES, schema_message
    from minsheng_cli.ledger.yamlio import YamlProblem, load_fast, load_positions, position
    from minsheng_cli.words import check as check_words

    try:
        data = load_fast(text)
    except YamlProblem as err:
        return None, [Problem(path, err.line, err.column, err.code, err.message, check_words.HINTS.get(err.code, ""), source_line(text, err.line))]
    except ValueError:  # the YAML loader builds dates itself: 2023-06-31 fails there, without a position
        line, column, written = impossible_date(text)
        return None, [Problem(path, line, column, "bad-value", M.SUP_BAD_DATE.format(text=written), M.SUP_HINTS["bad-value"], source_line(text, line))]
    tree: list = []

    def problem(loc: tuple, code: str, message: str) -> Problem:
        if not tree:
            try:
                tree.append(load_positions(text))
            except YamlProblem:
                tree.append(None)
        line, column = position(tree[0], loc, at_key=code in KEY_CODES)
        hint = M.SUP_HINTS.get(code, check_words.HINTS.get(code, ""))
        return Problem(path, line, column, code, message, hint, source_line(text, line))

    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [problem((), "schema", M.SUP_NOT_MAPPING)]
    try:
        supervision = _adapter().validate_python(data)
    except ValidationError as err:
        return None, sorted((problem(tuple(e["loc"]), *schema_message(e)) for e in err.errors()), key=lambda p: (p.line, p.column))
    problems = _project_problems(supervision, plan, problem)
    return (None if problems else supervision), problems


DATE_TOKEN = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])")


def impossible_date(text: str) -> tuple[int, int, str]:
    """(line, column, the text) of the first date-like token that is no real day (2023-06-31)."""
    for number, line in enumerate(text.split("\n"), 1):
        for match in DATE_TOKEN.finditer(line):
            try:
                dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return number, match.start() + 1, match.group(0)
    return 1, 1, ""


def _project_problems(supervision: Supervision, plan: Plan, problem: Callable) -> list[Problem]:
    known = {project.id for project in plan.projects}
    found, seen = [], set()
    for index, entry in enumerate(supervision.projects):
        where = ("projects", index, "project")
        if entry.project not in known:
            found.append(problem(where, "unknown-project", M.SUP_UNKNOWN_PROJECT.format(project=entry.project)))
        elif entry.project in seen:
            found.append(problem(where, "duplicate-project", M.SUP_DUPLICATE_PROJECT.format(project=entry.project)))
        seen.add(entry.project)
    return found


def check_supervision_file(path: Path, plan: Plan, shown: str) -> tuple[Optional[Supervision], list[Problem]]:
    """One file of the folder: its name first (YYYY-MM.yaml, a month of the plan), then its text."""
    from minsheng_cli.errors import LedgerError
    from minsheng_cli.ledger.yamlio import decode, read_bytes

    if not path.is_file() or month_of_name(path.name, plan) is None:
        message = M.SUP_BAD_NAME.format(name=path.name, start=plan.start.isoformat()[:7], end=plan.end.isoformat()[:7])
        return None, [Problem(shown, 1, 1, "supervision-name", message, M.SUP_HINTS["supervision-name"])]
    try:
        text = decode(read_bytes(path), shown)
    except LedgerError as err:
        return None, [Problem(shown, 1, 1, "encoding" if err.code == "encoding" else "unreadable", err.message)]
    return check_supervision_text(text, shown, plan)


def check_supervision(root: Path, plan: Plan) -> list[Problem]:
    """Every problem of every file under supervision/ (for `minsheng check`)."""
    problems: list[Problem] = []
    for path in supervision_files(root):
        problems += check_supervision_file(path, plan, str(path))[1]
    return problems


def load_supervision(root: Path, plan: Plan, year: int, month: int) -> Optional[Supervision]:
    """The month's file, None when the office wrote none; a broken one is refused with every problem."""
    from minsheng_cli.errors import LedgerInvalid

    path = supervision_path(root, year, month)
    if not path.exists():
        return None
    supervision, problems = check_supervision_file(path, plan, str(path))
    if problems:
        raise LedgerInvalid(M.SUP_INVALID.format(path=path, count=len(problems)), problems)
    return supervision
