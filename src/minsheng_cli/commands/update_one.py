"""`minsheng update P T VALUE …`, one record from arguments, without the command line's library:
the typer command (commands/update.py) and the quick path (commands/quick.py) both run it.

Every rule is in `recording.prepare`, every write goes through `store.append_records`, which
builds the record under the ledger lock from freshly read files (ledger/update_reading.py: only
the record's own series is parsed when the target's others are remembered).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable, Optional

from minsheng_cli.commands.context import LedgerContext
from minsheng_cli.commands.printing import say
from minsheng_cli.ledger.model import Plan, Project, Record
from minsheng_cli.words import ledger as ledger_words, progress as M


def record_one(ledger: LedgerContext, project: Project, target: Optional[str], value: Optional[str], date: Optional[str],
               county: Optional[str], note: Optional[str], problem: Optional[str], next_: Optional[str], reporter: Optional[str],
               correct: bool = False, void: bool = False, reason: Optional[str] = None, after_plan: bool = False,
               confirm: bool = False) -> None:
    """Write the one record these arguments make and say what was written and where the target stands."""
    from minsheng_cli.ledger.recording import AlreadyRecorded, prepare, series_written, targets_read
    from minsheng_cli.ledger.update_reading import UpdateReading

    root, plan, today = ledger.root, ledger.plan, ledger.today
    narrative = any(text is not None for text in (note, problem, next_))
    targets = targets_read(plan, project, target, county, narrative)  # only their records are made
    reading = UpdateReading(root, plan, project, targets, series_written(plan, project, target, county), ledger.use_cache)

    def build() -> list[Record]:
        return [prepare(plan, reading.read(), project.id, target, value, date, county, note, problem, next_, reporter, correct, void,
                        reason, today, after_plan=after_plan, confirm=confirm)]

    digests: dict = {}
    try:
        written = append(root, build, ledger.use_cache, digests)
    except AlreadyRecorded as notice:
        say(ledger_words.HINT_PREFIX + notice.message, err=True)
        return
    # the project as it now stands: what was read under the lock, then what was appended (the
    # ledger is not read a second time: at a province's size that was half of an update's cost)
    report_written(plan, project, written, today, reading.records + written, reading.series_after(written, digests))


def reporter_of(ledger: LedgerContext, by: Optional[str]) -> Optional[str]:
    """--by, else the git user of the ledger's folder."""
    from minsheng_cli.ledger.recording import git_user_name

    return by if by is not None else (git_user_name(ledger.root) or None)


def project_records(root: Path, plan: Plan, project: Project, targets: Optional[frozenset] = None, use_cache: bool = False) -> list[Record]:
    from minsheng_cli.reporting.listing import project_records as records_of

    return records_of(root, plan, project.id, targets, use_cache)


def append(root: Path, build: Callable[[], list[Record]], use_cache: bool = False, digests: Optional[dict] = None) -> list[Record]:
    from minsheng_cli.ledger.store import append_records

    return append_records(root, build, use_cache, digests)


def report_written(plan: Plan, project: Project, written: list[Record], today: dt.date, records: list[Record],
                   series: Optional[dict] = None) -> None:
    """`series`: county → series of the one written record's target (update_reading), else the
    phrase folds `records`."""
    from minsheng_cli.reporting.update_view import completion_phrase, describe, shown_path

    for record in written:
        say(M.REC_WRITTEN.format(where=f"{shown_path(record.path)}:{record.line}", record=describe(record, project)))
    for target_id in dict.fromkeys(r.target for r in written if r.target is not None):
        target = project.find_target(target_id)
        if target is not None:
            say(completion_phrase(plan, project.id, target, [r for r in records if r.target == target.id], today, series))
