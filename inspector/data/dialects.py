"""The SQL that has no spelling both engines take, one function per construct.

Everything else is written once for both (`ON CONFLICT`, typed temporary tables,
lower-cased `LIKE` prefixes, bound booleans). What is here is written per engine, and
SQLite keeps exactly the text it had: its query plans depend on it (the partial index
`ix_outfall_live_groups` is used only for the literal `deleted = 0`, not for
`NOT deleted` or `deleted = FALSE`), and the register and import benchmarks measure
those plans.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

import orjson

from inspector.data.engine import Conn, DatabaseError, Dialect, PgConn, dialect
from inspector.data.statements import insert_columns


class ForeignKeyRow(NamedTuple):
    """A row whose foreign key names a row that does not exist."""

    table: str
    row_id: str
    column: str
    value: Any
    parent: str


__all__ = [
    "Dialect",
    "ForeignKeyRow",
    "commit_checking_keys",
    "copy_text",
    "defer_foreign_keys",
    "dialect",
    "foreign_key_problems",
    "id_prefix",
    "insert_rows",
    "json_field",
    "live",
    "pack_rows",
    "relax_durability",
    "restore_durability",
    "rows_inserted_meanwhile",
    "savepoint",
    "set_cache_kib",
]


def id_prefix(text: str) -> str:
    """The LIKE pattern of ids beginning with `text`, taken literally.

    Ids are lower-case hex. SQLite's LIKE folds ASCII case and PostgreSQL's does not,
    so the text is lower-cased here and both engines find the same rows; `%` and `_`
    are escaped (use with `LIKE ? ESCAPE '\\'`)."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


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


def insert_rows(
    conn: Conn,
    table: str,
    columns: tuple[str, ...],
    rows: Sequence[Sequence[Any]],
    *,
    packed: str | bytes | None = None,
) -> None:
    """Plain INSERTs of many whole rows (no `ON CONFLICT`): `executemany` on SQLite (the
    statement text it always had), `COPY` on PostgreSQL, where each INSERT of a pipelined
    `executemany` costs the server a statement's work and `COPY` a row's. Either way a
    refused row raises `IntegrityError`, and the caller rolls its transaction back
    (SQLite's `executemany` keeps the rows before the refused one until then).

    `packed`: the rows as `pack_rows` made them (then `rows` may be empty): SQLite inserts
    them in one statement, PostgreSQL copies the text as it is."""
    if isinstance(conn, PgConn):
        if isinstance(packed, bytes):
            conn.copy_text(table, columns, packed)
        elif rows:
            conn.copy_rows(table, columns, rows)
    elif isinstance(packed, str):
        picked = ", ".join(f"value->>{i}" for i in range(len(columns)))
        conn.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {picked} FROM json_each(?)",
            (packed,),
        )
    elif rows:
        conn.executemany(insert_columns(table, columns), rows)


@contextlib.contextmanager
def rows_inserted_meanwhile(
    conn: Conn,
    table: str,
    columns: tuple[str, ...],
    rows: Sequence[Sequence[Any]],
    *,
    packed: str | bytes | None,
) -> Iterator[None]:
    """`insert_rows`, then the block; on PostgreSQL, with the rows packed, the server
    stores them while the block runs (`PgConn.copy_text_behind`: the block's first use
    of the connection waits for them). Either way a refused row raises `IntegrityError`
    from here or from the block's use of the connection."""
    if isinstance(conn, PgConn) and isinstance(packed, bytes):
        conn.copy_text_behind(table, columns, packed)
        yield
        conn.settle()
    else:
        insert_rows(conn, table, columns, rows, packed=packed)
        yield


#: `->>` and a built-in json_each came with SQLite 3.38.
_SQLITE_PACKS = sqlite3.sqlite_version_info >= (3, 38, 0)


def pack_rows(engine: Dialect, rows: Sequence[Sequence[Any]]) -> str | bytes | None:
    """`rows` (of text, integers and None only) made ready for `insert_rows` in one
    piece, or None where packing does not pay (an older SQLite, a value JSON cannot
    hold). Made off the thread that writes them, or in another process
    (`services.sync.admission`): the writing thread then only hands the piece over.

    SQLite: one JSON array. Why: `executemany` lets go of Python's interpreter lock (GIL)
    around each row's insertion, a few microseconds at a time, and a thread parsing the
    next batch takes it each time and holds it for up to a switch interval: a million
    log rows took 11 s beside that thread and 4 s alone. One `INSERT ... SELECT FROM
    json_each(?)` is a single call, longer (6.5 s for the million) but all of it without
    the lock, so the other thread's parsing runs beside it instead of between its rows.
    Encoding a million rows takes 0.2 s.

    PostgreSQL: the text `COPY ... FROM STDIN` reads (`copy_text`), instead of a
    million calls into the driver on the writing thread (3 s of its time)."""
    if engine == "postgresql":
        return copy_text(rows)
    if not _SQLITE_PACKS:
        return None
    try:
        return orjson.dumps(rows).decode()
    except orjson.JSONEncodeError:
        return None


def copy_text(rows: Sequence[Sequence[Any]]) -> bytes:
    """`rows` (of text, integers and None only) in the text format of PostgreSQL's
    `COPY ... FROM STDIN`, UTF-8 encoded (the connection's encoding: `connect_pg`).
    Backslashes, tabs, newlines and carriage returns in text are escaped (COPY reads
    `\\N` as NULL, a tab as the next column and a newline as the next row). A NUL cannot
    be sent; the server refuses text holding one, as it refuses it bound."""
    lines: list[str] = []
    append = lines.append
    for row in rows:
        values: list[str] = []
        for value in row:
            kind = type(value)
            if kind is str:
                # Most text needs no escape; looking first, and replacing (backslashes
                # first), are each many times cheaper than `str.translate` over Chinese.
                if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
                    value = (
                        value.replace("\\", "\\\\")
                        .replace("\t", "\\t")
                        .replace("\n", "\\n")
                        .replace("\r", "\\r")
                    )
                values.append(value)
            elif kind is int:
                values.append(str(value))
            elif value is None:
                values.append("\\N")
            else:
                raise TypeError(f"COPY text of {kind.__name__}")
        append("\t".join(values))
    lines.append("")
    return "\n".join(lines).encode()


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


def foreign_key_problems(
    conn: Conn, tables: list[str] | None, *, limit: int
) -> list[ForeignKeyRow]:
    """Rows (of `tables`, or of every table) whose foreign key names no row, inside the
    open transaction: at most about `limit` of them."""
    found: list[ForeignKeyRow] = []
    if dialect(conn) == "sqlite":
        for table in tables if tables is not None else [None]:
            sql = (
                "PRAGMA foreign_key_check"
                if table is None
                else f"PRAGMA foreign_key_check({table})"
            )
            for child, rowid, parent, fkid in conn.execute(sql).fetchall():
                columns = {
                    int(fk[0]): str(fk[3])
                    for fk in conn.execute(f"PRAGMA foreign_key_list({child})")
                }
                column = columns.get(int(fkid), "")
                row = (
                    conn.execute(
                        f"SELECT id, {column} FROM {child} WHERE rowid=?", (rowid,)
                    ).fetchone()
                    if column
                    else None
                )
                found.append(
                    ForeignKeyRow(
                        str(child),
                        str(row[0]) if row else "",
                        column,
                        row[1] if row else None,
                        str(parent),
                    )
                )
                if len(found) > limit:
                    return found
        return found
    # PostgreSQL has no foreign_key_check: each single-column key of the schema, by an
    # anti-join (the schema's keys are all single-column).
    keys = conn.execute(
        "SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, pa.attname "
        "FROM pg_constraint c "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
        "JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1] "
        "WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace "
        "ORDER BY 1, 2"
    ).fetchall()
    for child, column, parent, parent_column in keys:
        if tables is not None and child not in tables:
            continue
        rows = conn.execute(
            f"SELECT c.id, c.{column} FROM {child} c WHERE c.{column} IS NOT NULL AND NOT EXISTS "
            f"(SELECT 1 FROM {parent} p WHERE p.{parent_column} = c.{column}) LIMIT ?",
            (limit + 1,),
        ).fetchall()
        found += [ForeignKeyRow(child, str(r[0]), column, r[1], parent) for r in rows]
        if len(found) > limit:
            break
    return found


@contextlib.contextmanager
def savepoint(conn: Conn, name: str) -> Iterator[None]:
    """The block's writes undone when it raises, and the transaction usable again.

    Why: a statement PostgreSQL refuses aborts the whole transaction (every later
    statement fails until a rollback), where SQLite refuses only the statement. A caller
    that goes on after a refusal (to read what was refused and say so, or to try
    another way) needs the block inside a savepoint on both engines alike."""
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        # A connection that failed outright cannot roll back either; its own error is
        # the one to report, and the caller's transaction is lost with it anyway.
        with contextlib.suppress(DatabaseError):
            conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
            conn.execute(f"RELEASE SAVEPOINT {name}")
        raise
    conn.execute(f"RELEASE SAVEPOINT {name}")


def commit_checking_keys(conn: Conn) -> bool:
    """COMMIT, or False (the transaction still open, nothing lost) when a deferred
    foreign key refuses it, so the caller can say which rows.

    SQLite leaves the transaction open when its COMMIT fails on a deferred key; a
    PostgreSQL COMMIT that fails has rolled everything back, so there the keys are
    checked first inside a savepoint, which a refusal rolls back to."""
    from inspector.data.commits import commit
    from inspector.data.engine import IntegrityError

    if dialect(conn) == "postgresql":
        try:
            with savepoint(conn, "inspector_keys"):
                conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
        except IntegrityError:
            return False
    try:
        commit(conn)
    except IntegrityError:
        return False
    return True


def set_cache_kib(conn: Conn, kib: int | None) -> int | None:
    """Set SQLite's page cache (negative: KiB) and return what it was; PostgreSQL's
    buffers are the server's, so there it does nothing and returns None."""
    if dialect(conn) != "sqlite":
        return None
    (before,) = conn.execute("PRAGMA cache_size").fetchone()
    if kib is not None:
        conn.execute(f"PRAGMA cache_size={int(kib)}")
    return int(before)


def secondary_indexes(conn: Conn, tables: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of the indexes of `tables` that enforce no
    constraint: those that may be dropped and made again from their own definition."""
    marks = ", ".join("?" * len(tables))
    if dialect(conn) == "sqlite":
        sql = (
            f"SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks})"
        )
    else:
        sql = (
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            f"WHERE i.schemaname = current_schema() AND i.tablename IN ({marks}) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
            "WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)"
        )
    return [(str(n), str(s)) for n, s in conn.execute(sql, tables).fetchall()]


def foreign_key_names(conn: Conn, table: str) -> list[str]:
    """The names of `table`'s own foreign keys (PostgreSQL; SQLite's have none)."""
    if dialect(conn) == "sqlite":
        return []
    rows = conn.execute(
        "SELECT c.conname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
        "WHERE c.contype = 'f' AND t.relname = ? AND t.relnamespace = current_schema()::regnamespace "
        "ORDER BY c.conname",
        (table,),
    ).fetchall()
    return [str(r[0]) for r in rows]


def index_definition(conn: Conn, name: str) -> str | None:
    """The statement that made the index `name`, or None if there is none."""
    if dialect(conn) == "sqlite":
        sql = "SELECT sql FROM sqlite_master WHERE type='index' AND name=?"
    else:
        sql = "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname=?"
    row = conn.execute(sql, (name,)).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def json_items(expr: str, engine: Dialect = "sqlite") -> str:
    """A table of the members of the JSON object `expr` (TEXT or JSON): columns `key`
    and `value`, the value as text."""
    if engine == "sqlite":
        return f"json_each({expr})"
    return f"json_each_text(({expr})::json)"


def json_elements(expr: str, engine: Dialect = "sqlite") -> str:
    """A table of the elements of the JSON array `expr` (TEXT or JSON): column `value`,
    as text."""
    if engine == "sqlite":
        return f"json_each({expr})"
    return f"json_array_elements_text(({expr})::json) AS elements(value)"
