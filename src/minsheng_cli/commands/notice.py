"""`minsheng notice --month 2023-06 -o 通报.docx`: the monthly 通报 as a Word document (thin:
options in, the report and the office's file read, the document out)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from minsheng_cli.commands.context import ledger_of
from minsheng_cli.words import notice as M

HEADER_KINDS = ("issue", "red")
FONT_CHOICES = ("official", "free")


def notice(
    ctx: typer.Context,
    month: Annotated[Optional[str], typer.Option("--month", "-m", help=M.NOTICE_HELP_MONTH, show_default=False)] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help=M.NOTICE_HELP_OUTPUT, show_default=False)] = None,
    header: Annotated[Optional[str], typer.Option("--header", help=M.NOTICE_HELP_HEADER, show_default=False)] = None,
    fonts: Annotated[Optional[str], typer.Option("--fonts", help=M.NOTICE_HELP_FONTS, show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=M.NOTICE_HELP_FORCE)] = False,
) -> None:
    from minsheng_cli.commands.printing import announce
    from minsheng_cli.commands.report import _build
    from minsheng_cli.errors import UsageError
    from minsheng_cli.files import check_output_path
    from minsheng_cli.reporting.spec import report_spec

    if not output:
        raise UsageError(M.NOTICE_NEEDS_OUTPUT, M.NOTICE_NOT_DOCX_HINT)
    if not output.lower().endswith(".docx"):
        raise UsageError(M.NOTICE_NOT_DOCX.format(path=output), M.NOTICE_NOT_DOCX_HINT)
    if header is not None and header.strip().lower() not in HEADER_KINDS:
        raise UsageError(M.NOTICE_BAD_HEADER.format(value=header))
    if fonts is not None and fonts.strip().lower() not in FONT_CHOICES:
        raise UsageError(M.NOTICE_BAD_FONTS.format(value=fonts))
    path = Path(output)
    check_output_path(path, M.NOTICE_PATH_HINT)  # before any work: a device, a folder or a ledger file is refused first
    ledger = ledger_of(ctx)
    spec = report_spec(ledger.plan, ledger.today, month=month)
    if month is not None and spec.period.start > ledger.plan.end:  # a 通报 reports on the plan's own months
        raise UsageError(M.NOTICE_AFTER_PLAN.format(month=month, start=ledger.plan.start, end=ledger.plan.end))
    built, errors, _ = _build(ledger.root, ledger.plan, spec, oversight=True)
    stamp = announce("docx", errors, force, output)  # a ledger with errors is refused before writing
    from minsheng_cli.reporting.notice_view import notice_view
    from minsheng_cli.rendering.docx import write_docx

    view = notice_view(built, built.supervision, ledger.today, header.strip().lower() if header else None, stamp,
                       fonts.strip().lower() if fonts else None)
    write_docx(view, path)
    typer.echo(M.NOTICE_WRITTEN.format(path=output))


def register(app: typer.Typer) -> None:
    app.command("notice", help=M.NOTICE_HELP, short_help=M.NOTICE_SHORT_HELP)(notice)
