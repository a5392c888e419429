"""Recording an inspection (DESIGN §4): the field checks plus the rules across fields.

Each field is checked against the model's declaration (`spec_for(Inspection)`); the
rules here are the ones no single field can know: two inspectors when sampling, a reason
when flowing water was not sampled, a description of a violation, an end after the start.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from inspector.data.writer import Writer
from inspector.models import Inspection
from inspector.models.spec import Clean, FieldError, ValidationFailed, spec_for


def cross_field_problems(values: Mapping[str, Any]) -> list[FieldError]:
    """Problems between fields of canonical inspection values."""
    problems = []
    if values.get("sampled") and len(values.get("inspectors") or []) < 2:
        problems.append(FieldError("inspectors", "two_inspectors_to_sample"))
    if (
        values.get("flow_present")
        and not values.get("sampled")
        and not (values.get("no_sample_reason") or "").strip()
    ):
        problems.append(FieldError("no_sample_reason", "why_not_sampled"))
    if values.get("violation") and not (values.get("violation_desc") or "").strip():
        problems.append(FieldError("violation_desc", "violation_needs_description"))
    started, ended = values.get("started_at"), values.get("ended_at")
    if started and ended and ended < started:
        problems.append(FieldError("ended_at", "ended_before_start"))
    return problems


def check_inspection(w: Writer | None, values: Mapping[str, Any]) -> Clean:
    """Canonical values of an inspection, or `ValidationFailed` listing every problem."""
    spec = spec_for(Inspection)
    clean = spec.clean(values, reference=w.reference() if w is not None else None)
    problems = cross_field_problems(clean)
    if problems:
        raise ValidationFailed(spec.entity, problems)
    return clean


def record_inspection(w: Writer, outfall_id: str, values: Mapping[str, Any]) -> str:
    """Store an inspection of `outfall_id`; returns its id."""
    clean = check_inspection(w, {**values, "outfall_id": outfall_id})
    return w.create(Inspection, clean)
