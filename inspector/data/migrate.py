"""Schema versions. Alembic (in `db/`) is the only thing that creates or changes tables.

`HEAD` and `KNOWN` are written out here so that opening an up-to-date database costs one
query instead of importing Alembic (~0.4 s); a test keeps them equal to Alembic's own view.
"""

from __future__ import annotations

from pathlib import Path

from inspector.data.engine import Conn, DatabaseError

#: Every revision this program knows, oldest first; the last is the head.
KNOWN: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0010",
    "0011",
    "0012",
    "0013",
    "0014",
    "0015",
    "0016",
    "0017",
)
HEAD = KNOWN[-1]


def current_revision(conn: Conn) -> str | None:
    """The database's Alembic revision, or None when it has no Alembic history at all."""
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except DatabaseError:
        return None
    return None if row is None else str(row[0])


def has_tables(conn: Conn) -> bool:
    """Whether a PostgreSQL database holds any table of its own (one that does is not
    made a replica, lest `init` fill somebody else's database)."""
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema'))"
    ).fetchone()
    return bool(row[0])


def script_location() -> Path:
    from inspector.locations import package_resource

    return package_resource("db")


def alembic_config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location()))
    return config


def upgrade(path: Path | str, *, target: str = "head", backup: Path | None = None) -> None:
    """Run the migrations up to `target` on the database at `path` (a file or a
    `postgresql://` URL) in one transaction.

    Both engines run DDL transactionally, so a failed upgrade leaves the old schema in
    place; `backup` (made by the caller, SQLite only) is named in the error for the
    user's peace of mind.
    """
    from alembic import command
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    from inspector.data import engine as engines
    from inspector.data.db import connect_file

    shown: object = path
    if engines.is_url(path):
        from inspector.locations import display_url

        shown = display_url(str(path))
        engine = create_engine(engines.sqlalchemy_url(str(path)), poolclass=NullPool)
        # Rows a migration moves may meet their parents later in the transaction, as
        # SQLite's defer_foreign_keys allows; only DEFERRABLE keys (0016 on) wait.
        defer = "SET CONSTRAINTS ALL DEFERRED"
    else:
        file = Path(path)
        engine = create_engine("sqlite://", creator=lambda: connect_file(file), poolclass=NullPool)

        # The raw connection is in autocommit mode; give SQLAlchemy real transactions.
        @event.listens_for(engine, "begin")
        def _begin(conn):  # type: ignore[no-untyped-def]
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        # Foreign keys are checked at commit, after batch table rebuilds have settled.
        defer = "PRAGMA defer_foreign_keys=ON"

    config = alembic_config()
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(defer)
            config.attributes["connection"] = conn
            command.upgrade(config, target)
    except Exception as exc:
        from inspector.i18n import Problem

        raise Problem(
            "db.upgrade_failed", path=shown, error=str(exc).splitlines()[0], backup=backup or "-"
        ) from exc
    finally:
        engine.dispose()
