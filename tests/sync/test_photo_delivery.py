"""Photos complete and nothing left behind: an export says which originals it should carry
but does not hold (and does not count them as sent), sends them with the next bundle once
they are back, and a replica that lacks an original says so to its peers; a refused or
failed import leaves no photo file in the store, and says what really happened."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from inspector import locations
from inspector.cli import run
from inspector.data import photostore
from inspector.data.db import Database
from inspector.models import Photo
from inspector.services import register as reg
from inspector.services.sync.exchange import bundle_history, export_bundle, import_bundle
from tests.sync.conftest import OUTFALL, files_of, synced_state


def _add_photo(db: Database, file: Path, outfall_id: str) -> str:
    sha, _ = photostore.store_file(db.path, file)
    with db.write() as w:
        w.create(
            Photo,
            {"original_name": file.name, "format": "jpeg", "size_bytes": file.stat().st_size,
             "outfall_id": outfall_id},
            row_id=sha,
        )  # fmt: skip
    return sha


@pytest.fixture
def trio(make_replicas, tmp_path: Path):  # type: ignore[no-untyped-def]
    from tests.sync.test_exchange import send

    dbs = make_replicas()
    with dbs["field1"].write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    send(dbs["field1"], dbs["central"], tmp_path, "f1-c")
    send(dbs["central"], dbs["field1"], tmp_path, "c-f1")
    send(dbs["central"], dbs["field2"], tmp_path, "c-f2")
    send(dbs["field2"], dbs["central"], tmp_path, "f2-c")
    return dbs, oid, send


def test_an_original_missing_at_export_is_named_and_sent_once_it_is_back(
    trio, tmp_path: Path, sample_photos: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    dbs, oid, send = trio
    field, central = dbs["field1"], dbs["central"]
    sha = _add_photo(field, sample_photos[0], oid)
    stored = locations.photo_file(field.path, sha)
    aside = tmp_path / "aside.jpg"
    stored.rename(aside)  # the original is briefly not in the store (an unplugged disk)
    first = tmp_path / "first.bundle"
    capsys.readouterr()
    assert run(["--db", str(field.path), "bundle", "export", str(first)]) == 0
    err = capsys.readouterr().err
    assert "1 photo originals this bundle should carry are not in the photo store" in err
    assert sha[:12] in err
    assert bundle_history(field)[0]["photos"] == 0
    import_bundle(central, first)
    assert not photostore.has(central.path, sha)
    # The original is back: the next bundle to the centre carries it, though the centre
    # already holds the photo's record.
    aside.rename(stored)
    with field.write() as w:
        reg.create_outfall(w, {**OUTFALL, "lat": 35.4, "code": "NEXT"})
    second = tmp_path / "second.bundle"
    result = export_bundle(field, second)
    assert result.photos == 1
    assert result.missing_photos == []
    import_bundle(central, second)
    assert photostore.verify(central.path, sha)
    # Delivered, and the centre's receipt says so: neither owed nor sent again.
    send(central, field, tmp_path, "receipt")
    third = tmp_path / "third.bundle"
    with field.write() as w:
        reg.create_outfall(w, {**OUTFALL, "lat": 35.5, "code": "THIRD"})
    assert export_bundle(field, third).photos == 0


def test_a_replica_that_lacks_an_original_gets_it_from_the_centre_later(
    trio, tmp_path: Path, sample_photos: list[Path]
) -> None:  # type: ignore[no-untyped-def]
    """field2 received the photo's record without its original (the centre lacked it);
    it says so in its next bundle, and the centre sends the original once it has it."""
    dbs, oid, send = trio
    field1, field2, central = dbs["field1"], dbs["field2"], dbs["central"]
    sha = _add_photo(field1, sample_photos[1], oid)
    stored = locations.photo_file(field1.path, sha)
    aside = tmp_path / "aside.jpg"
    stored.rename(aside)
    send(field1, central, tmp_path, "1")
    send(central, field2, tmp_path, "2")
    assert not photostore.has(field2.path, sha)
    send(field2, central, tmp_path, "3")  # field2's manifest lists what it lacks
    aside.rename(stored)
    with field1.write() as w:
        reg.create_outfall(w, {**OUTFALL, "lat": 35.6, "code": "MORE"})
    send(field1, central, tmp_path, "4")
    assert photostore.verify(central.path, sha)
    send(central, field2, tmp_path, "5")
    assert photostore.verify(field2.path, sha)


def test_a_disk_filling_up_during_an_import_leaves_no_photo_and_says_so(
    trio,
    tmp_path: Path,
    sample_photos: list[Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    dbs, oid, _ = trio
    field, central = dbs["field1"], dbs["central"]
    for photo in sample_photos[:3]:
        _add_photo(field, photo, oid)
    path = tmp_path / "photos.bundle"
    export_bundle(field, path)
    with central.read() as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = (central.path.read_bytes(), files_of(locations.photo_store(central.path)))
    real = photostore.stage_chunks
    calls = {"n": 0}

    def filling(folder: Path, chunks, *, expected: str) -> None:  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(folder, chunks, expected=expected)

    monkeypatch.setattr(photostore, "stage_chunks", filling)
    capsys.readouterr()
    status = run(["--db", str(central.path), "bundle", "import", str(path)])
    err = capsys.readouterr().err
    assert status == 1
    assert err.strip() == "The disk is full; nothing was changed"
    with central.read() as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert (central.path.read_bytes(), files_of(locations.photo_store(central.path))) == before
    assert not list(locations.photo_store(central.path).glob(".incoming-*"))
    monkeypatch.setattr(photostore, "stage_chunks", real)
    before_state = synced_state(central)
    assert run(["--db", str(central.path), "bundle", "import", str(path)]) == 0
    assert synced_state(central) != before_state
    assert len(list(photostore.stored_hashes(central.path))) == 3


def test_an_import_killed_after_its_commit_finishes_moving_its_photos(
    trio, tmp_path: Path, sample_photos: list[Path]
) -> None:  # type: ignore[no-untyped-def]
    """Photos staged by an import that committed and was then killed are moved into the
    store by the next import; those of one that never committed are removed."""
    dbs, _, send = trio
    field, central = dbs["field1"], dbs["central"]
    sha = photostore.hash_file(sample_photos[2])
    with central.transaction() as conn:
        conn.execute(
            "INSERT INTO bundle_record (id, direction, manifest_sha256, file_name, peer_name,"
            " created_at, recorded_at, actor, ops, photos, size_bytes, encrypted, counts)"
            " VALUES ('done', 'received', '', 'x', '', '2026-01-01', '2026-01-01', '', 0, 1, 0,"
            " 0, '{}')"
        )
    done = photostore.staging_folder(central.path, "done")
    photostore.stage_chunks(done, [sample_photos[2].read_bytes()], expected=sha)
    lost = photostore.staging_folder(central.path, "never-committed")
    photostore.stage_chunks(
        lost, [sample_photos[3].read_bytes()], expected=photostore.hash_file(sample_photos[3])
    )
    with field.write() as w:
        reg.create_outfall(w, {**OUTFALL, "lat": 35.7, "code": "K"})
    send(field, central, tmp_path, "next")
    assert photostore.verify(central.path, sha)
    assert not done.exists()
    assert not lost.exists()
    assert list(photostore.stored_hashes(central.path)) == [sha]
