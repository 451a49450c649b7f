"""The escalation ladder (PRODUCT.md §7): how many months in a row each project has been behind,
and what the ladder suggests for it — the office decides, the tool only says 建议….

`lagging_streaks` is streak.lagging_streaks (the ledger judged as of each earlier month's report
date by the report's own assess_project) read per project.

`oversight` puts beside each project what the office itself wrote in supervision/YYYY-MM.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from minsheng_cli.ledger.model import Escalation
from minsheng_cli.ledger.supervision import ProjectSupervision, Supervision
from minsheng_cli.reporting.report import Report
from minsheng_cli.reporting.schedule import BEHIND

RUNGS = ("reminder", "order", "listing")  # 提醒, 督办单, 建议挂牌督办 (words/notice.RUNGS)


def lagging_streaks(report: Report, index) -> dict[int, int]:
    """Project id → how many months in a row it has been behind schedule (lagging, seriously
    lagging or overdue) as of the report's date, this period included; 0 when it is not behind
    now. The one count is streak.lagging_streaks, which the xlsx report's 连续滞后月数 shows too."""
    from minsheng_cli.reporting.streak import lagging_streaks as streaks_of

    behind = [line.project.id for line in report.scope if line.status in BEHIND]
    counted = streaks_of(report.plan, index, report.as_of, behind) if behind else {}
    return {line.project.id: counted.get((line.project.id, None), 0) for line in report.scope}


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
