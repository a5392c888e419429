"""The demo's map: synthetic rivers along which its outfalls lie, county boundaries, and
a recorded receiver walk along a river bank.

The rivers are made from the coarse courses in `assets/demo/jiaozuo.json`: each is
followed at 100 m steps with meanders (two sine waves whose phases come from the river's
name), so the same rivers come out of every build. The outfalls are placed on them by
`DemoBuilder.point_on_river`, which uses `RiverLine.point`. The boundaries are a Voronoi
partition of the city around the centres of the counties' boxes: not the real lines
(which are not ours to ship), but lines of the right kind in the right places.

Both are stored as map layers through the one write path, like a user's import.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from inspector.domain.geo import haversine_m, metres_per_degree, offset
from inspector.domain.periods import today as calendar_today

if TYPE_CHECKING:
    from inspector.data.db import Database
    from inspector.data.reference import ReferenceData

STEP_M = 100.0
RIVERS_LAYER = "演示河流 Demo rivers"
BOUNDARIES_LAYER = "演示行政区界 Demo boundaries"
WALK_RIVER = "沁河"
WALK_COUNTY = "410823"
WALK_SECONDS = 900


@dataclass(frozen=True)
class RiverLine:
    """A synthetic river: dense (lat, lon) vertices, and for each coarse segment of its
    course the range of dense vertices that follows it."""

    name: str
    points: tuple[tuple[float, float], ...]
    segments: tuple[tuple[int, int], ...]
    lengths: tuple[float, ...]
    """Cumulative length (m) at each dense vertex."""

    def point(self, segment: int, fraction: float) -> tuple[float, float, float]:
        """(lat, lon, heading) at `fraction` of the way along coarse segment `segment`."""
        first, last = self.segments[segment]
        target = self.lengths[first] + (self.lengths[last] - self.lengths[first]) * fraction
        return self.at(target)

    def at(self, metres: float) -> tuple[float, float, float]:
        from bisect import bisect_right

        from inspector.domain.geo import bearing_deg

        pts, lengths = self.points, self.lengths
        i = min(max(bisect_right(lengths, metres) - 1, 0), len(pts) - 2)
        span = lengths[i + 1] - lengths[i]
        f = 0.0 if span <= 0 else min(max((metres - lengths[i]) / span, 0.0), 1.0)
        (lat1, lon1), (lat2, lon2) = pts[i], pts[i + 1]
        heading = bearing_deg(lat1, lon1, lat2, lon2)
        return lat1 + (lat2 - lat1) * f, lon1 + (lon2 - lon1) * f, heading

    def locate(self, lat: float, lon: float) -> float:
        """How far along the river the vertex nearest to (lat, lon) lies, in metres."""
        best = min(range(len(self.points)), key=lambda i: haversine_m(lat, lon, *self.points[i]))
        return self.lengths[best]


def _phases(name: str) -> random.Random:
    return random.Random(int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big"))


def make_river(name: str, course: Sequence[Sequence[float]]) -> RiverLine:
    rng = _phases(name)
    big = name == "黄河"
    a1, l1 = (900.0, 11_000.0) if big else (320.0, 3_400.0)
    a2, l2 = (150.0, 1_900.0) if big else (70.0, 750.0)
    p1, p2 = rng.uniform(0, 2 * math.pi), rng.uniform(0, 2 * math.pi)
    points: list[tuple[float, float]] = []
    segments: list[tuple[int, int]] = []
    s = 0.0
    for (lat1, lon1), (lat2, lon2) in itertools.pairwise(course):
        length = haversine_m(lat1, lon1, lat2, lon2)
        steps = max(1, int(length // STEP_M))
        per_lat, per_lon = metres_per_degree(lat1)
        # Unit vector to the left of the direction of flow, in metres north and east.
        north, east = (lat2 - lat1) * per_lat, (lon2 - lon1) * per_lon
        norm = math.hypot(north, east) or 1.0
        left_n, left_e = east / norm, -north / norm
        first = len(points) - 1 if points else 0
        for k in range(0 if not points else 1, steps + 1):
            f = k / steps
            along = s + length * f
            wave = a1 * math.sin(2 * math.pi * along / l1 + p1) + a2 * math.sin(
                2 * math.pi * along / l2 + p2
            )
            lat, lon = lat1 + (lat2 - lat1) * f, lon1 + (lon2 - lon1) * f
            points.append(offset(lat, lon, wave * left_n, wave * left_e))
        segments.append((first, len(points) - 1))
        s += length
    lengths = [0.0]
    for (la1, lo1), (la2, lo2) in itertools.pairwise(points):
        lengths.append(lengths[-1] + haversine_m(la1, lo1, la2, lo2))
    rounded = tuple((round(a, 6), round(b, 6)) for a, b in points)
    return RiverLine(name, rounded, tuple(segments), tuple(lengths))


@cache
def demo_rivers() -> dict[str, RiverLine]:
    from inspector.services.demo import load_material

    return {name: make_river(name, course) for name, course in load_material()["rivers"].items()}


def place_on_river(
    river: RiverLine, segment: int, fraction: float, g_side: float, g_dist: float
) -> tuple[float, float, float]:
    """An outfall's position from the demo's draws: on the bank, 12 to 57 m from the
    river's line, on the side the sign of one draw gives; with the river's heading there."""
    lat, lon, heading = river.point(segment, fraction)
    distance = 12.0 + min(abs(g_dist) / 0.003, 3.0) * 15.0
    side = 1.0 if g_side >= 0 else -1.0
    right = math.radians(heading + 90.0)
    lat, lon = offset(
        lat, lon, side * distance * math.cos(right), side * distance * math.sin(right)
    )
    return lat, lon, heading


# -- boundaries ------------------------------------------------------------------------


Polygon = list[tuple[float, float]]


def _clip(polygon: Polygon, a: tuple[float, float], b: tuple[float, float]) -> Polygon:
    """The part of `polygon` (lon, lat) nearer to `a` than to `b` (one Voronoi half-plane),
    in a plane scaled so that degrees of longitude and latitude are equally long."""
    ax, ay = a
    bx, by = b
    mx, my = (ax + bx) / 2, (ay + by) / 2
    nx, ny = bx - ax, by - ay

    def inside(p: tuple[float, float]) -> bool:
        return (p[0] - mx) * nx + (p[1] - my) * ny <= 0

    out: Polygon = []
    for i, current in enumerate(polygon):
        previous = polygon[i - 1]
        if inside(current):
            if not inside(previous):
                out.append(_cross(previous, current, mx, my, nx, ny))
            out.append(current)
        elif inside(previous):
            out.append(_cross(previous, current, mx, my, nx, ny))
    return out


def _cross(
    p: tuple[float, float], q: tuple[float, float], mx: float, my: float, nx: float, ny: float
) -> tuple[float, float]:
    dp = (p[0] - mx) * nx + (p[1] - my) * ny
    dq = (q[0] - mx) * nx + (q[1] - my) * ny
    t = dp / (dp - dq)
    return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)


def county_boundaries(ref: ReferenceData, city: str = "410800") -> dict[str, Polygon]:
    """Each county's synthetic boundary, (lon, lat) rings, closed."""
    box = ref.regions[city].bbox
    assert box is not None
    scale = math.cos(math.radians((box.south + box.north) / 2))
    centres = {}
    for county in ref.counties(city):
        b = county.bbox
        if b is not None:
            centres[county.code] = ((b.west + b.east) / 2 * scale, (b.south + b.north) / 2)
    out = {}
    for code, centre in centres.items():
        ring: Polygon = [
            (box.west * scale, box.south),
            (box.east * scale, box.south),
            (box.east * scale, box.north),
            (box.west * scale, box.north),
        ]
        for other, where in centres.items():
            if other != code and ring:
                ring = _clip(ring, centre, where)
        if len(ring) >= 3:
            closed = [(round(x / scale, 6), round(y, 6)) for x, y in ring]
            out[code] = [*closed, closed[0]]
    return out


# -- the layers and the walk ----------------------------------------------------------


def add_demo_layers(db: Database, builder: Any = None) -> None:
    """Store the demo rivers and boundaries as layers, and write the demo walk beside
    the database (`locations.demo_walk`)."""
    from inspector import locations
    from inspector.data.reference import ReferenceData
    from inspector.models import MapFeature, MapLayer

    with db.read() as conn:
        ref = ReferenceData.load(conn)
    rivers = demo_rivers()
    boundaries = county_boundaries(ref)
    with db.write(reason="demo map layers") as w:
        layer = w.create(
            MapLayer,
            {"name": RIVERS_LAYER, "kind": "rivers", "source_name": "jiaozuo.json",
             "source_format": "demo", "feature_count": len(rivers)},
        )  # fmt: skip
        for name, river in rivers.items():
            lats = [p[0] for p in river.points]
            lons = [p[1] for p in river.points]
            w.create(
                MapFeature,
                {
                    "layer_id": layer,
                    "name": name,
                    "river": name if name in ref.rivers else None,
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [[lon, lat] for lat, lon in river.points],
                    },
                    "south": min(lats), "west": min(lons), "north": max(lats), "east": max(lons),
                },
            )  # fmt: skip
        layer = w.create(
            MapLayer,
            {"name": BOUNDARIES_LAYER, "kind": "boundaries", "source_name": "jiaozuo.json",
             "source_format": "demo", "feature_count": len(boundaries)},
        )  # fmt: skip
        for code, ring in boundaries.items():
            region = ref.regions[code]
            w.create(
                MapFeature,
                {
                    "layer_id": layer,
                    "name": region.name_zh,
                    "region_code": code,
                    "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in ring]]},
                    "south": min(p[1] for p in ring), "west": min(p[0] for p in ring),
                    "north": max(p[1] for p in ring), "east": max(p[0] for p in ring),
                },
            )  # fmt: skip
    write_demo_walk(db, locations.demo_walk(db.path))


def walk_start(db: Database) -> float:
    """Where the demo walk begins along its river: 150 m before the first outfall of the
    walk's county that lies on it, so the walk passes outfalls at once."""
    from inspector.data import demo as demo_data

    river = demo_rivers()[WALK_RIVER]
    with db.read() as conn:
        first = demo_data.first_position_on_river(conn, river=WALK_RIVER, county=WALK_COUNTY)
    if first is None:
        return river.lengths[-1] / 2
    return max(0.0, river.locate(*first) - 150.0)


def write_demo_walk(
    db: Database, path: Any, *, today: dt.date | None = None, seconds: int = WALK_SECONDS
) -> int:
    """Write the recorded walk along the demo river (what a receiver would have said),
    with a poor stretch and a dropout for the accuracy gate to refuse."""
    from inspector.gnss.track import Walk, write_log

    river = demo_rivers()[WALK_RIVER]
    start_m = walk_start(db)
    end_m = min(river.lengths[-1], start_m + seconds * 1.2 + 50)
    line = [
        p
        for p, s in zip(river.points, river.lengths, strict=True)
        if start_m - 200 <= s <= end_m + 200
    ]
    day = today or calendar_today()
    walk = Walk(
        line=line,
        start=dt.datetime.combine(day, dt.time(2, 30), dt.UTC),
        seconds=seconds,
        start_m=min(200.0, start_m),
        poor=((120, 150),),
        dropouts=((300, 306),),
        seed=7,
    )
    return write_log(walk, path)
