"""The SQL that has no spelling both engines take, one function per construct.

Everything else is written once for both (`ON CONFLICT`, typed temporary tables,
lower-cased `LIKE` prefixes, bound booleans). What is here is written per engine, and
SQLite keeps exactly the text it had: its query plans depend on it (the partial index
`ix_outfall_live_groups` is used only for the literal `deleted = 0`, not for
`NOT deleted` or `deleted = FALSE`), and the register and import benchmarks measure
those plans.
"""

from __future__ import annotations

import functools

from inspector.data.engine import Conn, Dialect, dialect

__all__ = [
    "Dialect",
    "defer_foreign_keys",
    "dialect",
    "json_field",
    "live",
    "relax_durability",
    "restore_durability",
]


@functools.lru_cache(maxsize=256)
def live(alias: str = "", engine: Dialect = "sqlite") -> str:
    """The condition "not deleted" on `alias`'s row."""
    column = f"{alias}.deleted" if alias else "deleted"
    return f"{column} = 0" if engine == "sqlite" else f"NOT {column}"


def json_field(expr: str, key: str, engine: Dialect = "sqlite") -> str:
    """The text of `key` in the JSON object `expr` (a TEXT or JSON column)."""
    if engine == "sqlite":
        return f"json_extract({expr}, '$.{key}')"
    return f"(({expr})::json ->> '{key}')"


def defer_foreign_keys(conn: Conn) -> None:
    """Foreign keys checked at commit, not per statement: the rows of one transaction
    (an import, a merge, an upgrade) arrive in any order. On PostgreSQL only DEFERRABLE
    keys wait, which migration 0016 makes every key."""
    if dialect(conn) == "sqlite":
        conn.execute("PRAGMA defer_foreign_keys=ON")
    else:
        conn.execute("SET CONSTRAINTS ALL DEFERRED")


def relax_durability(conn: Conn) -> None:
    """For a bulk write: a crash may lose its last commit, never corrupt the database."""
    if dialect(conn) == "sqlite":
        conn.execute("PRAGMA synchronous=NORMAL")
    else:
        conn.execute("SET synchronous_commit = off")


def restore_durability(conn: Conn) -> None:
    if dialect(conn) == "sqlite":
        conn.execute("PRAGMA synchronous=FULL")
    else:
        conn.execute("RESET synchronous_commit")
