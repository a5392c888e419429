"""Finding and repairing a clock poisoned by an earlier version (`doctor --repair-clock`).

Before clocks were bounded, one operation stamped in the year 3000, or at the largest
integer SQLite stores, was absorbed by every replica that imported it: the second case
stops every later write (the next timestamp does not fit), the first stamps every later
edit in the year 3000, which every upgraded peer then refuses.

The repair loses no operation and no value. Each operation stamped beyond the tolerance
is restamped with the moment its own id records (operation ids carry the wall-clock
millisecond they were made at, which the poisoned clock did not touch), or, when that
is implausible too, just after the operation before it; every origin's timestamps stay
strictly increasing along its sequence, so bundles keep their order. The old value of
each is kept in `clock_repair`. Rows are then rebuilt from the log (the last writer may
have changed), the repaired origins' chains are recomputed when next needed, and their
checkpoints from the first repaired operation on are dropped (they covered the poisoned
values; nobody accepted those anyway, since every upgraded peer refuses them).

The rule depends only on each operation and the ones before it of the same origin, so
replicas that repair the same history get the same timestamps.
"""

from __future__ import annotations

from dataclasses import dataclass

from inspector.data.engine import Conn
from inspector.data.history import rebuild_row
from inspector.data.sync import chain
from inspector.data.sync.merge import now_text
from inspector.data.writer import replace_search_entries
from inspector.domain import hlc as hlc_rules
from inspector.domain.ids import uuid7_time_ms


@dataclass(frozen=True)
class Poisoning:
    count: int
    """Operations stamped beyond the limit."""
    latest: int
    """The largest timestamp in the log or the clock."""
    clock_ahead: bool
    """The stored clock itself is beyond the limit."""

    @property
    def found(self) -> bool:
        return self.count > 0 or self.clock_ahead


def _stored_clock(conn: Conn) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key='hlc'").fetchone()
    try:
        return int(row[0]) if row else 0
    except (TypeError, ValueError):
        return hlc_rules.MAX_HLC


def find(conn: Conn, limit: int) -> Poisoning:
    count, latest = conn.execute(
        "SELECT COUNT(*), MAX(hlc) FROM op WHERE hlc > ?", (limit,)
    ).fetchone()
    clock = _stored_clock(conn)
    return Poisoning(int(count), max(int(latest or 0), clock), clock > limit)


def _id_moment(op_id: str) -> int | None:
    try:
        return uuid7_time_ms(op_id)
    except ValueError:
        return None


def repair(conn: Conn, limit: int) -> int:
    """Restamp every operation beyond `limit` (inside the caller's transaction); returns
    how many were restamped."""
    firsts = {
        str(origin): int(seq)
        for origin, seq in conn.execute(
            "SELECT origin, MIN(seq) FROM op WHERE hlc > ? GROUP BY origin", (limit,)
        )
    }
    changed: list[tuple[str, str, int]] = []
    rows: set[tuple[str, str]] = set()
    at = now_text()
    for origin, first in sorted(firsts.items()):
        before = conn.execute(
            "SELECT hlc FROM op WHERE origin=? AND seq<? ORDER BY seq DESC LIMIT 1",
            (origin, first),
        ).fetchone()
        previous = int(before[0]) if before else 0
        for op_id, old, entity, row_id in conn.execute(
            "SELECT op_id, hlc, entity, row_id FROM op WHERE origin=? AND seq>=? ORDER BY seq",
            (origin, first),
        ).fetchall():
            old = int(old)
            if old <= limit and old > previous:
                previous = old
                continue
            moment = _id_moment(op_id)
            candidate = hlc_rules.pack(moment) if moment is not None else 0
            if candidate > limit:
                candidate = 0
            new = max(candidate, previous + 1)
            changed.append((op_id, str(old), new))
            rows.add((entity, row_id))
            previous = new
    conn.executemany("UPDATE op SET hlc=? WHERE op_id=?", [(new, op) for op, _, new in changed])
    conn.executemany(
        "INSERT INTO clock_repair (op_id, old_hlc, new_hlc, repaired_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(op_id) DO NOTHING",
        [(op, old, new, at) for op, old, new in changed],
    )
    top = conn.execute("SELECT COALESCE(MAX(hlc), 0) FROM op").fetchone()[0]
    conn.execute(
        "INSERT INTO meta(key, value) VALUES('hlc', ?) "
        "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
        (str(top),),
    )
    chain.forget_heads(conn, firsts)
    chain.drop_checkpoints_from(conn, firsts)
    _rebuild(conn, rows)
    return len(changed)


def _rebuild(conn: Conn, rows: set[tuple[str, str]]) -> None:
    """Rows whose last writer may have changed: set every logged field from the log."""
    from inspector.models import SYNCED
    from inspector.models.spec import spec_for

    search: dict[str, str] = {}
    for entity, row_id in sorted(rows):
        model = SYNCED.get(entity)
        logged = rebuild_row(conn, entity, row_id)
        if model is None or not logged:
            continue
        spec = spec_for(model)
        names = sorted(n for n in logged if n in spec.fields)
        if not names:
            continue
        sets = ", ".join(f"{n}=?" for n in names)
        conn.execute(
            f"UPDATE {entity} SET {sets} WHERE id=?",
            (*(spec.fields[n].to_storage(logged[n]) for n in names), row_id),
        )
        if entity == "outfall":
            from inspector.data.search import search_body

            row = conn.execute(
                "SELECT code, national_code, name FROM outfall WHERE id=?", (row_id,)
            ).fetchone()
            if row:
                search[row_id] = search_body(*row)
    if search:
        replace_search_entries(conn, search)
