"""The trust record: which replicas this one knows, their keys, names, roles and regions,
and who decided each (DESIGN §5, "Trust and authority").

A record changes only by a person's decision here (`authority='person'`: the key's
fingerprint was compared and accepted), by the central record's signed registration
(`'central'`), or is this replica itself (`'self'`). A bundle's manifest never changes
it: a sender may claim any name or role, and the claim is only what a person is shown
before deciding. Also here: the originals a peer is known to lack (`photo_owed`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from inspector.data.dialects import id_prefix
from inspector.data.engine import Conn
from inspector.data.sync.identity import self_record
from inspector.data.sync.merge import now_text
from inspector.domain import authority
from inspector.domain.authority import Grant

SELF = "self"
PERSON = "person"
CENTRAL = "central"

_COLUMNS = "id, name, role, region_code, public_key, trusted, is_self, authority, registration"


@dataclass(frozen=True)
class TrustRecord:
    id: str
    name: str
    role: str
    region: str | None
    public_key: str | None
    trusted: bool
    is_self: bool
    authority: str | None
    registration: str | None


def _record(row: tuple[object, ...]) -> TrustRecord:
    return TrustRecord(
        str(row[0]),
        str(row[1] or ""),
        str(row[2] or "field"),
        None if row[3] is None else str(row[3]),
        None if row[4] is None else str(row[4]),
        bool(row[5]),
        bool(row[6]),
        None if row[7] is None else str(row[7]),
        None if row[8] is None else str(row[8]),
    )


def record(conn: Conn, replica_id: str) -> TrustRecord | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM replica WHERE id=?", (replica_id,)).fetchone()
    return None if row is None else _record(row)


def records(conn: Conn) -> list[TrustRecord]:
    return [_record(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM replica ORDER BY id")]


def known_keys(conn: Conn) -> dict[str, str]:
    """Keys this replica believes, by replica id: its own and every trusted one's."""
    return {
        str(rid): str(key)
        for rid, key in conn.execute(
            "SELECT id, public_key FROM replica WHERE public_key IS NOT NULL"
            " AND (is_self=1 OR trusted=1)"
        )
    }


def region_parents(conn: Conn) -> dict[str, str | None]:
    return {
        str(code): parent for code, parent in conn.execute("SELECT code, parent_code FROM region")
    }


def grants(conn: Conn) -> dict[str, Grant]:
    """What each replica with a believed key may change. This replica, before it is named
    (no region yet), may change anything: it has nothing to keep to."""
    parents = region_parents(conn)
    out: dict[str, Grant] = {}
    for rec in records(conn):
        if rec.is_self and not rec.name:
            out[rec.id] = authority.unrestricted(rec.id)
        elif rec.is_self or (rec.trusted and rec.public_key):
            out[rec.id] = authority.grant(rec.id, rec.role, rec.region, parents)
    return out


def self_grant(conn: Conn) -> Grant:
    me = self_record(conn)
    if me is None or not me.name:
        return authority.unrestricted(me.id if me else "")
    return authority.grant(me.id, me.role, me.region_code, region_parents(conn))


def accept_by_person(
    conn: Conn, *, replica_id: str, name: str, role: str, region: str | None, key: str
) -> None:
    """A person here compared the key's fingerprint and accepted it, with the name, role
    and region the replica gave for itself."""
    conn.execute(
        "INSERT INTO replica (id, name, role, region_code, public_key, is_self, trusted,"
        " first_seen, authority) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'person')"
        " ON CONFLICT(id) DO UPDATE SET name=excluded.name, role=excluded.role,"
        " region_code=excluded.region_code, public_key=excluded.public_key, trusted=1,"
        " authority='person'",
        # The flags are bound: PostgreSQL takes an untyped 0/1 as a boolean, not a literal.
        (replica_id, name[:100], role[:20], region, key, 0, 1, now_text()),
    )


def fill_region(conn: Conn, replica_id: str, region: str) -> None:
    """A replica accepted by a person before regions were recorded: its own claim, made in
    a bundle it signed, is taken once (as it would have been at first contact)."""
    conn.execute(
        "UPDATE replica SET region_code=? WHERE id=? AND region_code IS NULL AND trusted=1",
        (region, replica_id),
    )


def issuers(conn: Conn) -> dict[str, str]:
    """The central records whose registrations and revocations this replica believes:
    trusted as central by a person here, and not revoked. Their keys, by id."""
    return {
        str(rid): str(key)
        for rid, key in conn.execute(
            "SELECT id, public_key FROM replica WHERE role='central' AND trusted=1"
            " AND is_self=0 AND authority='person' AND public_key IS NOT NULL"
            " AND id NOT IN (SELECT replica_id FROM revocation)"
        )
    }


def apply_registration(
    conn: Conn,
    *,
    replica_id: str,
    name: str,
    role: str,
    region: str | None,
    key: str,
    document: str,
) -> bool:
    """Record what a believed central record registered. A person's decision here about
    a key stands (a registration with another key is set aside); this replica's own
    record is never changed. Returns whether anything changed."""
    rec = record(conn, replica_id)
    if rec is not None and (rec.is_self or (rec.authority == PERSON and rec.public_key != key)):
        return False
    if rec is not None and rec.registration == document:
        return False
    conn.execute(
        "INSERT INTO replica (id, name, role, region_code, public_key, is_self, trusted,"
        " first_seen, authority, registration) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'central', ?)"
        " ON CONFLICT(id) DO UPDATE SET name=excluded.name, role=excluded.role,"
        " region_code=excluded.region_code, public_key=excluded.public_key, trusted=1,"
        " registration=excluded.registration,"
        " authority=CASE WHEN replica.authority='person' THEN 'person' ELSE 'central' END",
        (replica_id, name[:100], role[:20], region, key, 0, 1, now_text(), document),
    )
    return True


def set_registration(conn: Conn, replica_id: str, document: str) -> None:
    """The registration this replica (as the central record) signed for another."""
    conn.execute("UPDATE replica SET registration=? WHERE id=?", (document, replica_id))


def registrations(conn: Conn) -> list[str]:
    return [
        str(doc)
        for (doc,) in conn.execute(
            "SELECT registration FROM replica WHERE registration IS NOT NULL ORDER BY id"
        )
    ]


# -- revoked replicas -----------------------------------------------------------------------


@dataclass(frozen=True)
class RevocationRecord:
    """A replica no longer trusted here beyond its operation `through`."""

    replica_id: str
    through: int
    revoked_at: str
    reason: str
    decided_by: str
    """person (someone here) or central (the central record's signed revocation)."""
    issuer: str | None
    document: str | None


_REVOCATION = "replica_id, through, revoked_at, reason, decided_by, issuer, document"


def _revocation(row: tuple[object, ...]) -> RevocationRecord:
    return RevocationRecord(
        str(row[0]),
        int(row[1]),  # type: ignore[call-overload]
        str(row[2]),
        str(row[3]),
        str(row[4]),
        None if row[5] is None else str(row[5]),
        None if row[6] is None else str(row[6]),
    )


def revocation(conn: Conn, replica_id: str) -> RevocationRecord | None:
    row = conn.execute(
        f"SELECT {_REVOCATION} FROM revocation WHERE replica_id=?", (replica_id,)
    ).fetchone()
    return None if row is None else _revocation(row)


def revocations(conn: Conn) -> dict[str, RevocationRecord]:
    return {
        r.replica_id: r
        for r in map(_revocation, conn.execute(f"SELECT {_REVOCATION} FROM revocation"))
    }


def cutoffs(conn: Conn) -> dict[str, int]:
    """Per revoked replica, the last of its operations still taken and relayed."""
    return {
        str(rid): int(n) for rid, n in conn.execute("SELECT replica_id, through FROM revocation")
    }


def revoke(
    conn: Conn,
    *,
    replica_id: str,
    through: int,
    reason: str,
    decided_by: str,
    issuer: str | None = None,
    document: str | None = None,
    at: str | None = None,
) -> bool:
    """Stop trusting a replica beyond its operation `through`. A revocation is only ever
    tightened: one that would keep more than the one held here changes nothing (so the
    centre's word and a person's decision here agree on the smaller cut, whichever came
    first). Returns whether anything changed."""
    held = revocation(conn, replica_id)
    if held is not None and held.through <= through:
        return False
    conn.execute(
        f"INSERT INTO revocation ({_REVOCATION}) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(replica_id) DO UPDATE SET through=excluded.through,"
        " revoked_at=excluded.revoked_at, reason=excluded.reason,"
        " decided_by=excluded.decided_by, issuer=excluded.issuer, document=excluded.document",
        (replica_id, through, at or now_text(), reason[:500], decided_by, issuer, document),
    )
    return True


def revocation_documents(conn: Conn) -> list[str]:
    """The central record's signed revocations held here, carried on in every bundle."""
    return [
        str(doc)
        for (doc,) in conn.execute(
            "SELECT document FROM revocation WHERE document IS NOT NULL ORDER BY replica_id"
        )
    ]


# -- originals a peer lacks -----------------------------------------------------------------


def owed(conn: Conn, peer_id: str) -> set[str]:
    return {
        str(sha)
        for (sha,) in conn.execute("SELECT sha256 FROM photo_owed WHERE peer_id=?", (peer_id,))
    }


def add_owed(conn: Conn, peer_id: str, shas: Iterable[str]) -> None:
    conn.executemany(
        "INSERT INTO photo_owed (peer_id, sha256) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [(peer_id, sha) for sha in shas],
    )


def settle_owed(conn: Conn, peer_id: str, shas: Iterable[str]) -> None:
    conn.executemany(
        "DELETE FROM photo_owed WHERE peer_id=? AND sha256=?", [(peer_id, sha) for sha in shas]
    )


def lacking_originals(conn: Conn, stored: set[str], *, limit: int) -> list[str]:
    """Photo records whose originals are not in the store here (at most `limit`)."""
    out = []
    for (sha,) in conn.execute("SELECT id FROM photo WHERE deleted=0 ORDER BY id"):
        if sha not in stored:
            out.append(str(sha))
            if len(out) >= limit:
                break
    return out


def photo_records(conn: Conn, shas: list[str]) -> set[str]:
    """Which of these originals a photo record here names."""
    out: set[str] = set()
    for i in range(0, len(shas), 500):
        chunk = shas[i : i + 500]
        marks = ", ".join("?" * len(chunk))
        out.update(
            str(r[0]) for r in conn.execute(f"SELECT id FROM photo WHERE id IN ({marks})", chunk)
        )
    return out


# -- this replica, and replicas as a person names them --------------------------------------


def name_self(conn: Conn, *, name: str, role: str, region: str, public_key: str) -> None:
    """Give this replica its name, role, region and public key."""
    conn.execute(
        "UPDATE replica SET name=?, role=?, region_code=?, public_key=? WHERE is_self=1",
        (name, role, region, public_key),
    )


def records_self_first(conn: Conn) -> list[TrustRecord]:
    """Every replica known here, this one first, then by name (as lists show them)."""
    return [
        _record(r)
        for r in conn.execute(f"SELECT {_COLUMNS} FROM replica ORDER BY is_self DESC, name")
    ]


def records_named(conn: Conn, *, text: str) -> list[TrustRecord]:
    """Replicas whose id or name is exactly `text`."""
    return [
        _record(r)
        for r in conn.execute(f"SELECT {_COLUMNS} FROM replica WHERE id=? OR name=?", (text, text))
    ]


def records_with_id_prefix(conn: Conn, *, prefix: str) -> list[TrustRecord]:
    """Replicas whose id starts with `prefix`."""
    return [
        _record(r)
        for r in conn.execute(
            f"SELECT {_COLUMNS} FROM replica WHERE id LIKE ? ESCAPE '\\'", (id_prefix(prefix),)
        )
    ]


def newest_central(conn: Conn) -> TrustRecord | None:
    """The central record this replica learned of last (never this replica itself)."""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM replica WHERE role='central' AND is_self=0 "
        "ORDER BY first_seen DESC LIMIT 1"
    ).fetchone()
    return None if row is None else _record(row)
