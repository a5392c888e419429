"""The bundle file, format version 2 (DESIGN §5): writing it, and reading it safely.

A ZIP whose first member is `manifest.json`, then `manifest.sig` (the Ed25519 signature
of the manifest's exact bytes), then operation files `ops/NNNNNN.jsonl` (one operation
per line, a JSON array: op_id, origin, seq, hlc, entity, row_id, fields, bases, actor,
reason; in (hlc, origin) order across files) and photo files `photos/<sha256>`. The
manifest lists every other member with its size and SHA-256.

Reading treats the file as hostile until proven otherwise. Nothing is ever extracted; the
central directory is checked before any member is read (strict names, no duplicates, no
links, no overlapping entries, only stored or deflated members, caps on count); the
manifest is read under a byte cap and its signature verified before anything else is
believed; then only listed members are read, each counted and hashed while it streams,
never trusting the sizes the ZIP headers claim.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import stat
import struct
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import orjson

from inspector.i18n import Problem
from inspector.locations import create_private_file
from inspector.models.spec import DATETIME_FORMAT, INT64_MAX, holds_nul
from inspector.services.sync.crypto import check_cancel, sign, verify_signature
from inspector.services.sync.errors import BundleRejected
from inspector.services.zipcheck import UnsafeArchive, check_layout, expands_too_far

FORMAT = "outfall-inspector-bundle"
#: 2: every operation covered by a checkpoint its origin signed, registrations by the
#: central record, originals the source lacks. Version 1 bundles (unsigned operations)
#: are refused with a sentence saying to update the program that wrote them.
VERSION = 2
#: Caps on the lists a manifest may carry.
MAX_REGISTRATIONS = 10_000
MAX_CHECKPOINTS = 10_000
MAX_LACKING = 100_000
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"

MEMBER_NAME = re.compile(r"^(ops/[0-9]{6}\.jsonl|photos/[0-9a-f]{64})$")

MAX_MANIFEST_BYTES = 32 << 20
MAX_MEMBERS = 200_000
MAX_OPS_MEMBER = 64 << 20
MAX_PHOTO_MEMBER = 1 << 30
MAX_TOTAL_BYTES = 1 << 40
OPS_PER_FILE = 50_000
READ_CHUNK = 1 << 20

Progress = Callable[[float], None]

#: What a damaged or doctored member raises while it is read (CRC, deflate, header errors).
_DAMAGED = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    zlib.error,
    struct.error,
    ValueError,
)


# -- writing --------------------------------------------------------------------------------


@dataclass
class _Part:
    name: str
    size: int
    sha256: str
    path: Path | None = None
    """Staged file (operation files); photos are read from the store when written."""


def _op_line(row: tuple[Any, ...]) -> bytes:
    op_id, origin, seq, hlc, entity, row_id, fields, bases, actor, reason = row
    return (
        orjson.dumps(
            [
                op_id,
                origin,
                seq,
                hlc,
                entity,
                row_id,
                orjson.Fragment(fields),
                orjson.Fragment(bases or "{}"),
                actor,
                reason,
            ]
        )
        + b"\n"
    )


def write_bundle(
    path: Path,
    *,
    manifest: dict[str, Any],
    operations: Iterable[tuple[Any, ...]],
    operation_count: int,
    photos: list[tuple[str, Path]],
    private_key: Any,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> tuple[dict[str, Any], bytes]:
    """Write a bundle to `path` (atomically: a temporary name, then a rename).

    `operations` are stored rows (fields and bases as JSON text) in (hlc, origin) order;
    `photos` are (sha256, file) pairs. Memory stays bounded: operation files are staged
    on disk beside the target, photos stream from the store. Returns the manifest and its
    exact bytes.
    """
    photo_bytes = sum(p.stat().st_size for _, p in photos)
    units = max(1, operation_count + photo_bytes // 4096)
    done = 0
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    partial = path.with_name(path.name + ".partial")
    try:
        parts: list[_Part] = []
        ops_written = 0
        out: IO[bytes] | None = None
        digest = hashlib.sha256()
        size = 0
        in_file = 0

        def close_part() -> None:
            nonlocal out
            if out is not None:
                out.close()
                parts[-1].size = size
                parts[-1].sha256 = digest.hexdigest()
                out = None

        for row in operations:
            if out is None or in_file >= OPS_PER_FILE or size >= MAX_OPS_MEMBER // 4:
                close_part()
                name = f"ops/{len(parts) + 1:06d}.jsonl"
                staged = staging / f"{len(parts) + 1:06d}.jsonl"
                parts.append(_Part(name, 0, "", staged))
                out = staged.open("wb")
                digest = hashlib.sha256()
                size = 0
                in_file = 0
            line = _op_line(row)
            out.write(line)
            digest.update(line)
            size += len(line)
            in_file += 1
            ops_written += 1
            if ops_written % 10_000 == 0:
                check_cancel(cancel)
                done = ops_written
                if progress:
                    progress(0.9 * done / units)
        close_part()
        if ops_written != operation_count:
            raise RuntimeError(f"expected {operation_count} operations, read {ops_written}")
        for sha, source in photos:
            parts.append(_Part(f"photos/{sha}", source.stat().st_size, sha, source))
        manifest = {
            **manifest,
            "members": [{"name": p.name, "size": p.size, "sha256": p.sha256} for p in parts],
        }
        manifest_bytes = orjson.dumps(manifest, option=orjson.OPT_INDENT_2)
        signature = sign(private_key, manifest_bytes)
        # A bundle holds the register, phone numbers included: owner-only (an encrypted
        # one is sealed from this file by the exchange).
        create_private_file(partial)
        with zipfile.ZipFile(partial, "w", allowZip64=True) as zf:
            zf.writestr(_info(MANIFEST, zipfile.ZIP_DEFLATED), manifest_bytes)
            zf.writestr(_info(SIGNATURE, zipfile.ZIP_STORED), signature)
            for part in parts:
                check_cancel(cancel)
                assert part.path is not None
                is_photo = part.name.startswith("photos/")
                info = _info(part.name, zipfile.ZIP_STORED if is_photo else zipfile.ZIP_DEFLATED)
                info.file_size = part.size
                check = hashlib.sha256()
                with part.path.open("rb") as src, zf.open(info, "w", force_zip64=True) as dst:
                    while chunk := src.read(READ_CHUNK):
                        check.update(chunk)
                        dst.write(chunk)
                        if is_photo:
                            done += len(chunk) // 4096
                if check.hexdigest() != part.sha256:
                    # A photo in the store no longer matches its name: never send it on.
                    raise Problem("sync.photo_damaged", sha256=part.sha256)
                if is_photo and progress:
                    check_cancel(cancel)
                    progress(0.9 * done / units)
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, path)
        if progress:
            progress(1.0)
        return manifest, manifest_bytes
    finally:
        partial.unlink(missing_ok=True)
        for leftover in staging.iterdir():
            leftover.unlink()
        staging.rmdir()


def _info(name: str, compression: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = compression
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    if compression == zipfile.ZIP_DEFLATED:
        info._compresslevel = 1  # type: ignore[attr-defined]  # speed over the last 10 %
    return info


# -- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    name: str
    size: int
    sha256: str


@dataclass
class OpenedBundle:
    """A bundle whose structure and manifest signature have been checked."""

    path: Path
    label: str
    """The file name people know it by (a sealed bundle is read from a temporary copy)."""
    manifest: dict[str, Any]
    manifest_bytes: bytes
    manifest_sha256: str
    members: list[Member]
    zf: zipfile.ZipFile
    infos: dict[str, zipfile.ZipInfo] = field(default_factory=dict)

    @property
    def source(self) -> dict[str, Any]:
        return dict(self.manifest["source"])

    def op_members(self) -> list[Member]:
        return [m for m in self.members if m.name.startswith("ops/")]

    def photo_members(self) -> list[Member]:
        return [m for m in self.members if m.name.startswith("photos/")]

    def stream(self, member: Member, cancel: threading.Event | None = None) -> Iterator[bytes]:
        """The member's bytes in chunks, counted and hashed as they come: more bytes than
        the manifest says, fewer, or a different hash, and the bundle is rejected."""
        digest = hashlib.sha256()
        total = 0
        try:
            with self.zf.open(self.infos[member.name]) as fh:
                while True:
                    check_cancel(cancel)
                    chunk = fh.read(READ_CHUNK)
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > member.size:
                        raise BundleRejected(
                            "sync.member_size", file=self.label, member=member.name
                        )
                    digest.update(chunk)
                    yield chunk
        except _DAMAGED:
            raise BundleRejected(
                "sync.member_damaged", file=self.label, member=member.name
            ) from None
        if total != member.size:
            raise BundleRejected("sync.member_size", file=self.label, member=member.name)
        if digest.hexdigest() != member.sha256:
            raise BundleRejected("sync.member_hash", file=self.label, member=member.name)

    def read_member(self, member: Member, cancel: threading.Event | None = None) -> bytes:
        return b"".join(self.stream(member, cancel))

    def close(self) -> None:
        self.zf.close()


def _reject(key: str, label: str, **params: Any) -> BundleRejected:
    return BundleRejected(key, file=label, **params)


@contextlib.contextmanager
def open_bundle(path: Path, *, label: str | None = None) -> Iterator[OpenedBundle]:
    """Open a bundle, check its structure and its manifest's signature (against the key
    the manifest names: whether that key is trusted is the caller's question)."""
    label = label or path.name
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, struct.error):
        raise _reject("sync.not_a_bundle", label) from None
    try:
        yield _check(path, label, zf)
    finally:
        zf.close()


def _check(path: Path, label: str, zf: zipfile.ZipFile) -> OpenedBundle:
    infos = zf.infolist()
    if not infos or len(infos) > MAX_MEMBERS + 2:
        raise _reject("sync.too_many_members", label, limit=MAX_MEMBERS)
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise _reject("sync.duplicate_member", label)
    if names[0] != MANIFEST or len(names) < 2 or names[1] != SIGNATURE:
        raise _reject("sync.no_manifest", label)
    for info in infos:
        name = info.filename
        if name not in (MANIFEST, SIGNATURE) and not MEMBER_NAME.match(name):
            raise _reject("sync.bad_member_name", label, member=name[:120])
        # Links, devices and folders carry their type in the high bits; plain files written
        # by some tools carry permission bits only.
        kind = stat.S_IFMT(info.external_attr >> 16)
        if kind and kind != stat.S_IFREG:
            raise _reject("sync.bad_member_type", label, member=name)
        if info.flag_bits & 0x1:
            raise _reject("sync.bad_member_type", label, member=name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _reject("sync.bad_member_type", label, member=name)
    _check_no_overlap(label, zf, infos)
    by_name = {i.filename: i for i in infos}
    manifest_bytes = _read_capped(label, zf, by_name[MANIFEST], MAX_MANIFEST_BYTES)
    signature = _read_capped(label, zf, by_name[SIGNATURE], 64)
    try:
        manifest = orjson.loads(manifest_bytes)
    except orjson.JSONDecodeError:
        raise _reject("sync.bad_manifest", label, detail="JSON") from None
    if not isinstance(manifest, dict):
        raise _reject("sync.bad_manifest", label, detail="JSON")
    source = manifest.get("source")
    key = source.get("public_key") if isinstance(source, dict) else None
    if not isinstance(key, str) or not re.fullmatch(r"[0-9a-f]{64}", key):
        raise _reject("sync.bad_manifest", label, detail="source.public_key")
    if len(signature) != 64 or not verify_signature(key, signature, manifest_bytes):
        raise _reject("sync.bad_signature", label)
    # From here on the manifest is what its signer wrote.
    members = _validate_manifest(label, manifest)
    listed = {m.name for m in members}
    for name in by_name:
        if name not in (MANIFEST, SIGNATURE) and name not in listed:
            raise _reject("sync.unlisted_member", label, member=name)
    for member in members:
        if member.name not in by_name:
            raise _reject("sync.missing_member", label, member=member.name)
        info = by_name[member.name]
        cap = MAX_PHOTO_MEMBER if member.name.startswith("photos/") else MAX_OPS_MEMBER
        if member.size > cap:
            raise _reject("sync.member_too_big", label, member=member.name)
        if expands_too_far(member.size, info):
            raise _reject("sync.compression_ratio", label, member=member.name)
        if info.compress_type == zipfile.ZIP_STORED and info.compress_size != member.size:
            raise _reject("sync.member_size", label, member=member.name)
    if sum(m.size for m in members) > MAX_TOTAL_BYTES:
        raise _reject("sync.member_too_big", label, member="*")
    return OpenedBundle(
        path=path,
        label=label,
        manifest=manifest,
        manifest_bytes=manifest_bytes,
        manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
        members=members,
        zf=zf,
        infos=by_name,
    )


def _check_no_overlap(label: str, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    try:
        check_layout(zf, infos)
    except UnsafeArchive as unsafe:
        if unsafe.reason == "damaged":
            raise _reject("sync.not_a_bundle", label) from None
        raise _reject("sync.overlapping_members", label, member=unsafe.member) from None


def _read_capped(label: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """Read a member of unknown honesty: stop as soon as it exceeds `cap` bytes."""
    out = bytearray()
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(65536):
                out += chunk
                if len(out) > cap:
                    raise _reject("sync.manifest_too_big", label, member=info.filename, limit=cap)
    except _DAMAGED:
        raise _reject("sync.member_damaged", label, member=info.filename) from None
    return bytes(out)


def _validate_manifest(label: str, manifest: dict[str, Any]) -> list[Member]:
    def bad(detail: str) -> BundleRejected:
        return _reject("sync.bad_manifest", label, detail=detail)

    if manifest.get("format") != FORMAT:
        raise bad("format")
    if not isinstance(manifest.get("version"), int):
        raise bad("version")
    if manifest["version"] == 1:
        raise _reject("sync.bundle_unsigned_version", label)
    if manifest["version"] != VERSION:
        raise _reject("sync.bundle_version", label, version=manifest["version"])
    for key in ("bundle_id", "created_at", "schema", "app_version"):
        if not isinstance(manifest.get(key), str) or len(manifest[key]) > 64:
            raise bad(key)
    # Stored as they are, in columns PostgreSQL checks (an id of 36 characters, a
    # time) and SQLite does not: each is checked here, for both engines alike.
    if not _UUID.fullmatch(manifest["bundle_id"]):
        raise bad("bundle_id")
    try:
        dt.datetime.strptime(manifest["created_at"], DATETIME_FORMAT)
    except ValueError:
        raise bad("created_at") from None
    if holds_nul(manifest):
        raise bad("NUL")
    source = manifest["source"]
    for key in ("id", "name", "role"):
        if not isinstance(source.get(key), str) or len(source[key]) > 100:
            raise bad(f"source.{key}")
    if len(source["id"]) > 64:
        raise bad("source.id")
    region = source.get("region")
    if region is not None and not (isinstance(region, str) and 0 < len(region) <= 12):
        raise bad("source.region")
    target = manifest.get("target")
    if target is not None and not (isinstance(target, str) and len(target) <= 64):
        raise bad("target")
    for key in ("prerequisites", "resulting"):
        vector = manifest.get(key)
        if not isinstance(vector, dict) or not all(
            isinstance(k, str) and len(k) <= 36 and type(v) is int and 0 <= v <= INT64_MAX
            for k, v in vector.items()
        ):
            raise bad(key)
    replicas = manifest.get("replicas", [])
    if not isinstance(replicas, list) or not all(
        isinstance(r, dict)
        and isinstance(r.get("id"), str)
        and len(r["id"]) <= 36
        and isinstance(r.get("name"), str)
        and len(r["name"]) <= 100
        for r in replicas
    ):
        raise bad("replicas")
    for key, cap, kind in (
        ("registrations", MAX_REGISTRATIONS, str),
        ("revocations", MAX_REGISTRATIONS, str),
        ("checkpoints", MAX_CHECKPOINTS, dict),
        ("lacking_photos", MAX_LACKING, str),
    ):
        items = manifest.get(key, [])
        if (
            not isinstance(items, list)
            or len(items) > cap
            or not all(isinstance(i, kind) for i in items)
        ):
            raise bad(key)
    if not all(_SHA256.fullmatch(h) for h in manifest.get("lacking_photos", [])):
        raise bad("lacking_photos")
    counts = manifest.get("counts")
    if not isinstance(counts, dict) or not all(type(v) is int for v in counts.values()):
        raise bad("counts")
    raw = manifest.get("members")
    if not isinstance(raw, list) or len(raw) > MAX_MEMBERS:
        raise bad("members")
    members = []
    seen = set()
    for item in raw:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("name"), str)
            and MEMBER_NAME.match(item["name"])
            and type(item.get("size")) is int
            and item["size"] >= 0
            and isinstance(item.get("sha256"), str)
            and re.fullmatch(r"[0-9a-f]{64}", item["sha256"])
        ):
            raise bad("members")
        if item["name"] in seen:
            raise bad("members")
        if item["name"].startswith("photos/") and item["name"][7:] != item["sha256"]:
            raise bad("members")
        seen.add(item["name"])
        members.append(Member(item["name"], item["size"], item["sha256"]))
    return members


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


#: Operations merged at a time: each batch's rows are read and written with a few
#: statements.
BATCH_OPERATIONS = 50_000


def iter_operations(
    bundle: OpenedBundle, cancel: threading.Event | None = None, batch: int | None = None
) -> Iterator[list[Any]]:
    """The bundle's operations in batches (of `BATCH_OPERATIONS`), parsed from lines
    that have passed the hash check (a member is read whole, at most `MAX_OPS_MEMBER`
    bytes, before parsing)."""
    batch = batch or BATCH_OPERATIONS
    loads = orjson.loads
    for member in bundle.op_members():
        data = bundle.read_member(member, cancel)
        # JSON text never holds a raw newline (it is escaped inside strings), so a file of
        # lines is one JSON array once its newlines become commas: one parse per file
        # instead of one per line. A blank or broken line fails the whole file.
        try:
            ops = loads(b"[" + data.rstrip(b"\n").replace(b"\n", b",") + b"]") if data else []
        except orjson.JSONDecodeError:
            raise _reject("sync.malformed_line", bundle.label, member=member.name) from None
        del data
        for start in range(0, len(ops), batch):
            yield ops[start : start + batch]
