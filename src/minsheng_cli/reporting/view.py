"""The report turned into its view: what every output shows, as typed cells (`cells.py`) in
titled sections.

A view is the report as the office reads it: the main table (columns with a stable key and
their Chinese header; sections by category, or by lead unit with its tally; a row per project,
per target with --detail, and a project's notes with --notes) or the county table (全市, then
the 县（市、区） ranked, then the 功能区 ranked apart), with the title lines and the text after
the table from `wording.py`. The workbook's view adds a 备注 column and keeps its figures bare.

较上期 is computed here, once, for every format (`change_points`). No row points back at its
report line.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction
from typing import Optional

from minsheng_cli.errors import InputError
from minsheng_cli.reporting import oversight_words, report as R, wording as W
from minsheng_cli.reporting.forecast_wording import row_text
from minsheng_cli.reporting.cells import (
    Cell, Column, Number, Ordinal, Points, ReportView, Row, Section, Share, Status, Table, Text, WorkbookView,
)
from minsheng_cli.reporting.schedule import round_half_up
from minsheng_cli.reporting.terms import shown_change
from minsheng_cli.words import report as M, workbook as B

NUMERIC_COLUMNS = ("delta", "actual", "completion", "expected", "change")
TABLE_COLUMNS = tuple(M.REP_COLUMNS)


# --- cells -----------------------------------------------------------------------------------
def share_cell(value: Optional[Fraction]) -> Share:
    return Share(W.percent(value), value, None if value is None else round_half_up(value, 6))


def points_cell(value: Optional[Decimal]) -> Points:
    return Points(W.signed_points(value), value)


def change_points(now: Optional[Fraction], before: Optional[Fraction]) -> Optional[Decimal]:
    """较上期: the change of the completion since the previous period's end (none then: from 0),
    as the difference of the two shares shown (35.8% after 29.6% reads +6.2)."""
    if now is None:
        return None
    return shown_change(now, before if before is not None else Fraction(0))


def report_view(report: R.Report) -> ReportView:
    """The view of plain, markdown, csv and the terminal; --by county shows the county table."""
    spec = report.spec
    if spec.by == "county":
        ranking = R.county_ranking(report)
        if ranking is None:
            raise InputError(M.REP_NO_COUNTY_TARGETS)
        table = county_table(report, ranking)
        footnote = M.REP_FOOTNOTE if ranking.ranked else M.REP_COUNTIES_NOT_RANKED + "\n" + M.REP_FOOTNOTE
    else:
        table, footnote = main_table(report, spec.by), M.REP_FOOTNOTE
    return ReportView(W.title_text(report), W.subtitle_text(report), table, W.summary_sentence(report),
                      W.text_blocks(report), footnote)


def workbook_view(report: R.Report) -> WorkbookView:
    """The xlsx view: the table by category (or unit) with a 备注 column, and the county table."""
    by = "category" if report.spec.by == "county" else report.spec.by
    ranking = R.county_ranking(report)
    title = W.title_text(report)
    table = main_table(report, by, sheet=True)
    lags = R.lagging(report, streaks=True)
    return WorkbookView(
        title, W.subtitle_text(report), W.period_text(report), report.as_of, share_cell(report.time_share),
        W.summary_sentence(report), W.blocks_after_lagging(report), M.REP_FOOTNOTE, table,
        county_table(report, ranking) if ranking is not None else None, report.spec.by == "county",
        W.aside(title, M.REP_SHEET_COUNTIES) + ("" if ranking is None or ranking.ranked else M.REP_COUNTIES_NOT_RANKED),
        lag_heading=W.lagging_heading(len(lags)), lag_table=lag_table(report, lags) if lags else None,
        lag_note=B.LAG_NOTE if lags else W.none_lagging_text(),
    )


# --- the lagging table (xlsx) ----------------------------------------------------------------
def lag_columns() -> tuple[Column, ...]:
    numeric = ("completion", "expected", "gap", "streak")
    return tuple(Column(key, header, key in numeric) for key, header in B.LAG_COLUMNS.items())


def lag_table(report: R.Report, lags: list[R.Lag]) -> Table:
    """滞后及未报送's table: one row per lagging project or target, its texts in full."""
    return Table(lag_columns(), [Section(None, [lag_row(report, number, lag) for number, lag in enumerate(lags, 1)])])


def lag_row(report: R.Report, number: int, lag: R.Lag) -> Row:
    project = lag.line.project
    name = project.name if lag.target is None else M.REP_PROJECT_TARGET.format(project=project.name, target=lag.target.target.name)
    word = W.status_word(lag.status, report.after_plan)
    cells = (
        Ordinal(str(number), number), Text(name), Text(W.names(project.lead)), Status(word, lag.status, word),
        share_cell(lag.completion), share_cell(lag.expected), points_cell(lag.gap),
        Number(str(lag.streak), Decimal(lag.streak), B.LAG_STREAK_UNIT),
        Text(W.said_text(lag.notes.problem) or B.LAG_NOT_SAID), Text(W.said_text(lag.notes.next) or B.LAG_NOT_SAID),
    )
    return Row("lag", cells, lag.status)


# --- the main table --------------------------------------------------------------------------
def main_columns(sheet: bool = False) -> tuple[Column, ...]:
    columns = tuple(Column(key, M.REP_COLUMNS[key], key in NUMERIC_COLUMNS) for key in TABLE_COLUMNS)
    return columns + (Column("remark", M.REP_REMARK),) if sheet else columns


def main_table(report: R.Report, by: str, sheet: bool = False) -> Table:
    """The office's table, grouped by category (一、…) or by lead unit with a tally per unit.
    `sheet`: the workbook's layout — a 备注 column, and figures without the text's asides."""
    groups: dict = {}
    for line in report.projects:
        for key in ([line.project.category] if by == "category" else line.project.lead):
            groups.setdefault(key, []).append(line)
    sections = []
    for key, lines in groups.items():
        title = W.category_title(report.plan, key) if by == "category" else W.unit_title(key, lines, report.after_plan)
        sections.append(Section(title, [row for line in lines for row in project_rows(report, line, sheet)]))
    return Table(main_columns(sheet), sections)


def project_rows(report: R.Report, line: R.ProjectLine, sheet: bool = False) -> list[Row]:
    rows = [project_row(report, line, sheet)]
    if report.spec.detail:
        for number, target_line in enumerate(line.targets, 1):
            rows.append(target_row(report, line, number, target_line, sheet))
            forecast = row_text(target_line)
            if forecast:  # a spanning row as a project's notes are
                rows.append(Row("notes", note=forecast))
        seen = report.oversight.get(line.project.id)
        said = oversight_words.oversight_text(seen) if seen is not None else ""
        if said:
            rows.append(Row("notes", note=said))
    if report.spec.notes:
        text = W.notes_text(line.notes)
        if text:
            rows.append(Row("notes", note=text))
    return rows


def project_row(report: R.Report, line: R.ProjectLine, sheet: bool) -> Row:
    principal, state = line.principal, line.now
    figure, delta, actual = figure_cells(principal)
    if not sheet:  # the text has no 备注: the figure says it stands for several targets
        figure = dataclasses.replace(figure, text=W.project_figure_text(line))
    cells = (
        Ordinal(str(line.project.id), line.project.id), Text(line.project.name), Text(W.names(line.project.lead)),
        figure, delta, actual,
        *_rate_cells(state.completion, state.expected, line.before.completion),
        Status(W.status_text(state.status, state.flags, report.after_plan), state.status, W.status_word(state.status, report.after_plan)),
    )
    if sheet:
        cells += (Text(W.remark_text(state.flags, principal=W.principal_remark(line))),)
    return Row("project", cells, state.status)


def target_row(report: R.Report, line: R.ProjectLine, number: int, target_line: R.TargetLine, sheet: bool) -> Row:
    state, target = target_line.now, target_line.target
    figure, delta, actual = figure_cells(target_line)
    if not sheet and W.missing_text(target_line):  # the text has no 备注: 累计完成 names what is missing
        actual = dataclasses.replace(actual, text=actual.text + W.missing_text(target_line))
    cells = (
        Text(f"{line.project.id}.{number}"), Text(W.target_name(target)), Text(""), figure, delta, actual,
        *_rate_cells(state.completion if state.reported else None, state.expected, target_line.before.completion),
        Status(W.status_text(state.status, state.flags, report.after_plan, state.completion), state.status,
               W.status_word(state.status, report.after_plan)),
    )
    if sheet:
        cells += (Text(W.remark_text(state.flags, target_line.open_items, state.missing_counties)),)
    return Row("target", cells, state.status)


def _rate_cells(completion: Optional[Fraction], expected: Optional[Fraction], before: Optional[Fraction]) -> tuple[Cell, Cell, Cell]:
    """完成率, 序时进度, 较上期."""
    return share_cell(completion), share_cell(expected), points_cell(change_points(completion, before))


def figure_cells(line: R.TargetLine) -> tuple[Cell, Cell, Cell]:
    """年度目标, 本期完成, 累计完成 of one target: numbers with their unit where the target has figures."""
    target, state = line.target, line.now
    if target.kind in ("milestone", "continuing"):
        return Text(W.figure_text(target, state)), Text(W.delta_text(line)), Text(W.actual_text(line))
    unit = W.unit_of(target)
    figure = Number(W.figure_text(target, state), state.terms.figure, unit)
    if not state.reported:
        return figure, Text(M.REP_NONE), Text(M.REP_NONE)
    return figure, Number(W.delta_text(line), line.delta, unit), Number(W.actual_text(line), state.actual, unit)


# --- the county table ------------------------------------------------------------------------
def county_table(report: R.Report, ranking: R.CountyRanking) -> Table:
    """全市 first, then the 县（市、区） ranked, then the 功能区 ranked apart. Without any allocation
    to rank on, the figures alone: no 排名 and no 完成率 column."""
    ranked = ranking.ranked
    columns = ((Column("rank", M.REP_RANK),) if ranked else ()) + (Column("county", M.REP_COUNTY),)
    columns += tuple(
        Column(f"target:{line.project.id}.{t.target.id}", W.county_header(line, t), True) for line, t in ranking.targets
    )
    columns += (Column("completion", M.REP_COUNTY_COMPLETION, True),) if ranked else ()
    sections = [Section(None, [_total_row(ranking)])]
    sections += [Section(W.county_group_title(group.kind), [_county_row(ranking, c) for c in group.lines]) for group in ranking.groups]
    return Table(columns, sections)


def _total_row(ranking: R.CountyRanking) -> Row:
    cells: list[Cell] = [Text("")] if ranking.ranked else []
    cells.append(Text(M.REP_WHOLE_CITY))
    for _, t in ranking.targets:
        text = W.county_figure(t.now.actual, t.now.terms.figure)
        cells.append(Number(text, t.now.actual if t.now.reported else None, W.unit_of(t.target)))
    if ranking.ranked:
        cells.append(Share("", None))
    return Row("total", tuple(cells))


def _county_row(ranking: R.CountyRanking, county: R.CountyLine) -> Row:
    cells: list[Cell] = [Ordinal(str(county.rank) if county.rank is not None else "", county.rank)] if ranking.ranked else []
    cells.append(Text(county.name))
    for (_, t), state in zip(ranking.targets, county.states):
        if state is None:
            cells.append(Text(""))
        else:
            cells.append(Number(W.county_figure(state.actual, state.target), state.actual, W.unit_of(t.target)))
    if ranking.ranked:
        cells.append(Share(M.REP_COUNTY_UNREPORTED, None) if county.unreported else share_cell(county.completion))
    return Row("county", tuple(cells))
