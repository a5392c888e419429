"""The nearest outfalls are the nearest by geodesic distance, which is what they show: the
great circle the index ranks by can put them in another order."""

from __future__ import annotations

import random

import pytest

from inspector.domain.geo import distance_m, offset
from inspector.services.nearby import nearest_outfalls

HERE = (35.0, 113.3)


def _register(db, positions: list[tuple[float, float]]) -> dict[tuple[float, float], str]:  # type: ignore[no-untyped-def]
    from inspector.services.register import create_outfall
    from inspector.services.replica import init_replica

    init_replica(db, name="t", role="central", region="410800", user="t")
    ids = {}
    with db.write() as w:
        for i, (lat, lon) in enumerate(positions):
            ids[(lat, lon)] = create_outfall(
                w,
                {"name": f"测试{i}", "county_code": "410823", "lat": lat, "lon": lon,
                 "river": "沁河", "category": "城镇雨洪排口", "state": "suspected"},
            )  # fmt: skip
    return ids


def _rounded(point: tuple[float, float]) -> tuple[float, float]:
    return round(point[0], 6), round(point[1], 6)


def test_the_nearest_is_the_nearest_on_the_ellipsoid(db) -> None:  # type: ignore[no-untyped-def]
    # 1,000 m north and 997 m east on the sphere; on the ellipsoid a metre of latitude
    # here is shorter than the sphere's and a metre of longitude longer, so the northern
    # one is nearer (997.7 m against 999.2 m).
    north = _rounded(offset(*HERE, 1000, 0))
    east = _rounded(offset(*HERE, 0, 997))
    ids = _register(db, [north, east])
    assert distance_m(*HERE, *north) < distance_m(*HERE, *east)
    with db.read() as conn:
        (found,) = nearest_outfalls(conn, *HERE, count=1)
    assert found.id == ids[north]
    assert found.distance_m == pytest.approx(distance_m(*HERE, *north))


def test_nearest_twenty_are_brute_force_by_geodesic(db) -> None:  # type: ignore[no-untyped-def]
    # A crowd at nearly the same distance in every direction: the great circle and the
    # geodesic disagree about which twenty are nearest.
    rng = random.Random(15)
    positions = []
    for _ in range(300):
        north, east = rng.uniform(-1, 1), rng.uniform(-1, 1)
        scale = rng.uniform(990, 1010) / max(1e-9, (north * north + east * east) ** 0.5)
        positions.append(_rounded(offset(*HERE, north * scale, east * scale)))
    ids = _register(db, positions)
    expected = sorted(ids, key=lambda p: (distance_m(*HERE, *p), ids[p]))[:20]
    with db.read() as conn:
        found = nearest_outfalls(conn, *HERE, count=20)
    assert [f.id for f in found] == [ids[p] for p in expected]
    assert [f.distance_m for f in found] == sorted(f.distance_m for f in found)
