"""The escalation ladder (PRODUCT.md §7): how many months in a row each project has been behind,
and what the ladder suggests for it — the office decides, the tool only says 建议….

`lagging_streaks` reads the ledger's history month by month: the report as of each earlier month's
end (report.build_report over the same records, so no second set of rules), counted back from
the report's own period while the project stays behind. Its input and output are plain (the
report, the folded records → project id → months behind in a row, this period included), so it
can be merged with the xlsx report's `streak.lagging_streaks` into one function.

`oversight` puts beside each project what the office itself wrote in supervision/YYYY-MM.yaml.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Iterator, Optional

from minsheng_cli.ledger.model import Escalation
from minsheng_cli.ledger.supervision import ProjectSupervision, Supervision
from minsheng_cli.reporting.report import Report, build_report
from minsheng_cli.reporting.schedule import BEHIND

RUNGS = ("reminder", "order", "listing")  # 提醒, 督办单, 建议挂牌督办 (words/notice.RUNGS)


def earlier_month_ends(report: Report) -> Iterator[tuple[int, int]]:
    """(year, month) of each month before the report's date, newest first, back to the plan's start."""
    year, month = report.as_of.year, report.as_of.month
    first = (report.plan.start.year, report.plan.start.month)
    while True:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        if (year, month) < first:
            return
        yield year, month


def lagging_streaks(report: Report, index) -> dict[int, int]:
    """Project id → how many months in a row it has been behind schedule (lagging, seriously
    lagging or overdue) as of the report's period: 0 when it is not behind now, 1 when it fell
    behind this period; each earlier month is judged as of that month's end (or cut-off day)."""
    from minsheng_cli.reporting.spec import report_spec

    streaks = {line.project.id: int(line.status in BEHIND) for line in report.scope}
    running = {project for project, months in streaks.items() if months}
    for year, month in earlier_month_ends(report):
        if not running:
            break
        spec = report_spec(report.plan, report.spec.today, month=f"{year:04d}-{month:02d}")
        if spec.period.as_of >= report.as_of:  # a cut-off day after the report's own date
            continue
        spec = dataclasses.replace(spec, scope=dataclasses.replace(spec.scope, projects=tuple(sorted(running))))
        earlier = build_report(report.plan, index, spec)
        running = {line.project.id for line in earlier.scope if line.status in BEHIND}
        for project in running:
            streaks[project] += 1
    return streaks


def rung(status: Optional[str], months: int, ladder: Escalation) -> Optional[str]:
    """The ladder's suggestion: behind → reminder; `order` months in a row, or seriously lagging →
    order (督办单); `listing` months in a row → listing (建议挂牌督办). None when on schedule."""
    if status not in BEHIND:
        return None
    if months >= ladder.listing:
        return "listing"
    if months >= ladder.order or status == "seriously_lagging":
        return "order"
    return "reminder"


@dataclass(frozen=True, eq=False)
class Oversight:
    """What the tool suggests for a project and what the office decided about it."""

    months: int  # behind this many months in a row (0: on schedule)
    rung: Optional[str]  # one of RUNGS, None when on schedule
    office: Optional[ProjectSupervision]  # the office's own entry for the month

    @property
    def listed(self) -> bool:
        """挂牌督办 by the office and not 销号."""
        return self.office is not None and self.office.listed is not None and self.office.closed is None

    @property
    def suggestion(self) -> Optional[str]:
        """The rung still worth saying: none once the office has listed the project."""
        return None if self.listed and self.rung == "listing" else self.rung


def oversight(report: Report, index, supervision: Optional[Supervision]) -> dict[int, Oversight]:
    """Project id → its Oversight, for every project of the report's scope."""
    streaks = lagging_streaks(report, index)
    ladder = report.plan.settings.escalation
    return {
        line.project.id: Oversight(
            streaks[line.project.id], rung(line.status, streaks[line.project.id], ladder),
            supervision.of(line.project.id) if supervision is not None else None,
        )
        for line in report.scope
    }


def attach_oversight(root, report: Report, index) -> Optional[Supervision]:
    """Fill `report.oversight` from the ledger's history and the office's file for the month of
    the report's date (supervision/YYYY-MM.yaml); return that file (None: the office wrote none)."""
    from minsheng_cli.ledger.supervision import load_supervision

    supervision = load_supervision(root, report.plan, report.as_of.year, report.as_of.month)
    report.oversight = oversight(report, index, supervision)
    report.supervision = supervision
    return supervision
