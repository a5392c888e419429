"""Reading the reference map layers (`map_layer`, `map_feature`). They are written, like
every synced record, through `Database.write()` (see `inspector.services.layers`).

Features are few (a city's rivers and boundaries: hundreds, not millions): the map reads
those of the layers it shows once, and a box query uses the index on the southern edge.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from inspector.data.dialects import id_prefix
from inspector.data.engine import Conn
from inspector.domain.geo import BBox


@dataclass(frozen=True, slots=True)
class LayerRow:
    id: str
    name: str
    kind: str
    source_name: str | None
    source_format: str | None
    source_datum: str
    feature_count: int


@dataclass(frozen=True, slots=True)
class FeatureRow:
    id: str
    layer_id: str
    layer_kind: str
    name: str | None
    river: str | None
    region_code: str | None
    geometry: dict[str, Any]
    bbox: BBox


_LAYER_COLUMNS = "id, name, kind, source_name, source_format, source_datum, feature_count"


def list_layers(conn: Conn) -> list[LayerRow]:
    """Live layers, by kind then name."""
    return [
        LayerRow(*row)
        for row in conn.execute(
            f"SELECT {_LAYER_COLUMNS} FROM map_layer WHERE deleted = 0 ORDER BY kind, name, id"
        )
    ]


def find_layer(conn: Conn, *, name: str) -> LayerRow | None:
    """A live layer by its name or an unambiguous beginning of its id."""
    row = conn.execute(
        f"SELECT {_LAYER_COLUMNS} FROM map_layer WHERE deleted = 0 AND (name = :name "
        "OR (length(:name) >= 6 AND id LIKE :prefix ESCAPE '\\')) ORDER BY name = :name DESC LIMIT 2",
        {"name": name, "prefix": id_prefix(name)},
    ).fetchall()
    if len(row) == 1 or (row and row[0][1] == name):
        return LayerRow(*row[0])
    return None


def features(
    conn: Conn, *, layer_ids: list[str] | None = None, box: BBox | None = None
) -> list[FeatureRow]:
    """Live features of live layers (of `layer_ids`, if given) that meet `box`.

    A geometry that is not a JSON object (a damaged record from elsewhere) is skipped:
    the map draws what it can read."""
    where = ["f.deleted = 0", "l.deleted = 0"]
    params: dict[str, Any] = {}
    if layer_ids is not None:
        if not layer_ids:
            return []
        marks = ", ".join(f":l{i}" for i in range(len(layer_ids)))
        where.append(f"f.layer_id IN ({marks})")
        params |= {f"l{i}": lid for i, lid in enumerate(layer_ids)}
    if box is not None:
        where.append("f.south <= :n AND f.north >= :s AND f.west <= :e AND f.east >= :w")
        params |= {"s": box.south, "n": box.north, "w": box.west, "e": box.east}
    out = []
    for fid, lid, kind, name, river, region, geometry, s, w, n, e in conn.execute(
        "SELECT f.id, f.layer_id, l.kind, f.name, f.river, f.region_code, f.geometry, "
        "f.south, f.west, f.north, f.east FROM map_feature f JOIN map_layer l ON l.id = f.layer_id "
        f"WHERE {' AND '.join(where)} ORDER BY l.kind, f.id",
        params,
    ):
        try:
            parsed = json.loads(geometry) if isinstance(geometry, str) else geometry
        except ValueError:
            continue
        if isinstance(parsed, dict):
            out.append(FeatureRow(fid, lid, kind, name, river, region, parsed, BBox(s, w, n, e)))
    return out
