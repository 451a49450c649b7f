"""`minsheng log`: a target's records over time, as plain data (no printing here).

Every record is shown, in date order (written order within a date), with what became of it as
the in-force engine says: in force, replaced by a later record or correction of the same
target, county and date, voided, a void, or invalid — a record `check` rejects (with check's
reason), a duplicate, or one of two different values for one date — which never counts.
A numeric record in force carries its change against the previous value in force for the same
county (a count starts from 0, a level from its baseline) and the target's total at that date
(the counties' latest values summed). The trend is that total by date; for a checklist the
number of items done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Optional

from minsheng_cli.ledger import history
from minsheng_cli.ledger.history import InForce, fold
from minsheng_cli.ledger.model import Plan, Project, Record, Target

BLOCKS = "▁▂▃▄▅▆▇█"
# The engine's fates as the log names them; in force and narratives have none.
_FATES = {
    history.REPLACED: "replaced", history.VOIDED: "voided", history.VOID: "void", history.VOID_NOTHING: "void",
    history.INVALID: "invalid",
}


@dataclass
class LogEntry:
    record: Record
    fate: Optional[str] = None  # None: in force (or a narrative) | "replaced" | "voided" | "void" | "invalid"
    reasons: tuple[str, ...] = ()  # "invalid": why, in check's words
    delta: Optional[Decimal] = None
    total: Optional[Decimal] = None

    @property
    def in_force(self) -> bool:
        return self.fate is None


@dataclass
class TargetLog:
    target: Optional[Target]  # None: the project's own narratives
    entries: list[LogEntry] = field(default_factory=list)
    trend: list[tuple[dt.date, Decimal]] = field(default_factory=list)


def project_log(
    plan: Plan, project: Project, records: list[Record], target: Optional[Target] = None, today: Optional[dt.date] = None,
) -> list[TargetLog]:
    """The logs of one target, or of every target of the project (then project narratives too),
    leaving out targets without any record. `records` are the project's, in written order;
    `today`, the run's date, judges records dated after it as `check` does."""
    own = [r for r in records if r.project == project.id]
    in_force = fold(own, plan, today=today)
    chosen = [target] if target is not None else list(project.targets)
    logs = [target_log(t, [r for r in own if r.target == t.id], in_force) for t in chosen]
    if target is None:
        narratives = [_entry(r, in_force) for r in own if r.target is None]
        logs.append(TargetLog(None, _by_date(narratives)))
    return [log for log in logs if log.entries]


def _entry(record: Record, in_force: InForce) -> LogEntry:
    fate = in_force.fate(record)
    return LogEntry(record, _FATES.get(fate.state), fate.reasons)


def target_log(target: Target, records: list[Record], in_force: InForce) -> TargetLog:
    """`records`: the target's, in written order; `in_force`: the engine's fold of them (or more)."""
    entries = [_entry(r, in_force) for r in records]
    log = TargetLog(target, _by_date(entries))
    if target.kind in ("count", "level"):
        _add_deltas_and_totals(target, log)
    elif target.kind == "checklist":
        log.trend = _items_trend(log.entries)
    return log


def _by_date(entries: list[LogEntry]) -> list[LogEntry]:
    return sorted(entries, key=lambda e: e.record.date)  # stable: written order within a date


def _add_deltas_and_totals(target: Target, log: TargetLog) -> None:
    start = Decimal(0) if target.kind == "count" else target.baseline
    previous: dict[Optional[str], Optional[Decimal]] = {}
    latest: dict[Optional[str], Decimal] = {}
    totals: dict[dt.date, Decimal] = {}
    for entry in log.entries:
        value = entry.record.value
        if not entry.in_force or not isinstance(value, Decimal):
            continue
        county = entry.record.county
        before = previous.get(county, start)
        entry.delta = value - before if before is not None else None
        previous[county] = latest[county] = value
        totals[entry.record.date] = sum(latest.values(), Decimal(0))
    for entry in log.entries:
        if entry.in_force and isinstance(entry.record.value, Decimal):
            entry.total = totals[entry.record.date]
    log.trend = sorted(totals.items())


def _items_trend(entries: list[LogEntry]) -> list[tuple[dt.date, Decimal]]:
    done: set[str] = set()
    trend: dict[dt.date, Decimal] = {}
    for entry in entries:
        if entry.in_force and isinstance(entry.record.value, str):
            done.add(history.item_value(entry.record.value))
            trend[entry.record.date] = Decimal(len(done))
    return sorted(trend.items())


def sparkline(values: list[Decimal], floor: Optional[Decimal] = None) -> str:
    """▁▂▃▄▅▆▇█, scaled from `floor` (or the smallest value) to the largest, exactly."""
    if not values:
        return ""
    low = min(values) if floor is None else min(floor, min(values))
    high = max(values)
    if high == low:
        return BLOCKS[-1 if high > 0 else 0] * len(values)
    top = len(BLOCKS) - 1
    return "".join(BLOCKS[int(Fraction(value - low) * top / Fraction(high - low) + Fraction(1, 2))] for value in values)
