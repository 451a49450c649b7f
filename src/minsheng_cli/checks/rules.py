"""The named checks of progress records, listed in two tables (beancount's ops/validation.py is
the model): `RECORD_CHECKS` look at one file's records against the plan, `LEDGER_CHECKS` at what
the in-force engine made of all of them. `checks/progress.py` walks the files and applies both;
a new rule is one function and one line in a table.

`RECORD_CHECKS` is the ledger's own table of record rules (ledger/record_rules.py): the in-force
engine applies the very same functions and leaves out every record they find something in (what
`check` rejects never counts, PRODUCT.md §2), so there is one definition of a valid record. The
engine's own findings across records (duplicates, conflicting values for one date) come with its
fold (`InForce.findings`); the checks below read the rest of what it made of the records.

A finding is (record, key, code, message): `key` names the field the caret points at (None: the
line's start), `code` is the stable code README.md's table documents.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from minsheng_cli.ledger.history import VOID_NOTHING, InForce
from minsheng_cli.ledger.record_rules import (  # noqa: F401 - the record rules, as check names them
    RECORD_RULES as RECORD_CHECKS, Facts, Finding, shown, value_problem,
)
from minsheng_cli.words import progress as M


# --- what the in-force engine made of every record ------------------------------------------------------
def voids_cancel_something(facts: Facts, in_force: InForce) -> Iterator[Finding]:
    for void in in_force.records_with_fate(VOID_NOTHING):
        if (void.project, void.target) in facts.targets:
            what = void.target if not isinstance(void.value, str) else f"{void.target}「{void.value}」"
            yield void, "action", "void-nothing", M.REC_CHECK_VOID_NOTHING.format(target=what, date=void.date)


def counts_never_decrease(facts: Facts, in_force: InForce) -> Iterator[Finding]:
    """A cumulative count in force that went down without a correction."""
    for (project, target_id), target in facts.targets.items():
        if target.kind != "count":
            continue
        for series in in_force.history(project, target_id).series.values():
            if _rising(series.values):
                continue  # the usual series: checked at C speed
            numbers = [r for r in series.records if isinstance(r.value, Decimal)]
            for before, after in zip(numbers, numbers[1:]):
                if after.value < before.value and after.action != "correct":
                    message = M.REC_CHECK_DECREASING.format(value=shown(after.value), date=before.date, old=shown(before.value))
                    yield after, "value", "decreasing", message


def _rising(values: list) -> bool:
    """True when the values never go down (False also when they cannot be compared)."""
    try:
        return values == sorted(values)
    except TypeError:
        return False


def records_left_out(facts: Facts, in_force: InForce) -> Iterator[Finding]:
    """Every record the engine left out, and why: the record rules' findings, duplicates, conflicts."""
    return iter(in_force.findings())


LEDGER_CHECKS = (records_left_out, voids_cancel_something, counts_never_decrease)


def ledger_findings(facts: Facts, in_force: InForce) -> list[Finding]:
    """Every finding of the ledger's records: what `check` reports, and what a report counts."""
    return [finding for check in LEDGER_CHECKS for finding in check(facts, in_force)]


def problem_count(plan, in_force: InForce, today) -> int:
    """How many problems `check` reports for the records `in_force` was folded from (with `plan`
    and `today`): the number a report states before its table."""
    return len(ledger_findings(Facts(plan, today), in_force))
