"""The Sync screen's words: an import's preview with records named, and what is not yet
safely at the centre."""

from __future__ import annotations

from pathlib import Path

from inspector.i18n import set_language
from inspector.models import Outfall
from inspector.services import register as reg
from inspector.services.sync.exchange import export_bundle, import_bundle, preview_bundle
from inspector.services.sync.overview import centre_status, summarise_import
from tests.sync.conftest import OUTFALL


def _send(source, target, path: Path):  # type: ignore[no-untyped-def]
    with source.read() as conn:
        known = conn.execute("SELECT 1 FROM replica WHERE id=?", (target.replica_id,)).fetchone()
    export_bundle(source, path, to=target.replica_id if known else None, everything=not known)
    return import_bundle(target, path, trust=True)


def test_a_preview_names_new_records_and_conflicts_by_code_and_name(
    make_replicas, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    set_language("en")
    dbs = make_replicas("field1", "central")
    with dbs["field1"].write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    first = tmp_path / "first.bundle"
    export_bundle(dbs["field1"], first, everything=True)
    preview = summarise_import(dbs["central"], preview_bundle(dbs["central"], first, trust=True))
    assert preview.dry_run
    assert not preview.replay
    assert ("Outfall", 1) in preview.created
    assert preview.conflict_count == 0
    assert preview.conflicts == []
    assert preview.source == "field1"
    assert preview.fingerprint
    import_bundle(dbs["central"], first, trust=True)
    _send(dbs["central"], dbs["field1"], tmp_path / "back.bundle")

    with dbs["field1"].write() as w:
        w.update(Outfall, oid, {"notes": "甲：有异味"})
    with dbs["central"].write() as w:
        w.update(Outfall, oid, {"notes": "乙：无流水"})
    second = tmp_path / "second.bundle"
    export_bundle(dbs["field1"], second, to="central")
    summary = summarise_import(dbs["central"], preview_bundle(dbs["central"], second))
    assert summary.conflict_count == 1
    (conflict,) = summary.conflicts
    with dbs["central"].read() as conn:
        code = conn.execute("SELECT code FROM outfall WHERE id=?", (oid,)).fetchone()[0]
    assert conflict.record == f"{code} {OUTFALL['name']}"
    assert conflict.field_label == "Notes"
    assert {conflict.kept, conflict.other} == {"甲：有异味", "乙：无流水"}
    assert {conflict.kept_origin, conflict.other_origin} == {"field1", "central"}


def test_pending_records_are_named_and_cleared_by_the_centres_receipt(
    make_replicas, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dbs = make_replicas("field1", "central")
    assert centre_status(dbs["central"]).is_central
    with dbs["field1"].write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    status = centre_status(dbs["field1"])
    assert not status.is_central
    assert status.central is None
    (pending,) = status.pending
    assert (pending.entity, pending.row_id) == ("outfall", oid)
    assert pending.record.endswith(OUTFALL["name"])
    _send(dbs["field1"], dbs["central"], tmp_path / "up.bundle")
    assert len(centre_status(dbs["field1"]).pending) == 1  # sent, but no receipt yet
    _send(dbs["central"], dbs["field1"], tmp_path / "receipt.bundle")
    status = centre_status(dbs["field1"])
    assert status.central == "central"
    assert status.pending == []


def test_missing_prerequisites_are_named_before_anyone_is_asked_to_trust(
    make_replicas, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from inspector.services.sync.exchange import verify_bundle
    from inspector.services.sync.overview import prerequisites_problem

    set_language("en")
    dbs = make_replicas("field1", "central", "field2")
    with dbs["field1"].write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    _send(dbs["field1"], dbs["central"], tmp_path / "up.bundle")
    _send(dbs["central"], dbs["field1"], tmp_path / "receipt.bundle")
    with dbs["field1"].write() as w:
        w.update(Outfall, oid, {"notes": "later"})
    later = tmp_path / "later.bundle"
    export_bundle(dbs["field1"], later, to="central")
    assert prerequisites_problem(dbs["central"], verify_bundle(dbs["central"], later)) is None
    problem = prerequisites_problem(dbs["field2"], verify_bundle(dbs["field2"], later))
    assert problem is not None
    assert problem.exit_code == 3
    assert "later.bundle" in str(problem)
    assert "field1" in str(problem)


def test_a_preview_names_records_the_bundle_itself_brings(demo_db, make_replicas, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A full bundle of the demo carries both sides of its conflicts: a fresh replica's
    preview finds them on outfalls it does not hold yet, and still names them."""
    set_language("en")
    (fresh,) = make_replicas("field2").values()
    path = tmp_path / "all.bundle"
    export_bundle(demo_db, path, everything=True)
    summary = summarise_import(fresh, preview_bundle(fresh, path, trust=True))
    assert summary.conflict_count >= 3
    with demo_db.read() as conn:
        codes = {r[0] for r in conn.execute("SELECT code FROM outfall")}
    named = [c.record for c in summary.conflicts if c.entity == "outfall"]
    assert named
    assert all(record.split(" ")[0] in codes for record in named)
    with fresh.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM outfall").fetchone()[0] == 0
