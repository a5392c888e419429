"""SQL of progress against targets: the targets set, the register's outfalls counted by
county, river and state (today, or as the operation log had them at a moment), and the
city a replica works for. Keyword-only functions over a connection; the caller owns the
transaction."""

from __future__ import annotations

from typing import NamedTuple

from inspector.data.areas import EVERYWHERE, Area, counties_of
from inspector.data.engine import Conn, dialect
from inspector.data.remediations import works_sql


class TargetRow(NamedTuple):
    metric: str
    share: float
    year: int


def target_rows(conn: Conn, *, city_code: str, year: int) -> list[TargetRow]:
    """Targets the city set for `year` or earlier, by metric, then share, then latest
    year first."""
    return [
        TargetRow(metric, float(share), int(set_year))
        for metric, share, set_year in conn.execute(
            "SELECT metric, share, year FROM target WHERE city_code=? AND year<=? "
            "ORDER BY metric, share, year DESC",
            (city_code, year),
        )
    ]


def progress_area(conn: Conn, *, city_code: str | None, county_code: str | None = None) -> Area:
    """The outfalls progress is measured over: one county's, the city's counties' (read
    once here, so the several counts of one measurement share the list), or all."""
    if county_code is not None:
        return Area(county=county_code)
    if city_code is None:
        return EVERYWHERE
    return Area(counties=counties_of(conn, city_code=city_code))


class StateCount(NamedTuple):
    county: str
    river: str
    state: str
    outfalls: int


def state_counts(conn: Conn, *, area: Area) -> list[StateCount]:
    """The area's live outfalls counted by county, river and state."""
    where, params = area.sql()
    return [
        StateCount(*row)
        for row in conn.execute(
            "SELECT o.county_code, o.river, o.state, COUNT(*) FROM outfall o "
            f"WHERE o.deleted = 0 AND {where} GROUP BY o.county_code, o.river, o.state",
            params,
        )
    ]


class StateCountAt(NamedTuple):
    county: str
    river: str
    state: str
    """As stored in the log (it may name a state this version does not know)."""
    works: bool
    """False: in service without works (see `remediations.works_sql`)."""
    outfalls: int


def state_counts_at(conn: Conn, *, hlc: int, area: Area) -> list[StateCountAt]:
    """The area's live outfalls counted by county and river (today's) and by the state
    the operation log gave them at HLC `hlc`; outfalls with no state then are left out."""
    where, params = area.sql()
    # Each outfall's latest state operation at the moment, by (HLC, origin) as
    # last-writer-wins orders them: the greatest "HLC (zero-padded) + origin + US +
    # state" string. One grouped pass; a window function over the same rows is slower.
    # Whether an outfall then in service got there through works is read from its
    # remediation as it stands today (the log of remediations is not replayed).
    if dialect(conn) == "postgresql":
        # No printf, instr or char() there; DISTINCT ON takes each outfall's greatest
        # (HLC, origin) directly.
        return [
            StateCountAt(county, river, state, bool(works), count)
            for county, river, state, works, count in conn.execute(
                "WITH s AS (SELECT DISTINCT ON (row_id) row_id, "
                "fields::json ->> 'state' AS state FROM op "
                "WHERE entity='outfall' AND hlc <= ? AND strpos(fields, '\"state\"') > 0 "
                "AND (fields::json ->> 'state') IS NOT NULL "
                "ORDER BY row_id, hlc DESC, origin DESC) "
                f"SELECT o.county_code, o.river, s.state, {works_sql(state='s.state')}, COUNT(*) "
                "FROM s JOIN outfall o ON o.id = s.row_id "
                f"WHERE o.deleted = 0 AND {where} GROUP BY o.county_code, o.river, 3, 4",
                (hlc, *params),
            )
        ]
    return [
        StateCountAt(county, river, state, bool(works), count)
        for county, river, state, works, count in conn.execute(
            "WITH s AS (SELECT row_id, MAX(printf('%020d', hlc) || origin || char(31) || "
            "json_extract(fields, '$.state')) AS k FROM op "
            "WHERE entity='outfall' AND hlc <= ? AND instr(fields, '\"state\"') > 0 "
            "AND json_extract(fields, '$.state') IS NOT NULL GROUP BY row_id) "
            "SELECT o.county_code, o.river, substr(s.k, instr(s.k, char(31)) + 1), "
            f"{works_sql(state='substr(s.k, instr(s.k, char(31)) + 1)')}, COUNT(*) "
            "FROM s JOIN outfall o ON o.id = s.row_id "
            f"WHERE o.deleted = 0 AND {where} GROUP BY o.county_code, o.river, 3, 4",
            (hlc, *params),
        )
    ]


def default_city(conn: Conn) -> str | None:
    """The city this replica works for: its own region's city, else the city holding most
    of the register's outfalls, else None."""
    row = conn.execute(
        "SELECT r.code, r.level, r.parent_code FROM replica s JOIN region r ON r.code = s.region_code "
        "WHERE s.is_self = 1"
    ).fetchone()
    if row is not None:
        code, level, parent = row
        return str(code if level == "city" else parent) if (level == "city" or parent) else None
    row = conn.execute(
        "SELECT r.parent_code, COUNT(*) AS n FROM outfall o JOIN region r ON r.code = o.county_code "
        "WHERE o.deleted = 0 AND r.parent_code IS NOT NULL GROUP BY r.parent_code ORDER BY n DESC LIMIT 1"
    ).fetchone()
    return None if row is None else str(row[0])
