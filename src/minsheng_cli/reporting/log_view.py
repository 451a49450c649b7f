"""What `minsheng log` shows of a project's logs (`log.project_log`), as plain data: a title and
rows per target, the trend line and the JSON object; no printing here."""

from __future__ import annotations

from decimal import Decimal

from minsheng_cli.ledger.progress_file import format_number
from minsheng_cli.reporting.listing import target_figure
from minsheng_cli.ledger.record_fields import record_json
from minsheng_cli.reporting.record_text import shown_text, signed, value_text
from minsheng_cli.words import git as M


def without_empty_columns(headers: list[str], rows: list[list], keep: tuple[int, ...]) -> tuple[list[str], list[list]]:
    """Leave out columns no row fills (a terminal is narrow); csv keeps every column for scripts."""
    chosen = [i for i in range(len(headers)) if i in keep or any(row[i] not in ("", None) for row in rows)]
    return [headers[i] for i in chosen], [[row[i] for i in chosen] for row in rows]


def log_name(log) -> str:
    return log.target.name if log.target is not None else M.LOG_PROJECT_NOTES


def log_title(project, log) -> str:
    if log.target is None:
        return M.LOG_TITLE.format(project=project.id, name=project.name, target=M.LOG_PROJECT_NOTES)
    template = M.LOG_TITLE_UNIT if log.target.unit else M.LOG_TITLE
    return template.format(project=project.id, name=project.name, target=log.target.name, unit=log.target.unit)


def _fate_text(entry) -> str:
    record = entry.record
    if entry.fate == "void":
        what = M.LOG_FATES["void"]
    elif record.action == "correct":
        what = M.LOG_CORRECT
    else:
        what = ""
    if what and record.reason:
        what = M.LOG_WITH_REASON.format(what=what, reason=shown_text(record.reason))
    if entry.fate in ("replaced", "voided", "invalid"):
        fate = M.LOG_FATES[entry.fate]
        if entry.reasons:
            fate = M.LOG_WITH_REASON.format(what=fate, reason=M.LOG_FATE_SEP.join(entry.reasons))
        what = M.LOG_FATE_SEP.join(part for part in (what, fate) if part)
    return what


def log_rows(log) -> list[list]:
    rows = []
    for entry in log.entries:
        record = entry.record
        rows.append([
            record.date, record.county or "", value_text(record.value) if record.value is not None else "",
            signed(entry.delta), "" if entry.total is None else format_number(entry.total), _fate_text(entry),
            shown_text(record.note), shown_text(record.problem), shown_text(record.next), shown_text(record.by),
        ])
    return rows


def trend_line(log) -> str:
    from minsheng_cli.reporting.log import sparkline

    values = [value for _, value in log.trend]
    target = log.target
    floor = Decimal(0) if target.kind in ("count", "checklist") else target.baseline
    figure = target_figure(target)
    goal = M.LOG_GOAL.format(target=value_text(Decimal(figure)), unit=target.unit or "") if figure is not None else ""
    return M.LOG_TREND.format(spark=sparkline(values, floor), first=value_text(values[0]), last=value_text(values[-1]), goal=goal)


def log_json(project, logs) -> dict:
    targets, notes = [], []
    for log in logs:
        entries = [
            {**record_json(e.record), "delta": e.delta, "total": e.total, "in_force": e.in_force, "fate": e.fate,
             "reasons": list(e.reasons)}
            for e in log.entries
        ]
        if log.target is None:
            notes = entries
            continue
        targets.append({
            "id": log.target.id, "name": log.target.name, "kind": log.target.kind, "unit": log.target.unit,
            "target": target_figure(log.target), "records": entries,
            "trend": [{"date": date, "value": value} for date, value in log.trend],
        })
    return {"project": {"id": project.id, "name": project.name}, "targets": targets, "notes": notes}
