"""Report, check, template, show and log agree on what is in force (issue 16, point 1).

Hypothesis writes record sequences — values, corrections, voids with and without a value,
checklist items, milestone steps, two counties, same-day repeats, narratives — into the files of
a small ledger, reads them back as `minsheng` reads them, and asks every reader through its
public functions. Each answer is held against a plain replay of the rule as PRODUCT.md §2–§3
states it (`Replay` below, written for clarity, not speed), so the readers agree with it and so
with one another.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from minsheng_cli.checks.progress import check_progress
from minsheng_cli.exchange.template import Period, template_sheets
from minsheng_cli.ledger.history import VOID_NOTHING, fold
from minsheng_cli.ledger.model import Category, County, Plan, Project, Record, Settings, Step, Target
from minsheng_cli.ledger.progress_file import file_header, format_record, read_progress, record_path
from minsheng_cli.reporting.listing import latest_values
from minsheng_cli.reporting.log import project_log
from minsheng_cli.reporting.schedule import assess_project, index_records, item_targets_of
from minsheng_cli.words.exchange import IMP_ITEM_DONE, IMP_STEP_DONE
from minsheng_cli.words.vocab import CONTINUING_VALUES

TODAY = dt.date(2023, 8, 1)
DATES = [dt.date(2023, 5, 3), dt.date(2023, 5, 10), dt.date(2023, 6, 7), dt.date(2023, 6, 14)]
COUNTIES = ["任城区", "曲阜市"]
ITEMS, STEPS = ["甲", "乙", "丙"], ["调研", "印发"]
UNIT = "市测试局"
PLAN = Plan(
    title="测试", year=2023, start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31), categories=[Category(1, "测试类")],
    projects=[Project(id=1, category=1, name="项目", lead=[UNIT], targets=[
        Target(id="n", name="数量", kind="count", target=Decimal(100), unit="个"),
        Target(id="c", name="分县数量", kind="count", target=Decimal(100), unit="个", by_county=True, counties=list(COUNTIES)),
        Target(id="list", name="清单", kind="checklist", items=list(ITEMS)),
        Target(id="steps", name="节点", kind="milestone", steps=[Step(name) for name in STEPS]),
        Target(id="go", name="持续", kind="continuing"),
    ])],
    settings=Settings(counties=[County("市本级", "city"), County(COUNTIES[0], "district"), County(COUNTIES[1], "county")]),
)
PROJECT = PLAN.projects[0]
SETS = {"list": ITEMS, "steps": STEPS + ["done"]}
DRAWN = {"list": ["甲", "甲", "乙", "丙"], "steps": ["调研", "调研", "印发", "done"]}  # repeats make voids hit more often
TEXTS = st.fixed_dictionaries({}, optional={"note": st.sampled_from(["顺利", "推进中"]), "problem": st.just("缺资金"), "next": st.just("加快")})


# --- what is generated ---------------------------------------------------------------------------
@st.composite
def records(draw) -> Record:
    target = draw(st.sampled_from(["n", "c", "c", "list", "list", "steps", "steps", "go", None]))
    day = draw(st.sampled_from(DATES))
    text = draw(TEXTS)
    if target is None:
        return Record(day, 1, **(text or {"note": "项目进展"}))
    county = draw(st.sampled_from(COUNTIES)) if target == "c" else None
    action = draw(st.sampled_from([None, None, "correct", "void"]))
    if action == "void":
        value = draw(st.sampled_from([None, *DRAWN[target]])) if target in SETS else None
    elif target in SETS:
        value = draw(st.sampled_from(DRAWN[target]))
    elif target == "go":
        value = draw(st.sampled_from(["正常", "中断"]))
    else:
        value = Decimal(draw(st.integers(0, 40)))
    if action is None and draw(st.integers(0, 9)) == 0:
        value = None  # a record addressed to the target that only says something
    return Record(day, 1, target, county, value, action=action, reason="核实" if action else None, **text)


def write_ledger(root: Path, generated: list[Record]) -> list[Record]:
    """The records appended in the order given (each to its month's file), read back."""
    lines: dict[Path, list[str]] = {}
    seen: set[Record] = set()
    for record in generated:
        if record not in seen:  # an exact repeat in one file is a union-merge duplicate: not this test's subject
            seen.add(record)
            lines.setdefault(record_path(root, record), [file_header(1, record.date)]).append(format_record(record))
    for path, text in lines.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(text), encoding="utf-8")
    return read_progress(root, PLAN)


# --- the rule, replayed plainly -----------------------------------------------------------------------
class Replay:
    """Values: one record per (target, county, date): the same value again replaces it, another
    value is a conflict (neither counts, nor does what they say, until a correct replaces them or
    a void cancels the date); a void cancels it. Items and steps: sets per date; a correct
    replaces its date; a void without value cancels its date, with a value that item on its date
    or, if not recorded that day, on every earlier date. Text: a void or a correct withdraws
    what was said at its key; other records add to it."""

    def __init__(self, written: list[Record]):
        self.texts: dict[tuple, list[Record]] = {}  # text: a void or correct withdraws what its key said
        self.values: dict[tuple, Record] = {}
        self.conflicts: dict[tuple, list[Record]] = {}
        self.items: dict[tuple, dict[dt.date, dict[str, Record]]] = {}
        self.cancelled_nothing: list[Record] = []
        for record in written:
            counts = True
            if record.target in SETS:
                self.item(self.items.setdefault((record.target, record.county), {}), record)
            elif record.target is not None:
                counts = self.value(record)
            if record.action is not None:
                self.texts.pop(record.key, None)
            if counts and record.action != "void" and (record.value is None or record.note or record.problem or record.next):
                self.texts.setdefault(record.key, []).append(record)

    def value(self, record: Record) -> bool:
        """Apply a value record; False when it does not count (a conflict)."""
        key = (record.target, record.county, record.date)
        if record.action == "void":
            had = self.values.pop(key, None) is not None
            if not self.conflicts.pop(key, None) and not had:
                self.cancelled_nothing.append(record)
        elif record.value is not None:
            if record.action == "correct":
                self.conflicts.pop(key, None)
            elif key in self.conflicts:
                self.conflicts[key].append(record)
                return False
            elif key in self.values and self.values[key].value != record.value:
                first = self.values.pop(key)
                self.conflicts[key] = [first, record]
                said = self.texts.get(record.key, [])
                said[:] = [r for r in said if r is not first]  # what it said goes with it
                return False
            self.values[key] = record
        return True

    def item(self, days: dict, record: Record) -> None:
        if record.action == "void":
            if record.value is None:
                hits = list(days.pop(record.date, {}).values())
            elif record.value in days.get(record.date, {}):
                hits = [days[record.date].pop(record.value)]
            else:
                hits = [days[d].pop(record.value) for d in list(days) if d <= record.date and record.value in days[d]]
            if not hits:
                self.cancelled_nothing.append(record)
        elif record.value is not None:
            if record.action == "correct":
                days[record.date] = {}
            days.setdefault(record.date, {})[record.value] = record

    def latest(self, target: str, county, day: dt.date):
        dates = [d for (t, c, d) in self.values if t == target and c == county and d <= day]
        return (max(dates), self.values[(target, county, max(dates))].value) if dates else None

    def items_at(self, target: str, day: dt.date, county=None) -> dict[str, dt.date]:
        done: dict[str, dt.date] = {}
        for d, chosen in sorted(self.items.get((target, county), {}).items()):
            if d <= day:
                for item in chosen:
                    done.setdefault(item, d)
        return done

    def said(self, day: dt.date) -> list[Record]:
        kept = [r for group in self.texts.values() for r in group if r.date <= day and (r.note or r.problem or r.next)]
        return sorted(kept, key=lambda r: (r.date, r.path, r.line))

    def in_force(self) -> set[int]:
        found = {id(r) for r in self.values.values()}
        return found | {id(r) for days in self.items.values() for chosen in days.values() for r in chosen.values()}

    def decreasing(self) -> list[Record]:
        drops = []
        for target, county in {("n", None)} | {("c", c) for c in COUNTIES}:
            series = sorted((d, r) for (t, c, d), r in self.values.items() if (t, c) == (target, county))
            drops += [after for (_, before), (_, after) in zip(series, series[1:])
                      if after.value < before.value and after.action != "correct"]
        return drops


def where(record) -> tuple:
    return (Path(record.path).parent.name, record.line)


# --- each reader, against the replay -------------------------------------------------------------
def assert_report(written: list[Record], replay: Replay, day: dt.date) -> None:
    index = index_records(written, item_targets_of(PLAN))
    state = assess_project(PLAN, PROJECT, index, day)
    assert index.as_of(day).notes(1) == replay.said(day)  # the text a report shows
    n = state.target("n")
    latest = replay.latest("n", None, day)
    assert n.reported == (latest is not None)
    if latest is not None:
        assert (n.as_of, n.actual) == latest
    counties = {c.name: (c.as_of, c.actual) for c in state.target("c").counties}
    assert counties == {c: replay.latest("c", c, day) or (None, None) for c in COUNTIES}
    assert set(state.target("list").done_items) == set(replay.items_at("list", day))
    steps = replay.items_at("steps", day)
    finished = "done" in steps or all(step in steps for step in STEPS)
    assert state.target("steps").actual is finished
    assert state.target("steps").done_items == (STEPS if finished else [s for s in STEPS if s in steps])
    go = replay.latest("go", None, day)
    assert (state.target("go").as_of, state.target("go").actual) == ((go[0], "中断" if go[1] == "中断" else "正常") if go else (None, None))


def assert_template(written: list[Record], replay: Replay, month: int) -> None:
    before = dt.date(2023, month, 1) - dt.timedelta(days=1)
    sheets = template_sheets(PLAN, written, UNIT, Period(2023, month))
    shown = {(row.target.id, row.county, row.item): (row.last_value, row.last_date) for rows in sheets.values() for row in rows}
    n = replay.latest("n", None, before)
    assert shown[("n", None, None)] == ((n[1], n[0]) if n else (None, None))
    for county in COUNTIES:
        c = replay.latest("c", county, before)
        assert shown[("c", county, None)] == ((c[1], c[0]) if c else (None, None))
    done = replay.items_at("list", before)
    assert {item: shown[("list", None, item)] for item in ITEMS} == {
        item: (IMP_ITEM_DONE, done[item]) if item in done else (None, None) for item in ITEMS
    }
    steps = replay.items_at("steps", before)
    value, date = shown[("steps", None, None)]
    if "done" in steps:
        assert (value, date) == (IMP_ITEM_DONE, steps["done"])
    elif steps:
        assert value == IMP_STEP_DONE.format(step="、".join(steps))  # by first date, then as written
        latest = max(d for (t, _c), days in replay.items.items() if t == "steps" for d, chosen in days.items() if chosen and d <= before)
        assert date == latest
    else:
        assert (value, date) == (None, None)
    go = replay.latest("go", None, before)
    assert shown[("go", None, None)] == ((CONTINUING_VALUES[go[1]], go[0]) if go else (None, None))


def assert_show(written: list[Record], replay: Replay) -> None:
    latest = latest_values(PLAN, written)
    n = replay.latest("n", None, TODAY)
    assert latest.get("n") == ((n[1], n[0]) if n else None)
    counties = [replay.latest("c", c, TODAY) for c in COUNTIES]
    counties = [c for c in counties if c is not None]
    assert latest.get("c") == ((sum(v for _, v in counties), max(d for d, _ in counties)) if counties else None)
    for target in ("list", "steps"):
        items = replay.items_at(target, TODAY)
        assert set(latest[target][0].split("、")) == set(items) if items else target not in latest


def assert_log(written: list[Record], replay: Replay) -> None:
    in_force = replay.in_force()
    for log in project_log(PLAN, PROJECT, written):
        for entry in log.entries:
            record = entry.record
            if record.action == "void":
                assert entry.fate == "void"
            elif record.target is not None and record.value is not None:
                assert entry.in_force == (id(record) in in_force), (record, entry.fate)
            else:
                assert entry.fate is None  # what only says something


def assert_check(root: Path, written: list[Record], replay: Replay) -> None:
    problems, count = check_progress(PLAN, root, today=TODAY)
    assert count == len(written)
    found = {(p.code, Path(p.path).parent.name, p.line) for p in problems}
    expected = {("void-nothing", *where(r)) for r in replay.cancelled_nothing}
    expected |= {("decreasing", *where(r)) for r in replay.decreasing()}
    expected |= {("conflict", *where(r)) for group in replay.conflicts.values() for r in group[1:]}
    assert found == expected
    engine = fold(written, PLAN).records_with_fate(VOID_NOTHING)
    assert {where(r) for r in engine} == {where(r) for r in replay.cancelled_nothing}


def _on(day: int, target: str, value=None, action=None, month: int = 5) -> Record:
    return Record(dt.date(2023, month, day), 1, target, None, value, action=action, reason="核实" if action else None)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records(), min_size=6, max_size=30))
@example([_on(3, "list", "甲"), _on(10, "list", "甲", "void")])  # a void of an item recorded on an earlier date
@example([_on(3, "list", "甲"), _on(7, "list", "甲", "void", month=6)])  # ... in the month after: the template's bug
@example([_on(3, "list", "甲"), _on(3, "list", "乙"), _on(3, "list", "丙", "correct"), _on(10, "list", action="void")])
@example([_on(3, "steps", "调研"), _on(3, "steps", "印发"), _on(3, "steps", "调研", "void"), _on(10, "steps", "done")])
def test_every_reader_agrees_with_the_rule(generated):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        written = write_ledger(root, generated)
        replay = Replay(written)
        for day in (dt.date(2023, 5, 31), dt.date(2023, 6, 10), TODAY):
            assert_report(written, replay, day)
        for month in (6, 7):
            assert_template(written, replay, month)
        assert_show(written, replay)
        assert_log(written, replay)
        assert_check(root, written, replay)
