"""The record of bundles sent and received (`bundle_record`): what was carried, to or
from whom, and whether a bundle id was already imported here."""

from __future__ import annotations

from typing import Any, NamedTuple

import orjson

from inspector.data.engine import Conn
from inspector.data.sync.merge import now_text


class BundleRecord(NamedTuple):
    """One bundle sent or received, as the history lists it."""

    bundle_id: str
    direction: str
    file: str
    peer_id: str | None
    peer_name: str
    created_at: str
    recorded_at: str
    actor: str
    operations: int
    photos: int
    size_bytes: int
    encrypted: bool
    counts: dict[str, Any]


def was_received(conn: Conn, *, bundle_id: str) -> bool:
    """Whether a bundle with this id was imported here (its transaction committed)."""
    row = conn.execute(
        "SELECT 1 FROM bundle_record WHERE id=? AND direction='received'", (bundle_id,)
    ).fetchone()
    return row is not None


def received_manifest(conn: Conn, *, bundle_id: str) -> str | None:
    """The manifest hash of the bundle with this id imported here (None: never imported)."""
    row = conn.execute(
        "SELECT manifest_sha256 FROM bundle_record WHERE id=? AND direction='received'",
        (bundle_id,),
    ).fetchone()
    return None if row is None else str(row[0])


def record_bundle(
    conn: Conn,
    *,
    bundle_id: str,
    direction: str,
    manifest_sha256: str,
    file_name: str,
    peer_id: str | None,
    peer_name: str,
    created_at: str,
    actor: str,
    operations: int,
    photos: int,
    size_bytes: int,
    encrypted: bool,
    counts: dict[str, Any],
) -> None:
    """Record a bundle sent or received, inside the transaction that sent or applied it."""
    conn.execute(
        "INSERT INTO bundle_record (id, direction, manifest_sha256, file_name, peer_id,"
        " peer_name, created_at, recorded_at, actor, ops, photos, size_bytes, encrypted, counts)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            bundle_id,
            direction,
            manifest_sha256,
            file_name[:500],
            peer_id,
            peer_name[:100],
            created_at,
            now_text(),
            actor[:100],
            operations,
            photos,
            size_bytes,
            encrypted,
            orjson.dumps(counts).decode(),
        ),
    )


def history(conn: Conn, *, limit: int) -> list[BundleRecord]:
    """Bundles sent and received, newest first."""
    rows = conn.execute(
        "SELECT id, direction, file_name, peer_id, peer_name, created_at, recorded_at,"
        " actor, ops, photos, size_bytes, encrypted, counts FROM bundle_record"
        " ORDER BY recorded_at DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return [_bundle_record(row) for row in rows]


def _bundle_record(row: tuple[Any, ...]) -> BundleRecord:
    return BundleRecord._make((*row[:11], bool(row[11]), orjson.loads(row[12]) if row[12] else {}))
