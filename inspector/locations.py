"""Where things live. One `--db` path names one complete replica: its key, photos and
backups sit beside it, so copying that folder copies the whole replica."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "outfall-inspector"


def data_directory() -> Path:
    # platformdirs is small, but `inspector --help` must not import anything it does not need.
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_database() -> Path:
    return data_directory() / "inspector.db"


def demo_database() -> Path:
    return data_directory() / "demo.db"


def resolve_database(cli_value: str | None) -> Path:
    """`--db` first, then INSPECTOR_DB, then the user data directory."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("INSPECTOR_DB")
    if env:
        return Path(env).expanduser()
    return default_database()


def _sibling(db: Path, suffix: str) -> Path:
    return db.with_name(db.name + suffix)


def key_file(db: Path) -> Path:
    """The replica's Ed25519 private key (readable by its owner only)."""
    return _sibling(db, ".key")


def photo_store(db: Path) -> Path:
    return _sibling(db, ".photos")


def photo_file(db: Path, sha256: str) -> Path:
    """Where a photo's original bytes are kept: named by their SHA-256 (the photo's
    identity), fanned out by its first two hex digits. Photos and sync both use this."""
    return photo_store(db) / sha256[:2] / sha256


def thumb_cache(db: Path) -> Path:
    """Thumbnails made from the photo store: derived, deletable, never evidence."""
    return _sibling(db, ".thumbs")


def backup_directory(db: Path) -> Path:
    return _sibling(db, ".backups")


def demo_walk(db: Path) -> Path:
    """The recorded NMEA walk the demo ships beside its database (a receiver to replay)."""
    return _sibling(db, ".walk.nmea")


def package_resource(name: str) -> Path:
    """A top-level folder (`db` or `assets`) shipped inside the wheel.

    In a wheel install they sit in the package as `_db` and `_assets`; in a source
    checkout (editable install, tests) they are the repository's own folders.
    """
    here = Path(__file__).resolve().parent
    shipped = here / f"_{name}"
    if shipped.is_dir():
        return shipped
    return here.parent / name


# -- owner only --------------------------------------------------------------------------
# A replica holds owners' names and phone numbers: its database, the database's WAL and
# shared-memory files (SQLite gives them the database file's mode), its backups, photos,
# thumbnails and unencrypted bundles are readable by their owner only, whatever the
# umask. Folders the program makes are 0700; folders that already exist are left alone.


def make_private_folder(path: Path) -> Path:
    """`path` as a folder, every part of it that is missing made owner-only (0700)."""
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made meanwhile (another worker): it was made by the same rule
        os.chmod(folder, 0o700)  # mkdir's mode is narrowed by the umask, never widened
    return path


def create_private_file(path: Path) -> None:
    """An empty file at `path`, owner-only (0600), for SQLite or a writer to fill; an
    existing file is emptied and made owner-only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        if hasattr(os, "fchmod"):  # POSIX; Windows has no such modes
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
