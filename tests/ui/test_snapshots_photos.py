"""Snapshots of the photos area at 120x40 in Chinese and English: the Photos section
(review list with the selected photo's half-block preview) and the outfall's photos tab.

The demo's photos are generated with a fixed seed and previews are half-blocks (the
graphics-protocol probe never runs under test), so every run draws the same cells.
Update with `pytest tests/ui/test_snapshots_photos.py --snapshot-update`.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.conftest import settle
from tests.ui.test_photos import outfall_with_photos, photo_store

__all__ = ["photo_store"]  # the fixture: the demo's originals beside the copy

SIZE = (120, 40)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_photos_review(snap_compare: Any, make_app: Any, lang: str) -> None:
    async def open_section(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)

    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=open_section)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_outfall_photos_tab(snap_compare: Any, make_app: Any, ui_db: Any, lang: str) -> None:
    outfall_id = outfall_with_photos(ui_db)

    async def open_tab(pilot: Any) -> None:
        await settle(pilot)
        pilot.app.open_outfall(outfall_id, tab="photos")
        await settle(pilot)

    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=open_tab)
