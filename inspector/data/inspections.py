"""Inspections as the command line lists them."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any


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
