"""Tables that fit the terminal (`--format table`, the default there): the report view, and the
rows of every other command (`list`, `show`, `import --dry-run`, …).

The width is the terminal's (COLUMNS when set, else the real width); a file or pipe without
COLUMNS gets the natural width. The layout is done on plain strings (display width from
rich.cells) and rich only colours it. What it chooses, in this order, until the table fits:
- numbers, dates, places (第2行, sheet!A1), 序号 / 完成率 / 序时进度 / 状态 and short words are kept
  whole; text columns wrap, and a number inside a text (新增托位10000个) is never split;
- the completion bars go first;
- then long text columns move to lines under their row (年度目标：…　牵头单位：…), as do a
  status's aside (部分县（市、区）未报送) and notes;
- last, the columns are split into blocks printed one after the other, each repeating the row's
  key columns (the county table with many targets).
Prose after the table (summary, lagging list) wraps at the same width.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Optional, Sequence, TextIO

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
UNDER_INDENT = "    "
UNDER_SEP = "　"
UNDER_FIELD = "{header}：{text}"
HEADER_WRAP = 14  # a long header (the county table's target names) wraps beyond this
TEXT_LEAST = 12  # a wrapping column is not made narrower than this (or its longest word)
WHOLE_CAP = 16  # a longer cell of a column kept whole (a list of items) is shown under its row
SHORT_WORD = 18  # a column whose every cell is this short is kept whole (units, counties, names)
# The report's columns: kept whole, moved under the row in this order when the terminal is narrow,
# and repeated in every block.
REPORT_WHOLE = ("number", "delta", "actual", "completion", "expected", "change", "status", "rank", "county")
REPORT_MOVABLE = ("figure", "lead")
REPORT_KEYS = ("number", "name", "rank", "county")
ASIDE = re.compile(r"^(.+?)(（.*）)$")  # 序时推进（部分县（市、区）未报送）: the status, then its aside
# What a line may not break inside: a number with its signs and separators, a date, a code.
NO_LINE_START = set("，。、；：？！）」』”’》〉】,.;:?!)")
ATOM = re.compile(r"[0-9A-Za-z_.,:/!%+\-–#＋－]+|.", re.S)


def completion_bar(share: Optional[Fraction]) -> str:
    """██████▎    for 62.5%: eighths of a cell, capped at a full bar."""
    if share is None:
        return " " * BAR_WIDTH
    eighths = int(min(max(share, Fraction(0)), Fraction(1)) * BAR_WIDTH * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + (BAR_PARTS[part] if part else "")
    return bar.ljust(BAR_WIDTH)


def cell_len(text: str) -> int:
    from rich.cells import cell_len as measured

    return measured(text)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` display cells (CJK counts two), never breaking a number or code
    unless it alone is wider than the line, and never starting a line with ，。、；：）” and the like."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current: list[str] = []
        used = 0
        for atom in ATOM.findall(paragraph):
            size = cell_len(atom)
            if used + size > width and current:
                carried = [current.pop()] if atom in NO_LINE_START and len(current) > 1 else []
                lines.append("".join(current).rstrip() or "".join(current))
                current, used = carried, sum(map(cell_len, carried))
                if atom == " " and not carried:
                    continue
            while size > width:  # one atom wider than the line: cut it, the only way
                head = _cut(atom, width)
                lines.append(head)
                atom = atom[len(head):]
                size = cell_len(atom)
            current.append(atom)
            used += size
        lines.append("".join(current))
    return lines


def _cut(text: str, width: int) -> str:
    used, end = 0, 0
    for end, char in enumerate(text):
        used += cell_len(char)
        if used > width:
            return text[:max(end, 1)]
    return text


def longest_atom(text: str) -> int:
    return max((cell_len(atom) for atom in ATOM.findall(text)), default=0)


def terminal_width(screen) -> Optional[int]:
    """The width to fit: the terminal's, or COLUMNS when set; None (natural width) otherwise."""
    if screen.is_terminal or os.environ.get("COLUMNS", "").strip().isdigit():
        return screen.width
    return None


# --- the layout of a grid --------------------------------------------------------------------
@dataclass
class Grid:
    headers: list[str]
    rows: list[list[str]]  # cell texts; a cell may hold lines ("\n")
    whole: set[int]  # columns never wrapped
    movable: list[int]  # columns that may move under their row, in this order
    keys: list[int]  # columns every block repeats
    right: set[int] = field(default_factory=set)  # right-aligned
    bar_column: Optional[int] = None  # where the completion bar is drawn, when there is room


@dataclass
class Layout:
    blocks: list[list[int]]  # the columns of each block, in order
    widths: list[dict[int, int]]  # per block: each column's width
    moved: list[int]
    bars: bool


def _natural(grid: Grid, column: int, bar_room: int) -> int:
    cells = [line for row in grid.rows for line in row[column].split("\n")]
    widest = max((cell_len(line) for line in cells), default=0) + bar_room
    return max(widest, min(cell_len(grid.headers[column]), HEADER_WRAP))


def _least(grid: Grid, column: int, natural: int, text_least: int = 12) -> int:
    if column in grid.whole:
        return natural
    longest = max((longest_atom(row[column]) for row in grid.rows), default=0)
    return min(natural, max(text_least, longest))


TEXT_LEASTS = (12, 8)  # how narrow a wrapping column may be: tried in this order


def plan_layout(grid: Grid, width: Optional[int]) -> Layout:
    count = len(grid.headers)
    every = list(range(count))
    if width is None:
        bars = grid.bar_column is not None
        return Layout([every], [{c: _natural(grid, c, _bar_room(grid, c, bars)) for c in every}], [], bars)
    every = [c for c in every if any(row[c].strip() for row in grid.rows)] or every  # an empty column only takes room
    # Bars first to go, then narrower text columns, then columns moved under their row, one by one.
    attempts = [(True, TEXT_LEASTS[0], 0)] if grid.bar_column is not None else []
    attempts += [(False, text_least, 0) for text_least in TEXT_LEASTS]
    attempts += [(False, TEXT_LEASTS[-1], step) for step in range(1, len(grid.movable) + 1)]
    for bars, text_least, step in attempts:
        natural = {c: _natural(grid, c, _bar_room(grid, c, bars)) for c in every}
        least = {c: _least(grid, c, natural[c], text_least) for c in every}
        moved = grid.movable[:step]
        shown = [c for c in every if c not in moved]
        if _total(shown, least) <= width:
            return Layout([shown], [_spread(shown, least, natural, width)], moved, bars)
    shown = [c for c in every if c not in moved]
    blocks = [sorted(block) for block in _blocks(grid, shown, least, width)]
    return Layout(blocks, [_spread(block, least, natural, width) for block in blocks], moved, False)


def _bar_room(grid: Grid, column: int, bars: bool) -> int:
    return BAR_WIDTH + 1 if bars and column == grid.bar_column else 0


def _total(columns: Sequence[int], widths: dict[int, int]) -> int:
    return sum(widths[c] for c in columns) + len(GAP) * (len(columns) - 1)


def _spread(columns: list[int], least: dict[int, int], natural: dict[int, int], width: int) -> dict[int, int]:
    """The least widths, then the room left given one cell at a time to the wrapping columns."""
    widths = {c: least[c] for c in columns}
    growing = [c for c in columns if widths[c] < natural[c]]
    room = width - _total(columns, widths)
    while room > 0 and growing:
        for column in list(growing):
            if room <= 0:
                break
            widths[column] += 1
            room -= 1
            if widths[column] >= natural[column]:
                growing.remove(column)
    return widths


def _blocks(grid: Grid, shown: list[int], least: dict[int, int], width: int) -> list[list[int]]:
    keys = [c for c in shown if c in grid.keys]
    rest = [c for c in shown if c not in keys]
    blocks, current = [], list(keys)
    for column in rest:
        if len(current) > len(keys) and _total(current + [column], least) > width:
            blocks.append(current)
            current = list(keys)
        current.append(column)
    blocks.append(current)
    return blocks


# --- drawing -----------------------------------------------------------------------------------
@dataclass(eq=False)
class GridRow:
    cells: list[str]
    style: str = ""  # the 状态 cell's colour (and the bar's)
    bar: Optional[str] = None  # drawn before the 完成率 cell
    span: Optional[str] = None  # a row spanning the table: a section's title
    span_style: str = ""
    name_style: str = ""
    under: list[str] = field(default_factory=list)  # lines under the row (asides, notes)


def draw_grid(text, grid: Grid, rows: list[GridRow], layout: Layout, width: Optional[int]) -> None:
    for number, block in enumerate(layout.blocks):
        if number:
            text.append("\n")
        widths = layout.widths[number]
        total = _total(block, widths)
        line_width = width or total
        _append_cells(text, grid.headers, block, widths, layout, grid, style="bold")
        text.append("─" * total + "\n")
        for row in rows:
            if row.span is not None:
                for piece in wrap(row.span, line_width):
                    text.append(piece + "\n", style=row.span_style)
                continue
            _append_cells(text, row.cells, block, widths, layout, grid, row=row)
            if number == len(layout.blocks) - 1:
                _append_under(text, grid, row, layout, line_width)
        text.append("─" * total + "\n")


def _append_cells(text, cells: list[str], block: list[int], widths: dict[int, int], layout: Layout, grid: Grid,
                  row: Optional[GridRow] = None, style: str = "") -> None:
    bar_here = row is not None and row.bar is not None and layout.bars
    wrapped = {}
    for column in block:
        room = widths[column] - (BAR_WIDTH + 1 if bar_here and column == grid.bar_column else 0)
        if style:  # a header wraps to its column
            wrapped[column] = wrap(cells[column], widths[column])
        elif column in grid.whole:
            wrapped[column] = cells[column].split("\n")
        else:
            wrapped[column] = wrap(cells[column], room)
    for depth in range(max(len(lines) for lines in wrapped.values())):
        for place, column in enumerate(block):
            lines = wrapped[column]
            cell = lines[depth] if depth < len(lines) else ""
            if place:
                text.append(GAP)
            width = widths[column]
            if bar_here and column == grid.bar_column:
                text.append(row.bar if depth == 0 else " " * BAR_WIDTH, style=(row.style or None) if depth == 0 else None)
                text.append(_pad(" " + cell, width - BAR_WIDTH, column in grid.right))
                continue
            last = place == len(block) - 1
            shown = cell if last and column not in grid.right else _pad(cell, width, column in grid.right)
            if style:
                chosen = style
            elif row is not None:
                chosen = row.style if column == len(cells) - 1 and last else (row.name_style if column == 1 else "")
            else:
                chosen = ""
            text.append(shown, style=chosen or None)
        text.append("\n")


def _append_under(text, grid: Grid, row: GridRow, layout: Layout, width: int) -> None:
    fields = [UNDER_FIELD.format(header=grid.headers[c], text=row.cells[c].replace("\n", "")) for c in layout.moved
              if row.cells[c].strip()]
    lines = ([UNDER_SEP.join(fields)] if fields else []) + row.under
    for line in lines:
        for part in line.split("\n"):
            for piece in wrap(part, max(width - len(UNDER_INDENT), 10)):
                text.append(UNDER_INDENT + piece + "\n", style="dim")


def _pad(cell: str, width: int, right: bool) -> str:
    room = " " * max(width - cell_len(cell), 0)
    return room + cell if right else cell + room


def fitted_lines(text: str, out: Optional[TextIO] = None) -> list[str]:
    """A line of prose beside a table (a summary), wrapped at the table's width."""
    width = terminal_width(_screen(out or sys.stdout, like_stdout=out is not None))
    return wrap(text, width) if width else text.split("\n")


def _console_for(out: TextIO):
    from rich.console import Console

    return Console(file=out, no_color="NO_COLOR" in os.environ, highlight=False, soft_wrap=False)


def _screen(out: TextIO, like_stdout: bool):
    from minsheng_cli.rendering.output import console

    if out is sys.stdout:
        return console()
    return console(into=out) if like_stdout else _console_for(out)


# --- the report ------------------------------------------------------------------------------
def draw(view: ReportView, out: TextIO, like_stdout: bool = False) -> None:
    """Draw the report into `out`. `like_stdout`: `out` is a buffer whose text will go to stdout,
    so draw it as the terminal would be drawn."""
    from rich.text import Text

    screen = _screen(out, like_stdout)
    width = terminal_width(screen)
    table = view.table
    grid, rows = _report_grid(table, width is not None)
    layout = plan_layout(grid, width)
    text = Text()
    for line in (view.title, view.subtitle):
        for piece in (wrap(line, width) if width else [line]):
            text.append(piece + "\n", style="bold" if line is view.title else None)
    text.append("\n")
    draw_grid(text, grid, rows, layout, width)
    for line in closing_lines(view):
        for piece in (wrap(line, width) if width else [line]):
            text.append(piece + "\n")
    text.plain = printable(text.plain)  # one for one: the styles stay where they were
    screen.print(text, soft_wrap=True, end="")


def _report_grid(table: Table, fitted: bool) -> tuple[Grid, list[GridRow]]:
    keys = [column.key for column in table.columns]
    rate = table.find("completion")
    status = table.find("status")
    rows: list[GridRow] = []
    for section in table.sections:
        if section.title:
            rows.append(GridRow([], span=section.title, span_style="bold cyan"))
        for row in section.rows:
            if row.kind == "notes":
                if rows:
                    rows[-1].under.append(row.note)
                continue
            cells = [cell.text for cell in row.cells]
            if row.kind == "target":
                cells[1] = TARGET_INDENT + cells[1]
            under = []
            if fitted and status is not None:
                aside = ASIDE.match(cells[status].replace("\n", ""))
                if aside:
                    cells[status], under = aside.group(1), [aside.group(2)[1:-1]]
            if fitted:  # a long list in a column kept whole (the items done) goes under the row
                for n, key in enumerate(keys):
                    if table.columns[n].numeric and cell_len(cells[n]) > WHOLE_CAP:
                        under.append(UNDER_FIELD.format(header=table.columns[n].header, text=cells[n].replace("\n", "")))
                        cells[n] = ""
            rows.append(GridRow(cells, STATUS_STYLES.get(row.status or "", ""), _bar(row, rate),
                                name_style=NAME_STYLES.get(row.kind, ""), under=under))
    grid = Grid(
        headers=list(table.headers),
        rows=[row.cells for row in rows if row.span is None],
        whole={n for n, key in enumerate(keys) if key in REPORT_WHOLE or table.columns[n].numeric},
        movable=[keys.index(key) for key in REPORT_MOVABLE if key in keys],
        keys=[n for n, key in enumerate(keys) if key in REPORT_KEYS],
        right={n for n, column in enumerate(table.columns) if column.numeric},
        bar_column=rate if any(row.bar is not None for row in rows) else None,
    )
    return grid, rows


def _bar(row: Row, rate_column: Optional[int]) -> Optional[str]:
    """A project or target row always has its bar (blank when unknown); a county only when ranked."""
    if rate_column is None:
        return None
    share = row.cells[rate_column].value
    if row.kind in ("project", "target") or share is not None:
        return completion_bar(share)
    return None


# --- any other command's rows ----------------------------------------------------------------
DIGIT = re.compile(r"\d")


def draw_rows(headers: list[str], rows: list[list[str]], title: Optional[str], out: Optional[TextIO] = None) -> None:
    """Rows of `list`, `show`, `import --dry-run`, …: the same layout as the report's table
    (numbers, dates and places whole; long texts wrapped, then moved under their row)."""
    from rich.text import Text

    screen = _screen(out or sys.stdout, like_stdout=out is not None)
    width = terminal_width(screen)
    grid = rows_grid(headers, rows)
    layout = plan_layout(grid, width)
    text = Text()
    if title:
        for piece in (wrap(title, width) if width else [title]):
            text.append(piece + "\n", style="bold")
    draw_grid(text, grid, [GridRow(list(row)) for row in rows], layout, width)
    text.plain = printable(text.plain)
    screen.print(text, soft_wrap=True, end="")


def rows_grid(headers: list[str], rows: list[list[str]]) -> Grid:
    count = len(headers)
    columns = [[row[c] for row in rows if row[c].strip()] for c in range(count)]
    whole = {c for c in range(count) if all(_is_whole(cell) for cell in columns[c])}
    texts = [c for c in range(count) if c not in whole]
    natural = {c: max((cell_len(line) for cell in columns[c] for line in cell.split("\n")), default=0) for c in range(count)}
    movable = sorted(texts[1:], key=lambda c: -natural[c])  # the first text column (the name) stays
    numeric = {c for c in range(count) if columns[c] and all(re.fullmatch(r"[+\-]?[\d,.]+%?", cell) for cell in columns[c])}
    return Grid(list(headers), [list(row) for row in rows], whole, movable, keys=[0] + texts[:1], right=numeric)


def _is_whole(cell: str) -> bool:
    """A number, a date, a place (第2行, 表!A1) or a short word: never wrapped."""
    size = max(cell_len(line) for line in cell.split("\n"))
    return size <= SHORT_WORD or (bool(DIGIT.search(cell)) and size <= 20 and " " not in cell.strip())
