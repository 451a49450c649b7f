"""The progress report as plain data: who stands where as of a period's end, and the text of the
summary sentence and lists in the office's wording. No printing here (render_report.py draws).

A report judges every project twice — as of the period's end and as of the previous period's
end — so that 本期完成 and 较上期 come from the same rules as the figures themselves.

A project row's 年度目标 / 本期完成 / 累计完成 show its principal target: the first counted one
(weight > 0, not a continuing policy) that has a figure (count or level), else the first counted
one. A project with several counted targets reads "新增托位10000个等6项" in 年度目标, so the
reader knows the figure is one of several; 完成率, 序时进度 and 较上期 are the project's own
weighted means. `--detail` adds one row per target.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Iterable, Optional

from minsheng_cli.reporting.listing import category_ids
from minsheng_cli.words import report as M, commands as commands_words, ledger as ledger_words, vocab as vocab_words
from minsheng_cli.ledger.dates import cn_as_of, cn_date
from minsheng_cli.errors import InputError, UsageError
from minsheng_cli.ledger.model import Plan, Project, Record, Target
from minsheng_cli.reporting.periods import Period
from minsheng_cli.reporting.schedule import (
    BEHIND, STATUSES, ProjectState, TargetState, assess_project, elapsed_share, fraction,
    gap_points, index_records, item_targets_of, points, round_half_up,
)

HEADERS = ["序号", "项目名称", "牵头单位", "年度目标", "本期完成", "累计完成", "完成率", "序时进度", "较上期", "状态"]
SUMMARY_KEYS = ("completed", "ahead", "on_track", "lagging", "seriously_lagging", "overdue", "not_started", "not_reported")
GOOD = ("completed", "ahead", "on_track")
BY_CHOICES = ("category", "unit", "county")
CN_DIGITS = "零一二三四五六七八九"


# --- the report's data -----------------------------------------------------------------------
@dataclass(eq=False)
class Notes:
    note: Optional[str] = None  # 进展情况
    problem: Optional[str] = None  # 存在问题
    next: Optional[str] = None  # 下步打算

    def __bool__(self) -> bool:
        return bool(self.note or self.problem or self.next)


@dataclass(eq=False)
class TargetLine:
    now: TargetState
    before: TargetState
    notes: Notes

    @property
    def target(self) -> Target:
        return self.now.target

    @property
    def delta(self) -> Optional[Decimal]:
        """本期完成: the change in the actual since the previous period's end."""
        if self.target.kind in ("milestone", "continuing"):
            return None
        if not isinstance(self.now.actual, Decimal) or not isinstance(self.before.actual, Decimal):
            return None
        return self.now.actual - self.before.actual


@dataclass(eq=False)
class ProjectLine:
    now: ProjectState
    before: ProjectState
    targets: list[TargetLine]
    notes: Notes
    category: str

    @property
    def project(self) -> Project:
        return self.now.project

    @property
    def status(self) -> str:
        return self.now.status

    @property
    def delta_points(self) -> Optional[Decimal]:
        """较上期: change of the completion rate, in 个百分点."""
        if self.now.completion is None:
            return None
        before = self.before.completion if self.before.completion is not None else Fraction(0)
        return points(self.now.completion - before)

    @property
    def principal(self) -> TargetLine:
        """The target whose figures stand for the project: the first counted one with a figure
        (count or level), else the first counted one (a milestone or checklist)."""
        counted = [line for line in self.targets if line.target.counted] or self.targets
        numeric = [line for line in counted if line.target.kind in ("count", "level")]
        return (numeric or counted)[0]

    @property
    def counted_count(self) -> int:
        return sum(1 for line in self.targets if line.target.counted)


@dataclass(eq=False)
class Summary:
    projects: int
    counts: dict[str, int]
    completion: Optional[Fraction]
    expected: Optional[Fraction]

    @property
    def gap(self) -> Optional[Decimal]:
        return gap_points(self.completion, self.expected)


@dataclass(eq=False)
class Report:
    plan: Plan
    period: Period
    projects: list[ProjectLine]  # shown (after every filter)
    scope: list[ProjectLine]  # counted in the summary (before the --status filter)
    summary: Summary
    scope_label: Optional[str] = None  # e.g. 市卫生健康委牵头 when filtered by unit
    filters: dict = field(default_factory=dict)

    @property
    def as_of(self) -> dt.date:
        return self.period.as_of

    @property
    def after_plan(self) -> bool:
        return self.as_of > self.plan.end

    @property
    def time_share(self) -> Fraction:
        """The plan's own 序时进度 at the report date (the title block's 序时进度)."""
        return elapsed_share(self.plan.start, self.plan.end, self.as_of)


# --- building --------------------------------------------------------------------------------
def build_report(
    plan: Plan,
    records: Iterable[Record],
    period: Period,
    category: Optional[str] = None,
    unit: Optional[str] = None,
    statuses: Optional[str] = None,
) -> Report:
    """Judge every selected project as of the period's end and the previous period's end."""
    projects, scope_label = select_projects(plan, category, unit)
    wanted = parse_statuses(statuses)
    index = index_records(records, item_targets_of(plan))
    names = {c.id: f"{cn_numeral(c.id)}、{c.name}" for c in plan.categories}
    scope = [_project_line(plan, project, index, period, names.get(project.category, str(project.category))) for project in projects]
    shown = [line for line in scope if wanted is None or line.status in wanted]
    return Report(plan, period, shown, scope, summarize(scope), scope_label,
                  {"category": category, "unit": unit, "status": statuses})


def _project_line(plan: Plan, project: Project, index, period: Period, category: str) -> ProjectLine:
    now = assess_project(plan, project, index, period.as_of)
    before = assess_project(plan, project, index, period.previous)
    said = [r for r in index.notes.get(project.id, []) if r.date <= period.as_of]
    targets = [
        TargetLine(t_now, t_before, latest_notes(r for r in said if r.target == t_now.target.id))
        for t_now, t_before in zip(now.targets, before.targets)
    ]
    return ProjectLine(now, before, targets, latest_notes(said), category)


def latest_notes(records: Iterable[Record]) -> Notes:
    """The latest 进展情况, 存在问题 and 下步打算, each field on its own (records in date order)."""
    notes = Notes()
    for record in records:
        if record.note:
            notes.note = record.note
        if record.problem:
            notes.problem = record.problem
        if record.next:
            notes.next = record.next
    return notes


def select_projects(plan: Plan, category: Optional[str], unit: Optional[str]) -> tuple[list[Project], Optional[str]]:
    """--category (number or words of its name) and --unit (lead unit, else co-unit; exact, else part of the name)."""
    projects = list(plan.projects)
    labels = []
    if category:
        ids = category_ids(plan, category)
        projects = [p for p in projects if p.category in ids]
        labels.append(M.REP_SCOPE_CATEGORY.format(names="、".join(c.name for c in plan.categories if c.id in ids)))
    if unit:
        wanted = unit.strip()
        for test, word in (
            (lambda p: wanted in p.lead, M.REP_SCOPE_LEAD),
            (lambda p: wanted in p.co, M.REP_SCOPE_CO),
            (lambda p: any(wanted in name for name in p.lead), M.REP_SCOPE_LEAD),
        ):
            chosen = [p for p in projects if test(p)]
            if chosen:
                projects = chosen
                labels.append(word.format(unit=wanted))
                break
        else:
            raise InputError(ledger_words.UNKNOWN_UNIT.format(key=unit))
    return projects, ("、".join(labels) or None)


def parse_statuses(text: Optional[str]) -> Optional[set[str]]:
    """--status lagging,seriously_lagging or --status 进度滞后,严重滞后."""
    if not text:
        return None
    words = {word: code for code, word in vocab_words.STATUS.items()}
    chosen = set()
    for part in text.replace("，", ",").replace("、", ",").split(","):
        part = part.strip()
        if not part:
            continue
        code = part if part in STATUSES else words.get(part)
        if code == "overdue_after":
            code = "overdue"
        if code not in STATUSES:
            choices = "、".join(f"{c}（{vocab_words.STATUS[c]}）" for c in STATUSES)
            raise UsageError(M.REP_BAD_STATUS.format(value=part, choices=choices))
        chosen.add(code)
    return chosen


def summarize(lines: list[ProjectLine]) -> Summary:
    counts = {key: 0 for key in SUMMARY_KEYS}
    for line in lines:
        counts[line.status] += 1
    known = [line.now for line in lines if line.status != "not_reported" and line.now.completion is not None]
    completion = sum((s.completion for s in known), Fraction(0)) / len(known) if known else None
    expected = sum((s.expected for s in known), Fraction(0)) / len(known) if known else None
    return Summary(len(lines), counts, completion, expected)


# --- words and numbers -----------------------------------------------------------------------
def cn_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 13 → 十三, 20 → 二十 (category numbering 一、二、…)."""
    if number < 10:
        return CN_DIGITS[number]
    tens, ones = divmod(number, 10)
    if tens >= 10:
        return str(number)
    return (CN_DIGITS[tens] if tens > 1 else "") + "十" + (CN_DIGITS[ones] if ones else "")


def percent(share: Optional[Fraction]) -> str:
    """0.625 → 62.5%"""
    if share is None:
        return "—"
    return f"{points(share)}%"


def signed_points(value: Optional[Decimal]) -> str:
    if value is None:
        return "—"
    return f"+{value}" if value > 0 else str(value)


def number_text(value) -> str:
    from minsheng_cli.rendering.output import format_number

    return format_number(value) if isinstance(value, (Decimal, int)) else str(value)


def status_word(status: Optional[str], after_plan: bool = False) -> str:
    if status is None:
        return M.REP_UNKNOWN_STATUS
    if status == "overdue" and after_plan:
        return vocab_words.STATUS["overdue_after"]
    return vocab_words.STATUS[status]


def flag_words(flags: list[str]) -> list[str]:
    return [vocab_words.FLAGS.get(flag, flag) for flag in flags]


def status_text(status: Optional[str], flags: list[str], after_plan: bool = False, completion: Optional[Fraction] = None) -> str:
    """状态 cell: 进度滞后（未按时报送）; over 100%: 超额完成（完成年度目标的187.9%）."""
    if status == "completed" and completion is not None and completion > 1:
        word = M.REP_OVER_ACHIEVED.format(percent=percent(completion))
    elif status is None and "no_data" in flags:
        word, flags = vocab_words.FLAGS["no_data"], [f for f in flags if f != "no_data"]
    else:
        word = status_word(status, after_plan)
    extra = flag_words(flags)
    return f"{word}（{'，'.join(extra)}）" if extra else word


def unit_of(target: Target) -> str:
    if target.unit:
        return target.unit
    return M.REP_ITEM_UNIT if target.kind == "checklist" else ""


def figure_text(target: Target, state: TargetState) -> str:
    """年度目标 of one target: 10000个, 5个 (checklist), the milestone's name, 持续实施."""
    if target.kind == "milestone":
        return M.REP_STEPS.format(count=len(target.steps)) if target.steps else M.REP_MILESTONE_TARGET
    if target.kind == "continuing":
        return vocab_words.KIND["continuing"]
    if state.terms.figure is None:
        return "—"
    return f"{number_text(state.terms.figure)}{unit_of(target)}"


def actual_text(line: TargetLine) -> str:
    """累计完成 of one target."""
    state, target = line.now, line.target
    if state.status in ("not_reported", "not_started") and not state.reported:
        return "—"
    if target.kind == "milestone":
        if state.actual:
            return M.REP_DONE
        if target.steps:
            return M.REP_STEPS_DONE.format(done=len(state.done_items), count=len(target.steps))
        return M.REP_NOT_DONE
    if target.kind == "continuing":
        return vocab_words.CONTINUING_VALUES.get(state.actual, str(state.actual))
    return f"{number_text(state.actual)}{unit_of(target)}"


def delta_text(line: TargetLine) -> str:
    """本期完成 of one target: the change since the previous period's end."""
    target = line.target
    if not line.now.reported:
        return "—"
    if target.kind == "milestone":
        new = [item for item in line.now.done_items if item not in line.before.done_items]
        if line.now.actual and not line.before.actual:
            return M.REP_DONE_NOW
        return "、".join(new) if new else "—"
    if target.kind == "continuing":
        return ""
    delta = line.delta
    return "—" if delta is None else f"{number_text(delta)}{unit_of(target)}"


# --- rows (table, plain, markdown, csv) ------------------------------------------------------
@dataclass(eq=False)
class Row:
    cells: list[str]
    status: Optional[str] = None
    completion: Optional[Fraction] = None  # drawn as a bar in the table format
    level: str = "project"  # project | target | notes
    line: object = None  # the ProjectLine / TargetLine it shows (for xlsx)


@dataclass(eq=False)
class Section:
    title: Optional[str]
    rows: list[Row]


def project_row(report: Report, line: ProjectLine) -> Row:
    principal = line.principal
    figure = figure_text(principal.target, principal.now)
    if principal.target.kind == "milestone" and line.counted_count == 1:
        figure = principal.target.name + (f"（{figure}）" if principal.target.steps else "")
    elif line.counted_count > 1:
        shown = "" if principal.target.kind == "milestone" else figure
        figure = M.REP_MANY_TARGETS.format(name=principal.target.name, figure=shown, count=line.counted_count)
    state = line.now
    cells = [
        str(line.project.id), line.project.name, "、".join(line.project.lead), figure,
        delta_text(principal), actual_text(principal), percent(state.completion), percent(state.expected),
        signed_points(line.delta_points), status_text(state.status, state.flags, report.after_plan),
    ]
    return Row(cells, state.status, state.completion, "project", line)


def target_row(report: Report, line: ProjectLine, number: int, target_line: TargetLine) -> Row:
    state = target_line.now
    target = target_line.target
    name = target.name + (f"（{commands_words.WEIGHT_ZERO}）" if target.weight == 0 else "")
    actual = actual_text(target_line)
    if target.kind == "checklist" and state.missing_items and not state.finished:
        actual += M.REP_MISSING_ITEMS.format(items="、".join(state.missing_items))
    if state.missing_counties and "partial" in state.flags:
        actual += M.REP_MISSING_COUNTIES.format(counties="、".join(state.missing_counties))
    before = target_line.before.completion
    change = points(state.completion - (before or 0)) if state.completion is not None else None
    cells = [
        f"{line.project.id}.{number}", name, "", figure_text(target, state), delta_text(target_line), actual,
        percent(state.completion), percent(state.expected), signed_points(change),
        status_text(state.status, state.flags, report.after_plan, state.completion),
    ]
    return Row(cells, state.status, state.completion, "target", target_line)


def notes_row(line: ProjectLine) -> Optional[Row]:
    text = notes_text(line.notes)
    if not text:
        return None
    return Row(["", text] + [""] * (len(HEADERS) - 2), level="notes", line=line)


def notes_text(notes: Notes, sep: str = "\n") -> str:
    parts = []
    for label, text in ((M.REP_NOTE, notes.note), (M.REP_PROBLEM, notes.problem), (M.REP_NEXT, notes.next)):
        if text:
            parts.append(f"{label}：{text}")
    return sep.join(parts)


def project_rows(report: Report, line: ProjectLine, detail: bool = False, notes: bool = False) -> list[Row]:
    rows = [project_row(report, line)]
    if detail:
        rows += [target_row(report, line, n, t) for n, t in enumerate(line.targets, 1)]
    if notes:
        extra = notes_row(line)
        if extra is not None:
            rows.append(extra)
    return rows


def sections(report: Report, by: str = "category", detail: bool = False, notes: bool = False) -> list[Section]:
    """The table's groups: by category (一、…), or by lead unit with a tally per unit."""
    if by not in ("category", "unit"):
        raise UsageError(M.REP_BAD_BY.format(value=by, choices="、".join(BY_CHOICES)))
    if by == "category":
        groups: dict[str, list[ProjectLine]] = {}
        for line in report.projects:
            groups.setdefault(line.category, []).append(line)
        return [Section(title, [r for line in lines for r in project_rows(report, line, detail, notes)]) for title, lines in groups.items()]
    by_unit: dict[str, list[ProjectLine]] = {}
    for line in report.projects:
        for unit in line.project.lead:
            by_unit.setdefault(unit, []).append(line)
    return [
        Section(f"{unit}（{unit_tally(lines, report.after_plan)}）", [r for line in lines for r in project_rows(report, line, detail, notes)])
        for unit, lines in by_unit.items()
    ]


def unit_tally(lines: list[ProjectLine], after_plan: bool = False) -> str:
    """共5项：已完成1项，序时推进3项，进度滞后1项"""
    counts = {key: 0 for key in SUMMARY_KEYS}
    for line in lines:
        counts[line.status] += 1
    parts = [f"{status_word(key, after_plan)}{counts[key]}项" for key in SUMMARY_KEYS if counts[key]]
    return M.REP_TALLY.format(count=len(lines), parts="，".join(parts))


def flat_rows(report: Report, by: str = "category", detail: bool = False, notes: bool = False) -> list[list[str]]:
    """Every row for plain/markdown/csv: a section's title as a row of its own (like the office's sheet)."""
    rows: list[list[str]] = []
    for section in sections(report, by, detail, notes):
        if section.title:
            rows.append(["", section.title] + [""] * (len(HEADERS) - 2))
        rows.extend(row.cells for row in section.rows)
    return rows


# --- by county -------------------------------------------------------------------------------
@dataclass(eq=False)
class CountyTable:
    headers: list[str]
    sections: list[Section]  # 县（市、区） ranked, then 功能区 ranked apart
    targets: list[tuple[ProjectLine, TargetLine]]


def county_table(report: Report) -> CountyTable:
    """Each county's figures on the by_county targets and its completion on the allocated ones."""
    chosen = [(line, t) for line in report.projects for t in line.targets if t.target.by_county]
    if not chosen:
        raise InputError(M.REP_NO_COUNTY_TARGETS)
    headers = [M.REP_RANK, M.REP_COUNTY]
    headers += [f"{line.project.id}.{t.target.name}（{unit_of(t.target)}）" for line, t in chosen]
    headers.append(M.REP_COUNTY_COMPLETION)
    kinds = {c.name: c.kind for c in report.plan.settings.counties}
    concerned = [name for name in report.plan.county_names if any(name in report.plan.counties_of(t.target) for _, t in chosen)]
    total = Row(["", M.REP_WHOLE_CITY] + [_county_cell(t.now.actual, t.now.terms.figure) for _, t in chosen] + [""], level="total")
    groups = [
        (M.REP_COUNTIES_GROUP, [n for n in concerned if kinds.get(n) != "zone"]),
        (M.REP_ZONES_GROUP, [n for n in concerned if kinds.get(n) == "zone"]),
    ]
    result = [Section(None, [total])]
    for title, names in groups:
        if names:
            result.append(Section(title, _ranked_counties(names, chosen)))
    return CountyTable(headers, result, chosen)


def _county_cell(actual, figure) -> str:
    if actual is None:
        return "—"
    return f"{number_text(actual)}/{number_text(figure)}" if figure is not None else number_text(actual)


def _ranked_counties(names: list[str], chosen) -> list[Row]:
    rows = []
    for name in names:
        cells, shares, weights = [], [], []
        for _, t in chosen:
            county = next((c for c in (t.now.counties or []) if c.name == name), None)
            if county is None:
                cells.append("")
                continue
            cells.append(_county_cell(county.actual, county.target))
            if county.target is not None:
                shares.append(min(county.completion or Fraction(0), Fraction(1)) * fraction(t.target.weight))
                weights.append(fraction(t.target.weight))
        completion = sum(shares, Fraction(0)) / sum(weights, Fraction(0)) if weights and sum(weights) else None
        rows.append(Row(["", name] + cells + [percent(completion)], completion=completion, level="county"))
    ranked = sorted((r for r in rows if r.completion is not None), key=lambda r: -r.completion)
    previous, rank = None, 0
    for position, row in enumerate(ranked, 1):
        if row.completion != previous:
            rank, previous = position, row.completion
        row.cells[0] = str(rank)
    return ranked + [r for r in rows if r.completion is None]


# --- summary sentence and lists --------------------------------------------------------------
def summary_sentence(report: Report) -> str:
    """截至2023年6月底，2023年市政府30项“重点民生实事”中，已完成N项，…；总体完成年度目标的X%，快于序时进度X个百分点。"""
    summary = report.summary
    counts = summary.counts
    if not summary.projects:
        return M.REP_SENTENCE_EMPTY.format(date=cn_as_of(report.as_of), title=report.plan.title)
    parts = []
    for key in ("completed", "ahead", "on_track"):
        if counts[key]:
            parts.append(f"{vocab_words.STATUS[key]}{counts[key]}项")
    behind = counts["lagging"] + counts["seriously_lagging"]
    if behind:
        serious = M.REP_OF_WHICH_SERIOUS.format(count=counts["seriously_lagging"]) if counts["seriously_lagging"] else ""
        parts.append(f"{vocab_words.STATUS['lagging']}{behind}项{serious}")
    if counts["overdue"]:
        parts.append(f"{status_word('overdue', report.after_plan)}{counts['overdue']}项")
    if counts["not_started"]:
        parts.append(f"{vocab_words.STATUS['not_started']}{counts['not_started']}项")
    if not behind and not counts["overdue"] and summary.projects > counts["not_reported"]:
        parts.append(M.REP_NONE_LAGGING)
    if counts["not_reported"]:
        parts.append(M.REP_NOT_REPORTED_COUNT.format(count=counts["not_reported"]))
    sentence = M.REP_SENTENCE_HEAD.format(date=cn_as_of(report.as_of), scope=scope_words(report)) + "，".join(parts)
    if summary.completion is not None:
        sentence += "；" + M.REP_SENTENCE_OVERALL.format(percent=percent(summary.completion)) + "，" + gap_words(summary.gap)
    return sentence + "。"


def scope_words(report: Report) -> str:
    """2023年市政府30项“重点民生实事”中 — the count goes before the opening quote of the title."""
    title, count = report.plan.title, report.summary.projects
    if report.scope_label:
        return M.REP_SCOPE_FILTERED.format(title=title, scope=report.scope_label, count=count)
    if "“" in title:
        head, _, tail = title.partition("“")
        return f"{head}{count}项“{tail}中"
    return M.REP_SCOPE_PLAIN.format(title=title, count=count)


def gap_words(gap: Optional[Decimal]) -> str:
    """快于序时进度2.3个百分点 / 慢于序时进度… / 与序时进度持平"""
    if gap is None:
        return ""
    if gap > 0:
        return M.REP_FASTER.format(points=gap)
    if gap < 0:
        return M.REP_SLOWER.format(points=-gap)
    return M.REP_LEVEL


def lagging_entries(report: Report) -> list[str]:
    """Each lagging, seriously lagging or overdue project, and each such target of an otherwise
    on-schedule project: lead unit, gap in 个百分点, latest 存在问题 and 下步打算."""
    entries = []
    for line in report.projects:
        lead = "、".join(line.project.lead)
        if line.status in BEHIND:
            overdue = [t for t in line.targets if t.now.status == "overdue" and t.target.counted]
            entries.append(_lag_entry(report, line.project.name, lead, line.status, line.now.completion, line.now.gap, overdue, line.notes))
        elif line.status in ("ahead", "on_track", "completed"):  # e.g. a policy 中断 in a finished project
            for t in line.targets:
                if t.now.status in BEHIND:
                    name = M.REP_PROJECT_TARGET.format(project=line.project.name, target=t.target.name)
                    notes = Notes(None, t.notes.problem or line.notes.problem, t.notes.next or line.notes.next)
                    entries.append(_lag_entry(report, name, lead, t.now.status, t.now.completion, t.now.gap, [t], notes))
    return [f"{n}. {text}" for n, text in enumerate(entries, 1)]


def _lag_entry(report, name, lead, status, completion, gap, targets: list[TargetLine], notes: Notes) -> str:
    head = f"{name}（{lead}）：{status_word(status, report.after_plan)}"
    single = targets[0] if len(targets) == 1 else None
    if single is not None and single.target.kind == "continuing":
        state = single.now
        when = cn_date(state.last_activity) if state.last_activity else "—"
        text = f"{head}，{M.REP_INTERRUPTED if state.actual == '中断' else M.REP_NOT_CONFIRMED.format(date=when)}。"
    elif status == "overdue":
        dues = "；".join(M.REP_DUE_ITEM.format(target=t.target.name, date=cn_date(t.now.terms.due)) for t in targets)
        text = f"{head}（{dues}），{M.REP_COMPLETED_SHARE.format(percent=percent(completion))}。"
    else:
        lag = M.REP_SLOWER.format(points=-gap) if gap is not None and gap < 0 else ""
        text = f"{head}，{M.REP_COMPLETED_SHARE.format(percent=percent(completion))}" + (f"，{lag}" if lag else "") + "。"
    for label, said in ((M.REP_PROBLEM, notes.problem), (M.REP_NEXT, notes.next)):
        if said:
            text += f"{label}：{said.rstrip('。；;.')}。"
    return text


def unreported_entries(report: Report) -> list[str]:
    lines = [line for line in report.projects if line.status == "not_reported"]
    return [f"{n}. {line.project.name}（{'、'.join(line.project.lead)}）" for n, line in enumerate(lines, 1)]


def stale_entries(report: Report) -> list[str]:
    lines = [line for line in report.projects if "stale" in line.now.flags]
    return [
        M.REP_STALE_ENTRY.format(number=n, name=line.project.name, lead="、".join(line.project.lead),
                                 date=cn_date(line.now.last_activity))
        for n, line in enumerate(lines, 1)
    ]


def title_text(report: Report) -> str:
    title = M.REP_TITLE.format(title=report.plan.title)
    return f"{title}（{report.plan.label}）" if report.plan.label else title


def subtitle_text(report: Report) -> str:
    """（2023年6月）截至2023年6月底　序时进度50.0%"""
    text = M.REP_SUBTITLE.format(label=report.period.label, date=cn_as_of(report.as_of), share=percent(report.time_share))
    if report.period.kind in ("as_of", "default"):  # the label is the date itself
        text = text.split("　", 1)[1]
    if report.period.clipped:
        text += M.REP_CLIPPED.format(date=cn_date(report.as_of))
    return text


def text_blocks(report: Report) -> list[tuple[str, list[str]]]:
    """What follows the table: (heading, lines) — the lagging list, 未报送, 未按时报送."""
    blocks = []
    lagging = lagging_entries(report)
    if lagging:
        blocks.append((M.REP_LAGGING_HEADING.format(count=len(lagging)), lagging))
    else:
        blocks.append((M.REP_LAGGING_HEADING_NONE, [M.REP_NONE_LAGGING + "。"]))
    unreported = unreported_entries(report)
    if unreported:
        blocks.append((M.REP_UNREPORTED_HEADING.format(count=len(unreported)), unreported))
    stale = stale_entries(report)
    if stale:
        blocks.append((M.REP_STALE_HEADING.format(days=report.plan.settings.stale_after_days, count=len(stale)), stale))
    return blocks


# --- JSON (PRODUCT.md §3 contract) ----------------------------------------------------------
def share(value: Optional[Fraction]) -> Optional[Decimal]:
    """A fraction for JSON: 0.62 (rounded to 0.0001, i.e. 0.01 of a percentage point)."""
    return None if value is None else round_half_up(value, 4)


def report_json(report: Report) -> dict:
    from minsheng_cli.reporting.listing import plan_json

    summary = report.summary
    return {
        "plan": plan_json(report.plan),
        "as_of": report.as_of,
        "previous": report.period.previous,
        "summary": {
            "projects": summary.projects,
            **{key: summary.counts[key] for key in SUMMARY_KEYS},
            "completion": share(summary.completion),
            "expected": share(summary.expected),
        },
        "projects": [_project_json(line) for line in report.projects],
    }


def _project_json(line: ProjectLine) -> dict:
    state = line.now
    return {
        "id": line.project.id,
        "name": line.project.name,
        "category": line.project.category,
        "lead": list(line.project.lead),
        "completion": share(state.completion),
        "expected": share(state.expected),
        "gap": state.gap,
        "status": state.status,
        "flags": list(state.flags),
        "targets": [_target_json(t) for t in line.targets],
    }


def _json_value(target: Target, state: TargetState):
    if target.kind == "milestone":
        return bool(state.actual)
    return state.actual


def _target_json(line: TargetLine) -> dict:
    state, target = line.now, line.target
    figure = None if target.kind in ("milestone", "continuing") else state.terms.figure
    return {
        "id": target.id,
        "name": target.name,
        "kind": target.kind,
        "unit": target.unit,
        "target": figure,
        "actual": _json_value(target, state),
        "previous": _json_value(target, line.before),
        "delta": line.delta,
        "completion": share(state.completion),
        "expected": share(state.expected),
        "gap": state.gap,
        "status": state.status,
        "flags": list(state.flags),
        "as_of": state.as_of,
        "counties": None if state.counties is None else [
            {"name": c.name, "target": c.target, "actual": c.actual, "completion": share(c.completion), "as_of": c.as_of}
            for c in state.counties
        ],
    }
