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
folded from its records read now. Like any cache entry, one planted on purpose could misstate what
it stands for; it cannot run anything, and it never decides what is written — only the phrase.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Optional

from minsheng_cli.ledger import cache
from minsheng_cli.ledger.in_force import Series
from minsheng_cli.ledger.progress_fast import IN_RANGE_NUMBER

_KIND = "target-series"
KINDS = ("count", "level")  # the targets whose standing is read from their series' numbers alone


def entry_key(root: Path, project: int, target: str) -> str:
    return cache.location_key(root, f"{project}/{target}")


class Remembered:
    """What `known` found: county (None: city-wide) → its series, and each one's row as kept."""

    __slots__ = ("series", "rows")

    def __init__(self, series: dict[Optional[str], Series], rows: dict[Optional[str], list]):
        self.series, self.rows = series, rows


def known(root: Path, project: int, target: str, state: list, use: bool = True) -> Optional[Remembered]:
    """The target's series as remembered for the files in `state`; None when nothing is
    remembered for exactly that state."""
    entry = cache.get(_KIND, entry_key(root, project, target), use, plain=True)
    if not isinstance(entry, dict) or entry.get("state") != state or not isinstance(entry.get("series"), list):
        return None
    found = Remembered({}, {})
    days: dict[str, dt.date] = {}  # a year has ~52 report dates, shared by every county
    try:
        for row in entry["series"]:
            county, dates, values = row
            series = _series(dates, values, days)
            if series is None or not (county is None or isinstance(county, str)) or county in found.series:
                return None
            found.series[county], found.rows[county] = series, row
    except (TypeError, ValueError):
        return None
    return found


def remember(root: Path, project: int, target: str, state: list, series: dict[Optional[str], Series],
             kept: Optional[dict[Optional[str], list]] = None, use: bool = True) -> None:
    """Keep each series' numbers for the files in `state`: dates and values as one string each
    (a list per value cost more to decode than folding saved). `kept`: rows of a `Remembered`
    for series that did not change, written as they were."""
    plain = list((kept or {}).values())
    for county, one in series.items():
        numbers = [(day, value) for day, value in zip(one.dates, one.values) if isinstance(value, Decimal)]
        plain.append([county, " ".join(day.isoformat() for day, _ in numbers), " ".join(str(value) for _, value in numbers)])
    cache.put(_KIND, entry_key(root, project, target), {"state": state, "series": plain}, use, plain=True)


def _series(dates: str, values: str, days: dict) -> Optional[Series]:
    if not (isinstance(dates, str) and isinstance(values, str)):
        return None
    dates, values = dates.split(), values.split()
    if len(dates) != len(values) or not all(map(IN_RANGE_NUMBER, values)):
        return None  # a planted `1E+999999999` would overflow the sum after the write
    try:
        for text in dates:
            if text not in days:
                days[text] = dt.date.fromisoformat(text)
        numbers = [Decimal(value) for value in values]
    except (TypeError, ValueError, InvalidOperation):
        return None
    found = [days[text] for text in dates]
    if any(later <= earlier for earlier, later in zip(found, found[1:])):
        return None
    return Series.of_values(found, numbers)
