"""Plans and assessment: declared conflicts of interest, hand-entered assessment scores,
and where on its river an incident happened.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 20:03:15.802342

Touches only issue 6's tables: two new synced tables and one nullable column.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: 64-bit on both engines, as in 0001 (PostgreSQL's INTEGER is 32-bit).
INTEGER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "assessment_entry",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("county_code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("year", INTEGER, nullable=False),
        sa.Column("month", INTEGER, nullable=False),
        sa.Column("item", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("basis", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("entered_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("entered_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("assessment_entry", schema=None) as batch_op:
        batch_op.create_index(
            "ix_assessment_entry_period", ["year", "month", "county_code"], unique=False
        )

    op.create_table(
        "recusal",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("inspector", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("outfall_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("owner_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("declared_on", sa.Date(), nullable=False),
        sa.Column("declared_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.ForeignKeyConstraint(["outfall_id"], ["outfall.id"]),
        sa.ForeignKeyConstraint(["owner_id"], ["owner.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("recusal", schema=None) as batch_op:
        batch_op.create_index("ix_recusal_outfall", ["outfall_id"], unique=False)
        batch_op.create_index("ix_recusal_owner", ["owner_id"], unique=False)

    # A plain ADD COLUMN (nullable, no default): no table rebuild.
    op.add_column(
        "incident",
        sa.Column("region_code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
    )


def downgrade() -> None:
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.drop_column("region_code")
    with op.batch_alter_table("recusal", schema=None) as batch_op:
        batch_op.drop_index("ix_recusal_owner")
        batch_op.drop_index("ix_recusal_outfall")
    op.drop_table("recusal")
    with op.batch_alter_table("assessment_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_assessment_entry_period")
    op.drop_table("assessment_entry")
