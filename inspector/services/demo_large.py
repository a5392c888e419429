"""The large demo: a million outfalls for performance work, built inside SQLite.

Going through `Writer` costs about 200 µs per outfall on a two-core machine (validation,
operation JSON, a dozen B-tree insertions), over three minutes for a million. Here SQLite
generates the rows, and each row's creation operation, with recursive queries at C speed;
the secondary indexes and the search index are built once at the end.

The result obeys the same invariants as data written through `Writer`, and a test holds
it to them with `inspector doctor --full`: every row equals the fold of its operations,
the origin's sequence has no gaps, the search index covers every outfall. The operation
JSON is derived from the same model specs the writer uses, so a new column cannot be
silently left out of the log.
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
from collections.abc import Callable

from sqlmodel import SQLModel

from inspector.data.bulk import indexes_deferred, rebuild_search
from inspector.data.db import Database
from inspector.data.search import search_body
from inspector.domain.choices import Measure, State
from inspector.domain.geo import metres_per_degree
from inspector.domain.periods import today as calendar_today
from inspector.models import SYNCED, Outfall, Owner, OwnerAssignment, Remediation
from inspector.models.spec import spec_for

Progress = Callable[[float], None]

OWNER_COLUMNS = ("deleted", "name", "kind")
OUTFALL_COLUMNS = (
    "deleted", "code", "name", "county_code", "township", "lat", "lon", "datum",
    "position_source", "river", "category", "state", "investigation_level",
)  # fmt: skip
ASSIGNMENT_COLUMNS = ("deleted", "outfall_id", "owner_id", "role", "basis", "valid_from")
REMEDIATION_COLUMNS = ("deleted", "outfall_id", "measure", "deadline", "status")

SPREAD_ALONG_M = 150.0
SPREAD_ACROSS_M = 10.0
POOL = 5000
"""Distinct (county, river, township, category, state, position) combinations drawn with
the demo's weights; each outfall takes one and jitters its position."""
OWNERS = 20_000
OWNED = tuple(s.value for s in State if s not in (State.SUSPECTED, State.CONFIRMED, State.REJECTED))
REMEDIATING = tuple(
    s.value
    for s in (
        State.IN_REMEDIATION,
        State.REMEDIATED,
        State.PRE_CLOSED,
        State.CLOSED,
        State.ABOLISHED,
    )
)


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


def _log(
    conn: sqlite3.Connection,
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
    start = conn.execute(
        "SELECT COALESCE(MAX(seq), 0) FROM op WHERE origin=?", (origin,)
    ).fetchone()[0]
    seq = ":start + n"
    conn.execute(
        f"INSERT INTO op (op_id, origin, seq, hlc, entity, row_id, fields, bases, actor, reason, bundle_id) "
        f"SELECT {_uuid7_sql(f':base + ({seq}) / 64', seq, 11)}, :origin, {seq}, "
        f"((:base + ({seq}) / 64) << 16) + ({seq}) % 64, '{entity}', id, fields, '{{}}', :actor, "
        f"'performance demo', NULL FROM "
        f"(SELECT row_number() OVER (ORDER BY rowid) AS n, id, {_fields_json(model, columns)} AS fields FROM {entity})",
        {"start": start, "base": base_ms, "origin": origin, "actor": actor},
    )


def build_large(db: Database, *, count: int, seed: int, progress: Progress | None = None) -> None:
    """Fill a new database (already initialised) with `count` outfalls and their owners,
    assignments and remediations, each with its creation operation.

    For a database nobody else uses yet: it is written without a journal.
    """
    from inspector.services.demo import CATEGORY_MIX, COUNTY_WEIGHTS, STATE_MIX, DemoBuilder

    builder = DemoBuilder(db, seed=seed)
    rng = builder.rng
    counties = list(COUNTY_WEIGHTS)
    pool = []
    for k in range(POOL):
        county = rng.choices(counties, list(COUNTY_WEIGHTS.values()))[0]
        river = rng.choice(builder.rivers_of(county))
        category = rng.choices([c for c, _, _ in CATEGORY_MIX], [w for _, w, _ in CATEGORY_MIX])[0]
        state = rng.choices([s for s, _ in STATE_MIX], [w for _, w in STATE_MIX])[0]
        lat, lon = builder.point_on_river(river, county)
        # Outfalls spread along the river from each pool point, not across it: metres
        # along the river's direction there, in degrees of latitude and longitude.
        heading = math.radians(builder.last_heading or 0.0)
        per_lat, per_lon = metres_per_degree(lat)
        along_lat, along_lon = math.cos(heading) / per_lat, math.sin(heading) / per_lon
        township = rng.choice(builder.material["townships"][county])
        pool.append(
            (k, county, builder.ref.regions[county].name_zh, river, township, category.value, category.zh,
             category.type_code, state.value, lat, lon, along_lat, along_lon, -along_lon * per_lon / per_lat,
             along_lat * per_lat / per_lon)
        )  # fmt: skip
    base_ms = int((dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).timestamp() * 1000)
    today = calendar_today()
    tick = progress or (lambda fraction: None)
    conn = db.connect()
    try:
        # The database is new and built under a temporary name (an interrupted build is
        # thrown away), so no journal is needed: with WAL every page would be written twice.
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-262144")
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("PRAGMA defer_foreign_keys=ON")
        origin = db.replica_id
        actor = db.user_name(conn)
        conn.execute(
            "CREATE TEMP TABLE pool (k INTEGER PRIMARY KEY, county, county_name, river, township, "
            "category, category_zh, type_code, state, lat, lon, along_lat, along_lon, across_lat, "
            "across_lon)"
        )
        conn.executemany(
            "INSERT INTO temp.pool VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", pool
        )
        with indexes_deferred(conn, SYNCED):
            conn.execute(
                f"INSERT INTO owner (id, {', '.join(OWNER_COLUMNS)}) "
                f"WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < {OWNERS - 1}) "
                f"SELECT {_uuid7_sql(f'{base_ms} - 1000', 'i', seed + 1)}, 0, printf('演示企业%05d有限公司', i), "
                f"'enterprise' FROM g"
            )
            tick(0.05)
            conn.execute(
                f"INSERT INTO outfall (id, {', '.join(OUTFALL_COLUMNS)}) "
                f"WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < {count - 1}) "
                f"SELECT {_uuid7_sql(f'{base_ms} + i / 64', 'i', seed + 2)}, 0, "
                f"printf('%s%s%07d', p.county, p.type_code, i + 1), "
                f"printf('%s%s%s%d#%s', p.county_name, p.township, p.river, i % 97 + 1, p.category_zh), "
                f"p.county, p.township, "
                # Up to 150 m up or down the river from the pool point, and 10 m across.
                f"round(p.lat + ((i * 7919 + {seed}) % 2001 - 1000) * {SPREAD_ALONG_M / 1000} * p.along_lat "
                f"+ ((i * 104729 + {seed}) % 2001 - 1000) * {SPREAD_ACROSS_M / 1000} * p.across_lat, 6), "
                f"round(p.lon + ((i * 7919 + {seed}) % 2001 - 1000) * {SPREAD_ALONG_M / 1000} * p.along_lon "
                f"+ ((i * 104729 + {seed}) % 2001 - 1000) * {SPREAD_ACROSS_M / 1000} * p.across_lon, 6), "
                f"'wgs84', 'typed', p.river, p.category, p.state, 2 "
                f"FROM g JOIN temp.pool p ON p.k = (i * 2654435761 + {seed}) % {POOL}"
            )
            tick(0.25)
            owned = ", ".join(f"'{s}'" for s in OWNED)
            conn.execute(
                f"INSERT INTO owner_assignment (id, {', '.join(ASSIGNMENT_COLUMNS)}) "
                f"SELECT {_uuid7_sql(f'{base_ms} + o.rowid / 64', 'o.rowid', seed + 3)}, 0, o.id, "
                f"(SELECT id FROM owner WHERE rowid = 1 + o.rowid % {OWNERS}), 'main', 'traced', '2023-06-01' "
                f"FROM outfall o WHERE o.state IN ({owned})"
            )
            remediating = ", ".join(f"'{s}'" for s in REMEDIATING)
            conn.execute(
                f"INSERT INTO remediation (id, {', '.join(REMEDIATION_COLUMNS)}) "
                f"SELECT {_uuid7_sql(f'{base_ms} + o.rowid / 64', 'o.rowid', seed + 4)}, 0, o.id, "
                f"CASE WHEN o.state = 'abolished' THEN '{Measure.BAN.value}' ELSE '{Measure.STANDARDISE.value}' END, "
                f"date(?, printf('%+d days', (o.rowid * 7919) % 900 - 400)), "
                f"CASE WHEN o.state = 'in_remediation' THEN 'in_progress' ELSE 'completed' END "
                f"FROM outfall o WHERE o.state IN ({remediating})",
                (today.isoformat(),),
            )
            tick(0.4)
            for model, columns in (
                (Owner, OWNER_COLUMNS),
                (Outfall, OUTFALL_COLUMNS),
                (OwnerAssignment, ASSIGNMENT_COLUMNS),
                (Remediation, REMEDIATION_COLUMNS),
            ):
                _log(conn, model, columns, origin=origin, actor=actor, base_ms=base_ms)
            tick(0.6)
            last = conn.execute("SELECT MAX(hlc) FROM op WHERE origin=?", (origin,)).fetchone()[0]
            conn.execute("UPDATE meta SET value=? WHERE key='hlc'", (str(last),))
            cursor = conn.execute(
                "SELECT id, code, national_code, name FROM outfall ORDER BY rowid"
            )
            num = 0
            while chunk := cursor.fetchmany(20_000):
                conn.executemany(
                    "INSERT INTO outfall_search_doc (num, outfall_id, body) VALUES (?, ?, ?)",
                    [
                        (num + i, oid, search_body(code, nat, name))
                        for i, (oid, code, nat, name) in enumerate(chunk, 1)
                    ],
                )
                num += len(chunk)
            tick(0.75)
        tick(0.9)
        rebuild_search(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.close()
    tick(1.0)
