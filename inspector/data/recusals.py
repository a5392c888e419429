"""Declared conflicts of interest (回避) in SQL, and the owners a declaration can name.
Keyword-only functions over a connection; the caller owns the transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from inspector.data.engine import Conn


@dataclass(frozen=True)
class RecusalView:
    id: str
    inspector: str
    outfall_code: str | None
    owner_name: str | None
    reason: str | None
    declared_on: str

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "inspector": self.inspector,
            "outfall": self.outfall_code,
            "owner": self.owner_name,
            "reason": self.reason,
            "declared_on": self.declared_on,
        }


def recusal_views(conn: Conn, *, county: str | None = None) -> list[RecusalView]:
    """Live declarations by inspector, then date; with `county`, those naming one of its
    outfalls or an owner assigned (ever, in any role) to one of them."""
    sql = (
        "SELECT r.id, r.inspector, o.code, w.name, r.reason, r.declared_on FROM recusal r "
        "LEFT JOIN outfall o ON o.id = r.outfall_id LEFT JOIN owner w ON w.id = r.owner_id "
        "WHERE r.deleted=0"
    )
    params: list[Any] = []
    if county is not None:
        sql += (
            " AND (o.county_code=? OR EXISTS (SELECT 1 FROM owner_assignment a "
            "JOIN outfall x ON x.id = a.outfall_id WHERE a.owner_id = r.owner_id "
            "AND a.deleted=0 AND x.county_code=?))"
        )
        params += [county, county]
    sql += " ORDER BY r.inspector, r.declared_on, r.id"
    return [RecusalView(*row) for row in conn.execute(sql, params)]


class Recusal(NamedTuple):
    inspector: str
    outfall_id: str | None
    owner_id: str | None


def live_recusals(conn: Conn) -> list[Recusal]:
    """Every live declaration: who, and the outfall or the owner it names."""
    return [
        Recusal(*row)
        for row in conn.execute(
            "SELECT inspector, outfall_id, owner_id FROM recusal WHERE deleted=0"
        )
    ]


def owner_ids(conn: Conn, *, credit_code: str, name: str) -> list[str]:
    """Live owners with this unified social credit code, or exactly this name."""
    return [
        str(row[0])
        for row in conn.execute(
            "SELECT id FROM owner WHERE deleted=0 AND (credit_code=? OR name=?)",
            (credit_code, name),
        ).fetchall()
    ]
