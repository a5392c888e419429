"""Opening a replica's database: create, check, back up, upgrade, connect.

Every connection has foreign keys on, a busy timeout, and `synchronous=FULL`, so an
inspection saved beside a river survives the battery dying a second later. The journal
is WAL, so the UI can read while a worker writes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspector import locations
from inspector.data import engine as engines
from inspector.data import migrate
from inspector.data.commits import begin_immediate, commit
from inspector.data.engine import Conn, Cursor
from inspector.domain.ids import uuid7
from inspector.i18n import Problem

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from inspector.data.writer import Writer

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


def is_damage(exc: BaseException) -> bool:
    """Whether SQLite says the file itself is damaged (not busy, not full, not a bug)."""
    if not isinstance(exc, sqlite3.DatabaseError) or isinstance(exc, engines.PgDatabaseError):
        return False
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return True
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def newest_backup(path: Path) -> Path | None:
    """The most recent backup of the database at `path` (by when it was written)."""
    folder = locations.backup_directory(path)
    try:
        backups = [p for p in folder.iterdir() if p.suffix == ".db" and p.is_file()]
    except OSError:
        return None
    return max(backups, key=lambda p: (p.stat().st_mtime, p.name), default=None)


class DatabaseDamaged(Problem):
    """The database file is damaged: one sentence naming it and the backup to restore."""

    def __init__(self, path: Path, error: BaseException | str) -> None:
        backup = newest_backup(path)
        if backup is None:
            super().__init__(
                "db.damaged_no_backup",
                path=path,
                error=str(error),
                folder=locations.backup_directory(path),
            )
        else:
            super().__init__("db.damaged", path=path, error=str(error), backup=backup)


def configure(
    conn: sqlite3.Connection, *, readonly: bool = False, cache_kib: int = 65536
) -> sqlite3.Connection:
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys=ON")
    # 64 MB of page cache by default (SQLite's is 2 MB): the register's indexes on a
    # million outfalls then stay in memory while importing and paging.
    conn.execute(f"PRAGMA cache_size=-{int(cache_kib)}")
    if not readonly:
        conn.execute("PRAGMA synchronous=FULL")
    return conn


def connect_file(
    path: Path, *, readonly: bool = False, cache_kib: int = 65536
) -> sqlite3.Connection:
    """A raw connection in autocommit mode: transactions are begun explicitly."""
    if readonly:
        try:
            conn = sqlite3.connect(
                path.resolve().as_uri() + "?mode=ro",
                uri=True,
                isolation_level=None,
                check_same_thread=False,
            )
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1")
        except sqlite3.OperationalError:
            # A WAL database in a read-only folder cannot make its -shm file; read it as
            # an immutable file instead (nobody can be writing to it from here anyway).
            conn = sqlite3.connect(
                path.resolve().as_uri() + "?immutable=1",
                uri=True,
                isolation_level=None,
                check_same_thread=False,
            )
    else:
        conn = sqlite3.connect(
            str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
    return configure(conn, readonly=readonly, cache_kib=cache_kib)


@dataclass
class Database:
    """One replica's database file and the things beside it."""

    path: Path
    """The SQLite file; for a PostgreSQL database, the name its key, photos and backups
    are kept beside (`locations.url_home`)."""
    readonly: bool = False
    replica_id: str = ""
    url: str | None = None
    """The PostgreSQL database, or None for a SQLite file."""
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def dialect(self) -> engines.Dialect:
        return "sqlite" if self.url is None else "postgresql"

    @property
    def location(self) -> str:
        """What to call the database in a message: its file, or its URL without a password."""
        return str(self.path) if self.url is None else locations.display_url(self.url)

    @property
    def short_name(self) -> str:
        """The database in a word, for a title bar: its file name, or the PostgreSQL
        database's name (never the folder its key is kept in)."""
        if self.url is None:
            return self.path.name
        from urllib.parse import urlsplit

        return urlsplit(self.url).path.lstrip("/") or self.location

    # -- connections ---------------------------------------------------------------------

    def connect(self, *, cache_kib: int = 65536) -> Conn:
        if self.url is not None:
            return engines.connect_pg(self.url, readonly=self.readonly)
        return connect_file(self.path, readonly=self.readonly, cache_kib=cache_kib)

    def read(self) -> contextlib.closing[Conn]:
        return contextlib.closing(self.connect())

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Conn]:
        """One raw `BEGIN IMMEDIATE` transaction, all or nothing, for data-layer code that
        keeps its own records (reference data, sync bookkeeping) outside the write path."""
        with self.read() as conn:
            begin_immediate(conn)
            try:
                yield conn
                commit(conn)
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def write(
        self, *, actor: str | None = None, reason: str | None = None, bulk: bool = False
    ) -> Iterator[Writer]:
        """One transaction: every change inside is logged as an operation, all or nothing.

        `bulk=True` relaxes fsync to `synchronous=NORMAL` for the duration (still
        crash-safe in WAL; a power cut may lose the last commit, never corrupt it).
        """
        from inspector.data.writer import Writer

        if self.readonly:
            raise Problem("db.read_only", path=self.path)
        conn = self.connect()
        try:
            writer = Writer(
                self, conn, actor=actor or self.user_name(conn), reason=reason, bulk=bulk
            )
            with writer.transaction():
                yield writer
        finally:
            conn.close()

    @property
    def engine(self) -> Engine:
        """SQLAlchemy engine for ORM reads (imported on first use: it costs ~0.3 s)."""
        if self._engine is None:
            from sqlalchemy import create_engine
            from sqlalchemy.pool import NullPool

            if self.url is not None:
                self._engine = create_engine(engines.sqlalchemy_url(self.url), poolclass=NullPool)
            else:
                self._engine = create_engine("sqlite://", creator=self.connect, poolclass=NullPool)
        return self._engine

    def session(self) -> Session:
        from sqlmodel import Session

        return Session(self.engine)

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    # -- small settings ------------------------------------------------------------------

    def get_meta(self, key: str, conn: Conn | None = None) -> str | None:
        with contextlib.ExitStack() as stack:
            if conn is None:
                conn = stack.enter_context(self.read())
            row = conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str, conn: Conn | None = None) -> None:
        with contextlib.ExitStack() as stack:
            if conn is None:
                conn = stack.enter_context(_closing(self.connect()))
            conn.execute(
                "INSERT INTO meta(key, value) VALUES(?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (key, value),
            )

    def user_name(self, conn: Conn | None = None) -> str:
        """Who is making changes: INSPECTOR_USER, the name given at init, the login name.

        A PostgreSQL central record is shared by many people, so a name stored in it
        would credit every change to whoever initialised it: there the person is their
        own configured name, else their PostgreSQL login."""
        env = os.environ.get("INSPECTOR_USER")
        if env:
            return env
        if self.url is not None:
            with contextlib.ExitStack() as stack:
                if conn is None:
                    conn = stack.enter_context(self.read())
                return str(conn.execute("SELECT session_user").fetchone()[0])
        stored = self.get_meta("user_name", conn)
        if stored:
            return stored
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "unknown"


@contextlib.contextmanager
def _closing(conn: Conn) -> Iterator[Conn]:
    try:
        yield conn
    finally:
        conn.close()


def open_database(
    path: Path | str, *, create: bool = True, readonly: bool = False, upgrade: bool = True
) -> Database:
    """Open (or create) the database at `path` (a file, or a `postgresql://` URL),
    upgrading its schema if it is older.

    Raises `Problem` with one clear sentence for every way this can fail: a missing
    folder, a read-only file, a file that is not ours, a schema newer than this program.
    """
    if engines.is_url(path):
        return _open_url(str(path), create=create, readonly=readonly, upgrade=upgrade)
    path = Path(path)
    if not path.exists():
        if not create or readonly:
            raise Problem("db.missing", path=path)
        return _create(path)
    _check_file(path, readonly=readonly)
    if readonly:
        db = Database(path=path, readonly=True)
        with db.read() as conn:
            revision = migrate.current_revision(conn)
            _check_revision(path, revision, allow_older=True)
            db.replica_id = db.get_meta("replica_id", conn) or ""
        return db
    with _closing(connect_file(path)) as conn:
        revision = migrate.current_revision(conn)
        _check_revision(path, revision, allow_older=upgrade)
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode=WAL")
    if revision != migrate.HEAD:
        backup = backup_database(path, label=f"before-upgrade-{revision}")
        migrate.upgrade(path, backup=backup)
    db = Database(path=path)
    db.replica_id = db.get_meta("replica_id") or ""
    return db


def _check_file(path: Path, *, readonly: bool) -> None:
    if path.is_dir():
        raise Problem("db.is_directory", path=path)
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except PermissionError:
        raise Problem("db.unreadable", path=path) from None
    if header and header != SQLITE_MAGIC:
        raise Problem("db.not_sqlite", path=path)
    if not readonly and (not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)):
        raise Problem("db.read_only", path=path)


def _check_revision(path: object, revision: str | None, *, allow_older: bool) -> None:
    if revision is None:
        raise Problem("db.not_ours", path=path)
    if revision not in migrate.KNOWN:
        raise Problem("db.newer_schema", path=path, revision=revision)
    if revision != migrate.HEAD and not allow_older:
        raise Problem("db.needs_upgrade", path=path)


def _create(path: Path) -> Database:
    parent = path.parent
    if not parent.exists():
        if parent == locations.data_directory():
            locations.make_private_folder(parent)
        else:
            raise Problem("db.no_directory", path=parent)
    if not os.access(parent, os.W_OK):
        raise Problem("db.read_only_directory", path=parent)
    # Build under a temporary name and rename: a killed `init` leaves no half-made database.
    staging = path.with_name(path.name + ".creating")
    for leftover in (staging, *(staging.with_name(staging.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    # Owner-only from the first byte; SQLite gives the WAL and -shm files the same mode.
    locations.create_private_file(staging)
    with _closing(connect_file(staging)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
    migrate.upgrade(staging)
    replica_id = uuid7()
    with _closing(connect_file(staging)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        _seed_replica(conn, replica_id)
        conn.execute("COMMIT")
        # Fold the WAL back so the rename moves one complete file.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.replace(staging, path)
    for suffix in ("-wal", "-shm"):
        staging.with_name(staging.name + suffix).unlink(missing_ok=True)
    return Database(path=path, replica_id=replica_id)


def _seed_replica(conn: Conn, replica_id: str) -> None:
    """The rows a new replica starts with: its id, its clock, itself."""
    conn.execute(
        "INSERT INTO meta(key, value) VALUES ('replica_id', ?), ('hlc', '0'), ('created_at', ?)",
        (replica_id, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
    )
    # The flags are bound, not written as 1: PostgreSQL's booleans take an untyped 1
    # but refuse an integer literal.
    conn.execute(
        "INSERT INTO replica(id, name, role, is_self, trusted, first_seen, authority) "
        "VALUES (?, '', 'field', ?, ?, ?, 'self')",
        (replica_id, 1, 1, dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")),
    )


def named_database(url: str) -> Database:
    """The PostgreSQL database at `url`, named but not opened: nothing is imported or
    connected. The terminal UI draws its first frame with this and then opens it
    (`open_database`) in a thread: the driver's import and the connections took 90 ms,
    a third of the time to that first frame."""
    return Database(path=locations.url_home(url), url=url)


def _open_url(url: str, *, create: bool, readonly: bool, upgrade: bool) -> Database:
    """Open a PostgreSQL database; an empty one is made a replica when `create`.

    No backup before an upgrade: PostgreSQL runs the whole upgrade in one transaction, so
    a failed one leaves the old schema, and a server's backups are `pg_dump`'s business."""
    home = locations.url_home(url)
    shown = locations.display_url(url)
    try:
        conn = engines.connect_pg(url)
    except engines.DatabaseError as exc:
        raise Problem("db.pg_unreachable", url=shown, error=str(exc).splitlines()[0]) from exc
    with _closing(conn):
        revision = migrate.current_revision(conn)
        empty = revision is None and not migrate.has_tables(conn)
    if empty:
        if not create or readonly:
            raise Problem("db.missing", path=shown)
        migrate.upgrade(url)
        revision = migrate.HEAD
    _check_revision(shown, revision, allow_older=upgrade or readonly)
    if revision != migrate.HEAD and not readonly:
        migrate.upgrade(url)
    if not readonly:
        # A database brought to the schema by Alembic alone (a DBA's `upgrade head`, the
        # tests' template) becomes a replica the first time the program opens it.
        with _closing(engines.connect_pg(url)) as fresh:
            begin_immediate(fresh)
            if fresh.execute("SELECT 1 FROM meta WHERE key = 'replica_id'").fetchone() is None:
                _seed_replica(fresh, uuid7())
            commit(fresh)
    locations.make_private_folder(home.parent)
    db = Database(path=home, readonly=readonly, url=url)
    db.replica_id = db.get_meta("replica_id") or ""
    return db


def backup_database(path: Path, *, label: str) -> Path:
    """A consistent copy (VACUUM INTO) in the backups folder beside the database."""
    folder = locations.make_private_folder(locations.backup_directory(path))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-{stamp}-{label}.db"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{path.stem}-{stamp}-{label}-{n}.db"
    locations.create_private_file(target)  # VACUUM INTO fills an empty file as it is
    with _closing(connect_file(path)) as conn:
        conn.execute("VACUUM INTO ?", (str(target),))
    return target


def row_dicts(cursor: Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
