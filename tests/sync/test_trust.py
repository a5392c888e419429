"""The trust record and signed history: relays through the centre, keys learned only from
the central record's registrations, a key file that is not this replica's, and databases
and bundles from before operations were signed."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from inspector import locations
from inspector.cli import run
from inspector.data import migrate
from inspector.data.db import Database, open_database
from inspector.data.sync.checks import OperationsRefused
from inspector.models import Outfall
from inspector.services import register as reg
from inspector.services.sync.exchange import export_bundle, import_bundle
from tests.downgrade import downgrade
from tests.sync.conftest import OUTFALL, synced_state


def _record(db: Database, replica_id: str) -> tuple[object, ...] | None:
    with db.read() as conn:
        row = conn.execute(
            "SELECT name, role, region_code, public_key, trusted, authority FROM replica"
            " WHERE id=?",
            (replica_id,),
        ).fetchone()
    return None if row is None else tuple(row)


def test_a_laptop_learns_another_laptops_key_from_the_centres_registration(
    make_replicas, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """field2 never met field1: it believes field1's operations, relayed by the centre
    unchanged, because the centre it accepted registered field1's key, role and region."""
    dbs = make_replicas()
    with dbs["field1"].write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    up, down = tmp_path / "up.bundle", tmp_path / "down.bundle"
    export_bundle(dbs["field1"], up, everything=True)
    import_bundle(dbs["central"], up, trust=True)
    export_bundle(dbs["central"], down, everything=True)
    import_bundle(dbs["field2"], down, trust=True)
    name, role, region, key, trusted, authority = _record(dbs["field2"], dbs["field1"].replica_id)  # type: ignore[misc]
    assert (name, role, region, trusted, authority) == ("field1", "field", "410823", 1, "central")
    assert key == _record(dbs["field1"], dbs["field1"].replica_id)[3]  # type: ignore[index]
    with dbs["field2"].read() as conn:
        assert conn.execute("SELECT code FROM outfall WHERE id=?", (oid,)).fetchone()
        # field1's checkpoint came through the centre unchanged, and is kept to relay on.
        assert conn.execute(
            "SELECT seq FROM op_checkpoint WHERE origin=?", (dbs["field1"].replica_id,)
        ).fetchone() == (1,)


def test_a_hub_that_is_not_the_centre_cannot_vouch_for_a_key(
    make_replicas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    """A county office relays field1's work to the centre, which has never met field1:
    refused (nobody it believes vouched for field1's key); once field1's own bundle has
    come, the county's imports."""
    dbs = make_replicas("field1", "county", "central")
    with dbs["field1"].write() as w:
        reg.create_outfall(w, OUTFALL)
    first = tmp_path / "f1-county.bundle"
    export_bundle(dbs["field1"], first, everything=True)
    import_bundle(dbs["county"], first, trust=True)
    hub = tmp_path / "county-central.bundle"
    export_bundle(dbs["county"], hub, everything=True)
    before = synced_state(dbs["central"])
    capsys.readouterr()
    status = run(["--db", str(dbs["central"].path), "bundle", "import", str(hub), "--trust"])
    err = capsys.readouterr().err
    assert status == 2, err
    assert "whose key this replica does not know" in err
    assert synced_state(dbs["central"]) == before
    own = tmp_path / "f1-central.bundle"
    export_bundle(dbs["field1"], own, everything=True)
    import_bundle(dbs["central"], own, trust=True)
    result = import_bundle(dbs["central"], hub, trust=True)
    assert result.merge.already_held >= 1


def test_an_export_with_another_replicas_key_file_writes_nothing(
    make_replicas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    """Issue 11: the key file beside the database was copied from field2; every peer
    would refuse what it signs, so the export says so and writes nothing."""
    dbs = make_replicas("field1", "field2")
    with dbs["field1"].write() as w:
        reg.create_outfall(w, OUTFALL)
    mine = locations.key_file(dbs["field1"].path)
    mine.chmod(0o600)
    shutil.copy(locations.key_file(dbs["field2"].path), mine)
    path = tmp_path / "wrong-key.bundle"
    capsys.readouterr()
    status = run(["--db", str(dbs["field1"].path), "bundle", "export", str(path), "--all"])
    err = capsys.readouterr().err
    assert status == 1, err
    assert "belongs to another replica" in err
    assert str(mine) in err
    assert not path.exists()
    assert not list(tmp_path.glob(".wrong-key*"))


def _downgrade(path: Path) -> None:
    """The database as the version before signed operations left it (revision 0007)."""
    downgrade(path, "0007")


def test_history_from_before_signing_migrates(make_replicas, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The centre holds field1's operations from before the upgrade, and a key pinned by a
    manifest. After the upgrade: the pinned key is forgotten; field1's old operations are
    kept but not relayed (unsigned); field1, upgraded, vouches for its whole history in
    its next bundle, after which the centre relays all of it."""
    dbs = make_replicas()
    with dbs["field1"].write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    up = tmp_path / "old.bundle"
    export_bundle(dbs["field1"], up, everything=True)
    import_bundle(dbs["central"], up, trust=True)
    central_path = dbs["central"].path
    dbs["central"].dispose()
    _downgrade(central_path)
    conn = sqlite3.connect(central_path)
    conn.execute(
        "INSERT INTO replica (id, name, role, public_key, is_self, trusted, first_seen)"
        " VALUES ('pinned', 'pinned by a manifest', 'central', ?, 0, 0, '2026-01-01')",
        ("cd" * 32,),
    )
    conn.commit()
    conn.close()
    central = open_database(central_path)  # upgrades, with a backup first
    assert migrate.current_revision(sqlite3.connect(central_path)) == migrate.HEAD
    assert _record(central, "pinned")[3:] == (None, 0, None)  # type: ignore[index]
    assert _record(central, dbs["field1"].replica_id)[4:] == (1, "person")  # type: ignore[index]
    down = tmp_path / "down.bundle"
    result = export_bundle(central, down, everything=True)
    assert result.unsigned == {dbs["field1"].replica_id: 1}
    import_bundle(dbs["field2"], down, trust=True)
    with dbs["field2"].read() as conn2:
        assert conn2.execute("SELECT 1 FROM outfall WHERE id=?", (oid,)).fetchone() is None
    # field1 edits and exports: its checkpoint covers its old operation too.
    with dbs["field1"].write() as w:
        w.update(Outfall, oid, {"notes": "升级后的修改"})
    again = tmp_path / "new.bundle"
    export_bundle(dbs["field1"], again, everything=True)
    import_bundle(central, again)
    down2 = tmp_path / "down2.bundle"
    assert export_bundle(central, down2, everything=True).unsigned == {}
    import_bundle(dbs["field2"], down2)
    with dbs["field2"].read() as conn2:
        assert conn2.execute("SELECT notes FROM outfall WHERE id=?", (oid,)).fetchone() == (
            "升级后的修改",
        )


def test_old_history_that_differs_from_what_its_origin_signs_is_refused(
    make_replicas, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """An operation a relay altered before the upgrade does not pass when its origin
    signs the real one: the bundle is refused, naming the origin."""
    dbs = make_replicas("field1", "central")
    with dbs["field1"].write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    up = tmp_path / "up.bundle"
    export_bundle(dbs["field1"], up, everything=True)
    import_bundle(dbs["central"], up, trust=True)
    with dbs["central"].transaction() as conn:
        conn.execute("DELETE FROM op_checkpoint")
        conn.execute("DELETE FROM op_chain")
        conn.execute(
            "UPDATE op SET fields=replace(fields, '沁河右岸', '被篡改') WHERE origin=?",
            (dbs["field1"].replica_id,),
        )
    receipt = tmp_path / "receipt.bundle"
    export_bundle(dbs["central"], receipt, everything=True)
    with dbs["field1"].write() as w:
        w.update(Outfall, oid, {"notes": "新修改"})
    everything = tmp_path / "everything.bundle"
    export_bundle(dbs["field1"], everything, everything=True)
    with pytest.raises(OperationsRefused, match="differs from the change this replica already"):
        import_bundle(dbs["central"], everything)
    # Carrying only what is new, the chain from the altered copy misses the signature.
    import_bundle(dbs["field1"], receipt, trust=True)
    again = tmp_path / "again.bundle"
    assert export_bundle(dbs["field1"], again, to=dbs["central"].replica_id).prerequisites
    with pytest.raises(OperationsRefused, match="do not match its signature"):
        import_bundle(dbs["central"], again)


def test_old_history_its_origin_vouches_for_without_new_edits_is_relayed(
    make_replicas, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The centre holds field1's history unsigned (as after the upgrade). field1 sends
    everything again with nothing new: its checkpoint covers exactly what the centre
    holds, so the centre keeps it and relays field1's history from then on."""
    dbs = make_replicas()
    with dbs["field1"].write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    up = tmp_path / "up.bundle"
    export_bundle(dbs["field1"], up, everything=True)
    import_bundle(dbs["central"], up, trust=True)
    with dbs["central"].transaction() as conn:
        conn.execute("DELETE FROM op_checkpoint")
        conn.execute("DELETE FROM op_chain")
    first = tmp_path / "first.bundle"
    assert export_bundle(dbs["central"], first, everything=True).unsigned == {
        dbs["field1"].replica_id: 1
    }
    again = tmp_path / "again.bundle"
    export_bundle(dbs["field1"], again, everything=True)
    result = import_bundle(dbs["central"], again)
    assert (result.merge.applied, result.merge.already_held) == (0, 1)
    down = tmp_path / "down.bundle"
    assert export_bundle(dbs["central"], down, everything=True).unsigned == {}
    import_bundle(dbs["field2"], down, trust=True)
    with dbs["field2"].read() as conn:
        assert conn.execute("SELECT 1 FROM outfall WHERE id=?", (oid,)).fetchone() == (1,)
