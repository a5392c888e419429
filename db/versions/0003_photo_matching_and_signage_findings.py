"""Photo matching proposals, and signage findings as a view of the inspections.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

`photo_match` holds matching proposals awaiting review (local: never synced).
`signage_finding` derives, from each inspection's signage check, one row per finding:
every required item the sign does not show, and a sign that is damaged or absent. It is
a view, not a table, so a finding can never disagree with the checklist it comes from
(the checklist is the synced record; two replicas that merge it agree on its findings).
The required items are those of `SignageItem` (HJ 1309-2023 §7); a test keeps the two equal.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REQUIRED_SIGNAGE_ITEMS = ("name", "code", "type", "owner", "authority", "phone", "qr")

_FINDING_VIEW = """
CREATE VIEW signage_finding AS
WITH required(item, position) AS (VALUES {required})
SELECT i.id AS inspection_id, i.outfall_id AS outfall_id, i.started_at AS started_at,
       'sign_' || i.signage AS finding, NULL AS item, -1 AS position
  FROM inspection i
 WHERE {live} AND i.signage IN ('absent', 'damaged')
UNION ALL
SELECT i.id, i.outfall_id, i.started_at, 'item_missing', r.item, r.position
  FROM inspection i CROSS JOIN required r
 WHERE {live} AND i.signage IN ('present', 'damaged')
   AND r.item NOT IN (SELECT value FROM {items})
"""

#: What the view says with no portable spelling, per engine: a live row (SQLite stores
#: booleans as 0/1; PostgreSQL has no `boolean = integer`), and the items of the JSON
#: checklist (json_each is SQLite's; json_array_elements_text names its column `value`).
_DIALECT = {
    "sqlite": {
        "live": "i.deleted = 0",
        "items": "json_each(COALESCE(i.signage_items, '[]'))",
    },
    "postgresql": {
        "live": "NOT i.deleted",
        "items": "json_array_elements_text(COALESCE(i.signage_items, '[]'::json))",
    },
}


def finding_view(dialect: str) -> str:
    required = ", ".join(f"('{item}', {i})" for i, item in enumerate(REQUIRED_SIGNAGE_ITEMS))
    return _FINDING_VIEW.format(required=required, **_DIALECT[dialect])


def upgrade() -> None:
    op.create_table(
        "photo_match",
        sa.Column("photo_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("outfall_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("inspection_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("basis", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("import_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("proposed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspection.id"]),
        sa.ForeignKeyConstraint(["outfall_id"], ["outfall.id"]),
        sa.ForeignKeyConstraint(["photo_id"], ["photo.id"]),
        sa.PrimaryKeyConstraint("photo_id"),
    )
    with op.batch_alter_table("photo_match", schema=None) as batch_op:
        batch_op.create_index("ix_photo_match_inspection", ["inspection_id"], unique=False)
        batch_op.create_index("ix_photo_match_outfall", ["outfall_id"], unique=False)
        batch_op.create_index("ix_photo_match_status", ["status", "proposed_at"], unique=False)
    op.execute(finding_view(op.get_bind().dialect.name))


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS signage_finding")
    with op.batch_alter_table("photo_match", schema=None) as batch_op:
        batch_op.drop_index("ix_photo_match_status")
        batch_op.drop_index("ix_photo_match_outfall")
        batch_op.drop_index("ix_photo_match_inspection")
    op.drop_table("photo_match")
