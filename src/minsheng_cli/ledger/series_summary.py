"""Every county's series of a count or level target as the last update left it, so that the
update after it can say where the target stands having parsed only its own series (PRODUCT.md §5:
an update's cost does not grow with the ledger).

At a province's size one target has ~240 county series in twelve files, ~19,000 records; the
phrase after an update (`新增托位：累计 … 个，完成年度目标的 …%`) adds up the latest value of each.
An entry, in the cache folder like any other (cache.py: JSON, private, keyed by the code), holds
for one (ledger, project, target) each series' numeric values in force — dates and values, what
`Series.latest_number` and `Series.first` read — and the state of the project's files they were
folded from: [[month/name, digest], …], as the files' series_index entries know them
(`progress_file.read_own_series`), with, for a file the update wrote, the digest of what it wrote
(`store.append_records`). It is used only when that state is exactly the one just read: an edit
to any file of the project, by anyone, a file added or removed, misses, and the update folds every
record of the target as before and remembers anew. The fold decides per (project, target, county,
date) (history.py), so the other series are what they were when remembered; the update's own is
folded from its records read now. Like any cache entry it is signed (cache.py): one planted or
edited is refused; and it never decides what is written — only the phrase.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Optional

from minsheng_cli.ledger import cache
from minsheng_cli.ledger.in_force import Series
from minsheng_cli.ledger.progress_fast import DATE_PATTERN as _DATE
from minsheng_cli.ledger.progress_fast import NUMBER_PATTERN as _NUM

_KIND = "target-series"
KINDS = ("count", "level")  # the targets whose standing is read from their series' numbers alone


def entry_key(root: Path, project: int, target: str) -> str:
    return cache.location_key(root, f"{project}/{target}")


class Remembered:
    """What `known` found: county (None: city-wide) → its series, and each one's row as kept."""

    __slots__ = ("series", "rows")

    def __init__(self, series: dict[Optional[str], "RememberedSeries"], rows: dict[Optional[str], list]):
        self.series, self.rows = series, rows


def known(root: Path, project: int, target: str, state: list, use: bool = True) -> Optional[Remembered]:
    """The target's series as remembered for the files in `state`; None when nothing is
    remembered for exactly that state. Each row is checked whole (one match of its dates, one of
    its values; counties reporting on the same dates share the check); a value is made a number,
    a date a date, only when the phrase reads it."""
    entry = cache.get(_KIND, entry_key(root, project, target), use, plain=True)
    if not isinstance(entry, dict) or entry.get("state") != state or not isinstance(entry.get("series"), list) \
            or not isinstance(entry.get("dates"), list):
        return None
    found = Remembered({}, {})
    table = entry["dates"]
    checked: dict[str, Optional[list[str]]] = {}  # a row's dates → its dates, None when not valid
    days: dict[str, dt.date] = {}  # a year has ~52 report dates, shared by every county
    for row in entry["series"]:
        if not (isinstance(row, list) and len(row) == 3 and type(row[1]) is int and 0 <= row[1] < len(table)):
            return None
        county, dates, values = row[0], table[row[1]], row[2]
        series = _series(dates, values, checked, days)
        if series is None or not (county is None or isinstance(county, str)) or county in found.series:
            return None
        found.series[county], found.rows[county] = series, [county, dates, values]
    return found


def remember(root: Path, project: int, target: str, state: list, series: dict[Optional[str], Series],
             kept: Optional[dict[Optional[str], list]] = None, use: bool = True) -> None:
    """Keep each series' numbers for the files in `state`: dates and values as one string each
    (a list per value cost more to decode than folding saved), each distinct dates' string once
    in a table the rows point into (counties report on the same days: at a province's size the
    entry was 268 KB, read and written by every update, four fifths of it dates). `kept`: rows
    of a `Remembered` for series that did not change, written as they were."""
    rows = list((kept or {}).values())
    for county, one in series.items():
        numbers = [(day, value) for day, value in zip(one.dates, one.values) if isinstance(value, Decimal)]
        rows.append([county, " ".join(day.isoformat() for day, _ in numbers), " ".join(str(value) for _, value in numbers)])
    table: dict[str, int] = {}
    plain = [[county, table.setdefault(dates, len(table)), values] for county, dates, values in rows]
    cache.put(_KIND, entry_key(root, project, target), {"state": state, "dates": list(table), "series": plain}, use, plain=True)


_DATES = re.compile(f"(?:{_DATE}(?: {_DATE})*+)?+").fullmatch
_VALUES = re.compile(f"(?:{_NUM}(?: {_NUM})*+)?+").fullmatch  # in range: a planted `1E+999999999` would overflow the sum


def _series(dates, values, checked: dict, days: dict) -> Optional["RememberedSeries"]:
    """The row's series if it is one as `remember` writes it: dates of the calendar strictly
    ascending (ISO dates compare as their text does), as many values, each in range."""
    if not (isinstance(dates, str) and isinstance(values, str)):
        return None
    if dates not in checked:
        checked[dates] = _dates_of(dates, days)
    found = checked[dates]
    if found is None or not _VALUES(values) or (values.count(" ") + 1 if values else 0) != len(found):
        return None
    return RememberedSeries(found, values, days)


def _dates_of(text: str, days: dict) -> Optional[list[str]]:
    if not _DATES(text):
        return None
    found = text.split()
    if not all(map(str.__lt__, found, found[1:])):
        return None
    for one in found:
        if one not in days:
            try:
                days[one] = dt.date.fromisoformat(one)
            except ValueError:  # 2023-13-01
                return None
    return found


class RememberedSeries:
    """A series as remembered: its dates (ISO text, ascending) and values (numbers' text, one
    string) as kept, read as `Series` reads — every value a number — making only what is read a
    date or a Decimal (an update's phrase reads each county's latest: the string's last value)."""

    __slots__ = ("_dates", "_text", "_values", "_days")
    records = None

    def __init__(self, dates: list[str], values: str, days: dict[str, dt.date]):
        self._dates, self._text, self._days = dates, values, days
        self._values: Optional[list[str]] = None

    @property
    def dates(self) -> list[dt.date]:
        return [self._days[text] for text in self._dates]

    @property
    def values(self) -> list[Decimal]:
        return list(map(Decimal, self._split()))

    def _split(self) -> list[str]:
        if self._values is None:
            self._values = self._text.split()
        return self._values

    def _at(self, index: int) -> tuple[dt.date, Decimal]:
        value = self._text.rpartition(" ")[2] if index == len(self._dates) - 1 else self._split()[index]
        return self._days[self._dates[index]], Decimal(value)

    def latest(self, day: dt.date) -> Optional[tuple[dt.date, Decimal]]:
        index = bisect.bisect_right(self._dates, day.isoformat()) - 1
        return self._at(index) if index >= 0 else None

    latest_number = latest  # every value kept is a number

    def first(self) -> Optional[tuple[dt.date, Decimal]]:
        return self._at(0) if self._dates else None
