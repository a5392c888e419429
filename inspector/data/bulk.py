"""Bulk loading into a database nobody else is using yet (the large demo).

Inserting a million rows into a table with seven secondary indexes costs seven random
B-tree insertions per row; building each index afterwards sorts once. The indexes are
dropped and re-created from their own definitions in `sqlite_master`, so the schema ends
exactly as the migrations made it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator


@contextlib.contextmanager
def indexes_deferred(conn: sqlite3.Connection, tables: Iterable[str]) -> Iterator[None]:
    """Drop the secondary indexes of `tables` for the block, then build them again.

    Indexes that enforce a constraint (primary keys, UNIQUE) have no SQL of their own and
    stay in place throughout. Runs inside the caller's transaction.
    """
    names = tuple(tables)
    marks = ", ".join("?" * len(names))
    indexes = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({marks})",
        names,
    ).fetchall()
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        conn.execute(sql)


def rebuild_search(conn: sqlite3.Connection) -> None:
    """Rebuild the register's search index from its documents in one pass."""
    conn.execute("INSERT INTO outfall_search(outfall_search) VALUES ('rebuild')")
