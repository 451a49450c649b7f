"""What `minsheng update` tells the user, as plain text: a record in one line, a target's standing
after the update (judged by the report's engine, so the two never disagree), and the headings
and hints of the interactive questions; no printing or prompting here."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from typing import Optional

from minsheng_cli.ledger.model import Plan, Project, Record, Target
from minsheng_cli.ledger.progress_file import format_number
from minsheng_cli.ledger.recording import shown
from minsheng_cli.words import progress as M, vocab as vocab_words


def shown_path(path: str) -> str:
    """Relative to the current folder when the file is below it (as git shows paths), else as is."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


def describe(record: Record, project: Project) -> str:
    """2023-06-30 新增托位（任城区）：6200 个 — one line for a summary."""
    parts = [record.date.isoformat()]
    if record.target is not None:
        target = project.find_target(record.target)
        name = target.name if target is not None else record.target
        county = f"（{record.county}）" if record.county else ""
        if record.action == "void":
            parts.append(M.REC_DESCRIBE_VOID.format(target=name, county=county))
        else:
            unit = f" {target.unit}" if target is not None and target.unit and isinstance(record.value, Decimal) else ""
            parts.append(f"{name}{county}：{shown(record.value)}{unit}")
            if record.action == "correct":
                parts.append(M.REC_DESCRIBE_CORRECT)
    for label, text in ((M.REC_ASK_NOTE, record.note), (M.REC_ASK_PROBLEM, record.problem), (M.REC_ASK_NEXT, record.next)):
        if text:
            parts.append(f"{label}：{text}")
    if record.reason:
        parts.append(M.REC_DESCRIBE_REASON.format(reason=record.reason))
    return " ".join(parts)


def completion_phrase(plan: Plan, project_id: int, target: Target, records: list[Record], today: dt.date,
                      series: Optional[dict] = None) -> str:
    """A short phrase on the target's standing after the update, as of `today`. `series`: the
    target's county → series in force (ledger/update_reading; a count or level target's figure
    is read from them alone), else `records` are folded."""
    from minsheng_cli.ledger.in_force import TargetHistory
    from minsheng_cli.reporting.schedule import assess_target, index_records, item_targets_of, points

    if series is not None and target.kind in ("count", "level"):
        history = TargetHistory(series=series)
    else:
        history = index_records(records, item_targets_of(plan)).history(project_id, target.id)
    state = assess_target(plan, target, history, [], today)
    unit = target.unit or ""
    if target.kind in ("count", "level"):
        if state.as_of is None:
            return M.REC_PHRASE_NONE.format(target=target.name)
        actual, figure = format_number(state.actual), format_number(state.terms.figure or Decimal(0))
        if target.kind == "count" and state.completion is not None:
            return M.REC_PHRASE_COUNT.format(target=target.name, actual=actual, unit=unit, percent=points(state.completion), figure=figure)
        return M.REC_PHRASE_LEVEL.format(target=target.name, actual=actual, unit=unit, figure=figure)
    if target.kind == "continuing":
        state_word = vocab_words.CONTINUING_VALUES.get(state.actual, M.REC_PHRASE_UNKNOWN) if state.actual else M.REC_PHRASE_UNKNOWN
        return M.REC_PHRASE_CONTINUING.format(target=target.name, state=state_word)
    if target.kind == "checklist":
        return M.REC_PHRASE_CHECKLIST.format(target=target.name, done=len(state.done_items), required=target.required_items)
    if state.actual is True:
        return M.REC_PHRASE_DONE.format(target=target.name)
    if target.steps:
        return M.REC_PHRASE_STEPS.format(target=target.name, done=len(state.done_items), total=len(target.steps))
    return M.REC_PHRASE_NOT_DONE.format(target=target.name)


# --- the interactive questions -----------------------------------------------------------------------
def target_heading(index: int, target: Target) -> str:
    """1. 新增托位（new_places，数量，年度目标 10000 个）"""
    kind = vocab_words.KIND[target.kind]
    if target.kind in ("count", "level") and target.target is not None:
        goal = M.REC_ASK_GOAL.format(figure=format_number(target.target), unit=target.unit or "")
    elif target.kind == "checklist":
        goal = M.REC_ASK_GOAL_ITEMS.format(required=target.required_items, items=len(target.items))
    else:
        goal = ""
    return M.REC_ASK_TARGET.format(index=index, name=target.name, id=target.id, kind=kind, goal=goal)


def value_question(project_id: int, target: Target, county: Optional[str], records: list[Record]) -> str:
    """The prompt for one target (and county): the last value in force and what may be typed."""
    from minsheng_cli.ledger.history import SET_KINDS, fold
    from minsheng_cli.ledger.recording import items_of

    history = fold(records, items_of(target, project_id), text=False).history(project_id, target.id)
    if target.kind in SET_KINDS:
        latest = history.items[-1] if history.items else None  # (date, item) in force
    else:
        series = history.series.get(county)
        latest = (series.records[-1].date, series.records[-1].value) if series is not None and series.records else None
    last = M.REC_ASK_LAST.format(value=shown(latest[1]), date=latest[0]) if latest else M.REC_ASK_NO_LAST
    hint = _choices_hint(project_id, target, county, records)
    asked = M.REC_ASK_VALUE if target.kind in ("count", "level") else M.REC_ASK_STATE
    return f"  {county or asked}（{last}{hint}）"


def _choices_hint(project_id: int, target: Target, county: Optional[str], records: list[Record]) -> str:
    if target.kind == "milestone":
        return M.REC_ASK_CHOICES.format(choices="、".join(["done", *(s.name for s in target.steps)]))
    if target.kind == "checklist":
        from minsheng_cli.ledger.recording import items_in_force

        done = items_in_force(records, project_id, target.id, county)
        left = [item for item in target.items if item not in done]
        return M.REC_ASK_ITEMS_LEFT.format(items="、".join(left) or M.REC_ASK_NONE_LEFT)
    if target.kind == "continuing":
        return M.REC_ASK_CHOICES.format(choices="、".join(vocab_words.CONTINUING_VALUES))
    return ""
