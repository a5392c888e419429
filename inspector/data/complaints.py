"""SQL of public complaints (公众举报). Keyword-only functions over a connection; the
caller owns the transaction."""

from __future__ import annotations

from dataclasses import dataclass

from inspector.data.dialects import id_prefix
from inspector.data.engine import Conn


@dataclass(frozen=True)
class ComplaintRow:
    id: str
    county: str
    outfall_id: str | None
    outfall_code: str | None
    outfall_name: str | None
    received_on: str
    channel: str
    content: str
    complainant: str | None
    contact: str | None
    due_on: str
    answered_on: str | None
    answer: str | None
    answered_by: str | None
    inspection_id: str | None


_SELECT = (
    "SELECT c.id, c.county_code, c.outfall_id, o.code, o.name, c.received_on, c.channel, "
    "c.content, c.complainant, c.contact, c.due_on, c.answered_on, c.answer, c.answered_by, "
    "c.inspection_id FROM complaint c LEFT JOIN outfall o ON o.id = c.outfall_id "
)


def complaint_rows(
    conn: Conn,
    *,
    counties: list[str] | None = None,
    open_only: bool = False,
    overdue_on: str | None = None,
    received_from: str | None = None,
    received_to: str | None = None,
    limit: int | None = None,
) -> list[ComplaintRow]:
    """Live complaints, those due first: optionally of some counties, only those not
    answered, only those past their deadline on a day (ISO), or received in a range."""
    where = ["c.deleted = 0"]
    params: list[object] = []
    if counties is not None:
        where.append(f"c.county_code IN ({', '.join('?' * len(counties)) or 'NULL'})")
        params += counties
    if open_only or overdue_on is not None:
        where.append("c.answered_on IS NULL")
    if overdue_on is not None:
        where.append("c.due_on < ?")
        params.append(overdue_on)
    if received_from is not None:
        where.append("c.received_on >= ?")
        params.append(received_from)
    if received_to is not None:
        where.append("c.received_on <= ?")
        params.append(received_to)
    sql = _SELECT + "WHERE " + " AND ".join(where) + " ORDER BY c.due_on, c.received_on, c.id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [ComplaintRow(*row) for row in conn.execute(sql, params)]


def count_overdue(conn: Conn, *, counties: list[str] | None, on: str) -> int:
    where = "deleted = 0 AND answered_on IS NULL AND due_on < ?"
    params: list[object] = [on]
    if counties is not None:
        where += f" AND county_code IN ({', '.join('?' * len(counties)) or 'NULL'})"
        params += counties
    return int(conn.execute(f"SELECT COUNT(*) FROM complaint WHERE {where}", params).fetchone()[0])


def ids_with_prefix(conn: Conn, *, prefix: str) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT id FROM complaint WHERE deleted = 0 AND id LIKE ? ESCAPE '\\' "
            "ORDER BY id LIMIT 2",
            (id_prefix(prefix),),
        )
    ]


@dataclass(frozen=True)
class InspectionRef:
    id: str
    outfall_id: str
    outfall_code: str
    started_at: str


def inspections_with_prefix(conn: Conn, *, prefix: str) -> list[InspectionRef]:
    return [
        InspectionRef(*row)
        for row in conn.execute(
            "SELECT i.id, i.outfall_id, o.code, i.started_at FROM inspection i "
            "JOIN outfall o ON o.id = i.outfall_id WHERE i.deleted = 0 AND i.id LIKE ? ESCAPE '\\' "
            "ORDER BY i.id LIMIT 2",
            (id_prefix(prefix),),
        )
    ]
