"""What `list` and `show` print, as plain data (rows and JSON objects); no printing here."""

from __future__ import annotations

from pathlib import Path

from minsheng_cli.words import commands as M, ledger as ledger_words, vocab as vocab_words
from minsheng_cli.errors import InputError
from minsheng_cli.ledger.model import Plan, Project, Record, Target
from minsheng_cli.ledger.record_fields import record_json


def category_ids(plan: Plan, category: str) -> set[int]:
    """--category: a category's number, or words of its name."""
    wanted = category.strip()
    ids = {c.id for c in plan.categories if (wanted.isdigit() and int(wanted) == c.id) or (not wanted.isdigit() and wanted in c.name)}
    if not ids:
        raise InputError(ledger_words.UNKNOWN_CATEGORY.format(key=category))
    return ids


def select_projects(plan: Plan, category: str | None, unit: str | None) -> list[Project]:
    projects = list(plan.projects)
    if category:
        ids = category_ids(plan, category)
        projects = [p for p in projects if p.category in ids]
    if unit:
        wanted = unit.strip()
        projects = [p for p in projects if wanted in p.lead or wanted in p.co]
        if not projects:
            raise InputError(ledger_words.UNKNOWN_UNIT.format(key=unit))
    return projects


def target_figure(target: Target):
    """The number a target is held to: its figure, or for a checklist the items required."""
    if target.kind == "checklist":
        return target.required_items
    return target.target


def list_rows(plan: Plan, projects: list[Project]) -> list[list]:
    rows = []
    for project in projects:
        for index, target in enumerate(project.targets):
            first = index == 0
            rows.append([
                project.id if first else "",
                project.name if first else "",
                "、".join(project.lead) if first else "",
                target.name,
                vocab_words.KIND[target.kind],
                target_figure(target),
                target.unit or (M.SHOW_CHECKLIST_UNIT if target.kind == "checklist" else ""),
                M.WEIGHT_ZERO if target.weight == 0 else target.weight,
            ])
    return rows


def target_json(plan: Plan, target: Target) -> dict:
    return {
        "id": target.id,
        "name": target.name,
        "kind": target.kind,
        "target": target_figure(target),
        "unit": target.unit,
        "baseline": target.baseline,
        "start": target.start,
        "due": target.due,
        "weight": target.weight,
        "by_county": target.by_county,
        "counties": target.counties if target.by_county else None,
        "items": target.items or None,
    }


def project_json(plan: Plan, project: Project) -> dict:
    return {
        "id": project.id,
        "name": project.name,
        "category": project.category,
        "summary": project.summary,
        "lead": project.lead,
        "co": project.co,
        "targets": [target_json(plan, t) for t in project.targets],
    }


def plan_json(plan: Plan) -> dict:
    return {
        "title": plan.title,
        "document": plan.document,
        "year": plan.year,
        "start": plan.start,
        "end": plan.end,
        "counties": plan.county_names,
    }


def list_json(plan: Plan, projects: list[Project]) -> dict:
    used = {p.category for p in projects}
    return {
        "plan": plan_json(plan),
        "categories": [{"id": c.id, "name": c.name} for c in plan.categories if c.id in used],
        "projects": [project_json(plan, p) for p in projects],
    }


# --- show ------------------------------------------------------------------------------------------
def project_records(root: Path, plan: Plan, project_id: int) -> list[Record]:
    from minsheng_cli.ledger.progress_file import read_progress

    return read_progress(root, plan, projects={project_id})


def latest_values(plan: Plan, records: list[Record]) -> dict[str, tuple]:
    """target id -> (value shown, date) in force now: by-county values summed, checklist items
    and milestone steps listed (several may be recorded on one date)."""
    from minsheng_cli.ledger.history import fold

    latest = {}
    for (_, target_id), history in fold(records, plan).targets.items():
        if history.items:
            latest[target_id] = ("、".join(item for _, item in history.items), history.items[-1][0])
        elif history.series:
            last = [(series.dates[-1], series.values[-1]) for series in history.series.values()]
            values = [value for _, value in last]
            shown = sum(values) if all(not isinstance(v, str) for v in values) else "、".join(map(str, values))
            latest[target_id] = (shown, max(date for date, _ in last))
    return latest


def target_rows(plan: Plan, project: Project, records: list[Record]) -> list[list]:
    latest = latest_values(plan, records)
    rows = []
    for target in project.targets:
        value, date = latest.get(target.id, ("", ""))
        rows.append([
            target.name,
            vocab_words.KIND[target.kind] + (f"（{M.WEIGHT_ZERO}）" if target.weight == 0 else ""),
            target_figure(target),
            target.unit or "",
            f"{target.start}–{target.due}",
            value,
            date,
        ])
    return rows


def show_header_lines(plan: Plan, project: Project) -> list[str]:
    return [
        f"{project.id}. {project.name}",
        f"{M.SHOW_CATEGORY}：{plan.category_name(project.category)}",
        f"{M.SHOW_LEAD}：{'、'.join(project.lead)}",
        f"{M.SHOW_CO}：{'、'.join(project.co) or '—'}",
        f"{M.SHOW_SUMMARY}：{project.summary}",
        f"{M.SHOW_TEXT}：",
        *("  " + line for line in project.text.splitlines()),
        "",
    ]


def recent_history(records: list[Record], limit: int = 10) -> list[str]:
    lines = []
    for record in records[-limit:]:
        parts = [str(record.date)]
        if record.target:
            parts.append(record.target)
        if record.county:
            parts.append(record.county)
        if record.value is not None:
            parts.append(str(record.value))
        if record.action:
            parts.append(f"[{record.action}] {record.reason or ''}")
        for label, text in zip(M.SHOW_RECORD_LABELS, (record.note, record.problem, record.next)):
            if text:
                parts.append(f"{label}：{text}")
        if record.by:
            parts.append(f"（{record.by}）")
        lines.append("  " + " ".join(parts))
    return lines


def show_json(plan: Plan, project: Project, records: list[Record]) -> dict:
    latest = latest_values(plan, records)
    body = project_json(plan, project)
    body["text"] = project.text
    for target in body["targets"]:
        value, date = latest.get(target["id"], (None, None))
        target["latest"] = {"value": value, "date": date}
    body["records"] = [record_json(r) for r in records]
    return body
