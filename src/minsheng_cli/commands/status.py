"""`minsheng status`: who has reported for a month, on time or late; 报送及时率; the 催报 paragraph."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from minsheng_cli.commands.context import ledger_of
from minsheng_cli.commands.options import FormatOpt, resolve_format
from minsheng_cli.words import status as M


def status(
    ctx: typer.Context,
    month: Annotated[Optional[str], typer.Option("--month", "-m", help=M.STATUS_HELP_MONTH, show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help=M.STATUS_HELP_AS_OF, show_default=False)] = None,
    fmt: FormatOpt = None,
) -> None:
    from minsheng_cli.errors import UsageError
    from minsheng_cli.ledger.dates import parse_date
    from minsheng_cli.ledger.gitrev import first_committed
    from minsheng_cli.ledger.history import fold
    from minsheng_cli.ledger.progress_file import read_progress
    from minsheng_cli.rendering.json import emit_json
    from minsheng_cli.rendering.output import emit_rows
    from minsheng_cli.reporting import status as S

    chosen = resolve_format(fmt)
    ledger = ledger_of(ctx)
    plan = ledger.plan
    day = parse_date(as_of, "--as-of") if as_of is not None else ledger.today
    period = S.status_month(plan, month, ledger.today)
    if day < period.start:  # who had reported for June is not a question before June began
        raise UsageError(M.AS_OF_BEFORE_MONTH.format(as_of=as_of, month=period.label, start=period.start))
    records = read_progress(ledger.root, plan, until=period.end)
    committed: dict[str, dict] = {}
    for folder in S.month_folders(period):
        committed.update(first_committed(ledger.worktree_root, folder, ledger.rev or "HEAD"))
    built = S.build_status(plan, fold(records, plan, today=ledger.today), records, period, day, committed, ledger.today)
    if chosen == "json":
        emit_json(S.status_json(built))
        return
    if chosen == "csv":
        emit_rows(M.PROJECT_HEADERS, S.project_rows(built), chosen)
        return
    emit_rows(M.UNIT_HEADERS, S.unit_rows(built), chosen, title=S.title(built))
    typer.echo("")
    emit_rows(M.PROJECT_HEADERS, S.project_rows(built), chosen, title=M.PROJECT_TITLE)
    if built.exempt:
        typer.echo("")
        emit_rows(M.EXEMPT_HEADERS, S.exempt_rows(built), chosen, title=M.EXEMPT_TITLE)
    typer.echo("")
    typer.echo(S.summary_sentence(built))
    typer.echo("")
    typer.echo(f"{M.REMINDER_TITLE}：")
    typer.echo(S.reminder(built))


def register(app: typer.Typer) -> None:
    app.command("status", help=M.STATUS_HELP, short_help=M.STATUS_SHORT)(status)
