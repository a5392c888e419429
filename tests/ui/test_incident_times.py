"""Incident and notice times typed on a laptop are converted to UTC once
(`inspector.domain.moments`), whatever zone the computer is set to: an incident typed
as 15:36 in China is stored as 07:36 UTC and shown as 15:36 again."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.ui.conftest import settle
from tests.ui.test_plans import SIZE, field, fill, open_plans


@pytest.fixture
def system_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Set this process's time zone (the laptop's) for one test, then put it back."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/New_York"])
async def test_incident_and_notice_times_are_converted_once(
    make_app: Any, ui_db: Any, system_zone: Any, zone: str
) -> None:
    """The user's zone is UTC+8 (the app's `tz`); the computer's is `zone`."""
    system_zone(zone)
    with ui_db.read() as conn:
        code = conn.execute(
            "SELECT code FROM outfall WHERE county_code='410882' AND river='沁河' AND deleted=0 "
            "ORDER BY code LIMIT 1"
        ).fetchone()[0]
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_plans(pilot, "incidents")
        await pilot.press("r")
        await settle(pilot)
        modal = app.screen
        await fill(pilot, modal, "outfall", code)
        await fill(pilot, modal, "occurred_at", "2026-11-20 15:36")
        await fill(pilot, modal, "description", "dark water")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        view = screen.incidents_tab.incident
        assert view is not None
        assert view.description == "dark water"
        assert screen.incidents_tab._local(view.occurred_at) == "2026-11-20 15:36", (
            view.occurred_at,
            app.ctx.tz,
        )
        await pilot.press("o")
        await settle(pilot)
        notice = app.screen
        field(notice, "region_code").set_raw(view.pending[0].region_code)
        field(notice, "method").set_raw("phone")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
    with sqlite3.connect(ui_db.path) as conn:
        occurred = conn.execute(
            "SELECT occurred_at FROM incident WHERE id=?", (view.id,)
        ).fetchone()[0]
        notified = conn.execute(
            "SELECT notified_at FROM incident_notice WHERE incident_id=? AND notified_at IS NOT NULL",
            (view.id,),
        ).fetchone()[0]
    assert occurred == "2026-11-20 07:36:00.000000"
    # The app's clock says 2026-11-23 10:30 at UTC+8.
    assert notified == "2026-11-23 02:30:00.000000"
