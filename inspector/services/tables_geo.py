"""Reading a register from GeoJSON and KML as rows of a table, so that a ledger the
program exported in either format (`ledger export x.geojson|x.kml`) imports again.

Each point feature (placemark) is one row: its properties (KML `ExtendedData`) are the
columns, by the same headers as a spreadsheet's, and its point gives 经度, 纬度 and
坐标系 (WGS-84, as both formats are by definition). A feature that is not a point is a row
without a position, which the ledger import then names as such.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from inspector.domain import jsontext
from inspector.i18n import Problem

POSITION = ("经度", "纬度", "坐标系")
"""The columns a feature's point fills (the ledger's own headers)."""

MAX_BYTES = 2 * 1024**3
"""A GeoJSON file is read whole (the format has no rows): beyond this it is refused."""


def _point(geometry: Any) -> tuple[Any, Any]:
    if isinstance(geometry, dict) and geometry.get("type") == "Point":
        coords = geometry.get("coordinates")
        if isinstance(coords, list) and len(coords) >= 2:
            return coords[0], coords[1]
    return "", ""


def read_geojson(path: Path) -> tuple[list[str], Iterator[list[Any]]]:
    """(header, rows) of a GeoJSON FeatureCollection (or a single Feature)."""
    if path.stat().st_size > MAX_BYTES:
        raise Problem("table.too_big", file=path.name)
    try:
        doc = jsontext.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Problem("table.bad_geo", file=path.name, error=type(exc).__name__) from None
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        features = [doc]
    elif isinstance(doc, dict) and isinstance(doc.get("features"), list):
        features = doc["features"]
    else:
        raise Problem("table.bad_geo", file=path.name, error="FeatureCollection")
    header: list[str] = []
    for feature in features:
        props = feature.get("properties") if isinstance(feature, dict) else None
        for key in props or {}:
            if key not in header and key not in POSITION:
                header.append(str(key))
    header += POSITION

    def rows() -> Iterator[list[Any]]:
        for feature in features:
            if not isinstance(feature, dict):
                yield [""] * len(header)
                continue
            props = feature.get("properties") or {}
            lon, lat = _point(feature.get("geometry"))
            cells = [_cell(props.get(key)) for key in header[: -len(POSITION)]]
            yield [*cells, lon, lat, "WGS-84" if lon != "" else ""]

    return header, rows()


def read_kml(path: Path) -> tuple[list[str], Iterator[list[Any]]]:
    """(header, rows) of the placemarks of a KML file, read as a stream."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    def local(tag: str) -> str:
        return tag.rpartition("}")[2]

    placemarks: list[tuple[dict[str, str], tuple[Any, Any]]] = []
    header: list[str] = []
    try:
        for _event, element in iterparse(path, events=("end",)):
            if local(element.tag) != "Placemark":
                continue
            data: dict[str, str] = {}
            point: tuple[Any, Any] = ("", "")
            for child in element.iter():
                name = local(child.tag)
                if name == "Data":
                    key = child.get("name") or ""
                    value = next((v.text for v in child if local(v.tag) == "value"), None)
                    data[key] = value or ""
                    if key not in header and key not in POSITION:
                        header.append(key)
                elif name == "coordinates" and child.text:
                    parts = child.text.strip().split(",")
                    if len(parts) >= 2:
                        point = (parts[0].strip(), parts[1].strip())
            placemarks.append((data, point))
            element.clear()
    except (ParseError, DefusedXmlException) as exc:
        raise Problem("table.bad_geo", file=path.name, error=str(exc)) from None
    header += POSITION

    def rows() -> Iterator[list[Any]]:
        for data, (lon, lat) in placemarks:
            cells = [data.get(key, "") for key in header[: -len(POSITION)]]
            yield [*cells, lon, lat, "WGS-84" if lon != "" else ""]

    return header, rows()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value
