"""How a user error and a check problem are printed: the error boundary and `check` share it; and
what a report says when the ledger has check errors (`announce`, for every report and document)."""

from __future__ import annotations

import os
import sys
from typing import Optional

from minsheng_cli.errors import InputError, LedgerInvalid, MinshengError
from minsheng_cli.words import check as check_words, ledger as ledger_words, report as report_words


def say(text: str, err: bool = False) -> None:
    """Print a line of ours that may hold a unit's text (a note, a cell of a sheet): control
    characters are shown as �, so no file or sheet can drive the reader's terminal. Written
    without the command line's library: the quick path (commands/quick.py) never imports it."""
    from minsheng_cli.rendering.output import printable, write_text

    stream = sys.stderr if err else sys.stdout
    if stream is not None:  # closed at start (`2>&-`): said nowhere, not on the other stream
        write_text(printable(text) + "\n", stream)


def utf8_streams() -> None:
    """Output is UTF-8 even when redirected on a GBK Windows console — unless PYTHONIOENCODING
    asks for an encoding: then that one, with what it cannot hold replaced (not a crash)."""
    if os.environ.get("PYTHONIOENCODING"):
        for stream in (sys.stdout, sys.stderr):
            if hasattr(stream, "reconfigure"):
                try:
                    stream.reconfigure(errors="replace")
                except (ValueError, OSError):
                    pass
        return
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            try:
                stream.reconfigure(encoding="utf-8")
            except (ValueError, OSError):
                pass


LONG_SOURCE = 500  # a line longer than this is shown as a window around the caret (a hand-typed note may be megabytes)
SOURCE_WINDOW = 160


def _source_window(source: str, column: int) -> tuple[str, int]:
    """The part of `source` shown under a problem, and the caret's column in it: all of a line of
    normal length; of a longer one a window around the column, cut ends marked with …."""
    if len(source) <= LONG_SOURCE:
        return source, column
    start = 0 if column <= SOURCE_WINDOW * 2 // 3 else max(0, min(column - 1 - SOURCE_WINDOW // 3, len(source) - SOURCE_WINDOW))
    window = source[start:start + SOURCE_WINDOW]
    head = "…" if start else ""
    tail = "…" if start + SOURCE_WINDOW < len(source) else ""
    return head + window + tail, column - start + len(head)


def format_problem(problem) -> str:
    """hledger style: location, the line, a caret under the column, the hint."""
    lines = [check_words.CHECK_LINE.format(path=problem.path, line=problem.line, column=problem.column, code=problem.code, message=problem.message)]
    if problem.source:
        from wcwidth import wcswidth

        gutter = f"{problem.line} | "
        source, column = _source_window(problem.source, problem.column)
        prefix = source[: max(column - 1, 0)]
        lines.append(gutter + source)
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


# --- a ledger with check errors: what a report says about it --------------------------------------------
# What `check` rejects never counts (PRODUCT.md §2): the records are left out of the figures, and the
# reader is told so in one line, "台账有N处错误（运行 minsheng check 查看），下表未计入这些记录", before
# anything else. This is the one place that decides how, for every output of every command that reports:
# - text formats (table, plain, markdown, csv, json — on a terminal, redirected or into a file): on
#   stderr, so the data on stdout stays what scripts read;
# - document formats (xlsx, and docx and html when they come): files that travel without the terminal,
#   so they are refused (exit 1, nothing written, the message names `--force`) unless `--force`, and
#   then the line is stamped into the document itself — its renderer puts it first.
DOCUMENT_FORMATS = ("xlsx", "docx", "html")


def errors_line(count: int) -> Optional[str]:
    """The line itself, None when the ledger has no errors."""
    return report_words.REP_LEDGER_ERRORS.format(count=count) if count else None


def document_stamp(count: int, force: bool, path: object) -> Optional[str]:
    """The line a document must carry first (None: no errors); refuses without `--force`.
    Call it before writing anything."""
    if not count:
        return None
    if not force:
        raise InputError(
            report_words.REP_LEDGER_ERRORS_REFUSED.format(count=count, path=path),
            report_words.REP_LEDGER_ERRORS_REFUSED_HINT.format(count=count),
        )
    return errors_line(count)


def announce(fmt: str, count: int, force: bool, path: object = None) -> Optional[str]:
    """Tell the reader the way `fmt` must: for a document format the stamp to put in it (see
    `document_stamp`); for a text format the line on stderr now, and None."""
    if fmt in DOCUMENT_FORMATS:
        return document_stamp(count, force, path)
    line = errors_line(count)
    if line:
        say(line, err=True)
    return None
