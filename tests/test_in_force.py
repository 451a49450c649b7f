"""The in-force engine (`ledger/history.py`): the one rule for what records amount to, its fates,
its views at a date — and, through the CLI, the template that used to disagree with it."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from minsheng_cli.ledger import history as H
from minsheng_cli.ledger.model import Record

MAY_1, MAY_8, MAY_20, JUNE_1 = dt.date(2023, 5, 1), dt.date(2023, 5, 8), dt.date(2023, 5, 20), dt.date(2023, 6, 1)
ITEMS = {(1, "list")}  # target "list" of project 1 holds items; "n" plain values


def rec(day, target="n", value=None, county=None, action=None, **text) -> Record:
    if isinstance(value, int):
        value = D(value)
    return Record(day, 1, target, county, value, action=action, reason="原因" if action else None, **text)


def states(in_force, records):
    return [in_force.fate(r).state for r in records]


# --- values ------------------------------------------------------------------------------------------
def test_one_value_per_date_correct_replaces_and_void_cancels():
    # the same value again (with a note) replaces; another value would be a conflict (test_invalid_never_counts.py)
    records = [rec(MAY_1, value=6), rec(MAY_1, value=6, note="复核"), rec(MAY_8, value=7), rec(MAY_8, value=6, action="correct"),
               rec(MAY_20, value=9), rec(MAY_20, action="void"), rec(MAY_20, action="void", note="再次作废")]
    in_force = H.fold(records, ITEMS)
    series = in_force.history(1, "n").series[None]
    assert series.dates == [MAY_1, MAY_8] and series.values == [D(6), D(6)]
    assert states(in_force, records) == [H.REPLACED, H.IN_FORCE, H.REPLACED, H.IN_FORCE, H.VOIDED, H.VOID, H.VOID_NOTHING]
    assert in_force.fate(records[0]).by is records[1]
    assert in_force.fate(records[4]).by is records[5]
    assert in_force.records_with_fate(H.VOID_NOTHING) == [records[6]]
    assert [r.value for r in H.effective(records, ITEMS)] == [D(6), D(6)]


def test_counties_are_series_of_their_own_and_a_void_cancels_only_its_date():
    records = [rec(MAY_1, value=1, county="甲"), rec(MAY_1, value=2, county="乙"), rec(MAY_8, action="void", county="甲"),
               rec(MAY_1, action="void", county="乙")]
    in_force = H.fold(records)
    assert list(in_force.history(1, "n").series) == ["甲"]
    assert states(in_force, records) == [H.IN_FORCE, H.VOIDED, H.VOID_NOTHING, H.VOID]


def test_a_correct_without_value_is_invalid_and_changes_no_value():
    records = [rec(MAY_1, value=5), rec(MAY_1, action="correct")]
    in_force = H.fold(records)
    assert in_force.fate(records[1]).state == H.INVALID and in_force.fate(records[1]).why == H.CORRECT_WITHOUT_VALUE
    assert in_force.fate(records[0]).in_force
    assert in_force.in_force_at(records[0].key) == [records[0]]


# --- items -------------------------------------------------------------------------------------------
def test_items_are_sets_and_a_void_with_value_cancels_earlier_records_of_that_item():
    records = [rec(MAY_1, "list", "甲"), rec(MAY_1, "list", "乙"), rec(MAY_8, "list", "甲"),
               rec(MAY_20, "list", "甲", action="void"), rec(MAY_20, "list", "丙", action="void")]
    in_force = H.fold(records, ITEMS)
    assert in_force.history(1, "list").items == [(MAY_1, "乙")]
    assert states(in_force, records) == [H.VOIDED, H.IN_FORCE, H.VOIDED, H.VOID, H.VOID_NOTHING]
    assert in_force.as_of(MAY_8).items_done(1, "list") == {"乙": MAY_1}


def test_a_void_of_an_item_recorded_that_day_cancels_only_that_day():
    records = [rec(MAY_1, "list", "甲"), rec(MAY_8, "list", "甲"), rec(MAY_8, "list", " 甲 ", action="void")]
    in_force = H.fold(records, ITEMS)
    assert in_force.history(1, "list").items == [(MAY_1, "甲")]
    assert in_force.fate(records[1]).by is records[2]


def test_a_void_without_value_cancels_its_date_and_a_correct_replaces_the_date():
    records = [rec(MAY_1, "list", "甲"), rec(MAY_1, "list", "乙"), rec(MAY_8, "list", "丙"),
               rec(MAY_1, "list", "丁", action="correct"), rec(MAY_8, "list", action="void"), rec(MAY_8, "list", action="void")]
    in_force = H.fold(records, ITEMS)
    assert in_force.in_force_at((1, "list", None, MAY_1)) == [records[3]]
    assert states(in_force, records) == [H.REPLACED, H.REPLACED, H.VOIDED, H.IN_FORCE, H.VOID, H.VOID_NOTHING]
    assert in_force.fate(records[0]).by is records[3]


def test_a_number_given_for_an_item_is_invalid():
    records = [rec(MAY_1, "list", 3)]
    in_force = H.fold(records, ITEMS)
    assert in_force.fate(records[0]).why == H.ITEM_NOT_TEXT and in_force.history(1, "list").items == []


# --- text --------------------------------------------------------------------------------------------
def test_text_counts_until_a_void_or_correct_at_its_key_withdraws_it():
    records = [rec(MAY_1, value=5, problem="缺场地"), rec(MAY_1, value=5, note="补报"), rec(MAY_8, value=6, note="顺利"),
               rec(MAY_8, action="void"), Record(MAY_20, 1, note="项目进展")]
    in_force = H.fold(records)
    assert [(r.note, r.problem) for r in in_force.notes[1]] == [(None, "缺场地"), ("补报", None), ("项目进展", None)]
    assert in_force.project_activity[1] == [MAY_20]
    assert in_force.fate(records[4]).state == H.NARRATIVE
    assert [r.date for r in in_force.as_of(MAY_8).notes(1)] == [MAY_1, MAY_1]


# --- views at a date ---------------------------------------------------------------------------------
def test_a_view_at_a_date_sees_records_dated_up_to_it_and_every_later_void():
    records = [rec(MAY_1, value=5), rec(MAY_20, value=8), rec(MAY_1, "list", "甲"), rec(JUNE_1, "list", "甲", action="void")]
    in_force = H.fold(records, ITEMS)
    assert in_force.as_of(MAY_8).value(1, "n") == (MAY_1, D(5))
    assert in_force.as_of(JUNE_1).value(1, "n") == (MAY_20, D(8))
    assert in_force.as_of(dt.date(2023, 4, 30)).value(1, "n") is None
    assert in_force.as_of(MAY_20).items(1, "list") == []  # cancelled as a fact, not only from June on


def test_fold_reads_the_item_targets_from_a_plan():
    from test_schedule import make_plan

    from minsheng_cli.ledger.model import Target

    plan = make_plan([Target(id="list", name="清单", kind="checklist", items=["甲", "乙"]), Target(id="n", name="数", kind="count", target=D(9), unit="个")])
    records = [rec(MAY_1, "list", "甲"), rec(MAY_1, "list", "乙"), rec(MAY_1, value=1), rec(MAY_1, value=2, action="correct")]
    in_force = H.fold(records, plan)
    assert states(in_force, records) == [H.IN_FORCE, H.IN_FORCE, H.REPLACED, H.IN_FORCE]
    assert H.means_done(" 完成 ") and H.means_done("DONE") and not H.means_done("调研")


# --- the template reads the same facts (the bug it had) -------------------------------------------------
@pytest.mark.parametrize("void_date", ["2023-05-10", "2023-05-20", "2023-06-05"])
def test_a_voided_checklist_item_is_not_prefilled_as_done_in_the_template(plan_ledger, cli, tmp_path, void_date):
    from minsheng_cli.exchange import template as T

    def update(*args):
        result = cli("--data", plan_ledger, "update", "21", "key_places", *args)
        assert result.exit_code == 0, result.stderr

    update("住宅小区", "--date", "2023-05-10")
    update("医院", "--date", "2023-05-10")
    update("医院", "--void", "--reason", "尚未验收", "--date", void_date)
    path = tmp_path / "t.xlsx"
    made = cli("--data", plan_ledger, "template", "--unit", "市工业和信息化局", "--month", "2023-07", "--output", path)
    assert made.exit_code == 0, made.stderr
    sheet = load_workbook(path)[T.MAIN_SHEET]
    column = {key: T.column_index(key) for key, _header, _width in T.COLUMNS}
    shown = {
        sheet.cell(row, column["item"]).value: sheet.cell(row, column["last_value"]).value
        for row in range(1, sheet.max_row + 1) if sheet.cell(row, column["target_id"]).value == "key_places"
    }
    assert shown["医院"] is None
    assert shown["住宅小区"] == "已完成"
    assert cli("--data", plan_ledger, "check").exit_code == 0
    shown = json.loads(cli("--data", plan_ledger, "show", "21", "--format", "json").stdout)
    assert [t["latest"]["value"] for t in shown["targets"] if t["id"] == "key_places"] == ["住宅小区"]
