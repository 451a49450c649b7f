"""`minsheng check`: every problem of the plan, of every progress file and of the office's
supervision/ files, collected."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from minsheng_cli.ledger.layout import plan_path
from minsheng_cli.ledger.problems import Problem
from minsheng_cli.ledger.yamlio import decode, read_bytes


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    projects: int = 0
    targets: int = 0
    records: int = 0


def check_ledger(root: Path, today: Optional[dt.date] = None, use_cache: bool = True) -> CheckResult:
    """Every problem of the plan and, when it can be read, of every progress file; `today` is the
    run's date (future-dated records), read once by the caller."""
    from minsheng_cli.errors import LedgerError
    from minsheng_cli.ledger.plan import checked_plan

    path = plan_path(root)
    shown = str(path)
    try:
        data = read_bytes(path)
        decode(data, shown)  # an unreadable plan is one problem, before any rule
    except LedgerError as err:
        return CheckResult([Problem(shown, 1, 1, "encoding" if err.code == "encoding" else "unreadable", err.message)])
    plan, problems = checked_plan(data, shown, use_cache)  # an unchanged plan is not validated again
    result = CheckResult(problems)
    if plan is None:
        return result
    result.projects = len(plan.projects)
    result.targets = sum(len(p.targets) for p in plan.projects)
    from minsheng_cli.checks.progress import check_progress

    from minsheng_cli.ledger.supervision import check_supervision

    progress_problems, result.records = check_progress(plan, root, today)
    result.problems.extend(progress_problems)
    result.problems.extend(check_supervision(root, plan))
    return result
