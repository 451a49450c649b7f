"""`minsheng init DIR`: a new, empty ledger that passes `check`.

It holds a plan template whose comments explain every field (in Chinese) with a commented example
project, `categories: []` and `projects: []` (an empty plan is a valid plan, as an empty journal
is for hledger: nothing invented can slip into a report), an empty `progress/` kept by git
through `.gitkeep`, a `.gitattributes` that merges progress files by union, a `.gitignore` for
the writers' private files (lock, journal, temporary files), and the two JSON
Schemas the plan's first line points editors at. A non-empty DIR is refused: nothing existing is
ever changed. (Named `new`, not `init`, to stay apart from `__init__`.) Which files and where:
layout.py.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from minsheng_cli.words import init as M
from minsheng_cli.errors import InputError, LedgerError, os_error_text
from minsheng_cli.ledger import layout
from minsheng_cli.ledger.layout import PLAN_FILE  # noqa: F401 (re-exported for `init`'s message)


def plan_text(year: int, title: str) -> str:
    quoted = json.dumps(title, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return M.INIT_PLAN_TEMPLATE.replace("@TITLE@", quoted).replace("@YEAR@", f"{year:04d}")


def ledger_files(year: int, title: str) -> dict[str, str]:
    """Relative path -> text of every file of a new ledger."""
    from minsheng_cli.ledger.schema import KINDS, schema_text

    files = {
        layout.PLAN_FILE: plan_text(year, title),
        f"{layout.PROGRESS_DIR}/{layout.KEEP_NAME}": "",
        ".gitattributes": M.INIT_GITATTRIBUTES,
        ".gitignore": M.INIT_GITIGNORE,
    }
    for kind in KINDS:
        files[layout.schema_file(kind)] = schema_text(kind)
    return files


def create_ledger(folder: Path, year: int, title: str | None = None) -> list[str]:
    """Write a new ledger into `folder` (missing or empty); the relative paths written."""
    if not 1000 <= year <= 9999:
        raise InputError(M.INIT_BAD_YEAR.format(year=year))
    chosen_title = M.INIT_DEFAULT_TITLE.format(year=year) if title is None else title.strip()
    if not chosen_title or "\n" in chosen_title or "\r" in chosen_title:
        raise InputError(M.INIT_BAD_TITLE)
    _require_empty(folder)
    files = ledger_files(year, chosen_title)
    created_folder = not folder.exists()
    try:
        for relative, text in files.items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
    except OSError as err:
        _undo(folder, files, created_folder)
        raise LedgerError(M.INIT_CANNOT_WRITE.format(path=err.filename or folder, error=os_error_text(err))) from None
    return list(files)


def _require_empty(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise InputError(M.INIT_NOT_DIR.format(path=folder))
    if folder.is_dir() and any(os.scandir(folder)):
        raise InputError(M.INIT_NOT_EMPTY.format(path=folder))


def _undo(folder: Path, files: dict[str, str], created_folder: bool) -> None:
    """Leave no half-written ledger behind."""
    if created_folder:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for relative in files:
        try:
            (folder / relative).unlink()
        except OSError:
            pass
    for sub in (layout.PROGRESS_DIR, layout.SCHEMA_DIR):
        try:
            (folder / sub).rmdir()
        except OSError:
            pass
