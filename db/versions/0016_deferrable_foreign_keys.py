"""Foreign keys that can wait for the commit on PostgreSQL, as SQLite's do (issue 14).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06

The writer, the merge, bulk imports and the migrations write the rows of one transaction
in whatever order they come (a bundle's operations are in log order, not in the order of
the tables' keys) and say `PRAGMA defer_foreign_keys=ON` on SQLite: every key is then
checked at commit. PostgreSQL defers only a constraint declared DEFERRABLE, and the chain
made them all NOT DEFERRABLE. Here every foreign key of the schema becomes DEFERRABLE
INITIALLY IMMEDIATE: checked per statement as before unless a transaction says `SET
CONSTRAINTS ALL DEFERRED` (`dialects.defer_foreign_keys`). They cannot be declared so in
0001 without changing SQLite's CREATE TABLE text, which the benchmarks' plans and the
recorded schema (tests/data/sqlite_schema_0013.txt) hold still.

Nothing changes on SQLite.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FOREIGN_KEYS = (
    "SELECT c.conrelid::regclass::text, c.conname FROM pg_constraint c "
    "JOIN pg_namespace n ON n.oid = c.connamespace "
    "WHERE c.contype = 'f' AND n.nspname = current_schema() ORDER BY 1, 2"
)


def _set_all(clause: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table, name in bind.exec_driver_sql(_FOREIGN_KEYS).fetchall():
        op.execute(f'ALTER TABLE {table} ALTER CONSTRAINT "{name}" {clause}')


def upgrade() -> None:
    _set_all("DEFERRABLE INITIALLY IMMEDIATE")


def downgrade() -> None:
    _set_all("NOT DEFERRABLE")
