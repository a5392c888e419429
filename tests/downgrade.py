"""Take a SQLite database back to an older revision, as an earlier version left it (the
program itself only upgrades)."""

from __future__ import annotations

from pathlib import Path


def downgrade(path: Path, revision: str) -> None:
    from alembic import command
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    from inspector.data import migrate
    from inspector.data.db import connect_file

    engine = create_engine("sqlite://", creator=lambda: connect_file(path), poolclass=NullPool)

    @event.listens_for(engine, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    config = migrate.alembic_config()
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
    engine.dispose()
