"""Outputs mean what their names say: -o infers the format from its extension and refuses what
contradicts -f or what the command cannot write; template --all keeps existing files; every way
out is a ready command; bad periods are usage errors everywhere; --data takes the repository's
root or projects.yaml."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize("name, check", [
    ("6月.csv", lambda data: data.startswith(b"\xef\xbb\xbf") and b"," in data),
    ("r.md", lambda data: data.decode("utf-8").count("|") > 10),
    ("r.json", lambda data: "summary" in json.loads(data)),
    ("r.txt", lambda data: "序时进度" in data.decode("utf-8") and "|" not in data.decode("utf-8")),
    ("r.xlsx", lambda data: data.startswith(b"PK")),
])
def test_the_extension_names_the_format(example_ledger, cli, tmp_path, name, check):
    result = cli("--data", example_ledger, "report", "--month", "2023-06", "-o", tmp_path / name)
    assert result.exit_code == 0, result.output
    assert check((tmp_path / name).read_bytes())


@pytest.mark.parametrize("args, words", [
    (["-o", "r.pdf"], "不认识扩展名「.pdf」"),
    (["-f", "csv", "-o", "r.xlsx"], "矛盾"),
    (["-o", "r.docx"], "report 不能输出 docx"),
])
def test_what_the_extension_cannot_mean_is_refused(example_ledger, cli, tmp_path, args, words):
    args = [str(tmp_path / arg) if "." in arg else arg for arg in args]
    result = cli("--data", example_ledger, "report", "--month", "2023-06", *args)
    assert result.exit_code == 2 and words in result.stderr, result.output
    assert list(tmp_path.iterdir()) == [example_ledger]


def test_template_all_keeps_existing_files_without_force(example_ledger, cli, tmp_path):
    out = tmp_path / "out"
    assert cli("--data", example_ledger, "template", "--all", "--month", "2023-06", "--output-dir", out).exit_code == 0
    first = sorted(out.iterdir())
    first[0].write_bytes(b"filled in")
    again = cli("--data", example_ledger, "template", "--all", "--month", "2023-06", "--output-dir", out)
    assert again.exit_code == 1 and "未生成任何文件" in again.stderr
    assert f"minsheng template --all --month 2023-06 --output-dir {out} --force" in again.stderr
    assert first[0].read_bytes() == b"filled in"
    forced = cli("--data", example_ledger, "template", "--all", "--month", "2023-06", "--output-dir", out, "--force")
    assert forced.exit_code == 0 and first[0].read_bytes() != b"filled in"


def test_the_same_date_conflict_prints_the_whole_command(example_ledger, cli):
    result = cli("--data", example_ledger, "update", "19", "villages", "60", "--county", "任城区", "--date", "2023-06-30")
    assert result.exit_code == 1
    assert 'minsheng update 19 villages 60 --date 2023-06-30 --county 任城区 --correct --reason "原因"' in result.stderr
    assert "…" not in result.stderr


def test_a_lower_value_in_an_import_names_the_import_way(example_ledger, cli, tmp_path):
    sheet = tmp_path / "low.csv"
    sheet.write_text("project,target,value,date,county\n19,villages,10,2023-07-03,任城区\n", encoding="utf-8")
    result = cli("--data", example_ledger, "import", sheet)
    assert result.exit_code == 1
    assert "导入不会更正已记录的数值" in result.stderr and "请加 --correct" not in result.stderr
    assert 'minsheng update 19 villages 10 --date 2023-07-03 --county 任城区 --correct --reason "原因"' in result.stderr


@pytest.mark.parametrize("args", [
    ["report", "--month", "2023-13"], ["template", "-u", "卫健委", "--month", "2023-13"],
    ["report", "--week", "2023-W60"], ["report", "--quarter", "2023-Q5"], ["report", "--xun", "2023-06-4"],
])
def test_a_bad_period_is_a_usage_error_everywhere(example_ledger, cli, args):
    assert cli("--data", example_ledger, *args).exit_code == 2


def test_data_may_name_the_repository_root_or_the_plan(example_ledger, cli, tmp_path):
    repo = tmp_path / "repo"
    (repo).mkdir()
    example_ledger.rename(repo / "data")
    for data in (repo, repo / "data", repo / "data" / "projects.yaml"):
        result = cli("--data", data, "list")
        assert result.exit_code == 0 and "重点民生实事" in result.stdout, (data, result.output)
