"""Alembic environment: migrations run on a connection the program hands over.

Developers can also run Alembic directly on a file or a PostgreSQL database:
    alembic -c db/alembic.ini -x db=path/to/file.db upgrade head
    alembic -c db/alembic.ini -x db=postgresql+psycopg://user@host/name upgrade head

One chain serves both engines. A migration branches on `op.get_bind().dialect.name`
only where a construct has no portable form (FTS5, json_each, a boolean compared with
an integer...), and SQLite always gets exactly what it got before PostgreSQL was added
(tests/data/test_schema_engines.py holds both to that).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

import inspector.models as models

config = context.config
target_metadata = models.metadata


def _configure(connection) -> None:  # type: ignore[no-untyped-def]
    if connection.dialect.name == "sqlite":
        # A batch rebuild renames a copy over the table; modern SQLite then re-checks
        # every view naming it (signage_finding names inspection) while the table is
        # briefly absent, and refuses. The legacy rename leaves views alone; they name
        # the table, which exists again once the rename is done.
        connection.exec_driver_sql("PRAGMA legacy_alter_table=ON")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        # SQLite can barely ALTER: Alembic rebuilds tables ("move and copy") instead.
        render_as_batch=True,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        context.run_migrations()
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA legacy_alter_table=OFF")
        return
    path = context.get_x_argument(as_dictionary=True).get("db")
    if not path:
        raise SystemExit(
            "give the database: alembic -c db/alembic.ini -x db=FILE|postgresql+psycopg://..."
        )
    url = path if "://" in path else f"sqlite:///{path}"
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as conn:
        _configure(conn)
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
run_migrations_online()
