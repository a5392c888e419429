"""Fixtures of the UI tests: a private copy of the demo, a fixed clock, a settled app.

The database is opened by a relative path from inside its folder, so screens that show
the file's name show the same text in every run (snapshots compare pixels).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from inspector import locations
from inspector.i18n import set_language

TODAY = dt.date(2026, 11, 23)
CST = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 11, 23, 10, 30, tzinfo=CST)


@pytest.fixture
def ui_db(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from inspector.data.db import open_database

    shutil.copy(demo_template, tmp_path / "demo.db")
    shutil.copy(locations.key_file(demo_template), locations.key_file(tmp_path / "demo.db"))
    monkeypatch.chdir(tmp_path)
    return open_database(Path("demo.db"))


@pytest.fixture
def make_app(ui_db: Any) -> Callable[..., Any]:
    """An app on the demo copy, in a language, with the clock stopped at NOW."""

    def make(lang: str = "en", *, db: Any = None, welcome: bool = False) -> Any:
        set_language(lang)
        from inspector.ui.app import InspectorApp

        return InspectorApp(
            db or ui_db, today=lambda: TODAY, now=lambda: NOW, tz=CST, welcome=welcome
        )

    return make


async def settle(pilot: Any, rounds: int = 4) -> None:
    """Let workers finish and their messages land (workers may start more workers)."""
    from textual.worker import WorkerCancelled, WorkerFailed

    for _ in range(rounds):
        # A dialog's worker ends with its dialog; failures are notified to the user.
        with contextlib.suppress(WorkerCancelled, WorkerFailed):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    steady(pilot)


def steady(pilot: Any) -> None:
    """Stop text cursors blinking, so a snapshot does not depend on the moment it is
    taken (a cursor on or off by chance failed a snapshot under load)."""
    from textual.widgets import Input, TextArea

    for screen in pilot.app.screen_stack:
        for node in screen.query(Input):
            node.cursor_blink = False
        for area in screen.query(TextArea):
            area.cursor_blink = False


async def type_text(pilot: Any, text: str) -> None:
    """Type `text` into the focused widget. Keys a keyboard has are pressed; the rest (°,
    full-width punctuation) arrive as an input method delivers them: as inserted text."""
    from textual.widgets import Input

    await pilot.pause()  # let a focus change land first
    for ch in text:
        focused = pilot.app.focused
        if (ch.isascii() and ch.isalnum()) or not isinstance(focused, Input):
            await pilot.press(ch)
        elif ch == " ":
            await pilot.press("space")
        else:
            focused.insert_text_at_cursor(ch)
            await pilot.pause()


async def paste_text(pilot: Any, text: str) -> None:
    """Paste `text` into the focused input, as people enter a long path: typed key by
    key, each keystroke of a path field completes against the folder (seconds for a
    temporary folder's path). Typing paths is tested in tests/ui/test_forms.py."""
    await pilot.pause()  # let a focus change land first
    pilot.app.focused.insert_text_at_cursor(text)
    await pilot.pause()


async def open_outfall(pilot: Any, outfall_id: str, tab: str | None = None) -> Any:
    """The outfall's screen, open at `tab`, once it has settled."""
    from inspector.ui.screens.outfall import OutfallScreen

    pilot.app.open_outfall(outfall_id, tab=tab)
    await settle(pilot)
    assert isinstance(pilot.app.screen, OutfallScreen)
    return pilot.app.screen


def field(screen: Any, name: str) -> Any:
    return screen.query_one(f"#field-{name}")


async def fill(pilot: Any, screen: Any, name: str, text: str) -> None:
    """Type into a text field as a person would: focus it, clear it, type."""
    f = field(screen, name)
    f.control.focus()
    await pilot.pause()
    f.control.value = ""
    await type_text(pilot, text)
    await pilot.pause()


def outfall_in_state(db: Any, state: str, *, owner: bool | None = None) -> str:
    """The id of some outfall in `state` (with or without a current owner)."""
    from inspector.data.queries import current_main_assignment_sql

    with db.read() as conn:
        for (oid,) in conn.execute(
            "SELECT id FROM outfall WHERE state=? AND deleted=0 ORDER BY code", (state,)
        ):
            has = (
                conn.execute(current_main_assignment_sql(), (oid, TODAY.isoformat())).fetchone()
                is not None
            )
            if owner is None or has == owner:
                return str(oid)
    raise LookupError(state)


def state_of(db: Any, outfall_id: str) -> str:
    with db.read() as conn:
        return str(
            conn.execute("SELECT state FROM outfall WHERE id=?", (outfall_id,)).fetchone()[0]
        )
