"""Sync: conflicts and their resolutions, duplicate candidates, bundle history, peer
vectors, and `outfall.merged_into`.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 20:00:06.713769
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: 64-bit on both engines, as in 0001 (PostgreSQL's INTEGER is 32-bit).
INTEGER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "bundle_record",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("direction", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("manifest_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("peer_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("peer_name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("ops", INTEGER, nullable=False),
        sa.Column("photos", INTEGER, nullable=False),
        sa.Column("size_bytes", INTEGER, nullable=False),
        sa.Column("encrypted", sa.Boolean(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("bundle_record", schema=None) as batch_op:
        batch_op.create_index("ix_bundle_record_at", ["recorded_at"], unique=False)

    op.create_table(
        "conflict",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("row_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("winner_op", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("winner_origin", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("winner_hlc", INTEGER, nullable=False),
        sa.Column("winner_value", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("loser_op", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("loser_origin", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("loser_hlc", INTEGER, nullable=False),
        sa.Column("loser_value", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("bundle_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("detected_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("resolved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("resolved_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("resolution_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.create_index("ix_conflict_row", ["entity", "row_id", "field"], unique=False)
        batch_op.create_index("ix_conflict_status", ["status", "detected_at"], unique=False)

    op.create_table(
        "conflict_resolution",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("row_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("decision", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("ops", sa.JSON(), nullable=False),
        sa.Column("value_op", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("conflict_resolution", schema=None) as batch_op:
        batch_op.create_index("ix_conflict_resolution_row", ["entity", "row_id"], unique=False)

    op.create_table(
        "peer_vector",
        sa.Column("peer_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("seq", INTEGER, nullable=False),
        sa.Column("learned_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("peer_id", "origin"),
    )
    op.create_table(
        "duplicate_candidate",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("outfall_a", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("outfall_b", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("bundle_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("detected_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["outfall_a"],
            ["outfall.id"],
        ),
        sa.ForeignKeyConstraint(
            ["outfall_b"],
            ["outfall.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("duplicate_candidate", schema=None) as batch_op:
        batch_op.create_index("ix_duplicate_candidate_a", ["outfall_a"], unique=False)
        batch_op.create_index("ix_duplicate_candidate_b", ["outfall_b"], unique=False)
        batch_op.create_index("ix_duplicate_candidate_status", ["status"], unique=False)

    # A plain ADD COLUMN, not a batch rebuild: the register may hold a million outfalls,
    # and SQLite allows a REFERENCES clause on an added column whose default is NULL.
    op.execute("ALTER TABLE outfall ADD COLUMN merged_into VARCHAR(64) REFERENCES outfall (id)")
    op.create_index("ix_outfall_merged_into", "outfall", ["merged_into"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_outfall_merged_into", table_name="outfall")
    with op.batch_alter_table("outfall", schema=None) as batch_op:
        batch_op.drop_column("merged_into")
    for table in (
        "duplicate_candidate",
        "peer_vector",
        "conflict_resolution",
        "conflict",
        "bundle_record",
    ):
        op.drop_table(table)
