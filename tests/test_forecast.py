"""The year-end forecast (PRODUCT.md §7, issue 12): each rule as a plain function, the rules
together through the report on generated histories (hypothesis), the README's worked example
and three projects of the example ledger checked by hand, and every report format showing it."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D
from fractions import Fraction as Fr

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from minsheng_cli.ledger.history import fold
from minsheng_cli.ledger.model import Record
from minsheng_cli.ledger.plan import load_plan
from minsheng_cli.reporting import forecast as FC
from minsheng_cli.reporting.report import build_report
from minsheng_cli.reporting.spec import report_spec

README = (REPO / "README.md").read_text(encoding="utf-8")
PLAN = load_plan(REPO / "data", use_cache=False)


# --- each rule ---------------------------------------------------------------------------------
def test_the_window_is_three_months_back_month_end_to_month_end():
    assert FC.window_start(dt.date(2023, 6, 30)) == dt.date(2023, 3, 31)
    assert FC.window_start(dt.date(2023, 5, 31)) == dt.date(2023, 2, 28)
    assert FC.window_start(dt.date(2023, 2, 15)) == dt.date(2022, 11, 15)
    assert FC.window_start(dt.date(2023, 5, 30)) == dt.date(2023, 2, 28)  # clipped to the shorter month
    assert FC.months_between(dt.date(2023, 6, 30), dt.date(2023, 12, 31)) == 6


def test_the_one_sentence_rules():
    assert FC.recent_pace(Fr(29300), Fr(15618), Fr(3)) == Fr(13682, 3)
    assert FC.recent_pace(Fr(10), Fr(12), Fr(3)) == 0  # a correction downwards is no gain, not a loss
    assert FC.projection(Fr(29300), Fr(13682, 3), Fr(6)) == 56664
    assert FC.needed_pace(Fr(60000), Fr(29300), Fr(6)) == Fr(30700, 6)
    assert FC.needed_pace(Fr(60000), Fr(61000), Fr(6)) == 0
    assert FC.needed_pace(Fr(60000), Fr(50000), Fr(0)) is None  # past due: nothing to pace
    assert FC.pressure(Fr(30700, 6), Fr(13682, 3)) == Fr(30700, 27364)
    assert FC.pressure(Fr(5), Fr(0)) is None


def test_months_behind_reads_the_schedule_backwards_including_node_targets():
    straight = [(Fr(0), Fr(0)), (Fr(12), Fr(1))]
    assert FC.months_behind(straight, Fr(1, 4), Fr(6)) == 3
    assert FC.months_behind(straight, Fr(1, 2), Fr(6)) is None
    assert FC.months_behind(straight, Fr(23, 48), Fr(6)) is None  # a quarter of a month: not behind
    # 节点目标: nothing due until month 6, then all of it by month 12
    nodes = [(Fr(0), Fr(0)), (Fr(6), Fr(0)), (Fr(12), Fr(1))]
    assert FC.months_behind(nodes, Fr(0), Fr(8)) == 2
    assert FC.months_behind(nodes, Fr(1, 6), Fr(10)) == 3


def test_stalled_and_warning():
    assert FC.stalled(Fr(1, 3), Fr(1, 3), full_window=True, finished=False)
    assert not FC.stalled(Fr(1, 3), Fr(1, 3), full_window=False, finished=False)  # started less than 3 months ago
    assert not FC.stalled(Fr(1), Fr(1), full_window=True, finished=True)
    assert FC.warns("on_track", Fr(9), Fr(10)) and FC.warns("ahead", Fr(9), Fr(10))
    assert not FC.warns("lagging", Fr(9), Fr(10)) and not FC.warns("completed", Fr(9), Fr(10))


@given(st.fractions(0, 10**6), st.fractions(0, 10**6), st.fractions(0, 10**4), st.fractions(0, 12))
def test_projection_is_monotone_in_the_actual_and_the_pace(low, high, pace, left):
    low, high = min(low, high), max(low, high)
    assert FC.projection(low, pace, left) <= FC.projection(high, pace, left)
    assert FC.projection(low, pace, left) <= FC.projection(low, pace + 1, left)
    assert FC.projection(low, pace, left) >= low


@given(st.fractions(0, 10**6), st.fractions(0, 10**6), st.fractions(Fr(1, 10**3), 10**4), st.fractions(Fr(1, 4), 12))
def test_pressure_above_one_exactly_when_the_needed_pace_exceeds_the_recent_one(figure, actual, pace, left):
    needed = FC.needed_pace(figure, actual, left)
    assert (FC.pressure(needed, pace) > 1) == (needed > pace)
    # and then, at the recent pace, the year ends short of the target
    assert (FC.projection(actual, pace, left) < figure) == (needed > pace)


# --- the rules together, through the report, on generated histories -------------------------------
SCREENING = 60000  # project 2, 免费产前筛查: a count target of the shipped plan, Jan 1 – Dec 31


def forecast_of(values: list[int], month: int):
    """The screening target's line after monthly cumulative `values` (January on), as of `month`'s end."""
    records = [Record(dt.date(2023, m, 28), 2, "screening", value=D(v)) for m, v in enumerate(values, 1)]
    spec = report_spec(PLAN, dt.date(2024, 1, 15), month=f"2023-{month:02d}", category=str(PLAN.projects[1].category))
    report = build_report(PLAN, fold(records, PLAN), spec)
    line = next(line for line in report.projects if line.project.id == 2)
    return line, next(t for t in line.targets if t.target.id == "screening")


monthly = st.lists(st.integers(0, 9000), min_size=4, max_size=12).map(lambda gains: [sum(gains[:n + 1]) for n in range(len(gains))])


@settings(max_examples=60, deadline=None)
@given(monthly)
def test_forecast_rules_agree_on_any_history(values):
    month = len(values)
    project, line = forecast_of(values, month)
    forecast, state = line.forecast, line.now
    assert forecast.projected >= forecast.actual
    if state.status == "completed":
        assert not forecast.warning and forecast.needed == 0 and forecast.months_behind is None
    assert forecast.warning == (state.status in ("ahead", "on_track") and forecast.projected < SCREENING)
    if forecast.pressure is not None:
        assert (forecast.pressure > 1) == (forecast.needed > forecast.pace)
    assert forecast.stalled == (values[-1] == values[-4] and values[-1] < SCREENING)
    if forecast.months_behind is not None:
        assert state.completion < state.expected
    # the project speaks for its targets: a warning only while on schedule, and only from a short target
    assert project.forecast.warning == (project.status in ("ahead", "on_track") and bool(project.forecast.short))


@settings(max_examples=30, deadline=None)
@given(monthly, st.integers(1, 5000))
def test_a_higher_actual_never_projects_lower(values, extra):
    month = len(values)
    _, low = forecast_of(values, month)
    _, high = forecast_of(values[:-1] + [values[-1] + extra], month)
    assert high.forecast.projected >= low.forecast.projected
    if low.forecast.needed is not None:  # None at the year's end: nothing left to pace
        assert high.forecast.needed <= low.forecast.needed


# --- the example ledger, by hand, and the README's worked example ----------------------------------
def report_json(cli, root, *args):
    result = cli("--data", root, "report", "--month", "2023-06", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def target_json(report, project_id, target_id):
    project = next(p for p in report["projects"] if p["id"] == project_id)
    return project, next(t for t in project["targets"] if t["id"] == target_id)


# (project, target, value at 3-31, value at 6-30, annual target): the arithmetic is in the README
HAND_CHECKED = [(2, "screening", 15618, 29300, 60000), (7, "floor_area", 38203, 99981, 350000), (12, "installations", 7828, 16054, 115019)]


@pytest.mark.parametrize("project_id, target_id, march, june, figure", HAND_CHECKED)
def test_three_projects_of_the_example_ledger_checked_by_hand(example_ledger, cli, project_id, target_id, march, june, figure):
    report = report_json(cli, example_ledger)
    _, target = target_json(report, project_id, target_id)
    forecast = target["forecast"]
    assert target["actual"] == june
    pace = Fr(june - march, 3)
    assert forecast["recent_monthly"] == pytest.approx(float(pace), abs=0.005)
    assert forecast["projected"] == pytest.approx(float(june + pace * 6), abs=0.005)
    assert forecast["needed_monthly"] == pytest.approx(float(Fr(figure - june, 6)), abs=0.005)
    assert forecast["pressure"] == pytest.approx(float(Fr(figure - june, 6) / pace), abs=0.005)
    behind = 6 - 12 * Fr(june, figure)  # the schedule stood at june/figure that many months ago
    assert forecast["months_behind"] == (int(behind + Fr(1, 2)) or None)


def test_the_readme_worked_example_is_what_the_code_computes(example_ledger, cli):
    section = README[README.index("\n### 年底预测\n"):]
    section = section[:section.index("\n## ")] if "\n## " in section else section
    report = report_json(cli, example_ledger)
    project, screening = target_json(report, 2, "screening")
    f = screening["forecast"]
    pace, needed, left = f"{f['recent_monthly']:.2f}", f"{f['needed_monthly']:.2f}", f"{f['months_left']:g}"
    for sentence in (
        f"近3个月月均{pace}人",
        f"年底预计 = {screening['actual']} + {pace} × {left} = {f['projected']:g}人，完成年度目标的{f['projected_completion'] * 100:.1f}%",
        f"需月均 =（{screening['target']} − {screening['actual']}）÷ {left} = {needed}人",
        f"压力系数 = {needed} ÷ {pace} = {f['pressure']:.2f}",
    ):
        assert sentence in section, sentence
    forecast = f
    assert forecast["warning"] and project["forecast"]["warning"] and project["status"] == "on_track"
    _, floor = target_json(report, 7, "floor_area")
    assert f"滞后约{floor['forecast']['months_behind']}个月" in section


# --- in every format ---------------------------------------------------------------------------------
def test_json_keeps_the_contract_and_adds_the_forecast(example_ledger, cli):
    report = report_json(cli, example_ledger)
    project, target = target_json(report, 2, "screening")
    assert {"id", "name", "completion", "expected", "gap", "status", "flags", "targets"} <= set(project)
    assert set(project["forecast"]) == {"target", "projected_completion", "needed_monthly", "pressure", "months_behind", "stalled", "warning", "short"}
    assert project["forecast"]["short"] == ["screening"] and project["forecast"]["target"] == "screening"
    _, hotline = target_json(report, 3, "hotline")  # a milestone with steps: its stage, no figures
    assert hotline["forecast"]["projected"] is None and hotline["forecast"]["stage"]["total"] == 2
    _, policy = target_json(report, 1, "filing_rank")  # continuing: no forecast
    assert policy["forecast"] is None


@pytest.mark.parametrize("fmt", ["plain", "markdown", "table"])
def test_text_formats_end_with_the_forecast_block(example_ledger, cli, fmt):
    result = cli("--data", example_ledger, "report", "--month", "2023-06", "--format", fmt)
    assert result.exit_code == 0
    assert "年底预测：按近3个月进度年底完不成或进度停滞的项目（8项）" in result.stdout
    assert "免费开展孕妇外周血胎儿游离DNA产前筛查和产前诊断（市卫生健康委）：预警，序时推进" in result.stdout


def test_csv_holds_the_forecast_rows_with_detail(example_ledger, cli):
    out = cli("--data", example_ledger, "report", "--month", "2023-06", "--format", "csv", "--detail", "--category", "4").stdout
    assert "预测：年底预计9600口（完成年度目标的115.7%）" in out


def test_detail_shows_every_targets_forecast_under_it(example_ledger, cli):
    out = cli("--data", example_ledger, "report", "--month", "2023-06", "--format", "plain", "--detail", "--category", "4").stdout
    assert "预测：年底预计223537平方米（完成年度目标的63.9%）；近3个月月均20592.7平方米，剩余6个月需月均41669.8平方米，压力系数2.02；滞后约3个月" in out
    assert "预测：年底预计9600口（完成年度目标的115.7%）" in out


def test_a_fresh_ledger_has_no_forecast_to_give(plan_ledger, cli):
    report = report_json(cli, plan_ledger)
    assert not any(p["forecast"]["warning"] or p["forecast"]["stalled"] for p in report["projects"])
    assert all(t["forecast"] is None for p in report["projects"] for t in p["targets"])
    out = cli("--data", plan_ledger, "report", "--month", "2023-06", "--format", "plain").stdout
    assert "按近3个月月均进度推算，各项目年底均可完成年度目标" in out
