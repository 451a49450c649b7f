"""What a template holds, row by row (`minsheng template`): the units, the month, and for each
target of a unit's projects where it stood before the month — read from the in-force engine,
so 上次累计 and the checklist items shown done are what report, check, show and log hold.

A checklist target is one row per item (several items can be ticked in one month); a target
recorded per county (`by_county`) is one row per county, all on the sheet 「分县填报」 (target by
target, the counties in the plan's order); everything else is on the main sheet 「全市」. The workbook itself is laid out by `template.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Optional

from minsheng_cli.errors import InputError, UsageError
from minsheng_cli.ledger.dates import month_end
from minsheng_cli.ledger.history import SET_KINDS, Standing, fold, means_done
from minsheng_cli.ledger.model import Plan, Project, Record, Target
from minsheng_cli.words import exchange as M, vocab as vocab_words, workbook as B

MAIN_SHEET = M.IMP_MAIN_SHEET
COUNTY_SHEET = B.COUNTY_SHEET
DONE = M.IMP_DONE


@dataclass(frozen=True)
class Period:
    """The month a template is for: records dated within it are this period's figures."""

    year: int
    month: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def end(self) -> dt.date:
        return month_end(self.year, self.month)

    @property
    def label(self) -> str:
        return f"{self.year}-{self.month:02d}"


@dataclass(frozen=True)
class TemplateRow:
    """One line a unit fills: a target (a checklist item, a county) and where it stood before."""

    project: Project
    target: Target
    county: Optional[str] = None
    item: Optional[str] = None
    last_value: object = None  # Decimal or display text
    last_date: Optional[dt.date] = None


# --- choosing units, months and rows ------------------------------------------------------------
def lead_units(plan: Plan) -> list[str]:
    """Every lead unit, in the order of their first project."""
    return plan.lead_units


def resolve_unit(plan: Plan, text: str) -> str:
    """A lead unit by its full name, an abbreviation or a unique part of it (ledger/names.py)."""
    from minsheng_cli.ledger import names

    return names.unit(plan, text, lead_only=True, not_found=M.IMP_UNKNOWN_UNIT.format(unit=text, units="、".join(lead_units(plan))))


def parse_period(plan: Plan, text: Optional[str], today: dt.date) -> Period:
    """`--month 2023-06` (also 2023/6, 2023年6月); default the current month, kept inside the plan."""
    from minsheng_cli.ledger.dates import parse_year_month

    if text is None:
        day = min(max(today, plan.start), plan.end)
        return Period(day.year, day.month)
    found = parse_year_month(text)
    if found is None:
        raise UsageError(M.IMP_BAD_MONTH.format(value=text))
    period = Period(*found)
    if period.end < plan.start or period.start > plan.end:
        raise InputError(M.IMP_MONTH_OUTSIDE.format(value=text, start=plan.start, end=plan.end))
    return period


def unit_projects(plan: Plan, unit: str) -> list[Project]:
    return [project for project in plan.projects if unit in project.lead]


def template_sheets(plan: Plan, records: Iterable[Record], unit: str, period: Period,
                    date: Optional[dt.date] = None) -> dict[str, list[TemplateRow]]:
    """Rows by sheet: the main sheet 「全市」, then 「分县填报」 when the unit has by-county targets.
    上次累计 is what the in-force engine holds at the end of the day before the sheet's date (a
    weekly sheet: this month's earlier weeks count), else before the month."""
    standing = fold(records, plan).as_of((date or period.start) - dt.timedelta(days=1))
    sheets: dict[str, list[TemplateRow]] = {MAIN_SHEET: []}
    per_county: list[TemplateRow] = []
    for project in unit_projects(plan, unit):
        for target in project.targets:
            if target.by_county:
                for county in plan.counties_of(target):
                    value, date = last_state(standing, project, target, county)
                    per_county.append(TemplateRow(project, target, county, None, value, date))
            elif target.kind == "checklist":
                done = standing.items_done(project.id, target.id)
                for item in target.items:
                    date = done.get(item)
                    sheets[MAIN_SHEET].append(TemplateRow(project, target, None, item, M.IMP_ITEM_DONE if date else None, date))
            else:
                value, date = last_state(standing, project, target)
                sheets[MAIN_SHEET].append(TemplateRow(project, target, None, None, value, date))
    if per_county:
        sheets[COUNTY_SHEET] = per_county
    return sheets


def last_state(standing: Standing, project: Project, target: Target, county: Optional[str] = None) -> tuple[object, Optional[dt.date]]:
    """What 上次累计 shows — a number, or for milestones and continuing targets the state in words —
    and the date of the record it comes from."""
    if target.kind in SET_KINDS:
        recorded = standing.items(project.id, target.id, county)
        if not recorded:
            return None, None
        if target.kind == "checklist":  # a by-county checklist: the item recorded last
            return recorded[-1][1], recorded[-1][0]
        done_date = next((day for day, step in recorded if means_done(step)), None)
        if done_date is not None:
            return M.IMP_ITEM_DONE, done_date
        names = list(dict.fromkeys(step for _day, step in recorded))
        return M.IMP_STEP_DONE.format(step="、".join(names)), recorded[-1][0]
    latest = standing.value(project.id, target.id, county)
    if latest is None:
        return None, None
    date, value = latest
    if target.kind == "continuing":
        return vocab_words.CONTINUING_VALUES.get(str(value), str(value)), date
    return value, date


def choices(row: TemplateRow) -> Optional[list[str]]:
    """What a list cell offers, or None for a number cell."""
    kind = row.target.kind
    if kind == "milestone":
        return [DONE] + [step.name for step in row.target.steps]
    if kind == "checklist":
        return [DONE]
    if kind == "continuing":
        return list(vocab_words.CONTINUING_VALUES)
    return None


def annual_figure(row: TemplateRow) -> object:
    target = row.target
    if row.county is not None:
        return (target.county_targets or {}).get(row.county)
    if target.kind in ("count", "level"):
        return target.target
    if target.kind == "continuing":
        return vocab_words.KIND["continuing"]
    return DONE  # milestones and checklist items: to be done within the year


def row_label(row: TemplateRow) -> str:
    if row.item is not None:
        return f"{row.target.name}：{row.item}"
    return row.target.name


def template_filename(unit: str, period: Period) -> str:
    """The file `template --all` writes for a unit: characters no file system takes in a name
    (a unit written 市住房/城乡建设局) become ＿, so every unit gets its file."""
    import re

    return M.IMP_FILENAME.format(month=period.label, unit=re.sub(r'[\\/:*?"<>|\x00-\x1f]', "＿", unit))
