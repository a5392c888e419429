"""The connection both engines share (`inspector.data.engine`): placeholders rewritten for
PostgreSQL outside literals, comments and casts; values read back as SQLite gives them;
errors under one name; a database named by URL opened like a file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from inspector.data import engine
from inspector.data.engine import PlaceholderError, translate
from tests.conftest import both_engines

# -- the placeholder rewriter (no server needed) --------------------------------------------


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = $1 AND c = $2"),
        ("SELECT '?' , ?", "SELECT '?' , $1"),
        ("SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1"),
        ('SELECT "odd?name" FROM t WHERE x = ?', 'SELECT "odd?name" FROM t WHERE x = $1'),
        ("SELECT 1 -- why? because\n, ?", "SELECT 1 -- why? because\n, $1"),
        ("SELECT /* a ? or :b */ ?", "SELECT /* a ? or :b */ $1"),
        ("SELECT x::text FROM t WHERE y = ?", "SELECT x::text FROM t WHERE y = $1"),
        ("SELECT $$ ? :x $$, ?", "SELECT $$ ? :x $$, $1"),
        ("SELECT $q$ it's ? $q$, ?", "SELECT $q$ it's ? $q$, $1"),
        ("SELECT E'a\\'?', ?", "SELECT E'a\\'?', $1"),
        ("SELECT json_extract(f, '$.a') FROM t WHERE id LIKE ? || '%'",
         "SELECT json_extract(f, '$.a') FROM t WHERE id LIKE $1 || '%'"),
        ("SELECT 1", "SELECT 1"),
        ("", ""),
    ],
)  # fmt: skip
def test_question_marks_become_numbers_outside_text(sql: str, expected: str) -> None:
    assert translate(sql) == (expected, None)


def test_names_are_numbered_once_each_in_order_of_first_use() -> None:
    text, names = translate("SELECT * FROM t WHERE a = :k AND (b > :lo OR c = :k) AND d::int = :lo")
    assert text == "SELECT * FROM t WHERE a = $1 AND (b > $2 OR c = $1) AND d::int = $2"
    assert names == ("k", "lo")


def test_a_cast_is_not_a_name_but_a_name_after_a_cast_is() -> None:
    text, names = translate("SELECT :a::json ->> 'x', ':b', x[1:2]")
    assert text == "SELECT $1::json ->> 'x', ':b', x[1:2]"
    assert names == ("a",)


def test_mixing_the_two_kinds_is_refused() -> None:
    with pytest.raises(PlaceholderError):
        translate("SELECT ? , :a")
    with pytest.raises(PlaceholderError):
        translate("SELECT :a , ?")


def test_translation_is_cached_per_statement() -> None:
    sql = "SELECT ? AS cached_once"
    first = translate(sql)
    assert translate(sql) is first


def test_urls_are_told_from_paths() -> None:
    assert engine.is_url("postgresql://u@h:5432/db")
    assert engine.is_url("postgres://u@h/db")
    assert engine.is_url("postgresql+psycopg://u@/db?host=/tmp")
    assert not engine.is_url("city.db")
    assert not engine.is_url(Path("postgresql:/x"))


def test_a_password_is_never_shown_or_used_in_a_file_name() -> None:
    from inspector import locations

    url = "postgresql://clerk:s3cret@db.example.org:5433/jiaozuo"
    assert "s3cret" not in locations.display_url(url)
    home = locations.url_home(url)
    assert "s3cret" not in str(home)
    assert home.name == "jiaozuo_db.example.org_5433"


# -- a live PostgreSQL connection -------------------------------------------------------------


@pytest.fixture
def pg(pg_database) -> Iterator[engine.PgConn]:  # type: ignore[no-untyped-def]
    conn = engine.connect_pg(pg_database.url)
    try:
        yield conn
    finally:
        conn.close()


def test_values_read_back_as_sqlite_gives_them(pg: engine.PgConn) -> None:
    pg.execute(
        "CREATE TABLE v (b boolean, j json, t timestamptz, d date, n bigint, f float8, s text)"
    )
    pg.execute(
        "INSERT INTO v VALUES (?, ?, ?, ?, ?, ?, ?)",
        (1, '{"b": 1, "a": [1, 2]}', "2026-03-01 08:00:00+08:00", "2026-03-01", 2**40, 0.5, "水"),
    )
    row = pg.execute("SELECT b, j, t, d, n, f, s FROM v").fetchone()
    # JSON as written (key order and spacing kept); the time in UTC, in DATETIME_FORMAT.
    assert row == (1, '{"b": 1, "a": [1, 2]}', "2026-03-01 00:00:00.000000", "2026-03-01",
                   2**40, 0.5, "水")  # fmt: skip
    pg.execute("UPDATE v SET t = ?", ("2026-03-01 00:00:00.25",))
    assert pg.execute("SELECT t FROM v").fetchone()[0] == "2026-03-01 00:00:00.250000"


def test_python_ints_and_bools_bind_to_booleans_and_integers(pg: engine.PgConn) -> None:
    pg.execute("CREATE TABLE f (flag boolean NOT NULL, n bigint)")
    pg.executemany("INSERT INTO f VALUES (?, ?)", [(0, 0), (1, 1), (True, True), (False, 7)])
    assert pg.execute("SELECT flag, n FROM f ORDER BY n, flag").fetchall() == [
        (0, 0),
        (1, 1),
        (1, 1),
        (0, 7),
    ]
    assert pg.execute("SELECT COUNT(*) FROM f WHERE flag = :on", {"on": 1}).fetchone() == (2,)


def test_errors_come_under_the_data_layers_names(pg: engine.PgConn) -> None:
    pg.execute("CREATE TABLE u (k text PRIMARY KEY)")
    pg.execute("INSERT INTO u VALUES (?)", ("a",))
    with pytest.raises(engine.IntegrityError):
        pg.execute("INSERT INTO u VALUES (?)", ("a",))
    with pytest.raises(engine.DatabaseError):
        pg.execute("SELECT nothing FROM nowhere")


def test_transactions_are_the_callers(pg: engine.PgConn) -> None:
    pg.execute("CREATE TABLE x (k bigint)")
    assert not pg.in_transaction
    pg.execute("BEGIN")
    pg.execute("INSERT INTO x VALUES (?)", (1,))
    assert pg.in_transaction
    pg.execute("ROLLBACK")
    assert not pg.in_transaction
    assert pg.execute("SELECT COUNT(*) FROM x").fetchone() == (0,)
    # A statement that returns no rows gives nothing to fetch, as on SQLite.
    assert pg.execute("DELETE FROM x").fetchone() is None
    assert pg.execute("DELETE FROM x").fetchall() == []


def test_an_interrupt_stops_a_running_statement_and_only_a_running_one(
    pg: engine.PgConn, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The register interrupts its connections at each keystroke, from the UI thread: a
    statement running is stopped (as "interrupted", which the register retries or drops),
    and an idle connection costs no cancel request (a connection to the server of its
    own, which the UI thread waited for)."""
    import threading
    import time

    from psycopg.pq import TransactionStatus

    raised: list[BaseException] = []

    def sleep() -> None:
        try:
            pg.execute("SELECT pg_sleep(30)")
        except BaseException as exc:
            raised.append(exc)

    worker = threading.Thread(target=sleep)
    worker.start()
    while pg.raw.info.transaction_status != TransactionStatus.ACTIVE:
        time.sleep(0.001)
    # The client is active from the moment it sends the statement, and a cancel that
    # reaches the server before the statement starts is ignored: on a loaded machine
    # one interrupt can come too early (CI waited out the whole pg_sleep), as a
    # keystroke's can, which the next keystroke's then stops.
    deadline = time.monotonic() + 20
    while worker.is_alive() and time.monotonic() < deadline:
        pg.interrupt()
        worker.join(timeout=0.2)
    assert not worker.is_alive()
    assert len(raised) == 1
    assert isinstance(raised[0], engine.OperationalError)
    assert "interrupted" in str(raised[0])

    sent: list[None] = []
    monkeypatch.setattr(pg.raw, "cancel_safe", lambda *a, **k: sent.append(None))
    pg.interrupt()
    assert sent == []
    assert pg.execute("SELECT 1").fetchone() == (1,)


def test_boolean_columns_compared_with_0_and_1_become_false_and_true() -> None:
    text, _ = translate(
        "SELECT 1 FROM outfall o WHERE o.deleted = 0 AND is_self=1 AND trusted <> 0 "
        "AND n = 0 AND note = 'deleted = 0' AND undeleted = 1"
    )
    assert text == (
        "SELECT 1 FROM outfall o WHERE o.deleted = false AND is_self=true AND trusted <> false "
        "AND n = 0 AND note = 'deleted = 0' AND undeleted = 1"
    )


def test_sqlite_index_hints_are_dropped_outside_text() -> None:
    """Photo matching, the map and the register name the SQLite index their plans were
    measured with; PostgreSQL has no `INDEXED BY` and once refused photo imports for it."""
    text, _ = translate(
        "SELECT id FROM outfall INDEXED BY ix_outfall_lat_lon WHERE note = 'INDEXED BY x' "
        "AND lat BETWEEN ? AND ?"
    )
    assert text == "SELECT id FROM outfall WHERE note = 'INDEXED BY x' AND lat BETWEEN $1 AND $2"


def test_the_boolean_columns_are_the_schemas(pg_url: str) -> None:
    """The rewrite above knows the boolean columns by name: a new one must be added."""
    conn = engine.connect_pg(pg_url)
    try:
        rows = conn.execute(
            "SELECT DISTINCT column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type = 'boolean'"
        ).fetchall()
    finally:
        conn.close()
    assert {r[0] for r in rows} == engine.BOOLEAN_COLUMNS


# -- what both engines must do alike ----------------------------------------------------------


@both_engines
def test_foreign_keys_wait_for_the_commit_only_when_deferred(db) -> None:  # type: ignore[no-untyped-def]
    """The writer and the merge write a child before its parent within a transaction;
    PostgreSQL allows it only for DEFERRABLE keys (migration 0016)."""
    from inspector.data.commits import begin_immediate, commit, rollback
    from inspector.data.dialects import defer_foreign_keys

    orphan = "INSERT INTO trace_record (id, deleted, outfall_id, methods) VALUES (?, ?, ?, ?)"
    with db.read() as conn:
        begin_immediate(conn)
        with pytest.raises(engine.IntegrityError):
            conn.execute(orphan, ("t1", 0, "no-such-outfall", "[]"))
        if conn.in_transaction:
            rollback(conn)
        begin_immediate(conn)
        defer_foreign_keys(conn)
        conn.execute(orphan, ("t1", 0, "no-such-outfall", "[]"))
        conn.execute("DELETE FROM trace_record WHERE id = ?", ("t1",))
        commit(conn)
        begin_immediate(conn)
        defer_foreign_keys(conn)
        conn.execute(orphan, ("t2", 0, "no-such-outfall", "[]"))
        with pytest.raises(engine.IntegrityError):
            commit(conn)
        if conn.in_transaction:
            rollback(conn)
        assert conn.execute("SELECT COUNT(*) FROM trace_record").fetchone()[0] == 0
