"""`minsheng import`: a filled template, or any CSV/XLSX, into progress records — all or nothing.

Reading and validating are separate steps:
1. `sheets.read_source(path)` turns the file into candidate rows, each knowing where it is.
2. `rows.validate(plan, existing, source, today)` turns every candidate into a Record, or raises
   `ImportRejected` listing every bad row.
3. `import_file` does both and appends the records with `store.append_records` (atomic, locked),
   and `dry_run_rows` / `outcome_json` say what was (or would be) written. `import_files` does the
   same for many files in one transaction (all files or nothing).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable, Optional

from minsheng_cli.exchange.rows import Allowances, Outcome, check_template_plan, validate
from minsheng_cli.exchange.sheets import read_source
from minsheng_cli.ledger.model import Plan, Record
from minsheng_cli.ledger.record_fields import record_json


def import_file(root: Path, plan: Plan, path: Path, encoding: Optional[str], dry_run: bool, today: dt.date,
                allow: Allowances = Allowances(), received: Optional[dt.date] = None) -> Outcome:
    """Read, validate and (unless `dry_run`) append. Validation runs under the ledger lock on
    freshly read records, so a concurrent writer cannot slip a conflicting record in between.
    `allow`: what the office's flags let through (--after-plan, --accept-outliers, --any-unit);
    `received`: the day the office received the sheet, written on every record (None: not written)."""
    from minsheng_cli.ledger import progress_file as progress
    from minsheng_cli.ledger import store

    source = read_source(Path(path), encoding)
    check_template_plan(plan, source)
    result: list[Outcome] = []

    def build() -> list[Record]:
        outcome = validate(plan, progress.read_progress(root, plan), source, today, allow, received)
        result.append(outcome)
        return outcome.records

    if dry_run:
        build()
        outcome = result[0]
        outcome.written_files = _file_names(outcome.records)
        return outcome
    written = store.append_records(root, build)
    outcome = result[0]
    outcome.written_files = _file_names(written)
    return outcome


# --- many files, one transaction --------------------------------------------------------------------------
def source_paths(paths: list[Path]) -> list[Path]:
    """The files an import reads: each file named, and in a folder every .xlsx/.xlsm/.csv in it
    (sorted; hidden files and Excel's ~$ lock files skipped). InputError for a folder with none."""
    from minsheng_cli.errors import InputError
    from minsheng_cli.exchange.sheets import XLSX_SUFFIXES
    from minsheng_cli.words import status as words

    found: list[Path] = []
    for path in map(Path, paths):
        if str(path) != "-" and path.is_dir():
            inside = sorted(child for child in path.iterdir() if child.is_file() and child.suffix.lower() in (*XLSX_SUFFIXES, ".csv")
                            and not child.name.startswith((".", "~$")))
            if not inside:
                raise InputError(words.IMP_FOLDER_EMPTY.format(path=path))
            found += inside
        else:
            found.append(path)
    if len(found) > 1 and any(str(path) == "-" for path in found):
        raise InputError(words.IMP_STDIN_ALONE)
    return found


def import_files(root: Path, plan: Plan, paths: list[Path], encoding: Optional[str], dry_run: bool, today: dt.date,
                 allow: Allowances = Allowances(), received: Optional[dt.date] = None,
                 step: Optional[Callable[[Path], None]] = None) -> list[Outcome]:
    """Many files in one transaction: every file read and validated — each against the ledger and
    the rows of the files before it, so a duplicate or a conflict across two files is found as
    within one — then, only if none has an error, every record appended in one `store` write (one
    journal: a kill leaves all or nothing). ImportRejected lists every file's errors, file by file.
    `step(path)` is called as each file is read (a progress bar)."""
    from minsheng_cli.errors import MinshengError
    from minsheng_cli.ledger import progress_file as progress
    from minsheng_cli.ledger import store

    sources: list = []
    failures: list[tuple[Path, MinshengError]] = []  # a file's own error: unreadable, bad rows, another plan
    for path in paths:
        try:
            source = read_source(path, encoding)
            check_template_plan(plan, source)
            sources.append(source)
        except MinshengError as err:
            failures.append((path, err))
        if step is not None:
            step(path)
    outcomes: list[Outcome] = []

    def build() -> list[Record]:
        existing = progress.read_progress(root, plan)
        outcomes.clear()
        for source in sources:
            try:
                outcome = validate(plan, existing, source, today, allow, received)
            except MinshengError as err:
                failures.append((source.path, err))
                continue
            outcomes.append(outcome)
            existing = existing + [_from_file(record, source.path) for record in outcome.records]
        if failures:
            raise _files_rejected(paths, failures)
        return [record for outcome in outcomes for record in outcome.records]

    if dry_run:
        build()
    else:
        store.append_records(root, build)
    for outcome in outcomes:
        outcome.written_files = _file_names(outcome.records)
    return outcomes


def _from_file(record: Record, path: Path) -> Record:
    """A record of an earlier file as the next files are checked against it: its row named with
    its file, so a clash says which file holds the other row."""
    from dataclasses import replace

    return replace(record, path=f"{path}：{record.path}")


def _files_rejected(paths: list[Path], failures: list) -> Exception:
    from minsheng_cli.errors import ImportRejected
    from minsheng_cli.words import status as words

    order = {str(path): index for index, path in enumerate(paths)}
    lines: list[str] = []
    for path, err in sorted(failures, key=lambda failure: order.get(str(failure[0]), len(order))):
        named = err.message.startswith(str(path))  # most messages about a file already start with its path
        lines.append(err.message if named else words.IMP_FILE_ERROR.format(path=path, message=err.message))
        lines += [words.IMP_FILE_LINE.format(line=line) for line in getattr(err, "row_errors", None) or []]
    rejected = ImportRejected(words.IMP_FILES_REJECTED.format(total=len(paths), count=len(failures)), lines)
    rejected.hint = words.IMP_FILES_REJECTED_HINT
    return rejected


def _file_names(records: list[Record]) -> list[str]:
    """The progress files the records go to, relative to the ledger."""
    from minsheng_cli.ledger.layout import relative_record_path

    one_each = {(record.date.year, record.date.month, record.project): record for record in records}  # a file per month and project
    return sorted({relative_record_path(record) for record in one_each.values()})


def dry_run_rows(plan: Plan, outcome: Outcome) -> list[list]:
    """What `--dry-run` shows: one line per record that would be written, with its row."""
    rows = []
    for record, candidate in zip(outcome.records, outcome.rows):
        project = plan.find_project(record.project)
        target = project.find_target(record.target) if project and record.target else None
        rows.append([
            candidate.where, record.project, target.name if target else "", record.county or "", record.date.isoformat(),
            _shown_value(record.value), record.note or "", record.problem or "", record.next or "", record.by or "",
        ])
    return rows


def outcome_json(plan: Plan, outcome: Outcome, dry_run: bool) -> dict:
    """`import --format json`: what was (or would be) written and skipped, for scripts. Each record
    is the row it came from and the record's line fields, as `show`, `log` and `diff` give them."""
    records = [
        {"row": candidate.row, "sheet": candidate.sheet, "project": record.project, **record_json(record)}
        for record, candidate in zip(outcome.records, outcome.rows)
    ]
    return {"dry_run": dry_run, "written": 0 if dry_run else len(outcome.records), "skipped": outcome.skipped,
            "files": outcome.written_files, "records": records, "doubts": outcome.doubts}


def outcomes_json(plan: Plan, outcomes: list[Outcome], dry_run: bool) -> dict:
    """`import A B … --format json`: the totals, and per file what `outcome_json` gives for one."""
    sources = [{"path": str(outcome.source.path), **outcome_json(plan, outcome, dry_run)} for outcome in outcomes]
    return {"dry_run": dry_run, "written": sum(source["written"] for source in sources),
            "skipped": sum(source["skipped"] for source in sources),
            "files": sorted({name for outcome in outcomes for name in outcome.written_files}), "sources": sources}


def _shown_value(value: Any) -> Any:
    from minsheng_cli.ledger.recording import shown

    return shown(value)
