"""SQL of the assessment aggregate: hand-entered entries (counties and departments), the
enforcement cases and incidents a period holds, and the city's own assessment card.

Keyword-only functions over a connection; the caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from inspector.data.engine import Conn
from inspector.domain.periods import Period


@dataclass(frozen=True)
class EntryRow:
    county: str
    year: int
    month: int
    item: str
    score: float | None
    basis: str | None
    cause: str | None
    entered_by: str
    entered_at: str


def entry_rows(conn: Conn, *, year: int) -> list[EntryRow]:
    """Every live county entry of a year, by county, month and item."""
    return [
        EntryRow(*row)
        for row in conn.execute(
            "SELECT county_code, year, month, item, score, basis, cause, entered_by, entered_at "
            "FROM assessment_entry WHERE deleted = 0 AND year = ? "
            "ORDER BY county_code, month, item",
            (year,),
        )
    ]


@dataclass(frozen=True)
class DepartmentRow:
    city: str
    year: int
    department: str
    part: str
    score: float
    basis: str | None
    cause: str | None
    entered_by: str
    entered_at: str


def department_rows(conn: Conn, *, year: int, city: str | None) -> list[DepartmentRow]:
    return [
        DepartmentRow(*row)
        for row in conn.execute(
            "SELECT city_code, year, department, part, score, basis, cause, entered_by, "
            "entered_at FROM department_entry WHERE deleted = 0 AND year = ? "
            "AND (CAST(? AS TEXT) IS NULL OR city_code = ?) ORDER BY city_code, department, part",
            (year, city, city),
        )
    ]


@dataclass(frozen=True)
class Case:
    """An enforcement case: one outfall's violation of one kind in the period, however
    many visits found it (the app keeps no case numbers, so the offence at the outfall
    stands for the case)."""

    county: str
    outfall_code: str
    violation: str
    first_found: str
    """Stored UTC moment of the first visit that found it."""
    visits: int


def cases(conn: Conn, *, period: Period) -> list[Case]:
    """The enforcement cases found by live inspections started within the period."""
    start, end = period.utc_bounds()
    return [
        Case(*row)
        for row in conn.execute(
            "SELECT o.county_code, o.code, i.violation, MIN(i.started_at), COUNT(*) "
            "FROM inspection i JOIN outfall o ON o.id = i.outfall_id "
            "WHERE i.deleted = 0 AND o.deleted = 0 AND i.violation IS NOT NULL "
            "AND i.started_at >= ? AND i.started_at < ? "
            "GROUP BY o.county_code, o.id, o.code, i.violation "
            "ORDER BY MIN(i.started_at), o.code, i.violation",
            (start, end),
        )
    ]


def incident_counts(conn: Conn, *, period: Period) -> dict[str, int]:
    """Live incidents per county (where on the river each happened) in the period."""
    start, end = period.utc_bounds()
    out: dict[str, int] = defaultdict(int)
    for county, count in conn.execute(
        "SELECT region_code, COUNT(*) FROM incident WHERE deleted = 0 "
        "AND region_code IS NOT NULL AND occurred_at >= ? AND occurred_at < ? "
        "GROUP BY region_code",
        (start, end),
    ):
        out[county] = count
    return out


# -- the city's own card ------------------------------------------------------------------


@dataclass(frozen=True)
class SchemeRow:
    city: str
    document: dict[str, Any]
    file_name: str
    loaded_at: str
    loaded_by: str


def scheme_row(conn: Conn, *, city: str) -> SchemeRow | None:
    row = conn.execute(
        "SELECT city_code, document, file_name, loaded_at, loaded_by FROM assessment_scheme "
        "WHERE city_code = ?",
        (city,),
    ).fetchone()
    if row is None:
        return None
    return SchemeRow(row[0], json.loads(row[1]), row[2], row[3], row[4])


def save_scheme(
    conn: Conn,
    *,
    city: str,
    document: dict[str, Any],
    file_name: str,
    loaded_at: dt.datetime,
    loaded_by: str,
) -> None:
    conn.execute(
        "INSERT INTO assessment_scheme (city_code, document, file_name, loaded_at, loaded_by) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (city_code) DO UPDATE SET "
        "document = excluded.document, file_name = excluded.file_name, "
        "loaded_at = excluded.loaded_at, loaded_by = excluded.loaded_by",
        (
            city,
            json.dumps(document, ensure_ascii=False),
            file_name,
            loaded_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),
            loaded_by,
        ),
    )


def forget_scheme(conn: Conn, *, city: str) -> bool:
    """Drop a city's own card (the shipped one is in force again); False if it had none."""
    return conn.execute("DELETE FROM assessment_scheme WHERE city_code = ?", (city,)).rowcount > 0
