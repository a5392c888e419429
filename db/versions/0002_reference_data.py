"""Reference data for 焦作 and 三门峡: regions, rivers (upstream first), targets.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Self-contained on purpose: it reads the JSON files shipped beside it and declares the
columns it fills, so later changes to the program cannot change what it does.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FILES = ("jiaozuo.json", "sanmenxia.json")

region = sa.table(
    "region",
    sa.column("code", sa.String),
    sa.column("name_zh", sa.String),
    sa.column("name_en", sa.String),
    sa.column("parent_code", sa.String),
    sa.column("level", sa.String),
    sa.column("local", sa.Boolean),
    sa.column("south", sa.Float),
    sa.column("west", sa.Float),
    sa.column("north", sa.Float),
    sa.column("east", sa.Float),
)
river = sa.table(
    "river",
    sa.column("name", sa.String),
    sa.column("name_en", sa.String),
    sa.column("basin", sa.String),
    sa.column("city_code", sa.String),
    sa.column("regions", sa.JSON),
)
target = sa.table(
    "target",
    sa.column("city_code", sa.String),
    sa.column("year", sa.Integer),
    sa.column("metric", sa.String),
    sa.column("share", sa.Float),
    sa.column("note", sa.String),
)


def _region(entry: dict, parent: str | None, level: str) -> dict:
    south, west, north, east = entry.get("bbox") or (None, None, None, None)
    return {
        "code": entry["code"],
        "name_zh": entry["name_zh"],
        "name_en": entry["name_en"],
        "parent_code": parent,
        "level": level,
        "local": bool(entry.get("local", False)),
        "south": south,
        "west": west,
        "north": north,
        "east": east,
    }


def upgrade() -> None:
    folder = Path(__file__).resolve().parent.parent / "reference"
    regions: dict[str, dict] = {}
    rivers: list[dict] = []
    targets: list[dict] = []
    for name in _FILES:
        doc = json.loads((folder / name).read_text(encoding="utf-8"))
        city = doc["city"]["code"]
        regions[city] = _region(doc["city"], None, "city")
        for county in doc["counties"]:
            regions[county["code"]] = _region(county, city, "county")
        for other in doc.get("external_regions", []):
            regions.setdefault(other["code"], _region(other, None, "city"))
        for r in doc["rivers"]:
            rivers.append(
                {**{k: r[k] for k in ("name", "name_en", "basin", "regions")}, "city_code": city}
            )
        for tgt in doc["targets"]:
            targets.append({"city_code": city, **tgt})
    op.bulk_insert(region, list(regions.values()))
    op.bulk_insert(river, rivers)
    op.bulk_insert(target, targets)


def downgrade() -> None:
    op.execute("DELETE FROM target")
    op.execute("DELETE FROM river")
    op.execute("DELETE FROM region")
