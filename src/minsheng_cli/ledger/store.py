"""Safe appending to progress files (PRODUCT.md §2, §4).

- Append only: a file's existing bytes are copied unchanged and the new lines added after them
  (a missing final newline is added first; a CRLF file gets CRLF lines), so comments and hand
  edits survive and `git diff` shows only added lines. A new file starts with a header comment.
- Atomic, even when killed: for every file a temporary file in the same folder is written,
  flushed and fsynced (several fsyncs at a time); only when all of them are ready is the intent
  journal (`progress/.journal`: which temporary file becomes which file) written and renamed
  into place — the commit point — and then the temporary files are renamed over the originals
  (`os.replace`, retried while Windows reports the file busy) and the journal removed. A
  process killed before the commit point changed nothing (its temporary files are removed
  later); one killed after it left a journal, and the next command on the ledger (`recover`,
  under the lock) completes the renames before it reads anything, like SQLite's rollback journal
  read the other way. If a rename fails with an error, files already replaced are put back and
  the journal removed.
- Read back: the new content is parsed before it is written, and must give the old records
  followed by exactly the new ones (a new file: exactly the new ones); a file that cannot take a
  line safely is refused. The records returned are those read back (each with its path and line).
  Of a file whose index is known for its bytes (series_index: every line a record in the written
  shape) only the new lines are read back: the old ones read alone as they did.
- Locked: everything happens under `ledger_lock(root)` — `progress/.lock` held with `flock` on
  POSIX, `msvcrt.locking` on Windows — so concurrent writers lose nothing. The lock file is
  removed when released (it never shows in `git status`); a waiter checks that the file it locked
  is still the one in place. Pass a callable to `append_records` to build the records under the
  lock from freshly read files, so two writers cannot both pass a check.
- Validated: every record is checked (written.py: the faults `check` finds in a line alone, a
  file name for its project) before any file is touched, and its line by the read-back; one that
  fails is a bug of ours and raises `RecordInvalid`, before any file is replaced.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from minsheng_cli.words import ledger as M, commands as commands_words, progress as progress_words
from minsheng_cli.errors import LedgerError, os_error_text
from minsheng_cli.ledger import layout
from minsheng_cli.ledger.model import Record
from minsheng_cli.ledger.progress_file import parse_progress_text
from minsheng_cli.ledger.progress_write import file_header, format_record
from minsheng_cli.ledger.written import after_read_back_differs, check_before_writing

LOCK_TIMEOUT_SECONDS = 10.0
REPLACE_ATTEMPTS = 10
_held: dict[str, int] = {}  # lock path -> depth, so nested use in one process does not deadlock

RecordsOrBuilder = Union[Iterable[Record], Callable[[], Iterable[Record]]]


def progress_folder(root: Path) -> Path:
    """progress/ of a ledger, created if the ledger exists but has none yet."""
    root = Path(root)
    if not root.is_dir():
        raise LedgerError(M.LEDGER_NOT_FOUND.format(path=root), M.NO_LEDGER_HINT)
    folder = layout.progress_dir(root)
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        raise LedgerError(M.LEDGER_READ_ONLY.format(path=folder)) from None
    if not os.access(folder, os.W_OK):
        raise LedgerError(M.LEDGER_READ_ONLY.format(path=folder))
    refuse_link(folder)
    return folder


def refuse_link(path: Path) -> None:
    """A writer never follows a symlink inside a ledger (a committed link to a month folder, a
    file or the lock would make it write outside the ledger)."""
    if os.path.islink(path):
        raise LedgerError(M.LINK_IN_LEDGER.format(path=path), M.LINK_IN_LEDGER_HINT)


# --- the lock -----------------------------------------------------------------------------------------
@contextmanager
def ledger_lock(root: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Exclusive write access to a ledger; waits up to `timeout` seconds, then LedgerError."""
    progress_folder(root)
    path = layout.lock_path(root)
    key = str(path.resolve())
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    fd = _acquire(path, timeout)
    _held[key] = 1
    try:
        yield
    finally:
        _held.pop(key, None)
        _release(path, fd)


def _acquire(path: Path, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
        except IsADirectoryError:
            raise LedgerError(M.LOCK_NOT_A_FILE.format(path=path)) from None
        except PermissionError:
            # Windows refuses to open a lock file its last holder is deleting: busy, not read-only.
            if sys.platform != "win32" or not os.access(path.parent, os.W_OK):
                raise LedgerError(M.LEDGER_READ_ONLY.format(path=path.parent)) from None
            fd = None
        except FileNotFoundError:  # folder removed under us
            raise LedgerError(M.LEDGER_NOT_FOUND.format(path=path.parent)) from None
        except OSError as err:
            if os.path.islink(path) or os.path.isdir(path):  # O_NOFOLLOW: ELOOP on a symlink
                raise LedgerError(M.LOCK_NOT_A_FILE.format(path=path)) from None
            raise LedgerError(commands_words.FILE_UNREADABLE.format(path=path, error=os_error_text(err))) from None
        if fd is not None:
            if _try_lock(fd) and _still_in_place(path, fd):
                return fd
            os.close(fd)
        if time.monotonic() > deadline:
            raise LedgerError(M.LOCK_TIMEOUT.format(path=path))
        time.sleep(0.01 + 0.04 * int.from_bytes(os.urandom(2), "little") / 0xFFFF)


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    except OSError:  # a file system without flock: fall back to no lock rather than no writing
        return True


def _still_in_place(path: Path, fd: int) -> bool:
    """The holder before us removes the lock file on release; a lock on a removed file is no lock."""
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except OSError:
        return False


def _release(path: Path, fd: int) -> None:
    try:
        if sys.platform == "win32":
            import msvcrt

            try:
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            except OSError:
                pass
            os.close(fd)
            try:
                os.remove(path)  # fails while another process has it open: it removes it later
            except OSError:
                pass
            return
        try:
            os.remove(path)  # while still holding it, so no one can lock the removed file unnoticed
        except OSError:
            pass
    finally:
        if sys.platform != "win32":
            os.close(fd)


# --- appending ------------------------------------------------------------------------------------------
def append_records(root: Path, records: RecordsOrBuilder, use_cache: bool = False, digests: Optional[dict] = None) -> list[Record]:
    """Append records to their files (grouped by file, in the given order), all or nothing.

    `records` may be a callable: it is called under the lock and returns the records to write —
    read what it checks against inside it. Returns the written records with `path` and `line` set.
    `use_cache`: a file whose index is known is not parsed again (`_appended_to_indexed`), and
    the index of every file so appended to is kept for the next reader (series_index).
    `digests`, when given, gets each written file's path → the digest of the content written
    (series_index.digest_of): what the writer knows the files by (series_summary).
    """
    from minsheng_cli.ledger.series_index import one_pass

    root = Path(root)
    with ledger_lock(root), one_pass():
        _complete_journal(root)
        _remove_stale_temps(root)
        chosen = list(records() if callable(records) else records)
        if not chosen:
            return []
        check_before_writing(chosen)
        return _write_all(root, chosen, use_cache, digests)


# --- the intent journal ---------------------------------------------------------------------------------
def recover(root: Path) -> None:
    """Complete a write that was killed after its commit point (a journal is left), before the
    ledger is read. One stat when there is nothing to do."""
    root = Path(root)
    if not layout.has_journal(root):
        return
    with ledger_lock(root):
        _complete_journal(root)


def _complete_journal(root: Path) -> None:
    """Under the lock: rename every temporary file the journal names that is still there over its
    file, then remove the journal (a temporary file already gone was renamed before the kill)."""
    import json

    journal = layout.journal_path(root)
    try:
        entries = json.loads(journal.read_bytes())
    except FileNotFoundError:
        return
    except (OSError, ValueError) as err:
        raise LedgerError(M.JOURNAL_UNREADABLE.format(path=journal, error=err)) from None
    base = layout.progress_dir(root)
    for entry in entries:
        temp, path = base / entry["temp"], base / entry["path"]
        if _inside(base, temp) and _inside(base, path) and os.path.lexists(temp):
            _replace(temp, path)
    _sync_folders({(base / entry["path"]).parent for entry in entries} | {base})
    _remove_journal(journal)


def _inside(base: Path, path: Path) -> bool:
    """A journal names files of this progress/ only (a planted one cannot move files elsewhere)."""
    return ".." not in path.relative_to(base).parts if path.is_relative_to(base) else False


def _write_journal(root: Path, pending: list[_Pending]) -> Path:
    """The commit point: the journal, complete and fsynced, renamed into place."""
    import json

    journal = layout.journal_path(root)
    base = layout.progress_dir(root)
    entries = [{"temp": item.temp.relative_to(base).as_posix(), "path": item.path.relative_to(base).as_posix()} for item in pending]
    temp = layout.temporary_file(journal, f"{os.getpid()}.{os.urandom(4).hex()}")
    _write_temp(temp, json.dumps(entries, ensure_ascii=False).encode("utf-8"), None)
    try:
        _replace(temp, journal)
    except BaseException:
        try:
            os.remove(temp)
        except OSError:
            pass
        raise
    _sync_folders({base})
    return journal


def _remove_journal(journal: Path) -> None:
    try:
        os.remove(journal)
    except FileNotFoundError:
        pass
    except OSError as err:
        raise LedgerError(progress_words.REC_WRITE_FAILED.format(path=journal, error=os_error_text(err))) from None
    _sync_folders({journal.parent})


def _write_all(root: Path, records: list[Record], use_cache: bool = False, digests: Optional[dict] = None) -> list[Record]:
    by_file: dict[tuple, list[Record]] = {}  # (year, month, project): a Path per record cost a whole-year import 8 %
    for record in records:
        by_file.setdefault((record.date.year, record.date.month, record.project), []).append(record)
    groups = {layout.record_path(root, group[0]): group for group in by_file.values()}
    pending: list[_Pending] = []
    made: list[Path] = []  # folders this write made: removed again if it does not commit
    indexes: list[tuple] = []  # (path, key, new content, its index): kept once the write has committed
    committed = False
    try:
        for path, group in groups.items():  # one file at a time: a million-row import holds one file's bytes
            try:
                planned, index = _planned_file(root, path, group, use_cache)
            except LedgerError:  # a file that cannot take the lines, or a record whose own line is at fault?
                after_read_back_differs(records)  # the latter first: RecordInvalid, a bug of ours
                raise
            pending.append(_staged_file(*planned, made))
            if index is not None:
                indexes.append(index)
            elif digests is not None:
                from minsheng_cli.ledger.series_index import digest_of

                digests[path] = digest_of(planned[2])
        _sync_files([item.temp for item in pending])  # every temporary file on disk before the commit point
        journal = _write_journal(root, pending)
        committed = True
        _replace_all(pending, journal)
    except LedgerError:
        committed = False  # _replace_all put the files back and removed the journal
        raise
    finally:
        if not committed:  # after the commit point the temporary files are the journal's to rename
            for item in pending:
                item.discard_temp()
            for folder in reversed(made):
                try:
                    folder.rmdir()
                except OSError:  # someone else's file in it meanwhile: left as it is
                    pass
    _keep_indexes(indexes)
    if digests is not None:
        digests.update((path, index.digest) for path, _, _, index in indexes)
    written: list[Record] = []
    for item in pending:
        written.extend(item.written)
    return written


def _keep_indexes(indexes: list[tuple]) -> None:
    from minsheng_cli.ledger import series_index

    for _, key, content, index in indexes:  # each indexable: `_appended_to_indexed`, `_new_file_index`
        series_index.remember(key, None, content, index, checked=True)  # a file just written: known by its digest


class _Pending:
    """One file to replace: its old bytes (None if new), the temp file, the written records."""

    def __init__(self, path: Path, old: bytes | None, temp: Path, written: list[Record]):
        self.path, self.old, self.temp, self.written = path, old, temp, written
        self.replaced = False

    def discard_temp(self) -> None:
        try:
            os.remove(self.temp)
        except OSError:
            pass


def _planned_file(root: Path, path: Path, records: list[Record], use_cache: bool = False) -> tuple[tuple, tuple | None]:
    """(path, its old bytes or None, its new bytes, the new records as read back from them), and
    with `use_cache` the new content's index if the old one's was known (`_appended_to_indexed`):
    nothing is made or changed yet."""
    from minsheng_cli.ledger.yamlio import decode

    refuse_link(path.parent)
    refuse_link(path)
    project = records[0].project
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        old = None
    except OSError as err:
        raise LedgerError(commands_words.FILE_UNREADABLE.format(path=path, error=os_error_text(err))) from None
    status = os.stat(path) if old is not None else None  # after the read: series_index trusts it for those bytes
    if status is not None and not status.st_mode & 0o222:  # made read-only on purpose: respected, even by root
        raise LedgerError(M.FILE_READ_ONLY.format(path=path))
    try:
        lines = "".join(map(format_record, records))  # made once: written, and read back
    except (TypeError, ValueError, AttributeError, ArithmeticError):  # a value no line can hold
        raise _ReadBackDiffers(path) from None
    if old is None:
        content = (file_header(project, records[0].date) + lines).encode("utf-8")
        try:
            written = parse_progress_text(decode(content, path), str(path), project)
        except LedgerError:
            written = None
        if written != records:
            raise _ReadBackDiffers(path)
        return (path, old, content, written), _new_file_index(root, path, content, written) if use_cache else None
    indexed = _appended_to_indexed(root, path, old, status, records, lines) if use_cache else None
    if indexed is not None:
        content, written, index = indexed
        return (path, old, content, written), index
    old_records = parse_progress_text(decode(old, path), str(path), project)
    content, new_records = _appended(path, old, old_records, records, lines)
    written = new_records[len(old_records):]
    return (path, old, content, written), None  # `written`: equal to `records`, with this file's path and line


def _appended_to_indexed(root: Path, path: Path, old: bytes, status, records: list[Record], lines: str) -> tuple | None:
    """(new content, the records read back, (key, new content, its index)) for a file whose index
    is known for these bytes (series_index: every line a record in the written shape, no CR, no
    BOM), else None. The new lines go at its end and are read back alone: the fast reader reads
    each line on its own, so the old ones need not be parsed again (at a province's size that was
    a tenth of an update)."""
    from minsheng_cli.ledger import series_index
    from minsheng_cli.ledger.progress_fast import parse_selected

    added = lines.encode("utf-8")
    if (old and not old.endswith(b"\n")) or not series_index.indexable(added):  # old is: its index is known
        return None
    key = series_index.entry_key(root, path)
    index = series_index.known(key, status, old)
    if index is None:
        return None
    first = old.count(b"\n") + 1
    written = parse_selected(lines[:-1], range(first, first + len(records)), str(path), records[0].project, None)
    if written is None or written != records:
        return None
    content = old + added
    new_index = index.appended(len(old), first - 1, written, content)
    return None if new_index is None else (content, written, (path, key, content, new_index))


def _new_file_index(root: Path, path: Path, content: bytes, written: list[Record]) -> tuple | None:
    """(path, key, content, its index) of a new file (its records are the ones just read back), if
    series_index can know it."""
    from minsheng_cli.ledger import series_index

    if not series_index.indexable(content):
        return None
    return path, series_index.entry_key(root, path), content, series_index.FileIndex.of_records(content, written)


def _staged_file(path: Path, old: bytes | None, content: bytes, written: list[Record], made: list[Path]) -> _Pending:
    """The new content in a temporary file beside `path`; its folder made if new (and added, with any
    folder made above it, to `made`)."""
    folder = path.parent
    missing = []  # the month folder, and progress/ itself if it is gone
    each = folder
    while not each.exists() and each != each.parent:
        missing.append(each)
        each = each.parent
    for each in reversed(missing):  # outermost first
        try:
            each.mkdir()
        except FileExistsError:
            continue
        except OSError:
            raise LedgerError(M.LEDGER_READ_ONLY.format(path=folder)) from None
        made.append(each)
    refuse_link(folder)
    temp = layout.temporary_file(path, f"{os.getpid()}.{os.urandom(4).hex()}")
    _write_temp(temp, content, path if old is not None else None, sync=False)  # synced with the others, in _write_all
    return _Pending(path, old, temp, written)


def _appended(path: Path, old: bytes, old_records: list[Record], records: list[Record], lines: str) -> tuple[bytes, list]:
    """The file's bytes with `records` (written as `lines`) added, and what they read back as.

    A machine-written file gets the new lines at its end. A hand edit that YAML reads the same but
    that a line at column 0 cannot follow — an indented list, `[]`, a flow list, a `...` document
    end — gets the new lines indented like its last item, or failing that is written anew as one
    record a line (its leading comments kept) when it holds no other comment that would be lost.
    Every candidate is read back and used only if it holds exactly the old records then the new.
    """
    from minsheng_cli.ledger.yamlio import decode

    newline = b"\r\n" if b"\r\n" in old else b"\n"
    text = old.decode("utf-8-sig", errors="replace")
    body = old if not old or old.endswith(b"\n") else old + newline
    candidates = [body + lines.encode("utf-8").replace(b"\n", newline)]
    indent = _last_item_indent(text)
    if indent:
        candidates.append(body + "".join(indent + line for line in lines.splitlines(True)).encode("utf-8").replace(b"\n", newline))
    leading, rest = _leading_comments(text)
    if "#" not in rest:
        rewritten = leading + "".join(map(format_record, old_records)) + lines
        candidates.append(rewritten.encode("utf-8").replace(b"\n", newline))
    for content in candidates:
        try:
            new_records = parse_progress_text(decode(content, path), str(path), records[0].project)
        except LedgerError:
            continue
        if new_records[: len(old_records)] == old_records and new_records[len(old_records):] == records:
            return content, new_records
    raise _ReadBackDiffers(path)


class _ReadBackDiffers(LedgerError):
    """The file, with the new lines, does not read back as its old records then the new ones."""

    def __init__(self, path: Path):
        super().__init__(progress_words.REC_APPEND_UNSAFE.format(path=path), progress_words.REC_APPEND_HINT)


def _last_item_indent(text: str) -> str:
    """The spaces before the last top-level `- ` of a list indented as a whole, or ''."""
    items = [line for line in text.splitlines() if line.lstrip().startswith("- ")]
    return items[-1][: len(items[-1]) - len(items[-1].lstrip())] if items else ""


def _leading_comments(text: str) -> tuple[str, str]:
    """The comment lines a file starts with (with their line ends), and the rest."""
    lines = text.splitlines(True)
    count = 0
    while count < len(lines) and lines[count].lstrip().startswith("#"):
        count += 1
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines[:count]), "".join(lines[count:])


def _write_temp(temp: Path, content: bytes, original: Path | None, sync: bool = True) -> None:
    """A new temporary file holding `content` (with `original`'s permissions), fsynced unless
    `sync` is False — then the caller passes it to `_sync_files` before relying on it."""
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except PermissionError:
        raise LedgerError(M.LEDGER_READ_ONLY.format(path=temp.parent)) from None
    except OSError as err:
        raise LedgerError(progress_words.REC_WRITE_FAILED.format(path=temp.parent, error=os_error_text(err))) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        if original is not None and hasattr(os, "chmod"):
            try:
                os.chmod(temp, os.stat(original).st_mode & 0o7777)  # keep the file's permissions
            except OSError:
                pass
    except OSError as err:
        try:
            os.remove(temp)
        except OSError:
            pass
        raise LedgerError(progress_words.REC_WRITE_FAILED.format(path=temp, error=os_error_text(err))) from None


SYNC_THREADS = 8


def _sync_files(paths: list[Path]) -> None:
    """fsync every file, several at a time: the disk takes them together (a whole year's import
    writes ~400 files, and one after the other their fsyncs were a tenth of its time). LedgerError
    naming a file whose fsync failed."""
    work = iter(paths)
    take = nullcontext()  # one thread (an update's file and journal): threading is not even imported
    failed: list[tuple[Path, OSError]] = []

    def sync_some() -> None:
        while not failed:
            with take:
                path = next(work, None)
            if path is None:
                return
            try:
                fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
            except OSError as err:
                failed.append((path, err))

    if len(paths) <= 2:
        sync_some()
    else:
        import threading

        take = threading.Lock()
        threads = [threading.Thread(target=sync_some, daemon=True) for _ in range(min(SYNC_THREADS, len(paths)))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    if failed:
        path, err = failed[0]
        raise LedgerError(progress_words.REC_WRITE_FAILED.format(path=path, error=os_error_text(err))) from None


def _remove_stale_temps(root: Path) -> None:
    """Temporary files of writers killed before their commit point, in every month folder (we hold
    the lock and there is no journal: no one else writes, and nothing is waiting to be renamed)."""
    base = layout.progress_dir(root)
    folders = [base] + [folder for _, folder in layout.month_folders(root)]
    for folder in folders:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if layout.is_temporary(name):
                try:
                    os.remove(folder / name)
                except OSError:
                    pass


def _replace_all(pending: list[_Pending], journal: Path) -> None:
    """Rename every temporary file over its file. A rename that fails with an error puts back
    the files already replaced and removes the journal; an interruption (a signal, Ctrl-C) leaves
    the journal, so the next command completes the write."""
    if _KILL_POINT is not None:
        _KILL_POINT("committed")
    try:
        for number, item in enumerate(pending):
            _replace(item.temp, item.path)
            item.replaced = True
            if _KILL_POINT is not None:
                _KILL_POINT(f"renamed {number + 1}")
    except LedgerError:
        _restore(pending)
        for item in pending:
            item.discard_temp()
        _remove_journal(journal)
        raise
    _sync_folders({item.path.parent for item in pending})
    _remove_journal(journal)


# Tests set this to a function called at each step after the commit point (it may kill the process).
_KILL_POINT: Callable[[str], None] | None = None


def _replace(temp: Path, path: Path) -> None:
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(temp, path)
            return
        except PermissionError:
            # Windows: a virus scanner, an editor or a sync client has the file open for a moment.
            if attempt == REPLACE_ATTEMPTS - 1:
                raise LedgerError(progress_words.REC_FILE_BUSY.format(path=path)) from None
            time.sleep(0.05 * (attempt + 1))
        except OSError as err:
            raise LedgerError(progress_words.REC_WRITE_FAILED.format(path=path, error=os_error_text(err))) from None


def _restore(pending: list[_Pending]) -> None:
    """Put back the files already replaced (best effort: the originals are in memory)."""
    for item in pending:
        if not item.replaced:
            continue
        try:
            if item.old is None:
                os.remove(item.path)
            else:
                back = layout.temporary_file(item.path, "restore")
                with open(back, "wb") as handle:
                    handle.write(item.old)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(back, item.path)
        except OSError:
            pass


def _sync_folders(folders: Iterable[Path]) -> None:
    if sys.platform == "win32":
        return
    for folder in folders:
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)
