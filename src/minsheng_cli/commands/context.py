"""The ledger a command runs on, resolved once per run and passed to every command.

The group's callback builds one `LedgerContext` from the global options and stores it as the
click context's `obj` (todoman's AppContext); a command reaches it with `ledger_of(ctx)`. The
clock is read once, here: every rule of the run judges "today" by the same date. The folder and
the plan are looked up only when a command asks for them (`init` and `schema` never do), and at
most once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    import typer

    from minsheng_cli.ledger.model import Plan, Project, Record


@dataclass
class LedgerContext:
    """What every command runs with: the ledger's folder, revision, today and the cache switch."""

    data: Optional[Path]  # --data (None: MINSHENG_DATA, or data/ found upward from the current folder)
    rev: Optional[str]  # --rev: run on the ledger as committed at this revision
    debug: bool
    today: dt.date  # in Asia/Shanghai
    use_cache: bool = True  # False with --no-cache

    @cached_property
    def worktree_root(self) -> Path:
        """The ledger folder in the work tree, whatever --rev says; a write killed after its commit
        point is completed first (store.recover), so no command reads half a submission."""
        from minsheng_cli.ledger.layout import has_journal
        from minsheng_cli.ledger.plan import find_root

        root = find_root(self.data)
        if has_journal(root):  # the writer (store) is imported only when there is something to complete
            from minsheng_cli.ledger.store import recover

            recover(root)
        return root

    @cached_property
    def root(self) -> Path:
        """The ledger folder; with --rev, a temporary copy of it as it was at that revision."""
        if self.rev is None:
            return self.worktree_root
        from minsheng_cli.ledger.gitrev import materialize

        return materialize(self.worktree_root, self.rev)

    @cached_property
    def plan(self) -> Plan:
        from minsheng_cli.ledger.plan import load_plan

        return load_plan(self.root, self.use_cache)

    def project_with_records(self, key: str) -> tuple[Project, list[Record]]:
        """The project a user named (number or name) and its records, as `show` and `log` read them."""
        from minsheng_cli.ledger.recording import resolve_project
        from minsheng_cli.reporting.listing import project_records

        project = resolve_project(self.plan, key)
        return project, project_records(self.root, self.plan, project.id)


def new_context(data: Optional[Path], rev: Optional[str], debug: bool, use_cache: bool = True) -> LedgerContext:
    """The context of this run, with the clock read now."""
    from minsheng_cli.ledger import dates

    return LedgerContext(data=data, rev=rev, debug=debug, today=dates.today(), use_cache=use_cache)


def ledger_of(ctx: typer.Context) -> LedgerContext:
    """The run's LedgerContext, from a command's click context (set by the group's callback)."""
    found = ctx.find_object(LedgerContext)
    if found is None:
        raise RuntimeError("a minsheng command was run outside the minsheng group")
    return found
