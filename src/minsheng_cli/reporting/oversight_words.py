"""The escalation ladder and the office's own entry, in words: what the 通报's 三、存在问题 and
`report --detail` say under a lagging project (建议… — the office decides)."""

from __future__ import annotations

from minsheng_cli.ledger.dates import cn_date
from minsheng_cli.reporting.escalation import Oversight
from minsheng_cli.words import notice as M


def stop(sentence: str) -> str:
    return sentence.rstrip(M.TRAILING_STOPS) + M.TEXT_STOP


def office_sentences(seen: Oversight) -> list[str]:
    """What the office wrote about a project, then the ladder's suggestion (建议…)."""
    sentences = []
    office = seen.office
    if office is not None:
        if office.verified:
            sentences.append(M.VERIFIED.format(text=office.verified))
        if office.urged:
            sentences.append(M.URGED.format(text=office.urged))
        if office.listed is not None:
            sentences.append(M.LISTED.format(date=cn_date(office.listed.date), reason=office.listed.reason))
        for instruction in office.instructions:
            sentences.append(M.INSTRUCTION.format(who=instruction.who, date=cn_date(instruction.date), text=instruction.text))
        if office.closed is not None:
            closed = office.closed
            sentences.append((M.CLOSED_NOTE if closed.note else M.CLOSED).format(date=cn_date(closed.date), text=closed.note))
    if seen.suggestion is not None:
        sentences.append(ladder_text(seen))
    return sentences


def ladder_text(seen: Oversight) -> str:
    """督办建议：连续滞后3个月，建议挂牌督办"""
    return M.LADDER_LINE.format(streak=M.STREAK.format(months=seen.months), rung=M.RUNGS[seen.suggestion])


def oversight_text(seen: Oversight) -> str:
    """Under a project in `report --detail`: the ladder's suggestion and the office's entry."""
    return "".join(stop(sentence) for sentence in office_sentences(seen))
