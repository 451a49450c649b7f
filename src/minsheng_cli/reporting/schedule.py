"""Schedule (序时进度) and status of targets and projects: pure functions, exact arithmetic.

Everything here works on the plan (models.py) and on records already read; nothing prints or
reads files. Fractions (`fractions.Fraction`) carry every ratio, so 0.1 + 0.2 is 0.3 and the
end of June is exactly half of a calendar year. Gaps are rounded half up to 0.1 percentage
point *before* the thresholds apply (PRODUCT.md §2), so what a report shows is what was judged.

The flow: `index_records` sorts the records once into per-target histories (values in force,
checklist items and milestone steps in force, dates of any activity); `assess_target` reads a
target's history as of a date and judges it; `assess_project` combines a project's targets.

Choices the specification leaves open, made here:
- A count or level target is "reported" once it has a value record; a continuing target once
  it has a 正常/中断 confirmation; a milestone or checklist target once its project has any
  record, since an unfinished milestone has no value to record: the unit reported the project.
- Several checklist items (or milestone steps) may be recorded on the same date. A `void` with
  a value cancels that item at that date (or, if it was not recorded that day, every earlier
  record of that item); a `void` without a value cancels the whole date; `correct` replaces the
  items of its date.
- Dated milestone steps give a stepwise schedule: by a step's date, that many steps are due.
- A level target without a baseline, and a project whose counted targets all lack one, have no
  completion; such targets are left out of the project's means.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Iterable, Optional

from minsheng_cli.ledger.history import apply_item
from minsheng_cli.words.vocab import DONE_WORDS
from minsheng_cli.ledger.model import Plan, PlannedPoint, Project, Record, Settings, Target

STATUSES = (
    "not_started", "not_reported", "completed", "overdue",
    "ahead", "on_track", "lagging", "seriously_lagging",
)
BEHIND = ("lagging", "seriously_lagging", "overdue")
INTERRUPTED = "中断"
HUNDRED = Fraction(100)
# Dataclasses here are declared with eq=False: nothing compares them, and each generated __eq__
# costs start-up time on every report (PRODUCT.md §5).


# --- exact numbers ---------------------------------------------------------------------------
def fraction(value: Decimal | int | Fraction) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


def round_half_up(value: Fraction, places: int) -> Decimal:
    """Round an exact value half away from zero (四舍五入) to `places` decimals, exactly."""
    scaled = abs(value) * 10**places
    whole = (scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2)
    return Decimal(-whole if value < 0 else whole).scaleb(-places)


def points(share: Fraction) -> Decimal:
    """A share (0.62) in percentage points rounded to 0.1 (62.0)."""
    return round_half_up(share * HUNDRED, 1)


def gap_points(completion: Optional[Fraction], expected: Optional[Fraction]) -> Optional[Decimal]:
    """The gap between the two figures as shown (each rounded to 0.1 point): what is shown is
    what is judged, so 40.1% against 50.0% is −9.9, never −10.0."""
    if completion is None or expected is None:
        return None
    return points(completion) - points(expected)


def classify_gap(gap: Decimal, settings: Settings) -> str:
    thresholds = settings.thresholds
    if gap >= thresholds.ahead:
        return "ahead"
    if gap > thresholds.on_track:
        return "on_track"
    if gap >= thresholds.lagging:
        return "lagging"
    return "seriously_lagging"


# --- time counted in months (序时进度) -------------------------------------------------------
def month_position(day: dt.date, end_of_day: bool = True) -> Fraction:
    """Months since year 0 at the end (or start) of `day`: every month weighs 1, days within a
    month count proportionally."""
    days = calendar.monthrange(day.year, day.month)[1]
    elapsed = day.day if end_of_day else day.day - 1
    return Fraction(day.year * 12 + day.month - 1) + Fraction(elapsed, days)


def elapsed_share(start: dt.date, due: dt.date, day: dt.date) -> Fraction:
    """Share of [start, due] elapsed at the end of `day`, in months; 0 before, 1 after."""
    begin = month_position(start, end_of_day=False)
    end = month_position(due)
    now = month_position(day)
    if now <= begin:
        return Fraction(0)
    if now >= end:
        return Fraction(1)
    return (now - begin) / (end - begin)


def interpolate(points_: list[tuple[Fraction, Fraction]], now: Fraction) -> Fraction:
    """Piecewise-linear value at `now` through (position, value) points sorted by position."""
    if now <= points_[0][0]:
        return points_[0][1]
    for (x0, y0), (x1, y1) in zip(points_, points_[1:]):
        if now <= x1:
            if x1 == x0:
                return y1
            return y0 + (y1 - y0) * (now - x0) / (x1 - x0)
    return points_[-1][1]


# --- what is in force at a date --------------------------------------------------------------
@dataclass(eq=False)
class Terms:
    """The target's figure, due date and 节点目标 in force at a date (revisions applied)."""

    figure: Optional[Decimal]
    start: dt.date
    due: dt.date
    milestones: tuple[PlannedPoint, ...]
    revised: bool = False


def terms_at(target: Target, day: dt.date) -> Terms:
    figure = Decimal(target.required_items) if target.kind == "checklist" else target.target
    due, milestones, revised = target.due, tuple(target.milestones), False
    for revision in sorted(target.revisions, key=lambda r: r.date):
        if revision.date > day:
            break
        revised = True
        if revision.target is not None:
            figure = revision.target
        if revision.due is not None:
            due = revision.due
        if revision.milestones is not None:
            milestones = tuple(revision.milestones)
    return Terms(figure, target.start, due, milestones, revised)


# --- records sorted once into histories ------------------------------------------------------
@dataclass(eq=False)
class Series:
    """One (target, county) series of values in force, sorted by date."""

    dates: list[dt.date]
    values: list

    def latest(self, day: dt.date) -> Optional[tuple[dt.date, object]]:
        index = bisect.bisect_right(self.dates, day) - 1
        return (self.dates[index], self.values[index]) if index >= 0 else None

    def latest_number(self, day: dt.date) -> Optional[tuple[dt.date, Decimal]]:
        """The latest numeric value (a text value on a count target is an error `check` reports)."""
        index = bisect.bisect_right(self.dates, day) - 1
        while index >= 0 and not isinstance(self.values[index], Decimal):
            index -= 1
        return (self.dates[index], self.values[index]) if index >= 0 else None

    def first(self) -> Optional[tuple[dt.date, object]]:
        numbers = [(d, v) for d, v in zip(self.dates, self.values) if isinstance(v, Decimal)]
        return numbers[0] if numbers else None


@dataclass(eq=False)
class TargetHistory:
    series: dict[Optional[str], Series] = field(default_factory=dict)  # county (None: city-wide)
    items: list[tuple[dt.date, str]] = field(default_factory=list)  # checklist items / steps in force
    activity: list[dt.date] = field(default_factory=list)  # any record: values, items, narratives
    narrated: list[dt.date] = field(default_factory=list)  # narrative records addressed to the target


EMPTY_HISTORY = TargetHistory()


@dataclass(eq=False)
class RecordIndex:
    targets: dict[tuple[int, str], TargetHistory]
    project_activity: dict[int, list[dt.date]]  # project-level narratives (target None)
    project_reports: dict[int, list[dt.date]]  # any record of the project: values, items, narratives
    notes: dict[int, list[Record]]  # records with 进展情况/存在问题/下步打算 in force, by date

    def history(self, project_id: int, target_id: str) -> TargetHistory:
        return self.targets.get((project_id, target_id), EMPTY_HISTORY)


def index_records(records: Iterable[Record], item_targets: set[tuple[int, str]] = frozenset()) -> RecordIndex:
    """Sort records (in written order) into per-target histories, applying correct/void.

    `item_targets` names the (project, target) pairs whose values are items (checklist items,
    milestone steps), of which several may be recorded on one date."""
    values: dict[tuple, dict] = {}  # (project, target) -> county -> date -> value
    items: dict[tuple, dict] = {}  # (project, target) -> county -> date -> {item: None}
    narratives: dict[tuple, dict] = {}  # (project, target) -> record key -> [records]
    for record in records:  # a year of weekly per-county records is ~65,000: keep this loop lean
        target, action, value = record.target, record.action, record.value
        pair = (record.project, target)
        if target is not None:
            if pair in item_targets:
                apply_item(items.setdefault(pair, {}).setdefault(record.county, {}), record)
            else:
                by_county = values.get(pair)
                if by_county is None:
                    by_county = values[pair] = {}
                by_date = by_county.get(record.county)
                if by_date is None:
                    by_date = by_county[record.county] = {}
                if action == "void":
                    by_date.pop(record.date, None)
                elif value is not None:
                    by_date[record.date] = value
        if action is not None or value is None or record.note or record.problem or record.next:
            _apply_narrative(narratives.setdefault(pair, {}), record)
    return _build_index(values, items, narratives)


def _apply_narrative(by_key: dict, record: Record) -> None:
    """Keep what a narrative needs: records without a value, and records that say something."""
    if record.action in ("void", "correct"):
        by_key.pop(record.key, None)
        if record.action == "void":
            return
    if record.value is None or record.note or record.problem or record.next:
        by_key.setdefault(record.key, []).append(record)


def _build_index(values: dict, items: dict, narratives: dict) -> RecordIndex:
    targets: dict[tuple[int, str], TargetHistory] = {}
    for pair, by_county in values.items():
        history = targets.setdefault(pair, TargetHistory())
        for county, by_date in by_county.items():
            if by_date:
                dates = sorted(by_date)
                history.series[county] = Series(dates, [by_date[d] for d in dates])
    for pair, by_county in items.items():
        history = targets.setdefault(pair, TargetHistory())
        history.items = sorted((date, item) for by_day in by_county.values() for date, chosen in by_day.items() for item in chosen)
    project_activity: dict[int, list[dt.date]] = {}
    notes: dict[int, list[Record]] = {}
    for (project_id, target_id), by_key in narratives.items():
        kept = [record for group in by_key.values() for record in group]
        said = [r for r in kept if r.note or r.problem or r.next]
        notes.setdefault(project_id, []).extend(said)
        bare = sorted(r.date for r in kept if r.value is None)
        if target_id is None:
            project_activity.setdefault(project_id, []).extend(bare)
        else:
            targets.setdefault((project_id, target_id), TargetHistory()).narrated = bare
    for history in targets.values():
        dates = {d for series in history.series.values() for d in series.dates}
        dates.update(d for d, _ in history.items)
        dates.update(history.narrated)
        history.activity = sorted(dates)
    for dates in project_activity.values():
        dates.sort()
    reports: dict[int, set] = {}
    for (project_id, _), history in targets.items():
        reports.setdefault(project_id, set()).update(history.activity)
    for project_id, dates in project_activity.items():
        reports.setdefault(project_id, set()).update(dates)
    project_reports = {project_id: sorted(dates) for project_id, dates in reports.items()}
    for said in notes.values():
        said.sort(key=lambda r: r.date)  # stable: written order within a date
    return RecordIndex(targets, project_activity, project_reports, notes)


def item_targets_of(plan: Plan) -> set[tuple[int, str]]:
    return {(p.id, t.id) for p in plan.projects for t in p.targets if t.kind in ("checklist", "milestone")}


def latest_date(dates: list[dt.date], day: dt.date) -> Optional[dt.date]:
    index = bisect.bisect_right(dates, day) - 1
    return dates[index] if index >= 0 else None


# --- a target as of a date -------------------------------------------------------------------
@dataclass(eq=False)
class CountyState:
    name: str
    target: Optional[Decimal]  # allocation (county_targets), if any
    actual: Optional[Decimal]  # None: never reported
    as_of: Optional[dt.date]

    @property
    def completion(self) -> Optional[Fraction]:
        if self.target is None or self.target == 0 or self.actual is None:
            return None
        return max(Fraction(0), fraction(self.actual) / fraction(self.target))


@dataclass(eq=False)
class TargetState:
    """A target judged as of `day`."""

    target: Target
    day: dt.date
    terms: Terms
    reported: bool
    actual: object  # Decimal (count/level/checklist items), bool (milestone), str (continuing)
    baseline: Optional[Decimal]
    completion: Optional[Fraction]  # uncapped; None when unknown
    expected: Optional[Fraction]
    gap: Optional[Decimal]  # percentage points, rounded to 0.1
    status: Optional[str]
    flags: list[str]
    as_of: Optional[dt.date]  # date of the latest value in force
    counties: Optional[list[CountyState]] = None
    done_items: list[str] = field(default_factory=list)
    missing_items: list[str] = field(default_factory=list)
    missing_counties: list[str] = field(default_factory=list)
    last_activity: Optional[dt.date] = None

    @property
    def counted(self) -> bool:
        return self.target.counted

    @property
    def finished(self) -> bool:
        return self.completion is not None and self.completion >= 1


def assess_target(
    plan: Plan,
    target: Target,
    history: TargetHistory,
    project_activity: list[dt.date],
    day: dt.date,
    project_reports: Optional[list[dt.date]] = None,
) -> TargetState:
    """`project_activity`: dates of the project's own narratives (they count for all its targets);
    `project_reports`: dates of any record of the project (a report on the project reports its
    milestones and checklists, which have nothing to record until something is done)."""
    terms = terms_at(target, day)
    reading = _read(plan, target, terms, history, project_reports if project_reports is not None else project_activity, day)
    completion = _completion(target, terms, reading)
    expected = _expected(target, terms, reading.baseline, day)
    gap = gap_points(completion, expected)
    last_activity = max(
        (d for d in (latest_date(history.activity, day), latest_date(project_activity, day)) if d is not None),
        default=None,
    )
    state = TargetState(
        target=target, day=day, terms=terms, reported=reading.reported, actual=reading.actual,
        baseline=reading.baseline, completion=completion, expected=expected, gap=gap,
        status=None, flags=[], as_of=reading.as_of, counties=reading.counties,
        done_items=reading.done_items, missing_items=reading.missing_items,
        missing_counties=reading.missing_counties, last_activity=last_activity,
    )
    state.status = _target_status(state, reading, plan.settings)
    state.flags = _target_flags(state, plan.settings)
    return state


@dataclass(eq=False)
class _Reading:
    reported: bool
    actual: object
    baseline: Optional[Decimal] = None
    as_of: Optional[dt.date] = None
    counties: Optional[list[CountyState]] = None
    done_items: list[str] = field(default_factory=list)
    missing_items: list[str] = field(default_factory=list)
    missing_counties: list[str] = field(default_factory=list)
    interrupted: bool = False


def _read(plan: Plan, target: Target, terms: Terms, history: TargetHistory, project_reports, day) -> _Reading:
    if target.kind in ("count", "level"):
        return _read_numeric(plan, target, history, day)
    if target.kind == "continuing":
        latest = _latest_of_series(history, day)
        if latest is None:
            return _Reading(False, None)
        date, value = latest
        interrupted = str(value).strip() == INTERRUPTED
        return _Reading(True, INTERRUPTED if interrupted else "正常", as_of=date, interrupted=interrupted)
    narrated = latest_date(history.narrated, day) is not None or latest_date(project_reports, day) is not None
    recorded = [(date, item) for date, item in history.items if date <= day]
    as_of = max((date for date, _ in recorded), default=None)
    names = {item for _, item in recorded}
    if target.kind == "checklist":
        done = [item for item in target.items if item in names]
        missing = [item for item in target.items if item not in names]
        return _Reading(bool(recorded) or narrated, Decimal(len(done)), as_of=as_of, done_items=done, missing_items=missing)
    # milestone: "done" finishes it; step names give partial credit
    finished = any(item.lower() in DONE_WORDS or item in DONE_WORDS for item in names)
    steps = [step.name for step in target.steps]
    done = steps if finished else [name for name in steps if name in names]
    if steps and len(done) == len(steps):
        finished = True
    missing = [name for name in steps if name not in done]
    return _Reading(bool(recorded) or narrated, finished, as_of=as_of, done_items=done, missing_items=missing)


def _latest_of_series(history: TargetHistory, day: dt.date):
    found = [s.latest(day) for s in history.series.values()]
    found = [f for f in found if f is not None]
    return max(found, key=lambda f: f[0]) if found else None


def _read_numeric(plan: Plan, target: Target, history: TargetHistory, day: dt.date) -> _Reading:
    series = history.series
    counties: Optional[list[CountyState]] = None
    missing: list[str] = []
    if target.by_county:
        concerned = plan.counties_of(target)
        allocation = target.county_targets or {}
        counties = []
        for name in concerned:
            latest = series[name].latest_number(day) if name in series else None
            counties.append(CountyState(name, allocation.get(name), latest[1] if latest else None, latest[0] if latest else None))
        reported = [c for c in counties if c.actual is not None]
        missing = [c.name for c in counties if c.actual is None]
        if reported:
            actual = sum((c.actual for c in reported), Decimal(0))
            as_of = max(c.as_of for c in reported)
        else:
            total = series[None].latest_number(day) if None in series else None
            actual, as_of = (total[1], total[0]) if total else (None, None)
        first_keys = concerned
    else:
        total = series[None].latest_number(day) if None in series else None
        if total is not None:
            actual, as_of = total[1], total[0]
        else:  # recorded per county although the target is city-wide: add the counties up
            latest = [s.latest_number(day) for key, s in series.items() if key is not None]
            latest = [f for f in latest if f is not None]
            actual = sum((f[1] for f in latest), Decimal(0)) if latest else None
            as_of = max((f[0] for f in latest), default=None)
        first_keys = [None] if None in series else [key for key in series if key is not None]
    reported = actual is not None
    baseline = _baseline(target, series, first_keys) if target.kind == "level" else None
    if not reported:  # nothing recorded yet: the level stands at its baseline, a count at 0
        actual = baseline if target.kind == "level" else Decimal(0)
        missing = []
    return _Reading(reported, actual, baseline=baseline, as_of=as_of, counties=counties, missing_counties=missing)


def _baseline(target: Target, series: dict, keys: list) -> Optional[Decimal]:
    """The plan's baseline, or (baseline_from: record) the first record dated at or before start."""
    if target.baseline is not None:
        return target.baseline
    if target.baseline_from != "record":
        return None
    firsts = [series[key].first() if key in series else None for key in keys]
    if not firsts or any(f is None or f[0] > target.start for f in firsts):
        return None  # a county without its own starting value would inflate the completion
    return sum((f[1] for f in firsts), Decimal(0))


def _completion(target: Target, terms: Terms, reading: _Reading) -> Optional[Fraction]:
    kind = target.kind
    if kind == "continuing":
        return None
    if kind == "milestone":
        if reading.actual:
            return Fraction(1)
        return Fraction(len(reading.done_items), len(target.steps)) if target.steps else Fraction(0)
    figure = terms.figure
    if figure is None:
        return None
    actual = fraction(reading.actual if reading.actual is not None else 0)
    if kind == "level":
        if reading.baseline is None or figure == reading.baseline:
            return None
        share = (actual - fraction(reading.baseline)) / (fraction(figure) - fraction(reading.baseline))
    else:
        if figure == 0:
            return None
        share = actual / fraction(figure)
    return max(Fraction(0), share)  # below zero counts as 0; above 100% is kept (超额完成)


def _expected(target: Target, terms: Terms, baseline: Optional[Decimal], day: dt.date) -> Optional[Fraction]:
    kind = target.kind
    if kind == "continuing":
        return None
    if kind == "milestone":
        return _expected_milestone(target, terms, day)
    if not terms.milestones:
        return elapsed_share(terms.start, terms.due, day)
    base = fraction(baseline) if kind == "level" and baseline is not None else Fraction(0)
    if (kind == "level" and baseline is None) or terms.figure is None:
        return None
    figure = fraction(terms.figure)
    if figure == base:
        return None
    planned = [(month_position(terms.start, end_of_day=False), base)]
    planned += [(month_position(p.date), fraction(p.value)) for p in sorted(terms.milestones, key=lambda p: p.date)]
    planned.append((month_position(terms.due), figure))
    value = interpolate(planned, month_position(day))
    return max(Fraction(0), (value - base) / (figure - base))


def _expected_milestone(target: Target, terms: Terms, day: dt.date) -> Fraction:
    if day >= terms.due:
        return Fraction(1)
    if not target.steps:
        return Fraction(0)
    due_steps = [index for index, step in enumerate(target.steps, 1) if step.due is not None and step.due <= day]
    return Fraction(max(due_steps, default=0), len(target.steps))


def _target_status(state: TargetState, reading: _Reading, settings: Settings) -> Optional[str]:
    if state.day < state.terms.start:
        return "not_started"
    if not state.reported:
        return "not_reported"
    if state.target.kind == "continuing":
        if reading.interrupted or _is_stale(state.last_activity, state.day, settings):
            return "lagging"
        return "on_track"
    if state.completion is None:
        return None  # unknown (a level target without a baseline): flagged no_data
    if state.completion >= 1:
        return "completed"
    if state.day > state.terms.due:
        return "overdue"
    if state.gap is None:
        return None
    return classify_gap(state.gap, settings)


def _is_stale(last: Optional[dt.date], day: dt.date, settings: Settings) -> bool:
    return last is not None and (day - last).days > settings.stale_after_days


def _target_flags(state: TargetState, settings: Settings) -> list[str]:
    flags = []
    if state.status not in ("not_started", "not_reported", "completed") and not state.finished:
        if _is_stale(state.last_activity, state.day, settings):
            flags.append("stale")
    if state.missing_counties:
        flags.append("partial")
    if state.target.kind == "level" and state.baseline is None:
        flags.append("no_data")
    return flags


# --- a project as of a date ------------------------------------------------------------------
@dataclass(eq=False)
class ProjectState:
    project: Project
    day: dt.date
    targets: list[TargetState]
    completion: Optional[Fraction]  # weighted mean of counted targets, each capped at 100%
    expected: Optional[Fraction]
    gap: Optional[Decimal]
    status: str
    flags: list[str]
    last_activity: Optional[dt.date]

    def target(self, target_id: str) -> Optional[TargetState]:
        for state in self.targets:
            if state.target.id == target_id:
                return state
        return None


def assess_project(plan: Plan, project: Project, index: RecordIndex, day: dt.date) -> ProjectState:
    activity = index.project_activity.get(project.id, [])
    reports = index.project_reports.get(project.id, [])
    targets = [assess_target(plan, t, index.history(project.id, t.id), activity, day, reports) for t in project.targets]
    return combine_project(plan, project, targets, day)


def combine_project(plan: Plan, project: Project, targets: list[TargetState], day: dt.date) -> ProjectState:
    counted = [t for t in targets if t.counted]
    known = [t for t in counted if t.completion is not None and t.expected is not None]
    completion = _weighted_mean(known, lambda t: min(t.completion, Fraction(1)))
    expected = _weighted_mean(known, lambda t: t.expected)
    gap = gap_points(completion, expected)
    last_activity = max((t.last_activity for t in targets if t.last_activity is not None), default=None)
    status = _project_status(counted, known, completion, gap, plan.settings)
    if status == "not_reported":  # nothing to judge: never shown as 0% (PRODUCT.md §2)
        completion, gap = None, None
    flags = _project_flags(status, targets, counted, last_activity, day, plan.settings)
    return ProjectState(project, day, targets, completion, expected, gap, status, flags, last_activity)


def _weighted_mean(states: list[TargetState], value) -> Optional[Fraction]:
    weight = sum((fraction(s.target.weight) for s in states), Fraction(0))
    if not states or weight == 0:
        return None
    return sum((fraction(s.target.weight) * value(s) for s in states), Fraction(0)) / weight


def _project_status(counted, known, completion, gap, settings: Settings) -> str:
    if counted and all(t.status == "not_started" for t in counted):
        return "not_started"
    if not any(t.reported for t in counted if t.status != "not_started") or completion is None:
        return "not_reported"
    if all(t.status == "completed" for t in counted):
        return "completed"
    if any(t.status != "not_started" and t.day > t.terms.due and not t.finished for t in counted):
        return "overdue"  # a target past due counts whether or not it was ever reported
    return classify_gap(gap, settings)


def _project_flags(status, targets, counted, last_activity, day, settings: Settings) -> list[str]:
    flags = []
    if status not in ("not_started", "not_reported", "completed") and _is_stale(last_activity, day, settings):
        flags.append("stale")
    if any("partial" in t.flags for t in targets):
        flags.append("partial")
    if status not in ("seriously_lagging", "not_reported", "not_started") and any(
        t.status == "seriously_lagging" for t in counted
    ):
        flags.append("weak_target")
    if any("no_data" in t.flags for t in counted):
        flags.append("no_data")
    return flags
