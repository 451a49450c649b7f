"""The report as leaders read it on a phone or a locked-down PC (`report --format html`): plain
data for `rendering/html.py`, which draws it and computes nothing.

It holds the title lines and the summary sentence, a bar per project (completion against 序时进度,
by status), each project's monthly trend of its principal target with the forecast to its due
date, the county ranking, and the text blocks after the table (the lagging list with the units'
dated texts, 未报送, 未按时报送, 年底预测). Positions on a time axis are months since the plan's
start, as 序时进度 counts them (`terms.month_position`).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from minsheng_cli.ledger.dates import month_end
from minsheng_cli.reporting.cells import Bar, CountyGroup, HtmlView, Point, Trend
from minsheng_cli.reporting import report as R, wording as W
from minsheng_cli.reporting.forecast_wording import target_text
from minsheng_cli.reporting.schedule import RecordIndex, assess_targets
from minsheng_cli.reporting.terms import month_position, schedule_curve
from minsheng_cli.words import forecast as F, report as M

LEGEND_ORDER = ("completed", "ahead", "on_track", "lagging", "seriously_lagging", "overdue", "not_reported", "not_started")


def html_view(report: R.Report, index: RecordIndex) -> HtmlView:
    return HtmlView(
        W.title_text(report), W.subtitle_text(report), W.summary_sentence(report),
        [project_bar(report, line) for line in report.projects],
        [project_trend(report, index, line) for line in report.projects],
        county_groups(report), W.text_blocks(report), M.REP_FOOTNOTE,
        [(code, W.status_word(code, report.after_plan)) for code in LEGEND_ORDER],
        headings={
            "completion": F.HTML_CHART_COMPLETION, "completion_note": F.HTML_CHART_COMPLETION_NOTE,
            "trends": F.HTML_TRENDS, "trends_note": F.HTML_TRENDS_NOTE, "counties": F.HTML_COUNTIES,
            "legend": F.HTML_LEGEND, "expected": F.HTML_EXPECTED_LINE, "actual": F.HTML_ACTUAL_LINE,
            "forecast": F.HTML_FORECAST_LINE, "foot": F.HTML_FOOT, "lang": F.HTML_LANG,
        },
    )


def project_bar(report: R.Report, line: R.ProjectLine) -> Bar:
    state = line.now
    status_text = W.status_text(state.status, state.flags, report.after_plan)
    completion, expected = W.percent(state.completion), W.percent(state.expected)
    aside = F.HTML_CHART_LABEL.format(name=W.names(line.project.lead), completion=completion, expected=expected, status=status_text)
    return Bar(M.REP_LIST_ENTRY.format(number=line.project.id, text=line.project.name), aside, state.completion, state.expected, state.status,
               status_text, completion)


# --- the trends --------------------------------------------------------------------------------
def month_ends(start: dt.date, day: dt.date) -> list[dt.date]:
    """Every month's end from the plan's start up to `day`, and `day` itself when it is not one."""
    ends, year, month = [], start.year, start.month
    while True:
        end = month_end(year, month)
        if end >= day:
            break
        if end >= start:
            ends.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ends + [day]


def project_trend(report: R.Report, index: RecordIndex, line: R.ProjectLine) -> Trend:
    plan, principal = report.plan, line.principal
    origin = month_position(plan.start, end_of_day=False)
    months = int(month_position(plan.end) - origin + Fraction(1, 2))
    position = lambda day: month_position(day) - origin  # noqa: E731 - one conversion, named once
    actual: list[Point] = []
    for day in month_ends(plan.start, report.as_of):
        state = assess_targets(plan, line.project, index, day, [principal.target])[0]
        if state.reported and state.completion is not None:
            actual.append((position(day), state.completion))
    now = principal.now
    curve = schedule_curve(principal.target, now.terms, now.baseline) if principal.target.kind != "milestone" else None
    schedule = [(x - origin, y) for x, y in curve] if curve else []
    forecast = principal.forecast
    ahead = None
    if forecast is not None and forecast.projected_share is not None and actual and forecast.months_left:
        ahead = (actual[-1], (position(now.terms.due), forecast.projected_share))
    note = target_text(principal.target, forecast) if forecast is not None else W.status_text(now.status, now.flags, report.after_plan)
    ticks = [(Fraction(m), F.HTML_MONTH_TICK.format(month=(plan.start.month + m - 2) % 12 + 1)) for m in range(0, months + 1, 3) if m]
    title = M.REP_LIST_ENTRY.format(number=line.project.id, text=line.project.name)
    return Trend(title, W.target_name(principal.target), line.status, W.status_text(line.status, line.now.flags, report.after_plan),
                 months, ticks, F.HTML_PERCENT_TICK, actual, schedule, ahead, note, F.HTML_TREND_LABEL.format(name=title))


# --- the counties ------------------------------------------------------------------------------
def county_groups(report: R.Report) -> list[CountyGroup]:
    ranking = R.county_ranking(report)
    if ranking is None or not ranking.ranked:
        return []
    groups = []
    for group in ranking.groups:
        bars = []
        for county in group.lines:
            name = M.REP_LIST_ENTRY.format(number=county.rank, text=county.name) if county.rank is not None else county.name
            text = W.percent(county.completion) if county.completion is not None else M.REP_COUNTY_UNREPORTED
            status = None if county.completion is None else "county"
            bars.append(Bar(name, "", county.completion, None, status, "", text,
                            F.HTML_COUNTY_LABEL.format(name=county.name, completion=text)))
        groups.append(CountyGroup(W.county_group_title(group.kind), bars))
    return groups
