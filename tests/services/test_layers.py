"""Reference layers from GeoJSON, KML and Shapefile: datums converted to WGS-84, bad
files refused whole, and layers that sync like any record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspector.data.layers import features, list_layers
from inspector.domain.geo import wgs84_to_gcj02
from inspector.i18n import Problem
from inspector.services.layers import import_layer

QIN = [[112.90, 35.12], [113.00, 35.08], [113.10, 35.05]]


def _geojson(path: Path, features_: list[dict[str, object]]) -> Path:
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features_}, ensure_ascii=False),
        encoding="utf-8",
    )
    return path


def _line(name: str, coords: list[list[float]]) -> dict[str, object]:
    return {"type": "Feature", "properties": {"name": name},
            "geometry": {"type": "LineString", "coordinates": coords}}  # fmt: skip


def _ops(db, entity: str) -> int:  # type: ignore[no-untyped-def]
    with db.read() as conn:
        return int(conn.execute("SELECT COUNT(*) FROM op WHERE entity=?", (entity,)).fetchone()[0])


def test_geojson_rivers_and_boundaries(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ring = [[113.2, 34.9], [113.6, 34.9], [113.6, 35.2], [113.2, 35.2], [113.2, 34.9]]
    path = _geojson(
        tmp_path / "jz.geojson",
        [
            _line("沁河", QIN),
            {"type": "Feature", "properties": {"名称": "武陟县", "adcode": "410823"},
             "geometry": {"type": "Polygon", "coordinates": [ring]}},
        ],
    )  # fmt: skip
    result = import_layer(db, path, name="焦作")
    assert (result.features, result.kind, result.datum) == (2, "other", "wgs84")
    with db.read() as conn:
        stored = {f.name: f for f in features(conn)}
        layers = list_layers(conn)
    assert [(layer.name, layer.feature_count) for layer in layers] == [("焦作", 2)]
    assert stored["沁河"].river == "沁河"
    assert stored["沁河"].geometry == {"type": "LineString", "coordinates": QIN}
    assert stored["武陟县"].region_code == "410823"
    box = stored["武陟县"].bbox
    assert (box.south, box.west, box.north, box.east) == (34.9, 113.2, 35.2, 113.6)
    # Written through the one write path: every row has its operation.
    assert _ops(db, "map_layer") == 1
    assert _ops(db, "map_feature") == 2


def test_nuls_padding_a_name_are_dropped(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Some tools leave NULs in a shapefile's text fields (pyshp trims only trailing
    ones); neither engine should be asked to store them (PostgreSQL cannot), and the
    name is what is left."""
    import shapefile

    base = tmp_path / "padded"
    with shapefile.Writer(str(base), shapeType=shapefile.POLYLINE, encoding="utf-8") as w:
        w.field("name", "C", size=40)
        w.line([QIN])
        w.record("沁\x00河")
    _geojson(tmp_path / "padded.geojson", [_line("卫河\x00", QIN), _line("\x00", QIN)])
    import_layer(db, base.with_suffix(".shp"), name="shp")
    import_layer(db, tmp_path / "padded.geojson", name="geojson")
    with db.read() as conn:
        names = sorted((f.name or "-") for f in features(conn))
    assert names == ["-", "卫河", "沁河"]


def test_kml_in_gcj02_is_stored_as_wgs84(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    truth = [(35.10, 112.95), (35.06, 113.05)]
    shifted = [wgs84_to_gcj02(lat, lon) for lat, lon in truth]
    coords = " ".join(f"{lon},{lat},0" for lat, lon in shifted)
    path = tmp_path / "gaode.kml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        f"<Placemark><name>丹河</name><LineString><coordinates>{coords}</coordinates>"
        "</LineString></Placemark>"
        "<Placemark><name>测站</name><Point><coordinates>113.0,35.0</coordinates></Point></Placemark>"
        "</Document></kml>",
        encoding="utf-8",
    )
    result = import_layer(db, path, datum="gcj02")
    assert result.datum == "gcj02"
    with db.read() as conn:
        stored = {f.name: f for f in features(conn)}
    for (lon, lat), (tlat, tlon) in zip(stored["丹河"].geometry["coordinates"], truth, strict=True):
        # GCJ-02 is hundreds of metres off; converted back it is within centimetres.
        assert abs(lat - tlat) < 1e-6
        assert abs(lon - tlon) < 1e-6
    assert stored["丹河"].river == "丹河"
    assert stored["测站"].geometry["type"] == "Point"


def test_shapefile_with_cgcs2000_prj_and_gbk_names(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shapefile

    base = tmp_path / "rivers"
    with shapefile.Writer(str(base), shapeType=shapefile.POLYLINE, encoding="gbk") as w:
        w.field("名称", "C", size=40)
        w.line([QIN])
        w.record("沁河")
        w.line([[[113.3, 35.0], [113.4, 35.02]]])
        w.record("卫河")
    base.with_suffix(".prj").write_text(
        'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",'
        'SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],'
        'UNIT["degree",0.0174532925199433]]',
        encoding="ascii",
    )
    base.with_suffix(".cpg").write_text("GBK", encoding="ascii")
    result = import_layer(db, base.with_suffix(".shp"))
    assert (result.features, result.kind, result.datum, result.source_format) == (
        2, "rivers", "cgcs2000", "shapefile",
    )  # fmt: skip
    with db.read() as conn:
        names = sorted(f.name or "" for f in features(conn))
    assert names == ["卫河", "沁河"]


def test_a_projected_shapefile_is_refused_with_a_sentence(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shapefile

    base = tmp_path / "gk"
    with shapefile.Writer(str(base), shapeType=shapefile.POLYLINE) as w:
        w.field("NAME", "C")
        w.line([[[38_500_000.0, 3_880_000.0], [38_501_000.0, 3_881_000.0]]])
        w.record("x")
    base.with_suffix(".prj").write_text('PROJCS["CGCS2000_3_Degree_GK_Zone_38",GEOGCS[...]]')
    with pytest.raises(Problem) as caught:
        import_layer(db, base.with_suffix(".shp"))
    assert "gk.shp" in str(caught.value)
    assert "projected" in str(caught.value)
    assert _ops(db, "map_layer") == 0


def test_one_bad_feature_imports_nothing_and_names_it(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _geojson(
        tmp_path / "bad.geojson",
        [_line("沁河", QIN), _line("坏线", [[113.0, 95.0], [113.1, 35.0]])],
    )
    with pytest.raises(Problem) as caught:
        import_layer(db, path)
    text = str(caught.value)
    assert "bad.geojson" in text
    assert "2 (坏线)" in text
    assert "nothing imported" in text
    with db.read() as conn:
        assert list_layers(conn) == []
    assert _ops(db, "map_feature") == 0


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("x.geojson", "{not json", "cannot be read"),
        ("x.geojson", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("x.geojson", '{"type": "FeatureCollection", "features": []}', "holds no features"),
        (
            "x.kml",
            '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaa">]><kml>&a;</kml>',
            "DOCTYPE",
        ),
        ("x.txt", "hello", "not a file type"),
    ],
)
def test_unusable_files(db, tmp_path: Path, name: str, content: str, words: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(Problem) as caught:
        import_layer(db, path)
    assert words in str(caught.value)


def test_a_dense_line_is_thinned_but_keeps_its_shape(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dense = [[113.0 + i * 1e-5, 35.0] for i in range(5000)]  # a straight line, 1 m steps
    path = _geojson(tmp_path / "dense.geojson", [_line("直线", dense)])
    result = import_layer(db, path)
    assert result.vertices == 2
    with db.read() as conn:
        (feature,) = features(conn)
    assert feature.geometry["coordinates"][0] == dense[0]
    assert feature.geometry["coordinates"][-1] == dense[-1]
