"""报送 (PRODUCT.md §6): for a month, which lead units have reported on which projects, on time or
late, their 报送及时率, and the 催报 paragraph naming the units still missing.

The rules, once:
- A project is **due** to report for a month unless it was completed before the month began (每个
  counted target done as of the day before) or has not started by the month's end: those are 免报.
- It **reported** when a record of it dated in the month counts (what `check` rejects never does).
- **When** a record reached the office (its evidence), first that holds: the day the office
  received the sheet it was imported from (`received`, written by `import`); the day of the
  first commit that holds it (git); else it is not committed yet and counts as reported today.
  A project's day is its earliest record's; with `--as-of`, records that reached the office
  after that day do not count yet.
- **On time** when that day is at most the due date: `report_due_day` of the following month.
- 报送及时率 = projects reported on time ÷ projects due, per lead unit (the projects it leads)
  and overall (each project once).

`build_status` is plain data; `status_view` and `status_json` shape it for the renderers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Iterable, Optional

from minsheng_cli.errors import InputError
from minsheng_cli.ledger.dates import cn_date
from minsheng_cli.ledger.model import Plan, Project, Record
from minsheng_cli.words import status as M

ON_TIME, LATE, MISSING = "on_time", "late", "missing"
RECEIVED, COMMITTED, UNCOMMITTED = "received", "committed", "uncommitted"
COMPLETED, NOT_STARTED = "completed", "not_started"


@dataclass(frozen=True)
class Month:
    """The month reported on: its days (or, with report_cutoff_day, the 26th–25th), and its due date."""

    year: int
    month: int
    start: dt.date
    end: dt.date
    due: dt.date

    @property
    def label(self) -> str:
        return M.MONTH_LABEL.format(year=self.year, month=self.month)

    @property
    def key(self) -> str:
        return f"{self.year}-{self.month:02d}"


@dataclass(frozen=True)
class Reported:
    """One project's 报送 for the month."""

    project: Project
    state: str  # ON_TIME | LATE | MISSING
    day: Optional[dt.date] = None  # when it reached the office (None: missing)
    evidence: Optional[str] = None  # RECEIVED | COMMITTED | UNCOMMITTED
    records: int = 0  # records of the month that count


class _Tally:
    """A count per state and the 报送及时率 over `projects` (a unit's, or the whole city's)."""

    projects: list[Reported]

    def count(self, state: str) -> int:
        return sum(1 for item in self.projects if item.state == state)

    @property
    def rate(self) -> Optional[Fraction]:
        return timeliness(self.projects)


@dataclass
class UnitStatus(_Tally):
    unit: str
    projects: list[Reported] = field(default_factory=list)

    @property
    def missing(self) -> list[Project]:
        return [item.project for item in self.projects if item.state == MISSING]


@dataclass
class Status(_Tally):
    plan: Plan
    month: Month
    as_of: dt.date
    units: list[UnitStatus]
    projects: list[Reported]  # every due project once, in plan order
    exempt: list[tuple[Project, str]]  # (project, COMPLETED | NOT_STARTED)

    @property
    def overdue(self) -> bool:
        """The due date has passed as of the day judged: a missing sheet is late, not pending."""
        return self.as_of > self.month.due

    @property
    def missing_units(self) -> list[UnitStatus]:
        return [unit for unit in self.units if unit.missing]


def timeliness(items: list[Reported]) -> Optional[Fraction]:
    return Fraction(sum(1 for item in items if item.state == ON_TIME), len(items)) if items else None


def status_month(plan: Plan, text: Optional[str], today: dt.date) -> Month:
    """--month as typed (default: last month; once the plan is over, its last month), in the plan."""
    from minsheng_cli.ledger import dates
    from minsheng_cli.reporting.periods import month_period

    if text is None:
        last = today.replace(day=1) - dt.timedelta(days=1)
        day = min(max(last, plan.start), plan.end)
        text = f"{day.year}-{day.month:02d}"
    found = dates.parse_year_month(text)
    period = month_period(text, plan.settings.report_cutoff_day)  # InputError for a bad month
    year, month = found
    if dates.month_end(year, month) < plan.start or dt.date(year, month, 1) > plan.end:
        raise InputError(M.BAD_MONTH.format(value=text, start=cn_date(plan.start), end=cn_date(plan.end)))
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return Month(year, month, period.start, period.as_of, following.replace(day=plan.settings.report_due_day))


def month_folders(month: Month) -> list[str]:
    """The progress folders that hold the month's records (two with report_cutoff_day: 26th–25th)."""
    from minsheng_cli.ledger import layout

    names = {layout.month_name(month.start), layout.month_name(month.end)}
    return [f"{layout.PROGRESS_DIR}/{name}" for name in sorted(names)]


def build_status(plan: Plan, in_force, records: Iterable[Record], month: Month, as_of: dt.date,
                 committed: dict[str, dict], today: Optional[dt.date] = None) -> Status:
    """The month's 报送 as of `as_of`. `in_force`: the records folded with the plan (history.fold),
    `records` the same records; `committed`: gitrev.first_committed for the month's folders (may be
    empty); `today`: the day an uncommitted record counts as reported (default `as_of`)."""
    from minsheng_cli.ledger.history import INVALID
    from minsheng_cli.ledger.layout import relative_record_path

    invalid = {id(record) for record in in_force.records_with_fate(INVALID)}
    evidence: dict[int, list[tuple[dt.date, str]]] = {}
    for record in records:
        if not month.start <= record.date <= month.end or id(record) in invalid:
            continue
        day, kind = _evidence(record, committed.get(relative_record_path(record), {}), today or as_of)
        if day <= as_of:
            evidence.setdefault(record.project, []).append((day, kind))
    exempt = [(project, reason) for project in plan.projects if (reason := _exemption(plan, project, in_force, month))]
    exempted = {project.id for project, _ in exempt}
    due = [_reported(project, evidence.get(project.id, []), month) for project in plan.projects if project.id not in exempted]
    units = [UnitStatus(unit, [item for item in due if unit in item.project.lead]) for unit in plan.lead_units]
    return Status(plan, month, as_of, [unit for unit in units if unit.projects], due, exempt)


def _evidence(record: Record, committed: dict, today: dt.date) -> tuple[dt.date, str]:
    if record.received is not None:
        return record.received, RECEIVED
    day = committed.get(record)
    if day is not None:
        return day, COMMITTED
    return today, UNCOMMITTED


def _exemption(plan: Plan, project: Project, in_force, month: Month) -> Optional[str]:
    from minsheng_cli.reporting.schedule import assess_project

    if assess_project(plan, project, in_force, month.end).status == NOT_STARTED:
        return NOT_STARTED
    if assess_project(plan, project, in_force, month.start - dt.timedelta(days=1)).status == COMPLETED:
        return COMPLETED
    return None


def _reported(project: Project, evidence: list[tuple[dt.date, str]], month: Month) -> Reported:
    if not evidence:
        return Reported(project, MISSING)
    day, kind = min(evidence)
    return Reported(project, ON_TIME if day <= month.due else LATE, day, kind, len(evidence))


# --- what is shown ---------------------------------------------------------------------------------
def rate_text(rate: Optional[Fraction]) -> str:
    from minsheng_cli.reporting.terms import percent_text

    return percent_text(rate, M.NO_RATE)


def title(status: Status) -> str:
    return M.TITLE.format(title=status.plan.title, month=status.month.label, due=cn_date(status.month.due))


def unit_rows(status: Status) -> list[list]:
    rows = [[unit.unit, len(unit.projects), unit.count(ON_TIME), unit.count(LATE), unit.count(MISSING), rate_text(unit.rate),
             M.LIST_SEP.join(f"{p.id}.{p.name}" for p in unit.missing)] for unit in status.units]
    rows.append([M.OVERALL, len(status.projects), status.count(ON_TIME), status.count(LATE), status.count(MISSING),
                 rate_text(status.rate), ""])
    return rows


def project_rows(status: Status) -> list[list]:
    return [[unit.unit, item.project.id, item.project.name, M.STATES[item.state],
             item.day.isoformat() if item.day else "", M.EVIDENCE.get(item.evidence, "")]
            for unit in status.units for item in unit.projects]


def exempt_rows(status: Status) -> list[list]:
    return [[project.id, project.name, M.LIST_SEP.join(project.lead), M.EXEMPT[reason]] for project, reason in status.exempt]


def summary_sentence(status: Status) -> str:
    if not status.projects:
        return M.SUMMARY_NONE.format(month=status.month.label)
    exempt = M.SUMMARY_EXEMPT.format(count=len(status.exempt)) if status.exempt else ""
    return M.SUMMARY.format(month=status.month.label, due_count=len(status.projects), on_time=status.count(ON_TIME),
                            late=status.count(LATE), missing=status.count(MISSING), rate=rate_text(status.rate), exempt=exempt)


def reminder(status: Status) -> str:
    """The 催报 paragraph, ready to paste into a message: every unit still missing, with its projects."""
    month, as_of, due = status.month.label, cn_date(status.as_of), cn_date(status.month.due)
    missing = status.missing_units
    if not missing:
        return M.REMINDER_NONE.format(as_of=as_of, month=month)
    units = M.LIST_SEP.join(
        M.REMINDER_UNIT.format(unit=unit.unit, projects=M.LIST_SEP.join(
            M.REMINDER_PROJECT.format(id=project.id, name=project.name) for project in unit.missing))
        for unit in missing
    )
    template = M.REMINDER_OVERDUE if status.overdue else M.REMINDER_PENDING
    return template.format(as_of=as_of, units=units, month=month, due=due)


def status_json(status: Status) -> dict:
    """`status --format json` (documented in the README): rates are fractions (0.9333), dates ISO."""
    from minsheng_cli.reporting.contract import share

    def project(item: Reported) -> dict:
        return {"id": item.project.id, "name": item.project.name, "lead": list(item.project.lead), "state": item.state,
                "reported": item.day, "evidence": item.evidence, "records": item.records}

    plan = status.plan
    return {
        "plan": {"title": plan.title, "document": plan.document, "year": plan.year},
        "month": status.month.key,
        "period": {"start": status.month.start, "end": status.month.end},
        "due": status.month.due,
        "as_of": status.as_of,
        "summary": {"projects": len(status.projects), "on_time": status.count(ON_TIME), "late": status.count(LATE),
                    "missing": status.count(MISSING), "exempt": len(status.exempt), "timeliness": share(status.rate)},
        "units": [{"unit": unit.unit, "projects": [project(item) for item in unit.projects], "on_time": unit.count(ON_TIME),
                   "late": unit.count(LATE), "missing": unit.count(MISSING), "timeliness": share(unit.rate)}
                  for unit in status.units],
        "exempt": [{"id": p.id, "name": p.name, "reason": reason} for p, reason in status.exempt],
        "reminder": {"overdue": status.overdue,
                     "units": [{"unit": unit.unit, "projects": [p.id for p in unit.missing]} for unit in status.missing_units],
                     "text": reminder(status)},
    }
