"""`minsheng init DIR`: a new, empty ledger for another year or city."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from minsheng_cli.commands.context import ledger_of
from minsheng_cli.words import commands as commands_words, init as M


def init_command(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(metavar=commands_words.ARG_DIR, help=M.INIT_HELP_DIR, show_default=False)],
    year: Annotated[Optional[int], typer.Option("--year", "-y", help=M.INIT_HELP_YEAR, show_default=False)] = None,
    title: Annotated[Optional[str], typer.Option("--title", "-t", help=M.INIT_HELP_TITLE, show_default=False)] = None,
) -> None:
    from minsheng_cli.ledger.layout import PLAN_FILE
    from minsheng_cli.ledger.new import create_ledger

    written = create_ledger(directory, year if year is not None else ledger_of(ctx).today.year, title)
    typer.echo(M.INIT_DONE.format(path=directory))
    for relative in written:
        typer.echo(f"  {relative}")
    typer.echo(M.INIT_NEXT.format(plan=directory / PLAN_FILE, path=directory))


def register(app: typer.Typer) -> None:
    app.command("init", help=M.INIT_HELP, short_help=commands_words.SHORT_HELP["init"])(init_command)
