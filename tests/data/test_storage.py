"""Storage: databases are made and upgraded only by Alembic, with a backup first."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from inspector import locations
from inspector.data import migrate
from inspector.data.db import connect_file, open_database
from inspector.i18n import Problem

REPO = Path(__file__).resolve().parents[2]


def test_new_database_is_migrated_wal_and_strict(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.db")
    with db.read() as conn:
        assert migrate.current_revision(conn) == migrate.HEAD
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert (
            conn.execute("SELECT COUNT(*) FROM region WHERE parent_code='410800'").fetchone()[0]
            == 11
        )
        assert (
            conn.execute("SELECT COUNT(*) FROM region WHERE parent_code='411200'").fetchone()[0]
            == 6
        )
        assert (
            conn.execute("SELECT regions FROM river WHERE name='沁河'")
            .fetchone()[0]
            .startswith('["410882"')
        )
    assert db.replica_id
    assert not (tmp_path / "new.db.creating").exists()


def test_known_revisions_are_alembics_own() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert script.get_current_head() == migrate.HEAD
    assert [r.revision for r in reversed(list(script.walk_revisions()))] == list(migrate.KNOWN)


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    """Autogenerate against a migrated database finds nothing to do."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine

    import inspector.models as models

    db = open_database(tmp_path / "check.db")
    engine = create_engine(f"sqlite:///{db.path}")
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = [
            d for d in compare_metadata(context, models.metadata) if "outfall_search" not in str(d)
        ]
    engine.dispose()
    assert diff == []


def test_upgrade_of_an_older_database_makes_a_backup_first(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = connect_file(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    migrate.upgrade(path, target="0001")
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO meta(key, value) VALUES ('replica_id', 'r1'), ('marker', 'kept')")
        assert raw.execute("SELECT COUNT(*) FROM region").fetchone()[0] == 0
    db = open_database(path)
    with db.read() as conn:
        assert migrate.current_revision(conn) == migrate.HEAD
        assert conn.execute("SELECT value FROM meta WHERE key='marker'").fetchone()[0] == "kept"
        assert conn.execute("SELECT COUNT(*) FROM region").fetchone()[0] > 0
    backups = list(locations.backup_directory(path).glob("*.db"))
    assert len(backups) == 1
    assert "before-upgrade-0001" in backups[0].name
    with sqlite3.connect(backups[0]) as raw:
        assert migrate.current_revision(raw) == "0001"
        assert raw.execute("SELECT value FROM meta WHERE key='marker'").fetchone()[0] == "kept"


def test_failed_upgrade_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    connect_file(path).close()
    migrate.upgrade(path, target="0001")
    # Make the reference-data migration fail half-way: a region that is already there.
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO region(code, name_zh, name_en, level, local) VALUES ('411202', 'x', 'x', 'county', 0)"
        )
    with pytest.raises(Problem) as caught:
        open_database(path)
    assert caught.value.key == "db.upgrade_failed"
    with sqlite3.connect(path) as raw:
        assert migrate.current_revision(raw) == "0001"
        assert raw.execute("SELECT COUNT(*) FROM region").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("setup", "key"),
    [
        ("missing_dir", "db.no_directory"),
        ("not_sqlite", "db.not_sqlite"),
        ("foreign_sqlite", "db.not_ours"),
        ("newer", "db.newer_schema"),
        ("directory", "db.is_directory"),
    ],
)
def test_bad_database_paths_say_so(tmp_path: Path, setup: str, key: str) -> None:
    path = tmp_path / "x.db"
    if setup == "missing_dir":
        path = tmp_path / "nowhere" / "x.db"
    elif setup == "not_sqlite":
        path.write_text("排污口编码,名称\n", encoding="utf-8")
    elif setup == "foreign_sqlite":
        with sqlite3.connect(path) as raw:
            raw.execute("CREATE TABLE t (x)")
    elif setup == "newer":
        open_database(path)
        with sqlite3.connect(path) as raw:
            raw.execute("UPDATE alembic_version SET version_num='9999'")
    elif setup == "directory":
        path.mkdir()
    with pytest.raises(Problem) as caught:
        open_database(path)
    assert caught.value.key == key


def test_read_only_database_can_still_be_read(tmp_path: Path) -> None:
    open_database(tmp_path / "ro.db")
    db = open_database(tmp_path / "ro.db", readonly=True)
    with db.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM region").fetchone()[0] > 0
    with pytest.raises(Problem) as caught, db.write():
        pass
    assert caught.value.key == "db.read_only"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    return next(out.glob("*.whl"))


def test_wheel_carries_migrations_reference_data_and_assets(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for rev in migrate.KNOWN:
        assert any(n.startswith(f"inspector/_db/versions/{rev}_") for n in names), rev
    assert "inspector/_db/env.py" in names
    assert "inspector/_db/reference/jiaozuo.json" in names
    assert "inspector/_assets/demo/jiaozuo.json" in names


def test_installed_wheel_creates_and_upgrades_a_database(wheel: Path, tmp_path: Path) -> None:
    """A non-editable install: the package unpacked where the source tree is invisible."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    old = tmp_path / "old.db"
    script = (
        "import sys, sqlite3\n"
        "from pathlib import Path\n"
        "import inspector\n"
        f"assert inspector.__file__.startswith({str(site)!r}), inspector.__file__\n"
        "from inspector.data import migrate\n"
        "from inspector.data.db import open_database, connect_file\n"
        f"db = open_database(Path({str(tmp_path / 'new.db')!r}))\n"
        f"connect_file(Path({str(old)!r})).close()\n"
        f"migrate.upgrade(Path({str(old)!r}), target='0001')\n"
        f"db2 = open_database(Path({str(old)!r}))\n"
        "with db2.read() as c: print(c.execute('select count(*) from river').fetchone()[0])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) == 15
    shutil.rmtree(site)
