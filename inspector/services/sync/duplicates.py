"""The same outfall registered twice, on two replicas, and merging the two.

The merge flags a pair when an outfall arrives whose code or national code is already
in the register, or which lies within a few metres of one on the same river registered
on another replica (`data.sync.merge.flag_duplicates`). Both rows are kept until a person
decides. Merging is ordinary edits through the `Writer`, so it syncs: every child record
(inspections, owners, photos, remediations, plan items, incidents, earlier merges) is
re-pointed at the kept outfall, fields the kept one lacks are filled from the other,
and the other is tombstoned with `merged_into` naming the kept one, which hides it from
the register while its whole history stays (`outfall_history` shows both).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from sqlmodel import SQLModel

from inspector.data.db import Database
from inspector.data.engine import Conn
from inspector.data.history import Change, record_history
from inspector.data.sync import duplicates as duplicates_data
from inspector.i18n import Problem, t
from inspector.i18n.reasons import keyed
from inspector.models import SYNCED, Outfall
from inspector.models.spec import spec_for

#: Fields never copied from the merged outfall to the kept one.
_NOT_FILLED = frozenset({"deleted", "merged_into", "code"})


@functools.cache
def outfall_references() -> tuple[tuple[type[SQLModel], str], ...]:
    """(model, column) of every synced column that points at an outfall."""
    out = []
    for model in SYNCED.values():
        for column in model.__table__.columns:  # type: ignore[attr-defined]
            for fk in column.foreign_keys:
                if fk.column.table.name == "outfall":
                    out.append((model, column.name))
    return tuple(out)


@dataclass(frozen=True)
class DuplicateView:
    id: str
    reason: str
    reason_label: str
    distance_m: float | None
    status: str
    detected_at: str
    outfalls: tuple[dict[str, Any], dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        return {**vars(self), "outfalls": list(self.outfalls)}


def _outfall_summary(conn: Conn, outfall_id: str) -> dict[str, Any]:
    facts = duplicates_data.outfall_facts(conn, outfall_id=outfall_id)
    summary: dict[str, Any] = facts._asdict() if facts else {"id": outfall_id}
    first = duplicates_data.first_registration(conn, outfall_id=outfall_id)
    if first:
        summary["registered_on"] = first.replica_name or first.origin[:8]
        summary["registered_hlc"] = first.hlc
    return summary


def list_duplicates(db: Database, *, status: str | None = "open") -> list[DuplicateView]:
    with db.read() as conn:
        rows = duplicates_data.candidates(conn, status=status)
        return [
            DuplicateView(
                id=cid,
                reason=reason,
                reason_label=t(f"duplicate.reason.{reason}"),
                distance_m=distance,
                status=st,
                detected_at=str(at)[:16],
                outfalls=(_outfall_summary(conn, a), _outfall_summary(conn, b)),
            )
            for cid, a, b, reason, distance, st, at in rows
        ]


def _find_candidate(conn: Conn, text: str) -> tuple[str, str, str, str]:
    text = text.strip()
    rows = duplicates_data.candidates_matching(conn, text=text)
    if len(rows) != 1:
        raise Problem("duplicate.not_found" if not rows else "duplicate.ambiguous", id=text)
    cid, a, b, status = rows[0]
    return cid, a, b, status


@dataclass(frozen=True)
class MergeOutcome:
    kept: str
    merged: str
    repointed: int
    """Child records now pointing at the kept outfall."""
    filled: list[str]
    """Fields of the kept outfall filled from the merged one."""

    def as_json(self) -> dict[str, Any]:
        return dict(vars(self))


def merge_duplicate(
    db: Database,
    candidate: str,
    *,
    keep: str | None = None,
    note: str | None = None,
    actor: str | None = None,
) -> MergeOutcome:
    """Merge a flagged pair. `keep` names the outfall to keep (its id, an id prefix or its
    code); by default the one registered first."""
    with db.read() as conn:
        cid, a, b, status = _find_candidate(conn, candidate)
        if status != "open":
            raise Problem("duplicate.not_open", id=cid[:8], status=status)
        first = _outfall_summary(conn, a)
        second = _outfall_summary(conn, b)
    if keep is None:
        keep_id = a if first.get("registered_hlc", 0) <= second.get("registered_hlc", 0) else b
    else:
        matches = [
            s["id"]
            for s in (first, second)
            if keep in (s["id"], s.get("code")) or (len(keep) >= 4 and s["id"].startswith(keep))
        ]
        if len(matches) != 1:
            raise Problem("duplicate.keep_unclear", keep=keep)
        keep_id = matches[0]
    other = b if keep_id == a else a
    return merge_outfalls(db, keep=keep_id, merge=other, note=note, actor=actor)


def merge_outfalls(
    db: Database, *, keep: str, merge: str, note: str | None = None, actor: str | None = None
) -> MergeOutcome:
    """Merge outfall `merge` into `keep`, all in one transaction of logged edits."""
    if keep == merge:
        raise Problem("remediation.merge_into_itself")
    reason = note or keyed("duplicate.merge_reason")
    with db.write(actor=actor, reason=reason) as w:
        kept = w.get(Outfall, keep)
        gone = w.get(Outfall, merge)
        for row, oid in ((kept, keep), (gone, merge)):
            if row is None:
                raise Problem("duplicate.outfall_missing", id=oid)
            if row["deleted"] or row["merged_into"]:
                raise Problem("duplicate.outfall_gone", code=row["code"])
        assert kept is not None
        assert gone is not None
        repointed = 0
        for model, column in outfall_references():
            spec = spec_for(model)
            ids = duplicates_data.referencing(
                w.conn, entity=spec.entity, column=column, outfall_id=merge
            )
            for row_id in ids:
                if w.update(model, row_id, {column: keep}, reason=reason):
                    repointed += 1
        spec = spec_for(Outfall)
        filled = {
            name: gone[name]
            for name in spec.fields
            if name not in _NOT_FILLED and kept[name] in (None, []) and gone[name] not in (None, [])
        }
        if filled:
            w.update(Outfall, keep, filled, reason=reason)
        w.update(Outfall, merge, {"merged_into": keep, "deleted": True}, reason=reason)
        duplicates_data.close_candidates_of(w.conn, outfall_id=merge)
    return MergeOutcome(keep, merge, repointed, sorted(filled))


def dismiss_duplicate(db: Database, candidate: str) -> str:
    """Not the same outfall after all: the pair stops being shown (on this replica)."""
    conn = db.connect()
    try:
        cid, _, _, status = _find_candidate(conn, candidate)
        if status != "open":
            raise Problem("duplicate.not_open", id=cid[:8], status=status)
        duplicates_data.dismiss(conn, candidate_id=cid)
    finally:
        conn.close()
    return cid


def outfall_history(conn: Conn, outfall_id: str) -> list[Change]:
    """An outfall's change history including every outfall merged into it (and into
    those), in time order: the merged row keeps both histories."""
    ids = [outfall_id]
    seen = {outfall_id}
    i = 0
    while i < len(ids):
        for merged in duplicates_data.merged_into(conn, outfall_id=ids[i]):
            if merged not in seen:
                seen.add(merged)
                ids.append(merged)
        i += 1
    changes = [c for oid in ids for c in record_history(conn, "outfall", oid)]
    return sorted(changes, key=lambda c: (c.at, c.origin, c.op_id))
