"""The `minsheng` group: global options, the one error boundary, and lazy registration of commands.

Errors: every user-facing error is a `MinshengError` raised anywhere below; `MinshengGroup.main`
catches it once and commands/boundary.py says it and gives the exit code (1, 2 for usage, 130
when interrupted; anything else one line and a hint to rerun with `--debug` for the traceback).

Each command lives in its own module (`COMMANDS`), imported only when that command runs: building
every command's options costs start-up time. A command reaches the ledger through the
`LedgerContext` the group's callback puts in `ctx.obj`; no command imports this module.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Iterable, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from minsheng_cli import __version__
from minsheng_cli.commands.boundary import exit_code
from minsheng_cli.commands.printing import print_error, utf8_streams
from minsheng_cli.errors import UsageError
from minsheng_cli.words import commands as M, git as git_words, ledger as ledger_words, progress as progress_words

# command name -> its module in minsheng_cli.commands, in the order of `minsheng --help`
COMMANDS = {
    "list": "list_",
    "show": "show",
    "check": "check",
    "update": "update",
    "template": "template",
    "import": "import_",
    "report": "report",
    "notice": "notice",
    "status": "status",
    "diff": "diff",
    "log": "log",
    "schema": "schema",
    "init": "init",
}
# Commands that write the ledger: a past revision cannot be written to.
REV_REFUSED = ("update", "import", "init")
OPTIONS_WITH_VALUE = ("--data", "-d", "--rev")


def _click():
    """The click typer runs on: recent typer vendors it as typer._click."""
    try:
        from typer import _click as click
    except ImportError:  # typer < 0.20 uses the click package
        import click
    return click


def _chinese_help_option(option):
    if option is not None:
        option.help = progress_words.HELP_OPTION
    return option


class ChineseHelp:
    """用法 / 选项 / 参数 / 命令 for every command and the group (commands/help_format.py)."""

    @property
    def context_class(self):
        from minsheng_cli.commands.help_format import context_class

        return context_class()

    def get_help_option(self, ctx):
        return _chinese_help_option(super().get_help_option(ctx))

    def format_arguments(self, ctx, formatter):
        """click ≥ 8.3 lists arguments itself; typer's 参数 section (in format_options) is the one kept."""

    def format_help(self, ctx, formatter):
        from minsheng_cli.commands.help_format import name_option_values

        name_option_values(self)
        super().format_help(ctx, formatter)


class MinshengCommand(ChineseHelp, TyperCommand):
    pass


class MinshengGroup(ChineseHelp, TyperGroup):
    """Catches every error once, here, for real runs and for CliRunner alike."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # Ctrl-C in a command: said below, not turned into typer's silent Exit(130)
            raise _click().Abort() from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        click = _click()
        args = hoist_global_options(list(sys.argv[1:] if args is None else args))
        try:
            # Without standalone mode click returns the code of a typer.Exit instead of exiting.
            returned = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = returned if isinstance(returned, int) else 0
        except typer.Exit as done:
            code = done.exit_code
        except typer.Abort:
            typer.echo(ledger_words.INTERRUPTED, err=True)
            code = 130
        except click.ClickException as err:
            if type(err).__name__ == "NoArgsIsHelpError":
                typer.echo(err.ctx.get_help())
                sys.exit(0)
            print_error(UsageError(translate_usage(err), M.USAGE_HINT))
            code = 2
        except (KeyboardInterrupt, Exception) as err:  # noqa: BLE001 - MinshengError and the rest: the one place that catches everything
            code = exit_code(err, args)
        sys.exit(code)


def hoist_global_options(args: list[str]) -> list[str]:
    """`minsheng report --rev X` as well as `minsheng --rev X report`: the issue and users write
    --rev after the command; click only takes a group's options before it."""
    moved, rest = [], []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        if arg == "--rev" and index + 1 < len(args):
            moved += args[index:index + 2]
            index += 2
            continue
        (moved if arg.startswith("--rev=") else rest).append(arg)
        index += 1
    return moved + rest


def _version(value: bool) -> None:
    if value:
        typer.echo(f"minsheng {__version__}")
        raise typer.Exit()


def global_options(
    ctx: typer.Context,
    data: Annotated[Optional[Path], typer.Option("--data", "-d", help=M.HELP_DATA, show_default=False)] = None,
    rev: Annotated[Optional[str], typer.Option("--rev", help=git_words.GIT_HELP_REV, show_default=False)] = None,
    debug: Annotated[bool, typer.Option("--debug", help=M.HELP_DEBUG)] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help=M.HELP_NO_CACHE)] = False,
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help=M.HELP_VERSION)] = False,
) -> None:
    """The global options, read once into the run's LedgerContext."""
    from minsheng_cli.commands.context import new_context

    if rev is not None and ctx.invoked_subcommand in REV_REFUSED:
        raise UsageError(git_words.GIT_REV_READ_ONLY.format(command=ctx.invoked_subcommand))
    ctx.obj = new_context(data, rev, debug, use_cache=not no_cache)


def build_app(names: Iterable[str]) -> typer.Typer:
    """A `minsheng` app with the named commands (in `COMMANDS` order), each module imported here."""
    import importlib

    from minsheng_cli.commands.help_format import keep_argument_help

    keep_argument_help()
    app = typer.Typer(
        cls=MinshengGroup,
        name="minsheng",
        help=M.APP_HELP,
        no_args_is_help=True,
        add_completion=True,  # --install-completion / --show-completion (bash, zsh, fish, PowerShell)
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(global_options)
    wanted = set(names)
    for name, module in COMMANDS.items():
        if name in wanted:
            importlib.import_module(f"minsheng_cli.commands.{module}").register(app)
    for command in app.registered_commands:
        if command.cls in (None, TyperCommand):
            command.cls = MinshengCommand
    return app


def requested_command(args: list[str]) -> str | None:
    """The command named on the command line, skipping global options and their values."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in OPTIONS_WITH_VALUE:
            index += 2
            continue
        if not arg.startswith("-"):
            return arg
        index += 1
    return None


def app_for(args: list[str]) -> typer.Typer:
    """The app with only the command that will run. Help, or an unknown command, gets them all."""
    command = requested_command(args)
    completing = any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ)
    if command in COMMANDS and "--help" not in args and "-h" not in args and not completing:
        return build_app([command])
    return build_app(COMMANDS)


def __getattr__(name: str):
    """`from minsheng_cli.commands.app import app` (tests, embedding) gets every command."""
    if name == "app":
        return build_app(COMMANDS)
    raise AttributeError(name)


# --- entry point ---------------------------------------------------------------------------------
def run() -> None:
    import gc

    # A command is short-lived and builds tens of thousands of small objects without cycles:
    # the cyclic collector would only rescan them (15–25% of reading a big ledger).
    gc.disable()
    utf8_streams()
    from minsheng_cli.commands import replay

    replay.COMMAND_LINE[:] = sys.argv[1:]  # what a report is remembered under: this process's own command line
    app_for(sys.argv[1:])(prog_name="minsheng")


def translate_usage(err) -> str:
    """click's usage errors in Chinese: by the exception's type and attributes where click gives
    them (they do not change with click's wording), by its English text for the rest."""
    import re

    click = _click()
    if isinstance(err, click.NoSuchOption):
        negative = re.fullmatch(r"-[0-9][0-9.,万]*", err.option_name)
        return (M.USAGE_NEGATIVE if negative else M.USAGE_NO_OPTION).format(err.option_name)
    if isinstance(err, click.MissingParameter) and err.param is not None:
        name = " / ".join(err.param.opts) if err.param.param_type_name == "option" else err.param.human_readable_name
        return (M.USAGE_MISSING_OPTION if err.param.param_type_name == "option" else M.USAGE_MISSING).format(name)
    text = err.format_message()
    for pattern, template in M.USAGE_PATTERNS:
        match = re.search(pattern, text)
        if match:
            return template.format(*match.groups())
    return M.USAGE_GENERIC.format(detail=text)
