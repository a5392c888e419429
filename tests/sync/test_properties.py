"""Property tests: random offline edit histories on three replicas, bundles made at random
moments and delivered in any order the prerequisites allow.

- every replica ends with the same data (rows, log and search index);
- importing any bundle a second time changes nothing at all;
- a bundle whose prerequisites are missing is refused (exit 3) and changes nothing;
- every value set aside by a concurrent edit appears in a conflict on that replica.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from hypothesis import strategies as st
from hypothesis import target

from inspector.data.db import Database
from inspector.data.integrity import foreign_key_problems
from inspector.data.sync.checks import OperationsRefused
from inspector.models import Outfall
from inspector.models.spec import same_value
from inspector.services import register as reg
from inspector.services.sync.exchange import (
    PrerequisitesMissing,
    export_bundle,
    import_bundle,
)
from tests.sync.conftest import (
    OUTFALL,
    copy_replica,
    full_state,
    pg_central,
    search,
    searched,
    synced_state,
)

if TYPE_CHECKING:
    from tests.pg import Server

NAMES = ("field1", "field2", "central")
VALUES = st.sampled_from(["甲", "乙", "丙", "丁", "", "沿河 1#"])

edit = st.tuples(
    st.just("edit"),
    st.integers(0, 2),
    st.integers(0, 1),
    st.sampled_from(["notes", "notes", "township", "name", "deleted"]),
    VALUES,
)
create = st.tuples(st.just("create"), st.integers(0, 2), st.integers(0, 3))
export = st.tuples(st.just("export"), st.integers(0, 2), st.integers(0, 3))
deliver = st.tuples(st.just("deliver"), st.integers(0, 50), st.integers(0, 2), st.booleans())
steps = st.lists(
    st.one_of(edit, edit, edit, create, export, deliver, deliver), min_size=6, max_size=30
)


class World:
    def __init__(self, templates: dict[str, Path], central: Database | None = None) -> None:
        """Three replicas copied from `templates`; the central record `central` instead
        when given (a PostgreSQL replica among the SQLite laptops)."""
        self.folder = Path(tempfile.mkdtemp(prefix="sync-prop-"))
        names = NAMES if central is None else NAMES[:2]
        self.dbs = [copy_replica(templates[n], self.folder / f"{n}.db") for n in names]
        if central is not None:
            self.dbs.append(central)
        self.bundles: list[Path] = []
        self.own: list[set[str]] = [set() for _ in NAMES]
        """Names of the bundles each replica wrote (importing one's own is refused)."""

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def outfalls(self, db: Database) -> list[str]:
        with db.read() as conn:
            return [r[0] for r in conn.execute("SELECT id FROM outfall ORDER BY id")]

    def knows(self, source: Database, target: Database) -> bool:
        with source.read() as conn:
            return (
                conn.execute("SELECT 1 FROM replica WHERE id=?", (target.replica_id,)).fetchone()
                is not None
            )

    def export(self, src: int, mode: int) -> Path:
        """mode 0-2: to that replica (what it is known to lack); 3: everything."""
        source = self.dbs[src]
        path = self.folder / f"b{len(self.bundles):03d}.bundle"
        target = self.dbs[mode] if mode < 3 else None
        if target is None or target is source or not self.knows(source, target):
            export_bundle(source, path, everything=True)
        else:
            export_bundle(source, path, to=target.replica_id)
        self.bundles.append(path)
        self.own[src].add(path.name)
        return path

    def deliver(self, path: Path, dst: int, twice: bool) -> None:
        target = self.dbs[dst]
        if path.name in self.own[dst]:
            return
        before = full_state(target)
        try:
            result = import_bundle(target, path, trust=True)
        except PrerequisitesMissing:
            assert full_state(target) == before
            return
        except OperationsRefused as refused:
            # A laptop relaying another laptop's work to a replica that has never met
            # that laptop (and holds no registration of it from the centre): refused,
            # naming what to import first, with nothing changed.
            reasons = {r.reason for r in refused.refusals}
            result = None
        if result is None:
            assert reasons == {"unknown_origin"}
            assert full_state(target) == before
            return
        if twice:
            after = full_state(target)
            again = import_bundle(target, path, trust=True)
            assert again.replay or result.replay
            assert full_state(target) == after

    def converge(self) -> None:
        """Everyone sends everything to the centre, which sends everything back."""
        central = self.dbs[2]
        # Twice: a laptop's bundle that relays the other's work is taken once the centre
        # has met the other laptop itself.
        for db in (*self.dbs[:2], *self.dbs[:2]):
            self.deliver(self.export(self.dbs.index(db), 3), 2, False)
        for dst in (0, 1):
            path = self.export(2, 3)
            import_bundle(self.dbs[dst], path, trust=True)
        assert central


def run_steps(world: World, plan: list[tuple[Any, ...]]) -> None:
    for step in plan:
        kind = step[0]
        if kind == "edit":
            _, r, i, name, value = step
            db = world.dbs[r]
            ids = world.outfalls(db)
            if not ids:
                continue
            change: dict[str, Any] = {name: value}
            if name == "deleted":
                change = {"deleted": bool(value)}
            elif name == "name" and not value:
                change = {"name": "无名排口"}
            with db.write() as w:
                w.update(Outfall, ids[i % len(ids)], change)
        elif kind == "create":
            _, r, n = step
            with world.dbs[r].write() as w:
                reg.create_outfall(w, {**OUTFALL, "name": f"排口{n}", "lat": 35.0 + n / 100})
        elif kind == "export":
            world.export(step[1], step[2])
        elif kind == "deliver":
            _, k, dst, twice = step
            if world.bundles:
                world.deliver(world.bundles[k % len(world.bundles)], dst, twice)


def check_conflicts_cover_lost_values(db: Database) -> None:
    """A value no later edit built on, that is not the field's value now, was set aside
    by a concurrent edit: it must appear in a conflict (or an equal value must stand or
    have been built on, so nothing was lost)."""
    with db.read() as conn:
        ops = conn.execute(
            "SELECT op_id, hlc, origin, entity, row_id, fields, bases FROM op ORDER BY hlc, origin"
        ).fetchall()
        in_conflict = {
            (e, r, f, op)
            for e, r, f, w, lo in conn.execute(
                "SELECT entity, row_id, field, winner_op, loser_op FROM conflict"
            )
            for op in (w, lo)
        }
    by_field: dict[tuple[str, str, str], list[tuple[str, Any]]] = {}
    built_on: set[tuple[str, str]] = set()
    for op_id, _hlc, _origin, entity, row_id, fields, bases in ops:
        for name, value in orjson.loads(fields).items():
            by_field.setdefault((entity, row_id, name), []).append((op_id, value))
        for name, base in orjson.loads(bases).items():
            built_on.add((name, base))
    for (entity, row_id, name), history in by_field.items():
        winner_id = history[-1][0]
        safe_values = [
            value
            for op_id, value in history
            if op_id == winner_id
            or (name, op_id) in built_on
            or (entity, row_id, name, op_id) in in_conflict
        ]
        for op_id, value in history:
            if op_id == winner_id or (name, op_id) in built_on:
                continue
            if (entity, row_id, name, op_id) in in_conflict:
                continue
            assert any(same_value(value, v) for v in safe_values), (entity, row_id, name, value)


def check_world(world: World, plan: list[tuple[Any, ...]]) -> None:
    """Run `plan`, then converge: every replica holds the same, and every value set
    aside is in a conflict, before and after."""
    # A register every replica holds, then offline edits.
    with world.dbs[0].write() as w:
        reg.create_outfall(w, OUTFALL)
        reg.create_outfall(w, {**OUTFALL, "name": "第二排口", "lat": 35.1})
    first = world.export(0, 3)
    import_bundle(world.dbs[1], first, trust=True)
    import_bundle(world.dbs[2], first, trust=True)
    run_steps(world, plan)
    for db in world.dbs:
        check_conflicts_cover_lost_values(db)
    world.converge()
    states = [synced_state(db) for db in world.dbs]
    assert states[0] == states[1] == states[2]
    conflicts = 0
    for db in world.dbs:
        check_conflicts_cover_lost_values(db)
        with db.read() as conn:
            assert foreign_key_problems(conn) == []
            conflicts += conn.execute("SELECT COUNT(*) FROM conflict").fetchone()[0]
    target(float(conflicts))


@searched(15, 80)
def test_replicas_converge_and_conflicts_cover_every_lost_value(
    replica_templates: dict[str, Path], examples: int
) -> None:
    def history(plan: list[tuple[Any, ...]]) -> None:
        check_sqlite_world(replica_templates, plan)

    search(examples, steps, history)


def check_sqlite_world(replica_templates: dict[str, Path], plan: list[tuple[Any, ...]]) -> None:
    world = World(replica_templates)
    try:
        check_world(world, plan)
    finally:
        world.close()


# Fewer than the SQLite run's: the same steps, and a database copied per example.
@searched(4, 16)
def test_a_postgresql_central_record_converges_with_sqlite_laptops(
    replica_templates: dict[str, Path],
    pg_server: Server,
    pg_central_template: tuple[str, bytes],
    examples: int,
) -> None:
    """The same histories with the city's central record on PostgreSQL (issue 14): the
    same replica (id and key) in another engine converges with the laptops."""

    def history(plan: list[tuple[Any, ...]]) -> None:
        check_pg_world(replica_templates, pg_server, pg_central_template, plan)

    search(examples, steps, history)


def check_pg_world(
    replica_templates: dict[str, Path],
    pg_server: Server,
    pg_central_template: tuple[str, bytes],
    plan: list[tuple[Any, ...]],
) -> None:
    with pg_central(pg_server, pg_central_template) as central:
        world = World(replica_templates, central)
        try:
            check_world(world, plan)
        finally:
            world.close()
