"""SQL of cross-boundary pollution incidents and the notices made of them.
Keyword-only functions over a connection; the caller owns the transaction."""

from __future__ import annotations

from typing import Any, NamedTuple

from inspector.data.engine import Conn


class NoticeRow(NamedTuple):
    id: str
    incident_id: str
    region_code: str
    notified_at: str | None
    notified_by: str | None
    method: str | None
    notes: str | None


class IncidentRow(NamedTuple):
    id: str
    river: str
    outfall_id: str | None
    outfall_code: str | None
    region_code: str | None
    occurred_at: str
    description: str
    reported_by: str | None


def _which(incident_id: str | None) -> tuple[str, list[Any]]:
    if incident_id is None:
        return "i.deleted=0", []
    return "i.deleted=0 AND i.id=?", [incident_id]


def notice_rows(conn: Conn, *, incident_id: str | None = None) -> list[NoticeRow]:
    """Live notices of live incidents (of one, or all), in id order."""
    where, params = _which(incident_id)
    return [
        NoticeRow(*row)
        for row in conn.execute(
            "SELECT n.id, n.incident_id, n.region_code, n.notified_at, n.notified_by, n.method, "
            "n.notes FROM incident_notice n JOIN incident i ON i.id = n.incident_id "
            f"WHERE n.deleted=0 AND {where} ORDER BY n.id",
            params,
        )
    ]


def incident_rows(conn: Conn, *, incident_id: str | None = None) -> list[IncidentRow]:
    """Live incidents (one, or all) with their outfall's code, newest first."""
    where, params = _which(incident_id)
    return [
        IncidentRow(*row)
        for row in conn.execute(
            "SELECT i.id, i.river, i.outfall_id, o.code, i.region_code, i.occurred_at, "
            "i.description, i.reported_by FROM incident i LEFT JOIN outfall o ON o.id = i.outfall_id "
            f"WHERE {where} ORDER BY i.occurred_at DESC, i.id",
            params,
        )
    ]


def open_notice_id(conn: Conn, *, incident_id: str, region_code: str) -> str | None:
    """The first live notice of the incident to the region not yet made."""
    row = conn.execute(
        "SELECT id FROM incident_notice WHERE incident_id=? AND region_code=? AND deleted=0 "
        "AND notified_at IS NULL ORDER BY id LIMIT 1",
        (incident_id, region_code),
    ).fetchone()
    return None if row is None else str(row[0])


def incident_ids_with_prefix(conn: Conn, *, prefix: str) -> list[str]:
    """Ids of live incidents beginning with `prefix`, at most two."""
    return [
        str(row[0])
        for row in conn.execute(
            "SELECT id FROM incident WHERE deleted=0 AND substr(id, 1, ?) = ? LIMIT 2",
            (len(prefix), prefix),
        ).fetchall()
    ]
