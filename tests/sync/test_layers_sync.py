"""Map layers travel in bundles like any record, and so does their removal."""

from __future__ import annotations

from pathlib import Path

from inspector.data.layers import features, list_layers
from inspector.services.layers import import_layer, remove_layer
from tests.services.test_layers import QIN, _geojson, _line


def test_layers_sync_and_their_removal_too(make_replicas, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from inspector.services.sync.exchange import export_bundle, import_bundle

    dbs = make_replicas("field1", "central")
    field, central = dbs["field1"], dbs["central"]
    import_layer(field, _geojson(tmp_path / "r.geojson", [_line("沁河", QIN)]), name="河流")
    bundle = tmp_path / "one.bundle"
    export_bundle(field, bundle, everything=True)
    import_bundle(central, bundle, trust=True)
    with central.read() as conn:
        layers = list_layers(conn)
        assert [f.name for f in features(conn)] == ["沁河"]
    assert [layer.name for layer in layers] == ["河流"]
    remove_layer(field, layers[0].id)
    second = tmp_path / "two.bundle"
    export_bundle(field, second, everything=True)
    import_bundle(central, second, trust=True)
    with central.read() as conn:
        assert list_layers(conn) == []
        assert features(conn) == []
