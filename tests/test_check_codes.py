"""`check` codes are stable and documented: every code the code base can report is in README.md's
table, and the pre-commit hook runs `check` on the files that matter."""

from __future__ import annotations

import ast
import re

from conftest import REPO
from minsheng_cli.words import check as M, progress as progress_words

SOURCE = REPO / "src" / "minsheng_cli"
CODE = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
PROBLEM_CLASSES = {"Problem": 3, "ProgressFormatError": 3, "YamlProblem": 0}  # position of `code`
TABLE_ROW = re.compile(r"^\|\s*`([a-z-]+)`\s*\|", re.MULTILINE)


def _text(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
        return node.value
    return None


def _is_message(node) -> bool:
    """M.X, M.X.format(...), M.X[...]: a Chinese message from words/."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        node = node.func.value
    if isinstance(node, ast.Subscript):
        node = node.value
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and (node.value.id in ("M", "messages") or node.value.id.endswith("_words"))


def _outcomes(node):
    """The values an expression can take: both branches of `a if test else b`, not the test."""
    if isinstance(node, ast.IfExp):
        yield from _outcomes(node.body)
        yield from _outcomes(node.orelse)
    else:
        yield node


def codes_in(tree: ast.AST) -> set[str]:
    """Codes a module reports: the `code` argument of a problem class, a code right before or after
    a message in a call (`add(loc, "no-lead", M.NO_LEAD...)`), `code=` arguments and defaults,
    `code = ...` assignments, and `return "code", M.MESSAGE` pairs."""
    found: set[str | None] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            args = node.args
            if name in PROBLEM_CLASSES and len(args) > PROBLEM_CLASSES[name]:
                found.update(_text(v) for v in _outcomes(args[PROBLEM_CLASSES[name]]))
            for index, arg in enumerate(args):
                beside = args[index - 1: index] + args[index + 1: index + 2]
                if any(_is_message(other) for other in beside):
                    found.update(_text(v) for v in _outcomes(arg))
            for keyword in node.keywords:
                if keyword.arg == "code":
                    found.update(_text(v) for v in _outcomes(keyword.value))
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "code" for t in node.targets):
            found.update(_text(v) for v in _outcomes(node.value))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            positional = node.args.args[len(node.args.args) - len(node.args.defaults):]
            for arg, default in zip(positional, node.args.defaults):
                if arg.arg == "code":
                    found.add(_text(default))
        elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and len(node.value.elts) >= 2:
            if _is_message(node.value.elts[1]):
                found.add(_text(node.value.elts[0]))
    found.discard(None)
    return found


def reporting_modules() -> list:
    """Modules that build problems (the codes of other modules, e.g. report statuses, are not `check` codes)."""
    chosen = []
    for path in sorted(SOURCE.glob("**/*.py")):
        text = path.read_text(encoding="utf-8")
        if any(f"{name}(" in text for name in PROBLEM_CLASSES):
            chosen.append(path)
    return chosen


CODES_SECTION = "## 检查台账与错误代码"


def used_codes() -> dict[str, str]:
    """code -> the module that reports it (first found), plus every code that has a hint."""
    used: dict[str, str] = {}
    for path in reporting_modules():
        for code in codes_in(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            used.setdefault(code, path.name)
    for table_name, words in (("HINTS", M), ("REC_HINTS", progress_words)):
        for code in getattr(words, table_name):
            used.setdefault(code, f"words.{table_name}")
    return used


def readme_codes() -> set[str]:
    """Codes in the table of the README's section on check (other tables list other things)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index(CODES_SECTION):]
    next_section = section.find("\n## ", len(CODES_SECTION))
    return set(TABLE_ROW.findall(section if next_section < 0 else section[:next_section]))


def test_the_collector_finds_codes_of_every_kind():
    used = used_codes()
    for code in ("no-lead", "missing-field", "bad-value", "yaml-syntax", "merge-conflict", "encoding", "unreadable", "schema", "bad-record"):
        assert code in used, code
    assert not {"date", "target", "value", "void", "correct", "constructor", "overdue"} & set(used)


def test_every_code_is_in_the_readme_table():
    documented = readme_codes()
    missing = {code: where for code, where in sorted(used_codes().items()) if code not in documented}
    assert not missing, f"codes missing from README.md's table of check codes: {missing}"


def test_the_readme_documents_no_code_that_does_not_exist():
    stale = readme_codes() - set(used_codes())
    assert not stale, f"README.md documents codes nothing reports: {sorted(stale)}"


def test_pre_commit_hook():
    from ruamel.yaml import YAML

    [hook] = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "minsheng-check" and hook["entry"] == "minsheng check"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("data/projects.yaml", "data/progress/2023-06/07.yaml", "projects.yaml", "progress/2023-06/01.yaml"):
        assert files.search(path), path
    for path in ("README.md", "data/notes.yaml", "schemas/plan.schema.json", "data/progress/.gitkeep"):
        assert not files.search(path), path
