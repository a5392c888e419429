"""The register: outfalls, their owners and owner assignments, trace records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, Column, Computed, Index, Text
from sqlmodel import JSON, Field

from inspector.models.base import SyncedRow, choice, choices, meta, personal

#: The grid cell of an outfall's position: 1/1000 degree rows and columns, numbered row
#: by row. `inspector.data.spatial` computes the same numbers in Python; keep them equal.
#: SQLite's CAST truncates, which is floor() for the non-negative values here (a
#: PostgreSQL twin must write floor() explicitly: its CAST rounds).
CELL_SQL = "CAST((lat + 90.0) * 1000 AS INTEGER) * 360000 + CAST((lon + 180.0) * 1000 AS INTEGER)"


class Outfall(SyncedRow, table=True):
    """An outfall (入河排污口) as the register knows it."""

    __tablename__ = "outfall"
    __table_args__ = (
        Index("ix_outfall_code", "code"),
        Index("ix_outfall_national_code", "national_code"),
        Index("ix_outfall_county_code", "county_code", "code"),
        Index("ix_outfall_river_code", "river", "code"),
        Index("ix_outfall_state_code", "state", "code"),
        Index("ix_outfall_category_code", "category", "code"),
        Index("ix_outfall_lat_lon", "lat", "lon"),
        Index("ix_outfall_merged_into", "merged_into"),
        # The map's spatial index: a grid cell number on a B-tree, which SQLite and
        # PostgreSQL both have (SQLite's R*Tree has no PostgreSQL twin). With `state`
        # and `deleted` the map counts outfalls per cell from the index alone; with the
        # position and id, "nearest" ranks its candidates without reading the table.
        Index("ix_outfall_cell", "cell", "state", "deleted", "lat", "lon", "id"),
    )

    code: str = Field(max_length=40)
    """Local code: the county's own, or generated as region + type + sequence."""
    national_code: str | None = Field(default=None, max_length=40)
    """国家统一赋码: opaque, issued by the national platform."""
    name: str = Field(max_length=200)
    county_code: str = Field(max_length=12, schema_extra=meta(check="region"))
    township: str | None = Field(default=None, max_length=60)
    lat: float = Field(ge=-90, le=90)
    """WGS-84 latitude, whatever datum it was typed in."""
    lon: float = Field(ge=-180, le=180)
    datum: str = choice("Datum", default="wgs84")
    accuracy_m: float | None = Field(default=None, ge=0, le=100_000)
    position_source: str = choice("PositionSource", default="typed")
    position_fix: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    """How a receiver's position was obtained (fix quality, HDOP, satellites, age, the
    device): see `inspector.gnss.fix.Fix.evidence`. None for typed positions."""
    cell: int | None = Field(
        default=None,
        sa_column=Column(BigInteger, Computed(CELL_SQL, persisted=False)),
        schema_extra=meta(derived=True),
    )
    """The map grid cell of (lat, lon), computed by the database (`inspector.data.spatial`);
    never written, never synced."""
    river: str = Field(max_length=60, schema_extra=meta(check="river"))
    """Receiving water (受纳水体), by its reference-data name."""
    bank: str | None = choice("Bank")
    category: str = choice("Category", default="undetermined")
    entry_mode: str | None = choice("EntryMode")
    mouth_shape: str | None = choice("MouthShape")
    mouth_size: str | None = Field(default=None, max_length=60)
    discharge_pattern: str | None = choice("DischargePattern")
    investigation_level: int | None = Field(default=None, ge=1, le=3)
    state: str = choice("State", default="suspected")
    in_national_platform: str | None = choice("TriState")
    approval_no: str | None = Field(default=None, max_length=80)
    """Setting approval or registration number (审批/登记编号)."""
    approval_kind: str | None = choice("ApprovalKind")
    """Whether `approval_no` is a setting approval (审批) or a registration (登记): some
    categories are retained only with an approval (部令第35号)."""
    protected_area: str | None = choice("ProtectedArea")
    """The protected area it lies in (饮用水水源保护区, 自然保护地), if any: such outfalls
    are banned, never retained."""
    notes: str | None = Field(default=None, max_length=4000)
    merged_into: str | None = Field(default=None, foreign_key="outfall.id", max_length=64)
    """The outfall this one was found to duplicate and merged into (it is then also
    tombstoned, so the register hides it; its history stays, see services.duplicates)."""
    name_key: str | None = Field(
        default=None,
        sa_column=Column(Text, nullable=True, info={"derived": True}),
        schema_extra=meta(derived=True),
    )
    """`name` in reading order (`inspector.i18n.collation.sort_key`): what the register
    sorts by, since SQL can compare only code points. Kept by whoever writes the name
    (`inspector.data.sort_keys`); never synced, repaired by `doctor`."""
    river_key: str | None = Field(
        default=None,
        sa_column=Column(Text, nullable=True, info={"derived": True}),
        schema_extra=meta(derived=True),
    )
    """`river` in reading order, as `name_key`."""


class Owner(SyncedRow, table=True):
    """A responsible party (责任主体)."""

    __tablename__ = "owner"
    __table_args__ = (
        Index("ix_owner_credit_code", "credit_code"),
        Index("ix_owner_name", "name"),
    )

    name: str = Field(max_length=200)
    credit_code: str | None = Field(
        default=None, max_length=18, schema_extra=meta(check="credit_code")
    )
    kind: str = choice("OwnerKind", default="enterprise")
    industry: str | None = Field(default=None, max_length=100)
    address: str | None = Field(default=None, max_length=300)
    contact: str | None = personal(max_length=60)
    phone: str | None = personal(max_length=40)
    permit_no: str | None = Field(default=None, max_length=60)
    """Discharge permit number (排污许可证编号)."""
    permit_annotation: str | None = Field(default=None, max_length=500)
    """How the discharge permit lists this owner's outfalls (排污许可证载明情况): an
    enterprise outside a park with two or more outfalls must have them written in."""


class OwnerAssignment(SyncedRow, table=True):
    """Who answers for an outfall, from when, on what basis. Ended, never overwritten."""

    __tablename__ = "owner_assignment"
    __table_args__ = (
        Index("ix_owner_assignment_outfall", "outfall_id"),
        Index("ix_owner_assignment_owner", "owner_id"),
    )

    outfall_id: str = Field(foreign_key="outfall.id", max_length=64)
    owner_id: str = Field(foreign_key="owner.id", max_length=64)
    role: str = choice("AssignmentRole", default="main")
    basis: str = choice("AssignmentBasis", default="traced")
    evidence: str | None = Field(default=None, max_length=2000)
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


class TraceRecord(SyncedRow, table=True):
    """A tracing (溯源) effort: how the emitter behind an outfall was looked for."""

    __tablename__ = "trace_record"
    __table_args__ = (Index("ix_trace_record_outfall", "outfall_id"),)

    outfall_id: str = Field(foreign_key="outfall.id", max_length=64)
    methods: list[str] = choices("TraceMethod")
    route_notes: str | None = Field(default=None, max_length=4000)
    conclusion: str | None = Field(default=None, max_length=4000)
    result: str | None = choice("TraceResult")
    """What the effort found; 政府兜底 needs one that found no owner."""
    traced_on: dt.date | None = None
    staff: str | None = personal(max_length=200)
