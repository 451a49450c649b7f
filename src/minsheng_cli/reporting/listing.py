"""What `list` and `show` print, as plain data (rows and JSON objects); no printing here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from minsheng_cli.words import commands as M, ledger as ledger_words, vocab as vocab_words
from minsheng_cli.errors import InputError
from minsheng_cli.ledger.model import Plan, Project, Record, Target
from minsheng_cli.ledger.record_fields import record_json
from minsheng_cli.reporting.record_text import shown_text


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
        from minsheng_cli.ledger import names

        wanted = names.unit(plan, unit, not_found=ledger_words.UNKNOWN_UNIT.format(key=unit))
        projects = [p for p in projects if wanted in p.lead or wanted in p.co]
    return projects


def target_figure(target: Target):
    """The number a target is held to: its figure, or for a checklist the items required."""
    if target.kind == "checklist":
        return target.required_items
    return target.target


def list_rows(plan: Plan, projects: list[Project]) -> list[list]:
    from minsheng_cli.reporting.show_view import weight_word

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
                weight_word(target),
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
def project_records(root: Path, plan: Plan, project_id: int, targets: Optional[frozenset] = None, use_cache: bool = False) -> list[Record]:
    """The project's records in written order (`targets`: only theirs, progress_file.read_progress)."""
    from minsheng_cli.ledger.progress_file import read_progress

    return read_progress(root, plan, projects={project_id}, targets=targets, use_cache=use_cache)


def latest_values(plan: Plan, records: list[Record]) -> dict[str, tuple]:
    """target id -> (value shown, date) in force now: by-county values summed, checklist items
    and milestone steps listed (several may be recorded on one date)."""
    from minsheng_cli.ledger.history import fold
    from minsheng_cli.reporting.show_view import latest_of

    latest = {}
    for (_, target_id), history in fold(records, plan).targets.items():
        value, date = latest_of(history)
        if date is not None:
            latest[target_id] = (value, date)
    return latest


def target_views(plan: Plan, project: Project, records: list[Record], today: dt.date):
    """Each target of the project as `show` prints it (show_view.TargetView), from one fold."""
    from minsheng_cli.ledger.history import fold
    from minsheng_cli.reporting.show_view import target_views as views

    return views(plan, project, fold(records, plan, today=today), today)


def target_row(view) -> list:
    """A target's line in show's table of targets (HEADERS_TARGETS)."""
    from minsheng_cli.reporting.show_view import baseline_word, figure_in_force, unit_word, weight_word

    target = view.target
    return [
        target.name,
        target.id,
        vocab_words.KIND[target.kind],
        figure_in_force(target, view.terms),
        unit_word(target) if target.kind != "checklist" or target.unit else M.SHOW_CHECKLIST_UNIT,
        baseline_word(target),
        f"{view.terms.start}–{view.terms.due}",
        weight_word(target),
        view.latest if view.latest is not None else "",
        view.latest_date or "",
    ]


def target_rows(views) -> list[list]:
    return [target_row(view) for view in views]


def detail_rows(views) -> list[list]:
    """show's table of details (HEADERS_DETAILS): a target's name on its first line only."""
    rows = []
    for view in views:
        for index, detail in enumerate(view.details):
            rows.append([view.target.name if index == 0 else "", detail.label, detail.text, detail.state, detail.date or ""])
    return rows


def show_csv_rows(plan: Plan, project: Project, views, records: list[Record]) -> list[list]:
    """The whole project as one table (HEADERS_DETAILS), so that a csv is one sheet: the project's
    fields, then each target's fields and details, then the recent history."""
    rows = [["", label, text, "", ""] for label, text in header_fields(plan, project)]
    for view in views:
        name = view.target.name
        summary = target_row(view)
        rows.extend([name, label, value, "", ""] for label, value in zip(M.HEADERS_TARGETS[1:-2], summary[1:-2]))
        rows.append([name, M.HEADERS_TARGETS[-2], summary[-2], "", summary[-1]])
        rows.extend([name, d.label, d.text, d.state, d.date or ""] for d in view.details)
    rows.extend(["", M.SHOW_HISTORY, line.strip(), "", ""] for line in recent_history(records, project))
    return rows


def header_fields(plan: Plan, project: Project) -> list[tuple[str, str]]:
    return [
        (M.SHOW_PROJECT, f"{project.id}. {project.name}"),
        (M.SHOW_CATEGORY, plan.category_name(project.category)),
        (M.SHOW_LEAD, "、".join(project.lead)),
        (M.SHOW_CO, "、".join(project.co) or "—"),
        (M.SHOW_SUMMARY, project.summary),
        (M.SHOW_TEXT, project.text),
    ]


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


def recent_history(records: list[Record], project: Optional[Project] = None, limit: int = 10) -> list[str]:
    """The last records, in words: the target's name (not its id), 已完成 for done, 更正/作废."""
    from minsheng_cli.ledger.history import means_done

    lines = []
    for record in records[-limit:]:
        parts = [str(record.date)]
        target = project.find_target(record.target) if project is not None and record.target else None
        if record.target:
            parts.append(target.name if target is not None else record.target)
        if record.county:
            parts.append(record.county)
        if record.value is not None:
            done = isinstance(record.value, str) and means_done(record.value)
            unit = (target.unit or "") if target is not None and not isinstance(record.value, str) else ""
            parts.append(M.STATE_DONE if done else shown_text(f"{record.value}{unit}"))
        if record.action:
            parts.append(f"[{M.SHOW_ACTIONS.get(record.action, record.action)}] {shown_text(record.reason)}")
        for label, text in zip(M.SHOW_RECORD_LABELS, (record.note, record.problem, record.next)):
            if text:
                parts.append(f"{label}：{shown_text(text)}")
        if record.by:
            parts.append(f"（{shown_text(record.by)}）")
        lines.append("  " + " ".join(parts))
    return lines


def show_json(plan: Plan, project: Project, records: list[Record], today: dt.date) -> dict:
    """list's project object, plus the text, each target's value in force and the whole target
    (additive: list's names keep their meaning), and the project's records."""
    body = project_json(plan, project)
    body["text"] = project.text
    for target, view in zip(body["targets"], target_views(plan, project, records, today)):
        target["latest"] = {"value": view.latest, "date": view.latest_date}
        target.update(target_detail_json(plan, view))
    body["records"] = [record_json(r) for r in records]
    return body


def target_detail_json(plan: Plan, view) -> dict:
    """What show adds to a target in JSON: the whole target, with the state of its parts."""
    target, terms = view.target, view.terms
    by_label = {}
    for detail in view.details:
        by_label.setdefault(detail.label, []).append(detail)
    county_rows = by_label.get(M.SHOW_COUNTY, [])
    return {
        "counted": target.counted,
        "baseline_from": target.baseline_from,
        "required": target.required_items if target.kind == "checklist" else None,
        "quote": target.quote,
        "note": target.note,
        "in_force": {"target": terms.figure if target.kind != "milestone" else None, "due": terms.due,
                     "milestones": [point_json(p) for p in terms.milestones], "revised": terms.revised},
        "item_states": [{"name": d.text, "done": d.date} for d in by_label.get(M.SHOW_ITEM, [])] or None,
        "steps": [{"name": step.name, "due": step.due, "done": d.date}
                  for step, d in zip(target.steps, by_label.get(M.SHOW_STEP, []))] or None,
        "county_targets": target.county_targets,
        "county_values": [
            {"county": county, "target": (target.county_targets or {}).get(county), "value": county_value(view, county), "date": d.date}
            for county, d in zip(plan.counties_of(target), county_rows)
        ] if target.by_county else None,
        "milestones": [point_json(p) for p in target.milestones],
        "revisions": [
            {"date": r.date, "approval": r.approval, "target": r.target, "due": r.due,
             "milestones": [point_json(p) for p in r.milestones] if r.milestones is not None else None,
             "note": r.note, "in_force": d.state == M.STATE_IN_FORCE}
            for r, d in zip(sorted(target.revisions, key=lambda r: r.date), by_label.get(M.SHOW_REVISION, []))
        ],
    }


def county_value(view, county: str):
    return view.county_values.get(county)


def point_json(point) -> dict:
    return {"date": point.date, "value": point.value, "source": point.source}
