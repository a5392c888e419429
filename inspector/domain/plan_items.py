"""When a self-inspection plan item is due, done or overdue, as of a given day.

One definition for every screen, report and command: the Plans tab and the dashboard
ask it as of today, a report as of its own date (the end of its period, or today while
the period is still running). Remediation deadlines are a different rule
(`services.progress`), with transition periods of their own.

An item is *due* on day D when its due date is D or earlier, *done* on D when its
inspection happened on D or earlier, and *overdue* on D when its due date is before D
and it was not done by D: the due day itself still belongs to the inspectors, and an
item done late stops being overdue from the day it was done. Cancelled items are
neither due nor overdue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from inspector.domain.choices import PlanItemStatus


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """What the rule needs to know about one plan item."""

    status: str
    due_date: dt.date | None
    done_on: dt.date | None
    """The day (UTC+8) of the inspection that fulfilled it, when known."""


def is_due(item: ItemFacts, on: dt.date) -> bool:
    return (
        item.status != PlanItemStatus.CANCELLED
        and item.due_date is not None
        and item.due_date <= on
    )


def is_done(item: ItemFacts, on: dt.date) -> bool:
    """Done by the end of `on`. An item marked done whose inspection is no longer known
    (deleted since) counts as done: the mark is the record of it."""
    if item.status != PlanItemStatus.DONE:
        return False
    return item.done_on is None or item.done_on <= on


def is_overdue(item: ItemFacts, on: dt.date) -> bool:
    """Past its due date on `on` and not done by then."""
    return (
        item.status != PlanItemStatus.CANCELLED
        and item.due_date is not None
        and item.due_date < on
        and not is_done(item, on)
    )
