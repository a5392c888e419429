"""What an importer checks of every operation before the merge believes it.

A bundle's signature says who sent it, not who made what it carries, so each operation
is judged on its own (DESIGN §5, "Trust and authority"):

- its origin signed it: the operation lies on the origin's hash chain, up to a checkpoint
  the origin signed (verified by the caller against the origin's believed key); an
  operation in this replica's own name that it does not hold exactly as made, or in any
  replica's name beyond what that replica signed, is refused;
- its id is its own: a version-8 id carries its origin's tag (`domain.ids.op_uuid`), so
  no replica can take, in its own name, the id of another's operation;
- its clock is believable: no more than `hlc.TOLERANCE_MS` ahead of this computer's;
- its values pass the same validation as a local save (`checks`), a new record has every
  required field, and its references lead to records that exist (checked at commit);
- its origin was allowed to make it (`domain.authority`: region, role, sign-offs);
- it keeps the rules a record of its kind keeps when entered here: an assessment entry
  that stands on its basis (a falsification finding, an exclusion, an adjustment) is
  never created or left without it (`domain.assessment.basis_missing`).

The merger calls in at each stage with what it knows of the rows; problems are collected
(the first few) and the whole import is refused with them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import orjson

from inspector.data import grants as data_grants
from inspector.data.engine import Conn
from inspector.data.sync import chain
from inspector.data.sync.chain import Checkpoint, Link
from inspector.data.sync.checks import (
    SHOWN,
    OperationsRefused,
    Refusal,
    Validators,
    required_fields,
    validators,
)
from inspector.domain import authority, hlc
from inspector.domain.assessment import BASIS_KIND, basis_missing
from inspector.domain.authority import Denial, Grant
from inspector.domain.choices import State
from inspector.domain.ids import origin_tag
from inspector.models.spec import Reference

if TYPE_CHECKING:
    from inspector.data.sync.merge import RemoteOp, _RowState


@dataclass
class GuardState:
    """The part of a `Guard` that admitting operations uses (`Guard.admission_state`)."""

    self_id: str
    checkpoints: dict[str, Checkpoint]
    cutoffs: dict[str, int]
    limit: int
    links: dict[str, Link]
    starts: dict[str, int]
    unknown: set[str]
    tags: dict[str, str]
    passed_over: int
    reference: Reference


class Guard:
    def __init__(
        self,
        conn: Conn,
        *,
        self_id: str,
        grants: Mapping[str, Grant],
        checkpoints: Mapping[str, Checkpoint],
        cutoffs: Mapping[str, int] | None = None,
        now_ms: int | None = None,
    ) -> None:
        self.conn = conn
        self.self_id = self_id
        self.grants = dict(grants)
        self.checkpoints = dict(checkpoints)
        self.cutoffs = dict(cutoffs or {})
        """Revoked origins: the last of each one's operations still taken. Beyond it
        their operations are passed over (`Merger._admit`), never refused: a relay that
        has not heard of the revocation must not be stopped by it."""
        self.passed_over = 0
        self.limit = hlc.limit(now_ms)
        self.links: dict[str, Link] = {}
        self.starts: dict[str, int] = {}
        """Where each prepared chain started (the origin's operations held here)."""
        self.unknown: set[str] = set()
        """Origins whose checkpoints came with the bundle but whose keys are not known here."""
        self.tags: dict[str, str] = {}
        self.refusals: list[Refusal] = []
        self.more = False
        regions = frozenset(r[0] for r in conn.execute("SELECT code FROM region"))
        rivers = frozenset(r[0] for r in conn.execute("SELECT name FROM river"))
        self.reference = Reference(regions=regions, rivers=rivers)
        self.validators: Validators = validators(self.reference)
        self.required = required_fields()
        self._parents: dict[tuple[str, str], str | None] = {}

    # -- admitting in another process ------------------------------------------------------

    def admission_state(self) -> GuardState:
        """What admitting operations (`merge.Admission`) reads and changes of the guard,
        prepared (`prepare`), to carry to another process."""
        return GuardState(
            self_id=self.self_id,
            checkpoints=dict(self.checkpoints),
            cutoffs=dict(self.cutoffs),
            limit=self.limit,
            links={o: Link(link.origin, link.seq, link.digest) for o, link in self.links.items()},
            starts=dict(self.starts),
            unknown=set(self.unknown),
            tags=dict(self.tags),
            passed_over=self.passed_over,
            reference=self.reference,
        )

    @classmethod
    def admitting(cls, state: GuardState) -> Guard:
        """A guard that only admits (no connection: `check_values` and the envelope's
        checks need none), going on from `state`."""
        guard = cls.__new__(cls)
        guard.conn = None  # type: ignore[assignment]  # admitting reads no table
        guard.self_id = state.self_id
        guard.grants = {}
        guard.checkpoints = dict(state.checkpoints)
        guard.cutoffs = dict(state.cutoffs)
        guard.passed_over = state.passed_over
        guard.limit = state.limit
        guard.links = dict(state.links)
        guard.starts = dict(state.starts)
        guard.unknown = set(state.unknown)
        guard.tags = dict(state.tags)
        guard.refusals = []
        guard.more = False
        guard.reference = state.reference
        guard.validators = validators(state.reference)
        guard.required = required_fields()
        guard._parents = {}
        return guard

    def adopt(self, state: GuardState) -> None:
        """Where an admission in another process left the chains (refusals come back
        batch by batch, through `refuse`)."""
        self.links = dict(state.links)
        self.tags.update(state.tags)
        self.passed_over = state.passed_over

    # -- collecting problems ----------------------------------------------------------------

    def refuse(self, refusal: Refusal) -> None:
        if len(self.refusals) < SHOWN:
            self.refusals.append(refusal)
        else:
            self.more = True

    @property
    def full(self) -> bool:
        return len(self.refusals) >= SHOWN

    def raise_if_refused(self) -> None:
        if self.refusals:
            named = [
                replace(r, record=self.record_name(r.entity, r.unnamed, {}), unnamed="")
                if r.unnamed
                else r
                for r in self.refusals
            ]
            raise OperationsRefused(named, more=self.more)

    # -- the envelope: clock, id, signature coverage ---------------------------------------

    def tag(self, origin: str) -> str:
        """The tag (as the last 8 hex digits of an id) of `origin`'s operation ids."""
        tag = self.tags.get(origin)
        if tag is None:
            tag = self.tags[origin] = f"{origin_tag(origin):08x}"
        return tag

    def prepare(self, held: Mapping[str, int]) -> None:
        """Each signing origin's chain at what is held here, read before the operations
        stream (so that admitting them needs no table: see `Merger.admit`)."""
        for origin in self.checkpoints:
            if origin not in self.links:
                self.links[origin] = chain.head(self.conn, origin, upto=held.get(origin, 0))
                self.starts[origin] = self.links[origin].seq
            self.tag(origin)

    def compare_held(self, copies: Sequence[RemoteOp]) -> None:
        """Operations the bundle carries that this replica already holds: each must be the
        very operation held (a different one in the same place is a forgery)."""
        by_origin: dict[str, list[RemoteOp]] = {}
        for op in copies:
            by_origin.setdefault(op[1], []).append(op)
        for origin, ops in by_origin.items():
            stored = chain.stored_ops(self.conn, origin, ops[0][2], ops[-1][2])
            for op in ops:
                mine = stored.get(op[2])
                if mine is None or chain.canonical_stored(mine) != chain.canonical(op):
                    self.refuse(
                        Refusal(
                            "differs_from_held",
                            origin=origin,
                            seq=op[2],
                            entity=str(op[4]),
                            record=_short(op[5]),
                        )
                    )
                    if self.full:
                        return

    # -- values ----------------------------------------------------------------------------

    def check_values(self, ops: Sequence[RemoteOp]) -> None:
        """Each value against its field's predicate. Runs off the importer's thread (see
        `Merger.admit`), so it reads no table: a record is named when the refusal is
        raised (`raise_if_refused`)."""
        checks = self.validators.checks
        for op in ops:
            entity = op[4]
            per_field = checks[entity]
            for name, value in op[6].items():
                if not per_field[name](value):
                    code, params = self.validators.explain(entity, name, value)
                    self.refuse(
                        Refusal(
                            "value",
                            origin=op[1],
                            seq=op[2],
                            entity=entity,
                            record=_record_name(entity, op[5], op[6]),
                            field=name,
                            value=value,
                            params={"code": code, "params": params},
                            unnamed=(
                                str(op[5]) if entity == "outfall" and not op[6].get("code") else ""
                            ),
                        )
                    )
                    if self.full:
                        return

    def check_new_row(self, op: RemoteOp) -> None:
        missing = self.required[op[4]].difference(op[6])
        if missing:
            name = sorted(missing)[0]
            self.refuse(
                Refusal(
                    "incomplete",
                    origin=op[1],
                    seq=op[2],
                    entity=op[4],
                    record=self.record_name(op[4], op[5], op[6]),
                    field=name,
                )
            )

    def check_basis(self, op: RemoteOp, state: _RowState, creating: bool) -> None:
        """An entry that needs a basis (`domain.assessment.basis_missing`) may not be
        created without one, have it blanked, or become such an entry without one.
        Judged by what the operation itself sets: an edit that touches neither the
        entry's kind nor its basis (a deletion) is its author's to make whatever the
        row holds, as a local save would allow it."""
        entity, fields = op[4], op[6]
        kind_field = BASIS_KIND[entity]
        if not creating and "basis" not in fields and kind_field not in fields:
            return
        values = state.values
        kind = fields[kind_field] if kind_field in fields else values.get(kind_field)
        basis = fields["basis"] if "basis" in fields else values.get("basis")
        if basis_missing(kind, basis):
            self.refuse(
                Refusal(
                    "basis",
                    origin=op[1],
                    seq=op[2],
                    entity=entity,
                    record=_short(op[5]),
                    field="basis",
                    value=basis,
                )
            )

    def record_name(self, entity: str, row_id: Any, values: Mapping[str, Any]) -> str:
        """How a person knows the record: an outfall's code (as sent, else as held)."""
        if entity == "outfall" and not values.get("code"):
            row = self.conn.execute(
                "SELECT code FROM outfall WHERE id=?", (str(row_id),)
            ).fetchone()
            if row and row[0]:
                return str(row[0])
        return _record_name(entity, row_id, values)

    # -- authority -------------------------------------------------------------------------

    def forget_parent(self, entity: str, row_id: str) -> None:
        self._parents.pop((entity, row_id), None)

    def _parent_region(
        self, cached: Mapping[tuple[str, str], _RowState], parent: str, parent_id: str
    ) -> str | None:
        row = cached.get((parent, parent_id))
        if row is not None and row.values:
            return data_grants.regions_of(
                parent, row.values, lambda e, i: self._parent_region(cached, e, i)
            )
        key = (parent, parent_id)
        found = self._parents.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = self._parents[key] = data_grants.stored_region(self.conn, parent, parent_id)
        return found  # type: ignore[return-value]

    def _region(
        self,
        cached: Mapping[tuple[str, str], _RowState],
        scope: tuple[str | None, tuple[str, str] | None],
        fields: Mapping[str, Any],
        values: Mapping[str, Any],
    ) -> str | None:
        """The region of a record whose stored `values` an operation sets `fields` of."""
        own, parent = scope
        if own is not None:
            region = fields[own] if own in fields else values.get(own)
            if region:
                return str(region)
        if parent is not None:
            name = parent[1]
            parent_id = fields[name] if name in fields else values.get(name)
            if parent_id:
                return self._parent_region(cached, parent[0], str(parent_id))
        return None

    def authorise(
        self,
        op: RemoteOp,
        state: _RowState,
        creating: bool,
        cached: Mapping[tuple[str, str], _RowState],
        materialise: Any,
        log_ready: Any = None,
    ) -> None:
        """Refuse `op` when its origin may not make it (`domain.authority`).

        A region the operation itself gives (a county code it sets) is judged as given.
        A region found from what is stored here (the record's county, or its outfall's)
        may have been changed meanwhile by an edit its author had not seen (the centre
        corrects an outfall's county while a field laptop records an inspection of it);
        judged by the stored value alone, the author's honest edit would be refused by
        every importer, and with it every later bundle of its replica. So such a region
        also passes when an operation before this one (held by every importer, as the
        author held it) put the record there: `grants.was_in`. `log_ready` makes the
        log's row index usable first (`Merger.defer_log_index`)."""
        who = self.grants.get(op[1])
        if who is None or who.covers is None:
            return
        entity, fields = op[4], op[6]
        values = state.values
        scope = data_grants.SCOPES.get(entity)
        if scope is not None:
            own, parent = scope
            covers = who.covers
            region = self._region(cached, scope, fields, values)
            denial = None
            if region is not None and region not in covers:
                given = own is not None and bool(fields.get(own))
                if given or not self._was_in(op, scope, fields, values, covers, log_ready):
                    denial = authority.region_denial(who, region)
            if (
                denial is None
                and not creating
                and (
                    (own is not None and own in fields)
                    or (parent is not None and parent[1] in fields)
                )
            ):
                old = self._region(cached, scope, {}, values)
                if (
                    old is not None
                    and old not in covers
                    and not self._was_in(op, scope, {}, values, covers, log_ready)
                ):
                    denial = authority.region_denial(who, old)
            if denial is not None:
                self._deny(op, denial, values)
                return
        guarded = authority.GUARDED_FIELDS.get(entity)
        if guarded is None or guarded.isdisjoint(fields):
            return
        for name in sorted(guarded.intersection(fields)):
            if entity == "outfall" and name == "state":
                if fields["state"] not in authority.GATED_STATES:
                    continue
                denial = self._state_denial(who, op, state, creating, materialise)
            else:
                denial = authority.field_denial(who, entity, name)
            if denial is not None:
                self._deny(op, denial, values, name)
                return

    def _was_in(
        self,
        op: RemoteOp,
        scope: tuple[str | None, tuple[str, str] | None],
        fields: Mapping[str, Any],
        values: Mapping[str, Any],
        covers: frozenset[str],
        log_ready: Any,
    ) -> bool:
        """Whether an operation before `op` put its record (or the record it belongs to,
        as `op` names it or as stored) in one of the regions `covers`."""
        if log_ready is not None:
            log_ready()
        own, parent = scope
        before = op[3]
        if own is not None and data_grants.was_in(self.conn, op[4], op[5], covers, before=before):
            return True
        if parent is None:
            return False
        name = parent[1]
        parent_id = fields[name] if name in fields else values.get(name)
        return bool(parent_id) and data_grants.was_in(
            self.conn, parent[0], str(parent_id), covers, before=before
        )

    def _state_denial(
        self, who: Grant, op: RemoteOp, state: _RowState, creating: bool, materialise: Any
    ) -> Denial | None:
        after = State.parse(str(op[6]["state"]))
        if after is None:
            return None  # refused as a value already
        before: State | None = None
        if not creating:
            try:
                before = self._base_state(op, state)
            except _ForgedBase:
                self.refuse(
                    Refusal(
                        "forged_base",
                        origin=op[1],
                        seq=op[2],
                        entity=op[4],
                        record=_record_name(op[4], op[5], {**state.values, **op[6]}),
                        field="state",
                        value=op[6]["state"],
                    )
                )
                return None
        facts = None
        if authority.needs_facts(before, after):
            materialise()
            facts = data_grants.signoff_facts(
                self.conn,
                op[5],
                approval_no={**state.values, **op[6]}.get("approval_no"),
                reason=op[9],
            )
        return authority.state_denial(who, before, after, facts)

    def _base_state(self, op: RemoteOp, state: _RowState) -> State | None:
        """The state the operation's author saw, from which its step is judged: its
        base's value (a concurrent edit's author did not see the current one).

        The base is the operation's own claim, so it must be one that an honest author
        could have made: a change of this very outfall that set its state, before this
        one (the writer names the field's current operation, which the author held, and
        so every importer holds). Any other (another outfall's step, a change that set
        no state, one that comes later) would let a replica choose the step it is
        judged by: `_ForgedBase`. Without a base the author claims no operation had set the
        state; the state held here is then what it saw (every outfall is created with
        its state, so only a row no operation made lacks one)."""
        base = op[7].get("state")
        current = state.winners.get("state")
        if base is None or (current is not None and base == current[2]):
            value = state.values.get("state")
        else:
            row = self.conn.execute(
                "SELECT entity, row_id, hlc, origin, fields FROM op WHERE op_id=?", (base,)
            ).fetchone()
            fields = orjson.loads(row[4]) if row else {}
            if (
                row is None
                or (row[0], row[1]) != (op[4], op[5])
                or "state" not in fields
                or (row[2], row[3]) >= (op[3], op[1])
            ):
                raise _ForgedBase
            value = fields["state"]
        return State.parse(str(value)) if value else None

    def _deny(
        self, op: RemoteOp, denial: Denial, values: Mapping[str, Any], name: str = ""
    ) -> None:
        who = self.grants[op[1]]
        self.refuse(
            Refusal(
                "authority",
                origin=op[1],
                seq=op[2],
                entity=op[4],
                record=_record_name(op[4], op[5], {**values, **op[6]}),
                field=name,
                value=op[6].get(name) if name else None,
                params={
                    "denial": denial.value,
                    "role": who.role,
                    "region": who.region or "",
                },
            )
        )

    # -- the end ---------------------------------------------------------------------------

    def finish(self) -> None:
        """Each origin's chain must end exactly at the checkpoint it signed. An origin
        whose operations were all held already is not asked, but its checkpoint is kept
        when it covers exactly what is held here: history from before signing that its
        origin now vouches for, which this replica may then relay."""
        moved = {o: link for o, link in self.links.items() if link.seq != self.starts[o]}
        for origin, link in moved.items():
            cp = self.checkpoints[origin]
            if cp.seq != link.seq or cp.hash != link.hex:
                self.refuse(Refusal("signature", origin=origin, seq=link.seq))
        self.raise_if_refused()
        for origin, link in self.links.items():
            cp = self.checkpoints[origin]
            if link.seq > self.cutoffs.get(origin, link.seq):
                # Carried past a revoked origin's cut only to check its signature: what
                # is held ends at the cut, and its head is recomputed from the log.
                continue
            if origin in moved or (link.seq == cp.seq and link.hex == cp.hash):
                chain.save_head(self.conn, link)
                chain.save_checkpoint(self.conn, cp)


_UNSEEN = object()


class _ForgedBase(Exception):
    """An operation names as the state it replaced a change no honest author could."""


def _short(row_id: Any) -> str:
    return str(row_id)[:8]


def _record_name(entity: str, row_id: Any, values: Mapping[str, Any]) -> str:
    code = values.get("code") if entity == "outfall" else None
    return str(code) if code else _short(row_id)
