"""`minsheng import FILE`: records from a filled template or any CSV/XLSX; all rows valid or nothing written."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer

from minsheng_cli.commands.printing import say

from minsheng_cli.commands.context import ledger_of
from minsheng_cli.commands.options import FormatOpt, resolve_format
from minsheng_cli.words import commands as commands_words, exchange as M, status as status_words


def import_(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(metavar=commands_words.ARG_FILE, help=status_words.IMP_HELP_FILES, show_default=False)],
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help=M.IMP_HELP_DRY_RUN)] = False,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help=M.IMP_HELP_ENCODING, show_default=False)] = None,
    after_plan: Annotated[bool, typer.Option("--after-plan", help=M.IMP_HELP_AFTER_PLAN)] = False,
    accept_outliers: Annotated[bool, typer.Option("--accept-outliers", help=M.IMP_HELP_ACCEPT_OUTLIERS)] = False,
    any_unit: Annotated[bool, typer.Option("--any-unit", help=M.IMP_HELP_ANY_UNIT)] = False,
    received: Annotated[Optional[str], typer.Option("--received", help=status_words.IMP_HELP_RECEIVED, show_default=False)] = None,
    fmt: FormatOpt = None,
) -> None:
    from minsheng_cli.exchange import importer
    from minsheng_cli.exchange.rows import Allowances
    from minsheng_cli.rendering.json import emit_json
    from minsheng_cli.rendering.output import emit_rows

    from minsheng_cli.errors import InputError
    from minsheng_cli.ledger.dates import parse_date

    chosen = resolve_format(fmt)
    ledger = ledger_of(ctx)
    plan = ledger.plan
    allow = Allowances(after_plan=after_plan, accept_outliers=accept_outliers, any_unit=any_unit)
    day = parse_date(received, "--received") if received is not None else ledger.today
    if day > ledger.today:
        raise InputError(status_words.IMP_RECEIVED_FUTURE.format(value=received))
    if len(files) > 1 or (str(files[0]) != "-" and files[0].is_dir()):
        _import_many(ledger, importer.source_paths(files), encoding, dry_run, allow, day, chosen)
        return
    file = files[0]
    outcome = importer.import_file(ledger.root, plan, file, encoding, dry_run, ledger.today, allow, day)
    if chosen == "json":
        emit_json(importer.outcome_json(plan, outcome, dry_run))
        return
    files = _written_files(outcome.written_files)
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


NAMED_FILES = 5  # a month's sheet writes a file or a few, each named; more (a whole year's) are counted


def _written_files(names: list[str]) -> str:
    """The progress files a single import wrote, for its summary: named when few, else counted
    (`--format json` lists every one)."""
    if not names:
        return ""
    if len(names) <= NAMED_FILES:
        return M.IMP_FILES.format(files="、".join(names))
    return M.IMP_FILES_MANY.format(first=names[0], last=names[-1], count=len(names))


def _import_many(ledger, paths: list[Path], encoding, dry_run: bool, allow, received, chosen: str) -> None:
    """Many files, one transaction: a progress bar on a terminal (stderr), then a line per file."""
    from minsheng_cli.exchange import importer
    from minsheng_cli.rendering.json import emit_json
    from minsheng_cli.rendering.output import emit_rows

    with _progress_bar(len(paths)) as step:
        outcomes = importer.import_files(ledger.root, ledger.plan, paths, encoding, dry_run, ledger.today, allow, received, step)
    if chosen == "json":
        emit_json(importer.outcomes_json(ledger.plan, outcomes, dry_run))
        return
    verb = status_words.IMP_FILE_WOULD if dry_run else status_words.IMP_FILE_WRITTEN
    for outcome in outcomes:
        if dry_run and outcome.records:
            emit_rows(M.IMP_DRY_HEADERS, importer.dry_run_rows(ledger.plan, outcome), chosen,
                      title=M.IMP_DRY_TITLE.format(path=outcome.source.path))
        for line in outcome.doubts:
            say(f"{outcome.source.path}：{line}")
        say(status_words.IMP_FILE_SUMMARY.format(path=outcome.source.path, written=len(outcome.records), verb=verb, same=outcome.same))
    written_files = sorted({name for outcome in outcomes for name in outcome.written_files})
    where = status_words.IMP_FILES_WHERE.format(count=len(written_files)) if written_files else ""
    total = status_words.IMP_FILES_DRY_RUN if dry_run else status_words.IMP_FILES_SUMMARY
    say(total.format(files=len(outcomes), written=sum(len(o.records) for o in outcomes), where=where,
                     skipped=sum(o.skipped for o in outcomes)))


@contextmanager
def _progress_bar(total: int):
    """A rich progress bar on stderr while the files are read, only when stderr is a terminal."""
    import sys

    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from minsheng_cli.rendering.output import console

    with Progress(TextColumn(status_words.IMP_PROGRESS), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  console=console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=total)
        yield lambda path: bar.update(task, advance=1, description=Path(path).name)


def register(app: typer.Typer) -> None:
    app.command("import", help=M.IMP_HELP_IMPORT + status_words.IMP_HELP_MANY, short_help=commands_words.SHORT_HELP["import"])(import_)
