"""How a record's figures and words read in `diff`, `log` and `show`: a value, a signed change, a
text (a hand-typed text over the limit `check` reports is shown cut, with its length)."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from minsheng_cli.ledger.progress_file import format_number
from minsheng_cli.ledger.record_rules import MAX_TEXT_CHARS
from minsheng_cli.words import git as M


def value_text(value) -> str:
    """6200, 已完成 for a milestone done, an item's name, — for no value."""
    if value is None:
        return M.GIT_NONE
    if isinstance(value, Decimal):
        return format_number(value)
    if value == "done":
        return M.GIT_VALUE_DONE
    return shown_text(str(value))


def shown_text(text: Optional[str]) -> str:
    """The text as a person reads it on screen: whole up to the length `check` allows, beyond it
    cut there and marked, so one pasted document cannot flood a terminal or a report."""
    if not text:
        return ""
    if len(text) <= MAX_TEXT_CHARS:
        return text
    return text[:MAX_TEXT_CHARS] + M.GIT_TEXT_CUT.format(length=len(text))


def signed(number: Optional[Decimal]) -> str:
    """+200, -50, or nothing when there is no change to show."""
    if number is None:
        return ""
    text = format_number(number)
    return text if number < 0 else f"+{text}"

