"""Missing is not zero (PRODUCT.md §2): a counted target without a record is left out of its
project's means, the project is flagged 部分指标未报送, and the report names the target."""

from __future__ import annotations

import json


def project_6_with_one_of_three_reported(cli, ledger):
    # 600 名 by the year's end; 312 at the end of June is 52%, on schedule (50%)
    assert cli("--data", ledger, "update", "6", "backbone_training", "312", "--date", "2023-06-30").exit_code == 0


def test_a_project_is_judged_on_what_was_reported(plan_ledger, cli):
    project_6_with_one_of_three_reported(cli, plan_ledger)
    report = json.loads(cli("--data", plan_ledger, "report", "--month", "2023-06", "-f", "json").stdout)
    project = next(p for p in report["projects"] if p["id"] == 6)
    assert project["completion"] == 0.52 and project["expected"] == 0.5
    assert project["status"] == "on_track"
    assert "partial_targets" in project["flags"]
    states = {t["id"]: t["status"] for t in project["targets"]}
    assert states == {"township_upgrade": "not_reported", "backbone_training": "on_track", "village_doctor_training": "not_reported"}


def test_the_report_says_plainly_what_was_not_reported(plan_ledger, cli):
    project_6_with_one_of_three_reported(cli, plan_ledger)
    text = cli("--data", plan_ledger, "report", "--month", "2023-06", "-f", "plain").stdout
    assert "另有2项指标未报送" in text
    assert "部分指标未报送" in text
    assert "提升基层医疗服务能力：" in text  # the 未报送 list names each missing target of the project
    lagging = text[text.index("进度滞后的项目") if "进度滞后的项目" in text else 0:]
    assert "提升基层医疗服务能力（市卫生健康委）：严重滞后" not in lagging


def test_the_project_row_shows_a_reported_figure(plan_ledger, cli):
    project_6_with_one_of_three_reported(cli, plan_ledger)
    rows = cli("--data", plan_ledger, "report", "--month", "2023-06", "-f", "csv", "--detail").stdout.splitlines()
    project = next(row.split(",") for row in rows if row.startswith("6,"))
    assert project[3].startswith("业务骨干到市级培训基地进修600名") and project[5] == "312名"
    missing = next(row.split(",") for row in rows if row.startswith("6.1,"))  # township_upgrade: no record
    assert missing[4:7] == ["—", "—", "—"] and missing[8] == "—"  # 本期完成, 累计完成, 完成率; 较上期


def test_nothing_recorded_in_the_period_reads_dash(plan_ledger, cli):
    project_6_with_one_of_three_reported(cli, plan_ledger)
    rows = cli("--data", plan_ledger, "report", "--month", "2023-07", "-f", "csv", "--detail").stdout.splitlines()
    target = next(row.split(",") for row in rows if row.startswith("6.2,"))
    assert target[4] == "—" and target[5] == "312名"  # 本期完成: nothing in July, not 0名
    report = json.loads(cli("--data", plan_ledger, "report", "--month", "2023-07", "-f", "json").stdout)
    backbone = next(t for p in report["projects"] if p["id"] == 6 for t in p["targets"] if t["id"] == "backbone_training")
    assert backbone["delta"] is None and backbone["actual"] == 312
