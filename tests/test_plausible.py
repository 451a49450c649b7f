"""Plausible values (PRODUCT.md §4): a 万 slip, a county typing the city's figure and a half
household are refused — by `update` unless --confirm, by `import` unless --accept-outliers (which
lists every such row as 需核实 first); 超额完成 up to 3× and early small figures growing fast are
accepted. The rule is `plausible.doubts`, tested here as a plain function and through both commands."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st
from openpyxl import load_workbook

from conftest import PLAN
from minsheng_cli.exchange import template as T
from minsheng_cli.ledger.plan import load_plan
from minsheng_cli.ledger.plausible import doubts
from test_template_import import fill, find_row, make_template, progress_snapshot, records_of

PLAN_OBJECT = load_plan(PLAN.parent, use_cache=False)


def target(project: int, target_id: str):
    return PLAN_OBJECT.find_project(project).find_target(target_id)


def d(text) -> Decimal:
    return Decimal(str(text))


# --- the rule as a plain function ---------------------------------------------------------------------------
def test_above_three_times_the_annual_target_is_doubted_and_three_times_is_not():
    places = target(1, "new_places")  # 10000 个
    assert doubts(PLAN_OBJECT, places, None, d(30000)) == []  # 超额完成 up to 3× is normal
    [reason] = doubts(PLAN_OBJECT, places, None, d(30001))
    assert "30001" in reason and "10000" in reason and "3 倍" in reason


def test_a_county_above_its_allocation_times_three_or_above_the_city_target_is_doubted():
    rooms = target(23, "city_study_rooms")  # 28 处, 2 per county
    assert doubts(PLAN_OBJECT, rooms, "鱼台县", d(6)) == []
    [reason] = doubts(PLAN_OBJECT, rooms, "鱼台县", d(7))
    assert "鱼台县" in reason and "2" in reason
    villages = target(19, "villages")  # 1183 个 for the city, no allocations
    assert doubts(PLAN_OBJECT, villages, "鱼台县", d(1183)) == []
    [reason] = doubts(PLAN_OBJECT, villages, "鱼台县", d(12000))
    assert "全市" in reason and "1183" in reason and "鱼台县" in reason


def test_a_jump_above_ten_times_counts_once_the_previous_value_was_five_percent():
    places = target(1, "new_places")  # 10000: 5% is 500
    assert doubts(PLAN_OBJECT, places, None, d(5000), (dt.date(2023, 2, 28), d(100))) == []  # early small figures
    assert doubts(PLAN_OBJECT, places, None, d(6000), (dt.date(2023, 3, 31), d(600))) == []  # exactly 10×
    [reason] = doubts(PLAN_OBJECT, places, None, d(6001), (dt.date(2023, 3, 31), d(600)))
    assert "600" in reason and "2023-03-31" in reason and "10 倍" in reason


def test_a_fraction_of_a_whole_unit_is_doubted_unless_the_plan_itself_uses_fractions():
    homes = target(11, "home_retrofit")  # 2000 户
    [reason] = doubts(PLAN_OBJECT, homes, None, d("1880.5"))
    assert "1880.5" in reason and "户" in reason
    assert doubts(PLAN_OBJECT, target(1, "places_per_1000"), None, d("3.9")) == []  # 4.4 个 per 1000: a ratio
    assert doubts(PLAN_OBJECT, target(7, "floor_area"), None, d("1200.5")) == []  # 平方米 is not counted whole


def test_the_whole_units_are_a_plan_setting():
    custom = copy.copy(PLAN_OBJECT)
    custom.settings = dataclasses.replace(PLAN_OBJECT.settings, whole_units=("平方米",))
    assert doubts(custom, target(11, "home_retrofit"), None, d("1880.5")) == []
    assert doubts(custom, target(7, "floor_area"), None, d("1200.5")) != []
    assert PLAN_OBJECT.settings.whole_units == ("个", "户", "所", "人", "名", "处", "座", "只", "口", "条", "家", "场", "次", "人次", "辆")  # PRODUCT §4 and 辆 (project 26)


def test_a_level_target_is_judged_on_its_value_with_the_baseline_as_the_first_previous_value():
    total = target(1, "total_places")  # level 37000 个, baseline 27000
    assert doubts(PLAN_OBJECT, total, None, d(36500)) == []
    reasons = doubts(PLAN_OBJECT, total, None, d(370000))  # a 万 slip: 37万 for 3.7万
    assert len(reasons) == 2 and any("基数 27000" in r for r in reasons)


def test_only_figures_of_count_and_level_targets_are_judged():
    assert doubts(PLAN_OBJECT, target(3, "hotline"), None, "done") == []


@settings(max_examples=200, deadline=None)
@given(
    value=st.integers(min_value=0, max_value=10**9),
    previous=st.one_of(st.none(), st.integers(min_value=0, max_value=10**8)),
)
def test_a_whole_value_is_doubted_exactly_when_above_three_times_or_a_jump_from_five_percent(value, previous):
    places = target(1, "new_places")
    before = None if previous is None else (dt.date(2023, 3, 31), Decimal(previous))
    found = doubts(PLAN_OBJECT, places, None, Decimal(value), before)
    over = value > 30000
    jump = previous is not None and previous >= 500 and value > 10 * previous
    assert len(found) == over + jump


# --- update ---------------------------------------------------------------------------------------------
def update(cli, ledger, *args):
    return cli("--data", ledger, "update", *args)


@pytest.mark.parametrize("args, says", [
    (("11", "home_retrofit", "188000", "--date", "2023-06-30"), "2000"),  # a 万 slip against 2000 户
    (("19", "villages", "12000", "--county", "鱼台县", "--date", "2023-06-30"), "全市"),  # a county types the city's figure
    (("11", "home_retrofit", "1880.5", "--date", "2023-06-30"), "整数"),  # a half household
])
def test_update_refuses_an_implausible_value_unless_confirm(plan_ledger, cli, args, says):
    refused = update(cli, plan_ledger, *args)
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert "需核实" in refused.stderr and says in refused.stderr and "--confirm" in refused.stderr
    assert progress_snapshot(plan_ledger) == {}
    accepted = update(cli, plan_ledger, *args, "--confirm")
    assert accepted.exit_code == 0, accepted.stderr
    assert len(records_of(plan_ledger)) == 1


def test_update_refuses_a_jump_once_the_figure_was_five_percent_and_accepts_early_growth(plan_ledger, cli):
    assert update(cli, plan_ledger, "1", "new_places", "100", "--date", "2023-02-28").exit_code == 0
    early = update(cli, plan_ledger, "1", "new_places", "5000", "--date", "2023-04-30")  # 50× from 1%: early growth
    assert early.exit_code == 0, early.stderr
    assert update(cli, plan_ledger, "3", "outreach_events", "20", "--date", "2023-03-31").exit_code == 0  # 10% of 200
    jump = update(cli, plan_ledger, "3", "outreach_events", "201", "--date", "2023-04-30")
    assert jump.exit_code == 1 and "上次累计 20（2023-03-31）" in jump.stderr and "--confirm" in jump.stderr
    assert update(cli, plan_ledger, "3", "outreach_events", "201", "--date", "2023-04-30", "--confirm").exit_code == 0


def test_update_accepts_three_times_the_target_without_a_flag(plan_ledger, cli):
    result = update(cli, plan_ledger, "1", "new_places", "30000", "--date", "2023-06-30")
    assert result.exit_code == 0, result.stderr
    assert "300.0%" in result.stdout or "300%" in result.stdout


def test_the_interactive_update_asks_before_taking_an_implausible_value(plan_ledger, cli):
    # project 11 has one target; 188000 is asked about: "n" asks again, 1880 is taken
    result = cli("--data", plan_ledger, "update", "11", "--date", "2023-06-30", input="188000\nn\n1880\n\n\n\ny\n")
    assert result.exit_code == 0, result.output
    assert "需核实" in result.output
    [record] = records_of(plan_ledger)
    assert record.value == Decimal(1880)


# --- import of a filled template ----------------------------------------------------------------------------
def test_import_lists_every_implausible_row_as_to_be_checked_and_refuses_unless_accept_outliers(plan_ledger, cli, tmp_path):
    assert update(cli, plan_ledger, "3", "outreach_events", "20", "--date", "2023-05-31").exit_code == 0
    before = progress_snapshot(plan_ledger)
    path = make_template(cli, plan_ledger, tmp_path)
    fill(path, [
        (T.MAIN_SHEET, "new_places", None, {"value": 36000}),  # (a) above 3× 10000
        (T.MAIN_SHEET, "outreach_events", None, {"value": 201}),  # (b) 20 → 201
        (T.MAIN_SHEET, "model_institutions", None, {"value": 7.5}),  # (c) half an institution (个)
        (T.COUNTY_SHEET, "branch_centers", "鱼台县", {"value": 11}),  # (a) a county above the city's 10
        (T.MAIN_SHEET, "screening", None, {"value": 28000}),  # plausible
    ])
    book = load_workbook(path)
    rows = {key: find_row(book[T.MAIN_SHEET], key) for key in ("new_places", "outreach_events", "model_institutions")}
    county_row = find_row(book[T.COUNTY_SHEET], "branch_centers", "鱼台县")

    for args in ((), ("--dry-run",)):
        refused = cli("--data", plan_ledger, "import", path, *args)
        assert refused.exit_code == 1 and "Traceback" not in refused.output
        lines = [line for line in refused.stderr.splitlines() if line.startswith("需核实")]
        assert len(lines) == 4, refused.stderr
        assert f"需核实：「全市」表第{rows['new_places']}行「本期累计」：36000 超过年度目标 10000 个的 3 倍" in lines
        assert any(f"第{rows['outreach_events']}行「本期累计」" in line and "上次累计 20" in line for line in lines)
        assert any(f"第{rows['model_institutions']}行「本期累计」" in line and "整数" in line for line in lines)
        assert any(f"「分县填报」表第{county_row}行「本期累计」" in line and "鱼台县" in line and "全市" in line for line in lines)
        assert "--accept-outliers" in refused.stderr
        assert progress_snapshot(plan_ledger) == before

    dry = cli("--data", plan_ledger, "import", path, "--dry-run", "--accept-outliers")
    assert dry.exit_code == 0, dry.stderr
    assert "以下 4 行数值需核实" in dry.stdout and "将写入 5 条" in dry.stdout
    assert progress_snapshot(plan_ledger) == before
    accepted = cli("--data", plan_ledger, "import", path, "--accept-outliers")
    assert accepted.exit_code == 0, accepted.stderr
    assert "以下 4 行数值需核实，已按 --accept-outliers 接受" in accepted.stdout and "5 条写入" in accepted.stdout
    values = {(r.target, r.county): r.value for r in records_of(plan_ledger)}
    assert values[("new_places", None)] == 36000 and values[("branch_centers", "鱼台县")] == 11
    assert values[("model_institutions", None)] == Decimal("7.5")


def test_import_json_names_the_rows_accepted_as_outliers(plan_ledger, cli, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("项目,指标,本期累计,日期\n11,home_retrofit,18.8万,2023-06-30\n", encoding="utf-8")
    refused = cli("--data", plan_ledger, "import", sheet)
    assert refused.exit_code == 1 and "需核实：第2行「本期累计」：188000 超过年度目标 2000 户的 3 倍" in refused.stderr
    result = json.loads(cli("--data", plan_ledger, "import", sheet, "--accept-outliers", "-f", "json").stdout)
    assert result["written"] == 1 and len(result["doubts"]) == 1 and "第2行" in result["doubts"][0]


def test_an_implausible_row_is_listed_beside_the_bad_rows(plan_ledger, cli, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("项目,指标,本期累计,日期\n11,home_retrofit,1880.5,2023-06-30\n11,home_retrofit,很多,2023-07-31\n", encoding="utf-8")
    refused = cli("--data", plan_ledger, "import", sheet)
    assert refused.exit_code == 1
    lines = refused.stderr.splitlines()
    doubt = next(i for i, line in enumerate(lines) if line.startswith("需核实：第2行"))
    error = next(i for i, line in enumerate(lines) if line.startswith("第3行「本期累计」"))
    assert doubt < error  # 需核实 first
    assert "1 行有错误，另有 1 行数值需核实" in refused.stderr
    still = cli("--data", plan_ledger, "import", sheet, "--accept-outliers")
    assert still.exit_code == 1 and "第3行" in still.stderr and progress_snapshot(plan_ledger) == {}
