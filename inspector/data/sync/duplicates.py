"""Duplicate candidates (`duplicate_candidate`): pairs of outfalls the merge flagged as
possibly one, what a person needs to tell them apart, and the bookkeeping of merging
one into the other or dismissing the pair. (Flagging itself is part of the merge:
`merge.flag_duplicates`.)"""

from __future__ import annotations

from typing import NamedTuple

from inspector.data.dialects import id_prefix
from inspector.data.engine import Conn


class Candidate(NamedTuple):
    id: str
    outfall_a: str
    outfall_b: str
    reason: str
    distance_m: float | None
    status: str
    detected_at: str


class CandidateRef(NamedTuple):
    id: str
    outfall_a: str
    outfall_b: str
    status: str


class OutfallFacts(NamedTuple):
    """What tells one outfall of a pair from the other."""

    id: str
    code: str
    national_code: str | None
    name: str
    river: str
    county_code: str
    lat: float
    lon: float
    state: str
    deleted: int
    merged_into: str | None


class Registration(NamedTuple):
    """The first operation of an outfall: which replica registered it, and when."""

    origin: str
    replica_name: str | None
    hlc: int


def open_duplicate_count(conn: Conn) -> int:
    """How many possible duplicates still wait for a person's decision."""
    (count,) = conn.execute(
        "SELECT COUNT(*) FROM duplicate_candidate WHERE status='open'"
    ).fetchone()
    return int(count)


def candidates(conn: Conn, *, status: str | None) -> list[Candidate]:
    """Candidate pairs (only those with `status`, if given), newest first."""
    where = "WHERE status=?" if status else ""
    rows = conn.execute(
        "SELECT id, outfall_a, outfall_b, reason, distance_m, status, detected_at "
        f"FROM duplicate_candidate {where} ORDER BY detected_at DESC, id",
        (status,) if status else (),
    ).fetchall()
    return [Candidate(*row) for row in rows]


def candidates_matching(conn: Conn, *, text: str) -> list[CandidateRef]:
    """Candidates whose id is `text` or starts with it (4+ characters); two at most."""
    rows = conn.execute(
        "SELECT id, outfall_a, outfall_b, status FROM duplicate_candidate "
        "WHERE id=? OR (length(?) >= 4 AND id LIKE ? ESCAPE '\\') LIMIT 2",
        (text, text, id_prefix(text)),
    ).fetchall()
    return [CandidateRef(str(c), str(a), str(b), str(s)) for c, a, b, s in rows]


def dismiss(conn: Conn, *, candidate_id: str) -> None:
    """A person found the pair to be two outfalls after all."""
    conn.execute("UPDATE duplicate_candidate SET status='dismissed' WHERE id=?", (candidate_id,))


def close_candidates_of(conn: Conn, *, outfall_id: str) -> None:
    """Open candidates naming an outfall just merged into another are done."""
    conn.execute(
        "UPDATE duplicate_candidate SET status='merged' WHERE status='open' "
        "AND (outfall_a=? OR outfall_b=?)",
        (outfall_id, outfall_id),
    )


def outfall_facts(conn: Conn, *, outfall_id: str) -> OutfallFacts | None:
    """One outfall of a pair as stored, merged or deleted ones included."""
    row = conn.execute(
        "SELECT o.id, o.code, o.national_code, o.name, o.river, o.county_code, o.lat, o.lon,"
        " o.state, o.deleted, o.merged_into FROM outfall o WHERE o.id=?",
        (outfall_id,),
    ).fetchone()
    return None if row is None else OutfallFacts(*row)


def first_registration(conn: Conn, *, outfall_id: str) -> Registration | None:
    """Which replica registered the outfall first, by the (hlc, origin) order."""
    row = conn.execute(
        "SELECT op.origin, r.name, op.hlc FROM op LEFT JOIN replica r ON r.id = op.origin"
        " WHERE op.entity='outfall' AND op.row_id=? ORDER BY op.hlc, op.origin LIMIT 1",
        (outfall_id,),
    ).fetchone()
    return None if row is None else Registration(*row)


def referencing(conn: Conn, *, entity: str, column: str, outfall_id: str) -> list[str]:
    """Ids of the rows of `entity` whose `column` points at the outfall, in id order."""
    return [
        r[0]
        for r in conn.execute(
            f"SELECT id FROM {entity} WHERE {column}=? ORDER BY id", (outfall_id,)
        )
    ]


def merged_into(conn: Conn, *, outfall_id: str) -> list[str]:
    """Ids of the outfalls merged into this one (directly)."""
    return [
        merged
        for (merged,) in conn.execute("SELECT id FROM outfall WHERE merged_into=?", (outfall_id,))
    ]
