"""Eight people saving inspections into one PostgreSQL central record at once.

    pytest tests/benchmarks/test_pg_concurrency_bench.py -p no:xdist -s

It needs PostgreSQL 15+ server binaries (a throwaway server is started, see `tests.pg`).
INSPECTOR_BENCH_SECONDS sets how long the writers save (default 60).

Target (issue 14 part 3): eight writer processes, each saving inspections through the
service one transaction at a time for 60 s: none lost (every inspection a writer saved
is in the table, and its operation in the log) and no sequence number used twice or
skipped. The throughput (inspections per second, all writers together) is printed.
"""

from __future__ import annotations

import itertools
import os

from tests.pg_writers import check_log, run_writers

WRITERS = 8
SECONDS = float(os.environ.get("INSPECTOR_BENCH_SECONDS", "60"))


def _checked(url: str, writers: int) -> float:
    outcome = run_writers(url, writers, seconds=SECONDS)
    seqs, clocks, notes = check_log(url, outcome)
    total = sum(outcome.saved.values())
    expected = {f"{i}/{n}" for i, saved in outcome.saved.items() for n in range(saved)}
    assert len(notes) == total  # none saved twice
    assert set(notes) == expected  # none lost
    assert seqs == list(range(1, total + 2))  # the outfall's, then one per inspection
    assert all(a < b for a, b in itertools.pairwise(clocks))
    return total / outcome.seconds


def test_eight_writers_lose_nothing_and_number_once(pg_url: str) -> None:
    rate = _checked(pg_url, WRITERS)
    print(
        f"\n{WRITERS} writers for {SECONDS:.0f} s: {rate:.1f} inspections/s;"
        " 0 lost, 0 sequence numbers twice or skipped"
    )
