"""Property test: one trusted replica turns hostile.

Three honest replicas (two field laptops and the central record) and a fourth, trusted
by all, that edits honestly at times and at other times sends bundles of random hostile
operations, signed with its real key: in another replica's name or its target's own,
with impossible values or clocks, outside its region or role, with ids taken from
others. Whatever the order of edits and deliveries:

- every hostile bundle is refused (exit status 2) and changes nothing;
- an honest replica can always write afterwards;
- no honest replica's operation is lost: in the end every honest replica holds every
  operation every honest replica made;
- all honest replicas converge (the same rows, log and search index).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import pytest
from hypothesis import strategies as st

from inspector.data.db import Database
from inspector.data.integrity import foreign_key_problems
from inspector.data.sync import chain
from inspector.data.sync.merge import own_vector
from inspector.domain.hlc import MAX_HLC, pack, wall_ms
from inspector.domain.ids import op_uuid, origin_tag, uuid7
from inspector.i18n import Problem
from inspector.models import Outfall
from inspector.services import register as reg
from inspector.services.replica import identity, load_private_key
from inspector.services.sync.archive import FORMAT, VERSION
from inspector.services.sync.exchange import PrerequisitesMissing, export_bundle, import_bundle
from inspector.services.sync.signing import sign_checkpoint
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

NAMES = ("field1", "field2", "central", "rogue")
HONEST = (0, 1, 2)
ROGUE = 3
KINDS = (
    "forged_origin",
    "own_name",
    "bad_value",
    "wrong_type",
    "unknown_choice",
    "future_clock",
    "huge_clock",
    "out_of_region",
    "pre_close",
    "colliding_id",
    "stolen_tag",
    "incomplete",
)

edit = st.tuples(
    st.just("edit"),
    st.integers(0, 3),
    st.integers(0, 5),
    st.sampled_from(["notes", "township", "name"]),
    st.sampled_from(["甲", "乙", "丙", "沿河 1#"]),
)
create = st.tuples(st.just("create"), st.integers(0, 3), st.integers(0, 9))
export = st.tuples(st.just("export"), st.integers(0, 3), st.integers(0, 3))
deliver = st.tuples(st.just("deliver"), st.integers(0, 50), st.integers(0, 3))
attack = st.tuples(
    st.just("attack"), st.sampled_from(KINDS), st.sampled_from(HONEST), st.integers(0, 2)
)
steps = st.lists(
    st.one_of(edit, edit, create, export, deliver, deliver, attack, attack),
    min_size=6,
    max_size=24,
)


class World:
    def __init__(self, templates: dict[str, Path], central: Database | None = None) -> None:
        """The four replicas copied from `templates`; the central record `central`
        instead when given (on PostgreSQL)."""
        self.folder = Path(tempfile.mkdtemp(prefix="hostile-prop-"))
        self.dbs = [
            central
            if n == "central" and central is not None
            else copy_replica(templates[n], self.folder / f"{n}.db")
            for n in NAMES
        ]
        self.bundles: list[tuple[int, Path]] = []
        self.counter = 0

    def close(self) -> None:
        for db in self.dbs:
            db.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)

    def path(self, stem: str) -> Path:
        self.counter += 1
        return self.folder / f"{stem}{self.counter:03d}.bundle"

    def outfalls(self, db: Database, county: str | None = "410823") -> list[str]:
        with db.read() as conn:
            sql = "SELECT id FROM outfall"
            if county:
                sql += f" WHERE county_code='{county}'"
            return [r[0] for r in conn.execute(sql + " ORDER BY id")]

    def export(self, src: int) -> Path:
        path = self.path("b")
        export_bundle(self.dbs[src], path, everything=True)
        self.bundles.append((src, path))
        return path

    def deliver(self, src: int, path: Path, dst: int) -> None:
        if src == dst:
            return
        target = self.dbs[dst]
        before = full_state(target)
        try:
            import_bundle(target, path, trust=True)
        except PrerequisitesMissing:
            assert full_state(target) == before

    # -- the hostile replica --------------------------------------------------------------

    def forge(self, kind: str, dst: int, lead: int) -> Path:
        """A bundle from the rogue to `dst`: `lead` of its real operations (if `dst` lacks
        them) followed by one hostile operation, every checkpoint signed with its key."""
        rogue, target = self.dbs[ROGUE], self.dbs[dst]
        me = identity(rogue)
        key = load_private_key(rogue.path)
        with target.read() as conn:
            held = own_vector(conn)
            victim = self.outfalls(target)[0]
            other = self.outfalls(target, "410821")[0]
            taken = conn.execute("SELECT op_id FROM op ORDER BY op_id LIMIT 1").fetchone()[0]
        with rogue.read() as conn:
            real = conn.execute(
                "SELECT op_id, origin, seq, hlc, entity, row_id, fields, bases, actor, reason"
                " FROM op WHERE origin=? AND seq>? ORDER BY seq LIMIT ?",
                (me.id, held.get(me.id, 0), lead),
            ).fetchall()
        ops: list[list[Any]] = [
            [*r[:6], orjson.loads(r[6]), orjson.loads(r[7]), *r[8:]] for r in real
        ]
        next_seq = held.get(me.id, 0) + len(ops) + 1
        origin = me.id
        fields: dict[str, Any] = {"notes": "流氓修改"}
        row = victim
        stamp = pack(wall_ms())
        op_id = op_uuid(origin_tag(me.id))
        entity = "outfall"
        if kind == "forged_origin":
            origin = self.dbs[(dst + 1) % 3].replica_id
        elif kind == "own_name":
            origin = target.replica_id
        elif kind == "bad_value":
            fields = {"lat": 1000.0}
        elif kind == "wrong_type":
            fields = {"investigation_level": "二"}
        elif kind == "unknown_choice":
            fields = {"category": "spaceship"}
        elif kind == "future_clock":
            stamp = pack(int(dt.datetime(3000, 1, 1, tzinfo=dt.UTC).timestamp() * 1000))
        elif kind == "huge_clock":
            stamp = MAX_HLC
        elif kind == "out_of_region":
            row = other
        elif kind == "pre_close":
            fields = {"state": "pre_closed"}
        elif kind == "colliding_id":
            op_id = taken
        elif kind == "stolen_tag":
            op_id = op_uuid(origin_tag(self.dbs[0].replica_id))
        elif kind == "incomplete":
            row, fields = uuid7(), {"name": "缺项排口"}
        if origin != me.id:
            next_seq = held.get(origin, 0) + 1
            op_id = op_uuid(origin_tag(origin))
        ops.append([op_id, origin, next_seq, stamp, entity, row, fields, {}, "流氓", None])
        checkpoints = []
        with target.read() as conn:
            for who in dict.fromkeys(op[1] for op in ops):
                mine = [op for op in ops if op[1] == who]
                link = chain.head(conn, who, upto=mine[0][2] - 1)
                for op in mine:
                    link.add(op[2], orjson.dumps(op))
                checkpoints.append(sign_checkpoint(key, link).as_json())
        lines = b"".join(orjson.dumps(op) + b"\n" for op in ops)
        manifest = {
            "format": FORMAT, "version": VERSION, "bundle_id": uuid7(),
            "created_at": "2026-12-05 00:00:00.000000",
            "source": {"id": me.id, "name": me.name, "role": me.role,
                       "region": me.region_code, "public_key": me.public_key},
            "target": None, "replicas": [], "registrations": [], "checkpoints": checkpoints,
            "lacking_photos": [], "app_version": "rogue", "schema": "0008",
            "prerequisites": {}, "resulting": {},
            "counts": {"operations": len(ops), "photos": 0, "photo_bytes": 0},
            "members": [{"name": "ops/000001.jsonl", "size": len(lines),
                         "sha256": hashlib.sha256(lines).hexdigest()}],
        }  # fmt: skip
        data = orjson.dumps(manifest)
        path = self.path("rogue")
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("manifest.json", data)
            zf.writestr("manifest.sig", key.sign(data))
            zf.writestr("ops/000001.jsonl", lines)
        return path

    def attack(self, kind: str, dst: int, lead: int) -> None:
        target = self.dbs[dst]
        path = self.forge(kind, dst, lead)
        before = full_state(target)
        with pytest.raises(Problem) as refused:
            import_bundle(target, path, trust=True)
        assert refused.value.exit_code == 2, str(refused.value)
        assert full_state(target) == before
        # The replica attacked goes on working.
        with target.write() as w:
            w.update(Outfall, self.outfalls(target)[0], {"notes": f"{kind} 之后照常"})

    def converge(self) -> None:
        for src in (0, 1, ROGUE):
            self.deliver(src, self.export(src), 2)
        down = self.export(2)
        for dst in (0, 1, ROGUE):
            self.deliver(2, down, dst)


def run_steps(world: World, plan: list[tuple[Any, ...]]) -> None:
    for step in plan:
        kind = step[0]
        if kind == "edit":
            _, r, i, name, value = step
            db = world.dbs[r]
            ids = world.outfalls(db)
            with db.write() as w:
                w.update(Outfall, ids[i % len(ids)], {name: value})
        elif kind == "create":
            _, r, n = step
            with world.dbs[r].write() as w:
                reg.create_outfall(
                    w, {**OUTFALL, "name": f"排口{r}-{n}", "lat": 35.0 + n / 100 + r / 1000}
                )
        elif kind == "export":
            world.export(step[1])
        elif kind == "deliver":
            _, k, dst = step
            if world.bundles:
                src, path = world.bundles[k % len(world.bundles)]
                world.deliver(src, path, dst)
        elif kind == "attack":
            _, what, dst, lead = step
            world.attack(what, dst, lead)


@searched(8, 40)
def test_a_hostile_replica_cannot_stop_or_split_the_honest_ones(
    replica_templates: dict[str, Path], examples: int
) -> None:
    def history(plan: list[tuple[Any, ...]]) -> None:
        check_hostile_world(replica_templates, plan)

    search(examples, steps, history)


# Fewer than the SQLite run's: the same steps, and a database copied per example.
@searched(4, 16)
def test_a_hostile_replica_cannot_stop_a_postgresql_central_record(
    replica_templates: dict[str, Path],
    pg_server: Server,
    pg_central_template: tuple[str, bytes],
    examples: int,
) -> None:
    """The same attacks on a central record on PostgreSQL, which refuses what SQLite
    stores and aborts a transaction at the first refusal: each is still refused in one
    sentence, changes nothing, and leaves the replica working."""

    def history(plan: list[tuple[Any, ...]]) -> None:
        with pg_central(pg_server, pg_central_template) as central:
            check_hostile_world(replica_templates, plan, central)

    search(examples, steps, history)


def check_hostile_world(
    replica_templates: dict[str, Path],
    plan: list[tuple[Any, ...]],
    central_db: Database | None = None,
) -> None:
    world = World(replica_templates, central_db)
    try:
        central = world.dbs[2]
        with central.write() as w:
            reg.create_outfall(w, OUTFALL)
            reg.create_outfall(
                w, {**OUTFALL, "name": "修武县排口", "county_code": "410821", "river": "丹河"}
            )
        start = world.export(2)
        for dst in (0, 1, ROGUE):
            import_bundle(world.dbs[dst], start, trust=True)
            import_bundle(central, world.export(dst), trust=True)
        run_steps(world, plan)
        world.converge()
        states = [synced_state(world.dbs[i]) for i in HONEST]
        assert states[0] == states[1] == states[2]
        made = set()
        for i in HONEST:
            with world.dbs[i].read() as conn:
                made |= {
                    r[0]
                    for r in conn.execute(
                        "SELECT op_id FROM op WHERE origin=?", (world.dbs[i].replica_id,)
                    )
                }
        for i in HONEST:
            with world.dbs[i].read() as conn:
                held = {r[0] for r in conn.execute("SELECT op_id FROM op")}
                assert made <= held
                assert foreign_key_problems(conn) == []
    finally:
        world.close()
