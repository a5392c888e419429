"""One file in: read once, hash, check it is a photo we accept, read its EXIF, make its
thumbnail, and keep the original byte for byte in the photo store.

Runs in worker processes (see `importer`), so it returns plain picklable data and never
touches the write path. A file already known to the database is only hashed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector.data import photostore
from inspector.data.engine import Conn
from inspector.data.photos import photo_exists
from inspector.services.photos import thumbs
from inspector.services.photos.exif import PhotoMeta, read_metadata
from inspector.services.photos.formats import BadPhoto, open_image, read_limited


@dataclass(frozen=True)
class Analysis:
    """What a photo's bytes say, before anything is stored."""

    sha256: str
    format: str
    width: int
    height: int
    meta: PhotoMeta
    thumbnail: bytes
    """The upright JPEG thumbnail (THUMB_SIZE), ready for the cache."""


@dataclass(frozen=True)
class Ingested:
    path: str
    sha256: str
    size_bytes: int
    format: str
    width: int
    height: int
    meta: PhotoMeta


@dataclass(frozen=True)
class Known:
    """A photo the database already holds (its original restored to the store if missing)."""

    path: str
    sha256: str
    restored: bool = False


@dataclass(frozen=True)
class Rejected:
    path: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)


Outcome = Ingested | Known | Rejected


def analyse(
    data: bytes, *, sha256: str | None = None, thumb_size: int = thumbs.THUMB_SIZE
) -> Analysis:
    """Hash (unless given), EXIF and thumbnail of a photo's bytes. Raises BadPhoto."""
    sha = sha256 or hashlib.sha256(data).hexdigest()
    image, fmt = open_image(data)
    with image:
        width, height = image.size
        meta = read_metadata(image)
        small = thumbs.shrink(image, size=thumb_size, orientation=meta.orientation)
        # Encoded before the image closes: `small` may be the image itself.
        encoded = thumbs.encode_jpeg(small)
    return Analysis(sha, fmt, width, height, meta, encoded)


class Ingester:
    """Ingests files into one database's photo store; one per worker process."""

    def __init__(self, db_path: Path, url: str | None = None) -> None:
        self.db_path = Path(db_path)
        #: A PostgreSQL replica's database; its `db_path` only names where its files are.
        self.url = url
        self._conn: Conn | None = None

    def _known(self, sha: str) -> bool:
        if self._conn is None:
            from inspector.data.db import Database

            self._conn = Database(path=self.db_path, readonly=True, url=self.url).connect()
        return photo_exists(self._conn, photo_id=sha)

    def ingest(self, path: Path) -> Outcome:
        name = str(path)
        try:
            data = read_limited(path)
        except BadPhoto as bad:
            return Rejected(name, bad.code, bad.params)
        except OSError as exc:
            return Rejected(name, "unreadable", {"error": exc.strerror or str(exc)})
        sha = hashlib.sha256(data).hexdigest()
        if self._known(sha):
            restored = False
            if not photostore.has(self.db_path, sha):
                photostore.store_chunks(self.db_path, [data], expected=sha)
                restored = True
            return Known(name, sha, restored)
        try:
            analysis = analyse(data, sha256=sha)
        except BadPhoto as bad:
            return Rejected(name, bad.code, bad.params)
        # Original first, then the thumbnail: a photo row is only ever written (by the
        # importer) for an original that is already safely on disk.
        photostore.store_chunks(self.db_path, [data], expected=analysis.sha256)
        thumbs.write_cached(self.db_path, analysis.sha256, thumbs.THUMB_SIZE, analysis.thumbnail)
        return Ingested(
            path=name,
            sha256=analysis.sha256,
            size_bytes=len(data),
            format=analysis.format,
            width=analysis.width,
            height=analysis.height,
            meta=analysis.meta,
        )

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
