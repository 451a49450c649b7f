"""Status of targets and projects at a date (PRODUCT.md §2): pure functions, exact arithmetic.

Nothing here prints or reads files. The facts in force come from the in-force engine
(`ledger/history.py`: `fold`, here also as `index_records`); the 序时进度 arithmetic and the
terms in force at a date from `terms.py`. `assess_target` reads one target's history as of a
date and judges it; `assess_project` combines a project's targets.

Choices the specification leaves open, made here:
- A count or level target is "reported" once it has a value record; a continuing target once
  it has a 正常/中断 confirmation; a milestone or checklist target once its project has any
  record, since an unfinished milestone has no value to record: the unit reported the project.
- A level target without a baseline, and a project whose counted targets all lack one, have no
  completion; such targets are left out of the project's means.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Iterable, Optional

from minsheng_cli.words import vocab as vocab_words
from minsheng_cli.ledger.history import InForce, TargetHistory, fold, item_targets_of, item_value, means_done
from minsheng_cli.ledger.model import Plan, Project, Record, Settings, Target
from minsheng_cli.reporting.terms import (  # noqa: F401 - report.py and xlsx.py read these from here
    Terms, elapsed_share, expected_share, fraction, gap_points, points, round_half_up, terms_at,
)

STATUSES = (
    "not_started", "not_reported", "completed", "overdue",
    "ahead", "on_track", "lagging", "seriously_lagging",
)
BEHIND = ("lagging", "seriously_lagging", "overdue")
INTERRUPTED = vocab_words.CONTINUING_INTERRUPTED
# Dataclasses here are declared with eq=False: nothing compares them, and each generated __eq__
# costs start-up time on every report (PRODUCT.md §5).


def classify_gap(gap: Decimal, settings: Settings) -> str:
    thresholds = settings.thresholds
    if gap >= thresholds.ahead:
        return "ahead"
    if gap > thresholds.on_track:
        return "on_track"
    if gap >= thresholds.lagging:
        return "lagging"
    return "seriously_lagging"


RecordIndex = InForce  # the report's name for what it reads


def index_records(records: Iterable[Record], item_targets: set[tuple[int, str]] = frozenset()) -> InForce:
    """The records' facts in force (`history.fold`), which `assess_project` reads."""
    return fold(records, item_targets)


def latest_date(dates: list[dt.date], day: dt.date) -> Optional[dt.date]:
    index = bisect.bisect_right(dates, day) - 1
    return dates[index] if index >= 0 else None


# --- a target as of a date -------------------------------------------------------------------
@dataclass(eq=False)
class CountyState:
    """One county's standing on a target as of a date."""

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
    expected = expected_share(target, terms, reading.baseline, day)
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
    """What a target's records say as of a date: reported or not, the figure and when."""

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
        interrupted = item_value(str(value)) == INTERRUPTED
        return _Reading(True, INTERRUPTED if interrupted else vocab_words.CONTINUING_NORMAL, as_of=date, interrupted=interrupted)
    narrated = latest_date(history.narrated, day) is not None or latest_date(project_reports, day) is not None
    recorded = [(date, item) for date, item in history.items if date <= day]
    as_of = max((date for date, _ in recorded), default=None)
    names = {item for _, item in recorded}
    if target.kind == "checklist":
        done = [item for item in target.items if item in names]
        missing = [item for item in target.items if item not in names]
        return _Reading(bool(recorded) or narrated, Decimal(len(done)), as_of=as_of, done_items=done, missing_items=missing)
    # milestone: "done" finishes it; step names give partial credit
    finished = any(means_done(item) for item in names)
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
    """A project as of a date: its targets' standing and the weighted completion."""

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


def assess_project(plan: Plan, project: Project, index: InForce, day: dt.date) -> ProjectState:
    return combine_project(plan, project, assess_targets(plan, project, index, day), day)


def assess_targets(plan: Plan, project: Project, index: InForce, day: dt.date, targets: Optional[list[Target]] = None) -> list[TargetState]:
    """The project's targets (or those of them given) judged as of `day`: the forecast and the
    monthly trend need no more than these."""
    activity = index.project_activity.get(project.id, [])
    reports = index.project_reports.get(project.id, [])
    chosen = project.targets if targets is None else targets
    return [assess_target(plan, t, index.history(project.id, t.id), activity, day, reports) for t in chosen]


def combine_project(plan: Plan, project: Project, targets: list[TargetState], day: dt.date) -> ProjectState:
    counted = [t for t in targets if t.counted]
    # Missing is not zero: a counted target with no record is left out of both means (PRODUCT.md §2)
    known = [t for t in counted if t.status != "not_reported" and t.completion is not None and t.expected is not None]
    completion = _weighted_mean(known, lambda t: min(t.completion, Fraction(1)))
    expected = _weighted_mean(known, lambda t: t.expected)
    gap = gap_points(completion, expected)
    last_activity = max((t.last_activity for t in targets if t.last_activity is not None), default=None)
    status = _project_status(counted, known, completion, gap, plan.settings)
    if status == "not_reported":  # nothing to judge: never shown as 0%, but the schedule still stands
        completion, gap = None, None
        expected = _weighted_mean([t for t in counted if t.expected is not None], lambda t: t.expected)
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
    if status not in ("not_reported", "not_started") and any(t.status == "not_reported" for t in counted):
        flags.append("partial_targets")
    return flags
