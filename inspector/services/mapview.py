"""What the map shows, without drawing it: the viewport, the outfalls counted per grid
cell, and the scene of one view (points, or cells where there are too many to show one
by one; lines of the reference layers). The terminal widget draws a scene in Braille or
half-block cells, or as a picture where the terminal has a graphics protocol.

A viewport is a centre, a scale (metres per pixel; a Braille dot and a half-block pixel
are both about square) and a size in pixels. The projection is equirectangular at the
centre's latitude: over a city it is true to a fraction of a percent, and it is cheap.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from inspector.data import spatial
from inspector.data.engine import Conn
from inspector.data.layers import FeatureRow
from inspector.data.spatial import GRID, ROW, MapFilter, MapPoint
from inspector.domain.geo import BBox, metres_per_degree

#: Lifecycle states drawn alike, in the order the legend lists them.
STATE_GROUP = {
    "suspected": "investigate",
    "confirmed": "investigate",
    "traced": "remediate",
    "in_remediation": "remediate",
    "remediated": "closing",
    "pre_closed": "closing",
    "closed": "supervised",
    "in_service": "supervised",
    "abolished": "gone",
    "rejected": "gone",
}
GROUPS = ("investigate", "remediate", "closing", "supervised", "gone")

POINT_LIMIT = 6000
"""A view with more outfalls than this is drawn from the counts per cell."""
MIN_M_PER_PX = 0.5
MAX_M_PER_PX = 2000.0


@dataclass(frozen=True)
class Viewport:
    lat: float
    lon: float
    m_per_px: float
    width: int
    """Pixels (Braille dots or half-block pixels) across."""
    height: int

    @property
    def _scale(self) -> tuple[float, float]:
        per_lat, per_lon = metres_per_degree(self.lat)
        return per_lat / self.m_per_px, per_lon / self.m_per_px

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        sy, sx = self._scale
        return (lon - self.lon) * sx + self.width / 2, (self.lat - lat) * sy + self.height / 2

    def unproject(self, x: float, y: float) -> tuple[float, float]:
        sy, sx = self._scale
        return self.lat - (y - self.height / 2) / sy, self.lon + (x - self.width / 2) / sx

    @property
    def bbox(self) -> BBox:
        north, west = self.unproject(0, 0)
        south, east = self.unproject(self.width, self.height)
        return BBox(south, west, north, east)

    def resized(self, width: int, height: int) -> Viewport:
        return replace(self, width=max(1, width), height=max(1, height))

    def panned(self, dx: float, dy: float) -> Viewport:
        """Moved by (dx, dy) pixels (positive: east and south)."""
        lat, lon = self.unproject(self.width / 2 + dx, self.height / 2 + dy)
        return replace(self, lat=lat, lon=lon)

    def zoomed(self, factor: float, at: tuple[float, float] | None = None) -> Viewport:
        """Scaled by `factor` (>1 zooms in), keeping the point under `at` in place."""
        scale = min(max(self.m_per_px / factor, MIN_M_PER_PX), MAX_M_PER_PX)
        if at is None:
            return replace(self, m_per_px=scale)
        lat, lon = self.unproject(*at)
        moved = replace(self, m_per_px=scale)
        x, y = moved.project(lat, lon)
        return moved.panned(x - at[0], y - at[1])

    def centred(self, lat: float, lon: float) -> Viewport:
        return replace(self, lat=lat, lon=lon)

    def fit(self, box: BBox, margin: float = 0.08) -> Viewport:
        """The view that shows `box` whole, with a margin."""
        lat, lon = (box.south + box.north) / 2, (box.west + box.east) / 2
        per_lat, per_lon = metres_per_degree(lat)
        tall = max((box.north - box.south) * per_lat, 50.0)
        wide = max((box.east - box.west) * per_lon, 50.0)
        scale = max(tall / self.height, wide / self.width) * (1 + 2 * margin)
        return replace(self, lat=lat, lon=lon, m_per_px=min(max(scale, MIN_M_PER_PX), MAX_M_PER_PX))


@dataclass
class CellIndex:
    """Outfalls counted per grid cell and state group, row by row: a view's count, and
    its cells, come from the rows it spans without touching the database."""

    rows: dict[int, tuple[list[int], list[tuple[int, str, int]]]] = field(default_factory=dict)
    """grid row -> (columns, sorted; (cell, dominant group, total) of each)."""
    total: int = 0

    @classmethod
    def load(cls, conn: Conn, where: MapFilter | None = None) -> CellIndex:
        per_cell: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for count in spatial.cell_counts(conn, where=where):
            per_cell[count.cell][STATE_GROUP.get(count.state, "gone")] += count.count
        return cls.build(per_cell)

    @classmethod
    def build(cls, per_cell: dict[int, dict[str, int]]) -> CellIndex:
        rows: dict[int, list[tuple[int, tuple[int, str, int]]]] = defaultdict(list)
        total = 0
        for cell, groups in per_cell.items():
            row, col = divmod(cell, ROW)
            n = sum(groups.values())
            total += n
            # The group an inspector most needs to see wins the cell's colour.
            dominant = next(g for g in GROUPS if groups.get(g))
            rows[row].append((col, (cell, dominant, n)))
        index = cls(total=total)
        for row, entries in rows.items():
            entries.sort()
            index.rows[row] = ([c for c, _ in entries], [e for _, e in entries])
        return index

    def cells(self, box: BBox) -> Iterator[tuple[int, str, int]]:
        r0, r1 = spatial.cell_row(box.south), spatial.cell_row(box.north)
        c0, c1 = spatial.cell_col(box.west), spatial.cell_col(box.east)
        rows = self.rows
        if r1 - r0 > len(rows):
            candidates: Sequence[int] = [r for r in rows if r0 <= r <= r1]
        else:
            candidates = range(r0, r1 + 1)
        for r in candidates:
            entry = rows.get(r)
            if entry is None:
                continue
            cols, items = entry
            yield from items[bisect_left(cols, c0) : bisect_right(cols, c1)]

    def count(self, box: BBox) -> int:
        return sum(n for _, _, n in self.cells(box))

    def extent(self) -> BBox | None:
        if not self.rows:
            return None
        r0, r1 = min(self.rows), max(self.rows)
        c0 = min(cols[0] for cols, _ in self.rows.values())
        c1 = max(cols[-1] for cols, _ in self.rows.values())
        return BBox(r0 / GRID - 90, c0 / GRID - 180, (r1 + 1) / GRID - 90, (c1 + 1) / GRID - 180)


@dataclass
class Scene:
    """One view's content, ready to draw."""

    viewport: Viewport
    points: list[MapPoint] | None
    """The outfalls one by one (id, position and state only: what is drawn), or None
    when the view shows cells."""
    cells: list[tuple[float, float, float, str]]
    """(x, y, size in pixels, group) of each occupied grid cell, when there are too many
    outfalls to show one by one."""
    counts: dict[str, int]
    """Outfalls in view per state group."""
    lines: list[tuple[str, list[list[tuple[float, float]]]]]
    """(layer kind, projected polylines) of the reference layers in view."""

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _polylines(geometry: dict[str, object]) -> list[list[list[float]]]:
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if not isinstance(coords, list):
        return []
    if kind == "LineString":
        return [coords]
    if kind in ("MultiLineString", "Polygon"):
        return [c for c in coords if isinstance(c, list)]
    if kind == "MultiPolygon":
        return [
            ring
            for poly in coords
            if isinstance(poly, list)
            for ring in poly
            if isinstance(ring, list)
        ]
    return []


def project_features(
    viewport: Viewport, features: Sequence[FeatureRow]
) -> list[tuple[str, list[list[tuple[float, float]]]]]:
    box = viewport.bbox
    out = []
    project = viewport.project
    for feature in features:
        b = feature.bbox
        if b.north < box.south or b.south > box.north or b.east < box.west or b.west > box.east:
            continue
        lines = []
        for line in _polylines(feature.geometry):
            projected = []
            for pair in line:
                try:
                    lon, lat = float(pair[0]), float(pair[1])
                except (TypeError, ValueError, IndexError):
                    continue
                projected.append(project(lat, lon))
            if len(projected) >= 2:
                lines.append(projected)
        if lines:
            out.append((feature.layer_kind, lines))
    return out


def build_scene(
    conn: Conn | None,
    viewport: Viewport,
    *,
    index: CellIndex,
    features: Sequence[FeatureRow] = (),
    where: MapFilter | None = None,
    point_limit: int = POINT_LIMIT,
) -> Scene:
    """The scene of `viewport`: outfalls one by one when the view holds few enough (read
    from the grid index), else the occupied cells from `index`."""
    box = viewport.bbox
    counts = dict.fromkeys(GROUPS, 0)
    cells_in_view = list(index.cells(box))
    in_view = sum(n for _, _, n in cells_in_view)
    points: list[MapPoint] | None = None
    cells: list[tuple[float, float, float, str]] = []
    if in_view <= point_limit and conn is not None:
        points = spatial.points_in_box(conn, box=box, where=where, limit=point_limit, detail=False)
        for p in points:
            counts[STATE_GROUP.get(p.state, "gone")] += 1
    else:
        size = (1 / GRID) * metres_per_degree(viewport.lat)[0] / viewport.m_per_px
        for cell, group, n in cells_in_view:
            lat, lon = spatial.cell_centre(cell)
            x, y = viewport.project(lat, lon)
            cells.append((x, y, size, group))
            counts[group] += n
    return Scene(viewport, points, cells, counts, project_features(viewport, features))


def scale_bar(m_per_px: float, max_px: float) -> tuple[float, str]:
    """A round length (1, 2 or 5 times a power of ten) that fits in `max_px` pixels:
    (its length in pixels, its label)."""
    best = 1.0
    for exponent in range(7):
        for mantissa in (1, 2, 5):
            metres = mantissa * 10**exponent
            if metres / m_per_px <= max_px:
                best = metres
    label = f"{best / 1000:g} km" if best >= 1000 else f"{best:g} m"
    return best / m_per_px, label


def nearest_in_scene(scene: Scene, x: float, y: float, radius_px: float) -> MapPoint | None:
    """The outfall drawn nearest to pixel (x, y), within `radius_px`."""
    if not scene.points:
        return None
    best, found = radius_px * radius_px, None
    project = scene.viewport.project
    for p in scene.points:
        px, py = project(p.lat, p.lon)
        d = (px - x) ** 2 + (py - y) ** 2
        if d <= best:
            best, found = d, p
    return found


@dataclass(frozen=True)
class Overlay:
    """What is drawn over a scene and changes without reading the database."""

    me: tuple[float, float, float | None, bool] | None = None
    """(lat, lon, accuracy in metres, whether the fix is live) of the receiver."""
    target: MapPoint | None = None
    selected: MapPoint | None = None


def accuracy_radius_px(viewport: Viewport, accuracy_m: float | None) -> float:
    if accuracy_m is None or not math.isfinite(accuracy_m):
        return 0.0
    return accuracy_m / viewport.m_per_px
