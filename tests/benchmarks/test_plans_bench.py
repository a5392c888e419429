"""Benchmarks of plans, progress and reports on a register of 100,000 outfalls, each
beside a baseline measured in the same run.

    pytest tests/benchmarks/test_plans_bench.py -p no:xdist -s

Targets (issue 6):
- the public list within 1.5x the time of `ledger export --public` of the same register
  (both walk every outfall with its owner and remediation);
- progress at a past moment from the operation log within 4x the time of counting the
  current states (one pass over the log's outfall operations against one over the table);
- a stratified draw of 300 from the largest county within 10x the time of reading that
  county's candidates (ranking is one SHA-256 per candidate).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from inspector.data.db import Database, open_database
from inspector.services import plans
from inspector.services.ledger import export_ledger
from inspector.services.progress import compute_progress, shares_at
from inspector.services.public_list import export_public_list
from inspector.services.reports import annual_report

OUTFALLS = 100_000
TODAY = dt.date(2026, 11, 23)


def timed(action: Callable[[], Any], repeat: int = 3) -> float:
    """Best of `repeat` runs, in seconds: the machine is shared and noisy."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def report(name: str, value: float, baseline: float) -> None:
    print(f"{name}: {value:.2f} s  (baseline {baseline:.2f} s; ratio {value / baseline:.2f})")


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Database:
    from inspector.services.demo_large import build_large
    from inspector.services.replica import init_replica

    db = open_database(tmp_path_factory.mktemp("bench") / "big.db")
    init_replica(db, name="perf", role="central", region="410800")
    build_large(db, count=OUTFALLS, seed=5)
    return db


def test_public_list_against_the_public_ledger(big: Database, tmp_path: Path) -> None:
    value = timed(lambda: export_public_list(big, tmp_path / "public.csv"), repeat=2)
    baseline = timed(lambda: export_ledger(big, tmp_path / "ledger.csv", public=True), repeat=2)
    report("public list (csv)", value, baseline)
    assert value <= 1.5 * baseline


def test_progress_in_the_past_against_the_present(big: Database) -> None:
    now = dt.datetime.now(dt.UTC)
    with big.read() as conn:
        value = timed(lambda: shares_at(conn, now, city_code="410800"))
        baseline = timed(
            lambda: conn.execute(
                "SELECT county_code, river, state, COUNT(*) FROM outfall WHERE deleted=0 "
                "GROUP BY county_code, river, state"
            ).fetchall()
        )
        report("progress from the operation log", value, baseline)
        progress = timed(
            lambda: compute_progress(conn, year=2026, city_code="410800", today=TODAY), 1
        )
        yearly = timed(lambda: annual_report(conn, year=2026, city="410800"), 1)
        print(f"compute_progress (city): {progress:.2f} s; annual report (city): {yearly:.2f} s")
    assert value <= 4 * baseline


def test_a_stratified_draw_against_reading_the_candidates(big: Database) -> None:
    with big.read() as conn:
        county = conn.execute(
            "SELECT county_code FROM outfall GROUP BY county_code ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()[0]
        request = plans.DrawRequest(
            year=2026,
            county=county,
            inspectors=["张伟", "王芳", "李娜", "刘洋", "陈静"],
            count=300,
            strata="category",
            seed="bench",
        )
        value = timed(lambda: plans.prepare_draw(conn, request, today=TODAY))
        baseline = timed(
            lambda: conn.execute(
                "SELECT id, code, name, river, category FROM outfall WHERE deleted=0 "
                "AND county_code=? AND state NOT IN ('suspected', 'rejected', 'abolished')",
                (county,),
            ).fetchall()
        )
        draft = plans.prepare_draw(conn, request, today=TODAY)
    report(f"draw of 300 from {draft.candidate_count:,} candidates", value, baseline)
    assert value <= 10 * baseline
