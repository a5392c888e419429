"""Where SQLite and PostgreSQL differ, and what the program does so that they do not
differ for it (issue 14): each test runs on both engines and expects the same answer."""

from __future__ import annotations

import pytest

from inspector.data import engine
from inspector.data.commits import begin_immediate, commit, rollback
from inspector.models import Outfall
from inspector.models.spec import ValidationFailed
from inspector.services import register as reg
from tests.conftest import both_engines

pytestmark = both_engines

OUTFALL = {
    "name": "温县黄庄镇蟒河左岸1#城镇雨洪排口",
    "county_code": "410825",
    "lat": 34.95,
    "lon": 113.05,
    "river": "蟒河",
    "category": "城镇雨洪排口",
}


def test_a_time_reads_back_in_utc_as_written_whatever_zone_it_was_given_in(db) -> None:  # type: ignore[no-untyped-def]
    """SQLite keeps a time's text as written (a '+08:00' stays); PostgreSQL keeps the
    moment and gives it in the session's zone. The program writes every time as UTC
    text (`moments`), and the adapter reads PostgreSQL's in UTC in that same format, so
    both give the text that was written."""
    import datetime as dt

    from inspector.domain.moments import to_stored

    beijing = dt.datetime(2026, 3, 1, 8, 0, 0, 250000, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    stored = to_stored(beijing)
    assert stored == "2026-03-01 00:00:00.250000"
    with db.read() as conn:
        conn.execute("UPDATE replica SET first_seen = ? WHERE is_self = 1", (stored,))
        assert conn.execute("SELECT first_seen FROM replica WHERE is_self = 1").fetchone() == (
            stored,
        )
        # What the engines do with an offset the program never writes.
        conn.execute("UPDATE replica SET first_seen = ? WHERE is_self = 1", (beijing.isoformat(),))
        raw = conn.execute("SELECT first_seen FROM replica WHERE is_self = 1").fetchone()[0]
    if db.dialect == "sqlite":
        assert raw == "2026-03-01T08:00:00.250000+08:00"
    else:
        assert raw == stored


def test_an_id_prefix_is_found_whatever_its_case(db) -> None:  # type: ignore[no-untyped-def]
    """SQLite's LIKE folds ASCII case, PostgreSQL's does not: prefixes are lower-cased
    (ids are lower-case hex) and their wildcards escaped (`dialects.id_prefix`)."""
    from inspector.data.sync.trust import records_with_id_prefix

    with db.read() as conn:
        for prefix in (db.replica_id[:8], db.replica_id[:8].upper()):
            assert [r.id for r in records_with_id_prefix(conn, prefix=prefix)] == [db.replica_id]
        assert records_with_id_prefix(conn, prefix="%") == []
        assert records_with_id_prefix(conn, prefix="_") == []


def test_an_over_long_text_is_refused_before_either_engine_sees_it(db) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL refuses a VARCHAR(n) value longer than n, SQLite stores it: the write
    path checks every limited field first, so both refuse it alike, with a sentence."""
    with pytest.raises(ValidationFailed), db.write() as w:
        reg.create_outfall(w, {**OUTFALL, "name": "排" * 201})
    with db.write() as w:
        oid = reg.create_outfall(w, {**OUTFALL, "name": "排" * 200})
    with pytest.raises(ValidationFailed), db.write() as w:
        w.update(Outfall, oid, {"river": "河" * 61})


def test_an_over_long_text_written_around_the_checks_is_refused_by_postgresql_only(db) -> None:  # type: ignore[no-untyped-def]
    """Why the checks above matter: the engines disagree below them."""
    with db.read() as conn:
        begin_immediate(conn)
        try:
            if db.dialect == "sqlite":
                conn.execute("UPDATE replica SET name = ? WHERE is_self = 1", ("名" * 101,))
            else:
                with pytest.raises(engine.DatabaseError):
                    conn.execute("UPDATE replica SET name = ? WHERE is_self = 1", ("名" * 101,))
        finally:
            rollback(conn)


def test_integers_are_64_bit_on_both(db) -> None:  # type: ignore[no-untyped-def]
    """A hybrid clock (milliseconds << 16, ~1.1e17) fits on both; past 2^63 neither
    takes it."""
    big = (1 << 62) + 1
    with db.read() as conn:
        begin_immediate(conn)
        conn.execute(
            "INSERT INTO op (op_id, origin, seq, hlc, entity, row_id, fields, bases, actor)"
            " VALUES (?, ?, ?, ?, 'outfall', 'r', '{}', '{}', 'a')",
            ("o1", db.replica_id, 1, big),
        )
        assert conn.execute("SELECT hlc FROM op WHERE op_id = 'o1'").fetchone() == (big,)
        rollback(conn)
        begin_immediate(conn)
        with pytest.raises((engine.DatabaseError, OverflowError)):
            conn.execute(
                "INSERT INTO op (op_id, origin, seq, hlc, entity, row_id, fields, bases, actor)"
                " VALUES (?, ?, ?, ?, 'outfall', 'r', '{}', '{}', 'a')",
                ("o2", db.replica_id, 2, 1 << 63),
            )
        if conn.in_transaction:
            rollback(conn)


def test_an_upsert_is_one_spelling_on_both(db) -> None:  # type: ignore[no-untyped-def]
    """INSERT OR REPLACE/IGNORE are SQLite's; ON CONFLICT is both engines'."""
    db.set_meta("colour", "blue")
    db.set_meta("colour", "green")
    assert db.get_meta("colour") == "green"
    with db.read() as conn:
        begin_immediate(conn)
        for _ in range(2):
            conn.execute(
                "INSERT INTO region (code, name_zh, name_en, parent_code, level, local)"
                " VALUES ('990000', '外', 'Elsewhere', NULL, 'city', ?) ON CONFLICT DO NOTHING",
                (0,),
            )
        commit(conn)
        assert conn.execute("SELECT COUNT(*) FROM region WHERE code = '990000'").fetchone() == (1,)


def test_booleans_read_back_as_0_and_1_so_operations_hash_alike(db) -> None:  # type: ignore[no-untyped-def]
    """psycopg gives True/False; an operation serialised from them would say `true`
    where SQLite's says `1`, and its hash (and every signature over it) would differ."""
    with db.write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    with db.write() as w:
        w.delete(Outfall, oid, reason="重复录入")
    with db.read() as conn:
        assert conn.execute("SELECT deleted FROM outfall WHERE id = ?", (oid,)).fetchone() == (1,)
        assert conn.execute("SELECT is_self, trusted FROM replica").fetchall() == [(1, 1)]
        fields = conn.execute(
            "SELECT fields FROM op WHERE row_id = ? ORDER BY seq DESC LIMIT 1", (oid,)
        ).fetchone()[0]
    assert fields == '{"deleted":true}'
