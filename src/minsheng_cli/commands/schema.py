"""`minsheng schema [plan|progress|supervision]`: the JSON Schema of a ledger file kind, for editors."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from minsheng_cli.commands.options import OutputOpt, output_file
from minsheng_cli.errors import UsageError
from minsheng_cli.words import commands as commands_words, schema as M


def schema_command(
    kind: Annotated[str, typer.Argument(metavar="[plan|progress|supervision]", help=M.SCH_HELP_KIND)] = "plan",
    output: OutputOpt = None,
) -> None:
    from minsheng_cli.ledger.schema import KINDS, schema_text
    from minsheng_cli.files import save_bytes
    from minsheng_cli.rendering.output import write_bytes

    chosen = kind.strip().lower()
    if chosen not in KINDS:
        raise UsageError(M.SCH_UNKNOWN_KIND.format(kind=kind))
    data = schema_text(chosen).encode("utf-8")
    output = output_file(output)
    if output is None:
        write_bytes(data, sys.stdout)
        return
    save_bytes(output, data)
    typer.echo(M.SCH_WRITTEN.format(path=output), err=True)


def register(app: typer.Typer) -> None:
    app.command("schema", help=M.SCH_HELP, short_help=commands_words.SHORT_HELP["schema"])(schema_command)
