"""`inspector db copy` (issue 14 part 4): a replica moved from SQLite to PostgreSQL and
back is the same replica: same id and key, same operations, same ledger, and doctor
finds nothing wrong with either copy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from inspector import locations
from tests.conftest import ledger_row, run_inspector, write_ledger


def _doctor(target: str, env: dict[str, str] | None = None) -> None:
    result = run_inspector("--db", target, "doctor", "--full", "--no-backup", "--json", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def _ledger(target: str, out: Path) -> bytes:
    result = run_inspector("--db", target, "ledger", "export", str(out))
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def _identity(target: str) -> tuple[str, str, int, str]:
    from inspector.data.db import open_database

    db = open_database(target, create=False)
    try:
        with db.read() as conn:
            key = conn.execute("SELECT public_key FROM replica WHERE is_self = 1").fetchone()
            ops = conn.execute("SELECT COUNT(*) FROM op").fetchone()[0]
            vector = conn.execute(
                "SELECT origin, MAX(seq) FROM op GROUP BY origin ORDER BY origin"
            ).fetchall()
        return db.replica_id, str(key[0]), int(ops), repr([tuple(v) for v in vector])
    finally:
        db.dispose()


@pytest.mark.long
def test_copy_to_postgresql_and_back_is_the_same_replica(
    demo_db,
    pg_url: str,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    source = str(demo_db.path)
    demo_db.dispose()
    # The city's photo share: where a PostgreSQL replica's photos are kept.
    share = tmp_path / "share"
    env = {"INSPECTOR_PHOTOS": str(share)}
    result = run_inspector("db", "copy", source, pg_url, env=env)
    assert result.returncode == 0, result.stderr
    back = tmp_path / "back.db"
    result = run_inspector("db", "copy", pg_url, str(back), env=env)
    assert result.returncode == 0, result.stderr

    _doctor(pg_url, env)
    _doctor(str(back))
    original = _ledger(source, tmp_path / "a.csv")
    assert _ledger(pg_url, tmp_path / "b.csv") == original
    assert _ledger(str(back), tmp_path / "c.csv") == original
    ident = _identity(source)
    assert _identity(pg_url) == ident
    assert _identity(str(back)) == ident
    key = locations.key_file(demo_db.path).read_bytes()
    assert locations.key_file(locations.url_home(pg_url)).read_bytes() == key
    assert locations.key_file(back).read_bytes() == key
    photos = sorted(p.name for p in locations.photo_store(demo_db.path).rglob("*") if p.is_file())
    assert photos
    assert sorted(p.name for p in share.rglob("*") if p.is_file()) == photos
    assert sorted(p.name for p in locations.photo_store(back).rglob("*") if p.is_file()) == photos


def test_a_destination_in_use_is_refused_and_left_alone(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = str(demo_db.path)
    demo_db.dispose()
    other = tmp_path / "other.db"
    assert run_inspector("--db", str(other), "init", "--name", "x", "--role", "field",
                         "--region", "410800").returncode == 0  # fmt: skip
    before = other.read_bytes()
    result = run_inspector("db", "copy", source, str(other))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert other.read_bytes() == before


@pytest.mark.parametrize(
    ("column", "value", "because"),
    [
        ("notes", "排口\x00", "notes holds a NUL character (U+0000)"),
        ("name", "长" * 201, "name is longer than 200 characters"),
    ],
    ids=["NUL", "too long"],
)
def test_a_value_postgresql_cannot_store_is_named_and_nothing_is_copied(
    pg_url: str, tmp_path: Path, column: str, value: str, because: str
) -> None:
    """A laptop's file from before the program checked for these holds them; PostgreSQL
    refuses them: the copy stops naming the table, the row and the column."""
    laptop = tmp_path / "old.db"
    assert run_inspector("--db", str(laptop), "init", "--name", "焦作市局", "--role", "central",
                         "--region", "410800").returncode == 0  # fmt: skip
    assert run_inspector("--db", str(laptop), "ledger", "import",
                         str(write_ledger(tmp_path / "1.csv", [ledger_row(1)]))).returncode == 0  # fmt: skip
    with sqlite3.connect(laptop) as conn:
        (oid,) = conn.execute("SELECT id FROM outfall").fetchone()
        conn.execute(f"UPDATE outfall SET {column} = ? WHERE id = ?", (value, oid))
    result = run_inspector("db", "copy", str(laptop), pg_url)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    # After the tables' progress, one sentence.
    assert result.stderr.strip().splitlines()[-1] == (
        f"In table outfall, row {oid}: {because}, which PostgreSQL cannot store; nothing was copied"
    )
    with sqlite3.connect(laptop) as conn:
        conn.execute(f"UPDATE outfall SET {column} = 'x' WHERE id = ?", (oid,))
    assert run_inspector("db", "copy", str(laptop), pg_url).returncode == 0


def test_not_a_replica_and_unreachable_server_are_one_sentence(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    for args in (
        (str(plain), str(tmp_path / "x.db")),
        ("postgresql://nobody@127.0.0.1:1/none", str(tmp_path / "y.db")),
    ):
        result = run_inspector("db", "copy", *args)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (tmp_path / "x.db").exists()
    assert not (tmp_path / "y.db").exists()


@pytest.mark.long
def test_field_laptops_notice_nothing_and_a_used_database_is_refused(
    pg_url: str, tmp_path: Path
) -> None:
    central, laptop = tmp_path / "central.db", tmp_path / "laptop.db"

    def ok(target: Path | str, *args: str) -> None:
        result = run_inspector("--db", str(target), *args)
        assert result.returncode == 0, result.stdout + result.stderr

    ok(central, "init", "--name", "焦作市局", "--role", "central", "--region", "410800")
    ok(laptop, "init", "--name", "外业一组", "--role", "field", "--region", "410823")
    ok(central, "ledger", "import", str(write_ledger(tmp_path / "1.csv", [ledger_row(1)])))
    ok(central, "bundle", "export", str(tmp_path / "1.bundle"), "--all")
    ok(laptop, "bundle", "import", str(tmp_path / "1.bundle"), "--trust")

    ok(central, "db", "copy", str(central), pg_url)
    # The central record now lives on PostgreSQL and goes on working there.
    ok(pg_url, "ledger", "import", str(write_ledger(tmp_path / "2.csv", [ledger_row(2)])))
    ok(pg_url, "bundle", "export", str(tmp_path / "2.bundle"), "--all")
    # The laptop trusted the SQLite central record; the copy is the same one to it.
    ok(laptop, "bundle", "import", str(tmp_path / "2.bundle"))
    ok(laptop, "bundle", "export", str(tmp_path / "3.bundle"))
    ok(pg_url, "bundle", "import", str(tmp_path / "3.bundle"), "--trust")
    _doctor(pg_url)
    _doctor(str(laptop))

    before = _identity(pg_url)
    result = run_inspector("db", "copy", str(central), pg_url)
    assert result.returncode == 2
    assert pg_url.split("?")[0].split("/")[-1] in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _identity(pg_url) == before
