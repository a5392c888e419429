"""Inspection drafts: what has been typed into an inspection form, kept field by field.

Local to this replica (never synced): a draft is a person's unfinished typing, not a
record. One draft per outfall; saving replaces it, recording the inspection removes it in
the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from inspector.domain.ids import uuid7


@dataclass(frozen=True)
class Draft:
    fields: dict[str, Any]
    saved_at: dt.datetime
    """UTC."""


def save_draft(
    conn: sqlite3.Connection, outfall_id: str, fields: dict[str, Any], *, actor: str
) -> None:
    """Keep `fields` (the raw typed values) as the outfall's draft, durably."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    text = json.dumps(fields, ensure_ascii=False)
    in_transaction = conn.in_transaction
    if not in_transaction:
        conn.execute("BEGIN IMMEDIATE")
    try:
        updated = conn.execute(
            "UPDATE inspection_draft SET fields=?, saved_at=?, actor=? WHERE outfall_id=?",
            (text, now, actor, outfall_id),
        ).rowcount
        if not updated:
            conn.execute(
                "INSERT INTO inspection_draft (id, outfall_id, fields, saved_at, actor) "
                "VALUES (?, ?, ?, ?, ?)",
                (uuid7(), outfall_id, text, now, actor),
            )
    except BaseException:
        if not in_transaction:
            conn.execute("ROLLBACK")
        raise
    if not in_transaction:
        conn.execute("COMMIT")


def load_draft(conn: sqlite3.Connection, outfall_id: str) -> Draft | None:
    row = conn.execute(
        "SELECT fields, saved_at FROM inspection_draft WHERE outfall_id=? "
        "ORDER BY saved_at DESC LIMIT 1",
        (outfall_id,),
    ).fetchone()
    if row is None:
        return None
    try:
        fields = json.loads(row[0])
    except ValueError:
        return None
    saved = dt.datetime.fromisoformat(row[1]).replace(tzinfo=dt.UTC)
    return Draft(fields if isinstance(fields, dict) else {}, saved)


def discard_draft(conn: sqlite3.Connection, outfall_id: str) -> None:
    """Remove the outfall's draft (inside the caller's transaction, if any)."""
    conn.execute("DELETE FROM inspection_draft WHERE outfall_id=?", (outfall_id,))
