"""`minsheng status` (报送, PRODUCT.md §6): who reported for a month, on time or late, 报送及时率,
the 催报 paragraph — the rules as plain functions, then the command on the example ledger and on
a git repository where the commit time is the evidence."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from conftest import PLAN
from gitrepo import git
from minsheng_cli.ledger.history import fold
from minsheng_cli.ledger.model import Record
from minsheng_cli.ledger.plan import load_plan
from minsheng_cli.reporting import status as S

JUNE = dict(month="2023-06")


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    root = tmp_path_factory.mktemp("plan")
    shutil.copy(PLAN, root / "projects.yaml")
    return load_plan(root, use_cache=False)


def june_status(plan, records, as_of=dt.date(2023, 7, 20), committed=None):
    month = S.status_month(plan, "2023-06", as_of)
    return S.build_status(plan, fold(records, plan, today=as_of), records, month, as_of, committed or {})


def lighting(day: int, received=None, value=4000) -> Record:
    """Project 8 (市教育局): classroom lighting."""
    return Record(dt.date(2023, 6, day), 8, "classroom_lighting", value=Decimal(value), received=received)


def reported(status, project_id):
    return next(item for item in status.projects if item.project.id == project_id)


# --- the rules ------------------------------------------------------------------------------------------
def test_the_due_date_is_report_due_day_of_the_following_month(plan):
    assert S.status_month(plan, "2023-06", dt.date(2023, 7, 1)).due == dt.date(2023, 7, 5)
    assert S.status_month(plan, "2023-12", dt.date(2024, 1, 1)).due == dt.date(2024, 1, 5)


def test_received_by_the_due_day_is_on_time_after_it_late(plan):
    on_time = june_status(plan, [lighting(30, received=dt.date(2023, 7, 5))])
    late = june_status(plan, [lighting(30, received=dt.date(2023, 7, 6))])
    assert reported(on_time, 8).state == S.ON_TIME and reported(on_time, 8).evidence == S.RECEIVED
    assert reported(late, 8).state == S.LATE and reported(late, 8).day == dt.date(2023, 7, 6)


def test_a_record_outside_the_month_is_no_report_for_it(plan):
    status = june_status(plan, [Record(dt.date(2023, 5, 31), 8, "classroom_lighting", value=Decimal(3000), received=dt.date(2023, 6, 2))])
    assert reported(status, 8).state == S.MISSING


def test_the_first_commit_is_the_evidence_when_nothing_says_received(plan):
    record = lighting(30)
    records = [record]
    committed = {"progress/2023-06/08.yaml": {record: dt.date(2023, 7, 4)}}
    status = june_status(plan, records, committed=committed)
    assert (reported(status, 8).state, reported(status, 8).evidence) == (S.ON_TIME, S.COMMITTED)
    uncommitted = june_status(plan, records, as_of=dt.date(2023, 7, 9))
    assert (reported(uncommitted, 8).state, reported(uncommitted, 8).evidence, reported(uncommitted, 8).day) == \
        (S.LATE, S.UNCOMMITTED, dt.date(2023, 7, 9))


def test_the_earliest_record_decides_and_as_of_leaves_later_ones_out(plan):
    records = [lighting(20, received=dt.date(2023, 7, 8)), lighting(30, received=dt.date(2023, 7, 3), value=4100)]
    assert reported(june_status(plan, records), 8).state == S.ON_TIME
    before_any = june_status(plan, records, as_of=dt.date(2023, 7, 2))
    assert reported(before_any, 8).state == S.MISSING and not before_any.overdue


def test_what_check_rejects_is_no_report(plan):
    unknown_target = Record(dt.date(2023, 6, 30), 8, "no_such_target", value=Decimal(1), received=dt.date(2023, 7, 1))
    assert reported(june_status(plan, [unknown_target]), 8).state == S.MISSING


def test_a_project_completed_before_the_month_is_exempt(plan):
    done = Record(dt.date(2023, 2, 28), 28, "raised_standards", value="done")
    status = june_status(plan, [done])
    assert (28, S.COMPLETED) in [(project.id, reason) for project, reason in status.exempt]
    assert 28 not in [item.project.id for item in status.projects]
    assert len(status.projects) == len(plan.projects) - 1


def test_rates_per_unit_and_overall(plan):
    records = [lighting(30, received=dt.date(2023, 7, 3)),
               Record(dt.date(2023, 6, 30), 7, "schools", value=Decimal(5), received=dt.date(2023, 7, 9))]
    status = june_status(plan, records)
    education = next(unit for unit in status.units if unit.unit == "市教育局")
    assert [item.project.id for item in education.projects] == [4, 7, 8]
    assert (education.count(S.ON_TIME), education.count(S.LATE), education.count(S.MISSING)) == (1, 1, 1)
    assert education.rate == Fraction(1, 3)
    assert status.rate == Fraction(1, len(status.projects))
    assert S.rate_text(education.rate) == "33.3%"


def test_the_reminder_names_each_missing_unit_with_its_projects(plan):
    records = [Record(dt.date(2023, 6, 30), p.id, note="本月推进", received=dt.date(2023, 7, 3)) for p in plan.projects
               if p.id not in (4, 15, 27)]
    overdue = S.reminder(june_status(plan, records, as_of=dt.date(2023, 7, 6)))
    assert overdue == ("截至2023年7月6日，市教育局（4.建全配齐中小学师生心理辅导室）、市农业农村局（15.开展农业生产经营者培训）、"
                       "市仲裁委办公室（27.实施仲裁调解服务温馨工程）未按时报送2023年6月“重点民生实事”进展情况（报送截止日为2023年7月5日），"
                       "请上述单位于收到本通知后立即报送市政府督查室。")
    pending = S.reminder(june_status(plan, records, as_of=dt.date(2023, 7, 4)))
    assert pending.startswith("截至2023年7月4日，市教育局（4.") and pending.endswith("请于2023年7月5日前报送市政府督查室。")
    everyone = [Record(dt.date(2023, 6, 30), p.id, note="本月推进", received=dt.date(2023, 7, 3)) for p in plan.projects]
    assert S.reminder(june_status(plan, everyone)) == "截至2023年7月20日，各牵头单位均已报送2023年6月“重点民生实事”进展情况。"


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.integers(1, 30), st.lists(st.integers(-10, 20), min_size=1, max_size=3), max_size=30),
       st.integers(0, 30))
def test_the_classes_add_up_and_match_the_earliest_evidence(plan, received_by_project, as_of_offset):
    """Generated 报送: per project some narratives, each received some days after the due date
    (negative: before); judged some days after 1 July."""
    due = dt.date(2023, 7, 5)
    as_of = dt.date(2023, 7, 1) + dt.timedelta(days=as_of_offset)
    records = [Record(dt.date(2023, 6, 30), project, note="进展", received=due + dt.timedelta(days=offset))
               for project, offsets in received_by_project.items() for offset in offsets]
    status = june_status(plan, records, as_of=as_of)
    assert status.count(S.ON_TIME) + status.count(S.LATE) + status.count(S.MISSING) == len(status.projects)
    for item in status.projects:
        seen = [due + dt.timedelta(days=o) for o in received_by_project.get(item.project.id, [])]
        seen = [day for day in seen if day <= as_of]
        expected = S.MISSING if not seen else (S.ON_TIME if min(seen) <= due else S.LATE)
        assert item.state == expected
    for unit in status.units:
        assert unit.rate == Fraction(unit.count(S.ON_TIME), len(unit.projects))


# --- the command -----------------------------------------------------------------------------------------
def test_june_on_the_example_ledger(example_ledger, cli):
    result = cli("--data", example_ledger, "status", "--month", "2023-06", "--as-of", "2023-07-20", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["month"] == "2023-06" and data["due"] == "2023-07-05" and data["as_of"] == "2023-07-20"
    assert data["summary"] == {"projects": 29, "on_time": 26, "late": 1, "missing": 2, "exempt": 1, "timeliness": 0.8966}
    assert data["reminder"]["units"] == [{"unit": "市农业农村局", "projects": [15]}, {"unit": "市仲裁委办公室", "projects": [27]}]
    assert data["reminder"]["overdue"] is True
    late = [p for unit in data["units"] for p in unit["projects"] if p["state"] == "late"]
    assert late == [{"id": 12, "name": "实施有线电视“银龄工程”全覆盖", "lead": ["广电山东网络济宁分公司"], "state": "late",
                     "reported": "2023-07-10", "evidence": "received", "records": 1}]
    assert data["exempt"] == [{"id": 28, "name": "实施政府灾害民生综合保险项目", "reason": "completed"}]


def test_text_formats_show_the_tables_the_sentence_and_the_reminder(example_ledger, cli):
    plain = cli("--data", example_ledger, "status", "--month", "2023-06", "--as-of", "2023-07-20", "--format", "plain").stdout
    assert "2023年6月报送情况（报送截止日：2023年7月5日）" in plain
    assert "2023年6月应报送项目29个，按时报送26个，逾期报送1个，未报送2个，报送及时率89.7%" in plain
    assert "催报名单：\n截至2023年7月20日，市农业农村局（15.开展农业生产经营者培训）、市仲裁委办公室（27.实施仲裁调解服务温馨工程）未按时报送" in plain
    markdown = cli("--data", example_ledger, "status", "--month", "2023-06", "--format", "markdown").stdout
    assert "| 市仲裁委办公室" in markdown
    raw = cli("--data", example_ledger, "status", "--month", "2023-06", "--format", "csv").stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["牵头单位", "序号", "项目名称", "报送情况", "报送日期", "依据"]
    assert ["广电山东网络济宁分公司", "12", "实施有线电视“银龄工程”全覆盖", "逾期报送", "2023-07-10", "收到日期"] in rows


def test_bad_month_and_date_are_named(example_ledger, cli):
    outside = cli("--data", example_ledger, "status", "--month", "2024-03")
    assert outside.exit_code == 1 and "--month：2024-03 不在计划期内" in outside.stderr and "Traceback" not in outside.stderr
    bad = cli("--data", example_ledger, "status", "--month", "2023-06", "--as-of", "7月")
    assert bad.exit_code == 1 and "--as-of" in bad.stderr


def test_report_due_day_is_a_setting(plan_ledger, cli):
    plan_file = plan_ledger / "projects.yaml"
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("  stale_after_days: 14", "  stale_after_days: 14\n  report_due_day: 10", 1), encoding="utf-8")
    data = json.loads(cli("--data", plan_ledger, "status", "--month", "2023-06", "-f", "json").stdout)
    assert data["due"] == "2023-07-10"
    plan_file.write_text(text.replace("  stale_after_days: 14", "  stale_after_days: 14\n  report_due_day: 31", 1), encoding="utf-8")
    refused = cli("--data", plan_ledger, "check")
    assert refused.exit_code == 1 and "report_due_day 应为 1–28 之间的整数" in refused.stdout + refused.stderr


def test_commit_times_are_the_evidence_in_git(plan_ledger, cli):
    repo = plan_ledger.parent
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "计划")

    def commit_on(day: str, message: str) -> None:
        env = {**os.environ, "GIT_COMMITTER_DATE": f"{day}T10:00:00+08:00", "GIT_AUTHOR_DATE": f"{day}T10:00:00+08:00"}
        import subprocess

        from gitrepo import AUTHOR
        subprocess.run(["git", *AUTHOR, "add", "-A"], cwd=repo, check=True, env=env)
        subprocess.run(["git", *AUTHOR, "commit", "-q", "-m", message], cwd=repo, check=True, env=env)

    assert cli("--data", plan_ledger, "update", "8", "classroom_lighting", "4000", "--date", "2023-06-30").exit_code == 0
    commit_on("2023-07-04", "市教育局 6月")
    assert cli("--data", plan_ledger, "update", "10", "barrier_free", "1000", "--date", "2023-06-30").exit_code == 0
    commit_on("2023-07-09", "市残联 6月")
    assert cli("--data", plan_ledger, "update", "11", "home_retrofit", "900", "--date", "2023-06-30").exit_code == 0  # not committed
    data = json.loads(cli("--data", plan_ledger, "status", "--month", "2023-06", "--as-of", "2023-07-12", "-f", "json").stdout)
    projects = {p["id"]: p for unit in data["units"] for p in unit["projects"]}
    assert (projects[8]["state"], projects[8]["reported"], projects[8]["evidence"]) == ("on_time", "2023-07-04", "committed")
    assert (projects[10]["state"], projects[10]["reported"], projects[10]["evidence"]) == ("late", "2023-07-09", "committed")
    assert projects[11]["state"] == "missing"  # not committed: reported today, after the day judged
    today = json.loads(cli("--data", plan_ledger, "status", "--month", "2023-06", "-f", "json").stdout)
    now = {p["id"]: p for unit in today["units"] for p in unit["projects"]}
    assert (now[11]["state"], now[11]["reported"], now[11]["evidence"]) == ("late", today["as_of"], "uncommitted")
    earlier = json.loads(cli("--data", plan_ledger, "status", "--month", "2023-06", "--as-of", "2023-07-05", "-f", "json").stdout)
    assert {p["id"]: p["state"] for unit in earlier["units"] for p in unit["projects"] if p["id"] in (8, 10)} == {8: "on_time", 10: "missing"}


def test_the_status_shown_in_the_readme_is_what_the_command_prints(example_ledger, cli):
    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = "$ minsheng --data examples/2023-demo status --month 2023-06 --as-of 2023-07-12 --format plain\n"
    start = readme.index(command) + len(command)
    shown = readme[start:readme.index("```", start)]
    printed = cli("--data", example_ledger, "status", "--month", "2023-06", "--as-of", "2023-07-12", "--format", "plain").stdout
    assert printed == shown
