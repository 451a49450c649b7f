"""What a report says when the ledger has check errors (PRODUCT.md §2, "What `check` rejects
never counts"): the one place that decides it, for every output of every command that reports.

The records `check` rejects are left out of the figures; the reader is told so in one line,
"台账有N处错误（运行 minsheng check 查看），下表未计入这些记录", before anything else:
- text formats (table, plain, markdown, csv, json — on a terminal, redirected or into a file):
  on stderr, so the data on stdout stays what scripts read;
- document formats (xlsx, and docx and html when they come): files that travel without the
  terminal, so they are refused (exit 1, nothing written, the message names `--force`) unless
  `--force`, and then the line is stamped into the document itself — its renderer puts it first.
"""

from __future__ import annotations

from typing import Optional

import typer

from minsheng_cli.errors import InputError
from minsheng_cli.words import report as M

DOCUMENT_FORMATS = ("xlsx", "docx", "html")


def errors_line(count: int) -> Optional[str]:
    """The line itself, None when the ledger has no errors."""
    return M.REP_LEDGER_ERRORS.format(count=count) if count else None


def document_stamp(count: int, force: bool, path: object) -> Optional[str]:
    """The line a document must carry first (None: no errors); refuses without `--force`.
    Call it before writing anything."""
    if not count:
        return None
    if not force:
        raise InputError(M.REP_LEDGER_ERRORS_REFUSED.format(count=count, path=path), M.REP_LEDGER_ERRORS_REFUSED_HINT.format(count=count))
    return errors_line(count)


def announce(fmt: str, count: int, force: bool, path: object = None) -> Optional[str]:
    """Tell the reader the way `fmt` must: for a document format the stamp to put in it (see
    `document_stamp`); for a text format the line on stderr now, and None."""
    if fmt in DOCUMENT_FORMATS:
        return document_stamp(count, force, path)
    line = errors_line(count)
    if line:
        typer.echo(line, err=True)
    return None
