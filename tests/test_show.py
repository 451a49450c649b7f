"""`show P` prints the whole target in every format: kind, figure and unit, baseline, period,
weight, a checklist's items and `required`, a milestone's steps, each with its state, counties
with their allocations, the notice's words, the plan's note and the revisions in force."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest


def lines_with(text: str, *words: str) -> list[list[str]]:
    return [line.split() for line in text.splitlines() if all(w in line for w in words)]


def target_json(run, project: str, target_id: str) -> dict:
    shown = json.loads(run("show", project, "--format", "json"))
    return next(t for t in shown["targets"] if t["id"] == target_id)


def csv_rows(run, project: str) -> list[list[str]]:
    text = run("show", project, "--format", "csv")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_checklist_items_with_their_state_and_required(run):
    run("update", "5", "county_communities", "曲阜市", "--date", "2023-04-30", "--by", "测试")
    plain = run("show", "5", "--format", "plain")
    assert ["事项", "曲阜市", "已完成", "2023-04-30"] in [row[-4:] for row in lines_with(plain, "曲阜市")]
    assert lines_with(plain, "事项", "梁山县")[0][-2:] == ["梁山县", "未完成"]
    assert lines_with(plain, "要求")[0][-2:] == ["须完成5项（共9项）", "已完成1项"]
    shown = target_json(run, "5", "county_communities")
    assert shown["required"] == 5 and shown["items"][0] == "曲阜市"  # list's names keep their meaning
    assert shown["item_states"][0] == {"name": "曲阜市", "done": "2023-04-30"}
    assert shown["item_states"][1] == {"name": "邹城市", "done": None}


def test_a_voided_item_is_not_done(run):
    run("update", "30", "markets", "秦庄农贸市场", "--date", "2023-04-30", "--by", "测试")
    run("update", "30", "markets", "秦庄农贸市场", "--void", "--reason", "尚未验收", "--date", "2023-04-30", "--by", "测试")
    assert target_json(run, "30", "markets")["item_states"][0] == {"name": "秦庄农贸市场", "done": None}


def test_milestone_steps_with_their_state(run):
    run("update", "16", "network_plan", "全面深入调研", "--date", "2023-03-15", "--by", "测试")
    plain = run("show", "16", "--format", "plain")
    assert lines_with(plain, "步骤", "全面深入调研")[0][-3:] == ["全面深入调研", "已完成", "2023-03-15"]
    assert lines_with(plain, "步骤", "出台方案")[0][-2:] == ["出台方案", "未完成"]
    steps = target_json(run, "16", "network_plan")["steps"]
    assert steps[0] == {"name": "全面深入调研", "due": None, "done": "2023-03-15"}
    assert steps[2]["done"] is None
    # done finishes every step, as the report judges it
    run("update", "16", "network_plan", "done", "--date", "2023-09-30", "--by", "测试")
    assert [s["done"] for s in target_json(run, "16", "network_plan")["steps"]] == ["2023-03-15", "2023-09-30", "2023-09-30"]


def test_a_milestone_without_steps_says_whether_it_is_done(run):
    assert lines_with(run("show", "16", "--format", "plain"), "节点事项", "免费乘车政策效果评估")[-1][-1] == "未完成"
    run("update", "16", "policy_evaluation", "done", "--date", "2023-05-31", "--by", "测试")
    assert lines_with(run("show", "16", "--format", "plain"), "节点事项", "免费乘车政策效果评估")[-1][-2:] == ["已完成", "2023-05-31"]


def test_counties_with_allocations_values_and_who_has_not_reported(run):
    run("update", "23", "city_study_rooms", "1", "--county", "任城区", "--date", "2023-06-30", "--by", "测试")
    plain = run("show", "23", "--format", "plain")
    assert lines_with(plain, "任城区：分配2处")[0][-2:] == ["1处", "2023-06-30"]
    assert lines_with(plain, "微山县：分配2处")[0][-1] == "未报送"
    shown = target_json(run, "23", "city_study_rooms")
    assert shown["county_targets"]["任城区"] == 2
    assert shown["county_values"][0] == {"county": "任城区", "target": 2, "value": 1, "date": "2023-06-30"}
    assert shown["county_values"][4] == {"county": "微山县", "target": 2, "value": None, "date": None}
    # the counties concerned: project 22's four districts only
    parking = run("show", "22", "--format", "plain")
    assert len(lines_with(parking, "县（市、区）", "任城区")) == 3 and not lines_with(parking, "曲阜市")


def test_kind_figure_baseline_period_weight_quote_and_note(run):
    plain = run("show", "1", "--format", "plain")
    assert lines_with(plain, "托位总量", "达到水平")[0][1:8] == ["total_places", "达到水平", "37000", "个", "27000", "2023-01-01–2023-12-31", "监测指标"]
    assert lines_with(plain, "千人口托位数", "达到水平")[0][5] == "年初首条记录"
    assert lines_with(plain, "第一方阵”", "持续实施")[0][-1] == "不计入"
    assert lines_with(plain, "通知原文", "2023年新增托位1万个")
    assert lines_with(run("show", "7", "--format", "plain"), "说明", "2024年新学期投入使用")
    shown = target_json(run, "1", "filing_rank")
    assert shown["counted"] is False and shown["quote"] == "备案托育服务机构稳居全省“第一方阵”"


def test_revisions_in_force_and_not_yet(plan_ledger, run, monkeypatch):
    from minsheng_cli.ledger import dates

    plan = plan_ledger / "projects.yaml"
    text = plan.read_text(encoding="utf-8")
    anchor = "        quote: 改造提升8294口教室照明条件\n"
    plan.write_text(text.replace(anchor, anchor + (
        "        revisions:\n"
        "          - {date: 2023-05-10, approval: 市政府专题会议, target: 9000, note: 增列部分农村学校}\n"
        "          - {date: 2023-09-01, approval: 市政府常务会议, due: 2023-11-30}\n")), encoding="utf-8")
    monkeypatch.setattr(dates, "today", lambda: dt.date(2023, 7, 10))
    plain = run("show", "8", "--format", "plain")
    assert lines_with(plain, "改造提升教室照明", "数量")[0][3] == "9000"  # the figure in force
    assert lines_with(plain, "调整", "市政府专题会议")[0][-2:] == ["现行", "2023-05-10"]
    assert lines_with(plain, "市政府常务会议")[0][-2:] == ["未生效", "2023-09-01"]
    shown = target_json(run, "8", "classroom_lighting")
    assert shown["target"] == 8294  # list's name: the plan's figure
    assert shown["in_force"] == {"target": 9000, "due": "2023-12-31", "milestones": [], "revised": True}
    assert [r["in_force"] for r in shown["revisions"]] == [True, False]
    assert shown["revisions"][0]["note"] == "增列部分农村学校"


def test_csv_is_one_sheet_with_the_whole_project(run):
    run("update", "5", "county_communities", "曲阜市", "--date", "2023-04-30", "--by", "测试")
    rows = csv_rows(run, "5")
    assert rows[0] == ["指标", "明细", "内容", "状态", "日期"]
    assert all(len(row) == 5 for row in rows)
    assert ["", "牵头单位", "市卫生健康委", "", ""] in rows
    name = "建成紧密型县域医共体的县（市）"
    assert [name, "年度目标", "5", "", ""] in rows and [name, "权重", "1", "", ""] in rows
    assert [name, "事项", "曲阜市", "已完成", "2023-04-30"] in rows
    assert [name, "要求", "须完成5项（共9项）", "已完成1项", ""] in rows
    assert any(row[1] == "最近进展" and "曲阜市" in row[2] for row in rows)


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_details_in_the_other_formats(run, fmt):
    shown = run("show", "30", "--format", fmt)
    assert "指标明细" in shown and "嘉祥县护山新农贸市场" in shown and "须完成13项（共13项）" in shown


def test_show_has_an_id_column_and_chinese_words_in_its_history(example_ledger, cli):
    plain = cli("--data", example_ledger, "show", "30", "-f", "plain").stdout
    assert "rapid_test_rooms" in plain.split("指标明细")[0]  # the id check's hints point to
    history = plain.split("最近进展", 1)[1]
    assert "新改建农贸市场必建、必改快检室 正常" in history and "rapid_test_rooms" not in history
    assert " done" not in cli("--data", example_ledger, "show", "28", "-f", "plain").stdout.split("最近进展", 1)[1]
