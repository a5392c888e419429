"""What the terminal UI keeps for itself: inspection drafts, and the register's indexes.

Drafts are local (they never sync): half-typed inspections of this laptop, saved field
by field, so a crash or a flat battery loses at most the field being typed.

The indexes serve the register and the dashboard on a million outfalls. Rows flagged
`deleted` never show, so both indexes are partial (`WHERE deleted = 0`): a count or a
grouping of the live register then reads one index and never touches the table.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Index, text
from sqlmodel import JSON, Field, SQLModel

from inspector.models.register import Outfall


class InspectionDraft(SQLModel, table=True):
    """An inspection being typed: each field's text exactly as typed, not yet validated."""

    __tablename__ = "inspection_draft"
    __table_args__ = (Index("ix_inspection_draft_outfall", "outfall_id"),)

    id: str = Field(primary_key=True, max_length=64)
    outfall_id: str = Field(foreign_key="outfall.id", max_length=64)
    fields: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    """Field name -> the text (or list, or flag) typed into it."""
    saved_at: dt.datetime
    actor: str = Field(default="", max_length=100)


_outfall = Outfall.__table__  # type: ignore[attr-defined]

#: Counting and grouping the live register by any of its filters reads only this index.
OUTFALL_LIVE_GROUPS = Index(
    "ix_outfall_live_groups",
    _outfall.c.county_code,
    _outfall.c.river,
    _outfall.c.state,
    _outfall.c.category,
    sqlite_where=text("deleted = 0"),
)
#: The register sorted by name.
OUTFALL_NAME = Index("ix_outfall_name", _outfall.c.name)
