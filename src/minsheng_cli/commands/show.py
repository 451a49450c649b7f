"""`minsheng show P`: one project's text, units, targets with their latest values, recent history."""

from __future__ import annotations

from typing import Annotated

import typer

from minsheng_cli.commands.context import ledger_of
from minsheng_cli.commands.options import FormatOpt, resolve_format
from minsheng_cli.words import commands as M


def show_project(
    ctx: typer.Context,
    project: Annotated[str, typer.Argument(help=M.SHOW_HELP_PROJECT, show_default=False)],
    fmt: FormatOpt = None,
) -> None:
    from minsheng_cli.rendering.json import emit_json
    from minsheng_cli.rendering.output import emit_rows
    from minsheng_cli.ledger.recording import resolve_project
    from minsheng_cli.reporting import listing

    chosen = resolve_format(fmt)
    ledger = ledger_of(ctx)
    found = resolve_project(ledger.plan, project)
    records = listing.project_records(ledger.root, ledger.plan, found.id)
    if chosen == "json":
        emit_json(listing.show_json(ledger.plan, found, records))
        return
    for line in listing.show_header_lines(ledger.plan, found):
        typer.echo(line)
    emit_rows(M.HEADERS_TARGETS, listing.target_rows(ledger.plan, found, records), chosen, title=M.SHOW_TARGETS)
    history = listing.recent_history(records)
    typer.echo(f"\n{M.SHOW_HISTORY}")
    if not history:
        typer.echo(M.NO_RECORDS)
    for line in history:
        typer.echo(line)


def register(app: typer.Typer) -> None:
    app.command("show", help=M.SHOW_HELP, short_help=M.SHORT_HELP_READ["show"])(show_project)
