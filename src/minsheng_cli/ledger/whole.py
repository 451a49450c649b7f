"""A whole ledger folded one project at a time, on every core for a big one (PRODUCT.md §5).

No key spans two projects and the record rules look at one file at a time, so each project is
read and folded alone (history.fold), counted while its records are held (what `check` would
find: the number a report states), compacted to the dates and values a report reads
(`InForce.compact`) and merged (`InForce.absorb`). A 1,000,000-record ledger is never held at
once; on Linux with two cores or more the projects are shared among worker processes
(ledger/parallel.py), which hand back the compacted folds.
"""

from __future__ import annotations

import copyreg
import datetime as dt
from pathlib import Path
from typing import Callable, Optional

from minsheng_cli.errors import LedgerError
from minsheng_cli.ledger.history import InForce, fold
from minsheng_cli.ledger.model import Plan, Record


def fold_ledger(root: Path, plan: Plan, *, today: Optional[dt.date] = None, until: Optional[dt.date] = None,
                count: Optional[Callable[[InForce], int]] = None, notes_after: Optional[dt.date] = None,
                meanwhile: Optional[Callable[[], None]] = None) -> tuple[InForce, int]:
    """(the facts in force of every record up to `until`'s month, the sum of `count` over the
    projects' folds). `notes_after`: keep only the notes a report of a period after that date
    can quote (`InForce.compact`). `meanwhile`: parallel.map_items's."""
    from minsheng_cli.ledger.parallel import file_sizes, map_items
    from minsheng_cli.ledger.progress_file import files_by_project, read_project

    files = files_by_project(root, plan, until)
    projects = sorted(files)

    def project_fold(project: int) -> tuple[InForce, int]:
        part = fold(read_project(project, files[project]), plan, today=today)
        counted = count(part) if count is not None else 0
        part.compact(notes_after)
        return part, counted

    _pickle_records_fast()
    try:
        parts = map_items(project_fold, projects, [file_sizes(files[project]) for project in projects], meanwhile)
    except LedgerError:
        # Of several broken files, say the first in written order (month, then file), as reading
        # the ledger month by month always has: only the error path reads it that way.
        from minsheng_cli.ledger.progress_file import read_progress

        read_progress(root, plan, until=until)
        raise
    whole, total = fold((), plan, today=today), 0
    for part, counted in parts:
        whole.absorb(part)
        total += counted
    return whole, total


def _pickle_records_fast() -> None:
    """A worker hands back the records a report quotes (notes: a quarter of a province ledger's):
    pickled as their fields and rebuilt by the fast reader's builder, not field by field through
    the frozen dataclass's __setstate__ (four times slower)."""
    from minsheng_cli.ledger.model import rebuilt_record

    copyreg.pickle(Record, lambda record: (rebuilt_record, tuple(map(record.__getattribute__, Record.__slots__))))
