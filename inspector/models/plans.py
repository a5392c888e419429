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
    """A score of one of the card's items entered by hand for one county and period; or
    a section entered as one figure, a proven falsification (第十二条), an adjustment for
    force majeure, or an exclusion from the assessment, each with its basis.

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
    item: str = Field(max_length=40)
    """A key of the scheme's card (`inspector.domain.scheme`) or of `AssessmentItem`."""
    score: float | None = Field(default=None, ge=-100, le=100)
    """Points; negative only for an adjustment."""
    basis: str | None = Field(default=None, max_length=2000)
    """What the score rests on (a monitoring bulletin, a case number); for a
    falsification its proof (查实), for an adjustment or an exclusion its reason."""
    cause: str | None = choice("AdjustmentCause")
    """For an adjustment: why."""
    entered_by: str = Field(max_length=60, schema_extra=meta(personal=True))
    entered_at: dt.datetime


class DepartmentEntry(SyncedRow, table=True):
    """A part of a city department's assessment (市政府有关部门: 30 + 70 points), or an
    adjustment of its total, entered by hand. Its id comes from (city, year, department,
    part), like a county's entry."""

    __tablename__ = "department_entry"
    __table_args__ = (Index("ix_department_entry_year", "city_code", "year"),)

    city_code: str = Field(max_length=12, schema_extra=meta(check="region"))
    year: int = Field(ge=2000, le=2100)
    department: str = Field(max_length=100)
    part: str = Field(max_length=40)
    """A key of the scheme's department parts, or `adjustment`."""
    score: float = Field(ge=-100, le=100)
    basis: str | None = Field(default=None, max_length=2000)
    cause: str | None = choice("AdjustmentCause")
    entered_by: str = Field(max_length=60, schema_extra=meta(personal=True))
    entered_at: dt.datetime


class Complaint(SyncedRow, table=True):
    """A public complaint (公众举报): when and how it came, what it says, the outfall it
    concerns, its handling deadline (fixed when it is recorded, from the scheme in force,
    so it travels with it), and how it was answered: when, by whom, with which
    inspection."""

    __tablename__ = "complaint"
    __table_args__ = (
        Index("ix_complaint_due", "answered_on", "due_on"),
        Index("ix_complaint_outfall", "outfall_id"),
    )

    county_code: str = Field(max_length=12, schema_extra=meta(check="region"))
    outfall_id: str | None = Field(default=None, foreign_key="outfall.id", max_length=64)
    received_on: dt.date
    channel: str = choice("ComplaintChannel", default="hotline")
    content: str = Field(max_length=4000)
    complainant: str | None = personal(max_length=60)
    contact: str | None = personal(max_length=60)
    due_on: dt.date
    answered_on: dt.date | None = None
    answer: str | None = Field(default=None, max_length=4000)
    answered_by: str | None = personal(max_length=60)
    inspection_id: str | None = Field(default=None, foreign_key="inspection.id", max_length=64)


class ProgressReport(SyncedRow, table=True):
    """A member unit's quarterly progress report (成员单位季度进展): what it did, its
    projects and its funds, as it reported them."""

    __tablename__ = "progress_report"
    __table_args__ = (Index("ix_progress_report_period", "city_code", "year", "quarter"),)

    city_code: str = Field(max_length=12, schema_extra=meta(check="region"))
    unit: str = Field(max_length=100)
    """The member unit: a county's government or a city department, by name."""
    county_code: str | None = Field(default=None, max_length=12)
    """The county, when the unit is one (its self-inspection reports count its funds)."""
    year: int = Field(ge=2000, le=2100)
    quarter: int = Field(ge=1, le=4)
    submitted_on: dt.date
    summary: str = Field(max_length=8000)
    projects_planned: int = Field(default=0, ge=0, le=100_000)
    projects_done: int = Field(default=0, ge=0, le=100_000)
    funds_planned: float = Field(default=0, ge=0, le=10_000_000)
    """万元 (10,000 yuan)."""
    funds_spent: float = Field(default=0, ge=0, le=10_000_000)
    """万元."""
    entered_by: str = Field(max_length=60, schema_extra=meta(personal=True))
