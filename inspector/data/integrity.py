"""What `inspector doctor` reads to judge a replica sound: SQLite's own checks, gaps in
the operation log, the search index's coverage, and rows as stored beside the log.

Reads only, except the search index's own integrity check (an FTS5 command written as
an INSERT); the doctor's repairs run through the writer's and the bulk loader's
functions, in the doctor's transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

from inspector.data.engine import Conn, DatabaseError, dialect


class ForeignKeyProblem(NamedTuple):
    table: str
    rowid: int
    parent: str
    fkid: int


class OriginRun(NamedTuple):
    """One origin's operations held here: how many, and the highest sequence."""

    origin: str
    operations: int
    highest: int


class SearchSource(NamedTuple):
    """The fields of an outfall its search entry is made of."""

    id: str
    code: str
    national_code: str | None
    name: str


class SearchDoc(NamedTuple):
    id: str
    code: str
    national_code: str | None
    name: str
    body: str


def integrity_check(conn: Conn) -> list[str]:
    """SQLite's own check of the file: ["ok"], or what is damaged. PostgreSQL checks
    its pages as it reads them (and the city's server keeps its own backups): "ok"."""
    if dialect(conn) == "postgresql":
        return ["ok"]
    return [r[0] for r in conn.execute("PRAGMA integrity_check")]


def foreign_key_problems(conn: Conn) -> list[ForeignKeyProblem]:
    """Rows whose parent row is missing (none on PostgreSQL, which refuses such a
    row at the commit that writes it)."""
    if dialect(conn) == "postgresql":
        return []
    return [ForeignKeyProblem(*r) for r in conn.execute("PRAGMA foreign_key_check").fetchall()]


def origin_runs(conn: Conn) -> list[OriginRun]:
    """Per origin, how many operations are held and the highest sequence among them."""
    return [
        OriginRun(*r)
        for r in conn.execute("SELECT origin, COUNT(*), MAX(seq) FROM op GROUP BY origin")
    ]


def missing_sequences(conn: Conn, *, origin: str, highest: int) -> list[int]:
    """The first few sequences up to `highest` of which the origin's operation is missing."""
    rows = conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
        "SELECT i FROM n WHERE i NOT IN (SELECT seq FROM op WHERE origin=?) LIMIT 5",
        (highest, origin),
    ).fetchall()
    return [int(m[0]) for m in rows]


def outfalls_without_search_doc(conn: Conn) -> list[SearchSource]:
    """Outfalls the search index has no entry for."""
    rows = conn.execute(
        "SELECT id, code, national_code, name FROM outfall "
        "WHERE id NOT IN (SELECT outfall_id FROM outfall_search_doc)"
    ).fetchall()
    return [SearchSource(*r) for r in rows]


def search_docs(conn: Conn) -> Iterator[SearchDoc]:
    """Every outfall with its search entry's text, streamed (a million on a large register)."""
    for row in conn.execute(
        "SELECT o.id, o.code, o.national_code, o.name, d.body FROM outfall o "
        "JOIN outfall_search_doc d ON d.outfall_id = o.id"
    ):
        yield SearchDoc(*row)


def search_index_sound(conn: Conn) -> bool:
    """The full-text index's own check of itself against its documents (PostgreSQL
    searches the documents themselves: no index of the program's to go stale)."""
    if dialect(conn) == "postgresql":
        return True
    try:
        conn.execute("INSERT INTO outfall_search(outfall_search) VALUES ('integrity-check')")
    except DatabaseError:
        return False
    return True


def row_ids(conn: Conn, *, entity: str) -> list[str]:
    """Ids of every row of a synced table."""
    return [r[0] for r in conn.execute(f"SELECT id FROM {entity}")]


def row_reader(
    conn: Conn, *, entity: str, columns: Sequence[str]
) -> Callable[[str], tuple[Any, ...] | None]:
    """Reads one row of `entity` by id as stored (`columns`, in order): the statement is
    made once for the many rows a check reads."""
    select = f"SELECT {', '.join(columns)} FROM {entity} WHERE id=?"

    def read(row_id: str) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = conn.execute(select, (row_id,)).fetchone()
        return row

    return read


def rows_without_ops(conn: Conn, *, entity: str) -> int:
    """How many rows of a synced table no operation of the log made."""
    return int(
        conn.execute(
            f"SELECT COUNT(*) FROM {entity} WHERE id NOT IN (SELECT row_id FROM op WHERE entity=?)",
            (entity,),
        ).fetchone()[0]
    )
