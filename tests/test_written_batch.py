"""What the import's speed-ups must not change: the check on every written record, run over the
whole list at once, names the same record with the same reasons as the per-record model does; a
line's figure is written as `format_number` writes it; `recording.Memo` gives `prepare`'s verdicts."""

from __future__ import annotations

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
from minsheng_cli.ledger.record_model import RecordInvalid, WrittenRecord, line_errors, validate_written
from minsheng_cli.words import progress as M

D = dt.date(2023, 6, 30)
SOUND = [Record(D, 2, note="这一条本身没有问题"), Record(D, 1, "new_places", "任城区", Decimal(5), by="张三", received=D)]
UNSOUND = [
    Record(D, 1, "new_places", None, Decimal(-5)),
    Record(D, 1, "new_places", None, Decimal(5), action="correct"),
    Record(D, 1, "new_places", None, Decimal("1E+15")),
    Record(D, 1, None, "任城区", Decimal(5)),
    Record(D, 1000, note="项目 1000 的文件名读不回项目 1000"),
    Record(D, 1000, "", None, Decimal(-1)),
    Record(D, 1, "", "", ""),
    Record(D, 1),
]


def one_by_one(records: list[Record]) -> None:
    """The check as it was: each record through the model on its own, in order."""
    for record in records:
        errors = line_errors(record_json(record), WrittenRecord)
        if not layout.holds_project(record.project):
            errors.append(f"project {record.project!r} has no progress file name")
        if errors:
            raise RecordInvalid(M.REC_UNSOUND.format(project=record.project, date=record.date, problems="；".join(errors)))


def message(check, records: list[Record]):
    try:
        check(records)
    except RecordInvalid as err:
        return str(err)
    return None


@pytest.mark.parametrize("bad", UNSOUND)
@pytest.mark.parametrize("before", [0, 1, 2047, 2048, 4100])
def test_the_list_check_names_the_first_unsound_record_as_the_one_by_one_check(bad, before):
    for records in ([*SOUND * (before // 2), bad, *SOUND], [*SOUND * (before // 2), bad, UNSOUND[0]], [bad, UNSOUND[4]]):
        expected = message(one_by_one, records)
        assert expected is not None
        assert message(validate_written, records) == expected


def test_sound_records_pass():
    validate_written(SOUND * 3000)
    validate_written([])


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


def verdict(memo, args):
    try:
        return ("ok", recording.prepare(PLAN, [], *args, memo=memo))
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
