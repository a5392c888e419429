"""The Map section with Pilot: open, pan, zoom (keys and mouse), pick and open, filter,
fit; a receiver replayed from a recorded walk: "you are here", the nearest outfalls,
a target, and positions taken for a new outfall or inspection, or refused when the fix
is poor, stale or gone."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from inspector.gnss.sources import SourceSpec
from inspector.gnss.track import Walk, write_log
from inspector.services.demo_map import WALK_RIVER, demo_rivers
from tests.ui.conftest import settle, type_text

SIZE = (120, 40)
START = dt.datetime(2026, 11, 23, 2, 30, tzinfo=dt.UTC)


async def calm(pilot: Any, rounds: int = 4) -> None:
    """Let every worker but the receiver's finish (that one reads until stopped)."""
    app = pilot.app
    for _ in range(rounds):
        others = [w for w in app.workers if w.group != "gnss" and not w.is_finished]
        for worker in others:
            # A cancelled or failed worker is settled too.
            with contextlib.suppress(Exception):
                await asyncio.wait_for(worker.wait(), 20)
        await pilot.pause()


async def wait_until(pilot: Any, predicate: Any, timeout: float = 15.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("timed out")
        await pilot.pause(0.05)


async def open_map(pilot: Any) -> Any:
    from inspector.ui.screens.map import MapScreen

    await settle(pilot)
    await pilot.press("f8")
    await calm(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MapScreen)
    await wait_until(pilot, lambda: screen.map.scene is not None)
    return screen


def live_count(db: Any) -> int:
    with db.read() as conn:
        return int(conn.execute("SELECT COUNT(*) FROM outfall WHERE deleted=0").fetchone()[0])


def walk_log(tmp_path: Path, **kwargs: Any) -> Path:
    river = demo_rivers()[WALK_RIVER]
    path = tmp_path / "walk.nmea"
    write_log(
        Walk(list(river.points[300:340]), START, seconds=kwargs.pop("seconds", 60), **kwargs), path
    )
    return path


async def test_the_map_opens_on_every_outfall_with_rivers_and_boundaries(
    make_app: Any, ui_db: Any
) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_map(pilot)
        scene = screen.map.scene
        assert scene.total == live_count(ui_db)
        kinds = {kind for kind, _ in scene.lines}
        assert kinds == {"rivers", "boundaries"}
        legend = str(screen.query_one("#map-legend").render())
        assert "To remediate" in legend
        assert "rivers" in legend
        lines = [screen.map.render_line(y).text for y in range(screen.map.size.height)]
        assert any("km" in line for line in lines)  # the scale bar
        assert any("N" in line for line in lines)  # north


async def test_pan_and_zoom_with_keys_and_mouse(make_app: Any) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_map(pilot)
        view = screen.map.viewport
        await pilot.press("right")
        await calm(pilot)
        assert screen.map.viewport.lon > view.lon
        assert screen.map.scene.viewport == screen.map.viewport
        await pilot.press("up")
        await calm(pilot)
        assert screen.map.viewport.lat > view.lat
        scale = screen.map.viewport.m_per_px
        await pilot.press("plus")
        await calm(pilot)
        assert screen.map.viewport.m_per_px == pytest.approx(scale / 2)
        await pilot.press("minus", "minus")
        await calm(pilot)
        assert screen.map.viewport.m_per_px == pytest.approx(scale * 2)
        # The mouse wheel zooms about the pointer (Pilot has no wheel: the event is sent).
        from textual import events

        screen.map.post_message(
            events.MouseScrollUp(screen.map, 40, 15, 0, -1, 0, False, False, False)
        )
        await calm(pilot)
        assert screen.map.viewport.m_per_px == pytest.approx(scale * 2 / 1.5)
        before = screen.map.viewport.m_per_px
        await pilot.mouse_down(screen.map, offset=(40, 15))
        await pilot.hover(screen.map, offset=(30, 15))
        await pilot.mouse_up(screen.map, offset=(30, 15))
        await calm(pilot)
        assert screen.map.viewport.m_per_px == before
        assert screen.map.viewport.lon > view.lon  # dragged the map to the left: east comes in


async def test_pick_the_nearest_and_open_it(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.screens.outfall import OutfallScreen

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_map(pilot)
        # Close enough that outfalls are shown one by one.
        river = demo_rivers()[WALK_RIVER]
        lat, lon = river.points[320]
        screen.map.show(
            screen.map.viewport.centred(lat, lon).zoomed(screen.map.viewport.m_per_px / 8)
        )
        await calm(pilot)
        assert screen.map.scene.points is not None
        await pilot.press("right_square_bracket")
        await calm(pilot)
        picked = screen.map.overlay.selected
        assert picked is not None
        assert picked.id == screen.map.points_by_distance()[0].id
        info = str(screen.query_one("#map-selected").render())
        assert picked.code in info
        assert "from the map's centre" in info
        await pilot.press("right_square_bracket")
        await calm(pilot)
        assert screen.map.overlay.selected.id == screen.map.points_by_distance()[1].id
        await pilot.press("enter")
        await calm(pilot)
        assert isinstance(app.screen, OutfallScreen)
        assert app.screen.outfall_id == screen.map.overlay.selected.id


async def test_click_selects_the_outfall_under_the_pointer(make_app: Any) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_map(pilot)
        lat, lon = demo_rivers()[WALK_RIVER].points[320]
        screen.map.show(
            screen.map.viewport.centred(lat, lon).zoomed(screen.map.viewport.m_per_px / 8)
        )
        await calm(pilot)
        target = screen.map.scene.points[0]
        x, y = screen.map.viewport.project(target.lat, target.lon)
        await pilot.click(screen.map, offset=(int(x // 2), int(y // 4)))
        await calm(pilot)
        assert screen.map.overlay.selected is not None
        assert screen.map.overlay.selected.id == target.id or screen.map.scene.points


async def test_filters_apply_as_the_registers(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.screens.map import MapFilters

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_map(pilot)
        screen.query_one(MapFilters).set_filter(state="closed")
        await calm(pilot)
        counts = screen.map.scene.counts
        with ui_db.read() as conn:
            closed = conn.execute(
                "SELECT COUNT(*) FROM outfall WHERE state='closed' AND deleted=0"
            ).fetchone()[0]
        assert counts["supervised"] == closed
        assert sum(counts.values()) == closed
        screen.query_one(MapFilters).set_filter(state=None, plan_due=True)
        await calm(pilot)
        due = screen.map.scene.total
        assert 0 < due < live_count(ui_db)


async def test_fit_to_a_county_and_a_river(make_app: Any) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_map(pilot)
        whole = screen.map.viewport.m_per_px
        screen._fit("county:410802", screen.map.where)  # 解放区, the smallest district
        await calm(pilot)
        assert screen.map.viewport.m_per_px < whole / 2
        await pilot.press("f")
        await calm(pilot)
        from inspector.ui.modals.map import ChoiceModal

        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("escape")
        screen._fit(f"river:{WALK_RIVER}", screen.map.where)
        await calm(pilot)
        box = screen.map.viewport.bbox
        river = demo_rivers()[WALK_RIVER]
        assert all(box.contains(lat, lon) for lat, lon in river.points[::50])


async def test_you_are_here_moves_along_the_walk_and_the_nearest_follow(
    make_app: Any, tmp_path: Path
) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_map(pilot)
        log = walk_log(tmp_path, seconds=30)
        app.gnss.start(SourceSpec("log", str(log), speed=20, loop=True))
        await wait_until(pilot, lambda: screen.map.overlay.me is not None)
        first = screen.map.overlay.me
        await wait_until(pilot, lambda: screen.map.overlay.me[:2] != first[:2])
        await pilot.press("c")
        await calm(pilot)
        assert screen.following
        await wait_until(pilot, lambda: bool(screen.nearest))
        me = screen.map.overlay.me
        assert screen.nearest[0].distance_m <= screen.nearest[-1].distance_m
        receiver = str(screen.query_one("#map-receiver").render())
        assert "autonomous" in receiver
        assert "fix usable" in receiver
        assert "BeiDou+GPS" in receiver
        await pilot.press("right_square_bracket")
        await calm(pilot)
        assert "from you" in str(screen.query_one("#map-selected").render())
        assert me is not None
        app.gnss.stop()
        await calm(pilot)


async def test_a_plan_item_as_the_target(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.modals.map import ChoiceModal

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_map(pilot)
        await pilot.press("t")
        await calm(pilot)
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("enter")
        await calm(pilot)
        assert screen.target is not None
        assert screen.map.overlay.target == screen.target
        text = str(screen.query_one("#map-target").render())
        assert screen.target.code in text
        assert "bearing" in text


async def test_the_receiver_going_away_is_shown_at_once(make_app: Any, tmp_path: Path) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_map(pilot)
        log = walk_log(tmp_path, seconds=3)
        app.gnss.start(SourceSpec("log", str(log), speed=0))
        await wait_until(
            pilot,
            lambda: app.gnss.reading is not None and app.gnss.reading.state in ("lost", "stopped"),
        )
        await calm(pilot)
        receiver = str(screen.query_one("#map-receiver").render())
        assert "lost: the recording ended" in receiver
        assert "no longer current" in receiver
        assert not app.gnss.live
        assert screen.map.overlay.me is not None
        assert screen.map.overlay.me[3] is False


async def _new_outfall_with_receiver(pilot: Any) -> Any:
    from inspector.ui.screens.new_outfall import NewOutfallScreen

    await pilot.press("n")
    await calm(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, NewOutfallScreen)
    await pilot.press("ctrl+g")
    await calm(pilot)
    return screen


async def test_a_new_outfall_takes_the_receivers_position_accuracy_and_source(
    make_app: Any, ui_db: Any, tmp_path: Path
) -> None:
    from inspector.ui.screens.outfall import OutfallScreen

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await open_map(pilot)
        app.gnss.start(SourceSpec("log", str(walk_log(tmp_path)), speed=5, loop=True))
        await wait_until(pilot, lambda: app.gnss.live)
        screen = await _new_outfall_with_receiver(pilot)
        taken = screen.receiver
        assert taken is not None
        assert screen.query_one("#position-text").value == f"{taken.lat:.7f}, {taken.lon:.7f}"
        screen.query_one("#field-name").control.focus()
        await type_text(pilot, "GNSS walk outfall")
        # The county the receiver stands in (a position far outside its county is queried).
        from inspector.services.placement import misplaced

        ref = app.ctx.reference
        county = next(
            code
            for code, region in sorted(ref.regions.items())
            if region.level == "county" and misplaced(ref, code, taken.lat, taken.lon) is None
        )
        screen.query_one("#field-county_code").set_raw(county)
        screen.query_one("#field-river").set_raw(WALK_RIVER)
        await pilot.press("ctrl+s")
        await calm(pilot)
        assert isinstance(app.screen, OutfallScreen)
        app.gnss.stop()
    with ui_db.read() as conn:
        lat, lon, accuracy, source, fix = conn.execute(
            "SELECT lat, lon, accuracy_m, position_source, position_fix FROM outfall WHERE name=?",
            ("GNSS walk outfall",),
        ).fetchone()
    import json

    evidence = json.loads(fix)
    assert (lat, lon, accuracy, source) == (taken.lat, taken.lon, taken.accuracy_m, "gnss")
    assert evidence["quality"] == "gps"
    assert evidence["satellites"] >= 14
    assert evidence["systems"] == ["BeiDou", "GPS"]
    assert evidence["age_s"] <= 5
    assert evidence["device"] == "walk.nmea"


async def test_a_poor_fix_is_refused_with_the_reason(make_app: Any, tmp_path: Path) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await open_map(pilot)
        app.gnss.start(
            SourceSpec("log", str(walk_log(tmp_path, poor=((0, 59),))), speed=5, loop=True)
        )
        await wait_until(pilot, lambda: app.gnss.fix is not None)
        screen = await _new_outfall_with_receiver(pilot)
        assert screen.receiver is None
        assert screen.query_one("#position-text").value == ""
        messages = [n.message for n in app._notifications]
        assert any("not accurate enough" in m for m in messages)
        app.gnss.stop()


async def test_a_stale_fix_is_refused_with_the_reason(make_app: Any, tmp_path: Path) -> None:
    from inspector.gnss.fix import Gate

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await open_map(pilot)
        # One epoch every ten seconds, and fixes older than a second refused. (Every four
        # seconds was too soon on a loaded machine: the next epoch could arrive before
        # the form asked, and the fix was fresh again.)
        app.gnss.start(SourceSpec("log", str(walk_log(tmp_path)), speed=0.1, loop=True),
                       gate=Gate(max_age_s=1))  # fmt: skip
        await wait_until(pilot, lambda: app.gnss.fix is not None and app.gnss.fix.quality == "gps")
        await pilot.pause(1.6)
        screen = await _new_outfall_with_receiver(pilot)
        assert screen.receiver is None
        assert any("stale" in n.message for n in app._notifications)
        app.gnss.stop()


async def test_an_inspection_records_where_the_inspector_stood(
    make_app: Any, ui_db: Any, tmp_path: Path
) -> None:
    from tests.ui.conftest import outfall_in_state

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await open_map(pilot)
        app.gnss.start(SourceSpec("log", str(walk_log(tmp_path)), speed=5, loop=True))
        await wait_until(pilot, lambda: app.gnss.live)
        outfall = outfall_in_state(ui_db, "in_service")
        app.open_inspection(outfall)
        await calm(pilot)
        await pilot.press("ctrl+g")
        await calm(pilot)
        taken = app.screen.receiver
        assert taken is not None
        assert "Standing at (receiver)" in str(app.screen.query_one("#inspection-head").render())
        await pilot.press("ctrl+s")
        await calm(pilot)
        app.gnss.stop()
    with ui_db.read() as conn:
        row = conn.execute(
            "SELECT lat, lon, accuracy_m, position_source FROM inspection WHERE outfall_id=? "
            "ORDER BY started_at DESC LIMIT 1",
            (outfall,),
        ).fetchone()
    assert row == (taken.lat, taken.lon, taken.accuracy_m, "gnss")


async def test_without_a_receiver_a_form_says_how_to_connect_one(make_app: Any) -> None:
    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _new_outfall_with_receiver(pilot)
        assert screen.receiver is None
        assert any("没有连接接收机" in n.message for n in app._notifications)


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_at_80_by_24_the_filters_and_the_nearest_outfalls_are_all_there(
    make_app: Any, lang: str
) -> None:
    from textual.widgets import Checkbox, OptionList

    from inspector.ui.screens.map import NEAREST

    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_map(pilot)
        await wait_until(pilot, lambda: len(screen.nearest) == NEAREST)
        for box in screen.query(Checkbox):
            # Fixed-width selects pushed both check boxes past the right edge.
            assert box.region.width > 0
            assert box.region.right <= 80
        nearest = screen.query_one("#map-nearest", OptionList)
        # The legend and the receiver filled the side column and left the list no rows.
        assert nearest.option_count == NEAREST
        assert nearest.size.height >= 3
        side = screen.query_one("#map-side")
        side.scroll_end(animate=False)
        await pilot.pause()
        assert nearest.region.height >= 3  # scrolled to, it is on the screen


async def test_the_constellations_are_named_in_chinese(make_app: Any, tmp_path: Path) -> None:
    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_map(pilot)
        app.gnss.start(SourceSpec("log", str(walk_log(tmp_path)), speed=20, loop=True))
        await wait_until(pilot, lambda: app.gnss.live)
        receiver = str(screen.query_one("#map-receiver").render())
        assert "北斗+GPS" in receiver
        assert "BeiDou" not in receiver
        app.gnss.stop()
        await calm(pilot)


async def test_nothing_in_view_at_street_scale_says_to_zoom_out(make_app: Any) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_map(pilot)
        # Beside the walk's river, between its outfalls, at a metre a pixel.
        lat, lon = demo_rivers()[WALK_RIVER].points[0]
        screen.map.show(screen.map.viewport.centred(lat + 0.05, lon).zoomed(400))
        await calm(pilot)
        await wait_until(pilot, lambda: screen.map.scene.points == [])
        await pilot.press("right_square_bracket")
        await calm(pilot)
        messages = [n.message for n in app._notifications]
        # It said "zoom in first", which leads further from every outfall.
        assert any("zoom out" in m for m in messages)
        assert not any("zoom in" in m for m in messages)


@pytest.mark.parametrize(("lang", "label"), [("zh", "串口"), ("en", "serial port")])
def test_a_serial_port_without_a_description_is_called_a_serial_port(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str, label: str
) -> None:
    """pyserial describes a port it knows nothing about as "n/a", and the receiver dialog
    showed that bare "n/a" beside /dev/ttyS0."""
    from types import SimpleNamespace

    from serial.tools import list_ports

    from inspector.i18n import set_language
    from inspector.ui.modals.map import receiver_suggestions

    ports = [
        SimpleNamespace(device="/dev/ttyS0", description="n/a"),
        SimpleNamespace(device="/dev/ttyUSB0", description="u-blox GNSS receiver"),
        SimpleNamespace(device="COM3", description=None),
    ]
    monkeypatch.setattr(list_ports, "comports", lambda: ports)
    set_language(lang)
    shown = dict(receiver_suggestions(tmp_path / "demo.db"))
    assert shown["/dev/ttyS0"] == label
    assert shown["COM3"] == label
    assert shown["/dev/ttyUSB0"] == "u-blox GNSS receiver"
