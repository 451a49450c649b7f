"""Report periods: `--month 2023-06`, `--week 2023-W26`, `--xun 2023-06-2`, `--quarter 2023-Q2`,
`--as-of 2023-06-15`, or nothing (today, or the plan's end once the plan is over).

A period resolves to the date the report is as of, the previous period's end (for 较上期), its own
first and last day and its kind; its Chinese name (`label`) is derived from those. A period ending
after today is reported as of today (`clipped`); a period that has not begun, or a date before the
plan starts, is an error naming the option.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from minsheng_cli.ledger import dates
from minsheng_cli.words import report as M
from minsheng_cli.ledger.dates import cn_date, month_end
from minsheng_cli.errors import InputError, UsageError
from minsheng_cli.ledger.model import Plan

XUN_WORDS = M.REP_XUN_WORDS
XUN_FIRST_DAYS = {1: 1, 2: 11, 3: 21}

# Patterns as strings: `re` compiles (and caches) only the one a command uses.
_WEEK = r"^\s*(\d{4})\s*-?\s*[Ww]\s*(\d{1,2})\s*$"
_XUN = r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*([123上中下])\s*旬?\s*$"
_QUARTER = r"^\s*(\d{4})\s*-?\s*[Qq]\s*([1-4])\s*$"


@dataclass(frozen=True)
class Period:
    as_of: dt.date  # the report is as of the end of this day
    previous: dt.date  # the previous period's end (较上期)
    kind: str  # month | week | xun | quarter | as_of | default
    start: dt.date  # the period's first day
    end: dt.date  # the period's last day (after `as_of` when clipped)
    clipped: bool = False  # the period ends after today: reported as of today

    @property
    def label(self) -> str:
        """2023年6月, 2023年第26周（6月26日—7月2日）, 2023年6月中旬, 2023年第二季度, 2023年6月15日"""
        return period_label(self)


def period_label(period: Period) -> str:
    end, start = period.end, period.start
    if period.kind == "month":
        return M.REP_MONTH_LABEL.format(year=end.year, month=end.month)
    if period.kind == "week":
        year, week, _ = end.isocalendar()
        return M.REP_WEEK_LABEL.format(year=year, week=week, first=_month_day(start), last=_month_day(end))
    if period.kind == "xun":
        xun = next(number for number, first in XUN_FIRST_DAYS.items() if first == start.day)
        return M.REP_XUN_LABEL.format(year=end.year, month=end.month, xun=M.REP_XUN_NAMES[xun])
    if period.kind == "quarter":
        return M.REP_QUARTER_LABEL.format(year=end.year, quarter=M.REP_QUARTER_NAMES[(end.month + 2) // 3])
    return cn_date(period.end)


def _month_day(day: dt.date) -> str:
    return M.REP_MONTH_DAY.format(month=day.month, day=day.day)


def resolve_period(
    plan: Plan,
    month: Optional[str] = None,
    week: Optional[str] = None,
    xun: Optional[str] = None,
    quarter: Optional[str] = None,
    as_of: Optional[str] = None,
    today: Optional[dt.date] = None,
) -> Period:
    given = [(name, text) for name, text in (("--month", month), ("--week", week), ("--xun", xun), ("--quarter", quarter), ("--as-of", as_of)) if text]
    if len(given) > 1:
        raise UsageError(M.REP_ONE_PERIOD.format(options=M.REP_LIST_SEP.join(name for name, _ in given)))
    today = today or dates.today()
    if not given:
        return _default_period(plan, today)
    option, text = given[0]
    parse = {"--month": lambda t: month_period(t, plan.settings.report_cutoff_day), "--week": week_period,
             "--xun": xun_period, "--quarter": quarter_period, "--as-of": date_period}[option]
    period = parse(text)
    if period.start > today:
        raise InputError(M.REP_PERIOD_FUTURE.format(option=option, value=text, today=cn_date(today)))
    if period.as_of > today:
        period = dataclasses.replace(period, as_of=today, clipped=True)
    if period.as_of < plan.start:
        raise InputError(M.REP_BEFORE_PLAN.format(option=option, value=text, start=cn_date(plan.start)))
    return period


def _default_period(plan: Plan, today: dt.date) -> Period:
    if today < plan.start:
        raise InputError(M.REP_PLAN_NOT_STARTED.format(start=cn_date(plan.start)), M.REP_PLAN_NOT_STARTED_HINT)
    day = min(today, plan.end)
    return Period(day, previous_month_end(day), "default", day, day)


def previous_month_end(day: dt.date) -> dt.date:
    return day.replace(day=1) - dt.timedelta(days=1)


def month_cutoff(year: int, month: int, cutoff: Optional[int]) -> dt.date:
    return dt.date(year, month, cutoff) if cutoff else month_end(year, month)


def _previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def month_period(text: str, cutoff: Optional[int] = None) -> Period:
    """As of the month's end, or of its `report_cutoff_day` (截至每月25日)."""
    found = dates.parse_year_month(text)
    if found is None:
        raise UsageError(M.REP_BAD_MONTH.format(value=text))
    year, month = found
    as_of = month_cutoff(year, month, cutoff)
    previous = month_cutoff(*_previous_month(year, month), cutoff)
    start = previous + dt.timedelta(days=1) if cutoff else dt.date(year, month, 1)
    return Period(as_of, previous, "month", start, as_of)


def week_period(text: str) -> Period:
    """An ISO week, as of its Sunday."""
    match = re.match(_WEEK, str(text))
    if not match:
        raise UsageError(M.REP_BAD_WEEK.format(value=text))
    year, week = int(match.group(1)), int(match.group(2))
    try:
        sunday = dt.date.fromisocalendar(year, week, 7)
    except ValueError:
        raise UsageError(M.REP_NO_SUCH_WEEK.format(value=text, year=year)) from None
    return Period(sunday, sunday - dt.timedelta(days=7), "week", sunday - dt.timedelta(days=6), sunday)


def xun_bounds(year: int, month: int, xun: int) -> tuple[dt.date, dt.date]:
    """上旬 1st–10th, 中旬 11th–20th, 下旬 21st–the month's end."""
    first = XUN_FIRST_DAYS[xun]
    last = month_end(year, month) if xun == 3 else dt.date(year, month, first + 9)
    return dt.date(year, month, first), last


def xun_period(text: str) -> Period:
    match = re.match(_XUN, str(text))
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UsageError(M.REP_BAD_XUN.format(value=text))
    year, month, xun = int(match.group(1)), int(match.group(2)), XUN_WORDS[match.group(3)]
    start, end = xun_bounds(year, month, xun)
    return Period(end, start - dt.timedelta(days=1), "xun", start, end)


def quarter_period(text: str) -> Period:
    match = re.match(_QUARTER, str(text))
    if not match:
        raise UsageError(M.REP_BAD_QUARTER.format(value=text))
    year, quarter = int(match.group(1)), int(match.group(2))
    start = dt.date(year, quarter * 3 - 2, 1)
    end = month_end(year, quarter * 3)
    return Period(end, start - dt.timedelta(days=1), "quarter", start, end)


def date_period(text: str) -> Period:
    day = dates.parse_date(text, "--as-of")
    return Period(day, previous_month_end(day), "as_of", day, day)
