"""The large demo: a million outfalls for performance work, built inside SQLite.

Going through `Writer` costs about 200 µs per outfall on a two-core machine (validation,
operation JSON, a dozen B-tree insertions), over three minutes for a million. Here SQLite
generates the rows, and each row's creation operation, with recursive queries at C speed;
the secondary indexes and the search index are built once at the end. The SQL is in
`inspector.data.demo`; what is drawn (places, categories, states) is decided here.

The result obeys the same invariants as data written through `Writer`, and a test holds
it to them with `inspector doctor --full`: every row equals the fold of its operations,
the origin's sequence has no gaps, the search index covers every outfall. The operation
JSON is derived from the same model specs the writer uses, so a new column cannot be
silently left out of the log.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from inspector.data import demo as demo_data
from inspector.data import sort_keys
from inspector.data.bulk import indexes_deferred, rebuild_search, unjournaled_transaction
from inspector.data.db import Database
from inspector.domain.choices import State
from inspector.domain.geo import metres_per_degree
from inspector.domain.periods import today as calendar_today
from inspector.models import SYNCED

Progress = Callable[[float], None]

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
            demo_data.PoolPoint(
                k, county, builder.ref.regions[county].name_zh, river, township, category.value,
                category.zh, category.type_code, state.value, lat, lon, along_lat, along_lon,
                -along_lon * per_lon / per_lat, along_lat * per_lat / per_lon,
            )
        )  # fmt: skip
    base_ms = int((dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).timestamp() * 1000)
    today = calendar_today()
    tick = progress or (lambda fraction: None)
    # The database is new and built under a temporary name (an interrupted build is
    # thrown away), so it needs no journal.
    with unjournaled_transaction(db) as conn:
        origin = db.replica_id
        actor = db.user_name(conn)
        demo_data.create_pool(conn, points=pool)
        with indexes_deferred(conn, SYNCED):
            demo_data.generate_owners(conn, count=OWNERS, seed=seed, base_ms=base_ms)
            tick(0.05)
            demo_data.generate_outfalls(
                conn,
                count=count,
                seed=seed,
                base_ms=base_ms,
                pool_size=POOL,
                spread_along_m=SPREAD_ALONG_M,
                spread_across_m=SPREAD_ACROSS_M,
            )
            tick(0.25)
            demo_data.generate_assignments(
                conn, seed=seed, base_ms=base_ms, owners=OWNERS, states=OWNED
            )
            demo_data.generate_remediations(
                conn, seed=seed, base_ms=base_ms, states=REMEDIATING, today=today
            )
            tick(0.4)
            demo_data.log_generated(conn, origin=origin, actor=actor, base_ms=base_ms)
            tick(0.6)
            demo_data.catch_up_clock(conn, origin=origin)
            demo_data.index_outfall_documents(conn)
            sort_keys.fill_all(conn)
            tick(0.75)
        tick(0.9)
        rebuild_search(conn)
    tick(1.0)
