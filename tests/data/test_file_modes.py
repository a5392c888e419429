"""Files as private as what they hold (issue 11, item 5): a replica's database, its WAL
and shared-memory files, backups, photos, thumbnails and unencrypted bundles are made
owner-only whatever the umask, as the key and exports already were."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from inspector import locations
from tests.conftest import ledger_row, write_ledger

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """The common umask (022): with 077 every file would be private anyway, and the test
    would prove nothing."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_database_wal_backups_photos_and_thumbnails(tmp_path: Path) -> None:
    from inspector.data import photostore
    from inspector.data.db import backup_database, open_database
    from inspector.services.ledger import import_ledger
    from inspector.services.photos import thumbs

    path = tmp_path / "county.db"
    db = open_database(path)
    import_ledger(db, write_ledger(tmp_path / "l.csv", [ledger_row(1)]))
    with db.read() as conn:  # a reader keeps the WAL and -shm files in place
        conn.execute("SELECT COUNT(*) FROM outfall").fetchone()
        for name in ("county.db", "county.db-wal", "county.db-shm"):
            assert mode(tmp_path / name) == 0o600, name
    backup = backup_database(path, label="test")
    assert mode(backup) == 0o600
    assert mode(backup.parent) == 0o700
    sha, _ = photostore.store_chunks(path, [b"\xff\xd8 photo bytes \xff\xd9"])
    stored = photostore.path_of(path, sha)
    assert mode(stored) == 0o600
    assert mode(stored.parent) == mode(locations.photo_store(path)) == 0o700
    cached = thumbs.write_cached(path, sha, 64, b"thumbnail")
    assert mode(cached) == 0o600
    assert mode(cached.parent) == mode(locations.thumb_cache(path)) == 0o700


def test_an_unencrypted_bundle(tmp_path: Path) -> None:
    from inspector.data.db import open_database
    from inspector.services.ledger import import_ledger
    from inspector.services.replica import init_replica
    from inspector.services.sync.exchange import export_bundle

    db = open_database(tmp_path / "a.db")
    init_replica(db, name="武陟", role="county", region="410823")
    import_ledger(db, write_ledger(tmp_path / "l.csv", [ledger_row(1)]))
    bundle = tmp_path / "today.bundle"
    export_bundle(db, bundle, everything=True)
    assert mode(bundle) == 0o600


def test_init_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "data" / "county.db"
    db.parent.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.umask(0o022); from inspector.cli import main;"
         " sys.argv[0] = 'inspector'; main()",
         "--db", str(db), "init", "--name", "武陟", "--role", "county", "--region", "410823"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for name in ("county.db", "county.db.key"):
        assert mode(db.parent / name) == 0o600, name
    for name in ("county.db-wal", "county.db-shm"):
        if (db.parent / name).exists():
            assert mode(db.parent / name) == 0o600, name
