"""Inspections: as the command line lists them, when each was (what photo matching
weighs a photo's moment against), and the signage findings derived from them."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, NamedTuple


@dataclass(frozen=True)
class InspectionLine:
    id: str
    started_at: str
    inspectors: str
    task_source: str
    suspicion: str | None
    violation: str | None
    follow_up: bool

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def inspections_of(conn: sqlite3.Connection, *, outfall_id: str) -> list[InspectionLine]:
    """The outfall's live inspections, newest first."""
    return [
        InspectionLine(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]))
        for r in conn.execute(
            "SELECT id, started_at, inspectors, task_source, suspicion, violation, follow_up "
            "FROM inspection WHERE outfall_id = ? AND deleted = 0 ORDER BY started_at DESC, id",
            (outfall_id,),
        )
    ]


class InspectionTimes(NamedTuple):
    """When an inspection was, as stored (`ended_at` None: no end recorded)."""

    id: str
    outfall_id: str
    started_at: str
    ended_at: str | None


def inspections_started_between(
    conn: sqlite3.Connection, *, earliest: str, latest: str, outfall_id: str | None = None
) -> list[InspectionTimes]:
    """Live inspections (of one outfall, when given) started between two stored moments,
    both included."""
    if outfall_id is None:
        rows = conn.execute(
            "SELECT id, outfall_id, started_at, ended_at FROM inspection "
            "WHERE deleted = 0 AND started_at BETWEEN ? AND ?",
            (earliest, latest),
        )
    else:
        rows = conn.execute(
            "SELECT id, outfall_id, started_at, ended_at FROM inspection "
            "WHERE deleted = 0 AND outfall_id = ? AND started_at BETWEEN ? AND ?",
            (outfall_id, earliest, latest),
        )
    return [InspectionTimes(*row) for row in rows]


def inspection_times(conn: sqlite3.Connection, *, inspection_id: str) -> InspectionTimes | None:
    """When one inspection (deleted or not) was; None when there is no such inspection."""
    row = conn.execute(
        "SELECT id, outfall_id, started_at, ended_at FROM inspection WHERE id=?",
        (inspection_id,),
    ).fetchone()
    return None if row is None else InspectionTimes(*row)


def live_inspection_outfall(conn: sqlite3.Connection, *, inspection_id: str) -> str | None:
    """The outfall a live inspection is of; None when no live inspection has that id."""
    row = conn.execute(
        "SELECT outfall_id FROM inspection WHERE id=? AND deleted=0", (inspection_id,)
    ).fetchone()
    return None if row is None else str(row[0])


class SignageFindingRow(NamedTuple):
    """One row of the `signage_finding` view."""

    inspection_id: str
    outfall_id: str
    started_at: str
    finding: str
    item: str | None


def signage_findings(
    conn: sqlite3.Connection, *, inspection_id: str | None, outfall_id: str | None
) -> list[SignageFindingRow]:
    """Signage findings (of one inspection, or outfall, when given), newest inspection first."""
    clauses, params = [], []
    if inspection_id is not None:
        clauses.append("inspection_id = ?")
        params.append(inspection_id)
    if outfall_id is not None:
        clauses.append("outfall_id = ?")
        params.append(outfall_id)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = conn.execute(
        "SELECT inspection_id, outfall_id, started_at, finding, item FROM signage_finding"
        f"{where} ORDER BY started_at DESC, inspection_id, position",
        params,
    ).fetchall()
    return [SignageFindingRow(*row) for row in rows]
