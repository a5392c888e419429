"""Inspections: as the command line lists them, as the reports count them, when each
was (what photo matching weighs a photo's moment against), and the signage findings
derived from them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from inspector.data.areas import Area
from inspector.data.engine import Conn
from inspector.domain.periods import Period, local_date


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


def inspections_of(conn: Conn, *, outfall_id: str) -> list[InspectionLine]:
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
    conn: Conn, *, earliest: str, latest: str, outfall_id: str | None = None
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


def inspection_times(conn: Conn, *, inspection_id: str) -> InspectionTimes | None:
    """When one inspection (deleted or not) was; None when there is no such inspection."""
    row = conn.execute(
        "SELECT id, outfall_id, started_at, ended_at FROM inspection WHERE id=?",
        (inspection_id,),
    ).fetchone()
    return None if row is None else InspectionTimes(*row)


def live_inspection_outfall(conn: Conn, *, inspection_id: str) -> str | None:
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
    conn: Conn, *, inspection_id: str | None, outfall_id: str | None
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


@dataclass(frozen=True)
class InspectionRow:
    """An inspection as the reports count it."""

    id: str
    day: dt.date
    """The calendar day (UTC+8) it started."""
    outfall_id: str
    code: str
    name: str
    county: str
    task_source: str
    suspicion: str | None
    violation: str | None
    violation_desc: str | None
    follow_up: bool
    signage: str | None
    flow_present: bool | None
    plan_item_id: str | None


def inspections_in(conn: Conn, *, area: Area, period: Period) -> list[InspectionRow]:
    """Live inspections of the area's live outfalls started within the period (UTC+8
    days), in the order they started."""
    where, params = area.sql()
    start, end = period.utc_bounds()
    rows = conn.execute(
        "SELECT i.id, i.started_at, i.outfall_id, o.code, o.name, o.county_code, i.task_source, "
        "i.suspicion, i.violation, i.violation_desc, i.follow_up, i.signage, i.flow_present, "
        "i.plan_item_id FROM inspection i JOIN outfall o ON o.id = i.outfall_id "
        f"WHERE i.deleted = 0 AND o.deleted = 0 AND i.started_at >= ? AND i.started_at < ? "
        f"AND {where} ORDER BY i.started_at, i.id",
        (start, end, *params),
    ).fetchall()
    return [
        InspectionRow(
            r[0],
            local_date(r[1]),
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            r[8],
            r[9],
            bool(r[10]),
            r[11],
            None if r[12] is None else bool(r[12]),
            r[13],
        )
        for r in rows
    ]
