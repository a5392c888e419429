"""Browsing the register: filters, sorting and keyset paging over the `outfall` table.

The register screen shows a window of a list that may hold a million outfalls, so it
never loads the list: it asks for one page at a time. A page is found by its *key* (the
sort columns of the row before it), which an index reaches in a few page reads however
deep the page lies; only a jump to a place no earlier page has seen counts rows, and then
from the nearest key already known (or back from the end), never from the top.

Rows flagged `deleted` are tombstones and never show. Searching by code or name uses the
per-character full-text index (`inspector.data.search`): results come in the order the
outfalls were registered, which FTS5 delivers without sorting, so the first page of a
search over a million rows costs about a millisecond.

Stdlib `sqlite3` only: this module is on the UI's hot path.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from inspector.data.engine import Conn, Dialect, dialect
from inspector.data.queries import current_remediation_sql
from inspector.data.remediations import OVERDUE_STATE, due_sql, overdue_sql
from inspector.data.search import contains_patterns, match_expression
from inspector.domain.choices import State
from inspector.domain.lifecycle import is_overdue
from inspector.domain.periods import today as calendar_today

#: Sort orders: each a tuple of columns that, with `rowid`, orders rows totally, and
#: that an index of the `outfall` table delivers in order.
#: Names and rivers sort by their keys in reading order (`inspector.data.sort_keys`):
#: pinyin, not code point.
SORTS: dict[str, tuple[str, ...]] = {
    "code": ("code",),
    "name": ("name_key",),
    "county": ("county_code", "code"),
    "river": ("river_key", "code"),
    "state": ("state", "code"),
    "category": ("category", "code"),
}
SEARCH_ORDER = "registered"
"""The order of search results: registration order (the search index's own)."""

#: The live remediation's due date: the end of its transition period (过渡期) when it has
#: one, else its deadline (`inspector.data.remediations.due_sql`).
_DEADLINE = (
    f"(SELECT {due_sql()} FROM remediation r WHERE r.id = ({current_remediation_sql('o.id')}))"
)
_COLUMNS = (
    "o.rowid, o.id, o.code, o.name, o.county_code, o.river, o.category, o.state, "
    f"{_DEADLINE} AS deadline"
)
#: PostgreSQL has no rowid (its `ctid` moves): the id, unique and never changed, is the
#: tie-breaker there.
_PG_COLUMNS = _COLUMNS.replace("o.rowid, ", "o.id, ", 1)


def _columns(engine: Dialect) -> str:
    return _COLUMNS if engine == "sqlite" else _PG_COLUMNS


def _column(name: str, engine: Dialect) -> str:
    return "id" if name == "rowid" and engine == "postgresql" else name


def _search_source(engine: Dialect) -> tuple[str, str]:
    """The FROM of a search and its order column: the FTS5 index on SQLite, the
    documents themselves on PostgreSQL (`search.contains_patterns`)."""
    if engine == "sqlite":
        return (
            "outfall_search s JOIN outfall_search_doc d ON d.num = s.rowid "
            "JOIN outfall o ON o.id = d.outfall_id",
            "s.rowid",
        )
    return "outfall_search_doc d JOIN outfall o ON o.id = d.outfall_id", "d.num"


def _search_where(query: RegisterQuery, engine: Dialect, params: dict[str, Any]) -> str:
    """The search condition, its parameters added to `params`."""
    if engine == "sqlite":
        params["match"] = query.match
        return "outfall_search MATCH :match"
    patterns = contains_patterns(query.search) or []
    terms = []
    for i, pattern in enumerate(patterns):
        params[f"p{i}"] = pattern
        terms.append(f"strpos(' ' || d.body || ' ', :p{i}) > 0")
    return " AND ".join(terms)


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the register. `key` is where the next page starts after this row."""

    rowid: int | str
    """The SQLite rowid; on PostgreSQL the id again."""
    id: str
    code: str
    name: str
    county_code: str
    river: str
    category: str
    state: str
    deadline: str | None
    """When the live remediation falls due: its transition end when it has one, else its
    deadline (ISO date)."""
    key: tuple[Any, ...]

    def overdue(self, today: dt.date) -> bool:
        """`inspector.domain.lifecycle.is_overdue`, for this line."""
        due = dt.date.fromisoformat(self.deadline) if self.deadline else None
        return is_overdue(State.of(self.state), due, None, today)


@dataclass(frozen=True)
class RegisterQuery:
    """What the register shows: filters, search text and order. Immutable, so a page
    fetched for one query can never be mistaken for a page of another."""

    county: str | None = None
    river: str | None = None
    category: str | None = None
    """A category key; a branch of the HJ 1312 tree includes everything below it."""
    state: str | None = None
    overdue: bool = False
    """Only overdue outfalls (`inspector.data.remediations.overdue_sql`)."""
    search: str = ""
    sort: str = "code"
    descending: bool = False
    today: dt.date = field(default_factory=calendar_today)

    def with_(self, **changes: Any) -> RegisterQuery:
        return replace(self, **changes)

    @property
    def match(self) -> str | None:
        """The full-text expression of the search text (None: no search)."""
        return match_expression(self.search) if self.search.strip() else None

    @property
    def searching(self) -> bool:
        return self.match is not None

    @property
    def order_columns(self) -> tuple[str, ...]:
        if self.searching:
            return ("num",)
        if self.sort not in SORTS:
            raise ValueError(f"unknown sort {self.sort!r}")
        return (*SORTS[self.sort], "rowid")

    @property
    def filtered(self) -> bool:
        return bool(
            self.county
            or self.river
            or self.category
            or self.state
            or self.overdue
            or self.searching
        )


def _filters(query: RegisterQuery) -> tuple[list[str], dict[str, Any]]:
    where = ["o.deleted = 0"]
    params: dict[str, Any] = {}
    if query.county:
        where.append("o.county_code = :county")
        params["county"] = query.county
    if query.river:
        where.append("o.river = :river")
        params["river"] = query.river
    if query.category:
        # The key and every key below it in the tree ("industrial", "industrial.storm"...).
        where.append("(o.category = :category OR o.category BETWEEN :cat_lo AND :cat_hi)")
        params |= {
            "category": query.category,
            "cat_lo": query.category + ".",
            "cat_hi": query.category + "/",
        }
    if query.state:
        where.append("o.state = :state")
        params["state"] = query.state
    if query.overdue:
        # Only an outfall in remediation can be overdue. Said outside the subquery too,
        # the state index narrows the scan to those outfalls, in the order shown: said
        # only inside it, SQLite read every live outfall and sorted them (3.5 s for the
        # first page of a million, as the person ticked the box).
        where.append(f"o.state = '{OVERDUE_STATE}'")
        where.append(
            "EXISTS (SELECT 1 FROM remediation r "
            f"WHERE r.id = ({current_remediation_sql('o.id')}) "
            f"AND {overdue_sql(today=':today')})"
        )
        params["today"] = query.today.isoformat()
    return where, params


def where_clauses(query: RegisterQuery) -> tuple[list[str], dict[str, Any]]:
    """The query's filters as SQL conditions on `outfall o` and their named parameters
    (the map filters its points exactly as the register filters its rows)."""
    return _filters(query)


def plan(query: RegisterQuery) -> tuple[str, str | None]:
    """How to page through `query`: ("search", None), ("keyset", index) or
    ("snapshot", None).

    Keyset paging needs an index that delivers rows in the query's order without
    sorting; with an equality filter in front of the order columns it reads only the
    filtered range. Where none exists (the register filtered by county but sorted by
    name, say) the matching rows are listed once into a temporary table in order, and
    pages are read from it by position: the cost is paid once per query, in proportion
    to the rows it matches, instead of once per page.
    """
    if query.searching:
        return "search", None
    filtered = {
        column
        for column, on in (
            ("county_code", bool(query.county)),
            ("river", bool(query.river)),
            ("state", bool(query.state) or query.overdue),
            ("category", bool(query.category)),
        )
        if on
    }
    if query.sort == "code":
        # An equality filter in front of `code` narrows the scan to its range.
        for column in ("county_code", "river", "state"):
            if column in filtered:
                return "keyset", _INDEX[(column, "code")]
        return "keyset", _INDEX[("code",)]
    columns = SORTS[query.sort]
    if not filtered or filtered == {columns[0]}:
        return "keyset", _INDEX[columns]
    return "snapshot", None


_INDEX: dict[tuple[str, ...], str] = {
    ("code",): "ix_outfall_code",
    ("name_key",): "ix_outfall_name_key",
    ("county_code", "code"): "ix_outfall_county_code",
    ("river", "code"): "ix_outfall_river_code",
    ("river_key", "code"): "ix_outfall_river_key_code",
    ("state", "code"): "ix_outfall_state_code",
    ("category", "code"): "ix_outfall_category_code",
}


def count(conn: Conn, query: RegisterQuery) -> int:
    """How many live outfalls the query shows (may take a few hundred milliseconds on a
    million rows: run it off the UI thread)."""
    where, params = _filters(query)
    engine = dialect(conn)
    if query.match is not None:
        source, _ = _search_source(engine)
        found = _search_where(query, engine, params)
        sql = f"SELECT COUNT(*) FROM {source} WHERE {found} AND {' AND '.join(where)}"
    elif query.overdue or engine == "postgresql":
        sql = f"SELECT COUNT(*) FROM outfall o WHERE {' AND '.join(where)}"
    else:
        # Every other filter is a column of this partial index: the table is not read.
        sql = (
            "SELECT COUNT(*) FROM outfall o INDEXED BY ix_outfall_live_groups "
            f"WHERE {' AND '.join(where)}"
        )
    return int(conn.execute(sql, params).fetchone()[0])


def fetch(
    conn: Conn,
    query: RegisterQuery,
    *,
    after: tuple[Any, ...] | None = None,
    offset: int = 0,
    limit: int = 100,
    from_end: bool = False,
) -> list[Row]:
    """Up to `limit` rows in the query's order, starting `offset` rows past the row whose
    key is `after` (or past the start). For queries `plan` pages by key or search.

    `from_end=True` counts from the other end instead (`after` must then be None): the
    rows returned are still in the query's order, and are the `limit` rows that end
    `offset` rows before the last one. That is how the end of a long list is reached
    without stepping over everything before it.
    """
    if from_end and after is not None:
        raise ValueError("from_end starts at the end; it takes no key")
    kind, index = plan(query)
    if kind == "snapshot":
        raise ValueError("this query is read from a snapshot")
    where, params = _filters(query)
    engine = dialect(conn)
    columns = query.order_columns
    backwards = query.descending != from_end
    direction = "DESC" if backwards else "ASC"
    if kind == "search":
        source, order_column = _search_source(engine)
        qualified = [order_column]
        where.insert(0, _search_where(query, engine, params))
    else:
        qualified = [f"o.{_column(c, engine)}" for c in columns]
        # PostgreSQL's planner picks the index itself (the adapter drops the hint).
        source = f"outfall o INDEXED BY {index}"
    if after is not None:
        marks = ", ".join(f":k{i}" for i in range(len(after)))
        op = "<" if backwards else ">"
        where.append(f"({', '.join(qualified)}) {op} ({marks})")
        params |= {f"k{i}": v for i, v in enumerate(after)}
    order = ", ".join(f"{c} {direction}" for c in qualified)
    params |= {"limit": limit, "offset": offset}
    sql = (
        f"SELECT {_columns(engine)}, {', '.join(qualified)} FROM {source} "
        f"WHERE {' AND '.join(where)} "
        f"ORDER BY {order} LIMIT :limit OFFSET :offset"
    )
    rows = [_row(r, len(columns)) for r in conn.execute(sql, params)]
    if from_end:
        rows.reverse()
    return rows


_SNAPSHOT = "temp.register_snapshot"


def build_snapshot(conn: Conn, query: RegisterQuery) -> int:
    """List the rows of `query`, in order, into a temporary table of this connection;
    returns how many. Positions then reach any row directly (`fetch_snapshot`)."""
    if dialect(conn) == "postgresql":
        return _build_pg_snapshot(conn, query)
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS {_SNAPSHOT} (pos INTEGER PRIMARY KEY, rid INTEGER NOT NULL)"
    )
    conn.execute(f"DELETE FROM {_SNAPSHOT}")
    where, params = _filters(query)
    direction = "DESC" if query.descending else "ASC"
    order = ", ".join(f"o.{c} {direction}" for c in query.order_columns)
    conn.execute(
        f"INSERT INTO {_SNAPSHOT} (rid) SELECT o.rowid FROM outfall o "
        f"WHERE {' AND '.join(where)} ORDER BY {order}",
        params,
    )
    row = conn.execute(f"SELECT COALESCE(MAX(pos), 0) FROM {_SNAPSHOT}").fetchone()
    return int(row[0])


def _build_pg_snapshot(conn: Conn, query: RegisterQuery) -> int:
    """`build_snapshot` on PostgreSQL: no `temp.` schema name and no rowid, so the
    positions are numbered explicitly and the rows named by id."""
    conn.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {_PG_SNAPSHOT} "
        "(pos bigint PRIMARY KEY, rid text NOT NULL)"
    )
    conn.execute(f"DELETE FROM {_PG_SNAPSHOT}")
    where, params = _filters(query)
    direction = "DESC" if query.descending else "ASC"
    order = ", ".join(f"o.{_column(c, 'postgresql')} {direction}" for c in query.order_columns)
    conn.execute(
        f"INSERT INTO {_PG_SNAPSHOT} (pos, rid) SELECT ROW_NUMBER() OVER (ORDER BY {order}), "
        f"o.id FROM outfall o WHERE {' AND '.join(where)}",
        params,
    )
    row = conn.execute(f"SELECT COALESCE(MAX(pos), 0) FROM {_PG_SNAPSHOT}").fetchone()
    return int(row[0])


_PG_SNAPSHOT = "register_snapshot"


def fetch_snapshot(conn: Conn, *, start: int, limit: int) -> list[Row]:
    """Rows `start` .. `start + limit - 1` (0-based) of the last snapshot built here."""
    if dialect(conn) == "postgresql":
        sql = (
            f"SELECT {_PG_COLUMNS}, v.pos FROM {_PG_SNAPSHOT} v JOIN outfall o ON o.id = v.rid "
            "WHERE v.pos > :start ORDER BY v.pos LIMIT :limit"
        )
        return [_row(r, 1) for r in conn.execute(sql, {"start": start, "limit": limit})]
    sql = (
        f"SELECT {_COLUMNS}, v.pos FROM {_SNAPSHOT} v JOIN outfall o ON o.rowid = v.rid "
        "WHERE v.pos > :start ORDER BY v.pos LIMIT :limit"
    )
    return [_row(r, 1) for r in conn.execute(sql, {"start": start, "limit": limit})]


def _row(r: Sequence[Any], keys: int) -> Row:
    rowid, id_, code, name, county, river, category, state, deadline = r[:9]
    return Row(
        rowid, id_, code, name, county, river, category, state, deadline, tuple(r[9 : 9 + keys])
    )


def position_of(conn: Conn, query: RegisterQuery, outfall_id: str) -> int | None:
    """Where an outfall stands in the query's order (None if the query does not show
    it). Counts the rows before it, so it costs what a count costs."""
    where, params = _filters(query)
    params["id"] = outfall_id
    engine = dialect(conn)
    if query.searching and engine == "postgresql":
        found = _search_where(query, engine, params)
        row = conn.execute(
            "SELECT d.num FROM outfall_search_doc d JOIN outfall o ON o.id = d.outfall_id "
            f"WHERE d.outfall_id = :id AND {' AND '.join(where)} AND {found}",
            params,
        ).fetchone()
        if row is None:
            return None
        op = ">" if query.descending else "<"
        params["k"] = row[0]
        sql = (
            "SELECT COUNT(*) FROM outfall_search_doc d JOIN outfall o ON o.id = d.outfall_id "
            f"WHERE {found} AND {' AND '.join(where)} AND d.num {op} :k"
        )
        return int(conn.execute(sql, params).fetchone()[0])
    if query.searching:
        params["match"] = query.match
        row = conn.execute(
            "SELECT d.num FROM outfall_search_doc d JOIN outfall o ON o.id = d.outfall_id "
            f"WHERE d.outfall_id = :id AND {' AND '.join(where)} "
            "AND d.num IN (SELECT rowid FROM outfall_search WHERE outfall_search MATCH :match)",
            params,
        ).fetchone()
        if row is None:
            return None
        op = ">" if query.descending else "<"
        where.insert(0, "outfall_search MATCH :match")
        params["k"] = row[0]
        sql = (
            "SELECT COUNT(*) FROM outfall_search s JOIN outfall_search_doc d ON d.num = s.rowid "
            f"JOIN outfall o ON o.id = d.outfall_id WHERE {' AND '.join(where)} AND s.rowid {op} :k"
        )
        return int(conn.execute(sql, params).fetchone()[0])
    columns = query.order_columns
    qualified = [f"o.{_column(c, engine)}" for c in columns]
    row = conn.execute(
        f"SELECT {', '.join(qualified)} FROM outfall o WHERE o.id = :id AND {' AND '.join(where)}",
        params,
    ).fetchone()
    if row is None:
        return None
    op = ">" if query.descending else "<"
    marks = ", ".join(f":k{i}" for i in range(len(row)))
    params |= {f"k{i}": v for i, v in enumerate(row)}
    sql = (
        f"SELECT COUNT(*) FROM outfall o WHERE {' AND '.join(where)} "
        f"AND ({', '.join(qualified)}) {op} ({marks})"
    )
    return int(conn.execute(sql, params).fetchone()[0])


@dataclass(frozen=True, slots=True)
class Found:
    id: str
    code: str
    name: str
    state: str


def find_outfalls(conn: Conn, text: str, *, limit: int = 10) -> list[Found]:
    """Outfalls whose code or name contains `text` (for the command palette)."""
    match = match_expression(text)
    if match is None:
        return []
    if dialect(conn) == "postgresql":
        params: dict[str, Any] = {"limit": limit}
        found = _search_where(RegisterQuery(search=text), "postgresql", params)
        rows = conn.execute(
            "SELECT o.id, o.code, o.name, o.state FROM outfall_search_doc d "
            f"JOIN outfall o ON o.id = d.outfall_id WHERE {found} AND o.deleted = 0 "
            "ORDER BY d.num LIMIT :limit",
            params,
        ).fetchall()
        return [Found(*r) for r in rows]
    rows = conn.execute(
        "SELECT o.id, o.code, o.name, o.state FROM outfall_search s "
        "JOIN outfall_search_doc d ON d.num = s.rowid JOIN outfall o ON o.id = d.outfall_id "
        "WHERE outfall_search MATCH ? AND o.deleted = 0 ORDER BY s.rowid LIMIT ?",
        (match, limit),
    ).fetchall()
    return [Found(*r) for r in rows]


@dataclass
class Page:
    rows: list[Row]
    total: int | None
    """The number of rows the query shows, when this fetch learned it."""


class RegisterPager:
    """Pages of one register query at a time, by position, for a list widget.

    Called from worker threads, one call at a time per connection (page fetches and counts
    each have their own). `interrupt()` stops whatever is running, from any thread: a
    query made stale by the next keystroke is abandoned, not waited for.

    Memory is bounded whatever the register's size: the keys remembered to reach later
    pages are capped, and a snapshot lives in SQLite's temporary storage.
    """

    PAGE = 100
    MAX_ANCHORS = 4096

    def __init__(self, connect: Callable[[], Conn]) -> None:
        self._connect = connect
        self._pages_conn: Conn | None = None
        self._count_conn: Conn | None = None
        self._pages_lock = threading.Lock()
        self._count_lock = threading.Lock()
        self._query: RegisterQuery | None = None
        self._anchors: dict[int, tuple[Any, ...]] = {}
        """Page number -> key of its last row (where the next page starts)."""
        self._total: int | None = None
        self._snapshot: RegisterQuery | None = None

    def _pages(self) -> Conn:
        if self._pages_conn is None:
            self._pages_conn = self._connect()
        return self._pages_conn

    def _counts(self) -> Conn:
        if self._count_conn is None:
            self._count_conn = self._connect()
        return self._count_conn

    def interrupt(self) -> None:
        for conn in (self._pages_conn, self._count_conn):
            if conn is not None:
                conn.interrupt()

    def close(self) -> None:
        self.interrupt()
        with self._pages_lock, self._count_lock:
            for conn in (self._pages_conn, self._count_conn):
                if conn is not None:
                    conn.close()
            self._pages_conn = self._count_conn = None

    def count(self, query: RegisterQuery) -> int:
        with self._count_lock:
            total = count(self._counts(), query)
        with self._pages_lock:
            if self._query is query:
                self._total = total
        return total

    def page(self, query: RegisterQuery, number: int) -> Page:
        """Rows of page `number` (0-based) of `query`."""
        with self._pages_lock:
            if self._query is not query:
                self._query, self._anchors, self._total = query, {}, None
            conn = self._pages()
            size = self.PAGE
            start = number * size
            if plan(query)[0] == "snapshot":
                if self._snapshot is not query:
                    self._snapshot = None
                    self._total = build_snapshot(conn, query)
                    self._snapshot = query
                return Page(fetch_snapshot(conn, start=start, limit=size), self._total)
            rows = self._by_key(conn, query, number)
            if len(rows) == size:
                self._remember(number, rows[-1].key)
            if len(rows) < size and self._total is None and self._reached_by_key(number):
                self._total = start + len(rows)
            return Page(rows, self._total)

    def _reached_by_key(self, number: int) -> bool:
        return number == 0 or (number - 1) in self._anchors

    def _anchors_before(self, number: int) -> list[int]:
        return [n for n in self._anchors if n < number]

    def _by_key(self, conn: Conn, query: RegisterQuery, number: int) -> list[Row]:
        size = self.PAGE
        start = number * size
        if number == 0:
            return fetch(conn, query, limit=size)
        if (number - 1) in self._anchors:
            return fetch(conn, query, after=self._anchors[number - 1], limit=size)
        # A jump: step from the nearest known key before it, or back from the end.
        known = self._anchors_before(number)
        base = max(known) if known else None
        after = self._anchors[base] if base is not None else None
        skip = start - (base + 1) * size if base is not None else start
        total = self._total
        if total is not None:
            if start >= total:
                return []
            end = min(total, start + size)
            from_end = total - end
            if from_end < skip:
                return fetch(conn, query, offset=from_end, limit=end - start, from_end=True)
        return fetch(conn, query, after=after, offset=skip, limit=size)

    def _remember(self, number: int, key: tuple[Any, ...]) -> None:
        if len(self._anchors) >= self.MAX_ANCHORS:
            # Forget the older half: they are only shortcuts, and memory must not grow with
            # the register.
            for stale in list(self._anchors)[: self.MAX_ANCHORS // 2]:
                del self._anchors[stale]
        self._anchors[number] = key
