"""Initial schema: the register, field work, the operation log, reference data, search.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 19:12:32.843839
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: SQLite's INTEGER holds 64 bits; PostgreSQL's holds 32 and refuses the rest (a clock
#: value is a millisecond time shifted 16 bits). BIGINT keeps every value SQLite takes;
#: SQLite itself gets the INTEGER it always had.
INTEGER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "ledger_import",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("imported_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "meta",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "op",
        sa.Column("op_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("seq", INTEGER, nullable=False),
        sa.Column("hlc", INTEGER, nullable=False),
        sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("row_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("fields", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("bases", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("bundle_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.PrimaryKeyConstraint("op_id"),
        sa.UniqueConstraint("origin", "seq", name="uq_op_origin_seq"),
    )
    with op.batch_alter_table("op", schema=None) as batch_op:
        batch_op.create_index("ix_op_row", ["entity", "row_id"], unique=False)

    op.create_table(
        "outfall",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("national_code", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("county_code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("township", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("datum", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("accuracy_m", sa.Float(), nullable=True),
        sa.Column("position_source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("river", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("bank", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("entry_mode", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("mouth_shape", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("mouth_size", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("discharge_pattern", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("investigation_level", INTEGER, nullable=True),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("in_national_platform", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("approval_no", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("outfall", schema=None) as batch_op:
        batch_op.create_index("ix_outfall_category_code", ["category", "code"], unique=False)
        batch_op.create_index("ix_outfall_code", ["code"], unique=False)
        batch_op.create_index("ix_outfall_county_code", ["county_code", "code"], unique=False)
        batch_op.create_index("ix_outfall_lat_lon", ["lat", "lon"], unique=False)
        batch_op.create_index("ix_outfall_national_code", ["national_code"], unique=False)
        batch_op.create_index("ix_outfall_river_code", ["river", "code"], unique=False)
        batch_op.create_index("ix_outfall_state_code", ["state", "code"], unique=False)

    op.create_table(
        "outfall_search_doc",
        sa.Column("num", INTEGER, nullable=False),
        sa.Column("outfall_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("num"),
        sa.UniqueConstraint("outfall_id"),
    )
    op.create_table(
        "owner",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("credit_code", sqlmodel.sql.sqltypes.AutoString(length=18), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("industry", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("contact", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("permit_no", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("owner", schema=None) as batch_op:
        batch_op.create_index("ix_owner_credit_code", ["credit_code"], unique=False)
        batch_op.create_index("ix_owner_name", ["name"], unique=False)

    op.create_table(
        "plan",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("year", INTEGER, nullable=False),
        sa.Column("county_code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sample_size", INTEGER, nullable=True),
        sa.Column("fraction", sa.Float(), nullable=True),
        sa.Column("strata", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("seed", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("inspector_pool", sa.JSON(), nullable=False),
        sa.Column("published_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.create_index("ix_plan_year_county", ["year", "county_code"], unique=False)

    op.create_table(
        "region",
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("name_zh", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("parent_code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
        sa.Column("level", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("local", sa.Boolean(), nullable=False),
        sa.Column("south", sa.Float(), nullable=True),
        sa.Column("west", sa.Float(), nullable=True),
        sa.Column("north", sa.Float(), nullable=True),
        sa.Column("east", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "replica",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("region_code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
        sa.Column("public_key", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("is_self", sa.Boolean(), nullable=False),
        sa.Column("trusted", sa.Boolean(), nullable=False),
        sa.Column("first_seen", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "river",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("basin", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("city_code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("regions", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "target",
        sa.Column("id", INTEGER, nullable=False),
        sa.Column("city_code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("year", INTEGER, nullable=False),
        sa.Column("metric", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("share", sa.Float(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("city_code", "year", "metric", name="uq_target"),
    )
    op.create_table(
        "incident",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("river", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("outfall_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("occurred_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=8000), nullable=False),
        sa.Column("reported_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.ForeignKeyConstraint(
            ["outfall_id"],
            ["outfall.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.create_index("ix_incident_occurred", ["occurred_at"], unique=False)
        batch_op.create_index("ix_incident_outfall", ["outfall_id"], unique=False)

    op.create_table(
        "owner_assignment",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("outfall_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("owner_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("basis", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("evidence", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["outfall_id"],
            ["outfall.id"],
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["owner.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("owner_assignment", schema=None) as batch_op:
        batch_op.create_index("ix_owner_assignment_outfall", ["outfall_id"], unique=False)
        batch_op.create_index("ix_owner_assignment_owner", ["owner_id"], unique=False)

    op.create_table(
        "plan_item",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("plan_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("outfall_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("inspector_a", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("inspector_b", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("inspection_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["outfall_id"],
            ["outfall.id"],
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plan.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("plan_item", schema=None) as batch_op:
        batch_op.create_index("ix_plan_item_due", ["due_date"], unique=False)
        batch_op.create_index("ix_plan_item_outfall", ["outfall_id"], unique=False)
        batch_op.create_index("ix_plan_item_plan", ["plan_id"], unique=False)

    op.create_table(
        "remediation",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("outfall_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("measure", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("merge_target_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("plan_text", sqlmodel.sql.sqltypes.AutoString(length=8000), nullable=True),
        sa.Column("responsible", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("transition_end", sa.Date(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("evidence", sqlmodel.sql.sqltypes.AutoString(length=8000), nullable=True),
        sa.Column("retest_result", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("retest_passed", sa.Boolean(), nullable=True),
        sa.Column("county_signoff_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("county_signoff_on", sa.Date(), nullable=True),
        sa.Column("city_signoff_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("city_signoff_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["merge_target_id"],
            ["outfall.id"],
        ),
        sa.ForeignKeyConstraint(
            ["outfall_id"],
            ["outfall.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("remediation", schema=None) as batch_op:
        batch_op.create_index("ix_remediation_deadline", ["deadline"], unique=False)
        batch_op.create_index("ix_remediation_merge_target", ["merge_target_id"], unique=False)
        batch_op.create_index("ix_remediation_outfall", ["outfall_id"], unique=False)

    op.create_table(
        "trace_record",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("outfall_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("methods", sa.JSON(), nullable=False),
        sa.Column("route_notes", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column("conclusion", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column("traced_on", sa.Date(), nullable=True),
        sa.Column("staff", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["outfall_id"],
            ["outfall.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("trace_record", schema=None) as batch_op:
        batch_op.create_index("ix_trace_record_outfall", ["outfall_id"], unique=False)

    op.create_table(
        "incident_notice",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("incident_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("region_code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("notified_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("notified_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incident.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("incident_notice", schema=None) as batch_op:
        batch_op.create_index("ix_incident_notice_incident", ["incident_id"], unique=False)

    op.create_table(
        "inspection",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("outfall_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("started_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("ended_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("inspectors", sa.JSON(), nullable=False),
        sa.Column("task_source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("plan_item_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("flow_present", sa.Boolean(), nullable=True),
        sa.Column("flow_level", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("colour", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("colour_severity", INTEGER, nullable=False),
        sa.Column("odour", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("odour_severity", INTEGER, nullable=False),
        sa.Column("turbidity_severity", INTEGER, nullable=False),
        sa.Column("oil_film_severity", INTEGER, nullable=False),
        sa.Column("floatables", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("floatables_severity", INTEGER, nullable=False),
        sa.Column("deposits", sa.Boolean(), nullable=False),
        sa.Column("abnormal_vegetation", sa.Boolean(), nullable=False),
        sa.Column("signage", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("signage_items", sa.JSON(), nullable=False),
        sa.Column("sampled", sa.Boolean(), nullable=False),
        sa.Column("no_sample_reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("water_temp_c", sa.Float(), nullable=True),
        sa.Column("ph", sa.Float(), nullable=True),
        sa.Column("conductivity_us_cm", sa.Float(), nullable=True),
        sa.Column("cod_mg_l", sa.Float(), nullable=True),
        sa.Column("nh3n_mg_l", sa.Float(), nullable=True),
        sa.Column("tp_mg_l", sa.Float(), nullable=True),
        sa.Column("tn_mg_l", sa.Float(), nullable=True),
        sa.Column("suspicion", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("violation", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("violation_desc", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column("follow_up", sa.Boolean(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.ForeignKeyConstraint(
            ["outfall_id"],
            ["outfall.id"],
        ),
        sa.ForeignKeyConstraint(
            ["plan_item_id"],
            ["plan_item.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("inspection", schema=None) as batch_op:
        batch_op.create_index("ix_inspection_outfall", ["outfall_id", "started_at"], unique=False)
        batch_op.create_index("ix_inspection_plan_item", ["plan_item_id"], unique=False)
        batch_op.create_index("ix_inspection_started", ["started_at"], unique=False)

    op.create_table(
        "photo",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("original_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("format", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("size_bytes", INTEGER, nullable=False),
        sa.Column("width", INTEGER, nullable=True),
        sa.Column("height", INTEGER, nullable=True),
        sa.Column("taken_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("gps_time", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("clock_skew_s", sa.Float(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("altitude_m", sa.Float(), nullable=True),
        sa.Column("accuracy_m", sa.Float(), nullable=True),
        sa.Column("direction_deg", sa.Float(), nullable=True),
        sa.Column("camera_make", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.Column("camera_model", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.Column("orientation", INTEGER, nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("outfall_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("inspection_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("remediation_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("metadata_problems", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["inspection.id"],
        ),
        sa.ForeignKeyConstraint(
            ["outfall_id"],
            ["outfall.id"],
        ),
        sa.ForeignKeyConstraint(
            ["remediation_id"],
            ["remediation.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.create_index("ix_photo_inspection", ["inspection_id"], unique=False)
        batch_op.create_index("ix_photo_outfall", ["outfall_id"], unique=False)
        batch_op.create_index("ix_photo_remediation", ["remediation_id"], unique=False)
        batch_op.create_index("ix_photo_taken", ["taken_at"], unique=False)

    # Search: one token per character, so that one- and two-character Chinese substrings
    # match (unicode61 would make a whole run of Chinese one token). External content
    # keeps the text once. The program's one write path keeps it current (a trigger per
    # row costs five times the insert itself); `inspector doctor` checks and rebuilds it.
    # FTS5 is SQLite's own: PostgreSQL has the documents (outfall_search_doc) and will
    # get its own index of them with the search (pg_trgm finds nothing for one- and
    # two-character Chinese queries; see notes/postgresql.md).
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE outfall_search USING fts5("
            "body, content='outfall_search_doc', content_rowid='num', "
            "tokenize='unicode61 remove_diacritics 2')"
        )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS outfall_search")
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.drop_index("ix_photo_taken")
        batch_op.drop_index("ix_photo_remediation")
        batch_op.drop_index("ix_photo_outfall")
        batch_op.drop_index("ix_photo_inspection")

    op.drop_table("photo")
    with op.batch_alter_table("inspection", schema=None) as batch_op:
        batch_op.drop_index("ix_inspection_started")
        batch_op.drop_index("ix_inspection_plan_item")
        batch_op.drop_index("ix_inspection_outfall")

    op.drop_table("inspection")
    with op.batch_alter_table("incident_notice", schema=None) as batch_op:
        batch_op.drop_index("ix_incident_notice_incident")

    op.drop_table("incident_notice")
    with op.batch_alter_table("trace_record", schema=None) as batch_op:
        batch_op.drop_index("ix_trace_record_outfall")

    op.drop_table("trace_record")
    with op.batch_alter_table("remediation", schema=None) as batch_op:
        batch_op.drop_index("ix_remediation_outfall")
        batch_op.drop_index("ix_remediation_merge_target")
        batch_op.drop_index("ix_remediation_deadline")

    op.drop_table("remediation")
    with op.batch_alter_table("plan_item", schema=None) as batch_op:
        batch_op.drop_index("ix_plan_item_plan")
        batch_op.drop_index("ix_plan_item_outfall")
        batch_op.drop_index("ix_plan_item_due")

    op.drop_table("plan_item")
    with op.batch_alter_table("owner_assignment", schema=None) as batch_op:
        batch_op.drop_index("ix_owner_assignment_owner")
        batch_op.drop_index("ix_owner_assignment_outfall")

    op.drop_table("owner_assignment")
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.drop_index("ix_incident_outfall")
        batch_op.drop_index("ix_incident_occurred")

    op.drop_table("incident")
    op.drop_table("target")
    op.drop_table("river")
    op.drop_table("replica")
    op.drop_table("region")
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.drop_index("ix_plan_year_county")

    op.drop_table("plan")
    with op.batch_alter_table("owner", schema=None) as batch_op:
        batch_op.drop_index("ix_owner_name")
        batch_op.drop_index("ix_owner_credit_code")

    op.drop_table("owner")
    op.drop_table("outfall_search_doc")
    with op.batch_alter_table("outfall", schema=None) as batch_op:
        batch_op.drop_index("ix_outfall_state_code")
        batch_op.drop_index("ix_outfall_river_code")
        batch_op.drop_index("ix_outfall_national_code")
        batch_op.drop_index("ix_outfall_lat_lon")
        batch_op.drop_index("ix_outfall_county_code")
        batch_op.drop_index("ix_outfall_code")
        batch_op.drop_index("ix_outfall_category_code")

    op.drop_table("outfall")
    with op.batch_alter_table("op", schema=None) as batch_op:
        batch_op.drop_index("ix_op_row")

    op.drop_table("op")
    op.drop_table("meta")
    op.drop_table("ledger_import")
