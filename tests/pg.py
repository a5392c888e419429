"""A throwaway PostgreSQL server for the tests, started from the installed binaries.

The server lives in a temporary folder: its data, its log and its Unix socket. It
listens on a free loopback port too, for tests that need a URL with a host and port.
PostgreSQL refuses to run as root, and CI runs as root: then the folder belongs to an
unprivileged user (`nobody`) and `initdb` and `postgres` run as that user.

Without the binaries (or the driver) the PostgreSQL tests skip with one line saying why,
unless `INSPECTOR_REQUIRE_PG=1` (set by `.ci/run`): then they fail, so that CI can never
pass with the PostgreSQL half silently skipped.
"""

from __future__ import annotations

import atexit
import itertools
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: The oldest server the program supports (issue 14).
MIN_MAJOR = 15
REQUIRE_ENV = "INSPECTOR_REQUIRE_PG"
BIN_ENV = "INSPECTOR_PG_BIN"
#: Where Debian and Ubuntu put each major version's server binaries.
DEBIAN_BINS = Path("/usr/lib/postgresql")
#: The user the server runs as when the tests run as root.
UNPRIVILEGED_USER = "nobody"
SUPERUSER = "postgres"
#: How long a server may take to start or stop before the run gives up on it.
STARTUP_SECONDS = 60


class Unavailable(Exception):
    """PostgreSQL cannot be had here; the message says why, in one line."""


def required() -> bool:
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


def find_bindir() -> Path:
    """The server binaries of PostgreSQL 15 or newer: those in `$INSPECTOR_PG_BIN` if it
    is set (and no others), else the newest of Debian's /usr/lib/postgresql/N/bin, else
    those beside `initdb` on PATH."""
    candidates: list[Path] = []
    where = f"{DEBIAN_BINS}/*/bin or on PATH (Debian package `postgresql`)"
    if os.environ.get(BIN_ENV):
        candidates.append(Path(os.environ[BIN_ENV]))
        where = f"{BIN_ENV}={os.environ[BIN_ENV]}"
    else:
        if DEBIAN_BINS.is_dir():
            versions = [p for p in DEBIAN_BINS.iterdir() if p.name.isdigit()]
            candidates += [p / "bin" for p in sorted(versions, key=lambda p: -int(p.name))]
        on_path = shutil.which("initdb")
        if on_path:
            candidates.append(Path(on_path).parent)
    for bindir in candidates:
        if all((bindir / name).is_file() for name in ("initdb", "postgres")):
            major = _major(bindir)
            if major is not None and major >= MIN_MAJOR:
                return bindir
    raise Unavailable(f"no PostgreSQL {MIN_MAJOR}+ server binaries (initdb, postgres) in {where}")


def _major(bindir: Path) -> int | None:
    out = subprocess.run(
        [str(bindir / "postgres"), "--version"], capture_output=True, text=True, check=False
    ).stdout
    found = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(found.group(1)) if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Database:
    """One database on the throwaway server."""

    name: str
    socket_dir: Path
    port: int

    @property
    def conninfo(self) -> str:
        """For psycopg.connect."""
        return f"host={self.socket_dir} port={self.port} user={SUPERUSER} dbname={self.name}"

    @property
    def url(self) -> str:
        """For SQLAlchemy's create_engine (psycopg 3 driver, over the Unix socket)."""
        return (
            f"postgresql+psycopg://{SUPERUSER}@/{self.name}?host={self.socket_dir}&port={self.port}"
        )


@dataclass
class Server:
    """A running server; `stop()` ends it and removes its folder.

    The postmaster is started by this process itself (not by `pg_ctl start`, whose
    postmaster is orphaned and left for init to reap): it is this process's child, waited
    for when stopped, and told by the kernel to shut down (SIGINT, a fast shutdown) if
    this process dies without stopping it, so no run leaves a server behind.
    """

    bindir: Path
    folder: Path
    port: int
    as_user: Sequence[str]
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _process: subprocess.Popen[bytes] | None = None

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    def _log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""

    def start(self) -> None:
        initdb = subprocess.run(
            [
                *self.as_user,
                str(self.bindir / "initdb"),
                f"--pgdata={self.data}",
                f"--username={SUPERUSER}",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            capture_output=True,
            text=True,
            check=False,
            cwd=self.folder,
        )
        if initdb.returncode != 0:
            raise RuntimeError(f"initdb failed ({initdb.returncode}): {initdb.stderr.strip()}")
        command = [
            *self.as_user,
            str(self.bindir / "postgres"),
            "-D",
            str(self.data),
            "-c",
            f"port={self.port}",
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            f"unix_socket_directories={self.folder}",
            # Durability is worthless for a server deleted after the run: the tests then
            # wait on no disk flushes.
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
            "-c",
            "max_connections=60",
        ]
        with self.log.open("wb") as log:
            self._process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, cwd=self.folder
            )
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        import psycopg

        assert self._process is not None
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"postgres exited ({self._process.returncode}) while starting:\n"
                    f"{self._log_tail()}"
                )
            try:
                psycopg.connect(self._admin().conninfo, connect_timeout=5).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"postgres did not accept connections within {STARTUP_SECONDS} s:\n"
                        f"{self._log_tail()}"
                    ) from None
                time.sleep(0.05)

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGINT)  # fast shutdown: disconnects every client
            try:
                process.wait(timeout=STARTUP_SECONDS)
            except subprocess.TimeoutExpired:
                # Its workers notice the postmaster is gone and exit by themselves.
                process.kill()
                process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _admin(self) -> Database:
        return Database("postgres", self.folder, self.port)

    def create_database(self, *, template: str | None = None) -> Database:
        """A new database, empty (from template0) or a copy of `template`."""
        import psycopg

        name = f"t{os.getpid()}_{next(self._names)}"
        source = template or "template0"
        with psycopg.connect(self._admin().conninfo, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        return Database(name, self.folder, self.port)

    def drop_database(self, db: Database) -> None:
        import psycopg

        with psycopg.connect(self._admin().conninfo, autocommit=True) as admin:
            # FORCE: a connection a failed test left open must not keep the database.
            admin.execute(f'DROP DATABASE IF EXISTS "{db.name}" WITH (FORCE)')


def _launcher(folder: Path) -> list[str]:
    """The command prefix that starts the server's programs: as a user PostgreSQL accepts
    (when running as root, `nobody`, who is then given `folder`), and, for the server,
    with a signal to shut down fast should this process die first."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0:
        return [setpriv, "--pdeathsig=INT"] if setpriv else []
    try:
        user = pwd.getpwnam(UNPRIVILEGED_USER)
    except KeyError as exc:
        raise Unavailable(
            f"running as root and there is no user {UNPRIVILEGED_USER!r} to run PostgreSQL as"
        ) from exc
    if setpriv is None:
        raise Unavailable("running as root and `setpriv` (util-linux) is not installed")
    os.chown(folder, user.pw_uid, user.pw_gid)
    return [
        setpriv,
        f"--reuid={user.pw_uid}",
        f"--regid={user.pw_gid}",
        "--clear-groups",
        "--reset-env",
        "--pdeathsig=INT",
    ]


def start_server() -> Server:
    """Start a throwaway server, or raise Unavailable saying why it cannot be had."""
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise Unavailable("the PostgreSQL driver psycopg is not installed") from exc
    bindir = find_bindir()
    # Not under pytest's own temporary folder: that one is private to the user running
    # the tests (0700), and the server may run as another user. mkdtemp makes it 0700.
    folder = Path(tempfile.mkdtemp(prefix="inspector-pg-"))
    try:
        server = Server(bindir, folder, _free_port(), _launcher(folder))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    # Also at interpreter exit: a session ended by an interrupt still stops its server.
    atexit.register(server.stop)
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    return server
