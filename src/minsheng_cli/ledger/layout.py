"""Every path rule of a ledger, in one place (PRODUCT.md §2).

A ledger is a folder holding

    projects.yaml                 the plan
    progress/YYYY-MM/NN.yaml      the records of project NN dated in month YYYY-MM
    progress/.lock                held while a writer appends (removed when released)
    schemas/KIND.schema.json      the JSON Schemas a new ledger ships (its plan's first line points there)

and, when `--data` is not given, it is found as `data/` (or as the current folder) upward from
the current folder. Names starting with a dot inside progress/ are the writers' own (the lock,
temporary files) and are never records. The user's cache folder, outside any ledger, is here too.

Only paths: nothing here reads a file's content.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import Optional

PLAN_FILE = "projects.yaml"
PROGRESS_DIR = "progress"
DEFAULT_DIR = "data"  # the ledger folder looked for upward from the current folder
LOCK_NAME = ".lock"
JOURNAL_NAME = ".journal"
KEEP_NAME = ".gitkeep"  # keeps an empty progress/ in git
SCHEMA_DIR = "schemas"
SCHEMA_FILES = {"plan": "plan.schema.json", "progress": "progress.schema.json", "supervision": "supervision.schema.json"}
SUPERVISION_DIR = "supervision"
MONTH_DIR = re.compile(r"^([0-9]{4})-([0-9]{2})$")
PROJECT_FILE = re.compile(r"^([0-9]{2,3})\.yaml$")
MAX_PROJECT = 999  # three digits at most: a project's file name must read back as the project


# --- the plan and the progress folder ---------------------------------------------------------------
def plan_path(root: Path) -> Path:
    return Path(root) / PLAN_FILE


def progress_dir(root: Path) -> Path:
    return Path(root) / PROGRESS_DIR


def supervision_dir(root: Path) -> Path:
    """The office's own files (supervision/YYYY-MM.yaml), beside the plan; units never edit them."""
    return Path(root) / SUPERVISION_DIR


def supervision_path(root: Path, year: int, month: int) -> Path:
    return supervision_dir(root) / f"{year:04d}-{month:02d}.yaml"


def lock_path(root: Path) -> Path:
    return progress_dir(root) / LOCK_NAME


def journal_path(root: Path) -> Path:
    """The intent journal of a write in progress (store.py): which temporary file becomes which file."""
    return progress_dir(root) / JOURNAL_NAME


def has_journal(root: Path) -> bool:
    """Whether a write was interrupted after its commit point (one stat: start-up pays no more)."""
    return os.path.lexists(journal_path(root))


def is_private(name: str) -> bool:
    """A name in progress/ that belongs to a writer (the lock, temporary files), not to the ledger."""
    return name.startswith(".")


def holds_ledger(folder: Path) -> bool:
    """Whether `folder` is a ledger when given explicitly (`--data`, MINSHENG_DATA)."""
    return plan_path(folder).is_file()


def found_ledger(folder: Path) -> Optional[Path]:
    """The ledger `folder` holds when searching upward: its `data/`, or itself when it has a plan
    and a progress folder (a folder named data is only found from its parent)."""
    if folder.name != DEFAULT_DIR and holds_ledger(folder) and progress_dir(folder).is_dir():
        return folder
    if holds_ledger(folder / DEFAULT_DIR):
        return folder / DEFAULT_DIR
    return None


def named_ledger(path: Path) -> Optional[Path]:
    """The ledger that --data (or MINSHENG_DATA) names: the folder itself, the folder of a
    projects.yaml named directly, or the data/ of a repository's root."""
    if holds_ledger(path):
        return path
    if path.is_file() and holds_ledger(path.parent) and path.resolve() == plan_path(path.parent).resolve():
        return path.parent
    if holds_ledger(path / DEFAULT_DIR):
        return path / DEFAULT_DIR
    return None


def find_root(explicit: "str | os.PathLike | None" = None, start: Optional[Path] = None) -> Path:
    """The ledger a command runs on, found as git finds `.git`: `--data`, else `MINSHENG_DATA`,
    else the first folder, from the current one upward, that holds a ledger (`found_ledger`)."""
    from minsheng_cli.errors import LedgerError
    from minsheng_cli.words import ledger as messages

    chosen = explicit or os.environ.get("MINSHENG_DATA")
    if chosen:
        root = named_ledger(Path(chosen))
        if root is None:
            raise LedgerError(messages.LEDGER_NOT_FOUND.format(path=chosen), messages.NO_LEDGER_HINT)
        return root
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        found = found_ledger(folder)
        if found is not None:
            return found
    raise LedgerError(messages.NO_LEDGER, messages.NO_LEDGER_HINT)


# --- progress/YYYY-MM/NN.yaml ----------------------------------------------------------------------
def month_name(day: dt.date) -> str:
    """YYYY-MM, the folder of a record dated `day`."""
    return f"{day.year:04d}-{day.month:02d}"


def file_name(project: int) -> str:
    """NN.yaml (two digits at least), the file of a project within a month folder."""
    return f"{project:02d}.yaml"


def progress_file(root: Path, day: dt.date, project: int) -> Path:
    """progress/YYYY-MM/NN.yaml: the month of `day`, the project's number."""
    return progress_dir(root) / month_name(day) / file_name(project)


def record_path(root: Path, record) -> Path:
    """The file a record belongs in (the month of its date, its project)."""
    return progress_file(root, record.date, record.project)


def relative_progress_file(day: dt.date, project: int) -> str:
    """progress/YYYY-MM/NN.yaml as shown to users (forward slashes, relative to the ledger)."""
    return f"{PROGRESS_DIR}/{month_name(day)}/{file_name(project)}"


def relative_record_path(record) -> str:
    """The file a record belongs in, as shown to users."""
    return relative_progress_file(record.date, record.project)


def month_of_folder(name: str) -> Optional[tuple[int, int]]:
    """(year, month) of a month folder's name, None when the name is not a month (2023-13 is not)."""
    match = MONTH_DIR.match(name)
    if match is None or not 1 <= int(match.group(2)) <= 12:
        return None
    return int(match.group(1)), int(match.group(2))


def project_of_file(name: str) -> Optional[int]:
    """The project a file name in a month folder is for; None unless it is exactly file_name(project)
    (7.yaml and 007.yaml are not project 7's file)."""
    match = PROJECT_FILE.match(name)
    if match is None or name != file_name(int(match.group(1))):
        return None
    return int(match.group(1))


def holds_project(project: int) -> bool:
    """Whether a project's records can have a file that reads back as that project."""
    return isinstance(project, int) and not isinstance(project, bool) and 0 <= project <= MAX_PROJECT


def month_folders(root: Path) -> list[tuple[str, Path]]:
    """(YYYY-MM, folder) of progress/, ascending; other names are left to `check`.
    OSError when progress/ exists but cannot be listed."""
    base = progress_dir(root)
    try:
        names = os.listdir(base)
    except FileNotFoundError:
        return []
    return [(name, base / name) for name in sorted(names) if MONTH_DIR.match(name) and (base / name).is_dir()]


def project_files(folder: Path, projects: Optional[set[int]] = None) -> list[tuple[int, Path]]:
    """(project, file) of a month folder, by file name — of `projects` only, when given; other
    names are left to `check`."""
    found = []
    for name in sorted(os.listdir(folder)):
        project = project_of_file(name)
        if project is not None and (projects is None or project in projects):
            found.append((project, folder / name))
    return found


def temporary_file(path: Path, tag: str) -> Path:
    """A writer's temporary file beside `path` (a private name: readers and `check` skip it)."""
    return path.with_name(f".{path.name}.{tag}.tmp")


def is_temporary_of(path: Path, name: str) -> bool:
    """Whether `name` in path's folder is a temporary file of a writer of `path`."""
    return name.startswith(f".{path.name}.") and name.endswith(".tmp")


def is_temporary(name: str) -> bool:
    """Whether `name` is a writer's temporary file (of any file of its folder)."""
    return name.startswith(".") and name.endswith(".tmp")


# --- schemas -----------------------------------------------------------------------------------------
def schema_file(kind: str) -> str:
    """schemas/KIND.schema.json, relative to the ledger."""
    return f"{SCHEMA_DIR}/{SCHEMA_FILES[kind]}"


# --- outside the ledger: the cache -----------------------------------------------------------------
def cache_dir() -> Path:
    """The user's cache folder: MINSHENG_CACHE, else the platform's (LOCALAPPDATA, XDG_CACHE_HOME)."""
    explicit = os.environ.get("MINSHENG_CACHE")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "minsheng" / "cache"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "minsheng"


def cache_entry(kind: str, key: str) -> Path:
    return cache_dir() / f"{kind}-{key}.json"
