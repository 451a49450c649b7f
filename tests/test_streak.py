"""连续滞后月数 (reporting/streak.py): consecutive month ends behind schedule, judged month by month."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings, strategies as st

from minsheng_cli.reporting.schedule import BEHIND, assess_project, index_records, item_targets_of
from minsheng_cli.reporting.streak import lagging_streaks, points_back
from test_schedule import count, make_plan, rec

JUNE_30 = dt.date(2023, 6, 30)


def streaks(plan, records, day=JUNE_30):
    return lagging_streaks(plan, index_records(records, item_targets_of(plan)), day)


def test_points_back_are_the_day_then_earlier_month_ends_inside_the_plan():
    assert list(points_back(dt.date(2023, 3, 15), dt.date(2023, 1, 1))) == [
        dt.date(2023, 3, 15), dt.date(2023, 2, 28), dt.date(2023, 1, 31)]
    assert list(points_back(JUNE_30, dt.date(2023, 5, 1)))[1:] == [dt.date(2023, 5, 31)]


def test_three_months_behind_in_a_row_after_an_on_schedule_march():
    plan = make_plan([count(target=1200)])
    # March end: 300 of 1200 = 25% against 25% (on track); April 310 (25.8% vs 33.3%: on track, -7.5)
    # May 320 (26.7% vs 41.7%: lagging), June 330 (27.5% vs 50%: lagging) → 2; a July report → 3
    records = [rec(dt.date(2023, 3, 31), "a", 300), rec(dt.date(2023, 4, 30), "a", 310),
               rec(dt.date(2023, 5, 31), "a", 320), rec(dt.date(2023, 6, 30), "a", 330)]
    assert streaks(plan, records)[(1, None)] == 2
    assert streaks(plan, records)[(1, "a")] == 2
    assert streaks(plan, records, dt.date(2023, 7, 31))[(1, None)] == 3
    assert streaks(plan, records, dt.date(2023, 4, 30))[(1, None)] == 0


def test_catching_up_resets_the_count():
    plan = make_plan([count(target=1200)])
    records = [rec(dt.date(2023, 4, 30), "a", 100), rec(dt.date(2023, 5, 31), "a", 500),  # April behind, May on track
               rec(dt.date(2023, 6, 30), "a", 510)]  # June behind again (42.5% vs 50% is on track: -7.5)
    assert streaks(plan, records)[(1, None)] == 0
    assert streaks(plan, records, dt.date(2023, 7, 31))[(1, None)] == 1


def test_a_target_behind_inside_a_project_that_is_not():
    plan = make_plan([count("a", target=100), count("b", target=100)])
    records = [rec(dt.date(2023, 5, 31), "a", 100), rec(dt.date(2023, 5, 31), "b", 10),
               rec(dt.date(2023, 6, 30), "b", 12)]
    found = streaks(plan, records)
    assert found[(1, None)] == 0 and found[(1, "a")] == 0
    assert found[(1, "b")] == 2


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=1200), min_size=6, max_size=6))
def test_the_streak_is_the_run_of_behind_month_ends_ending_at_the_report(values):
    plan = make_plan([count(target=1200)])
    ends = [dt.date(2023, m, 28 if m == 2 else (30 if m in (4, 6) else 31)) for m in range(1, 7)]
    records = [rec(day, "a", value) for day, value in zip(ends, sorted(values))]
    index = index_records(records, item_targets_of(plan))
    behind = [assess_project(plan, plan.projects[0], index, day).status in BEHIND for day in ends]
    run = 0
    for flag in reversed(behind):
        if not flag:
            break
        run += 1
    assert lagging_streaks(plan, index, ends[-1])[(1, None)] == run
