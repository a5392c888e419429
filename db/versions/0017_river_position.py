"""Rivers keep their order (upstream first) in a column of their own (issue 14).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06

The reference data lists each city's rivers upstream first, and the program read them
back in that order by SQLite's rowid. PostgreSQL has no rowid (its `ctid` moves when a
row is rewritten), so the order is written down: `position`, the river's place in its
city's list. Existing rows take their rowid on SQLite, their physical order on
PostgreSQL (a database this chain has just filled, where that is the insertion order).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "river",
        sa.Column("position", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute("UPDATE river SET position = rowid")
    else:
        op.execute(
            "UPDATE river SET position = n.pos FROM "
            "(SELECT name, ROW_NUMBER() OVER (ORDER BY ctid) AS pos FROM river) AS n "
            "WHERE river.name = n.name"
        )


def downgrade() -> None:
    with op.batch_alter_table("river") as batch_op:
        batch_op.drop_column("position")
