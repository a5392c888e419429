"""The two engines behind one connection type: a SQLite file or a PostgreSQL database.

The data layer writes its SQL once, with SQLite's `?` and `:name` placeholders, against
`Conn`: the few methods of `sqlite3.Connection` it uses. On SQLite the connection *is* a
`sqlite3.Connection`, so nothing there changes, query plans included (the benchmarks
depend on them). On PostgreSQL it is a `PgConn`, a thin adapter over psycopg 3 that

- rewrites the placeholders to PostgreSQL's `$1…$n` (once per statement text, cached);
- returns what SQLite returns: booleans as 0/1, JSON as its text, times as the
  `DATETIME_FORMAT` text in UTC, dates as ISO text. Operation fields are serialised from
  what a read returns, and a `false` where SQLite gives `0` would change an operation's
  hash, and with it every signature that covers it;
- binds Python ints (and bools) untyped, so a 0/1 meant for a boolean column is taken as
  one, as SQLite takes it;
- raises its errors as `IntegrityError` and `DatabaseError`, the names the data layer
  catches for both engines.

psycopg is imported only when a PostgreSQL database is opened: a laptop on SQLite never
pays for it.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    import psycopg

Dialect = Literal["sqlite", "postgresql"]

#: The errors the data layer catches, whichever engine raised them: PostgreSQL's are
#: raised as subclasses of these (with psycopg's error as the cause).
IntegrityError = sqlite3.IntegrityError
DatabaseError = sqlite3.DatabaseError
OperationalError = sqlite3.OperationalError

URL_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def is_url(target: object) -> bool:
    """Whether `target` names a PostgreSQL database rather than a SQLite file."""
    return isinstance(target, str) and target.startswith(URL_SCHEMES)


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...
    @property
    def description(self) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def fetchmany(self, size: int = ..., /) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Conn(Protocol):
    """What the data layer may use of a connection (a `sqlite3.Connection` is one)."""

    @property
    def in_transaction(self) -> bool: ...
    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...
    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any: ...
    def interrupt(self) -> None: ...
    def close(self) -> None: ...


def dialect(conn: Conn) -> Dialect:
    return "postgresql" if isinstance(conn, PgConn) else "sqlite"


# -- placeholders --------------------------------------------------------------------------


class PlaceholderError(ValueError):
    """A statement mixes `?` and `:name`, which neither engine allows."""


def _ident_char(c: str) -> bool:
    return c.isalnum() or c == "_"


#: Every boolean column of the schema (a test holds this to the PostgreSQL schema). The
#: SQL compares them with 0 and 1, which SQLite's partial index needs to see literally
#: (`deleted = 0`, see `dialects`); PostgreSQL has no `boolean = integer`, so there the
#: literal becomes `false`/`true`, which its planner takes as `NOT deleted` and matches to
#: its own partial index.
BOOLEAN_COLUMNS = frozenset(
    {
        "abnormal_vegetation",
        "deleted",
        "deposits",
        "encrypted",
        "flow_present",
        "follow_up",
        "immediate",
        "is_self",
        "local",
        "retest_passed",
        "sampled",
        "trusted",
    }
)
_BOOLEAN_LITERAL = re.compile(
    r"\b((?:\w+\.)?(?:" + "|".join(sorted(BOOLEAN_COLUMNS)) + r"))(\s*(?:=|!=|<>)\s*)([01])\b"
)


def _as_boolean(match: re.Match[str]) -> str:
    return f"{match[1]}{match[2]}{'true' if match[3] == '1' else 'false'}"


#: SQLite's index hint (the register, the map and photo matching name the index their
#: plans were measured with). PostgreSQL has no hints and picks the index itself.
_INDEXED_BY = re.compile(r"\s+INDEXED\s+BY\s+\w+", re.IGNORECASE)


def _for_postgresql(text: str) -> str:
    return _INDEXED_BY.sub("", _BOOLEAN_LITERAL.sub(_as_boolean, text))


@functools.lru_cache(maxsize=4096)
def translate(sql: str) -> tuple[str, tuple[str, ...] | None]:
    """`sql` for PostgreSQL: its `?` or `:name` placeholders as `$1…$n` (with the names in
    the order of their numbers, None for `?`), a boolean column compared with 0 or 1
    compared with false or true, and no `INDEXED BY`. Text in string literals, quoted names, comments and
    dollar-quoted strings is left alone, as is the `::` of a cast."""
    out: list[str] = []
    names: list[str] = []
    positional = 0
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c == "'" or c == '"':
            # A literal or a quoted name; a doubled quote stays inside. E'…' strings may
            # also escape the quote with a backslash.
            escapes = (
                c == "'" and i > 0 and sql[i - 1] in "eE" and (i < 2 or not _ident_char(sql[i - 2]))
            )
            j = i + 1
            while j < n:
                if escapes and sql[j] == "\\":
                    j += 2
                    continue
                if sql[j] == c:
                    if j + 1 < n and sql[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            out.append(sql[i : j + 1])
            i = j + 1
        elif c == "-" and sql.startswith("--", i):
            j = sql.find("\n", i)
            j = n if j < 0 else j
            out.append(sql[i:j])
            i = j
        elif c == "/" and sql.startswith("/*", i):
            j = sql.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(sql[i:j])
            i = j
        elif c == "$" and (i == 0 or not _ident_char(sql[i - 1])):
            # $tag$ … $tag$ (tag empty or an identifier not starting with a digit).
            j = i + 1
            while j < n and _ident_char(sql[j]):
                j += 1
            tag = sql[i : j + 1]
            if j < n and sql[j] == "$" and not tag[1:2].isdigit():
                end = sql.find(tag, j + 1)
                end = n if end < 0 else end + len(tag)
                out.append(sql[i:end])
                i = end
            else:
                out.append(c)
                i += 1
        elif c == "?":
            if names:
                raise PlaceholderError(sql)
            positional += 1
            out.append(f"${positional}")
            i += 1
        elif c == ":":
            if sql.startswith("::", i):
                out.append("::")
                i += 2
                continue
            j = i + 1
            if (
                j < n
                and (sql[j].isalpha() or sql[j] == "_")
                and (i == 0 or not _ident_char(sql[i - 1]))
            ):
                while j < n and _ident_char(sql[j]):
                    j += 1
                if positional:
                    raise PlaceholderError(sql)
                name = sql[i + 1 : j]
                if name not in names:
                    names.append(name)
                out.append(f"${names.index(name) + 1}")
                i = j
            else:
                out.append(c)
                i += 1
        else:
            # Copy a run of ordinary characters at once.
            j = i + 1
            while j < n and sql[j] not in "'\"-/$?:":
                j += 1
            out.append(_for_postgresql(sql[i:j]))
            i = j
    return "".join(out), (tuple(names) if names else None)


def _bind(names: tuple[str, ...] | None, parameters: Any) -> Sequence[Any]:
    if names is None:
        if isinstance(parameters, Mapping):
            raise PlaceholderError("named parameters given for a statement with `?`")
        return tuple(parameters)
    if not isinstance(parameters, Mapping):
        raise PlaceholderError("a statement with `:name` needs a mapping of parameters")
    return tuple(parameters[name] for name in names)


# -- PostgreSQL ------------------------------------------------------------------------------


def _wrap(exc: Exception) -> Exception:
    """psycopg's error as the data layer's name for it (the original as its cause)."""
    import psycopg

    if isinstance(exc, psycopg.IntegrityError):
        error: Exception = PgIntegrityError(str(exc).strip())
    elif isinstance(exc, psycopg.errors.QueryCanceled):
        error = PgOperationalError("interrupted")
    elif isinstance(exc, psycopg.OperationalError):
        error = PgOperationalError(str(exc).strip())
    elif isinstance(exc, psycopg.Error):
        error = PgDatabaseError(str(exc).strip())
    else:
        return exc
    sqlstate = getattr(exc, "sqlstate", None)
    error.sqlstate = sqlstate  # type: ignore[attr-defined]
    return error


class PgIntegrityError(IntegrityError):
    """A PostgreSQL constraint refused a write (unique, foreign key, not null, check)."""


class PgDatabaseError(DatabaseError):
    """Any other error PostgreSQL reported."""


class PgOperationalError(OperationalError):
    """The connection or the server failed, or the statement was cancelled."""


class PgCursor:
    """A psycopg cursor that raises the data layer's errors while rows are fetched."""

    __slots__ = ("_cur",)

    def __init__(self, cur: psycopg.RawCursor[Any]) -> None:
        self._cur = cur

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount

    @property
    def description(self) -> Any:
        return self._cur.description

    def fetchone(self) -> Any:
        if self._cur.description is None:
            return None
        return self._cur.fetchone()

    def fetchall(self) -> list[Any]:
        if self._cur.description is None:
            return []
        return self._cur.fetchall()

    def fetchmany(self, size: int = 1, /) -> list[Any]:
        if self._cur.description is None:
            return []
        return self._cur.fetchmany(size)

    def __iter__(self) -> Iterator[Any]:
        if self._cur.description is None:
            return iter(())
        return iter(self._cur)


class PgConn:
    """A psycopg connection with the `sqlite3.Connection` methods the data layer uses.

    Autocommit, as the program's SQLite connections are: the data layer begins and ends
    its transactions itself (`BEGIN` … `COMMIT`)."""

    dialect: Dialect = "postgresql"

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw
        self._behind: threading.Thread | None = None
        """A `copy_text_behind` still running."""
        self._behind_error: BaseException | None = None

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        self._wait_behind()
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, parameters: Any = (), /) -> PgCursor:
        if sql == "ROLLBACK":
            # What a COPY behind it failed with belongs to the transaction given up.
            self._wait_behind()
            self._behind_error = None
        self.settle()
        text, names = translate(sql)
        cur = self.raw.cursor()
        try:
            cur.execute(text, _bind(names, parameters) if parameters or names else None)
        except Exception as exc:
            raise _wrap(exc) from exc
        return PgCursor(cur)  # type: ignore[arg-type]

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> PgCursor:
        self.settle()
        text, names = translate(sql)
        cur = self.raw.cursor()
        try:
            cur.executemany(text, [_bind(names, p) for p in parameters])
        except Exception as exc:
            raise _wrap(exc) from exc
        return PgCursor(cur)  # type: ignore[arg-type]

    def copy_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """`rows` into `table` by `COPY ... FROM STDIN`: the values go through the same
        dumpers as bound parameters (integers through psycopg's own), in text, and the
        server reads them with the same
        input functions as the untyped parameters of an INSERT; constraints, deferred
        keys and triggers hold as for an INSERT. A tenth of the server's work of a
        pipelined `executemany` of one INSERT per row."""
        self.settle()
        try:
            with self.raw.cursor() as cur:
                # Integers by psycopg's own dumper, compiled, rather than `IntAsUnknown`
                # (a call into Python per value, two million of them in a million log
                # rows): a COPY's columns are typed, so an integer's text is all the
                # server needs.
                cur.adapters.register_dumper(int, _compiled_int_dumper())
                with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    write = copy.write_row
                    for row in rows:
                        write(row)
        except Exception as exc:
            raise _wrap(exc) from exc

    def copy_text(self, table: str, columns: Sequence[str], data: bytes) -> None:
        """Rows already in COPY's text format (`dialects.copy_text`) into `table`, with
        the same checks as `copy_rows`."""
        self.settle()
        self._copy_text(table, columns, data)

    def copy_text_behind(self, table: str, columns: Sequence[str], data: bytes) -> None:
        """`copy_text`, returning at once: the server stores the rows while the caller
        goes on with work that needs no connection. The connection's next use waits for
        them first, and raises what storing them failed with (`settle`).

        Why: a merge waited for the server to store each batch of a million operations'
        log (4 s in all), then folded the batch (4 s more) while the server had nothing
        to do."""
        self.settle()

        def run() -> None:
            try:
                self._copy_text(table, columns, data)
            except BaseException as exc:  # raised on the caller's thread, by `settle`
                self._behind_error = exc

        self._behind = threading.Thread(target=run, name="copy-behind", daemon=True)
        self._behind.start()

    def settle(self) -> None:
        """Wait for a `copy_text_behind`, and raise its error if it failed."""
        self._wait_behind()
        error, self._behind_error = self._behind_error, None
        if error is not None:
            raise error

    def _wait_behind(self) -> None:
        behind = self._behind
        if behind is not None:
            behind.join()
            self._behind = None

    def _copy_text(self, table: str, columns: Sequence[str], data: bytes) -> None:
        try:
            with (
                self.raw.cursor() as cur,
                cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
            ):
                copy.write(data)
        except Exception as exc:
            raise _wrap(exc) from exc

    def interrupt(self) -> None:
        """Stop the statement running on this connection, from any thread. Only when one
        is: a cancel request is a connection of its own to the server, 3 to 5 ms the
        caller waits (the register interrupts its two connections at each keystroke,
        on the UI thread, and they are nearly always idle by then)."""
        from psycopg.pq import TransactionStatus

        if self.raw.info.transaction_status == TransactionStatus.ACTIVE:
            self.raw.cancel_safe()

    def close(self) -> None:
        self._wait_behind()
        self.raw.close()


def _compiled_int_dumper() -> Any:
    import psycopg
    from psycopg.adapt import PyFormat

    return psycopg.adapters.get_dumper(int, PyFormat.TEXT)


def _adapt(raw: psycopg.Connection[Any]) -> None:
    """Loaders and dumpers that make PostgreSQL's values look like SQLite's (see module)."""
    from psycopg.adapt import Dumper, Loader

    class IntAsUnknown(Dumper):
        # oid 0: the server types the parameter from where it is used, so 1 goes into a
        # boolean column as true and into a bigint one as 1.
        oid = 0

        def dump(self, obj: Any) -> bytes:
            return str(int(obj)).encode()

    class BoolAsInt(Loader):
        def load(self, data: Any) -> int:
            return 1 if bytes(data) == b"t" else 0

    class JsonAsText(Loader):
        def load(self, data: Any) -> str:
            return bytes(data).decode()

    class TimestampAsText(Loader):
        # TimeZone is UTC, so the server writes "2026-03-01 08:00:00.25+00".
        def load(self, data: Any) -> str:
            text = bytes(data).decode()
            if text.endswith("+00"):
                text = text[:-3]
            head, _, fraction = text.partition(".")
            return f"{head}.{fraction:0<6}"

    class DateAsText(Loader):
        def load(self, data: Any) -> str:
            return bytes(data).decode()

    adapters = raw.adapters
    adapters.register_dumper(int, IntAsUnknown)
    adapters.register_dumper(bool, IntAsUnknown)
    adapters.register_loader("bool", BoolAsInt)
    adapters.register_loader("json", JsonAsText)
    adapters.register_loader("jsonb", JsonAsText)
    adapters.register_loader("timestamptz", TimestampAsText)
    adapters.register_loader("date", DateAsText)


def libpq_url(url: str) -> str:
    """SQLAlchemy's `postgresql+psycopg://` spelling as libpq takes it."""
    return "postgresql://" + url.split("://", 1)[1]


def sqlalchemy_url(url: str) -> str:
    return "postgresql+psycopg://" + url.split("://", 1)[1]


def connect_pg(url: str, *, readonly: bool = False) -> PgConn:
    """A connection to the PostgreSQL database at `url`, in UTC, in autocommit mode."""
    import psycopg

    try:
        raw = psycopg.connect(
            libpq_url(url),
            autocommit=True,
            cursor_factory=psycopg.RawCursor,
            # UTF-8 whatever the database's own encoding: `copy_text` is sent as such.
            options="-c TimeZone=UTC -c DateStyle=ISO -c client_encoding=UTF8",
            application_name="outfall-inspector",
        )
    except psycopg.Error as exc:
        raise _wrap(exc) from exc
    _adapt(raw)
    if readonly:
        raw.execute("SET default_transaction_read_only = on")
    return PgConn(raw)
