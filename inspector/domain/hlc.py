"""Hybrid logical clock (Kulkarni et al., 2014) packed into one sortable integer.

The high bits hold wall-clock milliseconds, the low 16 bits a logical counter. A replica
never issues a timestamp lower than one it has issued or seen, so an edit made after
reading another replica's edit always orders after it, whatever the two wall clocks say.

Because every replica absorbs the clocks it sees, one absurd value (the year 3000, or the
largest integer SQLite can store) would travel to every replica and stay there: the next
timestamp after 2**63 - 1 cannot be stored at all. So a clock value from another replica
is believed only up to `TOLERANCE_MS` ahead of this computer's own clock (`too_far_ahead`),
and `HybridClock` refuses, rather than overflows, when its next value would not fit.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

LOGICAL_BITS = 16

#: How far ahead of this computer's clock another replica's clock may be: a day covers a
#: laptop set to the wrong time zone or a day off; a bundle from further ahead is refused
#: (its author is told to correct the date, then `inspector doctor --repair-clock`).
TOLERANCE_MS = 24 * 3600 * 1000

#: The largest timestamp the operation log can store (SQLite's and PostgreSQL's BIGINT).
MAX_HLC = 2**63 - 1


class ClockExhausted(Exception):
    """The clock has reached the largest value it can store (a database whose clock was
    poisoned by an earlier version: `inspector doctor --repair-clock` repairs it)."""


def wall_ms() -> int:
    return int(time.time() * 1000)


def pack(physical_ms: int, logical: int = 0) -> int:
    return (physical_ms << LOGICAL_BITS) + logical


def physical_ms(hlc: int) -> int:
    return hlc >> LOGICAL_BITS


def limit(now_ms: int | None = None) -> int:
    """The largest timestamp believed from another replica now."""
    now = wall_ms() if now_ms is None else now_ms
    return min(MAX_HLC, pack(now + TOLERANCE_MS + 1) - 1)


def too_far_ahead(hlc: int, now_ms: int | None = None) -> bool:
    return hlc > limit(now_ms)


def to_datetime(hlc: int) -> dt.datetime:
    """The wall-clock moment an HLC timestamp was issued at, in UTC."""
    try:
        return dt.datetime.fromtimestamp(physical_ms(hlc) / 1000, tz=dt.UTC)
    except (OverflowError, ValueError, OSError):
        # Only a clock poisoned by an earlier version holds such a value: show the latest
        # moment a datetime can hold rather than fail to show the history at all.
        return dt.datetime.max.replace(tzinfo=dt.UTC)


class HybridClock:
    """Issues strictly increasing timestamps and absorbs those seen from other replicas."""

    def __init__(self, last: int = 0, clock: Callable[[], int] = wall_ms) -> None:
        self.last = last
        self._clock = clock

    def tick(self) -> int:
        nxt = max(pack(self._clock()), self.last + 1)
        if nxt > MAX_HLC:
            raise ClockExhausted(self.last)
        self.last = nxt
        return nxt

    def observe(self, remote: int) -> None:
        if remote > MAX_HLC:
            raise ClockExhausted(remote)
        if remote > self.last:
            self.last = remote
