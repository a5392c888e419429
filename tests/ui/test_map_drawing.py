"""Drawing a map scene without a terminal: Braille dots, half-blocks, glyphs that win
their cell, the scale bar, and the picture for terminals with a graphics protocol."""

from __future__ import annotations

from inspector.data.spatial import MapPoint
from inspector.services.mapview import Overlay, Scene, Viewport, scale_bar
from inspector.ui.widgets.map.raster import Raster, paint
from inspector.ui.widgets.map.view import strips_of

VIEW = Viewport(35.0, 113.0, 10.0, 80, 40)  # 40 x 10 cells of Braille


def _scene(points: list[MapPoint] | None = None) -> Scene:
    # A river across the middle, from the west edge to the east edge.
    line = [(0.0, 20.0), (79.0, 20.0)]
    return Scene(VIEW, points if points is not None else [], [], {}, [("rivers", [line])])


def _text(raster: Raster) -> list[str]:
    return ["".join(t for t, _, _ in row) for row in raster.runs()]


def test_braille_dots_draw_a_line_and_keep_their_colour() -> None:
    raster = paint(_scene(), Raster(40, 10))
    row = raster.runs()[5]  # pixel row 20 is in cell row 5
    assert any(fg == "river" and set(t) <= {"⠁", "⠉"} for t, fg, _ in row)


def test_half_blocks_colour_each_pixel() -> None:
    raster = Raster(80, 20, "half")
    raster.line(0, 20, 79, 20, "river")
    raster.plot(3, 21, "remediate")
    runs = raster.runs()[10]
    assert ("▀", "river", "remediate") in [(t[0], fg, bg) for t, fg, bg in runs if t]


def test_outfalls_are_glyphs_that_win_their_cell_and_the_selection_wins_over_them() -> None:
    lat, lon = VIEW.unproject(21, 9)  # the middle of a dot of cell (10, 2)
    p = MapPoint("a", "C1", "一号", lat, lon, "traced", "沁河")
    raster = paint(_scene([p]), Raster(40, 10), Overlay(selected=p))
    assert raster.glyphs[2 * 40 + 10][:2] == ("◆", "selected")
    raster = paint(_scene([p]), Raster(40, 10))
    assert raster.glyphs[2 * 40 + 10][:2] == ("●", "remediate")


def test_you_and_your_accuracy_circle() -> None:
    lat, lon = VIEW.unproject(41, 21)
    raster = paint(_scene(), Raster(40, 10), Overlay(me=(lat, lon, 60.0, True)))
    assert raster.glyphs[5 * 40 + 20][:2] == ("◉", "me")
    assert "accuracy" in raster.colour  # 60 m at 10 m a dot: a circle of radius 6 dots
    stale = paint(_scene(), Raster(40, 10), Overlay(me=(lat, lon, 60.0, False)))
    assert stale.glyphs[5 * 40 + 20][1] == "accuracy"  # no longer drawn as live


def test_scale_bar_and_north() -> None:
    text = _text(paint(_scene(), Raster(40, 10)))
    assert text[0].rstrip().endswith("N")
    assert text[1].rstrip().endswith("↑")
    length, label = scale_bar(10.0, 20)
    assert (length, label) == (20.0, "200 m")
    assert "200 m" in text[-1]
    assert "├" in text[-1]
    assert len(strips_of(paint(_scene(), Raster(40, 10)).runs(), 40)) == 10


def test_the_picture_for_graphics_terminals() -> None:
    from inspector.ui.widgets.map.picture import RGB, SCALE, picture

    lat, lon = VIEW.unproject(20, 8)
    p = MapPoint("a", "C1", "一号", lat, lon, "closed", "沁河")
    image = picture(_scene([p]), Overlay(), columns=40, rows=10)
    assert image.size == (80 * SCALE, 40 * SCALE)
    assert image.getpixel((20 * SCALE, 8 * SCALE)) == RGB["supervised"]
    assert image.getpixel((60 * SCALE, 20 * SCALE)) == RGB["river"]
