"""SQL of member units' quarterly progress reports. Keyword-only functions over a
connection; the caller owns the transaction."""

from __future__ import annotations

from dataclasses import dataclass

from inspector.data.engine import Conn


@dataclass(frozen=True)
class ProgressReportRow:
    id: str
    city: str
    unit: str
    county: str | None
    year: int
    quarter: int
    submitted_on: str
    summary: str
    projects_planned: int
    projects_done: int
    funds_planned: float
    funds_spent: float
    entered_by: str


def report_rows(
    conn: Conn,
    *,
    year: int,
    quarters: tuple[int, ...] = (1, 2, 3, 4),
    city: str | None = None,
    county: str | None = None,
) -> list[ProgressReportRow]:
    """Live reports of a year's quarters, of a city's units or of one county's."""
    marks = ", ".join("?" * len(quarters))
    return [
        ProgressReportRow(*row)
        for row in conn.execute(
            "SELECT id, city_code, unit, county_code, year, quarter, submitted_on, summary, "
            "projects_planned, projects_done, funds_planned, funds_spent, entered_by "
            f"FROM progress_report WHERE deleted = 0 AND year = ? AND quarter IN ({marks}) "
            "AND (CAST(? AS TEXT) IS NULL OR city_code = ?) AND (CAST(? AS TEXT) IS NULL OR county_code = ?) "
            "ORDER BY quarter, unit, submitted_on, id",
            (year, *quarters, city, city, county, county),
        )
    ]


def units_of_year(conn: Conn, *, year: int, city: str) -> list[str]:
    """Every unit that reported in any quarter of the year (names, sorted)."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT unit FROM progress_report WHERE deleted = 0 AND year = ? "
            "AND city_code = ? ORDER BY unit",
            (year, city),
        )
    ]
