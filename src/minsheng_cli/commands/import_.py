"""`minsheng import FILE`: records from a filled template or any CSV/XLSX; all rows valid or nothing written."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from minsheng_cli.commands.printing import say

from minsheng_cli.commands.context import ledger_of
from minsheng_cli.commands.options import FormatOpt, resolve_format
from minsheng_cli.words import commands as commands_words, exchange as M


def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar=commands_words.ARG_FILE, help=M.IMP_HELP_FILE, show_default=False)],
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help=M.IMP_HELP_DRY_RUN)] = False,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help=M.IMP_HELP_ENCODING, show_default=False)] = None,
    after_plan: Annotated[bool, typer.Option("--after-plan", help=M.IMP_HELP_AFTER_PLAN)] = False,
    accept_outliers: Annotated[bool, typer.Option("--accept-outliers", help=M.IMP_HELP_ACCEPT_OUTLIERS)] = False,
    any_unit: Annotated[bool, typer.Option("--any-unit", help=M.IMP_HELP_ANY_UNIT)] = False,
    fmt: FormatOpt = None,
) -> None:
    from minsheng_cli.exchange import importer
    from minsheng_cli.exchange.rows import Allowances
    from minsheng_cli.rendering.json import emit_json
    from minsheng_cli.rendering.output import emit_rows

    chosen = resolve_format(fmt)
    ledger = ledger_of(ctx)
    plan = ledger.plan
    allow = Allowances(after_plan=after_plan, accept_outliers=accept_outliers, any_unit=any_unit)
    outcome = importer.import_file(ledger.root, plan, file, encoding, dry_run, ledger.today, allow)
    if chosen == "json":
        emit_json(importer.outcome_json(plan, outcome, dry_run))
        return
    files = M.IMP_FILES.format(files="、".join(outcome.written_files)) if outcome.written_files else ""
    if dry_run and outcome.records:
        emit_rows(M.IMP_DRY_HEADERS, importer.dry_run_rows(plan, outcome), chosen, title=M.IMP_DRY_TITLE.format(path=file))
    if outcome.doubts:
        say(M.IMP_DOUBTS_ACCEPTED.format(count=len(outcome.doubts)))
        for line in outcome.doubts:
            say("  " + line)
    if outcome.same:
        say(M.IMP_SAME.format(count=outcome.same))
    summary = (M.IMP_DRY_RUN if dry_run else M.IMP_SUMMARY).format(written=len(outcome.records), files=files, skipped=outcome.skipped)
    if chosen == "table":  # beside a table fitted to the terminal, the summary fits it too
        from minsheng_cli.rendering.terminal import fitted_lines

        for line in fitted_lines(summary):
            say(line)
        return
    say(summary)


def register(app: typer.Typer) -> None:
    app.command("import", help=M.IMP_HELP_IMPORT, short_help=commands_words.SHORT_HELP["import"])(import_)
