"""Plausible values (PRODUCT.md §4): the classic sheet mistakes, found before a record is written.

A 万 slip (12000 typed for 1.2), a county typing the city's figure, a half household. `doubts`
says why a value needs confirming — [] when it is plausible — and is the one place that knows
the rule; `recording.prepare` applies it to every record `update` and `import` write (refused
unless `--confirm` / `--accept-outliers`).

The rule, for count and level targets:
- (a) above 3× the annual target (超额完成 up to 3× is normal); for a county's figure, above 3×
  the county's allocation (`county_targets`), and above the city-wide target itself (one county
  cannot have done more than the whole city was to do). The annual target is the largest figure
  the plan gives the target (its own, or a revision's): a bound, not a schedule.
- (b) a jump above 10× the previous value, once the previous value was at least 5% of the target
  (early small figures grow fast legitimately). The previous value is the latest earlier value in
  force of the same series (target, county); for a level target without one, its baseline. "The
  target" is the county's allocation for a county that has one, else the target's figure.
- (c) a fraction where the unit counts whole things (`settings.whole_units`) — unless the plan's
  own figures for the target are fractional (千人口托位数 4.4 个 is a ratio, not a count).

Level targets are judged like counts, on the value itself (a level is an absolute figure: the
slips are about its magnitude); the baseline serves as the previous value of the first record.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Iterable, Optional

from minsheng_cli.ledger.model import NUMERIC_KINDS, Plan, Target
from minsheng_cli.ledger.numbers import format_number
from minsheng_cli.words import progress as M

OVER_TARGET = Decimal(3)  # 超额完成 up to 3× the target is normal
JUMP = Decimal(10)  # a cumulative figure that grows more than 10× at once …
JUMP_FROM_SHARE = Decimal("0.05")  # … once it stood at 5% of the target or more


def doubts(plan: Plan, target: Target, county: Optional[str], value: object,
           previous: Optional[tuple[dt.date, Decimal]] = None) -> list[str]:
    """Why `value` (for `target`, `county`) needs confirming; [] when it is plausible.
    `previous`: the latest earlier (date, value) in force of the same series, if any."""
    if target.kind not in NUMERIC_KINDS or not isinstance(value, Decimal):
        return []
    figure, allocation = annual_figure(target), _allocation(target, county)
    return [*_above_target(target, county, value, figure, allocation), *_jump(target, value, previous, figure, allocation),
            *_fraction(plan, target, value)]


def _above_target(target: Target, county: Optional[str], value: Decimal, figure: Optional[Decimal],
                  allocation: Optional[Decimal]) -> Iterable[str]:
    if allocation is not None and allocation > 0 and value > OVER_TARGET * allocation:
        yield M.REC_DOUBT_OVER_ALLOCATION.format(value=_shown(value), county=county, allocation=_shown(allocation),
                                                 unit=target.unit or "", times=_shown(OVER_TARGET))
    if figure is None or figure <= 0:
        return
    if county is not None and value > figure:
        yield M.REC_DOUBT_OVER_CITY.format(value=_shown(value), county=county, target=_shown(figure), unit=target.unit or "")
    elif county is None and value > OVER_TARGET * figure:
        yield M.REC_DOUBT_OVER_TARGET.format(value=_shown(value), target=_shown(figure), unit=target.unit or "", times=_shown(OVER_TARGET))


def _jump(target: Target, value: Decimal, previous: Optional[tuple[dt.date, Decimal]], figure: Optional[Decimal],
          allocation: Optional[Decimal]) -> Iterable[str]:
    day, before = previous if previous is not None else (None, _baseline(target))
    reference = allocation if allocation is not None else figure
    if before is None or before <= 0 or reference is None or reference <= 0:
        return
    if before >= JUMP_FROM_SHARE * reference and value > JUMP * before:
        if day is None:
            yield M.REC_DOUBT_JUMP_BASELINE.format(value=_shown(value), previous=_shown(before), times=_shown(JUMP))
        else:
            yield M.REC_DOUBT_JUMP.format(value=_shown(value), previous=_shown(before), date=day, times=_shown(JUMP))


def _fraction(plan: Plan, target: Target, value: Decimal) -> Iterable[str]:
    if value == value.to_integral_value() or target.unit not in plan.settings.whole_units:
        return
    if all(figure == figure.to_integral_value() for figure in _plan_figures(target)):
        yield M.REC_DOUBT_FRACTION.format(value=_shown(value), unit=target.unit)


def annual_figure(target: Target) -> Optional[Decimal]:
    """The largest figure the plan gives the target: its own, or a revision's."""
    if not target.revisions:  # the common case (an import asks for every row)
        return target.target
    figures = [f for f in (target.target, *(r.target for r in target.revisions)) if f is not None]
    return max(figures) if figures else None


def _allocation(target: Target, county: Optional[str]) -> Optional[Decimal]:
    return (target.county_targets or {}).get(county) if county is not None else None


def _baseline(target: Target) -> Optional[Decimal]:
    return target.baseline if target.kind == "level" else None


def _plan_figures(target: Target) -> list[Decimal]:
    """Every figure the plan writes for the target, in its unit."""
    figures = [target.target, target.baseline, *(target.county_targets or {}).values()]
    figures += [point.value for point in target.milestones]
    for revision in target.revisions:
        figures += [revision.target, *(point.value for point in revision.milestones or ())]
    return [f for f in figures if f is not None]


def _shown(value: Decimal) -> str:
    return format_number(value)
