"""Drafts for every form, not only the inspection form.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-25

`form_draft` replaces `inspection_draft`: one draft per form and subject (an inspection of
an outfall, a new outfall, an owner being assigned to an outfall...). Inspection drafts
move over as form `inspection` with the outfall as subject; where an outfall had more
than one (nothing stopped that before), the newest is kept, as the form restored it.
Like its predecessor the table is local to this replica: drafts never sync.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "form_draft",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("form", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("saved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("form", "subject", name="uq_form_draft_subject"),
    )
    op.execute(
        "INSERT INTO form_draft (id, form, subject, fields, saved_at, actor) "
        "SELECT d.id, 'inspection', d.outfall_id, d.fields, d.saved_at, d.actor "
        "FROM inspection_draft d WHERE NOT EXISTS ("
        " SELECT 1 FROM inspection_draft e WHERE e.outfall_id = d.outfall_id"
        " AND (e.saved_at > d.saved_at OR (e.saved_at = d.saved_at AND e.id > d.id)))"
    )
    with op.batch_alter_table("inspection_draft", schema=None) as batch_op:
        batch_op.drop_index("ix_inspection_draft_outfall")
    op.drop_table("inspection_draft")


def downgrade() -> None:
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
    # Only inspection drafts of outfalls that exist had a place in the old table.
    op.execute(
        "INSERT INTO inspection_draft (id, outfall_id, fields, saved_at, actor) "
        "SELECT f.id, f.subject, f.fields, f.saved_at, f.actor FROM form_draft f "
        "WHERE f.form = 'inspection' AND EXISTS (SELECT 1 FROM outfall o WHERE o.id = f.subject)"
    )
    op.drop_table("form_draft")
