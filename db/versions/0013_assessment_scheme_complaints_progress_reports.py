"""Assessment (issue 13b): the city's own assessment card, department scores, public
complaints, member units' quarterly progress reports, and the cause of an adjustment.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05

Touches only issue 13b's tables: four new tables and one nullable column of
`assessment_entry`.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: 64-bit on both engines, as in 0001 (PostgreSQL's INTEGER is 32-bit).
INTEGER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

_S = sqlmodel.sql.sqltypes.AutoString
_T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "assessment_scheme",
        sa.Column("city_code", _S(length=12), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("file_name", _S(length=500), nullable=False),
        sa.Column("loaded_at", _T(), nullable=False),
        sa.Column("loaded_by", _S(length=100), nullable=False),
        sa.PrimaryKeyConstraint("city_code"),
    )
    op.create_table(
        "department_entry",
        sa.Column("id", _S(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("city_code", _S(length=12), nullable=False),
        sa.Column("year", INTEGER, nullable=False),
        sa.Column("department", _S(length=100), nullable=False),
        sa.Column("part", _S(length=40), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("basis", _S(length=2000), nullable=True),
        sa.Column("cause", _S(), nullable=True),
        sa.Column("entered_by", _S(length=60), nullable=False),
        sa.Column("entered_at", _T(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("department_entry", schema=None) as batch_op:
        batch_op.create_index("ix_department_entry_year", ["city_code", "year"], unique=False)

    op.create_table(
        "progress_report",
        sa.Column("id", _S(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("city_code", _S(length=12), nullable=False),
        sa.Column("unit", _S(length=100), nullable=False),
        sa.Column("county_code", _S(length=12), nullable=True),
        sa.Column("year", INTEGER, nullable=False),
        sa.Column("quarter", INTEGER, nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.Column("summary", _S(length=8000), nullable=False),
        sa.Column("projects_planned", INTEGER, nullable=False),
        sa.Column("projects_done", INTEGER, nullable=False),
        sa.Column("funds_planned", sa.Float(), nullable=False),
        sa.Column("funds_spent", sa.Float(), nullable=False),
        sa.Column("entered_by", _S(length=60), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.create_index(
            "ix_progress_report_period", ["city_code", "year", "quarter"], unique=False
        )

    op.create_table(
        "complaint",
        sa.Column("id", _S(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("county_code", _S(length=12), nullable=False),
        sa.Column("outfall_id", _S(length=64), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("channel", _S(), nullable=False),
        sa.Column("content", _S(length=4000), nullable=False),
        sa.Column("complainant", _S(length=60), nullable=True),
        sa.Column("contact", _S(length=60), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("answer", _S(length=4000), nullable=True),
        sa.Column("answered_by", _S(length=60), nullable=True),
        sa.Column("inspection_id", _S(length=64), nullable=True),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspection.id"]),
        sa.ForeignKeyConstraint(["outfall_id"], ["outfall.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.create_index("ix_complaint_due", ["answered_on", "due_on"], unique=False)
        batch_op.create_index("ix_complaint_outfall", ["outfall_id"], unique=False)

    with op.batch_alter_table("assessment_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cause", _S(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assessment_entry", schema=None) as batch_op:
        batch_op.drop_column("cause")
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.drop_index("ix_complaint_outfall")
        batch_op.drop_index("ix_complaint_due")
    op.drop_table("complaint")
    with op.batch_alter_table("progress_report", schema=None) as batch_op:
        batch_op.drop_index("ix_progress_report_period")
    op.drop_table("progress_report")
    with op.batch_alter_table("department_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_department_entry_year")
    op.drop_table("department_entry")
    op.drop_table("assessment_scheme")
