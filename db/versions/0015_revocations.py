"""Revoked replicas: a lost or stolen laptop, or one restored from an old backup, that
this replica no longer trusts beyond a chosen sequence of its operations (issue 10).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06

One new table; nothing else changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_S = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "revocation",
        sa.Column("replica_id", _S(length=36), nullable=False),
        # 64-bit on PostgreSQL, as SQLite integers are (sequences are not bounded by 2^31).
        sa.Column("through", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("revoked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("reason", _S(length=500), nullable=False),
        sa.Column("decided_by", _S(length=10), nullable=False),
        sa.Column("issuer", _S(length=36), nullable=True),
        sa.Column("document", _S(), nullable=True),
        sa.PrimaryKeyConstraint("replica_id"),
    )


def downgrade() -> None:
    op.drop_table("revocation")
