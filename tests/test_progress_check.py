"""`check` on progress/: every problem, each with position, stable code, Chinese message, hint, source."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from minsheng_cli.ledger.plan import load_plan
from minsheng_cli.words.progress import REC_HINTS
from minsheng_cli.checks.progress import check_progress

TODAY = dt.date(2023, 8, 1)


def put(root: Path, relative: str, text: str | bytes) -> Path:
    path = root / "progress" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(root: Path) -> list:
    found, _ = check_progress(load_plan(root), root, today=TODAY)
    return found


def codes_at(root: Path) -> list[tuple[str, int, int, str]]:
    """(file name, line, column, code) of every problem."""
    return [(Path(p.path).name, p.line, p.column, p.code) for p in problems(root)]


def test_a_clean_ledger_has_no_problems_and_counts_its_records(plan_ledger):
    put(plan_ledger, "2023-06/01.yaml", "# h\n"
        "- {date: 2023-06-01, target: new_places, value: 100}\n"
        "- {date: 2023-06-30, target: new_places, value: 100}\n"
        "- {date: 2023-06-30, target: new_places, value: 90, action: correct, reason: \"重复统计\"}\n"
        "- {date: 2023-06-30, note: \"顺利\"}\n")
    put(plan_ledger, "2023-06/03.yaml", '- {date: 2023-06-30, target: branch_centers, county: "任城区", value: 1}\n'
        '- {date: 2023-06-30, target: hotline, value: "开通微信公众号"}\n- {date: 2023-06-30, target: hotline, value: "开通24小时心理援助热线"}\n')
    put(plan_ledger, "2023-07/01.yaml", "- {date: 2023-07-07, target: new_places, value: 95}\n"
        "- {date: 2023-07-07, target: new_places, action: void, reason: \"误报\"}\n")
    assert check_progress(load_plan(plan_ledger), plan_ledger, today=TODAY) == ([], 9)


@pytest.mark.parametrize("line, code, column, words", [
    ('- {date: 2023-07-01, target: new_places, value: 1}', "wrong-file", 10, "应在 progress/2023-07/"),
    ('- {date: 2023-06-30, target: sites, value: 1}', "wrong-file", 30, "属于项目 21"),
    ('- {date: 2023-06-30, target: no_such, value: 1}', "unknown-target", 30, "项目 1 没有指标「no_such」"),
    ('- {date: 2023-06-30, target: "新增托位", value: 1}', "unknown-target", 30, "应写指标 id「new_places」"),
    ('- {date: 2023-06-30, target: new_places, county: "任城区", value: 1}', "county-not-by-county", 50, "不分县"),
    ('- {date: 2023-06-30, target: new_places, value: "很多"}', "bad-value", 49, "应为数字"),
    ('- {date: 2023-06-30, target: new_places, value: -1}', "bad-value", 49, "负数"),
    ('- {date: 2023-06-30, target: fee_cut, value: "一半"}', "bad-value", 46, "可填：done"),
    ('- {date: 2023-06-30, target: fee_cut, value: 1}', "bad-value", 46, "值应为文本"),
    ('- {date: 2023-06-30, target: new_places, action: void, value: 1, reason: "x"}', "bad-value", 63, "不应有 value"),
    ('- {date: 2023-09-01, target: new_places, value: 1}', "wrong-file", 10, "2023-09"),
    ('- {date: 2023-06-30, target: new_places, value: 1, action: correct}', "missing-reason", 60, "缺少原因"),
    ('- {date: 2023-06-30, target: new_places, action: void, reason: "x"}', "void-nothing", 50, "没有可作废的对象"),
])
def test_record_problems_are_found_with_code_position_message_hint_and_source(plan_ledger, line, code, column, words):
    put(plan_ledger, "2023-06/01.yaml", "# h\n" + line + "\n")
    found = [p for p in problems(plan_ledger) if p.code == code]
    assert len(found) == 1, problems(plan_ledger)
    problem = found[0]
    assert (problem.line, problem.column) == (2, column)
    assert words in problem.message
    assert problem.hint == REC_HINTS[code] and problem.hint
    assert problem.source == line


def test_voids_of_checklist_items_and_milestone_steps(plan_ledger):
    put(plan_ledger, "2023-05/21.yaml", "# h\n"
        '- {date: 2023-05-01, target: key_places, value: "住宅小区"}\n'
        '- {date: 2023-05-01, target: key_places, value: "医院"}\n'
        '- {date: 2023-05-08, target: key_places, value: "医院", action: void, reason: "未验收"}\n'
        '- {date: 2023-05-08, target: key_places, value: "医院", action: void, reason: "重复作废"}\n'
        '- {date: 2023-05-09, target: key_places, value: "机场", action: void, reason: "x"}\n'
        '- {date: 2023-05-01, target: key_places, action: void, reason: "整天作废"}\n'
        '- {date: 2023-05-01, target: key_places, action: void, reason: "再作废"}\n')
    # line 6 names no item of the list: rejected, it is never applied (so it cannot cancel nothing too)
    assert [(p.line, p.code) for p in problems(plan_ledger)] == [(5, "void-nothing"), (6, "bad-value"), (8, "void-nothing")]


def test_county_problems(plan_ledger):
    put(plan_ledger, "2023-06/03.yaml", "# h\n"
        "- {date: 2023-06-30, target: branch_centers, value: 1}\n"
        '- {date: 2023-06-30, target: branch_centers, county: "火星县", value: 1}\n'
        '- {date: 2023-06-30, target: branch_centers, county: "市本级", value: 1}\n')
    put(plan_ledger, "2023-06/22.yaml", '- {date: 2023-06-30, target: connected_spaces, county: "曲阜市", value: 1}\n')
    assert codes_at(plan_ledger) == [
        ("03.yaml", 2, 30, "missing-county"), ("03.yaml", 3, 54, "unknown-county"), ("03.yaml", 4, 54, "unknown-county"),
        ("22.yaml", 1, 56, "unknown-county"),
    ]
    messages = [p.message for p in problems(plan_ledger)]
    assert "不在县（市、区）列表中" in messages[1] and "不承担" in messages[2] and "不承担" in messages[3]


def test_dates_in_the_future_or_before_the_plan(plan_ledger):
    put(plan_ledger, "2023-08/01.yaml", "- {date: 2023-08-02, target: new_places, value: 1}\n")
    put(plan_ledger, "2022-12/01.yaml", "- {date: 2022-12-31, target: new_places, value: 1}\n")
    assert codes_at(plan_ledger) == [("01.yaml", 1, 10, "before-start"), ("01.yaml", 1, 10, "future-date")]


def test_decreasing_counts_without_a_correction_across_months(plan_ledger):
    put(plan_ledger, "2023-06/01.yaml", "- {date: 2023-06-30, target: new_places, value: 100}\n")
    put(plan_ledger, "2023-07/01.yaml", "- {date: 2023-07-07, target: new_places, value: 90}\n"
        '- {date: 2023-07-14, target: new_places, value: 80, action: correct, reason: "核减"}\n'
        "- {date: 2023-07-21, target: total_places, value: 1}\n- {date: 2023-07-28, target: total_places, value: 0}\n")
    found = problems(plan_ledger)
    assert [(Path(p.path).parent.name, p.line, p.code) for p in found] == [("2023-07", 1, "decreasing")]
    assert "90 小于 2023-06-30 的 100" in found[0].message


def test_union_merge_duplicates_are_reported(plan_ledger):
    line = "- {date: 2023-06-30, target: new_places, value: 100}\n"
    put(plan_ledger, "2023-06/01.yaml", line + '- {date: 2023-06-30, note: "x"}\n' + line)
    found = problems(plan_ledger)
    assert [(p.line, p.code) for p in found] == [(3, "duplicate-record")]
    assert "与第 1 行完全相同" in found[0].message


def test_file_level_problems(plan_ledger):
    put(plan_ledger, "2023-06/07.yaml", "- {date: 2023-06-30, note: a}\n<<<<<<< HEAD\n- {date: 2023-06-30, note: b}\n=======\n- {date: 2023-06-30, note: c}\n>>>>>>> other\n")
    put(plan_ledger, "2023-06/08.yaml", '- {date: 2023-06-30, note: "进展"}\n'.encode("gbk"))
    put(plan_ledger, "2023-06/09.yaml", '- {date: 2023-06-30, note: "unclosed}\n')
    put(plan_ledger, "2023-06/10.yaml", "- {date: 2023-06-30, colour: red}\n- {target: x, value: 1}\n- {date: 2023-06-30, note: ok}\n")
    put(plan_ledger, "2023-06/7.yaml", "")
    put(plan_ledger, "2023-06/31.yaml", "")
    put(plan_ledger, "2023-06/notes.txt", "")
    put(plan_ledger, "2023-13/01.yaml", "")
    put(plan_ledger, "misc/01.yaml", "")
    put(plan_ledger, "01.yaml", "")
    put(plan_ledger, ".gitkeep", "")
    put(plan_ledger, "2023-06/.01.yaml.123.tmp", "")
    assert codes_at(plan_ledger) == [
        ("01.yaml", 1, 1, "unknown-file"),
        ("07.yaml", 2, 1, "merge-conflict"),
        ("08.yaml", 1, 1, "encoding"),
        ("09.yaml", 1, 28, "yaml-syntax"),
        ("10.yaml", 1, 22, "bad-record"),
        ("10.yaml", 2, 3, "bad-record"),
        ("31.yaml", 1, 1, "unknown-file"),
        ("7.yaml", 1, 1, "unknown-file"),
        ("notes.txt", 1, 1, "unknown-file"),
        ("2023-13", 1, 1, "unknown-folder"),
        ("misc", 1, 1, "unknown-folder"),
    ]
    for problem in problems(plan_ledger):
        assert problem.hint == REC_HINTS[problem.code]


def test_a_hand_edited_file_gets_positions_from_yaml(plan_ledger):
    put(plan_ledger, "2023-06/01.yaml", "# 手工编辑\n- date: 2023-06-30\n  target: new_places\n  value: 很多   # 待核实\n")
    [problem] = problems(plan_ledger)
    assert (problem.line, problem.column, problem.code) == (4, 10, "bad-value")
    assert problem.source == "  value: 很多   # 待核实"


def test_check_command_lists_progress_problems_after_the_plan(plan_ledger, cli):
    put(plan_ledger, "2023-06/01.yaml", "- {date: 2023-06-30, target: no_such, value: 1}\n- {date: 2023-06-30, target: new_places, value: -1}\n")
    result = cli("--data", plan_ledger, "check")
    assert result.exit_code == 1
    assert "01.yaml:1:30: 错误[unknown-target]" in result.stdout
    assert "01.yaml:2:49: 错误[bad-value]" in result.stdout
    assert "Traceback" not in result.output
    as_json = cli("--data", plan_ledger, "check", "--format", "json")
    assert '"code": "unknown-target"' in as_json.stdout
