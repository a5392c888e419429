"""Revoking a replica (issue 10, "Known limits"): a lost or stolen laptop, and a laptop
restored from an old backup whose second version of its history made relays refuse each
other. Real databases and real bundles, through the command line where a person would."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from inspector import locations
from inspector.cli import run
from inspector.data.db import Database, open_database
from inspector.services import register as reg
from inspector.services.sync.exchange import export_bundle, import_bundle
from tests.sync.conftest import OUTFALL, full_state


def _cli(capsys: pytest.CaptureFixture[str], db: Database, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    status = run(["--lang", "en", "--db", str(db.path), *args])
    out, err = capsys.readouterr()
    return status, out + err


def _name(db: Database, oid: str) -> str:
    with db.read() as conn:
        return str(conn.execute("SELECT name FROM outfall WHERE id=?", (oid,)).fetchone()[0])


def _rename(db: Database, oid: str, name: str) -> None:
    with db.write() as w:
        reg.update_outfall(w, oid, {"name": name})


def _send(source: Database, target: Database, path: Path, *, trust: bool = True) -> Any:
    export_bundle(source, path, everything=True)
    return import_bundle(target, path, trust=trust)


def _held(db: Database, origin: str) -> int:
    with db.read() as conn:
        return int(
            conn.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM op WHERE origin=?", (origin,)
            ).fetchone()[0]
        )


def test_a_revoked_replicas_own_bundle_is_refused_naming_it_when_and_why(
    make_replicas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    """The centre stops trusting a stolen laptop: what it sent before stays; its next
    bundle is refused with exit 2 and one sentence naming it, when and why, even with
    --trust (which must not undo a person's decision); nothing changes."""
    dbs = make_replicas("field1", "central")
    field, centre = dbs["field1"], dbs["central"]
    with field.write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    _send(field, centre, tmp_path / "first.bundle")

    status, text = _cli(
        capsys, centre, "bundle", "revoke", "field1", "--reason", "laptop stolen", "--yes"
    )
    assert status == 0, text
    assert "field1 is revoked" in text
    assert "through 1" in text

    _rename(field, oid, "被盗后改的名字")
    later = tmp_path / "later.bundle"
    export_bundle(field, later, everything=True)
    before = full_state(centre)
    for extra in ([], ["--trust"]):
        status, text = _cli(capsys, centre, "bundle", "import", str(later), *extra)
        assert status == 2, text
        assert "field1" in text
        assert "stopped trusting" in text
        assert "laptop stolen" in text
        assert full_state(centre) == before
    status, text = _cli(capsys, centre, "bundle", "verify", str(later))
    assert status == 2
    assert "laptop stolen" in text
    # What it made before the revocation is still here.
    assert _name(centre, oid) == OUTFALL["name"]


def test_revoking_asks_first_and_refuses_bad_input_in_one_sentence(
    make_replicas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    dbs = make_replicas("field1", "central")
    field, centre = dbs["field1"], dbs["central"]
    with field.write() as w:
        reg.create_outfall(w, OUTFALL)
    _send(field, centre, tmp_path / "first.bundle")
    before = full_state(centre)

    status, text = _cli(capsys, centre, "bundle", "revoke", "field1", "--reason", "lost")
    assert status == 1, text
    assert "of its 1 changes held here, those through 1 stay" in text
    assert "each replica that imports one stops trusting" in text  # it travels
    assert "run again with --yes" in text
    for args, words in (
        (["field1", "--reason", "lost", "--through", "5"], "out of range (give 0 to 1)"),
        (["field1", "--reason", "  ", "--yes"], "Give a reason"),
        (["central", "--reason", "lost", "--yes"], "cannot revoke itself"),
        (["nobody", "--reason", "lost", "--yes"], "nobody"),
    ):
        status, text = _cli(capsys, centre, "bundle", "revoke", *args)
        assert status == 1, (args, text)
        assert words in text, (args, text)
        assert "Traceback" not in text
        assert full_state(centre) == before

    assert _cli(capsys, centre, "bundle", "revoke", "field1", "--reason", "x", "--yes")[0] == 0
    status, text = _cli(capsys, centre, "bundle", "revoke", "field1", "--reason", "x", "--yes")
    assert status == 1
    assert "already revoked" in text
    # Tightening is allowed: keep nothing of it.
    assert (
        _cli(
            capsys, centre, "bundle", "revoke", "field1", "--reason", "x", "--through", "0", "--yes"
        )[0]
        == 0
    )


def test_the_centres_revocation_travels_and_relayed_new_work_of_the_revoked_is_passed_over(
    make_replicas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    """The centre revokes field1; field2 hears of it in the centre's next bundle and then
    refuses field1's own bundles too. A county office that has not heard relays field1's
    new work to field2: field2 takes the county's own edit and field1's work up to the
    cut, and passes over what field1 made after it (exit 0, said in a line)."""
    dbs = make_replicas("field1", "field2", "county", "central")
    f1, f2, county, centre = dbs["field1"], dbs["field2"], dbs["county"], dbs["central"]
    with f1.write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    with county.write() as w:
        other = reg.create_outfall(w, {**OUTFALL, "name": "县局登记的排口", "lat": 35.06})
    _send(f1, centre, tmp_path / "f1-centre.bundle")
    assert (
        _cli(capsys, centre, "bundle", "revoke", "field1", "--reason", "laptop lost", "--yes")[0]
        == 0
    )
    _send(county, f2, tmp_path / "county-f2-0.bundle")  # field2 now trusts the county
    _send(centre, f2, tmp_path / "centre-f2.bundle")
    assert _name(f2, oid) == OUTFALL["name"]  # work before the cut reached field2
    with f2.read() as conn:
        row = conn.execute(
            "SELECT through, decided_by FROM revocation WHERE replica_id=?", (f1.replica_id,)
        ).fetchone()
    assert tuple(row) == (1, "central")

    # field1's new work goes to the county, which has not heard of the revocation.
    _rename(f1, oid, "丢失后改的名字")
    _send(f1, county, tmp_path / "f1-county.bundle")
    _rename(county, other, "县局改过的名字")
    own = tmp_path / "f1-f2.bundle"
    export_bundle(f1, own, everything=True)
    before = full_state(f2)
    status, text = _cli(capsys, f2, "bundle", "import", str(own))
    assert status == 2, text
    assert "laptop lost" in text
    assert "field1" in text
    assert full_state(f2) == before

    relay = tmp_path / "county-f2.bundle"
    export_bundle(county, relay, everything=True)
    status, text = _cli(capsys, f2, "bundle", "import", str(relay))
    assert status == 0, text
    assert "1 changes by revoked replicas" in text
    assert _name(f2, other) == "县局改过的名字"
    assert _name(f2, oid) == OUTFALL["name"]
    assert _held(f2, f1.replica_id) == 1


@pytest.mark.parametrize("admitted_in", ["a thread", "another process"])
def test_a_cut_inside_a_relayed_run_is_checked_against_the_origins_checkpoint(
    make_replicas,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    admitted_in: str,
) -> None:  # type: ignore[no-untyped-def]
    """The centre holds field1's changes 1 and 2 and revokes it keeping change 1; field2,
    which holds none of them, hears of it from the centre. A county office relays
    changes 1 and 2 under field1's checkpoint at 2: change 1 is kept (the chain is
    carried through 2 to check field1's signature), change 2 passed over. A forged
    change 1 under the same checkpoint is still refused. Alike when the operations are
    admitted in another process (`services.sync.admission`, for large bundles)."""
    from inspector.services.sync import admission

    if admitted_in == "another process":
        monkeypatch.setattr(admission, "PROCESS_OPERATIONS", 1)
    dbs = make_replicas("field1", "field2", "county", "central")
    f1, f2, county, centre = dbs["field1"], dbs["field2"], dbs["county"], dbs["central"]
    with f1.write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    _rename(f1, oid, "第二项变更")
    _send(f1, centre, tmp_path / "f1-centre.bundle")
    _send(f1, county, tmp_path / "f1-county.bundle")
    assert _cli(
        capsys, centre, "bundle", "revoke", "field1", "--through", "1", "--reason", "lost",
        "--yes",
    )[0] == 0  # fmt: skip
    _send(centre, f2, tmp_path / "centre-f2.bundle")
    assert _held(f2, f1.replica_id) == 0  # no checkpoint of field1's at 1 to relay under
    relay = tmp_path / "county-f2.bundle"
    export_bundle(county, relay, everything=True)
    status, text = _cli(capsys, f2, "bundle", "import", str(relay), "--trust")
    assert status == 0, text
    assert "1 changes by revoked replicas" in text
    assert _held(f2, f1.replica_id) == 1
    assert _name(f2, oid) == OUTFALL["name"]


def test_a_laptop_restored_from_an_old_backup_no_longer_splits_the_relays(
    make_replicas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    """field1 sends its changes 1 and 2 to the centre, is restored from a backup taken
    after change 1, and issues a different change 2, which reaches field2 directly. The
    centre and field2 then refuse each other ("differs"), for ever on main. Once the
    centre revokes field1 keeping change 1 (the last both versions share), each side's
    bundle imports into the other: neither version of change 2 travels any more."""
    dbs = make_replicas("field1", "field2", "central")
    f1, f2, centre = dbs["field1"], dbs["field2"], dbs["central"]
    with f1.write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    backup = tmp_path / "backup.db"
    with f1.read() as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(f1.path, backup)
    shutil.copy(locations.key_file(f1.path), locations.key_file(backup))
    _send(f1, centre, tmp_path / "meet-centre.bundle")
    _send(centre, f2, tmp_path / "meet-f2.bundle")  # field2 learns field1 from the centre
    _rename(f1, oid, "恢复前的第二项变更")
    _send(f1, centre, tmp_path / "second.bundle")

    restored = open_database(backup)
    _rename(restored, oid, "恢复后的第二项变更")
    _send(restored, f2, tmp_path / "restored-f2.bundle")

    down, up = tmp_path / "centre-f2.bundle", tmp_path / "f2-centre.bundle"
    export_bundle(centre, down, everything=True)
    status, text = _cli(capsys, f2, "bundle", "import", str(down))
    assert status == 2, text
    assert "differs from the change" in text
    export_bundle(f2, up, everything=True)
    status, text = _cli(capsys, centre, "bundle", "import", str(up), "--trust")
    assert status == 2, text
    assert "differs from the change" in text

    assert (
        _cli(
            capsys,
            centre,
            "bundle",
            "revoke",
            "field1",
            "--through",
            "1",
            "--reason",
            "restored from an old backup",
            "--yes",
        )[0]
        == 0
    )
    down = tmp_path / "centre-f2-after.bundle"
    export_bundle(centre, down, everything=True)
    status, text = _cli(capsys, f2, "bundle", "import", str(down))
    assert status == 0, text
    # field2's bundle from before it heard of the revocation still carries its version
    # of change 2: passed over. Its bundles since stop at the cut.
    status, text = _cli(capsys, centre, "bundle", "import", str(up), "--trust")
    assert status == 0, text
    assert "1 changes by revoked replicas" in text
    export_bundle(f2, tmp_path / "u2.bundle", everything=True)
    status, text = _cli(capsys, centre, "bundle", "import", str(tmp_path / "u2.bundle"))
    assert status == 0, text
    assert "revoked" not in text
    # Each keeps the version of change 2 it held; neither travels.
    assert _name(centre, oid) == "恢复前的第二项变更"
    assert _name(f2, oid) == "恢复后的第二项变更"
    # The restored laptop's own bundles are refused now, by the centre and by field2.
    again = tmp_path / "restored-again.bundle"
    export_bundle(restored, again, everything=True)
    for db in (centre, f2):
        status, text = _cli(capsys, db, "bundle", "import", str(again))
        assert status == 2, text
        assert "restored from an old backup" in text
