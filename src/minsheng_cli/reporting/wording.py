"""The report's words, from its data: title, subtitle, the summary sentence in the office's style,
status words and the 超额完成 phrasing, the figures of a cell, the lagging, 未报送 and 未按时报送
lists, the notes under a project. Every phrase is built from a constant of `words/report.py`.

Nothing here decides who is lagging or what a figure is — `report.py` does; this module only
says it, the way the notice (济政发〔2023〕2号) and the office's monthly table say it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Optional

from minsheng_cli.ledger.dates import cn_as_of, cn_date
from minsheng_cli.ledger.model import Plan, Target
from minsheng_cli.reporting import report as R
from minsheng_cli.reporting.schedule import INTERRUPTED, TargetState
from minsheng_cli.reporting.terms import percent_text, points_text
from minsheng_cli.words import commands as commands_words, report as M, vocab as vocab_words, workbook as B


# --- numbers ---------------------------------------------------------------------------------
def percent(share: Optional[Fraction]) -> str:
    """0.625 → 62.5%"""
    return percent_text(share, M.REP_NONE)


def signed_points(value: Optional[Decimal]) -> str:
    """较上期 and gaps: +11.0, -3.5, 0.0"""
    return points_text(value, M.REP_NONE)


def number_text(value) -> str:
    """6200, 4.4 — exact, no exponent, no trailing zeros."""
    from minsheng_cli.ledger.progress_file import format_number

    return format_number(Decimal(value)) if isinstance(value, (Decimal, int)) else str(value)


def cn_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 13 → 十三, 20 → 二十 (category numbering 一、二、…)."""
    digits, ten = M.REP_CN_DIGITS, M.REP_CN_TEN
    if number < 10:
        return digits[number]
    tens, ones = divmod(number, 10)
    if tens >= 10:
        return str(number)
    return (digits[tens] if tens > 1 else "") + ten + (digits[ones] if ones else "")


def unit_of(target: Target) -> str:
    if target.unit:
        return target.unit
    return M.REP_ITEM_UNIT if target.kind == "checklist" else ""


def names(items) -> str:
    return M.REP_LIST_SEP.join(items)


def aside(text: str, note: str) -> str:
    """托位总量（监测指标）"""
    return M.REP_ASIDE.format(text=text, aside=note)


# --- statuses --------------------------------------------------------------------------------
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
    return aside(word, M.REP_CLAUSE_SEP.join(extra)) if extra else word


def tally(lines: list[R.ProjectLine], after_plan: bool = False) -> str:
    """共5项：已完成1项，序时推进3项，进度滞后1项"""
    counts = R.status_counts(lines)
    parts = [M.REP_STATUS_COUNT.format(status=status_word(key, after_plan), count=counts[key]) for key in R.SUMMARY_KEYS if counts[key]]
    return M.REP_TALLY.format(count=len(lines), parts=M.REP_CLAUSE_SEP.join(parts))


# --- a target's figures ----------------------------------------------------------------------
def figure_text(target: Target, state: TargetState) -> str:
    """年度目标 of one target: 10000个, 5个 (checklist), the milestone's steps, 持续实施."""
    if target.kind == "milestone":
        return M.REP_STEPS.format(count=len(target.steps)) if target.steps else M.REP_MILESTONE_TARGET
    if target.kind == "continuing":
        return vocab_words.KIND["continuing"]
    if state.terms.figure is None:
        return M.REP_NONE
    return f"{number_text(state.terms.figure)}{unit_of(target)}"


def project_figure_text(line: R.ProjectLine) -> str:
    """年度目标 of a project row: its principal's, a milestone by name, "新增托位10000个等6项"."""
    principal = line.principal
    figure = figure_text(principal.target, principal.now)
    if principal.target.kind == "milestone" and line.counted_count == 1:
        return aside(principal.target.name, figure) if principal.target.steps else principal.target.name
    if line.counted_count > 1:
        shown = "" if principal.target.kind == "milestone" else figure
        return M.REP_MANY_TARGETS.format(name=principal.target.name, figure=shown, count=line.counted_count)
    return figure


def actual_text(line: R.TargetLine) -> str:
    """累计完成 of one target."""
    state, target = line.now, line.target
    if state.status in ("not_reported", "not_started") and not state.reported:
        return M.REP_NONE
    if target.kind == "milestone":
        if state.actual:
            return M.REP_DONE
        if target.steps:
            return M.REP_STEPS_DONE.format(done=len(state.done_items), count=len(target.steps))
        return M.REP_NOT_DONE
    if target.kind == "continuing":
        return vocab_words.CONTINUING_VALUES.get(state.actual, str(state.actual))
    return f"{number_text(state.actual)}{unit_of(target)}"


def missing_text(line: R.TargetLine) -> str:
    """What a detail row adds to 累计完成: （未完成：丙市场、丁市场）（未报送：济宁高新区）"""
    state = line.now
    text = ""
    if line.open_items:
        text += M.REP_MISSING_ITEMS.format(items=names(line.open_items))
    if state.missing_counties and "partial" in state.flags:
        text += M.REP_MISSING_COUNTIES.format(counties=names(state.missing_counties))
    return text


def delta_text(line: R.TargetLine) -> str:
    """本期完成 of one target: the change since the previous period's end."""
    target = line.target
    if not line.now.reported:
        return M.REP_NONE
    if target.kind == "milestone":
        if line.now.actual and not line.before.actual:
            return M.REP_DONE_NOW
        return names(line.new_items) if line.new_items else M.REP_NONE
    if target.kind == "continuing":
        return ""
    delta = line.delta
    return M.REP_NONE if delta is None else f"{number_text(delta)}{unit_of(target)}"


def target_name(target: Target) -> str:
    """A detail row's name: 托位总量（监测指标） for a target with weight 0."""
    return aside(target.name, commands_words.WEIGHT_ZERO) if target.weight == 0 else target.name


def remark_text(flags: list[str], missing_items: list[str] = (), missing_counties: list[str] = (), principal: str = "") -> str:
    """备注 (xlsx): 首项指标…；未按时报送；未完成：丙市场；未报送：济宁高新区"""
    parts = flag_words(flags)
    if missing_items:
        parts.append(M.REP_MISSING_ITEMS.format(items=names(missing_items)).strip(M.REP_BRACKETS))
    if missing_counties:
        parts.append(M.REP_MISSING_COUNTIES.format(counties=names(missing_counties)).strip(M.REP_BRACKETS))
    return M.REP_PART_SEP.join(filter(None, [principal, M.REP_PART_SEP.join(parts)]))


def principal_remark(line: R.ProjectLine) -> str:
    """备注's 首项：新增托位（共3项）, said in full once in the note under the table."""
    if line.counted_count <= 1:
        return ""
    return B.PRINCIPAL_REMARK.format(name=line.principal.target.name, count=line.counted_count)


def county_header(line: R.ProjectLine, target_line: R.TargetLine) -> str:
    """2.新建城市书房（处）"""
    return M.REP_COUNTY_HEADER.format(project=line.project.id, target=target_line.target.name, unit=unit_of(target_line.target))


def county_figure(actual, figure) -> str:
    """A county's figure on a target: 2/2 against an allocation, else the value alone."""
    if actual is None:
        return M.REP_NONE
    if figure is None:
        return number_text(actual)
    return M.REP_COUNTY_FIGURE.format(actual=number_text(actual), figure=number_text(figure))


# --- headings and groups ---------------------------------------------------------------------
def title_text(report: R.Report) -> str:
    title = M.REP_TITLE.format(title=report.plan.title)
    return aside(title, report.plan.label) if report.plan.label else title


def period_text(report: R.Report) -> str:
    """2023年6月, and（本期尚未结束，数据截至今天…） when the period is not over."""
    return report.period.label + (M.REP_CLIPPED.format(date=cn_date(report.as_of)) if report.period.clipped else "")


def subtitle_text(report: R.Report) -> str:
    """2023年6月　截至2023年6月底　序时进度50.0%"""
    date, share = cn_as_of(report.as_of), percent(report.time_share)
    if report.period.kind in ("as_of", "default"):  # the label is the date itself
        text = M.REP_SUBTITLE_DATE.format(date=date, share=share)
    else:
        text = M.REP_SUBTITLE.format(label=report.period.label, date=date, share=share)
    if report.period.clipped:
        text += M.REP_CLIPPED.format(date=cn_date(report.as_of))
    return text


def category_title(plan: Plan, category: int) -> str:
    """一、托育服务"""
    for candidate in plan.categories:
        if candidate.id == category:
            return M.REP_CATEGORY_TITLE.format(numeral=cn_numeral(candidate.id), name=candidate.name)
    return str(category)


def unit_title(unit: str, lines: list[R.ProjectLine], after_plan: bool) -> str:
    """市卫生健康委（共5项：已完成1项，序时推进3项，进度滞后1项）"""
    return aside(unit, tally(lines, after_plan))


def county_group_title(kind: str) -> str:
    return M.REP_ZONES_GROUP if kind == "zone" else M.REP_COUNTIES_GROUP


def notes_text(notes: R.Notes, sep: str = "\n") -> str:
    parts = []
    for label, said in ((M.REP_NOTE, notes.note), (M.REP_PROBLEM, notes.problem), (M.REP_NEXT, notes.next)):
        if said:
            parts.append(M.REP_LABELLED.format(label=label, text=said_text(said)))
    return sep.join(parts)


def said_text(said: list[R.Said]) -> str:
    """鱼台县：…；梁山县：…  — an earlier text with its date: 6月30日报：…"""
    return M.REP_SAID_SEP.join(_one_said(one) for one in said)


def _one_said(said: R.Said) -> str:
    text = said.text.rstrip(M.REP_TRAILING_STOPS)
    if said.earlier:
        text = M.REP_SAID_EARLIER.format(date=M.REP_MONTH_DAY.format(month=said.date.month, day=said.date.day), text=text)
    return M.REP_SAID_COUNTY.format(county=said.county, text=text) if said.county else text


# --- the summary sentence --------------------------------------------------------------------
def summary_sentence(report: R.Report) -> str:
    """截至2023年6月底，2023年市政府30项“重点民生实事”中，已完成N项，…；总体完成年度目标的X%，快于序时进度X个百分点。"""
    summary = report.summary
    counts = summary.counts
    if not summary.projects:
        return M.REP_SENTENCE_EMPTY.format(date=cn_as_of(report.as_of), title=report.plan.title)

    def count_of(status: str, number: int, serious: str = "") -> str:
        return M.REP_STATUS_COUNT.format(status=status_word(status, report.after_plan), count=number) + serious

    parts = [count_of(key, counts[key]) for key in ("completed", "ahead", "on_track") if counts[key]]
    behind = counts["lagging"] + counts["seriously_lagging"]
    if behind:
        serious = M.REP_OF_WHICH_SERIOUS.format(count=counts["seriously_lagging"]) if counts["seriously_lagging"] else ""
        parts.append(count_of("lagging", behind, serious))
    parts += [count_of(key, counts[key]) for key in ("overdue", "not_started") if counts[key]]
    if not behind and not counts["overdue"] and summary.projects > counts["not_reported"]:
        parts.append(M.REP_NONE_LAGGING)
    if counts["not_reported"]:
        parts.append(M.REP_NOT_REPORTED_COUNT.format(count=counts["not_reported"]))
    missing_targets = len(R.unreported_targets(report))
    if missing_targets:
        parts.append(M.REP_TARGETS_NOT_REPORTED.format(count=missing_targets))
    sentence = M.REP_SENTENCE_HEAD.format(date=cn_as_of(report.as_of), scope=scope_words(report)) + M.REP_CLAUSE_SEP.join(parts)
    if summary.completion is not None:
        overall = M.REP_SENTENCE_OVERALL.format(percent=percent(summary.completion))
        sentence += M.REP_PART_SEP + overall + M.REP_CLAUSE_SEP + gap_words(summary.gap)
    return sentence + M.REP_STOP


def scope_words(report: R.Report) -> str:
    """2023年市政府30项“重点民生实事”中 — the count goes before the opening quote of the title."""
    title, count = report.plan.title, report.summary.projects
    label = scope_label(report)
    if label:
        return M.REP_SCOPE_FILTERED.format(title=title, scope=label, count=count)
    if M.REP_SCOPE_QUOTE in title:
        head, _, tail = title.partition(M.REP_SCOPE_QUOTE)
        return M.REP_SCOPE_QUOTED.format(head=head, count=count, tail=tail)
    return M.REP_SCOPE_PLAIN.format(title=title, count=count)


def scope_label(report: R.Report) -> str:
    """食品安全方面、市卫生健康委牵头 when the report is filtered by category or unit."""
    scope, labels = report.spec.scope, []
    if scope.categories:
        chosen = names(c.name for c in report.plan.categories if c.id in scope.categories)
        labels.append(M.REP_SCOPE_CATEGORY.format(names=chosen))
    if scope.unit is not None:
        labels.append((M.REP_SCOPE_CO if scope.unit_role == "co" else M.REP_SCOPE_LEAD).format(unit=scope.unit))
    return names(labels)


def gap_words(gap: Optional[Decimal]) -> str:
    """快于序时进度2.3个百分点 / 慢于序时进度… / 与序时进度持平"""
    if gap is None:
        return ""
    if gap > 0:
        return M.REP_FASTER.format(points=gap)
    if gap < 0:
        return M.REP_SLOWER.format(points=-gap)
    return M.REP_LEVEL


# --- the lists after the table ---------------------------------------------------------------
def numbered(entries: list[str]) -> list[str]:
    return [M.REP_LIST_ENTRY.format(number=n, text=text) for n, text in enumerate(entries, 1)]


def lagging_entries(report: R.Report) -> list[str]:
    """Each entry of the lagging list: lead unit, gap in 个百分点, latest 存在问题 and 下步打算."""
    return numbered([lag_text(report, lag) for lag in R.lagging(report)])


def lag_text(report: R.Report, lag: R.Lag) -> str:
    project = lag.line.project
    name = project.name if lag.target is None else M.REP_PROJECT_TARGET.format(project=project.name, target=lag.target.target.name)
    head = M.REP_LAG_HEAD.format(name=name, lead=names(project.lead), status=status_word(lag.status, report.after_plan))
    single = lag.concerned[0] if len(lag.concerned) == 1 else None
    share = M.REP_COMPLETED_SHARE.format(percent=percent(lag.completion))
    if single is not None and single.target.kind == "continuing":
        state = single.now
        when = cn_date(state.last_activity) if state.last_activity else M.REP_NONE
        clauses = [head, M.REP_INTERRUPTED if state.actual == INTERRUPTED else M.REP_NOT_CONFIRMED.format(date=when)]
    elif lag.status == "overdue":
        dues = M.REP_PART_SEP.join(M.REP_DUE_ITEM.format(target=t.target.name, date=cn_date(t.now.terms.due)) for t in lag.concerned)
        clauses = [aside(head, dues), share]
    else:
        clauses = [head, share] + ([M.REP_SLOWER.format(points=-lag.gap)] if lag.gap is not None and lag.gap < 0 else [])
    text = M.REP_CLAUSE_SEP.join(clauses) + M.REP_STOP
    if not any(not said.earlier for said in lag.notes.problem + lag.notes.next):
        text += M.REP_NO_TEXT_THIS_PERIOD + M.REP_STOP
    for label, said in ((M.REP_PROBLEM, lag.notes.problem), (M.REP_NEXT, lag.notes.next)):
        if said:
            text += M.REP_LABELLED.format(label=label, text=said_text(said)) + M.REP_STOP
    return text


def unreported_entries(report: R.Report) -> list[str]:
    """The 未报送 list: whole projects first, then the targets missing from projects that reported."""
    projects = [M.REP_UNREPORTED_ENTRY.format(number=n, name=line.project.name, lead=names(line.project.lead))
                for n, line in enumerate(R.unreported(report), 1)]
    start = len(projects) + 1
    targets = [M.REP_UNREPORTED_TARGET_ENTRY.format(number=n, name=line.project.name, target=t.target.name, lead=names(line.project.lead))
               for n, (line, t) in enumerate(R.unreported_targets(report), start)]
    return projects + targets


def stale_entries(report: R.Report) -> list[str]:
    return [
        M.REP_STALE_ENTRY.format(number=n, name=line.project.name, lead=names(line.project.lead), date=cn_date(line.now.last_activity))
        for n, line in enumerate(R.stale(report), 1)
    ]


def text_blocks(report: R.Report) -> list[tuple[str, list[str]]]:
    """What follows the table: (heading, lines) — the lagging list, 未报送, 未按时报送, 年底预测."""
    lagging = lagging_entries(report)
    first = (lagging_heading(len(lagging)), lagging) if lagging else (lagging_heading(0), [none_lagging_text()])
    return [first] + blocks_after_lagging(report)


def lagging_heading(count: int) -> str:
    return M.REP_LAGGING_HEADING.format(count=count) if count else M.REP_LAGGING_HEADING_NONE


def none_lagging_text() -> str:
    return M.REP_NONE_LAGGING + M.REP_STOP


def blocks_after_lagging(report: R.Report) -> list[tuple[str, list[str]]]:
    """未报送 and 未按时报送 when there are any, then 年底预测 (the workbook shows the lagging list
    as a table of its own and these under it)."""
    blocks = []
    unreported = unreported_entries(report)
    if unreported:
        heading = M.REP_UNREPORTED_BOTH_HEADING if R.unreported_targets(report) else M.REP_UNREPORTED_HEADING
        blocks.append((heading.format(count=len(unreported)), unreported))
    stale = stale_entries(report)
    if stale:
        blocks.append((M.REP_STALE_HEADING.format(days=report.plan.settings.stale_after_days, count=len(stale)), stale))
    from minsheng_cli.reporting.forecast_wording import forecast_block

    blocks.append(forecast_block(report))
    return blocks
