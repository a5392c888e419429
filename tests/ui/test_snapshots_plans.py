"""Snapshots of the Plans section at 120x40 in both languages: the plans with the items of
the first, the assessment tab, the progress tab, and the draw dialog showing a drawn list.

Update with `.venv/bin/python -m pytest tests/ui/test_snapshots_plans.py -p no:xdist
--snapshot-update`, then look at the SVGs (rsvg-convert) before committing them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.conftest import settle, type_text

SIZE = (120, 40)


async def _plans(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("f5")
    await settle(pilot)


def _tab(name: str) -> Any:
    async def run(pilot: Any) -> None:
        await _plans(pilot)
        pilot.app.screen.show_tab(name)
        await settle(pilot)

    return run


async def _draw(pilot: Any) -> None:
    await _plans(pilot)
    await pilot.press("d")
    await settle(pilot)
    modal = pilot.app.screen
    modal.query_one("#field-county_code").set_raw("410883")
    for name, text in (
        ("sample_size", "3"),
        ("inspectors", "张伟、李娜、王芳"),
        ("seed", "snap-1"),
    ):
        control = modal.query_one(f"#field-{name}").control
        control.focus()
        await pilot.pause()
        await type_text(pilot, text)
    await pilot.press("ctrl+s")
    await settle(pilot)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plans_list_and_items(snap_compare: Any, make_app: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=_plans)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_assessment_tab(snap_compare: Any, make_app: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=_tab("assessment"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_progress_tab(snap_compare: Any, make_app: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=_tab("progress"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_draw_dialog_with_the_drawn_list(snap_compare: Any, make_app: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=_draw)
