"""The foundation end to end: list / show / check on the shipped plan (broken plans: test_broken.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from wcwidth import wcswidth

from conftest import PLAN


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "minsheng_cli", *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=env)


def test_list_json_contract(plan_ledger, cli):
    result = cli("--data", plan_ledger, "list", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"plan", "categories", "projects"}
    assert set(data["plan"]) == {"title", "document", "year", "start", "end", "counties"}
    assert data["plan"]["document"] == "济政发〔2023〕2号"
    assert data["plan"]["start"] == "2023-01-01" and data["plan"]["end"] == "2023-12-31"
    assert len(data["projects"]) == 30 and len(data["categories"]) == 13
    assert [p["id"] for p in data["projects"]] == list(range(1, 31))
    first = data["projects"][0]
    assert set(first) == {"id", "name", "category", "summary", "lead", "co", "targets"}
    assert first["lead"] == ["市卫生健康委"]
    places = next(t for t in first["targets"] if t["name"] == "新增托位")
    assert set(places) == {"id", "name", "kind", "target", "unit", "baseline", "start", "due", "weight", "by_county", "counties", "items"}
    assert (places["kind"], places["target"], places["unit"], places["counties"]) == ("count", 10000, "个", None)
    assert data["projects"][11]["lead"] == ["广电山东网络济宁分公司"]
    markets = data["projects"][29]["targets"][0]
    assert markets["kind"] == "checklist" and markets["target"] == 13 and len(markets["items"]) == 13
    for project in data["projects"]:
        for target in project["targets"]:
            assert "万" not in (target["unit"] or "")


def test_list_filters(plan_ledger, cli):
    by_unit = json.loads(cli("--data", plan_ledger, "list", "-u", "市残联", "-f", "json").stdout)
    assert [p["id"] for p in by_unit["projects"]] == [9, 10]
    by_category = json.loads(cli("--data", plan_ledger, "list", "-c", "4", "-f", "json").stdout)
    assert [p["id"] for p in by_category["projects"]] == [7, 8]
    bad = cli("--data", plan_ledger, "list", "-u", "不存在的局")
    assert bad.exit_code == 1 and "不存在的局" in bad.stderr


def test_plain_and_markdown_align_by_display_width(plan_ledger, cli):
    for fmt in ("plain", "markdown"):
        lines = [l for l in cli("--data", plan_ledger, "list", "-f", fmt).stdout.splitlines()[1:] if l.strip() and not l.startswith("#")]
        widths = {wcswidth(line.rstrip()) for line in lines if fmt == "markdown"}
        if fmt == "markdown":
            assert len(widths) == 1, widths  # every row of a pipe table has the same display width
        else:
            header = lines[0]
            column = wcswidth(header[: header.index("牵头单位")])
            for line in lines[1:]:
                if line.strip().split()[0].isdigit():  # a project's first row: its lead unit starts the column
                    start = line.index(next(t for t in line.split() if t.startswith(("市", "广电"))))
                    assert wcswidth(line[:start]) == column


def test_csv_starts_with_bom(plan_ledger):
    out = subprocess.run([sys.executable, "-m", "minsheng_cli", "--data", str(plan_ledger), "list", "-f", "csv"], capture_output=True)
    assert out.returncode == 0
    assert out.stdout.startswith(b"\xef\xbb\xbf")
    text = out.stdout.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("序号,项目名称,牵头单位")


def test_show_project(plan_ledger, cli):
    result = cli("--data", plan_ledger, "show", "8", "-f", "plain")
    assert result.exit_code == 0
    assert "改善教学基础设施条件" in result.stdout and "8294" in result.stdout and "市教育局" in result.stdout
    shown = json.loads(cli("--data", plan_ledger, "show", "12", "-f", "json").stdout)
    assert shown["targets"][0]["target"] == 115019


def test_unknown_project_is_a_chinese_error(plan_ledger, cli):
    result = cli("--data", plan_ledger, "show", "31")
    assert result.exit_code == 1
    assert "没有序号或名称为「31」的项目" in result.stderr
    assert "Traceback" not in result.output


def test_usage_errors_exit_2_in_chinese(plan_ledger):
    result = run_cli("--data", str(plan_ledger), "list", "--bogus")
    assert result.returncode == 2 and "没有选项 --bogus" in result.stderr
    result = run_cli("--data", str(plan_ledger), "list", "-f", "xml")
    assert result.returncode == 2 and "不支持的输出格式「xml」" in result.stderr


def test_version_answers_without_typer():
    probe = "import sys, minsheng_cli.__main__ as m; sys.argv=['minsheng','--version']; m.main(); print('typer' in sys.modules, 'pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.stdout.splitlines() == ["minsheng 0.1.0", "False False"]


def test_ledger_found_from_a_subfolder(plan_ledger):
    sub = plan_ledger.parent / "a" / "b"
    sub.mkdir(parents=True)
    result = run_cli("list", "-f", "json", cwd=sub)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["projects"]) == 30


def test_missing_ledger(tmp_path):
    result = run_cli("list", cwd=tmp_path)
    assert result.returncode == 1
    assert "找不到台账目录" in result.stderr and "Traceback" not in result.stderr


def test_shipped_plan_checks_clean(plan_ledger, cli):
    result = cli("--data", plan_ledger, "check")
    assert result.exit_code == 0, result.output
    assert "台账检查通过" in result.stdout
    as_json = json.loads(cli("--data", plan_ledger, "check", "-f", "json").stdout)
    assert as_json == {"ok": True, "errors": []}


def test_plan_with_crlf_and_bom_reads(tmp_path, cli):
    root = tmp_path / "ledger"
    (root / "progress").mkdir(parents=True)
    (root / "projects.yaml").write_bytes(b"\xef\xbb\xbf" + PLAN.read_bytes().replace(b"\n", b"\r\n"))
    assert cli("--data", root, "check").exit_code == 0


def test_plan_in_gbk_is_refused_clearly(tmp_path, cli):
    root = tmp_path / "ledger"
    (root / "progress").mkdir(parents=True)
    (root / "projects.yaml").write_bytes(PLAN.read_text(encoding="utf-8").encode("gb18030"))
    result = cli("--data", root, "list")
    assert result.exit_code == 1 and "UTF-8" in result.stderr


def test_only_the_requested_command_group_is_built():
    from minsheng_cli.commands.app import requested_command

    assert requested_command(["--data", "x", "--rev", "HEAD", "report", "--month", "2023-06"]) == "report"
    assert requested_command(["-d", "x", "--no-cache", "update", "1"]) == "update"
    assert requested_command(["--help"]) is None
    probe = (
        "import sys, minsheng_cli.commands.app as c; c.app_for(sys.argv[1:]);"
        "print(sorted(k for k in sys.modules if k.startswith('minsheng_cli.commands.') and k.rpartition('.')[2] in c.COMMANDS.values()))"
    )
    out = subprocess.run([sys.executable, "-c", probe, "report", "--month", "2023-06"], capture_output=True, text=True)
    assert out.stdout.strip() == "['minsheng_cli.commands.report']"
    out = subprocess.run([sys.executable, "-c", probe, "--data", "x", "list"], capture_output=True, text=True)
    assert out.stdout.strip() == "['minsheng_cli.commands.list_']"


def test_every_command_is_listed_in_help():
    result = run_cli("--help")
    # Only what is ours: each command's name begins a line of the listing (click lays it out).
    listed = {line.split()[0] for line in result.stdout.splitlines() if line.startswith(" ") and line.split()}
    for command in ("list", "show", "check", "update", "template", "import", "report", "diff", "log", "schema", "init"):
        assert command in listed, command
    assert "显示本帮助并退出" in result.stdout


def test_show_lists_every_checklist_item_recorded_on_one_day(plan_ledger, cli):
    for market in ("秦庄农贸市场", "杜庄农贸市场"):
        assert cli("--data", plan_ledger, "update", "30", "markets", market, "--date", "2023-05-31", "--by", "测试").exit_code == 0
    shown = json.loads(cli("--data", plan_ledger, "show", "30", "-f", "json").stdout)
    markets = next(t for t in shown["targets"] if t["id"] == "markets")
    assert sorted(markets["latest"]["value"].split("、")) == ["杜庄农贸市场", "秦庄农贸市场"]
    assert markets["latest"]["date"] == "2023-05-31"
