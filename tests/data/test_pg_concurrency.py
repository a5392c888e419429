"""Several people saving into one PostgreSQL central record at once (issue 14 part 3):
the replica's operations are numbered once each, in clock order, and none is lost.

PostgreSQL only: SQLite's `BEGIN IMMEDIATE` already admits one writer at a time."""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
from typing import Any

from inspector.data.db import open_database
from inspector.services import register as reg
from inspector.services.inspections import record_inspection

WRITERS = 4
SAVES = 15

OUTFALL = {
    "name": "温县黄庄镇蟒河左岸1#城镇雨洪排口",
    "county_code": "410825",
    "lat": 34.95,
    "lon": 113.05,
    "river": "蟒河",
    "category": "城镇雨洪排口",
}


def save_inspections(url: str, outfall_id: str, writer: int, saves: int, start: Any) -> None:
    """One person: `saves` inspections, each in its own transaction, through the service."""
    db = open_database(url)
    try:
        start.wait()
        for n in range(saves):
            with db.write(actor=f"writer{writer}") as w:
                record_inspection(
                    w,
                    outfall_id,
                    {
                        "started_at": dt.datetime(2026, 1, 1, 8, tzinfo=dt.UTC)
                        + dt.timedelta(minutes=n),
                        "inspectors": [f"writer{writer}"],
                        "notes": f"{writer}/{n}",
                    },
                )
    finally:
        db.dispose()


def test_concurrent_writers_number_every_operation_once(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        with db.write(actor="setup") as w:
            outfall_id = reg.create_outfall(w, OUTFALL)
        origin = db.replica_id
    finally:
        db.dispose()

    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    workers = [
        ctx.Process(target=save_inspections, args=(pg_url, outfall_id, i, SAVES, start))
        for i in range(WRITERS)
    ]
    for p in workers:
        p.start()
    start.set()
    for p in workers:
        p.join(120)
    assert [p.exitcode for p in workers] == [0] * WRITERS

    db = open_database(pg_url)
    try:
        with db.read() as conn:
            log = conn.execute(
                "SELECT seq, hlc FROM op WHERE origin=? ORDER BY seq", (origin,)
            ).fetchall()
            notes = {
                r[0]
                for r in conn.execute(
                    "SELECT notes FROM inspection WHERE outfall_id=?", (outfall_id,)
                )
            }
    finally:
        db.dispose()
    expected = 1 + WRITERS * SAVES
    seqs = [int(s) for s, _ in log]
    assert seqs == list(range(1, expected + 1))  # none lost, none numbered twice
    clocks = [int(h) for _, h in log]
    assert all(a < b for a, b in itertools.pairwise(clocks))
    assert notes == {f"{i}/{n}" for i in range(WRITERS) for n in range(SAVES)}
