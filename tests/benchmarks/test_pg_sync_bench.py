"""Import of a sync bundle into a PostgreSQL replica, beside a baseline measured in the
same run.

    pytest tests/benchmarks/test_pg_sync_bench.py -p no:xdist -s

It needs PostgreSQL 15+ server binaries (a throwaway server is started, see `tests.pg`).

Target (issue 14): importing a bundle of 1,000,000 operations into a PostgreSQL central
record, every one's signature chain, values and authority checked, at no less than 0.3x
the rate of the fastest raw load of as many rows through the same driver (psycopg) into
the operation log of a fresh database: `COPY ... FROM STDIN` or `executemany` (pipelined),
whichever is faster in that run, each in one transaction. Three alternating runs of each,
compared by their medians (the machine is shared).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspector.data.sync.merge import own_vector
from inspector.services.replica import identity
from tests.benchmarks.bundles import (
    OP_COLUMNS,
    OUTFALLS,
    make_bundle,
    replica,
    synthetic_operations,
)

if TYPE_CHECKING:
    from tests.pg import Database, Server

OPERATIONS = 1_000_000
RUNS = 3


def _seconds(times: list[float]) -> str:
    return "[" + ", ".join(f"{t:.1f}" for t in times) + "] s"


@contextmanager
def _fresh(server: Server, template: str) -> Iterator[Database]:
    """A new database at the schema's head, dropped afterwards, with the server's
    dirty buffers written out first: otherwise each load would pay, in the server's
    background writes, for the one before it (the executemany baseline leaves a
    gigabyte of them)."""
    import psycopg

    database = server.create_database(template=template)
    with psycopg.connect(database.conninfo, autocommit=True) as admin:
        admin.execute("CHECKPOINT")
    try:
        yield database
    finally:
        server.drop_database(database)


def _raw_copy(conninfo: str, rows: list[tuple[Any, ...]]) -> float:
    import psycopg

    with psycopg.connect(conninfo) as conn:
        started = time.perf_counter()
        with (
            conn.cursor() as cur,
            cur.copy(f"COPY op ({', '.join(OP_COLUMNS)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        conn.commit()
        return time.perf_counter() - started


def _raw_executemany(conninfo: str, rows: list[tuple[Any, ...]]) -> float:
    import psycopg

    marks = ", ".join(f"%s::{t}" for t in _OP_TYPES)
    with psycopg.connect(conninfo) as conn:
        started = time.perf_counter()
        with conn.cursor() as cur:
            # psycopg 3 pipelines executemany on libpq 14+: one round trip per batch.
            cur.executemany(f"INSERT INTO op ({', '.join(OP_COLUMNS)}) VALUES ({marks})", rows)
        conn.commit()
        return time.perf_counter() - started


#: The types of OP_COLUMNS on PostgreSQL (None values need them: an untyped None is
#: text, which bigint and json columns would refuse).
_OP_TYPES = (
    "varchar", "varchar", "bigint", "bigint", "varchar", "varchar", "text", "text",
    "varchar", "varchar", "varchar",
)  # fmt: skip


def test_import_of_a_million_operations_into_postgresql(
    tmp_path: Path, pg_server: Server, pg_template: str
) -> None:
    from inspector.services.sync.exchange import import_bundle

    source = replica(tmp_path / "source.db", "bench-field", "field")
    bundle = tmp_path / "million.bundle"
    started = time.perf_counter()
    make_bundle(source, bundle, OPERATIONS)
    print(
        f"\nbundle of {OPERATIONS:,} operations written in {time.perf_counter() - started:.1f} s,"
        f" {bundle.stat().st_size / 1e6:.0f} MB"
    )
    origin = identity(source).id
    rows = [(*op, None) for op in synthetic_operations(origin, OPERATIONS, OUTFALLS)]

    loads: dict[str, Callable[[str, list[tuple[Any, ...]]], float]] = {
        "COPY": _raw_copy,
        "executemany": _raw_executemany,
    }
    raw_times: dict[str, list[float]] = {name: [] for name in loads}
    import_times: list[float] = []
    for _ in range(RUNS):
        for name, load in loads.items():
            with _fresh(pg_server, pg_template) as fresh:
                raw_times[name].append(load(fresh.conninfo, rows))
        with _fresh(pg_server, pg_template) as fresh:
            target = replica(fresh.url, "bench-central", "central")
            try:
                started = time.perf_counter()
                result = import_bundle(target, bundle, trust=True)
                import_times.append(time.perf_counter() - started)
                assert result.merge.applied == OPERATIONS
                with target.read() as c:
                    assert own_vector(c)[origin] == OPERATIONS
                    assert c.execute("SELECT COUNT(*) FROM outfall").fetchone()[0] == OUTFALLS
            finally:
                target.dispose()
    del rows

    medians = {name: statistics.median(times) for name, times in raw_times.items()}
    fastest = min(medians, key=lambda name: medians[name])
    raw_s, import_s = medians[fastest], statistics.median(import_times)
    for name, times in raw_times.items():
        print(
            f"raw {name:<12} {_seconds(times)}, median {medians[name]:.1f} s"
            f" ({OPERATIONS / medians[name]:,.0f} rows/s)"
        )
    ratio = raw_s / import_s
    print(
        f"bundle import:   {_seconds(import_times)}, median {import_s:.1f} s"
        f" ({OPERATIONS / import_s:,.0f} ops/s)  ratio to {fastest} {ratio:.2f} (target >= 0.30;"
        " run by run"
        f" {', '.join(f'{r / i:.2f}' for r, i in zip(raw_times[fastest], import_times, strict=True))})"
    )
    assert ratio >= 0.3
