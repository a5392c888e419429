"""The one write path: every change to synced data is stored with its operation.

A `Writer` is one transaction. `create`, `update` and `delete` validate the values,
write the row, and append an operation to the log (DESIGN §5): origin replica, per-origin
sequence, hybrid logical clock, entity, row, the fields set with their new values, and
for each field the op id of the value it replaced. Both land in the same transaction, so
the table never holds a change the log does not explain.

Writes are buffered and sent with `executemany`, which is what lets a 100,000-row ledger
import run near raw SQLite speed; anything that reads flushes first.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson
from sqlmodel import SQLModel

from inspector.data import dialects, sort_keys
from inspector.data import grants as data_grants
from inspector.data.commits import begin_immediate, commit
from inspector.data.engine import Conn
from inspector.data.search import has_fts, search_body
from inspector.data.statements import insert_statement
from inspector.data.sync import chain
from inspector.domain import authority
from inspector.domain.authority import Denial, Grant
from inspector.domain.choices import State
from inspector.domain.hlc import ClockExhausted, HybridClock
from inspector.domain.ids import op_uuid, origin_tag, uuid7
from inspector.i18n import Problem, t
from inspector.models.local import ACTOR_MAX, REASON_MAX
from inspector.models.spec import FieldError, Reference, ValidationFailed, same_value, spec_for

if TYPE_CHECKING:
    from inspector.data.db import Database

#: (op_id, hlc, origin) of the operation whose value a field currently holds.
Winner = tuple[str, int, str]

_SEARCHED = ("code", "national_code", "name")
_INSERT_OP = (
    "INSERT INTO op (op_id, origin, seq, hlc, entity, row_id, fields, bases, actor, reason,"
    " bundle_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def dumps(value: Any) -> str:
    """Compact JSON text (UTF-8, no spaces), as the operation log stores it."""
    return orjson.dumps(value).decode()


loads = orjson.loads


class NotFound(Problem):
    def __init__(self, entity: str, row_id: str) -> None:
        super().__init__("db.row_not_found", entity=entity, row_id=row_id)


class NotAllowed(Problem):
    """A change this replica's role or region does not allow (`domain.authority`): every
    other replica would refuse it too, so it is refused before it is stored."""

    def __init__(self, who: Grant, entity: str, record: str, denial: Denial) -> None:
        self.denial = denial
        super().__init__(
            "authority.refused",
            record=f"{t('entity.' + entity)} {record}".strip(),
            detail=t(f"authority.{denial.value}", role=_role(who.role), region=who.region or ""),
        )

    def __str__(self) -> str:
        return t(self.key, **self.params)


def _role(role: str) -> str:
    from inspector.domain.choices import ReplicaRole
    from inspector.i18n import language

    member = ReplicaRole.parse(role)
    return member.label(language()) if member else role


class ClockFull(Problem):
    """The clock of a database poisoned by an earlier version cannot go on."""

    def __init__(self, path: object) -> None:
        super().__init__("clock.exhausted", path=path)


@dataclass
class _Batch:
    """Everything buffered since the last flush."""

    writes: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    """SQL statement -> parameter rows, for executemany."""
    ops: list[tuple[Any, ...]] = field(default_factory=list)
    search_new: dict[str, str] = field(default_factory=dict)
    """Search text of outfalls created in this batch, by outfall id."""
    search_changed: dict[str, str] = field(default_factory=dict)
    keyed: dict[str, sort_keys.Keys] = field(default_factory=dict)
    """Reading-order keys of outfalls whose name or river this batch writes, by id."""
    dirty: set[tuple[str, str]] = field(default_factory=set)
    """(entity, row id) of every row this batch changes."""

    def __bool__(self) -> bool:
        return bool(self.writes or self.ops or self.search_new or self.search_changed or self.keyed)


class Writer:
    """A transaction whose every change is logged as an operation. Get one from
    `Database.write()`; it commits when the `with` block ends, or rolls back entirely."""

    FLUSH_AT = 4000

    def __init__(
        self,
        db: Database,
        conn: Conn,
        *,
        actor: str,
        reason: str | None = None,
        bulk: bool = False,
        bundle_id: str | None = None,
    ) -> None:
        _check_envelope_text("actor", actor, ACTOR_MAX)
        _check_envelope_text("reason", reason, REASON_MAX)
        self.db = db
        self._conn = conn
        self.actor = actor
        self.reason = reason
        self.bulk = bulk
        self.bundle_id = bundle_id
        self.origin = db.replica_id
        self.ops_written = 0
        self.clock = HybridClock()
        self._seq = 0
        self._batch = _Batch()
        self._next_doc: int | None = None
        self._reference: Reference | None = None
        self._tag = origin_tag(self.origin)
        self._link: chain.Link | None = None
        """This replica's own chain, carried forward as operations are written (None when
        its stored head lags the log: it is caught up at the next export)."""
        self._grant: Grant | None = None
        self._regions: dict[tuple[str, str], str | None] = {}

    @property
    def conn(self) -> Conn:
        """The transaction's connection. It does not see rows still buffered here: call
        `flush()` first to read those."""
        return self._conn

    # -- transaction ---------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        if not self.origin:
            raise Problem("db.no_replica", path=self.db.path)
        conn = self._conn
        if self.bulk:
            dialects.relax_durability(conn)
        begin_immediate(conn)
        try:
            # Checked at commit: rows of one transaction may arrive in any order.
            dialects.defer_foreign_keys(conn)
            row = conn.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM op WHERE origin=?", (self.origin,)
            ).fetchone()
            self._seq = int(row[0])
            stored = conn.execute("SELECT value FROM meta WHERE key='hlc'").fetchone()
            self.clock = HybridClock(last=int(stored[0]) if stored else 0)
            head = chain.stored_head(conn, self.origin)
            if head is None and self._seq == 0:
                head = chain.Link.start(self.origin)
            self._link = head if head is not None and head.seq == self._seq else None
            yield
            self.flush()
            if self._link is not None and self.ops_written:
                chain.save_head(conn, self._link)
            conn.execute(
                "INSERT INTO meta(key, value) VALUES('hlc', ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (str(self.clock.last),),
            )
            commit(conn)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            if self.bulk:
                dialects.restore_durability(conn)

    def reference(self) -> Reference:
        """Region codes and river names that local edits must use."""
        if self._reference is None:
            conn = self.conn
            regions = frozenset(r[0] for r in conn.execute("SELECT code FROM region"))
            rivers = frozenset(r[0] for r in conn.execute("SELECT name FROM river"))
            self._reference = Reference(regions=regions, rivers=rivers)
        return self._reference

    # -- the three changes ---------------------------------------------------------------

    def create(
        self,
        model: type[SQLModel],
        values: Mapping[str, Any],
        *,
        row_id: str | None = None,
        reason: str | None = None,
    ) -> str:
        """Insert a row and log its creation; returns the new row's id.

        Raises `ValidationFailed` listing every bad field.
        """
        spec = spec_for(model)
        clean = spec.clean(values, reference=self.reference())
        row_id = row_id or uuid7()
        fields = {k: v for k, v in clean.items() if v is not None and v != []}
        self._authorise(spec.entity, row_id, fields, None, reason)
        self._emit(spec.entity, row_id, fields, {}, reason)
        batch = self._batch
        row = spec.storage_row(row_id, clean)
        if spec.entity == "outfall":
            row = (*row, *sort_keys.keys_of(clean))
            batch.search_new[row_id] = search_body(*(clean.get(f) for f in _SEARCHED))
        statement = insert_statement(spec, sort_keys.columns_for(spec.entity))
        batch.writes.setdefault(statement, []).append(row)
        batch.dirty.add((spec.entity, row_id))
        self._maybe_flush()
        return row_id

    def update(
        self,
        model: type[SQLModel],
        row_id: str,
        changes: Mapping[str, Any],
        *,
        reason: str | None = None,
        current: Mapping[str, Any] | None = None,
        winners: Mapping[str, Winner] | None = None,
    ) -> str | None:
        """Change some fields of a row; only fields whose value really changes are logged.

        Returns the op id, or None when nothing changed. `current` and `winners` may be
        given by bulk callers that fetched them for many rows at once.
        """
        spec = spec_for(model)
        clean = spec.clean(changes, partial=True, reference=self.reference())
        key = (spec.entity, row_id)
        if key in self._batch.dirty:
            # Changed since the caller looked: read it back after writing what is pending.
            self.flush()
            current = winners = None
        if current is None:
            current = self.get(model, row_id)
            if current is None:
                raise NotFound(spec.entity, row_id)
        changed = {k: v for k, v in clean.items() if not same_value(current.get(k), v)}
        if not changed:
            return None
        self._authorise(spec.entity, row_id, changed, current, reason)
        if winners is None:
            winners = self.field_winners(spec.entity, [row_id]).get(row_id, {})
        bases = {f: winners[f][0] for f in changed if f in winners}
        op_id = self._emit(spec.entity, row_id, changed, bases, reason)
        names = sorted(changed)
        sets = ", ".join(f"{n}=?" for n in names)
        params = (*(spec.fields[n].to_storage(changed[n]) for n in names), row_id)
        batch = self._batch
        batch.writes.setdefault(f"UPDATE {spec.entity} SET {sets} WHERE id=?", []).append(params)
        batch.dirty.add(key)
        if spec.entity == "outfall" and any(f in changed for f in _SEARCHED):
            merged = {**current, **changed}
            batch.search_changed[row_id] = search_body(*(merged.get(f) for f in _SEARCHED))
        if spec.entity == "outfall" and any(f in changed for f in sort_keys.KEYED):
            batch.keyed[row_id] = sort_keys.keys_of({**current, **changed})
        self._maybe_flush()
        return op_id

    def delete(
        self, model: type[SQLModel], row_id: str, *, reason: str | None = None
    ) -> str | None:
        """Tombstone a row: regulatory records are never erased, and a deletion syncs."""
        return self.update(model, row_id, {"deleted": True}, reason=reason)

    # -- reads inside the transaction ----------------------------------------------------

    def get(self, model: type[SQLModel], row_id: str) -> dict[str, Any] | None:
        """The row's canonical values as stored now (pending writes included)."""
        self.flush()
        spec = spec_for(model)
        row = self._conn.execute(
            f"SELECT {', '.join(spec.columns)} FROM {spec.entity} WHERE id=?", (row_id,)
        ).fetchone()
        return None if row is None else spec.from_row(row)

    def get_many(self, model: type[SQLModel], row_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        self.flush()
        spec = spec_for(model)
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(list(row_ids), 500):
            marks = ", ".join("?" * len(chunk))
            cursor = self._conn.execute(
                f"SELECT {', '.join(spec.columns)} FROM {spec.entity} WHERE id IN ({marks})", chunk
            )
            for row in cursor:
                values = spec.from_row(row)
                out[values["id"]] = values
        return out

    def field_winners(self, entity: str, row_ids: Iterable[str]) -> dict[str, dict[str, Winner]]:
        """For each row, each field's current operation: the greatest (hlc, origin)."""
        self.flush()
        return field_winners(self._conn, entity, row_ids)

    # -- buffering and writing -----------------------------------------------------------

    def _emit(
        self,
        entity: str,
        row_id: str,
        fields: Mapping[str, Any],
        bases: Mapping[str, str],
        reason: str | None,
    ) -> str:
        _check_envelope_text("reason", reason, REASON_MAX)
        try:
            hlc = self.clock.tick()
        except ClockExhausted:
            raise ClockFull(self.db.path) from None
        self._seq += 1
        op_id = op_uuid(self._tag)
        op = (
            op_id,
            self.origin,
            self._seq,
            hlc,
            entity,
            row_id,
            dumps(fields),
            dumps(bases) if bases else "{}",
            self.actor,
            reason if reason is not None else self.reason,
            self.bundle_id,
        )
        self._batch.ops.append(op)
        if self._link is not None:
            self._link.add(self._seq, chain.canonical_stored(op[:10], reparse=False))
        self.ops_written += 1
        return op_id

    # -- authority -----------------------------------------------------------------------

    def grant(self) -> Grant:
        """What this replica may change (its role and region)."""
        if self._grant is None:
            from inspector.data.sync.trust import self_grant

            self._grant = self_grant(self._conn)
        return self._grant

    def _authorise(
        self,
        entity: str,
        row_id: str,
        changes: Mapping[str, Any],
        current: Mapping[str, Any] | None,
        reason: str | None,
    ) -> None:
        """Refuse what another replica would refuse: a record outside this replica's
        region, a sign-off or a state its role may not make (`domain.authority`)."""
        who = self.grant()
        scope = data_grants.SCOPES.get(entity)
        merged = {**current, **changes} if current else changes
        if entity in ("outfall", "plan", "incident"):
            self._regions[(entity, row_id)] = data_grants.regions_of(
                entity, merged, self._parent_region
            )
        if who.unrestricted:
            return
        record = str(merged.get("code") or row_id[:8]) if entity == "outfall" else row_id[:8]
        if scope is not None:
            denial = authority.region_denial(
                who, data_grants.regions_of(entity, merged, self._parent_region)
            )
            if denial is None and current is not None:
                denial = authority.region_denial(
                    who, data_grants.regions_of(entity, current, self._parent_region)
                )
            if denial is not None:
                raise NotAllowed(who, entity, record, denial)
        guarded = authority.GUARDED_FIELDS.get(entity)
        if guarded is None or guarded.isdisjoint(changes):
            return
        for name in sorted(guarded.intersection(changes)):
            if entity == "outfall" and name == "state":
                denial = self._state_denial(who, row_id, merged, current, reason)
            else:
                denial = authority.field_denial(who, entity, name)
            if denial is not None:
                raise NotAllowed(who, entity, record, denial)

    def _state_denial(
        self,
        who: Grant,
        row_id: str,
        merged: Mapping[str, Any],
        current: Mapping[str, Any] | None,
        reason: str | None,
    ) -> Denial | None:
        after = State.parse(str(merged["state"]))
        if after is None:
            return None
        before = State.parse(str(current["state"])) if current and current.get("state") else None
        facts = None
        if authority.needs_facts(before, after):
            self.flush()
            facts = data_grants.signoff_facts(
                self._conn,
                row_id,
                approval_no=merged.get("approval_no"),
                reason=reason if reason is not None else self.reason,
            )
        return authority.state_denial(who, before, after, facts)

    def _parent_region(self, entity: str, row_id: str) -> str | None:
        key = (entity, row_id)
        if key not in self._regions:
            self._regions[key] = data_grants.stored_region(self._conn, entity, row_id)
        return self._regions[key]

    def _maybe_flush(self) -> None:
        if len(self._batch.ops) >= self.FLUSH_AT:
            self.flush()

    def flush(self) -> None:
        """Write everything buffered."""
        batch = self._batch
        if batch:
            self._batch = _Batch()
            self._write(batch)

    def _write(self, batch: _Batch) -> None:
        conn = self._conn
        # Parents before children: a child row written before its parent leaves a deferred
        # foreign-key violation outstanding, and while one is, SQLite checks every parent
        # insert against the child table.
        for sql in sorted(batch.writes, key=_write_order):
            conn.executemany(sql, batch.writes[sql])
        if batch.ops:
            conn.executemany(_INSERT_OP, batch.ops)
        if batch.search_new:
            if self._next_doc is None:
                row = conn.execute(
                    "SELECT COALESCE(MAX(num), 0) FROM outfall_search_doc"
                ).fetchone()
                self._next_doc = int(row[0]) + 1
            first = self._next_doc
            docs = [
                (first + i, oid, body) for i, (oid, body) in enumerate(batch.search_new.items())
            ]
            self._next_doc = first + len(docs)
            conn.executemany(
                "INSERT INTO outfall_search_doc (num, outfall_id, body) VALUES (?, ?, ?)", docs
            )
            if has_fts(conn):
                conn.executemany(
                    "INSERT INTO outfall_search (rowid, body) VALUES (?, ?)",
                    [(n, b) for n, _, b in docs],
                )
        if batch.search_changed:
            replace_search_entries(conn, batch.search_changed)
        if batch.keyed:
            sort_keys.store(conn, batch.keyed)


def replace_search_entries(conn: Conn, bodies: Mapping[str, str]) -> None:
    """Set the search text of existing or new outfalls (external-content FTS5 needs the
    old text to remove an entry)."""
    ids = list(bodies)
    old: dict[str, tuple[int, str]] = {}
    for chunk in _chunks(ids, 500):
        marks = ", ".join("?" * len(chunk))
        for num, outfall_id, body in conn.execute(
            f"SELECT num, outfall_id, body FROM outfall_search_doc WHERE outfall_id IN ({marks})",
            chunk,
        ):
            old[outfall_id] = (num, body)
    fts = has_fts(conn)
    if fts:
        conn.executemany(
            "INSERT INTO outfall_search (outfall_search, rowid, body) VALUES ('delete', ?, ?)",
            list(old.values()),
        )
    conn.executemany(
        "UPDATE outfall_search_doc SET body=? WHERE outfall_id=?",
        [(bodies[i], i) for i in ids if i in old],
    )
    if fts:
        conn.executemany(
            "INSERT INTO outfall_search (rowid, body) VALUES (?, ?)",
            [(old[i][0], bodies[i]) for i in ids if i in old],
        )
    fresh = [(i, bodies[i]) for i in ids if i not in old]
    conn.executemany("INSERT INTO outfall_search_doc (outfall_id, body) VALUES (?, ?)", fresh)
    if fts:
        conn.executemany(
            "INSERT INTO outfall_search (rowid, body) "
            "SELECT num, body FROM outfall_search_doc WHERE outfall_id=?",
            [(i,) for i, _ in fresh],
        )


@functools.cache
def _table_rank() -> dict[str, int]:
    import inspector.models as models

    return {table.name: i for i, table in enumerate(models.metadata.sorted_tables)}


def _write_order(sql: str) -> tuple[int, int]:
    """Sort key of a buffered statement: tables in dependency order, inserts first."""
    verb, _, rest = sql.partition(" ")
    table = rest.split()[1] if verb == "INSERT" else rest.split()[0]
    return (_table_rank().get(table, 0), 0 if verb == "INSERT" else 1)


def field_winners(conn: Conn, entity: str, row_ids: Iterable[str]) -> dict[str, dict[str, Winner]]:
    """For each row, each field's winning operation by (hlc, origin), from the log."""
    out: dict[str, dict[str, Winner]] = {}
    for chunk in _chunks(list(row_ids), 500):
        marks = ", ".join("?" * len(chunk))
        cursor = conn.execute(
            f"SELECT row_id, op_id, hlc, origin, fields FROM op "
            f"WHERE entity=? AND row_id IN ({marks})",
            (entity, *chunk),
        )
        for row_id, op_id, hlc, origin, fields in cursor:
            per_row = out.setdefault(row_id, {})
            for name in loads(fields):
                best = per_row.get(name)
                if best is None or (hlc, origin) > (best[1], best[2]):
                    per_row[name] = (op_id, hlc, origin)
    return out


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _check_envelope_text(name: str, value: str | None, most: int) -> None:
    """Who made a change and why, as every replica's log can hold them: a bundle whose
    operations carry more, or a NUL, is refused where it arrives."""
    if value is None:
        return
    if "\x00" in value:
        raise ValidationFailed("op", [FieldError(name, "nul")])
    if len(value) > most:
        raise ValidationFailed("op", [FieldError(name, "too_long", {"max": most})])
