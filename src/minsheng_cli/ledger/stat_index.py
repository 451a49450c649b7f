"""The warm report's key without reading the ledger: a token for every file a report can depend
on, from each progress file's stat where it can be trusted (git's index, for the same reason).

The old key (plan.fingerprint) joined every byte of the ledger into one object: at 1,000,000 records
that is ~130 MB read and hashed for a report already in the cache. Here each progress and
supervision file stands in the key for one token, remembered beside its stat (size, mtime,
ctime, inode) in the cache folder:
- a file whose stat last changed more than RACY_SECONDS ago is keyed by that stat itself: any
  later edit moves its mtime or ctime past it (an edit that keeps the size and sets the mtime
  back still moves the ctime, which no program can set), so nothing is read — a cold report at a
  province's size no longer hashes 130 MB before reading the same bytes again;
- a file changed within RACY_SECONDS is keyed by a digest of its bytes: a second edit within the
  file system's timestamp granularity could leave the stat as it was (git's "racily clean"
  entries), so such a stat is never trusted, and its digest is taken again on the next run
  (then kept, so the key does not move while nothing changes).
The plan file is always read (it is small). On Windows st_ctime is the creation time, so there
every file is read and keyed by its bytes. The index is a cache entry like any other: missing,
planted or unreadable, it is rebuilt; a token it holds is used only for the very stat it was
taken with, so it can never give the key of another content.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from minsheng_cli.ledger import cache
from minsheng_cli.ledger.cache import blake2b
from minsheng_cli.ledger.layout import progress_dir, supervision_dir
from minsheng_cli.ledger.yamlio import read_bytes

RACY_SECONDS = 2.0
TRUST_STAT = os.name != "nt"


def ledger_digest(root: Path, plan_bytes: bytes) -> bytes:
    """blake2b over the plan's bytes and every progress and supervision file's path and token."""
    index_key = cache.content_key(str(Path(root).resolve()).encode("utf-8", "surrogatepass"))
    old = cache.get("stat-index", index_key) if TRUST_STAT else None
    old = old if isinstance(old, dict) else {}
    new: dict[str, list] = {}
    digest = blake2b(plan_bytes, digest_size=20)
    now = time.time_ns()
    for name, path, status in _ledger_files(root):
        signature = stat_signature(status)
        known = old.get(name)
        if _still_valid(known, signature):
            token, taken = known[4], known[5]
        elif TRUST_STAT and not _same_stat(known, signature) and settled(signature, now):
            token, taken = "stat:" + ":".join(map(str, signature)), now
        else:
            token, taken = blake2b(read_bytes(path), digest_size=20).hexdigest(), time.time_ns()
        new[name] = [*signature, token, taken]
        digest.update(f"\0{name}\0{token}".encode("utf-8", "surrogatepass"))
    if TRUST_STAT and new != old:
        cache.put("stat-index", index_key, new)
    return digest.digest()


def _same_stat(known, signature: list) -> bool:
    """The remembered entry was taken for this very stat. (One that is not `_still_valid` was a
    digest taken while the file was racy: ledger_digest hashes the bytes again rather than key
    them by the stat, so the key stays what it was.)"""
    return isinstance(known, list) and len(known) == 6 and known[:4] == signature


def stat_signature(status: os.stat_result) -> list:
    """What a file's stat says of its content: size, mtime, ctime, inode."""
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]


def settled(signature: list, now: int) -> bool:
    """The file last changed more than RACY_SECONDS before `now` (a time.time_ns()): a stat
    taken then can be trusted to change with its content (git's racily-clean rule)."""
    return TRUST_STAT and max(signature[1], signature[2]) < now - int(RACY_SECONDS * 1e9)


def holds(remembered: list, taken, signature: list) -> bool:
    """A stat `remembered` when the file was read at `taken` (a time.time_ns()) still vouches for
    the bytes read then: it is the file's stat now, `signature`, and the file had settled by then."""
    return remembered == signature and isinstance(taken, int) and settled(signature, taken)


def _still_valid(known, signature: list) -> bool:
    """The remembered token holds: same stat, and the file had not changed in the RACY_SECONDS
    before the token was taken."""
    return _same_stat(known, signature) and isinstance(known[4], str) and holds(known[:4], known[5], signature)


def _ledger_files(root: Path):
    """(name, path, stat) of each of the office's supervision files (supervision/NAME) and of every
    progress file (month/name): every file besides the plan a report reads."""
    office = supervision_dir(root)
    if office.is_dir():
        for entry in sorted(os.scandir(office), key=lambda entry: entry.name):
            if entry.name.endswith(".yaml") and entry.is_file():
                yield f"supervision/{entry.name}", entry.path, entry.stat()
    progress = progress_dir(root)
    if not progress.is_dir():
        return
    for month in sorted(os.scandir(progress), key=lambda entry: entry.name):
        if not month.is_dir():
            continue
        for entry in sorted(os.scandir(month.path), key=lambda entry: entry.name):
            if entry.name.endswith(".yaml"):
                yield f"{month.name}/{entry.name}", entry.path, entry.stat()
