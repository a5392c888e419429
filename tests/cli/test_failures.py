"""Every failure one true sentence: help texts, damaged databases, interrupted commands,
full disks, a failed `init` (issue 11, item 4)."""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from inspector.i18n import set_language
from tests.cli.test_cli import one_clear_line
from tests.conftest import ledger_row, run_inspector, write_ledger


def _parsers(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_commands_help_prints(lang: str) -> None:
    """A "%" in a help text ("10% or 1/10") made `plan draw --help` a traceback."""
    from inspector.cli import build_parser

    set_language(lang)
    seen = []
    for path, parser in _parsers(build_parser()):
        text = parser.format_help()
        assert text.startswith(("usage:", "用法")), path
        seen.append(" ".join(path))
    assert "plan draw" in seen
    assert len(seen) > 40


def test_plan_draw_help_from_the_command_line() -> None:
    result = run_inspector("plan", "draw", "--help")
    assert result.returncode == 0, result.stderr
    assert "10%" in result.stdout
    assert "Traceback" not in result.stderr


# -- a full disk -----------------------------------------------------------------------------


def _full_disk_runner(folder: Path, size_kib: int) -> Callable[[list[str]], Any] | None:
    """A way to run a command whose writes into `folder` fail as on a full disk: a small
    tmpfs mounted there in a private mount namespace (root), else a file-size limit
    (RLIMIT_FSIZE, with SIGXFSZ ignored so that a write fails instead of killing)."""
    base = [sys.executable, "-m", "inspector"]
    if os.name == "posix" and os.geteuid() == 0 and shutil.which("unshare"):
        mount = f'mount -t tmpfs -o size={size_kib}k tmpfs "$0" && exec "$@"'
        probe = subprocess.run(
            ["unshare", "-m", "sh", "-c", mount, str(folder), "true"], capture_output=True
        )
        if probe.returncode == 0:
            return lambda args: subprocess.run(
                ["unshare", "-m", "sh", "-c", mount, str(folder), *base, *args],
                capture_output=True,
                text=True,
                check=False,
            )
    if os.name == "posix":
        import resource
        import signal

        def limit() -> None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (size_kib * 1024, size_kib * 1024))

        return lambda args: subprocess.run(
            [*base, *args], capture_output=True, text=True, check=False, preexec_fn=limit
        )
    return None


@pytest.mark.parametrize("command", [["ledger", "export"], ["report", "public-list"]])
def test_writing_a_workbook_on_a_full_disk_is_one_sentence(
    tmp_path: Path, command: list[str]
) -> None:
    """The disk filled while the workbook's archive was being closed: the message, then a
    traceback from the garbage collector closing it again."""
    db = tmp_path / "a.db"
    rows = [
        ledger_row(n, 状态="已核实", 备注="巡查记录：" + "水体清澈无异味。" * 20)
        for n in range(1, 400)
    ]
    assert (
        run_inspector(
            "--db", str(db), "ledger", "import", str(write_ledger(tmp_path / "l.csv", rows))
        ).returncode
        == 0
    )
    out = tmp_path / "stick"
    out.mkdir()
    for size in (8, 16, 20, 24, 28):
        runner = _full_disk_runner(out, size)
        if runner is None:
            pytest.skip("no way to fill a disk here")
        result = runner(["--db", str(db), *command, str(out / "台账.xlsx")])
        assert result.returncode == 1, (size, result.stdout, result.stderr)
        one_clear_line(result.stderr)
        assert "Exception ignored" not in result.stderr
        assert list(out.iterdir()) == []  # nothing half-written is left


# -- a damaged database ----------------------------------------------------------------------


def _damaged_replica(tmp_path: Path) -> Path:
    db = tmp_path / "county.db"
    assert (
        run_inspector(
            "--db", str(db), "init", "--name", "武陟", "--role", "county", "--region", "410823"
        ).returncode
        == 0
    )
    rows = [ledger_row(n) for n in range(1, 60)]
    assert (
        run_inspector(
            "--db", str(db), "ledger", "import", str(write_ledger(tmp_path / "l.csv", rows))
        ).returncode
        == 0
    )
    assert run_inspector("--db", str(db), "doctor").returncode == 0  # makes a backup
    return db


def _newest_backup(db: Path) -> Path:
    return max(Path(str(db) + ".backups").iterdir(), key=lambda p: p.stat().st_mtime)


def _garble(db: Path, offset: int, length: int) -> None:
    with db.open("r+b") as fh:
        fh.seek(offset)
        fh.write(bytes((i * 37 + 11) % 256 for i in range(length)))


@pytest.mark.parametrize(
    "command",
    [["doctor"], ["ledger", "export", "x.csv"], ["bundle", "status"], ["conflicts", "list"]],
)
def test_a_damaged_database_is_named_with_its_newest_backup(
    tmp_path: Path, command: list[str]
) -> None:
    db = _damaged_replica(tmp_path)
    backup = _newest_backup(db)
    # The schema page itself: nothing can be read.
    _garble(db, 100, 3900)
    result = run_inspector("--db", str(db), *command)
    assert result.returncode == 1
    line = one_clear_line(result.stderr)
    assert "is damaged" in line
    assert "Unexpected" not in line
    assert str(backup.name) in line


def test_doctor_finds_a_damaged_table_and_names_the_backup(tmp_path: Path) -> None:
    db = _damaged_replica(tmp_path)
    backup = _newest_backup(db)
    with sqlite3.connect(db) as conn:
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='outfall'").fetchone()
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    _garble(db, (root - 1) * page_size, page_size)
    result = run_inspector("--db", str(db), "doctor", "--no-backup")
    assert result.returncode == 1
    line = one_clear_line(result.stderr)
    assert "is damaged" in line
    assert backup.name in line
    assert "FAILED" in result.stdout
    # The damaged file was not backed up over the good one.
    assert _newest_backup(db) == backup


# -- interrupted, refused ------------------------------------------------------------------


@pytest.mark.parametrize("when", ["before", "after"])
def test_ctrl_c_says_what_was_kept(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    when: str,
) -> None:
    """Ctrl-C after the import had committed said "rolled back"."""
    import contextlib

    import inspector.cli.ledger as ledger_cli
    from inspector.cli import run

    @contextlib.contextmanager
    def interrupting(description: str) -> Iterator[Callable[[float], None]]:
        def tick(fraction: float) -> None:
            raise KeyboardInterrupt  # while the first rows are being read

        yield tick

    def interrupted_summary(text: str) -> None:
        raise KeyboardInterrupt  # the import has returned: it committed

    if when == "before":
        monkeypatch.setattr(ledger_cli, "progress_bar", interrupting)
    else:
        monkeypatch.setattr(ledger_cli, "say", interrupted_summary)
    db = tmp_path / "a.db"
    path = write_ledger(tmp_path / "l.csv", [ledger_row(n) for n in range(1, 2500)])
    assert run(["--db", str(db), "ledger", "import", str(path)]) == 130
    err = capsys.readouterr().err
    with sqlite3.connect(db) as conn:
        imported = conn.execute("SELECT COUNT(*) FROM outfall").fetchone()[0]
    if when == "after":
        assert imported == 2499
        assert "nothing was changed" not in err
        assert "saved before the interruption are kept" in err
    else:
        assert imported == 0
        assert "nothing was changed" in err


def test_a_refused_init_leaves_no_database(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    result = run_inspector(
        "--db", str(db), "init", "--name", "x", "--role", "field", "--region", "999999"
    )
    assert result.returncode == 1
    one_clear_line(result.stderr)
    assert list(tmp_path.iterdir()) == []
    # An existing database is never removed by a refused init.
    assert (
        run_inspector(
            "--db", str(db), "init", "--name", "x", "--role", "field", "--region", "410823"
        ).returncode
        == 0
    )
    again = run_inspector(
        "--db", str(db), "init", "--name", "x", "--role", "field", "--region", "999999"
    )
    assert again.returncode == 1
    assert db.exists()
