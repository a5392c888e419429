"""Map layers, the outfall grid cell (the map's spatial index), receiver positions.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05

`map_layer` and `map_feature` hold reference lines and areas (rivers, region
boundaries) imported from GeoJSON, KML or Shapefile; they sync like any record.

`outfall.cell` is the map grid cell of an outfall's position (1/1000 degree), computed by
the database from `lat` and `lon`, with a B-tree index: a viewport or a "nearest" search
reads a few ranges of it. The index also holds state, position and id, so counting per
cell and ranking the candidates of "nearest" read the index alone. SQLite and PostgreSQL both have computed columns and B-trees
(SQLite's R*Tree has no PostgreSQL twin). SQLite adds a computed column to an existing
table only as VIRTUAL (its index stores the value); PostgreSQL stores it, and its CAST
rounds where SQLite's truncates, so it is given floor() explicitly.

Outfalls gain `position_fix` (how a receiver's position was obtained), inspections the
position the inspector stood at, with its accuracy, source and fix.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: 64-bit on both engines, as in 0001 (PostgreSQL's INTEGER is 32-bit).
INTEGER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

CELL_SQLITE = (
    "CAST((lat + 90.0) * 1000 AS INTEGER) * 360000 + CAST((lon + 180.0) * 1000 AS INTEGER)"
)
CELL_POSTGRESQL = (
    "CAST(floor((lat + 90.0) * 1000) AS BIGINT) * 360000 "
    "+ CAST(floor((lon + 180.0) * 1000) AS BIGINT)"
)


def upgrade() -> None:
    op.create_table(
        "map_layer",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("source_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("source_format", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("source_datum", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("feature_count", INTEGER, nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "map_feature",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("layer_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("river", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("region_code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
        sa.Column("geometry", sa.JSON(), nullable=False),
        sa.Column("south", sa.Float(), nullable=False),
        sa.Column("west", sa.Float(), nullable=False),
        sa.Column("north", sa.Float(), nullable=False),
        sa.Column("east", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["layer_id"], ["map_layer.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_map_feature_layer", "map_feature", ["layer_id"], unique=False)
    op.create_index("ix_map_feature_south", "map_feature", ["south"], unique=False)

    with op.batch_alter_table("inspection", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lat", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("lon", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("accuracy_m", sa.Float(), nullable=True))
        batch_op.add_column(
            sa.Column("position_source", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
        batch_op.add_column(sa.Column("position_fix", sa.JSON(), nullable=True))

    sqlite = op.get_bind().dialect.name == "sqlite"
    # Plain ALTER TABLE ADD COLUMN (not a batch rebuild): a million-row table gains the
    # column without being copied.
    op.add_column("outfall", sa.Column("position_fix", sa.JSON(), nullable=True))
    op.add_column(
        "outfall",
        sa.Column(
            "cell",
            sa.BigInteger(),
            sa.Computed(CELL_SQLITE if sqlite else CELL_POSTGRESQL, persisted=not sqlite),
            nullable=True,
        ),
    )
    op.create_index(
        "ix_outfall_cell",
        "outfall",
        ["cell", "state", "deleted", "lat", "lon", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_outfall_cell", table_name="outfall")
    with op.batch_alter_table("outfall", schema=None) as batch_op:
        batch_op.drop_column("cell")
        batch_op.drop_column("position_fix")
    with op.batch_alter_table("inspection", schema=None) as batch_op:
        batch_op.drop_column("position_fix")
        batch_op.drop_column("position_source")
        batch_op.drop_column("accuracy_m")
        batch_op.drop_column("lon")
        batch_op.drop_column("lat")
    op.drop_index("ix_map_feature_south", table_name="map_feature")
    op.drop_index("ix_map_feature_layer", table_name="map_feature")
    op.drop_table("map_feature")
    op.drop_table("map_layer")
