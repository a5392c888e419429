"""Snapshots of the Map section at 120x40 in both languages: the whole demo (rivers,
boundaries, outfalls as dots coloured by state, legend, scale bar, north), and a close
view along the demo river with an outfall picked and a target set.

Update with `.venv/bin/python -m pytest tests/ui/test_snapshots_map.py -p no:xdist
--snapshot-update`, then look at the SVGs (rsvg-convert) before committing them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.conftest import settle

SIZE = (120, 40)


async def _map(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("f8")
    await settle(pilot)
    await settle(pilot)


async def _close(pilot: Any) -> None:
    from dataclasses import replace

    from inspector.data.spatial import point_of
    from inspector.services.demo_map import WALK_COUNTY, WALK_RIVER

    await _map(pilot)
    screen = pilot.app.screen
    # Where the demo walk starts: several outfalls within a few hundred metres.
    with pilot.app.ctx.read() as conn:
        lat, lon = conn.execute(
            "SELECT lat, lon FROM outfall WHERE river=? AND county_code=? AND deleted=0 "
            "ORDER BY code LIMIT 1",
            (WALK_RIVER, WALK_COUNTY),
        ).fetchone()
    screen.map.show(replace(screen.map.viewport.centred(lat, lon), m_per_px=5.0))
    await settle(pilot)
    await pilot.press("right_square_bracket")
    await settle(pilot)
    # The target: the farthest outfall in view (the map then centres on it).
    target = screen.map.points_by_distance()[-1]
    with pilot.app.ctx.read() as conn:
        screen._set_target(point_of(conn, outfall_id=target.id))
    await settle(pilot)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_map_of_the_whole_demo(snap_compare: Any, make_app: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=_map)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_map_close_with_a_pick_and_a_target(snap_compare: Any, make_app: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=_close)
