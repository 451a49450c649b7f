"""`--help` is Chinese all the way, for every command (new ones get it from the group and command
classes): headings 用法 / 选项 / 参数 / 命令, [必填], [默认：…], every argument described, and no
English word except command and option names and the values and file kinds a user types."""

from __future__ import annotations

import re

import pytest

from minsheng_cli.commands.app import COMMANDS

# Words a user types or reads as they are: values of options (--by county, --format csv, done),
# the columns of an import file, file kinds and tools (CSV, Excel, git, JSON Schema, YAML), and
# placeholders of dates (YYYY-MM) and periods (2023-W26, 2023-Q2).
ALLOWED = set("""
    minsheng category unit county table plain markdown csv json xlsx html docx tabulate lagging
    seriously_lagging done id project target value date plan progress data projects.yaml md txt
    BOM UTF utf CSV XLSX GBK gbk Excel JSON Schema schema YAML yaml ISO HEAD git config user.name
    gitattributes language server MINSHENG_DATA YYYY MM NN.yaml W Q shell bash zsh fish PowerShell Tab
    A N GB T Word WPS CJK Noto LibreOffice supervision MM.yaml report_due_day report_cutoff_day issue red official free
    settings.notice.fonts settings.notice.header
""".split())  # names of things (A4, 第N期, GB/T 9704, fonts, folders, settings) and values a user types
ENGLISH_HELP = ("Usage", "Options", "Arguments", "Commands", "required", "default:", "TEXT", "PATH", "INTEGER")
OPTION = re.compile(r"(?<![\w])--?[A-Za-z][\w-]*")
WORD = re.compile(r"[A-Za-z][A-Za-z_.]*[A-Za-z]|[A-Za-z]")


def english_words(text: str) -> set[str]:
    return set(WORD.findall(OPTION.sub("", text))) - ALLOWED - set(COMMANDS)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_has_no_english_but_names(cli, command):
    result = cli(*([command, "--help"] if command else ["--help"]))
    assert result.exit_code == 0
    assert english_words(result.stdout) == set(), result.stdout
    for leak in ENGLISH_HELP:
        assert leak not in result.stdout, (leak, result.stdout)


def test_headings_required_and_default_in_chinese(cli):
    update = cli("update", "--help").stdout
    usage = update.splitlines()[0]  # click marks optional arguments with [ ] or not, by version
    assert usage.startswith("用法：minsheng update [选项] 项目 ") and "指标" in usage and "数值" in usage
    assert "参数：" in update and "选项：" in update and "[必填]" in update
    assert re.search(r"^  项目 +项目序号或名称", update, re.M)  # the argument is described, not only named
    assert "\\" not in update  # no escape a renderer left behind
    assert "[默认：category]" in cli("report", "--help").stdout
    assert "命令：" in cli("--help").stdout


def test_every_argument_is_described(cli):
    for command in COMMANDS:
        text = cli(command, "--help").stdout
        if "参数：" not in text:
            continue
        section = text.split("参数：", 1)[1].split("选项：", 1)[0]
        for line in filter(str.strip, section.splitlines()):
            if line.startswith("  ") and not line.startswith("   "):
                assert len(line.split()) > 1, (command, line)


@pytest.mark.parametrize("answer, written", [("是\n", True), ("y\n", True), ("否\n", False), ("n\n", False), ("\n", False)])
def test_a_prompt_takes_chinese_yes_and_no(example_ledger, cli, answer, written):
    before = sorted((example_ledger / "progress").rglob("*.yaml"))
    # interactive update of project 2: one target asked, then 确认写入？
    result = cli("--data", example_ledger, "update", "2", "--date", "2023-07-03", input="30000\n" + "\n" * 4 + answer)
    assert "Error" not in result.output and "invalid input" not in result.output
    assert ("已记录" in result.output) == written, result.output
    assert (sorted((example_ledger / "progress").rglob("*.yaml")) != before) == written


def test_an_unclear_answer_is_asked_again(example_ledger, cli):
    result = cli("--data", example_ledger, "update", "2", "--date", "2023-07-03", input="30000\n" + "\n" * 4 + "也许\n是\n")
    assert "请回答 是 或 否" in result.output and "已记录" in result.output


def test_an_explicit_pythonioencoding_is_honoured(example_ledger):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "gbk", "MINSHENG_DATA": str(example_ledger)}
    for args in (["report", "--month", "2023-06"], ["list"], ["show", "1"]):
        done = subprocess.run([sys.executable, "-m", "minsheng_cli", *args], env=env, capture_output=True, check=False)
        assert done.returncode == 0, done.stderr
        assert "重点民生实事" in done.stdout.decode("gbk") or "托育" in done.stdout.decode("gbk")
