"""A person's review of matching proposals: list, accept all or one, change, dismiss.

Proposals live in the local `photo_match` table. Accepting or changing one writes the
link (outfall, inspection, distance, flags) into the synced `photo` row through the one
write path, in one transaction with removing the proposal, so a link is never half made.
Dismissing keeps the proposal, marked, so the same guess is not offered again.

Every function takes plain values and returns data; the Photos screen calls them from a
worker thread.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from inspector.domain.choices import PhotoKind
from inspector.i18n import Problem
from inspector.i18n.reasons import keyed
from inspector.models import Photo
from inspector.models.spec import DATETIME_FORMAT
from inspector.services.photos import matching

if TYPE_CHECKING:
    import sqlite3

    from inspector.data.db import Database
    from inspector.data.writer import Writer

PENDING = "pending"
DISMISSED = "dismissed"


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


def record_proposals(
    w: Writer, proposals: Iterable[matching.Proposal], *, import_id: str | None
) -> int:
    """Store proposals (replacing earlier ones for the same photos) in the write's transaction."""
    w.flush()
    now = dt.datetime.now(dt.UTC).strftime(DATETIME_FORMAT)
    rows = [
        (
            p.photo_id,
            p.outfall_id,
            p.inspection_id,
            p.distance_m,
            p.basis,
            json.dumps(p.flags),
            PENDING,
            import_id,
            now,
        )
        for p in proposals
    ]
    w.conn.executemany(
        "INSERT OR REPLACE INTO photo_match (photo_id, outfall_id, inspection_id, distance_m,"
        " basis, flags, status, import_id, proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)


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


def _views(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> list[ProposalView]:
    out = []
    for row in conn.execute(sql, params):
        values = list(row)
        values[15] = json.loads(values[15]) if values[15] else []
        out.append(ProposalView(*values))
    return out


def list_proposals(
    db: Database,
    *,
    status: str | None = PENDING,
    import_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ProposalView]:
    """Proposals, oldest photo first (as taken), for one screen of review."""
    where, params = _where(status=status, import_id=import_id, photo_ids=None)
    sql = _SELECT + where + " ORDER BY COALESCE(p.gps_time, p.taken_at), p.original_name"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    with db.read() as conn:
        return _views(conn, sql, params)


def count_proposals(db: Database, *, import_id: str | None = None) -> dict[str, int]:
    """How many proposals are pending and dismissed (and, of the pending, flagged)."""
    where, params = _where(status=None, import_id=import_id, photo_ids=None)
    with db.read() as conn:
        rows = conn.execute(
            f"SELECT m.status, m.flags != '[]', COUNT(*) FROM photo_match m{where} GROUP BY 1, 2",
            params,
        ).fetchall()
    counts = {PENDING: 0, DISMISSED: 0, "flagged": 0}
    for status, flagged, n in rows:
        counts[status] = counts.get(status, 0) + n
        if status == PENDING and flagged:
            counts["flagged"] += n
    return counts


def link(
    w: Writer,
    photo_id: str,
    *,
    outfall_id: str | None,
    inspection_id: str | None,
    kind: str | None = None,
    radius_m: float = matching.DEFAULT_RADIUS_M,
    reason: str | None = None,
) -> list[str]:
    """Link a photo to an outfall and inspection (or to nothing), recomputing its distance
    and flags, and drop its proposal. Returns the photo's flags."""
    conn = w.conn
    w.flush()
    if inspection_id is not None:
        row = conn.execute(
            "SELECT outfall_id FROM inspection WHERE id=? AND deleted=0", (inspection_id,)
        ).fetchone()
        if row is None:
            raise Problem("photos.no_such_inspection", inspection=inspection_id)
        if outfall_id is None:
            outfall_id = row[0]
        elif row[0] != outfall_id:
            raise Problem("photos.inspection_not_of_outfall", inspection=inspection_id)
    if (
        outfall_id is not None
        and conn.execute("SELECT 1 FROM outfall WHERE id=? AND deleted=0", (outfall_id,)).fetchone()
        is None
    ):
        raise Problem("photos.no_such_outfall", outfall=outfall_id)
    facts = matching.facts_of(conn, [photo_id])
    if not facts:
        raise Problem("photos.no_such_photo", photo=photo_id)
    distance = matching.distance_to(conn, facts[0], outfall_id) if outfall_id is not None else None
    flags = matching.link_flags(
        conn,
        facts[0],
        outfall_id=outfall_id,
        inspection_id=inspection_id,
        distance_m=distance,
        radius_m=radius_m,
    )
    changes: dict[str, Any] = {
        "outfall_id": outfall_id,
        "inspection_id": inspection_id,
        "distance_m": distance,
        "flags": flags,
    }
    if kind is not None:
        changes["kind"] = PhotoKind.of(kind).value
    w.update(Photo, photo_id, changes, reason=reason)
    w.flush()
    conn.execute("DELETE FROM photo_match WHERE photo_id=?", (photo_id,))
    return flags


def accept(
    db: Database,
    photo_ids: Iterable[str] | None = None,
    *,
    import_id: str | None = None,
    unflagged_only: bool = False,
    actor: str | None = None,
) -> int:
    """Accept pending proposals as they stand: the given photos', else every pending one
    (of one import run, with `import_id`). Proposals that name no outfall are skipped.
    All in one transaction; returns how many photos were linked."""
    ids = list(photo_ids) if photo_ids is not None else None
    accepted = 0
    with db.write(actor=actor, reason=keyed("reason.photo_accepted")) as w:
        where, params = _where(status=PENDING, import_id=import_id, photo_ids=ids)
        rows = w.conn.execute(
            f"SELECT m.photo_id, m.outfall_id, m.inspection_id, m.flags FROM photo_match m{where}",
            params,
        ).fetchall()
        for photo_id, outfall_id, inspection_id, flags in rows:
            if outfall_id is None or (unflagged_only and json.loads(flags)):
                continue
            link(w, photo_id, outfall_id=outfall_id, inspection_id=inspection_id)
            accepted += 1
    return accepted


def accept_one(db: Database, photo_id: str, *, actor: str | None = None) -> bool:
    """Accept one photo's proposal; False if it has no pending proposal naming an outfall."""
    return accept(db, [photo_id], actor=actor) == 1


def change(
    db: Database,
    photo_id: str,
    *,
    outfall_id: str | None,
    inspection_id: str | None = None,
    kind: str | None = None,
    actor: str | None = None,
) -> list[str]:
    """Link a photo as a person chose, whatever was proposed (None and None: unlinked).
    Returns its flags."""
    with db.write(actor=actor, reason=keyed("reason.photo_linked_by_hand")) as w:
        return link(w, photo_id, outfall_id=outfall_id, inspection_id=inspection_id, kind=kind)


def dismiss(db: Database, photo_ids: Iterable[str]) -> int:
    """Set proposals aside: the photos stay unlinked and are not proposed again."""
    ids = list(photo_ids)
    if not ids:
        return 0
    conn = db.connect()
    try:
        # photo_match is local to this replica (never synced): no operation to log.
        cur = conn.execute(
            f"UPDATE photo_match SET status=? WHERE photo_id IN ({', '.join('?' * len(ids))})",
            [DISMISSED, *ids],
        )
        return cur.rowcount
    finally:
        conn.close()


def set_kind(db: Database, photo_id: str, kind: str, *, actor: str | None = None) -> None:
    with db.write(actor=actor) as w:
        w.update(Photo, photo_id, {"kind": PhotoKind.of(kind).value})


def repropose(
    db: Database,
    *,
    photo_ids: Iterable[str] | None = None,
    radius_m: float = matching.DEFAULT_RADIUS_M,
) -> int:
    """Propose again for unlinked photos (all, or the given ones) that a person has not
    dismissed: after new outfalls or inspections were recorded, or a bundle brought
    photos from another replica. Returns how many proposals were made."""
    with db.write(reason=keyed("reason.photo_matching")) as w:
        if photo_ids is None:
            ids = [
                r[0]
                for r in w.conn.execute(
                    "SELECT id FROM photo WHERE outfall_id IS NULL AND deleted=0 AND id NOT IN"
                    " (SELECT photo_id FROM photo_match WHERE status=?)",
                    (DISMISSED,),
                )
            ]
        else:
            ids = list(photo_ids)
        proposals = [
            matching.propose(w.conn, f, radius_m=radius_m) for f in matching.facts_of(w.conn, ids)
        ]
        return record_proposals(w, proposals, import_id=None)


def inspection_for(db: Database, photo_id: str, outfall_id: str) -> str | None:
    """The inspection of `outfall_id` a photo most likely belongs to, by the time it was
    taken (None when that outfall has no inspection near it): what a person who changes a
    proposal's outfall is offered, so the link keeps its inspection."""
    with db.read() as conn:
        facts = matching.facts_of(conn, [photo_id])
        if not facts:
            raise Problem("photos.no_such_photo", photo=photo_id)
        inspection_id, _inside = matching._inspection_for(conn, outfall_id, facts[0].moment)
    return inspection_id
