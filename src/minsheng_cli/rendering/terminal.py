"""A report view as a coloured table on the terminal (`--format table`, the default there).

rich's Table measures and wraps every cell through its renderables, ~100 ms for this table; the
layout here is done on plain strings (display width from rich.cells) and rich only colours it:
the whole report is one Text, printed at once. Status cells (and the completion bars) take the
status's colour; the wrapping columns narrow, in a fixed order, when the terminal is narrow.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from fractions import Fraction
from typing import Optional, TextIO

from minsheng_cli.reporting.cells import ReportView, Row, Table
from minsheng_cli.rendering.output import printable
from minsheng_cli.rendering.text import closing_lines

STATUS_STYLES = {
    "completed": "green", "ahead": "green", "on_track": "green",
    "lagging": "yellow", "seriously_lagging": "red", "overdue": "red",
    "not_reported": "magenta", "not_started": "dim",
}
NAME_STYLES = {"project": "bold", "target": "dim", "total": "bold"}
BAR_WIDTH = 10
BAR_PARTS = " ▏▎▍▌▋▊▉"
GAP = "  "
TARGET_INDENT = "  "
NOTES_INDENT = "    "
# Narrowed in this order when the terminal is narrow (column key, least width): 状态, 年度目标,
# 牵头单位, then 项目名称; in the county table, the county's name.
SHRINKABLE = (("status", 10), ("figure", 12), ("lead", 8), ("name", 14), ("county", 10))
HEADER_WRAP = 14  # a long header (the county table's target names) wraps beyond this


def completion_bar(share: Optional[Fraction]) -> str:
    """██████▎    for 62.5%: eighths of a cell, capped at a full bar."""
    if share is None:
        return " " * BAR_WIDTH
    eighths = int(min(max(share, Fraction(0)), Fraction(1)) * BAR_WIDTH * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + (BAR_PARTS[part] if part else "")
    return bar.ljust(BAR_WIDTH)


@dataclass(eq=False)
class GridRow:
    cells: list[str]
    style: str = ""  # the 状态 cell's colour (and the bar's)
    bar: Optional[str] = None  # drawn before the 完成率 cell
    span: Optional[str] = None  # a row spanning the table: a section's title or a project's notes
    span_style: str = ""
    name_style: str = ""


def draw(view: ReportView, out: TextIO, like_stdout: bool = False) -> None:
    """Draw the report into `out`. `like_stdout`: `out` is a buffer whose text will go to stdout,
    so draw it as the terminal would be drawn."""
    from rich.text import Text

    from minsheng_cli.rendering.output import console

    if out is sys.stdout:
        screen = console()
    else:
        screen = console(into=out) if like_stdout else _console_for(out)
    table = view.table
    grid = _grid(table)
    rate_column = table.find("completion")
    right = {index for index, column in enumerate(table.columns) if column.numeric}
    shrinkable = [(index, least) for key, least in SHRINKABLE for index, column in enumerate(table.columns) if column.key == key]
    text = Text()
    text.append(view.title + "\n", style="bold")
    text.append(view.subtitle + "\n\n")
    _grid_text(text, table.headers, grid, rate_column, screen.width if screen.is_terminal else None, right, shrinkable)
    for line in closing_lines(view):
        text.append(line + "\n")
    text.plain = printable(text.plain)  # one for one: the styles stay where they were
    screen.print(text, soft_wrap=True, end="")


def _console_for(out: TextIO):
    import os

    from rich.console import Console

    return Console(file=out, no_color="NO_COLOR" in os.environ, highlight=False, soft_wrap=False)


def _grid(table: Table) -> list[GridRow]:
    rate_column = table.find("completion")
    grid = []
    for section in table.sections:
        if section.title:
            grid.append(GridRow([], span=section.title, span_style="bold cyan"))
        for row in section.rows:
            if row.kind == "notes":
                grid.append(GridRow([], span=NOTES_INDENT + row.note.replace("\n", "\n" + NOTES_INDENT), span_style="dim"))
                continue
            cells = [cell.text for cell in row.cells]
            if row.kind == "target":
                cells[1] = TARGET_INDENT + cells[1]
            grid.append(GridRow(cells, STATUS_STYLES.get(row.status or "", ""), _bar(row, rate_column),
                                name_style=NAME_STYLES.get(row.kind, "")))
    return grid


def _bar(row: Row, rate_column: Optional[int]) -> Optional[str]:
    """A project or target row always has its bar (blank when unknown); a county only when ranked."""
    if rate_column is None:
        return None
    share = row.cells[rate_column].value
    if row.kind in ("project", "target") or share is not None:
        return completion_bar(share)
    return None


def _grid_text(text, headers: list[str], grid: list[GridRow], rate_column: int, width: Optional[int], right: set[int],
               shrinkable) -> None:
    from rich.cells import cell_len

    bars = any(row.bar is not None for row in grid)
    widths = _natural_widths(headers, grid, rate_column, BAR_WIDTH + 1 if bars else 0, cell_len)
    if width:
        room = width - len(GAP) * (len(widths) - 1) - 1
        _fit(widths, room, shrinkable)
        if sum(widths) > room and bars:  # still too wide: the bars go first
            for row in grid:
                row.bar = None
            widths = _natural_widths(headers, grid, rate_column, 0, cell_len)
            _fit(widths, room, shrinkable)
    total = sum(widths) + len(GAP) * (len(widths) - 1)
    _append_row(text, GridRow(list(headers)), widths, -1, right, cell_len, style="bold")
    text.append("─" * total + "\n")
    for row in grid:
        if row.span is not None:
            for part in row.span.split("\n"):
                for piece in _wrap(part, total, cell_len):
                    text.append(piece + "\n", style=row.span_style)
            continue
        _append_row(text, row, widths, rate_column, right, cell_len)
    text.append("─" * total + "\n")


def _natural_widths(headers, grid: list[GridRow], rate_column: int, bar_room: int, cell_len) -> list[int]:
    widths = [min(cell_len(h), HEADER_WRAP) for h in headers]
    for row in grid:
        for index, cell in enumerate(row.cells):
            for part in cell.split("\n"):
                widths[index] = max(widths[index], cell_len(part) + (bar_room if index == rate_column else 0))
    return widths


def _append_row(text, row: GridRow, widths, rate_column, right: set[int], cell_len, style: str = "") -> None:
    wrapped = [_wrap(cell, width, cell_len) if index != rate_column else [cell] for index, (cell, width) in enumerate(zip(row.cells, widths))]
    for depth in range(max(len(lines) for lines in wrapped)):
        for index, lines in enumerate(wrapped):
            cell = lines[depth] if depth < len(lines) else ""
            if index:
                text.append(GAP)
            if index == rate_column and row.bar is not None and depth == 0:
                text.append(row.bar, style=row.style or None)
                text.append(_pad(" " + cell, widths[index] - BAR_WIDTH, True, cell_len))
                continue
            last = index == len(widths) - 1
            shown = cell if last and index not in right else _pad(cell, widths[index], index in right, cell_len)
            chosen = style or (row.style if last else (row.name_style if index == 1 else ""))
            text.append(shown, style=chosen or None)
        text.append("\n")


def _pad(cell: str, width: int, right: bool, cell_len) -> str:
    room = " " * max(width - cell_len(cell), 0)
    return room + cell if right else cell + room


def _fit(widths: list[int], room: int, shrinkable) -> None:
    """Narrow the wrapping columns (status, target, unit, name) until the table fits `room`."""
    for column, least in shrinkable:
        if sum(widths) > room:
            widths[column] = max(least, widths[column] - (sum(widths) - room))


def _wrap(cell: str, width: int, cell_len) -> list[str]:
    """Break a cell into lines of at most `width` display cells (CJK counts two)."""
    if cell_len(cell) <= width:
        return [cell]
    lines, current, used = [], "", 0
    for char in cell:
        size = cell_len(char)
        if used + size > width and current:
            lines.append(current)
            current, used = "", 0
        current += char
        used += size
    lines.append(current)
    return lines
