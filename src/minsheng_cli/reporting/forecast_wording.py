"""The forecast in words (`words/forecast.py`): a target's forecast in one line (the --detail
view), and the block after the table naming the projects heading below their target or stalled.
Nothing here decides anything: `forecast.py` does."""

from __future__ import annotations

from fractions import Fraction
from typing import Optional

from minsheng_cli.reporting import report as R
from minsheng_cli.reporting.forecast import TargetForecast
from minsheng_cli.reporting.terms import round_half_up
from minsheng_cli.words import forecast as F


def amount(value: Optional[Fraction]) -> str:
    """12528, 1177.3, 0.08 — one decimal (two below 1), no trailing zeros."""
    from minsheng_cli.reporting.wording import number_text

    if value is None:
        return ""
    return number_text(round_half_up(value, 1 if abs(value) >= 1 or value == 0 else 2))


def ratio(value: Fraction) -> str:
    """压力系数 with two decimals: 1.12"""
    return f"{round_half_up(value, 2):.2f}"


def target_text(target, forecast: TargetForecast) -> str:
    """年底预计12528个（完成年度目标的125.3%）；近3个月月均1177.3个，剩余6个月需月均756个，压力系数0.64；滞后约2个月"""
    from minsheng_cli.reporting.wording import percent, unit_of

    if forecast.stage is not None:
        return stage_text(target, forecast)
    unit = unit_of(target)
    parts = [F.FC_PROJECTED.format(value=amount(forecast.projected), unit=unit, percent=percent(forecast.projected_share))]
    pace = F.FC_PACE.format(value=amount(forecast.pace), unit=unit) if forecast.pace else F.FC_NO_PACE
    if forecast.needed == 0:
        clauses = [F.FC_REACHED]
    elif forecast.needed is None:
        clauses = [pace, F.FC_PAST_DUE]
    else:
        clauses = [pace, F.FC_NEEDED.format(months=amount(forecast.months_left), value=amount(forecast.needed), unit=unit)]
        if forecast.pressure is not None:
            clauses.append(F.FC_PRESSURE.format(value=ratio(forecast.pressure)))
    parts.append(F.FC_CLAUSE_SEP.join(clauses))
    parts += flag_texts(forecast.months_behind, forecast.stalled, forecast.warning)
    return F.FC_PART_SEP.join(parts)


def stage_text(target, forecast: TargetForecast) -> str:
    """已完成2/3个步骤，下一步：征求市民意见（节点事项、清单不作推算）"""
    stage = forecast.stage
    template = F.FC_STAGE_STEPS if target.kind == "milestone" else F.FC_STAGE_ITEMS
    clauses = [template.format(done=stage.done, total=stage.total)]
    if stage.next:
        clauses.append(F.FC_NEXT.format(name=stage.next))
    parts = [F.FC_CLAUSE_SEP.join(clauses) + F.FC_NOT_EXTRAPOLATED] + flag_texts(None, forecast.stalled, False)
    return F.FC_PART_SEP.join(parts)


def flag_texts(months_behind: Optional[int], stalled: bool, warning: bool) -> list[str]:
    texts = [F.FC_BEHIND.format(months=months_behind)] if months_behind else []
    return texts + ([F.FC_STALLED] if stalled else []) + ([F.FC_WARNING] if warning else [])


def row_text(line: R.TargetLine) -> str:
    """The --detail row under a target: 预测：…"""
    return F.FC_ROW.format(text=target_text(line.target, line.forecast)) if line.forecast is not None else ""


# --- the block after the table -----------------------------------------------------------------
def notable(report: R.Report) -> list[R.ProjectLine]:
    return [line for line in report.projects if line.forecast is not None and line.forecast.notable]


def entry_text(report: R.Report, line: R.ProjectLine) -> str:
    """项目（牵头单位）：预警，序时推进；新增托位年底预计完成年度目标的94.4%，需月均5116.7人次，压力系数1.12；滞后约2个月。"""
    from minsheng_cli.reporting.wording import names, status_word

    forecast = line.forecast
    status = status_word(line.status, report.after_plan)
    if forecast.warning:
        status = F.FC_WARNING_WORD + F.FC_CLAUSE_SEP + status
    parts = [F.FC_ENTRY_HEAD.format(name=line.project.name, lead=names(line.project.lead), status=status)]
    by_id = {t.target.id: t for t in line.targets}
    parts += [F.FC_ENTRY_TARGET.format(target=state.target.name, text=short_text(by_id[state.target.id])) for state in forecast.short]
    parts += flag_texts(forecast.months_behind, forecast.stalled, False)
    return F.FC_PART_SEP.join(parts) + F.FC_STOP


def short_text(line: R.TargetLine) -> str:
    from minsheng_cli.reporting.wording import percent, unit_of

    forecast = line.forecast
    if forecast.needed is None:
        return F.FC_SHORT_PAST_DUE.format(percent=percent(line.now.completion))
    values = dict(percent=percent(forecast.projected_share), needed=amount(forecast.needed), unit=unit_of(line.target))
    if forecast.pressure is None:
        return F.FC_SHORT_NO_PRESSURE.format(**values)
    return F.FC_SHORT.format(pressure=ratio(forecast.pressure), **values)


def forecast_block(report: R.Report) -> tuple[str, list[str]]:
    """(heading, entries) of the block after the table."""
    from minsheng_cli.reporting.wording import numbered

    lines = notable(report)
    if not lines:
        return F.FC_HEADING_NONE, [F.FC_NONE]
    return F.FC_HEADING.format(count=len(lines)), numbered([entry_text(report, line) for line in lines])
