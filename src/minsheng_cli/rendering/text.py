"""A report view as plain text, markdown or csv (and any other tabulate format by name).

Every one shows the same table: a row per project (and per target with --detail, and its notes
with --notes), each section's title as a row of its own, like the office's sheet. Plain and
markdown add the title lines before it and the summary sentence, the lagging list and the
未报送 list after it; csv holds the table only. The tables are drawn by `output.aligned_text`,
so the README's bytes do not depend on tabulate.
"""

from __future__ import annotations

from typing import TextIO

from minsheng_cli.reporting.cells import ReportView, Table
from minsheng_cli.rendering.output import printable, tabulate_text, write_csv
from minsheng_cli.words import report as M

NEWLINES = {"plain": M.REP_PART_SEP, "csv": "\n", "markdown": "<br>"}  # a line break inside a cell


def table_rows(table: Table, newline: str, bold_titles: bool = False) -> list[list[str]]:
    """The table's rows as text: a section's title, then its rows; a notes row spans the name column."""
    blank = [""] * (len(table.columns) - 2)
    rows = []
    for section in table.sections:
        if section.title:
            rows.append(["", f"**{section.title}**" if bold_titles else section.title, *blank])
        for row in section.rows:
            cells = ["", row.note, *blank] if row.kind == "notes" else [cell.text for cell in row.cells]
            rows.append([cell.replace("\n", newline) for cell in cells])
    return rows


def closing_lines(view: ReportView, heading_prefix: str = "", item_prefix: str = "") -> list[str]:
    """What follows the table: the summary sentence, each list under its heading, the footnote."""
    lines = ["", view.summary]
    for heading, entries in view.blocks:
        lines += ["", heading_prefix + heading]
        lines += [item_prefix + entry for entry in entries]
    lines += ["", view.footnote]
    return lines


def plain_text(view: ReportView, fmt: str = "plain") -> str:
    rows = table_rows(view.table, NEWLINES["plain"])  # also for the other tabulate formats
    lines = [view.title, view.subtitle, "", tabulate_text(view.table.headers, rows, fmt)]
    return printable("\n".join(lines + closing_lines(view)) + "\n")


def markdown_text(view: ReportView) -> str:
    rows = table_rows(view.table, NEWLINES["markdown"], bold_titles=True)
    lines = [f"## {view.title}", "", view.subtitle, "", tabulate_text(view.table.headers, rows, "markdown")]
    return printable("\n".join(lines + closing_lines(view, heading_prefix="### ")) + "\n")


def write_csv_table(view: ReportView, out: TextIO) -> None:
    write_csv(view.table.headers, table_rows(view.table, NEWLINES["csv"]), out)
