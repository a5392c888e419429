"""Version vectors: what this replica holds, what it knows each peer holds, and the
operations a peer lacks.

A vector maps an origin replica id to the highest sequence number held of that origin's
operations, with none missing below it (imports only ever extend a contiguous run, so the
log's own `MAX(seq)` is the vector; `merge.own_vector` checks the count too).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from inspector.data.engine import Conn
from inspector.data.sync.merge import now_text, own_vector

Vector = dict[str, int]

__all__ = [
    "Vector",
    "covers",
    "learn_peer_vector",
    "missing_ranges",
    "operations_beyond",
    "own_vector",
    "peer_vector",
    "photos_not_within",
    "records_edited",
    "unsynced_records",
]


def peer_vector(conn: Conn, peer_id: str) -> Vector:
    """What this replica last learned `peer_id` holds (empty: nothing known)."""
    return {
        origin: int(seq)
        for origin, seq in conn.execute(
            "SELECT origin, seq FROM peer_vector WHERE peer_id=?", (peer_id,)
        )
    }


def learn_peer_vector(conn: Conn, peer_id: str, vector: Mapping[str, int]) -> None:
    """Record what a peer holds; knowledge only grows (an older receipt changes nothing)."""
    at = now_text()
    conn.executemany(
        "INSERT INTO peer_vector (peer_id, origin, seq, learned_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(peer_id, origin) DO UPDATE SET seq=excluded.seq, "
        "learned_at=excluded.learned_at WHERE excluded.seq > peer_vector.seq",
        [(peer_id, origin, int(seq), at) for origin, seq in vector.items()],
    )


def covers(have: Mapping[str, int], need: Mapping[str, int]) -> bool:
    return all(have.get(origin, 0) >= seq for origin, seq in need.items())


def missing_ranges(have: Mapping[str, int], need: Mapping[str, int]) -> dict[str, tuple[int, int]]:
    """Per origin, the (first, last) sequences `need` requires that `have` lacks."""
    return {
        origin: (have.get(origin, 0) + 1, seq)
        for origin, seq in sorted(need.items())
        if have.get(origin, 0) < seq
    }


def count_beyond(conn: Conn, since: Mapping[str, int]) -> int:
    total = 0
    for origin, highest in own_vector(conn).items():
        total += max(0, highest - since.get(origin, 0))
    return total


def operations_beyond(
    conn: Conn,
    since: Mapping[str, int],
    *,
    until: Mapping[str, int] | None = None,
) -> Iterator[tuple[Any, ...]]:
    """Every operation held here beyond `since` (and, per origin, up to `until`), in
    (hlc, origin) order: causal order, which is the order an importer applies them in.
    Rows are as stored (`fields` and `bases` JSON text), so an exporter can copy them
    without parsing. Streams: SQLite sorts on disk, not in memory."""
    held = own_vector(conn)
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS sync_range (origin TEXT PRIMARY KEY, seq BIGINT, last BIGINT)"
    )
    conn.execute("DELETE FROM sync_range")
    conn.executemany(
        "INSERT INTO sync_range VALUES (?, ?, ?)",
        [
            (origin, since.get(origin, 0), seq if until is None else until.get(origin, 0))
            for origin, seq in held.items()
        ],
    )
    yield from conn.execute(
        "SELECT op.op_id, op.origin, op.seq, op.hlc, op.entity, op.row_id, op.fields, op.bases,"
        " op.actor, op.reason FROM op JOIN sync_range s ON s.origin = op.origin"
        " WHERE op.seq > s.seq AND op.seq <= s.last ORDER BY op.hlc, op.origin"
    )


def unsynced_records(
    conn: Conn, *, self_id: str, peer_id: str, limit: int | None = None
) -> list[dict[str, Any]]:
    """This replica's records with edits the peer is not known to hold yet: everything
    else made here is safely there (the peer's last receipt says so)."""
    known = peer_vector(conn, peer_id).get(self_id, 0)
    sql = (
        "SELECT entity, row_id, COUNT(*), MIN(seq), MAX(seq) FROM op "
        "WHERE origin=? AND seq>? GROUP BY entity, row_id ORDER BY MIN(seq)"
    )
    params: tuple[Any, ...] = (self_id, known)
    if limit is not None:
        sql += " LIMIT ?"
        params = (*params, limit)
    return [
        {"entity": e, "row_id": r, "edits": n, "first_seq": lo, "last_seq": hi}
        for e, r, n, lo, hi in conn.execute(sql, params)
    ]


def records_edited(conn: Conn, *, origin: str, after: int | None = None) -> int:
    """How many records `origin` edited (only with edits beyond sequence `after`, if given)."""
    if after is None:
        row = conn.execute(
            "SELECT COUNT(*) FROM (SELECT DISTINCT entity, row_id FROM op WHERE origin=?) AS e",
            (origin,),
        ).fetchone()
    else:
        row = conn.execute(
            "SELECT COUNT(*) FROM (SELECT DISTINCT entity, row_id FROM op"
            " WHERE origin=? AND seq>?) AS e",
            (origin, after),
        ).fetchone()
    return int(row[0])


def photos_not_within(conn: Conn, *, since: Mapping[str, int]) -> list[str]:
    """Ids of photo records no operation of which is within `since` (what a peer holds),
    in id order."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS sync_known (origin TEXT PRIMARY KEY, seq BIGINT)")
    conn.execute("DELETE FROM sync_known")
    conn.executemany("INSERT INTO sync_known VALUES (?, ?)", list(since.items()))
    rows = conn.execute(
        "SELECT p.row_id FROM (SELECT DISTINCT row_id FROM op WHERE entity='photo') p "
        "WHERE NOT EXISTS (SELECT 1 FROM op JOIN sync_known k ON k.origin=op.origin "
        " WHERE op.entity='photo' AND op.row_id=p.row_id AND op.seq <= k.seq) ORDER BY p.row_id"
    ).fetchall()
    return [sha for (sha,) in rows]
