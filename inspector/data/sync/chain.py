"""Each origin's operations chained by hash, and the signed checkpoints over the chains.

An operation's canonical bytes are the compact JSON array a bundle line holds (op_id,
origin, seq, hlc, entity, row_id, fields, bases, actor, reason, as `orjson` writes them).
Link N of an origin's chain is SHA-256(link N-1 || canonical bytes of operation N), from
a genesis link of its own; so the link at N stands for every operation 1..N of that
origin exactly as made. An origin signs (origin, N, link N) when it exports (a
checkpoint); relays pass the checkpoint on unchanged, and an importer that holds the
origin's operations up to K checks K+1..N by carrying its own link K forward.

Signing one link per bundle instead of one signature per operation is what keeps a
million-operation import within its budget: a hash per operation costs a microsecond,
an Ed25519 verification sixty.

Tables: `op_chain` (the head link of each origin held here, derived from the log and
recomputed when missing or behind) and `op_checkpoint` (signed checkpoints received or
made here). All functions work inside the caller's transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from inspector.data.engine import Conn

_GENESIS = b"outfall-inspector operation chain v1\0"
_CHUNK = 20_000


def genesis(origin: str) -> bytes:
    return hashlib.sha256(_GENESIS + origin.encode()).digest()


def canonical(op: Any) -> bytes:
    """Canonical bytes of an operation as parsed from a bundle (a list of ten values)."""
    return orjson.dumps(op)


def canonical_stored(row: tuple[Any, ...], *, reparse: bool = True) -> bytes:
    """Canonical bytes of an operation as the log stores it (fields and bases as JSON
    text). `reparse=False` when the text is known to be `orjson`'s own (the writer's)."""
    op_id, origin, seq, hlc, entity, row_id, fields, bases, actor, reason = row
    if reparse:
        fields_json: Any = orjson.loads(fields)
        bases_json: Any = orjson.loads(bases or "{}")
    else:
        fields_json = orjson.Fragment(fields)
        bases_json = orjson.Fragment(bases or "{}")
    return orjson.dumps(
        [op_id, origin, seq, hlc, entity, row_id, fields_json, bases_json, actor, reason]
    )


@dataclass
class Link:
    """One origin's chain at a sequence: the link stands for operations 1..seq."""

    origin: str
    seq: int
    digest: bytes

    @classmethod
    def start(cls, origin: str) -> Link:
        return cls(origin, 0, genesis(origin))

    def add(self, seq: int, data: bytes) -> None:
        self.digest = hashlib.sha256(self.digest + data).digest()
        self.seq = seq

    @property
    def hex(self) -> str:
        return self.digest.hex()


def checkpoint_message(origin: str, seq: int, link_hex: str) -> bytes:
    """The exact bytes an origin signs for a checkpoint."""
    return f"outfall-inspector checkpoint v1\n{origin}\n{seq}\n{link_hex}\n".encode()


# -- heads ----------------------------------------------------------------------------------


def held_max(conn: Conn, origin: str) -> int:
    row = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM op WHERE origin=?", (origin,)).fetchone()
    return int(row[0])


def stored_head(conn: Conn, origin: str) -> Link | None:
    row = conn.execute("SELECT seq, hash FROM op_chain WHERE origin=?", (origin,)).fetchone()
    return None if row is None else Link(origin, int(row[0]), bytes.fromhex(row[1]))


def save_head(conn: Conn, link: Link) -> None:
    conn.execute(
        "INSERT INTO op_chain (origin, seq, hash) VALUES (?, ?, ?) "
        "ON CONFLICT(origin) DO UPDATE SET seq=excluded.seq, hash=excluded.hash",
        (link.origin, link.seq, link.hex),
    )


def forget_heads(conn: Conn, origins: Iterable[str]) -> None:
    """Drop heads whose operations changed (a clock repair): recomputed when next needed."""
    conn.executemany("DELETE FROM op_chain WHERE origin=?", [(o,) for o in origins])


def head(conn: Conn, origin: str, *, upto: int | None = None) -> Link:
    """The origin's link at the highest sequence held (or at `upto`), carrying the
    stored head forward through the log as far as needed, and storing the result."""
    target = held_max(conn, origin) if upto is None else upto
    link = stored_head(conn, origin)
    if link is None or link.seq > target:
        link = Link.start(origin)
    if link.seq == target:
        return link
    expected = link.seq
    for row in _stored_ops(conn, origin, link.seq, target):
        expected += 1
        if row[2] != expected:
            # A gap (only a damaged log has one): the chain stops where the run does.
            break
        link.add(expected, canonical_stored(row))
    if upto is None or link.seq == target:
        save_head(conn, link)
    return link


def _stored_ops(conn: Conn, origin: str, after: int, upto: int) -> Iterator[tuple[Any, ...]]:
    start = after
    while start < upto:
        end = min(upto, start + _CHUNK)
        rows = conn.execute(
            "SELECT op_id, origin, seq, hlc, entity, row_id, fields, bases, actor, reason"
            " FROM op WHERE origin=? AND seq>? AND seq<=? ORDER BY seq",
            (origin, start, end),
        ).fetchall()
        yield from rows
        start = end


def stored_ops(conn: Conn, origin: str, first: int, last: int) -> dict[int, tuple[Any, ...]]:
    """Operations first..last of an origin as stored, by sequence (to compare a bundle's
    copies of operations already held with the originals)."""
    return {row[2]: row for row in _stored_ops(conn, origin, first - 1, last)}


# -- checkpoints ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    seq: int
    hash: str
    signature: str

    def as_json(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "seq": self.seq,
            "hash": self.hash,
            "signature": self.signature,
        }


def save_checkpoint(conn: Conn, cp: Checkpoint) -> None:
    conn.execute(
        "INSERT INTO op_checkpoint (origin, seq, hash, signature) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(origin, seq) DO NOTHING",
        (cp.origin, cp.seq, cp.hash, cp.signature),
    )


def latest_checkpoints(conn: Conn) -> dict[str, Checkpoint]:
    """Per origin, the highest checkpoint held: its operations up to there may be relayed."""
    out: dict[str, Checkpoint] = {}
    for origin, seq, link, signature in conn.execute(
        "SELECT c.origin, c.seq, c.hash, c.signature FROM op_checkpoint c"
        " JOIN (SELECT origin, MAX(seq) AS seq FROM op_checkpoint GROUP BY origin) m"
        " ON m.origin=c.origin AND m.seq=c.seq"
    ):
        out[origin] = Checkpoint(origin, int(seq), link, signature)
    return out


def checkpoint_at_most(conn: Conn, origin: str, seq: int) -> Checkpoint | None:
    """The origin's highest checkpoint held at or below `seq` (a revoked origin's
    operations are relayed only up to its cut)."""
    row = conn.execute(
        "SELECT seq, hash, signature FROM op_checkpoint WHERE origin=? AND seq<=?"
        " ORDER BY seq DESC LIMIT 1",
        (origin, seq),
    ).fetchone()
    return None if row is None else Checkpoint(origin, int(row[0]), row[1], row[2])


def drop_checkpoints_from(conn: Conn, firsts: Mapping[str, int]) -> int:
    """Forget checkpoints at or beyond the first changed operation of each origin."""
    total = 0
    for origin, seq in firsts.items():
        total += conn.execute(
            "DELETE FROM op_checkpoint WHERE origin=? AND seq>=?", (origin, seq)
        ).rowcount
    return total


def unsigned_counts(conn: Conn, self_id: str) -> dict[str, int]:
    """Per other origin, how many operations held here no signature of theirs covers
    (history from before operations were signed, kept but never relayed or built on)."""
    signed = {o: cp.seq for o, cp in latest_checkpoints(conn).items()}
    out = {}
    for origin, highest in conn.execute("SELECT origin, MAX(seq) FROM op GROUP BY origin"):
        if origin == self_id:
            continue
        beyond = int(highest) - signed.get(origin, 0)
        if beyond > 0:
            out[origin] = beyond
    return out
