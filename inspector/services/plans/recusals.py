"""Declared conflicts of interest (回避): who must not inspect which outfall.

A declaration names a person and either one outfall or an owner; an owner covers every
outfall whose current main owner it is at the time of a draw (so a declaration made
against a company keeps working as the company's outfalls change). Withdrawing one
tombstones it: the history of who declared what, when, stays in the log.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import Any

from inspector.data.writer import Writer
from inspector.domain import credit_code
from inspector.i18n import Problem
from inspector.models import Recusal
from inspector.services.register import reader


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


def _outfall_id(conn: sqlite3.Connection, code: str) -> str:
    rows = conn.execute("SELECT id FROM outfall WHERE deleted=0 AND code=?", (code,)).fetchall()
    if not rows:
        raise Problem("outfall.not_found", code=code)
    if len(rows) > 1:
        raise Problem("plan.ambiguous_outfall", code=code)
    return str(rows[0][0])


def _owner_id(conn: sqlite3.Connection, text: str) -> str:
    """An owner by unified social credit code, or by its exact name."""
    code = credit_code.normalise(text)
    rows = conn.execute(
        "SELECT id FROM owner WHERE deleted=0 AND (credit_code=? OR name=?)", (code, text)
    ).fetchall()
    if not rows:
        raise Problem("plan.owner_not_found", owner=text)
    if len(rows) > 1:
        raise Problem("plan.ambiguous_owner", owner=text)
    return str(rows[0][0])


def declare_recusal(
    w: Writer,
    *,
    inspector: str,
    outfall_code: str | None = None,
    owner: str | None = None,
    reason: str | None = None,
    declared_on: dt.date,
) -> str:
    """Record that `inspector` must not inspect an outfall, or any outfall of an owner."""
    if bool(outfall_code) == bool(owner):
        raise Problem("plan.recusal_target")
    conn = reader(w)
    values: dict[str, Any] = {
        "inspector": inspector,
        "reason": reason,
        "declared_on": declared_on,
        "declared_by": w.actor,
    }
    if outfall_code:
        values["outfall_id"] = _outfall_id(conn, outfall_code.strip())
    else:
        values["owner_id"] = _owner_id(conn, str(owner).strip())
    return w.create(Recusal, values)


def withdraw_recusal(w: Writer, recusal_id: str, *, reason: str | None = None) -> None:
    row = w.get(Recusal, recusal_id)
    if row is None or row["deleted"]:
        raise Problem("plan.recusal_not_found", recusal=recusal_id)
    w.delete(Recusal, recusal_id, reason=reason)


def list_recusals(conn: sqlite3.Connection, *, county: str | None = None) -> list[RecusalView]:
    """Live declarations; with `county`, those naming one of its outfalls or an owner of
    one of them."""
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
