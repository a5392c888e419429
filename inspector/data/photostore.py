"""The photo store: original bytes, byte for byte, named by their SHA-256.

Photos are evidence. A file enters the store under a temporary name, is flushed to disk,
and only then renamed to its hash, so a crash never leaves a half-written photo under a
real name; a file whose bytes do not hash to the expected value never gets one. Storing
the same photo twice is a no-op. Used by photo import and by sync bundles alike.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from inspector import locations
from inspector.i18n import Problem

CHUNK = 1 << 20
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class HashMismatch(Problem):
    """Bytes that do not hash to what they claim: never stored."""

    def __init__(self, expected: str, actual: str) -> None:
        super().__init__("photostore.hash_mismatch", expected=expected, actual=actual)


def is_sha256(text: str) -> bool:
    return bool(_SHA256.match(text))


def path_of(db: Path, sha256: str) -> Path:
    if not is_sha256(sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return locations.photo_file(db, sha256)


def has(db: Path, sha256: str) -> bool:
    return path_of(db, sha256).is_file()


def hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_dir(folder: Path) -> None:
    # Make the rename itself durable (POSIX); Windows has no directory handles for this.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def store_chunks(
    db: Path, chunks: Iterable[bytes], *, expected: str | None = None
) -> tuple[str, bool]:
    """Store bytes arriving in chunks. Returns (sha256, newly_stored).

    With `expected`, bytes that hash to anything else raise `HashMismatch` and leave
    nothing behind.
    """
    store = locations.make_private_folder(locations.photo_store(db))
    digest = hashlib.sha256()
    fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=store)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        if expected is not None and sha != expected:
            raise HashMismatch(expected, sha)
        target = path_of(db, sha)
        if target.is_file():
            return sha, False
        locations.make_private_folder(target.parent)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
        return sha, True
    finally:
        tmp.unlink(missing_ok=True)


def _read(fh: BinaryIO) -> Iterator[bytes]:
    while chunk := fh.read(CHUNK):
        yield chunk


def store_file(db: Path, source: Path, *, expected: str | None = None) -> tuple[str, bool]:
    """Copy a file into the store; the source is never modified. Returns (sha256, new)."""
    with source.open("rb") as fh:
        return store_chunks(db, _read(fh), expected=expected)


@contextlib.contextmanager
def open_photo(db: Path, sha256: str) -> Iterator[BinaryIO]:
    with path_of(db, sha256).open("rb") as fh:
        yield fh


def verify(db: Path, sha256: str) -> bool:
    """Whether the stored file still hashes to its name (evidence untouched)."""
    path = path_of(db, sha256)
    return path.is_file() and hash_file(path) == sha256


def stored_hashes(db: Path) -> Iterator[str]:
    store = locations.photo_store(db)
    if not store.is_dir():
        return
    for folder in sorted(store.iterdir()):
        if folder.is_dir() and len(folder.name) == 2:
            for path in sorted(folder.iterdir()):
                if is_sha256(path.name):
                    yield path.name


# -- staged arrivals (sync imports) ---------------------------------------------------------

_STAGING_PREFIX = ".incoming-bundle-"


def staging_folder(db: Path, label: str) -> Path:
    """A folder inside the store for the originals of one import, made on first use.

    An import writes its photos here before its transaction commits and moves them into
    the store after: a refused or failed import then leaves no file behind, and a crash
    between the commit and the move is finished by `recover_staged` (the next import or
    `doctor`), since the bundle's record says whether it committed."""
    return locations.photo_store(db) / f"{_STAGING_PREFIX}{label}"


def stage_chunks(folder: Path, chunks: Iterable[bytes], *, expected: str) -> None:
    """Write one original into a staging folder (temporary name, fsync, rename)."""
    if not is_sha256(expected):
        raise ValueError(f"not a SHA-256 hex digest: {expected!r}")
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, tmp_name = tempfile.mkstemp(prefix=".part-", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        if sha != expected:
            raise HashMismatch(expected, sha)
        os.replace(tmp, folder / sha)
    finally:
        tmp.unlink(missing_ok=True)


def publish_staged(db: Path, folder: Path) -> int:
    """Move staged originals into the store (after the import committed); returns how
    many were new. Removes the folder."""
    moved = 0
    if not folder.is_dir():
        return 0
    touched: set[Path] = set()
    for path in sorted(folder.iterdir()):
        if not is_sha256(path.name):
            path.unlink(missing_ok=True)
            continue
        target = path_of(db, path.name)
        if target.is_file():
            path.unlink()
            continue
        target.parent.mkdir(exist_ok=True)
        os.replace(path, target)
        touched.add(target.parent)
        moved += 1
    for parent in touched:
        _fsync_dir(parent)
    folder.rmdir()
    return moved


def discard_staged(folder: Path) -> None:
    """Remove a staging folder and whatever it holds (the import did not commit)."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        path.unlink(missing_ok=True)
    folder.rmdir()


def recover_staged(db: Path, committed: Callable[[str], bool]) -> None:
    """Finish or discard staging folders left by an import that was killed: published
    when its bundle committed (`committed(label)`), else removed."""
    store = locations.photo_store(db)
    if not store.is_dir():
        return
    for folder in store.iterdir():
        if folder.is_dir() and folder.name.startswith(_STAGING_PREFIX):
            label = folder.name[len(_STAGING_PREFIX) :]
            if committed(label):
                publish_staged(db, folder)
            else:
                discard_staged(folder)
