"""One broken input per documented `check` code, run through the real CLI (hledger's test/errors).

`tests/broken/{plan,progress,import}/` holds, for every code of README.md's table and every kind of
file the table says it occurs in, a minimal broken input and beside it `CODE.expect`: the whole
output expected (conventions in tests/broken/README.md). Each input is put into a temporary ledger,
the command must exit 1 with exactly that output, no traceback, and change no byte.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO

BROKEN = REPO / "tests" / "broken"
VALID_PLAN = BROKEN / "valid.yaml"
PLACES = ("plan", "progress", "supervision", "import")
CHECKED = ("plan", "progress", "supervision")  # the kinds of file README.md's table names (计划、进度、督查)
README_PLACES = {"计划": "plan", "进度": "progress", "督查": "supervision"}
IMPORT_SUFFIXES = (".csv", ".xlsx")
PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): 错误\[(?P<code>[a-z-]+)\]: (?P<message>.*)$")
CODES_SECTION = "## 检查台账与错误代码"
TABLE_ROW = re.compile(r"^\|\s*`([a-z-]+)`\s*\|\s*([^|]*?)\s*\|", re.MULTILINE)
PREFIX_MARK = "…"  # an expected line ending in it matches any line that starts with what precedes it
READ_FAILURES = {"encoding", "unreadable"}  # the plan is never parsed: commands refuse it with a plain message


@dataclass(frozen=True)
class Case:
    place: str  # plan | progress | import
    code: str
    input: Path

    @property
    def expect(self) -> Path:
        return BROKEN / self.place / f"{self.code}.expect"

    def __str__(self) -> str:
        return f"{self.place}/{self.code}"


def cases(place: str) -> list[Case]:
    folder = BROKEN / place
    if place in ("progress", "supervision"):
        inputs = [path for path in folder.iterdir() if path.is_dir()]
    elif place == "plan":
        inputs = list(folder.glob("*.yaml"))
    else:
        inputs = [path for path in folder.iterdir() if path.suffix in IMPORT_SUFFIXES]
    return [Case(place, path.name.split(".")[0], path) for path in sorted(inputs)]


PLAN_CASES, PROGRESS_CASES, SUPERVISION_CASES, IMPORT_CASES = (cases(place) for place in PLACES)


# --- expectations ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Expected:
    path: str
    line: int
    column: int
    code: str
    message: str


def expected_lines(case: Case) -> list[str]:
    text = case.expect.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if not line.startswith("#")]


def expected_problems(case: Case) -> list[Expected]:
    found = [PROBLEM_LINE.match(line) for line in expected_lines(case)]
    return [Expected(m["path"], int(m["line"]), int(m["column"]), m["code"], m["message"]) for m in found if m]


def matches(expected: str, actual: str) -> bool:
    if expected.endswith(PREFIX_MARK):
        return actual.startswith(expected[: -len(PREFIX_MARK)])
    return actual == expected


def assert_output(case: Case, output: str) -> None:
    expected, actual = expected_lines(case), output.splitlines()
    diff = "\n".join(difflib.unified_diff(expected, actual, str(case.expect.name), "actual", lineterm=""))
    assert len(expected) == len(actual) and all(map(matches, expected, actual)), diff


def readme_places() -> dict[str, set[str]]:
    """code -> the kinds of file README.md's table of check codes says it occurs in."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index(CODES_SECTION):]
    end = section.find("\n## ", len(CODES_SECTION))
    section = section if end < 0 else section[:end]
    table = {}
    for code, files in TABLE_ROW.findall(section):
        words = files.split("、")
        assert set(words) <= set(README_PLACES), f"{code}: unknown kind of file in README.md's table: {files}"
        table[code] = {README_PLACES[word] for word in words}
    return table


# --- ledgers ---------------------------------------------------------------------------------------
def new_ledger(tmp_path: Path, plan: Path) -> Path:
    """A temporary ledger: a copy of `plan` and an empty progress/."""
    root = tmp_path / "ledger"
    (root / "progress").mkdir(parents=True)
    shutil.copy(plan, root / "projects.yaml")
    return root


def ledger_for(case: Case, tmp_path: Path) -> Path:
    """A temporary ledger holding the broken input (plan or progress/), or the valid plan (import)."""
    root = new_ledger(tmp_path, case.input if case.place == "plan" else VALID_PLAN)
    if case.place == "progress":
        shutil.copytree(case.input, root / "progress", dirs_exist_ok=True)
    if case.place == "supervision":
        shutil.copytree(case.input, root / "supervision")
    if str(case) == "plan/unreadable":
        make_unreadable(root / "projects.yaml")
    if str(case) == "progress/unreadable":
        make_unreadable(root / "progress" / "2023-06" / "01.yaml")
    return root


def make_unreadable(path: Path) -> None:
    """A file that exists but cannot be read: no read permission where permissions bind (not for
    root), else Linux's /proc/self/mem, a regular file whose first bytes are never mapped."""
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        path.chmod(0)
        return
    if not Path("/proc/self/mem").is_file():
        pytest.skip("no way to make a file unreadable here (root without /proc/self/mem)")
    path.unlink()
    path.symlink_to("/proc/self/mem")


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry under `folder` with its bytes (or link target), to tell that nothing was written."""
    entries: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            entries[key] = ("link", os.readlink(path))
        elif path.is_dir():
            entries[key] = "folder"
        else:
            try:
                entries[key] = path.read_bytes()
            except OSError:
                entries[key] = ("unreadable", path.stat().st_size)
    return entries


def relative(text: str, folder: Path) -> str:
    """Paths under `folder` as the .expect files write them: relative, with forward slashes."""
    shown = text.replace(str(folder) + os.sep, "")
    return shown.replace(os.sep, "/") if os.sep != "/" else shown


def source_line(root: Path, problem: Expected) -> str | None:
    """The text of the line a problem points at, when the file can be read as text."""
    try:
        lines = (root / problem.path).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    return lines[problem.line - 1] if 1 <= problem.line <= len(lines) else None


# --- check -----------------------------------------------------------------------------------------
def assert_check_reports(case: Case, root: Path, cli) -> None:
    before = snapshot(root)
    shown = cli("--data", root, "check")
    assert shown.exit_code == 1
    assert "Traceback" not in shown.output
    assert_output(case, relative(shown.stdout, root))

    as_json = cli("--data", root, "check", "-f", "json")
    assert as_json.exit_code == 1
    data = json.loads(as_json.stdout)
    assert data["ok"] is False
    expected = expected_problems(case)
    assert len(data["errors"]) == len(expected)
    for error, want in zip(data["errors"], expected):
        assert set(error) == {"path", "line", "column", "code", "message"}
        assert (relative(error["path"], root), error["line"], error["column"], error["code"]) == (want.path, want.line, want.column, want.code)
        assert matches(want.message, relative(error["message"], root)), error["message"]
    assert snapshot(root) == before


@pytest.mark.parametrize("case", PLAN_CASES, ids=str)
def test_broken_plan_reports_code_line_and_column(case, tmp_path, cli):
    root = ledger_for(case, tmp_path)
    assert_check_reports(case, root, cli)
    shown = relative(cli("--data", root, "check").stdout, root)
    for problem in expected_problems(case):
        source = source_line(root, problem)
        if source is not None:
            assert f"{problem.line} | {source}" in shown  # the offending line is shown, a caret under it
            assert "^" in shown
    # a command that needs the plan refuses it with the same problems, no traceback
    before = snapshot(root)
    refused = cli("--data", root, "list")
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    if case.code in READ_FAILURES:
        assert refused.stderr.startswith("错误：")
    else:
        for line in expected_lines(case):
            if PROBLEM_LINE.match(line):
                assert line in relative(refused.stderr, root)
    assert snapshot(root) == before


@pytest.mark.parametrize("case", PROGRESS_CASES, ids=str)
def test_broken_progress_reports_code_line_and_column(case, tmp_path, cli):
    assert_check_reports(case, ledger_for(case, tmp_path), cli)


@pytest.mark.parametrize("case", SUPERVISION_CASES, ids=str)
def test_broken_supervision_file_reports_code_line_and_column(case, tmp_path, cli):
    assert_check_reports(case, ledger_for(case, tmp_path), cli)


def test_the_valid_plan_checks_clean(tmp_path, cli):
    result = cli("--data", new_ledger(tmp_path, VALID_PLAN), "check", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"ok": True, "errors": []}


def test_check_reports_every_problem_at_once(tmp_path, cli):
    text = (BROKEN / "plan" / "unit-wan.yaml").read_text(encoding="utf-8")
    text = text.replace("required: 2}", "required: 9}").replace("    category: 1\n", "    category: 5\n")
    root = new_ledger(tmp_path, VALID_PLAN)
    (root / "projects.yaml").write_text(text, encoding="utf-8")
    result = json.loads(cli("--data", root, "check", "-f", "json").stdout)
    assert sorted(e["code"] for e in result["errors"]) == ["checklist-required", "unit-wan", "unknown-category"]


def test_yaml_syntax_errors_are_explained_in_chinese(tmp_path, cli):
    result = cli("--data", new_ledger(tmp_path, BROKEN / "plan" / "yaml-syntax.yaml"), "check")
    assert "方括号 [ ] 没有成对" in result.stdout and "did not find" not in result.stdout


# --- import ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("case", IMPORT_CASES, ids=str)
@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
def test_broken_import_rejects_the_row(case, dry_run, tmp_path, cli):
    root = ledger_for(case, tmp_path)
    inbox = tmp_path / "收到"
    inbox.mkdir()
    shutil.copy(case.input, inbox)
    before = snapshot(root), snapshot(inbox)
    result = cli("--data", root, "import", inbox / case.input.name, *(["--dry-run"] if dry_run else []))
    assert result.exit_code == 1
    assert "Traceback" not in result.output and result.stdout == ""
    assert_output(case, relative(result.stderr, inbox))
    assert (snapshot(root), snapshot(inbox)) == before


# --- the collection itself -------------------------------------------------------------------------
def test_every_documented_code_has_one_broken_file_for_each_kind_of_file_it_occurs_in():
    documented = {(code, place) for code, places in readme_places().items() for place in places}
    covered = [(case.code, case.place) for place in CHECKED for case in cases(place)]
    assert len(covered) == len(set(covered))
    assert not documented - set(covered), f"documented codes without a broken file: {sorted(documented - set(covered))}"
    assert not set(covered) - documented, f"broken files README.md's table does not document there: {sorted(set(covered) - documented)}"


def test_import_cases_are_named_by_documented_codes():
    documented = set(readme_places())
    names = [case.code for case in IMPORT_CASES]
    assert len(names) == len(set(names)) and names
    assert set(names) <= documented, sorted(set(names) - documented)


@pytest.mark.parametrize("place", PLACES)
def test_every_broken_input_has_its_expectation_and_nothing_else_lies_there(place):
    folder = BROKEN / place
    inputs = {case.code for case in cases(place)}
    expectations = {path.stem for path in folder.glob("*.expect")}
    assert inputs == expectations, (sorted(inputs - expectations), sorted(expectations - inputs))
    known = {case.input.name for case in cases(place)} | {f"{code}.expect" for code in expectations}
    assert {path.name for path in folder.iterdir()} == known


@pytest.mark.parametrize("case", PLAN_CASES + PROGRESS_CASES + SUPERVISION_CASES, ids=str)
def test_each_expectation_reports_its_own_code(case):
    problems = expected_problems(case)
    assert problems and {problem.code for problem in problems} == {case.code}
