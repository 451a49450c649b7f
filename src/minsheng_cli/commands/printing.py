"""How a user error and a check problem are printed: the error boundary and `check` share it."""

from __future__ import annotations

import typer

from minsheng_cli.errors import LedgerInvalid, MinshengError
from minsheng_cli.words import check as check_words, ledger as ledger_words


def say(text: str, err: bool = False) -> None:
    """Print a line of ours that may hold a unit's text (a note, a cell of a sheet): control
    characters are shown as �, so no file or sheet can drive the reader's terminal."""
    from minsheng_cli.rendering.output import printable

    typer.echo(printable(text), err=err)


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


def print_error(err: MinshengError) -> None:
    """The message, every problem or bad row it carries, and its hint, on stderr."""
    say(ledger_words.ERROR_PREFIX + err.message, err=True)
    if isinstance(err, LedgerInvalid):
        for problem in err.problems:
            say(format_problem(problem), err=True)
    for line in getattr(err, "row_errors", None) or []:
        say(line, err=True)
    if err.hint:
        say(ledger_words.HINT_PREFIX + err.hint, err=True)
