"""An update's own lines in every file of its project, remembered in one entry (own_series): a read
of one county's series after the first reads no file's index, and still gives exactly what a
whole read gives — after an append, a hand edit that keeps size and mtime, or an entry that
names other lines."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from clock import FakeClock
from minsheng_cli.ledger import cache, own_series, series_index
from minsheng_cli.ledger.model import Record
from minsheng_cli.ledger.progress_file import read_own_series
from minsheng_cli.ledger.stat_index import RACY_SECONDS
from minsheng_cli.ledger.store import append_records
from test_series_index import D, WANTED, june, ledger_with, lines_of, located, mixed, parsed_whole, whole

COUNTY = "任城区"


def july(root: Path) -> Path:
    return root / "progress" / "2023-07" / "01.yaml"


def two_months(tmp_path: Path) -> Path:
    root = ledger_with(tmp_path, lines_of(*mixed()))
    july(root).parent.mkdir(parents=True)
    july(root).write_text(lines_of(*(Record(r.date.replace(month=7), **{k: getattr(r, k) for k in ("project", "target", "county", "value", "note")})
                                     for r in mixed(4))), encoding="utf-8")
    return root


def own_read(root: Path, county: str = COUNTY) -> list[tuple]:
    return located(read_own_series(root, None, 1, WANTED, county)[0])


def expected(root: Path, county: str = COUNTY) -> list[tuple]:
    return [r for r in whole(root) if r[0].target is None or r[0].county == county]


def index_reads(monkeypatch) -> list[str]:
    """The files whose series_index entry is looked up from now on."""
    calls: list[str] = []
    real = series_index.known
    monkeypatch.setattr(series_index, "known", lambda key, *a, **k: (calls.append(key), real(key, *a, **k))[1])
    return calls


def the_entry(root: Path, county: str = COUNTY) -> tuple[str, dict]:
    key = own_series.entry_key(root, 1, WANTED, county)
    return key, cache.get("own-series", key, plain=True)


def test_a_second_read_of_a_county_reads_no_files_index(tmp_path, monkeypatch):
    root = two_months(tmp_path)
    first, state = read_own_series(root, None, 1, WANTED, COUNTY)
    assert located(first) == expected(root)
    looked_up, whole_reads = index_reads(monkeypatch), parsed_whole(monkeypatch)
    again, state_again = read_own_series(root, None, 1, WANTED, COUNTY)
    assert located(again) == expected(root) and state_again == state and looked_up == [] and whole_reads == []
    assert own_read(root, "兖州区") == expected(root, "兖州区")  # another county: its own entry, from the indexes
    assert len(looked_up) == 2 and whole_reads == []


def test_a_file_appended_to_is_read_through_its_index_then_remembered_again(tmp_path, monkeypatch):
    root = two_months(tmp_path)
    own_read(root)
    append_records(root, [Record(D.replace(day=20), 1, "new_places", "兖州区", Decimal(99))], use_cache=True)
    append_records(root, [Record(D.replace(day=21), 1, "new_places", COUNTY, Decimal(77))], use_cache=True)
    looked_up, whole_reads = index_reads(monkeypatch), parsed_whole(monkeypatch)
    got = own_read(root)
    assert got == expected(root) and Decimal(77) in [r.value for r, _, _ in got]
    assert looked_up == [series_index.entry_key(root, june(root))] and whole_reads == []  # July's row still held
    assert own_read(root) == expected(root) and len(looked_up) == 1  # June's row taken anew


def test_an_edit_that_keeps_size_and_mtime_is_seen(tmp_path, monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(series_index, "time", clock)
    monkeypatch.setattr(own_series, "time", clock)
    root = two_months(tmp_path)
    clock.later(RACY_SECONDS + 1)  # rows taken once the files have settled: their stats are trusted
    own_read(root)
    own_read(root)
    path, status = june(root), june(root).stat()
    path.write_bytes(path.read_bytes().replace(b"value: 60}", b"value: 61}"))
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))  # same size, same mtime: only the ctime moved
    assert path.stat().st_size == status.st_size
    records, state = read_own_series(root, None, 1, WANTED, COUNTY)
    assert located(records) == expected(root) and Decimal(61) in [r.value for r in records]
    assert dict(state)["2023-06/01.yaml"] == series_index.digest_of(path.read_bytes())  # what series_summary is keyed by


def test_an_entry_that_names_other_lines_is_never_a_wrong_record(tmp_path, monkeypatch):
    """Signed as if this code had written them (cache.put), rows naming another county's lines,
    lines past the end or not at a line's start, or of another shape, are refused: the file is
    read through its index. That a row names every line of the series is its signature's to say
    (as for an index entry, series_index): one leaving a line out, written by anyone else, is refused."""
    root = two_months(tmp_path)
    right = own_read(root)
    key, entry = the_entry(root)
    name = "2023-06/01.yaml"
    stat, taken, digest, numbers, starts = entry["files"][name]
    own_read(root, "兖州区")
    theirs = the_entry(root, "兖州区")[1]["files"][name]
    size = june(root).stat().st_size
    for planted in ([stat, taken, digest, theirs[3], theirs[4]], [stat, taken, digest, numbers + [numbers[-1] + 1], starts + [size + 5]], [stat, taken, digest, numbers, starts[:-1]],
                    [stat, taken, digest, numbers, [start + 1 for start in starts]], [stat, taken, 7, numbers, starts], [stat, taken],
                    [stat, taken, digest, [-1] + numbers[1:], starts], "row"):
        cache.put("own-series", key, {"files": {**entry["files"], name: planted}}, plain=True)
        assert own_read(root) == right, planted
    from minsheng_cli.ledger.layout import cache_entry

    fewer = json.dumps({"files": {**entry["files"], name: [stat, taken, digest, numbers[1:], starts[1:]]}}, ensure_ascii=False)
    cache_entry("own-series", key).write_text('{"mac":"' + "0" * 40 + '","entry":' + fewer + "}", encoding="utf-8")  # unsigned
    assert own_read(root) == right


@settings(max_examples=80, deadline=None)
@given(st.lists(st.binary(max_size=3000).map(lambda b: b.replace(b"\n", b"x")), min_size=1, max_size=6), st.booleans())
def test_a_line_read_alone_is_the_line_of_the_whole_bytes(tmp_path_factory, lines, last_newline):
    """Lines read by their start (a read of 1 KB, more for a longer one; the last may lack its
    newline) are the lines `series_index.lines_at` cuts from the whole bytes."""
    data = b"\n".join(lines) + (b"\n" if last_newline else b"")
    path = tmp_path_factory.mktemp("lines") / "01.yaml"
    path.write_bytes(data)
    starts = [start for start in (sum(len(line) + 1 for line in lines[:n]) for n in range(len(lines))) if start < len(data)]
    fd = os.open(path, os.O_RDONLY)
    try:
        alone = [own_series._line_at(fd, start, len(data)) for start in starts]
        assert own_series._line_at(fd, len(data), len(data)) is None
    finally:
        os.close(fd)
    assert alone == [data[start:series_index._line_end(data, start)] for start in starts]


def test_rows_taken_before_the_files_settled_are_taken_anew_once_they_have(tmp_path, monkeypatch):
    """Rows taken within the racy window are not trusted by their stat; the first read after the
    files have settled finds them by their digest and takes them again: the reads after it read
    only the lines."""
    from minsheng_cli.ledger import yamlio

    clock = FakeClock()
    monkeypatch.setattr(series_index, "time", clock)
    monkeypatch.setattr(own_series, "time", clock)
    root = two_months(tmp_path)
    own_read(root)  # the files were just written: racy rows
    clock.later(RACY_SECONDS + 5)
    right = expected(root)
    whole_reads: list[str] = []
    real = yamlio.read_bytes_and_stat
    monkeypatch.setattr(yamlio, "read_bytes_and_stat", lambda path, *a: (whole_reads.append(Path(path).parent.name), real(path, *a))[1])
    assert own_read(root) == right and sorted(whole_reads) == ["2023-06", "2023-07"]  # by their digests
    for _ in range(2):
        assert own_read(root) == right
    assert len(whole_reads) == 2  # then by their stats, the lines alone
