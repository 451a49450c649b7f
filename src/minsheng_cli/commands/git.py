"""Commands about the ledger's life: `diff`, `log`, `schema`, `init`. Thin: parse, call the core, print."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import Optional

import typer
from typing import Annotated

from minsheng_cli.words import git as M, commands as commands_words, init as init_words, ledger as ledger_words, schema as schema_words
from minsheng_cli.errors import InputError, LedgerError, LedgerInvalid, UsageError
from minsheng_cli.rendering.output import FormatOpt, OutputOpt, emit_json, emit_rows, format_number, resolve_format


def register(app: typer.Typer) -> None:
    app.command("diff", help=M.GIT_HELP_DIFF, short_help=commands_words.SHORT_HELP["diff"])(diff_command)
    app.command("log", help=M.LOG_HELP, short_help=commands_words.SHORT_HELP["log"])(log_command)
    app.command("schema", help=schema_words.SCH_HELP, short_help=commands_words.SHORT_HELP["schema"])(schema_command)
    app.command("init", help=init_words.INIT_HELP, short_help=commands_words.SHORT_HELP["init"])(init_command)


def _cli():
    from minsheng_cli.commands import app as cli

    return cli


# --- diff ------------------------------------------------------------------------------------------------
def diff_command(
    old_rev: Annotated[Optional[str], typer.Argument(metavar="[REV]", help=M.GIT_HELP_REV_OLD, show_default=False)] = None,
    new_rev: Annotated[Optional[str], typer.Argument(metavar="[REV2]", help=M.GIT_HELP_REV_NEW, show_default=False)] = None,
    fmt: FormatOpt = None,
) -> None:
    from minsheng_cli.reporting import diff
    from minsheng_cli.ledger import gitrev
    from minsheng_cli.ledger.plan import find_root

    chosen = resolve_format(fmt)
    state = _cli()._state
    if state.get("rev"):
        raise UsageError(M.GIT_REV_WITH_DIFF.format(rev=state["rev"]))
    root = find_root(state["data"])  # the work tree's ledger, whatever --rev says
    with gitrev.snapshot(root, old_rev or "HEAD") as old_snap:
        old_side = _read_snapshot(old_snap)
    new_snap = None
    if new_rev is None:
        new_side, new_label = _read_folder(root), M.GIT_WORKTREE
    else:
        with gitrev.snapshot(root, new_rev) as new_snap:
            new_side, new_label = _read_snapshot(new_snap), _side_label(new_snap)
    result = diff.compare(old_side, new_side)
    plans = (new_side.plan, old_side.plan)
    if chosen == "json":
        emit_json(diff_json(result, old_snap, new_snap))
        return
    if chosen == "csv":
        emit_rows(M.GIT_HEADERS_FLAT, flat_rows(result, plans), chosen)
        return
    typer.echo(M.GIT_DIFF_HEADER.format(old=_side_label(old_snap), new=new_label))
    if result.empty:
        typer.echo(M.GIT_NO_CHANGES)
        return
    if result.plan:
        emit_rows(M.GIT_HEADERS_PLAN, plan_rows(result, plans), chosen, title=M.GIT_SECTION_PLAN)
    if result.targets:
        emit_rows(M.GIT_HEADERS_VALUES, value_rows(result), chosen, title=M.GIT_SECTION_VALUES)
    if result.records:
        emit_rows(M.GIT_HEADERS_RECORDS, record_rows(result, plans), chosen, title=M.GIT_SECTION_RECORDS)
        typer.echo(summary_line(result))


def _side_label(snap) -> str:
    if snap.folder is None:
        return M.GIT_SIDE_ABSENT.format(rev=snap.rev)
    return M.GIT_SIDE.format(rev=snap.rev, commit=snap.commit[:10])


def _read_folder(root: Path):
    from minsheng_cli.reporting.diff import Side
    from minsheng_cli.ledger.plan import load_plan
    from minsheng_cli.ledger.progress_file import read_progress

    return Side(load_plan(root), read_progress(root))


def _read_snapshot(snap):
    """One side at a revision; problems in its files name REV:data/… instead of the temporary folder."""
    from minsheng_cli.reporting.diff import Side
    from minsheng_cli.ledger.gitrev import shown_path

    if snap.folder is None:
        return Side(None, [])
    try:
        return _read_folder(snap.folder)
    except LedgerInvalid as err:
        problems = [dataclasses.replace(p, path=shown_path(p.path, snap.folder, snap.label)) for p in err.problems]
        raise LedgerInvalid(M.GIT_PLAN_INVALID_AT.format(rev=snap.rev, count=len(problems)), problems) from None
    except LedgerError as err:
        message = err.message.replace(str(snap.folder) + os.sep, snap.label)
        raise LedgerError(message, err.hint) from None


# --- diff: rows and JSON ------------------------------------------------------------------------------------
def value_text(value) -> str:
    if value is None:
        return M.GIT_NONE
    if isinstance(value, Decimal):
        return format_number(value)
    if value == "done":
        return M.GIT_VALUE_DONE
    return str(value)


def signed(number: Optional[Decimal]) -> str:
    if number is None:
        return ""
    text = format_number(number)
    return text if number < 0 else f"+{text}"


def signed_points(number: Optional[Decimal]) -> str:
    """+1.0, -12.5: a change in 个百分点, always with its one decimal."""
    return "" if number is None else f"{number:+.1f}"


def percent(share) -> str:
    from minsheng_cli.reporting.schedule import points

    return "" if share is None else f"{points(share)}%"


def points_change(old, new) -> Optional[Decimal]:
    from minsheng_cli.reporting.schedule import points

    if old is None or new is None:
        return None
    return points(new) - points(old)


def target_label(plans, project: int, target: Optional[str]) -> str:
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


def plan_rows(result, plans) -> list[list]:
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
            shown_old = value_text(old) if name == "value" else (old or M.GIT_NONE)
            shown_new = value_text(new) if name == "value" else (new or M.GIT_NONE)
            parts.append(M.GIT_DETAIL_CHANGE.format(field=M.GIT_FIELD_NAMES[name], old=shown_old, new=shown_new))
        if change.kind == "rewritten":
            parts.append(M.GIT_DETAIL_REWRITTEN)
        return M.GIT_DETAIL_SEP.join(parts)
    if change.kind == "orphaned":
        return M.GIT_DETAIL_ORPHANED.format(target=record.target)
    if change.kind in ("corrected", "voided", "added") and change.replaced is not None:
        parts.append(M.GIT_DETAIL_REPLACED.format(old=value_text(change.replaced)))
    if record.reason:
        parts.append(M.GIT_DETAIL_REASON.format(reason=record.reason))
    for name in ("note", "problem", "next"):
        text = getattr(record, name)
        if text:
            parts.append(M.GIT_DETAIL_TEXT.format(field=M.GIT_FIELD_NAMES[name], text=text))
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
    for row in plan_rows(result, plans):
        rows.append([M.GIT_CATEGORIES["plan"], row[2], row[0], row[1], "", "", row[3], row[4], "", ""])
    for change in result.targets:
        completion = M.GIT_DETAIL_CHANGE.format(field="完成率", old=percent(change.old_completion) or M.GIT_NONE, new=percent(change.new_completion) or M.GIT_NONE)
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


def _record_json(record) -> dict:
    return {key: getattr(record, key) for key in ("date", "target", "county", "value", "action", "reason", "note", "problem", "next", "by")}


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
                "record": _record_json(c.record), "before": _record_json(c.before) if c.before else None, "fields": c.fields,
            }
            for c in result.records
        ],
        "summary": result.counts(),
    }


# --- log ------------------------------------------------------------------------------------------------------
def log_command(
    project: Annotated[str, typer.Argument(help=M.LOG_HELP_PROJECT, show_default=False)],
    target: Annotated[Optional[str], typer.Argument(help=M.LOG_HELP_TARGET, show_default=False)] = None,
    fmt: FormatOpt = None,
) -> None:
    from minsheng_cli.reporting import listing
    from minsheng_cli.reporting import log as logview
    from minsheng_cli.ledger.progress_file import read_progress

    chosen = resolve_format(fmt)
    cli = _cli()
    root, plan = cli.get_root(), cli.get_plan()
    found = listing.require_project(plan, project)
    chosen_target = None
    if target is not None:
        chosen_target = found.find_target(target.strip())
        if chosen_target is None:
            choices = "、".join(f"{t.id}（{t.name}）" for t in found.targets)
            raise InputError(ledger_words.UNKNOWN_TARGET.format(project=found.id, key=target, choices=choices))
    records = read_progress(root, plan, projects={found.id})
    logs = logview.project_log(plan, found, records, chosen_target)
    if chosen == "json":
        emit_json(log_json(found, logs))
        return
    if not logs:
        typer.echo(M.LOG_NO_TARGET_RECORDS.format(target=chosen_target.name) if chosen_target else M.LOG_NO_RECORDS.format(project=found.id))
        return
    if chosen == "csv":
        emit_rows([M.LOG_HEADER_TARGET, *M.LOG_HEADERS], [[_log_name(log), *row] for log in logs for row in log_rows(log)], chosen)
        return
    for index, log in enumerate(logs):
        if index:
            typer.echo("")
        headers, rows = without_empty_columns(M.LOG_HEADERS, log_rows(log), keep=(0, 2))
        emit_rows(headers, rows, chosen, title=_log_title(found, log))
        if chosen == "table" and log.trend:
            typer.echo(trend_line(log))


def without_empty_columns(headers: list[str], rows: list[list], keep: tuple[int, ...]) -> tuple[list[str], list[list]]:
    """Leave out columns no row fills (a terminal is narrow); csv keeps every column for scripts."""
    chosen = [i for i in range(len(headers)) if i in keep or any(row[i] not in ("", None) for row in rows)]
    return [headers[i] for i in chosen], [[row[i] for i in chosen] for row in rows]


def _log_name(log) -> str:
    return log.target.name if log.target is not None else M.LOG_PROJECT_NOTES


def _log_title(project, log) -> str:
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
        what = M.LOG_WITH_REASON.format(what=what, reason=record.reason)
    if entry.fate in ("replaced", "voided"):
        what = "；".join(part for part in (what, M.LOG_FATES[entry.fate]) if part)
    return what


def log_rows(log) -> list[list]:
    rows = []
    for entry in log.entries:
        record = entry.record
        rows.append([
            record.date, record.county or "", value_text(record.value) if record.value is not None else "",
            signed(entry.delta), "" if entry.total is None else format_number(entry.total), _fate_text(entry),
            record.note or "", record.problem or "", record.next or "", record.by or "",
        ])
    return rows


def trend_line(log) -> str:
    from minsheng_cli.reporting.log import sparkline
    from minsheng_cli.reporting.listing import target_figure

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
            {**_record_json(e.record), "delta": e.delta, "total": e.total, "in_force": e.in_force, "fate": e.fate}
            for e in log.entries
        ]
        if log.target is None:
            notes = entries
            continue
        from minsheng_cli.reporting.listing import target_figure

        targets.append({
            "id": log.target.id, "name": log.target.name, "kind": log.target.kind, "unit": log.target.unit,
            "target": target_figure(log.target), "records": entries,
            "trend": [{"date": date, "value": value} for date, value in log.trend],
        })
    return {"project": {"id": project.id, "name": project.name}, "targets": targets, "notes": notes}


# --- schema ----------------------------------------------------------------------------------------------------
def schema_command(
    kind: Annotated[str, typer.Argument(metavar="[plan|progress]", help=schema_words.SCH_HELP_KIND)] = "plan",
    output: OutputOpt = None,
) -> None:
    from minsheng_cli.ledger.schema import KINDS, schema_text

    chosen = kind.strip().lower()
    if chosen not in KINDS:
        raise UsageError(schema_words.SCH_UNKNOWN_KIND.format(kind=kind))
    data = schema_text(chosen).encode("utf-8")
    if output is None:
        from minsheng_cli.rendering.output import write_bytes

        write_bytes(data, sys.stdout)
        return
    from minsheng_cli.rendering.output import save_whole

    save_whole(output, lambda temporary: temporary.write_bytes(data))
    typer.echo(schema_words.SCH_WRITTEN.format(path=output), err=True)


# --- init ------------------------------------------------------------------------------------------------------
def init_command(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help=init_words.INIT_HELP_DIR, show_default=False)],
    year: Annotated[Optional[int], typer.Option("--year", "-y", help=init_words.INIT_HELP_YEAR, show_default=False)] = None,
    title: Annotated[Optional[str], typer.Option("--title", "-t", help=init_words.INIT_HELP_TITLE, show_default=False)] = None,
) -> None:
    from minsheng_cli.ledger.dates import today
    from minsheng_cli.ledger.new import PLAN_FILE, create_ledger

    written = create_ledger(directory, year if year is not None else today().year, title)
    typer.echo(init_words.INIT_DONE.format(path=directory))
    for relative in written:
        typer.echo(f"  {relative}")
    typer.echo(init_words.INIT_NEXT.format(plan=directory / PLAN_FILE, path=directory))
