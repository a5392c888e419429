"""Signatures beyond the manifest's: an origin's checkpoints over its operation chain, and
the central record's registrations of the replicas it knows.

A checkpoint (`chain.Checkpoint`) says "my operations 1..N are these": signed once per
export by the replica that made them, carried unchanged by any relay. A registration says
"replica R has this key, name, role and region": signed by the central record, it is how
a field laptop learns the key of another laptop whose work reaches it through the centre,
and the role and region every importer holds that replica to. Neither comes from a
bundle's manifest claims: the manifest merely carries them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from inspector import locations
from inspector.data.db import Database
from inspector.data.sync.chain import Checkpoint, Link, checkpoint_message
from inspector.i18n import Problem
from inspector.models.spec import DATETIME_FORMAT, INT64_MAX, holds_nul
from inspector.services.replica import Identity, fingerprint, load_private_key, public_key_hex
from inspector.services.sync.crypto import sign, verify_signature

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_HEX128 = re.compile(r"^[0-9a-f]{128}$")
_ROLES = ("field", "county", "central")


def own_key(db: Database, me: Identity) -> Any:
    """This replica's private key, after checking that it is this replica's: a key file
    copied from another replica would sign bundles every peer then refuses."""
    key = load_private_key(db.path)
    public = public_key_hex(key)
    if public != me.public_key:
        raise Problem(
            "sync.key_not_ours",
            path=locations.key_file(db.path),
            name=me.name,
            theirs=fingerprint(public),
            ours=me.fingerprint,
        )
    return key


# -- checkpoints ----------------------------------------------------------------------------


def sign_checkpoint(private_key: Any, link: Link) -> Checkpoint:
    message = checkpoint_message(link.origin, link.seq, link.hex)
    return Checkpoint(link.origin, link.seq, link.hex, sign(private_key, message).hex())


def read_checkpoint(item: Any) -> Checkpoint | None:
    """A checkpoint from a manifest, or None when it is not one."""
    if not (
        isinstance(item, dict)
        and isinstance(item.get("origin"), str)
        and 0 < len(item["origin"]) <= 36
        and type(item.get("seq")) is int
        and 0 < item["seq"] <= INT64_MAX
        and isinstance(item.get("hash"), str)
        and _HEX64.match(item["hash"])
        and isinstance(item.get("signature"), str)
        and _HEX128.match(item["signature"])
    ):
        return None
    return Checkpoint(item["origin"], item["seq"], item["hash"], item["signature"])


def verify_checkpoint(cp: Checkpoint, public_key_hex_: str) -> bool:
    return verify_signature(
        public_key_hex_,
        bytes.fromhex(cp.signature),
        checkpoint_message(cp.origin, cp.seq, cp.hash),
    )


# -- registrations --------------------------------------------------------------------------


@dataclass(frozen=True)
class Registration:
    """What the central record says about one replica."""

    replica_id: str
    name: str
    role: str
    region: str | None
    public_key: str
    issuer: str
    issued: int
    """The issuer's clock when it signed: a later registration replaces an earlier."""
    document: str
    """The signed JSON, carried on unchanged."""


def _body(fields: dict[str, Any]) -> bytes:
    return b"outfall-inspector registration v1\n" + orjson.dumps(
        fields, option=orjson.OPT_SORT_KEYS
    )


def issue_registration(
    private_key: Any,
    *,
    issuer: str,
    issued: int,
    replica_id: str,
    name: str,
    role: str,
    region: str | None,
    public_key: str,
) -> str:
    fields = {
        "replica": replica_id,
        "name": name,
        "role": role,
        "region": region,
        "public_key": public_key,
        "issuer": issuer,
        "issued": issued,
    }
    return _signed(private_key, fields, _body(fields))


def _signed(private_key: Any, fields: dict[str, Any], body: bytes) -> str:
    """A document of `fields` with the signature of `body`, as manifests carry it."""
    signature = sign(private_key, body).hex()
    return orjson.dumps({**fields, "signature": signature}, option=orjson.OPT_SORT_KEYS).decode()


def _parsed(document: Any) -> Any:
    """A manifest's document parsed, or None when it is not JSON of a sensible size (a
    stranger's bundle may carry anything there)."""
    if not isinstance(document, str) or len(document) > 4000:
        return None
    try:
        parsed = orjson.loads(document)
    except orjson.JSONDecodeError:
        return None
    # Its values are stored as they are: no NUL (PostgreSQL cannot hold one).
    return None if holds_nul(parsed) else parsed


def read_registration(document: Any) -> Registration | None:
    """The registration a manifest carries, or None when it is not well formed."""
    doc = _parsed(document)
    if not (
        isinstance(doc, dict)
        and set(doc)
        == {"replica", "name", "role", "region", "public_key", "issuer", "issued", "signature"}
        and isinstance(doc["replica"], str)
        and 0 < len(doc["replica"]) <= 36
        and isinstance(doc["name"], str)
        and len(doc["name"]) <= 100
        and doc["role"] in _ROLES
        and (doc["region"] is None or (isinstance(doc["region"], str) and len(doc["region"]) <= 12))
        and isinstance(doc["public_key"], str)
        and _HEX64.match(doc["public_key"])
        and isinstance(doc["issuer"], str)
        and type(doc["issued"]) is int
        and 0 <= doc["issued"] <= INT64_MAX
        and isinstance(doc["signature"], str)
        and _HEX128.match(doc["signature"])
    ):
        return None
    return Registration(
        doc["replica"],
        doc["name"],
        doc["role"],
        doc["region"],
        doc["public_key"],
        doc["issuer"],
        doc["issued"],
        document,
    )


def verify_registration(reg: Registration, issuer_key: str) -> bool:
    doc = orjson.loads(reg.document)
    signature = bytes.fromhex(doc.pop("signature"))
    return verify_signature(issuer_key, signature, _body(doc))


def registration_issued(document: str | None) -> int:
    if not document:
        return -1
    reg = read_registration(document)
    return -1 if reg is None else reg.issued


def key_path(db: Database) -> Path:
    return locations.key_file(db.path)


# -- revocations ----------------------------------------------------------------------------

_REVOCATION_FIELDS = {"replica", "through", "reason", "revoked_at", "issuer", "signature"}


@dataclass(frozen=True)
class SignedRevocation:
    """What the central record says about a replica it stopped trusting."""

    replica_id: str
    through: int
    """Its operations up to here stay; none beyond is taken or relayed."""
    reason: str
    revoked_at: str
    issuer: str
    document: str


def _revocation_body(fields: dict[str, Any]) -> bytes:
    return b"outfall-inspector revocation v1\n" + orjson.dumps(fields, option=orjson.OPT_SORT_KEYS)


def issue_revocation(
    private_key: Any, *, issuer: str, replica_id: str, through: int, reason: str, revoked_at: str
) -> str:
    fields = {
        "replica": replica_id,
        "through": through,
        "reason": reason,
        "revoked_at": revoked_at,
        "issuer": issuer,
    }
    return _signed(private_key, fields, _revocation_body(fields))


def read_revocation(document: Any) -> SignedRevocation | None:
    """The revocation a manifest carries, or None when it is not well formed."""
    doc = _parsed(document)
    if not (
        isinstance(doc, dict)
        and set(doc) == _REVOCATION_FIELDS
        and isinstance(doc["replica"], str)
        and 0 < len(doc["replica"]) <= 36
        and type(doc["through"]) is int
        and 0 <= doc["through"] <= INT64_MAX
        and isinstance(doc["reason"], str)
        and len(doc["reason"]) <= 500
        and isinstance(doc["revoked_at"], str)
        and _is_time(doc["revoked_at"])
        and isinstance(doc["issuer"], str)
        and isinstance(doc["signature"], str)
        and _HEX128.match(doc["signature"])
    ):
        return None
    return SignedRevocation(
        doc["replica"], doc["through"], doc["reason"], doc["revoked_at"], doc["issuer"], document
    )


def _is_time(text: str) -> bool:
    """In the form this program writes times (`now_text`): the revocation table keeps
    it as a time, which PostgreSQL parses and SQLite does not."""
    try:
        dt.datetime.strptime(text, DATETIME_FORMAT)
    except ValueError:
        return False
    return True


def verify_revocation(rev: SignedRevocation, issuer_key: str) -> bool:
    doc = orjson.loads(rev.document)
    signature = bytes.fromhex(doc.pop("signature"))
    return verify_signature(issuer_key, signature, _revocation_body(doc))
