"""Sync bookkeeping (DESIGN §5): conflicts, possible duplicates, bundles, peer vectors.

Conflicts, duplicate candidates, bundle history and peer vectors belong to this replica
alone: each replica detects its own disagreements as operations reach it. What a person
decides about them travels: a `ConflictResolution` is a synced row, and the value chosen
is an ordinary operation on the record itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Index
from sqlmodel import JSON, Field, SQLModel

from inspector.models.base import SyncedRow, text_list


class Conflict(SQLModel, table=True):
    """Two concurrent values of one field: the one the rule chose and the one it did not.

    Detected when an incoming operation's base for a field is not the field's current
    operation. The id is derived from the two operations, so detecting the same pair again
    (a bundle imported twice, a preview) never makes a second row.
    """

    __tablename__ = "conflict"
    __table_args__ = (
        Index("ix_conflict_row", "entity", "row_id", "field"),
        Index("ix_conflict_status", "status", "detected_at"),
    )

    id: str = Field(primary_key=True, max_length=36)
    entity: str = Field(max_length=40)
    row_id: str = Field(max_length=64)
    field: str = Field(max_length=60)
    winner_op: str = Field(max_length=36)
    winner_origin: str = Field(max_length=36)
    winner_hlc: int
    winner_value: str
    """JSON text of the value the rule kept."""
    loser_op: str = Field(max_length=36)
    loser_origin: str = Field(max_length=36)
    loser_hlc: int
    loser_value: str
    """JSON text of the value the rule set aside."""
    bundle_id: str | None = Field(default=None, max_length=36)
    detected_at: dt.datetime
    status: str = Field(default="open", max_length=20)
    """open, kept (the winner confirmed), reversed (the other value restored), settled
    (resolved on another replica, learned from its resolution)."""
    resolved_at: dt.datetime | None = None
    resolved_by: str | None = Field(default=None, max_length=100)
    resolution_id: str | None = Field(default=None, max_length=64)
    """The `conflict_resolution` row that closed it."""


class ConflictResolution(SyncedRow, table=True):
    """A person's decision on a field's disagreement; it syncs, so every replica that
    saw the same disagreement closes it too."""

    __tablename__ = "conflict_resolution"
    __table_args__ = (Index("ix_conflict_resolution_row", "entity", "row_id"),)

    entity: str = Field(max_length=40)
    row_id: str = Field(max_length=64)
    field: str = Field(max_length=60)
    decision: str = Field(max_length=20)
    """kept or reversed."""
    ops: list[str] = text_list()
    """Every operation the person saw disagree: conflicts elsewhere between these close."""
    value_op: str | None = Field(default=None, max_length=36)
    """The operation that restored the other value (reversed only)."""
    note: str | None = Field(default=None, max_length=2000)


class DuplicateCandidate(SQLModel, table=True):
    """Two outfalls that may be the same one, registered on two replicas."""

    __tablename__ = "duplicate_candidate"
    __table_args__ = (
        Index("ix_duplicate_candidate_a", "outfall_a"),
        Index("ix_duplicate_candidate_b", "outfall_b"),
        Index("ix_duplicate_candidate_status", "status"),
    )

    id: str = Field(primary_key=True, max_length=36)
    outfall_a: str = Field(foreign_key="outfall.id", max_length=64)
    outfall_b: str = Field(foreign_key="outfall.id", max_length=64)
    reason: str = Field(max_length=20)
    """same_code, same_national_code or nearby."""
    distance_m: float | None = None
    bundle_id: str | None = Field(default=None, max_length=36)
    detected_at: dt.datetime
    status: str = Field(default="open", max_length=20)
    """open, merged or dismissed."""


class BundleRecord(SQLModel, table=True):
    """A bundle this replica wrote or applied: the Sync screen's history."""

    __tablename__ = "bundle_record"
    __table_args__ = (Index("ix_bundle_record_at", "recorded_at"),)

    id: str = Field(primary_key=True, max_length=36)
    """The bundle id (a bundle is sent once and received at most once here)."""
    direction: str = Field(max_length=10)
    """sent or received."""
    manifest_sha256: str = Field(max_length=64)
    file_name: str = Field(max_length=500)
    peer_id: str | None = Field(default=None, max_length=36)
    """The source of a received bundle; the target of a sent one (None: anyone)."""
    peer_name: str = Field(default="", max_length=100)
    created_at: dt.datetime
    recorded_at: dt.datetime
    actor: str = Field(default="", max_length=100)
    ops: int = 0
    photos: int = 0
    size_bytes: int = 0
    encrypted: bool = False
    counts: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    """What it changed (received) or carried (sent), by kind."""


class PeerVector(SQLModel, table=True):
    """What this replica knows another holds: per origin, the highest sequence.

    Learned from the resulting vector of every bundle received from that peer; a bundle
    `--to` the peer carries what lies beyond it.
    """

    __tablename__ = "peer_vector"

    peer_id: str = Field(primary_key=True, max_length=36)
    origin: str = Field(primary_key=True, max_length=36)
    seq: int
    learned_at: dt.datetime


class OpChain(SQLModel, table=True):
    """Per origin, the hash chain over its operations up to the highest held (the head).

    Each operation's link is SHA-256 of the previous link and the operation's canonical
    bytes (`inspector.data.sync.chain`), so one link at sequence N stands for all of that
    origin's operations 1..N. Derived from the log: recomputed when missing or behind.
    """

    __tablename__ = "op_chain"

    origin: str = Field(primary_key=True, max_length=36)
    seq: int
    hash: str = Field(max_length=64)


class OpCheckpoint(SQLModel, table=True):
    """An origin's Ed25519 signature over its chain at one sequence: every operation of
    that origin up to `seq` is as it made them. Relays carry these unchanged; an importer
    accepts another replica's operations only up to a checkpoint that verifies."""

    __tablename__ = "op_checkpoint"

    origin: str = Field(primary_key=True, max_length=36)
    seq: int = Field(primary_key=True)
    hash: str = Field(max_length=64)
    signature: str = Field(max_length=128)


class PhotoOwed(SQLModel, table=True):
    """An original a peer is known to lack: one this replica should have sent but did not
    hold at the time, or one the peer said it lacks. Sent with the next bundle to that
    peer once the file is here (`peer_id` '' stands for bundles to anyone)."""

    __tablename__ = "photo_owed"

    peer_id: str = Field(primary_key=True, max_length=36)
    sha256: str = Field(primary_key=True, max_length=64)


class ClockRepair(SQLModel, table=True):
    """An operation whose timestamp `inspector doctor --repair-clock` moved back from a
    poisoned future value: the value it had is kept here, so nothing is lost."""

    __tablename__ = "clock_repair"

    op_id: str = Field(primary_key=True, max_length=36)
    old_hlc: str = Field(max_length=40)
    """As text: a poisoned value need not fit in a signed 64-bit integer."""
    new_hlc: int
    repaired_at: dt.datetime


class Revocation(SQLModel, table=True):
    """A replica this one no longer trusts: a lost or stolen laptop, or one restored from
    an old backup that issued again sequences it had already sent.

    Its operations up to `through` stay and travel as before (they were real work); none
    beyond is accepted or relayed, and a bundle it signs itself is refused. Decided by a
    person here, or by the central record's signed revocation (`document`), which
    bundles carry on like registrations."""

    __tablename__ = "revocation"

    replica_id: str = Field(primary_key=True, max_length=36)
    through: int
    revoked_at: dt.datetime
    reason: str = Field(max_length=500)
    decided_by: str = Field(max_length=10)
    """person (someone here) or central (the central record's signed word)."""
    issuer: str | None = Field(default=None, max_length=36)
    document: str | None = None
    """The central record's signed revocation (JSON), carried on unchanged."""
