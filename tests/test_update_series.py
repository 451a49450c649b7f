"""update_reading and series_summary: an update of a count or level target parses only its own
series (target, county) once the target's other series are remembered for the files as they are,
and says exactly what an update that reads everything says — after consecutive updates, a hand
edit, a file put back, a planted entry (PRODUCT.md §5; ledger/update_reading.py)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from minsheng_cli.ledger import cache, progress_fast, series_summary
from minsheng_cli.ledger.history import fold
from minsheng_cli.ledger.in_force import Series
from minsheng_cli.ledger.model import Record

JULY_3 = Path("progress") / "2023-07" / "03.yaml"
JUNE_3 = Path("progress") / "2023-06" / "03.yaml"


def summary_reads(monkeypatch) -> list[bool]:
    """Whether each update from now on found the other series remembered."""
    found: list[bool] = []
    real = series_summary.known

    def spy(*args, **kwargs):
        answer = real(*args, **kwargs)
        found.append(answer is not None)
        return answer

    monkeypatch.setattr(series_summary, "known", spy)
    return found


def both(cli, cached: Path, plain: Path, *step: str) -> str:
    """The update on both ledgers (the second read whole, --no-cache): the same words."""
    indexed = cli("--data", cached, "update", *step)
    whole = cli("--data", plain, "--no-cache", "update", *step)
    assert indexed.exit_code == whole.exit_code == 0, indexed.output
    assert indexed.stdout.replace(str(cached), "") == whole.stdout.replace(str(plain), "")
    return indexed.stdout


def test_updates_with_remembered_series_say_what_a_whole_read_says(example_ledger, tmp_path, cli, monkeypatch):
    plain = tmp_path / "plain"
    shutil.copytree(example_ledger, plain)
    found = summary_reads(monkeypatch)
    both(cli, example_ledger, plain, "3", "branch_centers", "1", "--county", "太白湖新区", "--date", "2023-07-03")
    both(cli, example_ledger, plain, "3", "branch_centers", "1", "--county", "汶上县", "--date", "2023-07-03")
    said = both(cli, example_ledger, plain, "3", "branch_centers", "1", "--county", "梁山县", "--date", "2023-07-03")
    assert "累计" in said.splitlines()[-1]  # the target's standing, from every county's series
    assert found == [False, True, True]  # remembered by the first update, used by the next ones
    put_back = (example_ledger / JULY_3).read_bytes()
    # a person's hand edit of another county's record in another file: the state differs, nothing remembered is used
    for root in (example_ledger, plain):
        june = root / JUNE_3
        before = june.read_text(encoding="utf-8")
        june.write_text(before.replace('county: "任城区", value: 1', 'county: "任城区", value: 2', 1), encoding="utf-8")
        assert june.read_text(encoding="utf-8") != before
    both(cli, example_ledger, plain, "3", "branch_centers", "2", "--county", "梁山县", "--date", "2023-07-04")
    assert found[-1] is False
    both(cli, example_ledger, plain, "3", "branch_centers", "2", "--county", "泗水县", "--date", "2023-07-04")
    assert found[-1] is True
    # the July file put back as it was (git checkout): its state was never remembered
    for root in (example_ledger, plain):
        (root / JULY_3).write_bytes(put_back)
    both(cli, example_ledger, plain, "3", "branch_centers", "2", "--county", "泗水县", "--date", "2023-07-05")
    assert found[-1] is False
    # a void and a correction of the update's own series, and a level target without counties
    both(cli, example_ledger, plain, "3", "branch_centers", "--county", "泗水县", "--date", "2023-07-05", "--void", "--reason", "误报")
    both(cli, example_ledger, plain, "3", "branch_centers", "3", "--county", "泗水县", "--date", "2023-07-05")
    both(cli, example_ledger, plain, "3", "branch_centers", "2", "--county", "泗水县", "--date", "2023-07-05", "--correct", "--reason", "核减")
    both(cli, example_ledger, plain, "1", "total_places", "33000", "--date", "2023-07-03")
    both(cli, example_ledger, plain, "1", "total_places", "33100", "--date", "2023-07-04")
    assert found[-1] is True
    files = sorted(p.relative_to(example_ledger) for p in (example_ledger / "progress").rglob("*.yaml"))
    assert all((example_ledger / f).read_bytes() == (plain / f).read_bytes() for f in files)


def test_an_update_with_remembered_series_parses_only_its_own(example_ledger, cli, monkeypatch):
    assert cli("--data", example_ledger, "update", "3", "branch_centers", "1", "--county", "太白湖新区", "--date", "2023-07-03").exit_code == 0
    parsed: list[Record] = []
    real_selected = progress_fast.parse_selected

    def selected(*args):
        records = real_selected(*args)
        parsed.extend(records or [])
        return records

    def grouped(text, path, *args):
        raise AssertionError(f"{path} read whole")

    monkeypatch.setattr(progress_fast, "parse_selected", selected)
    monkeypatch.setattr(progress_fast, "parse_fast_grouped", grouped)
    done = cli("--data", example_ledger, "update", "3", "branch_centers", "1", "--county", "汶上县", "--date", "2023-07-03")
    assert done.exit_code == 0, done.output
    read = {(r.target, r.county) for r in parsed}
    assert read <= {("branch_centers", "汶上县"), (None, None)} and ("branch_centers", "汶上县") in read


# --- the entry ------------------------------------------------------------------------------------------
def remembered(tmp_path: Path) -> tuple[Path, list, dict]:
    root = tmp_path / "data"
    root.mkdir()
    state = [["2023-06/03.yaml", "ab" * 20], ["2023-07/03.yaml", "cd" * 20]]
    series = {"任城区": series_of([(dt.date(2023, 6, 30), Decimal(1)), (dt.date(2023, 7, 3), Decimal("2.5"))], "任城区"),
              None: series_of([(dt.date(2023, 7, 3), Decimal(7))], None)}
    series_summary.remember(root, 3, "branch_centers", state, series)
    return root, state, series


def series_of(points: list[tuple], county) -> Series:
    """The series in force of one record per (date, value), folded as an update folds them."""
    return fold([Record(day, 3, "branch_centers", county, value) for day, value in points], text=False).series_of(3, "branch_centers", county)


def plain_of(series: dict) -> dict:
    return {county: (one.dates, one.values) for county, one in series.items()}


def test_series_are_known_only_for_the_state_they_were_remembered_for(tmp_path):
    root, state, series = remembered(tmp_path)
    assert plain_of(series_summary.known(root, 3, "branch_centers", state).series) == plain_of(series)
    for other in (state[:1], [*state, ["2023-08/03.yaml", "ef" * 20]], [state[0], ["2023-07/03.yaml", "ef" * 20]], state[::-1]):
        assert series_summary.known(root, 3, "branch_centers", other) is None
    assert series_summary.known(root, 3, "new_places", state) is None
    assert series_summary.known(root, 3, "branch_centers", state, use=False) is None


def test_a_garbled_or_planted_summary_is_refused(tmp_path):
    """Refused unsigned (planted), and, signed (cache.put), unless every row is one `remember` writes."""
    root, state, series = remembered(tmp_path)
    key = series_summary.entry_key(root, 3, "branch_centers")
    entry = cache.get("target-series", key, plain=True)
    from minsheng_cli.ledger.layout import cache_entry

    cache_entry("target-series", key).write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
    assert series_summary.known(root, 3, "branch_centers", state) is None
    cache.put("target-series", key, entry, plain=True)
    assert plain_of(series_summary.known(root, 3, "branch_centers", state).series) == plain_of(series)
    good = [entry["series"][0][0], entry["dates"][entry["series"][0][1]], entry["series"][0][2]]
    for planted in ([[good[0], "2023-07-03 2023-06-30", "1 2"]], [[good[0], "2023-06-30", "NaN"]], [[good[0], "2023-06-30", "1 2"]],
                    [[7, *good[1:]]], [good, good], [[good[0], "2023-13-01", "1"]], [[good[0], "2023-06-30", "一"]], "series", [["x"]],
                    [[good[0], "2023-06-30", "1E+999999999"]], [[good[0], "2023-06-30", "1234567890123456"]], [[good[0], "2023-06-30", "0.1234567"]],
                    [[good[0], "2023-06-30 2023-06-30", "1 2"]], [[good[0], "2023-06-30  2023-07-01", "1 2"]], [[good[0], "2023-6-30", "1"]],
                    [[good[0], "2023-06-30", "+1"]], [[good[0], "2023-06-30", " 1"]], [[good[0], 20230630, "1"]], [[*good, "x"]], ["x"]):
        cache.put("target-series", key, spelt(entry, planted), plain=True)
        assert series_summary.known(root, 3, "branch_centers", state) is None, planted
    for where in (-1, len(entry["dates"]), True, "0", None):  # rows pointing nowhere in the dates' table
        cache.put("target-series", key, {**entry, "series": [[good[0], where, good[2]]]}, plain=True)
        assert series_summary.known(root, 3, "branch_centers", state) is None, where
    for table in ("2023-06-30", None, [7]):
        cache.put("target-series", key, {**entry, "dates": table, "series": [[good[0], 0, good[2]]]}, plain=True)
        assert series_summary.known(root, 3, "branch_centers", state) is None, table


def spelt(entry: dict, rows) -> dict:
    """Rows [county, dates, values] as `remember` spells them, each distinct dates once in a table
    (a row of another shape as it is)."""
    if not isinstance(rows, list) or not all(isinstance(row, list) and len(row) == 3 for row in rows):
        return {**entry, "series": rows}
    table = list(dict.fromkeys(row[1] for row in rows))
    return {**entry, "dates": table, "series": [[county, table.index(dates), values] for county, dates, values in rows]}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.dates(dt.date(2023, 1, 1), dt.date(2024, 12, 31)),
                          st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False)), min_size=1, max_size=12),
       st.lists(st.dates(dt.date(2022, 12, 1), dt.date(2025, 1, 31)), min_size=1, max_size=6))
def test_a_remembered_series_reads_as_the_series_it_was_made_of(tmp_path_factory, points, days):
    by_day = dict(sorted(points))
    made = series_of(list(by_day.items()), "任城区")
    root = tmp_path_factory.mktemp("ledger")
    state = [["2023-06/03.yaml", "ab" * 20]]
    series_summary.remember(root, 3, "branch_centers", state, {"任城区": made})
    read = series_summary.known(root, 3, "branch_centers", state).series["任城区"]
    assert (read.dates, read.values) == (made.dates, made.values) and read.first() == made.first()
    for day in days:
        assert read.latest(day) == made.latest(day) and read.latest_number(day) == made.latest_number(day)


# --- the rule it rests on ------------------------------------------------------------------------------
COUNTIES = ("任城区", "兖州区", None)
records_strategy = st.lists(st.tuples(
    st.sampled_from(COUNTIES), st.integers(1, 4), st.integers(0, 5), st.sampled_from([None, None, "correct", "void"])), max_size=30)


@settings(max_examples=150, deadline=None)
@given(records_strategy)
def test_each_series_is_folded_by_its_own_records_alone(rows):
    """What the summary rests on (history.py): the values in force of one (target, county) are
    those of its own records folded alone, whatever the other counties' records say."""
    records = [Record(dt.date(2023, 7, day), 3, "branch_centers", county, None if action == "void" else Decimal(value),
                      action=action, reason="原因" if action else None) for county, day, value, action in rows]
    together = fold(records, text=False).history(3, "branch_centers").series
    for county in COUNTIES:
        alone = fold([r for r in records if r.county == county], text=False).series_of(3, "branch_centers", county)
        expected = together.get(county)
        assert (alone is None and expected is None) or (alone.dates, alone.values) == (expected.dates, expected.values)
