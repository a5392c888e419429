"""The demo's SQL: the large demo's rows generated inside SQLite, and what the small
demo's later parts look up in the register it has just built.

The large demo generates its rows, and each row's creation operation, with recursive
queries at C speed (see `inspector.services.demo_large` for why). The operation JSON is
derived from the same model specs the writer uses, so a new column cannot be silently
left out of the log. Everything here runs inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlmodel import SQLModel

from inspector.data.engine import Conn
from inspector.data.search import search_body
from inspector.data.sync.chain import held_max
from inspector.domain.choices import Measure
from inspector.models import Outfall, Owner, OwnerAssignment, Remediation
from inspector.models.spec import spec_for

# -- the large demo -------------------------------------------------------------------------

OWNER_COLUMNS = ("deleted", "name", "kind")
OUTFALL_COLUMNS = (
    "deleted", "code", "name", "county_code", "township", "lat", "lon", "datum",
    "position_source", "river", "category", "state", "investigation_level",
)  # fmt: skip
ASSIGNMENT_COLUMNS = ("deleted", "outfall_id", "owner_id", "role", "basis", "valid_from")
REMEDIATION_COLUMNS = ("deleted", "outfall_id", "measure", "deadline", "status")

#: The columns each generated table sets, in the order its creation operations are logged.
GENERATED: tuple[tuple[type[SQLModel], tuple[str, ...]], ...] = (
    (Owner, OWNER_COLUMNS),
    (Outfall, OUTFALL_COLUMNS),
    (OwnerAssignment, ASSIGNMENT_COLUMNS),
    (Remediation, REMEDIATION_COLUMNS),
)


class PoolPoint(NamedTuple):
    """One drawn combination the generated outfalls share: where, what, in which state,
    and the river's direction there (degrees per metre along it and across it)."""

    k: int
    county: str
    county_name: str
    river: str
    township: str
    category: str
    category_zh: str
    type_code: str
    state: str
    lat: float
    lon: float
    along_lat: float
    along_lon: float
    across_lat: float
    across_lon: float


def _uuid7_sql(ms: str, n: str, salt: int) -> str:
    """SQL for a UUIDv7-formatted id from a millisecond expression and a row number.

    Unique for up to 16.7 million rows because the row number is in it; well-formed
    (version 7, RFC variant), so it sorts and parses like any other id.
    """
    return (
        f"printf('%08x-%04x-7%03x-%04x-%06x%06x', ({ms}) >> 16, ({ms}) & 65535, "
        f"(({n}) * 2654435761 + {salt}) % 4096, 32768 + (({n}) * 40503 + {salt}) % 16384, "
        f"({n}) % 16777216, (({n}) * 69069 + {salt}) % 16777216)"
    )


def _fields_json(model: type[SQLModel], columns: tuple[str, ...]) -> str:
    """A JSON object of the fields a generated row sets, as `Writer.create` logs them.

    Columns the generator leaves out are NULL, which the writer leaves out of the log too.
    """
    spec = spec_for(model)
    parts = []
    for name in columns:
        kind = spec.fields[name].kind
        if kind == "bool":
            value = f"CASE WHEN {name} IS NULL THEN NULL WHEN {name} THEN json('true') ELSE json('false') END"
        elif kind in ("list", "json"):
            value = f"json({name})"
        else:
            value = name
        parts.append(f"'{name}', {value}")
    return f"json_object({', '.join(parts)})"


def create_pool(conn: Conn, *, points: Iterable[PoolPoint]) -> None:
    """Store the drawn combinations in a temporary table the generators join."""
    conn.execute(
        "CREATE TEMP TABLE pool (k INTEGER PRIMARY KEY, county, county_name, river, township, "
        "category, category_zh, type_code, state, lat, lon, along_lat, along_lon, across_lat, "
        "across_lon)"
    )
    conn.executemany(
        "INSERT INTO temp.pool VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", points
    )


def generate_owners(conn: Conn, *, count: int, seed: int, base_ms: int) -> None:
    """`count` enterprise owners, numbered in their names."""
    conn.execute(
        f"INSERT INTO owner (id, {', '.join(OWNER_COLUMNS)}) "
        f"WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < {count - 1}) "
        f"SELECT {_uuid7_sql(f'{base_ms} - 1000', 'i', seed + 1)}, 0, printf('演示企业%05d有限公司', i), "
        f"'enterprise' FROM g"
    )


def generate_outfalls(
    conn: Conn,
    *,
    count: int,
    seed: int,
    base_ms: int,
    pool_size: int,
    spread_along_m: float,
    spread_across_m: float,
) -> None:
    """`count` outfalls, each taking a pool point and jittering its position up to
    `spread_along_m` along the river there and `spread_across_m` across it."""
    conn.execute(
        f"INSERT INTO outfall (id, {', '.join(OUTFALL_COLUMNS)}) "
        f"WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < {count - 1}) "
        f"SELECT {_uuid7_sql(f'{base_ms} + i / 64', 'i', seed + 2)}, 0, "
        f"printf('%s%s%07d', p.county, p.type_code, i + 1), "
        f"printf('%s%s%s%d#%s', p.county_name, p.township, p.river, i % 97 + 1, p.category_zh), "
        f"p.county, p.township, "
        f"round(p.lat + ((i * 7919 + {seed}) % 2001 - 1000) * {spread_along_m / 1000} * p.along_lat "
        f"+ ((i * 104729 + {seed}) % 2001 - 1000) * {spread_across_m / 1000} * p.across_lat, 6), "
        f"round(p.lon + ((i * 7919 + {seed}) % 2001 - 1000) * {spread_along_m / 1000} * p.along_lon "
        f"+ ((i * 104729 + {seed}) % 2001 - 1000) * {spread_across_m / 1000} * p.across_lon, 6), "
        f"'wgs84', 'typed', p.river, p.category, p.state, 2 "
        f"FROM g JOIN temp.pool p ON p.k = (i * 2654435761 + {seed}) % {pool_size}"
    )


def generate_assignments(
    conn: Conn, *, seed: int, base_ms: int, owners: int, states: Sequence[str]
) -> None:
    """A main owner, one of the first `owners`, for every outfall in one of `states`."""
    owned = ", ".join(f"'{s}'" for s in states)
    conn.execute(
        f"INSERT INTO owner_assignment (id, {', '.join(ASSIGNMENT_COLUMNS)}) "
        f"SELECT {_uuid7_sql(f'{base_ms} + o.rowid / 64', 'o.rowid', seed + 3)}, 0, o.id, "
        f"(SELECT id FROM owner WHERE rowid = 1 + o.rowid % {owners}), 'main', 'traced', '2023-06-01' "
        f"FROM outfall o WHERE o.state IN ({owned})"
    )


def generate_remediations(
    conn: Conn, *, seed: int, base_ms: int, states: Sequence[str], today: dt.date
) -> None:
    """A remediation for every outfall in one of `states`: a ban for the abolished, works
    for the rest, due within about a year either side of `today`."""
    remediating = ", ".join(f"'{s}'" for s in states)
    conn.execute(
        f"INSERT INTO remediation (id, {', '.join(REMEDIATION_COLUMNS)}) "
        f"SELECT {_uuid7_sql(f'{base_ms} + o.rowid / 64', 'o.rowid', seed + 4)}, 0, o.id, "
        f"CASE WHEN o.state = 'abolished' THEN '{Measure.BAN.value}' ELSE '{Measure.STANDARDISE.value}' END, "
        f"date(?, printf('%+d days', (o.rowid * 7919) % 900 - 400)), "
        f"CASE WHEN o.state = 'in_remediation' THEN 'in_progress' ELSE 'completed' END "
        f"FROM outfall o WHERE o.state IN ({remediating})",
        (today.isoformat(),),
    )


def _log(
    conn: Conn,
    model: type[SQLModel],
    columns: tuple[str, ...],
    *,
    origin: str,
    actor: str,
    base_ms: int,
) -> None:
    """Write one creation operation per row of `model`'s table, continuing the sequence.

    The clock advances one logical tick per operation (64 per millisecond), so timestamps
    strictly increase with the sequence, as they do for edits made one by one.
    """
    entity = spec_for(model).entity
    start = held_max(conn, origin)
    seq = ":start + n"
    conn.execute(
        f"INSERT INTO op (op_id, origin, seq, hlc, entity, row_id, fields, bases, actor, reason, bundle_id) "
        f"SELECT {_uuid7_sql(f':base + ({seq}) / 64', seq, 11)}, :origin, {seq}, "
        f"((:base + ({seq}) / 64) << 16) + ({seq}) % 64, '{entity}', id, fields, '{{}}', :actor, "
        f"'performance demo', NULL FROM "
        f"(SELECT row_number() OVER (ORDER BY rowid) AS n, id, {_fields_json(model, columns)} AS fields FROM {entity})",
        {"start": start, "base": base_ms, "origin": origin, "actor": actor},
    )


def log_generated(conn: Conn, *, origin: str, actor: str, base_ms: int) -> None:
    """Log the creation of every generated row, table by table, as `origin`'s operations."""
    for model, columns in GENERATED:
        _log(conn, model, columns, origin=origin, actor=actor, base_ms=base_ms)


def catch_up_clock(conn: Conn, *, origin: str) -> None:
    """Set the stored clock to `origin`'s last operation, so the next edit comes after."""
    last = conn.execute("SELECT MAX(hlc) FROM op WHERE origin=?", (origin,)).fetchone()[0]
    conn.execute("UPDATE meta SET value=? WHERE key='hlc'", (str(last),))


def index_outfall_documents(conn: Conn) -> None:
    """A search document for every outfall, numbered in table order; the index itself is
    built from them afterwards (`bulk.rebuild_search`)."""
    cursor = conn.execute("SELECT id, code, national_code, name FROM outfall ORDER BY rowid")
    num = 0
    # Chunks keep memory flat on a million outfalls.
    while chunk := cursor.fetchmany(20_000):
        conn.executemany(
            "INSERT INTO outfall_search_doc (num, outfall_id, body) VALUES (?, ?, ?)",
            [
                (num + i, oid, search_body(code, nat, name))
                for i, (oid, code, nat, name) in enumerate(chunk, 1)
            ],
        )
        num += len(chunk)


# -- what the small demo's later parts pick from the register it built ---------------------
#
# Each pick is ordered, so that a demo built twice with one seed picks the same rows.


class NamedOwner(NamedTuple):
    id: str
    name: str


def first_enterprise_owner(conn: Conn, *, county: str) -> NamedOwner | None:
    """The enterprise with the oldest live assignment to one of `county`'s outfalls."""
    row = conn.execute(
        "SELECT a.owner_id, w.name FROM owner_assignment a JOIN owner w ON w.id = a.owner_id "
        "JOIN outfall o ON o.id = a.outfall_id WHERE o.county_code=? "
        "AND w.kind='enterprise' AND a.deleted=0 ORDER BY a.id LIMIT 1",
        (county,),
    ).fetchone()
    return None if row is None else NamedOwner(str(row[0]), str(row[1]))


def first_planned_inspection(conn: Conn, *, county: str, year: int) -> str | None:
    """Id of the earliest inspection that fulfilled an item of `county`'s plans of `year`."""
    row = conn.execute(
        "SELECT n.id FROM inspection n JOIN plan_item i ON i.id = n.plan_item_id "
        "JOIN plan p ON p.id = i.plan_id WHERE p.county_code=? AND p.year=? "
        "ORDER BY n.started_at LIMIT 1",
        (county, year),
    ).fetchone()
    return None if row is None else str(row[0])


class InspectionAt(NamedTuple):
    outfall_code: str
    inspection_id: str
    started_at: str
    """As stored."""


def latest_inspection(conn: Conn, *, county: str) -> InspectionAt | None:
    """The latest live inspection of an outfall of `county`, with the outfall's code."""
    row = conn.execute(
        "SELECT o.code, i.id, i.started_at FROM inspection i JOIN outfall o "
        "ON o.id = i.outfall_id WHERE o.county_code=? AND i.deleted=0 "
        "ORDER BY i.started_at DESC LIMIT 1",
        (county,),
    ).fetchone()
    return None if row is None else InspectionAt(str(row[0]), str(row[1]), str(row[2]))


def first_outfall_code(conn: Conn, *, county: str, river: str | None = None) -> str | None:
    """The lowest code of a live outfall of `county` (on `river`, if given) that is known
    to exist: neither suspected nor rejected."""
    on_river = " AND river=?" if river is not None else ""
    row = conn.execute(
        f"SELECT code FROM outfall WHERE county_code=?{on_river} AND deleted=0 "
        "AND state NOT IN ('rejected', 'suspected') ORDER BY code LIMIT 1",
        (county,) if river is None else (county, river),
    ).fetchone()
    return None if row is None else str(row[0])


def first_position_on_river(conn: Conn, *, river: str, county: str) -> tuple[float, float] | None:
    """(lat, lon) of the live outfall of `county` on `river` with the lowest code."""
    row = conn.execute(
        "SELECT lat, lon FROM outfall WHERE river=? AND county_code=? AND deleted=0 "
        "ORDER BY code LIMIT 1",
        (river, county),
    ).fetchone()
    return None if row is None else (float(row[0]), float(row[1]))


class FieldPick(NamedTuple):
    """An outfall the demo's field laptop and centre may both edit."""

    id: str
    lat: float
    lon: float
    river: str
    owner_id: str | None
    mouth_shape: str | None
    category: str
    mouth_size: str | None
    discharge_pattern: str | None


def field_picks(conn: Conn, *, county: str) -> list[FieldPick]:
    """`county`'s live outfalls, neither rejected nor abolished, by code, each with its
    main owner (a row per main assignment, one with none if it has none)."""
    return [
        FieldPick(*row)
        for row in conn.execute(
            "SELECT o.id, o.lat, o.lon, o.river, a.owner_id, o.mouth_shape, o.category, "
            "o.mouth_size, o.discharge_pattern "
            "FROM outfall o "
            "LEFT JOIN owner_assignment a ON a.outfall_id = o.id AND a.role='main' "
            "AND a.deleted=0 WHERE o.county_code=? AND o.deleted=0 "
            "AND o.state NOT IN ('rejected', 'abolished') ORDER BY o.code",
            (county,),
        )
    ]


@dataclass(frozen=True)
class SignageVisit:
    """An inspection that recorded the outfall's sign board, and the outfall's particulars
    a photo of that board shows."""

    id: str
    started_at: str
    """As stored."""
    ended_at: str | None
    signage: str
    signage_items: str | None
    """As stored: JSON text."""
    outfall_id: str
    lat: float
    lon: float
    code: str
    name: str
    category: str


def recent_signage_visits(conn: Conn, *, limit: int) -> list[SignageVisit]:
    """The `limit` latest live inspections that recorded the sign board, latest first."""
    return [
        SignageVisit(*row)
        for row in conn.execute(
            "SELECT i.id, i.started_at, i.ended_at, i.signage, i.signage_items, o.id AS outfall_id, o.lat,"
            " o.lon, o.code, o.name, o.category FROM inspection i JOIN outfall o"
            " ON o.id = i.outfall_id WHERE i.deleted = 0 AND i.signage IS NOT NULL"
            " ORDER BY i.started_at DESC LIMIT ?",
            (limit,),
        )
    ]
