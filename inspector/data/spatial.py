"""The map's spatial queries: outfalls by grid cell, counted per cell, and nearest.

`outfall.cell` numbers a grid of 1/1000-degree cells (about 110 m by 90 m here) row by
row; the database computes it from `lat` and `lon` (`inspector.models.register.CELL_SQL`)
and keeps it in the B-tree `ix_outfall_cell` (cell, state, deleted, lat, lon, id). A box on the map is
one range of cell numbers per grid row it spans, so a viewport or a "nearest" search
reads only the index entries of the cells it covers, however large the register: this
works the same on SQLite and on PostgreSQL, which have B-trees and computed columns.

Counting per cell reads the same index and nothing else, which is what lets the map draw
a million outfalls at city scale from a few tens of thousands of (cell, state, count)
rows.

Stdlib `sqlite3` only: this module is on the map's hot path.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from inspector.data.browse import RegisterQuery, where_clauses
from inspector.data.engine import Conn, Dialect, dialect
from inspector.domain.geo import BBox, degrees_box, haversine_m

GRID = 1000
"""Grid cells per degree, in latitude and in longitude."""
ROW = 360 * GRID
"""Cell numbers per grid row."""
MAX_RANGES = 2000
"""Grid rows one box query may span; a taller box is cut to its middle rows (the map
never asks for points over so tall a box: it counts cells instead)."""


def cell_row(lat: float) -> int:
    return int((min(max(lat, -90.0), 89.9999999) + 90.0) * GRID)


def cell_col(lon: float) -> int:
    return int((min(max(lon, -180.0), 179.9999999) + 180.0) * GRID)


def cell_of(lat: float, lon: float) -> int:
    """The cell number the database computes for (lat, lon) (the same arithmetic)."""
    return int((lat + 90.0) * GRID) * ROW + int((lon + 180.0) * GRID)


def cell_box(cell: int) -> BBox:
    row, col = divmod(cell, ROW)
    south = row / GRID - 90.0
    west = col / GRID - 180.0
    return BBox(south, west, south + 1 / GRID, west + 1 / GRID)


def cell_centre(cell: int) -> tuple[float, float]:
    row, col = divmod(cell, ROW)
    return (row + 0.5) / GRID - 90.0, (col + 0.5) / GRID - 180.0


def ranges(box: BBox) -> list[tuple[int, int]]:
    """The cell-number ranges (first, last) that together cover `box`."""
    r0, r1 = cell_row(box.south), cell_row(box.north)
    c0, c1 = cell_col(box.west), cell_col(box.east)
    if r1 - r0 >= MAX_RANGES:
        middle = (r0 + r1) // 2
        r0, r1 = middle - MAX_RANGES // 2, middle + MAX_RANGES // 2 - 1
    return [(r * ROW + c0, r * ROW + c1) for r in range(r0, r1 + 1)]


# -- what the map shows ----------------------------------------------------------------


@dataclass(frozen=True)
class MapFilter:
    """Which outfalls the map shows: the register's filters (county, river, category,
    state, overdue remediation) and plan items due this month."""

    query: RegisterQuery = field(default_factory=RegisterQuery)
    plan_due: bool = False
    """Only outfalls with a pending item of a live plan due by `due_by`."""
    due_by: dt.date | None = None

    @property
    def active(self) -> bool:
        return self.query.filtered or self.plan_due

    def where(self) -> tuple[list[str], dict[str, Any]]:
        where, params = where_clauses(self.query.with_(search=""))
        if self.plan_due:
            where.append(
                "EXISTS (SELECT 1 FROM plan_item i JOIN plan p ON p.id = i.plan_id "
                "WHERE i.outfall_id = o.id AND i.deleted = 0 AND p.deleted = 0 "
                "AND i.status = 'pending' AND i.due_date <= :due_by)"
            )
            params["due_by"] = (self.due_by or self.query.today).isoformat()
        return where, params


@dataclass(frozen=True, slots=True)
class MapPoint:
    id: str
    code: str
    name: str
    lat: float
    lon: float
    state: str
    river: str


@dataclass(frozen=True, slots=True)
class CellCount:
    cell: int
    state: str
    count: int


def _ranges_cte(
    spans: Sequence[tuple[int, int]], engine: Dialect = "sqlite"
) -> tuple[str, dict[str, Any]]:
    if engine == "sqlite":
        values = ", ".join(f"(:lo{i}, :hi{i})" for i in range(len(spans)))
    else:
        # A parameter in VALUES has no column to take its type from, and PostgreSQL
        # makes an untyped one text; the first row says bigint for the rest.
        values = ", ".join(
            f"(CAST(:lo{i} AS BIGINT), CAST(:hi{i} AS BIGINT))" if i == 0 else f"(:lo{i}, :hi{i})"
            for i in range(len(spans))
        )
    params: dict[str, Any] = {}
    for i, (lo, hi) in enumerate(spans):
        params[f"lo{i}"] = lo
        params[f"hi{i}"] = hi
    return f"WITH r(lo, hi) AS (VALUES {values}) ", params


_POINT_COLUMNS = "o.id, o.code, o.name, o.lat, o.lon, o.state, o.river"
_DRAWN_COLUMNS = "o.id, '', '', o.lat, o.lon, o.state, ''"
#: A box reads the cell index even when a county or state filter has an index of its own
#: (that would read the whole county). `INDEXED BY` is SQLite's; PostgreSQL's planner
#: needs no hint here and the engine adapter drops it.
_BY_CELL = "outfall o INDEXED BY ix_outfall_cell"


def points_in_box(
    conn: Conn,
    *,
    box: BBox,
    where: MapFilter | None = None,
    limit: int = 20_000,
    detail: bool = True,
) -> list[MapPoint]:
    """Live outfalls inside `box` that pass the filter, at most `limit` of them.

    Without `detail` only what drawing needs is read (id, position, state: the cell
    index holds them, so the table is not touched); code, name and river are then "".
    """
    conditions, params = (where or MapFilter()).where()
    spans = ranges(box)
    cte, span_params = _ranges_cte(spans, dialect(conn))
    params |= span_params
    params |= {"s": box.south, "n": box.north, "w": box.west, "e": box.east, "limit": limit}
    columns = _POINT_COLUMNS if detail else _DRAWN_COLUMNS
    sql = (
        f"{cte}SELECT {columns} FROM r JOIN {_BY_CELL} ON o.cell BETWEEN r.lo AND r.hi "
        f"WHERE o.lat BETWEEN :s AND :n AND o.lon BETWEEN :w AND :e AND {' AND '.join(conditions)} "
        "LIMIT :limit"
    )
    return [MapPoint(*row) for row in conn.execute(sql, params)]


def cell_counts(conn: Conn, *, where: MapFilter | None = None) -> list[CellCount]:
    """How many live outfalls of each state lie in each grid cell (those passing the
    filter). Unfiltered, it reads the cell index alone: about a second for a million
    outfalls, once; the map then draws any view of them from these counts."""
    conditions, params = (where or MapFilter()).where()
    sql = (
        f"SELECT o.cell, o.state, COUNT(*) FROM outfall o WHERE {' AND '.join(conditions)} "
        "GROUP BY o.cell, o.state"
    )
    return [CellCount(cell, state, n) for cell, state, n in conn.execute(sql, params)]


def count_in_box(conn: Conn, *, box: BBox, where: MapFilter | None = None) -> int:
    conditions, params = (where or MapFilter()).where()
    cte, span_params = _ranges_cte(ranges(box), dialect(conn))
    params |= span_params | {"s": box.south, "n": box.north, "w": box.west, "e": box.east}
    sql = (
        f"{cte}SELECT COUNT(*) FROM r JOIN {_BY_CELL} ON o.cell BETWEEN r.lo AND r.hi "
        f"WHERE o.lat BETWEEN :s AND :n AND o.lon BETWEEN :w AND :e AND {' AND '.join(conditions)}"
    )
    return int(conn.execute(sql, params).fetchone()[0])


def _candidates(conn: Conn, box: BBox, where: MapFilter | None) -> list[tuple[str, float, float]]:
    """(id, lat, lon) of the live outfalls in `box`: read from the cell index alone when
    no filter needs other columns."""
    conditions, params = (where or MapFilter()).where()
    cte, span_params = _ranges_cte(ranges(box), dialect(conn))
    params |= span_params | {"s": box.south, "n": box.north, "w": box.west, "e": box.east}
    sql = (
        f"{cte}SELECT o.id, o.lat, o.lon FROM r JOIN {_BY_CELL} ON o.cell BETWEEN r.lo AND r.hi "
        f"WHERE o.lat BETWEEN :s AND :n AND o.lon BETWEEN :w AND :e AND {' AND '.join(conditions)}"
    )
    return conn.execute(sql, params).fetchall()


def points(conn: Conn, ids: Sequence[str]) -> dict[str, MapPoint]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    return {
        row[0]: MapPoint(*row)
        for row in conn.execute(
            f"SELECT {_POINT_COLUMNS} FROM outfall o WHERE o.id IN ({marks})", list(ids)
        )
    }


FIRST_RADIUS_M = 60.0


def nearest(
    conn: Conn,
    *,
    lat: float,
    lon: float,
    count: int = 20,
    where: MapFilter | None = None,
    max_radius_m: float = 50_000.0,
    margin: float = 0.0,
) -> list[tuple[MapPoint, float]]:
    """The `count` live outfalls nearest to (lat, lon) that pass the filter, nearest
    first, each with its great-circle distance in metres (rank only: callers that show
    a distance measure it exactly), and with them every other outfall no farther than
    (1 + `margin`) times the last one's distance: those that another measure of distance,
    which differs from the great circle by less than that fraction, may rank among the
    `count` nearest (`services.nearby` uses the geodesic).

    Searches a box of grid cells around the point, widening it until the circle it
    surely covers holds all of them (or it reaches `max_radius_m`). The candidates are
    ranked from the index; only the winners' rows are read.
    """
    radius = FIRST_RADIUS_M
    while True:
        box = degrees_box(lat, lon, radius)
        ranked = sorted(
            (
                (haversine_m(lat, lon, plat, plon), oid)
                for oid, plat, plon in _candidates(conn, box, where)
            )
        )
        reach = ranked[count - 1][0] * (1.0 + margin) if len(ranked) >= count else math.inf
        if reach <= radius or radius >= max_radius_m:
            chosen = ranked[:count] + [dr for dr in ranked[count:] if margin and dr[0] <= reach]
            found = points(conn, [oid for _, oid in chosen])
            return [(found[oid], d) for d, oid in chosen if oid in found]
        if len(ranked) >= count:
            # The box holds enough, some of them in its corners: the answer lies within
            # `reach`, so a box around that circle is the last one. Guessing a radius
            # from the density instead overshoots where outfalls crowd (a town: five
            # thousand candidates ranked in Python to keep twenty).
            radius = min(reach, max_radius_m)
        else:
            # Too few even in the corners: double. Quadrupling crosses empty country in
            # fewer steps (each costs a few tens of microseconds) but lands in a crowd
            # with sixteen times the area to rank.
            radius = min(radius * 2.0, max_radius_m)


def extent(conn: Conn, *, where: MapFilter | None = None) -> BBox | None:
    """The box around every live outfall that passes the filter (None: there are none)."""
    conditions, params = (where or MapFilter()).where()
    row = conn.execute(
        "SELECT MIN(o.lat), MIN(o.lon), MAX(o.lat), MAX(o.lon) FROM outfall o "
        f"WHERE {' AND '.join(conditions)}",
        params,
    ).fetchone()
    if row is None or row[0] is None:
        return None
    return BBox(row[0], row[1], row[2], row[3])


def point_of(conn: Conn, *, outfall_id: str) -> MapPoint | None:
    row = conn.execute(
        f"SELECT {_POINT_COLUMNS} FROM outfall o WHERE o.id = ?", (outfall_id,)
    ).fetchone()
    return None if row is None else MapPoint(*row)
