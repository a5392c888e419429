"""Bundles between replicas: merge rules, conflicts, receipts, prerequisites, duplicates,
photos, encryption, preview and history, through the services the CLI and UI call."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from inspector import locations
from inspector.data import photostore
from inspector.data.db import Database
from inspector.domain.hlc import physical_ms
from inspector.i18n import Problem, collation
from inspector.models import Inspection, Outfall, Photo
from inspector.services import register as reg
from inspector.services.sync.archive import BundleRejected
from inspector.services.sync.conflicts import list_conflicts, resolve_conflict
from inspector.services.sync.duplicates import (
    dismiss_duplicate,
    list_duplicates,
    merge_duplicate,
    outfall_history,
)
from inspector.services.sync.exchange import (
    ImportResult,
    PrerequisitesMissing,
    bundle_history,
    export_bundle,
    import_bundle,
    preview_bundle,
    records_not_at_centre,
    sync_status,
    verify_bundle,
)
from tests.sync.conftest import OUTFALL, full_state, synced_state


def send(source: Database, target: Database, tmp: Path, name: str) -> ImportResult:
    """Export what `target` lacks (everything, before first contact) and import it."""
    path = tmp / f"{name}.bundle"
    with source.read() as conn:
        known = conn.execute("SELECT 1 FROM replica WHERE id=?", (target.replica_id,)).fetchone()
    if known:
        export_bundle(source, path, to=target.replica_id)
    else:
        export_bundle(source, path, everything=True)
    return import_bundle(target, path, trust=True)


def notes(db: Database, oid: str) -> str | None:
    with db.read() as conn:
        return conn.execute("SELECT notes FROM outfall WHERE id=?", (oid,)).fetchone()[0]


@pytest.fixture
def trio(make_replicas, tmp_path):  # type: ignore[no-untyped-def]
    """field1 registers an outfall; everyone has it."""
    dbs = make_replicas()
    with dbs["field1"].write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    send(dbs["field1"], dbs["central"], tmp_path, "f1-c")
    send(dbs["central"], dbs["field2"], tmp_path, "c-f2")
    send(dbs["central"], dbs["field1"], tmp_path, "c-f1")
    return dbs, oid


def test_a_sequential_edit_syncs_without_conflict(trio, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = trio
    with dbs["field2"].write() as w:
        w.update(Outfall, oid, {"notes": "复核：排口有少量流水"})
    result = send(dbs["field2"], dbs["central"], tmp_path, "f2-c")
    assert result.merge.conflict_count == 0
    assert notes(dbs["central"], oid) == "复核：排口有少量流水"


def test_concurrent_edits_converge_and_each_replica_lists_the_conflict(trio, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = trio
    with dbs["field1"].write() as w:
        w.update(Outfall, oid, {"notes": "甲：有异味"})
    with dbs["field2"].write() as w:
        w.update(Outfall, oid, {"notes": "乙：无流水"})
    send(dbs["field1"], dbs["central"], tmp_path, "1")
    send(dbs["field2"], dbs["central"], tmp_path, "2")
    send(dbs["central"], dbs["field1"], tmp_path, "3")
    send(dbs["central"], dbs["field2"], tmp_path, "4")
    values = {notes(db, oid) for db in dbs.values()}
    assert len(values) == 1  # converged, whatever the rule picked
    for db in dbs.values():
        (conflict,) = list_conflicts(db)
        assert {conflict.current_value, conflict.other_value} == {"甲：有异味", "乙：无流水"}
        assert {conflict.current_origin, conflict.other_origin} == {"field1", "field2"}
        assert conflict.current_value == notes(db, oid)
    assert (
        synced_state(dbs["field1"]) == synced_state(dbs["field2"]) == synced_state(dbs["central"])
    )


def test_reversing_a_conflict_is_an_edit_that_syncs_and_settles_it_everywhere(
    trio, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = trio
    with dbs["field1"].write() as w:
        w.update(Outfall, oid, {"notes": "甲"})
    with dbs["field2"].write() as w:
        w.update(Outfall, oid, {"notes": "乙"})
    send(dbs["field1"], dbs["central"], tmp_path, "1")
    send(dbs["field2"], dbs["central"], tmp_path, "2")
    send(dbs["central"], dbs["field1"], tmp_path, "3")
    (conflict,) = list_conflicts(dbs["central"])
    lost = conflict.other_value
    outcome = resolve_conflict(
        dbs["central"], conflict.id[:8], decision="reverse", note="以现场为准"
    )
    assert outcome.value_op is not None
    assert notes(dbs["central"], oid) == lost
    assert list_conflicts(dbs["central"]) == []
    # The resolution reaches field1, which had the same conflict: it closes there too.
    assert len(list_conflicts(dbs["field1"])) == 1
    send(dbs["central"], dbs["field1"], tmp_path, "5")
    assert list_conflicts(dbs["field1"]) == []
    assert notes(dbs["field1"], oid) == lost
    (settled,) = list_conflicts(dbs["field1"], status=None)
    assert settled.status == "settled"
    # field2 never saw the disagreement before it was resolved: it ends equal, with the
    # conflict detected and settled in the same import.
    send(dbs["central"], dbs["field2"], tmp_path, "6")
    assert notes(dbs["field2"], oid) == lost
    assert list_conflicts(dbs["field2"]) == []


def test_keeping_the_current_value_also_syncs(trio, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = trio
    with dbs["field1"].write() as w:
        w.update(Outfall, oid, {"township": "大封镇"})
    with dbs["field2"].write() as w:
        w.update(Outfall, oid, {"township": "西陶镇"})
    send(dbs["field1"], dbs["central"], tmp_path, "1")
    send(dbs["field2"], dbs["central"], tmp_path, "2")
    send(dbs["central"], dbs["field2"], tmp_path, "3")
    (conflict,) = list_conflicts(dbs["central"])
    with pytest.raises(Problem):
        resolve_conflict(dbs["central"], conflict.id, decision="maybe")
    resolve_conflict(dbs["central"], conflict.id, decision="keep")
    with pytest.raises(Problem):
        resolve_conflict(dbs["central"], conflict.id, decision="keep")  # already closed
    send(dbs["central"], dbs["field2"], tmp_path, "4")
    assert list_conflicts(dbs["field2"]) == []


def test_tombstones_sync_and_a_concurrent_edit_of_a_deleted_row_is_a_conflict(
    trio, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = trio
    with dbs["field1"].write() as w:
        w.delete(Outfall, oid, reason="重复录入")
    with dbs["field2"].write() as w:
        w.update(Outfall, oid, {"notes": "仍在排放"})
    send(dbs["field1"], dbs["central"], tmp_path, "1")
    send(dbs["field2"], dbs["central"], tmp_path, "2")
    with dbs["central"].read() as conn:
        deleted, note = conn.execute(
            "SELECT deleted, notes FROM outfall WHERE id=?", (oid,)
        ).fetchone()
    # Different fields: both apply; the row is a tombstone carrying the late note.
    assert deleted == 1
    assert note == "仍在排放"


def test_importing_twice_is_a_no_op_and_overlapping_bundles_skip_what_is_held(
    trio, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = trio
    with dbs["field1"].write() as w:
        w.update(Outfall, oid, {"notes": "一"})
    first = tmp_path / "first.bundle"
    export_bundle(dbs["field1"], first, to=dbs["central"].replica_id)
    import_bundle(dbs["central"], first)
    before = full_state(dbs["central"])
    again = import_bundle(dbs["central"], first)
    assert again.replay
    assert full_state(dbs["central"]) == before
    # A later bundle made without the receipt carries the same ops again: they are skipped.
    with dbs["field1"].write() as w:
        w.update(Outfall, oid, {"notes": "二"})
    second = tmp_path / "second.bundle"
    export_bundle(dbs["field1"], second, everything=True)
    result = import_bundle(dbs["central"], second)
    assert result.merge.applied == 1
    assert result.merge.already_held >= 2


def test_missing_prerequisites_are_refused_with_exit_3_and_name_the_gap(trio, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = trio
    with dbs["field1"].write() as w:
        w.update(Outfall, oid, {"notes": "一"})
    send(dbs["field1"], dbs["central"], tmp_path, "1")
    # central now knows field1 holds everything; field2 has not got "一" yet.
    with dbs["central"].write() as w:
        w.update(Outfall, oid, {"mouth_size": "DN600"})
    later = tmp_path / "central-to-field1.bundle"
    export_bundle(dbs["central"], later, to=dbs["field1"].replica_id)
    before = full_state(dbs["field2"])
    with pytest.raises(PrerequisitesMissing) as caught:
        import_bundle(dbs["field2"], later, trust=True)
    assert caught.value.exit_code == 3
    assert "field1" in str(caught.value)
    assert full_state(dbs["field2"]) == before
    check = verify_bundle(dbs["field2"], later)
    assert check.missing


def test_receipts_tell_a_device_what_is_safely_at_the_centre(trio, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = trio
    f1 = dbs["field1"]
    with f1.write() as w:
        w.update(Outfall, oid, {"notes": "待上报"})
        second = reg.create_outfall(w, {**OUTFALL, "name": "武陟县2#排口", "lat": 35.2})
    pending = {r["row_id"] for r in records_not_at_centre(f1)}
    assert pending == {oid, second}
    export_bundle(f1, tmp_path / "up.bundle")  # default target: the central record
    import_bundle(dbs["central"], tmp_path / "up.bundle")
    assert records_not_at_centre(f1)  # no receipt yet
    send(dbs["central"], f1, tmp_path, "receipt")
    assert records_not_at_centre(f1) == []
    state = sync_status(f1)
    assert state.central is not None
    assert state.pending_at_centre == 0
    assert state.safe_at_centre >= 2


def test_hlc_of_remote_edits_is_observed(trio, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = trio
    with dbs["field1"].write() as w:
        w.clock.last = w.clock.last + (10**7 << 16)  # a laptop whose clock runs ahead
        w.update(Outfall, oid, {"notes": "未来"})
    send(dbs["field1"], dbs["central"], tmp_path, "1")
    with dbs["central"].write() as w:
        w.update(Outfall, oid, {"notes": "之后"})
    # The later edit orders after the one it saw, whatever the wall clocks say.
    assert notes(dbs["central"], oid) == "之后"
    send(dbs["central"], dbs["field1"], tmp_path, "2")
    assert list_conflicts(dbs["field1"]) == []
    assert notes(dbs["field1"], oid) == "之后"
    with dbs["central"].read() as conn:
        assert (
            physical_ms(int(conn.execute("SELECT value FROM meta WHERE key='hlc'").fetchone()[0]))
            > 0
        )


def test_preview_changes_nothing_and_reports_what_import_would_do(trio, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = trio
    with dbs["field1"].write() as w:
        w.update(Outfall, oid, {"notes": "甲"})
    with dbs["field2"].write() as w:
        w.update(Outfall, oid, {"notes": "乙"})
        reg.create_outfall(w, {**OUTFALL, "name": "新登记", "lat": 35.3})
    send(dbs["field1"], dbs["central"], tmp_path, "1")
    path = tmp_path / "f2.bundle"
    export_bundle(dbs["field2"], path, to=dbs["central"].replica_id)
    before = full_state(dbs["central"])
    preview = preview_bundle(dbs["central"], path, trust=True)
    assert preview.dry_run
    assert preview.merge.created == {"outfall": 1}
    assert preview.merge.changed == {"outfall": 1}
    assert preview.merge.conflict_count == 1
    assert full_state(dbs["central"]) == before
    real = import_bundle(dbs["central"], path, trust=True)
    assert real.merge.as_json()["conflicts"] == preview.merge.as_json()["conflicts"]
    assert real.merge.created == preview.merge.created


@pytest.mark.parametrize("cache_rows", [1, 100_000], ids=["row-by-row", "cached"])
def test_each_record_is_counted_once_as_made_or_updated_however_often_it_is_written(
    trio, tmp_path, monkeypatch, cache_rows
) -> None:  # type: ignore[no-untyped-def]
    """A bundle that makes three outfalls and edits each, and edits one the centre holds
    three times over two fields: three made, one updated, two fields, whether the merge
    writes each row once at the end or after every operation."""
    import functools

    from inspector.data.sync import merge
    from inspector.services.sync import exchange

    dbs, oid = trio
    with dbs["field1"].write() as w:
        made = [
            reg.create_outfall(w, {**OUTFALL, "name": f"新排口{i}", "lat": 35.2 + i / 100})
            for i in range(3)
        ]
    for round_ in range(2):
        with dbs["field1"].write() as w:
            for new in made:
                w.update(Outfall, new, {"notes": f"复核{round_}"})
            w.update(Outfall, oid, {"notes" if round_ == 0 else "township": f"改{round_}"})
    with dbs["field1"].write() as w:
        w.update(Outfall, oid, {"notes": "再改"})
    path = tmp_path / "f1.bundle"
    export_bundle(dbs["field1"], path, to=dbs["central"].replica_id)
    monkeypatch.setattr(merge, "_CACHE_ROWS", cache_rows)
    monkeypatch.setattr(
        exchange, "iter_operations", functools.partial(exchange.iter_operations, batch=1)
    )
    for result in (
        preview_bundle(dbs["central"], path, trust=True),
        import_bundle(dbs["central"], path, trust=True),
    ):
        assert result.merge.created == {"outfall": 3}
        assert result.merge.changed == {"outfall": 1}
        assert result.merge.fields_changed == 2
    assert notes(dbs["central"], oid) == "再改"


@pytest.mark.parametrize("where", ["_fold", "_admit"])
def test_a_fault_of_the_program_in_a_merge_is_not_blamed_on_the_bundle(
    trio, tmp_path, monkeypatch, where
) -> None:  # type: ignore[no-untyped-def]
    """A TypeError of the program's own, in the merge or in reading the operations, goes
    on as the fault it is (a crash log to report), not as "a change whose value is nested
    too deeply": only orjson's own refusal to write a value that deep is the bundle's."""
    from inspector.data.sync import merge

    dbs, oid = trio
    with dbs["field1"].write() as w:
        w.update(Outfall, oid, {"notes": "复核"})
    path = tmp_path / "f1.bundle"
    export_bundle(dbs["field1"], path, to=dbs["central"].replica_id)

    def broken(*args: object, **kwargs: object) -> None:
        raise TypeError("'<' not supported between instances of 'int' and 'str'")

    owner = merge.Merger if where == "_fold" else merge.Admission
    monkeypatch.setattr(owner, where, broken)
    before = full_state(dbs["central"])
    with pytest.raises(TypeError, match="not supported"):
        import_bundle(dbs["central"], path, trust=True)
    assert full_state(dbs["central"]) == before


def test_same_outfall_registered_twice_is_flagged_then_merged_by_a_person(
    make_replicas, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    dbs = make_replicas()
    with dbs["field1"].write() as w:
        a = reg.create_outfall(w, {**OUTFALL, "code": "410823QT0001"})
    with dbs["field2"].write() as w:
        b = reg.create_outfall(w, {**OUTFALL, "code": "410823QT0001", "notes": "乙登记"})
        w.create(
            Inspection,
            {"outfall_id": b, "started_at": "2026-05-01 09:00", "inspectors": ["张三", "李四"]},
        )
        # A third registration with its own code, 5 m away on the same river.
        c = reg.create_outfall(w, {**OUTFALL, "name": "另一名称", "lat": OUTFALL["lat"] + 0.000045})
    send(dbs["field1"], dbs["central"], tmp_path, "1")
    send(dbs["field2"], dbs["central"], tmp_path, "2")
    pairs = list_duplicates(dbs["central"])
    reasons = {frozenset(o["id"] for o in p.outfalls): p.reason for p in pairs}
    assert reasons[frozenset({a, b})] == "same_code"
    assert reasons[frozenset({a, c})] == "nearby"
    pair = next(p for p in pairs if p.reason == "same_code")
    outcome = merge_duplicate(dbs["central"], pair.id[:8])
    assert outcome.kept == a  # registered first
    assert outcome.repointed == 1
    assert "notes" in outcome.filled
    with dbs["central"].read() as conn:
        assert conn.execute("SELECT outfall_id FROM inspection").fetchone()[0] == a
        assert conn.execute(
            "SELECT deleted, merged_into FROM outfall WHERE id=?", (b,)
        ).fetchone() == (1, a)
        history = outfall_history(conn, a)
    assert {c.field for c in history if c.new == "乙登记"} == {"notes"}
    assert len({c.op_id for c in history}) > 2
    dismiss_duplicate(dbs["central"], next(p.id for p in pairs if p.reason == "nearby"))
    assert list_duplicates(dbs["central"]) == []
    # The merge syncs: field2 sees its row merged and the inspection re-pointed.
    send(dbs["central"], dbs["field2"], tmp_path, "3")
    with dbs["field2"].read() as conn:
        assert conn.execute("SELECT merged_into FROM outfall WHERE id=?", (b,)).fetchone()[0] == a
        assert conn.execute("SELECT outfall_id FROM inspection").fetchone()[0] == a
    assert all(
        p.status != "open"
        or a not in {o["id"] for o in p.outfalls}
        or b not in {o["id"] for o in p.outfalls}
        for p in list_duplicates(dbs["field2"])
    )


def _add_photo(db: Database, file: Path, outfall_id: str) -> str:
    sha, _ = photostore.store_file(db.path, file)
    with db.write() as w:
        w.create(
            Photo,
            {
                "original_name": file.name,
                "format": "jpeg",
                "size_bytes": file.stat().st_size,
                "outfall_id": outfall_id,
            },
            row_id=sha,
        )
    return sha


def test_photos_travel_once_and_arrive_byte_for_byte(trio, tmp_path, sample_photos) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = trio
    files = sample_photos[:2]
    shas = [_add_photo(dbs["field1"], f, oid) for f in files]
    path = tmp_path / "photos.bundle"
    first = export_bundle(dbs["field1"], path)
    assert first.photos == 2
    result = import_bundle(dbs["central"], path)
    assert result.photos_stored == 2
    for sha, f in zip(shas, files, strict=True):
        assert locations.photo_file(dbs["central"].path, sha).read_bytes() == f.read_bytes()
    send(dbs["central"], dbs["field1"], tmp_path, "receipt")
    with dbs["field1"].write() as w:
        w.update(Photo, shas[0], {"kind": "signage"})
    again = export_bundle(dbs["field1"], tmp_path / "again.bundle")
    assert again.photos == 0  # the centre has the file already


def test_encrypted_bundle_opens_only_for_its_recipient(trio, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = trio
    with dbs["central"].write() as w:
        w.update(Outfall, oid, {"notes": "含联系电话 13800000000"})
    path = tmp_path / "sealed.bundle"
    export_bundle(dbs["central"], path, to="field1", encrypt_to="field1")
    raw = path.read_bytes()
    assert b"13800000000" not in raw
    assert b"13800000000" not in raw
    assert not any(p.name.endswith(".plain") for p in tmp_path.iterdir())
    with pytest.raises(BundleRejected):
        import_bundle(dbs["field2"], path, trust=True)
    tampered = tmp_path / "tampered.bundle"
    data = bytearray(raw)
    data[-40] ^= 1
    tampered.write_bytes(bytes(data))
    before = full_state(dbs["field1"])
    with pytest.raises(BundleRejected):
        import_bundle(dbs["field1"], tampered)
    assert full_state(dbs["field1"]) == before
    truncated = tmp_path / "truncated.bundle"
    truncated.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(BundleRejected):
        import_bundle(dbs["field1"], truncated)
    result = import_bundle(dbs["field1"], path)
    assert result.check.sealed
    assert notes(dbs["field1"], oid) == "含联系电话 13800000000"
    assert not [p for p in dbs["field1"].path.parent.iterdir() if p.name.startswith(".unsealed")]


def test_history_records_sent_and_received_with_counts(trio, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dbs, _ = trio
    sent = bundle_history(dbs["field1"])
    assert {h["direction"] for h in sent} == {"sent", "received"}
    received = [h for h in bundle_history(dbs["central"]) if h["direction"] == "received"]
    assert received[0]["operations"] >= 1
    assert received[0]["peer_name"] == "field1"
    assert "conflicts" in received[0]["counts"]


def test_trust_first_contact_and_key_changes(make_replicas, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dbs = make_replicas("field1", "central")
    with dbs["field1"].write() as w:
        reg.create_outfall(w, OUTFALL)
    path = tmp_path / "b.bundle"
    export_bundle(dbs["field1"], path)
    check = verify_bundle(dbs["central"], path)
    assert check.trust == "unknown"
    assert len(check.fingerprint.split()) == 8
    with pytest.raises(BundleRejected) as caught:
        import_bundle(dbs["central"], path)
    assert check.fingerprint in str(caught.value)
    import_bundle(dbs["central"], path, trust=True)
    assert verify_bundle(dbs["central"], path).trust == "trusted"
    # Someone replaces field1's key file: its bundles no longer pass as field1's.
    key = locations.key_file(dbs["field1"].path)
    os.chmod(key, 0o600)
    key.unlink()
    from inspector.services.replica import init_replica

    init_replica(dbs["field1"], name="field1", role="field", region="410823")
    with dbs["field1"].write() as w:
        reg.create_outfall(w, {**OUTFALL, "lat": 35.4})
    forged = tmp_path / "forged.bundle"
    export_bundle(dbs["field1"], forged)
    with pytest.raises(BundleRejected) as caught:
        import_bundle(dbs["central"], forged, trust=True)
    assert "different key" in str(caught.value)


def test_export_refuses_bad_paths_and_an_unnamed_replica(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Problem):
        export_bundle(db, tmp_path / "x.bundle")  # not initialised
    with pytest.raises(Problem):
        export_bundle(db, tmp_path / "missing" / "x.bundle")
    with pytest.raises(Problem):
        export_bundle(db, tmp_path)


def test_photo_damaged_in_the_store_is_not_sent(trio, tmp_path, sample_photos) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = trio
    file = sample_photos[0]
    sha = _add_photo(dbs["field1"], file, oid)
    stored = locations.photo_file(dbs["field1"].path, sha)
    os.chmod(stored, 0o644)
    stored.write_bytes(b"rotten" + stored.read_bytes()[6:])
    target = tmp_path / "p.bundle"
    with pytest.raises(Problem):
        export_bundle(dbs["field1"], target)
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".p.bundle", "p.bundle"))]


def test_tiny_batches_and_cache_merge_exactly_like_one_big_batch(
    make_replicas, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Rows leaving the write-back cache mid-import are written and read back intact."""
    import functools
    import random

    from inspector.data.sync import merge
    from inspector.services.sync import exchange

    dbs = make_replicas()
    rng = random.Random(3)
    with dbs["field1"].write() as w:
        ids = [
            reg.create_outfall(w, {**OUTFALL, "name": f"排口{i}", "lat": 35 + i / 100})
            for i in range(6)
        ]
    send(dbs["field1"], dbs["field2"], tmp_path, "seed")
    for n in range(30):
        for db in (dbs["field1"], dbs["field2"]):
            with db.write() as w:
                w.update(
                    Outfall,
                    rng.choice(ids),
                    {rng.choice(["notes", "township"]): f"{db.path.stem}{n}"},
                )
    one = tmp_path / "f1.bundle"
    two = tmp_path / "f2.bundle"
    export_bundle(dbs["field1"], one, everything=True)
    export_bundle(dbs["field2"], two, everything=True)
    big = dbs["central"]
    import_bundle(big, one, trust=True)
    import_bundle(big, two, trust=True)
    small = make_replicas("central")["central"]
    monkeypatch.setattr(merge, "_CACHE_ROWS", 1)
    monkeypatch.setattr(
        exchange, "iter_operations", functools.partial(exchange.iter_operations, batch=3)
    )
    import_bundle(small, one, trust=True)
    result = import_bundle(small, two, trust=True)
    assert result.merge.conflict_count > 0
    assert synced_state(small) == synced_state(big)
    with small.read() as a, big.read() as b:
        query = "SELECT id, winner_op, loser_op, status FROM conflict ORDER BY id"
        assert a.execute(query).fetchall() == b.execute(query).fetchall()


def test_a_value_this_replica_cannot_accept_is_not_restored(trio, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = trio
    with dbs["field1"].write() as w:
        w.update(Outfall, oid, {"river": "丹河"})
    with dbs["field2"].write() as w:
        w.update(Outfall, oid, {"river": "卫河"})
    send(dbs["field1"], dbs["central"], tmp_path, "1")
    send(dbs["field2"], dbs["central"], tmp_path, "2")
    (conflict,) = list_conflicts(dbs["central"])
    with dbs["central"].read() as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("DELETE FROM river WHERE name=?", (conflict.other_value,))
    before = full_state(dbs["central"])
    with pytest.raises(Problem) as caught:
        resolve_conflict(dbs["central"], conflict.id, decision="reverse")
    assert "cannot be restored" in str(caught.value)
    assert full_state(dbs["central"]) == before


@pytest.mark.long
def test_a_large_bundle_into_a_small_log_and_one_code_used_twenty_thousand_times(
    trio, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Over 20,000 operations into a replica holding a handful: the log's row index is
    dropped for the insert and built again as soon as the merge needs the winners of a
    record already stored here (edits of it still find their bases: no false conflict),
    and it is there afterwards. Every outfall carries the same code and sits on the same
    spot: the possible duplicates flagged stay bounded (they once made 400 million pairs
    and exhausted the memory)."""
    dbs, oid = trio
    with dbs["field1"].write(bulk=True) as w:
        w.update(Outfall, oid, {"notes": "大批之前的复核"})
        for i in range(21_000):
            reg.create_outfall(w, {**OUTFALL, "code": "410823GY-SAME", "name": f"排口{i}"})
    result = send(dbs["field1"], dbs["field2"], tmp_path, "big")
    assert result.merge.applied > 20_000
    assert result.merge.conflict_count == 0
    assert 0 < len(result.merge.duplicates) <= 21_000 * 2 * 32
    assert notes(dbs["field2"], oid) == "大批之前的复核"
    with dbs["field2"].read() as conn:
        assert conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='index' AND name='ix_op_row'"
        ).fetchone()


def test_an_outfall_from_a_bundle_has_its_reading_order_keys(make_replicas, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dbs = make_replicas("field1", "central")
    with dbs["field1"].write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    send(dbs["field1"], dbs["central"], tmp_path, "new")
    with dbs["central"].read() as conn:
        keys = conn.execute("SELECT name_key FROM outfall WHERE id=?", (oid,)).fetchone()
    assert keys[0] == collation.sort_key(OUTFALL["name"])
    with dbs["field1"].write() as w:
        w.update(Outfall, oid, {"name": "阿庄村排口", "river": "丹河"})
    send(dbs["field1"], dbs["central"], tmp_path, "renamed")
    with dbs["central"].read() as conn:
        keys = conn.execute("SELECT name_key, river_key FROM outfall WHERE id=?", (oid,)).fetchone()
    assert tuple(keys) == (collation.sort_key("阿庄村排口"), collation.sort_key("丹河"))
