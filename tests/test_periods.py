"""Report periods: --month / --week / --xun / --quarter / --as-of, the default, and their errors."""

from __future__ import annotations

import datetime as dt

import pytest

from minsheng_cli.errors import InputError, UsageError
from minsheng_cli.ledger.model import Category, Plan, Settings
from minsheng_cli.reporting.periods import month_period, quarter_period, resolve_period, week_period, xun_period

D = dt.date
LATER = D(2030, 1, 1)  # "today" well after the plan, unless a test says otherwise


def plan(cutoff=None, year=2023) -> Plan:
    return Plan(title="测试计划", year=year, start=D(year, 1, 1), end=D(year, 12, 31), categories=[Category(1, "类")],
                projects=[], settings=Settings(report_cutoff_day=cutoff))


def test_month_as_of_its_end():
    period = resolve_period(plan(), month="2023-06", today=LATER)
    assert (period.as_of, period.previous, period.label, period.clipped) == (D(2023, 6, 30), D(2023, 5, 31), "2023年6月", False)
    assert resolve_period(plan(), month="2023-02", today=LATER).as_of == D(2023, 2, 28)
    assert resolve_period(plan(), month="2023年12月", today=LATER).as_of == D(2023, 12, 31)
    first = resolve_period(plan(), month="2023-01", today=LATER)
    assert first.previous == D(2022, 12, 31)  # before the plan: everything stands at its start


def test_month_with_cutoff_day():
    period = resolve_period(plan(cutoff=25), month="2023-06", today=LATER)
    assert (period.as_of, period.previous) == (D(2023, 6, 25), D(2023, 5, 25))
    january = resolve_period(plan(cutoff=25), month="2023-01", today=LATER)
    assert (january.as_of, january.previous) == (D(2023, 1, 25), D(2022, 12, 25))


@pytest.mark.parametrize(
    "text, sunday, previous",
    [
        ("2023-W26", D(2023, 7, 2), D(2023, 6, 25)),
        ("2023-W01", D(2023, 1, 8), D(2023, 1, 1)),  # 2023's first ISO week begins on 2 January
        ("2023-W52", D(2023, 12, 31), D(2023, 12, 24)),
        ("2024-W01", D(2024, 1, 7), D(2023, 12, 31)),
        ("2020-W53", D(2021, 1, 3), D(2020, 12, 27)),  # a 53-week year ends in the next calendar year
        ("2023w26", D(2023, 7, 2), D(2023, 6, 25)),
    ],
)
def test_iso_weeks_as_of_their_sunday(text, sunday, previous):
    period = week_period(text)
    assert (period.as_of, period.previous) == (sunday, previous)
    assert period.as_of.weekday() == 6 and period.start == sunday - dt.timedelta(days=6)


def test_week_label_and_missing_week():
    assert week_period("2023-W26").label == "2023年第26周（6月26日—7月2日）"
    with pytest.raises(UsageError, match="--week"):
        week_period("2023-W53")
    with pytest.raises(UsageError, match="--week"):
        week_period("2023-26")


@pytest.mark.parametrize(
    "text, start, end, previous, label",
    [
        ("2023-06-1", D(2023, 6, 1), D(2023, 6, 10), D(2023, 5, 31), "2023年6月上旬"),
        ("2023-06-2", D(2023, 6, 11), D(2023, 6, 20), D(2023, 6, 10), "2023年6月中旬"),
        ("2023-06-3", D(2023, 6, 21), D(2023, 6, 30), D(2023, 6, 20), "2023年6月下旬"),
        ("2023-01-3", D(2023, 1, 21), D(2023, 1, 31), D(2023, 1, 20), "2023年1月下旬"),  # 31-day month: 11 days
        ("2023-02-3", D(2023, 2, 21), D(2023, 2, 28), D(2023, 2, 20), "2023年2月下旬"),
        ("2024-02-3", D(2024, 2, 21), D(2024, 2, 29), D(2024, 2, 20), "2024年2月下旬"),
        ("2023-03-1", D(2023, 3, 1), D(2023, 3, 10), D(2023, 2, 28), "2023年3月上旬"),
        ("2023-06-中", D(2023, 6, 11), D(2023, 6, 20), D(2023, 6, 10), "2023年6月中旬"),
    ],
)
def test_xun(text, start, end, previous, label):
    period = xun_period(text)
    assert (period.start, period.as_of, period.previous, period.label) == (start, end, previous, label)


def test_bad_xun():
    for text in ("2023-06-4", "2023-13-1", "2023-06"):
        with pytest.raises(UsageError, match="--xun"):
            xun_period(text)


@pytest.mark.parametrize(
    "text, end, previous, label",
    [
        ("2023-Q1", D(2023, 3, 31), D(2022, 12, 31), "2023年第一季度"),
        ("2023-Q2", D(2023, 6, 30), D(2023, 3, 31), "2023年第二季度"),
        ("2023Q3", D(2023, 9, 30), D(2023, 6, 30), "2023年第三季度"),
        ("2023-q4", D(2023, 12, 31), D(2023, 9, 30), "2023年第四季度"),
    ],
)
def test_quarters(text, end, previous, label):
    period = quarter_period(text)
    assert (period.as_of, period.previous, period.label) == (end, previous, label)


def test_bad_month_and_quarter():
    for text in ("2023-13", "2023", "六月"):
        with pytest.raises(UsageError, match="--month"):
            month_period(text)
    with pytest.raises(UsageError, match="--quarter"):
        quarter_period("2023-Q5")


def test_as_of_compares_with_the_previous_month_end():
    period = resolve_period(plan(), as_of="2023-06-15", today=LATER)
    assert (period.as_of, period.previous, period.label) == (D(2023, 6, 15), D(2023, 5, 31), "2023年6月15日")
    assert resolve_period(plan(), as_of="2023-03-31", today=LATER).previous == D(2023, 2, 28)
    with pytest.raises(InputError, match="--as-of"):
        resolve_period(plan(), as_of="2023-02-30", today=LATER)


def test_default_is_today_or_the_plan_end():
    during = resolve_period(plan(), today=D(2023, 8, 17))
    assert (during.as_of, during.previous) == (D(2023, 8, 17), D(2023, 7, 31))
    after = resolve_period(plan(), today=LATER)
    assert (after.as_of, after.previous) == (D(2023, 12, 31), D(2023, 11, 30))
    with pytest.raises(InputError):
        resolve_period(plan(), today=D(2022, 12, 1))


def test_a_period_ending_after_today_is_reported_as_of_today():
    today = D(2023, 6, 20)
    period = resolve_period(plan(), month="2023-06", today=today)
    assert (period.as_of, period.previous, period.clipped) == (today, D(2023, 5, 31), True)
    week = resolve_period(plan(), week="2023-W25", today=today)  # Monday 19 June to Sunday 25 June
    assert (week.as_of, week.clipped) == (today, True)
    with pytest.raises(InputError, match="尚未开始"):
        resolve_period(plan(), month="2023-07", today=today)
    with pytest.raises(InputError, match="--as-of"):
        resolve_period(plan(), as_of="2023-06-21", today=today)


def test_dates_before_the_plan_are_errors():
    with pytest.raises(InputError, match="早于计划开始日期"):
        resolve_period(plan(), month="2022-12", today=LATER)
    with pytest.raises(InputError, match="--as-of"):
        resolve_period(plan(), as_of="2022-12-31", today=LATER)
    with pytest.raises(InputError, match="--quarter"):
        resolve_period(plan(), quarter="2022-Q4", today=LATER)


def test_only_one_period_option():
    with pytest.raises(UsageError) as caught:
        resolve_period(plan(), month="2023-06", week="2023-W26", today=LATER)
    assert caught.value.exit_code == 2 and "--month" in caught.value.message and "--week" in caught.value.message


def test_month_end_is_the_calendars_last_day_of_the_month():
    import calendar

    from minsheng_cli.ledger.dates import month_end

    for year in (1, 1900, 2000, 2023, 2024, 2100, 9999):  # the calendar's first and last years too
        for month in range(1, 13):
            assert month_end(year, month) == dt.date(year, month, calendar.monthrange(year, month)[1])
