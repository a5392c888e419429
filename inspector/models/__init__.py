"""SQLModel tables: the schema of record, from which Alembic migrations are made.

Importing this package costs about half a second (SQLAlchemy and pydantic); keep it off
the path of `inspector --help` and of the UI's first paint.
"""

from __future__ import annotations

from sqlmodel import SQLModel

from inspector.models.base import SyncedRow
from inspector.models.field import (
    Incident,
    IncidentNotice,
    Inspection,
    Photo,
    Plan,
    PlanItem,
    Remediation,
)
from inspector.models.local import (
    AssessmentScheme,
    LedgerImport,
    Meta,
    Op,
    OutfallSearchDoc,
    Region,
    Replica,
    River,
    Target,
)
from inspector.models.map import MapFeature, MapLayer
from inspector.models.photos import PhotoMatch
from inspector.models.plans import (
    AssessmentEntry,
    Complaint,
    DepartmentEntry,
    ProgressReport,
    Recusal,
    RosterMember,
)
from inspector.models.register import Outfall, Owner, OwnerAssignment, TraceRecord
from inspector.models.sync import (
    BundleRecord,
    ClockRepair,
    Conflict,
    ConflictResolution,
    DuplicateCandidate,
    OpChain,
    OpCheckpoint,
    PeerVector,
    PhotoOwed,
    Revocation,
)
from inspector.models.ui import FormDraft

#: Every table whose rows sync, by table name (the `entity` of an operation).
SYNCED: dict[str, type[SyncedRow]] = {
    str(model.__tablename__): model
    for model in (
        Outfall,
        Owner,
        OwnerAssignment,
        TraceRecord,
        Inspection,
        Remediation,
        Photo,
        Plan,
        PlanItem,
        Incident,
        IncidentNotice,
        ConflictResolution,
        Recusal,
        AssessmentEntry,
        RosterMember,
        DepartmentEntry,
        Complaint,
        ProgressReport,
        MapLayer,
        MapFeature,
    )
}

metadata = SQLModel.metadata

__all__ = [
    "SYNCED",
    "AssessmentEntry",
    "AssessmentScheme",
    "BundleRecord",
    "ClockRepair",
    "Complaint",
    "Conflict",
    "ConflictResolution",
    "DepartmentEntry",
    "DuplicateCandidate",
    "FormDraft",
    "Incident",
    "IncidentNotice",
    "Inspection",
    "LedgerImport",
    "MapFeature",
    "MapLayer",
    "Meta",
    "Op",
    "OpChain",
    "OpCheckpoint",
    "Outfall",
    "OutfallSearchDoc",
    "Owner",
    "OwnerAssignment",
    "PeerVector",
    "Photo",
    "PhotoMatch",
    "PhotoOwed",
    "Plan",
    "PlanItem",
    "ProgressReport",
    "Recusal",
    "Region",
    "Remediation",
    "Replica",
    "Revocation",
    "River",
    "RosterMember",
    "SyncedRow",
    "Target",
    "TraceRecord",
    "metadata",
]
