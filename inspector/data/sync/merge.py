"""Applying another replica's operations: last-writer-wins per field, conflicts shown.

Every field of every synced row is a register whose value is that of the greatest
(hlc, origin) among the operations that set it (the same rule `writer.field_winners`
and `history` fold by). An incoming operation names, for each field, the operation whose
value it replaced (its base). When that base is the field's current operation the edit
was made knowing the current value and simply supersedes it. When it is not, the two
edits were made without knowledge of each other: the rule still picks the winner, so
every replica that holds the same operations shows the same value, and a `conflict` row
keeps both values for a person to confirm or reverse.

Why the base test is exact: bundles carry every operation their source holds beyond
what the target held (prerequisites enforce it), so an operation's bases are always
held here by the time it is applied, and HLC order is causal order. A base that is not
the current winner therefore means the author had not seen the winner.

The work is batched: a batch's rows and field winners are read with a few chunked
queries, operations and rows are written with `executemany`, and the register's search
index is updated once per batch. `Merger` runs inside the caller's transaction (see
`merge_transaction`), so an import is all or nothing and a preview is a rollback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import hashlib
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

from inspector.data import dialects, sort_keys
from inspector.data.bulk import insert_then_index
from inspector.data.commits import begin_immediate
from inspector.data.engine import Conn, IntegrityError
from inspector.data.search import has_fts, search_body
from inspector.data.writer import replace_search_entries
from inspector.domain.assessment import BASIS_KIND
from inspector.domain.authority import GATED_STATES
from inspector.domain.geo import degrees_box, haversine_m
from inspector.i18n import Problem, t
from inspector.models.local import ACTOR_MAX, REASON_MAX
from inspector.models.spec import ModelSpec, same_value, spec_for

if TYPE_CHECKING:
    from inspector.data.sync.guard import Guard, GuardState

#: An operation as it travels: (op_id, origin, seq, hlc, entity, row_id, fields, bases,
#: actor, reason). `fields` and `bases` are dicts.
RemoteOp = tuple[str, str, int, int, str, str, dict[str, Any], dict[str, Any], str, str | None]

#: Two outfalls registered on different replicas within this distance on the same river
#: are flagged as a possible duplicate (a phone GPS fix is good to 5-15 m).
DUPLICATE_RADIUS_M = 15.0
#: At most this many possible duplicates are flagged for one new outfall by each test.
PAIRS_PER_OUTFALL = 32

_NAMESPACE = uuid.UUID("6f0c7d4e-5b1a-4c55-9e0e-3f1d2a7b8c90")
_SEARCHED = ("code", "national_code", "name")
_OP_COLUMNS = (
    "op_id", "origin", "seq", "hlc", "entity", "row_id", "fields", "bases", "actor", "reason",
    "bundle_id",
)  # fmt: skip
_INSERT_CONFLICT = (
    "INSERT INTO conflict (id, entity, row_id, field, winner_op, winner_origin,"
    " winner_hlc, winner_value, loser_op, loser_origin, loser_hlc, loser_value, bundle_id,"
    " detected_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')"
    " ON CONFLICT DO NOTHING"
)
_CHUNK = 500
#: Page cache during an import, in KiB as PRAGMA cache_size takes it (negative).
IMPORT_CACHE_KIB = -256 * 1024
_BULK_ROWS = 20_000
KEEP_CONFLICTS = 10_000
_CACHE_ROWS = 100_000
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


class MalformedOps(Problem):
    """Operations that cannot have come from this program: the bundle is refused."""

    exit_code = 2

    def __init__(self, kind: str, /, **params: Any) -> None:
        """`kind`: what is wrong, `sync.malformed.<kind>` in the catalogue."""
        super().__init__("sync.malformed_ops", kind=kind, **params)

    def __str__(self) -> str:
        params = dict(self.params)
        detail = t(f"sync.malformed.{params.pop('kind')}", **params)
        return t(self.key, detail=detail)


class _IdsCollided(Exception):
    """The log refused a batch: an operation id already used (see `apply_admitted`)."""

    def __init__(self, ops: Sequence[RemoteOp]) -> None:
        super().__init__("colliding operation ids")
        self.ops = ops


def now_text() -> str:
    return dt.datetime.now(dt.UTC).strftime(DATETIME_FORMAT)


@contextlib.contextmanager
def merge_transaction(
    conn: Conn, *, keep: bool = True, bundle_id: str | None = None
) -> Iterator[None]:
    """One write transaction for a whole import; `keep=False` rolls back (a preview).

    Foreign keys are checked at commit: rows of one bundle arrive parent-first but
    cycles (an inspection and its plan item) make no order perfect. A record that names
    one that exists nowhere refuses the import with that record named (a preview checks
    the tables the import touched before rolling back).
    """
    begin_immediate(conn)
    cache: int | None = None
    try:
        dialects.defer_foreign_keys(conn)
        # A large import touches the log's indexes and the register's at once; pages are
        # only allocated as they are used, so a small import stays small.
        cache = dialects.set_cache_kib(conn, IMPORT_CACHE_KIB)
        yield
        if keep:
            if not dialects.commit_checking_keys(conn):
                raise _dangling(conn, None, bundle_id)
        else:
            if bundle_id is not None:
                problem = _dangling(conn, _touched_tables(conn, bundle_id), bundle_id)
                if problem.refusals:
                    raise problem
            conn.execute("ROLLBACK")
    except _IdsCollided as collided:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise _colliding_ids(conn, collided.ops) from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        if cache is not None:
            dialects.set_cache_kib(conn, cache)


def _touched_tables(conn: Conn, bundle_id: str) -> list[str]:
    return [
        str(r[0])
        for r in conn.execute("SELECT DISTINCT entity FROM op WHERE bundle_id=?", (bundle_id,))
    ]


def _dangling(conn: Conn, tables: list[str] | None, bundle_id: str | None) -> Any:
    """The refusal for records that name records existing nowhere (foreign keys)."""
    from inspector.data.sync.checks import SHOWN, OperationsRefused, Refusal

    rows = dialects.foreign_key_problems(conn, tables, limit=SHOWN)
    found = []
    for table, row_id, column, value, parent in rows[: SHOWN + 1]:
        origin, seq = "", 0
        if row_id and bundle_id:
            op = conn.execute(
                "SELECT origin, seq FROM op WHERE entity=? AND row_id=? AND bundle_id=?"
                " ORDER BY hlc DESC LIMIT 1",
                (table, row_id, bundle_id),
            ).fetchone()
            if op:
                origin, seq = str(op[0]), int(op[1])
        found.append(
            Refusal(
                "reference",
                origin=origin,
                seq=seq,
                entity=str(table),
                record=row_id[:8],
                field=column,
                value=value,
                params={"target": str(parent)},
            )
        )
    return OperationsRefused(found)


@functools.cache
def _synced() -> dict[str, ModelSpec]:
    from inspector.models import SYNCED

    return {name: spec_for(model) for name, model in SYNCED.items()}


@functools.cache
def _field_names() -> dict[str, frozenset[str]]:
    return {name: frozenset(spec.fields) for name, spec in _synced().items()}


@functools.cache
def _json_fields() -> dict[str, frozenset[str]]:
    """Fields stored as JSON text (lists and dicts), by table."""
    return {
        name: frozenset(f for f, s in spec.fields.items() if s.kind in ("list", "json"))
        for name, spec in _synced().items()
    }


@functools.cache
def _rank() -> dict[str, int]:
    import inspector.models as models

    return {table.name: i for i, table in enumerate(models.metadata.sorted_tables)}


def conflict_id(entity: str, row_id: str, name: str, loser: str, winner: str) -> str:
    """The same disagreement detected twice is one conflict."""
    return str(uuid.uuid5(_NAMESPACE, f"{entity}|{row_id}|{name}|{loser}|{winner}"))


@dataclass(frozen=True)
class Admitted:
    """A batch after `Merger.admit`: its size, the operations not held yet, and the
    copies of operations already held (to compare with the originals); and, built off
    the merging thread, the log rows of the fresh operations."""

    received: int
    fresh: list[RemoteOp]
    held: list[RemoteOp]
    log_rows: list[tuple[Any, ...]] = field(default_factory=list)
    """Empty when packed."""
    packed_log: str | bytes | None = None
    """The log rows packed for `dialects.insert_rows` (None: not packed)."""


@dataclass
class AdmissionState:
    """What `Admission` reads and changes, as it travels to another process and back."""

    bundle_id: str | None
    self_id: str
    engine: dialects.Dialect
    vector: dict[str, int]
    last: tuple[int, str]
    max_hlc: int
    guard: GuardState | None


class _Writes(NamedTuple):
    """What `Merger._materialise` writes: new rows by table, updates by table and the
    fields they set, and the search documents and sort keys to go with them."""

    inserts: dict[str, list[tuple[Any, ...]]]
    updates: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]]
    search: dict[str, str]
    fresh_search: list[tuple[str, str]]
    keyed: dict[str, sort_keys.Keys]


@dataclass(slots=True)
class _RowState:
    """What the merge knows of one row: its values and each field's current operation."""

    values: dict[str, Any]
    winners: dict[str, tuple[int, str, str]]
    """field -> (hlc, origin, op_id) of the operation whose value it holds."""
    exists: bool
    key: tuple[str, str]
    """(table, id): the row's key in the cache."""
    changed: set[str] = field(default_factory=set)
    used: int = 0
    """The last batch that touched the row (the cache lets the least recent go first)."""
    reported: Reported | None = None
    """What the merge's counts already hold of this row (None: nothing yet)."""


@dataclass(frozen=True)
class Reported:
    """What a merge has counted of one row: a row is written each time the cache lets it go
    and at the end, so without this a row made by the bundle and changed again later was
    counted as made and as updated, and a row updated in two writes as two."""

    created: bool
    fields: frozenset[str]


_CREATED = Reported(created=True, fields=frozenset())


@dataclass
class ConflictFound:
    entity: str
    row_id: str
    field: str
    winner_op: str
    winner_origin: str
    winner_value: Any
    loser_op: str
    loser_origin: str
    loser_value: Any


@dataclass
class MergeResult:
    """What applying a set of operations did (or, in a preview, would do)."""

    received: int = 0
    already_held: int = 0
    applied: int = 0
    created: dict[str, int] = field(default_factory=dict)
    """New rows by table."""
    changed: dict[str, int] = field(default_factory=dict)
    """Existing rows with at least one field changed, by table."""
    fields_changed: int = 0
    """Fields changed in those existing rows (each row's field once)."""
    conflicts: list[ConflictFound] = field(default_factory=list)
    """The first `KEEP_CONFLICTS` conflicts found (all are in the `conflict` table)."""
    conflict_count: int = 0
    duplicates: list[tuple[str, str, str, float | None]] = field(default_factory=list)
    """(outfall a, outfall b, reason, distance) flagged as possible duplicates."""
    settled: int = 0
    """Open conflicts here closed by a resolution made elsewhere."""
    new_photos: list[str] = field(default_factory=list)
    """Photo rows first seen here (their files may travel in the bundle)."""
    max_hlc: int = 0
    vector: dict[str, int] = field(default_factory=dict)
    """This replica's version vector after the merge."""
    passed_over: int = 0
    """Operations of revoked replicas beyond the point each is kept to: not taken."""

    def as_json(self, *, conflict_limit: int = 200) -> dict[str, Any]:
        return {
            "received": self.received,
            "already_held": self.already_held,
            "applied": self.applied,
            "created": self.created,
            "changed": self.changed,
            "fields_changed": self.fields_changed,
            "conflicts": self.conflict_count,
            "conflict_details": [vars(c) for c in self.conflicts[:conflict_limit]],
            "duplicates": len(self.duplicates),
            "settled": self.settled,
            "new_photos": len(self.new_photos),
            "passed_over": self.passed_over,
        }


def own_vector(conn: Conn) -> dict[str, int]:
    """Per origin, the highest sequence held with none missing below it."""
    out: dict[str, int] = {}
    for origin, highest, count in conn.execute(
        "SELECT origin, MAX(seq), COUNT(*) FROM op GROUP BY origin"
    ):
        if count == highest:
            out[origin] = int(highest)
            continue
        # A gap (only a damaged log has one): the contiguous prefix is what is held.
        expected = 0
        for (seq,) in conn.execute("SELECT seq FROM op WHERE origin=? ORDER BY seq", (origin,)):
            if seq != expected + 1:
                break
            expected = seq
        out[origin] = expected
    return out


class Admission:
    """The first half of a merge: each operation's envelope, order, sequence, clock, id,
    signature chain and values, checked with no table touched (what the guard needs of
    the database is read before: `Guard.prepare`). So it runs beside the merge, in
    another thread or, for a large bundle, in another process (`state`, `from_state`,
    `adopt`; see `services.sync.admission`)."""

    def __init__(
        self,
        *,
        bundle_id: str | None,
        self_id: str,
        engine: dialects.Dialect,
        vector: dict[str, int],
        guard: Guard | None,
    ) -> None:
        self.bundle_id = bundle_id
        self.self_id = self_id
        self.engine = engine
        self.vector = vector
        """What is held of each origin, counting what has been admitted."""
        self.guard = guard
        self.last: tuple[int, str] = (0, "")
        self.max_hlc = 0

    def state(self) -> AdmissionState:
        return AdmissionState(
            bundle_id=self.bundle_id,
            self_id=self.self_id,
            engine=self.engine,
            vector=dict(self.vector),
            last=self.last,
            max_hlc=self.max_hlc,
            guard=None if self.guard is None else self.guard.admission_state(),
        )

    @classmethod
    def from_state(cls, state: AdmissionState) -> Admission:
        """An admission going on where `state` was taken (in another process)."""
        from inspector.data.sync.guard import Guard

        admission = cls(
            bundle_id=state.bundle_id,
            self_id=state.self_id,
            engine=state.engine,
            vector=dict(state.vector),
            guard=None if state.guard is None else Guard.admitting(state.guard),
        )
        admission.last = state.last
        admission.max_hlc = state.max_hlc
        return admission

    def adopt(self, state: AdmissionState) -> None:
        """Take over where an admission elsewhere ended (refusals are handed over batch
        by batch, see `services.sync.admission`)."""
        self.vector.clear()
        self.vector.update(state.vector)
        self.last = state.last
        self.max_hlc = state.max_hlc
        if self.guard is not None and state.guard is not None:
            self.guard.adopt(state.guard)

    def admit(self, batch: Sequence[RemoteOp]) -> Admitted:
        """The first half of `apply`: each operation's envelope, order, sequence, clock,
        id and signature chain, and (with a guard) its values. Touches no table, so an
        importer runs it for the next batch in another thread, or another process, while
        the merge goes on (`Guard.prepare` first); batches must still come in order."""
        with _refused_if_too_deep():
            return self._admit_values(batch)

    def _admit_values(self, batch: Sequence[RemoteOp]) -> Admitted:
        fresh, held = self._admit(batch)
        if not fresh:
            return Admitted(len(batch), fresh, held)
        if self.guard is not None:
            self.guard.check_values(fresh)
        bundle_id = self.bundle_id
        dumps = orjson.dumps
        rows = [
            (
                op[0],
                op[1],
                op[2],
                op[3],
                op[4],
                op[5],
                dumps(op[6]).decode(),
                dumps(op[7]).decode() if op[7] else "{}",
                op[8],
                op[9],
                bundle_id,
            )
            for op in fresh
        ]
        packed = dialects.pack_rows(self.engine, rows)
        return Admitted(len(batch), fresh, held, rows if packed is None else [], packed)

    def _admit(self, batch: Sequence[RemoteOp]) -> tuple[list[RemoteOp], list[RemoteOp]]:
        """Check each operation's envelope, order and sequence, and (with a guard) its
        clock, its id and its place on its origin's signed chain. Returns the operations
        not held yet and the copies of those already held."""
        specs = _field_names()
        vector = self.vector
        last = self.last
        max_hlc = self.max_hlc
        fresh: list[RemoteOp] = []
        held_copies: list[RemoteOp] = []
        guard = self.guard
        if guard is not None:
            limit = guard.limit
            links = guard.links
            checkpoints = guard.checkpoints
            cutoffs = guard.cutoffs
            tags = guard.tags
            self_id = self.self_id
            dumps = orjson.dumps
            sha256 = hashlib.sha256
        for op in batch:
            if type(op) not in (tuple, list) or len(op) != 10:
                raise MalformedOps("shape")
            op_id, origin, seq, hlc, entity, row_id, fields, bases, actor, reason = op
            if not (
                type(op_id) is str
                and len(op_id) == 36
                and type(origin) is str
                and 0 < len(origin) <= 36
                and type(seq) is int
                and seq > 0
                and type(hlc) is int
                and hlc > 0
                and type(row_id) is str
                and 0 < len(row_id) <= 64
                and type(fields) is dict
                and type(bases) is dict
                and type(actor) is str
                and len(actor) <= ACTOR_MAX
                and (reason is None or (type(reason) is str and len(reason) <= REASON_MAX))
            ):
                raise MalformedOps("envelope", op=op_id)
            known = specs.get(entity) if type(entity) is str else None
            if known is None:
                raise MalformedOps("table", table=entity)
            if not known.issuperset(fields):
                raise MalformedOps("field", field=f"{entity}.{sorted(set(fields) - known)[0]}")
            if bases:
                # A loop, not all(...): a generator per operation costs more than the test.
                if not fields.keys() >= bases.keys():
                    raise MalformedOps("bases", table=entity, row=row_id)
                for base in bases.values():
                    if type(base) is not str:
                        raise MalformedOps("bases", table=entity, row=row_id)
            if entity == "photo" and not _is_sha256(row_id):
                raise MalformedOps("photo_id", row=row_id)
            key = (hlc, origin)
            if key < last:
                raise MalformedOps("order")
            last = key
            held = vector.get(origin, 0)
            if guard is not None:
                if cutoffs and origin in cutoffs and seq > cutoffs[origin]:
                    # Before its clock and id are judged: nothing of it is kept.
                    self._pass_over(op, cutoffs[origin])
                    continue
                if hlc > limit:
                    guard.refuse(_refusal("clock", op, ahead=_days_ahead(hlc)))
                    break
                if op_id[14] == "8":
                    tag = tags.get(origin)
                    if tag is None:
                        tag = guard.tag(origin)
                    if op_id[28:] != tag:
                        guard.refuse(_refusal("foreign_id", op))
                        break
                if seq <= held:
                    held_copies.append(op)
                    continue
                if origin == self_id:
                    guard.refuse(_refusal("own_name", op))
                    break
                cp = checkpoints.get(origin)
                if cp is None or seq > cp.seq:
                    unknown = origin in guard.unknown
                    guard.refuse(_refusal("unknown_origin" if unknown else "unsigned", op))
                    break
                link = links[origin]  # prepared for every origin with a checkpoint
                if seq == held + 1:
                    data = dumps(op)
                    # JSON writes a NUL as \u0000; text holding one anywhere in the
                    # envelope is refused (PostgreSQL cannot store it; values are
                    # checked with the fields).
                    if b"\\u0000" in data and _envelope_has_nul(op):
                        raise MalformedOps("envelope", op=op_id)
                    # Link.add, inlined: a million calls.
                    link.digest = sha256(link.digest + data).digest()
                    link.seq = seq
            elif seq <= held:
                continue
            if hlc > max_hlc:
                max_hlc = hlc
            if seq != held + 1:
                raise MalformedOps("gap", origin=origin, seq=seq)
            vector[origin] = seq
            fresh.append(op)
        self.last = last
        self.max_hlc = max_hlc
        return fresh, held_copies

    def _pass_over(self, op: RemoteOp, cut: int) -> None:
        """An operation of a revoked origin beyond its cut: not taken, not compared with
        a copy held here (a restored laptop's second version must not stop anyone). When
        the bundle also brings that origin's operations up to the cut, the chain is still
        carried through this one, to check them against the checkpoint it signed."""
        assert self.guard is not None
        guard = self.guard
        guard.passed_over += 1
        seq = op[2]
        link = guard.links.get(op[1])
        cp = guard.checkpoints.get(op[1])
        if (
            guard.starts.get(op[1], cut) < cut
            and link is not None
            and cp is not None
            and seq <= cp.seq
            and seq == link.seq + 1
            and link.seq >= cut
        ):
            link.add(seq, orjson.dumps(op))


#: What orjson's TypeError says of a value nested deeper than it writes.
_TOO_DEEP = "Recursion limit reached"


@contextlib.contextmanager
def _refused_if_too_deep() -> Iterator[None]:
    """orjson reads values nested 1024 levels deep but writes only 254, and the chain's
    hash and the log write a bundle's values again: a value between the two is the
    bundle's fault, refused. Any other TypeError is the program's and goes on as one."""
    try:
        yield
    except TypeError as exc:
        if str(exc) != _TOO_DEEP:
            raise
        raise MalformedOps("depth") from None


class Merger:
    """Applies batches of remote operations, in (hlc, origin) order, in one transaction."""

    def __init__(
        self,
        conn: Conn,
        *,
        bundle_id: str | None,
        self_id: str,
        guard: Guard | None = None,
    ) -> None:
        self.conn = conn
        self._engine = dialects.dialect(conn)
        self.bundle_id = bundle_id
        self.self_id = self_id
        self.guard = guard
        """Checks of signatures, values and authority (None: operations this program
        made itself, in a test)."""
        self.detected_at = now_text()
        self.result = MergeResult()
        vector = own_vector(conn)
        if guard is not None:
            guard.prepare(vector)
        self.admission = Admission(
            bundle_id=bundle_id, self_id=self_id, engine=self._engine, vector=vector, guard=guard
        )
        """The first half of the merge (`admit`): the operations' envelopes, order and
        signatures, which touch no table."""
        self._cache: dict[tuple[str, str], _RowState] = {}
        """Rows recently merged (see `_load`)."""
        self._batches = 0
        self._reported: dict[tuple[str, str], Reported] = {}
        """What the counts hold of rows the cache let go, for when they recur."""
        self._reports: dict[frozenset[str], Reported] = {}
        self._dirty: list[_RowState] = []
        """Rows whose `changed` is not empty, each once: a row is listed when its first
        change since it was last written arrives (cheaper than a set of a million keys)."""
        self._op_index: str | None = None
        """The SQL of the log's row index while it is dropped (`defer_log_index`)."""
        self._new_outfalls: list[str] = []
        self._creators: dict[str, str] = {}
        """Origin of the first operation of each outfall new to this replica."""

    # -- the log's row index ------------------------------------------------------------

    def defer_log_index(self, incoming: int) -> None:
        """For an import much larger than the log it lands in (a new replica's first
        bundle): drop the log's (entity, row_id) index now and build it once, sorted, when
        the merge first needs it (to read the winners of rows already stored) or at the
        end. Inside the import's transaction, so a refused import leaves it as it was."""
        if incoming < _BULK_ROWS or incoming <= sum(self.admission.vector.values()):
            return
        definition = dialects.index_definition(self.conn, "ix_op_row")
        if definition is None:
            return
        self.conn.execute("DROP INDEX ix_op_row")
        self._op_index = definition

    def _restore_log_index(self) -> None:
        if self._op_index is not None:
            self.conn.execute(self._op_index)
            self._op_index = None

    @contextlib.contextmanager
    def _log_index_built_meanwhile(self) -> Iterator[None]:
        """Build the log's row index, if dropped, in another thread while the block runs
        (it must not touch the connection): the database sorts a million log rows on one
        core (1.2 s on PostgreSQL) while this one makes the rows to write on the other.
        The connection is this thread's again when the block ends."""
        definition = self._op_index
        if definition is None:
            yield
            return
        self._op_index = None
        failed: list[BaseException] = []

        def build() -> None:
            try:
                self.conn.execute(definition)
            except BaseException as exc:  # raised in the merging thread, below
                failed.append(exc)

        worker = threading.Thread(target=build, name="log-index", daemon=True)
        worker.start()
        try:
            yield
        finally:
            worker.join()
        if failed:
            raise failed[0]

    # -- one batch ------------------------------------------------------------------------

    def apply(self, batch: Sequence[RemoteOp]) -> None:
        # A batch allocates hundreds of thousands of small tuples and dicts, none of them
        # in reference cycles; the cyclic collector would rescan the whole row cache for
        # nothing, again and again (a third of the merge's time in measurements).
        enabled = gc.isenabled()
        gc.disable()
        try:
            self.apply_admitted(self.admit(batch))
        finally:
            if enabled:
                gc.enable()

    def admit(self, batch: Sequence[RemoteOp]) -> Admitted:
        """The first half of `apply` (`Admission.admit`)."""
        return self.admission.admit(batch)

    def apply_admitted(self, admitted: Admitted) -> None:
        """The second half of `apply`: merge what `admit` let through."""
        result = self.result
        fresh, held = admitted.fresh, admitted.held
        result.received += admitted.received
        result.already_held += admitted.received - len(fresh)
        guard = self.guard
        if guard is not None:
            if held:
                with _refused_if_too_deep():
                    guard.compare_held(held)
            guard.raise_if_refused()
        if not fresh:
            return
        states = self._load(fresh)
        try:
            # The fold needs the connection only to judge an edit outside the common
            # case, and then waits for the log rows first.
            with dialects.rows_inserted_meanwhile(
                self.conn, "op", _OP_COLUMNS, admitted.log_rows, packed=admitted.packed_log
            ):
                conflicts = self._fold(fresh, states)
        except IntegrityError:
            # Only an operation id used twice gets here (sequences were checked above).
            if self._engine == "sqlite":
                raise _colliding_ids(self.conn, fresh) from None
            # PostgreSQL refuses every reading in a transaction after a refused row, so
            # which id it was is read once it is rolled back (`merge_transaction`).
            # Not in a savepoint: each would hold on to a subtransaction id to the end,
            # and past 64 of them (3 million operations) every other session's reading
            # slows down while the import runs.
            raise _IdsCollided(fresh) from None
        result.applied += len(fresh)
        if guard is not None:
            guard.raise_if_refused()
        if conflicts:
            self.conn.executemany(_INSERT_CONFLICT, conflicts)
        if len(self._cache) > _CACHE_ROWS:
            self._materialise()

    def _load(self, ops: Sequence[RemoteOp]) -> list[_RowState]:
        """The state of each operation's row, in the operations' order: cached, or read
        (values and field winners) from the table and the log. The rows the batch touches
        become the most recently used. One lookup per operation: a batch touches tens of
        thousands of rows, and `_fold` then needs no key of its own.

        Recency is a stamp, not the cache's order: moving each touched row to the end of
        the cache (a pop and an insert per operation) cost a fifth of the merge's time."""
        cache = self._cache
        get = cache.get
        reported = self._reported
        self._batches += 1
        stamp = self._batches
        missing: dict[str, dict[str, _RowState]] = {}
        states: list[_RowState] = []
        for op in ops:
            key = (op[4], op[5])
            state = get(key)
            if state is None:
                # Filled in below when the table has the row.
                state = cache[key] = _RowState(
                    values={}, winners={}, exists=False, key=key, reported=reported.get(key)
                )
                missing.setdefault(key[0], {})[key[1]] = state
            state.used = stamp
            states.append(state)
        guard = self.guard
        conn = self.conn
        specs = _synced()
        for entity, by_id in missing.items():
            if guard is not None:
                for row_id in by_id:
                    guard.forget_parent(entity, row_id)
            spec = specs[entity]
            columns = ", ".join(spec.columns)
            for chunk in _chunks(list(by_id), _CHUNK):
                marks = ", ".join("?" * len(chunk))
                present: list[str] = []
                for row in conn.execute(
                    f"SELECT {columns} FROM {entity} WHERE id IN ({marks})", chunk
                ):
                    values = spec.from_row(row)
                    state = by_id[values["id"]]
                    state.values = values
                    state.exists = True
                    present.append(values["id"])
                if not present:
                    continue
                self._restore_log_index()
                marks = ", ".join("?" * len(present))
                for row_id, name, op_id, hlc, origin in conn.execute(
                    "SELECT row_id, key, op_id, hlc, origin FROM ("
                    " SELECT o.row_id, j.key, o.op_id, o.hlc, o.origin, ROW_NUMBER() OVER ("
                    "  PARTITION BY o.row_id, j.key ORDER BY o.hlc DESC, o.origin DESC) AS rn"
                    f" FROM op o, {dialects.json_items('o.fields', self._engine)} j"
                    f" WHERE o.entity=? AND o.row_id IN ({marks})) AS w WHERE rn=1",
                    (entity, *present),
                ):
                    by_id[row_id].winners[name] = (hlc, origin, op_id)
        return states

    def _fold(self, ops: list[RemoteOp], states: list[_RowState]) -> list[tuple[Any, ...]]:
        """Apply the rule field by field to the rows (`states`, one per operation, from
        `_load`); return conflict rows."""
        cache = self._cache
        dirty = self._dirty
        conflicts: list[tuple[Any, ...]] = []
        guard = self.guard
        if guard is not None:
            grants = guard.grants
            required = guard.required
            gated = GATED_STATES
            basis_tables = BASIS_KIND
        for op, state in zip(ops, states, strict=True):
            op_id, origin, _seq, hlc, entity, row_id, fields, bases, _actor, _reason = op
            values = state.values
            winners = state.winners
            changed = state.changed
            mine = (hlc, origin, op_id)
            if guard is not None:
                creating = not state.exists and not winners
                if creating and not required[entity].issubset(fields):
                    guard.check_new_row(op)
                    if guard.full:
                        break
                who = grants.get(origin)
                # The common case checked here (an edit of an outfall of the origin's own
                # county, no sign-off in it); everything else by the guard in full.
                if not (
                    who is not None
                    and entity == "outfall"
                    and not creating
                    and who.covers is not None
                    and "county_code" not in fields
                    and values.get("county_code") in who.covers
                    and fields.get("state") not in gated
                ):
                    if entity in basis_tables:
                        guard.check_basis(op, state, creating)
                    guard.authorise(
                        op, state, creating, cache, self._materialise, self._restore_log_index
                    )
                    if guard.full:
                        break
            # Listed only now: judging a sign-off writes the dirty rows out first
            # (`_materialise` empties the list and each row's changed set, in place: the
            # `changed` above stays this row's), and this row's change is still to come.
            if not changed:
                dirty.append(state)
            if not winners:
                # A row's first operation (its creation, nearly always): nothing to compare.
                if entity == "outfall" and not state.exists:
                    self._creators[row_id] = origin
                values.update(fields)
                winners.update(dict.fromkeys(fields, mine))
                changed.update(fields)
                continue
            for name, value in fields.items():
                current = winners.get(name)
                if current is None:
                    values[name] = value
                    winners[name] = mine
                    changed.add(name)
                    continue
                # (hlc, origin) decides; one origin never issues one hlc twice, so the op
                # id in third place never does.
                wins = mine > current
                if bases.get(name) != current[2]:
                    old = values.get(name)
                    if not same_value(old, value):
                        if wins:
                            self._conflict(
                                conflicts, entity, row_id, name, (*mine, value), (*current, old)
                            )
                        else:
                            self._conflict(
                                conflicts, entity, row_id, name, (*current, old), (*mine, value)
                            )
                if wins:
                    values[name] = value
                    winners[name] = mine
                    changed.add(name)
                # A non-concurrent edit never loses: its author saw the winner, so its HLC
                # is greater. Were a clock ever to say otherwise, the rule still decides
                # alike everywhere, and the log keeps the edit.
        return conflicts

    def _conflict(
        self,
        out: list[tuple[Any, ...]],
        entity: str,
        row_id: str,
        name: str,
        winner: tuple[int, str, str, Any],
        loser: tuple[int, str, str, Any],
    ) -> None:
        """Record that `loser` (hlc, origin, op_id, value) was set aside for `winner`."""
        result = self.result
        result.conflict_count += 1
        w_hlc, w_origin, w_op, w_value = winner
        l_hlc, l_origin, l_op, l_value = loser
        if len(result.conflicts) < KEEP_CONFLICTS:
            result.conflicts.append(
                ConflictFound(
                    entity, row_id, name, w_op, w_origin, w_value, l_op, l_origin, l_value
                )
            )
        out.append(
            (
                conflict_id(entity, row_id, name, l_op, w_op),
                entity,
                row_id,
                name,
                w_op,
                w_origin,
                w_hlc,
                orjson.dumps(w_value).decode(),
                l_op,
                l_origin,
                l_hlc,
                orjson.dumps(l_value).decode(),
                self.bundle_id,
                self.detected_at,
            )
        )

    def _report(self, fields: set[str] | frozenset[str]) -> Reported:
        """One `Reported` per set of fields: most updated rows share a handful of them, so
        remembering a million rows costs a key each, not a set each."""
        key = frozenset(fields)
        found = self._reports.get(key)
        if found is None:
            found = self._reports[key] = Reported(created=False, fields=key)
        return found

    def _materialise(self) -> None:
        """Write every changed row: inserts parent-first, then updates; then let the
        least recently used rows go.

        The cache is write-back: a row is written once when it leaves the cache or the
        merge ends, however many operations changed it, and a row that is not cached is
        exactly as the table has it (so `_load` reads the truth)."""
        self._write(self._collect())

    def _collect(self) -> _Writes:
        """The rows `_materialise` writes, made from the cache (no table touched)."""
        specs = _synced()
        json_fields = _json_fields()
        inserts: dict[str, list[tuple[Any, ...]]] = {}
        updates: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = {}
        search: dict[str, str] = {}
        fresh_search: list[tuple[str, str]] = []
        keyed: dict[str, sort_keys.Keys] = {}
        result = self.result
        for state in self._dirty:
            if not state.changed:
                continue
            entity, row_id = state.key
            spec = specs[entity]
            if not state.exists:
                row = spec.storage_row(row_id, state.values)
                if entity == "outfall":
                    row = (*row, *sort_keys.keys_of(state.values))
                inserts.setdefault(entity, []).append(row)
                result.created[entity] = result.created.get(entity, 0) + 1
                state.reported = _CREATED
                # Fields no operation set hold their defaults and have no winner, so the
                # fold never compares against them: the cached values need not list them.
                state.exists = True
                if entity == "outfall":
                    self._new_outfalls.append(row_id)
                    fresh_search.append((row_id, _search_text(state.values)))
                elif entity == "photo":
                    result.new_photos.append(row_id)
            else:
                names = tuple(sorted(state.changed))
                values = state.values
                encoded = json_fields[entity]
                if encoded.isdisjoint(names):
                    params = (*[values[n] for n in names], row_id)
                else:
                    params = (*[spec.fields[n].to_storage(values[n]) for n in names], row_id)
                updates.setdefault((entity, names), []).append(params)
                before = state.reported
                if before is None:
                    result.changed[entity] = result.changed.get(entity, 0) + 1
                    result.fields_changed += len(names)
                    state.reported = self._report(state.changed)
                elif not before.created and not state.changed <= before.fields:
                    result.fields_changed += len(state.changed - before.fields)
                    state.reported = self._report(before.fields | state.changed)
                if entity == "outfall" and not state.changed.isdisjoint(_SEARCHED):
                    search[row_id] = _search_text(state.values)
                if entity == "outfall" and not state.changed.isdisjoint(sort_keys.KEYED):
                    keyed[row_id] = sort_keys.keys_of(state.values)
            state.changed.clear()
        self._dirty.clear()
        return _Writes(inserts, updates, search, fresh_search, keyed)

    def _write(self, writes: _Writes) -> None:
        specs = _synced()
        inserts, updates, search, fresh_search, keyed = writes
        conn = self.conn
        cache = self._cache
        rank = _rank()
        for entity in sorted(inserts, key=lambda e: rank.get(e, 0)):
            rows = inserts[entity]
            if len(rows) >= _BULK_ROWS and len(rows) > _row_count(conn, entity):
                # Mostly new table contents (a new replica's first bundle): building each
                # index once, sorted, beats a random B-tree insertion per row and index.
                insert_then_index(conn, entity, _columns(specs[entity]), rows)
            else:
                dialects.insert_rows(conn, entity, _columns(specs[entity]), rows)
        for (entity, names), rows in sorted(updates.items(), key=lambda i: rank.get(i[0][0], 0)):
            sets = ", ".join(f"{n}=?" for n in names)
            conn.executemany(f"UPDATE {entity} SET {sets} WHERE id=?", rows)
        if fresh_search:
            self._index_new_outfalls(fresh_search)
        if search:
            replace_search_entries(conn, search)
        if keyed:
            sort_keys.store(conn, keyed)
        # Least recently used rows go first (`_load` stamps the rows a batch touches);
        # an evicted row is read back from the table and the log if it recurs.
        excess = len(cache) - _CACHE_ROWS
        if excess > 0:
            for state in sorted(cache.values(), key=_last_used)[:excess]:
                del cache[state.key]
                if state.reported is not None:
                    self._reported[state.key] = state.reported

    def _index_new_outfalls(self, docs: list[tuple[str, str]]) -> None:
        """Search entries of outfalls new to this replica: appended with their own
        document numbers, as the writer does, with no lookups."""
        conn = self.conn
        first = (
            int(conn.execute("SELECT COALESCE(MAX(num), 0) FROM outfall_search_doc").fetchone()[0])
            + 1
        )
        numbered = [(first + i, oid, body) for i, (oid, body) in enumerate(docs)]
        dialects.insert_rows(conn, "outfall_search_doc", ("num", "outfall_id", "body"), numbered)
        if has_fts(conn):
            conn.executemany(
                "INSERT INTO outfall_search (rowid, body) VALUES (?, ?)",
                [(n, body) for n, _, body in numbered],
            )

    # -- after the last batch -------------------------------------------------------------

    def finish(self) -> MergeResult:
        """Write the rows still cached, observe remote clocks, settle conflicts resolved
        elsewhere, flag duplicates."""
        if self.guard is not None:
            self.guard.finish()
        with self._log_index_built_meanwhile():
            writes = self._collect()
        self._write(writes)
        conn = self.conn
        result = self.result
        result.max_hlc = self.admission.max_hlc
        stored = conn.execute("SELECT value FROM meta WHERE key='hlc'").fetchone()
        local = int(stored[0]) if stored else 0
        if result.max_hlc > local:
            conn.execute(
                "INSERT INTO meta(key, value) VALUES('hlc', ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (str(result.max_hlc),),
            )
        if result.applied:
            result.settled = settle_resolved_conflicts(conn)
            close_merged_duplicates(conn)
            if self._new_outfalls:
                result.duplicates = flag_duplicates(
                    conn,
                    self._new_outfalls,
                    bundle_id=self.bundle_id,
                    at=self.detected_at,
                    creators=self._creators,
                )
        result.vector = dict(self.admission.vector)
        return result


def apply_operations(
    conn: Conn,
    batches: Iterable[Sequence[RemoteOp]],
    *,
    bundle_id: str | None,
    self_id: str,
    guard: Guard | None = None,
) -> MergeResult:
    """Merge every batch inside the caller's transaction (see `merge_transaction`)."""
    merger = Merger(conn, bundle_id=bundle_id, self_id=self_id, guard=guard)
    for batch in batches:
        merger.apply(batch)
    return merger.finish()


def settle_resolved_conflicts(conn: Conn) -> int:
    """Close open conflicts that a synced resolution covers: both of its operations were
    among those the person who resolved it saw disagree."""
    ops = dialects.json_elements("r.ops", dialects.dialect(conn))
    cursor = conn.execute(
        "UPDATE conflict SET status='settled', resolved_at=?, resolution_id=("
        " SELECT r.id FROM conflict_resolution r"
        " WHERE r.entity=conflict.entity AND r.row_id=conflict.row_id"
        "  AND r.field=conflict.field AND r.deleted=0"
        f"  AND EXISTS (SELECT 1 FROM {ops} WHERE value=conflict.loser_op)"
        f"  AND EXISTS (SELECT 1 FROM {ops} WHERE value=conflict.winner_op)"
        "  ORDER BY r.id LIMIT 1)"
        " WHERE status='open' AND EXISTS ("
        " SELECT 1 FROM conflict_resolution r"
        " WHERE r.entity=conflict.entity AND r.row_id=conflict.row_id"
        "  AND r.field=conflict.field AND r.deleted=0"
        f"  AND EXISTS (SELECT 1 FROM {ops} WHERE value=conflict.loser_op)"
        f"  AND EXISTS (SELECT 1 FROM {ops} WHERE value=conflict.winner_op))",
        (now_text(),),
    )
    return int(cursor.rowcount)


def close_merged_duplicates(conn: Conn) -> None:
    """A candidate pair one of whose outfalls was merged (here or elsewhere) is done."""
    conn.execute(
        "UPDATE duplicate_candidate SET status='merged' WHERE status='open' AND ("
        " outfall_a IN (SELECT id FROM outfall WHERE merged_into IS NOT NULL)"
        " OR outfall_b IN (SELECT id FROM outfall WHERE merged_into IS NOT NULL))"
    )


def duplicate_id(a: str, b: str) -> str:
    first, second = sorted((a, b))
    return str(uuid.uuid5(_NAMESPACE, f"duplicate|{first}|{second}"))


def flag_duplicates(
    conn: Conn,
    outfall_ids: Sequence[str],
    *,
    bundle_id: str | None,
    at: str,
    creators: Mapping[str, str] | None = None,
) -> list[tuple[str, str, str, float | None]]:
    """Pair each newly arrived outfall with live ones that may be the same: the same code
    or national code, or (registered on another replica) within `DUPLICATE_RADIUS_M` on
    the same river. Set-based: one temporary table and three joins, whatever the count.
    `creators`: the replica that registered each outfall, where the caller knows it (the
    rest are read from the log)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS sync_new_outfall (id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM sync_new_outfall")
    # COPY on PostgreSQL: a pipelined INSERT per id took 2.4 s of a 100,000-outfall import.
    dialects.insert_rows(
        conn, "sync_new_outfall", ("id",), [(i,) for i in dict.fromkeys(outfall_ids)]
    )
    # CROSS JOIN fixes the loop order (the new outfalls outermost) and the unary pluses
    # keep the planner off the merged_into and river indexes, which match almost every row.
    # Each new outfall is paired with at most `PAIRS_PER_OUTFALL` others by each test:
    # twenty thousand outfalls under one code (or on one spot) would otherwise make
    # hundreds of millions of pairs, and an import a bundle could stop by memory alone.
    engine = dialects.dialect(conn)
    if engine == "sqlite":
        live_o = "+o.deleted=0 AND +o.merged_into IS NULL"
        live_a = "+a.deleted=0 AND +a.merged_into IS NULL"
        cross, river = "CROSS JOIN", "+o.river"
    else:
        # Neither hint exists on PostgreSQL (no unary plus on text or booleans, and a
        # CROSS JOIN takes no ON); `x || ''` is its plus: the same value (NULL stays
        # NULL) that no index is on. Without it, on an outfall table just filled (its
        # statistics still say it is nearly empty), the planner took the merged_into
        # index for each new outfall, ANDed with the code index: every outfall visited
        # once per new one.
        live_o = "NOT o.deleted AND (o.merged_into || '') IS NULL"
        live_a = "NOT a.deleted AND (a.merged_into || '') IS NULL"
        cross, river = "JOIN", "(o.river || '')"
    found: dict[tuple[str, str], tuple[str, float | None]] = {}
    for reason, column in (("same_code", "code"), ("same_national_code", "national_code")):
        for a, b in conn.execute(
            f"SELECT a.id, o.id FROM sync_new_outfall n {cross} outfall a ON a.id=n.id "
            + _paired(
                "o.id",
                f"o.{column}=a.{column} AND o.id<>a.id AND {live_o}",
                engine,
            )
            + f" WHERE a.{column} IS NOT NULL AND a.{column}<>'' AND {live_a}"
        ):
            found.setdefault(_pair(a, b), (reason, None))
    # The (lat, lon) index narrows each search to a few metres, where the river index
    # (kept off by the unary plus) would visit every outfall on the river.
    box = degrees_box(60.0, 0.0, DUPLICATE_RADIUS_M)
    dlat, dlon = box.north - 60.0, box.east
    near: list[tuple[str, str, float]] = []
    for a, b, alat, alon, blat, blon in conn.execute(
        "SELECT a.id, o.id, a.lat, a.lon, o.lat, o.lon FROM sync_new_outfall n "
        f"{cross} outfall a ON a.id=n.id "
        + _paired(
            "o.id, o.lat, o.lon",
            "o.lat BETWEEN a.lat-? AND a.lat+? AND o.lon BETWEEN a.lon-? AND a.lon+?"
            f" AND {river}=a.river AND o.id<>a.id AND {live_o}",
            engine,
        )
        + f" WHERE {live_a}",
        (dlat, dlat, dlon, dlon),
    ):
        d = haversine_m(alat, alon, blat, blon)
        if d <= DUPLICATE_RADIUS_M and _pair(a, b) not in found:
            near.append((a, b, d))
    if near:
        registered = creators or {}
        paired = {x for a, b, _ in near for x in (a, b)}
        origins = _creating_origins(conn, paired - registered.keys())
        origins.update((x, registered[x]) for x in paired if x in registered)
        for a, b, d in near:
            if origins.get(a) != origins.get(b):
                found.setdefault(_pair(a, b), ("nearby", round(d, 1)))
    rows = [
        (duplicate_id(a, b), a, b, reason, d, bundle_id, at)
        for (a, b), (reason, d) in sorted(found.items())
    ]
    known: set[str] = set()
    for chunk in _chunks([r[0] for r in rows], _CHUNK):
        marks = ", ".join("?" * len(chunk))
        known.update(
            r[0]
            for r in conn.execute(
                f"SELECT id FROM duplicate_candidate WHERE id IN ({marks})", chunk
            )
        )
    rows = [r for r in rows if r[0] not in known]
    conn.executemany(
        "INSERT INTO duplicate_candidate (id, outfall_a, outfall_b, reason,"
        " distance_m, bundle_id, detected_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'open')",
        rows,
    )
    return [(a, b, reason, d) for _, a, b, reason, d, _, _ in rows]


def _paired(columns: str, condition: str, engine: dialects.Dialect) -> str:
    """The join of each new outfall `a` to at most `PAIRS_PER_OUTFALL` outfalls `o`
    meeting `condition` (`columns`: those of `o` the query reads).

    SQLite: `outfall o ON o.id IN (subquery)`, run once per `a` in the loop order CROSS
    JOIN fixes. PostgreSQL plans that same text as a nested loop over every pair of
    outfalls, running the subquery for each pair (an import of 10,000 new outfalls into
    an empty register ran for an hour); a LATERAL subquery is its way of saying "for each
    `a`, these few rows", each found through an index."""
    limited = f"FROM outfall o WHERE {condition} LIMIT {PAIRS_PER_OUTFALL}"
    if engine == "sqlite":
        return f"CROSS JOIN outfall o ON o.id IN (SELECT o.id {limited})"
    return f"CROSS JOIN LATERAL (SELECT {columns} {limited}) o"


def _last_used(state: _RowState) -> int:
    return state.used


def _columns(spec: ModelSpec) -> tuple[str, ...]:
    """The columns of a whole row of `spec`'s table as the merge writes it."""
    return spec.columns + sort_keys.columns_for(spec.entity)


def _creating_origins(conn: Conn, ids: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for chunk in _chunks(sorted(ids), _CHUNK):
        marks = ", ".join("?" * len(chunk))
        for row_id, origin in conn.execute(
            "SELECT row_id, origin FROM (SELECT row_id, origin, ROW_NUMBER() OVER ("
            " PARTITION BY row_id ORDER BY hlc, origin) AS rn FROM op"
            # The alias: PostgreSQL before 16 refuses a subquery in FROM without one.
            f" WHERE entity='outfall' AND row_id IN ({marks})) AS firsts WHERE rn=1",
            chunk,
        ):
            out[row_id] = origin
    return out


def _row_count(conn: Conn, entity: str) -> int:
    return int(conn.execute(f"SELECT COUNT(*) FROM {entity}").fetchone()[0])


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _search_text(values: dict[str, Any]) -> str:
    return search_body(*(values.get(f) for f in _SEARCHED))


def _refusal(reason: str, op: RemoteOp, **params: Any) -> Any:
    from inspector.data.sync.checks import Refusal

    return Refusal(
        reason, origin=op[1], seq=op[2], entity=op[4], record=str(op[5])[:8], params=params
    )


def _days_ahead(hlc: int) -> str:
    from inspector.domain.hlc import physical_ms, wall_ms

    return f"{(physical_ms(hlc) - wall_ms()) / 86_400_000:,.0f}"


def _colliding_ids(conn: Conn, ops: Sequence[RemoteOp]) -> Problem:
    """The refusal for operations whose ids another operation already has, here or
    earlier in the same bundle (an id stored with another origin or sequence)."""
    from inspector.data.sync.checks import OperationsRefused

    stored: dict[str, tuple[str, int]] = {}
    for chunk in _chunks([op[0] for op in ops], _CHUNK):
        marks = ", ".join("?" * len(chunk))
        for op_id, origin, seq in conn.execute(
            f"SELECT op_id, origin, seq FROM op WHERE op_id IN ({marks})", chunk
        ):
            stored[op_id] = (origin, int(seq))
    found = []
    seen: set[str] = set()
    for op in ops:
        # Twice in the batch itself: not stored when this runs after a rollback.
        again = op[0] in seen
        seen.add(op[0])
        if again or (op[0] in stored and stored[op[0]] != (op[1], op[2])):
            found.append(_refusal("colliding_id", op, op_id=op[0]))
    return OperationsRefused(found or [_refusal("colliding_id", ops[0], op_id=ops[0][0])])


def _envelope_has_nul(op: RemoteOp) -> bool:
    return any("\x00" in text for text in (op[0], op[1], op[5], op[8], op[9] or ""))


def _is_sha256(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
