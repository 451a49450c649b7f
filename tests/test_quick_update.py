"""The quick path (commands/quick.py): the everyday `update` run before the command line's library
is imported writes the same record, says the same words and exits with the same code as the
command line does with the same arguments; anything else is left to the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE
from minsheng_cli.commands.quick import FLAGS, VALUED, parsed

TYPER_PATH = "import sys; from minsheng_cli.commands.app import run; sys.argv[0] = 'minsheng'; run()"


def ledger_repo(folder: Path) -> Path:
    """A copy of the example ledger in a git repository of its own, with a git user."""
    shutil.copytree(EXAMPLE, folder)
    for command in (["init", "-q"], ["config", "user.name", "测试员"], ["config", "user.email", "t@example.org"], ["add", "-A"],
                    ["commit", "-qm", "台账"]):
        subprocess.run(["git", *command], cwd=folder, check=True, capture_output=True)
    return folder


def minsheng(args: list[str], cwd: Path, typer_path: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("MINSHENG_DATA", None)
    program = [sys.executable, "-c", TYPER_PATH] if typer_path else [sys.executable, "-m", "minsheng_cli"]
    return subprocess.run([*program, *args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)


CASES = [
    ["update", "3", "branch_centers", "1", "--county", "太白湖新区", "--date", "2023-07-03"],
    ["update", "3", "branch_centers", "2", "--date", "2023-07-04", "--county", "太白湖", "--note", "新建分中心已运营"],
    ["update", "3", "branch_centers", "2", "--date", "2023-07-04", "--county", "太白湖", "--note", "新建分中心已运营"],  # already there
    ["update", "1", "new_places", "6,300", "--date", "2023-07-03", "--by", "李四"],
    ["update", "托育", "新增托位", "5万", "--date", "2023-07-05"],  # needs confirming: refused
    ["update", "托育", "新增托位", "5万", "--date", "2023-07-05", "--confirm"],
    ["update", "1", "new_places", "100", "--date", "2023-07-06"],  # lower than before: needs --correct
    ["update", "99", "new_places", "1", "--date", "2023-07-03"],
    ["update", "1", "no_such_target", "1", "--date", "2023-07-03"],
    ["update", "1", "new_places", "很多", "--date", "2023-07-03"],
    ["update", "1", "new_places", "7000", "--date", "2099-01-01"],
    ["update", "1", "new_places", "60000", "--date", "2024-01-03", "--confirm"],  # after the plan's end: refused
    ["update", "1", "new_places", "60000", "--date", "2024-01-03", "--after-plan", "--confirm"],
    ["update", "3", "branch_centers", "1", "--date", "2023-07-03"],  # by county: --county missing
    ["update", "1", "new_places", "7100", "--county", "任城区", "--date", "2023-07-03"],
    ["update", "1", "new_places", "7100", "--date", "2023-07-31", "--note", "a\x1bb"],
]


def test_the_quick_path_does_what_the_command_line_does(tmp_path):
    quick, slow = ledger_repo(tmp_path / "quick"), ledger_repo(tmp_path / "slow")
    for args in CASES:
        assert parsed(args) is not None, args  # each case is one the quick path takes
        fast, usual = minsheng(["--data", str(quick), *args], quick), minsheng(["--data", str(slow), *args], slow, True)
        assert (fast.returncode, fast.stdout.replace(str(quick), "L"), fast.stderr.replace(str(quick), "L")) == \
               (usual.returncode, usual.stdout.replace(str(slow), "L"), usual.stderr.replace(str(slow), "L")), args
        assert "Traceback" not in fast.stderr
    codes = [minsheng(["--data", str(quick), *args], tmp_path).returncode for args in CASES[:2]]
    assert codes == [0, 0]  # written again on the quick ledger: the same day and value, already there (exit 0)
    changed = subprocess.run(["git", "status", "--porcelain"], cwd=quick, capture_output=True, text=True).stdout
    assert changed and changed == subprocess.run(["git", "status", "--porcelain"], cwd=slow, capture_output=True, text=True).stdout
    for path in sorted((quick / "progress").rglob("*.yaml")):
        assert path.read_bytes() == (slow / path.relative_to(quick)).read_bytes(), path


def test_the_quick_path_imports_no_command_line_library(tmp_path):
    ledger = ledger_repo(tmp_path / "data")
    env = {**os.environ}
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "minsheng_cli", "--data", str(ledger), *CASES[0]], cwd=tmp_path,
                          env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0 and "已记录" in done.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "minsheng_cli.commands.update_one" in imported
    assert not {name for name in imported if name.split(".")[0] in ("typer", "click", "rich")}


@pytest.mark.parametrize("args", [
    ["update", "1", "new_places"],  # a note-only or interactive shape
    ["update", "1"],
    ["update", "1", "new_places", "6200", "--correct", "--reason", "更正"],
    ["update", "1", "new_places", "6200", "--void", "--reason", "作废"],
    ["update", "1", "new_places", "6200", "--help"],
    ["update", "--help"],
    ["update", "1", "new_places", "6200", "--date=2023-06-30"],
    ["update", "1", "new_places", "6200", "--date", "2023-06-30", "--date", "2023-06-29"],
    ["update", "1", "new_places", "6200", "--note", "-开头的文字"],
    ["update", "1", "new_places", "-5"],
    ["update", "1", "new_places", "6200", "--", "x"],
    ["update", "1", "new_places", "6200", "--date"],
    ["--debug", "update", "1", "new_places", "6200"],
    ["--no-cache", "update", "1", "new_places", "6200"],
    ["--rev", "HEAD", "update", "1", "new_places", "6200"],
    ["report", "update", "1", "new_places", "6200"],
    ["--data", "-x", "update", "1", "new_places", "6200"],
    ["update", "1", "new_places", "6200", "extra"],
])
def test_any_other_shape_is_left_to_the_command_line(args):
    assert parsed(args) is None


def test_the_global_data_option_in_each_of_its_spellings():
    for prefix in (["--data", "x"], ["-d", "x"], ["--data=x"]):
        assert parsed([*prefix, "update", "1", "new_places", "6200"]) == ("x", ["1", "new_places", "6200"], {})
    assert parsed(["update", "1", "--date", "2023-06-30", "new_places", "--confirm", "6200"]) == (
        None, ["1", "new_places", "6200"], {"date": "2023-06-30", "confirm": True})


def test_each_option_the_quick_path_takes_is_the_commands_own():
    """Its option names and whether they take a value are the update command's (the one place
    they are declared is commands/update.py)."""
    import typer.main

    from minsheng_cli.commands.app import build_app

    command = typer.main.get_command(build_app(["update"])).commands["update"]
    options = {opt: param for param in command.params for opt in getattr(param, "opts", [])}
    for option, name in VALUED.items():
        assert option in options and not options[option].is_flag and options[option].name == name, option
    for option, name in FLAGS.items():
        assert option in options and options[option].is_flag and options[option].name == name, option
    arguments = [param.name for param in command.params if param.param_type_name == "argument"]
    assert arguments == ["project", "target", "value"]


@pytest.mark.parametrize("typer_path", [False, True], ids=["quick", "command line"])
def test_an_update_whose_reader_is_gone_writes_and_says_nothing(tmp_path, typer_path):
    """stdout closed (`>&-`): the record is written, exit 0; the reader gone (`| head -c 1` that
    has exited): written, exit 1, nothing said — as click does, on both paths."""
    ledger = ledger_repo(tmp_path / "data")
    program = [sys.executable, "-c", TYPER_PATH] if typer_path else [sys.executable, "-m", "minsheng_cli"]
    base = [*program, "--data", str(ledger), "update", "1", "new_places", "6300"]
    closed = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", *base, "--date", "2023-07-03"], capture_output=True, timeout=120)
    reading, writing = os.pipe()
    os.close(reading)
    try:
        gone = subprocess.run([*base[:-1], "6400", "--date", "2023-07-04"], stdout=writing, stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(writing)
    refused = subprocess.run(["sh", "-c", 'exec "$@" 2>&-', "sh", *base[:-3], "99", "new_places", "1"], capture_output=True, timeout=120)
    assert (refused.returncode, refused.stdout) == (1, b"")  # its message has nowhere to go: not onto stdout
    assert (closed.returncode, closed.stderr) == (0, b"")
    assert (gone.returncode, gone.stderr) == (1, b"")
    written = (ledger / "progress" / "2023-07" / "01.yaml").read_text(encoding="utf-8")
    assert "date: 2023-07-03, target: new_places, value: 6300" in written and "date: 2023-07-04, target: new_places, value: 6400" in written
