"""Inspection drafts, and the indexes the register and dashboard need on a million rows.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

`inspection_draft` is local to this replica (drafts never sync). The two indexes on
`outfall` are partial/plain secondary indexes: `ix_outfall_live_groups` lets a count or a
grouping of the live register (deleted = 0) by county, river, state and category read the
index alone; `ix_outfall_name` serves the register sorted by name.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inspection_draft",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("outfall_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("saved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.ForeignKeyConstraint(["outfall_id"], ["outfall.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("inspection_draft", schema=None) as batch_op:
        batch_op.create_index("ix_inspection_draft_outfall", ["outfall_id"], unique=False)
    with op.batch_alter_table("outfall", schema=None) as batch_op:
        batch_op.create_index(
            "ix_outfall_live_groups",
            ["county_code", "river", "state", "category"],
            unique=False,
            sqlite_where=sa.text("deleted = 0"),
            postgresql_where=sa.text("NOT deleted"),
        )
        batch_op.create_index("ix_outfall_name", ["name"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outfall", schema=None) as batch_op:
        batch_op.drop_index("ix_outfall_name")
        batch_op.drop_index("ix_outfall_live_groups", sqlite_where=sa.text("deleted = 0"))
    with op.batch_alter_table("inspection_draft", schema=None) as batch_op:
        batch_op.drop_index("ix_inspection_draft_outfall")
    op.drop_table("inspection_draft")
