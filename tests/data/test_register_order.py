"""The register lists names and rivers in reading order (pinyin), not code point, at any
size: keys kept beside each outfall by every writer, paged by their index."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from inspector.data import browse, migrate
from inspector.data.db import Database, open_database
from inspector.i18n.collation import sort_key, sorted_names
from inspector.models import Outfall
from inspector.services import register as reg
from inspector.services.doctor import run_doctor
from tests.downgrade import downgrade


def _all(conn: sqlite3.Connection, query: browse.RegisterQuery, page: int = 37) -> list[Any]:
    """Every row of `query`, page by page by key, as the register reads them."""
    rows: list[Any] = []
    after = None
    while batch := browse.fetch(conn, query, after=after, limit=page):
        rows += batch
        after = batch[-1].key
    return rows


def _live(conn: sqlite3.Connection, column: str) -> list[str]:
    return [v for (v,) in conn.execute(f"SELECT {column} FROM outfall WHERE deleted = 0")]


def test_names_and_rivers_are_listed_by_pinyin(demo_db: Database) -> None:
    with demo_db.read() as conn:
        names = _live(conn, "name")
        rivers = _live(conn, "river")
        assert sorted(names) != sorted_names(names)  # the demo tells the two orders apart
        assert sorted(set(rivers)) != sorted_names(sorted(set(rivers)))
        by_name = _all(conn, browse.RegisterQuery(sort="name"))
        assert [r.name for r in by_name] == sorted_names(names)
        backwards = _all(conn, browse.RegisterQuery(sort="name", descending=True))
        assert [r.name for r in backwards] == sorted_names(names)[::-1]
        by_river = _all(conn, browse.RegisterQuery(sort="river"))
        assert [r.river for r in by_river] == sorted(rivers, key=sort_key)
        # Within a river, by code, as before.
        pairs = [(sort_key(r.river), r.code) for r in by_river]
        assert pairs == sorted(pairs)
        # Filtered by county and sorted by name: the snapshot keeps the same order.
        county = browse.RegisterQuery(county="410823", sort="name")
        assert browse.plan(county)[0] == "snapshot"
        total = browse.build_snapshot(conn, county)
        shown = [r.name for r in browse.fetch_snapshot(conn, start=0, limit=total)]
        expected = conn.execute(
            "SELECT name FROM outfall WHERE deleted = 0 AND county_code = '410823'"
        ).fetchall()
        assert shown == sorted_names([n for (n,) in expected])
        # The first page of a million-row register is one index range, never a sort.
        plan = " ".join(
            str(r)
            for r in conn.execute(
                "EXPLAIN QUERY PLAN SELECT rowid FROM outfall INDEXED BY ix_outfall_name_key "
                "WHERE deleted = 0 ORDER BY name_key, rowid LIMIT 100"
            )
        )
        assert "TEMP B-TREE" not in plan


def _rank(db: Database, oid: str) -> int:
    with db.read() as conn:
        names = [r.id for r in _all(conn, browse.RegisterQuery(sort="name"))]
    return names.index(oid)


def test_the_overdue_filter_reads_only_the_outfalls_in_remediation(demo_db: Database) -> None:
    """Only an outfall in remediation can be overdue, and the query says so where the
    state index can use it: the condition said only inside its subquery had SQLite read
    every live outfall and sort them for each page (3.5 s for the first page of a
    million, when a person ticked "overdue only")."""
    import datetime as dt

    from inspector.data.remediations import overdue_remediations

    today = dt.date(2026, 11, 23)
    query = browse.RegisterQuery(overdue=True, today=today)
    with demo_db.read() as conn:
        statements: list[str] = []
        conn.set_trace_callback(statements.append)
        shown = _all(conn, query)
        conn.set_trace_callback(None)
        plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + statements[0])]
        overdue = overdue_remediations(conn, today=today)
    assert any("ix_outfall_state_code (state=?)" in step for step in plan), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan
    assert len(overdue) > 1  # the demo has some
    assert [r.code for r in shown] == sorted(r.code for r in overdue)


def test_a_new_or_renamed_outfall_takes_its_place(demo_db: Database) -> None:
    with demo_db.write() as w:
        oid = reg.create_outfall(
            w,
            {
                "name": "阿庄村生活污水排口",
                "county_code": "410823",
                "lat": 35.05,
                "lon": 113.35,
                "river": "沁河",
                "category": "城镇雨洪排口",
            },
        )
    assert _rank(demo_db, oid) == 0  # ā: before every 白…, 北…, 大…
    with demo_db.write() as w:
        w.update(Outfall, oid, {"name": "左岸村生活污水排口", "river": "丹河"})
    with demo_db.read() as conn:
        count = browse.count(conn, browse.RegisterQuery())
        first_river = _all(conn, browse.RegisterQuery(sort="river"))[0]
    assert _rank(demo_db, oid) >= count - 5  # zuǒ: among the last
    assert first_river.river == "丹河"


def test_doctor_finds_and_repairs_missing_or_stale_keys(demo_db: Database) -> None:
    with demo_db.read() as conn:
        a, b = [i for (i,) in conn.execute("SELECT id FROM outfall ORDER BY rowid LIMIT 2")]
    raw = sqlite3.connect(demo_db.path)
    with raw:
        raw.execute("UPDATE outfall SET name_key = NULL WHERE id = ?", (a,))
        raw.execute("UPDATE outfall SET river_key = 'zzz' WHERE id = ?", (b,))
    raw.close()
    quick = run_doctor(demo_db, backup=False)
    check = next(c for c in quick.checks if c.key == "sort_keys")
    assert check.ok
    assert len(check.details) == 2  # one found (the NULL) and repaired
    full = run_doctor(demo_db, backup=False, full=True)
    check = next(c for c in full.checks if c.key == "sort_keys")
    assert check.ok
    assert len(check.details) == 2  # the stale one, found only by --full
    with demo_db.read() as conn:
        names = _live(conn, "name")
        assert [r.name for r in _all(conn, browse.RegisterQuery(sort="name"))] == sorted_names(
            names
        )
    again = run_doctor(demo_db, backup=False, full=True)
    assert next(c for c in again.checks if c.key == "sort_keys").details == []


def test_upgrading_a_database_fills_the_keys(demo_db: Database) -> None:
    path = demo_db.path
    demo_db.dispose()
    downgrade(path, "0013")
    with sqlite3.connect(path) as raw:
        columns = [r[1] for r in raw.execute("PRAGMA table_info(outfall)")]
    assert "name_key" not in columns
    db = open_database(path)
    with db.read() as conn:
        assert migrate.current_revision(conn) == migrate.HEAD
        names = _live(conn, "name")
        assert [r.name for r in _all(conn, browse.RegisterQuery(sort="name"))] == sorted_names(
            names
        )
        assert (
            conn.execute("SELECT COUNT(*) FROM outfall WHERE river_key IS NULL").fetchone()[0] == 0
        )


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["卫河", "沁河", "黄河", "丹河"], ["丹河", "黄河", "沁河", "卫河"]),
        (["河", "和", "河a", "hé", "He"], ["He", "和", "河", "河a", "hé"]),
        (["排口10#", "排口9#", "排口"], ["排口", "排口9#", "排口10#"]),
    ],
)
def test_the_key_orders_as_a_reader_does(names: list[str], expected: list[str]) -> None:
    assert sorted_names(names) == expected
    assert sorted(sort_key(n) for n in names) == [sort_key(n) for n in expected]
