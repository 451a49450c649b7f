"""`minsheng update`: record progress, one record from arguments or, without a target, interactively.

Thin: options are parsed here; one record from arguments is commands/update_one.py's (the quick
path runs it too), every rule is in `recording.prepare`, every write goes through
`store.append_records`, which builds the records under the ledger lock from freshly read files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer

from minsheng_cli.commands.printing import say
from minsheng_cli.commands.help_format import confirm as ask_yes_no

from minsheng_cli.commands.context import ledger_of
from minsheng_cli.commands.update_one import append, project_records, report_written
from minsheng_cli.errors import InputError, UsageError
from minsheng_cli.ledger.model import Plan, Project, Record, Target
from minsheng_cli.words import commands as commands_words, ledger as ledger_words, progress as M


def update(
    ctx: typer.Context,
    project: Annotated[str, typer.Argument(metavar=commands_words.ARG_PROJECT, help=M.REC_HELP_PROJECT, show_default=False)],
    target: Annotated[Optional[str], typer.Argument(metavar=commands_words.ARG_TARGET, help=M.REC_HELP_TARGET, show_default=False)] = None,
    value: Annotated[Optional[str], typer.Argument(metavar=commands_words.ARG_VALUE, help=M.REC_HELP_VALUE, show_default=False)] = None,
    date: Annotated[Optional[str], typer.Option("--date", help=M.REC_HELP_DATE, show_default=False)] = None,
    county: Annotated[Optional[str], typer.Option("--county", help=M.REC_HELP_COUNTY, show_default=False)] = None,
    note: Annotated[Optional[str], typer.Option("--note", help=M.REC_HELP_NOTE, show_default=False)] = None,
    problem: Annotated[Optional[str], typer.Option("--problem", help=M.REC_HELP_PROBLEM, show_default=False)] = None,
    next_: Annotated[Optional[str], typer.Option("--next", help=M.REC_HELP_NEXT, show_default=False)] = None,
    by: Annotated[Optional[str], typer.Option("--by", help=M.REC_HELP_BY, show_default=False)] = None,
    correct: Annotated[bool, typer.Option("--correct", help=M.REC_HELP_CORRECT)] = False,
    void: Annotated[bool, typer.Option("--void", help=M.REC_HELP_VOID)] = False,
    reason: Annotated[Optional[str], typer.Option("--reason", help=M.REC_HELP_REASON, show_default=False)] = None,
    after_plan: Annotated[bool, typer.Option("--after-plan", help=M.REC_HELP_AFTER_PLAN)] = False,
    confirm: Annotated[bool, typer.Option("--confirm", help=M.REC_HELP_CONFIRM)] = False,
) -> None:
    from minsheng_cli.commands.update_one import record_one, reporter_of
    from minsheng_cli.ledger.recording import resolve_project

    ledger = ledger_of(ctx)
    found = resolve_project(ledger.plan, project)
    reporter = reporter_of(ledger, by)
    narrative = any(text is not None for text in (note, problem, next_))
    if target is None and value is None and not (narrative or correct or void or reason):
        _interactive(ledger.root, ledger.plan, found, date, county, reporter, ledger.today, after_plan, confirm)
        return
    record_one(ledger, found, target, value, date, county, note, problem, next_, reporter, correct, void, reason, after_plan, confirm)


def register(app: typer.Typer) -> None:
    app.command("update", help=M.REC_HELP_UPDATE, short_help=commands_words.SHORT_HELP["update"], no_args_is_help=True)(update)


# --- interactive -------------------------------------------------------------------------------------
@dataclass
class _Entry:
    """What the user typed for one record, kept so it can be checked again under the lock."""

    target: Optional[str]
    value: Optional[str]
    county: Optional[str]
    note: Optional[str] = None
    problem: Optional[str] = None
    next: Optional[str] = None
    confirmed: bool = False  # a value the user confirmed after being told it needs checking


def _interactive(root: Path, plan: Plan, project: Project, date: Optional[str], county: Optional[str], by: Optional[str],
                 today: dt.date, after_plan: bool = False, confirm: bool = False) -> None:
    from minsheng_cli.ledger.recording import AlreadyRecorded, Implausible, prepare, resolve_date
    from minsheng_cli.reporting.update_view import describe, target_heading

    day = resolve_date(plan, date, today, after_plan=after_plan)
    existing = project_records(root, plan, project)
    if county is not None and not any(t.by_county and county.strip() in plan.counties_of(t) for t in project.targets):
        raise InputError(M.REC_ASK_COUNTY_UNUSED.format(county=county, project=project.id))
    say(M.REC_ASK_HEADER.format(id=project.id, name=project.name, date=day))
    entries: list[_Entry] = []
    accepted: list[Record] = []

    def record_of(entry: _Entry, earlier: list[Record]) -> Record:
        return prepare(plan, earlier, project.id, entry.target, entry.value, day, entry.county,
                       entry.note, entry.problem, entry.next, by, today=today, after_plan=after_plan,
                       confirm=confirm or entry.confirmed)

    def attempt(entry: _Entry) -> Optional[Record]:
        """The record, or None after telling why it was not taken (the caller asks again). A
        value that needs checking is asked about: confirmed, it is taken."""
        try:
            record = record_of(entry, existing + accepted)
        except AlreadyRecorded as notice:
            say("  " + ledger_words.HINT_PREFIX + notice.message)
            return None
        except Implausible as doubt:
            if not ask_yes_no(M.REC_ASK_DOUBT.format(reasons=M.REC_DOUBT_SEP.join(doubt.reasons)), default=False):
                raise InputError(M.REC_ASK_DOUBT_DECLINED) from None  # asked again
            entry.confirmed, record = True, doubt.record
        entries.append(entry)
        accepted.append(record)
        return record

    for index, target in enumerate(project.targets, 1):
        say(target_heading(index, target))
        counties = [None] if not target.by_county else [c for c in plan.counties_of(target) if county is None or c == county.strip()]
        for where in counties:
            _ask_value(project.id, target, where, existing + accepted, attempt)
    _ask_narrative(attempt)
    if not accepted:
        say(M.REC_ASK_NOTHING)
        return
    say(M.REC_ASK_SUMMARY.format(count=len(accepted)))
    for record in accepted:
        say("  " + describe(record, project))
    if not ask_yes_no(M.REC_ASK_CONFIRM, default=False):
        say(M.REC_ASK_CANCELLED)
        return

    fresh: list[Record] = []

    def build() -> list[Record]:
        fresh[:] = project_records(root, plan, project)
        out: list[Record] = []
        for entry in entries:
            try:
                out.append(record_of(entry, fresh + out))
            except AlreadyRecorded:  # written by someone else meanwhile
                continue
        return out

    written = append(root, build)
    report_written(plan, project, written, today, fresh + written)


def _ask_value(project_id: int, target: Target, county: Optional[str], records: list[Record], attempt) -> None:
    """Ask for one target (and county) until a value is taken or the user presses Enter; a
    checklist asks again for more items."""
    from minsheng_cli.reporting.update_view import value_question

    label = value_question(project_id, target, county, records)
    while True:
        text = typer.prompt(label, default="", show_default=False).strip()
        if not text:
            return
        try:
            record = attempt(_Entry(target.id, text, county))
        except (InputError, UsageError) as err:
            message = err.message if err.message.endswith("。") else err.message + "。"
            say("  " + ledger_words.ERROR_PREFIX + message + M.REC_ASK_RETRY.strip())
            continue
        if record is None or target.kind != "checklist":
            return
        label = "  " + M.REC_ASK_MORE_ITEMS


def _ask_narrative(attempt) -> None:
    """进展情况, 存在问题, 下步打算, asked until they are taken or left empty: a text that cannot
    be taken (a control character, too long) is said and asked again, and the values already
    entered are kept."""
    while True:
        narrative = [_ask_text(label) for label in (M.REC_ASK_NOTE, M.REC_ASK_PROBLEM, M.REC_ASK_NEXT)]
        if not any(narrative):
            return
        try:
            attempt(_Entry(None, None, None, *narrative))
            return
        except (InputError, UsageError) as err:
            message = err.message if err.message.endswith("。") else err.message + "。"
            say("  " + ledger_words.ERROR_PREFIX + message + M.REC_ASK_RETRY.strip())


def _ask_text(label: str) -> Optional[str]:
    text = typer.prompt(label, default="", show_default=False).strip()
    return text or None
