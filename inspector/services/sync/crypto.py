"""Signatures and encryption of sync bundles.

Signing: each replica's Ed25519 key (made at `init`) signs the exact bytes of a bundle's
manifest. Encryption for one recipient: bundles hold owners' phone numbers and travel on
USB sticks. The recipient's Ed25519 key is converted to its X25519 form (as libsodium's
`crypto_sign_ed25519_pk_to_curve25519` does), so a replica has one key pair and one
fingerprint for both. An ephemeral X25519 key agrees a secret with it, HKDF-SHA256 turns
that into a ChaCha20-Poly1305 key, and the file is sealed in 1 MiB records with the STREAM
construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015): each record's nonce carries its
number and a last-record flag, so records cannot be dropped, reordered or cut short
without the tag failing.

`cryptography` is imported inside the functions: it is not needed for `--help` or the UI's
first paint.
"""

from __future__ import annotations

import hashlib
import os
import struct
import threading
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from inspector.services.sync.errors import BundleRejected, Cancelled

MAGIC = b"OUTFALL-INSPECTOR-SEALED-BUNDLE-1\n"
RECORD = 1 << 20
_TAG = 16
_HEADER_CAP = 4096
_INFO = b"outfall-inspector bundle v1"
_P = 2**255 - 19


class SealRejected(BundleRejected):
    """A sealed bundle that cannot be opened here: refused, nothing changed."""


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()


def sign(private_key: Any, data: bytes) -> bytes:
    return bytes(private_key.sign(data))


def verify_signature(public_key_hex: str, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex))
        key.verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def x25519_public_from_ed25519(public_key_hex: str) -> bytes:
    """The Montgomery u-coordinate of an Edwards25519 point: u = (1 + y) / (1 - y)."""
    raw = bytes.fromhex(public_key_hex)
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    y = int.from_bytes(raw, "little") & ((1 << 255) - 1)
    u = (1 + y) * pow((1 - y) % _P, _P - 2, _P) % _P
    return u.to_bytes(32, "little")


def x25519_private_from_ed25519(private_key: Any) -> Any:
    """The X25519 private key of an Ed25519 one: the clamped first half of SHA-512(seed)
    (X25519 clamps it itself)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    seed = private_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return X25519PrivateKey.from_private_bytes(hashlib.sha512(seed).digest()[:32])


def _key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return bytes(
        HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=_INFO).derive(
            shared
        )
    )


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", counter, 1 if last else 0)


def is_sealed(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


def seal(
    source: Path,
    target: Path,
    *,
    recipient_id: str,
    recipient_public_hex: str,
    cancel: threading.Event | None = None,
) -> None:
    """Encrypt `source` for one replica into `target`, streaming."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    recipient = x25519_public_from_ed25519(recipient_public_hex)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_pub = ephemeral.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    aead = ChaCha20Poly1305(_key(shared, ephemeral_pub, recipient))
    prefix = os.urandom(7)
    header = orjson.dumps(
        {
            "recipient": recipient_id,
            "ephemeral": ephemeral_pub.hex(),
            "prefix": prefix.hex(),
            "record": RECORD,
        }
    )
    with source.open("rb") as src, target.open("wb") as out:
        out.write(MAGIC + struct.pack(">I", len(header)) + header)
        counter = 0
        block = src.read(RECORD)
        while True:
            check_cancel(cancel)
            following = src.read(RECORD)
            last = not following
            sealed = aead.encrypt(_nonce(prefix, counter, last), block, header)
            out.write(struct.pack(">I", len(sealed)) + sealed)
            if last:
                break
            block = following
            counter += 1
        out.flush()
        os.fsync(out.fileno())


def sealed_recipient(path: Path) -> str:
    """Whom a sealed bundle is for (read from its header, before any decryption)."""
    with path.open("rb") as fh:
        return str(_read_header(fh, path)[0]["recipient"])


def _read_header(fh: BinaryIO, path: Path) -> tuple[dict[str, Any], bytes]:
    if fh.read(len(MAGIC)) != MAGIC:
        raise SealRejected("sync.sealed_damaged", file=path.name)
    raw_len = fh.read(4)
    if len(raw_len) != 4:
        raise SealRejected("sync.sealed_damaged", file=path.name)
    (length,) = struct.unpack(">I", raw_len)
    if length > _HEADER_CAP:
        raise SealRejected("sync.sealed_damaged", file=path.name)
    header = fh.read(length)
    try:
        doc = orjson.loads(header)
        if not isinstance(doc, dict) or not all(
            isinstance(doc.get(k), str) for k in ("recipient", "ephemeral", "prefix")
        ):
            raise ValueError
        bytes.fromhex(doc["ephemeral"])
        if len(bytes.fromhex(doc["prefix"])) != 7:
            raise ValueError
    except ValueError:
        raise SealRejected("sync.sealed_damaged", file=path.name) from None
    return doc, header


def unseal(
    source: Path,
    target: Path,
    *,
    self_id: str,
    private_key: Any,
    cancel: threading.Event | None = None,
) -> None:
    """Decrypt a sealed bundle meant for this replica into `target` (owner-only file)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    with source.open("rb") as fh:
        doc, header = _read_header(fh, source)
        if doc["recipient"] != self_id:
            raise SealRejected(
                "sync.sealed_for_other", file=source.name, recipient=doc["recipient"]
            )
        mine = x25519_private_from_ed25519(private_key)
        mine_pub = mine.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        ephemeral = bytes.fromhex(doc["ephemeral"])
        try:
            shared = mine.exchange(X25519PublicKey.from_public_bytes(ephemeral))
        except ValueError:
            raise SealRejected("sync.sealed_damaged", file=source.name) from None
        aead = ChaCha20Poly1305(_key(shared, ephemeral, mine_pub))
        prefix = bytes.fromhex(doc["prefix"])
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            counter = 0
            record = _read_record(fh, source)
            if record is None:
                raise SealRejected("sync.sealed_damaged", file=source.name)
            while record is not None:
                check_cancel(cancel)
                following = _read_record(fh, source)
                last = following is None
                try:
                    out.write(aead.decrypt(_nonce(prefix, counter, last), record, header))
                except InvalidTag:
                    raise SealRejected("sync.sealed_damaged", file=source.name) from None
                record = following
                counter += 1
            out.flush()
            os.fsync(out.fileno())


def _read_record(fh: BinaryIO, path: Path) -> bytes | None:
    raw_len = fh.read(4)
    if not raw_len:
        return None
    if len(raw_len) != 4:
        raise SealRejected("sync.sealed_damaged", file=path.name)
    (length,) = struct.unpack(">I", raw_len)
    if length > RECORD + _TAG or length < _TAG:
        raise SealRejected("sync.sealed_damaged", file=path.name)
    record = fh.read(length)
    if len(record) != length:
        raise SealRejected("sync.sealed_damaged", file=path.name)
    return record
