"""Exporting, verifying, previewing and importing bundles (DESIGN §5).

These are the entry points of `inspector bundle ...` and of the Sync screen. Each takes
plain inputs, an optional `progress(fraction)` callback and an optional
`threading.Event` to cancel, and returns a dataclass with `as_json()`. Failures raise
`Problem`s: `BundleRejected` (exit 2) for integrity, authenticity or safety,
`PrerequisitesMissing` (exit 3) when earlier operations must be imported first, plain
`Problem` (exit 1) for bad input. Whatever fails, the database is as it was.

Before anything is written, the file's structure and the manifest's signature are
checked, the source's key against the trusted replicas, and every photo member's size and
hash (streamed, nothing written). Then, inside one transaction, the operation files are
read one at a time, each hashed whole before it is parsed, and merged; the photo files
are written under temporary names with fsync and rename (hashed again as they stream);
the bundle, the source's receipt and, on first contact with `trust`, the source's key
are recorded; and the transaction commits. A hostile or damaged bundle is thus refused
with nothing changed: a bad operation file rolls the transaction back, and no photo is
stored unless every photo in the bundle has already proved good.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from inspector import __version__, locations
from inspector.data import migrate, photostore
from inspector.data.commits import commit
from inspector.data.db import Database
from inspector.data.sync.merge import (
    Merger,
    MergeResult,
    merge_transaction,
    now_text,
    own_vector,
)
from inspector.data.sync.vectors import (
    covers,
    learn_peer_vector,
    missing_ranges,
    operations_beyond,
    peer_vector,
    unsynced_records,
)
from inspector.domain.ids import uuid7
from inspector.i18n import Problem, t
from inspector.services.replica import fingerprint, identity, load_private_key
from inspector.services.sync import crypto
from inspector.services.sync.archive import (
    FORMAT,
    VERSION,
    OpenedBundle,
    iter_operations,
    open_bundle,
    write_bundle,
)
from inspector.services.sync.errors import BundleRejected, PrerequisitesMissing

Progress = Callable[[float], None]


# -- replicas -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Peer:
    id: str
    name: str
    role: str
    public_key: str | None
    trusted: bool
    is_self: bool

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key) if self.public_key else ""

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "trusted": self.trusted,
            "self": self.is_self,
            "fingerprint": self.fingerprint,
        }


_PEER_COLUMNS = "id, name, role, public_key, trusted, is_self"


def _peer(row: tuple[Any, ...]) -> Peer:
    return Peer(row[0], row[1], row[2], row[3], bool(row[4]), bool(row[5]))


def known_replicas(conn: sqlite3.Connection) -> list[Peer]:
    return [
        _peer(r)
        for r in conn.execute(f"SELECT {_PEER_COLUMNS} FROM replica ORDER BY is_self DESC, name")
    ]


def resolve_replica(conn: sqlite3.Connection, text: str) -> Peer:
    """A replica named by its id, a unique prefix of its id (4+ characters), or its name."""
    text = text.strip()
    rows = conn.execute(
        f"SELECT {_PEER_COLUMNS} FROM replica WHERE id=? OR name=?", (text, text)
    ).fetchall()
    if not rows and len(text) >= 4:
        rows = conn.execute(
            f"SELECT {_PEER_COLUMNS} FROM replica WHERE id LIKE ? || '%'", (text,)
        ).fetchall()
    if len(rows) != 1:
        raise Problem("sync.unknown_replica" if not rows else "sync.ambiguous_replica", name=text)
    return _peer(rows[0])


def default_target(conn: sqlite3.Connection) -> Peer | None:
    """The central record, when this replica knows one (and is not it)."""
    row = conn.execute(
        f"SELECT {_PEER_COLUMNS} FROM replica WHERE role='central' AND is_self=0 "
        "ORDER BY first_seen DESC LIMIT 1"
    ).fetchone()
    return None if row is None else _peer(row)


# -- export ---------------------------------------------------------------------------------


@dataclass
class ExportResult:
    file: str
    bundle_id: str
    target: Peer | None
    operations: int
    photos: int
    size_bytes: int
    encrypted_for: Peer | None
    prerequisites: dict[str, int]

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "bundle_id": self.bundle_id,
            "target": self.target.as_json() if self.target else None,
            "operations": self.operations,
            "photos": self.photos,
            "size_bytes": self.size_bytes,
            "encrypted_for": self.encrypted_for.as_json() if self.encrypted_for else None,
            "prerequisites": self.prerequisites,
        }


def export_bundle(
    db: Database,
    path: Path,
    *,
    to: str | None = None,
    everything: bool = False,
    encrypt_to: str | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ExportResult:
    """Write a bundle of what `to` (default: the central record) is not known to hold;
    `everything=True` (or no known target) sends the whole log."""
    path = Path(path)
    if path.is_dir():
        raise Problem("sync.export_is_directory", path=path)
    if not path.parent.is_dir():
        raise Problem("out.no_directory", path=path.parent)
    me = identity(db)
    if not me.initialised:
        raise Problem("sync.not_initialised", path=db.path)
    private_key = load_private_key(db.path)
    bundle_id = uuid7()
    conn = db.connect()
    try:
        # One read snapshot for the vector, the operations and the photos.
        conn.execute("BEGIN")
        target = resolve_replica(conn, to) if to else default_target(conn)
        if target is not None and target.is_self:
            raise Problem("sync.export_to_self")
        recipient = resolve_replica(conn, encrypt_to) if encrypt_to else None
        if recipient is not None and not recipient.public_key:
            raise Problem("sync.no_public_key", name=recipient.name or recipient.id)
        since = peer_vector(conn, target.id) if target and not everything else {}
        held = own_vector(conn)
        prerequisites = {
            origin: min(since.get(origin, 0), seq)
            for origin, seq in held.items()
            if min(since.get(origin, 0), seq) > 0
        }
        count = sum(seq - prerequisites.get(origin, 0) for origin, seq in held.items())
        photos = _photos_to_send(db, conn, since)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "bundle_id": bundle_id,
            "created_at": now_text(),
            "source": {
                "id": me.id,
                "name": me.name,
                "role": me.role,
                "region": me.region_code,
                "public_key": me.public_key,
            },
            "target": target.id if target else None,
            # Who else this replica knows, so conflicts name every origin and a key first
            # seen through the centre is pinned (still to be trusted by a person).
            "replicas": [
                {"id": p.id, "name": p.name, "role": p.role, "public_key": p.public_key}
                for p in known_replicas(conn)
                if p.public_key and (p.trusted or p.is_self)
            ],
            "app_version": __version__,
            "schema": migrate.HEAD,
            "prerequisites": prerequisites,
            "resulting": held,
            "counts": {
                "operations": count,
                "photos": len(photos),
                "photo_bytes": sum(p.stat().st_size for _, p in photos),
            },
        }
        with _staged_output(path, sealed=recipient is not None) as plain:
            manifest, manifest_bytes = write_bundle(
                plain,
                manifest=manifest,
                operations=operations_beyond(conn, prerequisites),
                operation_count=count,
                photos=photos,
                private_key=private_key,
                progress=(lambda f: progress(f * 0.9)) if progress and recipient else progress,
                cancel=cancel,
            )
            if recipient is not None:
                assert recipient.public_key is not None
                crypto.seal(
                    plain,
                    path,
                    recipient_id=recipient.id,
                    recipient_public_hex=recipient.public_key,
                    cancel=cancel,
                )
        commit(conn)
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
    result = ExportResult(
        file=str(path),
        bundle_id=bundle_id,
        target=target,
        operations=count,
        photos=len(photos),
        size_bytes=path.stat().st_size,
        encrypted_for=recipient,
        prerequisites=prerequisites,
    )
    _record(
        db,
        bundle_id=bundle_id,
        direction="sent",
        manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
        file_name=path.name,
        peer=target,
        created_at=manifest["created_at"],
        operations=count,
        photos=len(photos),
        size_bytes=result.size_bytes,
        encrypted=recipient is not None,
        counts=manifest["counts"],
    )
    if progress:
        progress(1.0)
    return result


@contextlib.contextmanager
def _staged_output(path: Path, *, sealed: bool) -> Iterator[Path]:
    """Where the plain bundle is written: the target itself, or (when it is to be sealed)
    an owner-only temporary file beside it, removed afterwards."""
    if not sealed:
        yield path
        return
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".plain", dir=path.parent)
    os.close(fd)
    plain = Path(name)
    try:
        yield plain
    finally:
        plain.unlink(missing_ok=True)


def _photos_to_send(
    db: Database, conn: sqlite3.Connection, since: dict[str, int]
) -> list[tuple[str, Path]]:
    """Photo files of photo rows the target is not known to have (no operation of the row
    is within what it holds) and that this replica has."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS sync_known (origin TEXT PRIMARY KEY, seq INT)")
    conn.execute("DELETE FROM sync_known")
    conn.executemany("INSERT INTO sync_known VALUES (?, ?)", list(since.items()))
    rows = conn.execute(
        "SELECT p.row_id FROM (SELECT DISTINCT row_id FROM op WHERE entity='photo') p "
        "WHERE NOT EXISTS (SELECT 1 FROM op JOIN sync_known k ON k.origin=op.origin "
        " WHERE op.entity='photo' AND op.row_id=p.row_id AND op.seq <= k.seq) ORDER BY p.row_id"
    ).fetchall()
    out = []
    for (sha,) in rows:
        if photostore.is_sha256(sha):
            file = locations.photo_file(db.path, sha)
            if file.is_file():
                out.append((sha, file))
    return out


# -- verify and import -----------------------------------------------------------------------


@dataclass
class BundleCheck:
    """What a bundle is and whether it could be imported here, without importing it."""

    file: str
    bundle_id: str
    created_at: str
    source: Peer
    trust: str
    """trusted, unknown (first contact: ask, or --trust), or key_mismatch (refused)."""
    target: str | None
    schema: str
    app_version: str
    sealed: bool
    operations: int
    photos: int
    size_bytes: int
    prerequisites: dict[str, int]
    resulting: dict[str, int]
    missing: dict[str, tuple[int, int]]
    already_imported: bool
    replica_names: dict[str, str] = field(default_factory=dict)
    """Names of the replicas the source vouches for, by id (for messages)."""

    @property
    def fingerprint(self) -> str:
        return self.source.fingerprint

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "bundle_id": self.bundle_id,
            "created_at": self.created_at,
            "source": self.source.as_json(),
            "trust": self.trust,
            "target": self.target,
            "schema": self.schema,
            "app_version": self.app_version,
            "sealed": self.sealed,
            "operations": self.operations,
            "photos": self.photos,
            "size_bytes": self.size_bytes,
            "prerequisites": self.prerequisites,
            "resulting": self.resulting,
            "missing": {k: list(v) for k, v in self.missing.items()},
            "already_imported": self.already_imported,
        }


@dataclass
class ImportResult:
    check: BundleCheck
    replay: bool = False
    dry_run: bool = False
    merge: MergeResult = field(default_factory=MergeResult)
    photos_stored: int = 0
    photos_present: int = 0
    records: dict[tuple[str, str], str] = field(default_factory=dict)
    """A person's name for each record of the conflicts kept in `merge.conflicts`, read
    inside the import's transaction: a preview is rolled back, and the records it names
    may be ones the bundle itself brings."""

    def as_json(self) -> dict[str, Any]:
        return {
            "bundle": self.check.as_json(),
            "replay": self.replay,
            "dry_run": self.dry_run,
            **self.merge.as_json(),
            "photos_stored": self.photos_stored,
            "photos_present": self.photos_present,
        }


def verify_bundle(
    db: Database,
    path: Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> BundleCheck:
    """Check a bundle completely (structure, signature, every hash) and say how it stands
    here (source trust, prerequisites, already imported) without changing anything.

    Raises `BundleRejected` for a damaged or forged bundle; an unknown source key or
    missing prerequisites are reported in the result, not raised: `inspector bundle
    verify` and the Sync screen show them (the fingerprint is what a person compares).
    """
    path = Path(path)
    with (
        _plain_bundle(db, path, cancel) as (plain, sealed),
        open_bundle(plain, label=path.name) as bundle,
    ):
        with db.read() as conn:
            check = _describe(conn, bundle, sealed=sealed, size=path.stat().st_size)
        _verify_members(bundle, progress, cancel)
    return check


def preview_bundle(
    db: Database,
    path: Path,
    *,
    trust: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ImportResult:
    """What importing would change (new records, changed fields, conflicts, duplicates,
    photos), found by doing the whole merge and rolling it back."""
    return import_bundle(db, path, trust=trust, dry_run=True, progress=progress, cancel=cancel)


def import_bundle(
    db: Database,
    path: Path,
    *,
    trust: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ImportResult:
    """Verify and apply a bundle, all or nothing. `trust=True` accepts a source seen for
    the first time (after a person compared its fingerprint)."""
    path = Path(path)
    if not path.is_file():
        raise Problem("io.not_found", path=path)
    me = identity(db)
    size = path.stat().st_size
    with (
        _plain_bundle(db, path, cancel) as (plain, sealed),
        open_bundle(plain, label=path.name) as bundle,
    ):
        conn = db.connect()
        try:
            check = _describe(conn, bundle, sealed=sealed, size=size)
            _require_trust(check, trust=trust)
            if check.already_imported:
                return ImportResult(check=check, replay=True, dry_run=dry_run)
            _verify_members(bundle, _scaled(progress, 0.0, 0.3), cancel, photos_only=True)
            _require_prerequisites(conn, check)
            result = ImportResult(check=check, dry_run=dry_run)
            with merge_transaction(conn, keep=not dry_run):
                # Again inside the write lock: another import may have run meanwhile.
                check = _describe(conn, bundle, sealed=sealed, size=size)
                if check.already_imported:
                    return ImportResult(check=check, replay=True, dry_run=dry_run)
                _require_prerequisites(conn, check)
                _remember_source(conn, check)
                _learn_replicas(conn, bundle.manifest.get("replicas", []))
                result.merge = _merge(conn, bundle, check, me.id, progress, cancel)
                result.records = _conflict_records(conn, result.merge)
                _store_photos(db, bundle, result, dry_run, progress, cancel)
                learn_peer_vector(conn, check.source.id, check.resulting)
                _insert_record(
                    conn,
                    bundle_id=check.bundle_id,
                    direction="received",
                    manifest_sha256=bundle.manifest_sha256,
                    file_name=path.name,
                    peer=check.source,
                    created_at=check.created_at,
                    operations=result.merge.applied,
                    photos=result.photos_stored,
                    size_bytes=size,
                    encrypted=sealed,
                    counts=_counts(result),
                    actor=db.user_name(conn),
                )
                crypto.check_cancel(cancel)
        finally:
            conn.close()
    if progress:
        progress(1.0)
    return result


def _conflict_records(conn: sqlite3.Connection, merge: MergeResult) -> dict[tuple[str, str], str]:
    from inspector.services.sync.conflicts import record_label

    keys = {(c.entity, c.row_id) for c in merge.conflicts}
    return {key: record_label(conn, *key) for key in sorted(keys)}


def _counts(result: ImportResult) -> dict[str, Any]:
    m = result.merge
    return {
        "received": m.received,
        "already_held": m.already_held,
        "created": sum(m.created.values()),
        "changed": sum(m.changed.values()),
        "fields_changed": m.fields_changed,
        "conflicts": m.conflict_count,
        "duplicates": len(m.duplicates),
        "settled": m.settled,
        "photos": result.photos_stored,
    }


@contextlib.contextmanager
def _plain_bundle(
    db: Database, path: Path, cancel: threading.Event | None
) -> Iterator[tuple[Path, bool]]:
    """The bundle as a plain ZIP: itself, or decrypted into an owner-only temporary file
    beside the database (never beside the USB stick's copy)."""
    if not path.is_file():
        raise Problem("io.not_found", path=path)
    if not crypto.is_sealed(path):
        yield path, False
        return
    me = identity(db)
    key = load_private_key(db.path)
    fd, name = tempfile.mkstemp(prefix=".unsealed-", suffix=".zip", dir=db.path.parent)
    os.close(fd)
    plain = Path(name)
    try:
        crypto.unseal(path, plain, self_id=me.id, private_key=key, cancel=cancel)
        yield plain, True
    finally:
        plain.unlink(missing_ok=True)


def _describe(
    conn: sqlite3.Connection, bundle: OpenedBundle, *, sealed: bool, size: int
) -> BundleCheck:
    m = bundle.manifest
    src = m["source"]
    key = src["public_key"]
    row = conn.execute(f"SELECT {_PEER_COLUMNS} FROM replica WHERE id=?", (src["id"],)).fetchone()
    if row is not None and bool(row[5]):
        raise BundleRejected("sync.own_bundle", file=bundle.label)
    if row is None:
        trust = "unknown"
    elif row[3] and row[3] != key:
        trust = "key_mismatch"
    elif bool(row[4]) and row[3] == key:
        trust = "trusted"
    else:
        trust = "unknown"
    if m["schema"] not in migrate.KNOWN:
        raise BundleRejected("sync.newer_schema", file=bundle.label, schema=m["schema"])
    received = conn.execute(
        "SELECT manifest_sha256 FROM bundle_record WHERE id=? AND direction='received'",
        (m["bundle_id"],),
    ).fetchone()
    if received is not None and received[0] != bundle.manifest_sha256:
        raise BundleRejected("sync.bundle_id_reused", file=bundle.label, bundle_id=m["bundle_id"])
    held = own_vector(conn)
    return BundleCheck(
        file=bundle.label,
        bundle_id=m["bundle_id"],
        created_at=m["created_at"],
        source=Peer(src["id"], src["name"], src["role"], key, trust == "trusted", False),
        trust=trust,
        target=m.get("target"),
        schema=m["schema"],
        app_version=m["app_version"],
        sealed=sealed,
        operations=int(m["counts"].get("operations", 0)),
        photos=len(bundle.photo_members()),
        size_bytes=size,
        prerequisites=dict(m["prerequisites"]),
        resulting=dict(m["resulting"]),
        missing=missing_ranges(held, m["prerequisites"]),
        already_imported=received is not None,
        replica_names={
            **{r["id"]: r["name"] for r in m.get("replicas", [])},
            src["id"]: src["name"],
        },
    )


def _require_trust(check: BundleCheck, *, trust: bool) -> None:
    if check.trust == "key_mismatch":
        raise BundleRejected("sync.key_mismatch", file=check.file, name=check.source.name)
    if check.trust == "unknown" and not trust:
        raise BundleRejected(
            "sync.untrusted",
            file=check.file,
            name=check.source.name,
            fingerprint=check.fingerprint,
        )


def _require_prerequisites(conn: sqlite3.Connection, check: BundleCheck) -> None:
    held = own_vector(conn)
    if covers(held, check.prerequisites):
        return
    names = {**check.replica_names}
    names.update({r[0]: r[1] for r in conn.execute("SELECT id, name FROM replica") if r[1]})
    sep = "；" if t("sync.list_separator") == "；" else "; "
    needs = sep.join(
        t(
            "sync.needs_range",
            origin=names.get(origin) or origin,
            origin_id=origin[:8],
            first=first,
            last=last,
        )
        for origin, (first, last) in missing_ranges(held, check.prerequisites).items()
    )
    raise PrerequisitesMissing(check.file, needs)


def _remember_source(conn: sqlite3.Connection, check: BundleCheck) -> None:
    src = check.source
    conn.execute(
        "INSERT INTO replica (id, name, role, public_key, is_self, trusted, first_seen) "
        "VALUES (?, ?, ?, ?, 0, 1, ?) ON CONFLICT(id) DO UPDATE SET name=excluded.name, "
        "role=excluded.role, public_key=excluded.public_key, trusted=1",
        (src.id, src.name, src.role, src.public_key, now_text()),
    )


def _learn_replicas(conn: sqlite3.Connection, replicas: list[dict[str, Any]]) -> None:
    """Names and keys of replicas the source vouches for: known, not trusted."""
    conn.executemany(
        "INSERT INTO replica (id, name, role, public_key, is_self, trusted, first_seen) "
        "VALUES (?, ?, ?, ?, 0, 0, ?) ON CONFLICT(id) DO NOTHING",
        [(r["id"], r["name"], r["role"], r["public_key"], now_text()) for r in replicas],
    )


def _verify_members(
    bundle: OpenedBundle,
    progress: Progress | None,
    cancel: threading.Event | None,
    *,
    photos_only: bool = False,
) -> None:
    """Stream every member (or only the photos) through its size and hash checks.

    Before an import only the photos need this: they are written to the store before the
    commit, so all must be known good first; an operation file is hashed whole as it is
    read for merging, inside the transaction, and a bad one rolls everything back.
    """
    members = bundle.photo_members() if photos_only else bundle.members
    total = max(1, sum(m.size for m in members))
    done = 0
    for member in members:
        for chunk in bundle.stream(member, cancel):
            done += len(chunk)
            if progress:
                progress(done / total)


def _merge(
    conn: sqlite3.Connection,
    bundle: OpenedBundle,
    check: BundleCheck,
    self_id: str,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> MergeResult:
    merger = Merger(conn, bundle_id=check.bundle_id, self_id=self_id)
    total = max(1, check.operations)
    # Parsing allocates a million small objects and no cycles: see Merger.apply.
    enabled = gc.isenabled()
    gc.disable()
    try:
        for batch in iter_operations(bundle, cancel):
            merger.apply(batch)
            if progress:
                progress(0.3 + 0.55 * min(1.0, merger.result.received / total))
    finally:
        if enabled:
            gc.enable()
    return merger.finish()


def _store_photos(
    db: Database,
    bundle: OpenedBundle,
    result: ImportResult,
    dry_run: bool,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> None:
    members = bundle.photo_members()
    total = max(1, sum(m.size for m in members))
    done = 0
    for member in members:
        sha = member.sha256
        if photostore.has(db.path, sha):
            result.photos_present += 1
        elif not dry_run:
            # Written (temporary name, fsync, rename) before the transaction commits: a
            # crash after this leaves at most an unreferenced photo, never a row without one.
            photostore.store_chunks(db.path, bundle.stream(member, cancel), expected=sha)
            result.photos_stored += 1
        else:
            result.photos_stored += 1
        done += member.size
        if progress:
            progress(0.85 + 0.15 * done / total)


def _scaled(progress: Progress | None, start: float, end: float) -> Progress | None:
    if progress is None:
        return None
    return lambda f: progress(start + (end - start) * f)


# -- history and status ---------------------------------------------------------------------


def _insert_record(
    conn: sqlite3.Connection,
    *,
    bundle_id: str,
    direction: str,
    manifest_sha256: str,
    file_name: str,
    peer: Peer | None,
    created_at: str,
    operations: int,
    photos: int,
    size_bytes: int,
    encrypted: bool,
    counts: dict[str, Any],
    actor: str,
) -> None:
    conn.execute(
        "INSERT INTO bundle_record (id, direction, manifest_sha256, file_name, peer_id,"
        " peer_name, created_at, recorded_at, actor, ops, photos, size_bytes, encrypted, counts)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            bundle_id,
            direction,
            manifest_sha256,
            file_name[:500],
            peer.id if peer else None,
            (peer.name if peer else "")[:100],
            created_at,
            now_text(),
            actor[:100],
            operations,
            photos,
            size_bytes,
            encrypted,
            orjson.dumps(counts).decode(),
        ),
    )


def _record(db: Database, **values: Any) -> None:
    with db.transaction() as conn:
        _insert_record(conn, actor=db.user_name(conn), **values)


def bundle_history(db: Database, *, limit: int = 200) -> list[dict[str, Any]]:
    """Bundles sent and received, newest first, with what each carried or changed."""
    with db.read() as conn:
        rows = conn.execute(
            "SELECT id, direction, file_name, peer_id, peer_name, created_at, recorded_at,"
            " actor, ops, photos, size_bytes, encrypted, counts FROM bundle_record"
            " ORDER BY recorded_at DESC LIMIT ?",
            (limit,),
        ).fetchall()
    keys = (
        "bundle_id", "direction", "file", "peer_id", "peer_name", "created_at",
        "recorded_at", "actor", "operations", "photos", "size_bytes", "encrypted", "counts",
    )  # fmt: skip
    out = []
    for row in rows:
        item = dict(zip(keys, row, strict=True))
        item["encrypted"] = bool(item["encrypted"])
        item["counts"] = orjson.loads(item["counts"]) if item["counts"] else {}
        out.append(item)
    return out


@dataclass
class SyncStatus:
    """What the Sync screen shows at a glance."""

    self_peer: Peer
    vector: dict[str, int]
    peers: list[dict[str, Any]]
    central: Peer | None
    safe_at_centre: int
    pending_at_centre: int

    def as_json(self) -> dict[str, Any]:
        return {
            "replica": self.self_peer.as_json(),
            "vector": self.vector,
            "peers": self.peers,
            "central": self.central.as_json() if self.central else None,
            "safe_at_centre": self.safe_at_centre,
            "pending_at_centre": self.pending_at_centre,
        }


def sync_status(db: Database) -> SyncStatus:
    with db.read() as conn:
        replicas = known_replicas(conn)
        me = next(p for p in replicas if p.is_self)
        held = own_vector(conn)
        peers = []
        for peer in replicas:
            if peer.is_self:
                continue
            known = peer_vector(conn, peer.id)
            lacking = sum(max(0, seq - known.get(origin, 0)) for origin, seq in held.items())
            peers.append({**peer.as_json(), "known_vector": known, "operations_lacking": lacking})
        central = default_target(conn)
        safe, pending = _centre_counts(conn, me.id, central)
    return SyncStatus(me, held, peers, central, safe, pending)


def _centre_counts(conn: sqlite3.Connection, self_id: str, central: Peer | None) -> tuple[int, int]:
    total = conn.execute(
        "SELECT COUNT(*) FROM (SELECT DISTINCT entity, row_id FROM op WHERE origin=?)", (self_id,)
    ).fetchone()[0]
    if central is None:
        return 0, int(total)
    known = peer_vector(conn, central.id).get(self_id, 0)
    pending = conn.execute(
        "SELECT COUNT(*) FROM (SELECT DISTINCT entity, row_id FROM op WHERE origin=? AND seq>?)",
        (self_id, known),
    ).fetchone()[0]
    return int(total) - int(pending), int(pending)


def records_not_at_centre(db: Database, *, limit: int | None = 500) -> list[dict[str, Any]]:
    """Records edited here whose latest edits the central record has not acknowledged:
    everything else this replica made is safely at the centre (its receipt says so)."""
    with db.read() as conn:
        me = next(p for p in known_replicas(conn) if p.is_self)
        central = default_target(conn)
        return unsynced_records(
            conn, self_id=me.id, peer_id=central.id if central else "", limit=limit
        )
