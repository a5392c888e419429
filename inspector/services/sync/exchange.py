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
import tempfile
import threading
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from inspector import __version__, locations
from inspector.data import migrate, photostore
from inspector.data.commits import begin, commit, rollback
from inspector.data.db import Database
from inspector.data.engine import Conn
from inspector.data.sync import bundles as bundles_data
from inspector.data.sync import chain
from inspector.data.sync import trust as trust_data
from inspector.data.sync.checks import OperationsRefused, Refusal
from inspector.data.sync.guard import Guard
from inspector.data.sync.merge import (
    Admitted,
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
    photos_not_within,
    records_edited,
    unsynced_records,
)
from inspector.domain import hlc
from inspector.domain.ids import uuid7
from inspector.i18n import Problem, t
from inspector.services.replica import Identity, fingerprint, identity, load_private_key
from inspector.services.sync import admission, crypto, signing
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
_T = TypeVar("_T")


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


def _peer(rec: trust_data.TrustRecord) -> Peer:
    return Peer(rec.id, rec.name, rec.role, rec.public_key, rec.trusted, rec.is_self)


def known_replicas(conn: Conn) -> list[Peer]:
    return [_peer(r) for r in trust_data.records_self_first(conn)]


def resolve_replica(conn: Conn, text: str) -> Peer:
    """A replica named by its id, a unique prefix of its id (4+ characters), or its name."""
    text = text.strip()
    rows = trust_data.records_named(conn, text=text)
    if not rows and len(text) >= 4:
        rows = trust_data.records_with_id_prefix(conn, prefix=text)
    if len(rows) != 1:
        raise Problem("sync.unknown_replica" if not rows else "sync.ambiguous_replica", name=text)
    return _peer(rows[0])


def default_target(conn: Conn) -> Peer | None:
    """The central record, when this replica knows one (and is not it)."""
    rec = trust_data.newest_central(conn)
    return None if rec is None else _peer(rec)


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
    missing_photos: list[str] = field(default_factory=list)
    """Originals this bundle should have carried but that are not in the photo store
    here: not counted as sent, and sent with the next bundle to the same peer once back."""
    unsigned: dict[str, int] = field(default_factory=dict)
    """Per other origin, operations held here that its signature does not cover yet
    (history from an earlier version): kept, but not relayed."""

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
            "missing_photos": self.missing_photos,
            "unsigned": self.unsigned,
        }


#: How many originals a bundle's manifest says its source lacks, at most.
LACKING_LISTED = 5_000


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
    `everything=True` (or no known target) sends the whole log.

    Each origin's operations are sent up to its newest signed checkpoint: this replica
    first signs its own chain as it stands (vouching for all it made, history from
    before signing included); another replica's operations beyond what it signed (only
    history from an earlier version can be) stay here until it signs them itself."""
    path = Path(path)
    if path.is_dir():
        raise Problem("sync.export_is_directory", path=path)
    if not path.parent.is_dir():
        raise Problem("out.no_directory", path=path.parent)
    me = identity(db)
    if not me.initialised:
        raise Problem("sync.not_initialised", path=db.path)
    private_key = signing.own_key(db, me)
    _vouch(db, me, private_key)
    bundle_id = uuid7()
    conn = db.connect()
    try:
        # One read snapshot for the vector, the operations and the photos.
        begin(conn)
        target = resolve_replica(conn, to) if to else default_target(conn)
        if target is not None and target.is_self:
            raise Problem("sync.export_to_self")
        recipient = resolve_replica(conn, encrypt_to) if encrypt_to else None
        if recipient is not None and not recipient.public_key:
            raise Problem("sync.no_public_key", name=recipient.name or recipient.id)
        since = peer_vector(conn, target.id) if target and not everything else {}
        held = own_vector(conn)
        signed = chain.latest_checkpoints(conn)
        cuts = trust_data.cutoffs(conn)
        for origin, cut in cuts.items():
            # A revoked origin is relayed only up to its cut, under a checkpoint there.
            if origin in signed and signed[origin].seq > cut:
                below = chain.checkpoint_at_most(conn, origin, cut)
                if below is None:
                    del signed[origin]
                else:
                    signed[origin] = below
        prerequisites = {
            origin: min(since.get(origin, 0), seq)
            for origin, seq in held.items()
            if min(since.get(origin, 0), seq) > 0
        }
        until = {
            origin: min(seq, signed[origin].seq) if origin in signed else 0
            for origin, seq in held.items()
        }
        ranges = {
            origin: (prerequisites.get(origin, 0), last)
            for origin, last in until.items()
            if last > prerequisites.get(origin, 0)
        }
        count = sum(last - first for first, last in ranges.values())
        owed_to = target.id if target else ""
        photos, missing = _photos_to_send(db, conn, since, owed_to)
        stored = set(photostore.stored_hashes(db.path))
        manifest: dict[str, Any] = {
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
            # Names only, so messages name every origin; keys, roles and regions travel
            # in the central record's signed registrations, never as the sender's claim.
            "replicas": [{"id": p.id, "name": p.name} for p in known_replicas(conn) if p.name],
            "registrations": trust_data.registrations(conn),
            "revocations": trust_data.revocation_documents(conn),
            "checkpoints": [signed[origin].as_json() for origin in sorted(ranges)],
            "lacking_photos": trust_data.lacking_originals(conn, stored, limit=LACKING_LISTED),
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
        unsigned = {
            o: min(n, cuts.get(o, n)) - until.get(o, 0)
            for o, n in held.items()
            if o != me.id and min(n, cuts.get(o, n)) > until.get(o, 0)
        }
        with _staged_output(path, sealed=recipient is not None) as plain:
            manifest, manifest_bytes = write_bundle(
                plain,
                manifest=manifest,
                operations=operations_beyond(conn, prerequisites, until=until),
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
            rollback(conn)
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
        missing_photos=missing,
        unsigned=unsigned,
    )
    with db.transaction() as conn:
        _insert_record(
            conn,
            actor=db.user_name(conn),
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
            counts={**manifest["counts"], "missing_photos": len(missing)},
        )
        trust_data.settle_owed(conn, owed_to, [sha for sha, _ in photos])
        trust_data.add_owed(conn, owed_to, missing)
    if progress:
        progress(1.0)
    return result


def _vouch(db: Database, me: Identity, private_key: Any) -> None:
    """Sign this replica's chain as it stands and, on the central record, register every
    replica a person here accepted, before a bundle is written."""
    with db.transaction() as conn:
        stored = db.get_meta("hlc", conn)
        if stored is not None and hlc.too_far_ahead(int(stored)):
            # Operations stamped beyond every peer's tolerance would be refused by all.
            raise Problem("clock.poisoned_export", path=db.path)
        link = chain.head(conn, me.id)
        latest = chain.latest_checkpoints(conn).get(me.id)
        if link.seq and (latest is None or latest.seq < link.seq):
            chain.save_checkpoint(conn, signing.sign_checkpoint(private_key, link))
        if me.role != "central":
            return
        issued = int(stored or 0)
        for rec in trust_data.records(conn):
            if (
                rec.is_self
                or not rec.trusted
                or not rec.public_key
                or rec.authority != trust_data.PERSON
            ):
                continue
            current = signing.read_registration(rec.registration) if rec.registration else None
            if (
                current is not None
                and current.issuer == me.id
                and (
                    current.name,
                    current.role,
                    current.region,
                    current.public_key,
                )
                == (rec.name, rec.role, rec.region, rec.public_key)
            ):
                continue
            document = signing.issue_registration(
                private_key,
                issuer=me.id,
                issued=max(issued, signing.registration_issued(rec.registration) + 1),
                replica_id=rec.id,
                name=rec.name,
                role=rec.role,
                region=rec.region,
                public_key=rec.public_key,
            )
            trust_data.set_registration(conn, rec.id, document)


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
    db: Database, conn: Conn, since: dict[str, int], peer_id: str
) -> tuple[list[tuple[str, Path]], list[str]]:
    """Photo files of photo rows the target is not known to have (no operation of the row
    is within what it holds), and those it is known to lack (owed): (sha256, file) of
    the ones here, and the hashes of the ones this replica does not hold either."""
    rows = photos_not_within(conn, since=since)
    wanted = {sha for sha in rows if photostore.is_sha256(sha)}
    wanted |= {sha for sha in trust_data.owed(conn, peer_id) if photostore.is_sha256(sha)}
    out = []
    missing = []
    for sha in sorted(wanted):
        file = locations.photo_file(db.path, sha)
        if file.is_file():
            out.append((sha, file))
        else:
            missing.append(sha)
    return out, missing


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
    claimed_region: str | None = None
    """The region the sender gives for itself (recorded only when a person accepts it)."""
    claims: tuple[str, str, str | None] | None = None
    """(name, role, region) a known sender now gives for itself, when it differs in role
    or region from the record here (`trust == "claims_changed"`)."""
    revocation: trust_data.RevocationRecord | None = None
    """Why and when this replica stopped trusting the sender (`trust == "revoked"`)."""

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
    photos_unreferenced: int = 0
    """Originals in the bundle that no photo record names: not kept."""
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
    the first time (after a person compared its fingerprint).

    Every operation is checked before anything is kept (`data.sync.guard`): signed by
    the replica that made it, values valid, clock believable, allowed to its origin. Any
    that is not refuses the whole bundle (`OperationsRefused`, exit status 2), and the
    database and the photo store stay exactly as they were: photos are staged, and moved
    into the store only once the transaction has committed."""
    path = Path(path)
    if not path.is_file():
        raise Problem("io.not_found", path=path)
    me = identity(db)
    size = path.stat().st_size
    if not db.readonly:
        photostore.recover_staged(db.path, committed=lambda label: _was_received(db, label))
    with (
        _plain_bundle(db, path, cancel) as (plain, sealed),
        open_bundle(plain, label=path.name) as bundle,
    ):
        conn = db.connect()
        staging = photostore.staging_folder(db.path, bundle.manifest["bundle_id"])
        try:
            check = _describe(conn, bundle, sealed=sealed, size=size)
            _require_trust(check, trust=trust)
            if check.already_imported:
                return ImportResult(check=check, replay=True, dry_run=dry_run)
            _verify_members(bundle, _scaled(progress, 0.0, 0.3), cancel, photos_only=True)
            _require_prerequisites(conn, check)
            result = ImportResult(check=check, dry_run=dry_run)
            with merge_transaction(conn, keep=not dry_run, bundle_id=check.bundle_id):
                # Again inside the write lock: another import may have run meanwhile.
                check = _describe(conn, bundle, sealed=sealed, size=size)
                if check.already_imported:
                    return ImportResult(check=check, replay=True, dry_run=dry_run)
                _require_prerequisites(conn, check)
                _remember_source(conn, check, bundle)
                _apply_registrations(conn, bundle, me.id)
                _apply_revocations(conn, bundle, me.id)
                guard = _guard(conn, bundle, me.id)
                result.merge = _merge(conn, bundle, check, me.id, guard, progress, cancel)
                result.records = _conflict_records(conn, result.merge)
                _stage_photos(db, conn, bundle, result, staging, dry_run, progress, cancel)
                trust_data.add_owed(conn, check.source.id, _lacking(bundle))
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
        except OperationsRefused as refused:
            photostore.discard_staged(staging)
            refused.file = path.name
            refused.source = check.source.name if "check" in locals() else ""
            refused.names = _names(db, bundle)
            raise
        except BaseException:
            photostore.discard_staged(staging)
            raise
        finally:
            conn.close()
        if not dry_run:
            photostore.publish_staged(db.path, staging)
    if progress:
        progress(1.0)
    return result


def _was_received(db: Database, bundle_id: str) -> bool:
    with db.read() as conn:
        return bundles_data.was_received(conn, bundle_id=bundle_id)


def _names(db: Database, bundle: OpenedBundle) -> dict[str, str]:
    """Names of the replicas a refusal may mention: as recorded here, else as the
    bundle names them."""
    names = {
        str(r["id"]): str(r["name"])
        for r in bundle.manifest.get("replicas", [])
        if isinstance(r, dict) and isinstance(r.get("id"), str) and isinstance(r.get("name"), str)
    }
    with db.read() as conn:
        names.update({p.id: p.name for p in known_replicas(conn) if p.name})
    return names


def _lacking(bundle: OpenedBundle) -> list[str]:
    return [sha for sha in bundle.manifest.get("lacking_photos", []) if photostore.is_sha256(sha)]


class _CentreSigned(Protocol):
    @property
    def replica_id(self) -> str: ...

    @property
    def issuer(self) -> str: ...


_D = TypeVar("_D", bound=_CentreSigned)


def _centre_signed(
    conn: Conn,
    bundle: OpenedBundle,
    self_id: str,
    section: str,
    read: Callable[[Any], _D | None],
    verify: Callable[[_D, str], bool],
    forged: Callable[[_D], BundleRejected],
) -> Iterator[_D]:
    """The documents of one manifest section (registrations, revocations) signed by a
    central record a person here accepted, about a replica other than this one and the
    issuer. A document that does not parse refuses the bundle, as does a bad signature
    of a known issuer; one from an issuer not accepted here is not believed and changes
    nothing."""
    issuers = trust_data.issuers(conn)
    for document in bundle.manifest.get(section, []):
        doc = read(document)
        if doc is None:
            raise BundleRejected("sync.bad_manifest", file=bundle.label, detail=section)
        key = issuers.get(doc.issuer)
        if key is None or doc.replica_id in (self_id, doc.issuer):
            continue
        if not verify(doc, key):
            raise forged(doc)
        yield doc


def _apply_registrations(conn: Conn, bundle: OpenedBundle, self_id: str) -> None:
    """Registrations signed by a central record: the keys, names, roles and regions of
    replicas whose work may reach this one through others."""
    for reg in _centre_signed(
        conn,
        bundle,
        self_id,
        "registrations",
        signing.read_registration,
        signing.verify_registration,
        lambda reg: BundleRejected("sync.bad_registration", file=bundle.label, name=reg.name),
    ):
        rec = trust_data.record(conn, reg.replica_id)
        if rec is not None and rec.registration:
            held = signing.read_registration(rec.registration)
            if held is not None and held.issuer == reg.issuer and held.issued >= reg.issued:
                continue
        trust_data.apply_registration(
            conn,
            replica_id=reg.replica_id,
            name=reg.name,
            role=reg.role,
            region=reg.region,
            key=reg.public_key,
            document=reg.document,
        )


def _apply_revocations(conn: Conn, bundle: OpenedBundle, self_id: str) -> None:
    """Revocations signed by a central record: that replica's operations beyond the cut
    are no longer taken here either (this replica's own revocation is the centre's
    business)."""
    for rev in _centre_signed(
        conn,
        bundle,
        self_id,
        "revocations",
        signing.read_revocation,
        signing.verify_revocation,
        lambda rev: BundleRejected("sync.bad_revocation", file=bundle.label),
    ):
        trust_data.revoke(
            conn,
            replica_id=rev.replica_id,
            through=rev.through,
            reason=rev.reason,
            decided_by=trust_data.CENTRAL,
            issuer=rev.issuer,
            document=rev.document,
            at=rev.revoked_at,
        )


def _guard(conn: Conn, bundle: OpenedBundle, self_id: str) -> Guard:
    """The checks every operation of the bundle meets, with each origin's checkpoint
    verified against the key this replica believes for it."""
    keys = trust_data.known_keys(conn)
    checkpoints: dict[str, chain.Checkpoint] = {}
    unknown: set[str] = set()
    for item in bundle.manifest.get("checkpoints", []):
        cp = signing.read_checkpoint(item)
        if cp is None or cp.origin in checkpoints:
            raise BundleRejected("sync.bad_manifest", file=bundle.label, detail="checkpoints")
        key = keys.get(cp.origin)
        if key is None:
            unknown.add(cp.origin)
            continue
        if not signing.verify_checkpoint(cp, key):
            raise OperationsRefused([Refusal("bad_checkpoint", origin=cp.origin, seq=cp.seq)])
        checkpoints[cp.origin] = cp
    guard = Guard(
        conn,
        self_id=self_id,
        grants=trust_data.grants(conn),
        checkpoints=checkpoints,
        cutoffs=trust_data.cutoffs(conn),
    )
    guard.unknown = unknown
    return guard


def _conflict_records(conn: Conn, merge: MergeResult) -> dict[tuple[str, str], str]:
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


def _describe(conn: Conn, bundle: OpenedBundle, *, sealed: bool, size: int) -> BundleCheck:
    m = bundle.manifest
    src = m["source"]
    key = src["public_key"]
    rec = trust_data.record(conn, src["id"])
    if rec is not None and rec.is_self:
        raise BundleRejected("sync.own_bundle", file=bundle.label)
    claims: tuple[str, str, str | None] | None = None
    revoked = trust_data.revocation(conn, src["id"])
    if revoked is not None:
        # Whatever key it signs with: --trust must not undo a person's decision.
        trust = "revoked"
        name = rec.name if rec is not None and rec.name else src["name"]
        source = Peer(src["id"], name, rec.role if rec else src["role"], key, False, False)
    elif rec is None or not rec.trusted or not rec.public_key:
        # Never accepted here: the sender's own claims are what a person is shown.
        trust = "unknown"
        source = Peer(src["id"], src["name"], src["role"], key, False, False)
    else:
        trust = "trusted" if rec.public_key == key else "key_mismatch"
        claimed_region = src.get("region")
        if trust == "trusted" and (
            src["role"] != rec.role
            or (rec.region is not None and claimed_region not in (None, rec.region))
        ):
            # A sender that now calls itself the centre (or another county's office) is
            # not believed: only a person here may accept the change (--trust).
            trust = "claims_changed"
        # Accepted here: the record is the truth, whatever the sender now claims.
        source = Peer(
            rec.id, rec.name or src["name"], rec.role, key, trust != "key_mismatch", False
        )
        claims = (src["name"], src["role"], claimed_region)
    if m["schema"] not in migrate.KNOWN:
        raise BundleRejected("sync.newer_schema", file=bundle.label, schema=m["schema"])
    received = bundles_data.received_manifest(conn, bundle_id=m["bundle_id"])
    if received is not None and received != bundle.manifest_sha256:
        raise BundleRejected("sync.bundle_id_reused", file=bundle.label, bundle_id=m["bundle_id"])
    held = own_vector(conn)
    return BundleCheck(
        file=bundle.label,
        bundle_id=m["bundle_id"],
        created_at=m["created_at"],
        source=source,
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
            src["id"]: source.name,
        },
        claimed_region=src.get("region"),
        claims=claims,
        revocation=revoked,
    )


def revoked_problem(check: BundleCheck) -> BundleRejected | None:
    """The refusal of a bundle signed by a replica this one revoked."""
    rev = check.revocation
    if check.trust != "revoked" or rev is None:
        return None
    return BundleRejected(
        "sync.revoked",
        file=check.file,
        name=check.source.name,
        at=rev.revoked_at[:16],
        reason=rev.reason,
        through=rev.through,
    )


def _require_trust(check: BundleCheck, *, trust: bool) -> None:
    revoked = revoked_problem(check)
    if revoked is not None:
        raise revoked
    if check.trust == "key_mismatch":
        raise BundleRejected("sync.key_mismatch", file=check.file, name=check.source.name)
    if check.trust == "unknown" and not trust:
        raise BundleRejected(
            "sync.untrusted",
            file=check.file,
            name=check.source.name,
            fingerprint=check.fingerprint,
        )
    if check.trust == "claims_changed" and not trust:
        assert check.claims is not None
        raise BundleRejected(
            "sync.claims_changed",
            file=check.file,
            name=check.source.name,
            role=role_label(check.source.role),
            claimed_name=check.claims[0],
            claimed_role=role_label(check.claims[1]),
        )


def role_label(role: str) -> str:
    from inspector.domain.choices import ReplicaRole
    from inspector.i18n import language

    member = ReplicaRole.parse(role)
    return member.label(language()) if member else role


def _require_prerequisites(conn: Conn, check: BundleCheck) -> None:
    held = own_vector(conn)
    if covers(held, check.prerequisites):
        return
    names = {**check.replica_names}
    names.update({r.id: r.name for r in trust_data.records(conn) if r.name})
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


def _remember_source(conn: Conn, check: BundleCheck, bundle: OpenedBundle) -> None:
    """On first contact, a person has just accepted the sender's key (`--trust`, or the
    trust dialog): record it with the name, role and region the sender gave. Later
    bundles change nothing here (a sender that renames itself, or calls itself the
    centre, is not believed), except that a replica accepted before regions were
    recorded has its claim taken once."""
    src = check.source
    if check.trust == "claims_changed" and check.claims is not None:
        # A person here confirmed the change (--trust): their decision.
        name, role, region = check.claims
        trust_data.accept_by_person(
            conn, replica_id=src.id, name=name, role=role, region=region, key=str(src.public_key)
        )
    elif check.trust == "unknown":
        trust_data.accept_by_person(
            conn,
            replica_id=src.id,
            name=src.name,
            role=src.role,
            region=check.claimed_region,
            key=str(src.public_key),
        )
    elif check.claimed_region:
        trust_data.fill_region(conn, src.id, check.claimed_region)


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
    conn: Conn,
    bundle: OpenedBundle,
    check: BundleCheck,
    self_id: str,
    guard: Guard,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> MergeResult:
    merger = Merger(conn, bundle_id=check.bundle_id, self_id=self_id, guard=guard)
    merger.defer_log_index(check.operations)
    total = max(1, check.operations)
    # Parsing allocates a million small objects and no cycles: see Merger.apply. The
    # collector stays off until the merge has finished with them, too.
    enabled = gc.isenabled()
    gc.disable()
    try:
        # Reading, parsing and admitting the next batch (no table touched) runs beside
        # the merge: in another process for a large bundle, else in another thread.
        def in_a_thread() -> Generator[Admitted, None, None]:
            return _read_ahead(merger.admit(batch) for batch in iter_operations(bundle, cancel))

        source: Generator[Admitted, None, None]
        if check.operations >= admission.PROCESS_OPERATIONS:
            source = admission.admitted_elsewhere(bundle, merger, cancel, otherwise=in_a_thread)
        else:
            source = in_a_thread()
        # Closed here when the merge stops early (a refusal), not whenever the refusal's
        # traceback lets go of it: that stops the other thread or process at once.
        with contextlib.closing(source) as admitted:
            for batch in admitted:
                merger.apply_admitted(batch)
                if progress:
                    progress(0.3 + 0.55 * min(1.0, merger.result.received / total))
        result = merger.finish()
        result.passed_over = guard.passed_over
        return result
    finally:
        if enabled:
            gc.enable()


def _read_ahead(batches: Iterator[_T], depth: int = 2) -> Generator[_T, None, None]:
    """`batches`, read and parsed one or two ahead in another thread: inflating, hashing
    and parsing the next operation file overlaps the merge of this one, which spends
    much of its time in SQLite (which lets other threads run)."""
    import queue

    box: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for batch in batches:
                while not stop.is_set():
                    try:
                        box.put(("batch", batch), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            box.put(("end", None))
        except BaseException as exc:  # handed to the consumer, raised there
            box.put(("error", exc))

    worker = threading.Thread(target=produce, name="bundle-reader", daemon=True)
    worker.start()
    try:
        while True:
            kind, item = box.get()
            if kind == "end":
                return
            if kind == "error":
                raise item
            yield item
    finally:
        stop.set()
        while worker.is_alive():
            with contextlib.suppress(queue.Empty):
                box.get(timeout=0.1)
        worker.join()


def _stage_photos(
    db: Database,
    conn: Conn,
    bundle: OpenedBundle,
    result: ImportResult,
    staging: Path,
    dry_run: bool,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> None:
    """Write the bundle's originals into `staging` (hashed again as they stream); they
    join the store once the import has committed. An original no photo record here
    names is not kept."""
    members = bundle.photo_members()
    total = max(1, sum(m.size for m in members))
    done = 0
    known = trust_data.photo_records(conn, [m.sha256 for m in members])
    for member in members:
        sha = member.sha256
        if sha not in known:
            result.photos_unreferenced += 1
        elif photostore.has(db.path, sha):
            result.photos_present += 1
        elif not dry_run:
            photostore.stage_chunks(staging, bundle.stream(member, cancel), expected=sha)
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
    conn: Conn,
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
    bundles_data.record_bundle(
        conn,
        bundle_id=bundle_id,
        direction=direction,
        manifest_sha256=manifest_sha256,
        file_name=file_name,
        peer_id=peer.id if peer else None,
        peer_name=peer.name if peer else "",
        created_at=created_at,
        actor=actor,
        operations=operations,
        photos=photos,
        size_bytes=size_bytes,
        encrypted=encrypted,
        counts=counts,
    )


def bundle_history(db: Database, *, limit: int = 200) -> list[dict[str, Any]]:
    """Bundles sent and received, newest first, with what each carried or changed."""
    with db.read() as conn:
        records = bundles_data.history(conn, limit=limit)
    return [r._asdict() for r in records]


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
        revoked = trust_data.revocations(conn)
        peers = []
        for peer in replicas:
            if peer.is_self:
                continue
            known = peer_vector(conn, peer.id)
            lacking = sum(max(0, seq - known.get(origin, 0)) for origin, seq in held.items())
            rev = revoked.get(peer.id)
            peers.append(
                {
                    **peer.as_json(),
                    "known_vector": known,
                    "operations_lacking": lacking,
                    "revoked": None
                    if rev is None
                    else {"through": rev.through, "at": rev.revoked_at, "reason": rev.reason},
                }
            )
        central = default_target(conn)
        safe, pending = _centre_counts(conn, me.id, central)
    return SyncStatus(me, held, peers, central, safe, pending)


def _centre_counts(conn: Conn, self_id: str, central: Peer | None) -> tuple[int, int]:
    total = records_edited(conn, origin=self_id)
    if central is None:
        return 0, total
    known = peer_vector(conn, central.id).get(self_id, 0)
    pending = records_edited(conn, origin=self_id, after=known)
    return total - pending, pending


def records_not_at_centre(db: Database, *, limit: int | None = 500) -> list[dict[str, Any]]:
    """Records edited here whose latest edits the central record has not acknowledged:
    everything else this replica made is safely at the centre (its receipt says so)."""
    with db.read() as conn:
        me = next(p for p in known_replicas(conn) if p.is_self)
        central = default_target(conn)
        return unsynced_records(
            conn, self_id=me.id, peer_id=central.id if central else "", limit=limit
        )
