"""What one `update` reads under the ledger lock, and the target's series it says the standing
of after writing (PRODUCT.md §5: an update reads only its own series).

For a count or level target, with the cache in use: only the lines of the record's own series
(target, county) and the project's narratives are parsed (`progress_file.read_own_series`); the
other counties' series come from series_summary when it was remembered for exactly these files.
Otherwise — another kind of target, `--no-cache`, a file without an index, nothing remembered —
every record of the target is read, as `prepare` and the phrase have always been given, and the
series are remembered for the next update. Either way `prepare` sees every record of its own
series and the phrase is the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from minsheng_cli.ledger import series_summary
from minsheng_cli.ledger.history import fold, item_targets_of
from minsheng_cli.ledger.in_force import Series
from minsheng_cli.ledger.model import Plan, Project, Record
from minsheng_cli.ledger.series_index import month_and_name


class UpdateReading:
    """`read()` under the lock; after the write, `series_after(written, digests)`."""

    def __init__(self, root: Path, plan: Plan, project: Project, targets: Optional[frozenset], series: Optional[tuple],
                 use_cache: bool):
        self.root, self.plan, self.project, self.targets = root, plan, project, targets
        target = project.find_target(series[0]) if series is not None else None
        # (target, county) of the record to write, when its standing can be told from its series' numbers
        self.series = series if use_cache and targets is not None and target is not None and target.kind in series_summary.KINDS else None
        self.use_cache = use_cache
        self.records: list[Record] = []
        self.state: Optional[list] = None  # the files read, [[month/name, digest], …]; None: not all indexed
        self.others: Optional[series_summary.Remembered] = None  # the target's series as remembered for `state`

    def read(self) -> list[Record]:
        """The records `prepare` checks the new one against (every record of its own series)."""
        from minsheng_cli.ledger.progress_file import read_own_series, read_progress
        from minsheng_cli.ledger.series_index import ALL

        self.others = None
        if self.series is None:
            self.records = read_progress(self.root, self.plan, {self.project.id}, targets=self.targets, use_cache=self.use_cache)
            return self.records
        target, county = self.series
        self.records, self.state = read_own_series(self.root, self.plan, self.project.id, self.targets, county)
        if self.state is not None:
            self.others = series_summary.known(self.root, self.project.id, target, self.state)
        if self.others is None:
            self.records, self.state = read_own_series(self.root, self.plan, self.project.id, self.targets, ALL)
        return self.records

    def series_after(self, written: list[Record], digests: dict) -> Optional[dict[Optional[str], Series]]:
        """County → series of the record's target once `written` is in (None: the phrase folds
        `records + written` itself); remembered for the files as written (`digests`: path →
        digest of the content written, store.append_records)."""
        if self.series is None:
            return None
        target, county = self.series
        state = _state_after(self.state, digests)
        if self.others is None:
            series = dict(self._fold(self.records + written).history(self.project.id, target).series)
            if state is not None:
                series_summary.remember(self.root, self.project.id, target, state, series)
            return series
        own = [r for r in self.records + written if r.target == target and r.county == county]
        fresh = self._fold(own).series_of(self.project.id, target, county)
        series = {**self.others.series, county: fresh}
        if fresh is None:
            del series[county]
        if state is not None:
            kept = {where: row for where, row in self.others.rows.items() if where != county}
            series_summary.remember(self.root, self.project.id, target, state, {county: fresh} if fresh is not None else {}, kept)
        return series

    def _fold(self, records: list[Record]):
        return fold(records, item_targets_of(self.plan), text=False)


def _state_after(state: Optional[list], digests: dict) -> Optional[list]:
    """`state` with each written file's digest (a new file in its place: month/name order, the
    order files are read in; a state that is not in that order is not remembered, it would never
    be met again)."""
    if state is None or [name for name, _ in state] != sorted({name for name, _ in state}):
        return None
    files = dict(state)
    for path, digest in digests.items():
        files[month_and_name(path)] = digest
    return [[name, digest] for name, digest in sorted(files.items())]
