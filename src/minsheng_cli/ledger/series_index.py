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
Only files whose bytes are their text (UTF-8 without a BOM or a CR) and whose every line the
fast reader's one `findall` reads are indexed; any other file is read whole every time. The lines
an entry names are still parsed by the fast reader and must be exactly records of the asked
targets (`progress_fast.parse_selected`), else the file is read whole: a stale or garbled entry
costs a whole read. An entry planted on purpose in the cache folder (which is the user's alone,
cache.py) can no more run anything or make a read build more lines than the file has (`fits`)
than a planted report entry can; like one, it could misstate what it stands for.
"""

from __future__ import annotations

import time
from array import array
from pathlib import Path
from typing import Optional

from minsheng_cli.ledger import cache, stat_index
from minsheng_cli.ledger.cache import blake2b

_KIND = "series-index"
_OFFSET = "I"  # 4 bytes: a progress file is at most yamlio.MAX_FILE_BYTES
_FIELDS = ("lines", "starts", "ends")


class FileIndex:
    """One file's index: target (None: the narratives) → (line numbers, start and end offsets),
    each an array in line order."""

    def __init__(self, groups: dict[Optional[str], tuple[array, array, array]]):
        self.groups = groups

    @classmethod
    def of_lines(cls, data: bytes, groups: dict[Optional[str], list[int]]) -> "FileIndex":
        """From `data` and the line numbers of each target (progress_fast.parse_fast_grouped)."""
        ends, end = [], -1
        for line in data.split(b"\n"):
            end += len(line) + 1
            ends.append(end)  # the offset of line n's newline (or of the end) is ends[n - 1]
        index = {}
        for target, numbers in groups.items():
            index[target] = (array(_OFFSET, numbers), array(_OFFSET, [ends[n - 2] + 1 if n > 1 else 0 for n in numbers]),
                             array(_OFFSET, [ends[n - 1] for n in numbers]))
        return cls(index)

    def selection(self, data: bytes, targets: frozenset) -> tuple[list[int], str]:
        """(the line numbers, those lines joined) of the records of `targets`, in line order."""
        chosen = sorted((number, start, end) for target in targets if target in self.groups
                        for number, start, end in zip(*self.groups[target]))
        text = b"\n".join([data[start:end] for _, start, end in chosen]).decode("utf-8")
        return [number for number, _, _ in chosen], text

    def appended(self, old_size: int, old_lines: int, written: list, data: bytes) -> "FileIndex":
        """This index with the `written` records (as read back: their lines set), appended to a
        file of `old_lines` lines as `data[old_size:]`, added."""
        added = FileIndex.of_lines(data[old_size:], _lines_by_target(written, old_lines))
        groups = {target: tuple(array(_OFFSET, column) for column in columns) for target, columns in self.groups.items()}
        for target, columns in added.groups.items():
            lines, starts, ends = groups.setdefault(target, (array(_OFFSET), array(_OFFSET), array(_OFFSET)))
            lines.extend(number + old_lines for number in columns[0])
            starts.extend(offset + old_size for offset in columns[1])
            ends.extend(offset + old_size for offset in columns[2])
        return FileIndex(groups)

    def fits(self, data: bytes) -> bool:
        """No more lines than `data` has, none past its end: a planted entry cannot make a read
        build more than the file's own lines."""
        lines = sum(len(columns[0]) for columns in self.groups.values())
        return lines <= data.count(b"\n") + 1 and all(not columns[2] or max(columns[2]) <= len(data) for columns in self.groups.values())

    def to_plain(self) -> list:
        return [[target, *(column.tobytes().hex() for column in columns)] for target, columns in self.groups.items()]

    @classmethod
    def from_plain(cls, plain) -> Optional["FileIndex"]:
        try:
            groups = {}
            for target, *columns in plain:
                arrays = []
                for column in columns:
                    values = array(_OFFSET)
                    values.frombytes(bytes.fromhex(column))
                    arrays.append(values)
                if len(arrays) != len(_FIELDS) or len({len(values) for values in arrays}) != 1:
                    return None
                if target is not None and not isinstance(target, str):
                    return None
                groups[target] = tuple(arrays)
            return cls(groups)
        except (TypeError, ValueError):
            return None


def _lines_by_target(records: list, before: int) -> dict[Optional[str], list[int]]:
    """Target → the line numbers of its records, counted from the line after line `before`."""
    groups: dict[Optional[str], list[int]] = {}
    for record in records:
        groups.setdefault(record.target, []).append(record.line - before)
    return groups


def indexable(data: bytes) -> bool:
    """Offsets into the bytes are offsets into the text read from them (yamlio.decode)."""
    return not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data


def entry_key(root: Path, path: Path) -> str:
    """The key of a progress file's entry: the ledger's folder and the file's month/name."""
    name = f"{Path(path).parent.name}/{Path(path).name}"
    return cache.content_key(str(Path(root).resolve()).encode("utf-8", "surrogatepass"), name.encode("utf-8", "surrogatepass"))


def known(key: str, status, data: bytes, use: bool = True) -> Optional[FileIndex]:
    """The remembered index of a file read as `data` (stat `status`, taken after the read), if it
    describes these very bytes; a digest-checked entry is remembered again with this stat once
    the file has settled, so the next read trusts the stat."""
    entry = cache.get(_KIND, key, use)
    if not isinstance(entry, dict) or not isinstance(entry.get("stat"), list):
        return None
    signature = stat_index.stat_signature(status)
    taken = entry.get("taken")
    trusted = entry["stat"] == signature and isinstance(taken, int) and stat_index.settled(signature, taken)
    if not trusted and entry.get("digest") != _digest(data):
        return None
    index = FileIndex.from_plain(entry.get("groups"))
    if index is None or not index.fits(data):
        return None
    if not trusted and stat_index.settled(signature, time.time_ns()):
        remember(key, status, data, index, use)
    return index


def remember(key: str, status, data: bytes, index: FileIndex, use: bool = True) -> None:
    """Keep `index` for the file read as `data` with stat `status` (None: a file just written,
    whose stat is racy — it is then known by its digest only)."""
    signature = stat_index.stat_signature(status) if status is not None else []
    cache.put(_KIND, key, {"stat": signature, "taken": time.time_ns(), "digest": _digest(data), "groups": index.to_plain()}, use)


def _digest(data: bytes) -> str:
    return blake2b(data, digest_size=20).hexdigest()
