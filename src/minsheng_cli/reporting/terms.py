"""序时进度 arithmetic: exact numbers, time counted in months, the terms in force at a date, and
the share of a target that is expected by then (PRODUCT.md §2 "Schedule").

Fractions (`fractions.Fraction`) carry every ratio, so 0.1 + 0.2 is 0.3 and the end of June is
exactly half of a calendar year. Gaps are rounded half up to 0.1 percentage point *before* the
thresholds apply, so what a report shows is what was judged. Dated milestone steps give a
stepwise schedule: by a step's date, that many steps are due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Optional

from minsheng_cli.ledger.dates import month_end
from minsheng_cli.ledger.model import PlannedPoint, Target

HUNDRED = Fraction(100)


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


def shown_change(now: Fraction, before: Fraction) -> Decimal:
    """A change in percentage points as the reader can check it: the difference of the two shares
    as shown, each rounded once (72.0% → 82.5% is +10.5) — 较上期 in reports, 完成率 in diff."""
    return points(now) - points(before)


def percent_text(share: Optional[Fraction], missing: str) -> str:
    """0.625 → 62.5%, as every output shows a share (`missing` where there is none)."""
    return missing if share is None else f"{points(share)}%"


def points_text(value: Optional[Decimal], missing: str) -> str:
    """较上期, gaps and diff's changes in 个百分点: +11.0, -3.5, 0.0 (`missing` where there is none)."""
    if value is None:
        return missing
    return f"+{value:.1f}" if value > 0 else f"{value:.1f}"


def gap_points(completion: Optional[Fraction], expected: Optional[Fraction]) -> Optional[Decimal]:
    """The gap between the two figures as shown (each rounded to 0.1 point): what is shown is
    what is judged, so 40.1% against 50.0% is −9.9, never −10.0."""
    if completion is None or expected is None:
        return None
    return points(completion) - points(expected)


# --- time counted in months (序时进度) -------------------------------------------------------
def month_position(day: dt.date, end_of_day: bool = True) -> Fraction:
    """Months since year 0 at the end (or start) of `day`: every month weighs 1, days within a
    month count proportionally."""
    days = month_end(day.year, day.month).day
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


# --- the plan's terms at a date --------------------------------------------------------------
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


# --- what is expected by a date ---------------------------------------------------------------
def expected_share(target: Target, terms: Terms, baseline: Optional[Decimal], day: dt.date) -> Optional[Fraction]:
    """The share of the target due by the end of `day` (序时进度); None when it cannot be known
    (a continuing target, a level target without a baseline)."""
    kind = target.kind
    if kind == "continuing":
        return None
    if kind == "milestone":
        return _expected_milestone(target, terms, day)
    curve = schedule_curve(target, terms, baseline)
    if curve is None:
        return None
    return max(Fraction(0), interpolate(curve, month_position(day)))


def schedule_curve(target: Target, terms: Terms, baseline: Optional[Decimal]) -> Optional[list[tuple[Fraction, Fraction]]]:
    """The schedule of a count, level or checklist target as (month position, expected share)
    points, straight from start to due or through its 节点目标; None when it cannot be known.
    序时进度 reads it forwards, the forecast's "滞后约N个月" backwards."""
    begin, end = month_position(terms.start, end_of_day=False), month_position(terms.due)
    if not terms.milestones:
        return [(begin, Fraction(0)), (end, Fraction(1))]
    base = fraction(baseline) if target.kind == "level" and baseline is not None else Fraction(0)
    if (target.kind == "level" and baseline is None) or terms.figure is None:
        return None
    figure = fraction(terms.figure)
    if figure == base:
        return None
    planned = [(begin, base)]
    planned += [(month_position(p.date), fraction(p.value)) for p in sorted(terms.milestones, key=lambda p: p.date)]
    planned.append((end, figure))
    return [(position, (value - base) / (figure - base)) for position, value in planned]


def _expected_milestone(target: Target, terms: Terms, day: dt.date) -> Fraction:
    if day >= terms.due:
        return Fraction(1)
    if not target.steps:
        return Fraction(0)
    due_steps = [index for index, step in enumerate(target.steps, 1) if step.due is not None and step.due <= day]
    return Fraction(max(due_steps, default=0), len(target.steps))
