"""Hostile contents in bundles signed by a replica the importer trusts (issue 10).

The structural suite (`test_hostile.py`) proves a damaged or forged file is refused.
Here every bundle is well formed and signed by a trusted replica with its real key, and
every operation it carries is built as an attacker (or a bug) would: in another
replica's name, in the importer's own name, with impossible values or clocks, outside
its region or role, skipping sign-offs; its manifest pins keys and renames its sender.
Each is refused through the real command line with exit status 2, one sentence naming
the problem, and the database and the photo store byte-identical afterwards.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from inspector import locations
from inspector.cli import run
from inspector.data import photostore
from inspector.data.db import Database, open_database
from inspector.data.sync import chain
from inspector.data.sync.merge import own_vector
from inspector.domain.choices import State
from inspector.domain.hlc import MAX_HLC, pack, wall_ms
from inspector.domain.ids import op_uuid, origin_tag, uuid7
from inspector.models import Outfall
from inspector.services import register as reg
from inspector.services.assessment import enter_score, entry_id
from inspector.services.replica import identity, init_replica, load_private_key
from inspector.services.sync.archive import FORMAT, VERSION
from inspector.services.sync.exchange import export_bundle, import_bundle
from inspector.services.sync.signing import (
    issue_registration,
    issue_revocation,
    sign_checkpoint,
)
from tests.sync.conftest import OUTFALL, copy_replica, files_of

NAMES = ("field1", "field2", "county", "central")


def _walk_to_remediated(db: Database, oid: str) -> str:
    """The central record takes an outfall to remediated (the step before pre-closing)."""
    with db.write() as w:
        reg.transition(w, oid, State.CONFIRMED)
        reg.add_trace_record(
            w, oid, {"methods": ["visit"], "conclusion": "走访未查明", "result": "no_owner_found"}
        )
        reg.assign_government_backstop(w, oid)
        reg.transition(w, oid, State.TRACED)
        rem = reg.plan_remediation(
            w, oid, {"measure": "standardise", "deadline": "2026-12-31"}, reason="一口一策"
        )
        reg.transition(w, oid, State.IN_REMEDIATION)
        reg.record_completion(w, oid, evidence="整治完成照片", retest_passed=True)
    return rem


@pytest.fixture(scope="module")
def world_template(
    replica_templates: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, str]]:
    """Four replicas that have all exchanged everything once: field1 registered outfall A
    (its county 410823); the centre registered B (410823, remediated, awaiting the
    county's pre-closing) and C (410821, another county)."""
    folder = tmp_path_factory.mktemp("semantic")
    dbs = {n: copy_replica(replica_templates[n], folder / f"{n}.db") for n in NAMES}
    ids: dict[str, str] = {}
    with dbs["field1"].write() as w:
        ids["A"] = reg.create_outfall(w, {**OUTFALL, "code": "410823GY-A"})
    with dbs["central"].write() as w:
        ids["B"] = reg.create_outfall(w, {**OUTFALL, "code": "410823GY-B", "lat": 35.2})
        ids["C"] = reg.create_outfall(
            w,
            {**OUTFALL, "code": "410821GY-C", "county_code": "410821", "river": "丹河"},
        )
    ids["B_rem"] = _walk_to_remediated(dbs["central"], ids["B"])
    for n in ("field1", "field2", "county"):
        path = folder / f"{n}-up.bundle"
        export_bundle(dbs[n], path, everything=True)
        import_bundle(dbs["central"], path, trust=True)
    for n in ("field1", "field2", "county"):
        path = folder / f"down-{n}.bundle"
        export_bundle(dbs["central"], path, to=dbs[n].replica_id, everything=True)
        import_bundle(dbs[n], path, trust=True)
    for db in dbs.values():
        with db.read() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.dispose()
    return folder, ids


class World:
    """Fresh copies of the four replicas, and a forger that writes bundles as field1 (or
    any replica whose key it has) would, signing whatever it likes with that key."""

    def __init__(self, template: Path, ids: dict[str, str], folder: Path, capsys: Any) -> None:
        self.ids = ids
        self.folder = folder
        self.capsys = capsys
        self.dbs: dict[str, Database] = {}
        for n in NAMES:
            target = folder / f"{n}.db"
            shutil.copy(template / f"{n}.db", target)
            shutil.copy(locations.key_file(template / f"{n}.db"), locations.key_file(target))
            if locations.photo_store(template / f"{n}.db").is_dir():
                shutil.copytree(
                    locations.photo_store(template / f"{n}.db"), locations.photo_store(target)
                )
            self.dbs[n] = open_database(target)

    # -- reading the target ---------------------------------------------------------------

    def snapshot(self, name: str) -> tuple[bytes, dict[str, bytes], list[str]]:
        db = self.dbs[name]
        with db.read() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store = locations.photo_store(db.path)
        hidden = sorted(p.name for p in store.iterdir()) if store.is_dir() else []
        return db.path.read_bytes(), files_of(store), hidden

    def held(self, name: str, origin: str) -> int:
        with self.dbs[name].read() as conn:
            return own_vector(conn).get(origin, 0)

    def winner(self, name: str, entity: str, row_id: str, field: str) -> str | None:
        with self.dbs[name].read() as conn:
            rows = conn.execute(
                "SELECT op_id, fields FROM op WHERE entity=? AND row_id=? ORDER BY hlc, origin",
                (entity, row_id),
            ).fetchall()
        found = None
        for op_id, fields in rows:
            if field in orjson.loads(fields):
                found = op_id
        return found

    def rid(self, name: str) -> str:
        return self.dbs[name].replica_id

    # -- forging ----------------------------------------------------------------------------

    def op(
        self,
        origin: str,
        fields: dict[str, Any],
        *,
        row: str | None = None,
        entity: str = "outfall",
        seq: int | None = None,
        at: str = "central",
        hlc: int | None = None,
        op_id: str | None = None,
        bases: dict[str, str] | None = None,
        reason: str | None = None,
    ) -> list[Any]:
        """An operation as `origin` would make it next, relative to what `at` holds."""
        origin_id = self.rid(origin) if origin in self.dbs else origin
        row = row or self.ids["A"]
        if bases is None:
            bases = {}
            for name in fields:
                base = self.winner(at, entity, row, name)
                if base:
                    bases[name] = base
        return [
            op_id or op_uuid(origin_tag(origin_id)),
            origin_id,
            seq if seq is not None else self.held(at, origin_id) + 1,
            hlc if hlc is not None else pack(wall_ms()),
            entity,
            row,
            fields,
            bases,
            "攻击者",
            reason,
        ]

    def bundle(
        self,
        name: str,
        ops: list[list[Any]],
        *,
        signer: str = "field1",
        at: str = "central",
        checkpoints: list[dict[str, Any]] | None = None,
        photos: list[Path] = (),  # type: ignore[assignment]
        manifest: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    ) -> Path:
        """A version-2 bundle from `signer`, its manifest and every checkpoint signed with
        `signer`'s real key (valid for its own operations only)."""
        signer_db = self.dbs[signer]
        key = load_private_key(signer_db.path)
        me = identity(signer_db)
        if checkpoints is None:
            checkpoints = []
            with self.dbs[at].read() as conn:
                for origin in dict.fromkeys(op[1] for op in ops):
                    mine = sorted((op for op in ops if op[1] == origin), key=lambda o: o[2])
                    link = chain.head(conn, origin, upto=mine[0][2] - 1)
                    for op in mine:
                        link.add(op[2], orjson.dumps(op))
                    checkpoints.append(sign_checkpoint(key, link).as_json())
        lines = b"".join(orjson.dumps(op) + b"\n" for op in ops)
        members = [("ops/000001.jsonl", lines)] if ops else []
        members += [(f"photos/{photostore.hash_file(p)}", p.read_bytes()) for p in photos]
        doc: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "bundle_id": uuid7(),
            "created_at": "2026-12-05 00:00:00.000000",
            "source": {
                "id": me.id,
                "name": me.name,
                "role": me.role,
                "region": me.region_code,
                "public_key": me.public_key,
            },
            "target": None,
            "replicas": [],
            "registrations": [],
            "checkpoints": checkpoints,
            "lacking_photos": [],
            "app_version": "forged",
            "schema": "0008",
            "prerequisites": {},
            "resulting": {},
            "counts": {"operations": len(ops), "photos": len(photos), "photo_bytes": 0},
            "members": [
                {"name": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
                for n, b in members
            ],
        }
        if manifest is not None:
            doc = manifest(doc)
        data = orjson.dumps(doc)
        path = self.folder / name
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("manifest.json", data, compress_type=zipfile.ZIP_DEFLATED)
            zf.writestr("manifest.sig", key.sign(data))
            for member, payload in members:
                zf.writestr(member, payload, compress_type=zipfile.ZIP_DEFLATED)
        return path

    # -- importing ----------------------------------------------------------------------------

    def refused(
        self, path: Path, *because: str, at: str = "central", extra: tuple[str, ...] = ()
    ) -> str:
        """Imported through the real command line: exit status 2, one sentence naming the
        reason, and the database and photo store exactly as before."""
        before = self.snapshot(at)
        self.capsys.readouterr()
        status = run(["--db", str(self.dbs[at].path), "bundle", "import", str(path), *extra])
        out, err = self.capsys.readouterr()
        assert status == 2, (out, err)
        assert "Unexpected" not in err
        assert "Traceback" not in err
        assert len(err.strip().splitlines()) == 1, err
        for text in because:
            assert text in err, err
        assert self.snapshot(at) == before
        return err

    def refused_on_postgresql(self, path: Path, url: str, *because: str) -> str:
        """`refused`, with the central record first copied to PostgreSQL (`db copy`):
        exit status 2, one sentence, and the copy's records and log as before."""
        from inspector.services.copy_replica import copy_replica
        from tests.sync.conftest import synced_state

        self.dbs["central"].dispose()
        copy_replica(str(self.dbs["central"].path), url)
        central = open_database(url)
        try:
            before = synced_state(central), own_vector_of(central)
            self.capsys.readouterr()
            status = run(["--db", url, "bundle", "import", str(path)])
            out, err = self.capsys.readouterr()
            assert status == 2, (out, err)
            assert "Unexpected" not in err
            assert len(err.strip().splitlines()) == 1, err
            for text in because:
                assert text in err, err
            assert (synced_state(central), own_vector_of(central)) == before
        finally:
            central.dispose()
        return err

    def imports(self, path: Path, *, at: str = "central", extra: tuple[str, ...] = ()) -> None:
        self.capsys.readouterr()
        status = run(["--db", str(self.dbs[at].path), "bundle", "import", str(path), *extra])
        out, err = self.capsys.readouterr()
        assert status == 0, (out, err)


@pytest.fixture
def world(world_template, tmp_path, capsys) -> World:  # type: ignore[no-untyped-def]
    folder, ids = world_template
    return World(folder, ids, tmp_path, capsys)


# -- forged origins -------------------------------------------------------------------------


def test_an_operation_in_another_replicas_name_is_refused_and_the_real_edit_still_lands(
    world: World,
) -> None:
    """field1 writes field2's next operation so that field2's real edit would later be
    dropped as already held. Unsigned by field2: refused, whether field1 adds no
    checkpoint for field2 or signs one with its own key."""
    forged = world.op("field2", {"notes": "伪造：二组已复核"})
    err = world.refused(
        world.bundle("forged.bundle", [forged], checkpoints=[]), "signature does not cover"
    )
    assert "field2" in err
    world.refused(world.bundle("forged-signed.bundle", [forged]), "does not verify")
    # field2's real edit at that very sequence imports, and is what the register shows.
    with world.dbs["field2"].write() as w:
        w.update(Outfall, world.ids["A"], {"notes": "二组真实复核"})
    real = world.folder / "real.bundle"
    export_bundle(world.dbs["field2"], real)
    world.imports(real)
    with world.dbs["central"].read() as conn:
        notes = conn.execute("SELECT notes FROM outfall WHERE id=?", (world.ids["A"],)).fetchone()
    assert notes == ("二组真实复核",)


def test_an_operation_in_the_importers_own_name_is_refused(world: World) -> None:
    forged = world.op("central", {"notes": "市局从未写过"})
    world.refused(world.bundle("own.bundle", [forged], checkpoints=[]), "own name", "never made it")
    world.refused(world.bundle("own2.bundle", [forged]), "signature of central does not verify")


def test_a_different_copy_of_an_operation_already_held_is_refused(world: World) -> None:
    """field1 resends its first operation, altered: the copy held is the one it made."""
    with world.dbs["central"].read() as conn:
        row = conn.execute(
            "SELECT op_id, origin, seq, hlc, entity, row_id, fields, bases, actor, reason"
            " FROM op WHERE origin=? AND seq=1",
            (world.rid("field1"),),
        ).fetchone()
    op = [
        *row[:6],
        {**orjson.loads(row[6]), "name": "篡改后的名称"},
        orjson.loads(row[7]),
        *row[8:],
    ]
    world.refused(world.bundle("altered.bundle", [op], checkpoints=[]), "differs", "forgery")


def test_an_id_taken_from_another_replicas_operation_is_refused(world: World) -> None:
    with world.dbs["central"].read() as conn:
        (taken,) = conn.execute(
            "SELECT op_id FROM op WHERE origin=? ORDER BY seq LIMIT 1", (world.rid("central"),)
        ).fetchone()
    world.refused(
        world.bundle("collide.bundle", [world.op("field1", {"notes": "x"}, op_id=taken)]),
        "belongs to a change another replica made",
    )
    # An id of the old (version 7) kind that another operation already has.
    old_kind = "01a20a00-0000-7000-8000-000000000001"
    with world.dbs["central"].write() as w:
        w.conn.execute("UPDATE op SET op_id=? WHERE op_id=?", (old_kind, taken))
    world.refused(
        world.bundle("collide7.bundle", [world.op("field1", {"notes": "y"}, op_id=old_kind)]),
        "already used by another change",
        "change 2 by field1",
    )


def test_an_id_taken_from_another_replicas_operation_is_refused_on_postgresql(
    world: World, pg_url: str
) -> None:
    """PostgreSQL refuses the log's row for the id and aborts the transaction, where
    SQLite refuses only the row: the refusal must still name the change, not fail in
    the reading that finds it."""
    old_kind = "01a20a00-0000-7000-8000-000000000001"
    with world.dbs["central"].write() as w:
        (taken,) = w.conn.execute(
            "SELECT op_id FROM op WHERE origin=? ORDER BY seq LIMIT 1", (world.rid("central"),)
        ).fetchone()
        w.conn.execute("UPDATE op SET op_id=? WHERE op_id=?", (old_kind, taken))
    world.refused_on_postgresql(
        world.bundle("collide7.bundle", [world.op("field1", {"notes": "y"}, op_id=old_kind)]),
        pg_url,
        "already used by another change",
        "change 2 by field1",
    )


@pytest.mark.parametrize("central_on", ["sqlite", "postgresql"])
def test_an_id_used_twice_in_one_bundle_is_refused_naming_the_second_use(
    world: World, request: pytest.FixtureRequest, central_on: str
) -> None:
    old_kind = "01a20a00-0000-7000-8000-000000000002"
    first = world.op("field1", {"notes": "一"}, op_id=old_kind)
    second = world.op("field1", {"notes": "二"}, op_id=old_kind, seq=first[2] + 1)
    path = world.bundle("twice.bundle", [first, second])
    because = (f"change {second[2]} by field1", "already used by another change")
    if central_on == "sqlite":
        err = world.refused(path, *because)
    else:
        err = world.refused_on_postgresql(path, request.getfixturevalue("pg_url"), *because)
    assert f"change {first[2]} by" not in err


#: What an operation may carry that one engine stores and the other cannot.
_UNSTORABLE = {
    "long name of who made it": ({"actor": "攻" * 101}, "author or reason of change"),
    "NUL in who made it": ({"actor": "攻击者\x00"}, "author or reason of change"),
    "long reason": ({"reason": "因" * 2001}, "author or reason of change"),
    "NUL in its reason": ({"reason": "\x00"}, "author or reason of change"),
    "NUL in a value": ({"fields": {"notes": "排口\x00"}}, "Notes contains a NUL character"),
    "NUL in a name": ({"fields": {"name": "排口\x00"}}, "name contains a NUL character"),
    "value nested 300 deep": (
        {"fields": {"position_fix": orjson.Fragment(b'{"a":' * 300 + b"1" + b"}" * 300)}},
        "nested too deeply",
    ),
    "integer beyond 64 bits": (
        {"entity": "plan", "fields": {"sample_size": 2**63}},
        "must be at most 9223372036854775807",
    ),
}


@pytest.mark.parametrize("central_on", ["sqlite", "postgresql"])
@pytest.mark.parametrize("case", list(_UNSTORABLE))
def test_values_that_either_engine_cannot_store_are_refused_on_both(
    world: World, request: pytest.FixtureRequest, central_on: str, case: str
) -> None:
    """SQLite stores a 101-character name or a NUL, PostgreSQL refuses them mid-import,
    and neither holds an integer past 64 bits. A bundle carrying one is refused, in one
    sentence, wherever it arrives."""
    change, because = _UNSTORABLE[case]
    entity = change.get("entity", "outfall")
    op = world.op(
        "field1",
        change.get("fields", {"notes": "复核"}),
        entity=entity,
        row=None if entity == "outfall" else uuid7(),
    )
    op[8] = change.get("actor", op[8])
    op[9] = change.get("reason", op[9])
    path = world.bundle("unstorable.bundle", [op])
    if central_on == "sqlite":
        world.refused(path, because)
    else:
        world.refused_on_postgresql(path, request.getfixturevalue("pg_url"), because)


def test_an_id_carrying_another_replicas_tag_is_refused(world: World) -> None:
    stolen = op_uuid(origin_tag(world.rid("field2")))
    world.refused(
        world.bundle("tag.bundle", [world.op("field1", {"notes": "x"}, op_id=stolen)]),
        "belongs to a change another replica made",
    )


# -- values ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "because"),
    [
        ({"lat": 1000.0}, "at most 90"),
        ({"lat": "abc"}, "Latitude"),
        ({"notes": 5}, "Notes"),
        ({"state": "bogus"}, "State"),
        ({"county_code": "999999"}, "999999"),
        ({"river": "不存在的河"}, "不存在的河"),
        ({"name": "长" * 201}, "name is too long"),
        ({"name": None}, "name is required"),
        ({"investigation_level": 7}, "at most 3"),
        ({"deleted": "yes"}, "Deleted"),
        ({"township": " 空格 "}, "Township"),
    ],
)
def test_invalid_values_are_refused_like_a_local_save(
    world: World, fields: dict[str, Any], because: str
) -> None:
    err = world.refused(world.bundle("value.bundle", [world.op("field1", fields)]), because)
    assert "410823GY-A" in err
    assert "field1" in err


def _with_lines(world: World, name: str, lines: list[bytes]) -> Path:
    """A bundle whose op file holds these exact lines (no checkpoint: never read)."""
    key = load_private_key(world.dbs["field1"].path)
    me = identity(world.dbs["field1"])
    data = b"".join(line + b"\n" for line in lines)
    doc = {
        "format": FORMAT, "version": VERSION, "bundle_id": uuid7(),
        "created_at": "2026-12-05 00:00:00.000000",
        "source": {"id": me.id, "name": me.name, "role": me.role, "region": me.region_code,
                   "public_key": me.public_key},
        "target": None, "replicas": [], "registrations": [], "checkpoints": [],
        "lacking_photos": [], "app_version": "forged", "schema": "0008",
        "prerequisites": {}, "resulting": {},
        "counts": {"operations": len(lines), "photos": 0, "photo_bytes": 0},
        "members": [{"name": "ops/000001.jsonl", "size": len(data),
                     "sha256": hashlib.sha256(data).hexdigest()}],
    }  # fmt: skip
    manifest = orjson.dumps(doc)
    path = world.folder / name
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", manifest)
        zf.writestr("manifest.sig", key.sign(manifest))
        zf.writestr("ops/000001.jsonl", data)
    return path


def test_an_unknown_field_and_an_unknown_table_are_refused(world: World) -> None:
    world.refused(
        world.bundle("f.bundle", [world.op("field1", {"colour": "red"})]), "invalid change"
    )
    world.refused(
        world.bundle("t.bundle", [world.op("field1", {"x": 1}, entity="sqlite_master")]),
        "invalid change",
    )


def test_a_new_record_without_its_required_fields_is_refused(world: World) -> None:
    new = world.op("field1", {"name": "只有名称的排口"}, row=uuid7(), bases={})
    world.refused(world.bundle("incomplete.bundle", [new]), "required")


def test_a_record_naming_one_that_exists_nowhere_is_refused(world: World) -> None:
    ghost = "01a20a00-dead-7000-8000-000000000000"
    inspection = world.op(
        "field1",
        {"outfall_id": ghost, "started_at": "2026-12-01 02:00:00.000000"},
        entity="inspection",
        row=uuid7(),
        bases={},
    )
    err = world.refused(world.bundle("ghost.bundle", [inspection]), "exists nowhere")
    assert ghost in err
    # The preview says the same, and changes nothing either.
    world.refused(
        world.bundle("ghost2.bundle", [inspection]), "exists nowhere", extra=("--dry-run",)
    )


# -- clocks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "stamp",
    [
        MAX_HLC,
        pack(int(dt.datetime(3000, 1, 1, tzinfo=dt.UTC).timestamp() * 1000)),
        pack(wall_ms() + 3 * 86_400_000),
    ],
    ids=["2^63-1", "year-3000", "three-days-ahead"],
)
def test_a_clock_beyond_the_tolerance_is_refused(world: World, stamp: int) -> None:
    world.refused(
        world.bundle("clock.bundle", [world.op("field1", {"notes": "来自未来"}, hlc=stamp)]),
        "ahead of this computer's clock",
        "at most one day",
    )
    # The importer still writes, and its clock stays where it can be stored.
    with world.dbs["central"].write() as w:
        w.update(Outfall, world.ids["A"], {"notes": "本地照常修改"})


@pytest.mark.parametrize(
    ("text", "because"),
    [
        (str(2**70).encode(), "invalid change"),
        (b"Infinity", "unreadable"),
        (b"1e400", "unreadable"),
    ],
)
def test_clocks_no_integer_holds_are_refused(world: World, text: bytes, because: str) -> None:
    op = world.op("field1", {"notes": "x"}, hlc=12345)
    line = orjson.dumps(op).replace(b",12345,", b"," + text + b",", 1)
    world.refused(_with_lines(world, "huge.bundle", [line]), because)


# -- region and role ------------------------------------------------------------------------


def test_a_change_outside_the_origins_region_is_refused(world: World) -> None:
    rename = world.op("field1", {"name": "被一组改名的修武县排口"}, row=world.ids["C"])
    world.refused(world.bundle("region.bundle", [rename]), "outside region 410823", "410821GY-C")
    move = world.op("field1", {"county_code": "410821", "river": "丹河"})
    world.refused(world.bundle("move.bundle", [move]), "outside region 410823")
    # Nor may it take another county's outfall into its own (no change ever put C there).
    take = world.op("field1", {"county_code": "410823", "river": "沁河"}, row=world.ids["C"])
    world.refused(world.bundle("take.bundle", [take]), "outside region 410823", "410821GY-C")
    # A record about an outfall of another county (through its outfall).
    photo_of_c = world.op(
        "field1",
        {"original_name": "x.jpg", "format": "jpeg", "size_bytes": 1, "outfall_id": world.ids["C"]},
        entity="photo",
        row="ab" * 32,
        bases={},
    )
    world.refused(world.bundle("child.bundle", [photo_of_c]), "outside region")


def test_a_county_pre_closing_signed_by_a_field_replica_is_refused(world: World) -> None:
    rem = world.ids["B_rem"]
    signoff = world.op(
        "field1",
        {"county_signoff_by": "一组", "county_signoff_on": "2026-12-01"},
        entity="remediation",
        row=rem,
    )
    world.refused(world.bundle("presign.bundle", [signoff]), "only a county office")
    state = world.op("field1", {"state": "pre_closed"}, row=world.ids["B"])
    world.refused(world.bundle("preclose.bundle", [state]), "may pre-close")


def test_a_city_closing_signed_by_anything_but_the_city_is_refused(world: World) -> None:
    rem = world.ids["B_rem"]
    ops = [
        world.op(
            "county",
            {"city_signoff_by": "县局冒充市局", "city_signoff_on": "2026-12-01"},
            entity="remediation",
            row=rem,
        )
    ]
    world.refused(world.bundle("citysign.bundle", ops, signer="county"), "only the city")
    close = world.op("county", {"state": "closed"}, row=world.ids["B"])
    world.refused(world.bundle("close.bundle", [close], signer="county"), "may close")


def test_a_lifecycle_jump_that_skips_its_sign_offs_is_refused(world: World) -> None:
    """The county pre-closes without its sign-off; the city itself jumps from remediated
    straight to closed (a field laptop refuses that too)."""
    preclose = world.op("county", {"state": "pre_closed"}, row=world.ids["B"])
    world.refused(
        world.bundle("nosign.bundle", [preclose], signer="county"),
        "pre-closing sign-off is missing",
    )
    jump = world.op("central", {"state": "closed"}, row=world.ids["B"], at="field1")
    world.refused(
        world.bundle("jump.bundle", [jump], signer="central", at="field1"),
        "jumps past the steps",
        at="field1",
    )
    # With the sign-off the same county step imports.
    signed = [
        world.op(
            "county",
            {"county_signoff_by": "县局", "county_signoff_on": "2026-12-01"},
            entity="remediation",
            row=world.ids["B_rem"],
        ),
    ]
    signed.append(
        world.op("county", {"state": "pre_closed"}, row=world.ids["B"], seq=signed[0][2] + 1)
    )
    world.imports(world.bundle("signed.bundle", signed, signer="county"))


def test_a_lifecycle_jump_that_is_no_step_at_all_is_refused(world: World) -> None:
    """From suspected straight to closed (the city's own record) or into service (a
    field laptop): no step of the lifecycle leads there, whoever signs."""
    close = world.op("central", {"state": "closed"}, at="field1")
    world.refused(
        world.bundle("close-a.bundle", [close], signer="central", at="field1"),
        "jumps past the steps",
        "410823GY-A",
        at="field1",
    )
    keep = world.op("field1", {"state": "in_service"})
    world.refused(world.bundle("keep-a.bundle", [keep]), "jumps past the steps", "410823GY-A")


def test_a_step_judged_from_a_state_this_outfall_never_had_is_refused(world: World) -> None:
    """A step is judged from the state its author saw, which the operation names as its
    base. field1 names B's 'traced' (another outfall's step), so that suspected A would
    seem to go traced -> in service, a step that needs no sign-off; nor may it name a
    change of A that set no state, or one that comes after it."""
    with world.dbs["central"].read() as conn:
        rows = conn.execute(
            "SELECT op_id, row_id, fields FROM op WHERE entity='outfall' ORDER BY hlc"
        ).fetchall()
    traced_b = next(
        i for i, r, f in rows if r == world.ids["B"] and orjson.loads(f).get("state") == "traced"
    )
    keep = world.op("field1", {"state": "in_service"}, bases={"state": traced_b})
    world.refused(world.bundle("base-b.bundle", [keep]), "no earlier change of this outfall")
    notes = world.op("field1", {"notes": "复核"})
    keep = world.op("field1", {"state": "in_service"}, bases={"state": notes[0]}, seq=notes[2] + 1)
    world.refused(world.bundle("base-notes.bundle", [notes, keep]), "no earlier change")
    later = world.op("field1", {"state": "traced"}, seq=notes[2] + 1)
    keep = world.op("field1", {"state": "in_service"}, bases={"state": later[0]}, hlc=later[3] - 1)
    keep[2] = notes[2]
    world.refused(world.bundle("base-later.bundle", [keep, later]), "no earlier change")


def test_an_assessment_entry_without_the_basis_it_needs_is_refused(world: World) -> None:
    """A falsification finding (第十二条) created with no proof, an exclusion whose reason
    is blanked, a department's adjustment with none: refused as `enter_score` refuses
    them. With its basis the same finding imports."""
    finding = entry_id("410823", 2026, 0, "falsification")
    values = {
        "county_code": "410823", "year": 2026, "month": 0, "item": "falsification",
        "entered_by": "一组", "entered_at": "2026-12-01 08:00:00.000000",
    }  # fmt: skip
    bare = world.op("field1", values, entity="assessment_entry", row=finding, bases={})
    err = world.refused(world.bundle("finding.bundle", [bare]), "needs one")
    assert finding[:8] in err
    with world.dbs["central"].write() as w:
        excluded = enter_score(
            w, county="410823", year=2026, month=3, item="exclusion", basis="试点区不参加考核"
        )
    blank = world.op("field1", {"basis": None}, entity="assessment_entry", row=excluded)
    world.refused(world.bundle("blank.bundle", [blank]), "needs one")
    adjustment = world.op(
        "central",
        {"city_code": "410800", "year": 2026, "department": "市水利局", "part": "adjustment",
         "score": -2.0, "cause": "other", "entered_by": "市局",
         "entered_at": "2026-12-01 08:00:00.000000"},
        entity="department_entry", row="d" * 36, bases={}, at="field1",
    )  # fmt: skip
    world.refused(
        world.bundle("dept.bundle", [adjustment], signer="central", at="field1"),
        "needs one",
        at="field1",
    )
    proven = world.op(
        "field1",
        {**values, "basis": "焦环查〔2026〕3号"},
        entity="assessment_entry",
        row=finding,
        bases={},
    )
    world.imports(world.bundle("proven.bundle", [proven]))


# -- the trust record -----------------------------------------------------------------------


def _stranger(world: World) -> Database:
    db = open_database(world.folder / "field3.db")
    init_replica(db, name="field3", role="field", region="410823")
    with db.write() as w:
        reg.create_outfall(w, {**OUTFALL, "code": "410823GY-F3", "lat": 35.3})
    return db


def _manifest_with(
    key: str, value: Any, *, source: bool = False
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    if source:
        return lambda doc: {**doc, "source": {**doc["source"], key: value}}
    return lambda doc: {**doc, key: value}


#: A manifest's values that one engine stores and the other refuses (an id of 36
#: characters, a time, a 64-bit integer, no NUL), or that no bundle of ours holds.
_ODD_MANIFESTS = {
    "time that is none": (_manifest_with("created_at", "not a time"), "created_at"),
    "month 13": (_manifest_with("created_at", "2026-13-45 99:99:99"), "created_at"),
    "time in another form": (_manifest_with("created_at", "2026-12-01T08:00:00+08:00"), "created_at"),
    "long bundle id": (_manifest_with("bundle_id", "b" * 64), "bundle_id"),
    "NUL in a name": (_manifest_with("name", "名\x00", source=True), "NUL"),
    "NUL in the version": (_manifest_with("app_version", "1\x00"), "NUL"),
    "photo that is no checksum": (_manifest_with("lacking_photos", ["x" * 1000]), "lacking_photos"),
    "count past 64 bits": (_manifest_with("resulting", {"x": 2**63}), "resulting"),
    "long target": (_manifest_with("target", "t" * 500), "target"),
    "NUL a thousand lists deep": (
        _manifest_with("extra", orjson.Fragment(b"[" * 1000 + b'"\\u0000"' + b"]" * 1000)),
        "NUL",
    ),
}  # fmt: skip


@pytest.mark.parametrize("central_on", ["sqlite", "postgresql"])
@pytest.mark.parametrize("case", list(_ODD_MANIFESTS))
def test_a_manifest_value_either_engine_cannot_store_is_refused_on_both(
    world: World, request: pytest.FixtureRequest, central_on: str, case: str
) -> None:
    """Signed by a trusted replica and still refused, naming the value, before anything
    is stored: SQLite stored these as text, and PostgreSQL stopped the import with an
    'Unexpected error'."""
    change, field = _ODD_MANIFESTS[case]
    path = world.bundle("odd.bundle", [world.op("field1", {"notes": "复核"})], manifest=change)
    because = ("invalid manifest", f"({field})")
    if central_on == "sqlite":
        world.refused(path, *because)
    else:
        world.refused_on_postgresql(path, request.getfixturevalue("pg_url"), *because)


def test_a_manifest_cannot_pin_another_replicas_key(world: World) -> None:
    """field1's bundle names field3 (unknown to the centre) with a key of field1's
    choosing, as a manifest entry and as a registration it signed itself: neither is
    believed, and field3's own bundle is then met as a first contact, not as an impostor."""
    stranger = _stranger(world)
    fake = "ab" * 32
    key = load_private_key(world.dbs["field1"].path)
    registration = issue_registration(
        key, issuer=world.rid("field1"), issued=1, replica_id=stranger.replica_id,
        name="field3", role="central", region="410800", public_key=fake,
    )  # fmt: skip

    def pin(doc: dict[str, Any]) -> dict[str, Any]:
        doc["replicas"] = [
            {"id": stranger.replica_id, "name": "field3", "role": "central", "public_key": fake}
        ]
        doc["registrations"] = [registration]
        return doc

    before = world.snapshot("central")
    world.imports(world.bundle("pin.bundle", [], manifest=pin))
    with world.dbs["central"].read() as conn:
        assert conn.execute(
            "SELECT COUNT(*) FROM replica WHERE id=?", (stranger.replica_id,)
        ).fetchone() == (0,)
    assert before[1] == world.snapshot("central")[1]
    own = world.folder / "field3.bundle"
    export_bundle(stranger, own, everything=True)
    world.imports(own, extra=("--trust",))


def test_a_sender_cannot_rename_itself_the_centre(world: World) -> None:
    def renamed(doc: dict[str, Any]) -> dict[str, Any]:
        doc["source"] = {
            **doc["source"],
            "name": "焦作市生态环境局",
            "role": "central",
            "region": "410800",
        }
        return doc

    path = world.bundle("rename.bundle", [], manifest=renamed)
    world.refused(path, "calls itself 焦作市生态环境局", at="field2")
    world.refused(path, "recorded here as a Field laptop", at="central")
    # Not a central record to anyone: its registrations are not believed either.
    with world.dbs["field2"].read() as conn:
        assert conn.execute(
            "SELECT role FROM replica WHERE id=?", (world.rid("field1"),)
        ).fetchone() == ("field",)


@pytest.mark.parametrize(
    ("through", "reason", "revoked_at"),
    [
        (0, "遗失", "not a time"),
        (0, "遗失", "2026-12-05T00:00:00+08:00"),
        (2**63, "遗失", "2026-12-05 00:00:00.000000"),
        (0, "遗\x00失", "2026-12-05 00:00:00.000000"),
    ],
    ids=["time that is none", "time in another form", "cut past 64 bits", "NUL in reason"],
)
def test_a_centre_signed_revocation_no_table_can_hold_is_refused(
    world: World, through: int, reason: str, revoked_at: str
) -> None:
    """Signed by the real central record and still refused: the revocation table keeps
    the time as a time and the cut as a 64-bit integer (PostgreSQL refused them in the
    middle of an import, SQLite kept a time that was none)."""
    document = issue_revocation(
        load_private_key(world.dbs["central"].path), issuer=world.rid("central"),
        replica_id=world.rid("county"), through=through, reason=reason, revoked_at=revoked_at,
    )  # fmt: skip
    path = world.bundle(
        "revoking.bundle",
        [],
        signer="central",
        at="field2",
        manifest=lambda doc: {**doc, "revocations": [document]},
    )
    world.refused(path, "invalid manifest (revocations)", at="field2")


def test_a_revocation_not_signed_by_the_centre_is_not_believed(world: World) -> None:
    """field1 tells field2 that the county is revoked: signed in field1's own name it is
    not believed (only the central record a person accepted may revoke for others);
    signed by field1 but claiming to be the centre's, the bundle is refused."""
    key = load_private_key(world.dbs["field1"].path)

    def revoking(issuer: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
        document = issue_revocation(
            key, issuer=issuer, replica_id=world.rid("county"), through=0,
            reason="forged", revoked_at="2026-12-05 00:00:00.000000",
        )  # fmt: skip

        def add(doc: dict[str, Any]) -> dict[str, Any]:
            doc["revocations"] = [document]
            return doc

        return add

    world.imports(world.bundle("own-name.bundle", [], at="field2", manifest=revoking(
        world.rid("field1"))), at="field2")  # fmt: skip
    with world.dbs["field2"].read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM revocation").fetchone() == (0,)
    path = world.bundle(
        "as-centre.bundle", [], at="field2", manifest=revoking(world.rid("central"))
    )
    world.refused(path, "revocation whose central record's signature does not verify", at="field2")


# -- photos ---------------------------------------------------------------------------------


def test_a_refused_bundle_leaves_no_photo_behind(world: World, sample_photos: list[Path]) -> None:
    photo = sample_photos[1]
    sha = photostore.hash_file(photo)
    good = world.op(
        "field1",
        {"original_name": photo.name, "format": "jpeg", "size_bytes": photo.stat().st_size,
         "outfall_id": world.ids["A"]},
        entity="photo", row=sha, bases={},
    )  # fmt: skip
    bad = world.op("field1", {"lat": 1000.0}, seq=good[2] + 1)
    world.refused(world.bundle("photo.bundle", [good, bad], photos=[photo]), "at most 90")
    # A reference error only found at commit: the staged photo goes too.
    ghost = world.op(
        "field1",
        {"original_name": photo.name, "format": "jpeg", "size_bytes": 1,
         "inspection_id": "01a20a00-dead-7000-8000-000000000000"},
        entity="photo", row=sha, bases={},
    )  # fmt: skip
    world.refused(world.bundle("photo2.bundle", [ghost], photos=[photo]), "exists nowhere")


def test_each_refusal_reads_alike_when_the_bundle_is_admitted_in_another_process(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large bundle is admitted in another process (`services.sync.admission`): what
    it refuses there (a forged origin, the importer's own name, a stolen id or tag, a
    clock, an impossible or unstorable value, a malformed change) reaches the person as
    the very sentence a thread's admission gives, with nothing changed."""
    from inspector.services.sync import admission

    stolen = op_uuid(origin_tag(world.rid("field2")))
    nul_actor = world.op("field1", {"notes": "复核"})
    nul_actor[8] = "攻击者\x00"
    old_kind = "01a20a00-0000-7000-8000-000000000003"
    twice = world.op("field1", {"notes": "一"}, op_id=old_kind)
    bundles = {
        "forged": world.bundle("p1.bundle", [world.op("field2", {"notes": "伪"})], checkpoints=[]),
        "forged, signed": world.bundle("p2.bundle", [world.op("field2", {"notes": "伪"})]),
        "own name": world.bundle(
            "p3.bundle", [world.op("central", {"notes": "冒"})], checkpoints=[]
        ),
        "stolen tag": world.bundle("p4.bundle", [world.op("field1", {"notes": "x"}, op_id=stolen)]),
        "clock": world.bundle("p5.bundle", [world.op("field1", {"notes": "未来"}, hlc=MAX_HLC)]),
        "value": world.bundle("p6.bundle", [world.op("field1", {"lat": 1000.0})]),
        "unstorable": world.bundle("p7.bundle", [nul_actor]),
        "unknown field": world.bundle("p8.bundle", [world.op("field1", {"colour": "red"})]),
        "id twice": world.bundle(
            "p9.bundle",
            [twice, world.op("field1", {"notes": "二"}, op_id=old_kind, seq=twice[2] + 1)],
        ),
    }
    in_thread = {name: world.refused(path) for name, path in bundles.items()}
    monkeypatch.setattr(admission, "PROCESS_OPERATIONS", 1)
    in_process = {name: world.refused(path) for name, path in bundles.items()}
    assert in_process == in_thread


def test_operations_and_photos_that_are_good_still_import(
    world: World, sample_photos: list[Path]
) -> None:
    """The forger's helpers make bundles the importer accepts when nothing is wrong."""
    photo = sample_photos[2]
    sha = photostore.hash_file(photo)
    op = world.op(
        "field1",
        {"original_name": photo.name, "format": "jpeg", "size_bytes": photo.stat().st_size,
         "outfall_id": world.ids["A"]},
        entity="photo", row=sha, bases={},
    )  # fmt: skip
    notes = world.op("field1", {"notes": "复核正常"}, seq=op[2] + 1)
    world.imports(world.bundle("ok.bundle", [op, notes], photos=[photo]))
    assert photostore.verify(world.dbs["central"].path, sha)
    with world.dbs["central"].read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM photo WHERE id=?", (sha,)).fetchone() == (1,)


def own_vector_of(db: Database) -> dict[str, int]:
    with db.read() as conn:
        return own_vector(conn)
