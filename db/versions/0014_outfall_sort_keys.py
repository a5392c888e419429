"""The register sorts names and rivers by pinyin, not by code point.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06

SQL compares text by code point, which puts 黄河 after 沁河 and 卫河 (radical and stroke
order). `outfall.name_key` and `outfall.river_key` hold each name in reading order
(`inspector.i18n.collation.sort_key`), kept by whoever writes the name
(`inspector.data.sort_keys`), and indexed so a million-outfall register still pages by
key. They are local and derived: never synced, filled here for the outfalls already
held, checked and repaired by `doctor`.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from inspector.i18n.collation import sort_key

    with op.batch_alter_table("outfall", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_key", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("river_key", sa.Text(), nullable=True))
    bind = op.get_bind()
    after = ""
    # By id in chunks: memory stays flat on a million outfalls, on either engine.
    while rows := bind.execute(
        sa.text("SELECT id, name, river FROM outfall WHERE id > :after ORDER BY id LIMIT 20000"),
        {"after": after},
    ).all():
        bind.execute(
            sa.text(
                "UPDATE outfall SET name_key = :name_key, river_key = :river_key WHERE id = :id"
            ),
            [
                {"id": i, "name_key": sort_key(name or ""), "river_key": sort_key(river or "")}
                for i, name, river in rows
            ],
        )
        after = rows[-1][0]
    op.create_index("ix_outfall_name_key", "outfall", ["name_key"], unique=False)
    op.create_index("ix_outfall_river_key_code", "outfall", ["river_key", "code"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_outfall_river_key_code", table_name="outfall")
    op.drop_index("ix_outfall_name_key", table_name="outfall")
    # Dropped in place (SQLite 3.35+, and PostgreSQL): a batch rebuild of `outfall` would
    # copy its computed `cell` column, which SQLite refuses to insert into.
    op.drop_column("outfall", "river_key")
    op.drop_column("outfall", "name_key")
