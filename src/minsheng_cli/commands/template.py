"""`minsheng template`: the Excel sheet a lead unit fills in, pre-filled from the ledger."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from minsheng_cli.commands.context import ledger_of
from minsheng_cli.errors import UsageError
from minsheng_cli.words import commands as commands_words, exchange as M


def template(
    ctx: typer.Context,
    unit: Annotated[Optional[str], typer.Option("--unit", "-u", help=M.IMP_HELP_UNIT, show_default=False)] = None,
    all_units: Annotated[bool, typer.Option("--all", help=M.IMP_HELP_ALL)] = False,
    month: Annotated[Optional[str], typer.Option("--month", "-m", help=M.IMP_HELP_MONTH, show_default=False)] = None,
    date: Annotated[Optional[str], typer.Option("--date", help=M.IMP_HELP_DATE, show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help=M.IMP_HELP_OUTPUT, show_default=False)] = None,
    output_dir: Annotated[Path, typer.Option("--output-dir", help=M.IMP_HELP_OUTPUT_DIR, show_default=False)] = Path("."),
    force: Annotated[bool, typer.Option("--force", help=M.IMP_HELP_TEMPLATE_FORCE)] = False,
) -> None:
    from minsheng_cli.exchange import template as T
    from minsheng_cli.ledger.dates import parse_date
    from minsheng_cli.ledger.progress_file import read_progress

    if all_units == (unit is not None):
        raise UsageError(M.IMP_UNIT_OR_ALL)
    if all_units and output is not None:
        raise UsageError(M.IMP_OUTPUT_WITH_ALL)
    ledger = ledger_of(ctx)
    plan = ledger.plan
    period = T.parse_period(plan, month, ledger.today)
    preset = parse_date(date, "--date") if date else None
    if preset is not None and not period.start <= preset <= period.end:
        raise UsageError(M.IMP_DATE_OUTSIDE_MONTH.format(date=preset, month=period.label))
    units = T.lead_units(plan) if all_units else [T.resolve_unit(plan, unit)]
    records = list(read_progress(ledger.root, plan))
    if output is None:  # --output-dir is made as asked; a folder named in --output must exist
        _make_folder(output_dir)
    paths = [output if output is not None else output_dir / T.template_filename(chosen, period) for chosen in units]
    if all_units and not force:
        again = ["minsheng", "template", "--all", "--month", period.label, "--output-dir", str(output_dir)]
        _refuse_overwriting(paths, again + (["--date", str(preset)] if preset else []) + ["--force"])
    for chosen, path in zip(units, paths):
        T.write_template(plan, records, chosen, period, path, preset)
        typer.echo(M.IMP_TEMPLATE_WRITTEN.format(path=path, unit=chosen, month=period.label))


def _refuse_overwriting(paths: list[Path], again: list[str]) -> None:
    """`template --all` writes a file per unit: one already there (perhaps filled in) is kept
    unless --force; the message prints the command to run with it."""
    import shlex

    from minsheng_cli.errors import InputError

    existing = [path for path in paths if path.exists()]
    if existing:
        raise InputError(M.IMP_TEMPLATE_EXISTS.format(count=len(existing), paths="、".join(map(str, existing[:3])),
                                                      more="…" if len(existing) > 3 else ""),
                         M.IMP_TEMPLATE_EXISTS_HINT.format(command=shlex.join(again)))


def _make_folder(folder: Path) -> None:
    from minsheng_cli.errors import InputError, os_error_text

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(commands_words.CANNOT_WRITE.format(path=folder, error=os_error_text(err))) from None


def register(app: typer.Typer) -> None:
    app.command("template", help=M.IMP_HELP_TEMPLATE, short_help=commands_words.SHORT_HELP["template"])(template)
