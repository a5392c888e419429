"""Recording an inspection (DESIGN §4): the field checks plus the rules across fields.

Each field is checked against the model's declaration (`spec_for(Inspection)`); the
rules here are the ones no single field can know: two inspectors when sampling, a reason
when flowing water was not sampled, a description of a violation, an end after the start.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector.data.writer import Writer
from inspector.domain import jsontext
from inspector.domain.choices import fold
from inspector.domain.moments import read_typed
from inspector.i18n import Problem, t
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


# -- from a file ------------------------------------------------------------------------------

#: Keys that name the outfall of a record in a file (its local or national code).
OUTFALL_KEYS = ("outfall", "outfall_code", "code", "排污口编码", "排污口", "编码")


@dataclass(frozen=True)
class RecordProblem:
    """What is wrong with one record of an inspections file (`record` counts from 1; for a
    spreadsheet it is the row number a person sees)."""

    record: int
    message: str

    def render(self) -> str:
        return t("inspection.record_problem", record=self.record, message=self.message)

    def as_json(self) -> dict[str, Any]:
        return {"record": self.record, "message": self.message}


@dataclass
class InspectionImport:
    file: str
    records: int = 0
    created: list[str] = field(default_factory=list)
    problems: list[RecordProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "records": self.records,
            "created": len(self.created) if self.ok else 0,
            "ids": self.created if self.ok else [],
            "problems": [p.as_json() for p in self.problems],
        }


def _field_names() -> dict[str, str]:
    """Every way a file may name an inspection field: its key, or its label in either
    language (as the form shows it)."""
    spec = spec_for(Inspection)
    names: dict[str, str] = {}
    for name in spec.fields:
        if name in ("outfall_id", "deleted"):
            continue
        for text in (
            name,
            t(f"field.inspection.{name}", lang="zh"),
            t(f"field.inspection.{name}", lang="en"),
        ):
            names.setdefault(fold(text), name)
    return names


def read_inspection_records(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(record number, values) of each record of a .json, .csv or .xlsx file."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise Problem("io.not_found", path=path)
    if suffix == ".json":
        try:
            doc = jsontext.loads(path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise Problem("inspection.bad_json", file=path.name, error=str(exc)) from None
        items = doc.get("inspections") if isinstance(doc, dict) else doc
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise Problem("inspection.json_shape", file=path.name)
        return [(n, dict(item)) for n, item in enumerate(items, start=1)]
    if suffix in (".csv", ".xlsx"):
        from inspector.services.tables import Table

        table = Table(path)
        try:
            keys = {fold(k) for k in OUTFALL_KEYS}
            # The header is the first row naming the outfall (title rows above it are skipped).
            found = table.find_header(lambda cells: any(fold(str(c)) in keys for c in cells))
            header = [str(h or "").strip() for h in found]
            out = []
            for row in table:
                values = {
                    header[i]: cell
                    for i, cell in enumerate(row.cells)
                    if i < len(header) and header[i] and cell not in (None, "")
                }
                if values:
                    out.append((row.number, values))
            return out
        finally:
            table.close()
    raise Problem("inspection.file_format", file=path.name)


def import_inspections(w: Writer, path: Path, *, tz: dt.tzinfo | None = None) -> InspectionImport:
    """Record every inspection of a file, or none: each record is checked as the form
    checks one (`check_inspection`), every bad record is listed, and the caller's
    transaction is rolled back by raising when any is bad (`InspectionsRefused`)."""
    from inspector.data.outfalls import find_outfall

    report = InspectionImport(file=str(path))
    names = _field_names()
    outfall_keys = {fold(k) for k in OUTFALL_KEYS}
    for number, raw in read_inspection_records(path):
        report.records += 1
        code = None
        values: dict[str, Any] = {}
        unknown: list[str] = []
        for key, value in raw.items():
            folded = fold(str(key))
            if folded in outfall_keys:
                code = str(value).strip()
                continue
            name = names.get(folded)
            if name is None:
                unknown.append(str(key))
                continue
            if name in ("started_at", "ended_at") and isinstance(value, str) and value.strip():
                # Unreadable text goes on as it is: the field's own check names it.
                with contextlib.suppress(ValueError):
                    value = read_typed(value, tz)
            values[name] = value
        if unknown:
            report.problems.append(
                RecordProblem(number, t("inspection.unknown_keys", keys="、".join(unknown)))
            )
            continue
        if not code:
            report.problems.append(RecordProblem(number, t("inspection.no_outfall")))
            continue
        try:
            outfall = find_outfall(w.conn, code=code)
            report.created.append(record_inspection(w, outfall.id, values))
        except ValidationFailed as failure:
            report.problems.append(RecordProblem(number, str(failure)))
        except Problem as problem:
            report.problems.append(RecordProblem(number, str(problem)))
    if report.records == 0:
        raise Problem("inspection.no_records", file=path.name)
    if not report.ok:
        raise InspectionsRefused(report)
    return report


class InspectionsRefused(Problem):
    """An inspections file with bad records: nothing of it is kept."""

    def __init__(self, report: InspectionImport) -> None:
        self.report = report
        super().__init__(
            "inspection.refused", file=Path(report.file).name, count=len(report.problems)
        )
