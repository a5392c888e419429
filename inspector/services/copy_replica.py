"""`inspector db copy`: the same replica (id, key, operations, photos) in another database.

A SQLite destination is built under a temporary name and renamed when complete; a
PostgreSQL one gets every row in one transaction. Either way a failure leaves nothing a
program would take for a replica.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from inspector import locations
from inspector.data import bulk, copy, migrate
from inspector.data import engine as engines
from inspector.data.commits import begin_immediate, rollback
from inspector.data.db import connect_file
from inspector.data.dialects import commit_checking_keys
from inspector.data.engine import Conn
from inspector.i18n import Problem

Progress = Callable[[str, int, int], None]


class CopyRefused(Problem):
    exit_code = 2


def _home(target: str) -> Path:
    return locations.url_home(target) if engines.is_url(target) else Path(target)


def _shown(target: str) -> str:
    return locations.display_url(target) if engines.is_url(target) else target


@contextlib.contextmanager
def _connect(target: str, *, readonly: bool) -> Iterator[Conn]:
    if engines.is_url(target):
        try:
            conn: Conn = engines.connect_pg(target, readonly=readonly)
        except engines.DatabaseError as exc:
            raise CopyRefused(
                "db.pg_unreachable", url=_shown(target), error=str(exc).splitlines()[0]
            ) from exc
    else:
        conn = connect_file(Path(target), readonly=readonly)
    try:
        yield conn
    finally:
        conn.close()


def _check_source(conn: Conn, shown: str) -> None:
    revision = migrate.current_revision(conn)
    if revision is None or not copy.is_replica(conn):
        raise CopyRefused("copy.not_replica", path=shown)
    if revision != migrate.HEAD:
        raise CopyRefused("copy.source_old", path=shown)


def copy_replica(source: str, dest: str, progress: Progress | None = None) -> dict[str, int]:
    """Copy the replica at `source` into `dest` (a new file or a blank PostgreSQL
    database); rows per table copied."""
    if not engines.is_url(source) and not Path(source).is_file():
        raise CopyRefused("db.missing", path=source)
    with _connect(source, readonly=True) as src:
        _check_source(src, _shown(source))
        if engines.is_url(dest):
            counts = _into_pg(src, dest, progress)
        else:
            counts = _into_file(src, Path(dest), progress)
    _copy_files(_home(source), _home(dest))
    return counts


def _into_pg(src: Conn, url: str, progress: Progress | None) -> dict[str, int]:
    shown = _shown(url)
    with _connect(url, readonly=False) as probe:
        revision = migrate.current_revision(probe)
        if revision is None and migrate.has_tables(probe):
            raise CopyRefused("copy.dest_not_empty", path=shown)
        if revision is not None and (revision != migrate.HEAD or not copy.is_blank(probe)):
            raise CopyRefused("copy.dest_not_empty", path=shown)
    if revision is None:
        migrate.upgrade(url)
    with _connect(url, readonly=False) as conn:
        return _fill(src, conn, progress, shown)


def _fill(src: Conn, conn: Conn, progress: Progress | None, shown: str) -> dict[str, int]:
    begin_immediate(conn)
    try:
        counts = copy.copy_rows(src, conn, copy.tables(conn), progress)
        bulk.rebuild_search(conn)
        if not commit_checking_keys(conn):
            raise CopyRefused("copy.keys_failed", path=shown)
    finally:
        if conn.in_transaction:
            rollback(conn)
    return counts


def _into_file(src: Conn, path: Path, progress: Progress | None) -> dict[str, int]:
    if path.exists():
        raise CopyRefused("copy.dest_not_empty", path=path)
    if not path.parent.is_dir():
        raise CopyRefused("db.no_directory", path=path.parent)
    staging = path.with_name(path.name + ".copying")
    leftovers = [staging.with_name(staging.name + s) for s in ("", "-wal", "-shm")]
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    locations.create_private_file(staging)
    try:
        with contextlib.closing(connect_file(staging)) as conn:
            copy.start_file(conn)
        migrate.upgrade(staging)
        with contextlib.closing(connect_file(staging)) as conn:
            counts = _fill(src, conn, progress, str(path))
            copy.fold_wal(conn)
        os.replace(staging, path)
    finally:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
    return counts


def _copy_files(src_home: Path, dest_home: Path) -> None:
    """The replica's key (same replica, same key) and its photos (named by their hash,
    so copying one already there changes nothing)."""
    key = locations.key_file(src_home)
    if key.is_file():
        target = locations.key_file(dest_home)
        locations.make_private_folder(target.parent)
        if not target.exists() or target.read_bytes() != key.read_bytes():
            shutil.copy2(key, target)
            target.chmod(0o600)
    store = locations.photo_store(src_home)
    if store.is_dir():
        dest_store = locations.make_private_folder(locations.photo_store(dest_home))
        for file in store.rglob("*"):
            if file.is_file():
                target = dest_store / file.relative_to(store)
                if not target.exists():
                    locations.make_private_folder(target.parent)
                    shutil.copy2(file, target)
