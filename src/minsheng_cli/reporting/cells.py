"""The shape of a report's view: typed cells, columns, rows, sections, tables, and the views
each output takes (`view.py` builds them from the report; `rendering/` lays them out).

A cell says what it holds — a number with its unit, a share (a fraction, shown as %), percentage
points, a status code with its word, a rank, plain text — and carries the text the text formats
print beside the value a spreadsheet stores, so that a renderer computes and words nothing. This
module imports nothing of the report, so the renderers depend on the view's shape only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Optional


# --- cells -----------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Cell:
    text: str  # as plain, markdown, csv and the terminal show it


@dataclass(frozen=True, eq=False)
class Text(Cell):
    pass


@dataclass(frozen=True, eq=False)
class Number(Cell):
    value: Optional[Decimal]  # None: no figure (the text says why)
    unit: str = ""


@dataclass(frozen=True, eq=False)
class Share(Cell):
    value: Optional[Fraction]  # 0.62, exact; shown as 62.0%
    stored: Optional[Decimal] = None  # the value to 6 places, as a spreadsheet stores it


@dataclass(frozen=True, eq=False)
class Points(Cell):
    value: Optional[Decimal]  # percentage points, rounded to 0.1


@dataclass(frozen=True, eq=False)
class Status(Cell):
    code: Optional[str]  # not_started … seriously_lagging; None: unknown
    word: str  # the status alone (the text adds flags and 超额完成)


@dataclass(frozen=True, eq=False)
class Ordinal(Cell):
    value: Optional[int]  # a rank


# --- tables ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    key: str
    header: str
    numeric: bool = False  # right-aligned where a format aligns


@dataclass(eq=False)
class Row:
    kind: str  # project | target | notes | total | county | lag
    cells: tuple[Cell, ...] = ()  # one per column of the table (a notes row has none)
    status: Optional[str] = None  # the row's status code (colours)
    note: str = ""  # a notes row's text, its parts on lines of their own


@dataclass(eq=False)
class Section:
    title: Optional[str]  # 一、托育服务 / 市卫生健康委（共5项：…） / 县（市、区）; None: untitled
    rows: list[Row]


@dataclass(eq=False)
class Table:
    columns: tuple[Column, ...]
    sections: list[Section]

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def index(self, key: str) -> int:
        return next(n for n, column in enumerate(self.columns) if column.key == key)

    def find(self, key: str) -> Optional[int]:
        """The column's position, None when the table has no such column (an unranked county table)."""
        return next((n for n, column in enumerate(self.columns) if column.key == key), None)


@dataclass(eq=False)
class ReportView:
    """What plain, markdown, csv and the terminal show: title lines, the table, the text after it."""

    title: str
    subtitle: str
    table: Table
    summary: str  # the summary sentence
    blocks: list[tuple[str, list[str]]]  # (heading, entries): the lagging list, 未报送, 未按时报送
    footnote: str


@dataclass(eq=False)
class WorkbookView:
    """What the xlsx workbook shows: the title block, the table with 备注, the lists, the counties."""

    title: str
    subtitle: str
    period: str  # 2023年6月, with the note when the period is not over
    as_of: dt.date
    time_share: Share
    summary: str
    blocks: list[tuple[str, list[str]]]
    footnote: str
    table: Table
    counties: Optional[Table] = None  # when a shown project has by-county targets
    counties_first: bool = False  # --by county: the county sheet comes first
    counties_title: str = ""
    lag_heading: str = ""  # 进度滞后的项目和指标（N项）
    lag_table: Optional[Table] = None  # None: nothing lags (lag_note says so)
    lag_note: str = ""  # said once under the lagging table


# --- the HTML report's shapes (reporting/html_view.py builds them, rendering/html.py draws them) ---
Point = tuple[Fraction, Fraction]  # (months since the plan's start, share of the target)


@dataclass(eq=False)
class Bar:
    """One project (or county) as a bar: its completion against the schedule."""

    label: str  # 7. 实施中小学幼儿园扩容
    aside: str  # 市教育局 · 完成率29.3% · 序时进度50.0%
    completion: Optional[Fraction]  # uncapped; None: not reported
    expected: Optional[Fraction]
    status: Optional[str]  # the colour
    status_text: str
    completion_text: str
    spoken: str = ""  # what a screen reader says of the bar (default: the aside)


@dataclass(eq=False)
class Trend:
    """One project's monthly trend: the principal target's completion at each month's end, the
    schedule, and the forecast from now to its due date."""

    title: str  # 7. 实施中小学幼儿园扩容
    subject: str  # the principal target's name
    status: Optional[str]
    status_text: str
    months: int  # the length of the time axis (the plan's months)
    ticks: list[tuple[Fraction, str]]  # (position, 3月)
    percent_tick: str  # "{value}%": the vertical axis
    actual: list[Point]
    schedule: list[Point]
    forecast: Optional[tuple[Point, Point]]  # from the latest point to the due date
    note: str  # the forecast in words, or the stage of a milestone or checklist
    label: str  # what a screen reader says


@dataclass(eq=False)
class CountyGroup:
    title: str  # 县（市、区） / 功能区
    bars: list[Bar]


@dataclass(eq=False)
class HtmlView:
    title: str
    subtitle: str
    summary: str
    bars: list[Bar]
    trends: list[Trend]
    counties: list[CountyGroup]
    blocks: list[tuple[str, list[str]]]
    footnote: str
    legend: list[tuple[str, str]]  # (status code, status word) in the order of the statuses
    headings: dict = field(default_factory=dict)
