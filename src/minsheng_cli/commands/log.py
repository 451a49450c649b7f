"""`minsheng log P [T]`: a project's (or one target's) records with their changes, and a trend."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from minsheng_cli.commands.printing import say

from minsheng_cli.commands.context import ledger_of
from minsheng_cli.commands.options import FormatOpt, resolve_format
from minsheng_cli.words import commands as commands_words, git as M


def log_command(
    ctx: typer.Context,
    project: Annotated[str, typer.Argument(metavar=commands_words.ARG_PROJECT, help=M.LOG_HELP_PROJECT, show_default=False)],
    target: Annotated[Optional[str], typer.Argument(metavar=commands_words.ARG_TARGET, help=M.LOG_HELP_TARGET, show_default=False)] = None,
    fmt: FormatOpt = None,
) -> None:
    from minsheng_cli.ledger.recording import resolve_target
    from minsheng_cli.rendering.json import emit_json
    from minsheng_cli.rendering.output import emit_rows
    from minsheng_cli.reporting import log_view as view
    from minsheng_cli.reporting.log import project_log

    chosen = resolve_format(fmt)
    ledger = ledger_of(ctx)
    plan = ledger.plan
    found, records = ledger.project_with_records(project)
    chosen_target = resolve_target(found, target) if target is not None else None
    logs = project_log(plan, found, records, chosen_target, today=ledger.today)
    if chosen == "json":
        emit_json(view.log_json(found, logs))
        return
    if not logs:
        say(M.LOG_NO_TARGET_RECORDS.format(target=chosen_target.name) if chosen_target else M.LOG_NO_RECORDS.format(project=found.id))
        return
    if chosen == "csv":
        emit_rows([M.LOG_HEADER_TARGET, *M.LOG_HEADERS], [[view.log_name(log), *row] for log in logs for row in view.log_rows(log)], chosen)
        return
    for index, log in enumerate(logs):
        if index:
            say("")
        headers, rows = view.without_empty_columns(M.LOG_HEADERS, view.log_rows(log), keep=(0, 2))
        emit_rows(headers, rows, chosen, title=view.log_title(found, log))
        if chosen == "table" and log.trend:
            say(view.trend_line(log))


def register(app: typer.Typer) -> None:
    app.command("log", help=M.LOG_HELP, short_help=commands_words.SHORT_HELP["log"])(log_command)
