"""Bulk loading into a database nobody else is using yet (the large demo).

Inserting a million rows into a table with seven secondary indexes costs seven random
B-tree insertions per row; building each index afterwards sorts once. The indexes are
dropped and re-created from their own definitions in `sqlite_master`, so the schema ends
exactly as the migrations made it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from inspector.data import dialects
from inspector.data.engine import Conn, IntegrityError, OperationalError

if TYPE_CHECKING:
    from inspector.data.db import Database


# PostgreSQL's "object in use": an index asked of a table with key checks pending.
_IN_USE = "55006"


@contextlib.contextmanager
def indexes_deferred(conn: Conn, tables: Iterable[str]) -> Iterator[None]:
    """Drop the secondary indexes of `tables` for the block, then build them again.

    Indexes that enforce a constraint (primary keys, UNIQUE) have no SQL of their own and
    stay in place throughout. Runs inside the caller's transaction.

    SQLite only: PostgreSQL refuses `CREATE INDEX` on a table with deferred foreign-key
    checks pending ("pending trigger events"), which every row written under
    `defer_foreign_keys` leaves until commit; there the indexes stay and take the rows.
    """
    if dialects.dialect(conn) != "sqlite":
        yield
        return
    indexes = dialects.secondary_indexes(conn, tuple(tables))
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        conn.execute(sql)


def insert_then_index(conn: Conn, table: str, columns: tuple[str, ...], rows: list[Any]) -> None:
    """`rows` into `table`, which they mostly fill (a new replica's first bundle), its
    secondary indexes built once afterwards, sorted, instead of a random B-tree insertion
    per row and index. The caller has deferred its foreign keys (`defer_foreign_keys`).

    On PostgreSQL `CREATE INDEX` refuses a table with deferred key checks pending, and
    each row written leaves one: the table's own keys are checked straight after the
    rows instead of at commit, inside a savepoint. If one of them fails there (a parent
    still to come in a later batch) or the table already had checks pending, the
    savepoint takes the rows and the dropped indexes back and the rows go in with the
    indexes in place, their keys checked at commit as before."""
    if dialects.dialect(conn) == "sqlite":
        with indexes_deferred(conn, [table]):
            dialects.insert_rows(conn, table, columns, rows)
        return
    indexes = dialects.secondary_indexes(conn, (table,))
    keys = ", ".join(f'"{name}"' for name in dialects.foreign_key_names(conn, table))
    try:
        with dialects.savepoint(conn, "inspector_bulk"):
            for name, _ in indexes:
                conn.execute(f'DROP INDEX "{name}"')
            dialects.insert_rows(conn, table, columns, rows)
            if keys:
                conn.execute(f"SET CONSTRAINTS {keys} IMMEDIATE")
            for _, sql in indexes:
                conn.execute(sql)
            if keys:
                conn.execute(f"SET CONSTRAINTS {keys} DEFERRED")
            # A table just filled has no statistics, and the next queries of the import
            # were planned as if each code matched 500 outfalls: a bitmap of every live
            # outfall for each new one (three minutes for 100,000).
            conn.execute(f"ANALYZE {table}")
    except (IntegrityError, OperationalError) as exc:
        if isinstance(exc, OperationalError) and getattr(exc, "sqlstate", None) != _IN_USE:
            raise  # the server, or someone interrupting: not for a second try
        dialects.insert_rows(conn, table, columns, rows)


def rebuild_search(conn: Conn) -> None:
    """Rebuild the register's search index from its documents in one pass (PostgreSQL
    searches the documents themselves: nothing to rebuild)."""
    if dialects.dialect(conn) != "sqlite":
        return
    conn.execute("INSERT INTO outfall_search(outfall_search) VALUES ('rebuild')")


@contextlib.contextmanager
def unjournaled_transaction(db: Database) -> Iterator[Conn]:
    """One transaction on a new database with no journal, committed if the block ends
    normally and rolled back if not; the database is back in WAL afterwards.

    Only for a database nobody else uses yet and that is thrown away if interrupted (the
    large demo is built under a temporary name): with WAL every page would be written
    twice. Foreign keys are checked at commit, so tables may be filled in any order.
    """
    conn = db.connect()
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-262144")
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("PRAGMA defer_foreign_keys=ON")
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.close()
