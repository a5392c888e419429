"""What the Sync and Conflicts screens and the trust dialog look like at 120x40, in
Chinese and in English.

The demo's keys are made afresh whenever the demo is built and its sync happened at the
wall-clock time of the build, so fingerprints and the times of bundles and edits are set
to fixed values here: the reference SVGs must not change from one session to the next.
`pytest tests/ui/test_snapshots_sync.py --snapshot-update` rewrites them; look at the
result (`rsvg-convert -o x.png file.svg`) before committing it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.ui.conftest import settle

SIZE = (120, 40)
LANGS = ("zh", "en")
FINGERPRINT = "3F2A 9C41 7D08 E5B6 21C7 4A90 BB13 6E5D"
SYNCED_AT = "2026-11-23 01:42:00.000000"

Step = Callable[[Any], Awaitable[None]]


@pytest.fixture
def fixed_sync(monkeypatch: pytest.MonkeyPatch, ui_db: Any) -> Any:
    import inspector.services.sync.conflicts as conflicts
    import inspector.services.sync.exchange as exchange

    monkeypatch.setattr(exchange, "fingerprint", lambda key: FINGERPRINT)
    monkeypatch.setattr(
        conflicts, "to_datetime", lambda hlc: dt.datetime(2026, 11, 23, 1, 35, tzinfo=dt.UTC)
    )
    with ui_db.read() as conn:
        for minute, name in enumerate(
            ("register.bundle", "laptop-to-centre.bundle", "centre-to-laptop.bundle")
        ):
            at = f"2026-11-23 01:4{minute}:00.000000"
            conn.execute(
                "UPDATE bundle_record SET recorded_at=?, created_at=? WHERE file_name=?",
                (at, at, name),
            )
        conn.execute("UPDATE conflict SET detected_at=?", (SYNCED_AT,))
    return ui_db


def steps(*keys: str) -> Step:
    async def run(pilot: Any) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


async def sync_screen(pilot: Any) -> None:
    await steps("f6")(pilot)
    # The path box has the focus: a blinking cursor would be on or off by chance.
    pilot.app.screen.query_one("#export-path").cursor_blink = False
    await settle(pilot)


@pytest.mark.parametrize("lang", LANGS)
def test_sync_screen(snap_compare: Any, make_app: Any, fixed_sync: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=sync_screen)


@pytest.mark.parametrize("lang", LANGS)
def test_conflicts_screen(snap_compare: Any, make_app: Any, fixed_sync: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=steps("f7"))


@pytest.mark.parametrize("lang", LANGS)
def test_trust_dialog(snap_compare: Any, make_app: Any, fixed_sync: Any, lang: str) -> None:
    from inspector.data.db import open_database
    from inspector.services.replica import init_replica
    from inspector.services.sync.exchange import export_bundle

    # Relative paths (the fixture moved into the test's folder): the same text every run.
    export_bundle(fixed_sync, Path("centre.bundle"), everything=True)
    Path("laptop").mkdir()
    laptop = open_database(Path("laptop") / "field.db")
    init_replica(laptop, name="温县巡查终端", role="field", region="410825", user="李明")

    async def ask(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        box = pilot.app.screen.query_one("#import-path")
        box.focus()
        box.value = "centre.bundle"
        await pilot.press("ctrl+o")
        await settle(pilot, rounds=6)
        assert pilot.app.screen.id == "trust-dialog"
        # Under the dialog the box shows where the bundle is: this run's own temporary
        # folder, different every run; the snapshot shows the rest.
        sync = pilot.app.screen_stack[-2]
        for line in sync.query(".path-resolved"):
            line.update("→ …/" + line.render().plain.rpartition("/")[2])
        await pilot.pause()

    assert snap_compare(make_app(lang, db=laptop), terminal_size=SIZE, run_before=ask)
