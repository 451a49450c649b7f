"""What `minsheng diff` shows of a comparison (`diff.compare`), as plain data: table rows per
section, one flat table for csv, the summary line and the JSON object; no printing here."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Optional

from minsheng_cli.ledger.progress_file import format_number
from minsheng_cli.ledger.record_fields import record_json
from minsheng_cli.reporting.record_text import shown_text, signed, value_text
from minsheng_cli.words import git as M


def side_label(snap) -> str:
    """REV（commit）, or that the ledger did not exist at REV."""
    if snap.folder is None:
        return M.GIT_SIDE_ABSENT.format(rev=snap.rev)
    return M.GIT_SIDE.format(rev=snap.rev, commit=snap.commit[:10])


def signed_points(number: Optional[Decimal]) -> str:
    """+1.0, -12.5: a change in 个百分点, always with its one decimal (as the report shows it)."""
    from minsheng_cli.reporting.terms import points_text

    return points_text(number, "")


def percent(share) -> str:
    from minsheng_cli.reporting.terms import percent_text

    return percent_text(share, "")


def points_change(old, new) -> Optional[Decimal]:
    """The change in the rounded percentages the reader sees (72.0% → 82.5% is +10.5)."""
    from minsheng_cli.reporting.terms import shown_change

    if old is None or new is None:
        return None
    return shown_change(new, old)


def target_label(plans, project: int, target: Optional[str]) -> str:
    """The target's name in the newer plan that has it, else its id."""
    if target is None:
        return M.GIT_PROJECT_LEVEL
    for plan in plans:
        found = plan.find_project(project) if plan is not None else None
        chosen = found.find_target(target) if found is not None else None
        if chosen is not None and chosen.id == target:
            return chosen.name
    return target


def _value_at(value, date: Optional[dt.date]) -> str:
    if value is None:
        return M.GIT_NONE
    return M.GIT_VALUE_AT.format(value=value_text(value), date=date) if date else value_text(value)


def value_rows(result) -> list[list]:
    rows = []
    for change in result.targets:
        name = change.name + _plan_mark(change)
        completion = [percent(change.old_completion), percent(change.new_completion), signed_points(points_change(change.old_completion, change.new_completion))]
        values = change.values or [None]
        for index, value in enumerate(values):
            cells = [change.project if index == 0 else "", name if index == 0 else ""]
            if value is None:
                cells += ["", "", "", ""]
            else:
                cells += [value.county or "", _value_at(value.old, value.old_date), _value_at(value.new, value.new_date), signed(value.delta)]
            rows.append(cells + (completion if index == 0 else ["", "", ""]))
    return rows


def _plan_mark(change) -> str:
    if change.in_old_plan and not change.in_new_plan:
        return M.GIT_NOT_IN_PLAN
    if not change.in_new_plan:
        return M.GIT_UNKNOWN
    if not change.in_old_plan:
        return M.GIT_NEW_IN_PLAN
    return ""


def plan_rows(result) -> list[list]:
    rows = []
    for change in result.plan:
        what = M.GIT_PLAN_KINDS[change.kind] + (f"：{change.field}" if change.field else "")
        rows.append([change.project, change.target or "", what, _plain(change.old), _plain(change.new)])
    return rows


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, list) and value and dataclasses.is_dataclass(value[0]):
        return "；".join(", ".join(f"{k}: {_plain(v)}" for k, v in dataclasses.asdict(item).items() if v is not None) for item in value)
    if isinstance(value, dict):
        return "，".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "、".join(_plain(v) for v in value)
    return str(value)


def record_detail(change) -> str:
    record = change.record
    parts: list[str] = []
    if change.kind in ("edited", "rewritten"):
        for name in change.fields:
            old, new = getattr(change.before, name), getattr(record, name)
            shown_old = value_text(old) if name == "value" else (shown_text(old) or M.GIT_NONE)
            shown_new = value_text(new) if name == "value" else (shown_text(new) or M.GIT_NONE)
            parts.append(M.GIT_DETAIL_CHANGE.format(field=M.GIT_FIELD_NAMES[name], old=shown_old, new=shown_new))
        if change.kind == "rewritten":
            parts.append(M.GIT_DETAIL_REWRITTEN)
        return M.GIT_DETAIL_SEP.join(parts)
    if change.kind == "orphaned":
        return M.GIT_DETAIL_ORPHANED.format(target=record.target)
    if change.kind in ("corrected", "voided", "added") and change.replaced is not None:
        parts.append(M.GIT_DETAIL_REPLACED.format(old=value_text(change.replaced)))
    if record.reason:
        parts.append(M.GIT_DETAIL_REASON.format(reason=shown_text(record.reason)))
    for name in ("note", "problem", "next"):
        text = getattr(record, name)
        if text:
            parts.append(M.GIT_DETAIL_TEXT.format(field=M.GIT_FIELD_NAMES[name], text=shown_text(text)))
    return M.GIT_DETAIL_SEP.join(parts)


def _record_kind(change) -> str:
    mark = M.GIT_UNKNOWN if not change.known and change.kind != "orphaned" else ""
    return M.GIT_RECORD_KINDS[change.kind] + mark


def record_rows(result, plans) -> list[list]:
    rows = []
    for change in result.records:
        record = change.record
        shown = change.replaced if change.kind == "voided" else record.value
        rows.append([
            _record_kind(change), record.project, target_label(plans, record.project, record.target),
            record.county or "", record.date, "" if shown is None else value_text(shown), record_detail(change),
        ])
    return rows


def flat_rows(result, plans) -> list[list]:
    """Every change in one table (for csv): plan, values, records."""
    rows = []
    for row in plan_rows(result):
        rows.append([M.GIT_CATEGORIES["plan"], row[2], row[0], row[1], "", "", row[3], row[4], "", ""])
    for change in result.targets:
        completion = M.GIT_DETAIL_CHANGE.format(field=M.GIT_FIELD_COMPLETION, old=percent(change.old_completion) or M.GIT_NONE, new=percent(change.new_completion) or M.GIT_NONE)
        for value in change.values or [None]:
            cells = [M.GIT_CATEGORIES["value"], _plan_mark(change).strip("（）"), change.project, change.name]
            if value is None:
                cells += ["", "", "", "", ""]
            else:
                cells += [value.county or "", value.new_date or value.old_date or "", value_text(value.old), value_text(value.new), signed(value.delta)]
            rows.append(cells + [completion])
    for change in result.records:
        record = change.record
        rows.append([
            M.GIT_CATEGORIES["record"], _record_kind(change), record.project, target_label(plans, record.project, record.target),
            record.county or "", record.date, value_text(change.replaced) if change.replaced is not None else "",
            value_text(record.value) if record.value is not None else "", "", record_detail(change),
        ])
    return rows


def summary_line(result) -> str:
    parts = [M.GIT_SUMMARY_PART.format(kind=M.GIT_RECORD_KINDS[kind], count=count) for kind, count in result.counts().items() if count]
    return M.GIT_SUMMARY.format(parts=M.GIT_SUMMARY_SEP.join(parts))


def diff_json(result, old_snap, new_snap) -> dict:
    def side(snap):
        if snap is None:  # the work tree
            return {"rev": None, "commit": None, "exists": True}
        return {"rev": snap.rev, "commit": snap.commit, "exists": snap.folder is not None}

    return {
        "from": side(old_snap),
        "to": side(new_snap),
        "plan": [
            {"kind": c.kind, "project": c.project, "target": c.target, "field": c.field, "old": _plain(c.old) if c.field else c.old, "new": _plain(c.new) if c.field else c.new}
            for c in result.plan
        ],
        "targets": [
            {
                "project": c.project, "target": c.target, "name": c.name, "unit": c.unit,
                "in_old_plan": c.in_old_plan, "in_new_plan": c.in_new_plan,
                "completion": {"old": c.old_completion, "new": c.new_completion, "change": points_change(c.old_completion, c.new_completion)},
                "values": [
                    {"county": v.county, "old": v.old, "old_date": v.old_date, "new": v.new, "new_date": v.new_date, "delta": v.delta}
                    for v in c.values
                ],
            }
            for c in result.targets
        ],
        "records": [
            {
                "kind": c.kind, "project": c.record.project, "known": c.known, "replaced": c.replaced,
                "record": record_json(c.record), "before": record_json(c.before) if c.before else None, "fields": c.fields,
            }
            for c in result.records
        ],
        "summary": result.counts(),
    }
