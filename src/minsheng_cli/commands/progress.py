"""`minsheng update`: record progress, one record from arguments or, without a target, interactively.

Thin: options are parsed here, every rule is in `recording.prepare`, every write goes through
`store.append_records`, which builds the records under the ledger lock from freshly read files.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Optional

import typer

from minsheng_cli.words import progress as M, commands as commands_words, ledger as ledger_words, vocab as vocab_words
from minsheng_cli.errors import InputError, UsageError
from minsheng_cli.ledger.model import Plan, Project, Record, Target


def update(
    project: Annotated[str, typer.Argument(metavar="P", help=M.REC_HELP_PROJECT, show_default=False)],
    target: Annotated[Optional[str], typer.Argument(metavar="T", help=M.REC_HELP_TARGET, show_default=False)] = None,
    value: Annotated[Optional[str], typer.Argument(metavar="VALUE", help=M.REC_HELP_VALUE, show_default=False)] = None,
    date: Annotated[Optional[str], typer.Option("--date", help=M.REC_HELP_DATE, show_default=False)] = None,
    county: Annotated[Optional[str], typer.Option("--county", help=M.REC_HELP_COUNTY, show_default=False)] = None,
    note: Annotated[Optional[str], typer.Option("--note", help=M.REC_HELP_NOTE, show_default=False)] = None,
    problem: Annotated[Optional[str], typer.Option("--problem", help=M.REC_HELP_PROBLEM, show_default=False)] = None,
    next_: Annotated[Optional[str], typer.Option("--next", help=M.REC_HELP_NEXT, show_default=False)] = None,
    by: Annotated[Optional[str], typer.Option("--by", help=M.REC_HELP_BY, show_default=False)] = None,
    correct: Annotated[bool, typer.Option("--correct", help=M.REC_HELP_CORRECT)] = False,
    void: Annotated[bool, typer.Option("--void", help=M.REC_HELP_VOID)] = False,
    reason: Annotated[Optional[str], typer.Option("--reason", help=M.REC_HELP_REASON, show_default=False)] = None,
) -> None:
    from minsheng_cli.commands.app import get_plan, get_root
    from minsheng_cli.ledger.dates import today as today_in_china
    from minsheng_cli.ledger.recording import AlreadyRecorded, git_user_name, prepare, resolve_project

    root = get_root()
    plan = get_plan()
    today = today_in_china()
    found = resolve_project(plan, project)
    reporter = by if by is not None else (git_user_name(root) or None)
    narrative = any(text is not None for text in (note, problem, next_))
    if target is None and value is None and not (narrative or correct or void or reason):
        _interactive(root, plan, found, date, county, reporter, today)
        return

    def build() -> list[Record]:
        existing = _project_records(root, plan, found)
        return [prepare(plan, existing, found.id, target, value, date, county, note, problem, next_, reporter, correct, void, reason, today)]

    try:
        written = _append(root, build)
    except AlreadyRecorded as notice:
        typer.echo(ledger_words.HINT_PREFIX + notice.message, err=True)
        return
    _report_written(root, plan, found, written)


def register(app: typer.Typer) -> None:
    app.command("update", help=M.REC_HELP_UPDATE, short_help=commands_words.SHORT_HELP["update"], no_args_is_help=True)(update)


# --- shared -----------------------------------------------------------------------------------------
def _project_records(root: Path, plan: Plan, project: Project) -> list[Record]:
    from minsheng_cli.ledger.progress_file import read_progress

    return read_progress(root, plan, projects={project.id})


def _append(root: Path, build) -> list[Record]:
    from minsheng_cli.ledger.store import append_records

    return append_records(root, build)


def _report_written(root: Path, plan: Plan, project: Project, written: list[Record]) -> None:
    records = _project_records(root, plan, project)
    for record in written:
        typer.echo(M.REC_WRITTEN.format(where=f"{_shown_path(record.path)}:{record.line}", record=describe(record, project)))
    for target_id in dict.fromkeys(r.target for r in written if r.target is not None):
        target = project.find_target(target_id)
        if target is not None:
            typer.echo(completion_phrase(plan, project.id, target, [r for r in records if r.target == target.id]))


def _shown_path(path: str) -> str:
    """Relative to the current folder when the file is below it (as git shows paths), else as is."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


def describe(record: Record, project: Project) -> str:
    """2023-06-30 新增托位（任城区）：6200 个 — one line for a summary."""
    from minsheng_cli.ledger.recording import shown

    parts = [record.date.isoformat()]
    if record.target is not None:
        target = project.find_target(record.target)
        name = target.name if target is not None else record.target
        county = f"（{record.county}）" if record.county else ""
        if record.action == "void":
            parts.append(M.REC_DESCRIBE_VOID.format(target=name, county=county))
        else:
            unit = f" {target.unit}" if target is not None and target.unit and isinstance(record.value, Decimal) else ""
            parts.append(f"{name}{county}：{shown(record.value)}{unit}")
            if record.action == "correct":
                parts.append(M.REC_DESCRIBE_CORRECT)
    for label, text in ((M.REC_ASK_NOTE, record.note), (M.REC_ASK_PROBLEM, record.problem), (M.REC_ASK_NEXT, record.next)):
        if text:
            parts.append(f"{label}：{text}")
    if record.reason:
        parts.append(M.REC_DESCRIBE_REASON.format(reason=record.reason))
    return " ".join(parts)


def completion_phrase(plan: Plan, project_id: int, target: Target, records: list[Record]) -> str:
    """A short phrase on the target's standing after the update, judged as of today by the same
    engine as the reports (schedule.py), so the two never disagree."""
    from minsheng_cli.ledger.dates import today
    from minsheng_cli.ledger.progress_file import format_number
    from minsheng_cli.reporting.schedule import assess_target, index_records, item_targets_of, points

    index = index_records(records, item_targets_of(plan))
    state = assess_target(plan, target, index.history(project_id, target.id), [], today())
    unit = target.unit or ""
    if target.kind in ("count", "level"):
        if state.as_of is None:
            return M.REC_PHRASE_NONE.format(target=target.name)
        actual, figure = format_number(state.actual), format_number(state.terms.figure or Decimal(0))
        if target.kind == "count" and state.completion is not None:
            return M.REC_PHRASE_COUNT.format(target=target.name, actual=actual, unit=unit, percent=points(state.completion), figure=figure)
        return M.REC_PHRASE_LEVEL.format(target=target.name, actual=actual, unit=unit, figure=figure)
    if target.kind == "continuing":
        state_word = vocab_words.CONTINUING_VALUES.get(state.actual, M.REC_PHRASE_UNKNOWN) if state.actual else M.REC_PHRASE_UNKNOWN
        return M.REC_PHRASE_CONTINUING.format(target=target.name, state=state_word)
    if target.kind == "checklist":
        return M.REC_PHRASE_CHECKLIST.format(target=target.name, done=len(state.done_items), required=target.required_items)
    if state.actual is True:
        return M.REC_PHRASE_DONE.format(target=target.name)
    if target.steps:
        return M.REC_PHRASE_STEPS.format(target=target.name, done=len(state.done_items), total=len(target.steps))
    return M.REC_PHRASE_NOT_DONE.format(target=target.name)


# --- interactive -------------------------------------------------------------------------------------
class _Entry:
    """What the user typed for one record, kept so it can be checked again under the lock."""

    def __init__(self, target: Optional[str], value: Optional[str], county: Optional[str], note=None, problem=None, next_=None):
        self.target, self.value, self.county = target, value, county
        self.note, self.problem, self.next = note, problem, next_


def _interactive(root: Path, plan: Plan, project: Project, date: Optional[str], county: Optional[str], by: Optional[str], today: dt.date) -> None:
    from minsheng_cli.ledger.recording import AlreadyRecorded, prepare, resolve_date

    day = resolve_date(plan, date, today)
    existing = _project_records(root, plan, project)
    if county is not None and not any(t.by_county and county.strip() in plan.counties_of(t) for t in project.targets):
        raise InputError(M.REC_ASK_COUNTY_UNUSED.format(county=county, project=project.id))
    typer.echo(M.REC_ASK_HEADER.format(id=project.id, name=project.name, date=day))
    entries: list[_Entry] = []
    accepted: list[Record] = []

    def attempt(entry: _Entry) -> Optional[Record]:
        """The record, or None after telling why it was not taken (the caller asks again)."""
        try:
            record = prepare(plan, existing + accepted, project.id, entry.target, entry.value, day, entry.county,
                             entry.note, entry.problem, entry.next, by, today=today)
        except AlreadyRecorded as notice:
            typer.echo("  " + ledger_words.HINT_PREFIX + notice.message)
            return None
        entries.append(entry)
        accepted.append(record)
        return record

    for index, target in enumerate(project.targets, 1):
        typer.echo(_target_heading(index, target, plan))
        counties = [None] if not target.by_county else [c for c in plan.counties_of(target) if county is None or c == county.strip()]
        for where in counties:
            _ask_value(project.id, target, where, existing + accepted, attempt)
    narrative = [_ask_text(label) for label in (M.REC_ASK_NOTE, M.REC_ASK_PROBLEM, M.REC_ASK_NEXT)]
    if any(narrative):
        attempt(_Entry(None, None, None, *narrative))
    if not accepted:
        typer.echo(M.REC_ASK_NOTHING)
        return
    typer.echo(M.REC_ASK_SUMMARY.format(count=len(accepted)))
    for record in accepted:
        typer.echo("  " + describe(record, project))
    if not typer.confirm(M.REC_ASK_CONFIRM, default=False):
        typer.echo(M.REC_ASK_CANCELLED)
        return

    def build() -> list[Record]:
        fresh = _project_records(root, plan, project)
        out: list[Record] = []
        for entry in entries:
            try:
                out.append(prepare(plan, fresh + out, project.id, entry.target, entry.value, day, entry.county,
                                   entry.note, entry.problem, entry.next, by, today=today))
            except AlreadyRecorded:  # written by someone else meanwhile
                continue
        return out

    written = _append(root, build)
    _report_written(root, plan, project, written)


def _target_heading(index: int, target: Target, plan: Plan) -> str:
    from minsheng_cli.ledger.progress_file import format_number

    kind = vocab_words.KIND[target.kind]
    if target.kind in ("count", "level") and target.target is not None:
        goal = M.REC_ASK_GOAL.format(figure=format_number(target.target), unit=target.unit or "")
    elif target.kind == "checklist":
        goal = M.REC_ASK_GOAL_ITEMS.format(required=target.required_items, items=len(target.items))
    else:
        goal = ""
    return M.REC_ASK_TARGET.format(index=index, name=target.name, id=target.id, kind=kind, goal=goal)


def _ask_value(project_id: int, target: Target, county: Optional[str], records: list[Record], attempt) -> None:
    from minsheng_cli.ledger.history import effective
    from minsheng_cli.ledger.recording import shown

    history = [r for r in effective(records) if r.target == target.id and r.county == county]
    last = M.REC_ASK_LAST.format(value=shown(history[-1].value), date=history[-1].date) if history else M.REC_ASK_NO_LAST
    hint = _choices_hint(project_id, target, county, records)
    asked = M.REC_ASK_VALUE if target.kind in ("count", "level") else M.REC_ASK_STATE
    label = f"  {county or asked}（{last}{hint}）"
    while True:
        text = typer.prompt(label, default="", show_default=False).strip()
        if not text:
            return
        try:
            record = attempt(_Entry(target.id, text, county))
        except (InputError, UsageError) as err:
            message = err.message if err.message.endswith("。") else err.message + "。"
            typer.echo("  " + ledger_words.ERROR_PREFIX + message + M.REC_ASK_RETRY.strip())
            continue
        if record is None or target.kind != "checklist":
            return
        label = "  " + M.REC_ASK_MORE_ITEMS


def _choices_hint(project_id: int, target: Target, county: Optional[str], records: list[Record]) -> str:
    if target.kind == "milestone":
        return M.REC_ASK_CHOICES.format(choices="、".join(["done", *(s.name for s in target.steps)]))
    if target.kind == "checklist":
        from minsheng_cli.ledger.recording import items_in_force

        done = items_in_force(records, project_id, target.id, county)
        left = [item for item in target.items if item not in done]
        return M.REC_ASK_ITEMS_LEFT.format(items="、".join(left) or M.REC_ASK_NONE_LEFT)
    if target.kind == "continuing":
        return M.REC_ASK_CHOICES.format(choices="正常、中断")
    return ""


def _ask_text(label: str) -> Optional[str]:
    text = typer.prompt(label, default="", show_default=False).strip()
    return text or None
