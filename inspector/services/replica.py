"""This replica's identity: its name, role, region, and Ed25519 key pair (DESIGN §5).

The private key lives beside the database (`<db>.key`), readable by its owner only; the
public key is stored in the `replica` table and travels in every bundle's manifest.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from inspector import locations
from inspector.data.db import Database
from inspector.data.sync import identity as identity_data
from inspector.data.sync import trust as trust_data
from inspector.domain.choices import ReplicaRole
from inspector.i18n import Problem


@dataclass(frozen=True)
class Identity:
    id: str
    name: str
    role: str
    region_code: str | None
    public_key: str | None

    @property
    def initialised(self) -> bool:
        return bool(self.name and self.public_key)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key) if self.public_key else ""


def fingerprint(public_key_hex: str) -> str:
    """What a person compares on two screens: 16 bytes of SHA-256, in groups of four."""
    digest = hashlib.sha256(bytes.fromhex(public_key_hex)).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def identity(db: Database) -> Identity:
    with db.read() as conn:
        me = identity_data.self_record(conn)
    if me is None:
        raise Problem("db.no_replica", path=db.path)
    return Identity(me.id, me.name, me.role, me.region_code, me.public_key)


def _write_private_key(path: Path) -> str:
    """Make a key pair; write the private key with owner-only permissions. Returns the
    public key as hex."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw.hex()


def load_private_key(db_path: Path):  # type: ignore[no-untyped-def]
    """This replica's Ed25519 private key (for signing bundles)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = locations.key_file(db_path)
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError):
        raise Problem("init.key_unreadable", path=path) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise Problem("init.key_unreadable", path=path)
    return key


def public_key_hex(key) -> str:  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives import serialization

    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return str(raw.hex())


def init_replica(
    db: Database, *, name: str, role: str, region: str, user: str | None = None
) -> tuple[Identity, bool]:
    """Name this replica and make its key pair (kept if it exists: a replica's identity
    must never change under the bundles it has signed). Returns (identity, key_created)."""
    name = name.strip()
    if not name:
        raise Problem("init.name_empty")
    parsed = ReplicaRole.parse(role)
    if parsed is None:
        raise Problem(
            "error.not_choice", field="role", value=role, options="field, county, central"
        )
    with db.read() as conn:
        if region not in trust_data.region_parents(conn):
            raise Problem("init.region_unknown", region=region)
    key_path = locations.key_file(db.path)
    created = False
    if key_path.exists():
        public = public_key_hex(load_private_key(db.path))
    else:
        public = _write_private_key(key_path)
        created = True
    with db.transaction() as conn:
        trust_data.name_self(conn, name=name, role=parsed, region=region, public_key=public)
        if user:
            db.set_meta("user_name", user.strip(), conn)
    return identity(db), created
