"""Edges found in review: the gap judged is the gap shown, a past-due target that never reported
makes its project overdue, a per-county baseline needs every county, the lagging list names a
lagging target of a finished project, an empty plan's sentence, OS errors in Chinese."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from minsheng_cli.ledger.model import Target
from minsheng_cli.reporting.report import build_report
from minsheng_cli.reporting.schedule import index_records, item_targets_of
from minsheng_cli.reporting.spec import report_spec
from minsheng_cli.reporting.wording import lagging_entries, summary_sentence
from test_schedule import JUNE_30, count, judge, make_plan, one, rec


def june_report(plan, records):
    spec = report_spec(plan, dt.date(2024, 1, 1), month="2023-06")
    return build_report(plan, index_records(records, item_targets_of(plan)), spec)


def test_the_gap_judged_is_the_difference_of_the_figures_shown():
    plan = make_plan([count(target=1000)])
    state = one(plan, [rec(JUNE_30, "a", D("400.5"))])  # 40.05% shows as 40.1%
    assert state.gap == D("-9.9") and state.status == "on_track"
    state = one(plan, [rec(JUNE_30, "a", D("199.5"))])  # 19.95% shows as 20.0%: −30.0, still lagging
    assert state.gap == D("-30.0") and state.status == "lagging"


def test_a_past_due_target_never_reported_makes_the_project_overdue():
    plan = make_plan([count("a", due=dt.date(2023, 5, 31)), count("b")])
    project = judge(plan, [rec(JUNE_30, "b", 60)])
    assert project.target("a").status == "not_reported"
    assert project.status == "overdue"


def test_a_county_baseline_needs_every_county_concerned():
    level = Target(id="a", name="水平", kind="level", target=D(300), unit="个", baseline_from="record",
                   by_county=True, counties=["任城区", "曲阜市"])
    plan = make_plan([level])
    records = [
        rec(dt.date(2023, 1, 1), "a", 100, county="任城区"),
        rec(dt.date(2023, 2, 1), "a", 100, county="曲阜市"),  # first value after the start: no baseline
        rec(JUNE_30, "a", 100, county="任城区"),
        rec(JUNE_30, "a", 100, county="曲阜市"),
    ]
    state = one(plan, records)
    assert state.completion is None and "no_data" in state.flags


def test_lagging_list_names_an_interrupted_policy_of_a_completed_project():
    policy = Target(id="p", name="免费乘车政策", kind="continuing")
    plan = make_plan([count("a"), policy])
    records = [rec(JUNE_30, "a", 100), rec(JUNE_30, "p", "中断")]
    report = june_report(plan, records)
    assert report.projects[0].status == "completed"
    entries = lagging_entries(report)
    assert len(entries) == 1 and "免费乘车政策" in entries[0]


def test_an_empty_plan_has_a_sentence():
    plan = make_plan()
    assert summary_sentence(june_report(plan, [])) == "截至2023年6月底，2023年市政府“重点民生实事”尚无项目。"


def test_writing_into_a_missing_folder_is_explained_in_chinese(example_ledger, cli, tmp_path):
    target = tmp_path / "no-such-folder" / "x.csv"
    result = cli("--data", example_ledger, "report", "--month", "2023-06", "-f", "csv", "--output", target)
    assert result.exit_code == 1
    assert "文件夹或文件不存在" in result.stderr and "No such file" not in result.stderr
