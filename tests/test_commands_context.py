"""The command layer's shape: one LedgerContext per run (the clock read once, the folder and the
plan resolved at most once), no module-global state in commands/, and no command importing the
group back."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from conftest import REPO
from minsheng_cli.commands.app import COMMANDS
from minsheng_cli.commands.context import LedgerContext

COMMANDS_DIR = REPO / "src" / "minsheng_cli" / "commands"
MODULES = sorted(COMMANDS_DIR.glob("*.py"))


def counting(monkeypatch, module, name):
    calls = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_the_folder_and_the_plan_are_resolved_once(plan_ledger, monkeypatch):
    from minsheng_cli.ledger import plan as plan_module

    finds = counting(monkeypatch, plan_module, "find_root")
    loads = counting(monkeypatch, plan_module, "load_plan")
    ledger = LedgerContext(data=plan_ledger, rev=None, debug=False, today=dt.date(2023, 6, 30))
    assert ledger.root == ledger.worktree_root == plan_ledger
    assert ledger.plan is ledger.plan
    assert len(ledger.plan.projects) == 30
    assert (len(finds), len(loads)) == (1, 1)


def test_nothing_is_looked_up_for_a_command_that_needs_no_ledger(tmp_path, cli, monkeypatch):
    from minsheng_cli.ledger import plan as plan_module

    finds = counting(monkeypatch, plan_module, "find_root")
    result = cli("init", tmp_path / "new", "--year", "2024")
    assert result.exit_code == 0, result.output
    assert finds == []


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--month", "2023-06", "-f", "json"),
        ("update", "1", "new_places", "6200", "--date", "2023-06-30", "--by", "张三"),
        ("template", "--unit", "市卫生健康委", "--month", "2023-06", "--output", "t.xlsx"),
    ],
    ids=lambda args: args[0],
)
def test_the_clock_is_read_once_per_run(args, plan_ledger, cli, monkeypatch):
    from minsheng_cli.ledger import dates

    monkeypatch.chdir(plan_ledger.parent)
    monkeypatch.setattr(dates, "today", lambda: reads.append(1) or dt.date(2023, 7, 10))
    reads: list[int] = []
    result = cli("--data", plan_ledger, *args)
    assert result.exit_code == 0, result.output
    assert len(reads) == 1


def test_the_date_of_the_run_is_the_one_every_rule_judges_by(plan_ledger, cli, monkeypatch):
    from minsheng_cli.ledger import dates

    monkeypatch.setattr(dates, "today", lambda: dt.date(2023, 6, 20))
    result = cli("--data", plan_ledger, "update", "1", "new_places", "6200", "--date", "2023-06-30")
    assert result.exit_code == 1
    assert "晚于今天（2023-06-20）" in result.stderr


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("path", [p for p in MODULES if p.name != "app.py"], ids=lambda p: p.name)
def test_no_command_imports_the_group(path):
    assert "minsheng_cli.commands.app" not in imports_of(path)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_module_global_state(path):
    """No `global`, and nothing bound at module level to a mutable container except constants."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not any(isinstance(node, ast.Global) for node in ast.walk(tree)), path.name
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            if isinstance(target, ast.Name) and not target.id.isupper():
                assert not isinstance(node.value, (ast.Dict, ast.List, ast.Set, ast.Call)), f"{path.name}: {target.id}"


def test_every_command_has_its_own_module():
    assert sorted(f"{module}.py" for module in COMMANDS.values()) == sorted(
        p.name for p in MODULES if p.name not in ("__init__.py", "app.py", "context.py", "options.py", "printing.py", "help_format.py", "replay.py",
                                              "boundary.py", "quick.py", "update_one.py")
    )
