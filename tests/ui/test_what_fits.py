"""What a walk through the sections at 80, 120 and 200 columns found cut off: each list
uses the width it has, and a cut always shows as an ellipsis."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.conftest import settle


def screen_lines(app: Any) -> list[str]:
    """The screen as the terminal would show it, line by line."""
    update = app.screen._compositor.render_full_update()
    return ["".join(segment.text for segment in strip) for strip in update.strips]


@pytest.mark.parametrize(("width", "shown"), [(120, 29), (200, 61)])
async def test_conflict_columns_use_the_width_they_have(
    make_app: Any, width: int, shown: int
) -> None:
    app = make_app("en")
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        text = "\n".join(screen_lines(app))
        assert "Discharge pattern " in text  # was "Discharge…" at any width
        from inspector.ui.screens.conflicts import widths

        assert widths(width)["value"] == shown


async def test_conflicts_fit_again_after_a_resize(make_app: Any) -> None:
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        assert "Discharge pattern " not in "\n".join(screen_lines(app))
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        assert "Discharge pattern " in "\n".join(screen_lines(app))


@pytest.mark.parametrize("width", [120, 200])
async def test_photo_flags_show_whole_and_cut_names_say_so(make_app: Any, width: int) -> None:
    app = make_app("en")
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        lines = [line for line in screen_lines(app) if "IMG_" in line and " m " in line]
        assert lines
        text = "\n".join(lines)
        assert "Taken outside the inspection" in text  # was "…the inspec" with no mark
        # At 120 outfall names are longer than their column: each is cut with an
        # ellipsis. At 200 there is room, and they show whole (they were cut at 14 cells
        # with 50 empty beside them). The table ends inside the screen either way.
        names = [p.outfall_name for p in app.screen.proposals if p.distance_m is not None]
        if width == 120:
            assert all("…" in line for line in lines), text
        else:
            assert all(name in text for name in names), text
        table = app.screen.query_one("#photos-proposals")
        assert table.virtual_size.width <= table.size.width


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_photo_list_fits_80_columns(make_app: Any, lang: str) -> None:
    """At 80 columns the list ran past the screen's edge and scrolled sideways: now the
    inspection's time (beside the preview) gives way and the rest fit, cuts marked."""
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        table = app.screen.query_one("#photos-proposals")
        assert table.virtual_size.width <= table.size.width
        lines = [line for line in screen_lines(app) if "IMG_" in line and ":" in line]
        assert lines
        assert all("…" in line for line in lines)  # the names are cut, and say so
        # Wider again, every column comes back.
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert len(table.columns) == 7


@pytest.mark.parametrize(("lang", "width"), [("en", 120), ("zh", 80)])
async def test_the_outfall_heading_shows_its_owner(
    make_app: Any, ui_db: Any, lang: str, width: int
) -> None:
    """The heading's second line ran past two lines and the owner was cut off unseen."""
    with ui_db.read() as conn:
        oid, owner = conn.execute(
            "SELECT a.outfall_id, w.name FROM owner_assignment a JOIN owner w ON w.id = a.owner_id "
            "JOIN outfall o ON o.id = a.outfall_id WHERE a.deleted = 0 AND o.deleted = 0 "
            "AND o.township IS NOT NULL ORDER BY length(w.name) DESC LIMIT 1"
        ).fetchone()
    app = make_app(lang)
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        app.open_outfall(oid)
        await settle(pilot)
        text = "".join(line.strip() for line in screen_lines(app)[1:6])
        assert owner in text, text


@pytest.mark.parametrize(("lang", "width"), [("en", 120), ("zh", 80), ("en", 80)])
async def test_the_top_bar_keeps_every_section_and_the_forms_title(
    make_app: Any, lang: str, width: int
) -> None:
    """At 120 columns a form's title was cut to "New outf", and at 80 the sections after
    F7 were off the screen."""
    from inspector.i18n import t

    app = make_app(lang)
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        bar = screen_lines(app)[0]
        assert all(f"F{n}" in bar for n in range(2, 10)), bar
        await pilot.press("n")
        await settle(pilot)
        bar = screen_lines(app)[0]
        assert all(f"F{n}" in bar for n in range(2, 10)), bar
        assert t("new.title") in bar, bar


async def test_a_cut_column_heading_ends_in_an_ellipsis() -> None:
    """A heading longer than its column read "Current value (f", as if whole."""
    from textual.app import App, ComposeResult

    from inspector.ui.widgets.table import Table

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield Table(id="t")

        def on_mount(self) -> None:
            table = self.query_one(Table)
            table.add_column("Current value (from)", width=16)
            table.add_column("当前值（来源）", width=9)
            table.add_column("[b]Field[/b]", width=12)  # text, never markup
            table.add_row("1.0×0.8 m", "x", "y")

    app = One()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        heading = screen_lines(app)[0]
        assert "Current value (…" in heading
        assert "当前值（…" in heading
        assert "[b]Field[/b]" in heading


async def test_plan_items_show_whole_names_when_there_is_room(make_app: Any) -> None:
    app = make_app("zh")
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        tab = app.screen.query_one("#plans-tab")
        names = [item.name for item in tab.items]
        assert names
        text = "\n".join(screen_lines(app))
        # They were cut at 40 cells with 80 empty beside them.
        assert all(name in text for name in names), names
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        text = "\n".join(screen_lines(app))
        assert "…" in text
        assert not all(name in text for name in names)
