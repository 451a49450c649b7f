"""What a filled template promises about its rows (PRODUCT.md §4, §2 "Text has a date"):
- units report on their own projects: a template carries the unit it was made for, and import
  refuses rows for projects that unit neither leads nor co-runs unless --any-unit;
- a template's 本期累计 is in base units, as its instructions say: "9.9万" is refused there
  (a free CSV still takes 1.2万, as `update` does);
- a note keeps its county and target: given in a county sheet, on a row with a county and a
  target, or by `update P [T] --county X --note …`.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl import load_workbook

from minsheng_cli.exchange import template as T
from test_template_import import COL, fill, find_row, header_row, make_template, progress_snapshot, records_of


def point_row_at(path, sheet_name: str, target_id: str, project: int, other_target: str, value) -> int:
    """Edit a row's project number and hidden target id, as a unit might to report on another project."""
    book = load_workbook(path)
    sheet = book[sheet_name]
    row = find_row(sheet, target_id)
    sheet.cell(row, COL["project"]).value = project
    sheet.cell(row, COL["target_id"]).value = other_target
    sheet.cell(row, COL["value"]).value = value
    book.save(path)
    return row


def drop_meta(path, key: str) -> None:
    """A template whose metadata lacks `key` (as one made by an older version might)."""
    book = load_workbook(path)
    meta = book[T.META_SHEET]
    entries = [(meta.cell(r, 1).value, meta.cell(r, 2).value) for r in range(1, 40) if meta.cell(r, 1).value is not None]
    for r in range(1, 40):
        meta.cell(r, 1).value = meta.cell(r, 2).value = None
    for r, (k, v) in enumerate([e for e in entries if e[0] != key], start=1):
        meta.cell(r, 1).value, meta.cell(r, 2).value = k, v
    book.save(path)


# --- units report on their own projects ------------------------------------------------------------------------
def test_a_row_edited_to_report_on_another_units_project_is_refused_unless_any_unit(plan_ledger, cli, tmp_path):
    path = make_template(cli, plan_ledger, tmp_path)  # 市卫生健康委
    fill(path, [(T.MAIN_SHEET, "new_places", None, {"value": 5200})])
    row = point_row_at(path, T.MAIN_SHEET, "screening", 11, "home_retrofit", 1200)  # project 11 is 市民政局's
    refused = cli("--data", plan_ledger, "import", path)
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert f"「全市」表第{row}行「项目序号」：项目 11「" in refused.stderr
    assert "不由市卫生健康委牵头或协办" in refused.stderr and "--any-unit" in refused.stderr
    assert progress_snapshot(plan_ledger) == {}
    accepted = cli("--data", plan_ledger, "import", path, "--any-unit")
    assert accepted.exit_code == 0, accepted.stderr
    assert {(r.project, r.target) for r in records_of(plan_ledger)} == {(1, "new_places"), (11, "home_retrofit")}


def test_a_project_the_unit_co_runs_is_its_own(plan_ledger, cli, tmp_path):
    path = make_template(cli, plan_ledger, tmp_path)
    point_row_at(path, T.MAIN_SHEET, "screening", 9, "cp_surgery", 40)  # 市卫生健康委 is a co-unit of project 9
    result = cli("--data", plan_ledger, "import", path)
    assert result.exit_code == 0, result.stderr
    assert [(r.project, r.target, r.value) for r in records_of(plan_ledger)] == [(9, "cp_surgery", Decimal(40))]


def test_a_template_whose_metadata_names_no_unit_has_nothing_to_check(plan_ledger, cli, tmp_path):
    path = make_template(cli, plan_ledger, tmp_path)
    drop_meta(path, "unit")
    point_row_at(path, T.MAIN_SHEET, "screening", 11, "home_retrofit", 1200)
    result = cli("--data", plan_ledger, "import", path)
    assert result.exit_code == 0, result.stderr


def test_a_free_form_sheet_has_no_unit(plan_ledger, cli, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("项目,指标,本期累计,日期\n1,new_places,5200,2023-06-30\n11,home_retrofit,1200,2023-06-30\n", encoding="utf-8")
    result = cli("--data", plan_ledger, "import", sheet)
    assert result.exit_code == 0, result.stderr


# --- base units in a template cell ---------------------------------------------------------------------------
def test_a_template_cell_refuses_wan_and_says_to_type_base_units(plan_ledger, cli, tmp_path):
    path = make_template(cli, plan_ledger, tmp_path)
    fill(path, [(T.MAIN_SHEET, "screening", None, {"value": "9.9万"}), (T.COUNTY_SHEET, "branch_centers", "任城区", {"value": "１万"})])
    book = load_workbook(path)
    row, county_row = find_row(book[T.MAIN_SHEET], "screening"), find_row(book[T.COUNTY_SHEET], "branch_centers", "任城区")
    instructions = " ".join(str(book[T.MAIN_SHEET].cell(r, 1).value) for r in range(1, header_row(book[T.MAIN_SHEET])))
    assert "不接受“1.2万”" in instructions  # what the template tells the unit
    refused = cli("--data", plan_ledger, "import", path)
    assert refused.exit_code == 1
    assert f"「全市」表第{row}行「本期累计」：「9.9万」" in refused.stderr and "基本单位" in refused.stderr
    assert f"「分县填报」表第{county_row}行「本期累计」：「１万」" in refused.stderr
    assert progress_snapshot(plan_ledger) == {}


def test_a_template_list_cell_is_not_read_as_a_number(plan_ledger, cli, tmp_path):
    path = make_template(cli, plan_ledger, tmp_path)
    fill(path, [(T.MAIN_SHEET, "hotline", None, {"value": "完成"}), (T.MAIN_SHEET, "screening", None, {"value": "99000"})])
    result = cli("--data", plan_ledger, "import", path)
    assert result.exit_code == 0, result.stderr


# --- a note keeps its county and target ----------------------------------------------------------------------
def test_a_note_in_a_county_sheet_keeps_its_county_and_target(plan_ledger, cli, tmp_path):
    path = make_template(cli, plan_ledger, tmp_path)
    fill(path, [
        (T.COUNTY_SHEET, "branch_centers", "鱼台县", {"problem": "分中心选址未定", "next": "7月底前确定选址"}),
        (T.MAIN_SHEET, "new_places", None, {"value": 5200}),
    ])
    result = cli("--data", plan_ledger, "import", path)
    assert result.exit_code == 0, result.stderr
    [note] = [r for r in records_of(plan_ledger) if r.value is None]
    assert (note.project, note.target, note.county) == (3, "branch_centers", "鱼台县")
    assert (note.problem, note.next, note.by) == ("分中心选址未定", "7月底前确定选址", "王敏")
    again = cli("--data", plan_ledger, "import", path)
    assert again.exit_code == 0 and "已有相同记录 2 条" in again.stdout  # re-import writes nothing
    assert cli("--data", plan_ledger, "check").exit_code == 0
    show = cli("--data", plan_ledger, "show", "3")
    assert show.exit_code == 0 and "分中心选址未定" in show.stdout
    log = cli("--data", plan_ledger, "log", "3", "branch_centers")
    assert log.exit_code == 0, log.stderr
    assert "分中心选址未定" in log.stdout


def test_a_free_form_row_with_a_county_and_target_keeps_them(plan_ledger, cli, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("项目,指标,本期累计,日期,县（市、区）,进展情况\n19,villages,,2023-06-30,鱼台县,完成管网招标\n19,,,2023-06-30,金乡县,开工建设\n",
                     encoding="utf-8")
    result = cli("--data", plan_ledger, "import", sheet)
    assert result.exit_code == 0, result.stderr
    notes = {(r.target, r.county): r.note for r in records_of(plan_ledger)}
    assert notes == {("villages", "鱼台县"): "完成管网招标", ("villages", "金乡县"): "开工建设"}


def test_update_with_a_county_and_a_note_keeps_the_county_and_its_target(plan_ledger, cli):
    alone = cli("--data", plan_ledger, "update", "19", "--county", "鱼台县", "--note", "完成管网招标", "--date", "2023-06-30")
    assert alone.exit_code == 0, alone.stderr
    named = cli("--data", plan_ledger, "update", "19", "villages", "--county", "金乡县", "--problem", "资金未到位", "--date", "2023-06-30")
    assert named.exit_code == 0, named.stderr
    records = {(r.target, r.county): r for r in records_of(plan_ledger)}
    assert records[("villages", "鱼台县")].note == "完成管网招标" and records[("villages", "鱼台县")].value is None
    assert records[("villages", "金乡县")].problem == "资金未到位"
    again = cli("--data", plan_ledger, "update", "19", "--county", "鱼台县", "--note", "完成管网招标", "--date", "2023-06-30")
    assert again.exit_code == 0 and "已有相同的进展记录" in again.stderr and len(records_of(plan_ledger)) == 2
    assert cli("--data", plan_ledger, "check").exit_code == 0
    # project 22 has three per-county targets: the county alone does not say which
    unclear = cli("--data", plan_ledger, "update", "22", "--county", "任城区", "--note", "x", "--date", "2023-06-30")
    assert unclear.exit_code == 2 and "connected_spaces" in unclear.stderr and "phase1_spaces" in unclear.stderr
    value_only = cli("--data", plan_ledger, "update", "19", "villages", "--county", "鱼台县", "--date", "2023-06-30")
    assert value_only.exit_code == 2 and "数值" in value_only.stderr  # without a note, a target needs its value
