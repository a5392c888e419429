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
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from inspector.data import photos
from inspector.data.inspections import live_inspection_outfall
from inspector.data.outfalls import outfall_is_live
from inspector.data.photos import ProposalView
from inspector.domain.choices import PhotoKind
from inspector.i18n import Problem
from inspector.i18n.reasons import keyed
from inspector.models import Photo
from inspector.models.spec import DATETIME_FORMAT
from inspector.services.photos import matching

if TYPE_CHECKING:
    from inspector.data.db import Database
    from inspector.data.writer import Writer

PENDING = "pending"
DISMISSED = "dismissed"


def record_proposals(
    w: Writer, proposals: Iterable[matching.Proposal], *, import_id: str | None
) -> int:
    """Store proposals (replacing earlier ones for the same photos) in the write's transaction."""
    w.flush()
    now = dt.datetime.now(dt.UTC).strftime(DATETIME_FORMAT)
    rows = [
        photos.MatchRow(
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
    photos.save_matches(w.conn, rows=rows)
    return len(rows)


def list_proposals(
    db: Database,
    *,
    status: str | None = PENDING,
    import_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ProposalView]:
    """Proposals, oldest photo first (as taken), for one screen of review."""
    with db.read() as conn:
        return photos.proposal_views(
            conn, status=status, import_id=import_id, limit=limit, offset=offset
        )


def count_proposals(db: Database, *, import_id: str | None = None) -> dict[str, int]:
    """How many proposals are pending and dismissed (and, of the pending, flagged)."""
    with db.read() as conn:
        rows = photos.match_counts(conn, import_id=import_id)
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
        inspected = live_inspection_outfall(conn, inspection_id=inspection_id)
        if inspected is None:
            raise Problem("photos.no_such_inspection", inspection=inspection_id)
        if outfall_id is None:
            outfall_id = inspected
        elif inspected != outfall_id:
            raise Problem("photos.inspection_not_of_outfall", inspection=inspection_id)
    if outfall_id is not None and not outfall_is_live(conn, outfall_id=outfall_id):
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
    photos.forget_match(conn, photo_id=photo_id)
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
        rows = photos.match_links(w.conn, status=PENDING, import_id=import_id, photo_ids=ids)
        for photo_id, outfall_id, inspection_id, flags in rows:
            if outfall_id is None or (unflagged_only and flags):
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
        return photos.set_match_status(conn, photo_ids=ids, status=DISMISSED)
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
            ids = photos.unlinked_photo_ids(w.conn, except_status=DISMISSED)
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
