"""Reporting periods and the calendar they are counted in.

Moments are stored in UTC; which day, month or year an inspection belongs to is decided
in China Standard Time (UTC+8, no daylight saving since 1991), not in the laptop's own
zone, so a county's report and a city's ranking count the same violation in the same
month on every machine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CALENDAR_TZ = dt.timezone(dt.timedelta(hours=8), "CST")
_STORED = "%Y-%m-%d %H:%M:%S.%f"

#: The self-inspection reports: the half-year one due 30 June, the yearly one 20 December.
SELF_INSPECTION_DUE: dict[int, tuple[int, int]] = {1: (6, 30), 2: (12, 20)}


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date
    """Inclusive."""

    def contains(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def utc_bounds(self) -> tuple[str, str]:
        """[start, end) of the period as stored UTC text, for comparing stored moments."""
        start = dt.datetime.combine(self.first, dt.time(), CALENDAR_TZ)
        end = dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time(), CALENDAR_TZ)
        return (
            start.astimezone(dt.UTC).strftime(_STORED),
            end.astimezone(dt.UTC).strftime(_STORED),
        )

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def year(y: int) -> Period:
    return Period(dt.date(y, 1, 1), dt.date(y, 12, 31))


def month(y: int, m: int) -> Period:
    first = dt.date(y, m, 1)
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return Period(first, nxt - dt.timedelta(days=1))


def self_inspection(y: int, half: int) -> Period:
    """What a self-inspection report covers: from 1 January to its due date (the
    half-year report to 30 June, the yearly one to 20 December)."""
    m, d = SELF_INSPECTION_DUE[half]
    return Period(dt.date(y, 1, 1), dt.date(y, m, d))


def annual_report_due(y: int) -> dt.date:
    """The yearly work report for year `y` is due on 10 January of the next year."""
    return dt.date(y + 1, 1, 10)


def today() -> dt.date:
    """Today on the city's calendar. Between 16:00 and 24:00 UTC a laptop set to another
    zone is still on yesterday; deadlines, overdue days and default dates must not depend
    on that."""
    return dt.datetime.now(CALENDAR_TZ).date()


def local_date(stored: str) -> dt.date:
    """The calendar day (UTC+8) of a stored UTC moment."""
    moment = dt.datetime.fromisoformat(stored).replace(tzinfo=dt.UTC)
    return moment.astimezone(CALENDAR_TZ).date()


def local_moment(day: dt.date, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), CALENDAR_TZ)
