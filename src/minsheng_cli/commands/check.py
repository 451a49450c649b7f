"""`minsheng check`: every problem of the plan and of every progress file; exit 1 if any."""

from __future__ import annotations

import typer

from minsheng_cli.commands.context import ledger_of
from minsheng_cli.commands.options import FormatOpt, resolve_format
from minsheng_cli.words import check as check_words, commands as M


def check_ledger(ctx: typer.Context, fmt: FormatOpt = None) -> None:
    from minsheng_cli.checks import run as checks
    from minsheng_cli.commands.printing import format_problem, say
    from minsheng_cli.rendering.json import emit_json

    chosen = resolve_format(fmt)
    ledger = ledger_of(ctx)
    result = checks.check_ledger(ledger.root, ledger.today, ledger.use_cache)
    if chosen == "json":
        emit_json({"ok": not result.problems, "errors": [p.as_json() for p in result.problems]})
    elif result.problems:
        for problem in result.problems:
            say(format_problem(problem))
        say(check_words.CHECK_FAILED.format(count=len(result.problems)))
    else:
        say(check_words.CHECK_OK.format(projects=result.projects, targets=result.targets, records=result.records))
    if result.problems:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("check", help=M.CHECK_HELP, short_help=M.SHORT_HELP_READ["check"])(check_ledger)
