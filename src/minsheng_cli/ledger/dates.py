"""Dates as users type and read them. "Today" is the date in Asia/Shanghai."""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from minsheng_cli.words import ledger as messages
from minsheng_cli.errors import InputError

CHINA = dt.timezone(dt.timedelta(hours=8))  # Asia/Shanghai has had no DST since 1991
_DATE = re.compile(r"^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*$")


def today() -> dt.date:
    return dt.datetime.now(CHINA).date()


def parse_date(text: str, argument: str) -> dt.date:
    """2023-06-30, 2023/6/30, 2023.6.30 or 2023年6月30日; InputError naming the argument."""
    match = _DATE.match(str(text))
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise InputError(messages.BAD_DATE.format(argument=argument, value=text))


def month_end(year: int, month: int) -> dt.date:
    """The month's last day (without `calendar`: it imports `locale`, and a warm report needs this)."""
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def cn_date(day: dt.date) -> str:
    """2023年6月30日"""
    return messages.DATE_CN.format(year=day.year, month=day.month, day=day.day)


def cn_as_of(day: dt.date) -> str:
    """2023年6月底 at a month's end, else 2023年6月30日 (official prose)."""
    if day == month_end(day.year, day.month):
        return messages.DATE_CN_MONTH_END.format(year=day.year, month=day.month)
    return cn_date(day)


MONTH_TEXT = r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$"  # 2023-06, 2023/6, 2023.6, 2023年6月


def parse_year_month(text: str) -> Optional[tuple[int, int]]:
    """(year, month) of a month as users write it, or None when it is not one (2023-13 is not)."""
    match = re.match(MONTH_TEXT, str(text))
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return int(match.group(1)), int(match.group(2))
