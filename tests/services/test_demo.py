"""The demo databases obey every invariant of data written through the one write path."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector.data.db import open_database
from inspector.domain.choices import State
from inspector.services.demo_large import build_large
from inspector.services.doctor import run_doctor
from inspector.services.replica import init_replica


def test_large_demo_generator_matches_its_operation_log(tmp_path: Path) -> None:
    """SQL-generated rows equal the fold of their generated operations, field by field."""
    db = open_database(tmp_path / "large.db")
    init_replica(db, name="perf", role="central", region="410800")
    build_large(db, count=5000, seed=5)
    report = run_doctor(db, backup=False, full=True)
    assert report.problems == 0, report.as_json()
    with db.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM outfall").fetchone()[0] == 5000
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        states = {s for (s,) in conn.execute("SELECT DISTINCT state FROM outfall")}
        assert states == {s.value for s in State}
        # Every owned outfall has its owner; every one in remediation its plan.
        assert (
            conn.execute(
                "SELECT COUNT(*) FROM outfall o WHERE state NOT IN ('suspected','confirmed','rejected') "
                "AND NOT EXISTS (SELECT 1 FROM owner_assignment a WHERE a.outfall_id = o.id)"
            ).fetchone()[0]
            == 0
        )
        hlcs = [h for (h,) in conn.execute("SELECT hlc FROM op ORDER BY seq")]
        assert hlcs == sorted(set(hlcs))


@pytest.mark.long
def test_small_demo_is_deterministic_for_a_seed(demo_template: Path, tmp_path: Path) -> None:
    import datetime as dt
    import sqlite3

    from inspector.services.demo import build_demo

    other = build_demo(tmp_path / "again.db", today=dt.date(2026, 11, 23))
    with sqlite3.connect(demo_template) as a, sqlite3.connect(other.path) as b:
        query = "SELECT code, name, state, lat, lon FROM outfall ORDER BY code"
        assert a.execute(query).fetchall() == b.execute(query).fetchall()


def test_demo_inspections_happen_in_working_hours(demo_template: Path) -> None:
    """Inspectors are out between 08:00 and 17:30, Beijing time (the demo's photos are
    taken during its inspections)."""
    import datetime as dt
    import sqlite3

    from inspector.models.spec import parse_stored_datetime

    beijing = dt.timezone(dt.timedelta(hours=8))
    conn = sqlite3.connect(demo_template)
    try:
        starts = [s for (s,) in conn.execute("SELECT started_at FROM inspection WHERE deleted=0")]
    finally:
        conn.close()
    assert len(starts) > 1000
    for text in starts:
        local = parse_stored_datetime(text).astimezone(beijing).time()
        assert dt.time(8) <= local <= dt.time(17, 30), text


def test_demo_fields_agree_with_each_other_and_with_the_name(demo_template: Path) -> None:
    """The demo stored 534 outfalls named 右岸 (right bank) as left bank: the bank was
    drawn apart from the name. Fields that describe one fact now agree."""
    import sqlite3

    conn = sqlite3.connect(demo_template)
    try:

        def count(where: str) -> int:
            return int(
                conn.execute(
                    f"SELECT COUNT(*) FROM outfall WHERE deleted=0 AND {where}"
                ).fetchone()[0]
            )

        assert count("name LIKE '%右岸%'") > 100
        assert count("name LIKE '%右岸%' AND bank != 'right'") == 0
        assert count("name LIKE '%左岸%' AND bank != 'left'") == 0
        # A pipe's mouth is round and sized by its diameter; a box is not.
        assert count("entry_mode = 'pipe' AND mouth_shape != 'circular'") == 0
        assert count("mouth_shape = 'circular' AND mouth_size NOT LIKE 'DN%'") == 0
        assert count("mouth_shape != 'circular' AND mouth_size LIKE 'DN%'") == 0
        # A national unified code is given by the national platform.
        assert count("national_code IS NOT NULL AND in_national_platform != 'yes'") == 0
        # A storm outlet (雨洪排口, in its name) does not discharge all the time.
        assert count("name LIKE '%雨洪排口' AND discharge_pattern = 'continuous'") == 0
    finally:
        conn.close()


def test_demo_remediations_done_were_due_in_the_past(demo_template: Path) -> None:
    """The demo showed outfalls already abolished (已取缔), closed or in service with a
    remediation deadline next year, as if the works were still to come: a remediation
    that is done was due on a day already past (the demo's today is 2026-11-23)."""
    import sqlite3

    conn = sqlite3.connect(demo_template)
    try:
        rows = conn.execute(
            "SELECT o.state, r.status, r.deadline FROM remediation r "
            "JOIN outfall o ON o.id = r.outfall_id WHERE r.deleted = 0 AND o.deleted = 0"
        ).fetchall()
    finally:
        conn.close()
    done = ("abolished", "remediated", "pre_closed", "closed", "in_service")
    finished = [(state, deadline) for state, _status, deadline in rows if state in done]
    assert len([s for s, _ in finished if s == "abolished"]) > 50
    assert [(s, d) for s, d in finished if d is None or d >= "2026-11-23"] == []
    # Works still under way keep deadlines on both sides of today (some overdue).
    under_way = [d for state, _s, d in rows if state == "in_remediation"]
    assert any(d < "2026-11-23" for d in under_way)
    assert any(d > "2026-11-23" for d in under_way)
