"""Lifecycle rules of issue 13: protected areas, setting approval kind, 立行立改, tracing
results, the permit annotation, each region's backstop body, and the inspector roster.

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-05

- `outfall.protected_area` (饮用水水源保护区 / 自然保护地: banned, never retained) and
  `outfall.approval_kind` (审批 or 登记: 部令第35号 retains some categories only with an
  approval);
- `owner.permit_annotation`: how the discharge permit lists an enterprise's outfalls;
- `remediation.immediate`: 立行立改, remediated before any owner was known;
- `trace_record.result`: 政府兜底 needs a tracing effort that found no owner;
- `region.backstop_body(_en)`: who answers under 政府兜底, filled here for the regions of
  the two shipped cities (a zone has a 管委会, not a 人民政府). The names are written out
  here, not read from `db/reference`, so that later edits of those files cannot change
  what this migration does;
- `roster_member` (synced): each county's inspector roster (执法人员名录库).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Region code -> (Chinese, English) name of the body that answers under 政府兜底.
BACKSTOP_BODIES: dict[str, tuple[str, str]] = {
    "410800": ("焦作市人民政府", "Jiaozuo Municipal People's Government"),
    "410802": ("焦作市解放区人民政府", "People's Government of Jiefang District, Jiaozuo"),
    "410803": ("焦作市中站区人民政府", "People's Government of Zhongzhan District, Jiaozuo"),
    "410804": ("焦作市马村区人民政府", "People's Government of Macun District, Jiaozuo"),
    "410811": ("焦作市山阳区人民政府", "People's Government of Shanyang District, Jiaozuo"),
    "410821": ("修武县人民政府", "Xiuwu County People's Government"),
    "410822": ("博爱县人民政府", "Bo'ai County People's Government"),
    "410823": ("武陟县人民政府", "Wuzhi County People's Government"),
    "410825": ("温县人民政府", "Wen County People's Government"),
    "410882": ("沁阳市人民政府", "Qinyang Municipal People's Government"),
    "410883": ("孟州市人民政府", "Mengzhou Municipal People's Government"),
    "410800SFQ": (
        "焦作市城乡一体化示范区管理委员会",
        "Administrative Committee of the Jiaozuo Urban-Rural Integration Demonstration Zone",
    ),
    "411200": ("三门峡市人民政府", "Sanmenxia Municipal People's Government"),
    "411202": ("三门峡市湖滨区人民政府", "People's Government of Hubin District, Sanmenxia"),
    "411203": ("三门峡市陕州区人民政府", "People's Government of Shanzhou District, Sanmenxia"),
    "411221": ("渑池县人民政府", "Mianchi County People's Government"),
    "411224": ("卢氏县人民政府", "Lushi County People's Government"),
    "411281": ("义马市人民政府", "Yima Municipal People's Government"),
    "411282": ("灵宝市人民政府", "Lingbao Municipal People's Government"),
}


def upgrade() -> None:
    op.create_table(
        "roster_member",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("county_code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("certificate_no", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("added_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("roster_member", schema=None) as batch_op:
        batch_op.create_index("ix_roster_member_county", ["county_code"], unique=False)
    with op.batch_alter_table("outfall", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("approval_kind", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("protected_area", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
    with op.batch_alter_table("owner", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "permit_annotation", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True
            )
        )
    with op.batch_alter_table("region", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("backstop_body", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "backstop_body_en", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True
            )
        )
    with op.batch_alter_table("remediation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("immediate", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("trace_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("result", sqlmodel.sql.sqltypes.AutoString(), nullable=True))

    region = sa.table(
        "region",
        sa.column("code", sa.String),
        sa.column("backstop_body", sa.String),
        sa.column("backstop_body_en", sa.String),
    )
    for code, (zh, en) in BACKSTOP_BODIES.items():
        op.execute(
            region.update()
            .where(region.c.code == code)
            .values(backstop_body=zh, backstop_body_en=en)
        )


def downgrade() -> None:
    with op.batch_alter_table("trace_record", schema=None) as batch_op:
        batch_op.drop_column("result")
    with op.batch_alter_table("remediation", schema=None) as batch_op:
        batch_op.drop_column("immediate")
    with op.batch_alter_table("region", schema=None) as batch_op:
        batch_op.drop_column("backstop_body_en")
        batch_op.drop_column("backstop_body")
    with op.batch_alter_table("owner", schema=None) as batch_op:
        batch_op.drop_column("permit_annotation")
    with op.batch_alter_table("outfall", schema=None) as batch_op:
        batch_op.drop_column("protected_area")
        batch_op.drop_column("approval_kind")
    with op.batch_alter_table("roster_member", schema=None) as batch_op:
        batch_op.drop_index("ix_roster_member_county")
    op.drop_table("roster_member")
