"""Field work: inspections, remediations, photos, self-inspection plans, incidents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Index
from sqlmodel import JSON, Field

from inspector.models.base import SyncedRow, choice, choices, meta, personal, text_list


class Inspection(SyncedRow, table=True):
    """One visit to an outfall: what was seen, measured and found (DESIGN §4)."""

    __tablename__ = "inspection"
    __table_args__ = (
        Index("ix_inspection_outfall", "outfall_id", "started_at"),
        Index("ix_inspection_started", "started_at"),
        Index("ix_inspection_plan_item", "plan_item_id"),
    )

    outfall_id: str = Field(foreign_key="outfall.id", max_length=64)
    started_at: dt.datetime
    ended_at: dt.datetime | None = None
    inspectors: list[str] = text_list()
    task_source: str = choice("TaskSource", default="routine")
    plan_item_id: str | None = Field(default=None, foreign_key="plan_item.id", max_length=64)
    flow_present: bool | None = None
    flow_level: str | None = choice("FlowLevel")
    colour: str | None = choice("Colour")
    colour_severity: int = Field(default=0, ge=0, le=3)
    odour: str | None = choice("Odour")
    odour_severity: int = Field(default=0, ge=0, le=3)
    turbidity_severity: int = Field(default=0, ge=0, le=3)
    oil_film_severity: int = Field(default=0, ge=0, le=3)
    floatables: str | None = choice("Floatable")
    floatables_severity: int = Field(default=0, ge=0, le=3)
    deposits: bool = False
    abnormal_vegetation: bool = False
    signage: str | None = choice("SignageState")
    signage_items: list[str] = choices("SignageItem")
    """The items the sign board actually shows; the missing ones are findings."""
    sampled: bool = False
    no_sample_reason: str | None = Field(default=None, max_length=500)
    water_temp_c: float | None = Field(default=None, ge=-5, le=60)
    ph: float | None = Field(default=None, ge=0, le=14)
    conductivity_us_cm: float | None = Field(default=None, ge=0, le=200_000)
    cod_mg_l: float | None = Field(default=None, ge=0, le=100_000)
    nh3n_mg_l: float | None = Field(default=None, ge=0, le=10_000)
    tp_mg_l: float | None = Field(default=None, ge=0, le=10_000)
    tn_mg_l: float | None = Field(default=None, ge=0, le=10_000)
    suspicion: str | None = choice("Suspicion")
    violation: str | None = choice("Violation")
    violation_desc: str | None = Field(default=None, max_length=4000)
    follow_up: bool = False
    notes: str | None = Field(default=None, max_length=4000)
    lat: float | None = Field(default=None, ge=-90, le=90)
    """Where the inspector stood (WGS-84), when a receiver gave it."""
    lon: float | None = Field(default=None, ge=-180, le=180)
    accuracy_m: float | None = Field(default=None, ge=0, le=100_000)
    position_source: str | None = choice("PositionSource")
    position_fix: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    """Fix quality, HDOP, satellites, age and device of the receiver's position."""


class Remediation(SyncedRow, table=True):
    """One remediation of an outfall (整治), one plan per outfall (一口一策)."""

    __tablename__ = "remediation"
    __table_args__ = (
        # With `id`: an outfall's live remediation (the newest) is the index's last entry.
        Index("ix_remediation_outfall", "outfall_id", "id"),
        Index("ix_remediation_merge_target", "merge_target_id"),
        Index("ix_remediation_deadline", "deadline"),
    )

    outfall_id: str = Field(foreign_key="outfall.id", max_length=64)
    measure: str = choice("Measure")
    merge_target_id: str | None = Field(default=None, foreign_key="outfall.id", max_length=64)
    plan_text: str | None = Field(default=None, max_length=8000)
    responsible: str | None = Field(default=None, max_length=200)
    deadline: dt.date | None = None
    transition_end: dt.date | None = None
    """End of the transition period (过渡期): never before the deadline; while it runs the
    outfall is not overdue."""
    immediate: bool = False
    """立行立改: a simple problem remediated at once, from the investigation or tracing
    stage, without waiting for an owner."""
    status: str = choice("RemediationStatus", default="planned")
    evidence: str | None = Field(default=None, max_length=8000)
    retest_result: str | None = Field(default=None, max_length=2000)
    retest_passed: bool | None = None
    county_signoff_by: str | None = personal(max_length=60)
    county_signoff_on: dt.date | None = None
    city_signoff_by: str | None = personal(max_length=60)
    city_signoff_on: dt.date | None = None


class Photo(SyncedRow, table=True):
    """A photo's metadata. Its id is the SHA-256 of the original bytes: its identity.

    Two laptops that import the same file make the same row, which then merges like any
    other edit instead of being stored twice.
    """

    __tablename__ = "photo"
    __table_args__ = (
        Index("ix_photo_outfall", "outfall_id"),
        Index("ix_photo_inspection", "inspection_id"),
        Index("ix_photo_remediation", "remediation_id"),
        Index("ix_photo_taken", "taken_at"),
    )

    original_name: str = Field(max_length=255)
    format: str = Field(max_length=10)
    size_bytes: int = Field(ge=0)
    width: int | None = Field(default=None, ge=0)
    height: int | None = Field(default=None, ge=0)
    taken_at: dt.datetime | None = None
    gps_time: dt.datetime | None = None
    clock_skew_s: float | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    altitude_m: float | None = None
    accuracy_m: float | None = Field(default=None, ge=0)
    direction_deg: float | None = Field(default=None, ge=0, le=360)
    camera_make: str | None = Field(default=None, max_length=80)
    camera_model: str | None = Field(default=None, max_length=80)
    orientation: int | None = Field(default=None, ge=1, le=8)
    kind: str = choice("PhotoKind", default="other")
    outfall_id: str | None = Field(default=None, foreign_key="outfall.id", max_length=64)
    inspection_id: str | None = Field(default=None, foreign_key="inspection.id", max_length=64)
    remediation_id: str | None = Field(default=None, foreign_key="remediation.id", max_length=64)
    distance_m: float | None = Field(default=None, ge=0)
    flags: list[str] = text_list()
    metadata_problems: list[str] = text_list()
    """Which metadata could not be read (malformed EXIF): the photo is kept regardless."""


class Plan(SyncedRow, table=True):
    """A county's self-inspection plan for a year (年度自查计划)."""

    __tablename__ = "plan"
    __table_args__ = (Index("ix_plan_year_county", "year", "county_code"),)

    year: int = Field(ge=2000, le=2100)
    county_code: str = Field(max_length=12, schema_extra=meta(check="region"))
    method: str = choice("PlanMethod", default="double_random")
    sample_size: int | None = Field(default=None, ge=0)
    fraction: float | None = Field(default=None, ge=0, le=1)
    strata: str | None = Field(default=None, max_length=40)
    seed: str | None = Field(default=None, max_length=200)
    inputs: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    """Everything the draw used, so anyone can re-run it and get the same list."""
    inspector_pool: list[str] = text_list()
    published_at: dt.datetime | None = None
    notes: str | None = Field(default=None, max_length=4000)


class PlanItem(SyncedRow, table=True):
    """One outfall drawn into a plan, with its two inspectors and due date."""

    __tablename__ = "plan_item"
    __table_args__ = (
        Index("ix_plan_item_plan", "plan_id"),
        Index("ix_plan_item_outfall", "outfall_id"),
        Index("ix_plan_item_due", "due_date"),
    )

    plan_id: str = Field(foreign_key="plan.id", max_length=64)
    outfall_id: str = Field(foreign_key="outfall.id", max_length=64)
    inspector_a: str | None = personal(max_length=60)
    inspector_b: str | None = personal(max_length=60)
    due_date: dt.date | None = None
    status: str = choice("PlanItemStatus", default="pending")
    inspection_id: str | None = Field(default=None, max_length=64)


class Incident(SyncedRow, table=True):
    """A sudden water-pollution incident (突发水污染事件), possibly crossing county lines."""

    __tablename__ = "incident"
    __table_args__ = (
        Index("ix_incident_occurred", "occurred_at"),
        Index("ix_incident_outfall", "outfall_id"),
    )

    river: str = Field(max_length=60, schema_extra=meta(check="river"))
    outfall_id: str | None = Field(default=None, foreign_key="outfall.id", max_length=64)
    region_code: str | None = Field(default=None, max_length=12, schema_extra=meta(check="region"))
    """Where on the river it happened (the outfall's county, or given): the regions after
    it on the river are the ones to notify."""
    occurred_at: dt.datetime
    description: str = Field(max_length=8000)
    reported_by: str | None = personal(max_length=60)


class IncidentNotice(SyncedRow, table=True):
    """A notification of an incident to a downstream region, and when it was made."""

    __tablename__ = "incident_notice"
    __table_args__ = (Index("ix_incident_notice_incident", "incident_id"),)

    incident_id: str = Field(foreign_key="incident.id", max_length=64)
    region_code: str = Field(max_length=12)
    notified_at: dt.datetime | None = None
    notified_by: str | None = personal(max_length=60)
    method: str | None = Field(default=None, max_length=60)
    notes: str | None = Field(default=None, max_length=2000)
