"""Reference map layers from GeoJSON, KML (or KMZ) and Shapefile.

A file becomes one layer and its features: lines (rivers, canals), areas (region
boundaries) and points. Coordinates may be in any datum a ledger may be in (WGS-84,
CGCS2000, GCJ-02 as Gaode and Tencent give them, BD-09 as Baidu does); they are converted
to WGS-84 once, here, with `inspector.domain.geo`. Lines are thinned (Douglas-Peucker, to
well under a metre) so that a river traced at every step does not weigh down the
operations that carry it to other replicas.

All or nothing: a file with any unreadable feature imports nothing and says which file,
which feature and what is wrong. Layers are written through `Database.write()` and sync
like any record.
"""

from __future__ import annotations

import json
import math
import struct
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector.data.db import Database
from inspector.data.reference import ReferenceData
from inspector.domain import jsontext
from inspector.domain.choices import Datum, LayerKind
from inspector.domain.geo import to_wgs84
from inspector.i18n import Problem

MAX_FILE_BYTES = 512 << 20
MAX_VERTICES = 50_000
"""Per feature, after thinning; a finer line is thinned harder until it fits."""
SIMPLIFY_M = 0.5
FORMATS = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".kml": "kml",
    ".kmz": "kml",
    ".shp": "shapefile",
}
NAME_KEYS = ("name", "NAME", "Name", "名称", "河流名称", "河名", "区划名称", "行政区名", "title")
CODE_KEYS = ("code", "adcode", "CODE", "ADCODE", "区划代码", "行政区划代码", "gb")

Ring = list[tuple[float, float]]
"""(lon, lat) pairs, GeoJSON's order."""


@dataclass
class ParsedFeature:
    kind: str
    """"line", "area" or "point"."""
    parts: list[Ring]
    """Lines: one ring per line; areas: rings of every polygon (outer and holes, with
    `polygons` saying which belong together); points: one ring of points."""
    polygons: list[int] = field(default_factory=list)
    """For areas: how many rings each polygon has."""
    name: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class LayerImport:
    layer_id: str
    name: str
    kind: str
    features: int
    vertices: int
    source_format: str
    datum: str

    def as_json(self) -> dict[str, Any]:
        return dict(vars(self))


# -- reading files --------------------------------------------------------------------


def _problem(file: Path, where: str, reason: str) -> Problem:
    return Problem("layer.bad_feature", file=file.name, feature=where, reason=reason)


def _pairs(file: Path, where: str, coords: Any) -> Ring:
    if not isinstance(coords, list) or not coords:
        raise _problem(file, where, "no coordinates")
    out: Ring = []
    for c in coords:
        if not isinstance(c, list | tuple) or len(c) < 2:
            raise _problem(file, where, f"not a coordinate pair: {str(c)[:40]}")
        try:
            lon, lat = float(c[0]), float(c[1])
        except (TypeError, ValueError):
            raise _problem(file, where, f"not a number: {str(c)[:40]}") from None
        out.append((lon, lat))
    return out


def _geojson_geometry(file: Path, where: str, geometry: Any) -> Iterator[ParsedFeature]:
    if not isinstance(geometry, dict):
        raise _problem(file, where, "no geometry")
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if kind == "LineString":
        yield ParsedFeature("line", [_pairs(file, where, coords)])
    elif kind == "MultiLineString":
        yield ParsedFeature("line", [_pairs(file, where, c) for c in coords or []])
    elif kind == "Polygon":
        rings = [_pairs(file, where, c) for c in coords or []]
        yield ParsedFeature("area", rings, [len(rings)])
    elif kind == "MultiPolygon":
        rings, sizes = [], []
        for polygon in coords or []:
            parts = [_pairs(file, where, c) for c in polygon]
            rings += parts
            sizes.append(len(parts))
        yield ParsedFeature("area", rings, sizes)
    elif kind == "Point":
        yield ParsedFeature("point", [_pairs(file, where, [coords])])
    elif kind == "MultiPoint":
        yield ParsedFeature("point", [_pairs(file, where, coords)])
    elif kind == "GeometryCollection":
        for i, part in enumerate(geometry.get("geometries") or []):
            yield from _geojson_geometry(file, f"{where}.{i + 1}", part)
    else:
        raise _problem(file, where, f"unknown geometry type {str(kind)[:30]}")


def _property(props: Any, keys: Sequence[str]) -> str | None:
    if not isinstance(props, dict):
        return None
    for key in keys:
        value = props.get(key)
        if value not in (None, ""):
            # NULs pad a shapefile's text fields in some tools' files, and nothing can
            # store them: a name written with them was refused in the middle of the
            # import, naming neither the file nor the feature.
            return str(value).replace("\x00", "").strip()[:200] or None
    return None


def read_geojson(file: Path) -> list[ParsedFeature]:
    try:
        doc = jsontext.loads(file.read_bytes())
    except (UnicodeDecodeError, ValueError) as exc:
        raise Problem("layer.unreadable", file=file.name, error=str(exc)[:120]) from None
    if not isinstance(doc, dict):
        raise Problem("layer.unreadable", file=file.name, error="not a GeoJSON object")
    if doc.get("type") == "FeatureCollection":
        items = doc.get("features")
        if not isinstance(items, list):
            raise Problem("layer.unreadable", file=file.name, error="no features")
    elif doc.get("type") == "Feature":
        items = [doc]
    else:
        items = [{"type": "Feature", "geometry": doc, "properties": {}}]
    out = []
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise _problem(file, str(i), "not a feature")
        props = item.get("properties")
        for parsed in _geojson_geometry(file, str(i), item.get("geometry")):
            parsed.name = _property(props, NAME_KEYS)
            parsed.code = _property(props, CODE_KEYS)
            out.append(parsed)
    return out


def _kml_text(file: Path) -> bytes:
    if file.suffix.lower() == ".kmz":
        try:
            with zipfile.ZipFile(file) as zf:
                names = [i for i in zf.infolist() if i.filename.lower().endswith(".kml")]
                if not names:
                    raise Problem("layer.unreadable", file=file.name, error="no .kml inside")
                if names[0].file_size > MAX_FILE_BYTES:
                    raise Problem("layer.too_big", file=file.name, limit=MAX_FILE_BYTES >> 20)
                with zf.open(names[0]) as fh:
                    data = fh.read(MAX_FILE_BYTES + 1)
        except zipfile.BadZipFile as exc:
            raise Problem("layer.unreadable", file=file.name, error=str(exc)) from None
    else:
        data = file.read_bytes()
    # No document type declarations: KML needs none, and entities are how XML bombs work.
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise Problem("layer.unreadable", file=file.name, error="DOCTYPE/ENTITY not allowed")
    return data


def _kml_coords(file: Path, where: str, text: str | None) -> Ring:
    pairs = []
    for token in (text or "").split():
        parts = token.split(",")
        pairs.append(parts[:2])
    return _pairs(file, where, pairs)


def read_kml(file: Path) -> list[ParsedFeature]:
    import xml.etree.ElementTree as ET

    data = _kml_text(file)
    try:
        root = ET.fromstring(data)  # noqa: S314
    except ET.ParseError as exc:
        raise Problem("layer.unreadable", file=file.name, error=str(exc)) from None

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]

    out: list[ParsedFeature] = []
    for n, placemark in enumerate((e for e in root.iter() if local(e.tag) == "Placemark"), 1):
        name = next((c.text for c in placemark if local(c.tag) == "name"), None)
        where = str(n) + (f" ({name.strip()[:40]})" if name else "")
        lines: list[Ring] = []
        rings: list[Ring] = []
        sizes: list[int] = []
        points: Ring = []
        for element in placemark.iter():
            tag = local(element.tag)
            if tag == "LineString":
                coords = next((c for c in element.iter() if local(c.tag) == "coordinates"), None)
                lines.append(_kml_coords(file, where, coords.text if coords is not None else None))
            elif tag == "Polygon":
                polygon: list[Ring] = []
                for boundary in element:
                    if local(boundary.tag) in ("outerBoundaryIs", "innerBoundaryIs"):
                        coords = next(
                            (c for c in boundary.iter() if local(c.tag) == "coordinates"), None
                        )
                        ring = _kml_coords(file, where, coords.text if coords is not None else None)
                        if local(boundary.tag) == "outerBoundaryIs":
                            polygon.insert(0, ring)
                        else:
                            polygon.append(ring)
                rings += polygon
                sizes.append(len(polygon))
            elif tag == "Point":
                coords = next((c for c in element.iter() if local(c.tag) == "coordinates"), None)
                points += _kml_coords(file, where, coords.text if coords is not None else None)
        clean = name.strip()[:200] if name else None
        if lines:
            out.append(ParsedFeature("line", lines, name=clean))
        if rings:
            out.append(ParsedFeature("area", rings, sizes, name=clean))
        if points:
            out.append(ParsedFeature("point", [points], name=clean))
    return out


def _shapefile_datum(file: Path) -> Datum | None:
    """The datum a .prj beside the file names (None: no .prj)."""
    prj = file.with_suffix(".prj")
    if not prj.exists():
        return None
    text = prj.read_text(encoding="utf-8", errors="replace").upper()
    if text.startswith("PROJCS") or "PROJCRS" in text:
        raise Problem("layer.projected", file=file.name)
    if "2000" in text and ("CGCS" in text or "CHINA" in text):
        return Datum.CGCS2000
    if "WGS" in text and "84" in text:
        return Datum.WGS84
    raise Problem("layer.unknown_datum", file=file.name, datum=text[:60])


def read_shapefile(file: Path) -> list[ParsedFeature]:
    import shapefile

    cpg = file.with_suffix(".cpg")
    encodings = [cpg.read_text(encoding="ascii", errors="replace").strip()] if cpg.exists() else []
    encodings += ["utf-8", "gb18030"]
    last_error: Exception | None = None
    for encoding in encodings:
        try:
            with shapefile.Reader(str(file), encoding=encoding) as reader:
                fields = [f[0] for f in reader.fields[1:]]
                out = []
                for i, record in enumerate(reader.iterShapeRecords(), 1):
                    props = dict(zip(fields, list(record.record), strict=False))
                    out += _shape_features(file, str(i), record.shape.__geo_interface__, props)
                return out
        except UnicodeDecodeError as exc:
            last_error = exc
            continue
        except (shapefile.ShapefileException, OSError, ValueError, struct.error) as exc:
            raise Problem("layer.unreadable", file=file.name, error=str(exc)[:120]) from None
    raise Problem("layer.unreadable", file=file.name, error=str(last_error)[:120])


def _shape_features(
    file: Path, where: str, geometry: dict[str, Any], props: dict[str, Any]
) -> list[ParsedFeature]:
    if not geometry or geometry.get("type") in (None, "Null"):
        return []
    geometry = json.loads(json.dumps(geometry))  # tuples to lists, as GeoJSON has them
    out = list(_geojson_geometry(file, where, geometry))
    for parsed in out:
        parsed.name = _property(props, NAME_KEYS)
        parsed.code = _property(props, CODE_KEYS)
    return out


def read_layer_file(file: Path) -> tuple[str, list[ParsedFeature], Datum | None]:
    """(format, features, datum the file itself declares) of a GeoJSON, KML/KMZ or
    Shapefile."""
    fmt = FORMATS.get(file.suffix.lower())
    if fmt is None:
        raise Problem("layer.unknown_format", file=file.name)
    if not file.is_file():
        raise Problem("layer.missing", file=str(file))
    if file.stat().st_size > MAX_FILE_BYTES:
        raise Problem("layer.too_big", file=file.name, limit=MAX_FILE_BYTES >> 20)
    if fmt == "geojson":
        return fmt, read_geojson(file), None
    if fmt == "kml":
        return fmt, read_kml(file), None
    declared = _shapefile_datum(file)
    return fmt, read_shapefile(file), declared


# -- converting and thinning ----------------------------------------------------------


def _simplify(ring: Ring, tolerance_deg: float) -> Ring:
    """Douglas-Peucker, iterative (a river may have a hundred thousand vertices)."""
    if len(ring) < 3:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = ring[first], ring[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        best, index = -1.0, -1
        for i in range(first + 1, last):
            x, y = ring[i]
            if norm == 0:
                d = math.hypot(x - x1, y - y1)
            else:
                d = abs(dy * (x - x1) - dx * (y - y1)) / norm
            if d > best:
                best, index = d, i
        if index > 0 and best > tolerance_deg:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(ring, keep, strict=True) if k]


def _convert(file: Path, where: str, ring: Ring, datum: Datum) -> Ring:
    out: Ring = []
    for lon, lat in ring:
        if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
            raise _problem(file, where, f"coordinate out of range: {lon}, {lat}")
        wlat, wlon = to_wgs84(lat, lon, datum)
        out.append((round(wlon, 7), round(wlat, 7)))
    return out


def _geometry(parsed: ParsedFeature) -> dict[str, Any]:
    def coords(ring: Ring) -> list[list[float]]:
        return [[lon, lat] for lon, lat in ring]

    if parsed.kind == "line":
        if len(parsed.parts) == 1:
            return {"type": "LineString", "coordinates": coords(parsed.parts[0])}
        return {"type": "MultiLineString", "coordinates": [coords(r) for r in parsed.parts]}
    if parsed.kind == "point":
        points = parsed.parts[0]
        if len(points) == 1:
            return {"type": "Point", "coordinates": coords(points)[0]}
        return {"type": "MultiPoint", "coordinates": coords(points)}
    polygons, at = [], 0
    for size in parsed.polygons or [len(parsed.parts)]:
        polygons.append([coords(r) for r in parsed.parts[at : at + size]])
        at += size
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def prepare(
    file: Path, parsed: list[ParsedFeature], datum: Datum
) -> list[tuple[ParsedFeature, dict[str, Any], tuple[float, float, float, float]]]:
    """Each feature converted to WGS-84 and thinned, with its geometry and (s, w, n, e)."""
    out = []
    for i, feature in enumerate(parsed, 1):
        where = str(i) + (f" ({feature.name[:40]})" if feature.name else "")
        rings = [_convert(file, where, ring, datum) for ring in feature.parts]
        if feature.kind != "point":
            tolerance = SIMPLIFY_M / 111_000
            while True:
                thinned = [_simplify(r, tolerance) for r in rings]
                if sum(len(r) for r in thinned) <= MAX_VERTICES:
                    break
                tolerance *= 2
            rings = thinned
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        feature.parts = rings
        out.append((feature, _geometry(feature), (min(lats), min(lons), max(lats), max(lons))))
    return out


def guess_kind(parsed: list[ParsedFeature]) -> LayerKind:
    kinds = {f.kind for f in parsed}
    if kinds == {"area"}:
        return LayerKind.BOUNDARIES
    if kinds == {"line"}:
        return LayerKind.RIVERS
    return LayerKind.OTHER


# -- writing --------------------------------------------------------------------------


def import_layer(
    db: Database,
    file: Path,
    *,
    name: str | None = None,
    kind: str | None = None,
    datum: str | None = None,
    dry_run: bool = False,
) -> LayerImport:
    """Read `file` and store it as a new layer (one transaction); `dry_run` reads and
    checks it only."""
    from inspector.models import MapFeature, MapLayer

    fmt, parsed, declared = read_layer_file(file)
    if not parsed:
        raise Problem("layer.empty", file=file.name)
    chosen = Datum.parse(datum) if datum else None
    if datum and chosen is None:
        raise Problem("layer.unknown_datum", file=file.name, datum=datum)
    use = chosen or declared or Datum.WGS84
    layer_kind = LayerKind.parse(kind) if kind else guess_kind(parsed)
    if layer_kind is None:
        raise Problem("layer.unknown_kind", kind=kind)
    prepared = prepare(file, parsed, use)
    vertices = sum(len(r) for f, _, _ in prepared for r in f.parts)
    layer_name = (name or file.stem).strip()[:200] or file.stem
    if dry_run:
        return LayerImport(
            "", layer_name, layer_kind.value, len(prepared), vertices, fmt, use.value
        )
    with db.read() as conn:
        ref = ReferenceData.load(conn)
    with db.write(reason=f"layer import: {file.name}") as w:
        layer_id = w.create(
            MapLayer,
            {
                "name": layer_name,
                "kind": layer_kind.value,
                "source_name": file.name[:255],
                "source_format": fmt,
                "source_datum": use.value,
                "feature_count": len(prepared),
            },
        )
        for feature, geometry, (s, west, n, e) in prepared:
            river = ref.river_name(feature.name) if feature.name else None
            region = None
            for text in (feature.code, feature.name):
                if text and region is None:
                    region = ref.region_code(text)
            w.create(
                MapFeature,
                {
                    "layer_id": layer_id,
                    "name": feature.name,
                    "river": river,
                    "region_code": region,
                    "geometry": geometry,
                    "south": s,
                    "west": west,
                    "north": n,
                    "east": e,
                },
            )
    return LayerImport(
        layer_id, layer_name, layer_kind.value, len(prepared), vertices, fmt, use.value
    )


def remove_layer(db: Database, layer_id: str) -> int:
    """Tombstone a layer and its features (the removal syncs); returns how many features."""
    from inspector.models import MapFeature, MapLayer

    with db.read() as conn:
        from inspector.data.layers import features

        ids = [f.id for f in features(conn, layer_ids=[layer_id])]
    with db.write(reason="layer removed") as w:
        for fid in ids:
            w.delete(MapFeature, fid)
        w.delete(MapLayer, layer_id)
    return len(ids)
