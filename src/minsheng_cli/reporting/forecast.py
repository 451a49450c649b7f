"""The year-end forecast (PRODUCT.md §7 "Forecast"): one-sentence arithmetic an office can put in
a 通报, exact (Fractions), no curve fitting. Pure functions; `target_forecast` and
`project_forecast` put them together from the report's states.

Each rule, in one sentence (the README has a worked example whose numbers a test checks):
- 近3个月月均 (`recent_pace`): what the actual gained over the last three months (since the
  target's start when it began later), divided by those months; a fall (a correction) counts as 0.
- 年底预计 (`projection`): the actual now plus 近3个月月均 × the months left until the target is due.
- 需月均 (`needed_pace`): what is left of the target divided by the months left (0 once reached).
- 压力系数 (`pressure`): 需月均 ÷ 近3个月月均 (none when nothing was gained: 进度停滞 says it).
- 滞后约N个月 (`months_behind`): how many months ago the schedule (序时进度, with its 节点目标)
  last stood where the actual stands now, rounded half up.
- 进度停滞 (`stalled`): an unfinished target whose completion did not move in the last three
  full months (a milestone without steps is not judged: it has nothing partial to move).
- 预警 (`warns`): a target still ahead of or on schedule whose 年底预计 falls short of its target.
Milestones and checklists are not extrapolated: they get their stage (steps or items done).
Months are counted as 序时进度 counts them (`terms.month_position`), so June 30 → Dec 31 is 6.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Optional

from minsheng_cli.reporting.terms import fraction, month_position, schedule_curve
from minsheng_cli.ledger.dates import month_end

WINDOW_MONTHS = 3  # "the last three months": the span of 近3个月月均 and of 进度停滞
ON_SCHEDULE = ("ahead", "on_track")
EXTRAPOLATED = ("count", "level")
STAGED = ("milestone", "checklist")


# --- the rules -------------------------------------------------------------------------------
def window_start(day: dt.date, months: int = WINDOW_MONTHS) -> dt.date:
    """The same point `months` earlier: a month's end goes to a month's end (6-30 → 3-31), any
    other day to the same day, clipped to the shorter month."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last = month_end(year, month).day
    if day.day == month_end(day.year, day.month).day:
        return dt.date(year, month, last)
    return dt.date(year, month, min(day.day, last))


def months_between(earlier: dt.date, later: dt.date) -> Fraction:
    """Months from the end of `earlier` to the end of `later` (6-30 → 12-31 is 6)."""
    return month_position(later) - month_position(earlier)


def recent_pace(now: Fraction, then: Fraction, months: Fraction) -> Optional[Fraction]:
    """近3个月月均: the gain per month over `months`; a fall counts as no gain."""
    if months <= 0:
        return None
    return max(Fraction(0), now - then) / months


def projection(now: Fraction, pace: Optional[Fraction], months_left: Fraction) -> Fraction:
    """年底预计 = now + pace × months left (now when no pace is known or nothing is left)."""
    if pace is None or months_left <= 0:
        return now
    return now + pace * months_left


def needed_pace(figure: Fraction, now: Fraction, months_left: Fraction) -> Optional[Fraction]:
    """需月均 = what is left ÷ months left; 0 once the figure is reached; None after the due date."""
    if now >= figure:
        return Fraction(0)
    if months_left <= 0:
        return None
    return (figure - now) / months_left


def pressure(needed: Optional[Fraction], pace: Optional[Fraction]) -> Optional[Fraction]:
    """压力系数 = 需月均 ÷ 近3个月月均; above 1 means the pace must rise. None without a pace."""
    if needed is None or pace is None or pace == 0:
        return None
    return needed / pace


def months_behind(curve: list[tuple[Fraction, Fraction]], completion: Fraction, now: Fraction) -> Optional[int]:
    """滞后约N个月: months from the moment the schedule reached `completion` to `now`, rounded
    half up; None when the actual is not behind the schedule by half a month or more."""
    reached = reached_at(curve, completion)
    if reached >= now:
        return None
    months = int(((now - reached) * 2 + 1) // 2)
    return months or None


def reached_at(curve: list[tuple[Fraction, Fraction]], share: Fraction) -> Optional[Fraction]:
    """The latest month position where the schedule `curve` stood at `share` (on a flat stretch
    of 节点目标, its end: the schedule stood there until then)."""
    position = curve[0][0]
    for (x0, y0), (x1, y1) in zip(curve, curve[1:]):
        if y1 <= share:
            position = x1
            continue
        if y0 <= share:
            return x0 + (share - y0) * (x1 - x0) / (y1 - y0)
        break
    return position


def stalled(now: Fraction, then: Fraction, full_window: bool, finished: bool) -> bool:
    """进度停滞: unfinished and no gain over a full window."""
    return full_window and not finished and now <= then


def warns(status: Optional[str], projected: Optional[Fraction], figure: Optional[Fraction]) -> bool:
    """预警: still ahead or on track, yet heading below the target by the year's end."""
    return status in ON_SCHEDULE and projected is not None and figure is not None and projected < figure


# --- a target's and a project's forecast ------------------------------------------------------
@dataclass(eq=False)
class Stage:
    """Where a milestone or checklist stands: done of total, and what comes next (no extrapolation)."""

    done: int
    total: int  # a milestone's steps; a checklist's required items
    next: Optional[str]  # the first step or item not done


@dataclass(eq=False)
class TargetForecast:
    kind: str  # count, level, milestone, checklist (continuing targets get none)
    figure: Optional[Fraction] = None  # the target in force, in its unit
    actual: Optional[Fraction] = None
    pace: Optional[Fraction] = None  # 近3个月月均, per month
    months_left: Optional[Fraction] = None
    projected: Optional[Fraction] = None  # 年底预计, in the unit
    projected_share: Optional[Fraction] = None  # 年底预计 as a share of the target (level: of the rise)
    needed: Optional[Fraction] = None  # 需月均
    pressure: Optional[Fraction] = None
    months_behind: Optional[int] = None
    stalled: bool = False
    warning: bool = False
    stage: Optional[Stage] = None

    @property
    def short(self) -> bool:
        """年底预计 falls short of the target (whatever the status)."""
        return self.projected is not None and self.figure is not None and self.projected < self.figure


def target_forecast(now, then, day: dt.date) -> Optional[TargetForecast]:
    """The forecast of one target judged `now` (a TargetState at `day`) with `then` (the same
    target at `window_start(day)`); None for a continuing target, an unreported or not started one,
    or one without a known completion."""
    target = now.target
    if target.kind not in EXTRAPOLATED + STAGED or not now.reported or now.status == "not_started" or now.completion is None:
        return None
    start, due = now.terms.start, now.terms.due
    begin = max(window_start(day), start - dt.timedelta(days=1))
    window = months_between(begin, day)
    full = window_start(day) >= start - dt.timedelta(days=1)
    finished = now.completion >= 1
    is_stalled = stalled(now.completion, then.completion if then.completion is not None else Fraction(0), full, finished)
    if target.kind in STAGED:
        return TargetForecast(target.kind, stage=stage_of(now), stalled=is_stalled and judged_for_stalling(target))
    figure, actual = fraction(now.terms.figure), fraction(now.actual)
    before = fraction(then.actual) if then.actual is not None else actual
    months_left = max(Fraction(0), months_between(day, due))
    pace = recent_pace(actual, before, window)
    projected = projection(actual, pace, months_left)
    base = fraction(now.baseline) if target.kind == "level" else Fraction(0)
    projected_share = max(Fraction(0), (projected - base) / (figure - base)) if figure != base else None
    needed = needed_pace(figure, actual, months_left)
    curve = schedule_curve(target, now.terms, now.baseline)
    behind = months_behind(curve, min(now.completion, Fraction(1)), month_position(day)) if curve and not finished else None
    return TargetForecast(
        target.kind, figure, actual, pace, months_left, projected, projected_share, needed, pressure(needed, pace),
        behind, is_stalled, warns(now.status, projected, figure),
    )


def judged_for_stalling(target) -> bool:
    """A milestone without steps has nothing partial that could move: 进度停滞 does not judge it."""
    return target.kind != "milestone" or bool(target.steps)


def stage_of(state) -> Stage:
    """Steps done of a milestone's steps (a milestone without steps is one step), or items done
    of a checklist's required items; the first one still to do."""
    target = state.target
    if target.kind == "milestone":
        total = len(target.steps) or 1
        done = total if state.actual else len(state.done_items)
    else:
        total, done = int(state.terms.figure), len(state.done_items)
    return Stage(done, total, None if state.finished or not state.missing_items else state.missing_items[0])


@dataclass(eq=False)
class ProjectForecast:
    """A project's forecast: its principal target's figures, and what its counted targets say."""

    principal: Optional[TargetForecast]
    months_behind: Optional[int]  # the most behind of its counted count/level targets
    stalled: bool  # every unfinished counted target stalled
    warning: bool  # still on schedule, yet a counted count/level target heads below its target
    short: list = field(default_factory=list)  # the counted TargetStates heading below their target

    @property
    def notable(self) -> bool:
        return self.stalled or bool(self.short)


def project_forecast(status: str, counted: list, principal: Optional[TargetForecast]) -> ProjectForecast:
    """`counted`: (TargetState, TargetForecast or None) of the project's counted targets."""
    judged = [(state, forecast) for state, forecast in counted if forecast is not None]
    short = [state for state, forecast in judged if forecast.short]
    behind = [forecast.months_behind for _, forecast in judged if forecast.months_behind is not None]
    # a milestone without steps is not judged for 进度停滞, so it neither makes nor spoils the project's
    unfinished = [forecast for state, forecast in judged if not state.finished and judged_for_stalling(state.target)]
    is_stalled = status not in ("completed", "not_reported", "not_started") and bool(unfinished) and all(
        forecast.stalled for forecast in unfinished)
    warning = status in ON_SCHEDULE and bool(short)
    return ProjectForecast(principal, max(behind, default=None), is_stalled, warning, short)
