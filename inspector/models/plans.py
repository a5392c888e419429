"""Tables of plans and assessment beyond the foundation's: declared conflicts of interest
(回避) and the scores a city enters by hand for its county assessment (考核).

Both sync. A conflict of interest declared on one laptop must bar that person from the
draw made on another; an assessment score has consequences (warnings, 约谈), so every
change to one needs the field-level history and the conflict review that only synced
rows get, and the county it judges should be able to read it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlmodel import Field

from inspector.models.base import SyncedRow, choice, meta, personal


class Recusal(SyncedRow, table=True):
    """A declared conflict of interest: this person must not inspect that outfall, or
    any outfall whose current main owner is that owner. Withdrawn by deletion."""

    __tablename__ = "recusal"
    __table_args__ = (
        Index("ix_recusal_outfall", "outfall_id"),
        Index("ix_recusal_owner", "owner_id"),
    )

    inspector: str = Field(max_length=60, schema_extra=meta(personal=True))
    outfall_id: str | None = Field(default=None, foreign_key="outfall.id", max_length=64)
    owner_id: str | None = Field(default=None, foreign_key="owner.id", max_length=64)
    reason: str | None = Field(default=None, max_length=500)
    declared_on: dt.date
    declared_by: str | None = personal(max_length=60)


class RosterMember(SyncedRow, table=True):
    """One person of a county's inspector roster (执法人员名录库): the pool a double-random
    draw takes its inspectors from unless it is given one. Removed by deletion."""

    __tablename__ = "roster_member"
    __table_args__ = (Index("ix_roster_member_county", "county_code"),)

    county_code: str = Field(max_length=12, schema_extra=meta(check="region"))
    name: str = Field(max_length=60, schema_extra=meta(personal=True))
    certificate_no: str | None = personal(max_length=40)
    """执法证号."""
    unit: str | None = Field(default=None, max_length=100)
    added_on: dt.date | None = None


class AssessmentEntry(SyncedRow, table=True):
    """A score (or a proven falsification) entered by hand for one county and period.

    Its id is derived from (county, year, month, item), so the same score entered on two
    replicas is one row: its edits merge, and disagreements surface as conflicts, instead
    of two rows competing silently.
    """

    __tablename__ = "assessment_entry"
    __table_args__ = (Index("ix_assessment_entry_period", "year", "month", "county_code"),)

    county_code: str = Field(max_length=12, schema_extra=meta(check="region"))
    year: int = Field(ge=2000, le=2100)
    month: int = Field(ge=0, le=12)
    """1-12 for a month; 0 for the whole year."""
    item: str = choice("AssessmentItem")
    score: float | None = Field(default=None, ge=0, le=100)
    basis: str | None = Field(default=None, max_length=2000)
    """What the score rests on (a monitoring bulletin, a case number)."""
    entered_by: str = Field(max_length=60, schema_extra=meta(personal=True))
    entered_at: dt.datetime
