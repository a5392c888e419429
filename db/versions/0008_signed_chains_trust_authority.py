"""Signed operation chains, who decided each trust record, owed photos, clock repairs.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05

Existing history needs no rewriting: each origin's chain is derived from the log when it
is first needed (`inspector.data.sync.chain`), this replica signs its own history when it
next exports, and other replicas' operations held here stay unsigned (they are neither
relayed nor built on) until their origin's signature covers them.

Trust records made before: this replica is `self`; a trusted one was accepted by a person
here; an untrusted one only had its key pinned by another replica's bundle, which no
longer counts, so that key is forgotten (the replica's own first bundle asks again).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: 64-bit on both engines, as in 0001 (PostgreSQL's INTEGER is 32-bit).
INTEGER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "op_chain",
        sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("seq", INTEGER, nullable=False),
        sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.PrimaryKeyConstraint("origin"),
    )
    op.create_table(
        "op_checkpoint",
        sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("seq", INTEGER, nullable=False),
        sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("signature", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.PrimaryKeyConstraint("origin", "seq"),
    )
    op.create_table(
        "photo_owed",
        sa.Column("peer_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.PrimaryKeyConstraint("peer_id", "sha256"),
    )
    op.create_table(
        "clock_repair",
        sa.Column("op_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("old_hlc", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("new_hlc", INTEGER, nullable=False),
        sa.Column("repaired_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("op_id"),
    )
    with op.batch_alter_table("replica", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("authority", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True)
        )
        batch_op.add_column(
            sa.Column("registration", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
    # Written with SQLAlchemy so that each engine gets its own boolean literal (SQLite
    # stores 0/1; PostgreSQL has no `boolean = integer`).
    replica = sa.table(
        "replica",
        sa.column("is_self", sa.Boolean),
        sa.column("trusted", sa.Boolean),
        sa.column("authority", sa.String),
        sa.column("public_key", sa.String),
    )
    yes, no = sa.true(), sa.false()
    op.execute(replica.update().where(replica.c.is_self == yes).values(authority="self"))
    op.execute(
        replica.update()
        .where(replica.c.is_self == no, replica.c.trusted == yes)
        .values(authority="person")
    )
    op.execute(
        replica.update()
        .where(replica.c.is_self == no, replica.c.trusted == no)
        .values(public_key=None)
    )


def downgrade() -> None:
    with op.batch_alter_table("replica", schema=None) as batch_op:
        batch_op.drop_column("registration")
        batch_op.drop_column("authority")
    op.drop_table("clock_repair")
    op.drop_table("photo_owed")
    op.drop_table("op_checkpoint")
    op.drop_table("op_chain")
