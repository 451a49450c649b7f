"""`minsheng update` end to end on a temporary git repository holding a copy of the plan."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import PLAN, REPO
from minsheng_cli.ledger.dates import today
from minsheng_cli.ledger.progress_file import read_progress

GIT_ENV = {"GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, encoding="utf-8", env={**os.environ, **GIT_ENV})
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository with data/projects.yaml and the project's .gitattributes, committed."""
    root = tmp_path / "repo"
    (root / "data" / "progress").mkdir(parents=True)
    shutil.copy(PLAN, root / "data" / "projects.yaml")
    shutil.copy(REPO / ".gitattributes", root / ".gitattributes")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "王填报")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "计划")
    return root


@pytest.fixture
def update(repo, cli):
    def run(*args: str, input: str | None = None):
        return cli("--data", repo / "data", "update", *args, input=input)

    return run


def commit(repo: Path) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "进度")


def records(repo: Path):
    return read_progress(repo / "data")


def test_update_appends_one_line_and_git_diff_shows_only_that_addition(repo, update):
    first = update("1", "new_places", "1000", "--date", "2023-06-01")
    assert first.exit_code == 0, first.stderr
    commit(repo)
    result = update("1", "new_places", "6,200", "--date", "2023-06-30", "--note", "新增托位已验收")
    assert result.exit_code == 0, result.stderr
    assert "01.yaml:3" in result.stdout and "62.0%" in result.stdout
    assert git(repo, "diff", "--numstat").splitlines() == ["1\t0\tdata/progress/2023-06/01.yaml"]
    added = [line for line in git(repo, "diff", "-U0").splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert added == ['+- {date: 2023-06-30, target: new_places, value: 6200, note: "新增托位已验收", by: "王填报"}']


def test_a_second_identical_run_changes_nothing_and_says_so(repo, update):
    assert update("1", "new_places", "6200", "--date", "2023-06-30").exit_code == 0
    commit(repo)
    again = update("1", "new_places", "6200", "--date", "2023-06-30")
    assert again.exit_code == 0  # idempotent: re-running an update is not a mistake
    assert "已有相同记录" in again.stderr and "未重复写入" in again.stderr
    assert again.stdout == ""
    assert git(repo, "status", "--porcelain") == ""


def test_the_first_record_of_a_month_creates_the_file_with_its_header(repo, update):
    result = update("3", "branch_centers", "2", "--county", "任城区", "--date", "2023-06-30")
    assert result.exit_code == 0, result.stderr
    text = (repo / "data" / "progress" / "2023-06" / "03.yaml").read_text(encoding="utf-8")
    assert text == (
        "# 项目 3 · 2023年6月 进度记录（minsheng 追加写入，可手工编辑；每行一条记录）\n"
        '- {date: 2023-06-30, target: branch_centers, county: "任城区", value: 2, by: "王填报"}\n'
    )


def test_values_as_people_type_them(repo, update):
    assert update("1", "new_places", "0.23万", "--date", "2023-03-31").exit_code == 0
    assert update("1", "new_places", "６，２００", "--date", "2023-06-30").exit_code == 0
    assert update("1", "new_places", "1.2万个", "--date", "2023-12-01").exit_code == 0
    assert [r.value for r in records(repo)] == [Decimal(2300), Decimal(6200), Decimal(12000)]
    level = update("1", "total_places", "3.3万", "--date", "2023-06-30")
    assert "托位总量：当前 33000 个，年度目标 37000 个" in level.stdout


def test_by_county_completion_sums_the_counties(repo, update):
    assert update("3", "branch_centers", "2", "--county", "任城区", "--date", "2023-06-30").exit_code == 0
    result = update("3", "branch_centers", "3", "--county", "兖州区", "--date", "2023-06-30")
    assert "累计 5 个" in result.stdout and "50.0%" in result.stdout


def test_same_value_on_a_new_date_is_a_real_record(repo, update):
    assert update("1", "new_places", "6200", "--date", "2023-06-23").exit_code == 0
    assert update("1", "new_places", "6200", "--date", "2023-06-30").exit_code == 0
    assert [(r.date.day, r.value) for r in records(repo)] == [(23, 6200), (30, 6200)]


def test_correct_and_void_with_a_reason(repo, update, cli):
    assert update("1", "new_places", "6200", "--date", "2023-06-30").exit_code == 0
    corrected = update("1", "new_places", "6000", "--date", "2023-06-30", "--correct", "--reason", "重复统计")
    assert corrected.exit_code == 0, corrected.stderr
    lowered = update("1", "new_places", "5900", "--date", "2023-07-07", "--correct", "--reason", "核减")
    assert lowered.exit_code == 0, lowered.stderr
    voided = update("1", "new_places", "--void", "--reason", "误报", "--date", "2023-07-07")
    assert voided.exit_code == 0, voided.stderr
    assert [(r.action, r.value, r.reason) for r in records(repo)] == [
        (None, 6200, None), ("correct", 6000, "重复统计"), ("correct", 5900, "核减"), ("void", None, "误报"),
    ]
    assert cli("--data", repo / "data", "check").exit_code == 0


def test_milestone_checklist_and_continuing_values(repo, update):
    first_step = update("3", "hotline", "开通微信公众号", "--date", "2023-05-01")
    assert first_step.exit_code == 0 and "已完成 1/2 个步骤" in first_step.stdout
    assert update("3", "hotline", "开通24小时心理援助热线", "--date", "2023-05-01").exit_code == 0  # a second step, same day
    done = update("3", "promo_video", "完成", "--date", "2023-05-01")
    assert done.exit_code == 0 and "制播心理健康宣传片：已完成" in done.stdout
    checklist = update("21", "key_places", "住宅小区", "--date", "2023-05-01")
    assert checklist.exit_code == 0 and "已完成 1/7 项" in checklist.stdout
    assert update("21", "key_places", "医院", "--date", "2023-05-01").exit_code == 0
    continuing = update("16", "free_peak_rides", "正常", "--date", "2023-05-01")
    assert continuing.exit_code == 0 and "正常实施" in continuing.stdout
    assert [r.value for r in records(repo)] == ["开通微信公众号", "开通24小时心理援助热线", "done", "正常", "住宅小区", "医院"]


def test_void_of_one_checklist_item_recorded_earlier(repo, update, cli):
    assert update("21", "key_places", "住宅小区", "--date", "2023-05-01").exit_code == 0
    assert update("21", "key_places", "医院", "--date", "2023-05-01").exit_code == 0
    voided = update("21", "key_places", "医院", "--void", "--reason", "尚未验收", "--date", "2023-05-08")
    assert voided.exit_code == 0, voided.stderr
    assert "已完成 1/7 项" in voided.stdout
    again = update("21", "key_places", "医院", "--void", "--reason", "尚未验收", "--date", "2023-05-08")
    assert again.exit_code == 1 and "没有「医院」的记录可作废" in again.stderr
    assert update("1", "new_places", "5", "--void", "--reason", "x").exit_code == 2
    assert cli("--data", repo / "data", "check").exit_code == 0


def test_a_narrative_alone_with_the_reporter_from_git(repo, update):
    result = update("1", "--note", "项目整体推进顺利", "--problem", "场地不足", "--date", "2023-06-30")
    assert result.exit_code == 0, result.stderr
    [record] = records(repo)
    assert (record.target, record.note, record.problem, record.by) == (None, "项目整体推进顺利", "场地不足", "王填报")
    again = update("1", "--note", "项目整体推进顺利", "--date", "2023-06-30")
    assert again.exit_code == 0 and "已有相同的进展记录" in again.stderr
    assert len(records(repo)) == 1


# --- every bad input: non-zero, one Chinese message, no traceback, nothing changed --------------------------
AFTER_TODAY = (today() + dt.timedelta(days=2)).isoformat()  # after today even when the run crosses midnight after collection
BAD = [
    (["99", "new_places", "1"], 1, "没有序号或名称为「99」的项目"),
    (["1", "nope", "1"], 1, "没有名为「nope」的指标。可用指标：new_places（新增托位）"),
    (["1", "new_places", "abc"], 1, "数值「abc」不是有效数字"),
    (["1", "new_places", "--", "-5"], 1, "数值「-5」不能为负数"),
    (["1", "new_places", "－5"], 1, "不能为负数"),
    (["1", "new_places", "nan"], 1, "数值「nan」不是有效数字"),
    (["1", "new_places", "inf"], 1, "数值「inf」不是有效数字"),
    (["1", "new_places", ""], 1, "数值 不能为空"),
    (["1", "new_places", "7000", "--date", "2023-13-01"], 1, "--date「2023-13-01」不是有效日期"),
    (["1", "new_places", "7000", "--date", AFTER_TODAY], 1, "晚于今天"),
    (["1", "new_places", "100", "--date", "2022-12-31"], 1, "早于计划开始日期 2023-01-01"),
    (["3", "branch_centers", "1", "--date", "2023-06-30"], 1, "按县（市、区）填报，请用 --county 指定"),
    (["1", "new_places", "7000", "--county", "任城区"], 1, "--county：指标「新增托位」不分县（市、区）填报"),
    (["3", "branch_centers", "1", "--county", "火星县"], 1, "--county「火星县」不在县（市、区）列表中"),
    (["22", "connected_spaces", "10", "--county", "曲阜市"], 1, "--county「曲阜市」不承担指标"),
    (["1", "new_places", "6100", "--date", "2023-06-30"], 1, "已记录为 6000"),
    (["1", "new_places", "5000", "--date", "2023-07-07"], 1, "累计数不应减少"),
    (["1", "new_places", "7000", "--date", "2023-06-15"], 1, "会使累计数减少"),
    (["1", "new_places", "5000", "--date", "2023-07-07", "--correct"], 2, "--correct 必须同时用 --reason"),
    (["1", "new_places", "--void", "--date", "2023-06-30"], 2, "--void 必须同时用 --reason"),
    (["1", "new_places", "--void", "--reason", "误报", "--date", "2023-06-29"], 1, "没有可作废的记录"),
    (["1", "new_places", "100", "--correct", "--void", "--reason", "x"], 2, "不能同时使用"),
    (["1", "new_places"], 2, "缺少数值"),
    (["1", "--note", "x", "--reason", "y"], 2, "--reason 只能与 --correct 或 --void 一起使用"),
    (["1", "fee_cut", "half"], 1, "可填：done（完成）"),
    (["21", "key_places", "住宅"], 1, "须与事项名称完全一致），可填：住宅小区、医院"),
    (["16", "free_peak_rides", "还行"], 1, "可填：正常、中断"),
    (["1", "new_places", "1", "--date", "2023-06-30", "--unknown-option"], 2, "--unknown-option"),
]


@pytest.fixture
def committed_ledger(repo, update):
    assert update("1", "new_places", "6000", "--date", "2023-06-30").exit_code == 0
    assert update("3", "branch_centers", "2", "--county", "任城区", "--date", "2023-06-30").exit_code == 0
    commit(repo)
    return repo


@pytest.mark.parametrize("args, code, words", BAD, ids=[" ".join(a) for a, _, _ in BAD])
def test_bad_input_is_one_chinese_message_and_changes_nothing(committed_ledger, update, args, code, words):
    result = update(*args)
    assert result.exit_code == code, result.output
    assert words in result.stderr
    assert result.stderr.startswith("错误：")
    assert "Traceback" not in result.output
    assert git(committed_ledger, "status", "--porcelain") == ""


def test_bad_input_through_a_real_process_has_no_traceback(committed_ledger):
    import sys

    done = subprocess.run([sys.executable, "-m", "minsheng_cli", "--data", str(committed_ledger / "data"), "update", "1", "new_places", "abc"],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 1 and "不是有效数字" in done.stderr and "Traceback" not in done.stderr + done.stdout
    assert git(committed_ledger, "status", "--porcelain") == ""


def test_a_broken_progress_file_stops_the_update_with_its_position(committed_ledger, update):
    path = committed_ledger / "data" / "progress" / "2023-06" / "01.yaml"
    path.write_text(path.read_text(encoding="utf-8") + '- {date: 2023-06-30, note: "unclosed}\n', encoding="utf-8")
    before = path.read_bytes()
    result = update("1", "new_places", "7000", "--date", "2023-06-30", "--correct", "--reason", "x")
    assert result.exit_code == 1 and "01.yaml:3:28" in result.stderr and "Traceback" not in result.output
    assert path.read_bytes() == before


# --- interactive ------------------------------------------------------------------------------------------
def test_interactive_asks_each_target_then_the_narrative_then_confirms(committed_ledger, update):
    answers = [
        "6,500",  # 新增托位 (last 6000)
        "",  # 托位总量
        "",  # 千人口托位数
        "",  # filing_rank (continuing)
        "abc",  # 市级示范托育机构: bad, asked again
        "5",
        "",  # community_points
        "",  # staff_training
        "",  # fee_cut
        "托位建设按计划推进",  # 进展情况
        "",  # 存在问题
        "7月完成验收",  # 下步打算
        "y",
    ]
    result = update("1", "--date", "2023-07-07", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "上次 6000，2023-06-30" in result.stdout
    assert "不是有效数字" in result.stdout and "请重新输入" in result.stdout
    assert "将写入以下 3 条记录" in result.stdout
    written = [r for r in records(committed_ledger) if r.date == dt.date(2023, 7, 7)]
    assert [(r.target, r.value, r.note, r.next) for r in written] == [
        ("new_places", Decimal(6500), None, None), ("model_institutions", Decimal(5), None, None), (None, None, "托位建设按计划推进", "7月完成验收"),
    ]
    assert all(r.by == "王填报" for r in written)
    assert git(committed_ledger, "status", "--porcelain").splitlines() == ["?? data/progress/2023-07/"]


def test_a_text_that_cannot_be_taken_is_asked_again_and_keeps_the_values(committed_ledger, update):
    answers = [
        "6,500", "", "", "", "", "", "", "",  # 新增托位, then every other target skipped
        "托位" * 1500,  # 进展情况: too long — said, asked again
        "",
        "",
        "托位建设按计划推进",  # asked again: taken
        "",
        "",
        "y",
    ]
    result = update("1", "--date", "2023-07-07", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "文字过长" in result.stdout and "请重新输入" in result.stdout
    written = [r for r in records(committed_ledger) if r.date == dt.date(2023, 7, 7)]
    assert [(r.target, r.value, r.note) for r in written] == [("new_places", Decimal(6500), None), (None, None, "托位建设按计划推进")]


def test_interactive_by_county_asks_each_county_of_the_target(committed_ledger, update):
    from minsheng_cli.ledger.plan import load_plan

    project = load_plan(committed_ledger / "data").find_project(3)
    assert [t.id for t in project.targets][:2] == ["city_center", "branch_centers"]
    others = len(project.targets) - 2
    answers = ["", "", "3"] + [""] * 12 + [""] * others + ["", "", "", "y"]  # 任城区 is skipped, 兖州区 = 3
    result = update("3", "--date", "2023-07-07", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    [written] = [r for r in records(committed_ledger) if r.date == dt.date(2023, 7, 7)]
    assert (written.target, written.county, written.value) == ("branch_centers", "兖州区", Decimal(3))


def test_interactive_declined_writes_nothing(committed_ledger, update):
    answers = ["6500"] + [""] * 8 + ["", "", "", "n"]
    result = update("1", "--date", "2023-07-07", input="\n".join(answers) + "\n")
    assert result.exit_code == 0 and "已取消" in result.stdout
    assert git(committed_ledger, "status", "--porcelain") == ""


def test_interactive_with_nothing_entered_writes_nothing(committed_ledger, update):
    result = update("1", "--date", "2023-07-07", input="\n" * 12)
    assert result.exit_code == 0 and "没有填写任何内容" in result.stdout
    assert git(committed_ledger, "status", "--porcelain") == ""


def test_interactive_cut_short_by_end_of_input_writes_nothing(committed_ledger, update):
    result = update("1", "--date", "2023-07-07", input="6500\n")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert git(committed_ledger, "status", "--porcelain") == ""


# --- values as typed (values.py) ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("6200", "6200"), ("6,200", "6200"), ("6，200", "6200"), ("1.2万", "12000"), ("0.23万", "2300"), ("６２００", "6200"),
    ("１．２万", "12000"), (" 4.40 ", "4.4"), ("1,234,567.50", "1234567.5"), ("0", "0"), ("3亿", "300000000"),
])
def test_parse_number_accepts_what_people_type(text, expected):
    from minsheng_cli.ledger.numbers import parse_number

    assert parse_number(text, "VALUE") == Decimal(expected)
    assert str(parse_number(text, "VALUE")) == expected


@pytest.mark.parametrize("text, words", [
    ("-5", "不能为负数"), ("−5", "不能为负数"), ("NaN", "不是有效数字"), ("inf", "不是有效数字"), ("abc", "不是有效数字"),
    ("", "不能为空"), ("  ", "不能为空"), ("1e3", "不是有效数字"), ("62,00", "不是有效数字"), ("1.2.3", "不是有效数字"), ("万", "不是有效数字"),
])
def test_parse_number_refuses_with_the_argument_named(text, words):
    from minsheng_cli.errors import InputError
    from minsheng_cli.ledger.numbers import parse_number

    with pytest.raises(InputError) as caught:
        parse_number(text, "第3行「本期累计」")
    assert caught.value.message.startswith("第3行「本期累计」") and words in caught.value.message


def test_parse_value_by_kind():
    from minsheng_cli.errors import InputError
    from minsheng_cli.ledger.plan import load_plan
    from minsheng_cli.ledger.numbers import parse_value

    plan = load_plan(PLAN.parent)
    target = lambda p, t: plan.find_project(p).find_target(t)  # noqa: E731
    assert parse_value("6200个", target(1, "new_places")) == Decimal(6200)
    assert parse_value("已完成", target(1, "fee_cut")) == "done"
    assert parse_value("DONE", target(1, "fee_cut")) == "done"
    assert parse_value("开通微信公众号", target(3, "hotline")) == "开通微信公众号"
    assert parse_value("医院", target(21, "key_places")) == "医院"
    assert parse_value("正常实施", target(16, "free_peak_rides")) == "正常"
    assert parse_value("中断", target(16, "free_peak_rides")) == "中断"
    for project, target_id, text in ((21, "key_places", "医"), (3, "hotline", "开通"), (16, "free_peak_rides", "暂停")):
        with pytest.raises(InputError):
            parse_value(text, target(project, target_id))
