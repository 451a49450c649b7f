"""The plan audit of issue 10 end to end: each figure reads as the notice gives it, in `report`
and `list` (the figures themselves: test_plan_figures.py)."""

from __future__ import annotations

import json



def report_json(run, day: str) -> dict:
    return {p["id"]: p for p in json.loads(run("report", "--as-of", day, "--format", "json"))["projects"]}


def target_of(project: dict, target_id: str) -> dict:
    return next(t for t in project["targets"] if t["id"] == target_id)


def test_project13_january_with_only_the_pilots_reads_zero(run):
    """由6个县（市、区）扩大到全市: the 6 pilots are where the year starts, not 42.9% done."""
    run("update", "13", "county_coverage", "6", "--date", "2023-01-31", "--by", "市医保局")
    project = report_json(run, "2023-01-31")[13]
    coverage = target_of(project, "county_coverage")
    assert (coverage["kind"], coverage["actual"], coverage["target"]) == ("level", 6, 14)
    assert coverage["completion"] == 0 and coverage["status"] == "on_track"
    assert project["completion"] == 0 and project["status"] != "ahead"


def test_project13_counts_each_new_county_as_an_eighth(run):
    run("update", "13", "county_coverage", "8", "--date", "2023-06-30", "--by", "市医保局")
    coverage = target_of(report_json(run, "2023-06-30")[13], "county_coverage")
    assert coverage["completion"] == 0.25  # (8 − 6) ÷ (14 − 6)
    assert "no_data" not in coverage["flags"]  # the plan gives the baseline


def test_project18_shows_no_figure_the_notice_never_gives(run):
    listed = json.loads(run("list", "--category", "8", "--format", "json"))
    (rollout,) = next(p for p in listed["projects"] if p["id"] == 18)["targets"]
    assert (rollout["kind"], rollout["target"], rollout["items"]) == ("milestone", None, None)
    table = run("report", "--as-of", "2023-06-30", "--category", "8", "--detail", "--format", "plain")
    row = next(line for line in table.splitlines() if line.startswith("18.1"))
    assert "9个" not in row and "9" not in row.split()[2]


def test_project26_lines_and_buses_are_targets(run):
    run("update", "26", "broadcast_lines", "65", "--date", "2023-06-30", "--by", "市司法局")
    run("update", "26", "broadcast_buses", "350", "--date", "2023-06-30", "--by", "市司法局")
    project = report_json(run, "2023-06-30")[26]
    assert target_of(project, "broadcast_lines")["completion"] == 1
    assert target_of(project, "broadcast_buses")["completion"] == 0.5  # of 700余 → 700


def test_project1_standing_position_earns_no_share_of_the_project(run):
    """稳居全省“第一方阵”: confirmed each period (正常/中断), never a seventh of the project."""
    run("update", "1", "filing_rank", "正常", "--date", "2023-01-31", "--by", "市卫生健康委")
    project = report_json(run, "2023-01-31")[1]
    assert target_of(project, "filing_rank")["status"] == "on_track"
    assert project["completion"] == 0  # as a milestone ticked done it was a share of the project's mean
    run("update", "1", "filing_rank", "中断", "--date", "2023-02-28", "--by", "市卫生健康委")
    assert target_of(report_json(run, "2023-02-28")[1], "filing_rank")["status"] == "lagging"


def test_project7_is_complete_with_the_main_structures_built(run):
    """计划2023年底完成主体建设，2024年新学期投入使用: 17000 学位 are tracked, not counted in 2023."""
    for target, value in (("schools", "20"), ("floor_area", "35万")):
        run("update", "7", target, value, "--date", "2023-12-31", "--by", "市教育局")
    project = report_json(run, "2023-12-31")[7]
    assert project["status"] == "completed"
    assert target_of(project, "school_places")["status"] == "not_reported"



def test_list_shows_continuing_targets_as_not_counted(run):
    rows = run("list", "--category", "8", "--format", "plain").splitlines()
    peak = next(line for line in rows if "早晚高峰免费乘坐公交车" in line)
    assert peak.split()[-1] == "不计入"
    evaluation = next(line for line in rows if "免费乘车政策效果评估" in line)
    assert evaluation.split()[-1] == "1"
    places = next(line for line in run("list", "--category", "1", "--format", "plain").splitlines() if "托位总量" in line)
    assert places.split()[-1] == "监测指标"
