"""From what a user typed to one checked record (PRODUCT.md §3 `update`, §4).

`prepare` is pure: it takes the records already written and returns the record to write, or
raises InputError / UsageError with a Chinese message naming the argument. It applies every rule
that keeps the ledger consistent with what `check` verifies, so a record `update` accepts is one
`check` accepts. The caller runs it under the ledger lock on freshly read records
(`store.append_records` with a callable), so two writers cannot both pass it.

Decisions:
- A record identical to one in force for the same target, county and date — same value, and no
  进展情况/存在问题/下步打算 the existing one lacks — raises `AlreadyRecorded`: nothing is written
  and the command exits 0 with a notice on stderr. Re-running the same update is idempotent,
  as re-running an import must be; scripts need not tell "already there" from "written".
- Checklist items and milestone steps are sets: recording a second item on the same date is a
  new fact, not a conflicting value, so it needs no --correct.
- `--void` cancels the records in force for the target, county and date; for an item or a step
  `--void VALUE` cancels just that one (recorded that day or earlier). The in-force engine
  (history.py) says what a void cancels: one it says cancels nothing is refused.
- A count may not be lower than its latest earlier value (same county) without --correct, nor
  higher than a later recorded value (that later record would then decrease: correct it instead).
- A value `plausible.doubts` questions (a 万 slip, a county typing the city's figure, a half
  household) raises `Implausible` unless confirmed — judged after everything else, so a record
  that is wrong is said to be wrong, not doubtful; the exception carries the record, so an
  import can list it as 需核实 and still take it with --accept-outliers.
- A note given with a target (and county) and no value keeps them: `update P T --county X
  --note …`, or `update P --county X --note …` when X reports on one target of P. Only a note
  without target is the project's.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Optional

from minsheng_cli.ledger.history import SET_KINDS, VOID_NOTHING, Series, fold
from minsheng_cli.words import progress as M, ledger as ledger_words
from minsheng_cli.ledger.dates import parse_date
from minsheng_cli.errors import InputError, UsageError
from minsheng_cli.ledger.model import Plan, Project, Record, Target, record_builder
from minsheng_cli.ledger.numbers import clean_text, parse_value
from minsheng_cli.ledger.plausible import doubts
from minsheng_cli.ledger.record_fields import NARRATIVE_FIELDS
from minsheng_cli.ledger.record_rules import text_too_long


class AlreadyRecorded(InputError):
    """The same record is already in force: nothing is written (exit 0, notice on stderr)."""

    exit_code = 0

    def __init__(self, message: str, existing: Record):
        super().__init__(message)
        self.existing = existing


def resolve_project(plan: Plan, key: str | int | Project) -> Project:
    """A project by number, name or a part of its name (an import that has already found it
    passes the Project); the rule is ledger/names.py's."""
    from minsheng_cli.ledger import names

    if isinstance(key, Project):
        return key
    return names.project(plan, key)


def resolve_target(project: Project, key: str) -> Target:
    from minsheng_cli.ledger import names

    choices = "、".join(f"{t.id}（{t.name}）" for t in project.targets)
    return names.target(project, str(key), ledger_words.UNKNOWN_TARGET.format(project=project.id, key=key, choices=choices))


def targets_read(plan: Plan, project: Project, target: Optional[str], county: Optional[str], narrative: bool) -> Optional[frozenset]:
    """The targets whose records `prepare` looks at for one record (its target, and None: a
    project's narratives) — the in-force engine keys everything by target, so the others cannot
    change its verdict, and an update need not make them (PRODUCT.md §5). None when the target
    cannot be told from the plan alone: then every record is read and `prepare` says why."""
    from minsheng_cli.errors import MinshengError

    try:
        if target is not None:
            return frozenset({resolve_target(project, target).id, None})
        if county:
            return frozenset({target_of_county(plan, project, county, narrative), None})
    except MinshengError:
        return None
    return frozenset({None})


def series_written(plan: Plan, project: Project, target: Optional[str], county: Optional[str]) -> Optional[tuple[str, Optional[str]]]:
    """(target, county) of the one record `prepare` makes of these arguments, when the plan alone
    tells it (None: no target named, or one `prepare` will refuse and say why)."""
    from minsheng_cli.errors import MinshengError

    if target is None:
        return None
    try:
        chosen = resolve_target(project, target)
        return chosen.id, resolve_county(plan, chosen, county)
    except MinshengError:
        return None


def resolve_date(plan: Plan, date: str | dt.date | None, today: dt.date, argument: str = "--date", after_plan: bool = False) -> dt.date:
    """The record's date: not in the future, not before the plan, and after the plan's end only
    with --after-plan (late completion is real; a year typo, or today's default once the year is
    over, is not)."""
    day = today if date is None else date if isinstance(date, dt.date) else parse_date(date, argument)
    if day > today:
        raise InputError(M.REC_FUTURE_DATE.format(argument=argument, date=day, today=today))
    if day < plan.start:
        raise InputError(M.REC_BEFORE_START.format(argument=argument, date=day, start=plan.start))
    if not after_plan:
        check_within_plan(plan, day, argument)
    return day


def check_within_plan(plan: Plan, day: dt.date, argument: str = "--date") -> None:
    """A record dated after the plan's end needs --after-plan."""
    if day > plan.end:
        raise InputError(M.REC_AFTER_PLAN.format(argument=argument, date=day, start=plan.start, end=plan.end))


def resolve_county(plan: Plan, target: Target, county: Optional[str], argument: str = "--county") -> Optional[str]:
    name = county.strip() if county is not None else None
    if not target.by_county:
        if name:
            raise InputError(M.REC_COUNTY_NOT_BY_COUNTY.format(argument=argument, target=target.name))
        return None
    concerned = plan.counties_of(target)
    if not name:
        raise InputError(M.REC_COUNTY_MISSING.format(argument=argument, target=target.name, choices="、".join(concerned)))
    if name not in plan.county_names:
        from minsheng_cli.ledger import names

        name = names.county(plan, name, M.REC_COUNTY_UNKNOWN.format(argument=argument, county=name, choices="、".join(concerned)))
    if name not in concerned:
        raise InputError(M.REC_COUNTY_NOT_CONCERNED.format(argument=argument, county=name, target=target.name, choices="、".join(concerned)))
    return name


def prepare(plan: Plan, existing_records: Iterable[Record], *args, after_plan: bool = False, confirm: bool = False,
            memo: Optional["Memo"] = None, **options) -> Record:
    """The record to append, checked against `existing_records` (written order). The arguments
    are `_checked_record`'s. What is wrong with the record itself is said first; then a date
    after the plan's end (unless `after_plan`); last a value that needs confirming (unless
    `confirm`), raised as `Implausible`, which carries the record. `memo`: one `Memo` of the plan
    for many calls (an import's rows); without it each call works everything out anew."""
    if memo is None:
        memo = Memo(plan)
    elif memo.plan is not plan:
        raise ValueError("a Memo serves the plan it was made for")
    record, target, previous = _checked_record(plan, existing_records, *args, memo=memo, **options)
    for name in _TEXT_NAMES:
        text = getattr(record, name, None)
        reason = text_too_long(text) if text is not None else None
        if reason:
            raise InputError(M.REC_TEXT_TOO_LONG.format(option=TEXT_OPTIONS.get(name, name), reason=reason))
    if not after_plan:
        check_within_plan(plan, record.date)
    if not confirm and target is not None:
        check_plausible(plan, target, record, previous)
    return record


_TEXT_NAMES = (*NARRATIVE_FIELDS, "reason", "by")
TEXT_OPTIONS = {"note": "--note", "problem": "--problem", "next": "--next", "reason": "--reason", "by": "--by"}


_UNKNOWN = object()  # a memo's "not worked out yet" (None is an answer: no county, no text)


class Memo:
    """What `prepare` works out from the plan and the typed text alone, remembered across the
    calls of one import (a year's sheet names ~1,000 series in 65,000 rows): the project, target
    and county a row names, its value parsed for its target, its date checked against the plan
    and the day, its cleaned text. Every answer is the function's own; only answers are kept —
    text that fails is worked out again and raises as it did — so a row meets the same verdict,
    and the same message, as without a memo. Nothing here depends on the records."""

    __slots__ = ("plan", "_projects", "_targets", "_counties", "_values", "_dates", "_texts", "_items")

    def __init__(self, plan: Plan):
        self.plan = plan
        self._projects: dict = {}
        self._targets: dict = {}
        self._counties: dict = {}
        self._values: dict = {}
        self._dates: dict = {}
        self._texts: dict = {}
        self._items: dict = {}

    def project(self, key: str | int | Project) -> Project:
        if isinstance(key, Project):
            return key
        found = self._projects.get(key)
        if found is None:
            found = self._projects[key] = resolve_project(self.plan, key)
        return found

    def target(self, project: Project, key: str) -> Target:
        memo_key = (project.id, key)
        found = self._targets.get(memo_key)
        if found is None:
            found = self._targets[memo_key] = resolve_target(project, key)
        return found

    def county(self, project: Project, target: Target, county: Optional[str]) -> Optional[str]:
        memo_key = (project.id, target.id, county)
        found = self._counties.get(memo_key, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._counties[memo_key] = resolve_county(self.plan, target, county)
        return found

    def value(self, project: Project, target: Target, text: str):
        memo_key = (project.id, target.id, text)
        found = self._values.get(memo_key)
        if found is None:
            found = self._values[memo_key] = parse_value(text, target)
        return found

    def date(self, date: str | dt.date | None, today: dt.date) -> dt.date:
        memo_key = (date, today)
        found = self._dates.get(memo_key)
        if found is None:
            found = self._dates[memo_key] = resolve_date(self.plan, date, today, after_plan=True)  # judged last, in prepare
        return found

    def items(self, project: Project, target: Target) -> frozenset:
        memo_key = (project.id, target.id)
        found = self._items.get(memo_key)
        if found is None:
            found = self._items[memo_key] = frozenset(items_of(target, project.id))
        return found

    def text(self, text: Optional[str], argument: str) -> Optional[str]:
        if text is None:
            return None
        memo_key = (text, argument)
        found = self._texts.get(memo_key, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._texts[memo_key] = clean_text(text, argument)
        return found


class NeedsCorrection(InputError):
    """A value that only `update --correct` may write (another value on the same date, or a count
    that goes down). `command` is that update, ready to paste; `import` words it for a row."""

    def __init__(self, message: str, command: str, why: str):
        super().__init__(message)
        self.command, self.why = command, why


def correct_command(record: Record, target: Target) -> str:
    """minsheng update 19 villages 40 --date 2023-06-30 --county 任城区 --correct --reason "原因" """
    words = ["minsheng", "update", str(record.project), target.id, shown(record.value), "--date", str(record.date)]
    if record.county:
        words += ["--county", record.county]
    return " ".join(map(shell_word, words)) + M.REC_CORRECT_TAIL


def shell_word(word: str) -> str:
    """A word as a shell takes it: quoted only when it holds a space or a shell character (a
    county's Chinese name is pasted as it is; shlex.quote would quote every non-ASCII word)."""
    import re
    import shlex

    return shlex.quote(word) if not word or re.search(r"[\s'\"\\$`!*?;&|<>()\[\]{}#~]", word) else word


class Implausible(InputError):
    """A value `plausible.doubts` questions: refused unless confirmed (`update --confirm`,
    `import --accept-outliers`). `record` is what would have been written, `reasons` why not."""

    def __init__(self, message: str, record: Record, reasons: list[str]):
        super().__init__(message)
        self.record, self.reasons = record, reasons


def check_plausible(plan: Plan, target: Target, record: Record, previous: Optional[tuple[dt.date, Decimal]] = None) -> None:
    """`Implausible` when the record's value for `target` needs confirming (PRODUCT.md §4
    "Plausible values"); `previous`: the latest earlier (date, value) in force of its series."""
    if record.action == "void" or not isinstance(record.value, Decimal):
        return
    reasons = doubts(plan, target, record.county, record.value, previous)
    if reasons:
        message = M.REC_DOUBTFUL.format(value=shown(record.value), reasons=M.REC_DOUBT_SEP.join(reasons))
        raise Implausible(message, record, reasons)


def _checked_record(
    plan: Plan,
    existing_records: Iterable[Record],
    project: str | int | Project,
    target: Optional[str],
    value_text: Optional[str],
    date: str | dt.date | None,
    county: Optional[str] = None,
    note: Optional[str] = None,
    problem: Optional[str] = None,
    next: Optional[str] = None,  # noqa: A002 - the record's field name
    by: Optional[str] = None,
    correct: bool = False,
    void: bool = False,
    reason: Optional[str] = None,
    today: Optional[dt.date] = None,
    *,
    memo: "Memo",
    received: Optional[dt.date] = None,
    path: str = "",
    folded=None,
) -> tuple[Record, Optional[Target], Optional[tuple[dt.date, Decimal]]]:
    """The record, its target (None for a project's narrative) and the latest earlier value in
    force of its series (what `check_plausible` needs). `received` is written on the record (the
    day an imported sheet came in); `path` says where it came from (an import's row), for a
    message about a later record that clashes with it. `folded`: what `fold(existing_records)`
    answers about the record's key and series (`in_force_at`, `series_of`), when the caller
    already knows it (an import's row after every record of its series); else it is folded."""
    found = memo.project(project)
    text = memo.text  # (None is None: not worth a call, most rows carry no note)
    note = None if note is None else text(note, "--note")
    problem = None if problem is None else text(problem, "--problem")
    next = None if next is None else text(next, "--next")
    narrative = bool(note or problem or next)
    _check_options(target, value_text, correct, void, reason, narrative)
    if today is None:
        from minsheng_cli.ledger.dates import today as today_in_china

        today = today_in_china()
    day = memo.date(date, today)
    by = None if by is None else text(by, "--by")
    reason = None if reason is None else text(reason, "--reason")
    mine = [r for r in existing_records if r.project == found.id]
    if target is None and county:
        target = target_of_county(plan, found, county, narrative)
    if target is None:
        if not narrative:
            raise UsageError(M.REC_NOTHING_TO_RECORD)
        return _narrative(mine, Record(day, found.id, note=note, problem=problem, next=next, by=by, received=received, path=path)), None, None
    chosen = memo.target(found, target)
    where = memo.county(found, chosen, county)
    if void:
        item = _void_value(value_text, chosen)
        return _void_record(mine, chosen, Record(day, found.id, chosen.id, where, item, note, problem, next, by, "void", reason, received,
                                                 path)), None, None
    if value_text is None:  # a note for a target (and county): it keeps them (PRODUCT.md §2 "Text has a date")
        return _narrative(mine, Record(day, found.id, chosen.id, where, None, note, problem, next, by, received=received, path=path)), None, None
    value = memo.value(found, chosen, value_text)
    record = _new_record(day, found.id, chosen.id, where, value, note, problem, next, by, "correct" if correct else None, reason, received, path)
    before = folded if folded is not None else fold(mine, memo.items(found, chosen), text=False)
    _check_same_date(record, chosen, before.in_force_at(record.key), correct)
    series = before.series_of(found.id, chosen.id, where)
    if chosen.kind == "count":
        _check_count_order(record, chosen, series, correct)
    return record, chosen, _latest_before(series, record.date)


def _new_record(date, project, target, county, value, note, problem, next, by, action, reason, received, path) -> Record:  # noqa: A002
    """`Record(date, …, received, path)` (line 0) through the fast builder (an import makes one per row)."""
    return record_builder()(date, project, target, county, value, note, problem, next, by, action, reason, received, path, 0)


def _narrative(mine: list[Record], narrative: Record) -> Record:
    """A record without a value (a project's, or a target's and county's), unless the same text
    is already there for its key and date."""
    for old in mine:
        if old.value is None and old.action is None and old.key == narrative.key and _adds_nothing(narrative, old):
            if narrative.target is None:
                raise AlreadyRecorded(M.REC_ALREADY_NARRATIVE.format(project=narrative.project, date=narrative.date), old)
            raise AlreadyRecorded(M.REC_ALREADY_TARGET_NARRATIVE.format(
                project=narrative.project, target=narrative.target, county=_county_text(narrative.county), date=narrative.date), old)
    return narrative


def target_of_county(plan: Plan, project: Project, county: str, narrative: bool = True) -> str:
    """`update P --county X --note …` (an import row with a county and no target): the one
    target of P that county X reports on; a value needs its target named."""
    if not narrative:
        raise UsageError(M.REC_COUNTY_NEEDS_TARGET)
    from minsheng_cli.ledger import names

    name = names.county_or_none(plan, county) or county.strip()  # 邹城 → 邹城市, as --county takes it
    targets = [t for t in project.targets if t.by_county and name in plan.counties_of(t)]
    if len(targets) == 1:
        return targets[0].id
    if not targets:
        raise InputError(M.REC_ASK_COUNTY_UNUSED.format(county=name, project=project.id))
    choices = "、".join(f"{t.id}（{t.name}）" for t in targets)
    raise UsageError(M.REC_COUNTY_TARGET_CHOICE.format(county=name, project=project.id, choices=choices))


def _latest_before(series: Optional[Series], day: dt.date) -> Optional[tuple[dt.date, Decimal]]:
    """The latest value in force of `series` dated before `day`, as (date, value)."""
    if series is None:
        return None
    for record in reversed(series.records):
        if record.date < day and isinstance(record.value, Decimal):
            return record.date, record.value
    return None


def items_of(target: Target, project: int) -> set[tuple[int, str]]:
    """What `fold` needs to know to judge records of this one target (an import asks per row)."""
    return {(project, target.id)} if target.kind in SET_KINDS else set()


def _void_value(value_text: Optional[str], target: Target):
    """`--void VALUE` names the one item or step to cancel; other targets take no value."""
    if value_text is None:
        return None
    if target.kind not in SET_KINDS:
        raise UsageError(M.REC_VOID_WITH_VALUE)
    return parse_value(value_text, target)


def _void_record(records: list[Record], target: Target, void: Record) -> Record:
    """`void`, unless the in-force engine says that, written after `records`, it cancels nothing."""
    if fold([*records, void], items_of(target, void.project), text=False).fate(void).state != VOID_NOTHING:
        return void
    where = dict(target=target.name, county=_county_text(void.county), date=void.date)
    if void.value is None:
        raise InputError(M.REC_VOID_NOTHING.format(**where))
    raise InputError(M.REC_VOID_ITEM_NOTHING.format(**where, value=shown(void.value)))


def _check_options(target, value_text, correct: bool, void: bool, reason, narrative: bool = False) -> None:
    if correct and void:
        raise UsageError(M.REC_CORRECT_AND_VOID)
    if (correct or void) and not (reason and str(reason).strip()):
        raise UsageError(M.REC_REASON_REQUIRED.format(option="--correct" if correct else "--void"))
    if reason and not (correct or void):
        raise UsageError(M.REC_REASON_ALONE)
    if target is None and (correct or void):
        raise UsageError(M.REC_ACTION_NEEDS_TARGET)
    if target is not None and not void and value_text is None and (correct or not narrative):
        raise UsageError(M.REC_VALUE_MISSING)


def items_in_force(records: Iterable[Record], project: int, target: str, county: Optional[str], until: Optional[dt.date] = None) -> dict[str, dt.date]:
    """Checklist items or milestone steps in force for one (project, target, county) at the end
    of `until` (default: every date), each with the date it was first recorded."""
    standing = fold(records, {(project, target)}, text=False).as_of(until or dt.date.max)
    return standing.items_done(project, target, county)


def _adds_nothing(new: Record, old: Record) -> bool:
    """True when writing `new` after `old` would change nothing: same value, no new narrative."""
    if new.value != old.value:
        return False
    return all(getattr(new, key) in (None, getattr(old, key)) for key in ("note", "problem", "next"))


def _check_same_date(record: Record, target: Target, in_force: list[Record], correct: bool) -> None:
    if not in_force:
        return
    county = _county_text(record.county)
    for old in in_force:
        if _adds_nothing(record, old) and (not correct or len(in_force) == 1):
            raise AlreadyRecorded(M.REC_ALREADY.format(target=target.name, county=county, date=record.date, value=shown(old.value)), old)
    if correct or target.kind in SET_KINDS:
        return
    old = in_force[-1]
    where = f"{old.path}:{old.line}" if old.line else old.path  # a file line, or an earlier row of this import
    why = M.REC_DIFFERENT_VALUE.format(target=target.name, county=county, date=record.date, old=shown(old.value),
                                       new=shown(record.value), where=where)
    command = correct_command(record, target)
    raise NeedsCorrection(why + M.REC_DIFFERENT_VALUE_WAY.format(command=command), command, why)


def _check_count_order(record: Record, target: Target, series: Optional[Series], correct: bool) -> None:
    """Cumulative counts never go down: against the latest earlier and the next later value in force."""
    # a text value on a count is check's to report; the order of counts is about numbers
    before = after = None  # the latest earlier and the first later number, in the series' order
    if series is not None:
        day = record.date
        for other in series.records:
            if isinstance(other.value, Decimal):
                if other.date < day:
                    before = other
                elif other.date > day and after is None:
                    after = other
    if before is not None and not correct and record.value < before.value:
        why = M.REC_DECREASING.format(target=target.name, county=_county_text(record.county), value=shown(record.value),
                                      date=before.date, old=shown(before.value))
        command = correct_command(record, target)
        raise NeedsCorrection(why + M.REC_DECREASING_WAY.format(command=command), command, why)
    if after is not None and record.value > after.value:
        raise InputError(M.REC_LATER_LOWER.format(
            target=target.name, county=_county_text(record.county), value=shown(record.value), date=after.date, old=shown(after.value),
        ))


def shown(value) -> str:
    from minsheng_cli.ledger.progress_file import format_number

    if isinstance(value, Decimal):
        return format_number(value)
    if value == "done":
        return M.REC_DONE
    return "" if value is None else str(value)


def _county_text(county: Optional[str]) -> str:
    return f"（{county}）" if county else ""


def git_user_name(folder: Path) -> str:
    """`git config user.name` as seen from the ledger folder; empty when git is missing, fails
    or takes over 10 s."""
    output = _git_output(["git", "-C", str(folder), "config", "user.name"], timeout=10.0)
    return output.decode("utf-8", "replace").strip() if output is not None else ""


def _git_output(argv: list[str], timeout: float) -> Optional[bytes]:
    """What `argv` prints, None when it cannot run, fails or outlasts `timeout`. Spawned directly
    (posix_spawn, a pipe, a poll): importing subprocess cost every update 2.7 ms of its 0.05 s
    budget (PRODUCT.md §5); where there is no posix_spawn, subprocess does it."""
    if not hasattr(os, "posix_spawnp"):
        import subprocess

        try:
            done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout if done.returncode == 0 else None
    import select
    import time

    reading, writing = (_above_standard(fd) for fd in os.pipe())  # fd 1 closed (`>&-`): a pipe end would be fd 1
    try:  # both ends close on exec: the child keeps only its stdout (the write end, made fd 1)
        actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0), (os.POSIX_SPAWN_DUP2, writing, 1),
                   (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
    except OSError:
        os.close(reading)
        return None
    finally:
        os.close(writing)
    chunks, deadline, poll = [], time.monotonic() + timeout, select.poll()
    poll.register(reading, select.POLLIN)
    try:
        while (left := deadline - time.monotonic()) > 0 and poll.poll(left * 1000):
            chunk = os.read(reading, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(reading)
    status = _exit_status(pid, deadline)
    return b"".join(chunks) if status == 0 else None


def _above_standard(fd: int) -> int:
    """`fd`, moved above 0–2 if it is one of them (it closes on exec, as os.pipe's ends do)."""
    if fd > 2:
        return fd
    import fcntl

    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 3)
    os.close(fd)
    return moved


def _exit_status(pid: int, deadline: float) -> Optional[int]:
    """The exit code of child `pid`, waited for until `deadline` (time.monotonic()); past it the
    child is killed and None returned (one that closed its stdout and went on running)."""
    import time

    pause = 0.0002
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() >= deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            return None
        time.sleep(pause)
        pause = min(pause * 2, 0.05)
