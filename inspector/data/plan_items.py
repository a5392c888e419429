"""Self-inspection plan items as the overdue rule (`domain.plan_items`) needs them."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Sequence

from inspector.domain.periods import local_date
from inspector.domain.plan_items import ItemFacts


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def item_facts(conn: sqlite3.Connection, *, plan_ids: Sequence[str]) -> dict[str, list[ItemFacts]]:
    """The live items of each plan: status, due date and the day of the inspection that
    fulfilled it (a plan with no items is absent)."""
    out: dict[str, list[ItemFacts]] = defaultdict(list)
    # Chunks keep under SQLite's older limit of 999 parameters.
    for start in range(0, len(plan_ids), 500):
        chunk = list(plan_ids[start : start + 500])
        for plan_id, status, due, started in conn.execute(
            "SELECT i.plan_id, i.status, i.due_date, n.started_at FROM plan_item i "
            "LEFT JOIN inspection n ON n.id = i.inspection_id AND n.deleted = 0 "
            f"WHERE i.deleted = 0 AND i.plan_id IN ({', '.join('?' * len(chunk))})",
            chunk,
        ):
            out[plan_id].append(
                ItemFacts(
                    status=status,
                    due_date=_day(due),
                    done_on=local_date(started) if started else None,
                )
            )
    return dict(out)
