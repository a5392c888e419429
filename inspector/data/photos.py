"""Photo rows and their matching proposals (`photo`, `photo_match`).

The originals themselves are files (`photostore`); this module reads and writes what the
database knows of them. `photo_match` is local to a replica, never synced, so its writes
go straight to SQLite rather than through the write path's operation log.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from inspector.data.engine import Conn


def photo_exists(conn: Conn, *, photo_id: str) -> bool:
    """Whether a photo row (deleted or not) has this id."""
    return conn.execute("SELECT 1 FROM photo WHERE id=?", (photo_id,)).fetchone() is not None


def photo_ids_with_prefix(conn: Conn, *, prefix: str) -> list[str]:
    """At most two photo ids starting with `prefix` (lower-case hex): enough to tell
    one from several."""
    # A range on the primary key, not LIKE: the index answers it.
    return [
        str(row[0])
        for row in conn.execute(
            "SELECT id FROM photo WHERE id >= ? AND id < ? LIMIT 2", (prefix, prefix + "g")
        )
    ]


def photo_names(conn: Conn) -> dict[str, str]:
    """Id -> original file name of every photo row, deleted ones included."""
    return dict(conn.execute("SELECT id, original_name FROM photo"))


class PhotoTiming(NamedTuple):
    """Where and when a photo was taken, as stored."""

    id: str
    lat: float | None
    lon: float | None
    gps_time: str | None
    taken_at: str | None
    clock_skew_s: float | None


def photo_timing(conn: Conn, *, photo_id: str) -> PhotoTiming | None:
    """Position, times and clock skew of one photo (None: no such photo)."""
    row = conn.execute(
        "SELECT id, lat, lon, gps_time, taken_at, clock_skew_s FROM photo WHERE id=?", (photo_id,)
    ).fetchone()
    return None if row is None else PhotoTiming(*row)


class EvidenceFacts(NamedTuple):
    """What a stamped evidence copy prints: the photo's time and place and its outfall."""

    id: str
    taken_at: str | None
    gps_time: str | None
    lat: float | None
    lon: float | None
    accuracy_m: float | None
    outfall_code: str | None
    outfall_name: str | None


def evidence_facts(conn: Conn, *, photo_id: str) -> EvidenceFacts | None:
    """The facts stamped on an evidence copy of one photo (None: no such photo)."""
    row = conn.execute(
        "SELECT p.id, p.taken_at, p.gps_time, p.lat, p.lon, p.accuracy_m, o.code, o.name "
        "FROM photo p LEFT JOIN outfall o ON o.id = p.outfall_id WHERE p.id = ?",
        (photo_id,),
    ).fetchone()
    return None if row is None else EvidenceFacts(*row)


def unlinked_photo_ids(conn: Conn, *, except_status: str) -> list[str]:
    """Live photos linked to no outfall, but those whose proposal has `except_status`."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT id FROM photo WHERE outfall_id IS NULL AND deleted=0 AND id NOT IN"
            " (SELECT photo_id FROM photo_match WHERE status=?)",
            (except_status,),
        )
    ]


# -- matching proposals ---------------------------------------------------------------------


class MatchRow(NamedTuple):
    """One proposal as stored."""

    photo_id: str
    outfall_id: str | None
    inspection_id: str | None
    distance_m: float | None
    basis: str
    flags: str
    """JSON list of flag keys."""
    status: str
    import_id: str | None
    proposed_at: str


def save_matches(conn: Conn, *, rows: Iterable[MatchRow]) -> None:
    """Store proposals, replacing earlier ones for the same photos."""
    conn.executemany(
        "INSERT INTO photo_match (photo_id, outfall_id, inspection_id, distance_m,"
        " basis, flags, status, import_id, proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (photo_id) DO UPDATE SET outfall_id = excluded.outfall_id,"
        " inspection_id = excluded.inspection_id, distance_m = excluded.distance_m,"
        " basis = excluded.basis, flags = excluded.flags, status = excluded.status,"
        " import_id = excluded.import_id, proposed_at = excluded.proposed_at",
        rows,
    )


@dataclass(frozen=True)
class ProposalView:
    """One proposal as the review screen shows it."""

    photo_id: str
    original_name: str
    kind: str
    taken_at: str | None
    gps_time: str | None
    lat: float | None
    lon: float | None
    accuracy_m: float | None
    outfall_id: str | None
    outfall_code: str | None
    outfall_name: str | None
    inspection_id: str | None
    inspection_started_at: str | None
    distance_m: float | None
    basis: str
    flags: list[str]
    status: str
    import_id: str | None
    proposed_at: str

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


_SELECT = """
SELECT m.photo_id, p.original_name, p.kind, p.taken_at, p.gps_time, p.lat, p.lon,
       p.accuracy_m, m.outfall_id, o.code, o.name, m.inspection_id, i.started_at,
       m.distance_m, m.basis, m.flags, m.status, m.import_id, m.proposed_at
  FROM photo_match m
  JOIN photo p ON p.id = m.photo_id
  LEFT JOIN outfall o ON o.id = m.outfall_id
  LEFT JOIN inspection i ON i.id = m.inspection_id
"""


def _where(
    *, status: str | None, import_id: str | None, photo_ids: Sequence[str] | None
) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if status is not None:
        clauses.append("m.status = ?")
        params.append(status)
    if import_id is not None:
        clauses.append("m.import_id = ?")
        params.append(import_id)
    if photo_ids is not None:
        clauses.append(f"m.photo_id IN ({', '.join('?' * len(photo_ids))})")
        params.extend(photo_ids)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def proposal_views(
    conn: Conn,
    *,
    status: str | None,
    import_id: str | None,
    limit: int | None,
    offset: int,
) -> list[ProposalView]:
    """Proposals with their photo, outfall and inspection, oldest photo first (as taken);
    `status` and `import_id` narrow them when given."""
    where, params = _where(status=status, import_id=import_id, photo_ids=None)
    sql = _SELECT + where + " ORDER BY COALESCE(p.gps_time, p.taken_at), p.original_name"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    out = []
    for row in conn.execute(sql, params):
        values = list(row)
        values[15] = json.loads(values[15]) if values[15] else []
        out.append(ProposalView(*values))
    return out


class MatchCount(NamedTuple):
    status: str
    flagged: bool
    total: int


def match_counts(conn: Conn, *, import_id: str | None) -> list[MatchCount]:
    """How many proposals there are per status, flagged and not (of one import run, with
    `import_id`)."""
    where, params = _where(status=None, import_id=import_id, photo_ids=None)
    return [
        MatchCount(status, bool(flagged), n)
        for status, flagged, n in conn.execute(
            f"SELECT m.status, CAST(m.flags AS TEXT) != '[]', COUNT(*) FROM photo_match m{where} GROUP BY 1, 2",
            params,
        ).fetchall()
    ]


class MatchLink(NamedTuple):
    """What accepting a proposal links its photo to."""

    photo_id: str
    outfall_id: str | None
    inspection_id: str | None
    flags: list[str]


def match_links(
    conn: Conn,
    *,
    status: str,
    import_id: str | None,
    photo_ids: Sequence[str] | None,
) -> list[MatchLink]:
    """The links proposals of `status` name (of one import run, or of the given photos,
    when given)."""
    where, params = _where(status=status, import_id=import_id, photo_ids=photo_ids)
    return [
        MatchLink(photo_id, outfall_id, inspection_id, json.loads(flags))
        for photo_id, outfall_id, inspection_id, flags in conn.execute(
            f"SELECT m.photo_id, m.outfall_id, m.inspection_id, m.flags FROM photo_match m{where}",
            params,
        ).fetchall()
    ]


def forget_match(conn: Conn, *, photo_id: str) -> None:
    """Remove a photo's proposal (it was accepted or replaced by a person's choice)."""
    conn.execute("DELETE FROM photo_match WHERE photo_id=?", (photo_id,))


def set_match_status(conn: Conn, *, photo_ids: Sequence[str], status: str) -> int:
    """Mark the given photos' proposals; returns how many there were."""
    cur = conn.execute(
        f"UPDATE photo_match SET status=? WHERE photo_id IN ({', '.join('?' * len(photo_ids))})",
        [status, *photo_ids],
    )
    return cur.rowcount
