"""What the Sync screen shows in words: an import's preview and the records not yet safely
at the centre, each record named as a person knows it (an outfall's code and name), not
by its row id.

The import itself and the receipts are in `exchange`; this module only reads and labels.
Values stay as stored (choice keys, lists): the screen renders them in the user's
language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from inspector.data.db import Database
from inspector.i18n import t
from inspector.services.sync.conflicts import record_label
from inspector.services.sync.errors import PrerequisitesMissing
from inspector.services.sync.exchange import (
    BundleCheck,
    ImportResult,
    default_target,
    known_replicas,
)


@dataclass(frozen=True)
class ConflictPreview:
    """One field on which the bundle and this replica disagree."""

    entity: str
    record: str
    field: str
    field_label: str
    kept: Any
    """The value the merge rule keeps (it may be the incoming one)."""
    other: Any
    kept_origin: str
    other_origin: str


@dataclass(frozen=True)
class ImportSummary:
    """An import (or its preview) as the screen lists it."""

    file: str
    source: str
    source_role: str
    fingerprint: str
    replay: bool
    dry_run: bool
    applied: int
    already_held: int
    created: list[tuple[str, int]]
    """(table label, new rows), largest first."""
    changed: list[tuple[str, int]]
    """(table label, rows with a changed field), largest first."""
    fields_changed: int
    conflict_count: int
    conflicts: list[ConflictPreview] = field(default_factory=list)
    """The first few conflicts (all are listed on the Conflicts screen once imported)."""
    duplicates: int = 0
    photos: int = 0
    photos_present: int = 0


def _by_table(counts: dict[str, int]) -> list[tuple[str, int]]:
    rows = [(t("entity." + entity), n) for entity, n in counts.items() if n]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def summarise_import(db: Database, result: ImportResult, *, conflicts: int = 8) -> ImportSummary:
    """`result` of `import_bundle` or `preview_bundle`, labelled for a person (records
    as the import named them inside its transaction, so a preview names rows the bundle
    itself brings)."""
    check = result.check
    merge = result.merge
    with db.read() as conn:
        names = {r.id: r.name or r.id[:8] for r in known_replicas(conn)}
        names.update(check.replica_names)
        found = [
            ConflictPreview(
                entity=c.entity,
                record=result.records.get((c.entity, c.row_id))
                or record_label(conn, c.entity, c.row_id),
                field=c.field,
                field_label=t(f"field.{c.entity}.{c.field}"),
                kept=c.winner_value,
                other=c.loser_value,
                kept_origin=names.get(c.winner_origin, c.winner_origin[:8]),
                other_origin=names.get(c.loser_origin, c.loser_origin[:8]),
            )
            for c in merge.conflicts[:conflicts]
        ]
    return ImportSummary(
        file=check.file,
        source=check.source.name,
        source_role=check.source.role,
        fingerprint=check.fingerprint,
        replay=result.replay,
        dry_run=result.dry_run,
        applied=merge.applied,
        already_held=merge.already_held,
        created=_by_table(merge.created),
        changed=_by_table(merge.changed),
        fields_changed=merge.fields_changed,
        conflict_count=merge.conflict_count,
        conflicts=found,
        duplicates=len(merge.duplicates),
        photos=result.photos_stored,
        photos_present=result.photos_present,
    )


@dataclass(frozen=True)
class PendingRecord:
    entity: str
    row_id: str
    record: str
    edits: int


@dataclass(frozen=True)
class CentreStatus:
    """Which of this replica's records the central record is known to hold."""

    is_central: bool
    central: str | None
    """The central record's name, when a bundle from it has arrived."""
    pending: list[PendingRecord]
    """Records with edits the centre has not acknowledged (up to `limit`)."""


def centre_status(db: Database, *, limit: int = 200) -> CentreStatus:
    """For a field or county replica, its records whose latest edits the centre's last
    receipt does not cover. The central record itself has nothing pending."""
    from inspector.data.sync.vectors import unsynced_records

    with db.read() as conn:
        me = next(p for p in known_replicas(conn) if p.is_self)
        if me.role == "central":
            return CentreStatus(is_central=True, central=me.name, pending=[])
        central = default_target(conn)
        rows = unsynced_records(
            conn, self_id=me.id, peer_id=central.id if central else "", limit=limit
        )
        pending = [
            PendingRecord(
                entity=r["entity"],
                row_id=r["row_id"],
                record=record_label(conn, r["entity"], r["row_id"]),
                edits=int(r["edits"]),
            )
            for r in rows
        ]
    return CentreStatus(
        is_central=False, central=central.name if central else None, pending=pending
    )


def prerequisites_problem(db: Database, check: BundleCheck) -> PrerequisitesMissing | None:
    """The refusal an import of `check`'s bundle would meet for missing prerequisites
    (naming what to import first), or None: asked before a person is asked to trust a
    key for a bundle that could not be imported anyway."""
    from inspector.services.sync.exchange import _require_prerequisites

    with db.read() as conn:
        try:
            _require_prerequisites(conn, check)
        except PrerequisitesMissing as problem:
            return problem
    return None
