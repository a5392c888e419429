"""Nearest outfalls from where the inspector stands: distance and bearing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspector.data.engine import Conn
from inspector.data.spatial import MapFilter, nearest
from inspector.domain.geo import GREAT_CIRCLE_ERROR, bearing_deg, compass_point, distance_m


@dataclass(frozen=True)
class NearbyOutfall:
    id: str
    code: str
    name: str
    river: str
    state: str
    lat: float
    lon: float
    distance_m: float
    """Geodesic (WGS-84 ellipsoid)."""
    bearing_deg: float
    """From here to the outfall, clockwise from true north."""

    @property
    def compass(self) -> str:
        return compass_point(self.bearing_deg)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "code": self.code,
            "name": self.name,
            "river": self.river,
            "state": self.state,
            "lat": self.lat,
            "lon": self.lon,
            "distance_m": round(self.distance_m, 1),
            "bearing_deg": round(self.bearing_deg, 1),
            "compass": self.compass,
        }


def toward(lat: float, lon: float, to_lat: float, to_lon: float) -> tuple[float, float]:
    """(geodesic distance in metres, bearing in degrees) from one point to another."""
    return distance_m(lat, lon, to_lat, to_lon), bearing_deg(lat, lon, to_lat, to_lon)


def nearest_outfalls(
    conn: Conn,
    lat: float,
    lon: float,
    *,
    count: int = 20,
    where: MapFilter | None = None,
) -> list[NearbyOutfall]:
    """The `count` live outfalls nearest to (lat, lon) by geodesic distance, nearest first."""
    # The index ranks by great circle; near the last place the geodesic can reorder
    # them, so every candidate within the margin where the two can disagree is measured.
    margin = (1 + GREAT_CIRCLE_ERROR) / (1 - GREAT_CIRCLE_ERROR) - 1
    measured = sorted(
        (distance_m(lat, lon, point.lat, point.lon), point.id, point)
        for point, _ in nearest(conn, lat=lat, lon=lon, count=count, where=where, margin=margin)
    )
    return [
        NearbyOutfall(
            point.id, point.code, point.name, point.river, point.state,
            point.lat, point.lon, d, bearing_deg(lat, lon, point.lat, point.lon),
        )
        for d, _, point in measured[:count]
    ]  # fmt: skip
