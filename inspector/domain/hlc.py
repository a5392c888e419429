"""Hybrid logical clock (Kulkarni et al., 2014) packed into one sortable integer.

The high bits hold wall-clock milliseconds, the low 16 bits a logical counter. A replica
never issues a timestamp lower than one it has issued or seen, so an edit made after
reading another replica's edit always orders after it, whatever the two wall clocks say.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

LOGICAL_BITS = 16


def wall_ms() -> int:
    return int(time.time() * 1000)


def pack(physical_ms: int, logical: int = 0) -> int:
    return (physical_ms << LOGICAL_BITS) + logical


def physical_ms(hlc: int) -> int:
    return hlc >> LOGICAL_BITS


def to_datetime(hlc: int) -> dt.datetime:
    """The wall-clock moment an HLC timestamp was issued at, in UTC."""
    return dt.datetime.fromtimestamp(physical_ms(hlc) / 1000, tz=dt.UTC)


class HybridClock:
    """Issues strictly increasing timestamps and absorbs those seen from other replicas."""

    def __init__(self, last: int = 0, clock: Callable[[], int] = wall_ms) -> None:
        self.last = last
        self._clock = clock

    def tick(self) -> int:
        self.last = max(pack(self._clock()), self.last + 1)
        return self.last

    def observe(self, remote: int) -> None:
        if remote > self.last:
            self.last = remote
