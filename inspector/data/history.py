"""History from the operation log: what changed, when, by whom, and why.

The log is folded in (hlc, origin) order, the same order last-writer-wins uses, so the
fold of a row's operations is exactly the row, and each step's "old" value is what the
field held before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from inspector.data.engine import Conn
from inspector.data.writer import loads
from inspector.domain.hlc import to_datetime


@dataclass(frozen=True)
class Change:
    """One field set by one operation."""

    op_id: str
    at: dt.datetime
    actor: str
    origin: str
    reason: str | None
    field: str
    old: Any
    new: Any
    bundle_id: str | None


def record_history(conn: Conn, entity: str, row_id: str) -> list[Change]:
    """Every change to one record, oldest first, field by field."""
    changes: list[Change] = []
    state: dict[str, Any] = {}
    cursor = conn.execute(
        "SELECT op_id, hlc, origin, fields, actor, reason, bundle_id FROM op "
        "WHERE entity=? AND row_id=? ORDER BY hlc, origin",
        (entity, row_id),
    )
    for op_id, hlc, origin, fields, actor, reason, bundle_id in cursor:
        at = to_datetime(hlc)
        for name, value in loads(fields).items():
            changes.append(
                Change(op_id, at, actor, origin, reason, name, state.get(name), value, bundle_id)
            )
            state[name] = value
    return changes


def rebuild_row(conn: Conn, entity: str, row_id: str) -> dict[str, Any] | None:
    """The row as the log alone says it should be (fields never set are absent)."""
    state: dict[str, Any] = {}
    found = False
    cursor = conn.execute(
        "SELECT fields FROM op WHERE entity=? AND row_id=? ORDER BY hlc, origin", (entity, row_id)
    )
    for (fields,) in cursor:
        found = True
        state.update(loads(fields))
    return state if found else None


def rebuild_entity(conn: Conn, entity: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every row of a table as the log says it should be, one row at a time.

    Streams through the log in (row, hlc, origin) order, so memory holds one row.
    """
    cursor = conn.execute(
        "SELECT row_id, fields FROM op WHERE entity=? ORDER BY row_id, hlc, origin", (entity,)
    )
    current_id: str | None = None
    state: dict[str, Any] = {}
    for row_id, fields in cursor:
        if row_id != current_id:
            if current_id is not None:
                yield current_id, state
            current_id, state = row_id, {}
        state.update(loads(fields))
    if current_id is not None:
        yield current_id, state


def last_set(conn: Conn, entity: str, row_id: str) -> dict[str, Change]:
    """Each field's latest change: the operation whose value the field holds now (the
    fold's order is the merge's, so the last setter of a field is its winner)."""
    latest: dict[str, Change] = {}
    for change in record_history(conn, entity, row_id):
        latest[change.field] = change
    return latest
