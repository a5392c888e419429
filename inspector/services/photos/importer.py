"""Importing a folder of photos: in parallel, in bounded memory, never stopping for one
bad file.

The folder tree is walked twice, lazily (once to count, for the progress bar; once to
work), and never held in memory. Files go to a pool of worker processes (one per core)
with only a few in flight at a time, so memory depends on the number of cores and the
largest photo, not on the number of photos. Results are written in batches, each batch
one transaction through the write path: the photo rows, and the matching proposals
for them. An interrupted import keeps every batch already written; running it again
picks up where it stopped (known photos are only hashed).
"""

from __future__ import annotations

import concurrent.futures as cf
import errno
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector.data.db import Database
from inspector.data.photos import photo_exists
from inspector.domain.ids import uuid7
from inspector.i18n import Problem, t
from inspector.i18n.reasons import keyed
from inspector.models import Photo
from inspector.services.photos import matching, review
from inspector.services.photos.formats import looks_like_photo
from inspector.services.photos.ingest import Ingested, Ingester, Known, Outcome, Rejected

Progress = Callable[[float], None]

#: Photos written per transaction: small enough that the UI's reads and other writers
#: are never kept waiting long, large enough that commits (each an fsync) stay cheap.
BATCH = 64
#: Below this many files the pool's start-up (a fresh interpreter per core) costs more
#: than it saves.
POOL_THRESHOLD = 4


@dataclass(frozen=True)
class BadFile:
    path: str
    """Relative to the imported folder."""
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        return t(f"photos.bad.{self.code}", lang=lang, file=self.path, **self.params)

    def as_json(self) -> dict[str, Any]:
        return {"file": self.path, "problem": self.code, "message": self.message()}


@dataclass(frozen=True)
class ImportedPhoto:
    path: str
    sha256: str
    outfall_id: str | None
    inspection_id: str | None
    flags: list[str]


@dataclass
class ImportReport:
    folder: str
    import_id: str
    found: int = 0
    """Files with a photo's name (.jpg, .heic...)."""
    imported: int = 0
    known: int = 0
    """Already in the database (or twice in the folder)."""
    restored: int = 0
    """Known photos whose original was missing from the store and is back."""
    bad: list[BadFile] = field(default_factory=list)
    proposed: int = 0
    """New photos for which matching proposes an outfall."""
    unmatched: int = 0
    """New photos for which it proposes none (they wait for a person all the same)."""
    accepted: int = 0
    flags: Counter[str] = field(default_factory=Counter)
    cancelled: bool = False
    photos: list[ImportedPhoto] = field(default_factory=list)
    """Filled only when asked for (`collect=True`): one small record per new photo."""

    @property
    def pending_review(self) -> int:
        """Photos left in the review list: every new one not accepted at import."""
        return self.proposed + self.unmatched - self.accepted

    def as_json(self) -> dict[str, Any]:
        return {
            "folder": self.folder,
            "import_id": self.import_id,
            "found": self.found,
            "imported": self.imported,
            "known": self.known,
            "restored": self.restored,
            "bad": [b.as_json() for b in self.bad],
            "proposed": self.proposed,
            "unmatched": self.unmatched,
            "accepted": self.accepted,
            "pending_review": self.pending_review,
            "flags": dict(sorted(self.flags.items())),
            "cancelled": self.cancelled,
            "photos": [p.__dict__ for p in self.photos],
        }


def walk(folder: Path, skipped: list[tuple[Path, str, str]] | None = None) -> Iterator[Path]:
    """Photo files under `folder`, depth first in name order; symbolic links to folders
    are not followed (a card image can contain loops).

    What cannot be read (a folder without permission, a link that loops or leads
    nowhere readable) is skipped and, when `skipped` is given, listed there as
    (path, problem code, the system's words)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        if skipped is not None:
            skipped.append((folder, "unreadable_folder", exc.strerror or str(exc)))
        return
    for entry in entries:
        try:
            if entry.name.startswith(".") and entry.is_dir(follow_symlinks=False):
                continue  # .thumbnails, .trashed-*: phone housekeeping, not photos
            if entry.is_dir(follow_symlinks=False):
                yield from walk(Path(entry.path), skipped)
            elif looks_like_photo(Path(entry.name)) and entry.is_file():
                yield Path(entry.path)
        except OSError as exc:
            if skipped is not None:
                code = "link_loop" if exc.errno == errno.ELOOP else "unreadable"
                skipped.append((Path(entry.path), code, exc.strerror or str(exc)))


def _readable(folder: Path) -> None:
    """The folder asked for must itself be readable: otherwise there is nothing to
    import, and "0 photo files" would be a false report."""
    try:
        with os.scandir(folder):
            pass
    except OSError as exc:
        raise Problem(
            "photos.unreadable_folder", path=folder, error=exc.strerror or str(exc)
        ) from None


# -- worker processes -----------------------------------------------------------------

_worker: Ingester | None = None


def _init_worker(db_path: str, url: str | None) -> None:
    global _worker
    # Ctrl-C reaches every process of the terminal's group: the importer stops the
    # pool itself, so a worker keeps quiet instead of printing its own traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _leave_with_parent()
    _worker = Ingester(Path(db_path), url)


def _leave_with_parent() -> None:
    """End this worker the moment the importer's process ends, however it ends (killed,
    the UI closed): an orphaned worker would go on writing into the photo store."""
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _ingest_in_worker(path: str) -> Outcome:
    assert _worker is not None
    return _worker.ingest(Path(path))


def _outcomes(
    paths: Iterator[Path],
    db_path: Path,
    url: str | None,
    *,
    workers: int,
    cancel: threading.Event,
) -> Iterator[Outcome]:
    """Ingest each path, in parallel when `workers` > 1, yielding outcomes as they finish."""
    if workers <= 1:
        ingester = Ingester(db_path, url)
        try:
            for path in paths:
                if cancel.is_set():
                    return
                yield ingester.ingest(path)
        finally:
            ingester.close()
        return
    # A fresh interpreter per worker ("spawn"): forking a process that may be running
    # the UI's threads and holding SQLite connections is not safe, and Windows has no fork.
    context = multiprocessing.get_context("spawn")
    in_flight: set[cf.Future[Outcome]] = set()
    limit = workers * 2
    with cf.ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(str(db_path), url),
    ) as pool:
        try:
            exhausted = False
            while True:
                while not exhausted and len(in_flight) < limit and not cancel.is_set():
                    following = next(paths, None)
                    if following is None:
                        exhausted = True
                        break
                    in_flight.add(pool.submit(_ingest_in_worker, str(following)))
                if not in_flight:
                    return
                done, in_flight = cf.wait(in_flight, timeout=0.5, return_when=cf.FIRST_COMPLETED)
                for future in done:
                    yield future.result()
                if cancel.is_set() and not in_flight:
                    return
        finally:
            for future in in_flight:
                future.cancel()


# -- the import -----------------------------------------------------------------------


def import_folder(
    db: Database,
    folder: Path,
    *,
    radius_m: float = matching.DEFAULT_RADIUS_M,
    accept: bool = False,
    workers: int | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    collect: bool = False,
) -> ImportReport:
    """Import every photo under `folder` and propose a match for each new one.

    With `accept`, proposals that name an outfall and carry no flag are accepted at once;
    the rest wait for review (`review.list_proposals`). Bad files are reported, never
    fatal. `cancel` stops the import after the files in flight; what was written stays.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise Problem("photos.no_folder", path=folder)
    _readable(folder)
    cancel = cancel or threading.Event()
    report = ImportReport(folder=str(folder), import_id=uuid7())
    skipped: list[tuple[Path, str, str]] = []
    total = sum(1 for _ in walk(folder, skipped))
    for path, code, error in skipped:
        report.bad.append(BadFile(_relative(str(path), folder), code, {"error": error}))
    report.found = total
    if workers is None:
        workers = os.cpu_count() or 1
    workers = max(1, min(workers, total)) if total >= POOL_THRESHOLD else 1
    seen: set[str] = set()
    batch: list[Ingested] = []
    done = 0
    for outcome in _outcomes(walk(folder), db.path, db.url, workers=workers, cancel=cancel):
        done += 1
        relative = _relative(outcome.path, folder)
        if isinstance(outcome, Rejected):
            report.bad.append(BadFile(relative, outcome.code, outcome.params))
        elif isinstance(outcome, Known) or outcome.sha256 in seen:
            report.known += 1
            report.restored += int(isinstance(outcome, Known) and outcome.restored)
        else:
            seen.add(outcome.sha256)
            batch.append(outcome)
            if len(batch) >= BATCH:
                _write(db, batch, folder, report, radius_m=radius_m, accept=accept, collect=collect)
                batch = []
        if progress and total:
            progress(done / total)
    if batch:
        _write(db, batch, folder, report, radius_m=radius_m, accept=accept, collect=collect)
    report.cancelled = cancel.is_set() and done < total
    report.bad.sort(key=lambda b: b.path)
    if progress:
        progress(1.0)
    return report


def _relative(path: str, folder: Path) -> str:
    try:
        return str(Path(path).relative_to(folder))
    except ValueError:
        return path


def photo_values(item: Ingested, folder: Path) -> dict[str, Any]:
    facts = _facts(item)
    return {
        **item.meta.as_values(),
        "original_name": Path(item.path).name[:255],
        "format": item.format.lower(),
        "size_bytes": item.size_bytes,
        "width": item.width,
        "height": item.height,
        "kind": "other",
        "flags": facts.intrinsic_flags(),
    }


def _facts(item: Ingested) -> matching.PhotoFacts:
    return matching.PhotoFacts(
        photo_id=item.sha256,
        lat=item.meta.lat,
        lon=item.meta.lon,
        moment=item.meta.best_time,
        clock_skew_s=item.meta.clock_skew_s,
    )


def _write(
    db: Database,
    batch: list[Ingested],
    folder: Path,
    report: ImportReport,
    *,
    radius_m: float,
    accept: bool,
    collect: bool,
) -> None:
    with db.write(reason=keyed("reason.photo_import", folder=folder.name)) as w:
        fresh = []
        for item in batch:
            # Another import (or a bundle) may have brought the same photo meanwhile.
            if photo_exists(w.conn, photo_id=item.sha256):
                report.known += 1
                continue
            w.create(Photo, photo_values(item, folder), row_id=item.sha256)
            fresh.append(item)
        w.flush()
        proposals = [matching.propose(w.conn, _facts(item), radius_m=radius_m) for item in fresh]
        review.record_proposals(w, proposals, import_id=report.import_id)
        for item, proposal in zip(fresh, proposals, strict=True):
            linked = accept and proposal.outfall_id is not None and not proposal.flags
            if linked:
                review.link(
                    w,
                    item.sha256,
                    outfall_id=proposal.outfall_id,
                    inspection_id=proposal.inspection_id,
                    radius_m=radius_m,
                )
                report.accepted += 1
            report.flags.update(proposal.flags)
            if collect:
                report.photos.append(
                    ImportedPhoto(
                        _relative(item.path, folder),
                        item.sha256,
                        proposal.outfall_id,
                        proposal.inspection_id,
                        proposal.flags,
                    )
                )
        report.imported += len(fresh)
        matched = sum(1 for p in proposals if p.outfall_id is not None)
        report.proposed += matched
        report.unmatched += len(proposals) - matched
