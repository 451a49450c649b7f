"""Every command documents itself (sqlite-utils' test_docs.py): help and short help in Chinese for
the command and each of its options, `--help` through the CLI, and a place in README.md.

The README rule: each command has a row in the table of 命令一览 (`| `minsheng NAME …` |`) and a
heading of its own section naming it as a code span (`### `minsheng NAME`…`); the table names no
command that does not exist.
"""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.models import ParameterInfo
from typer.utils import get_params_from_function

from conftest import REPO
from minsheng_cli.commands.app import COMMANDS, build_app
from minsheng_cli.words.progress import HELP_OPTION

README = (REPO / "README.md").read_text(encoding="utf-8")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
APP = build_app(COMMANDS)
GROUP = typer.main.get_command(APP)
REGISTERED = GROUP.commands  # name -> click command, as `minsheng --help` lists them


def chinese(text) -> bool:
    return bool(text and text.strip() and CHINESE.search(text))


def command_table() -> str:
    start = README.index("## 命令一览\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end > 0 else None]


def test_every_command_of_the_registry_is_registered_in_order():
    assert list(REGISTERED) == list(COMMANDS)


@pytest.mark.parametrize("name", list(REGISTERED))
def test_help_and_short_help_are_in_chinese(name):
    command = REGISTERED[name]
    assert chinese(command.help), name
    assert chinese(command.short_help), name


def declared_help(function) -> dict[str, str | None]:
    """The help written for each option and argument in a command's signature (what typer is
    given: some typer and click releases together drop an argument's help from `--help`)."""
    params = get_params_from_function(function)
    return {name: meta.default.help for name, meta in params.items() if isinstance(meta.default, ParameterInfo)}


@pytest.mark.parametrize("info", APP.registered_commands, ids=lambda info: info.name)
def test_every_option_and_argument_is_explained_in_chinese(info):
    helps = declared_help(info.callback)
    assert helps, info.name
    for name, text in helps.items():
        assert chinese(text), f"{info.name} {name}"


def test_the_global_options_are_explained_in_chinese():
    assert chinese(GROUP.help)
    helps = declared_help(APP.registered_callback.callback)
    assert set(helps) == {"data", "rev", "debug", "no_cache", "version"}
    for name, text in helps.items():
        assert chinese(text), name


@pytest.mark.parametrize("name", list(REGISTERED))
def test_help_through_the_cli(name, cli):
    result = cli(name, "--help")
    assert result.exit_code == 0, result.output
    assert f"minsheng {name}" in result.stdout
    assert HELP_OPTION in result.stdout
    first_words = REGISTERED[name].help.split("：")[0].split("，")[0][:8]
    assert first_words in result.stdout


@pytest.mark.parametrize("name", list(REGISTERED))
def test_every_command_has_a_readme_section(name):
    heading = re.compile(rf"^#{{2,4}} .*`minsheng {re.escape(name)}[ `]", re.M)
    assert heading.search(README), f"README.md has no heading naming `minsheng {name}`"


@pytest.mark.parametrize("name", list(REGISTERED))
def test_every_command_is_in_the_readme_command_table(name):
    assert re.search(rf"^\| `minsheng {re.escape(name)}[ `]", command_table(), re.M), name


def test_the_readme_command_table_names_only_real_commands():
    listed = re.findall(r"^\| `minsheng (\S+?)[ `]", command_table(), re.M)
    assert listed and set(listed) <= set(REGISTERED), set(listed) - set(REGISTERED)
