"""Tables that belong to this replica alone and never travel as rows in a bundle."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import JSON, Field, SQLModel


class Meta(SQLModel, table=True):
    """Small settings of this database: its replica id, the clock, the user's name."""

    __tablename__ = "meta"

    key: str = Field(primary_key=True, max_length=60)
    value: str = Field(max_length=4000)


class Replica(SQLModel, table=True):
    """A replica this one knows: itself, and every source a bundle came from."""

    __tablename__ = "replica"

    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(default="", max_length=100)
    role: str = Field(default="field", max_length=20)
    region_code: str | None = Field(default=None, max_length=12)
    public_key: str | None = Field(default=None, max_length=128)
    """Ed25519 public key, hex. Set for itself at `init`, for others on first contact."""
    is_self: bool = False
    trusted: bool = False
    first_seen: dt.datetime | None = None
    authority: str | None = Field(default=None, max_length=10)
    """Who decided this record: self, person (someone here accepted the key), central
    (the central record's signed registration); None: only a name seen in a bundle."""
    registration: str | None = None
    """The central record's signed registration of this replica (JSON), carried on to
    other replicas unchanged."""


#: The longest name of who made a change, and reason given for it, the log holds
#: (PostgreSQL refuses longer; a bundle's operations are held to the same).
ACTOR_MAX = 100
REASON_MAX = 2000


class Op(SQLModel, table=True):
    """The operation log: every change to synced data, field by field (DESIGN §5).

    `fields` maps each field set to its new value; `bases` maps each field to the op id
    of the value it replaced (absent when the field had no value from any op). Both are
    JSON text. The log is also the audit trail: history is rebuilt from it.
    """

    __tablename__ = "op"
    __table_args__ = (
        UniqueConstraint("origin", "seq", name="uq_op_origin_seq"),
        Index("ix_op_row", "entity", "row_id"),
    )

    op_id: str = Field(primary_key=True, max_length=36)
    origin: str = Field(max_length=36)
    seq: int
    hlc: int
    entity: str = Field(max_length=40)
    row_id: str = Field(max_length=64)
    fields: str
    bases: str
    actor: str = Field(default="", max_length=ACTOR_MAX)
    reason: str | None = Field(default=None, max_length=REASON_MAX)
    bundle_id: str | None = Field(default=None, max_length=36)
    """The bundle it arrived in; None for edits made here."""


class Region(SQLModel, table=True):
    """An administrative region (GB/T 2260 code, or a local code for e.g. 示范区)."""

    __tablename__ = "region"

    code: str = Field(primary_key=True, max_length=12)
    name_zh: str = Field(max_length=60)
    name_en: str = Field(max_length=100)
    parent_code: str | None = Field(default=None, max_length=12)
    level: str = Field(max_length=10)
    """city or county."""
    local: bool = False
    """True for regions without a GB/T 2260 code."""
    backstop_body: str | None = Field(default=None, max_length=100)
    """The body that answers for an outfall with no owner found (政府兜底): the county's
    people's government, or a zone's administrative committee (管委会)."""
    backstop_body_en: str | None = Field(default=None, max_length=200)
    south: float | None = None
    west: float | None = None
    north: float | None = None
    east: float | None = None


class River(SQLModel, table=True):
    """A receiving water and the regions it flows through, upstream first."""

    __tablename__ = "river"

    name: str = Field(primary_key=True, max_length=60)
    name_en: str = Field(max_length=100)
    basin: str = Field(max_length=30)
    city_code: str = Field(max_length=12)
    regions: list[str] = Field(default_factory=list, sa_type=JSON)
    position: int | None = None
    """Its place in its city's list, upstream first (0017: PostgreSQL has no rowid)."""


class Target(SQLModel, table=True):
    """A yearly target: the share of outfalls that should have reached a milestone."""

    __tablename__ = "target"
    __table_args__ = (UniqueConstraint("city_code", "year", "metric", name="uq_target"),)

    id: int | None = Field(default=None, primary_key=True)
    city_code: str = Field(max_length=12)
    year: int
    metric: str = Field(max_length=20)
    """investigated, traced, remediated or closed."""
    share: float = Field(ge=0, le=1)
    note: str | None = Field(default=None, max_length=200)


class AssessmentScheme(SQLModel, table=True):
    """A city's own assessment card (考核细则), loaded from a file; without one the
    shipped card (`db/reference/scorecard.json`) is in force. Reference data, like the
    regions: each replica loads it, it does not sync."""

    __tablename__ = "assessment_scheme"

    city_code: str = Field(primary_key=True, max_length=12)
    document: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    file_name: str = Field(max_length=500)
    loaded_at: dt.datetime
    loaded_by: str = Field(max_length=100)


class LedgerImport(SQLModel, table=True):
    """A ledger file imported here: what it was and what it changed."""

    __tablename__ = "ledger_import"

    id: str = Field(primary_key=True, max_length=36)
    file_name: str = Field(max_length=500)
    sha256: str = Field(max_length=64)
    imported_at: dt.datetime
    actor: str = Field(max_length=100)
    counts: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


class OutfallSearchDoc(SQLModel, table=True):
    """Text the register's search matches, one character per token (see data.search).

    An FTS5 index (`outfall_search`, made by the migration) reads this table as external
    content; the integer key is what FTS5 needs, and unlike a plain rowid it survives
    VACUUM.
    """

    __tablename__ = "outfall_search_doc"

    num: int | None = Field(default=None, primary_key=True)
    outfall_id: str = Field(max_length=64, unique=True)
    body: str
