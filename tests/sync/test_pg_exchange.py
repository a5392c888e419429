"""Bundles between a city's central record on PostgreSQL and laptops on SQLite (issue 14
part 2): what one engine exports the other imports, and all of them converge."""

from __future__ import annotations

from pathlib import Path

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
