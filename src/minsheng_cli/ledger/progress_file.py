"""Progress files: `progress/YYYY-MM/NN.yaml`, one YAML sequence of records per project and month.

Every record `minsheng` writes is one line, a flow mapping with its keys in a fixed order
(progress_write.py). `parse_progress_text` reads a file with the fast reader (progress_fast.py),
which reads a line a person edited (another key order, spaces, YAML escapes) alone as YAML, and
falls back to the YAML loader (progress_yaml.py) for the whole file only when a record does not
stand on one line (block style, a string over two lines). Both paths produce identical `Record`s;
tests/test_progress_format.py checks that with generated records. `read_progress` reads a
ledger's files in written order; which files those are is layout.py's rule.

The names other modules have always imported from here (the writer, the path rules) are
re-exported below; the YAML reader (progress_yaml, with its error) is imported only where a file
needs it: one in the written shape never does.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Optional

from minsheng_cli.words import commands as commands_words
from minsheng_cli.errors import LedgerError, os_error_text
from minsheng_cli.ledger import layout
from minsheng_cli.ledger.model import Record
from minsheng_cli.ledger.progress_fast import NotFast, parse_fast

# Re-exported: imported from here by checks/, commands/, reporting/, rendering/, benchmarks/ and
# tests (their homes: layout, numbers, progress_write).
from minsheng_cli.ledger.layout import MONTH_DIR, PROJECT_FILE, file_name, month_name, record_path  # noqa: F401
from minsheng_cli.ledger.numbers import format_number  # noqa: F401
from minsheng_cli.ledger.progress_write import file_header, format_record  # noqa: F401

if TYPE_CHECKING:
    from minsheng_cli.ledger.progress_yaml import ParsedFile


# --- reading one file --------------------------------------------------------------------------------
def parse_progress_text(text: str, path: str | Path, project: int, targets: Optional[frozenset] = None) -> list[Record]:
    """The records of one file's text (already decoded); raises ProgressFormatError at the first
    problem. `targets`: only the records of these targets (None in it: the project's narratives),
    from a file read whole all the same."""
    try:
        return parse_fast(text, str(path), project, targets)
    except NotFast:
        pass
    records = parse_progress_yaml(text, path, project)
    return records if targets is None else [record for record in records if record.target in targets]


def parse_progress_yaml(text: str, path: str | Path, project: int) -> list[Record]:
    """The records of one file read as general YAML (the fallback; slow, for any hand edit)."""
    from minsheng_cli.ledger.progress_yaml import parse_yaml  # here: a file in the written shape never needs it

    parsed = parse_yaml(text, str(path), project)
    if parsed.errors:
        raise parsed.errors[0]
    return parsed.records


def parse_progress_detailed(text: str, path: str | Path, project: int) -> ParsedFile:
    """As `parse_progress_text`, but collects every shape error (for `check`). A YAML syntax error
    is still raised: nothing after it can be read."""
    try:
        from minsheng_cli.ledger.progress_yaml import ParsedFile, parse_yaml

        return ParsedFile(parse_fast(text, str(path), project))
    except NotFast:
        return parse_yaml(text, str(path), project)


# --- reading a ledger -------------------------------------------------------------------------------------
def month_folders(root: Path) -> list[tuple[str, Path]]:
    """(YYYY-MM, folder) of progress/, ascending; other names are left to `check`."""
    try:
        return layout.month_folders(root)
    except OSError as err:
        folder = layout.progress_dir(root)
        raise LedgerError(commands_words.FILE_UNREADABLE.format(path=folder, error=os_error_text(err))) from None


def progress_files(
    root: Path,
    plan: Any = None,
    projects: Optional[set[int]] = None,
    until: Optional[dt.date] = None,
) -> Iterator[tuple[int, Path]]:
    """(project, file) of the ledger's progress files in written order: month folders ascending,
    then file name. `plan` leaves out files of projects it does not have; `projects` keeps only
    those; `until` skips month folders after its month."""
    known = {project.id for project in plan.projects} if plan is not None else None
    last_month = layout.month_name(until) if until is not None else None
    for month, folder in month_folders(root):
        if last_month is not None and month > last_month:
            break
        for project, path in layout.project_files(folder, projects):
            if known is None or project in known:
                yield project, path


def read_progress(
    root: Path,
    plan: Any = None,
    projects: Optional[set[int]] = None,
    until: Optional[dt.date] = None,
    targets: Optional[frozenset] = None,
    use_cache: bool = False,
) -> list[Record]:
    """Every record of the ledger's files (`progress_files`) in written order: files in that
    order, then line (records later in `until`'s own month are kept). `targets`: only the
    records of these targets (`parse_progress_text`) — with `use_cache`, only their lines are
    parsed where a file's index is known (series_index)."""
    from minsheng_cli.ledger.yamlio import read_text

    records: list[Record] = []
    for project, path in progress_files(root, plan, projects, until):
        if targets is not None and use_cache:
            records.extend(read_series(root, path, project, targets))
        else:
            records.extend(parse_progress_text(read_text(path), str(path), project, targets))
    return records


def read_series(root: Path, path: Path, project: int, targets: frozenset) -> list[Record]:
    """The records of `targets` in one file: only their lines parsed when the file's index is
    known (series_index), else the whole file, then indexed for the next time."""
    from minsheng_cli.ledger.series_index import ALL

    return _read_indexed(root, path, project, targets, ALL)[0]


def read_own_series(root: Path, plan: Any, project: int, targets: frozenset, county: Optional[str]) -> tuple[list[Record], Optional[list]]:
    """What one update's record is checked against: of `targets`' records, only `county`'s (and
    every narrative of the project) — from every file of the project, in written order — and the
    state of those files, [[month/name, digest], …], what series_summary keys the other series
    by; None when a file has no index (read whole: not in the written shape, a BOM, a CR). Where
    the lines are in each file is remembered for the next update (own_series)."""
    from minsheng_cli.ledger import own_series
    from minsheng_cli.ledger.series_index import ALL, month_and_name

    key = own_series.entry_key(root, project, targets, county) if county is not ALL else None
    remembered = own_series.known(key) if key is not None else {}
    rows: dict = {}
    records: list[Record] = []
    state: Optional[list] = []
    for _, path in progress_files(root, plan, projects={project}):
        name = month_and_name(path)
        found, digest, rows[name] = _read_indexed(root, path, project, targets, county, remembered.get(name))
        records.extend(found)
        if state is not None:
            state = None if digest is None else [*state, [name, digest]]
    if key is not None and rows != remembered and all(one is not None for one in rows.values()):
        own_series.remember(key, rows)
    return records, state


def _read_indexed(root: Path, path: Path, project: int, targets: frozenset, county, remembered=None) -> tuple[list[Record], Optional[str], Optional[list]]:
    """(the records of `targets` in one file — of `county` only unless series_index.ALL —, the
    digest of the bytes read when the file is indexed, else None, and the file's own_series row
    for `county`: `remembered` when it held, else taken anew; None for ALL or a file not indexed)."""
    from minsheng_cli.ledger import own_series, series_index
    from minsheng_cli.ledger.progress_fast import parse_fast_grouped, parse_selected
    from minsheng_cli.ledger.yamlio import decode, read_bytes_and_stat

    def own(selected: Optional[tuple]) -> Optional[list[Record]]:
        """The records of the lines selected — (numbers, the lines joined, …) — when they are
        exactly records of `targets` (and `county`'s), else None: the file is read another way."""
        records = parse_selected(selected[1], selected[0], str(path), project, targets) if selected is not None else None
        if records is None or not (county is series_index.ALL or all(r.target is None or r.county == county for r in records)):
            return None
        return records

    if remembered is not None and (records := own(hit := own_series.read_settled(path, remembered))) is not None:
        return records, hit[2], remembered
    data, status = read_bytes_and_stat(path)
    if remembered is not None and (records := own(hit := own_series.selection(remembered, data))) is not None:
        return records, hit[2], own_series.restated(remembered, status)
    key = series_index.entry_key(root, path)
    index = series_index.known(key, status, data)
    chosen = index.chosen(targets, county) if index is not None else None
    if chosen is not None and (records := own(series_index.lines_at(data, chosen))) is not None:
        return records, index.digest, _own_row(status, index, chosen, county)
    text = decode(data, path)
    try:
        records, groups = parse_fast_grouped(text, str(path), project, targets)
    except NotFast:
        records, groups = parse_progress_text(text, path, project, targets), None
    digest = row = None
    if groups is not None and series_index.indexable(data):
        index = series_index.FileIndex.of_lines(data, groups)
        series_index.remember(key, status, data, index)
        digest = index.digest
        if county is not series_index.ALL:
            row = _own_row(status, index, index.chosen(targets, county), county)
    if county is not series_index.ALL:
        records = [r for r in records if r.target is None or r.county == county]
    return records, digest, row


def _own_row(status, index, chosen: Optional[list], county) -> Optional[list]:
    from minsheng_cli.ledger import own_series, series_index

    return own_series.row(status, index.digest, chosen) if county is not series_index.ALL and chosen is not None else None


def files_by_project(root: Path, plan: Any = None, until: Optional[dt.date] = None) -> dict[int, list[Path]]:
    """Project → its files (`progress_files`), months ascending."""
    files: dict[int, list[Path]] = {}
    for project, path in progress_files(root, plan, until=until):
        files.setdefault(project, []).append(path)
    return files


def read_project(project: int, paths: list[Path]) -> list[Record]:
    """One project's records from its files (`files_by_project`), in written order."""
    from minsheng_cli.ledger.yamlio import read_text

    records: list[Record] = []
    for path in paths:
        records.extend(parse_progress_text(read_text(path), str(path), project))
    return records
