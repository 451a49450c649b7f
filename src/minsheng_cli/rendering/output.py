"""Drawing rows for every command that prints data (the options themselves are commands/options.py).

Formats: `table` (rich; default on a terminal), `plain` and `markdown` (drawn here; CJK aligned
by display width), `csv` (UTF-8 with BOM, so Excel/WPS on Chinese Windows opens it), `json`
(stable, for scripts); any other tabulate format name (`grid`, `github`, …) is passed through.
Heavy libraries are imported only when a format needs them.
"""

from __future__ import annotations

import os
import re
import sys
from decimal import Decimal
from typing import Any


FORMATS = ("table", "plain", "markdown", "csv", "json")


def console(stderr: bool = False, into=None):
    """A rich Console: colour only on a terminal, NO_COLOR respected. With `into`, it draws into
    that buffer exactly what it would draw on stdout (same width, colours and terminal-ness)."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    real = Console(file=stream, no_color="NO_COLOR" in os.environ, highlight=False, soft_wrap=False)
    if into is None:
        return real
    return Console(
        file=into, force_terminal=real.is_terminal, width=real.width, color_system=real.color_system,
        no_color=real.no_color, highlight=False, soft_wrap=False, legacy_windows=False,
    )


RICH_ENVIRONMENT = ("NO_COLOR", "FORCE_COLOR", "TERM", "COLORTERM", "COLUMNS", "LINES", "TTY_COMPATIBLE",
                    "TTY_INTERACTIVE", "WT_SESSION", "ConEmuANSI", "JPY_PARENT_PID", "VSCODE_PID")


def terminal_fingerprint() -> str:
    """Everything rich's drawing of a table depends on besides the data (terminal-ness, size,
    colour settings), found without importing rich (nor shutil: COLUMNS and LINES are among the
    settings): a cached table is keyed by it."""
    tty = sys.stdout.isatty()
    size = _terminal_size() if tty else None
    settings = [(name, os.environ.get(name)) for name in RICH_ENVIRONMENT]
    return repr((tty, size, sys.platform, getattr(sys.stdout, "encoding", None), settings))


def _terminal_size() -> tuple[int, int] | None:
    try:
        return tuple(os.get_terminal_size(sys.stdout.fileno()))
    except (OSError, ValueError, AttributeError):
        return None


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, float):
        return format_number(Decimal(repr(value)))
    return str(value)


def format_number(value: Decimal | int) -> str:
    """6200, 4.4, 1234.5 — exact, no exponent, no trailing zeros."""
    from minsheng_cli.ledger.progress_file import format_number as exact

    return exact(Decimal(value))


def emit_rows(headers: list[str], rows: list[list[Any]], fmt: str, title: str | None = None, stream=None) -> None:
    """Print a table in a non-JSON format. `fmt` must come from `resolve_format`."""
    out = stream or sys.stdout
    texts = [[printable(cell_text(cell)) for cell in row] for row in rows]
    if fmt == "table":
        from minsheng_cli.rendering.terminal import draw_rows

        draw_rows(headers, texts, title, stream)
    elif fmt == "csv":
        write_csv(headers, texts, out)
    else:
        if title and fmt != "markdown":
            out.write(title + "\n")
        elif title:
            out.write(f"### {title}\n\n")
        out.write(printable(tabulate_text(headers, texts, fmt)) + "\n")


def tabulate_text(headers: list[str], rows: list[list[str]], fmt: str) -> str:
    """`plain` and `markdown` are drawn here, so that their bytes are ours (the README shows them);
    any other tabulate format name is passed to tabulate."""
    if fmt in ("plain", "markdown"):
        return aligned_text(headers, rows, markdown=fmt == "markdown")
    import tabulate as tabulate_module

    tabulate_module.WIDE_CHARS_MODE = True  # align by display width (wcwidth), not characters
    return tabulate_module.tabulate(rows, headers=headers, tablefmt=fmt, disable_numparse=True)


def display_width(text: str) -> int:
    """Terminal columns of a text: East Asian wide and full-width characters take two, combining
    marks none (the standard library's Unicode tables, so no dependency decides a layout)."""
    import unicodedata

    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def aligned_text(headers: list[str], rows: list[list[str]], markdown: bool = False) -> str:
    """Left-aligned columns by display width, each at least its header plus two: plain columns
    two spaces apart with no trailing blanks, markdown as a pipe table. Multi-line cells span
    several lines."""
    cells = [[str(cell).split("\n") for cell in row] for row in [headers, *rows]]
    widths = [max(display_width(line) for row in cells for line in row[column]) for column in range(len(headers))]
    widths = [max(width, display_width(header) + 2) for width, header in zip(widths, headers)]

    def lines_of(row: list[list[str]]) -> list[str]:
        height = max((len(cell) for cell in row), default=1)
        out = []
        for index in range(height):
            parts = [(cell[index] if index < len(cell) else "") for cell in row]
            padded = [part + " " * (width - display_width(part)) for part, width in zip(parts, widths)]
            out.append("| " + " | ".join(padded) + " |" if markdown else "  ".join(padded).rstrip())
        return out

    text = lines_of(cells[0])
    if markdown:
        text.append("|" + "|".join(":" + "-" * (width + 1) for width in widths) + "|")
    for row in cells[1:]:
        text.extend(lines_of(row))
    return "\n".join(text)


# Characters a unit's text must not send to a terminal: C0 controls but tab and newline (ESC starts
# the sequences that clear or redraw a screen), DEL, C1 controls (CSI), bidirectional overrides.
UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "\ufffd"


def printable(text: str) -> str:
    """The text with every control character shown as �, one for one (so styled spans stay put):
    a committed note can never clear, recolour or redraw the reader's screen."""
    return UNPRINTABLE.sub(REPLACEMENT, text) if UNPRINTABLE.search(text) else text


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what Excel, WPS and LibreOffice take for a formula
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?%?")  # +6.2, -3.5, 12.0%: figures of ours, kept as numbers


def spreadsheet_text(text: str) -> str:
    """A cell as a spreadsheet must take it: text that a spreadsheet would run as a formula
    (=HYPERLINK(…), =cmd|…, @SUM(…)) gets a leading apostrophe, the spreadsheets' own mark for
    "this is text"; figures such as -3.5 or +6.2 stay numbers."""
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_csv(headers: list[str], rows: list[list[str]], out) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([spreadsheet_text(header) for header in headers])
    writer.writerows([spreadsheet_text(printable(cell)) for cell in row] for row in rows)
    write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"), out)


def write_bytes(data: bytes, out=None) -> None:
    stream = out or sys.stdout
    if stream is None:  # started with the stream closed (`>&-`): as click's echo, nothing to write to
        return
    stream.flush()
    target = getattr(stream, "buffer", None)
    if target is not None:
        target.write(data)
        target.flush()
    else:  # a text stream without a buffer (tests)
        stream.write(data.decode("utf-8"))


def write_text(text: str, out=None) -> None:
    """Text to a stream in the stream's own encoding (UTF-8 unless PYTHONIOENCODING says
    otherwise); a character that encoding cannot hold is replaced, never a crash."""
    stream = out or sys.stdout
    if stream is None:
        return
    encoding = getattr(stream, "encoding", None) or "utf-8"
    write_bytes(text.encode(encoding, errors="replace").decode(encoding).encode("utf-8") if getattr(stream, "buffer", None) is None
                else text.encode(encoding, errors="replace"), stream)
