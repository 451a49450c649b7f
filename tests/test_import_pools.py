"""The import checks a row against the latest number of its series when that is equivalent to the
whole series (exchange/rows.py `_Pool`), and then gives `recording` that record's fold without
folding (`_LatestFolded`): both ways must reach the same verdict on every row."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minsheng_cli.errors import ImportRejected
from minsheng_cli.exchange import rows
from minsheng_cli.exchange.sheets import Candidate, Source
from minsheng_cli.ledger.model import Record
from minsheng_cli.ledger.plan import load_plan

PLAN = load_plan(Path(__file__).resolve().parents[1] / "data", use_cache=False)
TODAY = dt.date(2023, 12, 31)
START = dt.date(2023, 3, 1)
# (project, target, county, values a row may carry): a count per county, a count, a level, a checklist, a narrative
SERIES = [
    (3, "branch_centers", "任城区", ["0", "1", "2", "3", "5", "8", "2.5", "100"]),
    (1, "new_places", None, ["0", "100", "500", "900", "900", "1200", "9000", "90000"]),
    (1, "places_per_1000", None, ["3.2", "3.5", "3.9", "4.4", "1"]),
    (5, "county_communities", None, ["曲阜市", "邹城市", "微山县", "不存在的县"]),
    (1, None, None, [None]),
]

days = st.integers(min_value=0, max_value=12).map(lambda n: START + dt.timedelta(days=7 * n))


@st.composite
def existing_record(draw) -> Record:
    project, target, county, values = draw(st.sampled_from(SERIES))
    value = draw(st.sampled_from(values))
    action = draw(st.sampled_from([None, None, None, "correct", "void"])) if target else None
    note = draw(st.sampled_from([None, "已核实"])) if value is not None else "项目推进中"
    number = None if value is None or action == "void" else (value if target == "county_communities" else Decimal(value))
    reason = "更正" if action else None
    return Record(draw(days), project, target, county, number, note, None, None, "张三", action, reason, "old.yaml", 1)


@st.composite
def candidate(draw, row: int) -> Candidate:
    project, target, county, values = draw(st.sampled_from(SERIES))
    value = draw(st.sampled_from(values))
    cells = {"project": str(project), "target": target, "value": value, "date": draw(days).isoformat(),
             "county": county, "note": "项目推进中" if value is None else draw(st.sampled_from([None, "已核实"])),
             "problem": None, "next": None, "by": "李四"}
    return Candidate(row, None, cells, {name: name for name in cells})


def outcome(existing: list[Record], source: Source) -> tuple:
    try:
        found = rows.validate(PLAN, existing, source, TODAY)
    except ImportRejected as rejected:
        return ("rejected", rejected.message, tuple(rejected.row_errors))
    return ("ok", found.records, found.same, found.doubts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(existing_record(), max_size=12), st.data())
def test_the_latest_number_gives_the_verdict_the_whole_series_gives(existing, data):
    count = data.draw(st.integers(min_value=1, max_value=14))
    source = Source(Path("year.csv"), "csv", [data.draw(candidate(row)) for row in range(2, 2 + count)])
    short = outcome(existing, source)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rows._Pool, "checked_against", lambda pool, day: pool.records)
        patch.setattr(rows._Pool, "folded_before", lambda pool, day: None)  # recording folds the whole series
        whole = outcome(existing, source)
    assert short == whole


def test_a_projects_notes_are_checked_against_those_of_their_date_only():
    pool = rows._pool_of({}, PLAN.find_project("1"), (1, None, None))
    for step in range(30):
        pool.add(Record(START + dt.timedelta(days=step // 3), 1, note=f"进展{step}"))
    assert [record.note for record in pool.checked_against(START + dt.timedelta(days=2))] == ["进展6", "进展7", "进展8"]
    assert pool.checked_against(START + dt.timedelta(days=40)) == []


def test_rows_in_date_order_are_checked_against_one_record_not_the_growing_series():
    pool = rows._Pool(items=False)
    for step in range(50):
        record = Record(START + dt.timedelta(days=step), 1, "new_places", None, Decimal(step))
        assert len(pool.checked_against(record.date)) == (1 if step else 0)
        pool.add(record)
    assert pool.checked_against(START) is pool.records  # an earlier date: the whole series
    pool.add(Record(START + dt.timedelta(days=60), 1, "new_places", None, Decimal(70), action="correct", reason="更正"))
    assert pool.checked_against(START + dt.timedelta(days=90)) is pool.records  # a correction: the whole series from now on
