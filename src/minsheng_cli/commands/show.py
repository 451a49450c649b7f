"""`minsheng show P`: one project's text, units, the whole of each target (its details and their
state), the values in force and the recent history."""

from __future__ import annotations

from typing import Annotated

import typer

from minsheng_cli.words import commands as commands_words

from minsheng_cli.commands.printing import say

from minsheng_cli.commands.context import ledger_of
from minsheng_cli.commands.options import FormatOpt, resolve_format
from minsheng_cli.words import commands as M


def show_project(
    ctx: typer.Context,
    project: Annotated[str, typer.Argument(metavar=commands_words.ARG_PROJECT, help=M.SHOW_HELP_PROJECT, show_default=False)],
    fmt: FormatOpt = None,
) -> None:
    from minsheng_cli.rendering.json import emit_json
    from minsheng_cli.rendering.output import emit_rows
    from minsheng_cli.reporting import listing

    chosen = resolve_format(fmt)
    ledger = ledger_of(ctx)
    plan = ledger.plan
    found, records = ledger.project_with_records(project)
    if chosen == "json":
        emit_json(listing.show_json(plan, found, records, ledger.today))
        return
    views = listing.target_views(plan, found, records, ledger.today)
    if chosen == "csv":  # one sheet: the project, each whole target, the history
        emit_rows(M.HEADERS_DETAILS, listing.show_csv_rows(plan, found, views, records), chosen)
        return
    for line in listing.show_header_lines(plan, found):
        say(line)
    emit_rows(M.HEADERS_TARGETS, listing.target_rows(views), chosen, title=M.SHOW_TARGETS)
    say("")
    emit_rows(M.HEADERS_DETAILS, listing.detail_rows(views), chosen, title=M.SHOW_DETAILS)
    history = listing.recent_history(records, found)
    say(f"\n{M.SHOW_HISTORY}")
    if not history:
        say(M.NO_RECORDS)
    for line in history:
        say(line)


def register(app: typer.Typer) -> None:
    app.command("show", help=M.SHOW_HELP, short_help=M.SHORT_HELP_READ["show"])(show_project)
