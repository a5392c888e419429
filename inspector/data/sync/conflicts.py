"""Conflicts the merge recorded (`conflict`): listing them with the operations on each
side, finding one, and closing those a person's decision here covers. (Recording them,
and settling those a synced decision covers, is part of the merge: `merge`.)

Values are JSON text as stored."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from inspector.data.dialects import id_prefix
from inspector.data.engine import Conn
from inspector.data.sync.merge import now_text


class ConflictRow(NamedTuple):
    """A conflict with who made each side and why (the winner's and the loser's)."""

    id: str
    entity: str
    row_id: str
    field: str
    winner_value: str
    loser_value: str
    winner_origin: str
    loser_origin: str
    winner_hlc: int
    loser_hlc: int
    detected_at: str
    status: str
    bundle_id: str | None
    winner_actor: str | None
    loser_actor: str | None
    winner_reason: str | None
    loser_reason: str | None


class ConflictRef(NamedTuple):
    id: str
    entity: str
    row_id: str
    field: str
    winner_op: str
    loser_op: str
    loser_value: str
    status: str


class OpenConflict(NamedTuple):
    id: str
    winner_op: str
    loser_op: str


def conflicts(conn: Conn, *, status: str | None, limit: int) -> list[ConflictRow]:
    """Conflicts (only those with `status`, if given), newest first."""
    where = "WHERE c.status=?" if status else ""
    params: tuple[str, ...] = (status,) if status else ()
    rows = conn.execute(
        "SELECT c.id, c.entity, c.row_id, c.field, c.winner_value, c.loser_value,"
        " c.winner_origin, c.loser_origin, c.winner_hlc, c.loser_hlc, c.detected_at,"
        " c.status, c.bundle_id, w.actor, l.actor, w.reason, l.reason FROM conflict c"
        " LEFT JOIN op w ON w.op_id = c.winner_op LEFT JOIN op l ON l.op_id = c.loser_op"
        # Conflicts of one import share their time: content, not random ids, breaks ties.
        f" {where} ORDER BY c.detected_at DESC, c.entity, c.field,"
        " c.winner_value, c.loser_value, c.id LIMIT ?",
        (*params, limit),
    ).fetchall()
    return [ConflictRow(*row) for row in rows]


def conflicts_matching(conn: Conn, *, text: str) -> list[ConflictRef]:
    """Conflicts whose id is `text` or starts with it (4+ characters); two at most."""
    rows = conn.execute(
        "SELECT id, entity, row_id, field, winner_op, loser_op, loser_value, status "
        "FROM conflict WHERE id=? OR (length(?) >= 4 AND id LIKE ? ESCAPE '\\') LIMIT 2",
        (text, text, id_prefix(text)),
    ).fetchall()
    return [ConflictRef(*row) for row in rows]


def open_on_field(conn: Conn, *, entity: str, row_id: str, field: str) -> list[OpenConflict]:
    """The open conflicts on one field of one record."""
    rows = conn.execute(
        "SELECT id, winner_op, loser_op FROM conflict "
        "WHERE entity=? AND row_id=? AND field=? AND status='open'",
        (entity, row_id, field),
    ).fetchall()
    return [OpenConflict(*row) for row in rows]


def close(
    conn: Conn,
    *,
    ids: Sequence[str],
    status: str,
    resolved_by: str,
    resolution_id: str,
) -> None:
    """Close conflicts by a person's decision here (`status`: kept or reversed)."""
    conn.executemany(
        "UPDATE conflict SET status=?, resolved_at=?, resolved_by=?, resolution_id=? WHERE id=?",
        [(status, now_text(), resolved_by, resolution_id, c) for c in ids],
    )


def open_count(conn: Conn) -> int:
    """How many conflicts wait for a person."""
    return int(conn.execute("SELECT COUNT(*) FROM conflict WHERE status='open'").fetchone()[0])
