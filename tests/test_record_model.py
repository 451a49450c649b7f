"""One model of a progress line: the readers accept exactly what it accepts, every field list is
its field list, and nothing it refuses is ever written (issue 16 point 4)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE
from minsheng_cli.ledger import progress_fast
from minsheng_cli.ledger.model import Record
from minsheng_cli.ledger.progress_file import parse_progress_detailed, parse_progress_text, parse_progress_yaml
from minsheng_cli.ledger.progress_yaml import ProgressFormatError
from minsheng_cli.ledger.progress_write import format_record, quote
from minsheng_cli.ledger.progress_yaml import decimal_constructor
from minsheng_cli.ledger.record_fields import RECORD_FIELDS, record_json
from minsheng_cli.ledger.record_model import ProgressRecord, RecordInvalid, WrittenRecord, line_errors
from minsheng_cli.ledger.store import append_records

D = dt.date(2023, 6, 30)


# --- the field list is declared once ------------------------------------------------------------------
def test_the_model_the_record_and_the_field_list_name_the_same_fields():
    assert tuple(ProgressRecord.model_fields) == RECORD_FIELDS
    in_memory = [f.name for f in dataclasses.fields(Record)]
    assert set(in_memory) == set(RECORD_FIELDS) | {"project", "path", "line"}


def test_the_fast_reader_reads_the_fields_in_the_written_order():
    groups = progress_fast._LINE.pattern.split("(?:, ")
    assert groups[0].startswith("^(?:- \\{date: ")
    assert tuple(["date"] + [group.split(":", 1)[0] for group in groups[1:]]) == RECORD_FIELDS


def test_record_json_is_every_line_field_in_written_order():
    record = Record(D, 7, "new_places", "任城区", Decimal(6200), note="验收", by="张三", path="p", line=3)
    assert list(record_json(record)) == list(RECORD_FIELDS)
    assert record_json(record)["value"] == Decimal(6200) and record_json(record)["action"] is None


# --- readers == model, on generated lines ---------------------------------------------------------------
def _raw_json(text: str) -> str:
    """A JSON literal as json.dumps writes it: C1 controls, LS/PS, BOM left raw (YAML refuses some)."""
    return json.dumps(text, ensure_ascii=False)


texts = st.one_of(st.sampled_from(["", "任城区", "a: b, c", "#", "null", "6200"]), st.text(max_size=6))
RAW = [_raw_json("a\x85b"), _raw_json("a\x7fb"), _raw_json("\u2028"), '"a\tb"', '"a\\qb"']  # some YAML refuses, some it reads
ids = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
# Each field: (its written forms — what the fast reader reads —, other forms YAML reads, wrong forms).
TEXT_FORMS = (texts.map(quote), st.sampled_from(["plain text", "'single'", *RAW]), st.sampled_from(["5", "null", "[x]", "{a: 1}"]))
FIELD_FORMS = {
    "date": (
        st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)).map(dt.date.isoformat),
        st.just("2023-6-30"),
        st.sampled_from(['"2023-06-30"', "2023-02-30", "2023-06-30 10:00:00", "null", "20230630"]),
    ),
    "target": (st.one_of(ids, texts.map(quote)), st.sampled_from(["新增托位", *RAW]), st.sampled_from(["5", "true", "null", "[a]"])),
    "county": (texts.map(quote), st.sampled_from(["任城区", *RAW]), st.sampled_from(["5", "null", "{a: 1}"])),
    "value": (
        st.one_of(
            st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**6, max_value=10**15 - 1, places=3).map(lambda d: format(d, "f")),
            texts.map(quote),
        ),
        st.sampled_from(["6_200", "4.350", "1e3", "0x1F", "-0", "done", "1.5E+2"]),
        st.sampled_from(["1000000000000000", "0.0000001", "true", ".inf", ".nan", "[1, 2]", "null"]),
    ),
    "action": (st.sampled_from(["correct", "void"]), st.just('"void"'), st.sampled_from(["delete", "null", "1"])),
    **{name: TEXT_FORMS for name in ("reason", "note", "problem", "next", "by")},
    "received": (
        st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)).map(dt.date.isoformat),
        st.just("2023-7-3"),
        st.sampled_from(['"2023-07-03"', "2023-02-30", "2023-07-03 10:00:00", "null", "yes"]),
    ),
}


USUALLY_THERE = {"date": 0.95, "target": 0.8, "received": 0.2}


def _sometimes(share: float) -> st.SearchStrategy[bool]:
    """True in about `share` of the draws (hypothesis favours the bounds of an integer range)."""
    twentieths = round(share * 20)
    return st.sampled_from([False] * (20 - twentieths) + [True] * twentieths)


@st.composite
def lines(draw) -> str:
    """One record line: some fields (date and target usually), each mostly in its written form,
    sometimes in another or a wrong one, mostly in the written order (so the fast reader sees it),
    sometimes shuffled or with an unknown key."""
    chosen = [name for name in RECORD_FIELDS if draw(_sometimes(USUALLY_THERE.get(name, 0.5)))]
    pairs = []
    for name in chosen:
        written, other, wrong = FIELD_FORMS[name]
        pairs.append((name, draw(draw(st.sampled_from([written] * 16 + [other] * 2 + [wrong] * 2)))))
    if draw(_sometimes(0.1)):
        pairs = draw(st.permutations(pairs))
    if draw(_sometimes(0.05)):
        pairs.append(("colour", "red"))
    return "- {" + ", ".join(f"{name}: {value}" for name, value in pairs) + "}\n"


def model_verdict(text: str):
    """(accepted, the model's fields) for a file's single line, as YAML reads it."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = decimal_constructor()
    try:
        data = yaml.load(text)
    except (YAMLError, ValueError):
        return False, None
    if not isinstance(data, list) or len(data) != 1 or not isinstance(data[0], dict):
        return False, None
    if line_errors(data[0]):
        return False, None
    return True, ProgressRecord.model_validate(data[0])


def reader_verdict(read, text: str):
    try:
        return True, read(text, "p.yaml", 7)
    except ProgressFormatError:
        return False, None


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines())
def test_the_readers_accept_exactly_what_the_model_accepts(line):
    accepted, model = model_verdict(line)
    read, records = reader_verdict(parse_progress_text, line)
    yaml_read, yaml_records = reader_verdict(parse_progress_yaml, line)
    fast = read and parse_progress_detailed(line, "p.yaml", 7).fast
    event("fast reader" if fast else "YAML fallback")
    event("accepted" if accepted else "refused")
    assert read == yaml_read == accepted, line
    if accepted:
        assert records == yaml_records
        assert record_json(records[0]) == model.model_dump(), line


@settings(max_examples=300, deadline=None)
@given(lines())
def test_the_fast_reader_alone_never_accepts_what_the_model_refuses(line):
    try:
        records = progress_fast.parse_fast(line, "p.yaml", 7)
    except progress_fast.NotFast:
        return
    accepted, model = model_verdict(line)
    assert accepted, line
    assert record_json(records[0]) == model.model_dump()


@pytest.mark.parametrize("line", [
    "- {date: 2023-06-30, target: new_places, value: 6200}\n",
    '- {date: 2023-06-30, target: new_places, county: "任城区", value: 6200, note: "验收", by: "张三"}\n',
    '- {date: 2023-06-30, note: "项目整体推进"}\n',
    "- {date: 2023-06-30, target: new_places, value: -5}\n",  # readable: `check` says why (bad-value)
    "- {date: 2023-06-30, target: new_places, value: 5, action: correct}\n",  # readable: check's missing-reason
])
def test_lines_the_readers_take_the_model_takes(line):
    assert model_verdict(line)[0] and reader_verdict(parse_progress_text, line)[0]


@pytest.mark.parametrize("line", [
    "- {date: 2023-06-30, value: 5}\n",
    "- {date: 2023-06-30, by: \"张三\"}\n",
    "- {date: 2023-06-30, target: a, value: 1000000000000000}\n",
    "- {date: 2023-06-30, target: a, value: true}\n",
    '- {date: "2023-06-30", target: a, value: 1}\n',
    "- {date: 2023-06-30, target: a, action: delete}\n",
    "- {date: 2023-06-30, target: a, colour: red}\n",
])
def test_lines_the_readers_refuse_the_model_refuses(line):
    assert not model_verdict(line)[0] and not reader_verdict(parse_progress_text, line)[0]


# --- what is written ---------------------------------------------------------------------------------
def test_written_records_also_have_none_of_the_faults_check_finds_in_a_line():
    ok = {"date": D, "target": "new_places", "value": Decimal(5)}
    assert line_errors(ok, WrittenRecord) == []
    assert line_errors({**ok, "action": "correct", "reason": "复核"}, WrittenRecord) == []
    assert line_errors({**ok, "value": Decimal(-5)}, WrittenRecord)
    assert line_errors({**ok, "value": ""}, WrittenRecord)
    assert line_errors({**ok, "target": ""}, WrittenRecord)
    assert line_errors({**ok, "county": ""}, WrittenRecord)
    assert line_errors({**ok, "action": "void"}, WrittenRecord)
    assert line_errors({**ok, "action": "void", "reason": ""}, WrittenRecord)
    assert line_errors({"date": D, "target": "a", "action": "correct", "reason": "x"}, WrittenRecord)
    for refused in ({**ok, "value": Decimal(-5)}, {**ok, "action": "void"}):
        assert line_errors(refused) == []  # a file may hold them; `check` reports them


@pytest.mark.parametrize("record", [
    Record(D, 1, "new_places", None, Decimal(-5)),
    Record(D, 1, "new_places", None, Decimal(5), action="correct"),
    Record(D, 1, "new_places", None, Decimal("1E+15")),
    Record(D, 1, None, "任城区", Decimal(5)),
    Record(D, 1000, note="项目 1000 的文件名读不回项目 1000"),
])
def test_append_refuses_an_invalid_record_before_touching_any_file(plan_ledger, record):
    good = Record(D, 2, note="这一条本身没有问题")
    before = sorted(p.relative_to(plan_ledger) for p in plan_ledger.rglob("*"))
    with pytest.raises(RecordInvalid, match="拒绝写入"):
        append_records(plan_ledger, [good, record])
    assert sorted(p.relative_to(plan_ledger) for p in plan_ledger.rglob("*")) == before


# One target of each kind in the shipped plan: (project, target, county it needs, a value it takes).
TARGETS = [(1, "new_places", None, Decimal(5)), (1, "total_places", None, Decimal(30000)), (1, "fee_cut", None, "done"),
           (3, "branch_centers", "任城区", Decimal(1)), (4, "follow_up", None, "正常")]
FAULTS = {
    "negative figure": {"value": Decimal(-5)},
    "empty value": {"value": ""},
    "empty target": {"target": ""},
    "empty county": {"county": ""},
    "void without reason": {"action": "void"},
    "correct with an empty reason": {"action": "correct", "reason": ""},
    "correct without value": {"action": "correct", "reason": "复核", "value": None},
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("project, target, county, value", TARGETS, ids=[t[1] for t in TARGETS])
def test_what_the_written_model_refuses_check_refuses_whatever_the_target(plan_ledger, fault, project, target, county, value):
    """The faults WrittenRecord knows are those `check` finds in a line on its own: not one more."""
    from minsheng_cli.checks.progress import check_progress
    from minsheng_cli.ledger.plan import load_plan

    record = dataclasses.replace(Record(D, project, target, county, value), **FAULTS[fault])
    assert line_errors(record_json(record), WrittenRecord) and not line_errors(record_json(record))
    sound = Record(D, project, target, county, value)
    assert line_errors(record_json(sound), WrittenRecord) == []
    path = plan_ledger / "progress" / "2023-06" / f"{project:02d}.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(format_record(sound), encoding="utf-8")
    assert check_progress(load_plan(plan_ledger), plan_ledger, today=dt.date(2023, 8, 1))[0] == []
    path.write_text(format_record(record), encoding="utf-8")
    assert check_progress(load_plan(plan_ledger), plan_ledger, today=dt.date(2023, 8, 1))[0], fault


sound_texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8)


@st.composite
def sound_records(draw) -> Record:
    day = draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
    optional = lambda strategy: draw(st.one_of(st.none(), strategy))  # noqa: E731
    note, problem, nxt, by = (optional(sound_texts) for _ in range(4))
    if draw(st.booleans()):
        return Record(day, 7, note=note if (note or problem or nxt) else "进展", problem=problem, next=nxt, by=by)
    action = draw(st.sampled_from([None, "correct", "void"]))
    value = draw(st.one_of(st.decimals(min_value=0, max_value=10**15 - 1, places=6, allow_nan=False), sound_texts))
    value = None if action == "void" and draw(st.booleans()) else value
    reason = draw(sound_texts) if action else optional(sound_texts)
    return Record(day, 7, draw(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)), optional(sound_texts), value, note, problem, nxt, by, action, reason)


@settings(max_examples=200, deadline=None)
@given(sound_records())
def test_what_the_model_lets_us_write_reads_back_the_same(record):
    assert line_errors(record_json(record), WrittenRecord) == []
    line = format_record(record)
    assert parse_progress_text(line, "p.yaml", 7) == [record]


# --- the model stays off the reading path ----------------------------------------------------------
def test_reading_and_checking_a_ledger_never_import_pydantic():
    probe = (
        "import sys\n"
        "from minsheng_cli.ledger.progress_file import read_progress\n"
        f"records = read_progress({str(EXAMPLE)!r})\n"
        "assert records\n"
        "print('pydantic' in sys.modules, 'minsheng_cli.ledger.record_model' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]
