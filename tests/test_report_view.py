"""The report in layers: plain data (no words), a view of typed cells, renderers that only lay
cells out — and, on generated ledgers, every layer telling the same story."""

from __future__ import annotations

import ast
import csv
import dataclasses
import datetime as dt
import io
from decimal import Decimal as D
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from minsheng_cli.ledger.model import Plan, Project, Record, Target
from minsheng_cli.ledger.plan import load_plan
from minsheng_cli.ledger.progress_file import read_progress
from minsheng_cli.rendering import terminal, text
from minsheng_cli.reporting import wording as W
from minsheng_cli.reporting.cells import (
    Column, Number, Ordinal, Points, ReportView, Row, Section, Share, Status, Table, Text, WorkbookView,
)
from minsheng_cli.reporting.contract import report_contract
from minsheng_cli.reporting.report import Report, build_report
from minsheng_cli.reporting.schedule import BEHIND, index_records, item_targets_of
from minsheng_cli.reporting.spec import report_spec
from minsheng_cli.reporting.view import report_view, workbook_view
from test_report_cli import RICH_PLAN, RICH_PROGRESS, write_ledger
from test_schedule import count, make_plan, rec

LATER = dt.date(2030, 1, 1)
RENDERING = Path(__file__).resolve().parents[1] / "src" / "minsheng_cli" / "rendering"
CJK = range(0x3000, 0xFFFF)


def build(plan: Plan, records, **options) -> Report:
    spec = report_spec(plan, LATER, **{"month": "2023-06", **options})
    return build_report(plan, index_records(records, item_targets_of(plan)), spec)


@pytest.fixture
def rich(tmp_path):
    root = write_ledger(tmp_path / "rich", RICH_PLAN, RICH_PROGRESS)
    plan = load_plan(root)
    return lambda **options: build(plan, read_progress(root, plan), **options)


def rows_of(table: Table) -> list[Row]:
    """The rows with cells (a spanning row — a project's notes, a target's forecast — has none)."""
    return [row for section in table.sections for row in section.rows if row.kind != "notes"]


# --- the data holds no words ------------------------------------------------------------------
def strings_in(value, seen=None) -> list[str]:
    """Every string reachable from the report's own data; the plan, its projects and targets
    (the plan's names) and the records (the units' notes) are not the report's words."""
    seen = set() if seen is None else seen
    if isinstance(value, str):
        return [value]
    if id(value) in seen or isinstance(value, (Plan, Project, Target, Record)):
        return []
    seen.add(id(value))
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings_in(k, seen) + strings_in(v, seen)]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in strings_in(item, seen)]
    if dataclasses.is_dataclass(value):
        return [s for f in dataclasses.fields(value) for s in strings_in(getattr(value, f.name), seen)]
    return []


def test_the_report_data_holds_no_words_but_the_plans_and_the_units(rich):
    report = rich(detail=True, notes=True)
    plan = report.plan
    names = {p.name for p in plan.projects} | {t.name for p in plan.projects for t in p.targets}
    names |= {item for p in plan.projects for t in p.targets for item in t.items} | set(plan.county_names)
    names |= {unit for p in plan.projects for unit in p.lead}
    said = {"新增托位已验收", "部分场地未到位", "7月底前完成验收"}
    codes = {"正常", "中断"}  # the values a continuing target records
    worded = {s for s in strings_in(report) if any(ord(ch) in CJK for ch in s)}
    assert said <= worded and worded <= names | said | codes, worded - names - said - codes


# --- the view ----------------------------------------------------------------------------------
def test_cells_are_typed_and_columns_keyed(rich):
    view = report_view(rich(detail=True))
    table = view.table
    assert [c.key for c in table.columns] == ["number", "name", "lead", "figure", "delta", "actual", "completion",
                                             "expected", "change", "status"]
    assert [c.key for c in table.columns if c.numeric] == ["delta", "actual", "completion", "expected", "change"]
    project = rows_of(table)[0]
    figure, delta, actual, completion, expected, change, status = project.cells[3:]
    assert (figure.text, figure.value, figure.unit) == ("新增托位10000个等2项", 10000, "个") and isinstance(figure, Number)
    assert (delta.value, actual.value, actual.text) == (2200, 6200, "6200个")
    assert isinstance(completion, Share) and (completion.value, completion.text) == (F(31, 100), "31.0%")
    assert isinstance(expected, Share) and expected.value == F(1, 4)
    assert isinstance(change, Points) and (change.value, change.text) == (D("11.0"), "+11.0")
    assert isinstance(status, Status) and (status.code, status.word, status.text) == ("on_track", "序时推进", "序时推进")
    milestone = rows_of(table)[3]
    assert milestone.kind == "target" and isinstance(milestone.cells[3], Text) and milestone.cells[5].text == "未完成"
    assert all(not hasattr(row, "line") for row in rows_of(table))  # no row points back at the report


def test_the_workbook_view_keeps_figures_bare_and_adds_remarks(rich):
    view = workbook_view(rich(detail=True))
    assert view.table.columns[-1].key == "remark" and view.counties is not None and not view.counties_first
    project, target = rows_of(view.table)[:2]
    assert project.cells[3].text == "10000个" and "新增托位" in project.cells[-1].text
    markets = next(row for row in rows_of(view.table) if row.cells[0].text == "3.1")
    assert markets.cells[5].text == "2个" and "丙市场、丁市场" in markets.cells[-1].text
    text_markets = next(row for row in rows_of(report_view(rich(detail=True)).table) if row.cells[0].text == "3.1")
    assert text_markets.cells[5].text == "2个（未完成：丙市场、丁市场）" and text_markets.cells[5].value == 2


def test_county_table_ranks_with_ordinals_and_shares(rich):
    table = report_view(rich(by="county")).table
    assert [c.key for c in table.columns] == ["rank", "county", "target:2.rooms", "completion"]
    total, first, second, zone = rows_of(table)
    assert total.kind == "total" and total.cells[2].text == "3/6" and total.cells[2].value == 3
    assert isinstance(first.cells[0], Ordinal) and (first.cells[0].value, first.cells[1].text) == (1, "任城区")
    assert (second.cells[0].value, second.cells[3].value) == (2, F(1, 2))
    assert zone.cells[2].text == "—" and zone.cells[2].value is None and [s.title for s in table.sections] == [None, "县（市、区）", "功能区"]


# --- renderers lay out what the view says ---------------------------------------------------------
def made_up_view() -> ReportView:
    """A view whose texts disagree with its values: a renderer that recomputed would show it."""
    columns = (Column("name", "名称"), Column("completion", "完成率", True), Column("status", "状态"))
    row = Row("project", (Text("甲项目"), Share("12.3%", F(9, 10), D("0.9")), Status("随便写的", "on_track", "序时推进")), "on_track")
    notes = Row("notes", note="存在问题：只有问题\n下步打算：继续")
    table = Table(columns, [Section("某一类", [row, notes])])
    return ReportView("标题", "副标题", table, "总的一句话。", [("清单标题", ["1. 一条"])], "脚注")


def test_text_renderers_show_the_cells_text():
    view = made_up_view()
    plain = text.plain_text(view)
    assert "12.3%" in plain and "随便写的" in plain and "90.0%" not in plain and "序时推进" not in plain
    assert "存在问题：只有问题；下步打算：继续" in plain and plain.startswith("标题\n副标题\n")
    markdown = text.markdown_text(view)
    assert "**某一类**" in markdown and "**存在问题" not in markdown  # only a section's title is bold
    out = io.StringIO()
    text.write_csv_table(view, out)
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    assert rows == [["名称", "完成率", "状态"], ["", "某一类", ""], ["甲项目", "12.3%", "随便写的"], ["", "存在问题：只有问题\n下步打算：继续", ""]]


def test_the_terminal_shows_the_cells_text_and_the_share_as_a_bar():
    out = io.StringIO()
    terminal.draw(made_up_view(), out)
    drawn = out.getvalue()
    assert "12.3%" in drawn and "随便写的" in drawn and "█" * 9 in drawn and "    下步打算：继续" in drawn


def test_the_workbook_stores_values_and_status_words(tmp_path):
    from openpyxl import load_workbook

    from minsheng_cli.rendering.xlsx import write_xlsx

    columns = (Column("name", "名称"), Column("figure", "年度目标"), Column("completion", "完成率"), Column("status", "状态"))
    row = Row("project", (Text("甲"), Number("别的字", D(5), "个"), Share("12.3%", F(1, 3), D("0.333333")),
                          Status("序时推进（未按时报送）", "on_track", "序时推进")), "on_track")
    view = WorkbookView("标题", "副标题", "2023年6月", dt.date(2023, 6, 30), Share("50.0%", F(1, 2), D("0.5")),
                        "总的一句话。", [], "脚注", Table(columns, [Section(None, [row])]))
    write_xlsx(view, tmp_path / "x.xlsx")
    sheet = load_workbook(tmp_path / "x.xlsx").active
    assert [sheet.cell(row=6, column=c).value for c in range(1, 5)] == ["甲", 5, 0.333333, "序时推进"]
    assert sheet.cell(row=6, column=2).number_format == '0"个"' and sheet["G2"].value == 0.5


def imported_modules(path: Path) -> set[str]:
    """The modules a file imports, anywhere in it (`from package import module` names the module)."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module in ("minsheng_cli.reporting", "minsheng_cli.rendering"):
            modules |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
    return modules


def test_renderers_know_the_views_shape_only():
    """No renderer imports the report, its wording or the view's builder: only the cells' types
    (and the 通报's shape, document.py, which itself knows only the cells)."""
    files = sorted(RENDERING.glob("*.py"))
    assert {path.name for path in files} >= {"text.py", "terminal.py", "xlsx.py", "json.py", "docx.py"}
    shapes = {"minsheng_cli.reporting.cells", "minsheng_cli.reporting.document"}
    for path in files:
        reporting = {m for m in imported_modules(path) if m.startswith("minsheng_cli.reporting")}
        assert reporting <= shapes, (path.name, reporting)
    document = RENDERING.parent / "reporting" / "document.py"
    assert {m for m in imported_modules(document) if m.startswith("minsheng_cli.")} <= {"minsheng_cli.reporting.cells"}


# --- every layer tells the same story -----------------------------------------------------------
values = st.one_of(st.none(), st.integers(min_value=0, max_value=160))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(values, values), min_size=1, max_size=6), st.sampled_from([None, "lagging,not_reported", "on_track"]))
def test_data_view_words_and_renderers_agree(figures, status):
    plan = make_plan(*[[count()] for _ in figures])
    records = []
    for project, (may, june) in enumerate(figures, 1):
        if may is not None:
            records.append(rec(dt.date(2023, 5, 31), "a", may, project=project))
        if june is not None:
            records.append(rec(dt.date(2023, 6, 30), "a", max(june, may or 0), project=project))
    report = build(plan, records, status=status, detail=True)
    view = report_view(report)
    projects = [row for row in rows_of(view.table) if row.kind == "project"]
    codes = [row.cells[-1].code for row in projects]
    # the summary's classes add up and count what the scope holds; the table shows what --status chose
    assert sum(report.summary.counts.values()) == report.summary.projects == len(figures)
    assert codes == [p["status"] for p in report_contract(report)["projects"]]
    assert all(status is None or code in status.split(",") for code in codes)
    # 未报送 projects are listed apart, never among the lagging
    unreported = [row.cells[1].text for row in projects if row.cells[-1].code == "not_reported"]
    blocks = dict(view.blocks)
    assert [entry.split(". ", 1)[1].split("（")[0] for entry in blocks.get(f"未报送的项目（{len(unreported)}项）", [])] == unreported
    lagging = next(entries for heading, entries in view.blocks if heading.startswith("进度滞后的项目和指标"))
    behind = [row.cells[1].text for row in projects if row.cells[-1].code in BEHIND]
    assert [entry.split(". ", 1)[1].split("（")[0] for entry in lagging if "（" in entry] == behind
    # each cell's text is its value said, and 较上期 is known exactly when the completion is
    for row in rows_of(view.table):
        share, change = row.cells[6], row.cells[8]
        assert share.text == W.percent(share.value) and change.text == W.signed_points(change.value)
        assert (change.value is None) == (share.value is None)
    # the plain text drops nothing the view holds
    plain = text.plain_text(view)
    assert all(cell.text in plain for row in rows_of(view.table) for cell in row.cells)


@settings(max_examples=1000, deadline=None)
@given(st.fractions(min_value=0, max_value=3), st.fractions(min_value=0, max_value=3))
def test_change_points_is_the_difference_of_the_shown_shares(now, before):
    """Rounding once: 较上期 is the difference of the two percentages as printed, never ±0.1 off."""
    from decimal import Decimal

    from minsheng_cli.reporting import wording
    from minsheng_cli.reporting.view import change_points

    shown = lambda share: Decimal(wording.percent(share)[:-1])  # noqa: E731
    assert change_points(now, before) == shown(now) - shown(before)
