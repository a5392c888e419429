"""One Alembic chain for both engines (issue 14): it creates, upgrades and downgrades a
PostgreSQL database as it does a SQLite file, the two schemas have the same tables,
columns, keys and indexes, and SQLite gets exactly the schema it got before PostgreSQL
was added."""

from __future__ import annotations

import ast
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

from inspector.data import migrate
from inspector.data.db import connect_file
from tests.pg import Database

GOLDEN_REVISION = "0013"
GOLDEN = Path(__file__).with_name("sqlite_schema_0013.txt")
#: SQLite's full-text index (FTS5) and the tables it keeps for itself. PostgreSQL gets
#: the documents (outfall_search_doc) and, with the search, an index of its own.
SQLITE_ONLY = {
    "outfall_search",
    "outfall_search_config",
    "outfall_search_data",
    "outfall_search_docsize",
    "outfall_search_idx",
}


@dataclass
class Target:
    """An empty database of one engine, and how to run Alembic on it."""

    dialect: str
    engine: Engine

    def alembic(self, action: str, revision: str) -> None:
        from alembic import command

        config = migrate.alembic_config()
        with self.engine.begin() as conn:
            if self.dialect == "sqlite":
                # As the program does (migrate.upgrade): batch rebuilds may leave foreign
                # keys dangling until the end of the transaction.
                conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            config.attributes["connection"] = conn
            getattr(command, action)(config, revision)


def _sqlite_target(path: Path) -> Target:
    connect_file(path).close()
    engine = sa.create_engine("sqlite://", creator=lambda: connect_file(path), poolclass=NullPool)

    # The program's connections are in autocommit mode: give SQLAlchemy real
    # transactions, taken for writing at once, as migrate.upgrade does.
    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return Target("sqlite", engine)


def _pg_target(database: Database) -> Target:
    return Target("postgresql", sa.create_engine(database.url, poolclass=NullPool))


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Target]:
    target = _sqlite_target(tmp_path / "schema.db")
    yield target
    target.engine.dispose()


@pytest.fixture
def pg_db(pg_database: Database) -> Iterator[Target]:
    target = _pg_target(pg_database)
    yield target
    target.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest) -> Target:
    """An empty database of each engine in turn."""
    name = "sqlite_db" if request.param == "sqlite" else "pg_db"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


# -- SQLite is unchanged ------------------------------------------------------------------


def sqlite_schema_text(path: Path) -> str:
    """Every object SQLite holds, with the SQL that made it: one line each.

    Foreign keys of a table rebuilt by a batch migration come back in an order that
    varies from run to run (SQLAlchemy reflects them into a set), so within each
    CREATE TABLE they are listed sorted; everything else is as SQLite stored it."""
    import sqlite3

    lines = []
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY 1, 2")
        for kind, name, table, sql in rows:
            if kind == "table" and sql:
                parts = sql.split(", \n\t")
                keys = sorted(p.rstrip(")\n") for p in parts if p.startswith("FOREIGN KEY"))
                rest = [p for p in parts if not p.startswith("FOREIGN KEY")]
                sql = ", \n\t".join(rest) + "".join(f" | {k}" for k in keys)
            lines.append(repr((kind, name, table, sql)))
    conn.close()
    return "\n".join(lines) + "\n"


def test_sqlite_gets_the_schema_it_always_got(tmp_path: Path) -> None:
    """Making the migrations portable changed nothing SQLite gets: the schema at
    revision 0013 is the one main's migrations made before PostgreSQL was added
    (recorded in sqlite_schema_0013.txt by running them; regenerate it only for a
    change that is meant to alter SQLite's schema, which an old migration never is)."""
    path = tmp_path / "golden.db"
    connect_file(path).close()
    migrate.upgrade(path, target=GOLDEN_REVISION)
    got = sqlite_schema_text(path)
    want = GOLDEN.read_text(encoding="utf-8")
    assert got.splitlines() == want.splitlines()
    # The file is what it says: one object per line, all of them.
    assert all(ast.literal_eval(line)[0] in {"table", "index", "view"} for line in got.splitlines())


# -- PostgreSQL -----------------------------------------------------------------------------


def test_postgresql_upgrades_to_head(pg_db: Target) -> None:
    pg_db.alembic("upgrade", "head")
    with pg_db.engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT version_num FROM alembic_version")) == migrate.HEAD
        assert int(conn.scalar(sa.text("SHOW server_version_num"))) >= 150000


def _kind(column_type: sa.types.TypeEngine[Any]) -> tuple[str, int | None]:
    """What a column holds, said the same way for both engines' reflected types."""
    for kind, generic in (
        ("bool", sa.Boolean),
        ("int", sa.Integer),
        ("float", sa.Float),
        ("datetime", sa.DateTime),
        ("date", sa.Date),
        ("json", sa.JSON),
    ):
        if isinstance(column_type, generic):
            return kind, None
    if isinstance(column_type, sa.String):
        return "str", column_type.length
    raise AssertionError(f"no kind for {column_type!r}")


def schema_of(engine: Engine) -> dict[str, Any]:
    """Tables (columns, primary key, foreign keys, unique constraints, indexes) and
    views, in terms both engines share. Reflected all tables at once: table by table,
    PostgreSQL answers a few hundred catalogue queries."""
    from sqlalchemy.engine.reflection import ObjectKind

    inspector = sa.inspect(engine)
    columns = inspector.get_multi_columns()
    pks = inspector.get_multi_pk_constraint()
    fks = inspector.get_multi_foreign_keys()
    uniques = inspector.get_multi_unique_constraints()
    indexes = inspector.get_multi_indexes()
    tables: dict[str, Any] = {}
    for key in columns:
        if key[1] in SQLITE_ONLY:
            continue
        tables[key[1]] = {
            "columns": {
                c["name"]: (_kind(c["type"]), c["nullable"], c.get("computed") is not None)
                for c in columns[key]
            },
            "primary_key": pks[key]["constrained_columns"],
            "foreign_keys": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]))
                for f in fks[key]
            ),
            "unique": sorted(tuple(u["column_names"]) for u in uniques[key]),
            "indexes": {
                i["name"]: (tuple(i["column_names"]), bool(i["unique"]))
                for i in indexes[key]
                if not i.get("duplicates_constraint")
            },
        }
    views = {
        key[1]: [c["name"] for c in view]
        for key, view in inspector.get_multi_columns(kind=ObjectKind.VIEW).items()
    }
    return {"tables": tables, "views": views}


def test_both_engines_get_the_same_schema(sqlite_db: Target, pg_db: Target) -> None:
    sqlite_db.alembic("upgrade", "head")
    pg_db.alembic("upgrade", "head")
    sqlite_schema, pg_schema = schema_of(sqlite_db.engine), schema_of(pg_db.engine)
    assert "outfall" in sqlite_schema["tables"]
    assert "signage_finding" in sqlite_schema["views"]
    for table in sorted(set(sqlite_schema["tables"]) | set(pg_schema["tables"])):
        assert pg_schema["tables"].get(table) == sqlite_schema["tables"].get(table), table
    assert pg_schema["views"] == sqlite_schema["views"]


def test_postgresql_integers_hold_what_sqlite_integers_hold(pg_db: Target) -> None:
    """SQLite's INTEGER is 64-bit and the program stores clock values (a millisecond
    time shifted 16 bits) in it; a 32-bit PostgreSQL integer would refuse them. Times
    keep their offset (timestamptz), as the program's UTC datetimes need."""
    pg_db.alembic("upgrade", "head")
    with pg_db.engine.connect() as conn:
        narrow = conn.execute(
            sa.text(
                "SELECT c.table_name || '.' || c.column_name || ' ' || c.data_type"
                " FROM information_schema.columns c JOIN information_schema.tables t"
                " USING (table_schema, table_name)"
                " WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'"
                " AND c.data_type IN ('integer', 'smallint', 'timestamp without time zone')"
            )
        ).scalars()
        assert sorted(narrow) == []


def test_the_live_register_index_is_partial_on_both_engines(pg_db: Target) -> None:
    pg_db.alembic("upgrade", "head")
    with pg_db.engine.connect() as conn:
        definition = conn.scalar(
            sa.text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_outfall_live_groups'")
        )
    assert definition.endswith("WHERE (NOT deleted)")


# -- Downgrade ------------------------------------------------------------------------------


def test_the_chain_goes_down_to_nothing_and_up_again(any_db: Target) -> None:
    any_db.alembic("upgrade", "head")
    before = schema_of(any_db.engine)
    any_db.alembic("downgrade", "base")
    left = set(sa.inspect(any_db.engine).get_table_names()) - {"alembic_version"}
    assert left == set()
    any_db.alembic("upgrade", "head")
    assert schema_of(any_db.engine) == before


# -- What the migrations write ----------------------------------------------------------------


def _rows(engine: Engine, table: str, key: str) -> list[dict[str, Any]]:
    """Every row of `table`, its JSON read as JSON (SQLite hands back the text)."""
    meta = sa.MetaData()
    reflected = sa.Table(table, meta, autoload_with=engine)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(sa.select(reflected).order_by(key))]
    for row in rows:
        for name, value in row.items():
            if isinstance(value, str) and value[:1] in "[{":
                row[name] = json.loads(value)
    return rows


def test_reference_data_is_the_same_on_both_engines(sqlite_db: Target, pg_db: Target) -> None:
    sqlite_db.alembic("upgrade", "head")
    pg_db.alembic("upgrade", "head")
    for table, key in (("region", "code"), ("river", "name"), ("target", "id")):
        on_sqlite, on_pg = _rows(sqlite_db.engine, table, key), _rows(pg_db.engine, table, key)
        assert on_sqlite, table
        assert on_pg == on_sqlite, table
    backstops = [r for r in _rows(pg_db.engine, "region", "code") if r["backstop_body"]]
    assert len(backstops) == 19


def _insert(conn: sa.Connection, table: str, **values: Any) -> None:
    """A row of `table` with `values`, every other required column given a plain value
    of its kind: the view and migration tests care only about the columns they name."""
    reflected = sa.Table(table, sa.MetaData(), autoload_with=conn)
    plain: dict[str, Any] = {
        "bool": False,
        "int": 0,
        "float": 0.0,
        "datetime": dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
        "date": dt.date(2026, 3, 1),
        "json": [],
        "str": "x",
    }
    row = {
        c.name: plain[_kind(c.type)[0]]
        for c in reflected.columns
        if not c.nullable and c.server_default is None and c.computed is None
    }
    row.update(values)
    conn.execute(reflected.insert().values(**row))


def test_signage_findings_are_the_same_on_both_engines(sqlite_db: Target, pg_db: Target) -> None:
    """The view (json_each on SQLite, json_array_elements_text on PostgreSQL) finds the
    same things: a damaged sign and each required item a sign lacks; nothing for a
    deleted inspection or a complete sign."""
    everything = ["name", "code", "type", "owner", "authority", "phone", "qr"]
    found = {}
    for target in (sqlite_db, pg_db):
        target.alembic("upgrade", "head")
        with target.engine.begin() as conn:
            _insert(conn, "outfall", id="o1")
            for inspection, signage, items, deleted in (
                ("i-damaged", "damaged", ["name", "code", "type", "owner", "authority"], False),
                ("i-complete", "present", everything, False),
                ("i-absent", "absent", [], False),
                ("i-deleted", "present", [], True),
            ):
                _insert(
                    conn,
                    "inspection",
                    id=inspection,
                    outfall_id="o1",
                    signage=signage,
                    signage_items=items,
                    deleted=deleted,
                )
            found[target.dialect] = sorted(
                tuple(r)
                for r in conn.execute(
                    sa.text("SELECT inspection_id, finding, item, position FROM signage_finding")
                )
            )
    assert found["postgresql"] == found["sqlite"]
    assert ("i-damaged", "item_missing", "phone", 5) in found["sqlite"]
    assert ("i-damaged", "sign_damaged", None, -1) in found["sqlite"]
    assert ("i-absent", "sign_absent", None, -1) in found["sqlite"]
    assert not [f for f in found["sqlite"] if f[0] in ("i-complete", "i-deleted")]


def test_trust_records_migrate_alike_on_both_engines(any_db: Target) -> None:
    """0008 decides who vouched for each known replica from its booleans."""
    any_db.alembic("upgrade", "0007")
    with any_db.engine.begin() as conn:
        for replica, is_self, trusted in (
            ("me", True, True),
            ("accepted", False, True),
            ("pinned", False, False),
        ):
            _insert(
                conn,
                "replica",
                id=replica,
                is_self=is_self,
                trusted=trusted,
                public_key="ab" * 32,
            )
    any_db.alembic("upgrade", "0008")
    with any_db.engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT id, authority, public_key IS NULL FROM replica ORDER BY id")
        ).all()
    assert [tuple(r) for r in rows] == [
        ("accepted", "person", False),
        ("me", "self", False),
        ("pinned", None, True),
    ]


def test_every_foreign_key_on_postgresql_can_wait_for_the_commit(pg_db: Target) -> None:
    """0016: SET CONSTRAINTS ALL DEFERRED (where SQLite says defer_foreign_keys) reaches
    every key, and a downgrade puts them back."""
    pg_db.alembic("upgrade", "head")
    query = (
        "SELECT c.conname, c.condeferrable, c.condeferred FROM pg_constraint c "
        "WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace"
    )
    with pg_db.engine.connect() as conn:
        keys = conn.exec_driver_sql(query).fetchall()
    assert keys
    assert all(deferrable and not deferred for _, deferrable, deferred in keys)
    pg_db.alembic("downgrade", "0015")
    with pg_db.engine.connect() as conn:
        assert not any(d for _, d, _ in conn.exec_driver_sql(query).fetchall())
