"""Which lines of a progress file hold which target's records, remembered per file, so that an
update reads and parses only the records of its own target (PRODUCT.md §5).

At a province's size one project's twelve files hold 75,000 records, of which one target's are
19,000: an update that parsed them all spent half its time there. An index entry, in the cache
folder like any other entry (cache.py: JSON, private, keyed by the code), says for one exact
content of one file where each target's record lines are (their numbers and byte offsets). It is
used for the bytes just read only when it describes them:
- the file's stat (taken after reading) is the one the entry was taken with, and the file had
  settled then (stat_index's rule, git's index: any later edit moves the mtime or the ctime); or
- the digest of the bytes is the one remembered (a file written within the racy window — the
  file an update has just appended to is the next update's file).
Only files whose bytes are their text (UTF-8 without a BOM or a CR), whose names are spelt as the
writer spells them (`indexable`) and whose every line the fast reader's one `findall` reads are
indexed; any other file is read whole every time. The lines an entry names are still parsed by
the fast reader and must be exactly records of the asked targets (`progress_fast.parse_selected`),
else the file is read whole: a stale or garbled entry costs a whole read.

What an entry says is not checked against the bytes beyond that — that it names every line of
the series, each at its own offset, would take a pass over the file, which at a province's size
cost an update 13 ms of its 50 —: that an entry is what this code wrote for this file's key,
the cache's signature says (cache.py); one planted or edited in the cache folder, or copied from
another file's key, is refused, and the file is read whole.
"""

from __future__ import annotations

import time
from array import array
from binascii import a2b_base64, b2a_base64
from contextlib import contextmanager
from itertools import accumulate
from pathlib import Path
from typing import Optional

from minsheng_cli.ledger import cache, stat_index
from minsheng_cli.ledger.cache import blake2b

_KIND = "series-index"
_OFFSET = "I"  # 4 bytes: a progress file is at most yamlio.MAX_FILE_BYTES
_WIDTH = array(_OFFSET).itemsize
_FIELDS = ("lines", "starts")


ALL = object()  # `selection`'s county: every county of the targets asked

# An entry keeps its series' keys as one text, "target\x1fcounty" joined by "\x1e", None as
# "\x00" (a list of pairs cost JSON three times as long to read, twelve entries an update), and
# the columns in base64. No name of an indexed file holds these characters: a raw control
# character is not in the fast shape, an escape of one (\u) makes a file not `indexable`.
_KEYS_APART = "\x1e"
_NAMES_APART = "\x1f"
_NO_NAME = "\x00"


class FileIndex:
    """One file's index: for each series, [target, county] — target None: the narratives — the
    numbers of its lines and the offsets they start at, in line order (a line ends at the next
    newline). Held as two arrays with every series end to end, the series' keys and sizes in that
    order, as it is kept: a read of one county's series finds its place by its key alone (a
    province file has ~960 series; building a table of all of them cost more than the read).
    `digest`: of the bytes it describes (None until remembered)."""

    def __init__(self, keys: Optional[list[list]], sizes: array, columns: Optional[tuple[array, array]], digest: Optional[str] = None,
                 keys_text: Optional[str] = None, columns_text: Optional[tuple[str, str]] = None):
        self._keys, self._keys_text, self.sizes, self.digest = keys, keys_text, sizes, digest
        self._columns, self._columns_text = columns, columns_text

    @property
    def columns(self) -> tuple[array, array]:
        """(line numbers, starts) of every series, end to end; ValueError for a kept text that is not one."""
        if self._columns is None:
            self._columns = tuple(_array(text, self.line_count()) for text in self._columns_text)
        return self._columns

    def line_count(self) -> int:
        """How many lines the index names."""
        return sum(self.sizes)

    def _series_columns(self, start: int, size: int) -> tuple[array, array]:
        """(line numbers, starts) of the series at `start` in the columns: from an entry's text,
        only their part decoded (a read of one county's needs 1 series of ~960)."""
        if self._columns is not None:
            return tuple(column[start:start + size] for column in self._columns)
        return tuple(_array_part(text, start, size) for text in self._columns_text)

    @property
    def keys(self) -> list[list]:
        """[target, county] of each series, in the columns' order."""
        if self._keys is None:
            self._keys = split_keys(self._keys_text)
        return self._keys

    @property
    def keys_text(self) -> str:
        """The keys as an entry keeps them (`join_keys`)."""
        if self._keys_text is None:
            self._keys_text = join_keys(self._keys)
        return self._keys_text

    @classmethod
    def of_groups(cls, groups: dict[tuple, tuple]) -> "FileIndex":
        """From series → (line numbers, starts)."""
        columns = tuple(array(_OFFSET) for _ in _FIELDS)
        for group in groups.values():
            for column, values in zip(columns, group):
                column.extend(values)
        return cls([list(series) for series in groups], array(_OFFSET, [len(group[0]) for group in groups.values()]), columns)

    @property
    def groups(self) -> Optional[dict[tuple, tuple[array, array]]]:
        """Series (target, county) → (line numbers, starts); None for an entry not as kept."""
        if not self._keys_kept():
            return None
        return {tuple(key): columns for key, columns in zip(self.keys, _split_columns(self))}

    def _keys_kept(self) -> bool:
        """Every key a series, each once: what this code keeps (an entry of another build may differ)."""
        return _kept(self._key_texts())

    def _key_texts(self) -> list[str]:
        return self.keys_text.split(_KEYS_APART) if self.keys_text else []

    @classmethod
    def of_lines(cls, data: bytes, groups: dict[tuple, list[int]]) -> "FileIndex":
        """From `data` and the line numbers of each series (progress_fast.parse_fast_grouped)."""
        starts, start = [], 0
        for line in data.split(b"\n"):
            starts.append(start)  # line n starts at starts[n - 1]
            start += len(line) + 1
        return cls.of_groups({series: (numbers, [starts[n - 1] for n in numbers]) for series, numbers in groups.items()})

    @classmethod
    def of_records(cls, data: bytes, records: list) -> "FileIndex":
        """From `data` and every record read from it (their lines set)."""
        return cls.of_lines(data, _lines_by_series(records, 0))

    def selection(self, data: bytes, targets: frozenset, county=ALL) -> Optional[tuple[list[int], str]]:
        """(the line numbers, those lines joined) of the records of `targets`, in line order; with
        `county`, only that county's of each target (the narratives, target None, all). None when
        the entry is not one this code keeps."""
        chosen = self.chosen(targets, county)
        return lines_at(data, chosen) if chosen is not None else None

    def chosen(self, targets: frozenset, county=ALL) -> Optional[list[tuple[int, int]]]:
        """(line number, start) of each line `selection` joins, in line order; None when the entry
        is not one this code keeps."""
        places = self._places(targets, county)
        if places is None:
            return None
        try:
            return sorted(pair for start, size in places for pair in zip(*self._series_columns(start, size)))
        except ValueError:  # a column's text that is not one
            return None

    def _places(self, targets: frozenset, county) -> Optional[list[tuple[int, int]]]:
        """(start, size) in the columns of each series asked; None for an entry not as kept."""
        if county is ALL or not (county is None or isinstance(county, str)):
            if not self._keys_kept():
                return None
            wanted = [index for index, (target, _) in enumerate(self.keys) if target in targets]
        else:  # one county's: found by key in the keys' text, the others never looked at
            wanted = self._own_places(targets, county)
            if wanted is None:
                return None
        offsets = [0]
        offsets.extend(accumulate(self.sizes))
        return [(offsets[index], self.sizes[index]) for index in wanted]

    def _own_places(self, targets: frozenset, county: Optional[str]) -> Optional[list[int]]:
        """The indexes of `county`'s series of `targets` and of every narrative; None when a key
        asked is there twice or a narrative's key is not a series (what an entry never holds)."""
        text = _KEYS_APART + self.keys_text + _KEYS_APART
        wanted = []
        for target in targets:
            if target is not None:
                found = _places_of(text, _KEYS_APART + join_keys([[target, county]]) + _KEYS_APART)
                if len(found) > 1:
                    return None
                wanted += found
        narrative = _KEYS_APART + _NO_NAME + _NAMES_APART
        narratives = _places_of(text, narrative)
        counties = [text[at + len(narrative):text.index(_KEYS_APART, at + 1)] for at in narratives]
        if any(_NAMES_APART in name for name in counties) or len(set(counties)) != len(counties):
            return None
        return [text.count(_KEYS_APART, 0, at) for at in wanted + narratives]

    def appended(self, old_size: int, old_lines: int, written: list, data: bytes) -> Optional["FileIndex"]:
        """This index with the `written` records (as read back: their lines set), appended to a
        file of `old_lines` lines as `data[old_size:]`, added (None for an entry not as kept):
        each series' new lines at the end of its own, a new series after the others."""
        texts = self._key_texts()
        try:
            if not _kept(texts):
                return None
            sizes, columns = array(_OFFSET, self.sizes), tuple(array(_OFFSET, c) for c in self.columns)
        except ValueError:
            return None
        added = FileIndex.of_lines(data[old_size:], _lines_by_series(written, old_lines))
        for key, size, new_columns in zip(added.keys, added.sizes, _split_columns(added)):
            shifted = (array(_OFFSET, (n + old_lines for n in new_columns[0])), array(_OFFSET, (o + old_size for o in new_columns[1])))
            text = join_keys([key])
            if text in texts:
                index = texts.index(text)
                at = sum(sizes[:index + 1])
                sizes[index] += size
            else:
                texts.append(text)
                sizes.append(size)
                at = len(columns[0])
            for column, values in zip(columns, shifted):
                column[at:at] = values
        return FileIndex(None, sizes, columns, keys_text=_KEYS_APART.join(texts))

    def to_plain(self) -> dict:
        texts = self._columns_text if self._columns is None else tuple(map(_text, self._columns))
        return {"keys": self.keys_text, "sizes": _text(self.sizes), **dict(zip(_FIELDS, texts))}

    @classmethod
    def from_plain(cls, plain, digest: Optional[str] = None) -> Optional["FileIndex"]:
        """The index kept as `plain`; None when it is not one (the keys are checked where read)."""
        try:
            keys, texts = plain["keys"], tuple(plain[name] for name in _FIELDS)
            sizes = _array(plain["sizes"], _kept_length(plain["sizes"]))
            lengths = {_kept_length(text) for text in texts}
        except (TypeError, ValueError, KeyError):
            return None
        if not isinstance(keys, str) or (keys.count(_KEYS_APART) + 1 if keys else 0) != len(sizes) or lengths != {sum(sizes)}:
            return None
        return cls(None, sizes, None, digest, keys, texts)


def join_keys(keys: list[list]) -> str:
    """Series' keys as one text (how an entry keeps them)."""
    return _KEYS_APART.join(_NAMES_APART.join(_NO_NAME if name is None else name for name in key) for key in keys)


def split_keys(text: str) -> list[list]:
    """The keys `join_keys` made (a key that was not a pair of names is not one here either)."""
    return [[None if name == _NO_NAME else name for name in key.split(_NAMES_APART)] for key in text.split(_KEYS_APART)] if text else []


def _places_of(text: str, needle: str) -> list[int]:
    """Where `needle` (starting and ending with _KEYS_APART) is in `text`, each time."""
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _split_columns(index: FileIndex):
    """Each series' (line numbers, starts), in key order."""
    start = 0
    for size in index.sizes:
        yield tuple(column[start:start + size] for column in index.columns)
        start += size


def lines_at(data: bytes, chosen: list[tuple[int, int]]) -> Optional[tuple[list[int], str]]:
    """(the line numbers, the lines joined) of the lines `chosen` — (number, start) in line order —
    of `data`; None when those bytes are not UTF-8."""
    try:
        return [number for number, _ in chosen], b"\n".join([data[first:_line_end(data, first)] for _, first in chosen]).decode("utf-8")
    except UnicodeDecodeError:
        return None


def _kept(texts: list[str]) -> bool:
    """Keys' texts as `join_keys` spells them, each a pair of names, each once."""
    return all(text.count(_NAMES_APART) == 1 for text in texts) and len(set(texts)) == len(texts)


def _line_end(data: bytes, start: int) -> int:
    end = data.find(b"\n", start)
    return len(data) if end < 0 else end


def _array(text: str, length: int) -> array:
    """The `length` values of a column kept as `_text`; ValueError for a text that is not them."""
    values = array(_OFFSET)
    values.frombytes(a2b_base64(text))
    if len(values) != length:
        raise ValueError(text)
    return values


def _array_part(text: str, start: int, size: int) -> array:
    """Values start … start + size - 1 of a column kept as `_text`, decoding only their base64
    groups (4 characters for 3 bytes); ValueError for a text that is not them."""
    first, end = _WIDTH * start, _WIDTH * (start + size)
    group = first // 3
    values = array(_OFFSET)
    values.frombytes(a2b_base64(text[4 * group:4 * -(-end // 3)])[first - 3 * group:end - 3 * group])
    if len(values) != size:
        raise ValueError(text)
    return values


def _kept_length(text: str) -> int:
    """How many values a column kept as `_text` holds; ValueError for a text that cannot be one."""
    if not isinstance(text, str) or len(text) % 4:
        raise ValueError(text)
    size = len(text) // 4 * 3 - text.count("=", len(text) - 2)
    if size % _WIDTH:
        raise ValueError(text)
    return size // _WIDTH


def _text(values: array) -> str:
    return b2a_base64(values.tobytes(), newline=False).decode("ascii")


def _lines_by_series(records: list, before: int) -> dict[tuple, list[int]]:
    """(target, county) → the line numbers of its records, counted from the line after line `before`."""
    groups: dict[tuple, list[int]] = {}
    for record in records:
        groups.setdefault((record.target, record.county), []).append(record.line - before)
    return groups


def indexable(data: bytes) -> bool:
    """Offsets into the bytes are offsets into the text read from them (yamlio.decode), and every
    name is spelt as the writer spells it — no `\\u` or `\\/` escape, no quoted target: the
    index is for files as minsheng writes them; a hand-spelt one is read whole."""
    if data.startswith(b"\xef\xbb\xbf") or b"\r" in data or b'target: "' in data:
        return False
    return b"\\" not in data or (b"\\u" not in data and b"\\/" not in data)


def month_and_name(path: Path) -> str:
    """YYYY-MM/NN.yaml: what a progress file is known by in an entry's key and in a state."""
    return f"{Path(path).parent.name}/{Path(path).name}"


def entry_key(root: Path, path: Path) -> str:
    """The key of a progress file's entry: the ledger's folder and the file's month/name."""
    return cache.location_key(root, month_and_name(path))


class _Pass:
    """What one write under the lock (store.append_records) has found so far: the last index found
    (key, stat, bytes, index) and the last bytes hashed (bytes, hash). An update looks up the file
    it appends to twice — to read it, then to write it — and hashes its bytes, then the same bytes
    with the new lines after them: the second time the same bytes are the same index, and the hash
    goes on from the first (the hash is streamed: the same digest)."""

    def __init__(self):
        self.found: Optional[tuple] = None
        self.hashed: Optional[tuple] = None


_PASS: Optional[_Pass] = None


@contextmanager
def one_pass():
    global _PASS
    outer, _PASS = _PASS, _Pass()
    try:
        yield
    finally:
        _PASS = outer


def known(key: str, status, data: bytes, use: bool = True) -> Optional[FileIndex]:
    """The remembered index of a file read as `data` (stat `status`, taken after the read), if it
    describes these very bytes; a digest-checked entry is remembered again with this stat once
    the file has settled, so the next read trusts the stat."""
    signature = stat_index.stat_signature(status)
    found = _PASS.found if _PASS is not None and use else None
    if found is not None and found[0] == key and found[1] == signature and found[2] == data:
        return found[3]
    index = _known(key, signature, status, data, use)
    if index is not None and _PASS is not None:
        _PASS.found = (key, signature, data, index)
    return index


def _known(key: str, signature: list, status, data: bytes, use: bool) -> Optional[FileIndex]:
    entry = cache.get(_KIND, key, use, plain=True)
    if not isinstance(entry, dict) or not isinstance(entry.get("stat"), list):
        return None
    trusted = stat_index.holds(entry["stat"], entry.get("taken"), signature)
    if not trusted and entry.get("digest") != digest_of(data):
        return None
    index = FileIndex.from_plain(entry.get("groups"), entry.get("digest"))
    if index is None:
        return None
    if not trusted and stat_index.settled(signature, time.time_ns()):
        remember(key, status, data, index, use)
    return index


def remember(key: str, status, data: bytes, index: FileIndex, use: bool = True, checked: bool = False) -> None:
    """Keep `index` for the file read as `data` with stat `status` (None: a file just written,
    whose stat is racy — it is then known by its digest only); `index.digest` is set either way,
    but nothing is kept for bytes not `indexable` (`checked`: the caller knows they are — a file
    written as indexed bytes and indexable lines after them, store._keep_indexes)."""
    index.digest = digest_of(data)
    if not (checked or indexable(data)):
        return
    signature = stat_index.stat_signature(status) if status is not None else []
    cache.put(_KIND, key, {"stat": signature, "taken": time.time_ns(), "digest": index.digest, "groups": index.to_plain()}, use, plain=True)


def digest_of(data: bytes) -> str:
    """What an index entry knows a file's bytes by (and series_summary a file's state). Within
    `one_pass`, bytes that begin with the ones hashed last are hashed on from there."""
    hashed = _PASS.hashed if _PASS is not None else None
    if hashed is not None and len(data) >= len(hashed[0]) and data.startswith(hashed[0]):
        hasher = hashed[1].copy()
        hasher.update(memoryview(data)[len(hashed[0]):])
    else:
        hasher = blake2b(data, digest_size=20)
    if _PASS is not None:
        _PASS.hashed = (data, hasher)
    return hasher.hexdigest()
