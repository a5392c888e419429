"""The map widget: a scene drawn in the cells it is given, moved with keys and mouse.

Every change of view (pan, zoom, resize, filter) builds a new scene in a thread worker
(the outfalls are read through the grid index, the reference lines are in memory) and
paints it; what sits on top (your position, its accuracy circle, the target, the
selection) is painted again from the same scene, without reading anything, whenever it
changes. Outfalls are counted per grid cell once per filter (a second for a million),
so a view of the whole city draws from those counts.

In a terminal with a graphics protocol the same scene is drawn as a picture (as photo
previews are); elsewhere in Braille dots (2 x 4 a cell) or half-blocks (`b` switches).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from inspector.data.layers import FeatureRow
from inspector.data.spatial import MapFilter, MapPoint
from inspector.domain.geo import BBox, haversine_m
from inspector.i18n import t
from inspector.services.mapview import CellIndex, Overlay, Scene, Viewport
from inspector.ui import pixels
from inspector.ui.bindings import localise
from inspector.ui.context import context_of
from inspector.ui.widgets.map.raster import Raster, Run, paint

#: Colours of the things drawn, by name (see `raster.PRIORITY`).
COLOURS: dict[str, Style] = {
    "boundary": Style(color="rgb(150,150,110)"),
    "river": Style(color="rgb(70,150,255)"),
    "other": Style(color="rgb(170,170,170)"),
    "investigate": Style(color="rgb(255,210,0)", bold=True),
    "remediate": Style(color="rgb(255,80,60)", bold=True),
    "closing": Style(color="rgb(220,110,255)", bold=True),
    "supervised": Style(color="rgb(60,210,90)", bold=True),
    "gone": Style(color="rgb(130,130,130)"),
    "accuracy": Style(color="rgb(0,220,220)"),
    "me": Style(color="rgb(0,255,255)", bold=True),
    "target": Style(color="rgb(255,140,0)", bold=True),
    "selected": Style(color="rgb(255,255,255)", bgcolor="rgb(200,0,120)", bold=True),
    "scale": Style(color="rgb(230,230,230)", bold=True),
}
#: Where the map opens before anything is known: 焦作.
START = Viewport(35.15, 113.12, 300.0, 200, 140)


def strips_of(rows: list[list[Run]], width: int) -> list[Strip]:
    out = []
    for runs in rows:
        segments = []
        for text, fg, bg in runs:
            style = COLOURS.get(fg or "", Style())
            if bg:
                background = COLOURS.get(bg)
                if background is not None and background.color is not None:
                    style = style + Style(bgcolor=background.color)
            segments.append(Segment(text, style))
        out.append(Strip(segments).extend_cell_length(width).crop(0, width))
    return out


class MapView(Widget, can_focus=True):
    DEFAULT_CSS = "MapView { width: 1fr; height: 1fr; }"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "pan(-1, 0)", "key.map.pan", key_display="←↑↓→"),
        Binding("right", "pan(1, 0)", "key.map.pan", show=False),
        Binding("up", "pan(0, -1)", "key.map.pan", show=False),
        Binding("down", "pan(0, 1)", "key.map.pan", show=False),
        Binding("plus,equals_sign", "zoom(2)", "key.map.zoom_in", key_display="+"),
        Binding("minus", "zoom(0.5)", "key.map.zoom_out", key_display="-"),
        Binding("right_square_bracket", "step(1)", "key.map.next", key_display="]"),
        Binding("left_square_bracket", "step(-1)", "key.map.previous", key_display="["),
        Binding("enter", "open", "key.open"),
    ]

    @dataclass
    class Drawn(Message):
        """A new scene is on the map (counts in view, scale)."""

        view: MapView
        scene: Scene

    @dataclass
    class Selected(Message):
        view: MapView
        point: MapPoint | None

    @dataclass
    class Opened(Message):
        point: MapPoint

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        localise(self)
        self.viewport = START
        self.where = MapFilter()
        self.mode = "braille"
        self.overlay = Overlay()
        self.scene: Scene | None = None
        self.features: list[FeatureRow] | None = None
        self._indexes: dict[MapFilter, CellIndex] = {}
        self._strips: list[Strip] = []
        self._generation = 0
        self._drag: tuple[int, int] | None = None
        self._dragged = False
        self._fitted = False
        self.pixels = pixels.protocol() is not None
        self.message = t("map.loading")

    def compose(self) -> ComposeResult:
        if self.pixels:
            from textual_image.widget import Image

            yield Image(None, id="map-pixels")

    # -- the view ----------------------------------------------------------------------

    @property
    def px_per_cell(self) -> tuple[int, int]:
        return (2, 4) if self.mode == "braille" else (1, 2)

    def on_resize(self) -> None:
        w, h = self.size
        px, py = self.px_per_cell
        self.viewport = self.viewport.resized(w * px, h * py)
        self.rebuild()

    def show(self, viewport: Viewport) -> None:
        self.viewport = viewport
        self.rebuild()

    def action_pan(self, dx: int, dy: int) -> None:
        v = self.viewport
        self.show(v.panned(dx * v.width / 5, dy * v.height / 5))

    def action_zoom(self, factor: float) -> None:
        self.show(self.viewport.zoomed(factor))

    def fit(self, box: BBox) -> None:
        self._fitted = True
        self.show(self.viewport.fit(box))

    def centre(self, lat: float, lon: float) -> None:
        self.show(self.viewport.centred(lat, lon))

    def set_filter(self, where: MapFilter) -> None:
        self.where = where
        self.rebuild()

    def set_mode(self, mode: str) -> None:
        old_x, _ = self.px_per_cell
        self.mode = mode
        new_x, _ = self.px_per_cell
        v = self.viewport
        self.viewport = Viewport(v.lat, v.lon, v.m_per_px * old_x / new_x, v.width, v.height)
        self.on_resize()

    def reload(self) -> None:
        """Read everything again (after an import, an edit, a sync)."""
        self._indexes.clear()
        self.features = None
        self.rebuild()

    def set_overlay(self, overlay: Overlay) -> None:
        if overlay != self.overlay:
            self.overlay = overlay
            self._repaint()

    # -- building scenes ---------------------------------------------------------------

    def rebuild(self) -> None:
        if not self.is_mounted or self.size.width < 2 or self.size.height < 2:
            return
        self._generation += 1
        self._build(self._generation, self.viewport, self.where, self.mode)

    @work(thread=True, exclusive=True, exit_on_error=False, group="map")
    def _build(self, generation: int, viewport: Viewport, where: MapFilter, mode: str) -> None:
        from inspector.data.layers import features
        from inspector.services.mapview import build_scene

        ctx = context_of(self)
        with ctx.read() as conn:
            if self.features is None:
                self.features = features(conn)
            index = self._indexes.get(where)
            if index is None:
                index = CellIndex.load(conn, where)
                self._indexes = {where: index}
            if not self._fitted:
                # The first view shows every outfall there is.
                self._fitted = True
                box = index.extent()
                if box is not None:
                    viewport = viewport.fit(box)
            scene = build_scene(conn, viewport, index=index, features=self.features, where=where)
        rows = self._paint(scene, mode)
        self.app.call_from_thread(self._shown, generation, scene, rows)

    def _paint(self, scene: Scene, mode: str) -> list[list[Run]] | Any:
        if self.pixels:
            from inspector.ui.widgets.map.picture import picture

            w, h = self.size
            return picture(scene, self.overlay, columns=w, rows=h)
        w, h = scene.viewport.width, scene.viewport.height
        px, py = (2, 4) if mode == "braille" else (1, 2)
        raster = Raster(w // px, h // py, mode)
        return paint(scene, raster, self.overlay).runs()

    def _shown(self, generation: int, scene: Scene, rows: Any) -> None:
        if generation != self._generation:
            return  # the view moved on while this one was being made
        self.scene = scene
        self.viewport = scene.viewport
        self._show_rows(rows)
        self.post_message(self.Drawn(self, scene))

    def _repaint(self) -> None:
        if self.scene is not None:
            self._show_rows(self._paint(self.scene, self.mode))

    def _show_rows(self, rows: Any) -> None:
        if self.pixels:
            self.query_one("#map-pixels").image = rows  # type: ignore[attr-defined]
            return
        self._strips = strips_of(rows, self.size.width)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y < len(self._strips):
            return self._strips[y]
        if not self._strips and y == self.size.height // 2:
            return Strip([Segment(self.message.center(width))]).crop(0, width)
        return Strip.blank(width)

    # -- picking -----------------------------------------------------------------------

    def here(self) -> tuple[float, float]:
        """Where distances are measured from: your position, else the map's centre."""
        if self.overlay.me is not None:
            return self.overlay.me[0], self.overlay.me[1]
        return self.viewport.lat, self.viewport.lon

    def points_by_distance(self) -> list[MapPoint]:
        if self.scene is None or not self.scene.points:
            return []
        lat, lon = self.here()
        return sorted(self.scene.points, key=lambda p: haversine_m(lat, lon, p.lat, p.lon))

    def select(self, point: MapPoint | None) -> None:
        self.set_overlay(Overlay(self.overlay.me, self.overlay.target, point))
        if point is not None and not point.code:
            # Scenes carry what is drawn; the code, name and river come now.
            self._detail(point.id)
        else:
            self.post_message(self.Selected(self, point))

    @work(thread=True, exclusive=True, exit_on_error=False, group="map-pick")
    def _detail(self, outfall_id: str) -> None:
        from inspector.data.spatial import point_of

        with context_of(self).read() as conn:
            point = point_of(conn, outfall_id=outfall_id)
        self.app.call_from_thread(self._detailed, point)

    def _detailed(self, point: MapPoint | None) -> None:
        selected = self.overlay.selected
        if point is None or selected is None or selected.id != point.id:
            return  # the pick moved on meanwhile
        self.set_overlay(Overlay(self.overlay.me, self.overlay.target, point))
        self.post_message(self.Selected(self, point))

    def action_step(self, step: int) -> None:
        ordered = self.points_by_distance()
        if not ordered:
            # Drawn as grid cells, the view is too wide to pick from; drawn as points but
            # none there, it is too narrow (following at street scale between outfalls).
            empty = self.scene is not None and self.scene.points is not None
            self.notify(
                t("map.nothing_in_view" if empty else "map.nothing_to_pick"), severity="warning"
            )
            return
        current = self.overlay.selected
        ids = [p.id for p in ordered]
        if current is None or current.id not in ids:
            self.select(ordered[0] if step > 0 else ordered[-1])
        else:
            self.select(ordered[(ids.index(current.id) + step) % len(ordered)])

    def action_open(self) -> None:
        if self.overlay.selected is None:
            self.notify(t("map.nothing_selected"), severity="warning")
            return
        self.post_message(self.Opened(self.overlay.selected))

    # -- mouse -------------------------------------------------------------------------

    def _pixel(self, x: int, y: int) -> tuple[float, float]:
        px, py = self.px_per_cell
        return x * px + px / 2, y * py + py / 2

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.show(self.viewport.zoomed(1.5, self._pixel(event.x, event.y)))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.show(self.viewport.zoomed(1 / 1.5, self._pixel(event.x, event.y)))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._drag = (event.x, event.y)
        self._dragged = False
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag is None or not event.button:
            return
        dx, dy = event.x - self._drag[0], event.y - self._drag[1]
        if dx or dy:
            px, py = self.px_per_cell
            self._dragged = True
            self._drag = (event.x, event.y)
            self.show(self.viewport.panned(-dx * px, -dy * py))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        from inspector.services.mapview import nearest_in_scene

        self.release_mouse()
        if self._drag is not None and not self._dragged and self.scene is not None:
            x, y = self._pixel(event.x, event.y)
            px, _ = self.px_per_cell
            point = nearest_in_scene(self.scene, x, y, radius_px=3 * px)
            if point is not None:
                self.select(point)
        self._drag = None
