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


#: How a `--db` names a PostgreSQL database instead of a file.
URL_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def resolve_target(cli_value: str | None) -> Path | str:
    """`--db` first, then INSPECTOR_DB, then the user data directory: a file's path, or
    a `postgresql://` URL as given."""
    value = cli_value or os.environ.get("INSPECTOR_DB")
    if value and value.startswith(URL_SCHEMES):
        return value
    if value:
        return Path(value).expanduser()
    return default_database()


def resolve_database(cli_value: str | None) -> Path:
    """The file `--db` names, or for a PostgreSQL URL the name its key, photos and
    backups are kept beside (`url_home`)."""
    target = resolve_target(cli_value)
    return url_home(target) if isinstance(target, str) else target


def display_url(url: str) -> str:
    """`url` without its password, to show or log."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def url_home(url: str) -> Path:
    """Where a PostgreSQL replica's files live on this computer (its key, photos,
    thumbnails, backups): a name in the data directory made from the server and the
    database, never from the password. Its photos can be elsewhere: `photo_store`."""
    import re
    from urllib.parse import parse_qs, urlsplit

    parts = urlsplit(url)
    query = parse_qs(parts.query)
    host = parts.hostname or query.get("host", ["local"])[0]
    port = parts.port or query.get("port", ["5432"])[0]
    name = parts.path.lstrip("/") or parts.username or "postgres"
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{name}@{host}_{port}").strip("_")
    return data_directory() / "postgresql" / stem


def _sibling(db: Path, suffix: str) -> Path:
    return db.with_name(db.name + suffix)


def key_file(db: Path) -> Path:
    """The replica's Ed25519 private key (readable by its owner only)."""
    return _sibling(db, ".key")


def photo_store(db: Path) -> Path:
    """A SQLite replica's photos are beside its file. A PostgreSQL replica's are in the
    folder the city names in INSPECTOR_PHOTOS (a network share every office computer
    mounts), never in the database; without it, in this computer's own folder for it."""
    shared = os.environ.get("INSPECTOR_PHOTOS")
    if shared and db.parent == data_directory() / "postgresql":
        return Path(shared).expanduser()
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
