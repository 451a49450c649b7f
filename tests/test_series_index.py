"""series_index: an update parses only its own target's lines of a file whose index is known, and
appends to such a file without parsing it again — and reads exactly what a whole read gives, for
every file, edit and cache entry (PRODUCT.md §5, ledger/series_index.py)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clock import FakeClock
from minsheng_cli.ledger import cache, progress_fast, series_index
from minsheng_cli.ledger.model import Record
from minsheng_cli.ledger.progress_file import format_record, read_progress, read_series
from minsheng_cli.ledger.stat_index import RACY_SECONDS
from minsheng_cli.ledger.store import append_records

D = dt.date(2023, 6, 1)
WANTED = frozenset({"new_places", None})


def june(root: Path) -> Path:
    return root / "progress" / "2023-06" / "01.yaml"


def ledger_with(tmp_path: Path, lines: str, name: str = "data") -> Path:
    root = tmp_path / name
    june(root).parent.mkdir(parents=True)
    june(root).write_text(lines, encoding="utf-8", newline="")
    return root


def lines_of(*records: Record) -> str:
    return "".join(map(format_record, records))


def mixed(n: int = 6) -> list[Record]:
    """Records of two targets, by county, and project narratives, interleaved."""
    out = []
    for day in range(1, n + 1):
        date = D.replace(day=day)
        out += [Record(date, 1, "new_places", "任城区", Decimal(10 * day)), Record(date, 1, "total_places", None, Decimal(100 + day)),
                Record(date, 1, "new_places", "兖州区", Decimal(day)), Record(date, 1, note=f"第{day}天进展")]
    return out


def whole(root: Path, targets: frozenset = WANTED) -> list[tuple]:
    """What a whole read gives: the records of `targets` with where they were read."""
    return located(r for r in read_progress(root) if r.target in targets)


def located(records) -> list[tuple]:
    return [(r, Path(r.path).name, r.line) for r in records]


def series(root: Path, targets: frozenset = WANTED) -> list[tuple]:
    return located(read_series(root, june(root), 1, targets))


def index_only(monkeypatch) -> None:
    """Reads of one county's lines through each file's index, as if no own_series entry were kept
    (the tests of what an index entry may say)."""
    from minsheng_cli.ledger import own_series

    monkeypatch.setattr(own_series, "known", lambda key, use=True: {})


def parsed_whole(monkeypatch) -> list[str]:
    """Files read whole by read_series from now on (its indexing reader is the only way)."""
    calls: list[str] = []
    real = progress_fast.parse_fast_grouped
    monkeypatch.setattr(progress_fast, "parse_fast_grouped", lambda text, path, *a: (calls.append(path), real(text, path, *a))[1])
    return calls


# --- reading -----------------------------------------------------------------------------------------
def test_a_known_file_is_read_by_its_target_lines_only(tmp_path, monkeypatch):
    root = ledger_with(tmp_path, "# 头注释\n" + lines_of(*mixed()) + "\n# 手写的注释\n")
    whole_reads = parsed_whole(monkeypatch)
    expected = whole(root)
    assert len(expected) == 18 and series(root) == expected and len(whole_reads) == 1  # read whole once, indexed
    selected: list[int] = []
    real = progress_fast.parse_selected
    monkeypatch.setattr(progress_fast, "parse_selected", lambda text, numbers, *a: (selected.append(len(numbers)), real(text, numbers, *a))[1])
    assert series(root) == expected and len(whole_reads) == 1 and selected == [18]  # only those 18 lines parsed
    assert series(root, frozenset({"total_places"})) == whole(root, frozenset({"total_places"})) and selected[-1] == 6
    assert series(root, frozenset({"no_such_target"})) == [] and len(whole_reads) == 1


def test_an_edit_that_keeps_size_and_mtime_is_read_whole(tmp_path, monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(series_index, "time", clock)
    root = ledger_with(tmp_path, lines_of(*mixed()))
    whole_reads = parsed_whole(monkeypatch)
    clock.later(RACY_SECONDS + 1)  # the index is taken once the file has settled: its stat is trusted
    series(root)
    assert series(root) == whole(root) and len(whole_reads) == 1
    path, status = june(root), june(root).stat()
    path.write_bytes(path.read_bytes().replace(b"value: 60}", b"value: 61}"))
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))  # same size, same mtime: only the ctime moved
    assert path.stat().st_size == status.st_size
    got = series(root)
    assert got == whole(root) and len(whole_reads) == 2 and Decimal(61) in [r.value for r, _, _ in got]


def test_a_file_written_again_within_the_racy_window_is_known_by_its_bytes(tmp_path, monkeypatch):
    root = ledger_with(tmp_path, lines_of(*mixed()))
    whole_reads = parsed_whole(monkeypatch)
    series(root)
    june(root).write_text(lines_of(*mixed()), encoding="utf-8")  # the same bytes again: a new stat
    assert series(root) == whole(root) and len(whole_reads) == 1
    june(root).write_text(lines_of(*mixed(5)), encoding="utf-8")  # other bytes, racy stat
    assert series(root) == whole(root) and len(whole_reads) == 2


@pytest.mark.parametrize("shape", ["crlf", "bom", "other key order", "block"])
def test_files_the_index_cannot_describe_are_read_whole_every_time(tmp_path, monkeypatch, shape):
    text = lines_of(*mixed())
    if shape == "crlf":
        text = text.replace("\n", "\r\n")
    elif shape == "bom":
        text = "\ufeff" + text
    elif shape == "other key order":
        text += '- {target: new_places, date: 2023-06-09, county: "任城区", value: 95}\n'
    else:
        text += "- date: 2023-06-09\n  target: new_places\n  county: 任城区\n  value: 95\n"
    root = ledger_with(tmp_path, text)
    whole_reads = parsed_whole(monkeypatch)
    for _ in range(2):
        assert series(root) == whole(root)
    assert len(whole_reads) == 2  # read whole both times, never indexed
    assert cache.get("series-index", series_index.entry_key(root, june(root)), plain=True) is None


# Planted entries below are written as anyone but minsheng would write them, without the cache
# folder's secret: each is refused by its signature (cache.py) and the file read whole.
def plant(kind: str, key: str, value) -> None:
    import json

    from minsheng_cli.ledger.layout import cache_entry

    cache_entry(kind, key).write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")


def test_a_garbled_or_planted_entry_is_never_a_wrong_record(tmp_path, monkeypatch):
    root = ledger_with(tmp_path, lines_of(*mixed()))
    whole_reads = parsed_whole(monkeypatch)
    expected = whole(root)
    series(root)
    key = series_index.entry_key(root, june(root))
    entry = cache.get("series-index", key, plain=True)
    groups = series_index.FileIndex.from_plain(entry["groups"]).groups
    ours, theirs = ("new_places", "任城区"), ("total_places", None)
    swapped = series_index.FileIndex.of_groups({**groups, ours: groups[theirs], theirs: groups[ours]}).to_plain()
    many = series_index.FileIndex.of_groups({**groups, ours: tuple(column * 1000 for column in groups[ours])}).to_plain()  # more lines than the file
    plain = series_index.FileIndex.of_groups(groups).to_plain()
    keys = series_index.split_keys(plain["keys"])
    for planted in (swapped, many, {**plain, "lines": "zz"}, {**plain, "keys": [[7, None], *keys[1:]]},
                    {**plain, "sizes": plain["sizes"][8:]}, with_keys(plain, [keys[0]] * len(keys)), "not a dict"):
        plant("series-index", key, {**entry, "groups": planted})
        assert series(root) == expected
    assert len(whole_reads) == 8  # each planted entry refused: the file read whole (and indexed again)


def test_a_planted_entry_is_never_a_wrong_record_of_one_county_either(tmp_path, monkeypatch):
    """A read of one county's series finds it by its key: an entry of a key twice, or of a key not
    a series, of a line left out or moved, is refused."""
    from minsheng_cli.ledger.progress_file import read_own_series

    root = ledger_with(tmp_path, lines_of(*mixed()))
    index_only(monkeypatch)
    whole_reads = parsed_whole(monkeypatch)
    expected = [r for r in whole(root) if r[0].target is None or r[0].county == "任城区"]
    assert located(read_own_series(root, None, 1, WANTED, "任城区")[0]) == expected and len(whole_reads) == 1
    key = series_index.entry_key(root, june(root))
    entry = cache.get("series-index", key, plain=True)
    plain = entry["groups"]
    keys = series_index.split_keys(plain["keys"])
    ours = keys.index(["new_places", "任城区"])
    narratives = keys.index([None, None])
    twice = with_keys(plain, [keys[ours] if n == narratives else k for n, k in enumerate(keys)])
    not_a_series = with_keys(plain, [[None, "a", "b"] if n == narratives else k for n, k in enumerate(keys)])
    swapped = with_keys(plain, [["new_places", "兖州区"] if k == ["new_places", "任城区"] else ["new_places", "任城区"]
                                if k == ["new_places", "兖州区"] else k for k in keys])
    renamed = with_keys(plain, [["new_places", "曲阜市"] if k == ["new_places", "任城区"] else k for k in keys])
    groups = series_index.FileIndex.from_plain(plain).groups
    lines, starts = groups[("new_places", "任城区")]
    data = june(root).read_bytes()
    inside = data.index("任".encode(), starts[1]) + 1  # within a character of its own line
    shifted = _with_columns(groups, ("new_places", "任城区"), lines, [starts[0], inside, *starts[2:]])
    crossed = _with_columns(groups, ("new_places", "任城区"), lines, [starts[1], starts[0], *starts[2:]])  # lines' offsets exchanged
    fewer = _with_columns(groups, ("new_places", "任城区"), lines[1:], starts[1:])  # one line of the series left out
    for planted in (twice, not_a_series, swapped, renamed, shifted, crossed, fewer):
        plant("series-index", key, {**entry, "groups": planted})
        assert located(read_own_series(root, None, 1, WANTED, "任城区")[0]) == expected
    assert len(whole_reads) == 8  # each refused: read whole
    # signed as if this code had written them, the keys' own checks refuse what an entry never holds
    for signed in (twice, not_a_series, with_keys(plain, [[None, None] if n == ours else k for n, k in enumerate(keys)]), {**twice, "keys": plain["keys"] + "\x1enew_places\x1f任城区"}):
        cache.put("series-index", key, {**entry, "groups": signed}, plain=True)
        assert located(read_own_series(root, None, 1, WANTED, "任城区")[0]) == expected
    assert len(whole_reads) == 12


def with_keys(plain: dict, keys: list) -> dict:
    """An entry's groups with other keys, spelt as an entry spells them."""
    return {**plain, "keys": series_index.join_keys(keys)}


def _with_columns(groups: dict, series: tuple, lines, starts) -> dict:
    from array import array

    changed = {**groups, series: (array("I", lines), array("I", starts))}
    return series_index.FileIndex.of_groups(changed).to_plain()


def test_a_planted_entry_cannot_hide_a_city_wide_line(tmp_path, monkeypatch):
    """A city-wide series' lines moved under a county's key would hide them from an update of it."""
    from minsheng_cli.ledger.progress_file import read_own_series

    root = ledger_with(tmp_path, lines_of(*mixed()))
    wanted = frozenset({"total_places", None})
    expected = [r for r in whole(root, wanted) if r[0].county is None]
    index_only(monkeypatch)
    whole_reads = parsed_whole(monkeypatch)
    assert located(read_own_series(root, None, 1, wanted, None)[0]) == expected and len(whole_reads) == 1
    key = series_index.entry_key(root, june(root))
    entry = cache.get("series-index", key, plain=True)
    plain = entry["groups"]
    moved = with_keys(plain, [["total_places", "任城区"] if k == ["total_places", None] else k for k in series_index.split_keys(plain["keys"])])
    plant("series-index", key, {**entry, "groups": moved})
    assert located(read_own_series(root, None, 1, wanted, None)[0]) == expected
    assert len(whole_reads) == 2
    assert located(read_own_series(root, None, 1, wanted, None)[0]) == expected and len(whole_reads) == 2  # indexed again: by lines


def _planted(root: Path, change) -> None:
    """The file's entry with its series → columns changed by `change` (a dict it edits in place)."""
    key = series_index.entry_key(root, june(root))
    entry = cache.get("series-index", key, plain=True)
    groups = series_index.FileIndex.from_plain(entry["groups"]).groups
    change(groups)
    plant("series-index", key, {**entry, "groups": series_index.FileIndex.of_groups(groups).to_plain()})


def _without_first(groups: dict, series: tuple) -> tuple:
    lines, starts = groups[series]
    return lines[1:], starts[1:]


def test_a_planted_entry_cannot_name_a_narrative_in_place_of_a_line_of_the_series(tmp_path, monkeypatch):
    """Its lines are real and as many as the series has; the update would miss its own record."""
    from array import array

    from minsheng_cli.ledger.progress_file import read_own_series

    root = ledger_with(tmp_path, lines_of(*mixed()))
    index_only(monkeypatch)
    expected = located(read_own_series(root, None, 1, WANTED, "任城区")[0])
    whole_reads = parsed_whole(monkeypatch)

    def swap(groups):
        (lines, starts), (told, told_starts) = groups[("new_places", "任城区")], groups[(None, None)]
        pairs = sorted([*zip(lines[1:], starts[1:]), (told[0], told_starts[0])])
        groups[("new_places", "任城区")] = (array("I", [n for n, _ in pairs]), array("I", [o for _, o in pairs]))
        groups[(None, None)] = (told[1:], told_starts[1:])
    _planted(root, swap)
    assert located(read_own_series(root, None, 1, WANTED, "任城区")[0]) == expected and len(whole_reads) == 1


def test_a_planted_entry_cannot_leave_out_a_line_of_a_read_of_every_county(tmp_path, monkeypatch):
    root = ledger_with(tmp_path, lines_of(*mixed()))
    expected = series(root)
    whole_reads = parsed_whole(monkeypatch)
    for series_left in (("new_places", "任城区"), (None, None)):
        _planted(root, lambda groups: groups.__setitem__(series_left, _without_first(groups, series_left)))
        assert series(root) == expected
    assert len(whole_reads) == 2


@pytest.mark.parametrize("spelt", ['target: new_places, county: "\\u4efb城区", value: 20}', 'target: "new_places", county: "任城区", value: 20}'],
                         ids=["escape", "quoted id"])
def test_a_name_spelt_otherwise_than_written_is_never_read_by_lines(tmp_path, monkeypatch, spelt):
    """A line of the series the marks would not see: the file is not indexed, and an entry for
    it (planted, with its digest) is not used."""
    text = lines_of(*mixed())
    root = ledger_with(tmp_path, text.replace('target: new_places, county: "任城区", value: 20}', spelt, 1))
    data = june(root).read_bytes()
    assert data != text.encode() and not series_index.indexable(data)
    expected = series(root)
    assert [r[0].value for r in expected if r[0].county == "任城区"].count(Decimal(20)) == 1
    assert cache.get("series-index", series_index.entry_key(root, june(root)), plain=True) is None
    from minsheng_cli.ledger.progress_fast import parse_fast_grouped

    records, groups = parse_fast_grouped(data.decode(), str(june(root)), 1, WANTED)
    honest = series_index.FileIndex.of_lines(data, groups)
    series_index.remember(series_index.entry_key(root, june(root)), None, data, honest)
    whole_reads = parsed_whole(monkeypatch)
    assert series(root) == expected and len(whole_reads) == 1


def test_an_entry_of_another_file_is_not_used_for_this_one(tmp_path, monkeypatch):
    """A genuine entry copied to another file's key is refused (its MAC covers its key; nor do
    its stat and digest fit the other file)."""
    from minsheng_cli.ledger.layout import cache_entry

    root = ledger_with(tmp_path, lines_of(*mixed()))
    other = root / "progress" / "2023-06" / "02.yaml"
    other.write_text(lines_of(*mixed(5)), encoding="utf-8")
    series(root)
    read_series(root, other, 1, WANTED)
    expected = located(read_series(root, other, 1, WANTED))
    shutil.copyfile(cache_entry("series-index", series_index.entry_key(root, june(root))), cache_entry("series-index", series_index.entry_key(root, other)))
    whole_reads = parsed_whole(monkeypatch)
    assert located(read_series(root, other, 1, WANTED)) == expected and len(whole_reads) == 1


def test_notes_holding_the_marks_are_still_read_by_lines(tmp_path, monkeypatch):
    from minsheng_cli.ledger.progress_file import read_own_series

    notes = [Record(D.replace(day=9), 1, note="更正 target: total_places, 见附件"), Record(D.replace(day=9), 1, note='见 target: new_places, county: "任城区"')]
    root = ledger_with(tmp_path, lines_of(*mixed(), *notes))
    asks = [(frozenset({"total_places", None}), None), (WANTED, "任城区")]
    expected = [located(read_own_series(root, None, 1, targets, county)[0]) for targets, county in asks]
    whole_reads = parsed_whole(monkeypatch)
    assert [located(read_own_series(root, None, 1, targets, county)[0]) for targets, county in asks] == expected and whole_reads == []


# --- appending ---------------------------------------------------------------------------------------
def test_appending_to_a_known_file_does_not_parse_it_again_and_writes_the_same_bytes(tmp_path, monkeypatch):
    cached = ledger_with(tmp_path, lines_of(*mixed()), "cached")
    plain = ledger_with(tmp_path, lines_of(*mixed()), "plain")
    series(cached)  # what an update's read leaves: the file's index
    reads: list[str] = []
    import minsheng_cli.ledger.store as store

    real = store.parse_progress_text
    monkeypatch.setattr(store, "parse_progress_text", lambda text, path, *a: (reads.append(path), real(text, path, *a))[1])
    new = [Record(D.replace(day=9), 1, "new_places", "任城区", Decimal(95)), Record(D.replace(day=9), 1, note="验收")]
    written = append_records(cached, new, use_cache=True)
    assert reads == []
    assert [(r.line, r) for r in written] == [(r.line, r) for r in append_records(plain, new)]
    assert june(cached).read_bytes() == june(plain).read_bytes()
    whole_reads = parsed_whole(monkeypatch)
    assert series(cached) == whole(cached) and whole(cached)[-2:] == [(new[0], "01.yaml", 25), (new[1], "01.yaml", 26)]
    assert whole_reads == []  # the write kept the new content's index: the next read parses only its lines


def test_appending_lines_the_index_cannot_describe_tells_the_digest_of_what_was_written(tmp_path, monkeypatch):
    """A note written with a backslash escape (`C:\\u…`) makes the file one read whole from now on;
    the writer still says what it wrote, by its digest (what series_summary keys a state by)."""
    root = ledger_with(tmp_path, lines_of(*mixed()))
    series(root)
    digests: dict = {}
    append_records(root, [Record(D.replace(day=9), 1, note="见 C:\\users\\x 目录")], use_cache=True, digests=digests)
    data = june(root).read_bytes()
    assert b"\\u" in data and not series_index.indexable(data)
    assert digests == {june(root): series_index.digest_of(data)}
    whole_reads = parsed_whole(monkeypatch)
    assert series(root) == whole(root) and len(whole_reads) == 1


records_strategy = st.lists(st.tuples(
    st.integers(1, 28), st.sampled_from(["new_places", "total_places", None]), st.sampled_from(["任城区", "兖州区", None]),
    st.integers(0, 10**6), st.sampled_from([None, "进展", "含\u2028分隔"]),
), min_size=1, max_size=6)


def as_record(day, target, county, value, note) -> Record:
    if target is None:
        return Record(D.replace(day=day), 1, note=note or "进展")
    return Record(D.replace(day=day), 1, target, county if target == "new_places" else None, Decimal(value), note=note)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=st.lists(records_strategy, min_size=1, max_size=5),
       reads=st.lists(st.sampled_from([WANTED, frozenset({"total_places"}), frozenset({None}), frozenset({"new_places"})]), min_size=1,
                      max_size=5),
       edit=st.booleans())
def test_any_appends_and_reads_agree_with_whole_reads(tmp_path_factory, batches, reads, edit):
    folder = tmp_path_factory.mktemp("ledgers")
    cached = ledger_with(folder, "# 头\n", "cached")
    plain = ledger_with(folder, "# 头\n", "plain")
    for number, batch in enumerate(batches):
        records = [as_record(*row) for row in batch]
        assert [r.line for r in append_records(cached, records, use_cache=True)] == [r.line for r in append_records(plain, records)]
        if edit and number == 1:  # a person's hand edit in between: a comment after a record
            for root in (cached, plain):
                june(root).write_bytes(june(root).read_bytes() + b"- {date: 2023-06-02, note: \"\xe6\x89\x8b\"}  # ok\n")
        entry = cache.get("series-index", series_index.entry_key(cached, june(cached)), plain=True)
        if entry is not None and entry["digest"] == series_index.digest_of(june(cached).read_bytes()):  # the write's own index
            assert series_index.FileIndex.from_plain(entry["groups"]).groups == \
                series_index.FileIndex.of_records(june(cached).read_bytes(), read_progress(cached)).groups
        for targets in reads:
            assert series(cached, targets) == whole(cached, targets)
        assert june(cached).read_bytes() == june(plain).read_bytes()
    shutil.rmtree(folder)


# --- end to end ------------------------------------------------------------------------------------------
def test_updates_with_and_without_the_index_write_and_say_the_same(example_ledger, tmp_path, cli, monkeypatch):
    plain = tmp_path / "plain"
    shutil.copytree(example_ledger, plain)
    steps = [("3", "branch_centers", "1", "--county", "济宁经济技术开发区", "--date", "2023-06-30", "--correct", "--reason", "补报"),
             ("3", "branch_centers", "1", "--county", "太白湖新区", "--date", "2023-07-03"),  # a new file
             ("3", "branch_centers", "2", "--county", "太白湖新区", "--date", "2023-07-10"),  # read whole, then indexed
             ("3", "branch_centers", "1", "--county", "汶上县", "--date", "2023-07-10"),  # read and appended by its index
             ("3", "--note", "七月进展顺利", "--date", "2023-07-10"),
             ("3", "branch_centers", "1", "--county", "太白湖新区", "--date", "2023-07-10", "--correct", "--reason", "重复统计")]
    for step in steps:
        indexed = cli("--data", example_ledger, "update", *step)
        whole_read = cli("--data", plain, "--no-cache", "update", *step)
        assert indexed.exit_code == whole_read.exit_code == 0, indexed.output
        assert indexed.stdout.replace(str(example_ledger), "") == whole_read.stdout.replace(str(plain), "")
    files = sorted(p.relative_to(example_ledger) for p in (example_ledger / "progress").rglob("*.yaml"))
    assert files == sorted(p.relative_to(plain) for p in (plain / "progress").rglob("*.yaml"))
    assert all((example_ledger / f).read_bytes() == (plain / f).read_bytes() for f in files)
    assert cli("--data", example_ledger, "check").exit_code == 0
    july = example_ledger / "progress" / "2023-07" / "03.yaml"
    entry = cache.get("series-index", series_index.entry_key(example_ledger, july), plain=True)
    assert entry["digest"] == cache.blake2b(july.read_bytes(), digest_size=20).hexdigest()  # kept by the last update's write


@given(st.lists(st.integers(0, 2**32 - 1), max_size=40), st.data())
def test_a_series_decoded_alone_is_its_part_of_the_column(values, data):
    """An entry's columns are kept as base64 and a read of one county's decodes only its part:
    that part is the column's slice, wherever it starts and ends in the base64 groups."""
    from array import array

    column = array("I", values)
    text = series_index.FileIndex.of_groups({("t", "c"): (column, column)}).to_plain()["lines"]
    start = data.draw(st.integers(0, len(values)))
    size = data.draw(st.integers(0, len(values) - start))
    assert series_index._array_part(text, start, size) == column[start:start + size]
    assert series_index._kept_length(text) == len(values)


def test_keys_spelt_as_an_entry_keeps_them_read_back_the_same():
    keys = [["new_places", "任城区"], ["new_places", None], [None, "兖州区"], [None, None], ["fee_cut", ""]]
    assert series_index.split_keys(series_index.join_keys(keys)) == keys
    assert series_index.split_keys(series_index.join_keys([])) == []


@given(st.lists(st.binary(max_size=300), min_size=1, max_size=5))
def test_within_one_pass_a_digest_is_the_digest_of_the_bytes(parts):
    """Bytes hashed on from the ones hashed before them (a file, then the file appended to) have
    the digest of their own bytes, whatever came before."""
    from hashlib import blake2b

    with series_index.one_pass():
        grown = b""
        for part in parts:
            grown += part
            assert series_index.digest_of(grown) == blake2b(grown, digest_size=20).hexdigest()
            assert series_index.digest_of(part) == blake2b(part, digest_size=20).hexdigest()


def test_within_one_pass_the_same_bytes_are_the_same_index_without_the_entry(tmp_path, monkeypatch):
    root = ledger_with(tmp_path, lines_of(*mixed()))
    series(root)
    key, path = series_index.entry_key(root, june(root)), june(root)
    reads: list[str] = []
    real = cache.get
    monkeypatch.setattr(cache, "get", lambda kind, *a, **k: (reads.append(kind), real(kind, *a, **k))[1])
    with series_index.one_pass():
        first = series_index.known(key, path.stat(), path.read_bytes())
        assert series_index.known(key, path.stat(), path.read_bytes()) is first and reads == ["series-index"]
        changed = path.read_bytes().replace(b"value: 60}", b"value: 61}")
        assert series_index.known(key, path.stat(), changed) is None and reads == ["series-index"] * 2  # other bytes: the entry, refused
    assert series_index.known(key, path.stat(), path.read_bytes()) is not first and len(reads) == 3  # outside a pass: read again
