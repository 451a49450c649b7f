"""A content-keyed cache that can never be stale and never runs anything.

An entry's key is a hash of the exact bytes it was computed from, of the program's version and
of its code (the size and modification time of every module of the package, so an upgrade that
keeps the version string still misses) and of the Python and installed distributions it runs on, so a changed file simply misses. Entries are JSON of
plain data — strings, numbers, lists, and the plan's own dataclasses by name from a fixed list —
never pickle, so a planted entry can at worst be refused, never executed. They live in the
user's cache folder, outside any ledger (layout.cache_dir), made private (0700, files 0600); a
folder that others can write to is not used. Every entry is signed with a secret kept in the
folder (below): one planted or edited there, or copied from elsewhere, is refused — so no entry
is used that this program did not write, whatever its reader checks. Deleting the folder at any
time is safe.
`MINSHENG_CACHE` moves it; `MINSHENG_NO_CACHE=1` bypasses it, and so does a caller that passes
`use=False` (the global `--no-cache`, carried by the run's LedgerContext).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from functools import lru_cache
from pathlib import Path
from typing import Any

try:
    from _operator import _compare_digest  # hmac's own, without hmac importing hashlib
except ImportError:
    from hmac import compare_digest as _compare_digest

from minsheng_cli import __version__
from minsheng_cli.ledger.layout import cache_dir, cache_entry, temporary_file

try:  # hashlib's own blake2b, without hashlib loading OpenSSL (≈3 ms of a warm report)
    from _blake2 import blake2b
except ImportError:  # a Python built without its own hashes
    from hashlib import blake2b

MAX_ENTRY_BYTES = 64 * 1024 * 1024


def enabled(use: bool = True) -> bool:
    return use and os.environ.get("MINSHENG_NO_CACHE", "") in ("", "0")


@lru_cache(maxsize=1)
def code_stamp() -> bytes:
    """What identifies the code that computes an entry: the version and every module's size and
    modification time (a stat per module, no reading)."""
    import sys

    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    parts = [__version__, sys.version]
    modules = []
    for folder, subfolders, names in os.walk(package):  # not Path.rglob: 0.9 ms instead of 2.1 of every cached command
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        base = os.path.relpath(folder, package)
        modules += [(os.path.normpath(os.path.join(base, name)), os.path.join(folder, name)) for name in names if name.endswith(".py")]
    for name, path in sorted(modules):
        status = os.stat(path)
        parts.append(f"{name}:{status.st_size}:{status.st_mtime_ns}")
    parts += installed_distributions()
    return "\n".join(parts).encode()


def installed_distributions() -> list[str]:
    """The name-version of every installed distribution (pydantic-2.14.4.dist-info, …), from one
    listing per folder of sys.path: a dependency upgraded under the same minsheng misses too."""
    import sys

    found = []
    for folder in sys.path:
        try:
            found += [name for name in os.listdir(folder or ".") if name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
    return sorted(found)


def content_key(*parts: bytes) -> str:
    digest = blake2b(code_stamp(), digest_size=20)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


# --- plain data as JSON ----------------------------------------------------------------------
@lru_cache(maxsize=1)
def location_key(root: Path, name: str) -> str:
    """The key of an entry kept for a place, not a content: the ledger's folder (resolved) and a
    name within it (series_index, series_summary: their entries say what content they describe)."""
    return content_key(_resolved(str(root)).encode("utf-8", "surrogatepass"), name.encode("utf-8", "surrogatepass"))


@lru_cache(maxsize=8)  # an update keys an entry per file of its project: the folder is resolved once
def _resolved(folder: str) -> str:
    return str(Path(folder).resolve())


@lru_cache(maxsize=1)  # asked for every object of an entry: a plan has thousands
def _known_classes() -> dict[str, type]:
    """The only classes an entry may name: the plan's dataclasses."""
    import dataclasses  # here, not at the top: a warm report's replay never needs it (inspect: ≈10 ms)

    from minsheng_cli.ledger import model

    return {name: value for name, value in vars(model).items()
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == model.__name__}


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    from decimal import Decimal  # here: a warm report's replay never meets one

    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, (list, tuple)):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {"$map": [[_encode(k), _encode(v)] for k, v in value.items()]}
    import dataclasses

    if dataclasses.is_dataclass(value) and type(value).__name__ in _known_classes():
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return {"$class": type(value).__name__, "fields": fields}
    raise TypeError(f"not cacheable: {type(value).__name__}")


def _decode(value: dict) -> Any:
    """json.loads' object hook: each object of an entry, inner ones first, as `_encode` wrote it
    (one pass in the parser instead of a walk of the parsed tree afterwards: the plan is read
    so by every command — ~1,600 objects at a province's size, so the common ones are told
    apart by their size first)."""
    if len(value) == 1:
        if "$decimal" in value:
            return _decimal()(value["$decimal"])
        if "$date" in value:
            return dt.date.fromisoformat(value["$date"])
        if "$map" in value:
            return {k: v for k, v in value["$map"]}
        return value
    if "$class" in value:
        cls = _known_classes()[value["$class"]]  # KeyError for any other name: the entry is refused
        return cls(**value["fields"])
    return value  # a dataclass's fields, decoded already


@lru_cache(maxsize=1)
def _decimal() -> type:
    from decimal import Decimal  # here: a warm report's replay never meets one

    return Decimal


# --- the folder and its entries --------------------------------------------------------------
def _private_folder(make: bool = True) -> Path | None:
    """The cache folder, made if missing (0700) when `make` (to write in it); None when it is
    not ours alone to write."""
    folder = cache_dir()
    try:
        if make:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        status = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(status.st_mode):
        return None
    if hasattr(os, "getuid"):
        if status.st_uid != os.getuid() or status.st_mode & 0o022:
            return None  # another user, or anyone, could plant entries here
        if status.st_mode & 0o077:
            try:
                os.chmod(folder, 0o700)  # made by an older build under the umask: make it private
            except OSError:
                pass
    return folder


def get(kind: str, key: str, use: bool = True, plain: bool = False) -> Any | None:
    """The entry, or None. `plain`: an entry of JSON's own types only, taken as parsed (its
    reader checks every part of it; no walk for the plan's classes)."""
    folder = _private_folder(make=False) if enabled(use) else None
    body = _opened(folder, kind, key) if folder is not None else None
    if body is None:
        return None
    try:
        return json.loads(body) if plain else json.loads(body, object_hook=_decode)
    except Exception:  # from another build: recompute
        return None


def put(kind: str, key: str, value: Any, use: bool = True, plain: bool = False) -> None:
    """Keep `value` (`plain`: JSON's own types only, written as they are)."""
    if not enabled(use):
        return
    try:
        body = json.dumps(value if plain else _encode(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError):
        return
    folder = _private_folder()
    secret = _secret(folder, make=True) if folder is not None else None
    if secret is not None:
        _write_entry(kind, key, _SEALED + _mac(secret, kind, key, body) + _BODY + body + b"}")


def _read_regular(path: Path, limit: int, of_size: int | None = None) -> bytes | None:
    """Up to `limit` bytes of a regular file (not through a symlink, never waiting on a FIFO);
    `of_size`: only of a file of ours, private, of that size. None for anything else."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:  # missing, or a symlink (O_NOFOLLOW)
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return None
        if of_size is not None and (status.st_size != of_size or (hasattr(os, "getuid") and (status.st_uid != os.getuid() or status.st_mode & 0o077))):
            return None
        chunks, left, size = [], limit, status.st_size + 1  # one read of what the stat says, one to see the end
        while left and (chunk := os.read(fd, min(left, size))):
            chunks.append(chunk)
            left, size = left - len(chunk), 1 << 16
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _write_entry(kind: str, key: str, data: bytes) -> None:
    entry = cache_entry(kind, key)
    tmp = temporary_file(entry, str(os.getpid()))
    try:
        _write_private(tmp, data)
        os.replace(tmp, entry)
    except OSError:
        _discard(tmp)  # a full disk leaves no half-written file behind


def _write_private(path: Path, data: bytes) -> None:
    """`data` as a new private file at `path`, whatever stood there (a FIFO would block the open)."""
    _discard(path)
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600), "wb") as handle:
        handle.write(data)


def _discard(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


# --- signatures ---------------------------------------------------------------------------------
# An entry is {"mac":"<40 hex>","entry":<its JSON>}: the MAC is keyed BLAKE2b over the entry's
# kind, key and JSON, with a secret of 32 random bytes kept beside the entries (`signing-key`,
# 0600, as private as the folder). An entry planted or edited by hand, moved to another key or
# signed in another cache folder fails it and is simply not used (a series_index entry names the
# lines of a series without a check that it names every one, which cost more than the read it
# saves; a plan or report entry would say what it likes); whoever could read the secret could as
# well edit the ledger or the installed program.
_SEALED = b'{"mac":"'
_BODY = b'","entry":'
_MAC_END = len(_SEALED) + 40
_SECRET_NAME = "signing-key"
_SECRET_BYTES = 32


def _opened(folder: Path, kind: str, key: str) -> bytes | None:
    """The JSON of the entry (kind, key) of `folder` if it is signed for them with the folder's
    secret (and within its limit)."""
    data = _read_regular(cache_entry(kind, key), MAX_ENTRY_BYTES + 1)
    if data is None or len(data) > MAX_ENTRY_BYTES or not data.startswith(_SEALED) or data[_MAC_END:_MAC_END + len(_BODY)] != _BODY \
            or not data.endswith(b"}"):
        return None
    secret = _secret(folder, make=False)
    body = data[_MAC_END + len(_BODY):-1]
    if secret is None or not _compare_digest(data[len(_SEALED):_MAC_END], _mac(secret, kind, key, body)):
        return None
    return body


def _mac(secret: bytes, kind: str, key: str, body: bytes) -> bytes:
    mac = blake2b(f"{kind}\0{key}\0".encode("utf-8", "surrogatepass"), key=secret, digest_size=20)
    mac.update(body)
    return mac.hexdigest().encode()


def _secret(folder: Path, make: bool) -> bytes | None:
    """The folder's secret; `make`: made (or replaced, when what is there is not one) if need be.
    Read for every entry (a stat and 32 bytes): a secret replaced meanwhile is the one used."""
    path = folder / _SECRET_NAME
    secret = _read_secret(path)
    return _new_secret(path) if secret is None and make else secret


def _read_secret(path: Path) -> bytes | None:
    """The secret at `path` if it is one: a regular file of ours, private, of its exact size."""
    secret = _read_regular(path, _SECRET_BYTES + 1, of_size=_SECRET_BYTES)
    return secret if secret is not None and len(secret) == _SECRET_BYTES else None


def _new_secret(path: Path) -> bytes | None:
    """A new secret at `path`, in place of whatever is there (a symlink, a FIFO, a file others
    can read: entries signed with it are not used any more). A secret another process made at
    the same moment wins: this one is discarded and that one read."""
    secret = os.urandom(_SECRET_BYTES)
    tmp = temporary_file(path, str(os.getpid()))
    try:
        _write_private(tmp, secret)
        try:
            os.link(tmp, path)
        except FileExistsError:  # made meanwhile by another process, or not a secret: replaced
            theirs = _read_secret(path)
            if theirs is not None:
                return theirs
            os.replace(tmp, path)
            return _read_secret(path)  # a process replacing it at the same moment may have won
    except OSError:
        return None
    finally:
        _discard(tmp)
    return secret
