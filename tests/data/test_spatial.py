"""The map's grid index: the cell the database computes is the one Python computes, and
box, count and nearest queries agree with brute force, with filters applied."""

from __future__ import annotations

import random

import pytest

from inspector.data import spatial
from inspector.data.browse import RegisterQuery
from inspector.data.spatial import MapFilter
from inspector.domain.geo import BBox, haversine_m
from inspector.services.mapview import CellIndex
from tests.conftest import both_engines

pytestmark = both_engines

STATES = ("suspected", "traced", "closed", "abolished")


@pytest.fixture
def scattered(db):  # type: ignore[no-untyped-def]
    """600 outfalls in a 20 km box around 焦作, some tombstoned, written as a user would."""
    from inspector.services.register import create_outfall
    from inspector.services.replica import init_replica

    init_replica(db, name="t", role="central", region="410800", user="t")
    rng = random.Random(5)
    with db.write() as w:
        for i in range(600):
            oid = create_outfall(
                w,
                {
                    "name": f"测试{i}",
                    "county_code": "410823" if i % 3 else "410825",
                    "lat": round(rng.uniform(34.95, 35.13), 6),
                    "lon": round(rng.uniform(113.2, 113.42), 6),
                    "river": "沁河" if i % 2 else "黄河",
                    "category": "城镇雨洪排口",
                    "state": STATES[i % 4],
                },
            )
            if i % 50 == 0:
                w.delete(__import__("inspector.models", fromlist=["Outfall"]).Outfall, oid)
    return db


def _live(db, where: MapFilter | None = None) -> list[tuple[str, float, float]]:  # type: ignore[no-untyped-def]
    conditions, params = (where or MapFilter()).where()
    with db.read() as conn:
        return conn.execute(
            f"SELECT o.id, o.lat, o.lon FROM outfall o WHERE {' AND '.join(conditions)}", params
        ).fetchall()


def test_the_database_and_python_agree_on_every_cell(db) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(1)
    points = [(rng.uniform(-89.9, 89.9), rng.uniform(-179.9, 179.9)) for _ in range(300)]
    points += [(35.0, 113.0), (0.0, 0.0), (-0.0005, -0.0005), (35.0009999, 113.0009999)]
    with db.read() as conn:
        for lat, lon in points:
            # Each engine's expression of the computed column (migration 0011).
            sql = (
                "SELECT CAST((? + 90.0) * 1000 AS INTEGER) * 360000 "
                "+ CAST((? + 180.0) * 1000 AS INTEGER)"
                if db.dialect == "sqlite"
                else "SELECT CAST(floor((? + 90.0) * 1000) AS BIGINT) * 360000 "
                "+ CAST(floor((? + 180.0) * 1000) AS BIGINT)"
            )
            (cell,) = conn.execute(sql, (lat, lon)).fetchone()
            assert cell == spatial.cell_of(lat, lon)
            assert spatial.cell_box(cell).contains(lat, lon)


def test_the_cell_column_is_computed_on_every_write(scattered) -> None:  # type: ignore[no-untyped-def]
    with scattered.read() as conn:
        rows = conn.execute("SELECT lat, lon, cell FROM outfall").fetchall()
    assert rows
    assert all(cell == spatial.cell_of(lat, lon) for lat, lon, cell in rows)


def test_box_query_is_brute_force(scattered) -> None:  # type: ignore[no-untyped-def]
    box = BBox(35.0, 113.25, 35.07, 113.33)
    with scattered.read() as conn:
        found = {p.id for p in spatial.points_in_box(conn, box=box)}
        assert spatial.count_in_box(conn, box=box) == len(found)
    expected = {oid for oid, lat, lon in _live(scattered) if box.contains(lat, lon)}
    assert found == expected
    assert found


def test_filters_apply_as_in_the_register(scattered) -> None:  # type: ignore[no-untyped-def]
    where = MapFilter(RegisterQuery(county="410825", state="closed"))
    box = BBox(34.9, 113.1, 35.2, 113.5)
    with scattered.read() as conn:
        found = {p.id for p in spatial.points_in_box(conn, box=box, where=where)}
        index = CellIndex.load(conn, where)
    assert found == {oid for oid, _, _ in _live(scattered, where)}
    assert index.total == len(found) == index.count(box)


def test_cell_counts_add_up(scattered) -> None:  # type: ignore[no-untyped-def]
    with scattered.read() as conn:
        counts = spatial.cell_counts(conn)
    assert sum(c.count for c in counts) == len(_live(scattered))


@pytest.mark.parametrize("count", [1, 5, 20, 100])
def test_nearest_is_brute_force(scattered, count: int) -> None:  # type: ignore[no-untyped-def]
    here = (35.04, 113.31)
    with scattered.read() as conn:
        found = spatial.nearest(conn, lat=here[0], lon=here[1], count=count)
    expected = sorted(_live(scattered), key=lambda r: haversine_m(*here, r[1], r[2]))[:count]
    assert [p.id for p, _ in found] == [oid for oid, _, _ in expected]


def test_nearest_from_far_away_still_finds_them(scattered) -> None:  # type: ignore[no-untyped-def]
    with scattered.read() as conn:
        found = spatial.nearest(conn, lat=35.4, lon=113.31, count=3)
    assert len(found) == 3
    assert found[0][1] > 25_000


def test_plan_items_due_filter(demo_db) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from inspector.services.plans import due_items

    today = dt.date(2026, 11, 23)
    where = MapFilter(RegisterQuery(today=today), plan_due=True, due_by=dt.date(2026, 11, 30))
    with demo_db.read() as conn:
        expected = {i.outfall_id for i in due_items(conn, today=today, within_days=7, limit=10_000)}
        box = spatial.extent(conn, where=where)
        assert box is not None
        found = {p.id for p in spatial.points_in_box(conn, box=box, where=where)}
    assert found == expected
    assert found
