"""The throwaway PostgreSQL server the tests start themselves (tests/pg.py): a fresh
database per test, a server that runs as an unprivileged user, leaves nothing running,
and skips, or under INSPECTOR_REQUIRE_PG=1 fails, where PostgreSQL cannot be had."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests import pg

REPO = Path(__file__).resolve().parent.parent


def _tables(database: pg.Database) -> list[str]:
    import psycopg

    with psycopg.connect(database.conninfo) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return [r[0] for r in rows]


def _databases(server: pg.Server) -> set[str]:
    import psycopg

    with psycopg.connect(pg.Database("postgres", server.folder, server.port).conninfo) as conn:
        return {r[0] for r in conn.execute("SELECT datname FROM pg_database")}


def test_each_database_is_fresh_and_dropped_after(pg_server: pg.Server) -> None:
    import psycopg

    first = pg_server.create_database()
    with psycopg.connect(first.conninfo) as conn:
        conn.execute("CREATE TABLE left_behind (x int)")
        # A connection the test forgot to close does not keep the database alive.
        forgotten = psycopg.connect(first.conninfo)
    second = pg_server.create_database()
    assert _tables(first) == ["left_behind"]
    assert _tables(second) == []
    pg_server.drop_database(first)
    pg_server.drop_database(second)
    assert not {first.name, second.name} & _databases(pg_server)
    forgotten.close()


def test_the_fixture_database_is_dropped_when_the_test_ends(
    pg_server: pg.Server, pg_database: pg.Database
) -> None:
    assert pg_database.name in _databases(pg_server)
    assert _tables(pg_database) == []


def test_the_server_runs_as_an_unprivileged_user_over_a_socket_and_a_port(
    pg_server: pg.Server,
) -> None:
    import psycopg

    assert pg_server._process is not None
    status = Path(f"/proc/{pg_server._process.pid}/status").read_text()
    uid = int(next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1])
    if os.geteuid() == 0:
        assert uid != 0
    admin = pg.Database("postgres", pg_server.folder, pg_server.port)
    with psycopg.connect(admin.conninfo) as conn:
        assert Path(conn.execute("SHOW data_directory").fetchone()[0]) == pg_server.data  # type: ignore[index]
        assert int(conn.execute("SHOW server_version_num").fetchone()[0]) >= 150000  # type: ignore[index]
    with psycopg.connect(host="127.0.0.1", port=pg_server.port, user=pg.SUPERUSER) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


def _processes_naming(text: str) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if text in cmdline:
                found.append(cmdline)
    return found


def test_a_stopped_server_leaves_no_process_and_no_folder(pg_server: pg.Server) -> None:
    # pg_server: only so that this test skips, or fails, as the others do.
    server = pg.start_server()
    assert server._process is not None
    pid = server._process.pid
    assert _processes_naming(str(server.folder))
    server.stop()
    assert not Path(f"/proc/{pid}").exists()  # waited for, not left to init as a zombie
    assert _processes_naming(str(server.folder)) == []
    assert not server.folder.exists()


def _run_fixture_test(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A test that asks for the server, run by a pytest of its own, with `env`."""
    full = {k: v for k, v in os.environ.items() if k not in (pg.BIN_ENV, pg.REQUIRE_ENV)}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:xdist",
            "-q",
            "-rs",
            f"{Path(__file__).relative_to(REPO)}::test_the_fixture_database_is_dropped_when_the_test_ends",
        ],
        cwd=REPO,
        env={**full, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_without_the_binaries_the_tests_skip_saying_why(tmp_path: Path) -> None:
    done = _run_fixture_test(tmp_path, **{pg.BIN_ENV: str(tmp_path)})
    assert done.returncode == 0, done.stdout
    assert "1 skipped" in done.stdout
    assert (
        f"PostgreSQL tests skipped: no PostgreSQL 15+ server binaries (initdb, postgres) "
        f"in {pg.BIN_ENV}={tmp_path}"
    ) in done.stdout


def test_without_the_binaries_ci_fails(tmp_path: Path) -> None:
    done = _run_fixture_test(tmp_path, **{pg.BIN_ENV: str(tmp_path), pg.REQUIRE_ENV: "1"})
    assert done.returncode == 1, done.stdout
    assert f"PostgreSQL is required ({pg.REQUIRE_ENV}=1): no PostgreSQL 15+" in done.stdout
    assert "skipped" not in done.stdout
