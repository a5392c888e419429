"""Schema versions. Alembic (in `db/`) is the only thing that creates or changes tables.

`HEAD` and `KNOWN` are written out here so that opening an up-to-date database costs one
query instead of importing Alembic (~0.4 s); a test keeps them equal to Alembic's own view.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

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
)
HEAD = KNOWN[-1]


def current_revision(conn: sqlite3.Connection) -> str | None:
    """The database's Alembic revision, or None when it has no Alembic history at all."""
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return None if row is None else str(row[0])


def script_location() -> Path:
    from inspector.locations import package_resource

    return package_resource("db")


def alembic_config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location()))
    return config


def upgrade(path: Path, *, target: str = "head", backup: Path | None = None) -> None:
    """Run the migrations up to `target` on the database at `path` in one transaction.

    SQLite runs DDL transactionally, so a failed upgrade leaves the old schema in place;
    `backup` (made by the caller) is named in the error for the user's peace of mind.
    """
    from alembic import command
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    from inspector.data.db import connect_file

    engine = create_engine("sqlite://", creator=lambda: connect_file(path), poolclass=NullPool)

    # The raw connection is in autocommit mode; give SQLAlchemy real transactions.
    @event.listens_for(engine, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    config = alembic_config()
    try:
        with engine.begin() as conn:
            # Foreign keys are checked at commit, after batch table rebuilds have settled.
            conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            config.attributes["connection"] = conn
            command.upgrade(config, target)
    except Exception as exc:
        from inspector.i18n import Problem

        raise Problem(
            "db.upgrade_failed", path=path, error=str(exc).splitlines()[0], backup=backup or "-"
        ) from exc
    finally:
        engine.dispose()
