"""Clocks that cannot be poisoned, and `doctor --repair-clock` for databases an earlier
version let be poisoned (one operation at 2**63-1 stopped every later write; one in the
year 3000 stamped every later edit in the year 3000)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from inspector.cli import run
from inspector.data.db import Database
from inspector.data.sync.merge import apply_operations, merge_transaction, own_vector
from inspector.data.writer import ClockFull
from inspector.domain import hlc
from inspector.domain.hlc import MAX_HLC, ClockExhausted, HybridClock, pack, wall_ms
from inspector.domain.ids import uuid7
from inspector.models import Outfall
from inspector.services import register as reg
from inspector.services.doctor import run_doctor
from inspector.services.sync.exchange import export_bundle, import_bundle
from tests.sync.conftest import OUTFALL, synced_state

YEAR_3000 = pack(int(dt.datetime(3000, 1, 1, tzinfo=dt.UTC).timestamp() * 1000))
HOSTILE = "01a20a00-0bad-7000-8000-00000000beef"


def test_the_clock_refuses_rather_than_overflows() -> None:
    clock = HybridClock(last=MAX_HLC - 1)
    assert clock.tick() == MAX_HLC
    with pytest.raises(ClockExhausted):
        clock.tick()
    with pytest.raises(ClockExhausted):
        HybridClock().observe(MAX_HLC + 1)
    now = wall_ms()
    assert not hlc.too_far_ahead(pack(now + hlc.TOLERANCE_MS - 1000), now)
    assert hlc.too_far_ahead(pack(now + hlc.TOLERANCE_MS + 1000), now)
    assert hlc.limit(now) < MAX_HLC


def _poison(db: Database, stamp: int, outfall: str) -> None:
    """What an earlier version did with a trusted bundle carrying one operation stamped
    `stamp`: merged it unchecked and absorbed its clock."""
    op = (
        uuid7(), HOSTILE, 1, stamp, "outfall", outfall, {"notes": "来自未来的修改"}, {}, "x", None,
    )  # fmt: skip
    conn = db.connect()
    try:
        with merge_transaction(conn):
            apply_operations(conn, [[op]], bundle_id=None, self_id=db.replica_id)
    finally:
        conn.close()


@pytest.fixture
def pair(make_replicas, tmp_path):  # type: ignore[no-untyped-def]
    from tests.sync.test_exchange import send

    dbs = make_replicas("field1", "central")
    with dbs["central"].write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    send(dbs["central"], dbs["field1"], tmp_path, "c-f1")
    send(dbs["field1"], dbs["central"], tmp_path, "f1-c")
    return dbs, oid


def _doctor(db: Database, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    status = run(["--db", str(db.path), "doctor", "--no-backup", *extra])
    out, err = capsys.readouterr()
    return status, out + err


def test_a_clock_at_the_largest_integer_is_repaired_losing_nothing(
    pair, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = pair
    central = dbs["central"]
    _poison(central, MAX_HLC, oid)
    with pytest.raises(ClockFull, match="doctor --repair-clock"), central.write() as w:
        w.update(Outfall, oid, {"notes": "之后的本地修改"})
    status, text = _doctor(central, capsys)
    assert status == 1
    assert "1 changes are stamped more than a day ahead" in text
    with central.read() as conn:
        ops_before = conn.execute("SELECT op_id, fields FROM op ORDER BY op_id").fetchall()
    status, text = _doctor(central, capsys, "--repair-clock")
    assert status == 0, text
    assert "1 changes were restamped" in text
    with central.read() as conn:
        assert conn.execute("SELECT op_id, fields FROM op ORDER BY op_id").fetchall() == ops_before
        old, new = conn.execute("SELECT old_hlc, new_hlc FROM clock_repair").fetchone()
        assert int(old) == MAX_HLC
        assert new <= hlc.limit()
        assert int(conn.execute("SELECT value FROM meta WHERE key='hlc'").fetchone()[0]) < MAX_HLC
    with central.write() as w:
        w.update(Outfall, oid, {"notes": "修复后的本地修改"})
    assert run_doctor(central, backup=False, full=True).problems == 0


def test_a_clock_in_the_year_3000_is_repaired_and_the_replica_syncs_again(
    pair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = pair
    central, field = dbs["central"], dbs["field1"]
    _poison(central, YEAR_3000, oid)
    # Honest edits made after the poisoning are stamped in the year 3000 too...
    with central.write() as w:
        w.update(Outfall, oid, {"notes": "市局复核"})
        w.update(Outfall, oid, {"township": "大封镇"})
    with central.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM op WHERE hlc > ?", (hlc.limit(),)).fetchone() == (
            3,
        )
        held = own_vector(conn)
    # ...so this version will not send them: every peer would refuse them.
    capsys.readouterr()
    path = tmp_path / "poisoned.bundle"
    assert run(["--db", str(central.path), "bundle", "export", str(path), "--all"]) == 1
    assert "doctor --repair-clock" in capsys.readouterr().err
    assert not path.exists()
    status, text = _doctor(central, capsys, "--repair-clock")
    assert status == 0, text
    with central.read() as conn:
        assert own_vector(conn) == held
        assert conn.execute("SELECT COUNT(*) FROM clock_repair").fetchone() == (3,)
        assert conn.execute("SELECT COUNT(*) FROM op WHERE hlc > ?", (hlc.limit(),)).fetchone() == (
            0,
        )
        # The last honest edit is still what the register shows.
        assert conn.execute("SELECT notes FROM outfall WHERE id=?", (oid,)).fetchone() == (
            "市局复核",
        )
    export_bundle(central, path, to=field.replica_id)
    import_bundle(field, path)
    with field.read() as conn:
        assert conn.execute(
            "SELECT notes, township FROM outfall WHERE id=?", (oid,)
        ).fetchone() == (
            "市局复核",
            "大封镇",
        )
    assert synced_state(field)["outfall"] == synced_state(central)["outfall"]
