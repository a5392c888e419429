"""Rows that fill a table go in first and its indexes are built once after them
(`bulk.insert_then_index`, a new replica's first bundle), on both engines: the schema
ends as the migrations made it, the rows' foreign keys are still checked at commit, and a
parent still to come, or checks already pending, take the slower way instead of failing.
"""

from __future__ import annotations

from typing import Any

import pytest

from inspector.data import dialects
from inspector.data.bulk import insert_then_index
from inspector.data.commits import begin_immediate, rollback
from inspector.data.db import Database
from inspector.models import Owner, OwnerAssignment
from inspector.models.spec import spec_for
from inspector.services import register as reg
from tests.conftest import both_engines

pytestmark = both_engines

TABLE = "owner_assignment"
COLUMNS = spec_for(OwnerAssignment).columns
OUTFALL = {
    "county_code": "410825",
    "lat": 34.95,
    "lon": 113.05,
    "river": "蟒河",
    "category": "城镇雨洪排口",
}


@pytest.fixture
def assigned(db: Database) -> tuple[str, list[tuple[Any, ...]]]:
    """Five outfalls of one owner: the owner's id and the five assignment rows."""
    with db.write(actor="登记员") as w:
        owner = reg.find_or_create_owner(w, {"name": "温县某某食品有限公司"})
        for i in range(5):
            oid = reg.create_outfall(w, {**OUTFALL, "name": f"蟒河左岸{i + 1}#排口"})
            reg.assign_owner(w, oid, owner)
    return owner, _rows(db)


def _rows(
    db: Database, table: str = TABLE, columns: tuple[str, ...] = COLUMNS
) -> list[tuple[Any, ...]]:
    with db.read() as conn:
        return conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id").fetchall()


def _indexes(db: Database, table: str = TABLE) -> list[tuple[str, str]]:
    with db.read() as conn:
        return sorted(dialects.secondary_indexes(conn, (table,)))


def _analysed(conn: Any, table: str = TABLE) -> bool:
    """Whether the table has planner statistics: the quick way ends with them."""
    row = conn.execute("SELECT COUNT(*) FROM pg_stats WHERE tablename = ?", (table,)).fetchone()
    return bool(row[0])


def test_the_rows_go_in_and_the_indexes_end_as_they_were(db, assigned) -> None:  # type: ignore[no-untyped-def]
    _, rows = assigned
    indexes = _indexes(db)
    assert indexes, "the table has secondary indexes to drop and build again"
    with db.transaction() as conn:
        dialects.defer_foreign_keys(conn)
        conn.execute(f"DELETE FROM {TABLE}")
        insert_then_index(conn, TABLE, COLUMNS, rows)
        if db.dialect == "postgresql":
            assert _analysed(conn)
    assert _rows(db) == rows
    assert _indexes(db) == indexes


def test_a_parent_still_to_come_takes_the_slower_way(db, assigned) -> None:  # type: ignore[no-untyped-def]
    """The owner is written after its assignments, as a later batch would bring it: on
    PostgreSQL the early key check fails, and the savepoint puts the dropped indexes
    back before the rows go in the ordinary way."""
    owner, rows = assigned
    indexes = _indexes(db)
    with db.read() as conn:
        owner_columns = spec_for(Owner).columns
        owner_row = conn.execute(
            f"SELECT {', '.join(owner_columns)} FROM owner WHERE id = ?", (owner,)
        ).fetchone()
    with db.transaction() as conn:
        dialects.defer_foreign_keys(conn)
        conn.execute(f"DELETE FROM {TABLE}")
        conn.execute("DELETE FROM owner WHERE id = ?", (owner,))
        insert_then_index(conn, TABLE, COLUMNS, rows)
        if db.dialect == "postgresql":
            assert not _analysed(conn)
        dialects.insert_rows(conn, "owner", owner_columns, [owner_row])
    assert _rows(db) == rows
    assert _indexes(db) == indexes


def test_rows_written_earlier_in_the_transaction_are_checked_with_the_rest(db, assigned) -> None:  # type: ignore[no-untyped-def]
    _, rows = assigned
    indexes = _indexes(db)
    with db.transaction() as conn:
        dialects.defer_foreign_keys(conn)
        conn.execute(f"DELETE FROM {TABLE}")
        dialects.insert_rows(conn, TABLE, COLUMNS, rows[:1])
        insert_then_index(conn, TABLE, COLUMNS, rows[1:])
    assert _rows(db) == rows
    assert _indexes(db) == indexes


def test_checks_pending_on_the_table_as_a_parent_take_the_slower_way(db, assigned) -> None:  # type: ignore[no-untyped-def]
    """Deleting an owner that assignments point at leaves a check pending on the owner
    table itself (that nothing points at it by commit), which PostgreSQL's CREATE INDEX
    refuses ("object in use"): the owner goes back in the ordinary way."""
    columns = spec_for(Owner).columns
    indexes = _indexes(db, "owner")
    assert indexes
    owners = _rows(db, "owner", columns)
    with db.transaction() as conn:
        dialects.defer_foreign_keys(conn)
        conn.execute("DELETE FROM owner")
        insert_then_index(conn, "owner", columns, owners)
        if db.dialect == "postgresql":
            assert not _analysed(conn, "owner")
    assert _rows(db, "owner", columns) == owners
    assert _indexes(db, "owner") == indexes


def test_a_parent_that_never_comes_is_still_refused_at_commit(db, assigned) -> None:  # type: ignore[no-untyped-def]
    owner, rows = assigned
    with db.read() as conn:
        begin_immediate(conn)
        try:
            dialects.defer_foreign_keys(conn)
            conn.execute(f"DELETE FROM {TABLE}")
            conn.execute("DELETE FROM owner WHERE id = ?", (owner,))
            insert_then_index(conn, TABLE, COLUMNS, rows)
            assert dialects.commit_checking_keys(conn) is False
        finally:
            rollback(conn)
    assert _rows(db) == rows
