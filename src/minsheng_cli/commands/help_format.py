"""`--help` in Chinese for every command, new ones included: the help formatter and context the
group and command classes in commands/app.py use (用法 / 选项 / 参数 / 命令, [必填], [默认：…],
option values named by their type in Chinese), and a yes/no prompt that takes 是/否 as well as y/n.

It works on what click hands the formatter (headings, usage pieces, help records), so no command
has to do anything to get it.
"""

from __future__ import annotations

import functools
import re

from minsheng_cli.words import commands as M

# typer < 0.17 escapes the bracket for rich ("\\[required]") even where rich does not draw the help
_EXTRA = re.compile(r"\s*\\?\[([^\[\]]*(?:default: |required)[^\[\]]*)\]\s*$")


def _click():
    try:
        from typer import _click as click
    except ImportError:  # typer < 0.20 uses the click package
        import click
    return click


def chinese_extra(help_text: str) -> str:
    """'…  [default: category]' → '…  [默认：category]'; '[required]' → '[必填]'."""
    match = _EXTRA.search(help_text)
    if not match:
        return help_text
    parts = []
    for part in match.group(1).split("; "):
        if part == "required":
            parts.append(M.HELP_REQUIRED)
        elif part.startswith("default: "):
            parts.append(M.HELP_DEFAULT.format(value=part[len("default: "):]))
        else:
            parts.append(part)
    return help_text[: match.start()] + ("  " if match.start() else "") + "[" + M.HELP_EXTRA_SEP.join(parts) + "]"


def chinese_usage(args: str) -> str:
    return " ".join(M.HELP_USAGE_PIECES.get(piece, piece) for piece in args.split(" "))


def formatter_class():
    click = _click()

    class ChineseHelpFormatter(click.HelpFormatter):
        def write_usage(self, prog, args="", prefix=None):
            super().write_usage(prog, chinese_usage(args), M.HELP_USAGE_PREFIX)

        def write_heading(self, heading):
            self.write(f"{'':>{self.current_indent}}{M.HELP_HEADING.format(heading=M.HELP_HEADINGS.get(heading, heading))}\n")

        def write_dl(self, rows, col_max=30, col_spacing=2):
            super().write_dl([(term, chinese_extra(text)) for term, text in rows], col_max, col_spacing)

    return ChineseHelpFormatter


@functools.cache
def context_class():
    """A click Context whose help is drawn by the Chinese formatter (one class, made once)."""
    return type("MinshengContext", (_click().Context,), {"formatter_class": formatter_class()})


def name_option_values(command) -> None:
    """Options without a metavar of their own show their value's type in Chinese (文本, 路径, …);
    typer's own options (shell completion) are described in Chinese."""
    for param in command.params:
        if param.name in M.HELP_TYPER_OPTIONS:
            param.help = M.HELP_TYPER_OPTIONS[param.name]
        if getattr(param, "param_type_name", "") != "option" or param.metavar is not None or param.is_flag:
            continue
        word = M.HELP_METAVARS.get(getattr(param.type, "name", "").lower())
        if word:
            param.metavar = word


def keep_argument_help() -> None:
    """click ≥ 8.3 takes `help` in Argument.__init__ and sets it (None) after typer's TyperArgument
    has set it: the description of every argument was lost. Put it back, once."""
    from typer.core import TyperArgument

    if getattr(TyperArgument, "_minsheng_keeps_help", False):
        return
    original = TyperArgument.__init__

    def __init__(self, *args, help=None, **kwargs):  # noqa: A002 - typer's own name
        original(self, *args, help=help, **kwargs)
        self.help = help

    TyperArgument.__init__ = __init__
    TyperArgument._minsheng_keeps_help = True


def confirm(question: str, default: bool = False) -> bool:
    """A yes/no question that takes 是/否 (and y/n, yes/no); Enter takes the default; Ctrl-D aborts."""
    import typer

    suffix = M.CONFIRM_SUFFIX.format(default=M.CONFIRM_DEFAULT_YES if default else M.CONFIRM_DEFAULT_NO)
    while True:
        answer = typer.prompt(question + suffix, default="", show_default=False, prompt_suffix="").strip().lower()
        if not answer:
            return default
        if answer in M.CONFIRM_YES:
            return True
        if answer in M.CONFIRM_NO:
            return False
        typer.echo(M.CONFIRM_AGAIN, err=True)
