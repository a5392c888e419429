"""What each core screen looks like at 120x40, in Chinese and in English.

The SVGs under `__snapshots__/` are the reference; `pytest --snapshot-update` rewrites
them, and a person looks at the result (`rsvg-convert -o x.png file.svg`) before it is
committed. The app runs on a copy of the demo with the clock stopped (see conftest).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from tests.ui.conftest import outfall_in_state, settle, steady

SIZE = (120, 40)
LANGS = ("zh", "en")

Step = Callable[[Any], Awaitable[None]]


async def still(pilot: Any) -> None:
    """Settled twice over: a panel that fits its lines to its width draws once more after
    the layout, outside any worker."""
    steady(pilot)
    for _ in range(2):
        await settle(pilot)
        await pilot.wait_for_scheduled_animations()


def steps(*keys: str) -> Step:
    """Press `keys` one at a time, letting the screen settle after each."""

    async def run(pilot: Any) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await still(pilot)

    return run


def outfall(state: str, tab: str | None = None) -> Step:
    async def run(pilot: Any) -> None:
        await settle(pilot)
        pilot.app.open_outfall(outfall_in_state(pilot.app.ctx.db, state), tab=tab)
        await settle(pilot)
        await still(pilot)

    return run


SCREENS: dict[str, Step] = {
    "dashboard": steps(),
    "register": steps("f3"),
    "register_search": steps("f3", "slash", *"武陟"),
    "help": steps("f1"),
    "settings": steps("f9"),
    "new_outfall": steps("n"),
    "inspection_form": steps("f3", "i"),
    "outfall_details": outfall("closed"),
    "outfall_owner": outfall("closed", "owner"),
    "outfall_trace": outfall("closed", "trace"),
    "outfall_inspections": outfall("closed", "inspections"),
    "outfall_remediation": outfall("in_remediation", "remediation"),
    "outfall_history": outfall("closed", "history"),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_screen(snap_compare: Any, make_app: Any, screen: str, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=SCREENS[screen])


@pytest.mark.parametrize("lang", LANGS)
def test_welcome(snap_compare: Any, make_app: Any, lang: str) -> None:
    from pathlib import Path

    from inspector.data.db import open_database

    # Relative to the test's folder (make_app's fixture moved there): the path shows.
    fresh = open_database(Path("fresh.db"))
    assert snap_compare(
        make_app(lang, db=fresh, welcome=None), terminal_size=SIZE, run_before=steps()
    )
