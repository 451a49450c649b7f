"""Output files written whole: a report, a template, a schema either appears complete or the old
file stays as it was (progress records have their own locked, appending writer in ledger/store.py)."""

from __future__ import annotations

import os
from pathlib import Path


def check_output_path(path: Path, hint: str | None = None) -> None:
    """Every `-o` goes through here: an output may create a file or replace a regular file, never
    replace a device, a FIFO, a folder or a symlink, nor a ledger's own files (its plan, anything
    under its progress/, which only `update` and `import` write, or under the office's
    supervision/, where any other file is a `check` error)."""
    import stat

    from minsheng_cli.errors import InputError
    from minsheng_cli.ledger.layout import holds_ledger, plan_path, progress_dir, supervision_dir
    from minsheng_cli.words import commands as commands_words

    try:
        status = os.lstat(path)
    except OSError:
        status = None
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise InputError(commands_words.OUTPUT_NOT_REGULAR.format(path=path), hint or commands_words.OUTPUT_HINT)
    absolute = Path(os.path.abspath(path))
    for folder in absolute.parents:
        owned = (Path(os.path.abspath(progress_dir(folder))), Path(os.path.abspath(supervision_dir(folder))))
        if holds_ledger(folder) and (absolute == Path(os.path.abspath(plan_path(folder)))
                                     or any(place in absolute.parents for place in owned)):
            raise InputError(commands_words.OUTPUT_IN_LEDGER.format(path=path), hint or commands_words.OUTPUT_HINT)


def save_whole(path, write) -> None:
    """Write an output file in one step: `write(temporary_path)` fills a file beside it, which is
    flushed to disk and then replaces `path`; an error leaves `path` as it was and is said in Chinese.
    Renderers that write through a zip library (openpyxl, python-docx) render into memory first
    (`save_bytes`): a zip file that fails half-way on a full disk otherwise fails again, with a
    traceback, when it is garbage-collected."""
    from minsheng_cli.errors import InputError, os_error_text
    from minsheng_cli.ledger.layout import temporary_file
    from minsheng_cli.words import commands as commands_words

    path = Path(path)
    check_output_path(path)
    temporary = temporary_file(path, str(os.getpid()))
    try:
        write(temporary)
        _flush_to_disk(temporary)
        os.replace(temporary, path)
    except OSError as err:
        temporary.unlink(missing_ok=True)
        raise InputError(commands_words.CANNOT_WRITE.format(path=path, error=os_error_text(err))) from None


def save_bytes(path, data: bytes) -> None:
    """`data` as the whole of `path`, in one step (`save_whole`)."""
    save_whole(path, lambda temporary: temporary.write_bytes(data))


def _flush_to_disk(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def save_workbook(path, book) -> None:
    """An openpyxl workbook written whole, with no formula in it: openpyxl takes any text that
    starts with "=" for a formula, so a unit's note or a plan's name such as =HYPERLINK(…) or
    =cmd|' /C calc'!A0 would run when the office opens the file. We write no formulas, so every
    such cell is stored as the text it is."""
    import io

    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    save_bytes(path, buffer.getvalue())
