"""Self-inspection plan items in SQL: as the overdue rule (`domain.plan_items`) needs
them, as the Plans screen lists them, their links to inspections, and their published
result. Keyword-only functions over a connection; the caller owns the transaction."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from inspector.data.engine import Conn
from inspector.data.queries import current_main_assignment_sql
from inspector.domain.periods import local_date
from inspector.domain.plan_items import ItemFacts


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def item_facts(conn: Conn, *, plan_ids: Sequence[str]) -> dict[str, list[ItemFacts]]:
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


@dataclass(frozen=True)
class ItemRow:
    """A plan item with its outfall and the inspection that fulfilled it."""

    id: str
    plan_id: str
    outfall_id: str
    code: str
    name: str
    county: str
    township: str | None
    river: str
    inspector_a: str | None
    inspector_b: str | None
    due_date: dt.date | None
    status: str
    inspection_id: str | None
    inspected_on: dt.date | None
    """The calendar day (UTC+8) of its live inspection."""


_ITEM_SQL = (
    "SELECT i.id, i.plan_id, i.outfall_id, o.code, o.name, o.county_code, o.township, o.river, "
    "i.inspector_a, i.inspector_b, i.due_date, i.status, i.inspection_id, n.started_at "
    "FROM plan_item i JOIN plan p ON p.id = i.plan_id JOIN outfall o ON o.id = i.outfall_id "
    "LEFT JOIN inspection n ON n.id = i.inspection_id AND n.deleted=0 "
)


def _item(row: Sequence[Any]) -> ItemRow:
    iid, pid, oid, code, name, county, township, river, a, b, due, status, insp, started = row
    return ItemRow(
        iid,
        pid,
        oid,
        code,
        name,
        county,
        township,
        river,
        a,
        b,
        _day(due),
        status,
        insp,
        local_date(started) if started else None,
    )


def item_rows(conn: Conn, *, plan_id: str) -> list[ItemRow]:
    """A plan's live items in due-date order (the order the draw gave them), then by code."""
    return [
        _item(row)
        for row in conn.execute(
            _ITEM_SQL + "WHERE i.plan_id=? AND i.deleted=0 ORDER BY i.due_date, o.code",
            (plan_id,),
        )
    ]


def due_item_rows(
    conn: Conn, *, by: dt.date, county_code: str | None = None, limit: int = 100
) -> list[ItemRow]:
    """Pending items of live plans (of one county's, or all) due by `by`, earliest first."""
    sql = _ITEM_SQL + (
        "WHERE i.deleted=0 AND p.deleted=0 AND i.status='pending' AND i.due_date <= ?"
    )
    params: list[Any] = [by.isoformat()]
    if county_code is not None:
        sql += " AND p.county_code=?"
        params.append(county_code)
    sql += " ORDER BY i.due_date, o.code LIMIT ?"
    params.append(limit)
    return [_item(row) for row in conn.execute(sql, params)]


@dataclass(frozen=True)
class StoredItem:
    """A plan item as the draw wrote it."""

    id: str
    outfall_id: str
    inspector_a: str | None
    inspector_b: str | None
    due_date: str | None
    """As stored (ISO date)."""
    status: str


def stored_items(conn: Conn, *, plan_id: str) -> list[StoredItem]:
    """A plan's live items, in no particular order."""
    return [
        StoredItem(*row)
        for row in conn.execute(
            "SELECT id, outfall_id, inspector_a, inspector_b, due_date, status FROM plan_item "
            "WHERE plan_id=? AND deleted=0",
            (plan_id,),
        )
    ]


def matching_item(conn: Conn, *, outfall_id: str, year: int, method: str) -> str | None:
    """The pending, unlinked item of the outfall in a live plan of `year` that an
    inspection fulfils: a plan of `method` first, then the earliest due, then by id."""
    row = conn.execute(
        "SELECT i.id FROM plan_item i JOIN plan p ON p.id = i.plan_id "
        "WHERE i.deleted=0 AND p.deleted=0 AND i.status='pending' "
        "AND i.inspection_id IS NULL AND i.outfall_id=? AND p.year=? "
        "ORDER BY (p.method != ?), i.due_date, i.id LIMIT 1",
        (outfall_id, year, method),
    ).fetchone()
    return None if row is None else str(row[0])


def items_done_by_deleted(conn: Conn, *, plan_id: str | None = None) -> list[str]:
    """Ids of live items marked done whose inspection is deleted or absent (of one plan,
    or all)."""
    scope, params = ("", []) if plan_id is None else (" AND i.plan_id=?", [plan_id])
    return [
        str(row[0])
        for row in conn.execute(
            "SELECT i.id FROM plan_item i LEFT JOIN inspection n ON n.id = i.inspection_id "
            "WHERE i.deleted=0 AND i.status='done' AND i.inspection_id IS NOT NULL "
            f"AND (n.id IS NULL OR n.deleted=1){scope}",
            params,
        ).fetchall()
    ]


def inspections_to_link(
    conn: Conn, *, sources: Sequence[str], plan_id: str | None = None
) -> list[str]:
    """Ids of live inspections, in the order they started, whose link to a plan item is
    one-sided, or which have none though of a task source in `sources` at an outfall
    with a pending unlinked item (of plan `plan_id`, when given)."""
    scope, params = ("", []) if plan_id is None else (" AND i.plan_id=?", [plan_id])
    return [
        str(row[0])
        for row in conn.execute(
            "SELECT n.id FROM inspection n WHERE n.deleted=0 AND ("
            " (n.plan_item_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM plan_item i"
            "   WHERE i.id = n.plan_item_id AND i.inspection_id = n.id))"
            f" OR (n.plan_item_id IS NULL AND n.task_source IN ({', '.join('?' * len(sources))})"
            " AND EXISTS ("
            "   SELECT 1 FROM plan_item i WHERE i.outfall_id = n.outfall_id AND i.deleted=0"
            f"  AND i.status='pending' AND i.inspection_id IS NULL{scope}))"
            ") ORDER BY n.started_at, n.id",
            (*sources, *params),
        ).fetchall()
    ]


class ResultRow(NamedTuple):
    """A plan item as its published result shows it."""

    code: str
    name: str
    township: str | None
    river: str
    owner: str | None
    """The outfall's current main owner."""
    owner_kind: str | None
    credit_code: str | None
    basis: str | None
    due_date: str | None
    status: str
    started_at: str | None
    """Of its live inspection, as stored."""
    violation: str | None
    follow_up: bool
    suspicion: str | None


def result_rows(conn: Conn, *, plan_id: str, today: str) -> list[ResultRow]:
    """A plan's live items with their outfall, its owner on `today` and what the
    inspection found, by due date then code."""
    out = []
    for row in conn.execute(
        "SELECT o.code, o.name, o.township, o.river, ow.name, ow.kind, ow.credit_code, a.basis, "
        "i.due_date, i.status, n.started_at, n.violation, n.follow_up, n.suspicion "
        "FROM plan_item i JOIN outfall o ON o.id = i.outfall_id "
        "LEFT JOIN inspection n ON n.id = i.inspection_id AND n.deleted=0 "
        f"LEFT JOIN owner_assignment a ON a.id = ({current_main_assignment_sql('o.id', '?')}) "
        "LEFT JOIN owner ow ON ow.id = a.owner_id "
        "WHERE i.plan_id=? AND i.deleted=0 ORDER BY i.due_date, o.code",
        (today, plan_id),
    ):
        *outfall_and_item, started, violation, follow_up, suspicion = row
        out.append(
            ResultRow._make((*outfall_and_item, started, violation, bool(follow_up), suspicion))
        )
    return out
