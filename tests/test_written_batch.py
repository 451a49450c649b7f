"""What the write path's speed-ups must not change: the check on every written record, done
without pydantic (ledger/written.py), refuses exactly the records the progress-line model
(`record_model.WrittenRecord`) refuses, and names the same first one; a line's figure is written
as `format_number` writes it; `recording.Memo` gives `prepare`'s verdicts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minsheng_cli.errors import MinshengError
from minsheng_cli.ledger import layout, recording
from minsheng_cli.ledger.model import Record
from minsheng_cli.ledger.numbers import format_number, value_in_range, normal_decimal
from minsheng_cli.ledger.plan import load_plan
from minsheng_cli.ledger.progress_write import format_record
from minsheng_cli.ledger.record_fields import record_json
from minsheng_cli.ledger.record_model import WrittenRecord, line_errors
from minsheng_cli.ledger.store import append_records
from minsheng_cli.ledger.written import RecordInvalid, first_unsound, unsound_reasons

D, EARLIER = dt.date(2023, 6, 30), dt.date(2023, 6, 29)
SOUND = [Record(D, 2, note="这一条本身没有问题"), Record(D, 1, "new_places", "任城区", Decimal(5), by="张三", received=D)]
UNSOUND = [
    Record(D, 1, "new_places", None, Decimal(-5)),
    Record(D, 1, "new_places", None, Decimal(5), action="correct"),
    Record(D, 1, "new_places", None, Decimal("1E+15")),
    Record(D, 1, "new_places", None, Decimal("0.0000001")),
    Record(D, 1, None, "任城区", Decimal(5)),
    Record(D, 1, None, None, None, action="void", reason="x"),
    Record(D, 1000, note="项目 1000 的文件名读不回项目 1000"),
    Record(D, 1000, "", None, Decimal(-1)),
    Record(D, 1, "", "", ""),
    Record(D, 1),
    Record(D, 1, "new_places", None, 5.5),  # a float: no figure a ledger holds
    Record(D, 1, "new_places", None, Decimal(5), action="delete", reason="x"),
    Record(D, 1, "new_places", None, Decimal("NaN")),
    Record(D, 1, "new_places", None, Decimal("sNaN")),
    Record(D, 1, "new_places", None, Decimal("-Infinity")),
    Record(D, 1, "new_places", None, -5),  # an int: a figure, and negative
    Record(D, 1, "new_places", None, True),
    Record(D, 1, "new_places", None, ""),
    Record(D, 1, "new_places", "", Decimal(1)),
    Record(D, 1, "new_places", None, Decimal(1), action="void"),
]


def model_refuses(record: Record) -> bool:
    """The model's verdict on the record's line, with the file-name rule beside it."""
    return bool(line_errors(record_json(record), WrittenRecord)) or not layout.holds_project(record.project)


def first_by_the_model(records: list[Record]):
    return next((index for index, record in enumerate(records) if model_refuses(record)), None)


@pytest.mark.parametrize("bad", UNSOUND)
@pytest.mark.parametrize("before", [0, 1, 2, 301])
def test_the_check_names_the_first_record_the_model_refuses(bad, before):
    for records in ([*SOUND * (before // 2), bad, *SOUND], [*SOUND * (before // 2), bad, UNSOUND[0]], [bad, UNSOUND[6]],
                    [*SOUND, UNSOUND[0], bad]):
        expected = first_by_the_model(records)
        assert expected is not None
        assert first_unsound(records)[0] == expected
        assert first_unsound(records, read_back=False) in (None, (expected, first_unsound(records)[1]))


@pytest.mark.parametrize("record", [*UNSOUND, *SOUND])
def test_the_quick_pass_before_writing_lets_through_no_record_the_full_rules_refuse(record):
    assert (first_unsound([record], read_back=False) is not None) == bool(unsound_reasons(record, read_back=False))


def test_sound_records_pass():
    assert first_unsound(SOUND * 300) is None and first_unsound([]) is None
    assert first_by_the_model(SOUND * 300) is None


@pytest.mark.parametrize("bad", UNSOUND)
def test_append_names_the_unsound_record_and_touches_nothing(plan_ledger, bad):
    """The store checks faults up front and lines at its read-back: either way the record named is
    the first unsound one of the batch, and no file changes."""
    bad = dataclasses.replace(bad, date=EARLIER)
    faulty_later = Record(D, 1, "new_places", None, Decimal(-7))  # a fault, after a line that may not read back
    before = {p.relative_to(plan_ledger): p.read_bytes() for p in plan_ledger.rglob("*") if p.is_file()}
    for batch in ([*SOUND, bad], [bad, *SOUND], [*SOUND, bad, faulty_later]):
        with pytest.raises(RecordInvalid, match="拒绝写入") as raised:
            append_records(plan_ledger, batch)
        assert str(EARLIER) in str(raised.value) and f"项目 {bad.project}" in str(raised.value)
        assert {p.relative_to(plan_ledger): p.read_bytes() for p in plan_ledger.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("date", [None, "2023-06-30", dt.datetime(2023, 6, 30, 12, 0)])
def test_a_record_without_a_real_date_is_refused_before_anything(plan_ledger, date):
    before = {p.relative_to(plan_ledger): p.read_bytes() for p in plan_ledger.rglob("*") if p.is_file()}
    with pytest.raises(RecordInvalid, match="拒绝写入"):
        append_records(plan_ledger, [*SOUND, Record(date, 1, "new_places", None, Decimal(1))])
    assert {p.relative_to(plan_ledger): p.read_bytes() for p in plan_ledger.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("spoil", ["broken", "read-only"])
def test_an_unsound_record_is_named_even_when_its_file_cannot_take_lines(plan_ledger, spoil):
    """Our own bug is said first, not the file's problem the user would fix in vain; a sound record
    meets the file's problem as before."""
    import os

    path = plan_ledger / "progress" / "2023-06" / "01.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(format_record(SOUND[1]) + ("- {date: 2023-02-30, target: new_places, value: 1}\n" if spoil == "broken" else ""),
                    encoding="utf-8")
    if spoil == "read-only":
        os.chmod(path, 0o444)
    before = path.read_bytes()
    with pytest.raises(RecordInvalid):
        append_records(plan_ledger, [Record(D, 1, "new_places", None, Decimal(5)), Record(D, 1, "new_places", None, Decimal("1E+15"))])
    with pytest.raises(MinshengError) as sound:
        append_records(plan_ledger, [Record(D, 1, "new_places", None, Decimal(5))])
    assert not isinstance(sound.value, RecordInvalid)
    assert path.read_bytes() == before


def test_a_refused_write_leaves_no_folder_it_made(plan_ledger):
    import shutil

    shutil.rmtree(plan_ledger / "progress")
    with pytest.raises(RecordInvalid):
        append_records(plan_ledger, [Record(D, 2, note="好"), Record(D, 1, "new_places", None, Decimal("1E+15"))])
    assert list((plan_ledger / "progress").iterdir()) == []  # progress/ itself is the lock's (made to hold it)


texts = st.none() | st.sampled_from(["", " ", "任城区", "new_places", "done", "a\x00b", "\u2028", "#", '"', "x: y"]) | st.text(max_size=6)
figures = st.decimals(allow_nan=False, allow_infinity=False) | st.sampled_from([Decimal(0), Decimal(-1), Decimal("1E+15"), Decimal("1.0000001")])


@settings(max_examples=600, deadline=None)
@given(st.builds(Record, st.dates(dt.date(1999, 1, 1), dt.date(2100, 12, 31)), st.sampled_from([1, 2, 30, 99, 100, 999, 1000, 0, -1]),
                 texts, texts, st.none() | figures | texts | st.integers(-10, 10**16), texts, texts, texts, texts,
                 st.none() | st.sampled_from(["correct", "void", "delete", ""]), texts, st.none() | st.dates()))
def test_the_check_without_pydantic_is_the_models_verdict(record):
    assert (first_unsound([record]) is not None) == model_refuses(record)
    # the quick pass before writing lets through no record the full rules (line aside) refuse
    assert (first_unsound([record], read_back=False) is not None) == bool(unsound_reasons(record, read_back=False))


decimals = st.decimals(allow_nan=False, allow_infinity=False, places=None) | st.builds(
    lambda sign, digits, exponent: Decimal((sign, tuple(digits), exponent)),
    st.integers(0, 1), st.lists(st.integers(0, 9), min_size=1, max_size=20), st.integers(-12, 8))


@settings(max_examples=500, deadline=None)
@given(decimals)
def test_a_figure_is_written_as_format_number_writes_it_and_the_range_rule_is_unchanged(value):
    line = format_record(Record(D, 1, "new_places", None, value))
    assert line == f"- {{date: 2023-06-30, target: new_places, value: {format_number(value)}}}\n"
    exponent = normal_decimal(value).as_tuple().exponent
    assert value_in_range(value) == (abs(value) < Decimal(10) ** 15 and exponent >= -6)


PLAN = load_plan(Path(__file__).resolve().parents[1] / "data", use_cache=False)
TODAY = dt.date(2023, 12, 31)
TEXTS = st.sampled_from(["1", "新增托位", "new_places", "不存在", "任城区", "任城", "邹城", "", " 12 ", "1.2万", "-3", "done",
                         "2023-06-30", "2024-02-01", "2022-01-01", "6,200", "四", None])


def verdict(memo, args, existing=()):
    try:
        return ("ok", recording.prepare(PLAN, list(existing), *args, memo=memo))
    except MinshengError as err:
        return (type(err).__name__, err.message)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["1", "3", "5", "99", "托育"]), TEXTS, TEXTS, st.sampled_from(["2023-06-30", "2024-02-01"]),
                          TEXTS, st.sampled_from([None, "进展", "\x01"])), min_size=1, max_size=8))
def test_a_memo_gives_the_verdicts_and_messages_of_prepare_without_one(calls):
    memo = recording.Memo(PLAN)
    for project, target, value, date, county, note in calls:
        args = (project, target, value, date, county, note, None, None, "张三", False, False, None, TODAY)
        assert verdict(memo, args) == verdict(None, args)


def test_the_fast_record_builder_makes_the_record_the_dataclass_makes():
    import dataclasses

    values = (D, 1, "new_places", "任城区", Decimal(5), "进展", "问题", "打算", "张三", "correct", "更正", dt.date(2023, 7, 1), "第2行")
    built, declared = recording._new_record(*values), Record(*values)
    assert type(built) is Record
    assert [getattr(built, f.name) for f in dataclasses.fields(Record)] == [getattr(declared, f.name) for f in dataclasses.fields(Record)]
    assert built == declared and hash(built) == hash(declared) and repr(built) == repr(declared)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.value = Decimal(6)


# --- an update reads only its own target's records ------------------------------------------------------
P3 = PLAN.find_project(3)
T3 = ["branch_centers", "city_center", "lectures", "counseling_rooms"]
COUNTIES3 = ["任城区", "邹城市", None]
STEPS = [s.name for s in P3.find_target("city_center").steps][:2] + ["done"]
DAYS = [dt.date(2023, 5, 31), dt.date(2023, 6, 15), dt.date(2023, 6, 30)]
existing3 = st.lists(st.builds(
    Record, st.sampled_from(DAYS), st.just(3), st.sampled_from([*T3, None]), st.sampled_from(COUNTIES3),
    st.sampled_from([Decimal(1), Decimal(3), Decimal(2), *STEPS, None]), st.sampled_from([None, "进展"]), st.none(), st.none(),
    st.none(), st.sampled_from([None, None, "correct", "void"]), st.sampled_from([None, "复核"])), max_size=14)


@settings(max_examples=400, deadline=None)
@given(existing3, st.sampled_from([*T3, "分中心", "不存在", None]), st.sampled_from(["1", "2", "3", "done", STEPS[0], None]),
       st.sampled_from(["2023-06-15", "2023-06-30"]), st.sampled_from(["任城区", "任城", None]), st.sampled_from([None, "进展"]),
       st.booleans(), st.booleans())
def test_an_update_given_only_its_targets_records_meets_the_verdict_it_meets_given_all(records, target, value, date, county, note,
                                                                                      correct, void):
    targets = recording.targets_read(PLAN, P3, target, county, note is not None)
    mine = records if targets is None else [record for record in records if record.target in targets]
    args = ("3", target, value, date, county, note, None, None, "张三", correct, void, "复核" if correct or void else None, TODAY)
    assert verdict(recording.Memo(PLAN), args, mine) == verdict(recording.Memo(PLAN), args, records)
