"""Form drafts: what has been typed into a form and not yet saved, kept field by field.

Local to this replica (never synced): a draft is a person's unfinished typing, not a
record. One draft per form and subject (`inspection` of an outfall, `new_outfall` about
nothing yet, `assign_owner` of an outfall...): keeping it again replaces it, and saving
the form removes it in the same transaction that writes the record.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from inspector.data.commits import begin_immediate
from inspector.data.engine import Conn
from inspector.domain.ids import uuid7


@dataclass(frozen=True)
class Draft:
    form: str
    subject: str
    fields: dict[str, Any]
    saved_at: dt.datetime
    """UTC."""
    actor: str = ""


def save_draft(
    conn: Conn,
    *,
    form: str,
    subject: str = "",
    fields: dict[str, Any],
    actor: str,
) -> None:
    """Keep `fields` (the raw typed values) as the draft of `form` about `subject`,
    durably: in the caller's transaction if one is open, else in one of its own."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    text = json.dumps(fields, ensure_ascii=False)
    in_transaction = conn.in_transaction
    if not in_transaction:
        begin_immediate(conn)
    try:
        conn.execute(
            "INSERT INTO form_draft (id, form, subject, fields, saved_at, actor) "
            "VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (form, subject) DO UPDATE SET "
            "fields = excluded.fields, saved_at = excluded.saved_at, actor = excluded.actor",
            (uuid7(), form, subject, text, now, actor),
        )
    except BaseException:
        if not in_transaction:
            conn.execute("ROLLBACK")
        raise
    if not in_transaction:
        conn.execute("COMMIT")


def _draft(row: tuple[Any, ...]) -> Draft | None:
    form, subject, text, saved_at, actor = row
    try:
        fields = json.loads(text)
    except ValueError:
        return None  # damaged: as good as no draft, and the next keystroke replaces it
    saved = dt.datetime.fromisoformat(saved_at).replace(tzinfo=dt.UTC)
    return Draft(form, subject, fields if isinstance(fields, dict) else {}, saved, actor or "")


def load_draft(conn: Conn, *, form: str, subject: str = "") -> Draft | None:
    row = conn.execute(
        "SELECT form, subject, fields, saved_at, actor FROM form_draft "
        "WHERE form = ? AND subject = ?",
        (form, subject),
    ).fetchone()
    return None if row is None else _draft(row)


def list_drafts(conn: Conn) -> list[Draft]:
    """Every draft kept on this replica, newest first."""
    rows = conn.execute(
        "SELECT form, subject, fields, saved_at, actor FROM form_draft "
        "ORDER BY saved_at DESC, id DESC"
    ).fetchall()
    return [d for d in (_draft(r) for r in rows) if d is not None]


def discard_draft(conn: Conn, *, form: str, subject: str = "") -> None:
    """Remove the draft (inside the caller's transaction, if any)."""
    conn.execute("DELETE FROM form_draft WHERE form = ? AND subject = ?", (form, subject))
