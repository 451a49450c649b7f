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


# What an -o file's extension means; a format's usual extension is its first one here.
EXTENSIONS = {".csv": "csv", ".md": "markdown", ".markdown": "markdown", ".json": "json", ".xlsx": "xlsx",
              ".txt": "plain", ".html": "html", ".htm": "html", ".docx": "docx"}
TEXT_FILE_FORMATS = ("plain", "table")  # both write the plain table into a .txt file


def format_for(fmt: str | None, output: str | None, command: str, extra: tuple[str, ...] = ()) -> str:
    """The format to write: with `-o FILE`, the one its extension names (refusing an unknown
    extension, one that contradicts `-f`, or one this command cannot write); else `resolve_format`."""
    from pathlib import PurePath

    from minsheng_cli.rendering.output import FORMATS

    path = output_file(output)
    if path is None:
        return resolve_format(fmt, extra)
    extension = PurePath(path).suffix.lower()
    implied = EXTENSIONS.get(extension)
    if implied is None:  # the extensions this command can write, not every one some command can
        writable = [name for name, written in EXTENSIONS.items() if written in FORMATS + extra]
        raise UsageError(M.OUT_UNKNOWN_EXTENSION.format(path=path, extension=extension or "（无）", choices="、".join(writable)))
    if fmt is not None:
        chosen = resolve_format(fmt, extra)
        if chosen != implied and not (implied == "plain" and chosen in TEXT_FILE_FORMATS):
            suggested = str(PurePath(path).with_suffix(_extension_of(chosen)))
            raise UsageError(M.OUT_CONTRADICTS.format(fmt=fmt, path=path, extension=extension, implied=implied, suggested=suggested))
        return "plain" if chosen == "table" else chosen
    supported = FORMATS + extra
    if implied not in supported:
        choices = "、".join(f"{name}（{_extension_of(name)}）" for name in supported if name != "table")
        raise UsageError(M.OUT_NOT_SUPPORTED.format(command=command, fmt=implied, path=path, choices=choices))
    return implied


def _extension_of(fmt: str) -> str:
    return next((extension for extension, name in EXTENSIONS.items() if name == fmt), ".txt")
