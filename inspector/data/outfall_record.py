"""Everything the outfall screen shows about one outfall, read in one go (the screen
runs it off the UI thread): the read model of one outfall and its records."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from inspector.data.engine import Conn, Cursor
from inspector.data.queries import current_main_assignment_sql, current_remediation_sql


def _dicts(cursor: Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _decode(row: dict[str, Any], *names: str) -> dict[str, Any]:
    for name in names:
        value = row.get(name)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                row[name] = json.loads(value)
        elif value is None:
            row[name] = []
    return row


@dataclass
class OutfallRecord:
    outfall: dict[str, Any]
    owner: dict[str, Any] | None
    """The current main owner (owner row, plus `assignment_id`, `basis`, `evidence`...)."""
    assignments: list[dict[str, Any]]
    traces: list[dict[str, Any]]
    inspections: list[dict[str, Any]]
    remediation: dict[str, Any] | None
    """The live remediation (newest not cancelled)."""
    remediations: list[dict[str, Any]]
    photos: list[dict[str, Any]]
    merge_target_code: str | None = None
    history: list[Any] = field(default_factory=list)
    """`inspector.data.history.Change`s of the outfall and of its own records."""
    entities: dict[str, str] = field(default_factory=dict)
    """Row id -> entity, for the history's rows that are not the outfall."""


def load_record(
    conn: Conn, *, outfall_id: str, today: dt.date, history: bool = True
) -> OutfallRecord | None:
    rows = _dicts(conn.execute("SELECT * FROM outfall WHERE id=?", (outfall_id,)))
    if not rows:
        return None
    outfall = rows[0]
    current = conn.execute(
        current_main_assignment_sql(), (outfall_id, today.isoformat())
    ).fetchone()
    assignments = _dicts(
        conn.execute(
            "SELECT a.*, o.name AS owner_name, o.credit_code, o.kind AS owner_kind "
            "FROM owner_assignment a JOIN owner o ON o.id = a.owner_id "
            "WHERE a.outfall_id=? AND a.deleted=0 ORDER BY a.id DESC",
            (outfall_id,),
        )
    )
    owner = None
    if current is not None:
        found = _dicts(
            conn.execute(
                "SELECT o.*, a.id AS assignment_id, a.basis, a.evidence, a.valid_from, a.role "
                "FROM owner_assignment a JOIN owner o ON o.id = a.owner_id WHERE a.id=?",
                (current[0],),
            )
        )
        owner = found[0] if found else None
    traces = [
        _decode(r, "methods")
        for r in _dicts(
            conn.execute(
                "SELECT * FROM trace_record WHERE outfall_id=? AND deleted=0 "
                "ORDER BY traced_on DESC, id DESC",
                (outfall_id,),
            )
        )
    ]
    inspections = [
        _decode(r, "inspectors", "signage_items")
        for r in _dicts(
            conn.execute(
                "SELECT * FROM inspection WHERE outfall_id=? AND deleted=0 ORDER BY started_at DESC",
                (outfall_id,),
            )
        )
    ]
    remediations = _dicts(
        conn.execute(
            "SELECT * FROM remediation WHERE outfall_id=? AND deleted=0 ORDER BY id DESC",
            (outfall_id,),
        )
    )
    live = conn.execute(current_remediation_sql(), (outfall_id,)).fetchone()
    remediation = next((r for r in remediations if live and r["id"] == live[0]), None)
    merge_code = None
    if remediation and remediation.get("merge_target_id"):
        row = conn.execute(
            "SELECT code FROM outfall WHERE id=?", (remediation["merge_target_id"],)
        ).fetchone()
        merge_code = row[0] if row else None
    photos = [
        _decode(r, "flags", "metadata_problems")
        for r in _dicts(
            conn.execute(
                "SELECT * FROM photo WHERE outfall_id=? AND deleted=0 "
                "ORDER BY taken_at DESC, original_name",
                (outfall_id,),
            )
        )
    ]
    record = OutfallRecord(
        outfall=outfall,
        owner=owner,
        assignments=assignments,
        traces=traces,
        inspections=inspections,
        remediation=remediation,
        remediations=remediations,
        photos=photos,
        merge_target_code=merge_code,
    )
    if history:
        _add_history(conn, record)
    return record


def _add_history(conn: Conn, record: OutfallRecord) -> None:
    from inspector.data.history import record_history

    related: list[tuple[str, str]] = [("outfall", record.outfall["id"])]
    related += [("owner_assignment", a["id"]) for a in record.assignments]
    related += [("remediation", r["id"]) for r in record.remediations]
    related += [("trace_record", r["id"]) for r in record.traces]
    changes = []
    for entity, row_id in related:
        if entity != "outfall":
            record.entities[row_id] = entity
        for change in record_history(conn, entity, row_id):
            changes.append((entity, row_id, change))
    changes.sort(key=lambda item: (item[2].at, item[2].op_id), reverse=True)
    record.history = changes
