"""What `show P` prints about each target, as plain data: the whole target, not only its figure.

For every target: kind, figure and unit in force, baseline, start–due, weight (监测指标 / 不计入),
the value in force now; and its details — the notice's words (quote), the plan's note, a
checklist's items and `required`, a milestone's steps, each with its state (done on which date /
not yet), 节点目标, the counties concerned with their allocations and latest values, and the
revisions with whether they are in force. The facts come from the in-force engine (one fold);
the terms from `terms.terms_at`. No printing here: commands/show.py renders the rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from minsheng_cli.words import commands as M, vocab as vocab_words
from minsheng_cli.ledger.history import means_done
from minsheng_cli.ledger.in_force import EMPTY_HISTORY, InForce, TargetHistory
from minsheng_cli.ledger.model import Plan, Project, Revision, Target
from minsheng_cli.reporting.terms import Terms, terms_at


@dataclass(frozen=True, eq=False)
class Detail:
    """One line of a target's details: what it is (明细), its text (内容), its state and date."""

    label: str
    text: str
    state: str = ""
    date: Optional[dt.date] = None


@dataclass(eq=False)
class TargetView:
    target: Target
    terms: Terms  # figure, due and 节点目标 in force at the day shown
    latest: Optional[object] = None  # the value in force now (by-county values summed)
    latest_date: Optional[dt.date] = None
    details: list[Detail] = field(default_factory=list)
    county_values: dict[str, object] = field(default_factory=dict)  # a by-county target: county -> latest value


def weight_word(target: Target):
    """What a target's weight means for completion: 监测指标 (0), 不计入 (continuing), else the weight."""
    if target.weight == 0:
        return M.WEIGHT_ZERO
    if target.kind == "continuing":
        return M.NOT_COUNTED
    return target.weight


def figure_in_force(target: Target, terms: Terms):
    """The number the target is held to at the day shown (a checklist: the items required)."""
    return terms.figure if target.kind in ("count", "level", "checklist") else None


def unit_word(target: Target) -> str:
    return target.unit or (M.SHOW_CHECKLIST_UNIT if target.kind == "checklist" else "")


def baseline_word(target: Target):
    if target.baseline is not None:
        return target.baseline
    return M.SHOW_BASELINE_FROM_RECORD if target.baseline_from == "record" else ""


def target_views(plan: Plan, project: Project, in_force: InForce, today: dt.date) -> list[TargetView]:
    return [target_view(plan, project, target, in_force.history(project.id, target.id), today) for target in project.targets]


def target_view(plan: Plan, project: Project, target: Target, history: TargetHistory, today: dt.date) -> TargetView:
    terms = terms_at(target, today)
    view = TargetView(target, terms)
    view.latest, view.latest_date = latest_of(history)
    view.county_values = {county: series.values[-1] for county, series in history.series.items() if county and series.dates}
    view.details = [
        *text_details(target),
        *checklist_details(target, history),
        *step_details(target, history),
        *planned_details(target, terms),
        *county_details(plan, target, history),
        *revision_details(target, today),
    ]
    return view


def latest_of(history: TargetHistory) -> tuple[Optional[object], Optional[dt.date]]:
    """The value in force now: items and steps listed, by-county values summed (show's 最新值)."""
    if history is EMPTY_HISTORY:
        return None, None
    if history.items:
        return "、".join(item for _, item in history.items), history.items[-1][0]
    if history.series:
        last = [(series.dates[-1], series.values[-1]) for series in history.series.values()]
        values = [value for _, value in last]
        shown = sum(values) if all(not isinstance(v, str) for v in values) else "、".join(map(str, values))
        return shown, max(date for date, _ in last)
    return None, None


def text_details(target: Target) -> list[Detail]:
    details = []
    if target.quote:
        details.append(Detail(M.SHOW_QUOTE, target.quote.strip()))
    if target.note:
        details.append(Detail(M.SHOW_NOTE, target.note.strip()))
    return details


def first_dates(history: TargetHistory) -> dict[str, dt.date]:
    """Each item or step in force, with the date it was first recorded (all counties)."""
    found: dict[str, dt.date] = {}
    for date, item in history.items:
        if item not in found or date < found[item]:
            found[item] = date
    return found


def checklist_details(target: Target, history: TargetHistory) -> list[Detail]:
    if target.kind != "checklist":
        return []
    done = first_dates(history)
    finished = [item for item in target.items if item in done]
    details = [Detail(M.SHOW_REQUIRED, M.SHOW_REQUIRED_TEXT.format(required=target.required_items, items=len(target.items)),
                      M.SHOW_REQUIRED_STATE.format(done=len(finished)))]
    for item in target.items:
        details.append(Detail(M.SHOW_ITEM, item, M.STATE_DONE if item in done else M.STATE_NOT_YET, done.get(item)))
    return details


def step_details(target: Target, history: TargetHistory) -> list[Detail]:
    """A milestone's steps with their state; `done` recorded finishes every step (as the report
    judges it); a milestone without steps gets one line for the whole."""
    if target.kind != "milestone":
        return []
    recorded = first_dates(history)
    whole = min((date for item, date in recorded.items() if means_done(item)), default=None)
    if not target.steps:
        return [Detail(M.SHOW_MILESTONE, target.name, M.STATE_DONE if whole else M.STATE_NOT_YET, whole)]
    details = []
    for step in target.steps:
        date = recorded.get(step.name, whole)
        text = step.name + (M.SHOW_STEP_DUE.format(due=step.due) if step.due else "")
        details.append(Detail(M.SHOW_STEP, text, M.STATE_DONE if date else M.STATE_NOT_YET, date))
    return details


def planned_details(target: Target, terms: Terms) -> list[Detail]:
    return [
        Detail(M.SHOW_PLANNED, M.SHOW_PLANNED_TEXT.format(date=point.date, value=number_text(point.value), unit=unit_word(target))
               + (f"（{point.source}）" if point.source else ""))
        for point in terms.milestones
    ]


def county_details(plan: Plan, target: Target, history: TargetHistory) -> list[Detail]:
    """Every county the target concerns: its allocation, and its latest value or 未报送."""
    if not target.by_county:
        return []
    unit = unit_word(target)
    allocations = target.county_targets or {}
    details = []
    for county in plan.counties_of(target):
        series = history.series.get(county)
        text = county + (M.SHOW_ALLOCATION.format(value=number_text(allocations[county]), unit=unit) if county in allocations else "")
        if series is None or not series.dates:
            details.append(Detail(M.SHOW_COUNTY, text, vocab_words.STATUS["not_reported"]))
        else:
            details.append(Detail(M.SHOW_COUNTY, text, f"{number_text(series.values[-1])}{unit}", series.dates[-1]))
    return details


def revision_details(target: Target, today: dt.date) -> list[Detail]:
    return [
        Detail(M.SHOW_REVISION, revision_text(target, revision),
               M.STATE_IN_FORCE if revision.date <= today else M.STATE_NOT_IN_FORCE, revision.date)
        for revision in sorted(target.revisions, key=lambda r: r.date)
    ]


def revision_text(target: Target, revision: Revision) -> str:
    changes = []
    if revision.target is not None:
        changes.append(M.SHOW_REVISED_TARGET.format(value=number_text(revision.target), unit=unit_word(target)))
    if revision.due is not None:
        changes.append(M.SHOW_REVISED_DUE.format(due=revision.due))
    if revision.milestones is not None:
        changes.append(M.SHOW_REVISED_MILESTONES)
    if revision.note:
        changes.append(revision.note)
    return "；".join(changes) + M.SHOW_APPROVAL.format(approval=revision.approval)


def number_text(value) -> str:
    """6200, 4.4 — exact, no exponent, no trailing zeros (as the tables print numbers)."""
    from minsheng_cli.ledger.progress_file import format_number

    return format_number(Decimal(value)) if isinstance(value, (Decimal, int)) else str(value)
