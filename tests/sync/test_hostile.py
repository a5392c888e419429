"""Hostile bundles: each refused with exit status 2 (a replay: a no-op with 0), and the
database and the photo store byte-identical afterwards.

The hostile files are signed with the trusted source's real key wherever the attack is
structural, so it is the structural defence that must stop them, not the signature.
"""

from __future__ import annotations

import hashlib
import stat
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from inspector import locations
from inspector.cli import run
from inspector.data import photostore
from inspector.data.db import Database
from inspector.models import Outfall, Photo
from inspector.services import register as reg
from inspector.services.replica import load_private_key
from inspector.services.sync.exchange import export_bundle, import_bundle
from tests.sync.conftest import OUTFALL, files_of


class Lab:
    """field1 (trusted by central) and a valid bundle to twist into hostile ones."""

    def __init__(self, dbs: dict[str, Database], folder: Path, photo: Path) -> None:
        self.source, self.target, self.folder = dbs["field1"], dbs["central"], folder
        with self.source.write() as w:
            self.oid = reg.create_outfall(w, OUTFALL)
        first = folder / "first.bundle"
        export_bundle(self.source, first, everything=True)
        import_bundle(self.target, first, trust=True)
        sha, _ = photostore.store_file(self.source.path, photo)
        with self.source.write() as w:
            w.update(Outfall, self.oid, {"notes": "第二批"})
            w.create(
                Photo,
                {"original_name": photo.name, "format": "jpeg", "size_bytes": 1},
                row_id=sha,
            )
        self.valid = folder / "valid.bundle"
        export_bundle(self.source, self.valid, everything=True)
        with zipfile.ZipFile(self.valid) as zf:
            self.members = {i.filename: zf.read(i) for i in zf.infolist()}
        self.manifest = orjson.loads(self.members["manifest.json"])
        self.key = load_private_key(self.source.path)
        self.capsys: pytest.CaptureFixture[str]

    def snapshot(self) -> tuple[bytes, dict[str, bytes]]:
        with self.target.read() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return (
            self.target.path.read_bytes(),
            files_of(locations.photo_store(self.target.path)),
        )

    def write(
        self,
        name: str,
        members: list[tuple[str, bytes]] | None = None,
        *,
        manifest: dict[str, Any] | None = None,
        sign: bool = True,
        listed: list[dict[str, Any]] | None = None,
        tweak: Callable[[zipfile.ZipInfo], None] | None = None,
    ) -> Path:
        """A bundle from `members` (default: the valid one's), with a manifest listing
        `listed` (default: what the members really are) signed by the trusted key."""
        members = (
            [(n, b) for n, b in self.members.items() if n not in ("manifest.json", "manifest.sig")]
            if members is None
            else members
        )
        doc = dict(manifest or self.manifest)
        doc["members"] = (
            listed
            if listed is not None
            else [
                {"name": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
                for n, b in members
            ]
        )
        manifest_bytes = orjson.dumps(doc)
        signature = self.key.sign(manifest_bytes) if sign else b"\0" * 64
        path = self.folder / name
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("manifest.json", manifest_bytes, compress_type=zipfile.ZIP_DEFLATED)
            zf.writestr("manifest.sig", signature)
            for member, data in members:
                info = zipfile.ZipInfo(member)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                if tweak:
                    tweak(info)
                zf.writestr(info, data)
        return path


@pytest.fixture
def lab(  # type: ignore[no-untyped-def]
    make_replicas, tmp_path: Path, capsys: pytest.CaptureFixture[str], sample_photos: list[Path]
) -> Lab:
    made = Lab(make_replicas("field1", "central"), tmp_path, sample_photos[0])
    made.capsys = capsys
    return made


def refused(lab: Lab, path: Path, because: str, *extra: str, code: int = 2) -> None:
    """Import through the real command line: refused for the reason named, nothing
    changed in the database or the photo store."""
    before = lab.snapshot()
    lab.capsys.readouterr()
    status = run(["--db", str(lab.target.path), "bundle", "import", str(path), *extra])
    message = lab.capsys.readouterr()
    assert status == code, message
    assert because in (message.err + message.out), message
    assert lab.snapshot() == before


def op_members(lab: Lab) -> list[tuple[str, bytes]]:
    return [(n, b) for n, b in lab.members.items() if n.startswith(("ops/", "photos/"))]


def test_the_valid_bundle_imports_and_a_replay_is_a_no_op(lab: Lab) -> None:
    assert run(["--db", str(lab.target.path), "bundle", "import", str(lab.valid)]) == 0
    refused(lab, lab.valid, "imported before", code=0)


@pytest.mark.parametrize(
    "name", ["../../evil.jsonl", "/etc/cron.d/evil", "ops/../../x.jsonl", "C:\\evil", "ops/1.json"]
)
def test_forbidden_member_names(lab: Lab, name: str) -> None:
    refused(lab, lab.write("bad.bundle", [*op_members(lab), (name, b"[]\n")]), "forbidden name")


def test_symlink_entries(lab: Lab) -> None:
    def link(info: zipfile.ZipInfo) -> None:
        info.external_attr = (stat.S_IFLNK | 0o777) << 16

    refused(lab, lab.write("link.bundle", tweak=link), "not a plain file")


def test_duplicate_member_names(lab: Lab) -> None:
    members = op_members(lab)
    with pytest.warns(UserWarning, match="Duplicate name"):
        path = lab.write("dup.bundle", [*members, members[0]])
    refused(lab, path, "same name")


def test_overlapping_entries_zip_bomb(lab: Lab) -> None:
    """Two central-directory entries sharing one local file (Fifield's construction)."""
    data = b"x" * 50_000
    path = lab.write("overlap.bundle", [("ops/000001.jsonl", data), ("ops/000002.jsonl", data)])
    raw = bytearray(path.read_bytes())
    # Point the second entry's central header at the first entry's local header.
    eocd = raw.rfind(b"PK\x05\x06")
    (cd_offset,) = struct.unpack("<I", raw[eocd + 16 : eocd + 20])
    offsets = []
    pos = cd_offset
    while raw[pos : pos + 4] == b"PK\x01\x02":
        n, m, k = struct.unpack("<HHH", raw[pos + 28 : pos + 34])
        offsets.append(pos)
        pos += 46 + n + m + k
    first_local = struct.unpack("<I", raw[offsets[2] + 42 : offsets[2] + 46])[0]
    raw[offsets[3] + 42 : offsets[3] + 46] = struct.pack("<I", first_local)
    path.write_bytes(bytes(raw))
    refused(lab, path, "overlapping")


def test_high_ratio_zip_bomb(lab: Lab) -> None:
    bomb = b"\n" * (8 << 20)
    refused(
        lab,
        lab.write("bomb.bundle", [*op_members(lab), ("ops/000009.jsonl", bomb)]),
        "compression ratio",
    )


def test_oversized_manifest(lab: Lab) -> None:
    manifest = {**lab.manifest, "padding": "x" * (33 << 20)}
    refused(lab, lab.write("big.bundle", manifest=manifest), "larger than")


def test_members_the_manifest_does_not_list(lab: Lab) -> None:
    members = op_members(lab)
    listed = [
        {"name": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()} for n, b in members
    ]
    path = lab.write("unlisted.bundle", [*members, ("ops/000077.jsonl", b"")], listed=listed)
    refused(lab, path, "does not list")


def test_listed_members_missing(lab: Lab) -> None:
    members = op_members(lab)
    listed = [
        {"name": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()} for n, b in members
    ]
    listed.append({"name": "ops/000002.jsonl", "size": 3, "sha256": "0" * 64})
    refused(lab, lab.write("missing.bundle", members, listed=listed), "lacks the member")


def test_altered_member(lab: Lab) -> None:
    members = op_members(lab)
    listed = [
        {"name": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()} for n, b in members
    ]
    altered = [(n, b.replace("第二批".encode(), "第三批".encode())) for n, b in members]
    assert altered != members
    refused(lab, lab.write("altered.bundle", altered, listed=listed), "SHA-256 differs")


def test_altered_photo(lab: Lab) -> None:
    members = op_members(lab)
    listed = [
        {"name": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()} for n, b in members
    ]
    altered = [(n, b[:-1] + b"\0" if n.startswith("photos/") else b) for n, b in members]
    refused(lab, lab.write("photo.bundle", altered, listed=listed), "SHA-256 differs")


def test_altered_manifest(lab: Lab) -> None:
    raw = bytearray(lab.valid.read_bytes())
    with zipfile.ZipFile(lab.valid) as zf:
        info = zf.getinfo("manifest.json")
        manifest = zf.read(info)
    doctored = manifest.replace(b'"field1"', b'"field9"')
    path = lab.folder / "doctored.bundle"
    with zipfile.ZipFile(path, "w") as out, zipfile.ZipFile(lab.valid) as zf:
        for item in zf.infolist():
            data = doctored if item.filename == "manifest.json" else zf.read(item)
            out.writestr(item, data)
    assert raw
    refused(lab, path, "signature")


def test_bad_signature_bytes(lab: Lab) -> None:
    refused(lab, lab.write("unsigned.bundle", sign=False), "signature")


def test_valid_signature_by_an_untrusted_key(lab: Lab, make_replicas) -> None:  # type: ignore[no-untyped-def]
    stranger = make_replicas("field2")["field2"]
    with stranger.write() as w:
        reg.create_outfall(w, {**OUTFALL, "lat": 35.3})
    path = lab.folder / "stranger.bundle"
    export_bundle(stranger, path, everything=True)
    refused(lab, path, "not trusted")


def test_key_change_for_a_known_replica(lab: Lab) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    other = Ed25519PrivateKey.generate()
    public = other.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    manifest = {**lab.manifest, "source": {**lab.manifest["source"], "public_key": public.hex()}}
    lab.key = other
    refused(lab, lab.write("impostor.bundle", manifest=manifest), "different key", "--trust")


def test_bundle_from_a_newer_schema(lab: Lab) -> None:
    refused(
        lab, lab.write("newer.bundle", manifest={**lab.manifest, "schema": "9999"}), "newer version"
    )


def test_bundle_of_a_newer_format(lab: Lab) -> None:
    refused(lab, lab.write("v3.bundle", manifest={**lab.manifest, "version": 3}), "format version")


def test_bundle_of_the_unsigned_format_is_refused_with_what_to_do(lab: Lab) -> None:
    """Version 1 bundles (written before operations were signed) are refused whole, with
    the sentence saying to update the program that wrote them."""
    old = {k: v for k, v in lab.manifest.items() if k not in ("checkpoints", "registrations")}
    refused(lab, lab.write("v1.bundle", manifest={**old, "version": 1}), "earlier version")


def test_truncated_file(lab: Lab) -> None:
    raw = lab.valid.read_bytes()
    for cut in (len(raw) // 3, len(raw) - 30):
        path = lab.folder / f"cut{cut}.bundle"
        path.write_bytes(raw[:cut])
        refused(lab, path, "not a sync bundle")


def test_not_a_zip(lab: Lab) -> None:
    for name, data in (("text.bundle", "排污口台账\n".encode()), ("empty.bundle", b"")):
        path = lab.folder / name
        path.write_bytes(data)
        refused(lab, path, "not a sync bundle")


def test_signed_garbage_operations(lab: Lab) -> None:
    """A trusted source's bundle whose operations name columns that do not exist (SQL
    built from them would be injection): refused during the merge, rolled back."""
    line = orjson.dumps(
        [
            "01a20a00-0000-7000-8000-000000000000", lab.source.replica_id, 3, 1 << 50,
            "outfall", lab.oid, {"notes=1; DROP TABLE op; --": "x"}, {}, "x", None,
        ]
    )  # fmt: skip
    manifest = {**lab.manifest, "counts": {**lab.manifest["counts"], "operations": 1}}
    refused(
        lab,
        lab.write("inject.bundle", [("ops/000001.jsonl", line + b"\n")], manifest=manifest),
        "invalid change",
    )
    bad_table = line.replace(b'"outfall"', b'"sqlite_master"')
    refused(
        lab,
        lab.write("table.bundle", [("ops/000001.jsonl", bad_table + b"\n")], manifest=manifest),
        "invalid change",
    )


@pytest.mark.parametrize(
    ("line", "because"),
    [(b"{not json", "unreadable change"), (b"[1, 2]", "invalid change"), (b"", "unreadable")],
)
def test_signed_operation_files_that_are_not_operations(
    lab: Lab, line: bytes, because: str
) -> None:
    data = line + b"\n" + lab.members["ops/000001.jsonl"]
    manifest = {**lab.manifest, "counts": {**lab.manifest["counts"], "operations": 1}}
    refused(lab, lab.write("junk.bundle", [("ops/000001.jsonl", data)], manifest=manifest), because)


def test_verify_reports_exit_2_for_a_damaged_bundle(lab: Lab) -> None:
    raw = lab.valid.read_bytes()
    path = lab.folder / "half.bundle"
    path.write_bytes(raw[: len(raw) // 2])
    assert run(["--db", str(lab.target.path), "bundle", "verify", str(path)]) == 2
    assert run(["--db", str(lab.target.path), "bundle", "verify", str(lab.valid)]) == 0
