"""The progress line format: writing, the fast reader, the YAML fallback, and that both read
every file identically (PRODUCT.md §2, §5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minsheng_cli.ledger.model import Record
from minsheng_cli.ledger.progress_yaml import ProgressFormatError
from minsheng_cli.ledger.progress_file import (
    file_header,
    format_record,
    parse_progress_detailed,
    parse_progress_text,
    parse_progress_yaml,
    read_progress,
    record_path,
)
from minsheng_cli.errors import LedgerError
from minsheng_cli.ledger.yamlio import decode

D = dt.date(2023, 6, 30)


def both(text: str, project: int = 7) -> tuple[list[Record], list[Record], bool]:
    """(records read by parse_progress_text, records read as YAML, whether the fast path read it)."""
    fast = parse_progress_detailed(text, "p.yaml", project).fast
    return parse_progress_text(text, "p.yaml", project), parse_progress_yaml(text, "p.yaml", project), fast


# --- writing ------------------------------------------------------------------------------------------
def test_lines_are_written_in_the_documented_shape():
    assert format_record(Record(D, 7, "new_places", "任城区", Decimal("6200"), note="新增托位已验收", by="张三")) == (
        '- {date: 2023-06-30, target: new_places, county: "任城区", value: 6200, note: "新增托位已验收", by: "张三"}\n'
    )
    assert format_record(Record(D, 7, "new_places", "任城区", Decimal("6000"), action="correct", reason="重复统计")) == (
        '- {date: 2023-06-30, target: new_places, county: "任城区", value: 6000, action: correct, reason: "重复统计"}\n'
    )
    assert format_record(Record(D, 7, "new_places", "任城区", action="void", reason="误报")) == (
        '- {date: 2023-06-30, target: new_places, county: "任城区", action: void, reason: "误报"}\n'
    )
    assert format_record(Record(D, 7, note="项目整体推进顺利", by="张三")) == '- {date: 2023-06-30, note: "项目整体推进顺利", by: "张三"}\n'


@pytest.mark.parametrize("value, written", [
    (Decimal("6200"), "6200"), (Decimal("6.2E+3"), "6200"), (Decimal("4.350"), "4.35"), (Decimal("0.000001"), "0.000001"),
    (Decimal("12000.0"), "12000"), (Decimal("-0.0"), "0"), (Decimal("999999999999999.5"), "999999999999999.5"),
])
def test_numbers_are_bare_normalised_decimals(value, written):
    line = format_record(Record(D, 1, "t", None, value))
    assert f"value: {written}}}" in line
    assert parse_progress_text(line, "p", 1)[0].value == value


@pytest.mark.parametrize("written", ["1000000000000000", "1e400", "0.0000001", "123456789012345678901234567890.5"])
def test_numbers_out_of_range_are_refused_by_both_readers(written):
    line = f"- {{date: 2023-06-30, target: t, value: {written}}}\n"
    with pytest.raises(ProgressFormatError, match="超出可记录的范围"):
        parse_progress_text(line, "p", 1)


def test_a_target_id_yaml_would_not_read_as_text_is_quoted():
    assert 'target: "null"' in format_record(Record(D, 1, "null", None, Decimal(1)))
    assert 'target: "新增托位"' in format_record(Record(D, 1, "新增托位", None, Decimal(1)))


def test_characters_yaml_reads_differently_from_json_are_escaped():
    line = format_record(Record(D, 1, note="a\x85b\u2028c\ufeffd\x7f"))
    assert line == '- {date: 2023-06-30, note: "a\\u0085b\\u2028c\\ufeffd\\u007f"}\n'
    fast, slow, was_fast = both(line)
    assert was_fast and fast == slow and fast[0].note == "a\x85b\u2028c\ufeffd\x7f"


@given(st.text(max_size=40))
def test_any_text_is_quoted_as_a_json_literal_that_yaml_reads_back(text):
    """`quote` skips json.dumps's per-call encoder: what it writes is still json.dumps's literal
    (with only the characters YAML reads differently escaped), and YAML reads back the same text."""
    import json
    import re

    from ruamel.yaml import YAML

    from minsheng_cli.ledger.progress_write import _YAML_UNSAFE, quote

    literal = quote(text)
    assert literal == _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))
    assert json.loads(literal) == text
    if not re.search("[\ud800-\udfff]", text):  # a lone surrogate cannot be YAML text at all
        assert YAML(typ="safe").load(literal) == text


def test_record_path_is_month_of_the_date_and_two_digit_project(tmp_path):
    assert record_path(tmp_path, Record(D, 7, note="x")) == tmp_path / "progress" / "2023-06" / "07.yaml"
    assert record_path(tmp_path, Record(dt.date(2023, 12, 1), 23, note="x")) == tmp_path / "progress" / "2023-12" / "23.yaml"
    assert file_header(7, D) == "# 项目 7 · 2023年6月 进度记录（minsheng 追加写入，可手工编辑；每行一条记录）\n"


# --- fast reader == YAML, generated -----------------------------------------------------------------------
TRICKY = ['"', "\\", ":", ": ", "#", " #", "\n", "\r", "\t", "😀", " ", "{", "}", ",", "'", "\\u", "\x00", "\x85", "\u2028", "万", "任城区"]
texts = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.lists(st.sampled_from(TRICKY), max_size=6).map("".join),
    st.sampled_from(["", " leading", "trailing ", "null", "true", "6200", "2023-06-30", "- {date: 2023-06-30}"]),
)
# the range a ledger holds (progress.value_in_range): under 10^15, at most 6 decimals
decimals = st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**12, max_value=10**15 - 1, places=6)
target_ids = st.one_of(st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True), texts)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@st.composite
def records(draw, project: int = 7) -> Record:
    day = draw(dates)
    optional = lambda strategy: draw(st.one_of(st.none(), strategy))  # noqa: E731
    note, problem, nxt, by = optional(texts), optional(texts), optional(texts), optional(texts)
    if draw(st.booleans()):  # a project-level narrative
        if note is None and problem is None and nxt is None:
            note = draw(texts)
        return Record(day, project, None, None, None, note, problem, nxt, by)
    action = draw(st.sampled_from([None, None, "correct", "void"]))
    value = None if action == "void" else optional(st.one_of(decimals, texts))
    reason = optional(texts)
    return Record(day, project, draw(target_ids), optional(texts), value, note, problem, nxt, by, action, reason)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records(), max_size=8), st.sampled_from(["", "# header\n", "# header\n# 示例数据\n\n"]))
def test_fast_reader_and_yaml_loader_read_generated_files_identically(generated, header):
    text = header + "".join(format_record(r) for r in generated)
    fast, slow, was_fast = both(text)
    assert was_fast
    assert fast == slow == generated
    assert [r.line for r in fast] == [r.line for r in slow]
    assert [r.line for r in fast] == [len(header.split("\n")) + i for i in range(len(generated))]


@settings(max_examples=150, deadline=None)
@given(st.lists(records(), min_size=1, max_size=5), st.integers(min_value=0, max_value=4))
def test_a_trailing_comment_keeps_the_fast_path_and_it_still_agrees(generated, which):
    lines = [format_record(r) for r in generated]
    index = which % len(lines)
    lines[index] = lines[index].rstrip("\n") + "  # 手工备注 {a: b} \"x\"\n"  # a comment at the end of a line
    fast, slow, was_fast = both("".join(lines))
    assert was_fast
    assert fast == slow == generated
    assert [r.line for r in fast] == [r.line for r in slow] == list(range(1, len(generated) + 1))


# A person's edits that keep each record on its own line, and those that do not.
ONE_LINE_EDITS = {
    "none": lambda line: line,
    "trailing comment": lambda line: line + "   #已核对",
    "spaces inside the braces": lambda line: "- { " + line[len("- {"):-1] + " }",
    "comment after spaces inside": lambda line: "- { " + line[len("- {"):-1] + " }  # 改过",
}
SPREAD_EDITS = {  # the record no longer fits one line: the file goes to YAML
    "flow mapping over two lines": lambda line: line[:-1] + ",\n  }",
    "comment line between": lambda line: line + "\n  # 缩进的注释",
}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(records(), st.sampled_from(sorted(ONE_LINE_EDITS))), min_size=1, max_size=6),
       st.sampled_from(["", "# header\n"]))
def test_lines_edited_one_by_one_are_read_alone_and_agree_with_yaml(edited, header):
    text = header + "".join(ONE_LINE_EDITS[edit](format_record(record).rstrip("\n")) + "\n" for record, edit in edited)
    fast, slow, was_fast = both(text)
    assert was_fast  # no line sent the whole file to YAML
    assert fast == slow == [record for record, _ in edited]
    assert [r.line for r in fast] == [r.line for r in slow]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records(), min_size=1, max_size=5), st.integers(min_value=0, max_value=4), st.sampled_from(sorted(SPREAD_EDITS)))
def test_a_record_spread_over_lines_sends_the_file_to_yaml_and_it_still_agrees(generated, which, edit):
    lines = [format_record(r).rstrip("\n") for r in generated]
    index = which % len(lines)
    lines[index] = SPREAD_EDITS[edit](lines[index])
    text = "".join(line + "\n" for line in lines)
    fast, slow, was_fast = both(text)
    assert fast == slow == generated
    assert [r.line for r in fast] == [r.line for r in slow]


def test_a_line_that_is_not_a_record_alone_is_reported_as_yaml_reports_it():
    text = MACHINE + "- {date: 2023-06-30, target: new_places, value: 1}} # 多了一个括号\n"
    with pytest.raises(ProgressFormatError) as fast_error:
        parse_progress_text(text, "p.yaml", 7)
    with pytest.raises(ProgressFormatError) as yaml_error:
        parse_progress_yaml(text, "p.yaml", 7)
    assert (fast_error.value.line, fast_error.value.code) == (yaml_error.value.line, yaml_error.value.code)


def test_a_document_marker_line_is_not_read_alone():
    text = "---\n" + MACHINE
    fast, slow, was_fast = both(text)
    assert not was_fast and fast == slow


# --- hand-edited files take the fallback and agree ---------------------------------------------------------
EXPECTED = [
    Record(D, 7, "new_places", "任城区", Decimal("6200"), note="新增托位: 已验收 # 非注释", by="张三"),
    Record(D, 7, "places_per_1000", None, Decimal("4.35")),
    Record(D, 7, None, None, None, note="项目整体推进顺利"),
]
MACHINE = "# 项目 7 · 2023年6月 进度记录\n" + "".join(format_record(r) for r in EXPECTED)
HAND_EDITED = {
    "block style": """# 项目 7
- date: 2023-06-30
  target: new_places
  county: 任城区
  value: 6200
  note: '新增托位: 已验收 # 非注释'
  by: 张三
- {date: 2023-06-30, target: places_per_1000, value: 4.350}
-
  date: 2023-06-30
  note: 项目整体推进顺利
""",
    "comments and other key order": """- {target: new_places, date: 2023-06-30, value: 6200, county: "任城区", note: "新增托位: 已验收 # 非注释", by: "张三"}  # 已核对
# 下一条是千人口托位数
- {date: 2023-06-30, target: places_per_1000, value: 4.35}
- {date: 2023-06-30, note: "项目整体推进\\x顺利"}
""".replace("\\x", ""),
    "yaml escapes": """- {date: 2023-06-30, target: new_places, county: "\\u4efb城区", value: 6_200, note: "新增托位: 已验收 # 非注释", by: "\\u5f20三"}
- {date: 2023-06-30, target: places_per_1000, value: 4.35, note: null}
- {date: 2023-06-30, note: "项目整体\\
    推进顺利"}
""",
}


@pytest.mark.parametrize("name", sorted(HAND_EDITED))
def test_hand_edited_files_are_read_by_yaml_with_the_same_records(name):
    fast, slow, was_fast = both(HAND_EDITED[name])
    # lines in another key order or with comments are read one by one; a record over several lines sends the file to YAML
    assert was_fast == (name == "comments and other key order")
    assert fast == slow == EXPECTED


def test_crlf_and_bom_files_read_the_same_after_decoding():
    raw = ("\ufeff" + MACHINE.replace("\n", "\r\n")).encode("utf-8")
    fast, slow, was_fast = both(decode(raw, "p.yaml"))
    assert was_fast and fast == slow == EXPECTED


def test_machine_file_takes_the_fast_path_with_line_numbers():
    fast, slow, was_fast = both(MACHINE)
    assert was_fast and fast == slow == EXPECTED
    assert [r.line for r in fast] == [2, 3, 4] == [r.line for r in slow]


def test_block_record_line_is_its_first_key_line_in_yaml():
    records = parse_progress_text(HAND_EDITED["block style"], "p", 7)
    assert [r.line for r in records] == [2, 8, 10]


# --- shape errors ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, line, column, code, words", [
    ("- {date: 2023-06-30, target: a, value: 1, colour: red}\n", 1, 43, "bad-record", "未知字段「colour」"),
    ("- {target: a, value: 1}\n", 1, 3, "bad-record", "缺少日期"),
    ("- {date: 2023-06-31, target: a, value: 1}\n", 1, 10, "bad-record", "date"),
    ('- {date: "2023-06-30", target: a, value: 1}\n', 1, 10, "bad-record", "日期"),
    ("- {date: 2023-06-30, target: a, value: [1, 2]}\n", 1, 40, "bad-record", "value"),
    ("- {date: 2023-06-30, target: 5, value: 1}\n", 1, 30, "bad-record", "target"),
    ("- {date: 2023-06-30, target: a, value: true}\n", 1, 40, "bad-record", "value"),
    ("- {date: 2023-06-30, target: a, value: .inf}\n", 1, 40, "bad-record", "value"),
    ("- {date: 2023-06-30, value: 1}\n", 1, 29, "bad-record", "target"),
    ("- {date: 2023-06-30, by: 张三}\n", 1, 10, "bad-record", "没有内容"),
    ("- {date: 2023-06-30, target: a, action: delete}\n", 1, 41, "bad-record", "action"),
    ("- {date: 2023-06-30, target: a, target: b}\n", 1, 33, "duplicate-key", "target"),
    ("date: 2023-06-30\n", 1, 1, "bad-record", "记录列表"),
    ("- [2023-06-30]\n", 1, 3, "bad-record", "映射"),
    ("- {date: 2023-06-30, note: !!python/object:os.system x}\n", 1, 28, "yaml-tag", "标签"),
    ("- {date: 2023-06-30, note: \"a}\n", 1, 28, "yaml-syntax", "YAML"),
    ("- {date: 2023-06-30, note: a}\n<<<<<<< HEAD\n- {date: 2023-06-30, note: b}\n=======\n>>>>>>> x\n", 2, 1, "merge-conflict", "合并冲突"),
])
def test_malformed_records_are_reported_with_position_and_code(text, line, column, code, words):
    with pytest.raises(ProgressFormatError) as caught:
        parse_progress_text(text, "progress/2023-06/07.yaml", 7)
    err = caught.value
    assert (err.line, err.column, err.code) == (line, column, code)
    assert words in err.detail
    assert err.message.startswith(f"progress/2023-06/07.yaml:{line}:{column}: ")


def test_every_shape_error_of_a_file_is_collected_for_check():
    text = "- {date: 2023-06-30, colour: red}\n- {date: 2023-06-30, note: ok}\n- {value: 1}\n"
    parsed = parse_progress_detailed(text, "p", 7)
    assert [e.line for e in parsed.errors] == [1, 3]
    assert [r.note for r in parsed.records] == ["ok"]


# --- reading a ledger ---------------------------------------------------------------------------------------
def write(root: Path, relative: str, records: list[Record], extra: str = "") -> None:
    path = root / "progress" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# h\n" + "".join(format_record(r) for r in records) + extra, encoding="utf-8")


def test_read_progress_returns_records_in_written_order_with_filters(tmp_path):
    june_7 = [Record(D, 7, note="b"), Record(dt.date(2023, 6, 1), 7, note="a")]
    june_12 = [Record(D, 12, note="c")]
    july_7 = [Record(dt.date(2023, 7, 3), 7, note="d")]
    write(tmp_path, "2023-07/07.yaml", july_7)
    write(tmp_path, "2023-06/12.yaml", june_12)
    write(tmp_path, "2023-06/07.yaml", june_7)
    write(tmp_path, "2023-06/99.yaml", [Record(D, 99, note="unknown project")])
    (tmp_path / "progress" / "2023-06" / ".07.yaml.123.tmp").write_text("- {broken", encoding="utf-8")
    (tmp_path / "progress" / "2023-06" / "7.yaml").write_text("- {broken", encoding="utf-8")
    (tmp_path / "progress" / "notes").mkdir()

    class Plan:
        projects = [type("P", (), {"id": i})() for i in range(1, 31)]

    assert [r.note for r in read_progress(tmp_path, Plan())] == ["b", "a", "c", "d"]
    assert [r.note for r in read_progress(tmp_path)] == ["b", "a", "c", "unknown project", "d"]
    assert [r.note for r in read_progress(tmp_path, Plan(), projects={7})] == ["b", "a", "d"]
    assert [r.note for r in read_progress(tmp_path, Plan(), until=dt.date(2023, 6, 15))] == ["b", "a", "c"]
    first = read_progress(tmp_path, Plan())[0]
    assert (Path(first.path), first.line, first.project) == (tmp_path / "progress" / "2023-06" / "07.yaml", 2, 7)


def test_read_progress_of_a_ledger_without_progress_is_empty(tmp_path):
    assert read_progress(tmp_path) == []


def test_read_progress_reports_a_broken_file_with_its_position(tmp_path):
    write(tmp_path, "2023-06/07.yaml", [Record(D, 7, note="ok")], extra="- {date: 2023-06-30, note: \"oops}\n")
    with pytest.raises(ProgressFormatError) as caught:
        read_progress(tmp_path)
    assert "07.yaml:3:28: YAML" in caught.value.message


def test_read_progress_refuses_other_encodings(tmp_path):
    path = tmp_path / "progress" / "2023-06" / "07.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes('- {date: 2023-06-30, note: "进展"}\n'.encode("gbk"))
    from minsheng_cli.errors import LedgerError

    with pytest.raises(LedgerError, match="UTF-8"):
        read_progress(tmp_path)


# --- reading only some targets (an update reads its own target's records, PRODUCT.md §5) -------------
def _kept(records: list[Record], targets: frozenset) -> list[tuple]:
    return [(record, record.line) for record in records if record.target in targets]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(records(), st.sampled_from(sorted(ONE_LINE_EDITS))), min_size=1, max_size=8),
       st.sampled_from(sorted(SPREAD_EDITS) + [None]), st.integers(min_value=0, max_value=7),
       st.sets(st.one_of(st.none(), target_ids), max_size=3))
def test_reading_some_targets_gives_exactly_their_records_of_the_whole_read(edited, spread, which, wanted):
    """On machine-written lines, lines a person edited one by one and files only YAML reads: the
    records of the wanted targets (None: the project's narratives), with their lines, and no other."""
    lines = [ONE_LINE_EDITS[edit](format_record(record).rstrip("\n")) for record, edit in edited]
    if spread is not None:
        lines[which % len(lines)] = SPREAD_EDITS[spread](lines[which % len(lines)])
    text = "".join(line + "\n" for line in lines)
    wanted |= {edited[which % len(edited)][0].target}
    try:
        whole = parse_progress_text(text, "f.yaml", 7)
    except LedgerError as refused:  # two edits together that YAML cannot read: refused either way
        with pytest.raises(LedgerError) as also:
            parse_progress_text(text, "f.yaml", 7, frozenset(wanted))
        assert also.value.message == refused.message
        return
    some = parse_progress_text(text, "f.yaml", 7, frozenset(wanted))
    assert [(record, record.line) for record in some] == _kept(whole, frozenset(wanted))


@pytest.mark.parametrize("bad", [
    "- {date: 2023-02-30, target: other, value: 5}",  # not a date: the fast shape, but no record
    "- {date: 2023-06-30, target: other, value: 5, colour: red}",
    "- {date: 2023-06-30, county: \"任城区\", value: 5}",  # a county and a value without target
    "- {date: 2023-06-30, target: other, value: 5",
])
def test_a_broken_line_of_another_target_still_refuses_the_file(bad):
    text = format_record(Record(D, 7, "mine", None, Decimal(1))) + bad + "\n"
    with pytest.raises(LedgerError) as whole:
        parse_progress_text(text, "f.yaml", 7)
    with pytest.raises(LedgerError) as some:
        parse_progress_text(text, "f.yaml", 7, frozenset({"mine", None}))
    assert some.value.message == whole.value.message
