"""How a record's figures read in `diff` and `log`: a value, a signed change."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from minsheng_cli.ledger.progress_file import format_number
from minsheng_cli.words import git as M

def value_text(value) -> str:
    """6200, 已完成 for a milestone done, an item's name, — for no value."""
    if value is None:
        return M.GIT_NONE
    if isinstance(value, Decimal):
        return format_number(value)
    if value == "done":
        return M.GIT_VALUE_DONE
    return str(value)


def signed(number: Optional[Decimal]) -> str:
    """+200, -50, or nothing when there is no change to show."""
    if number is None:
        return ""
    text = format_number(number)
    return text if number < 0 else f"+{text}"

