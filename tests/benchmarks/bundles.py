"""The bundles the sync benchmarks import: a field laptop's season of operations, signed
as the laptop would export it (shared by the SQLite and PostgreSQL benchmarks)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from inspector.data import migrate
from inspector.data.db import Database, open_database
from inspector.data.sync import chain
from inspector.domain.hlc import pack, wall_ms
from inspector.domain.ids import op_uuid, origin_tag, uuid7
from inspector.services.replica import identity, init_replica, load_private_key
from inspector.services.sync.archive import FORMAT, VERSION, write_bundle
from inspector.services.sync.signing import sign_checkpoint

OUTFALLS = 100_000

#: The operation log's columns, in the order of `synthetic_operations`' rows plus the
#: bundle the row came in (None here).
OP_COLUMNS = (
    "op_id", "origin", "seq", "hlc", "entity", "row_id", "fields", "bases", "actor",
    "reason", "bundle_id",
)  # fmt: skip


def remove_database(path: Path) -> None:
    for extra in ("", "-wal", "-shm", ".key"):
        Path(f"{path}{extra}").unlink(missing_ok=True)


def replica(path: Path | str, name: str, role: str) -> Database:
    db = open_database(path)
    init_replica(db, name=name, role=role, region="410823" if role == "field" else "410800")
    return db


def synthetic_operations(origin: str, count: int, outfalls: int) -> Iterator[tuple[Any, ...]]:
    """A field laptop's season: `outfalls` registered, the rest edits of them (state,
    notes, sizes), each edit based on the field's current operation, in HLC order."""
    rng = random.Random(5)
    # A season that ended an hour ago (stamps from the future are refused).
    hlc = pack(wall_ms() - 3_600_000 - count * 2)
    tag = origin_tag(origin)
    winners: dict[tuple[int, str], str] = {}
    created = 0
    states = ("confirmed", "traced", "in_remediation", "remediated")
    for seq in range(1, count + 1):
        hlc += rng.randint(1, 4)
        op_id = op_uuid(tag)
        make = created < outfalls and (created == 0 or rng.random() < outfalls / count * 1.6)
        if make:
            n = created
            created += 1
            fields: dict[str, Any] = {
                "deleted": False,
                "code": f"410823GY-BENC-{n:06d}",
                "name": f"武陟县大封镇沁河右岸{n}#排污口",
                "county_code": "410823",
                "township": "大封镇",
                "lat": round(34.8 + rng.random() * 0.5, 6),
                "lon": round(112.6 + rng.random() * 1.0, 6),
                "datum": "wgs84",
                "position_source": "typed",
                "river": "沁河",
                "category": "industrial.enterprise.factory",
                "state": "suspected",
                "investigation_level": 2,
            }
            row = n
            bases: dict[str, str] = {}
        else:
            row = rng.randrange(created)
            name = rng.choice(("state", "notes", "mouth_size"))
            value = {
                "state": rng.choice(states),
                "notes": f"第{seq}次复核",
                "mouth_size": rng.choice(("DN300", "DN600", "DN800")),
            }[name]
            fields = {name: value}
            base = winners.get((row, name))
            bases = {name: base} if base else {}
        for name in fields:
            winners[(row, name)] = op_id
        yield (
            op_id,
            origin,
            seq,
            hlc,
            "outfall",
            f"00000000-0000-7000-8000-{row:012d}",
            orjson.dumps(fields).decode(),
            orjson.dumps(bases).decode(),
            "巡查员",
            None,
        )


def make_bundle(source: Database, path: Path, count: int) -> None:
    """The bundle `source` would export of a season of `count` operations it made: its
    chain over them signed once, as a checkpoint."""
    me = identity(source)
    key = load_private_key(source.path)
    checkpoints: list[dict[str, Any]] = []

    def chained() -> Iterator[tuple[Any, ...]]:
        link = chain.Link.start(me.id)
        for row in synthetic_operations(me.id, count, OUTFALLS):
            link.add(row[2], chain.canonical_stored(row, reparse=False))
            yield row
        checkpoints.append(sign_checkpoint(key, link).as_json())

    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "bundle_id": uuid7(),
        "created_at": "2026-11-23 00:00:00.000000",
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
        # Filled in once the operations have streamed (write_bundle copies the manifest
        # after that, and this list with it).
        "checkpoints": checkpoints,
        "lacking_photos": [],
        "app_version": "bench",
        "schema": migrate.HEAD,
        "prerequisites": {},
        "resulting": {me.id: count},
        "counts": {"operations": count, "photos": 0, "photo_bytes": 0},
    }
    write_bundle(
        path,
        manifest=manifest,
        operations=chained(),
        operation_count=count,
        photos=[],
        private_key=key,
    )
