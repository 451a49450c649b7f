"""`minsheng list`: the projects by category, with lead units and targets."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from minsheng_cli.commands.context import ledger_of
from minsheng_cli.commands.options import FormatOpt, resolve_format
from minsheng_cli.words import commands as M


def list_projects(
    ctx: typer.Context,
    category: Annotated[Optional[str], typer.Option("--category", "-c", help=M.LIST_HELP_CATEGORY)] = None,
    unit: Annotated[Optional[str], typer.Option("--unit", "-u", help=M.LIST_HELP_UNIT)] = None,
    fmt: FormatOpt = None,
) -> None:
    from minsheng_cli.rendering.json import emit_json
    from minsheng_cli.rendering.output import emit_rows
    from minsheng_cli.reporting import listing

    chosen = resolve_format(fmt)
    plan = ledger_of(ctx).plan
    projects = listing.select_projects(plan, category, unit)
    if chosen == "json":
        emit_json(listing.list_json(plan, projects))
        return
    emit_rows(M.HEADERS_LIST, listing.list_rows(plan, projects), chosen, title=plan.title)


def register(app: typer.Typer) -> None:
    app.command("list", help=M.LIST_HELP, short_help=M.SHORT_HELP_READ["list"])(list_projects)
