"""连续滞后月数: for how many month ends in a row a project (or one of its targets) has been
behind schedule, counting back from the report date.

The figure is judged from the ledger as it stood at each point — the report date first, then the
end of each earlier month — by the same `assess_project` the report uses, so a month counts as
lagging exactly when that month's report said 进度滞后, 严重滞后 or 未完成节点任务. The lagging list
of the xlsx report shows it, and the escalation ladder (连续2个月滞后 → 督办单, 连续3个月 → 建议挂牌
督办) reads it.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Optional

from minsheng_cli.ledger.model import Plan
from minsheng_cli.reporting.schedule import BEHIND, RecordIndex, assess_project

StreakKey = tuple[int, Optional[str]]  # (project id, None) for the project, (project id, target id) for a target


def lagging_streaks(plan: Plan, index: RecordIndex, as_of: dt.date,
                    projects: Optional[Iterable[int]] = None) -> dict[StreakKey, int]:
    """Per project `(id, None)` and per target `(id, target id)`: the number of consecutive points
    — `as_of`, then each earlier month end within the plan — at which it was behind (BEHIND).
    0 when it is not behind at `as_of`. `projects`: the project ids to judge (default: all)."""
    wanted = None if projects is None else set(projects)
    streaks: dict[StreakKey, int] = {}
    for project in plan.projects:
        if wanted is not None and project.id not in wanted:
            continue
        open_keys = None  # the keys still lagging at every point so far
        for day in points_back(as_of, plan.start, plan.settings.report_cutoff_day):
            state = assess_project(plan, project, index, day)
            behind = {(project.id, None)} if state.status in BEHIND else set()
            behind |= {(project.id, t.target.id) for t in state.targets if t.status in BEHIND}
            if open_keys is None:
                open_keys = behind
                streaks.update({(project.id, None): 0} | {(project.id, t.target.id): 0 for t in state.targets})
            open_keys &= behind
            if not open_keys:
                break
            for key in open_keys:
                streaks[key] += 1
    return streaks


def points_back(as_of: dt.date, start: dt.date, cutoff: Optional[int] = None):
    """`as_of`, then each earlier month's report date — its end, or its `report_cutoff_day` (截至每月
    25日) where the plan sets one — back to the first on or after `start`."""
    from minsheng_cli.reporting.periods import month_cutoff

    yield as_of
    year, month = as_of.year, as_of.month
    while True:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        day = month_cutoff(year, month, cutoff)
        if day < start:
            return
        if day < as_of:
            yield day
