"""A PostgreSQL database named on the command line is opened once the first frame is out:
importing the driver and connecting took a third of the time to that frame. Until it is
open the top bar says so and only quitting and help answer; a database that cannot be
opened ends the UI with the sentence the command line prints."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from inspector.data import db as db_module
from inspector.data.db import named_database
from inspector.i18n import Problem, set_language
from tests.ui.conftest import settle


def _where(app: Any) -> str:
    from inspector.ui.widgets.navbar import NavBar

    return app.screen.query_one(NavBar).where()


async def test_the_first_frame_comes_before_the_database_is_open(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from inspector.ui.app import InspectorApp

    set_language("en")
    release = threading.Event()
    real_open = db_module.open_database

    def slow_open(*args: Any, **kwargs: Any) -> Any:
        # A central record across a city's network: seconds, not milliseconds.
        assert release.wait(30)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(db_module, "open_database", slow_open)
    app = InspectorApp(named_database(pg_url), opening=True, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await pilot.pause()
            assert not app.ctx.opened
            name = app.ctx.db.short_name
            assert _where(app) == f"connecting · {name}"
            # The dashboard waits for the database; the section keys do nothing meanwhile.
            assert not app.screen.query_one("#dash-main").children
            await pilot.press("f3")
            await pilot.pause()
            assert app.screen.SECTION == "dashboard"

            release.set()
            await settle(pilot)
            assert app.ctx.opened
            assert app.open_error is None
            assert _where(app) == f"unnamed replica · {name}"
            assert app.screen.query_one("#dash-main").children
            await pilot.press("f3")
            await settle(pilot)
            assert app.screen.SECTION == "register"
        finally:
            # Before the app ends: a failed check must not leave the thread waiting.
            release.set()


async def test_a_database_that_cannot_be_opened_ends_the_ui_with_one_sentence() -> None:
    from inspector.ui.app import InspectorApp

    set_language("en")
    # Port 1: nothing listens there, so the connection is refused at once.
    app = InspectorApp(
        named_database("postgresql://postgres@127.0.0.1:1/outfalls"), opening=True, welcome=False
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    assert app.return_code == 2
    assert isinstance(app.open_error, Problem)
    assert str(app.open_error).startswith(
        "Cannot connect to the PostgreSQL database postgresql://postgres@127.0.0.1:1/outfalls"
    )
