"""Replicas for sync tests: three initialised databases made once, copied per test."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from inspector import locations
from inspector.data.db import Database, open_database

if TYPE_CHECKING:
    from tests.pg import Server

#: name -> (role, region) of the replicas every sync test can have.
REPLICAS = {
    "field1": ("field", "410823"),
    "field2": ("field", "410823"),
    "central": ("central", "410800"),
    "county": ("county", "410823"),
    "rogue": ("field", "410823"),
}

OUTFALL = {
    "name": "武陟县大封镇沁河右岸1#城镇雨洪排口",
    "county_code": "410823",
    "lat": 35.05,
    "lon": 113.35,
    "river": "沁河",
    "category": "城镇雨洪排口",
}


@pytest.fixture(scope="session")
def replica_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from inspector.services.replica import init_replica

    folder = tmp_path_factory.mktemp("replicas")
    out = {}
    for name, (role, region) in REPLICAS.items():
        path = folder / f"{name}.db"
        db = open_database(path)
        init_replica(db, name=name, role=role, region=region, user=f"{name}-user")
        with db.read() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        out[name] = path
    return out


@pytest.fixture(scope="session")
def pg_central_template(
    pg_server: Server,
    replica_templates: dict[str, Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[str, bytes]:
    """The central replica moved onto PostgreSQL once (`db copy`), to copy per example:
    the template database's name and the replica's key."""
    from inspector.services.copy_replica import copy_replica as move

    template = pg_server.create_database()
    # Before any test's own data folder exists: the copy's key goes to one of its own.
    with pytest.MonkeyPatch.context() as env:
        env.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("pg-central")))
        move(str(replica_templates["central"]), template.url)
        key = locations.key_file(locations.url_home(template.url)).read_bytes()
    return template.name, key


@contextlib.contextmanager
def pg_central(pg_server: Server, template: tuple[str, bytes]) -> Iterator[Database]:
    """A fresh copy of `pg_central_template` (its key beside it), dropped afterwards."""
    name, key = template
    copy = pg_server.create_database(template=name)
    key_file = locations.key_file(locations.url_home(copy.url))
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key_file.write_bytes(key)
    key_file.chmod(0o600)
    central = open_database(copy.url)
    try:
        yield central
    finally:
        central.dispose()
        pg_server.drop_database(copy)


@pytest.fixture(scope="session")
def sample_photos(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Six phone photos with real EXIF, made here (never the shared samples), so the sync
    suites run wherever the tests run."""
    import datetime as dt
    import random

    from inspector.services.photos import synthetic

    folder = tmp_path_factory.mktemp("sync-photos")
    rng = random.Random(20261205)
    start = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    out = []
    for i in range(6):
        tags = synthetic.Tags(
            taken=start + dt.timedelta(minutes=7 * i),
            lat=35.05 + i / 10_000,
            lon=113.35 + i / 10_000,
            accuracy_m=5.0,
        )
        image = synthetic.river_scene(rng, (320, 240), distance=bool(i % 2))
        out.append(synthetic.write_photo(folder / f"IMG_{20261120 + i}.jpg", image, tags))
    return out


def copy_replica(template: Path, target: Path) -> Database:
    shutil.copy(template, target)
    shutil.copy(locations.key_file(template), locations.key_file(target))
    return open_database(target)


@pytest.fixture
def make_replicas(
    replica_templates: dict[str, Path], tmp_path: Path
) -> Callable[..., dict[str, Database]]:
    """`make_replicas()` -> {"field1": db, "field2": db, "central": db}, fresh copies."""
    counter = [0]

    def make(*names: str) -> dict[str, Database]:
        counter[0] += 1
        folder = tmp_path / f"set{counter[0]}"
        folder.mkdir()
        chosen = names or ("field1", "field2", "central")
        return {n: copy_replica(replica_templates[n], folder / f"{n}.db") for n in chosen}

    return make


def synced_state(db: Database) -> dict[str, Any]:
    """Every synced row, the op log and the search index: what must converge."""
    from inspector.models import SYNCED

    out: dict[str, Any] = {}
    with db.read() as conn:
        for entity in SYNCED:
            out[entity] = conn.execute(f"SELECT * FROM {entity} ORDER BY id").fetchall()
        out["op"] = conn.execute(
            "SELECT op_id, origin, seq, hlc, entity, row_id, fields, bases, actor, reason "
            "FROM op ORDER BY op_id"
        ).fetchall()
        out["search"] = conn.execute(
            "SELECT outfall_id, body FROM outfall_search_doc ORDER BY outfall_id"
        ).fetchall()
    return out


def full_state(db: Database) -> dict[str, Any]:
    """Everything an import may change, local bookkeeping included."""
    out = synced_state(db)
    with db.read() as conn:
        for table in (
            "conflict", "duplicate_candidate", "bundle_record", "peer_vector", "replica", "meta",
        ):  # fmt: skip
            out[table] = conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        out["op_bundle"] = conn.execute("SELECT op_id, bundle_id FROM op ORDER BY op_id").fetchall()
    return out


def files_of(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def searched(default: int, long: int) -> Any:
    """A sync property test, parametrised by how many histories it searches: `default`
    in the default run (kept short: it must stay under ten minutes) and `long` in CI's
    long pass, which searches further. The test calls `search` with its `examples`."""
    return pytest.mark.parametrize(
        "examples", [default, pytest.param(long, marks=pytest.mark.long)]
    )


def search(examples: int, plans: Any, check: Callable[[Any], None]) -> None:
    """`check(plan)` for `examples` plans drawn from the strategy `plans`, each as slow as
    it takes (a history is several databases exchanging bundles)."""
    from hypothesis import HealthCheck, given, settings

    settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )(given(plan=plans)(check))()
