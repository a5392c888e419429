"""Several people saving inspections into one PostgreSQL central record at once, each in
a process of their own: shared by the correctness test (tests/data/test_pg_concurrency.py)
and the benchmark (tests/benchmarks/test_pg_concurrency_bench.py)."""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
import time
from dataclasses import dataclass
from typing import Any

from inspector.data.db import open_database
from inspector.services import register as reg
from inspector.services.inspections import record_inspection

OUTFALL = {
    "name": "温县黄庄镇蟒河左岸1#城镇雨洪排口",
    "county_code": "410825",
    "lat": 34.95,
    "lon": 113.05,
    "river": "蟒河",
    "category": "城镇雨洪排口",
}


def save_inspections(
    url: str, outfall_id: str, writer: int, saves: int, seconds: float, start: Any, done: Any
) -> None:
    """One person: inspections, each in its own transaction, through the service, until
    `saves` are saved (if `saves` > 0) or `seconds` have passed since `start` was set
    (if `seconds` > 0). Puts how many it saved on the queue `done`."""
    db = open_database(url)
    saved = 0
    try:
        start.wait()
        deadline = time.monotonic() + seconds
        for n in itertools.count():
            if (saves and n >= saves) or (seconds and time.monotonic() >= deadline):
                break
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
            saved += 1
    finally:
        db.dispose()
        done.put((writer, saved))


@dataclass
class Outcome:
    saved: dict[int, int]
    """Inspections each writer says it saved."""
    seconds: float
    """From the start signal until the last writer finished."""
    origin: str
    outfall_id: str


def run_writers(url: str, writers: int, *, saves: int = 0, seconds: float = 0) -> Outcome:
    """`writers` spawned processes saving inspections of one new outfall at once."""
    db = open_database(url)
    try:
        with db.write(actor="setup") as w:
            outfall_id = reg.create_outfall(w, OUTFALL)
        origin = db.replica_id
    finally:
        db.dispose()

    ctx = multiprocessing.get_context("spawn")
    start, done = ctx.Event(), ctx.Queue()
    workers = [
        ctx.Process(target=save_inspections, args=(url, outfall_id, i, saves, seconds, start, done))
        for i in range(writers)
    ]
    for p in workers:
        p.start()
    # Every process imported and connected before the clock starts is not promised; the
    # spawn start-up (about a second) is outside the timing either way, as the writers'
    # own clocks start at the signal.
    started = time.perf_counter()
    start.set()
    saved = dict(done.get(timeout=seconds + 300) for _ in workers)
    elapsed = time.perf_counter() - started
    for p in workers:
        p.join(120)
    assert [p.exitcode for p in workers] == [0] * writers
    return Outcome(saved, elapsed, origin, outfall_id)


def check_log(url: str, outcome: Outcome) -> tuple[list[int], list[int], list[str]]:
    """The origin's operation sequence numbers and clocks in order, and the notes of the
    inspections saved, as the database holds them."""
    db = open_database(url)
    try:
        with db.read() as conn:
            log = conn.execute(
                "SELECT seq, hlc FROM op WHERE origin=? ORDER BY seq", (outcome.origin,)
            ).fetchall()
            notes = [
                str(r[0])
                for r in conn.execute(
                    "SELECT notes FROM inspection WHERE outfall_id=?", (outcome.outfall_id,)
                )
            ]
    finally:
        db.dispose()
    return [int(s) for s, _ in log], [int(h) for _, h in log], notes
