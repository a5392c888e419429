"""Conflicts: concurrent edits of one field, shown to a person who confirms or reverses.

The merge has already applied the rule (the greater (hlc, origin) wins, so replicas
agree); a conflict says what the rule set aside. Resolving it is a decision that syncs:
a `conflict_resolution` row through the `Writer`, and, to reverse, an ordinary edit that
puts the other value back. Every replica that detected the same disagreement closes its
own conflict when the resolution reaches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from inspector.data.db import Database
from inspector.data.engine import Conn
from inspector.data.sync import conflicts as conflicts_data
from inspector.data.sync import trust as trust_data
from inspector.data.sync.conflicts import ConflictRef
from inspector.domain.hlc import to_datetime
from inspector.i18n import Problem, t
from inspector.i18n.reasons import keyed, reason_text
from inspector.models import SYNCED, ConflictResolution
from inspector.models.spec import ValidationFailed

DECISIONS = ("keep", "reverse")


@dataclass(frozen=True)
class ConflictView:
    """One conflict as the Conflicts screen and `inspector conflicts list` show it."""

    id: str
    entity: str
    row_id: str
    record: str
    """A person's name for the record: an outfall's code and name, else table and id."""
    field: str
    field_label: str
    current_value: Any
    """The value the rule kept (what the record shows now, unless edited since)."""
    other_value: Any
    """The concurrent value the rule set aside."""
    current_origin: str
    other_origin: str
    current_actor: str
    other_actor: str
    current_at: str
    other_at: str
    detected_at: str
    status: str
    bundle_id: str | None
    current_reason: str = ""
    other_reason: str = ""
    """Why each side made its change, in the reader's language (`i18n.reasons`)."""

    def as_json(self) -> dict[str, Any]:
        return dict(vars(self))


def record_label(conn: Conn, entity: str, row_id: str) -> str:
    """A person's name for a record (`services.records`): code and name, never an id."""
    from inspector.services.records import record_label as label

    return label(conn, entity, row_id)


def list_conflicts(
    db: Database, *, status: str | None = "open", limit: int = 1000
) -> list[ConflictView]:
    """Conflicts, newest first; `status=None` lists resolved ones too."""
    with db.read() as conn:
        names = {r.id: r.name or r.id[:8] for r in trust_data.records(conn)}
        rows = conflicts_data.conflicts(conn, status=status, limit=limit)
        out = []
        for (
            cid, entity, row_id, name, wv, lv, wo, lo, wh, lh, at, st, bundle, wa, la, wr, lr,
        ) in rows:  # fmt: skip
            out.append(
                ConflictView(
                    id=cid,
                    entity=entity,
                    row_id=row_id,
                    record=record_label(conn, entity, row_id),
                    field=name,
                    field_label=t(f"field.{entity}.{name}"),
                    current_value=orjson.loads(wv),
                    other_value=orjson.loads(lv),
                    current_origin=names.get(wo, wo[:8]),
                    other_origin=names.get(lo, lo[:8]),
                    current_actor=wa or "",
                    other_actor=la or "",
                    current_at=to_datetime(wh).strftime("%Y-%m-%d %H:%M"),
                    other_at=to_datetime(lh).strftime("%Y-%m-%d %H:%M"),
                    detected_at=str(at)[:16],
                    status=st,
                    bundle_id=bundle,
                    current_reason=reason_text(wr),
                    other_reason=reason_text(lr),
                )
            )
    return out


def find_conflict(conn: Conn, text: str) -> ConflictRef:
    """A conflict by its id or a unique prefix of it (8 characters are usually enough)."""
    text = text.strip()
    rows = conflicts_data.conflicts_matching(conn, text=text)
    if len(rows) != 1:
        raise Problem("conflict.not_found" if not rows else "conflict.ambiguous", id=text)
    return rows[0]


@dataclass(frozen=True)
class Resolution:
    resolution_id: str
    decision: str
    closed: list[str]
    """Ids of the conflicts this decision closed here (all open ones on the same field)."""
    value_op: str | None

    def as_json(self) -> dict[str, Any]:
        return dict(vars(self))


def resolve_conflict(
    db: Database,
    conflict_id: str,
    *,
    decision: str,
    note: str | None = None,
    actor: str | None = None,
) -> Resolution:
    """Confirm the kept value (`keep`) or restore the other one (`reverse`).

    Both are recorded as a synced resolution; `reverse` also edits the record. Every open
    conflict on the same field closes with it: the field has one value, and the person
    saw them all.
    """
    if decision not in DECISIONS:
        raise Problem("conflict.bad_decision", decision=decision)
    with db.write(actor=actor, reason=note) as w:
        conn = w.conn
        cid, entity, row_id, name, _winner, _loser, loser_value, status = find_conflict(
            conn, conflict_id
        )
        if status != "open":
            raise Problem("conflict.not_open", id=cid[:8], status=status)
        model = SYNCED[entity]
        group = conflicts_data.open_on_field(conn, entity=entity, row_id=row_id, field=name)
        ops = sorted({op for _, winner, loser in group for op in (winner, loser)})
        value_op = None
        if decision == "reverse":
            try:
                value_op = w.update(
                    model,
                    row_id,
                    {name: orjson.loads(loser_value)},
                    reason=note or keyed("conflict.reversed_reason"),
                )
            except ValidationFailed as exc:
                # E.g. a river the other replica knows and this one's reference data lacks.
                raise Problem("conflict.cannot_restore", id=cid[:8], detail=str(exc)) from None
        resolution_id = w.create(
            ConflictResolution,
            {
                "entity": entity,
                "row_id": row_id,
                "field": name,
                "decision": "kept" if decision == "keep" else "reversed",
                "ops": ops,
                "value_op": value_op,
                "note": note,
            },
            reason=note,
        )
        closed = [g.id for g in group]
        conflicts_data.close(
            conn,
            ids=closed,
            status="kept" if decision == "keep" else "reversed",
            resolved_by=w.actor,
            resolution_id=resolution_id,
        )
    return Resolution(resolution_id, decision, closed, value_op)


def open_conflict_count(db: Database) -> int:
    """For the dashboard and the Sync screen's badge."""
    with db.read() as conn:
        return conflicts_data.open_count(conn)
