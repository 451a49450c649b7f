"""The progress report as plain data: who stands where as of a period's end.

`build_report(plan, index, spec)` judges every project of the spec's scope twice — as of the
period's end and as of the previous period's end — so that 本期完成 and 较上期 come from the same
rules as the figures themselves. The result holds numbers, dates, status codes and the plan's
own names and units' notes, nothing else: the words are `wording.py`'s, the table `view.py`'s.

A project's principal target stands for it where one figure must (年度目标 / 本期完成 / 累计完成):
the first counted one (weight > 0, not a continuing policy) that has a figure (count or level),
else the first counted one. The lagging list, the 未报送 list, the 未按时报送 list and the
by-county ranking are chosen here; `wording.py` only words them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal
from fractions import Fraction
from typing import Iterable, Optional

from minsheng_cli.ledger.model import Plan, Project, Record, Target
from minsheng_cli.reporting.forecast import ProjectForecast, TargetForecast, project_forecast, target_forecast, window_start
from minsheng_cli.reporting.periods import Period
from minsheng_cli.reporting.schedule import (
    BEHIND, CountyState, ProjectState, RecordIndex, TargetState, assess_project, assess_targets, elapsed_share, fraction,
    gap_points,
)
from minsheng_cli.reporting.spec import ReportSpec

SUMMARY_KEYS = ("completed", "ahead", "on_track", "lagging", "seriously_lagging", "overdue", "not_started", "not_reported")
ON_SCHEDULE = ("ahead", "on_track", "completed")


# --- the report's data -----------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Said:
    """One text a unit recorded: what, when, and for which county (None: the whole project)."""

    text: str
    date: dt.date
    county: Optional[str] = None
    earlier: bool = False  # recorded before the report's period: shown only with its date


NOTE_FIELDS = ("note", "problem", "next")  # 进展情况, 存在问题, 下步打算


@dataclass(eq=False)
class Notes:
    """The texts that apply, per field: those of the period (the latest of the project and of each
    county that wrote one), else the latest earlier one, dated."""

    note: list[Said] = field(default_factory=list)  # 进展情况
    problem: list[Said] = field(default_factory=list)  # 存在问题
    next: list[Said] = field(default_factory=list)  # 下步打算

    def __bool__(self) -> bool:
        return bool(self.note or self.problem or self.next)

    @property
    def current(self) -> bool:
        """Whether any text was recorded in the report's period."""
        return any(not said.earlier for said in self.note + self.problem + self.next)


@dataclass(eq=False)
class TargetLine:
    now: TargetState
    before: TargetState  # as of the previous period's end
    notes: Notes
    forecast: Optional[TargetForecast] = None  # 年底预计 and the rest (forecast.py)

    @property
    def target(self) -> Target:
        return self.now.target

    @property
    def delta(self) -> Optional[Decimal]:
        """本期完成: the change in the actual since the previous period's end; None when no value
        was recorded in the period (it reads —, not 0个)."""
        if self.target.kind in ("milestone", "continuing"):
            return None
        if self.now.as_of is None or self.now.as_of <= self.before.day:
            return None
        if not isinstance(self.now.actual, Decimal) or not isinstance(self.before.actual, Decimal):
            return None
        return self.now.actual - self.before.actual

    @property
    def open_items(self) -> list[str]:
        """The checklist items still to do, while the checklist is unfinished."""
        if self.target.kind != "checklist" or self.now.finished:
            return []
        return self.now.missing_items

    @property
    def new_items(self) -> list[str]:
        """Milestone steps (or checklist items) done since the previous period's end."""
        return [item for item in self.now.done_items if item not in self.before.done_items]


@dataclass(eq=False)
class ProjectLine:
    now: ProjectState
    before: ProjectState  # as of the previous period's end
    targets: list[TargetLine]
    notes: Notes
    forecast: Optional[ProjectForecast] = None

    @property
    def project(self) -> Project:
        return self.now.project

    @property
    def status(self) -> str:
        return self.now.status

    @property
    def principal(self) -> TargetLine:
        """The target whose figures stand for the project: the first counted one with a figure
        (count or level), else the first counted one (a milestone or checklist) — among those
        reported when any is, so that a project judged on what was reported shows a reported figure."""
        counted = [line for line in self.targets if line.target.counted] or self.targets
        numeric = [line for line in counted if line.target.kind in ("count", "level")]
        reported = [line for line in numeric if line.now.reported]
        return (reported or numeric or counted)[0]

    @property
    def counted_count(self) -> int:
        return sum(1 for line in self.targets if line.target.counted)


@dataclass(eq=False)
class Summary:
    projects: int
    counts: dict[str, int]  # projects per status class (SUMMARY_KEYS); they add up to `projects`
    completion: Optional[Fraction]  # mean over the projects with a known completion
    expected: Optional[Fraction]

    @property
    def gap(self) -> Optional[Decimal]:
        return gap_points(self.completion, self.expected)


@dataclass(eq=False)
class Report:
    plan: Plan
    spec: ReportSpec
    projects: list[ProjectLine]  # shown (after every filter)
    scope: list[ProjectLine]  # counted in the summary (before the --status filter)
    summary: Summary
    index: Optional[RecordIndex] = None  # what the report was judged from (连续滞后月数 reads it again)

    @cached_property
    def streaks(self) -> dict:
        """连续滞后月数 of the projects and targets behind schedule (streak.lagging_streaks), judged
        only when asked: a terminal report does not pay for it."""
        from minsheng_cli.reporting.streak import lagging_streaks

        behind = [line.project.id for line in self.projects
                  if line.status in BEHIND or any(t.now.status in BEHIND for t in line.targets)]
        if self.index is None or not behind:
            return {}
        return lagging_streaks(self.plan, self.index, self.as_of, behind)

    # project id → escalation.Oversight (months behind in a row, the ladder's rung, the office's
    # own entry): filled by the command for `--detail` and the 通报, empty otherwise
    oversight: dict = field(default_factory=dict)
    supervision: object = None  # the office's supervision/YYYY-MM.yaml for the period (ledger.supervision.Supervision)

    @property
    def period(self) -> Period:
        return self.spec.period

    @property
    def as_of(self) -> dt.date:
        return self.period.as_of

    @property
    def after_plan(self) -> bool:
        return self.as_of > self.plan.end

    @property
    def time_share(self) -> Fraction:
        """The plan's own 序时进度 at the report date (the title block's 序时进度)."""
        return elapsed_share(self.plan.start, self.plan.end, self.as_of)


# --- building --------------------------------------------------------------------------------
def build_report(plan: Plan, index: RecordIndex, spec: ReportSpec) -> Report:
    """Judge every project of the spec's scope as of the period's end and the previous period's end."""
    chosen = set(spec.scope.projects)
    scope = [_project_line(plan, project, index, spec.period) for project in plan.projects if project.id in chosen]
    shown = [line for line in scope if spec.statuses is None or line.status in spec.statuses]
    return Report(plan, spec, shown, scope, summarize(scope), index)


def _project_line(plan: Plan, project: Project, index: RecordIndex, period: Period) -> ProjectLine:
    now = assess_project(plan, project, index, period.as_of)
    before = assess_project(plan, project, index, period.previous)
    said = [r for r in index.notes.get(project.id, []) if r.date <= period.as_of]
    said_of_target: dict[Optional[str], list[Record]] = {}
    for record in said:
        said_of_target.setdefault(record.target, []).append(record)
    window = assess_targets(plan, project, index, window_start(period.as_of))
    targets = [
        TargetLine(t_now, t_before, latest_notes(said_of_target.get(t_now.target.id, []), period.previous),
                   target_forecast(t_now, t_window, period.as_of))
        for t_now, t_before, t_window in zip(now.targets, before.targets, window)
    ]
    line = ProjectLine(now, before, targets, latest_notes(said, period.previous))
    counted = [(t.now, t.forecast) for t in targets if t.target.counted]
    line.forecast = project_forecast(now.status, counted, line.principal.forecast if targets else None)
    return line


def latest_notes(records: list[Record], previous_end: dt.date) -> Notes:
    """Per field, the texts of the period (after `previous_end`): the latest one of the project
    and of each county, in the order of those texts; without any, the latest earlier text,
    marked `earlier`. Records are in date order; read from the newest back, stopping once every
    field is settled (a year of weekly notes is not read for a December report)."""
    current: dict[str, dict[Optional[str], Said]] = {name: {} for name in NOTE_FIELDS}
    earlier: dict[str, Said] = {}
    unsettled: Optional[list[str]] = None  # the fields with no text of the period, once past it
    for record in reversed(records):
        if record.date > previous_end:
            for name in NOTE_FIELDS:
                text = getattr(record, name)
                if text and record.county not in current[name]:
                    current[name][record.county] = Said(text, record.date, record.county)
            continue
        if unsettled is None:
            unsettled = [name for name in NOTE_FIELDS if not current[name]]
        if not unsettled:
            break
        texts = [(name, getattr(record, name)) for name in unsettled]
        if any(text for _, text in texts):
            earlier.update((name, Said(text, record.date, record.county, earlier=True)) for name, text in texts if text)
            unsettled = [name for name in unsettled if name not in earlier]
    notes = Notes()
    for name in NOTE_FIELDS:
        chosen = list(reversed(current[name].values())) or ([earlier[name]] if name in earlier else [])
        setattr(notes, name, chosen)
    return notes


def status_counts(lines: Iterable[ProjectLine]) -> dict[str, int]:
    counts = {key: 0 for key in SUMMARY_KEYS}
    for line in lines:
        counts[line.status] += 1
    return counts


def summarize(lines: list[ProjectLine]) -> Summary:
    known = [line.now for line in lines if line.status != "not_reported" and line.now.completion is not None]
    completion = sum((s.completion for s in known), Fraction(0)) / len(known) if known else None
    expected = sum((s.expected for s in known), Fraction(0)) / len(known) if known else None
    return Summary(len(lines), status_counts(lines), completion, expected)


# --- the lists after the table ---------------------------------------------------------------
@dataclass(eq=False)
class Lag:
    """One entry of the lagging list: a project behind schedule, or a target behind schedule in
    a project that is not."""

    line: ProjectLine
    target: Optional[TargetLine]  # None: the project itself
    status: str
    completion: Optional[Fraction]
    gap: Optional[Decimal]
    concerned: list[TargetLine]  # the overdue counted targets of a project, or the target itself
    notes: Notes  # the latest 存在问题 and 下步打算 that apply
    expected: Optional[Fraction] = None  # 序时进度 of the project (or the target)
    streak: int = 0  # 连续滞后月数: month ends behind in a row, up to the report date


def lagging(report: Report, streaks: bool = False) -> list[Lag]:
    """Each lagging, seriously lagging or overdue project, and each such target of an otherwise
    on-schedule project (e.g. a policy 中断 in a finished project). `streaks`: with 连续滞后月数
    (judged again at each earlier month end; the text formats do without)."""
    found = report.streaks if streaks else {}
    entries = []
    for line in report.projects:
        if line.status in BEHIND:
            overdue = [t for t in line.targets if t.now.status == "overdue" and t.target.counted]
            entries.append(Lag(line, None, line.status, line.now.completion, line.now.gap, overdue, line.notes,
                               line.now.expected, found.get((line.project.id, None), 0)))
        elif line.status in ON_SCHEDULE:
            for t in line.targets:
                if t.now.status in BEHIND:
                    notes = Notes([], t.notes.problem or line.notes.problem, t.notes.next or line.notes.next)
                    entries.append(Lag(line, t, t.now.status, t.now.completion, t.now.gap, [t], notes,
                                       t.now.expected, found.get((line.project.id, t.target.id), 0)))
    return entries


def unreported(report: Report) -> list[ProjectLine]:
    return [line for line in report.projects if line.status == "not_reported"]


def unreported_targets(report: Report) -> list[tuple[ProjectLine, TargetLine]]:
    """Counted targets without a record in projects that did report (flag partial_targets)."""
    return [
        (line, t) for line in report.projects if "partial_targets" in line.now.flags
        for t in line.targets if t.target.counted and t.now.status == "not_reported"
    ]


def stale(report: Report) -> list[ProjectLine]:
    return [line for line in report.projects if "stale" in line.now.flags]


# --- by county -------------------------------------------------------------------------------
@dataclass(eq=False)
class CountyLine:
    name: str
    states: list[Optional[CountyState]]  # per by-county target; None: the target does not concern it
    completion: Optional[Fraction]  # weighted mean over its reported allocated figures (None: not ranked)
    allocated: bool  # it has an allocation (county_targets) on a shown target: it can be ranked
    rank: Optional[int] = None

    @property
    def unreported(self) -> bool:
        """Allocated figures but none reported: 未报送, not 0%."""
        return self.allocated and self.completion is None


@dataclass(eq=False)
class CountyGroup:
    kind: str  # county (县（市、区）) | zone (功能区): ranked apart
    lines: list[CountyLine]  # ranked, then the unranked in plan order


@dataclass(eq=False)
class CountyRanking:
    targets: list[tuple[ProjectLine, TargetLine]]  # the shown by-county targets
    groups: list[CountyGroup]  # only groups with a county concerned

    @property
    def ranked(self) -> bool:
        """Whether any county has an allocation to be ranked on (else: values only, no rank column)."""
        return any(line.allocated for group in self.groups for line in group.lines)


def county_ranking(report: Report) -> Optional[CountyRanking]:
    """Each county's figures on the by_county targets and its completion on the allocated ones;
    None when no shown project has a by_county target."""
    chosen = [(line, t) for line in report.projects for t in line.targets if t.target.by_county]
    if not chosen:
        return None
    plan = report.plan
    kinds = {c.name: c.kind for c in plan.settings.counties}
    concerned = [name for name in plan.county_names if any(name in plan.counties_of(t.target) for _, t in chosen)]
    groups = [
        CountyGroup("county", _ranked([_county_line(n, chosen) for n in concerned if kinds.get(n) != "zone"])),
        CountyGroup("zone", _ranked([_county_line(n, chosen) for n in concerned if kinds.get(n) == "zone"])),
    ]
    return CountyRanking(chosen, [group for group in groups if group.lines])


def _county_line(name: str, chosen: list[tuple[ProjectLine, TargetLine]]) -> CountyLine:
    """A county's figures, and its completion over the allocated figures it reported (an
    allocated figure it never reported is left out, as a project's unreported target is)."""
    states, shares, weights, allocated = [], [], [], False
    for _, t in chosen:
        county = next((c for c in (t.now.counties or []) if c.name == name), None)
        states.append(county)
        if county is None or county.target is None:
            continue
        allocated = True
        if county.actual is not None:
            shares.append(min(county.completion or Fraction(0), Fraction(1)) * fraction(t.target.weight))
            weights.append(fraction(t.target.weight))
    completion = sum(shares, Fraction(0)) / sum(weights, Fraction(0)) if weights and sum(weights) else None
    return CountyLine(name, states, completion, allocated)


def _ranked(lines: list[CountyLine]) -> list[CountyLine]:
    """Best completion first; equal completions share a rank (1, 2, 2, 4); the unranked last."""
    ranked = sorted((line for line in lines if line.completion is not None), key=lambda line: -line.completion)
    previous, rank = None, 0
    for position, line in enumerate(ranked, 1):
        if line.completion != previous:
            rank, previous = position, line.completion
        line.rank = rank
    return ranked + [line for line in lines if line.completion is None]
