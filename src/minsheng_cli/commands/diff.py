"""`minsheng diff [REV [REV2]]`: what changed in the ledger between two git revisions (default:
HEAD and the work tree)."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from minsheng_cli.commands.printing import say

from minsheng_cli.commands.context import ledger_of
from minsheng_cli.commands.options import FormatOpt, resolve_format
from minsheng_cli.errors import LedgerError, LedgerInvalid, UsageError
from minsheng_cli.words import commands as commands_words, git as M


def diff_command(
    ctx: typer.Context,
    old_rev: Annotated[Optional[str], typer.Argument(metavar=commands_words.ARG_REV, help=M.GIT_HELP_REV_OLD, show_default=False)] = None,
    new_rev: Annotated[Optional[str], typer.Argument(metavar=commands_words.ARG_REV2, help=M.GIT_HELP_REV_NEW, show_default=False)] = None,
    fmt: FormatOpt = None,
) -> None:
    from minsheng_cli.ledger import gitrev
    from minsheng_cli.rendering.json import emit_json
    from minsheng_cli.rendering.output import emit_rows
    from minsheng_cli.reporting import diff, diff_view as view

    chosen = resolve_format(fmt)
    ledger = ledger_of(ctx)
    if ledger.rev:
        raise UsageError(M.GIT_REV_WITH_DIFF.format(rev=ledger.rev))
    root = ledger.worktree_root
    with gitrev.snapshot(root, old_rev or "HEAD") as old_snap:
        old_side = _read_snapshot(old_snap)
    new_snap = None
    if new_rev is None:
        new_side, new_label = _read_folder(root), M.GIT_WORKTREE
    else:
        with gitrev.snapshot(root, new_rev) as new_snap:
            new_side, new_label = _read_snapshot(new_snap), view.side_label(new_snap)
    result = diff.compare(old_side, new_side)
    plans = (new_side.plan, old_side.plan)
    if chosen == "json":
        emit_json(view.diff_json(result, old_snap, new_snap))
        return
    if chosen == "csv":
        emit_rows(M.GIT_HEADERS_FLAT, view.flat_rows(result, plans), chosen)
        return
    say(M.GIT_DIFF_HEADER.format(old=view.side_label(old_snap), new=new_label))
    if result.empty:
        say(M.GIT_NO_CHANGES)
        return
    if result.plan:
        emit_rows(M.GIT_HEADERS_PLAN, view.plan_rows(result), chosen, title=M.GIT_SECTION_PLAN)
    if result.targets:
        emit_rows(M.GIT_HEADERS_VALUES, view.value_rows(result), chosen, title=M.GIT_SECTION_VALUES)
    if result.records:
        emit_rows(M.GIT_HEADERS_RECORDS, view.record_rows(result, plans), chosen, title=M.GIT_SECTION_RECORDS)
        say(view.summary_line(result))


def _read_folder(root: Path):
    from minsheng_cli.ledger.plan import load_plan
    from minsheng_cli.ledger.progress_file import read_progress
    from minsheng_cli.reporting.diff import Side

    return Side(load_plan(root), read_progress(root))


def _read_snapshot(snap):
    """One side at a revision; problems in its files name REV:data/… instead of the temporary folder."""
    from minsheng_cli.ledger.gitrev import shown_path
    from minsheng_cli.reporting.diff import Side

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


def register(app: typer.Typer) -> None:
    app.command("diff", help=M.GIT_HELP_DIFF, short_help=commands_words.SHORT_HELP["diff"])(diff_command)
