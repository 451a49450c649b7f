"""What `check` rejects never counts (PRODUCT.md §2, issue 10).

What a new user saw: one hand-typed bad line (`value: 一万`) after a valid 6300 made `report`
print 本期完成 −464个 and exit 0, `log` called the 6300 "已被替换（更正）", and only `check`
complained; a negative value was printed as 累计完成 −5600个; two branches recording different
values for one target and date merged and passed `check`, and the report depended on the merge
order. Here: through the CLI on a temporary ledger (a real git repository for the merge), and
the engine as plain functions, with hypothesis where rules interact.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PLAN, REPO
from gitrepo import commit, git
from minsheng_cli.ledger import history as H
from minsheng_cli.ledger.model import Category, County, Plan, Project, Record, Settings, Target

WARNING = "台账有{count}处错误（运行 minsheng check 查看），下表未计入这些记录"
BAD_HAND_EDIT = (
    "- {date: 2023-06-23, target: new_places, value: 一万}\n"  # typed by hand: 万 is not a number here
    "- {date: 2023-06-30, target: new_places, value: -5600}\n"
)


def june_file(root: Path) -> Path:
    return root / "progress" / "2023-06" / "01.yaml"


def new_places(report: dict) -> dict:
    project = next(p for p in report["projects"] if p["id"] == 1)
    return next(t for t in project["targets"] if t["id"] == "new_places")


def check_json(cli, root: Path) -> dict:
    result = cli("--data", root, "check", "--format", "json")
    assert result.exit_code == 1
    return json.loads(result.stdout)


@pytest.fixture
def hand_edited(plan_ledger, cli) -> Path:
    """5836 and 6300 recorded by `update`, then two bad lines appended by hand on later dates."""
    for value, day in (("5836", "2023-06-09"), ("6300", "2023-06-16")):
        assert cli("--data", plan_ledger, "update", "1", "new_places", value, "--date", day).exit_code == 0
    with june_file(plan_ledger).open("a", encoding="utf-8") as handle:
        handle.write(BAD_HAND_EDIT)
    return plan_ledger


# --- a bad hand edit -----------------------------------------------------------------------------------
def test_a_rejected_record_does_not_replace_the_valid_one(hand_edited, cli):
    result = cli("--data", hand_edited, "--no-cache", "report", "--month", "2023-06", "-f", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)  # stdout stays machine-readable: the warning is on stderr
    target = new_places(report)
    assert (target["actual"], target["delta"], target["as_of"]) == (6300, 6300, "2023-06-16")
    assert report["ledger_errors"] == 2
    assert result.stderr.splitlines()[0] == WARNING.format(count=2)


def test_the_table_shows_the_valid_figure_and_the_warning_comes_first(hand_edited, cli):
    result = cli("--data", hand_edited, "--no-cache", "report", "--month", "2023-06", "-f", "plain")
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if "扩容提质" in line)
    assert "6300个" in row and "-464" not in row and "−" not in row and "-5600" not in row
    assert WARNING.format(count=2) not in result.stdout
    assert result.stderr.splitlines()[0] == WARNING.format(count=2)


def test_csv_on_stdout_is_only_the_table(hand_edited, cli):
    result = cli("--data", hand_edited, "--no-cache", "report", "--month", "2023-06", "-f", "csv")
    assert result.exit_code == 0
    assert result.stdout.startswith("\ufeff序号,") and "台账有" not in result.stdout
    assert result.stderr.splitlines()[0] == WARNING.format(count=2)


def test_the_warning_is_right_on_a_warm_cache(hand_edited, cli, monkeypatch, tmp_path):
    cache = tmp_path / "warm-cache"
    monkeypatch.setenv("MINSHENG_CACHE", str(cache))
    cold = cli("--data", hand_edited, "report", "--month", "2023-06", "-f", "plain")
    assert any(entry.name.startswith("report-") for entry in cache.iterdir())
    warm = cli("--data", hand_edited, "report", "--month", "2023-06", "-f", "plain")
    assert warm.stdout == cold.stdout
    assert warm.stderr.splitlines()[0] == cold.stderr.splitlines()[0] == WARNING.format(count=2)
    assert json.loads(cli("--data", hand_edited, "report", "--month", "2023-06", "-f", "json").stdout)["ledger_errors"] == 2
    # fixed: the same cache, a changed ledger — no warning, no error count
    june_file(hand_edited).write_text("".join(june_file(hand_edited).read_text(encoding="utf-8").splitlines(True)[:-2]), encoding="utf-8")
    fixed = cli("--data", hand_edited, "report", "--month", "2023-06", "-f", "plain")
    assert "台账有" not in fixed.stderr
    assert json.loads(cli("--data", hand_edited, "report", "--month", "2023-06", "-f", "json").stdout)["ledger_errors"] == 0


def test_log_calls_the_bad_records_invalid_with_checks_reason(hand_edited, cli):
    messages = [error["message"] for error in check_json(cli, hand_edited)["errors"]]
    assert [error["line"] for error in check_json(cli, hand_edited)["errors"]] == [4, 5]
    shown = cli("--data", hand_edited, "log", "1", "new_places", "-f", "plain").stdout
    lines = {line.split()[0]: line for line in shown.splitlines() if line.startswith("2023-")}
    assert "已被替换" not in lines["2023-06-16"] and "无效" not in lines["2023-06-16"]
    for day, message in zip(("2023-06-23", "2023-06-30"), messages):
        assert "无效" in lines[day] and message in lines[day]
    entries = json.loads(cli("--data", hand_edited, "log", "1", "new_places", "-f", "json").stdout)["targets"][0]["records"]
    assert [(e["fate"], e["reasons"]) for e in entries] == [(None, []), (None, []), ("invalid", [messages[0]]), ("invalid", [messages[1]])]


def test_other_rejected_records_never_count(plan_ledger, cli):
    """A county on a city-wide target, an unknown target, a correction without a reason: each
    would have replaced the valid 6300 of its date; none does."""
    assert cli("--data", plan_ledger, "update", "1", "new_places", "6300", "--date", "2023-06-16").exit_code == 0
    with june_file(plan_ledger).open("a", encoding="utf-8") as handle:
        handle.write('- {date: 2023-06-16, target: new_places, county: "任城区", value: 9000}\n'
                     "- {date: 2023-06-16, target: new_place, value: 9100}\n"
                     "- {date: 2023-06-16, target: new_places, value: 100, action: correct}\n")
    codes = [error["code"] for error in check_json(cli, plan_ledger)["errors"]]
    assert codes == ["county-not-by-county", "unknown-target", "missing-reason"]
    result = cli("--data", plan_ledger, "--no-cache", "report", "--month", "2023-06", "-f", "json")
    assert new_places(json.loads(result.stdout))["actual"] == 6300
    assert result.stderr.splitlines()[0] == WARNING.format(count=3)


def test_a_clean_ledger_reports_without_a_warning(plan_ledger, cli, tmp_path):
    assert cli("--data", plan_ledger, "update", "1", "new_places", "6300", "--date", "2023-06-16").exit_code == 0
    result = cli("--data", plan_ledger, "--no-cache", "report", "--month", "2023-06", "-f", "json")
    assert json.loads(result.stdout)["ledger_errors"] == 0 and "台账有" not in result.stderr
    written = cli("--data", plan_ledger, "report", "--month", "2023-06", "-o", tmp_path / "ok.xlsx")
    assert written.exit_code == 0

    from openpyxl import load_workbook

    assert load_workbook(tmp_path / "ok.xlsx").worksheets[0]["A1"].value.endswith("进展情况表")


# --- documents: refused unless --force, which stamps the line into them ---------------------------------------------
def test_xlsx_is_refused_with_errors_and_names_force(hand_edited, cli, tmp_path):
    path = tmp_path / "6月.xlsx"
    result = cli("--data", hand_edited, "report", "--month", "2023-06", "-f", "xlsx", "-o", path)
    assert result.exit_code == 1
    assert "--force" in result.stderr and "台账有2处错误" in result.stderr and "Traceback" not in result.stderr
    assert not path.exists()


def test_force_stamps_the_line_at_the_top_of_the_first_sheet(hand_edited, cli, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "6月.xlsx"
    result = cli("--data", hand_edited, "report", "--month", "2023-06", "-o", path, "--force")
    assert result.exit_code == 0
    sheet = load_workbook(path).worksheets[0]
    assert sheet["A1"].value == WARNING.format(count=2)
    assert sheet["A2"].value.endswith("进展情况表")  # the title block moved down one row, intact
    header = next(row for row in range(1, 10) if sheet.cell(row=row, column=1).value == "序号")
    assert header == 6 and sheet.freeze_panes == f"C{header + 1}" and sheet.print_title_rows == f"${header}:${header}"
    assert {str(cells) for cells in sheet.merged_cells.ranges} >= {"A1:K1", "A2:K2", "A4:K4"}
    column = next(c for c in range(1, 12) if sheet.cell(row=header, column=c).value == "累计完成")
    figures = [sheet.cell(row=row, column=column).value for row in range(header + 1, sheet.max_row + 1)]
    assert 6300 in figures and -5600 not in figures


def test_force_with_a_clean_ledger_stamps_nothing(plan_ledger, cli, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "ok.xlsx"
    assert cli("--data", plan_ledger, "report", "--month", "2023-06", "-o", path, "--force").exit_code == 0
    assert load_workbook(path).worksheets[0]["A1"].value.endswith("进展情况表")


def test_report_help_shows_force_in_chinese(cli):
    text = cli("report", "--help").stdout
    assert "--force" in text and "台账有错误时仍生成" in text


def test_documents_are_decided_in_one_place():
    from minsheng_cli.commands.printing import DOCUMENT_FORMATS, announce
    from minsheng_cli.errors import InputError

    assert set(DOCUMENT_FORMATS) == {"xlsx", "docx", "html"}
    for fmt in DOCUMENT_FORMATS:
        with pytest.raises(InputError) as refused:
            announce(fmt, 3, force=False, path=f"报表.{fmt}")
        assert "--force" in refused.value.hint
        assert announce(fmt, 3, force=True) == WARNING.format(count=3)
        assert announce(fmt, 0, force=False) is None
    assert announce("csv", 3, force=False) is None  # said on stderr instead


# --- two branches, two values for one date: a real union merge ----------------------------------------------
@pytest.fixture
def merged_repo(tmp_path, cli) -> Path:
    """main records 5836 on 06-09; branches a and b each record their own figure for 06-30."""
    repo = tmp_path / "repo"
    root = repo / "data"
    (root / "progress").mkdir(parents=True)
    shutil.copy(PLAN, root / "projects.yaml")
    shutil.copy(REPO / ".gitattributes", repo / ".gitattributes")
    git(repo, "init", "-q", "-b", "main")
    assert cli("--data", root, "update", "1", "new_places", "5836", "--date", "2023-06-09").exit_code == 0
    commit(repo, "6月9日")
    for branch, value in (("a", "6300"), ("b", "6400")):
        git(repo, "checkout", "-q", "-b", branch, "main")
        assert cli("--data", root, "update", "1", "new_places", value, "--date", "2023-06-30").exit_code == 0
        commit(repo, f"{branch}: 6月30日")
    git(repo, "checkout", "-q", "a")
    git(repo, "merge", "-q", "--no-edit", "b")  # progress/** merge=union: both lines kept, no conflict for git
    return root


def test_two_values_for_one_date_are_a_check_error(merged_repo, cli):
    values = [line for line in june_file(merged_repo).read_text(encoding="utf-8").splitlines() if "2023-06-30" in line]
    assert len(values) == 2  # the union merge kept both
    errors = check_json(cli, merged_repo)["errors"]
    assert [(e["code"], e["line"]) for e in errors] == [("conflict", 4)]
    assert "第 3 行为 6300" in errors[0]["message"] and "第 4 行为 6400" in errors[0]["message"]
    text = cli("--data", merged_repo, "check").stdout
    assert "--correct" in text and "--void" in text  # the hint names the way out


def test_neither_conflicting_value_counts(merged_repo, cli):
    result = cli("--data", merged_repo, "--no-cache", "report", "--month", "2023-06", "-f", "json")
    target = new_places(json.loads(result.stdout))
    assert (target["actual"], target["as_of"]) == (5836, "2023-06-09")  # the last figure not in dispute
    assert result.stderr.splitlines()[0] == WARNING.format(count=1)
    entries = json.loads(cli("--data", merged_repo, "log", "1", "new_places", "-f", "json").stdout)["targets"][0]["records"]
    assert [e["fate"] for e in entries] == [None, "invalid", "invalid"]
    assert entries[1]["reasons"] == entries[2]["reasons"] and "两条都不计入" in entries[1]["reasons"][0]


def test_a_conflict_is_resolved_by_a_correction(merged_repo, cli):
    plain = cli("--data", merged_repo, "update", "1", "new_places", "6500", "--date", "2023-06-30")
    assert plain.exit_code == 1 and "--correct" in plain.stderr  # a plain record would only add to the dispute
    fixed = cli("--data", merged_repo, "update", "1", "new_places", "6400", "--date", "2023-06-30", "--correct", "--reason", "以b分支为准")
    assert fixed.exit_code == 0, fixed.stderr
    assert cli("--data", merged_repo, "check").exit_code == 0
    result = cli("--data", merged_repo, "--no-cache", "report", "--month", "2023-06", "-f", "json")
    assert new_places(json.loads(result.stdout))["actual"] == 6400 and "台账有" not in result.stderr


# --- the engine as plain functions ---------------------------------------------------------------------------
TODAY = dt.date(2023, 8, 1)
ENGINE_PLAN = Plan(
    title="测试", year=2023, start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31), categories=[Category(1, "测试类")],
    projects=[Project(id=1, category=1, name="项目", lead=["市测试局"], targets=[
        Target(id="n", name="数量", kind="count", target=D(100), unit="个"),
        Target(id="c", name="分县", kind="count", target=D(100), unit="个", by_county=True),
    ])],
    settings=Settings(counties=[County("任城区", "district"), County("曲阜市", "county")]),
)
DAYS = [dt.date(2023, 5, 3), dt.date(2023, 5, 10), dt.date(2023, 6, 7)]


@st.composite
def valid_records(draw) -> Record:
    target = draw(st.sampled_from(["n", "c"]))
    county = draw(st.sampled_from(["任城区", "曲阜市"])) if target == "c" else None
    action = draw(st.sampled_from([None, None, "correct", "void"]))
    value = None if action == "void" else D(draw(st.integers(0, 30)))
    return Record(draw(st.sampled_from(DAYS)), 1, target, county, value, action=action, reason="核实" if action else None)


@st.composite
def rejected_records(draw) -> Record:
    day = draw(st.sampled_from(DAYS))
    return draw(st.sampled_from([
        Record(day, 1, "n", None, D(-5)),  # negative
        Record(day, 1, "n", None, "一万"),  # text on a count
        Record(day, 1, "x", None, D(7)),  # unknown target
        Record(day, 1, "n", "任城区", D(7)),  # county on a city-wide target
        Record(day, 1, "c", None, D(7)),  # no county on a per-county target
        Record(day, 1, "c", "外星区", D(7)),  # a county not in the plan
        Record(day, 1, "n", None, D(7), action="correct"),  # a correction without a reason
        Record(day, 1, "n", None, action="void"),  # a void without a reason
        Record(day, 1, "n", None, D(7), action="void", reason="x"),  # a void with a value
        Record(dt.date(2023, 9, 1), 1, "n", None, D(7)),  # after today
        Record(dt.date(2022, 12, 31), 1, "n", None, D(7)),  # before the plan
    ]))


def facts_of(in_force: H.InForce) -> list:
    return [(r.target, r.county, r.date, r.value) for r in in_force.values_in_force()]


@settings(max_examples=200, deadline=None)
@given(st.lists(valid_records(), max_size=12), st.lists(st.tuples(st.integers(0, 12), rejected_records()), max_size=6))
def test_rejected_records_change_nothing_wherever_they_stand(valid, inserted):
    """Whatever the valid records amount to — replacements, corrections, voids, conflicts — the
    rejected ones, put anywhere among them, change none of it, and each says why."""
    mixed = list(valid)
    for at, record in inserted:
        mixed.insert(min(at, len(mixed)), record)
    alone, together = H.fold(valid, ENGINE_PLAN, today=TODAY), H.fold(mixed, ENGINE_PLAN, today=TODAY)
    assert facts_of(together) == facts_of(alone)
    assert [r.date for r in together.records_with_fate(H.VOID_NOTHING)] == [r.date for r in alone.records_with_fate(H.VOID_NOTHING)]
    for _, record in inserted:
        fate = together.fate(record)
        assert fate.state == H.INVALID and fate.why == H.REJECTED and fate.reasons
    for record in valid:
        assert together.fate(record).state == alone.fate(record).state


def test_conflicting_values_count_until_resolved_and_the_same_value_again_is_no_conflict():
    may, june = DAYS[0], DAYS[2]
    a, b = Record(june, 1, "n", None, D(20)), Record(june, 1, "n", None, D(25))
    before = Record(may, 1, "n", None, D(10))
    in_force = H.fold([before, a, b], ENGINE_PLAN)
    assert in_force.as_of(june).value(1, "n") == (may, D(10))
    assert [in_force.fate(r).why for r in (a, b)] == [H.CONFLICT, H.CONFLICT]
    assert [f[2] for f in in_force.findings()] == ["conflict"]
    again = Record(june, 1, "n", None, D("20.0"), note="复核")
    assert H.fold([before, a, again], ENGINE_PLAN).as_of(june).value(1, "n") == (june, D("20.0"))
    correct = Record(june, 1, "n", None, D(25), action="correct", reason="以后者为准")
    resolved = H.fold([before, a, b, correct], ENGINE_PLAN)
    assert resolved.as_of(june).value(1, "n") == (june, D(25)) and resolved.findings() == []
    assert [resolved.fate(r).state for r in (a, b)] == [H.REPLACED, H.REPLACED]
    void = Record(june, 1, "n", None, action="void", reason="都不对")
    voided = H.fold([before, a, b, void], ENGINE_PLAN)
    assert voided.as_of(june).value(1, "n") == (may, D(10)) and voided.findings() == []
    assert [voided.fate(r).state for r in (a, b, void)] == [H.VOIDED, H.VOIDED, H.VOID]


def test_an_identical_duplicate_changes_nothing_and_says_nothing_twice():
    june = DAYS[2]
    said = Record(june, 1, "n", None, D(20), note="已验收")
    narrative = Record(june, 1, note="召开调度会")
    in_force = H.fold([said, _copy(said), narrative, _copy(narrative)], ENGINE_PLAN)
    assert in_force.as_of(june).value(1, "n") == (june, D(20))
    assert [r.note for r in in_force.as_of(june).notes(1)] == ["已验收", "召开调度会"]
    assert [f[2] for f in in_force.findings()] == ["duplicate-record", "duplicate-record"]


def _copy(record: Record) -> Record:
    """An equal record that is another object (a second line of the same text)."""
    from dataclasses import replace

    return replace(record, line=record.line + 1)
