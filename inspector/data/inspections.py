"""Inspections as the command line lists them, and as the reports count them."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import Any

from inspector.data.areas import Area
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


def inspections_in(conn: sqlite3.Connection, *, area: Area, period: Period) -> list[InspectionRow]:
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
