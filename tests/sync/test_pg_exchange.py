"""Bundles between a city's central record on PostgreSQL and laptops on SQLite (issue 14
part 2): what one engine exports the other imports, and all of them converge."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from inspector.data.db import Database, open_database
from inspector.models import Outfall
from inspector.services import register as reg
from inspector.services.replica import init_replica
from tests.sync.conftest import OUTFALL, synced_state
from tests.sync.test_exchange import send


def pg_central(url: str) -> Database:
    db = open_database(url)
    init_replica(db, name="central", role="central", region="410800", user="central-user")
    return db


def test_bundles_go_from_sqlite_to_postgresql_and_back(  # type: ignore[no-untyped-def]
    make_replicas, pg_url: str, tmp_path: Path
) -> None:
    dbs = make_replicas("field1", "field2")
    central = pg_central(pg_url)
    try:
        with dbs["field1"].write() as w:
            oid = reg.create_outfall(w, OUTFALL)
        result = send(dbs["field1"], central, tmp_path, "f1-c")
        assert result.merge.conflict_count == 0
        send(central, dbs["field2"], tmp_path, "c-f2")
        # An edit made on the central record reaches both laptops.
        with central.write() as w:
            w.update(Outfall, oid, {"notes": "市局复核：排口有少量流水"})
        send(central, dbs["field1"], tmp_path, "c-f1")
        send(central, dbs["field2"], tmp_path, "c-f2b")
        # And one made on a laptop comes back.
        with dbs["field2"].write() as w:
            w.update(Outfall, oid, {"township": "大封镇"})
        send(dbs["field2"], central, tmp_path, "f2-c")
        send(central, dbs["field1"], tmp_path, "c-f1b")
        state = synced_state(central)
        assert state["outfall"]
        assert synced_state(dbs["field1"]) == state
        assert synced_state(dbs["field2"]) == state
    finally:
        central.dispose()


def _save_while_importing(url: str, outfall_id: str, ready: Any, stop: Any, out: Any) -> None:
    """A person at the central record saving inspections, one transaction each, from
    before the import starts until after it has ended; each save timed."""
    import datetime as dt
    import time

    from inspector.services.inspections import record_inspection

    db = open_database(url)
    waits: list[float] = []
    try:
        ready.set()
        while not stop.is_set() or len(waits) < 5:
            began = time.perf_counter()
            with db.write(actor="市局张三") as w:
                record_inspection(
                    w,
                    outfall_id,
                    {
                        "started_at": dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
                        + dt.timedelta(minutes=len(waits)),
                        "inspectors": ["张三"],
                        "notes": f"张三/{len(waits)}",
                    },
                )
            waits.append(time.perf_counter() - began)
    finally:
        db.dispose()
    out.put(waits)


def test_a_bundle_import_while_people_save_loses_nothing(  # type: ignore[no-untyped-def]
    make_replicas, pg_url: str, tmp_path: Path
) -> None:
    """Issue 14 part 3: a laptop's bundle imported into the central record while a person
    there saves: every saved inspection and every imported operation is kept, and the
    central record's own operations stay numbered once each, in clock order."""
    import itertools
    import multiprocessing

    from inspector.services.sync.exchange import export_bundle, import_bundle

    dbs = make_replicas("field1")
    central = pg_central(pg_url)
    try:
        with central.write() as w:
            own_outfall = reg.create_outfall(w, OUTFALL)
        send(central, dbs["field1"], tmp_path, "c-f1")
        with dbs["field1"].write() as w:
            for n in range(300):
                reg.create_outfall(w, {**OUTFALL, "name": f"武陟县排口{n}", "lat": 35 + n / 1e4})
        bundle = tmp_path / "f1-c.bundle"
        export_bundle(dbs["field1"], bundle, to=central.replica_id)
        with dbs["field1"].read() as conn:
            laptop_ops = {r[0] for r in conn.execute("SELECT op_id FROM op")}

        ctx = multiprocessing.get_context("spawn")
        ready, stop, out = ctx.Event(), ctx.Event(), ctx.Queue()
        writer = ctx.Process(
            target=_save_while_importing, args=(pg_url, own_outfall, ready, stop, out)
        )
        writer.start()
        assert ready.wait(120)
        result = import_bundle(central, bundle, trust=True)
        stop.set()
        waits = out.get(timeout=120)
        writer.join(120)
        saves = len(waits)
        assert writer.exitcode == 0
        assert result.merge.applied >= 300

        with central.read() as conn:
            held = {r[0] for r in conn.execute("SELECT op_id FROM op")}
            own = conn.execute(
                "SELECT seq, hlc FROM op WHERE origin=? ORDER BY seq", (central.replica_id,)
            ).fetchall()
            saved = {
                r[0]
                for r in conn.execute(
                    "SELECT notes FROM inspection WHERE outfall_id=?", (own_outfall,)
                )
            }
        assert laptop_ops <= held
        assert saved == {f"张三/{n}" for n in range(saves)}
        assert [int(s) for s, _ in own] == list(range(1, len(own) + 1))
        assert all(a < b for a, b in itertools.pairwise(int(h) for _, h in own))
        # How long the person waited at worst: reported, not asserted (a wall-clock limit
        # belongs in a benchmark).
        print(f"{saves} saves during the import, the longest {max(waits) * 1000:.0f} ms")
    finally:
        central.dispose()


def test_an_outfall_registered_twice_is_flagged_on_postgresql(  # type: ignore[no-untyped-def]
    make_replicas, pg_url: str, tmp_path: Path
) -> None:
    """The duplicate search the import runs (same code, or a few metres apart on the same
    river, registered on two replicas) finds on PostgreSQL what it finds on SQLite."""
    dbs = make_replicas("field1")
    central = pg_central(pg_url)
    try:
        with central.write() as w:
            first = reg.create_outfall(w, OUTFALL)
        send(central, dbs["field1"], tmp_path, "c-f1")
        with dbs["field1"].write() as w:
            again = reg.create_outfall(
                w, {**OUTFALL, "name": "大封镇沁河边雨水口", "lat": OUTFALL["lat"] + 0.00005}
            )
            far = reg.create_outfall(w, {**OUTFALL, "lat": OUTFALL["lat"] + 0.01})
        send(dbs["field1"], central, tmp_path, "f1-c")
        with central.read() as conn:
            pairs = {
                (frozenset((a, b)), reason)
                for a, b, reason in conn.execute(
                    "SELECT outfall_a, outfall_b, reason FROM duplicate_candidate"
                )
            }
        assert (frozenset((first, again)), "nearby") in pairs
        assert all(far not in pair for pair, _ in pairs)
    finally:
        central.dispose()


@pytest.mark.long
def test_a_first_bundle_of_many_outfalls_fills_a_postgresql_central_record(  # type: ignore[no-untyped-def]
    make_replicas, pg_url: str, tmp_path: Path
) -> None:
    """Over 20,000 new outfalls into an empty central record take the bulk way: the
    outfalls go in before their indexes, the log's row index is built while the merge
    makes the rows, and the duplicate search runs on fresh statistics. Afterwards the
    indexes are those the migrations made, and the record is the laptop's."""
    from inspector.data import dialects

    dbs = make_replicas("field1")
    central = pg_central(pg_url)
    try:
        with central.read() as conn:
            indexes = sorted(dialects.secondary_indexes(conn, ("outfall", "op")))
        with dbs["field1"].write(bulk=True) as w:
            for i in range(21_000):
                # One code on one spot for all: the duplicates flagged stay bounded.
                reg.create_outfall(w, {**OUTFALL, "code": "410823GY-SAME", "name": f"排口{i}"})
        result = send(dbs["field1"], central, tmp_path, "big")
        assert result.merge.created["outfall"] == 21_000
        assert 0 < len(result.merge.duplicates) <= 21_000 * 2 * 32
        with central.read() as conn:
            assert sorted(dialects.secondary_indexes(conn, ("outfall", "op"))) == indexes
            analysed = "SELECT COUNT(*) FROM pg_stats WHERE tablename = 'outfall'"
            assert conn.execute(analysed).fetchone()[0] > 0
        assert synced_state(central) == synced_state(dbs["field1"])
    finally:
        central.dispose()
