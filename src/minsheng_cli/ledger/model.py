"""The plan (projects.yaml) and progress records as plain dataclasses.

These classes are what every command works with. They import nothing heavy, so a report starts
fast; pydantic validates a plan into them (see `plan.py`) only when the plan's content has
changed since the last validated load, and generates the plan's JSON Schema from their type
hints. Figures are `Decimal`, so all arithmetic downstream is exact. Unknown fields are rejected
(`extra: forbid`) so that a typo in the plan is reported instead of silently ignored. Semantic
rules (ids, ranges, references) live in `plan_rules.py`, with Chinese messages.

A progress line's shape is described once, by `record_model.ProgressRecord`; `Record` below is
the same fields held in memory, plus where the line is (project from the file, path, line).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Optional

TargetKind = Literal["count", "level", "milestone", "checklist", "continuing"]
CountyKind = Literal["city", "district", "county", "zone"]
RecordAction = Literal["correct", "void"]
NUMERIC_KINDS = ("count", "level")
TARGET_ID = re.compile(r"[a-z][a-z0-9_]*")  # a target's id (fullmatch): also a bare YAML scalar
FORBID = {"extra": "forbid"}  # read by pydantic: unknown fields are errors
# Units that count whole things (PRODUCT.md §4 "Plausible values"): a fraction of one is a slip
# (a half household). A plan may list its own in settings.whole_units.
WHOLE_UNITS = ("个", "户", "所", "人", "名", "处", "座", "只", "口", "条", "家", "场", "次", "人次", "辆")  # 辆: the buses of project 26


@dataclass
class County:
    """A county (县（市、区）) of the plan: its name and kind."""

    __pydantic_config__ = FORBID
    name: str
    kind: CountyKind  # city 市本级 | district 区 | county 县（市） | zone 功能区


@dataclass
class Thresholds:
    """Gap thresholds in 个百分点 (PRODUCT.md §2): ahead if gap ≥ ahead, on_track if gap > on_track,
    lagging if gap ≥ lagging, else seriously lagging."""

    __pydantic_config__ = FORBID
    ahead: Decimal = Decimal(10)
    on_track: Decimal = Decimal(-10)
    lagging: Decimal = Decimal(-30)


@dataclass
class Escalation:
    """The escalation ladder (PRODUCT.md §7): lagging → 提醒; lagging `order` months in a row, or
    seriously lagging → 督办单; `listing` months in a row → 建议挂牌督办. The office decides."""

    __pydantic_config__ = FORBID
    order: int = 2
    listing: int = 3


@dataclass
class NoticeSettings:
    """The 通报's header: `issue` (督查通报〔2023〕第N期) or `red` (红头: 发文机关标志 + 文号), the
    issuing office, and the 主送机关 line; a supervision file may override each of them."""

    __pydantic_config__ = FORBID
    header: Literal["issue", "red"] = "issue"
    issuer: Optional[str] = None  # 发文机关 (default: words/notice.py)
    recipients: Optional[str] = None  # 主送机关
    fonts: Literal["official", "free"] = "official"  # 方正小标宋 / 仿宋_GB2312 …, or Noto CJK (free)


@dataclass
class Settings:
    """The plan's settings: thresholds, staleness, the monthly cycle's days, the notice's wording."""

    __pydantic_config__ = FORBID
    thresholds: Thresholds = field(default_factory=Thresholds)
    stale_after_days: int = 14
    report_cutoff_day: Optional[int] = None  # 月报截止日, e.g. 25 (截至每月25日)
    report_due_day: int = 5  # 报送截止日: a month's sheets are due by this day of the following month
    counties: list[County] = field(default_factory=list)
    # A tuple default (not a factory) so a plan cached before this setting existed still reads it.
    whole_units: tuple[str, ...] = WHOLE_UNITS
    escalation: Escalation = field(default_factory=Escalation)
    notice: NoticeSettings = field(default_factory=NoticeSettings)
    # 简称 → 全称 of units and counties (卫健委: 市卫生健康委); None: the common ones in words/names.py.
    abbreviations: Optional[dict[str, str]] = None


@dataclass
class Category:
    """One of the notice's categories (一、…): its number and name."""

    __pydantic_config__ = FORBID
    id: int
    name: str


@dataclass
class PlannedPoint:
    """节点目标: the planned cumulative value at a date, and where it comes from (e.g. 实施方案)."""

    __pydantic_config__ = FORBID
    date: dt.date
    value: Decimal
    source: Optional[str] = None


@dataclass
class Step:
    """A milestone of a target counted in steps: its name and due date."""

    __pydantic_config__ = FORBID
    name: str
    due: Optional[dt.date] = None


@dataclass
class Revision:
    """调整: from `date` on, the target, due date and/or milestones given here are in force."""

    __pydantic_config__ = FORBID
    date: dt.date
    approval: str  # 批准文件或批准人
    target: Optional[Decimal] = None
    due: Optional[dt.date] = None
    milestones: Optional[list[PlannedPoint]] = None
    note: Optional[str] = None


@dataclass
class Target:
    """One quantitative commitment of a project: what is counted, the year's figure, how it is read."""

    __pydantic_config__ = FORBID
    id: str
    name: str
    kind: TargetKind
    target: Optional[Decimal] = None
    unit: Optional[str] = None
    baseline: Optional[Decimal] = None
    baseline_from: Optional[Literal["record"]] = None
    start: Optional[dt.date] = None  # filled from the plan's period when absent
    due: Optional[dt.date] = None
    weight: Decimal = Decimal(1)
    by_county: bool = False
    counties: Optional[list[str]] = None  # None: every county of the plan
    county_targets: Optional[dict[str, Decimal]] = None
    milestones: list[PlannedPoint] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    required: Optional[int] = None
    quote: Optional[str] = None  # the notice's words this target comes from
    note: Optional[str] = None

    @property
    def counted(self) -> bool:
        """Counted in completion means: weight > 0 and not a continuing policy."""
        return self.weight > 0 and self.kind != "continuing"

    @property
    def required_items(self) -> int:
        return self.required if self.required is not None else len(self.items)


@dataclass
class Project:
    """One of the notice's projects: its category, lead and co-units, targets."""

    __pydantic_config__ = FORBID
    id: int
    category: int
    name: str
    lead: list[str]
    targets: list[Target]
    summary: str = ""
    text: str = ""
    co: list[str] = field(default_factory=list)

    def find_target(self, key: str) -> Optional[Target]:
        """A target by id or by its Chinese name."""
        for target in self.targets:
            if key in (target.id, target.name):
                return target
        return None


@dataclass
class Plan:
    """data/projects.yaml as validated: the year, counties, categories, projects and settings."""

    __pydantic_config__ = FORBID
    title: str
    year: int
    start: dt.date
    end: dt.date
    categories: list[Category]
    projects: list[Project]
    document: str = ""
    issued: Optional[dt.date] = None
    label: Optional[str] = None  # shown with every report title, e.g. 示例数据 for an illustrative ledger
    settings: Settings = field(default_factory=Settings)

    def __post_init__(self) -> None:
        # Targets without their own period take the plan's (PRODUCT.md §2).
        for project in self.projects:
            for target in project.targets:
                if target.start is None:
                    target.start = self.start
                if target.due is None:
                    target.due = self.end

    def find_project(self, key: str | int) -> Optional[Project]:
        text = str(key).strip()
        number = int(text) if text.isascii() and text.isdigit() else None  # not ², ① or ⑩ (isdigit, not int)
        for project in self.projects:
            if number == project.id or text == project.name:
                return project
        return None

    def category_name(self, category_id: int) -> str:
        for category in self.categories:
            if category.id == category_id:
                return category.name
        return str(category_id)

    @property
    def lead_units(self) -> list[str]:
        """Every lead unit, in the order of their first project (one template, one 报送 line each)."""
        units: list[str] = []
        for project in self.projects:
            for unit in project.lead:
                if unit not in units:
                    units.append(unit)
        return units

    @property
    def county_names(self) -> list[str]:
        return [county.name for county in self.settings.counties]

    def counties_of(self, target: Target) -> list[str]:
        """The counties a by_county target concerns (its own list, else every county of the plan)."""
        return list(target.counties) if target.counties is not None else self.county_names


@dataclass(frozen=True, slots=True)
class Record:
    """One progress record: "as of DATE, TARGET (for COUNTY) stands at VALUE".

    `value` is a Decimal for count/level targets, a string for the others ("done" or a step
    name for milestones, an item name for checklists, 正常/中断 for continuing targets), and
    None for a narrative-only record or a void. `target` is None for a project-level narrative.
    `path`/`line` say where the record was read from (for messages); they are not written.
    """

    date: dt.date
    project: int
    target: Optional[str] = None
    county: Optional[str] = None
    value: Decimal | str | None = None
    note: Optional[str] = None
    problem: Optional[str] = None
    next: Optional[str] = None
    by: Optional[str] = None
    action: Optional[RecordAction] = None
    reason: Optional[str] = None
    received: Optional[dt.date] = None  # the day the office received the sheet it came from (import)
    path: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)

    @property
    def key(self) -> tuple:
        """Records with the same key replace one another: the last written is in force."""
        return (self.project, self.target, self.county, self.date)


@functools.cache
def record_builder() -> type:
    """A class with Record's slots, in its order, and a plain `__init__` that ends by giving the
    instance `__class__ = Record`: calling it with every field (line included) makes a Record like
    any other (the layouts are the same, so Python allows the assignment), twice as fast as the
    frozen dataclass's own __init__, which calls object.__setattr__ per field. The fast reader
    builds every record of a ledger through it (PRODUCT.md §5), an import every row's."""
    from dataclasses import fields

    names = tuple(f.name for f in fields(Record))
    assert names == Record.__slots__, "Record's slots are its fields, in order"
    source = (f"def __init__(self, {', '.join(names)}):\n" + "".join(f"    self.{name} = {name}\n" for name in names)
              + "    self.__class__ = Record\n")
    namespace: dict = {"Record": Record}
    exec(source, namespace)  # noqa: S102 - our own field names, generated once
    return type("RecordBuilder", (), {"__slots__": names, "__init__": namespace["__init__"]})


def rebuilt_record(*fields) -> Record:
    """A Record from its fields in slot order (how a worker process hands records back, ledger/whole.py)."""
    return record_builder()(*fields)
