"""What a report is asked for, resolved once against the plan: the `ReportSpec`.

`report_spec` turns `report`'s options into a spec and is the only place they are checked: the
period (one option, parsed, not in the future, not before the plan), the project filters
(--category, --unit, --status) and the grouping (--by). Everything downstream trusts it. The
spec is immutable and holds only plain values (dates, codes, numbers, the plan's own names), so
its `repr` is stable across processes: with the ledger's bytes, the output format and the
terminal, it is the key of a cached report. "Today" is read once, by the command, and passed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from minsheng_cli.errors import InputError, UsageError
from minsheng_cli.ledger.model import Plan, Project
from minsheng_cli.reporting.periods import Period, resolve_period
from minsheng_cli.words import ledger as ledger_words, report as M, vocab as vocab_words

BY_CHOICES = ("category", "unit", "county")
# (how --unit matched, the projects it selects): as a lead unit, else as a co-unit
UNIT_MATCHES = (
    ("lead", lambda wanted, project: wanted in project.lead),
    ("co", lambda wanted, project: wanted in project.co),
)


@dataclass(frozen=True)
class Scope:
    """The projects a report covers (its summary counts them all) and why."""

    projects: tuple[int, ...]  # project ids, in plan order
    categories: tuple[int, ...] = ()  # --category resolved to category ids (empty: not filtered)
    unit: Optional[str] = None  # --unit as matched
    unit_role: Optional[str] = None  # lead | co: what the unit is to the projects selected


@dataclass(frozen=True)
class ReportSpec:
    period: Period
    today: dt.date
    scope: Scope
    statuses: Optional[tuple[str, ...]] = None  # --status: only projects in these classes are shown
    by: str = "category"  # category | unit | county
    detail: bool = False  # a row per target
    notes: bool = False  # the latest 进展情况 / 存在问题 / 下步打算 under each project

    def key(self) -> bytes:
        """The spec as bytes for a cache key: equal specs give equal reports of the same ledger."""
        return repr(self).encode("utf-8")


def report_spec(
    plan: Plan,
    today: dt.date,
    month: Optional[str] = None,
    week: Optional[str] = None,
    xun: Optional[str] = None,
    quarter: Optional[str] = None,
    as_of: Optional[str] = None,
    by: str = "category",
    unit: Optional[str] = None,
    category: Optional[str] = None,
    status: Optional[str] = None,
    detail: bool = False,
    notes: bool = False,
) -> ReportSpec:
    """Check every option (in the order a user reads them) and resolve it against the plan."""
    if by not in BY_CHOICES:
        raise UsageError(M.REP_BAD_BY.format(value=by, choices=M.REP_LIST_SEP.join(BY_CHOICES)))
    period = resolve_period(plan, month=month, week=week, xun=xun, quarter=quarter, as_of=as_of, today=today)
    scope = resolve_scope(plan, category, unit)
    return ReportSpec(period, today, scope, parse_statuses(status), by, detail, notes)


def resolve_scope(plan: Plan, category: Optional[str], unit: Optional[str]) -> Scope:
    """--category (number or words of its name) and --unit (a unit as ledger/names.py finds it: lead, else co-unit)."""
    projects: list[Project] = list(plan.projects)
    categories: tuple[int, ...] = ()
    if category:
        from minsheng_cli.reporting.listing import category_ids

        ids = category_ids(plan, category)
        categories = tuple(c.id for c in plan.categories if c.id in ids)
        projects = [p for p in projects if p.category in ids]
    if not unit:
        return Scope(tuple(p.id for p in projects), categories)
    from minsheng_cli.ledger import names

    wanted = names.unit(plan, unit, not_found=ledger_words.UNKNOWN_UNIT.format(key=unit))
    for role, matches in UNIT_MATCHES:
        chosen = [p for p in projects if matches(wanted, p)]
        if chosen:
            return Scope(tuple(p.id for p in chosen), categories, wanted, role)
    raise InputError(ledger_words.UNKNOWN_UNIT.format(key=unit))


def parse_statuses(text: Optional[str]) -> Optional[tuple[str, ...]]:
    """--status lagging,seriously_lagging or --status 进度滞后,严重滞后 → the codes, in STATUSES order."""
    if not text:
        return None
    from minsheng_cli.reporting.schedule import STATUSES

    words = {word: code for code, word in vocab_words.STATUS.items()}
    chosen = set()
    for part in text.replace(M.REP_CLAUSE_SEP, ",").replace(M.REP_LIST_SEP, ",").split(","):
        part = part.strip()
        if not part:
            continue
        code = part if part in STATUSES else words.get(part)
        if code == "overdue_after":
            code = "overdue"
        if code not in STATUSES:
            choices = M.REP_LIST_SEP.join(M.REP_ASIDE.format(text=c, aside=vocab_words.STATUS[c]) for c in STATUSES)
            raise UsageError(M.REP_BAD_STATUS.format(value=part, choices=choices))
        chosen.add(code)
    return tuple(code for code in STATUSES if code in chosen)
