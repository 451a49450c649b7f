"""`minsheng import`: a filled template, or any CSV/XLSX, into progress records — all or nothing.

Reading and validating are separate steps:
1. `sheets.read_source(path)` turns the file into candidate rows, each knowing where it is.
2. `rows.validate(plan, existing, source, today)` turns every candidate into a Record, or raises
   `ImportRejected` listing every bad row.
3. `import_file` does both and appends the records with `store.append_records` (atomic, locked),
   and `dry_run_rows` / `outcome_json` say what was (or would be) written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Optional

from minsheng_cli.exchange.rows import Allowances, Outcome, check_template_plan, validate
from minsheng_cli.exchange.sheets import read_source
from minsheng_cli.ledger.model import Plan, Record
from minsheng_cli.ledger.record_fields import record_json


def import_file(root: Path, plan: Plan, path: Path, encoding: Optional[str], dry_run: bool, today: dt.date,
                allow: Allowances = Allowances()) -> Outcome:
    """Read, validate and (unless `dry_run`) append. Validation runs under the ledger lock on
    freshly read records, so a concurrent writer cannot slip a conflicting record in between.
    `allow`: what the office's flags let through (--after-plan, --accept-outliers, --any-unit)."""
    from minsheng_cli.ledger import progress_file as progress
    from minsheng_cli.ledger import store

    source = read_source(Path(path), encoding)
    check_template_plan(plan, source)
    result: list[Outcome] = []

    def build() -> list[Record]:
        outcome = validate(plan, progress.read_progress(root, plan), source, today, allow)
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


def _file_names(records: list[Record]) -> list[str]:
    """The progress files the records go to, relative to the ledger."""
    from minsheng_cli.ledger.layout import relative_record_path

    return sorted({relative_record_path(record) for record in records})


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


def _shown_value(value: Any) -> Any:
    from minsheng_cli.ledger.recording import shown

    return shown(value)
