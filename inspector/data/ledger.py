"""What importing and exporting ledgers (台账) read and write beyond the write path.

Import works in batches of rows: its reads take a batch's codes or names at once, a
few hundred to a statement, so a spreadsheet of a hundred thousand rows costs hundreds
of round trips, not hundreds of thousands.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Literal, NamedTuple

from inspector.data.engine import Conn
from inspector.data.queries import current_main_assignment_sql, current_remediation_sql

#: Values bound to one `IN (...)` list: well under SQLite's oldest limit of 999 variables.
CHUNK = 500


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _marks(values: Sequence[str]) -> str:
    return ", ".join("?" * len(values))


def record_import(
    conn: Conn,
    *,
    import_id: str,
    file_name: str,
    sha256: str,
    imported_at: str,
    actor: str,
    counts: str,
) -> None:
    """Keep a record of an applied import: the file, its hash, who and when, and its
    report's counts (JSON)."""
    conn.execute(
        "INSERT INTO ledger_import (id, file_name, sha256, imported_at, actor, counts) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (import_id, file_name, sha256, imported_at, actor, counts),
    )


# -- codes seen so far in one import --------------------------------------------------------


def start_seen_codes(conn: Conn) -> None:
    """An empty record of the codes this connection's import has seen (a temp table:
    private to the connection, gone with it, and as large as the file needs)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS ledger_seen (code TEXT PRIMARY KEY, row INTEGER)")
    conn.execute("DELETE FROM ledger_seen")


def seen_codes(conn: Conn, *, codes: Sequence[str]) -> dict[str, int]:
    """Code -> row number of the given codes already seen in this import."""
    seen: dict[str, int] = {}
    for chunk in _chunks(codes):
        for code, number in conn.execute(
            f"SELECT code, row FROM ledger_seen WHERE code IN ({_marks(chunk)})", chunk
        ):
            seen[code] = number
    return seen


def remember_codes(conn: Conn, *, rows: Sequence[tuple[str, int]]) -> None:
    """Note (code, row number) pairs as seen in this import."""
    conn.executemany("INSERT INTO ledger_seen (code, row) VALUES (?, ?)", rows)


# -- what the rows update -------------------------------------------------------------------


def live_outfall_ids_by_code(conn: Conn, *, codes: Sequence[str]) -> dict[str, list[str]]:
    """Local code -> ids of the live outfalls that have it exactly (several: ambiguous),
    for the codes that any has."""
    found: dict[str, list[str]] = {}
    for chunk in _chunks(codes):
        for oid, code in conn.execute(
            f"SELECT id, code FROM outfall WHERE deleted=0 AND code IN ({_marks(chunk)})", chunk
        ):
            found.setdefault(code, []).append(oid)
    return found


def live_outfall_ids_named(conn: Conn, *, name: str | None, county_code: str | None) -> list[str]:
    """Ids of at most two live outfalls of this name in this county (two: not one)."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT id FROM outfall WHERE deleted=0 AND name=? AND county_code=? LIMIT 2",
            (name, county_code),
        ).fetchall()
    ]


def _owner_ids_by(
    conn: Conn, column: Literal["credit_code", "name"], values: Sequence[str]
) -> dict[str, str]:
    found: dict[str, str] = {}
    for chunk in _chunks(values):
        # Newest first, so that the oldest owner with the value is the one kept.
        for oid, value in conn.execute(
            f"SELECT id, {column} FROM owner WHERE deleted=0 AND {column} IN ({_marks(chunk)}) ORDER BY id DESC",
            chunk,
        ):
            found[value] = oid
    return found


def owner_ids_by_credit_code(conn: Conn, *, codes: Sequence[str]) -> dict[str, str]:
    """Credit code -> id of the oldest live owner with it, for the codes that any has."""
    return _owner_ids_by(conn, "credit_code", codes)


def owner_ids_by_name(conn: Conn, *, names: Sequence[str]) -> dict[str, str]:
    """Name -> id of the oldest live owner of exactly that name, for the names any has."""
    return _owner_ids_by(conn, "name", names)


class OwnerBasis(NamedTuple):
    owner_id: str
    basis: str


def main_owner_basis(conn: Conn, *, outfall_id: str, today: str) -> OwnerBasis | None:
    """The outfall's current main owner and the basis of the assignment on `today`."""
    row = conn.execute(
        f"SELECT a.owner_id, a.basis FROM owner_assignment a WHERE a.id = ({current_main_assignment_sql()})",
        (outfall_id, today),
    ).fetchone()
    return None if row is None else OwnerBasis(*row)


class RemediationTerms(NamedTuple):
    """What a ledger row may say of an outfall's live remediation, as stored."""

    id: str
    measure: str | None
    deadline: str | None
    transition_end: str | None
    immediate: int | None


def live_remediation_terms(conn: Conn, *, outfall_id: str) -> RemediationTerms | None:
    """Measure, deadline, transition end and urgency of the outfall's live remediation."""
    row = conn.execute(
        "SELECT id, measure, deadline, transition_end, immediate FROM remediation "
        f"WHERE id = ({current_remediation_sql()})",
        (outfall_id,),
    ).fetchone()
    return None if row is None else RemediationTerms(*row)


# -- exporting ------------------------------------------------------------------------------


class LedgerRecord(NamedTuple):
    """One live outfall with its current main owner and live remediation, as stored."""

    code: str
    national_code: str | None
    name: str
    county_code: str
    township: str | None
    lon: float
    lat: float
    river: str
    category: str
    entry_mode: str | None
    discharge_pattern: str | None
    state: str
    notes: str | None
    bank: str | None
    accuracy_m: float | None
    investigation_level: str | None
    in_national_platform: str | None
    approval_no: str | None
    mouth_shape: str | None
    mouth_size: str | None
    owner_name: str | None
    credit_code: str | None
    owner_kind: str | None
    contact: str | None
    phone: str | None
    basis: str | None
    measure: str | None
    deadline: str | None
    id: str
    protected_area: str | None
    approval_kind: str | None
    transition_end: str | None
    immediate: int | None
    merge_target_code: str | None


def ledger_records(conn: Conn, *, today: str, county: str | None = None) -> Iterator[LedgerRecord]:
    """Every live outfall (of one county, when given) by county and code, read as the
    caller goes: a register of a million outfalls is never held in memory."""
    where = "o.deleted = 0"
    params: list[str] = [today]
    if county:
        where += " AND o.county_code = ?"
        params.append(county)
    sql = (
        "SELECT o.code, o.national_code, o.name, o.county_code, o.township, o.lon, o.lat, o.river,"
        " o.category, o.entry_mode, o.discharge_pattern, o.state, o.notes, o.bank, o.accuracy_m,"
        " o.investigation_level, o.in_national_platform, o.approval_no, o.mouth_shape, o.mouth_size,"
        " ow.name, ow.credit_code, ow.kind, ow.contact, ow.phone, a.basis, r.measure, r.deadline, o.id,"
        " o.protected_area, o.approval_kind, r.transition_end, r.immediate,"
        " (SELECT m.code FROM outfall m WHERE m.id = r.merge_target_id)"
        " FROM outfall o"
        f" LEFT JOIN owner_assignment a ON a.id = ({current_main_assignment_sql('o.id', '?')})"
        " LEFT JOIN owner ow ON ow.id = a.owner_id"
        f" LEFT JOIN remediation r ON r.id = ({current_remediation_sql('o.id')})"
        f" WHERE {where} ORDER BY o.county_code, o.code"
    )
    return map(LedgerRecord._make, conn.execute(sql, params))


def count_live_outfalls(conn: Conn, *, county: str | None = None) -> int:
    """How many live outfalls the register (or one county of it) holds."""
    return int(
        conn.execute(
            "SELECT COUNT(*) FROM outfall WHERE deleted=0"
            + (" AND county_code=?" if county else ""),
            (county,) if county else (),
        ).fetchone()[0]
    )
