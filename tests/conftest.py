"""Fixtures shared by every tier: real temporary databases, never mocks of one."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from inspector.i18n import set_language

if TYPE_CHECKING:
    from tests.pg import Database, Server

REPO = Path(__file__).resolve().parent.parent


def _find_samples() -> Path:
    """The shared real-camera sample photos: $INSPECTOR_SAMPLES, else ../shared/samples
    beside the checkout. Every behaviour they show is also covered by photos the tests
    make themselves (`camera_card`); the tests on the real files run when they are here."""
    candidates = [os.environ.get("INSPECTOR_SAMPLES", ""), REPO.parent / "shared" / "samples"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "photos").is_dir():
            return Path(candidate)
    return REPO.parent / "shared" / "samples"


SAMPLES = _find_samples()
#: For tests on the real camera files, in addition to those on the card the tests make.
needs_samples = pytest.mark.skipif(
    not (SAMPLES / "photos").is_dir(), reason="the shared real-camera samples are not here"
)


@pytest.fixture(scope="session")
def camera_card(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Photos the tests make themselves, in the samples' folders and under their names
    (see `tests.camera_card`): the `photos` folder of a card."""
    from tests.camera_card import make_card

    return make_card(tmp_path_factory.mktemp("card"))


@pytest.fixture(autouse=True)
def _hermetic(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """No test touches the user's data directory or depends on their locale or name."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("INSPECTOR_LANG", "en")
    monkeypatch.setenv("INSPECTOR_USER", "tester")
    monkeypatch.delenv("INSPECTOR_DB", raising=False)
    set_language("en")
    yield
    set_language("en")


ENGINES = ("sqlite", "postgresql")
#: Marks a module or test whose `db` runs on each engine in turn (`pytestmark = both_engines`).
both_engines = pytest.mark.both_engines


#: Runs every test built on `db` on these engines instead (comma-separated), to see how
#: far PostgreSQL gets beyond the modules marked `both_engines` already.
ENGINES_ENV = "INSPECTOR_TEST_ENGINES"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`engine` is "sqlite" unless the test is marked `both_engines`: then it is each
    engine in turn, and every fixture built on it (`db`) follows."""
    if "engine" not in metafunc.fixturenames:
        return
    forced = os.environ.get(ENGINES_ENV, "")
    if forced:
        metafunc.parametrize("engine", forced.split(","), scope="function")
    elif metafunc.definition.get_closest_marker("both_engines"):
        metafunc.parametrize("engine", ENGINES, scope="function")


@pytest.fixture
def engine() -> str:
    return "sqlite"


@pytest.fixture
def db(engine: str, tmp_path: Path, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """A fresh, migrated database (its replica not yet named): a SQLite file, or under
    `both_engines` also a PostgreSQL database copied from a migrated template."""
    from inspector.data.db import open_database

    if engine == "sqlite":
        target = tmp_path / "test.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), target)
        yield open_database(target)
        return
    database = open_database(request.getfixturevalue("pg_url"))
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file at the schema's head, closed, to copy per test: a copy takes 3 ms,
    an upgrade from nothing 110 ms, and some hundred tests take a fresh database. It
    holds no replica (each copy is named by the test, as a new file is)."""
    from inspector.data.db import open_database

    path = tmp_path_factory.mktemp("template") / "template.db"
    open_database(path).dispose()
    assert not Path(f"{path}-wal").exists(), "the template must be whole in one file"
    return path


@pytest.fixture(scope="session")
def pg_template(pg_server: Server) -> str:
    """A database on the throwaway server at the schema's head, to copy per test
    (a copy takes ~0.05 s, an upgrade from nothing ~1 s). It holds no replica: each copy
    is made one when opened, with an id of its own."""
    from inspector.data import migrate

    template = pg_server.create_database()
    migrate.upgrade(template.url)
    return template.name


@pytest.fixture
def pg_url(pg_server: Server, pg_template: str) -> Iterator[str]:
    """The URL of a fresh copy of the migrated template, dropped after the test."""
    database = pg_server.create_database(template=pg_template)
    try:
        yield database.url
    finally:
        pg_server.drop_database(database)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo, built once per test session (about ten seconds)."""
    import datetime as dt

    from inspector.services.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    set_language("en")
    build_demo(path, today=dt.date(2026, 11, 23)).dispose()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A private copy of the demo database, free to change."""
    from inspector import locations
    from inspector.data.db import open_database

    target = tmp_path / "demo.db"
    shutil.copy(demo_template, target)
    shutil.copy(locations.key_file(demo_template), locations.key_file(target))
    # Photos and their thumbnails are part of the replica too.
    for folder in (locations.photo_store, locations.thumb_cache):
        if folder(demo_template).is_dir():
            shutil.copytree(folder(demo_template), folder(target))
    return open_database(target)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    """A throwaway PostgreSQL server for the session (see `tests.pg`), stopped at the
    end whatever happened. Skips, saying why, when PostgreSQL cannot be had here;
    fails instead under INSPECTOR_REQUIRE_PG=1 (CI)."""
    from tests import pg

    try:
        server = pg.start_server()
    except pg.Unavailable as exc:
        if pg.required():
            pytest.fail(f"PostgreSQL is required ({pg.REQUIRE_ENV}=1): {exc}", pytrace=False)
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_database(pg_server: Server) -> Iterator[Database]:
    """A fresh, empty database on the throwaway server, dropped after the test."""
    database = pg_server.create_database()
    try:
        yield database
    finally:
        pg_server.drop_database(database)


LEDGER_HEADER = [
    "排污口编码", "排污口名称", "县(市、区)", "乡镇", "经度", "纬度", "坐标系", "受纳水体",
    "排污口类型", "入河方式", "排放方式", "责任主体", "统一社会信用代码", "状态", "整治类型",
    "整治时限", "备注",
]  # fmt: skip

#: A published, valid unified social credit code (Huawei Technologies Co., Ltd.).
VALID_CREDIT_CODE = "914403001922038216"


def ledger_row(n: int = 1, **overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "排污口编码": f"410823GY{n:04d}",
        "排污口名称": f"武陟县大封镇老催庄村沁河右岸{n}#工业企业排污口",
        "县(市、区)": "武陟县",
        "乡镇": "大封镇",
        "经度": "113.3",
        "纬度": "35.0",
        "坐标系": "WGS-84",
        "受纳水体": "沁河",
        "排污口类型": "工业企业排污口",
        "入河方式": "管道",
        "排放方式": "间歇排放",
        "责任主体": "武陟县宏达化工有限公司",
        "统一社会信用代码": VALID_CREDIT_CODE,
        "状态": "已溯源",
        "整治类型": "",
        "整治时限": "",
        "备注": "",
    }
    row.update(overrides)
    return row


def write_ledger(
    path: Path,
    rows: Sequence[dict[str, Any]],
    *,
    header: Sequence[str] | None = None,
    encoding: str = "utf-8-sig",
) -> Path:
    header = list(header or LEDGER_HEADER)
    with path.open("w", encoding=encoding, newline="") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        for row in rows:
            out.writerow([row.get(h, "") for h in header])
    return path


def db_target(db: Any) -> str:
    """What `--db` takes for this database: its URL on PostgreSQL, else its file."""
    return str(db.url or db.path)


def run_inspector(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """The real console entry point in a subprocess: exit status and streams as a user sees them."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "inspector", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )


def read_only_command(folder: Path, command: list[str]) -> list[str] | None:
    """`command`, run so that `folder` is really read-only for it, or None if this
    machine offers no way to do that.

    An ordinary user only needs file permissions (set by the caller). Root ignores those,
    so for root the folder is bind-mounted read-only in a private mount namespace; failing
    that, the command runs as `nobody`.
    """
    if os.name != "posix" or os.geteuid() != 0:
        return command
    if shutil.which("unshare"):
        wrapped = [
            "unshare", "-m", "sh", "-c",
            'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" && exec "$@"',
            str(folder), *command,
        ]  # fmt: skip
        probe = subprocess.run(
            [*wrapped[: -len(command)], "true"], capture_output=True, check=False
        )
        if probe.returncode == 0:
            return wrapped
    if shutil.which("setpriv"):
        as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        probe = subprocess.run(
            [*as_nobody[: -len(command)], sys.executable, "-c", "import inspector"],
            capture_output=True,
            check=False,
        )
        if probe.returncode == 0:
            return as_nobody
    return None
