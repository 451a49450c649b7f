"""The command line: arguments, options and printing only. Everything else is in the core.

Errors: every user-facing error is a `MinshengError` raised anywhere below; `run()` catches it
once, prints its Chinese message (and hint) and exits with its code. Anything else prints one
line and a hint to rerun with `--debug` for the traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperCommand, TyperGroup
from typing import Annotated

from minsheng_cli import __version__
from minsheng_cli.words import commands as M, check as check_words, git as git_words, ledger as ledger_words, progress as progress_words
from minsheng_cli.errors import LedgerInvalid, MinshengError, UsageError
from minsheng_cli.rendering.output import FormatOpt, emit_json, emit_rows, resolve_format

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


class MinshengCommand(TyperCommand):
    def get_help_option(self, ctx):
        return _chinese_help_option(super().get_help_option(ctx))


class MinshengGroup(TyperGroup):
    """Catches every error once, here, for real runs and for CliRunner alike."""

    def get_help_option(self, ctx):
        return _chinese_help_option(super().get_help_option(ctx))

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        click = _click()
        args = hoist_global_options(list(sys.argv[1:] if args is None else args))
        try:
            # Without standalone mode click returns the code of a typer.Exit instead of exiting.
            returned = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = returned if isinstance(returned, int) else 0
        except MinshengError as err:
            print_error(err)
            code = err.exit_code
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
        except KeyboardInterrupt:
            typer.echo(ledger_words.INTERRUPTED, err=True)
            code = 130
        except Exception as err:  # noqa: BLE001 - the one place that catches everything
            if _state["debug"] or "--debug" in (args or sys.argv) or os.environ.get("MINSHENG_DEBUG"):
                raise
            typer.echo(ledger_words.UNEXPECTED.format(error=f"{type(err).__name__}: {err}"), err=True)
            code = 1
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


_app = typer.Typer(
    cls=MinshengGroup,
    name="minsheng",
    help="重点民生实事台账：计划、进度记录与序时进度报表（济政发〔2023〕2号）。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state: dict = {"data": None, "debug": False, "rev": None}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"minsheng {__version__}")
        raise typer.Exit()


# Commands that write the ledger: a past revision cannot be written to.
REV_REFUSED = ("update", "import", "init")


@_app.callback()
def main(
    ctx: typer.Context,
    data: Annotated[Optional[Path], typer.Option("--data", "-d", help="台账目录（默认：环境变量 MINSHENG_DATA，或从当前目录向上查找 data/）", show_default=False)] = None,
    rev: Annotated[Optional[str], typer.Option("--rev", help=git_words.GIT_HELP_REV, show_default=False)] = None,
    debug: Annotated[bool, typer.Option("--debug", help="出现内部错误时显示完整的回溯信息")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="不使用缓存（缓存按文件内容校验，任何时候都可以删除）")] = False,
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="显示版本号")] = False,
) -> None:
    _state["data"] = data
    _state["rev"] = rev
    _state["debug"] = debug
    if rev is not None and ctx.invoked_subcommand in REV_REFUSED:
        raise UsageError(git_words.GIT_REV_READ_ONLY.format(command=ctx.invoked_subcommand))
    if no_cache:
        from minsheng_cli.ledger import cache

        cache.disable()


def get_root() -> Path:
    """The ledger folder; with --rev, a temporary copy of it as it was at that revision."""
    from minsheng_cli.ledger.plan import find_root

    root = find_root(_state["data"])
    if _state["rev"] is None:
        return root
    from minsheng_cli.ledger.gitrev import materialize

    return materialize(root, _state["rev"])


def get_plan():
    from minsheng_cli.ledger.plan import load_plan

    return load_plan(get_root())


# --- list --------------------------------------------------------------------------------------
@_app.command("list", cls=MinshengCommand, help="按类别列出项目、牵头单位和指标。")
def list_projects(
    category: Annotated[Optional[str], typer.Option("--category", "-c", help="只列出该类别（序号或名称中的文字）")] = None,
    unit: Annotated[Optional[str], typer.Option("--unit", "-u", help="只列出该单位牵头或协办的项目")] = None,
    fmt: FormatOpt = None,
) -> None:
    from minsheng_cli.reporting import listing

    chosen = resolve_format(fmt)
    plan = get_plan()
    projects = listing.select_projects(plan, category, unit)
    if chosen == "json":
        emit_json(listing.list_json(plan, projects))
        return
    emit_rows(M.HEADERS_LIST, listing.list_rows(plan, projects), chosen, title=plan.title)


# --- show --------------------------------------------------------------------------------------
@_app.command("show", cls=MinshengCommand, help="显示一个项目：实施内容、承办单位、指标及最新进展。")
def show_project(
    project: Annotated[str, typer.Argument(help="项目序号或名称", show_default=False)],
    fmt: FormatOpt = None,
) -> None:
    from minsheng_cli.reporting import listing

    chosen = resolve_format(fmt)
    root = get_root()
    plan = get_plan()
    found = listing.require_project(plan, project)
    records = listing.project_records(root, plan, found.id)
    if chosen == "json":
        emit_json(listing.show_json(plan, found, records))
        return
    for line in listing.show_header_lines(plan, found):
        typer.echo(line)
    emit_rows(M.HEADERS_TARGETS, listing.target_rows(plan, found, records), chosen, title=M.SHOW_TARGETS)
    history = listing.recent_history(records)
    typer.echo(f"\n{M.SHOW_HISTORY}")
    if not history:
        typer.echo(M.NO_RECORDS)
    for line in history:
        typer.echo(line)


# --- check -------------------------------------------------------------------------------------
@_app.command("check", cls=MinshengCommand, help="检查整个台账（计划和全部进度记录），逐条列出所有问题；有问题时退出码为 1。")
def check_ledger(fmt: FormatOpt = None) -> None:
    from minsheng_cli.checks import run as checks

    chosen = resolve_format(fmt)
    root = get_root()
    result = checks.check_ledger(root)
    if chosen == "json":
        emit_json({"ok": not result.problems, "errors": [p.as_json() for p in result.problems]})
    elif result.problems:
        for problem in result.problems:
            typer.echo(format_problem(problem))
        typer.echo(check_words.CHECK_FAILED.format(count=len(result.problems)))
    else:
        typer.echo(check_words.CHECK_OK.format(projects=result.projects, targets=result.targets, records=result.records))
    if result.problems:
        raise typer.Exit(1)


def format_problem(problem) -> str:
    """hledger style: location, the line, a caret under the column, the hint."""
    lines = [check_words.CHECK_LINE.format(path=problem.path, line=problem.line, column=problem.column, code=problem.code, message=problem.message)]
    if problem.source:
        from wcwidth import wcswidth

        gutter = f"{problem.line} | "
        prefix = problem.source[: max(problem.column - 1, 0)]
        lines.append(gutter + problem.source)
        lines.append(" " * (len(gutter) - 2) + "| " + " " * max(wcswidth(prefix), 0) + "^")
    if problem.hint:
        lines.append(ledger_words.HINT_PREFIX + problem.hint)
    return "\n".join(lines) + "\n"


# --- command groups in their own modules ----------------------------------------------------------
COMMAND_MODULES = {
    "update": "commands.progress",
    "template": "commands.exchange",
    "import": "commands.exchange",
    "report": "commands.report",
    "diff": "commands.git",
    "log": "commands.git",
    "schema": "commands.git",
    "init": "commands.git",
}
ALL_GROUPS = ("commands.progress", "commands.exchange", "commands.report", "commands.git")  # the order of --help
OPTIONS_WITH_VALUE = ("--data", "-d", "--rev")
_registered: set[str] = set()


def _register(names) -> typer.Typer:
    import importlib

    for name in names:
        if name not in _registered:
            importlib.import_module(f"minsheng_cli.{name}").register(_app)
            _registered.add(name)
    for command in _app.registered_commands:
        if command.cls in (None, TyperCommand):
            command.cls = MinshengCommand
    return _app


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
    """The app with only the command group that will run: building every command's options costs
    start-up time. Help, or an unknown command, gets them all."""
    command = requested_command(args)
    if command in ("list", "show", "check"):
        return _register(())
    if command in COMMAND_MODULES and "--help" not in args and "-h" not in args:
        return _register((COMMAND_MODULES[command],))
    return _register(ALL_GROUPS)


def __getattr__(name: str):
    """`from minsheng_cli.cli import app` (tests, embedding) gets every command."""
    if name == "app":
        return _register(ALL_GROUPS)
    raise AttributeError(name)


# --- entry point ---------------------------------------------------------------------------------
def _utf8_streams() -> None:
    """Output is UTF-8 even when redirected on a GBK Windows console."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            try:
                stream.reconfigure(encoding="utf-8")
            except (ValueError, OSError):
                pass


def print_error(err: MinshengError) -> None:
    typer.echo(ledger_words.ERROR_PREFIX + err.message, err=True)
    if isinstance(err, LedgerInvalid):
        for problem in err.problems:
            typer.echo(format_problem(problem), err=True)
    for line in getattr(err, "row_errors", None) or []:
        typer.echo(line, err=True)
    if err.hint:
        typer.echo(ledger_words.HINT_PREFIX + err.hint, err=True)


def run() -> None:
    import gc

    # A command is short-lived and builds tens of thousands of small objects without cycles:
    # the cyclic collector would only rescan them (15–25% of reading a big ledger).
    gc.disable()
    _utf8_streams()
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
