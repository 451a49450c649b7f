"""The monthly 通报 as a view (`minsheng notice`), built from the SAME report data as `minsheng
report` (the summary sentence, the lagging list, the table are the report's own words and cells)
with the office's layer (supervision/YYYY-MM.yaml) and the escalation ladder beside it.

Sections (domain.md, a monthly 通报's shape): 导语 (依据, 现将…通报如下), 一、总体情况 (the
summary sentence), 二、分类进展 (per category: its tally and each project's completion), 三、存在问题
(each lagging project or target: 完成率, 序时进度, 差距, 连续滞后月数, 原因 from 存在问题, the
office's 核实意见 / 督办意见 / 挂牌督办 / 领导批示, the ladder's suggestion), 四、下步工作 (the
office's 下步工作要求, else a standard text, and the ladder's suggestions), 附件 (the table).
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from minsheng_cli.ledger.dates import cn_as_of, cn_date
from minsheng_cli.ledger.supervision import Supervision
from minsheng_cli.reporting import report as R, view as V, wording as W
from minsheng_cli.reporting.document import Attachment, Header, NoticeView, Paragraph, Part
from minsheng_cli.reporting.escalation import RUNGS
from minsheng_cli.reporting.oversight_words import office_sentences, stop
from minsheng_cli.words import notice as M, report as report_words


def notice_view(report: R.Report, supervision: Optional[Supervision], issued: dt.date,
                header_kind: Optional[str] = None, stamp: Optional[str] = None, fonts: Optional[str] = None) -> NoticeView:
    """`issued`: the 成文日期 when the office's file gives none (the run's date)."""
    plan, settings = report.plan, report.plan.settings.notice
    issuer = settings.issuer or M.DEFAULT_ISSUER
    day = cn_date(supervision.date if supervision is not None and supervision.date else issued)
    kind = header_kind or (supervision.header if supervision is not None and supervision.header else settings.header)
    months = months_text(report.as_of)
    table_title = W.title_text(report)
    return NoticeView(
        header=header(kind, issuer, supervision, report.as_of, day),
        title=M.TITLE.format(year=report.as_of.year, months=months),
        recipients=settings.recipients or M.DEFAULT_RECIPIENTS,
        lead=lead_text(report, months, issuer),
        parts=[overall_part(report), categories_part(report), problems_part(report), next_part(report, supervision, issuer)],
        attachment_note=M.ATTACHMENT_NOTE.format(title=table_title),
        signature=issuer,
        date=day,
        attachment=Attachment(M.ATTACHMENT_MARK, table_title, W.subtitle_text(report),
                              V.main_table(report, "category"), report_words.REP_FOOTNOTE),
        stamp=stamp,
        label=M.LABEL_LINE.format(label=plan.label) if plan.label else None,
        fonts=fonts or settings.fonts,
    )


def months_text(as_of: dt.date) -> str:
    """1—6月 (the months the 通报 covers)."""
    return M.MONTHS_RANGE.format(month=as_of.month) if as_of.month > 1 else M.MONTHS_ONE


def header(kind: str, issuer: str, supervision: Optional[Supervision], as_of: dt.date, day: str) -> Header:
    """The 版头. Without the office's 期号 a monthly 通报 is numbered by its month (6月 → 第6期),
    never left blank; a 红头 without the office's 文号 carries that number too."""
    issue = supervision.issue if supervision is not None and supervision.issue is not None else as_of.month
    number = M.ISSUE_NUMBER.format(year=as_of.year, issue=issue)
    if kind == "red":
        document = supervision.document if supervision is not None and supervision.document else number
        return Header("red", M.RED_MARK.format(issuer=issuer), document, issuer, day)
    return Header("issue", M.ISSUE_MARK, number, issuer, day)


def lead_text(report: R.Report, months: str, issuer: str) -> str:
    plan, year = report.plan, report.as_of.year
    template = M.LEAD if plan.document else M.LEAD_NO_DOCUMENT
    return template.format(title=plan.title, document=plan.document, year=year, months=months, issuer=issuer)


# --- 一、总体情况 ----------------------------------------------------------------------------------
def overall_part(report: R.Report) -> Part:
    """The summary sentence, word for word as `minsheng report` prints it, then who did not report."""
    paragraphs = [Paragraph(W.summary_sentence(report))]
    missing = R.unreported(report)
    if missing:
        names = W.names(M.PROJECT_BRIEF_NONE.format(name=line.project.name, lead=W.names(line.project.lead), status="")
                        for line in missing)
        paragraphs.append(Paragraph(M.UNREPORTED.format(count=len(missing), names=names)))
    return Part(M.H_OVERALL, paragraphs)


# --- 二、分类进展 ----------------------------------------------------------------------------------
def categories_part(report: R.Report) -> Part:
    groups: dict[int, list[R.ProjectLine]] = {}
    for line in report.projects:
        groups.setdefault(line.project.category, []).append(line)
    paragraphs = []
    for number, (category, lines) in enumerate(groups.items(), 1):
        lead = M.CATEGORY_LEAD.format(numeral=W.cn_numeral(number), name=report.plan.category_name(category))
        briefs = M.BRIEF_SEP.join(project_brief(report, line) for line in lines)
        text = M.CATEGORY_TALLY.format(tally=W.tally(lines, report.after_plan)) + briefs + report_words.REP_STOP
        paragraphs.append(Paragraph(text, lead))
    return Part(M.H_CATEGORIES, paragraphs)


def project_brief(report: R.Report, line: R.ProjectLine) -> str:
    status = W.status_text(line.status, line.now.flags, report.after_plan, line.now.completion)
    lead = W.names(line.project.lead)
    if line.status == "not_reported" or line.now.completion is None:
        return M.PROJECT_BRIEF_NONE.format(name=line.project.name, lead=lead, status=status)
    return M.PROJECT_BRIEF.format(name=line.project.name, lead=lead, percent=W.percent(line.now.completion), status=status)


# --- 三、存在问题 ----------------------------------------------------------------------------------
def problems_part(report: R.Report) -> Part:
    lags = R.lagging(report)
    date = cn_as_of(report.as_of)
    if not lags:
        return Part(M.H_PROBLEMS, [Paragraph(M.PROBLEMS_NONE.format(date=date))])
    paragraphs = [Paragraph(M.PROBLEMS_INTRO.format(date=date, count=len(lags)))]
    for number, lag in enumerate(lags, 1):
        paragraphs.append(problem_paragraph(report, lag, number))
    return Part(M.H_PROBLEMS, paragraphs)


def problem_paragraph(report: R.Report, lag: R.Lag, number: int) -> Paragraph:
    project = lag.line.project
    name = project.name if lag.target is None else report_words.REP_PROJECT_TARGET.format(project=project.name, target=lag.target.target.name)
    lead = M.SUB_HEADING.format(numeral=W.cn_numeral(number), text=M.PROBLEM_NAME.format(name=name, lead=W.names(project.lead)))
    expected = (lag.target.now.expected if lag.target is not None else lag.line.now.expected)
    clauses = [W.status_word(lag.status, report.after_plan), M.PROBLEM_FIGURES.format(completion=W.percent(lag.completion), expected=W.percent(expected),
                                        gap=W.gap_words(lag.gap))]
    seen = report.oversight.get(project.id)
    if seen is not None and seen.months and lag.target is None:
        clauses.append(M.PROBLEM_STREAK.format(months=seen.months))
    sentences = [report_words.REP_CLAUSE_SEP.join(clauses)]
    sentences.append(M.PROBLEM_CAUSE.format(text=W.said_text(lag.notes.problem)) if lag.notes.problem else M.PROBLEM_CAUSE_NONE)
    if lag.notes.next:
        sentences.append(M.PROBLEM_NEXT.format(text=W.said_text(lag.notes.next)))
    if seen is not None and lag.target is None:
        sentences += office_sentences(seen)
    return Paragraph("".join(stop(sentence) for sentence in sentences), lead)


# --- 四、下步工作 ----------------------------------------------------------------------------------
def next_part(report: R.Report, supervision: Optional[Supervision], issuer: str) -> Part:
    written = supervision.requirements if supervision is not None and supervision.requirements else list(M.NEXT_DEFAULT)
    paragraphs = [Paragraph(text) for text in written]
    suggested = suggestions(report)
    if suggested:
        paragraphs.append(Paragraph(M.NEXT_SUGGESTED.format(list=M.NEXT_SUGGESTED_SEP.join(suggested), issuer=issuer)))
    return Part(M.H_NEXT, paragraphs)


def suggestions(report: R.Report) -> list[str]:
    """建议挂牌督办：A、B；建议下发督办单：C — strongest rung first."""
    names = {line.project.id: line.project.name for line in report.scope}
    found = []
    for rung in reversed(RUNGS):
        chosen = [names[project] for project, seen in report.oversight.items() if seen.suggestion == rung]
        if chosen:
            found.append(M.NEXT_SUGGESTED_ITEM.format(rung=M.RUNGS[rung], names=W.names(chosen)))
    return found
