"""Folding a ledger one project at a time gives what folding it at once gives (issue 15).

`report` and `check` read a province ledger project by project (`whole.fold_ledger`, on every
core for a big ledger) so that a million records are never held at once. That is only right
because no key spans two projects and the record rules look at one file at a time; these tests
hold the two folds together on generated ledgers of three projects — values, corrections, voids,
conflicts, union-merge duplicates, items, narratives, records the rules reject — and on the
shipped example ledger.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minsheng_cli.checks.rules import Facts, ledger_findings
from minsheng_cli.ledger import parallel
from minsheng_cli.ledger.history import INVALID, REPLACED, VOID_NOTHING, VOIDED, fold
from minsheng_cli.ledger.model import Category, County, Plan, Project, Record, Settings, Target
from minsheng_cli.ledger.plan import load_plan
from minsheng_cli.ledger.progress_file import file_header, files_by_project, format_record, read_progress, read_project, record_path
from minsheng_cli.ledger.whole import fold_ledger

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "2023-demo"
TODAY = dt.date(2023, 8, 1)
DATES = [dt.date(2023, 5, 3), dt.date(2023, 5, 10), dt.date(2023, 6, 7), dt.date(2023, 8, 9)]  # the last is after TODAY
COUNTIES = ["任城区", "曲阜市"]
UNIT = "市测试局"


def _project(number: int) -> Project:
    return Project(id=number, category=1, name=f"项目{number}", lead=[UNIT], targets=[
        Target(id="n", name="数量", kind="count", target=Decimal(100), unit="个"),
        Target(id="c", name="分县数量", kind="count", target=Decimal(100), unit="个", by_county=True, counties=list(COUNTIES)),
        Target(id="list", name="清单", kind="checklist", items=["甲", "乙"]),
    ])


PLAN = Plan(
    title="测试", year=2023, start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31), categories=[Category(1, "测试类")],
    projects=[_project(1), _project(2), _project(3)],
    settings=Settings(counties=[County("市本级", "city"), County(COUNTIES[0], "district"), County(COUNTIES[1], "county")]),
)


@st.composite
def records(draw) -> Record:
    project = draw(st.sampled_from([1, 2, 3]))
    day = draw(st.sampled_from(DATES))
    target = draw(st.sampled_from(["n", "c", "c", "list", "nope", None]))  # "nope": a target the plan lacks
    note = draw(st.sampled_from([None, None, "进展顺利"]))
    if target is None:
        return Record(day, project, note=note or "项目进展")
    county = draw(st.sampled_from([*COUNTIES, "市本级"])) if target == "c" else None
    action = draw(st.sampled_from([None, None, None, "correct", "void"]))
    if target == "list":
        value = draw(st.sampled_from(["甲", "乙", "丙"]))
    else:
        value = Decimal(draw(st.integers(-1, 30)))
    if action == "void" and target != "list":
        value = None
    return Record(day, project, target, county, value, note=note, action=action, reason="核实" if action else None)


def write_ledger(root: Path, generated: list[Record]) -> None:
    """The records appended in the order given, each to its project's month file (repeats kept:
    an identical line again is a union-merge duplicate)."""
    lines: dict[Path, list[str]] = {}
    for record in generated:
        lines.setdefault(record_path(root, record), [file_header(record.project, record.date)]).append(format_record(record))
    for path, text in lines.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(text), encoding="utf-8")


def facts_of(in_force, plan: Plan) -> dict:
    """Everything a report or check reads from a fold, as plain data (records by where they are)."""
    where = lambda record: (record.path, record.line)  # noqa: E731
    targets = {
        pair: ({county: (series.dates, series.values) for county, series in history.series.items()},
               history.items, history.activity, history.narrated)
        for pair, history in in_force.targets.items()
    }
    notes = {project: [where(r) for r in said] for project, said in in_force.notes.items()}
    fates = {state: sorted(map(where, in_force.records_with_fate(state))) for state in (REPLACED, VOIDED, VOID_NOTHING, INVALID)}
    return {"targets": targets, "activity": in_force.project_activity, "reports": in_force.project_reports,
            "notes": notes, "fates": fates, "findings": sorted((where(f[0]), f[2], f[3]) for f in in_force.findings())}


def assert_same_folds(root: Path, plan: Plan, today: dt.date) -> None:
    whole = fold(read_progress(root, plan), plan, today=today)
    facts = Facts(plan, today)
    by_project, counted = fold_ledger(root, plan, today=today, count=lambda part: len(ledger_findings(facts, part)))
    assert facts_of(by_project, plan) == facts_of(whole, plan)
    assert counted == len(ledger_findings(facts, whole))
    flattened = [record for project, paths in files_by_project(root, plan).items() for record in read_project(project, paths)]
    assert sorted(flattened, key=lambda r: r.project) == sorted(read_progress(root, plan), key=lambda r: r.project)


@given(st.lists(records(), min_size=4, max_size=40))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_folding_project_by_project_gives_the_same_facts(generated):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_ledger(root, generated)
        assert_same_folds(root, PLAN, TODAY)


def test_a_compacted_series_answers_as_before_without_its_records():
    root_records = [Record(dt.date(2023, 5, d), 1, "n", value=Decimal(v)) for d, v in ((3, 4), (10, 9))]
    in_force = fold(root_records, PLAN)
    series = in_force.history(1, "n").series[None]
    before = (series.latest(dt.date(2023, 5, 5)), series.latest_number(dt.date(2023, 5, 31)), series.first(), series.values)
    series.compact()
    assert series.records is None
    assert (series.latest(dt.date(2023, 5, 5)), series.latest_number(dt.date(2023, 5, 31)), series.first(), series.values) == before
    assert before[0] == (dt.date(2023, 5, 3), Decimal(4))


def test_the_example_ledger_folds_the_same_either_way():
    plan = load_plan(EXAMPLE, use_cache=False)
    assert_same_folds(EXAMPLE, plan, dt.date(2023, 12, 31))


def workers_for_any_size(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.delenv("MINSHENG_WORKERS", raising=False)


def test_worker_processes_fold_the_same(monkeypatch, tmp_path):
    workers_for_any_size(monkeypatch)
    assert parallel.worth_it(0, 2) is (__import__("sys").platform.startswith("linux"))
    plan = load_plan(EXAMPLE, use_cache=False)
    assert_same_folds(EXAMPLE, plan, dt.date(2023, 12, 31))
    generated = [Record(DATES[i % 3], 1 + i % 3, "c", COUNTIES[i % 2], Decimal(i // 2), note="说明" if i % 4 else None)
                 for i in range(60)]
    generated += [generated[5], Record(DATES[0], 2, "n", value=Decimal(3)), Record(DATES[0], 2, "n", value=Decimal(4)),
                  Record(DATES[1], 3, "n", action="void", reason="错录"), Record(DATES[3], 1, "nope", value=Decimal(1))]
    # records the rules reject in every project's files: their findings come back from the workers
    generated += [Record(day, project, "nope", value=Decimal(project)) for day in DATES for project in (1, 2, 3)]
    generated += [Record(DATES[3], project, "n", value=Decimal(9), note="未来") for project in (1, 2, 3)]
    write_ledger(tmp_path, generated)
    assert_same_folds(tmp_path, PLAN, TODAY)


def test_a_problem_in_a_worker_is_the_same_problem(monkeypatch, example_ledger):
    from minsheng_cli.checks.progress import check_progress

    broken = example_ledger / "progress" / "2023-06" / "08.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "- {date: 2023-06-30, target: nope, value: 1}\n  bad: [\n", encoding="utf-8")
    alone = check_progress(load_plan(example_ledger, use_cache=False), example_ledger, dt.date(2023, 12, 31))
    workers_for_any_size(monkeypatch)
    shared = check_progress(load_plan(example_ledger, use_cache=False), example_ledger, dt.date(2023, 12, 31))
    assert alone == shared and alone[0]


# --- the notes a report can quote ----------------------------------------------------------------------
def noted_ledger(root: Path) -> None:
    """Weekly notes, problems and next steps on several targets and the project, some fields
    never said on some targets: what latest_notes has to search back for."""
    generated = []
    for week in range(30):
        day = dt.date(2023, 1, 2) + dt.timedelta(days=7 * week)
        for project in (1, 2):
            generated.append(Record(day, project, "n", value=Decimal(week), note=f"第{week}周推进" if week % 3 and week < 12 else None,
                                    problem="缺资金" if week % 7 == 0 else None))
            generated.append(Record(day, project, "c", COUNTIES[week % 2], Decimal(week), next=f"下步{week}" if week % 5 == 0 else None))
            if week % 4 == 0:
                generated.append(Record(day, project, note=f"项目第{week}周", problem=f"问题{week}" if week < 9 else None))
    write_ledger(root, generated)


@pytest.mark.parametrize("workers", [False, True])
def test_a_report_quotes_the_same_notes_from_the_kept_ones(tmp_path, monkeypatch, workers):
    from minsheng_cli.reporting.contract import report_contract
    from minsheng_cli.reporting.report import build_report
    from minsheng_cli.reporting.spec import report_spec
    from minsheng_cli.reporting.view import report_view
    from minsheng_cli.rendering.text import markdown_text

    noted_ledger(tmp_path)
    if workers:
        workers_for_any_size(monkeypatch)
    else:
        monkeypatch.setenv("MINSHENG_WORKERS", "1")
    specs = [dict(month=f"2023-{m:02d}", detail=True, notes=True) for m in range(1, 9)] + [
        dict(week="2023-W20"), dict(quarter="2023-Q2"), dict(month="2023-06"), dict(xun="2023-05-2"), dict(as_of="2023-04-12", notes=True)]
    for options in specs:
        spec = report_spec(PLAN, dt.date(2023, 12, 31), **options)
        every = fold(read_progress(tmp_path, PLAN, until=spec.period.as_of), PLAN, today=spec.today)
        kept, _ = fold_ledger(tmp_path, PLAN, today=spec.today, until=spec.period.as_of, notes_after=spec.period.previous)
        assert sum(map(len, kept.notes.values())) < sum(map(len, every.notes.values())) or options == specs[0]
        full, lean = build_report(PLAN, every, spec), build_report(PLAN, kept, spec)
        assert report_contract(lean) == report_contract(full), options
        quoted = lambda report: repr([(line.notes, [t.notes for t in line.targets]) for line in report.projects])  # noqa: E731
        assert quoted(lean) == quoted(full), options
        assert markdown_text(report_view(lean)) == markdown_text(report_view(full)), options


# --- the workers themselves --------------------------------------------------------------------------
def test_a_broken_file_read_by_a_worker_gives_the_same_message(monkeypatch, example_ledger, cli):
    broken = example_ledger / "progress" / "2023-06" / "08.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "- {date: 2023-06-30, target: [\n", encoding="utf-8")
    monkeypatch.setenv("MINSHENG_WORKERS", "1")
    alone = cli("--data", str(example_ledger), "--no-cache", "report", "--month", "2023-06")
    workers_for_any_size(monkeypatch)
    shared = cli("--data", str(example_ledger), "--no-cache", "report", "--month", "2023-06")
    assert alone.exit_code == shared.exit_code == 1
    assert "08.yaml:6:1" in shared.stderr and shared.stderr == alone.stderr


def _square_unless_killed(item: int) -> int:
    import os
    import signal

    if item == 3 and os.getpid() != _PARENT[0]:
        os.kill(os.getpid(), signal.SIGKILL)  # a worker killed (out of memory, say) halfway
    return item * item


_PARENT: list[int] = []


def test_what_a_killed_worker_left_undone_is_done_by_the_parent(monkeypatch):
    import os

    workers_for_any_size(monkeypatch)
    _PARENT[:] = [os.getpid()]
    assert parallel.map_items(_square_unless_killed, list(range(8)), [1] * 8) == [n * n for n in range(8)]


def test_of_two_broken_files_the_first_in_written_order_is_named(monkeypatch, example_ledger, cli):
    for name in ("2023-05/08.yaml", "2023-06/02.yaml"):  # project 8's May before project 2's June
        broken = example_ledger / "progress" / name
        broken.write_text(broken.read_text(encoding="utf-8") + "- {date: 2023-06-30, target: [\n", encoding="utf-8")
    for each in ("alone", "workers"):
        if each == "workers":
            workers_for_any_size(monkeypatch)
        else:
            monkeypatch.setenv("MINSHENG_WORKERS", "1")
        result = cli("--data", str(example_ledger), "--no-cache", "report", "--month", "2023-06")
        assert result.exit_code == 1 and "2023-05/08.yaml:" in result.stderr and "2023-06/02.yaml" not in result.stderr, each


def _square(number: int) -> int:
    return number * number


def test_meanwhile_runs_while_workers_work_and_never_without_them(monkeypatch):
    calls: list[int] = []
    monkeypatch.setenv("MINSHENG_WORKERS", "1")
    assert parallel.map_items(_square, [1, 2, 3], [1, 1, 1], lambda: calls.append(1)) == [1, 4, 9]
    assert calls == []  # one process: what it needs next is imported when it is needed
    workers_for_any_size(monkeypatch)
    assert parallel.map_items(_square, [1, 2, 3], [1, 1, 1], lambda: calls.append(1)) == [1, 4, 9]
    assert calls == ([1] if parallel.worth_it(0, 3) else [])


def _sleep_in_a_worker(item: int) -> int:
    import time

    if os.getpid() != _PARENT[0]:
        time.sleep(5)  # stopped by the parent long before
        with open(_PARENT[1], "a") as done:
            done.write(f"{item}\n")
    return item


def test_ctrl_c_stops_the_workers_at_once(monkeypatch, tmp_path):
    workers_for_any_size(monkeypatch)
    if not parallel.worth_it(0, 4):
        pytest.skip("workers are forked on Linux only")
    finished = tmp_path / "finished"
    _PARENT[:] = [os.getpid(), str(finished)]
    started: list[set] = []

    def interrupted() -> None:  # what Ctrl-C raises in the parent while the workers work
        started.append(set(_children()))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        parallel.map_items(_sleep_in_a_worker, [1, 2, 3, 4], [1, 1, 1, 1], interrupted)
    assert len(started[0]) == 2
    assert not started[0] & set(_children())  # reaped: no worker left, not even a zombie
    assert not finished.exists()  # killed, not waited for: no item was finished


def _children() -> list[int]:
    me = str(os.getpid())
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                fields = open(f"/proc/{name}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == me:
                found.append(int(name))
    return found
