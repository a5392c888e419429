"""Copying every row of one replica's database into another, across engines.

The list of tables is read from the destination (made at head by the program's own
migrations), so a table added by a later migration is copied without anyone updating a
list here. Values pass through unchanged: the PostgreSQL adapter already reads booleans as
0/1, JSON as its text and times as SQLite's text, and binds them back the same way, which
is what keeps a ledger export of the copy byte-identical to the source's.
"""

from __future__ import annotations

from collections.abc import Callable

from inspector.data import dialects
from inspector.data.engine import Conn, DatabaseError, IntegrityError, OperationalError, dialect
from inspector.i18n import Problem, t
from inspector.models.spec import INT64_MAX, INT64_MIN

BATCH = 2000
# Rows the migrations themselves write (reference data, the seeded replica) are replaced
# by the source's, so only these tell a replica that has been used from a blank one.
_USED_TABLES = ("op", "outfall")
_FTS_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")


def tables(conn: Conn) -> list[str]:
    """The program's own tables (not Alembic's, not SQLite's FTS5 tables: the search
    index is rebuilt from its documents after copying)."""
    if dialect(conn) == "postgresql":
        rows = conn.execute(
            "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
            "ORDER BY tablename"
        ).fetchall()
        names = [str(r[0]) for r in rows]
    else:
        rows = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name"
        ).fetchall()
        virtual = [str(r[0]) for r in rows if str(r[1] or "").upper().startswith("CREATE VIRTUAL")]
        shadows = {v + s for v in virtual for s in _FTS_SHADOWS}
        names = [str(r[0]) for r in rows if r[0] not in virtual and r[0] not in shadows]
    return [n for n in names if n != "alembic_version"]


def columns(conn: Conn, table: str) -> list[str]:
    """The columns a row is written with: not the generated ones (the database computes
    those, and refuses a value for them)."""
    if dialect(conn) == "postgresql":
        rows = conn.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ? "
            "AND is_generated = 'NEVER' ORDER BY ordinal_position",
            (table,),
        ).fetchall()
        return [str(r[0]) for r in rows]
    # table_xinfo's `hidden` is 2 or 3 for a generated column.
    rows = conn.execute(f'PRAGMA table_xinfo("{table}")').fetchall()
    return [str(r[1]) for r in rows if r[6] == 0]


def is_blank(conn: Conn) -> bool:
    """Whether a database at head holds no replica's work (only what migrating and
    opening it wrote)."""
    for table in _USED_TABLES:
        if conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is not None:
            return False
    return True


def count(conn: Conn, table: str) -> int:
    return int(conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])


def copy_rows(
    src: Conn,
    dest: Conn,
    names: list[str],
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, int]:
    """Every row of `names` from `src` into `dest`, whose own rows of those tables are
    removed first, inside the transaction the caller holds open on `dest` (its foreign
    keys deferred, so the order of tables does not matter). Rows per table copied."""
    dialects.defer_foreign_keys(dest)
    for table in reversed(names):
        dest.execute(f'DELETE FROM "{table}"')
    copied: dict[str, int] = {}
    for table in names:
        cols = columns(dest, table)
        listed = ", ".join(f'"{c}"' for c in cols)
        total = count(src, table)
        quoted = tuple(f'"{c}"' for c in cols)
        lengths = _lengths(dest, table)
        cur = src.execute(f'SELECT {listed} FROM "{table}"')
        done = 0
        while batch := cur.fetchmany(BATCH):
            rows = [tuple(row) for row in batch]
            try:
                # COPY into PostgreSQL: a copy of the million-outfall demo took minutes
                # per table with an INSERT per row.
                dialects.insert_rows(dest, f'"{table}"', quoted, rows)
            except DatabaseError as exc:
                # A value SQLite kept and PostgreSQL will not (its class 22, data
                # exception; a NUL the driver refuses itself, with no class): an old
                # replica's, from before the program checked for them.
                state = getattr(exc, "sqlstate", None)
                if isinstance(exc, OperationalError | IntegrityError) or not (
                    state is None or state.startswith("22")
                ):
                    raise
                raise _unstorable(table, cols, rows, lengths, str(exc)) from None
            done += len(batch)
            if progress is not None:
                progress(table, done, total)
        if progress is not None and done == 0:
            progress(table, 0, 0)
        copied[table] = done
    if dialect(dest) == "postgresql":
        _advance_sequences(dest, names)
    return copied


class Unstorable(Problem):
    """A row the destination cannot hold; nothing is copied."""

    exit_code = 2

    def __str__(self) -> str:
        params = dict(self.params)
        if "problem" in params:
            params["problem"] = t(params["problem"], most=params.pop("most", None))
        return t(self.key, **params)


def _lengths(conn: Conn, table: str) -> dict[str, int]:
    """The longest text each limited column takes (PostgreSQL checks it, SQLite not)."""
    if dialect(conn) != "postgresql":
        return {}
    rows = conn.execute(
        "SELECT column_name, character_maximum_length FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = ? "
        "AND character_maximum_length IS NOT NULL",
        (table,),
    ).fetchall()
    return {str(name): int(most) for name, most in rows}


def _unstorable(
    table: str,
    cols: list[str],
    rows: list[tuple[object, ...]],
    lengths: dict[str, int],
    detail: str,
) -> Unstorable:
    """The refusal naming the first row and column whose value the destination cannot
    hold, and why (or the server's words, when no value here explains it)."""
    for row in rows:
        for column, value in zip(cols, row, strict=True):
            problem: dict[str, object] | None = None
            if isinstance(value, str) and "\x00" in value:
                problem = {"problem": "copy.problem.nul"}
            elif isinstance(value, str) and len(value) > lengths.get(column, len(value)):
                problem = {"problem": "copy.problem.too_long", "most": lengths[column]}
            elif isinstance(value, int) and not INT64_MIN <= value <= INT64_MAX:
                problem = {"problem": "copy.problem.range"}
            if problem is not None:
                return Unstorable(
                    "copy.unstorable", table=table, row=row[0], column=column, **problem
                )
    return Unstorable("copy.unstorable_other", table=table, detail=detail)


def _advance_sequences(conn: Conn, names: list[str]) -> None:
    """Serial columns continue past the copied rows (their sequences did not see them)."""
    rows = conn.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'"
    ).fetchall()
    for table, column in rows:
        if table not in names:
            continue
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
            f'COALESCE((SELECT MAX("{column}") FROM "{table}"), 0) + 1, false)'
        )


def is_replica(conn: Conn) -> bool:
    """Whether the database has been made a replica (it has an id)."""
    return conn.execute("SELECT 1 FROM meta WHERE key = 'replica_id'").fetchone() is not None


def start_file(conn: Conn) -> None:
    """A new SQLite file in WAL mode, as every replica's file is."""
    conn.execute("PRAGMA journal_mode=WAL")


def fold_wal(conn: Conn) -> None:
    """The WAL folded back into the file, so that a rename moves one complete file."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
