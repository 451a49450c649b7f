"""A clock set by the test, for the modules that decide from the time whether a file is racy
(stat_index, series_index): which file is racy then does not depend on this machine's speed."""

from __future__ import annotations

import time


class FakeClock:
    def __init__(self):
        self.now = time.time_ns()

    def time_ns(self) -> int:
        return self.now

    def later(self, seconds: float) -> None:
        """From now on, the time is `seconds` after the real time now."""
        self.now = time.time_ns() + int(seconds * 1e9)
