"""Photo matching proposals: machine guesses awaiting a person's review, local to a replica.

A proposal links a photo to the outfall and inspection its position and time suggest. It
is not evidence, so it never syncs: accepting one writes the link into the (synced)
`photo` row through the one write path and removes the proposal. Any replica can
recompute proposals for the unlinked photos it holds.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from inspector.models.base import text_list


class PhotoMatch(SQLModel, table=True):
    """What matching proposes for one photo, and whether a person has set it aside."""

    __tablename__ = "photo_match"
    __table_args__ = (
        Index("ix_photo_match_outfall", "outfall_id"),
        Index("ix_photo_match_inspection", "inspection_id"),
        Index("ix_photo_match_status", "status", "proposed_at"),
    )

    photo_id: str = Field(primary_key=True, foreign_key="photo.id", max_length=64)
    outfall_id: str | None = Field(default=None, foreign_key="outfall.id", max_length=64)
    inspection_id: str | None = Field(default=None, foreign_key="inspection.id", max_length=64)
    distance_m: float | None = None
    basis: str = Field(default="none", max_length=12)
    """position, time or none: what the proposal rests on."""
    flags: list[str] = text_list()
    status: str = Field(default="pending", max_length=12)
    """pending (awaiting review) or dismissed (a person said: link it to nothing)."""
    import_id: str | None = Field(default=None, max_length=36)
    """The import run that made the proposal, so `photos import --accept` touches only its own."""
    proposed_at: dt.datetime
