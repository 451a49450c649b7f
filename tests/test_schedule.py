"""Schedule (序时进度) and status rules of PRODUCT.md §2, at their edges, on small plans built in code."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from fractions import Fraction as F

import pytest

from minsheng_cli.ledger.dates import month_end
from minsheng_cli.ledger.model import (
    Category, County, Plan, PlannedPoint, Project, Record, Revision, Settings, Step, Target, Thresholds,
)
from minsheng_cli.reporting.schedule import (
    assess_project, classify_gap, elapsed_share, gap_points, index_records, item_targets_of, points, round_half_up,
)

JUNE_30 = dt.date(2023, 6, 30)
COUNTIES = [County("市本级", "city"), County("任城区", "district"), County("曲阜市", "county"), County("济宁高新区", "zone")]


def make_plan(*projects_targets: list[Target], settings: Settings | None = None) -> Plan:
    projects = [
        Project(id=n, category=1, name=f"项目{n}", lead=["市测试局"], targets=list(targets))
        for n, targets in enumerate(projects_targets, 1)
    ]
    return Plan(
        title="2023年市政府“重点民生实事”", year=2023, start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31),
        categories=[Category(1, "测试类")], projects=projects,
        settings=settings or Settings(counties=list(COUNTIES)),
    )


def count(id="a", target=100, **extra) -> Target:
    return Target(id=id, name=f"指标{id}", kind="count", target=D(target), unit="个", **extra)


def rec(day, target, value=None, project=1, county=None, **extra) -> Record:
    if isinstance(value, (int, str)) and not isinstance(value, bool) and str(value).replace(".", "").isdigit():
        value = D(str(value))
    return Record(date=day, project=project, target=target, county=county, value=value, **extra)


def judge(plan: Plan, records: list[Record], day: dt.date = JUNE_30, project: int = 1):
    index = index_records(records, item_targets_of(plan))
    return assess_project(plan, plan.projects[project - 1], index, day)


def one(plan, records, day=JUNE_30, target="a"):
    return judge(plan, records, day).target(target)


# --- exact arithmetic and rounding ----------------------------------------------------------
def test_round_half_up_is_exact():
    assert round_half_up(F(-10049, 1000), 1) == D("-10.0")
    assert round_half_up(F(-10050, 1000), 1) == D("-10.1")
    assert round_half_up(F(9995, 1000), 2) == D("10.00")
    assert points(F(1, 3)) == D("33.3")
    assert points(F(2, 3)) == D("66.7")


@pytest.mark.parametrize(
    "actual, status, gap",
    [
        (60, "ahead", "10.0"),  # 0.6 − 0.5: a float says 9.999999999999998
        (59.96, "ahead", "10.0"),  # rounded to 0.1 point before the threshold
        (59.94, "on_track", "9.9"),
        (41, "on_track", "-9.0"),
        (40.06, "on_track", "-9.9"),
        (40, "lagging", "-10.0"),  # gap exactly −10 is no longer on track
        (40.04, "lagging", "-10.0"),
        (20, "lagging", "-30.0"),  # exactly −30 is still lagging
        (19.96, "lagging", "-30.0"),
        (19.94, "seriously_lagging", "-30.1"),
    ],
)
def test_thresholds_at_their_edges(actual, status, gap):
    plan = make_plan([count()])
    state = one(plan, [rec(JUNE_30, "a", D(str(actual)))])
    assert state.expected == F(1, 2)
    assert state.gap == D(gap)
    assert state.status == status


def test_float_trap_one_tenth_plus_two_tenths():
    # level 0.1 → 1.1, at 0.7: (0.7 − 0.1) / (1.1 − 0.1) is exactly 0.6; floats give 0.6000000000000001 etc.
    target = Target(id="a", name="水平", kind="level", target=D("1.1"), unit="个", baseline=D("0.1"))
    state = one(make_plan([target]), [rec(JUNE_30, "a", D("0.7"))])
    assert state.completion == F(3, 5)
    assert state.gap == D("10.0") and state.status == "ahead"
    # 0.1 + 0.2 recorded as 0.3 of 0.5 at half time: exactly +10
    target = count(target=D("0.5"))
    state = one(make_plan([target]), [rec(JUNE_30, "a", D("0.1") + D("0.2"))])
    assert state.completion == F(3, 5) and state.gap == D("10.0") and state.status == "ahead"


def test_thresholds_come_from_the_plan_settings():
    settings = Settings(thresholds=Thresholds(ahead=D(5), on_track=D(-5), lagging=D(-20)), counties=list(COUNTIES))
    plan = make_plan([count()], settings=settings)
    assert one(plan, [rec(JUNE_30, "a", 55)]).status == "ahead"
    assert one(plan, [rec(JUNE_30, "a", 45)]).status == "lagging"
    assert one(plan, [rec(JUNE_30, "a", 29)]).status == "seriously_lagging"
    assert classify_gap(D("-5.0"), settings) == "lagging"


# --- expected: months elapsed ----------------------------------------------------------------
@pytest.mark.parametrize("month", range(1, 13))
def test_expected_at_every_month_end_of_a_calendar_year(month):
    assert elapsed_share(dt.date(2023, 1, 1), dt.date(2023, 12, 31), month_end(2023, month)) == F(month, 12)


def test_expected_counts_days_within_a_month_proportionally():
    start, due = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
    assert elapsed_share(start, due, dt.date(2023, 6, 15)) == (5 + F(15, 30)) / 12
    assert elapsed_share(start, due, dt.date(2023, 2, 14)) == (1 + F(14, 28)) / 12  # February weighs a month too
    assert elapsed_share(start, due, dt.date(2022, 12, 31)) == 0
    assert elapsed_share(start, due, dt.date(2024, 1, 15)) == 1
    # a half-year target from July
    assert elapsed_share(dt.date(2023, 7, 1), due, dt.date(2023, 9, 30)) == F(1, 2)
    # a leap February
    assert elapsed_share(dt.date(2024, 1, 1), dt.date(2024, 12, 31), dt.date(2024, 2, 29)) == F(2, 12)


def test_planned_milestones_are_interpolated():
    milestones = [PlannedPoint(dt.date(2023, 3, 31), D(100)), PlannedPoint(dt.date(2023, 6, 30), D(400)), PlannedPoint(dt.date(2023, 9, 30), D(800))]
    plan = make_plan([count(target=1000, milestones=milestones)])
    assert one(plan, [rec(JUNE_30, "a", 400)]).expected == F(2, 5)
    assert one(plan, [rec(JUNE_30, "a", 400)]).status == "on_track"
    # halfway through April–June (between 100 at the end of March and 400 at the end of June)
    state = one(plan, [rec(JUNE_30, "a", 0)], day=dt.date(2023, 5, 15))
    assert state.expected == (100 + 300 * (1 + F(15, 31)) / 3) / 1000
    assert one(plan, [rec(JUNE_30, "a", 0)], day=dt.date(2023, 2, 28)).expected == F(100, 1000) * F(2, 3)
    assert one(plan, [rec(JUNE_30, "a", 0)], day=dt.date(2023, 12, 31)).expected == 1


def test_level_milestones_are_relative_to_the_baseline():
    target = Target(id="a", name="总量", kind="level", target=D(37000), unit="个", baseline=D(27000),
                    milestones=[PlannedPoint(JUNE_30, D(30000))])
    state = one(make_plan([target]), [rec(JUNE_30, "a", 30000)])
    assert state.expected == F(3, 10) and state.completion == F(3, 10) and state.status == "on_track"


def test_a_revision_in_force_mid_year():
    revision = Revision(date=dt.date(2023, 7, 15), approval="市政府批复", target=D(800),
                        milestones=[PlannedPoint(dt.date(2023, 9, 30), D(600))])
    target = count(target=1000, milestones=[PlannedPoint(JUNE_30, D(500))], revisions=[revision])
    plan = make_plan([target])
    records = [rec(JUNE_30, "a", 400), rec(dt.date(2023, 7, 31), "a", 500)]
    before = one(plan, records, day=dt.date(2023, 7, 14))
    assert before.terms.figure == 1000 and before.completion == F(400, 1000)
    after = one(plan, records, day=dt.date(2023, 7, 31))
    assert after.terms.figure == 800 and after.terms.revised
    assert after.completion == F(500, 800)
    assert after.expected == F(600, 800) * F(7, 9)  # (start, 0) → (Sep 30, 600): 7 of 9 months
    assert after.gap == points(F(500, 800) - F(600, 800) * F(7, 9))


# --- kinds -----------------------------------------------------------------------------------
def test_over_achievement_is_kept_and_below_zero_floored():
    plan = make_plan([count(target=1000)])
    over = one(plan, [rec(JUNE_30, "a", 1085)])
    assert over.completion == F(1085, 1000) and over.status == "completed"
    level = Target(id="a", name="水平", kind="level", target=D(100), unit="个", baseline=D(50))
    below = one(make_plan([level]), [rec(JUNE_30, "a", 40)])
    assert below.completion == 0 and below.status == "seriously_lagging"


def test_level_with_a_baseline_in_the_plan():
    level = Target(id="a", name="托位总量", kind="level", target=D(37000), unit="个", baseline=D(27000))
    state = one(make_plan([level]), [rec(JUNE_30, "a", 32000)])
    assert state.completion == F(1, 2) and state.status == "on_track" and state.flags == []


def test_level_baseline_from_the_first_record_at_or_before_start():
    level = Target(id="a", name="千人口托位数", kind="level", target=D("4.4"), unit="个", baseline_from="record")
    plan = make_plan([level])
    with_base = one(plan, [rec(dt.date(2023, 1, 1), "a", D("3.4")), rec(JUNE_30, "a", D("3.9"))])
    assert with_base.baseline == D("3.4") and with_base.completion == F(1, 2) and "no_data" not in with_base.flags
    without = one(plan, [rec(dt.date(2023, 2, 1), "a", D("3.4")), rec(JUNE_30, "a", D("3.9"))])
    assert without.baseline is None and without.completion is None
    assert without.status is None and "no_data" in without.flags
    project = judge(plan, [rec(dt.date(2023, 2, 1), "a", D("3.4"))])
    assert project.completion is None and "no_data" in project.flags


def test_milestone_without_steps_before_on_and_after_due():
    target = Target(id="a", name="出台方案", kind="milestone", due=JUNE_30)
    plan = make_plan([target])
    narrative = [rec(dt.date(2023, 6, 1), None, note="起草中")]
    assert one(plan, narrative, day=dt.date(2023, 6, 29)).expected == 0
    assert one(plan, narrative, day=dt.date(2023, 6, 29)).status == "on_track"
    on_due = one(plan, narrative, day=JUNE_30)
    assert on_due.expected == 1 and on_due.status == "seriously_lagging"
    assert one(plan, narrative, day=dt.date(2023, 7, 1)).status == "overdue"
    done = narrative + [rec(dt.date(2023, 6, 20), "a", "done")]
    assert one(plan, done, day=dt.date(2023, 6, 19)).actual is False
    assert one(plan, done, day=JUNE_30).completion == 1
    assert one(plan, done, day=JUNE_30).status == "completed"
    assert one(plan, done, day=dt.date(2023, 7, 1)).status == "completed"


def test_milestone_with_steps_before_and_after_due():
    steps = [Step("调研", dt.date(2023, 3, 31)), Step("征求意见", JUNE_30), Step("审定"), Step("印发")]
    target = Target(id="a", name="出台方案", kind="milestone", steps=steps, due=dt.date(2023, 9, 30))
    plan = make_plan([target])
    records = [rec(dt.date(2023, 3, 20), "a", "调研")]
    state = one(plan, records, day=dt.date(2023, 5, 31))
    assert state.completion == F(1, 4) and state.expected == F(1, 4) and state.status == "on_track"
    state = one(plan, records, day=JUNE_30)  # the second dated step falls due
    assert state.expected == F(2, 4) and state.gap == D("-25.0") and state.status == "lagging"
    assert state.missing_items == ["征求意见", "审定", "印发"]
    more = records + [rec(JUNE_30, "a", "征求意见"), rec(JUNE_30, "a", "审定")]  # two steps on one date
    assert one(plan, more).completion == F(3, 4)
    assert one(plan, more, day=dt.date(2023, 9, 30)).expected == 1
    assert one(plan, more, day=dt.date(2023, 10, 1)).status == "overdue"
    finished = more + [rec(dt.date(2023, 9, 1), "a", "印发")]
    assert one(plan, finished, day=dt.date(2023, 10, 1)).status == "completed"
    assert one(plan, finished, day=dt.date(2023, 10, 1)).actual is True


def test_checklist_with_required_below_items():
    items = [f"县{n}" for n in range(1, 10)]
    target = Target(id="a", name="医共体", kind="checklist", items=items, required=5, unit="个")
    plan = make_plan([target])
    three = [rec(JUNE_30, "a", name) for name in items[:3]]  # three items on one date all count
    state = one(plan, three)
    assert state.completion == F(3, 5) and state.terms.figure == 5 and state.actual == 3
    assert state.missing_items == items[3:]
    six = three + [rec(dt.date(2023, 6, 10), "a", name) for name in items[3:6]]
    state = one(plan, six)
    assert state.completion == F(6, 5) and state.status == "completed"


def test_checklist_void_and_correct():
    target = Target(id="a", name="市场", kind="checklist", items=["甲", "乙", "丙", "丁"])
    plan = make_plan([target])
    day = dt.date(2023, 6, 1)
    records = [rec(day, "a", "甲"), rec(day, "a", "乙"), rec(day, "a", action="void", reason="录错")]
    assert one(plan, records).actual == 0
    records.append(rec(day, "a", "丙"))
    assert one(plan, records).done_items == ["丙"]
    records.append(rec(day, "a", "丁", action="correct", reason="应为丁"))
    assert one(plan, records).done_items == ["丁"]


def test_count_correct_and_void_use_the_record_in_force():
    plan = make_plan([count()])
    records = [rec(JUNE_30, "a", 70), rec(JUNE_30, "a", 40, action="correct", reason="重复统计")]
    assert one(plan, records).actual == 40
    records.append(rec(JUNE_30, "a", action="void", reason="作废"))
    state = one(plan, records + [rec(dt.date(2023, 5, 31), "a", 30)])
    assert state.actual == 30 and state.as_of == dt.date(2023, 5, 31)


def test_continuing_targets():
    plan = make_plan([count(), Target(id="c", name="免费乘车", kind="continuing")])
    base = [rec(JUNE_30, "a", 50)]
    normal = one(plan, base + [rec(dt.date(2023, 6, 20), "c", "正常")], target="c")
    assert normal.status == "on_track" and normal.completion is None and normal.expected is None
    broken = one(plan, base + [rec(dt.date(2023, 6, 20), "c", "中断")], target="c")
    assert broken.status == "lagging"
    old = one(plan, base + [rec(dt.date(2023, 6, 1), "c", "正常")], target="c")
    assert old.status == "lagging" and "stale" in old.flags
    project = judge(plan, base + [rec(dt.date(2023, 6, 20), "c", "中断")])
    assert project.completion == F(1, 2) and project.status == "on_track"  # not in the means


# --- flags -------------------------------------------------------------------------------------
def test_stale_after_the_allowed_days_and_cleared_by_a_narrative():
    plan = make_plan([count()])
    records = [rec(dt.date(2023, 6, 1), "a", 45)]
    assert "stale" not in one(plan, records, day=dt.date(2023, 6, 15)).flags  # 14 days: still in time
    assert "stale" in one(plan, records, day=dt.date(2023, 6, 16)).flags
    assert "stale" in judge(plan, records, day=dt.date(2023, 6, 16)).flags
    narrated = records + [rec(dt.date(2023, 6, 10), None, note="正在验收")]  # project-level narrative
    assert "stale" not in one(plan, narrated, day=dt.date(2023, 6, 16)).flags
    same_value = records + [rec(dt.date(2023, 6, 8), "a", 45)]
    assert "stale" not in one(plan, same_value, day=dt.date(2023, 6, 16)).flags
    done = [rec(dt.date(2023, 3, 1), "a", 100)]
    assert "stale" not in one(plan, done).flags  # a finished target needs no news


def test_partial_and_per_county_completion():
    target = count(target=6, by_county=True, counties=["任城区", "曲阜市", "济宁高新区"],
                   county_targets={"任城区": D(2), "曲阜市": D(2), "济宁高新区": D(2)})
    plan = make_plan([target])
    records = [
        rec(dt.date(2023, 5, 31), "a", 1, county="任城区"),
        rec(JUNE_30, "a", 2, county="任城区"),
        rec(JUNE_30, "a", 1, county="曲阜市"),
        rec(dt.date(2023, 7, 5), "a", 2, county="济宁高新区"),  # after the report date
    ]
    state = one(plan, records)
    assert state.actual == 3 and state.completion == F(1, 2)
    assert "partial" in state.flags and state.missing_counties == ["济宁高新区"]
    by_name = {c.name: c for c in state.counties}
    assert by_name["任城区"].completion == 1 and by_name["曲阜市"].completion == F(1, 2)
    assert by_name["济宁高新区"].actual is None and by_name["济宁高新区"].completion is None
    later = one(plan, records, day=dt.date(2023, 7, 31))
    assert later.actual == 5 and "partial" not in later.flags
    assert "partial" in judge(plan, records).flags


def test_capped_mean_of_a_project():
    plan = make_plan([count("a"), count("b")])
    project = judge(plan, [rec(JUNE_30, "a", 150), rec(JUNE_30, "b", 50)])
    assert project.target("a").completion == F(3, 2)
    assert project.completion == F(3, 4) and project.expected == F(1, 2)
    assert project.gap == D("25.0") and project.status == "ahead"


def test_weights_and_monitoring_targets():
    plan = make_plan([count("a", weight=D(3)), count("b"), count("m", weight=D(0))])
    project = judge(plan, [rec(JUNE_30, "a", 60), rec(JUNE_30, "b", 20), rec(JUNE_30, "m", 0)])
    assert project.completion == (3 * F(6, 10) + F(2, 10)) / 4


def test_weak_target():
    plan = make_plan([count("a"), count("b"), count("c")])
    project = judge(plan, [rec(JUNE_30, "a", 100), rec(JUNE_30, "b", 90), rec(JUNE_30, "c", 10)])
    assert project.target("c").status == "seriously_lagging"
    assert project.status in ("ahead", "on_track") and "weak_target" in project.flags
    sunk = judge(plan, [rec(JUNE_30, "a", 10), rec(JUNE_30, "b", 10), rec(JUNE_30, "c", 10)])
    assert sunk.status == "seriously_lagging" and "weak_target" not in sunk.flags


def test_project_completed_and_overdue():
    plan = make_plan([count("a"), count("b", due=dt.date(2023, 5, 31))])
    done = judge(plan, [rec(JUNE_30, "a", 100), rec(dt.date(2023, 5, 30), "b", 120)])
    assert done.status == "completed" and done.completion == 1
    late = judge(plan, [rec(JUNE_30, "a", 100), rec(dt.date(2023, 5, 30), "b", 90)])
    assert late.target("b").status == "overdue" and late.status == "overdue"
    # on its due date a target is expected complete: 90% is exactly 10 points behind, not yet overdue
    on_due = judge(plan, [rec(dt.date(2023, 5, 30), "b", 90)], day=dt.date(2023, 5, 31))
    assert on_due.target("b").expected == 1 and on_due.target("b").status == "lagging"
    day_after = judge(plan, [rec(dt.date(2023, 5, 30), "b", 90)], day=dt.date(2023, 6, 1))
    assert day_after.target("b").status == "overdue" and day_after.status == "overdue"


def test_not_started_and_not_reported():
    later = count("a", start=dt.date(2023, 7, 1))
    plan = make_plan([later])
    assert one(plan, []).status == "not_started"
    assert judge(plan, []).status == "not_started"
    plan = make_plan([count("a"), Target(id="m", name="方案", kind="milestone")])
    nothing = judge(plan, [])
    assert nothing.status == "not_reported" and nothing.completion is None and nothing.gap is None
    assert nothing.target("a").status == "not_reported"
    # a project-level narrative reports the milestone, not the count
    said = judge(plan, [rec(JUNE_30, None, note="推进中")])
    assert said.target("m").status == "on_track" and said.target("a").status == "not_reported"
    # Missing is not zero (PRODUCT.md §2): the unreported count is left out of both means, and said
    assert said.completion == 0 and said.expected == 0 and said.status == "on_track"
    assert "partial_targets" in said.flags
    # a report on another target of the project reports its milestones (nothing to record until done)
    other = judge(plan, [rec(JUNE_30, "a", 50)])
    assert other.target("m").status == "on_track" and other.target("m").actual is False


def test_gap_points_none_when_unknown():
    assert gap_points(None, F(1, 2)) is None
    assert gap_points(F(1, 2), None) is None


def test_a_text_value_on_a_count_target_is_skipped_not_a_crash():
    plan = make_plan([count()])
    state = one(plan, [rec(dt.date(2023, 6, 1), "a", 40), rec(JUNE_30, "a", "完成")])
    assert state.actual == 40 and state.as_of == dt.date(2023, 6, 1)
