"""`minsheng log P [T]`: a target's records over time with deltas, fates and a trend."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from minsheng_cli.reporting.log import BLOCKS, sparkline


def write(root: Path, month: str, project: int, *lines: str) -> None:
    path = root / "progress" / month / f"{project:02d}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8", newline="\n") as handle:
        handle.write("".join(line + "\n" for line in lines))


@pytest.fixture
def ledger(plan_ledger: Path) -> Path:
    write(plan_ledger, "2023-04", 1,
          '- {date: 2023-04-30, target: new_places, value: 3000, by: "王敏"}')
    write(plan_ledger, "2023-05", 1,
          '- {date: 2023-05-31, target: new_places, value: 4500, note: "推进顺利", by: "王敏"}',
          '- {date: 2023-05-31, target: new_places, value: 4400, action: correct, reason: "重复统计", by: "王敏"}',
          '- {date: 2023-05-31, note: "召开调度会"}')
    write(plan_ledger, "2023-06", 1,
          '- {date: 2023-06-15, target: new_places, value: 5000}',
          '- {date: 2023-06-15, target: new_places, action: void, reason: "日期填错"}',
          '- {date: 2023-06-30, target: new_places, value: 6200, problem: "个别县进度慢", next: "7月督导", by: "张三"}')
    write(plan_ledger, "2023-06", 19,
          '- {date: 2023-06-15, target: villages, county: "任城区", value: 30}',
          '- {date: 2023-06-20, target: villages, county: "兖州区", value: 20}',
          '- {date: 2023-06-30, target: villages, county: "任城区", value: 45}')
    return plan_ledger


def log_json(cli, root: Path, *args: str) -> dict:
    result = cli("--data", root, "log", *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_one_target_with_deltas_fates_and_trend(cli, ledger):
    data = log_json(cli, ledger, "1", "new_places")
    assert data["project"]["id"] == 1 and data["notes"] == []
    [target] = data["targets"]
    assert (target["id"], target["unit"], target["target"]) == ("new_places", "个", 10000)
    rows = [(r["date"], r["value"], r["action"], r["fate"], r["delta"], r["total"]) for r in target["records"]]
    assert rows == [
        ("2023-04-30", 3000, None, None, 3000, 3000),
        ("2023-05-31", 4500, None, "replaced", None, None),
        ("2023-05-31", 4400, "correct", None, 1400, 4400),
        ("2023-06-15", 5000, None, "voided", None, None),
        ("2023-06-15", None, "void", "void", None, None),
        ("2023-06-30", 6200, None, None, 1800, 6200),
    ]
    assert target["records"][-1]["by"] == "张三" and target["records"][-1]["next"] == "7月督导"
    assert target["trend"] == [
        {"date": "2023-04-30", "value": 3000}, {"date": "2023-05-31", "value": 4400}, {"date": "2023-06-30", "value": 6200},
    ]


def test_by_county_totals_add_the_counties_latest_values(cli, ledger):
    [target] = log_json(cli, ledger, "19", "villages")["targets"]
    rows = [(r["county"], r["delta"], r["total"]) for r in target["records"]]
    assert rows == [("任城区", 30, 30), ("兖州区", 20, 50), ("任城区", 15, 65)]
    assert [point["value"] for point in target["trend"]] == [30, 50, 65]


def test_whole_project_lists_targets_with_records_and_its_narratives(cli, ledger):
    data = log_json(cli, ledger, "1")
    assert [t["id"] for t in data["targets"]] == ["new_places"]
    assert [n["note"] for n in data["notes"]] == ["召开调度会"]
    by_name = log_json(cli, ledger, "大力度实施婴幼儿托育“扩容提质”工程", "新增托位")
    assert by_name["targets"][0]["id"] == "new_places"


def test_table_shows_a_trend_and_plain_does_not(cli, ledger):
    table = cli("--data", ledger, "log", "1", "new_places", "-f", "table")
    assert table.exit_code == 0
    trend = [line for line in table.stdout.splitlines() if line.startswith("趋势")]
    assert trend == [f"趋势 {sparkline([Decimal(3000), Decimal(4400), Decimal(6200)], Decimal(0))}  3000 → 6200（年度目标 10000个）"]
    plain = cli("--data", ledger, "log", "1", "-f", "plain")
    assert plain.exit_code == 0
    assert not any(ch in plain.stdout for ch in BLOCKS)
    assert "1. 大力度实施婴幼儿托育“扩容提质”工程 — 新增托位（个）" in plain.stdout
    assert "项目进展" in plain.stdout and "召开调度会" in plain.stdout
    assert "已被替换（更正）" in plain.stdout and "更正：重复统计" in plain.stdout
    assert "作废：日期填错" in plain.stdout and "已作废" in plain.stdout
    assert "+1400" in plain.stdout and "+1800" in plain.stdout


def test_csv_is_one_table(cli, ledger, tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "minsheng_cli", "--data", str(ledger), "log", "1", "-f", "csv"], capture_output=True)
    assert done.returncode == 0
    text = done.stdout.decode("utf-8")
    assert text.count("\ufeff") == 1
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("指标,日期,县（市、区）,数值,增减")
    assert sum(line.startswith("新增托位,") for line in lines) == 6
    assert sum(line.startswith("项目进展,") for line in lines) == 1


def test_no_records_and_bad_arguments(cli, plan_ledger):
    empty = cli("--data", plan_ledger, "log", "2", "-f", "plain")
    assert empty.exit_code == 0 and "尚无进度记录" in empty.stdout
    assert log_json(cli, plan_ledger, "2") == {"project": {"id": 2, "name": "免费开展孕妇外周血胎儿游离DNA产前筛查和产前诊断"}, "targets": [], "notes": []}
    target = cli("--data", plan_ledger, "log", "1", "no_such")
    assert target.exit_code == 1 and "no_such" in target.stderr and "new_places" in target.stderr
    project = cli("--data", plan_ledger, "log", "99")
    assert project.exit_code == 1 and "99" in project.stderr


def test_checklist_trend_counts_items_done(cli, plan_ledger):
    from minsheng_cli.ledger.plan import load_plan

    markets = load_plan(plan_ledger).find_project(30).find_target("markets")
    first, second, third = markets.items[:3]
    write(plan_ledger, "2023-05", 30,
          f'- {{date: 2023-05-31, target: markets, value: "{first}"}}',
          f'- {{date: 2023-05-31, target: markets, value: "{second}"}}')
    write(plan_ledger, "2023-06", 30,
          f'- {{date: 2023-06-30, target: markets, value: "{third}"}}',
          f'- {{date: 2023-06-30, target: markets, value: "{second}", action: void, reason: "未验收"}}')
    [target] = log_json(cli, plan_ledger, "30", "markets")["targets"]
    assert [r["fate"] for r in target["records"]] == [None, "voided", None, "void"]
    assert [(p["date"], p["value"]) for p in target["trend"]] == [("2023-05-31", 1), ("2023-06-30", 2)]


def test_sparkline_is_exact_and_scaled():
    assert sparkline([]) == ""
    assert sparkline([Decimal(0), Decimal(5), Decimal(10)]) == "▁▅█"
    assert sparkline([Decimal(7)] * 3) == "███" and sparkline([Decimal(0)] * 2) == "▁▁"
    assert sparkline([Decimal(50), Decimal(100)], Decimal(0)) == "▅█"
    assert sparkline([Decimal("4.1"), Decimal("4.4")]) == "▁█"


def test_a_record_the_engine_cannot_apply_is_shown_as_not_counted(plan_ledger, cli):
    """A correct without a value changes nothing: log says so instead of showing it as a correction."""
    folder = plan_ledger / "progress" / "2023-06"
    folder.mkdir(parents=True)
    (folder / "01.yaml").write_text(
        "- {date: 2023-06-10, target: new_places, value: 6000}\n"
        "- {date: 2023-06-10, target: new_places, action: correct, reason: 重报}\n", encoding="utf-8")
    shown = cli("--data", plan_ledger, "log", "1", "new_places", "-f", "plain").stdout
    line = next(row for row in shown.splitlines() if "重报" in row)
    assert "无效，未计入" in line
