"""Drawing a report (report.py) as table (rich), plain, markdown, csv or json.

Every format shows the same table: the office's columns, a row per project (and per target with
--detail), category or unit rows between the groups; then the summary sentence, the lagging
list and the 未报送 list (except csv, which holds the table only, and json, which is the
PRODUCT.md §3 contract). rich and tabulate are imported only by the format that draws with them.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from fractions import Fraction
from typing import Optional, TextIO

from minsheng_cli.words import report as M
from minsheng_cli.reporting import report as R
from minsheng_cli.rendering.output import emit_json, tabulate_text, write_csv

STATUS_STYLES = {
    "completed": "green", "ahead": "green", "on_track": "green",
    "lagging": "yellow", "seriously_lagging": "red", "overdue": "red",
    "not_reported": "magenta", "not_started": "dim",
}
BAR_WIDTH = 10
BAR_PARTS = " ▏▎▍▌▋▊▉"


def render(report: R.Report, fmt: str, by: str = "category", detail: bool = False, notes: bool = False,
           stream: Optional[TextIO] = None, like_stdout: bool = False) -> None:
    """Write the report to `stream` (default stdout). `like_stdout`: `stream` is a buffer whose
    text will go to stdout, so draw it as the terminal would be drawn."""
    out = stream or sys.stdout
    if fmt == "json":
        emit_json(R.report_json(report), out)
    elif fmt == "csv":
        headers, rows = table_rows(report, by, detail, notes, newline="\n")
        write_csv(headers, rows, out)
    elif fmt == "table":
        draw_rich(report, by, detail, notes, out, like_stdout)
    elif fmt == "markdown":
        out.write(markdown_text(report, by, detail, notes))
    else:
        out.write(text_report(report, fmt, by, detail, notes))


def table_rows(report: R.Report, by: str, detail: bool, notes: bool, newline: str) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of the main table (or the county table for --by county)."""
    if by == "county":
        table = R.county_table(report)
        rows = []
        for section in table.sections:
            if section.title:
                rows.append(["", section.title] + [""] * (len(table.headers) - 2))
            rows.extend(row.cells for row in section.rows)
        return table.headers, rows
    rows = [[cell.replace("\n", newline) for cell in row] for row in R.flat_rows(report, by, detail, notes)]
    return list(R.HEADERS), rows


def _closing_lines(report: R.Report, heading_prefix: str = "", item_prefix: str = "") -> list[str]:
    lines = ["", R.summary_sentence(report)]
    for heading, entries in R.text_blocks(report):
        lines += ["", heading_prefix + heading]
        lines += [item_prefix + entry for entry in entries]
    lines += ["", M.REP_FOOTNOTE]
    return lines


def text_report(report: R.Report, fmt: str, by: str, detail: bool, notes: bool) -> str:
    headers, rows = table_rows(report, by, detail, notes, newline="；")
    lines = [R.title_text(report), R.subtitle_text(report), "", tabulate_text(headers, rows, fmt)]
    lines += _closing_lines(report)
    return "\n".join(lines) + "\n"


def markdown_text(report: R.Report, by: str, detail: bool, notes: bool) -> str:
    headers, rows = table_rows(report, by, detail, notes, newline="<br>")
    for row in rows:
        if not row[0] and row[1] and not any(row[2:]) and not row[1].startswith(M.REP_NOTE):
            row[1] = f"**{row[1]}**"  # a category (or unit) row
    lines = [f"## {R.title_text(report)}", "", R.subtitle_text(report), "", tabulate_text(headers, rows, "markdown")]
    lines += _closing_lines(report, heading_prefix="### ")
    return "\n".join(lines) + "\n"


# --- table (rich colours, our own layout) ---------------------------------------------------------
# rich's Table measures and wraps every cell through its renderables, ~100 ms for this table;
# the layout below is done on plain strings (display width from rich.cells) and rich only
# colours it: the whole table is one Text, printed at once.
GAP = "  "
NUMERIC = {"本期完成", "累计完成", "完成率", "序时进度", "较上期"}
# Narrowed in this order when the terminal is narrow: 状态, 年度目标, 牵头单位, then 项目名称.
SHRINKABLE = ((9, 10), (3, 12), (2, 8), (1, 14))
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
    span: Optional[str] = None  # a row spanning the table: a category, unit or notes row
    span_style: str = ""
    name_style: str = ""


def draw_rich(report: R.Report, by: str, detail: bool, notes: bool, out: TextIO, like_stdout: bool = False) -> None:
    from rich.text import Text

    from minsheng_cli.rendering.output import console

    if out is sys.stdout:
        screen = console()
    else:
        screen = console(into=out) if like_stdout else _console_for(out)
    headers, grid, rate_column = _county_grid(report) if by == "county" else _main_grid(report, by, detail, notes)
    right = set(range(2, len(headers))) if by == "county" else {i for i, h in enumerate(headers) if h in NUMERIC}
    width = screen.width if screen.is_terminal else None
    text = Text()
    text.append(R.title_text(report) + "\n", style="bold")
    text.append(R.subtitle_text(report) + "\n\n")
    shrinkable = ((1, 10),) if by == "county" else SHRINKABLE
    _grid_text(text, headers, grid, rate_column, width, right, shrinkable)
    for line in _closing_lines(report):
        text.append(line + "\n")
    screen.print(text, soft_wrap=True, end="")


def _console_for(out: TextIO):
    import os

    from rich.console import Console

    return Console(file=out, no_color="NO_COLOR" in os.environ, highlight=False, soft_wrap=False)


def _main_grid(report: R.Report, by: str, detail: bool, notes: bool) -> tuple[list[str], list[GridRow], int]:
    grid = []
    for section in R.sections(report, by, detail, notes):
        if section.title:
            grid.append(GridRow([], span=section.title, span_style="bold cyan"))
        for row in section.rows:
            if row.level == "notes":
                grid.append(GridRow([], span="    " + row.cells[1].replace("\n", "\n    "), span_style="dim"))
                continue
            style = STATUS_STYLES.get(row.status or "", "")
            cells = list(row.cells)
            if row.level == "target":
                cells[1] = "  " + cells[1]
            grid.append(GridRow(cells, style, completion_bar(row.completion), name_style="bold" if row.level == "project" else "dim"))
    return list(R.HEADERS), grid, 6


def _county_grid(report: R.Report) -> tuple[list[str], list[GridRow], int]:
    table = R.county_table(report)
    grid = []
    for section in table.sections:
        if section.title:
            grid.append(GridRow([], span=section.title, span_style="bold cyan"))
        for row in section.rows:
            bar = completion_bar(row.completion) if row.completion is not None else None
            grid.append(GridRow(list(row.cells), bar=bar, name_style="bold" if row.level == "total" else ""))
    return table.headers, grid, len(table.headers) - 1


def _grid_text(text, headers: list[str], grid: list[GridRow], rate_column: int, width: Optional[int], right: set[int],
               shrinkable=SHRINKABLE) -> None:
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


def _fit(widths: list[int], room: int, shrinkable=SHRINKABLE) -> None:
    """Narrow the wrapping columns (status, target, unit, name) until the table fits `room`."""
    for column, least in shrinkable:
        if column < len(widths) and sum(widths) > room:
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
