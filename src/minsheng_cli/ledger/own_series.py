"""Where one county's records of an update's targets are in every file of its project, remembered
together, so that an update reads one small entry instead of every file's index (PRODUCT.md §5).

At a province's size a project's twelve files each have an index of ~960 series (series_index:
≈110 KB of JSON, read, signature-checked and decoded twelve times an update, 5 ms of its budget)
of which an update wants one series and the narratives. An entry here, in the cache folder like
any other (cache.py: JSON, private, signed), holds for one (ledger, project, targets, county) and
each file: the stat and digest of the content it was taken from (series_index's rule: the stat
when the file had settled, else the digest), and the (line number, start) of each line wanted.
A file whose row does not describe the bytes just read — the file the last update appended to,
a file edited by hand — is read through its own index as before, and the row taken anew from it.
The lines a row names are parsed and must be exactly records of the asked targets and county
(`progress_file.read_own_series`), else the file is read whole, as for an index.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Optional

from minsheng_cli.ledger import cache, stat_index
from minsheng_cli.ledger.series_index import digest_of, lines_at

_KIND = "own-series"
_LINE_READ = 1024  # a record line as minsheng writes it is ~60–300 bytes; a longer one takes more reads


def entry_key(root: Path, project: int, targets: frozenset, county: Optional[str]) -> str:
    asked = sorted(targets, key=lambda target: (target is not None, target or ""))
    return cache.location_key(root, json.dumps([project, asked, county], ensure_ascii=False))


def known(key: str, use: bool = True) -> dict:
    """month/name → the row remembered for that file ({} when nothing is)."""
    entry = cache.get(_KIND, key, use, plain=True)
    files = entry.get("files") if isinstance(entry, dict) else None
    return files if isinstance(files, dict) else {}


def remember(key: str, files: dict, use: bool = True) -> None:
    cache.put(_KIND, key, {"files": files}, use, plain=True)


def row(status, digest: str, chosen: list[tuple[int, int]]) -> list:
    """A file's row: its stat (taken after the read), when it was taken, the digest of the bytes
    read, and the (number, start) of each line wanted."""
    return [stat_index.stat_signature(status), time.time_ns(), digest, [number for number, _ in chosen], [start for _, start in chosen]]


def restated(remembered: list, status) -> list:
    """A row found by its digest, taken anew with the file's stat once the file has settled (the
    next read then trusts the stat and reads the lines alone) — also when the stat is the row's
    but the row was taken before the file had settled, which no read would ever trust."""
    signature, now = stat_index.stat_signature(status), time.time_ns()
    if stat_index.holds(remembered[0], remembered[1], signature) or not stat_index.settled(signature, now):
        return remembered
    return [signature, now, *remembered[2:]]


def read_settled(path: Path, remembered) -> Optional[tuple[list[int], str, str]]:
    """(line numbers, the lines joined, the digest) of the lines a file's row names, read alone —
    no other byte of the file — when the file's stat is the row's and the file had settled when
    the row was taken (series_index's rule: any later edit moves the mtime or the ctime); else
    None. The stat is taken again after the reads: a change meanwhile refuses them."""
    from minsheng_cli.ledger.yamlio import open_regular

    shape = _shape(remembered)
    if shape is None:
        return None
    signature, taken, digest, numbers, starts = shape
    with open_regular(path) as handle:
        fd = handle.fileno()
        try:
            now = stat_index.stat_signature(os.fstat(fd))
            if not stat_index.holds(signature, taken, now):
                return None
            lines = [_line_at(fd, start, now[0]) for start in starts]
            if None in lines or stat_index.stat_signature(os.fstat(fd)) != now:
                return None
        except OSError:  # read whole instead, which says what is wrong
            return None
    try:
        return numbers, b"\n".join(lines).decode("utf-8"), digest
    except UnicodeDecodeError:
        return None


def selection(remembered, data: bytes) -> Optional[tuple[list[int], str, str]]:
    """As `read_settled`, from the bytes of the whole file, when the row's digest is theirs (a
    file that had not settled when its row was taken, or whose stat moved)."""
    shape = _shape(remembered)
    if shape is None:
        return None
    signature, _, digest, numbers, starts = shape
    if signature[:1] != [len(data)] or digest != digest_of(data):  # another size is other content: no digest taken
        return None
    if any(start >= len(data) for start in starts):
        return None
    joined = lines_at(data, list(zip(numbers, starts)))
    return (*joined, digest) if joined is not None else None


def _shape(remembered) -> Optional[list]:
    """The row if it is one as `row` makes it."""
    if not (isinstance(remembered, list) and len(remembered) == 5):
        return None
    signature, _, digest, numbers, starts = remembered
    if not (isinstance(signature, list) and signature and isinstance(digest, str) and _numbers(numbers) and _numbers(starts)
            and len(numbers) == len(starts)):
        return None
    return remembered


def _line_at(fd: int, start: int, size: int) -> Optional[bytes]:
    """The line starting at byte `start` of a file of `size` bytes, without its newline (the last
    line may have none); None for a start past the end."""
    if start >= size:
        return None
    chunks = []
    while start < size:
        chunk = os.pread(fd, _LINE_READ, start)
        if not chunk:
            break
        end = chunk.find(b"\n")
        if end >= 0:
            chunks.append(chunk[:end])
            break
        chunks.append(chunk)
        start += len(chunk)
    return b"".join(chunks)


def _numbers(values) -> bool:
    return isinstance(values, list) and all(type(value) is int and value >= 0 for value in values)
