"""Benchmarks of the terminal UI, each beside a baseline measured in the same run.

    pytest tests/benchmarks/test_ui_bench.py -p no:xdist -s

They need the 1,000,000-outfall demo; build it once (about 100 s) and point at it:

    inspector --db /tmp/large.db demo --no-tui --size large
    INSPECTOR_LARGE_DB=/tmp/large.db pytest tests/benchmarks/test_ui_bench.py -p no:xdist -s

(default: /tmp/large.db; the benchmarks are skipped when it is missing). The database
is upgraded to the current schema on first open, which makes a backup copy beside it.

Targets (issue 3):
- first paint on the million-outfall demo within 1.3x the first paint of a bare Textual
  app (Header, Static, Footer), both started as real processes on a pseudo-terminal of
  120x40 and timed until their text reaches the terminal;
- keystroke to repaint while filtering the register at 1,000,000 rows: 50 ms or less
  (median over the keystrokes of typing search words and changing filters);
- resident memory with 1,000,000 outfalls at most 1.2x that with 2,000, after the same
  walk through the dashboard and the register.

Wall-clock figures are medians of several alternating runs: the machine is shared.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import termios
import time
from pathlib import Path
from typing import Any

import pytest

LARGE = Path(os.environ.get("INSPECTOR_LARGE_DB", "/tmp/large.db"))
RUNS = 7


def _outfalls(path: Path) -> int:
    import sqlite3

    if not path.exists():
        return 0
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM outfall").fetchone()[0])
    except sqlite3.DatabaseError:
        return 0
    finally:
        conn.close()


# Opening the database upgrades its schema: only ever touch the million-row demo.
pytestmark = pytest.mark.skipif(
    _outfalls(LARGE) != 1_000_000,
    reason=f"needs the million-outfall demo: inspector --db {LARGE} demo --no-tui --size large",
)

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    TITLE = "Outfall Inspector"

    def compose(self):
        yield Header()
        yield Static("ready")
        yield Footer()

Bare().run()
"""


def _upgraded(path: Path) -> Path:
    """Open once, so that the timed runs do not include a schema upgrade."""
    from inspector.data.db import open_database

    open_database(path).dispose()
    return path


def first_paint(argv: list[str], marker: str, *, timeout: float = 60.0) -> float:
    """Seconds from starting `argv` on a 120x40 pseudo-terminal until `marker` is drawn."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the program
        # Textual takes COLUMNS and LINES over the terminal's size, and under pytest the
        # process environment holds COLUMNS=80 LINES=24 (set below `os.environ`, so
        # invisible to it): both programs drew at 80x24 while this said 120x40, and at 80
        # the top bar leaves out the program's name, the marker. Hence an explicit
        # environment, and a size set before the program starts, so it cannot read it first.
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        env.update(TERM="xterm-256color", INSPECTOR_LANG="en")
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execve(argv[0], argv, env)  # noqa: S606 -- a real process on a real pty is what is timed
    start = time.perf_counter()
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.02)
            if not ready:
                continue
            try:
                seen += os.read(fd, 1 << 16)
            except OSError:
                break
            if marker.encode() in seen:
                return time.perf_counter() - start
        raise AssertionError(f"{marker!r} never appeared; output ended with {seen[-400:]!r}")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def _byte_compiled() -> None:
    """Compile the package's modules, as installing a wheel does (and as Textual's are).

    A checkout installed for development gets its bytecode on its first run, unless
    PYTHONDONTWRITEBYTECODE is set (as on some CI machines): then every start would
    compile our modules again and the bare app, whose Textual is compiled, would not.
    """
    import compileall

    import inspector

    compileall.compile_dir(Path(inspector.__file__).parent, quiet=1)


def test_first_paint_on_a_million_outfalls() -> None:
    db = _upgraded(LARGE)
    _byte_compiled()
    inspector = str(Path(sys.executable).with_name("inspector"))
    bare = [sys.executable, "-c", BARE_APP]
    ours = [inspector, "--db", str(db), "--lang", "en"]
    first_paint(bare, "ready")  # warm the file cache for both
    first_paint(ours, "Outfall Inspector")
    bare_times, our_times = [], []
    for _ in range(RUNS):
        bare_times.append(first_paint(bare, "ready"))
        our_times.append(first_paint(ours, "Outfall Inspector"))
    base, value = statistics.median(bare_times), statistics.median(our_times)
    print(
        f"\nfirst paint: inspector on 1,000,000 outfalls {value * 1000:.0f} ms, bare Textual "
        f"app {base * 1000:.0f} ms, ratio {value / base:.2f} (target <= 1.30; medians of {RUNS})"
    )
    assert value <= 1.3 * base


async def _typing_latencies(db_path: Path | str) -> list[float]:
    from inspector.data.db import open_database
    from inspector.i18n import set_language
    from inspector.ui.app import InspectorApp
    from inspector.ui.screens.register import RegisterScreen

    set_language("en")
    app = InspectorApp(open_database(db_path), welcome=False)
    latencies: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await _idle(pilot)
        screen = app.screen
        assert isinstance(screen, RegisterScreen)
        outfalls = screen.outfalls

        async def measure(action: Any) -> None:
            before = outfalls.generation
            start = time.perf_counter()
            await action()
            # Repainted: the list has drawn a line of the new query.
            while (
                outfalls.generation == before or outfalls.painted_generation != outfalls.generation
            ):
                await asyncio.sleep(0.0005)
                if time.perf_counter() - start > 10:
                    raise AssertionError("the list never repainted")
            latencies.append(outfalls.painted_at - start)
            await _idle(pilot)

        await pilot.press("slash")
        for word in ("沁河", "武陟", "410823"):
            for ch in word:
                await measure(lambda ch=ch: _key(pilot, ch))
            for _ in word:
                await measure(lambda: _key(pilot, "backspace"))
        filters = screen.filters
        for change in (
            {"county": "410823"},
            {"state": "in_remediation"},
            {"county": None},
            {"state": None, "river": "沁河"},
            {"river": None, "overdue": True},
            {"overdue": False},
        ):
            await measure(lambda change=change: _set(pilot, filters, change))
    return latencies


async def _key(pilot: Any, key: str) -> None:
    """A key as the terminal driver delivers it (Pilot.press would also wait for the
    screen to settle, which is what is being timed)."""
    from textual import events

    app = pilot.app
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    app._driver.send_message(event)
    await asyncio.sleep(0)


async def _set(pilot: Any, filters: Any, change: dict[str, Any]) -> None:
    filters.set_filter(**change)
    await asyncio.sleep(0)


async def _idle(pilot: Any) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def test_keystroke_to_repaint_while_filtering_a_million_rows() -> None:
    db = _upgraded(LARGE)
    latencies = asyncio.run(_typing_latencies(db))
    median = statistics.median(latencies)
    worst = max(latencies)
    print(
        f"\nkeystroke to repaint (1,000,000 rows): median {median * 1000:.1f} ms, "
        f"90th percentile {statistics.quantiles(latencies, n=10)[-1] * 1000:.1f} ms, "
        f"worst {worst * 1000:.1f} ms over {len(latencies)} keystrokes (target <= 50 ms)"
    )
    assert median <= 0.050


MEMORY_WALK = """
import asyncio, datetime as dt, sys
from pathlib import Path
from inspector.data.db import open_database
from inspector.i18n import set_language
from inspector.ui.app import InspectorApp

def rss_kib():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

async def main():
    set_language("en")
    app = InspectorApp(open_database(Path(sys.argv[1])), welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        async def idle():
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
        await idle()
        await pilot.press("f3")
        await idle()
        for key in ["pagedown"] * 30 + ["end"] + ["pageup"] * 30 + ["home"]:
            await pilot.press(key)
            await idle()
        app.screen.filters.set_filter(search="沁河")
        await idle()
        for key in ["pagedown"] * 20 + ["end"]:
            await pilot.press(key)
            await idle()
        app.screen.filters.set_filter(search="", county="410823", sort="-name")
        await idle()
        for key in ["pagedown"] * 20 + ["end"]:
            await pilot.press(key)
            await idle()
        await pilot.press("f2")
        await idle()
        print(rss_kib())

asyncio.run(main())
"""


def _walk_rss(db: Path) -> int:
    import subprocess

    out = subprocess.run(
        [sys.executable, "-c", MEMORY_WALK, str(db)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "INSPECTOR_LANG": "en"},
        timeout=600,
    )
    return int(out.stdout.strip().splitlines()[-1])


def test_memory_does_not_grow_with_the_register(tmp_path: Path) -> None:
    from inspector import locations
    from inspector.domain.periods import today as calendar_today
    from inspector.services.demo import build_demo

    small = tmp_path / "small.db"
    build_demo(small, today=calendar_today()).dispose()
    shutil.rmtree(locations.backup_directory(small), ignore_errors=True)
    large = _upgraded(LARGE)
    small_kib = statistics.median(_walk_rss(small) for _ in range(3))
    large_kib = statistics.median(_walk_rss(large) for _ in range(3))
    print(
        f"\nresident memory after the same walk: 1,000,000 outfalls {large_kib / 1024:.0f} MiB, "
        f"2,200 outfalls {small_kib / 1024:.0f} MiB, ratio {large_kib / small_kib:.2f} "
        "(target <= 1.20)"
    )
    assert large_kib <= 1.2 * small_kib
