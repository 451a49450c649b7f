"""A content-keyed cache that can never be stale.

An entry's key is a hash of the exact bytes it was computed from (plus the program version), so
a changed file simply misses. Entries live in the user's cache folder, outside any ledger
(layout.cache_dir), so they are never committed; deleting the folder at any time is safe.
`MINSHENG_CACHE` moves it; `MINSHENG_NO_CACHE=1` bypasses it, and so does a caller that passes
`use=False` (the global `--no-cache`, carried by the run's LedgerContext).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from typing import Any

from minsheng_cli import __version__
from minsheng_cli.ledger.layout import cache_dir, cache_entry, temporary_file

def enabled(use: bool = True) -> bool:
    return use and os.environ.get("MINSHENG_NO_CACHE", "") in ("", "0")


def content_key(*parts: bytes) -> str:
    digest = hashlib.blake2b(__version__.encode(), digest_size=20)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def get(kind: str, key: str, use: bool = True) -> Any | None:
    if not enabled(use):
        return None
    try:
        with open(cache_entry(kind, key), "rb") as handle:
            return pickle.load(handle)
    except Exception:  # missing, truncated or from another version: recompute
        return None


def put(kind: str, key: str, value: Any, use: bool = True) -> None:
    if not enabled(use):
        return
    entry = cache_entry(kind, key)
    try:
        cache_dir().mkdir(parents=True, exist_ok=True)
        tmp = temporary_file(entry, str(os.getpid()))
        with open(tmp, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except OSError:
        pass  # a cache that cannot be written is only slower
