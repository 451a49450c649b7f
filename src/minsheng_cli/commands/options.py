"""The one shared set of output options: `--format` and `--output`, for every command that prints data.

`resolve_format` turns what was typed into a format name the renderers know (`rendering.output.FORMATS`,
a command's extra ones such as `xlsx`, or any tabulate format name).
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from minsheng_cli.errors import UsageError
from minsheng_cli.words import commands as M, ledger as ledger_words

FORMAT_HELP = M.HELP_FORMAT

FormatOpt = Annotated[Optional[str], typer.Option("--format", "-f", help=FORMAT_HELP, show_default=False)]
OutputOpt = Annotated[Optional[str], typer.Option("--output", "-o", help=M.HELP_OUTPUT)]


STDOUT = "-"  # -o -: standard output, as most tools read it (and /dev/stdout is a device we never replace)


def output_file(output: str | None) -> str | None:
    """The file `--output` names, None for standard output (no -o, or -o -)."""
    return None if output in (None, STDOUT) else output


def resolve_format(fmt: str | None, extra: tuple[str, ...] = ()) -> str:
    """The format asked for, or `table` on a terminal and `plain` when redirected."""
    from minsheng_cli.rendering.output import FORMATS

    if fmt is None:
        return "table" if sys.stdout.isatty() else "plain"
    chosen = fmt.strip().lower()
    if chosen in FORMATS or chosen in extra:
        return chosen
    from tabulate import tabulate_formats

    if chosen in tabulate_formats:
        return chosen
    raise UsageError(ledger_words.UNKNOWN_FORMAT.format(fmt=fmt, choices="、".join(FORMATS + extra)))
