"""Several people saving into one PostgreSQL central record at once (issue 14 part 3):
the replica's operations are numbered once each, in clock order, and none is lost.

PostgreSQL only: SQLite's `BEGIN IMMEDIATE` already admits one writer at a time."""

from __future__ import annotations

import itertools

from tests.pg_writers import check_log, run_writers

WRITERS = 4
SAVES = 15


def test_concurrent_writers_number_every_operation_once(pg_url: str) -> None:
    outcome = run_writers(pg_url, WRITERS, saves=SAVES)
    assert outcome.saved == dict.fromkeys(range(WRITERS), SAVES)
    seqs, clocks, notes = check_log(pg_url, outcome)
    expected = 1 + WRITERS * SAVES
    assert seqs == list(range(1, expected + 1))  # none lost, none numbered twice
    assert all(a < b for a, b in itertools.pairwise(clocks))
    assert set(notes) == {f"{i}/{n}" for i in range(WRITERS) for n in range(SAVES)}
