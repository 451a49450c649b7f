"""`minsheng template` and `minsheng import`: the Excel/CSV exchange with the lead units."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from typing import Annotated

from minsheng_cli.words import exchange as M, commands as commands_words
from minsheng_cli.errors import UsageError
from minsheng_cli.rendering.output import FormatOpt


def template(
    unit: Annotated[Optional[str], typer.Option("--unit", "-u", help=M.IMP_HELP_UNIT, show_default=False)] = None,
    all_units: Annotated[bool, typer.Option("--all", help=M.IMP_HELP_ALL)] = False,
    month: Annotated[Optional[str], typer.Option("--month", "-m", help=M.IMP_HELP_MONTH, show_default=False)] = None,
    date: Annotated[Optional[str], typer.Option("--date", help=M.IMP_HELP_DATE, show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help=M.IMP_HELP_OUTPUT, show_default=False)] = None,
    output_dir: Annotated[Path, typer.Option("--output-dir", help=M.IMP_HELP_OUTPUT_DIR, show_default=False)] = Path("."),
) -> None:
    from minsheng_cli.exchange import template as T
    from minsheng_cli.commands.app import get_plan, get_root
    from minsheng_cli.ledger.dates import parse_date, today
    from minsheng_cli.ledger.progress_file import read_progress

    if all_units == (unit is not None):
        raise UsageError(M.IMP_UNIT_OR_ALL)
    if all_units and output is not None:
        raise UsageError(M.IMP_OUTPUT_WITH_ALL)
    root = get_root()
    plan = get_plan()
    period = T.parse_period(plan, month, today())
    preset = parse_date(date, "--date") if date else None
    if preset is not None and not period.start <= preset <= period.end:
        raise UsageError(M.IMP_DATE_OUTSIDE_MONTH.format(date=preset, month=period.label))
    units = T.lead_units(plan) if all_units else [T.resolve_unit(plan, unit)]
    records = list(read_progress(root, plan))
    if output is None:  # --output-dir is made as asked; a folder named in --output must exist
        _make_folder(output_dir)
    for chosen in units:
        path = output if output is not None else output_dir / T.template_filename(chosen, period)
        T.write_template(plan, records, chosen, period, path, preset)
        typer.echo(M.IMP_TEMPLATE_WRITTEN.format(path=path, unit=chosen, month=period.label))


def _make_folder(folder: Path) -> None:
    from minsheng_cli.errors import InputError, os_error_text

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(commands_words.CANNOT_WRITE.format(path=folder, error=os_error_text(err))) from None


def import_(
    file: Annotated[Path, typer.Argument(help=M.IMP_HELP_FILE, show_default=False)],
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help=M.IMP_HELP_DRY_RUN)] = False,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help=M.IMP_HELP_ENCODING, show_default=False)] = None,
    fmt: FormatOpt = None,
) -> None:
    from minsheng_cli.exchange import importer
    from minsheng_cli.commands.app import get_plan, get_root
    from minsheng_cli.ledger.dates import today
    from minsheng_cli.rendering.output import emit_json, emit_rows, resolve_format

    chosen = resolve_format(fmt)
    root = get_root()
    plan = get_plan()
    outcome = importer.import_file(root, plan, file, encoding, dry_run, today())
    if chosen == "json":
        emit_json(importer.outcome_json(plan, outcome, dry_run))
        return
    files = M.IMP_FILES.format(files="、".join(outcome.written_files)) if outcome.written_files else ""
    if dry_run and outcome.records:
        emit_rows(M.IMP_DRY_HEADERS, importer.dry_run_rows(plan, outcome), chosen, title=M.IMP_DRY_TITLE.format(path=file))
    if outcome.same:
        typer.echo(M.IMP_SAME.format(count=outcome.same))
    summary = M.IMP_DRY_RUN if dry_run else M.IMP_SUMMARY
    typer.echo(summary.format(written=len(outcome.records), files=files, skipped=outcome.skipped))


def register(app: typer.Typer) -> None:
    app.command("template", help=M.IMP_HELP_TEMPLATE, short_help=commands_words.SHORT_HELP["template"])(template)
    app.command("import", help=M.IMP_HELP_IMPORT, short_help=commands_words.SHORT_HELP["import"])(import_)
