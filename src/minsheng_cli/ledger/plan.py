"""Finding a ledger and loading its plan.

`find_root` locates the ledger as git finds `.git`: `--data`, else `MINSHENG_DATA`, else the
first folder, from the current one upward, that holds a ledger (layout.found_ledger: its `data/`,
or itself). `load_plan` reads the plan through a content-keyed cache, so an unchanged plan is
neither parsed nor validated again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from minsheng_cli.ledger import cache
from minsheng_cli.words import ledger as messages
from minsheng_cli.errors import LedgerInvalid
from minsheng_cli.ledger.layout import PLAN_FILE, find_root, found_ledger, holds_ledger, named_ledger, plan_path, progress_dir  # noqa: F401 (re-exported)
from minsheng_cli.ledger.model import Plan
from minsheng_cli.ledger.yamlio import decode, read_bytes


def read_plan_bytes(root: Path) -> bytes:
    return read_bytes(plan_path(root))


def load_plan(root: Path, use_cache: bool = True) -> Plan:
    """The validated plan. Raises LedgerInvalid with every problem when the plan is broken."""
    data = read_plan_bytes(root)
    return plan_from_bytes(data, str(plan_path(root)), use_cache)


def plan_from_bytes(data: bytes, shown_path: str, use_cache: bool = True) -> Plan:
    plan, problems = checked_plan(data, shown_path, use_cache)
    if problems:
        raise LedgerInvalid(messages.PLAN_INVALID.format(count=len(problems)), problems)
    return plan


def checked_plan(data: bytes, shown_path: str, use_cache: bool = True) -> tuple[Optional[Plan], list]:
    """(plan, every problem of it). A plan with no problem is cached by its bytes, so an
    unchanged plan is not validated again (pydantic is the plan's costliest step)."""
    key = cache.content_key(data)
    plan = cache.get("plan", key, use_cache)
    if isinstance(plan, Plan):
        return plan, []
    from minsheng_cli.ledger.plan_rules import check_plan_text

    plan, problems = check_plan_text(decode(data, shown_path), shown_path)
    if plan is not None and not problems:
        cache.put("plan", key, plan, use_cache)
    return plan, problems
