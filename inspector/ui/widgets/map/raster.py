"""Drawing a map scene into terminal cells: Braille (2 x 4 dots a cell, one colour a cell)
or half-blocks (1 x 2 pixels a cell, a colour each), with glyphs on top for what must be
seen and picked (outfalls one by one, your position, the target, the selection).

Plain Python, no Textual: the widget turns the rows into strips, and the benchmarks and
tests draw without a terminal. Colours are names (`COLOURS` in the widget maps them);
each pixel keeps the colour of the most important thing drawn on it (`PRIORITY`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from inspector.services.mapview import (
    STATE_GROUP,
    Overlay,
    Scene,
    Viewport,
    accuracy_radius_px,
    scale_bar,
)

#: Braille dot bits by (row, column) within a cell (Unicode's dot numbering).
_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
PRIORITY = {
    "boundary": 1,
    "river": 2,
    "other": 2,
    "gone": 3,
    "supervised": 4,
    "closing": 5,
    "remediate": 6,
    "investigate": 7,
    "accuracy": 8,
    "target": 9,
    "me": 10,
    "selected": 11,
    "scale": 12,
}

Run = tuple[str, str | None, str | None]
"""(text, foreground colour name, background colour name)."""


class Raster:
    def __init__(self, columns: int, rows: int, mode: str = "braille") -> None:
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        self.mode = mode
        self.braille = mode == "braille"
        self.px_w = self.columns * (2 if self.braille else 1)
        self.px_h = self.rows * (4 if self.braille else 2)
        n = self.columns * self.rows
        self.bits = bytearray(n)
        self.colour: list[str | None] = [None] * n
        self.prio = bytearray(n)
        # Half-blocks: a colour per pixel (two a cell).
        self.pixels: list[str | None] = [None] * (n * 2) if not self.braille else []
        self.pixel_prio = bytearray(n * 2) if not self.braille else bytearray()
        self.glyphs: dict[int, tuple[str, str, int]] = {}

    # -- pixels ------------------------------------------------------------------------

    def plot(self, x: float, y: float, colour: str) -> None:
        xi, yi = int(x), int(y)
        if xi < 0 or yi < 0 or xi >= self.px_w or yi >= self.px_h:
            return
        p = PRIORITY.get(colour, 1)
        if self.braille:
            i = (yi >> 2) * self.columns + (xi >> 1)
            self.bits[i] |= _BITS[yi & 3][xi & 1]
            if p >= self.prio[i]:
                self.prio[i] = p
                self.colour[i] = colour
        else:
            i = yi * self.columns + xi
            if p >= self.pixel_prio[i]:
                self.pixel_prio[i] = p
                self.pixels[i] = colour

    def line(self, x0: float, y0: float, x1: float, y1: float, colour: str) -> None:
        w, h = self.px_w, self.px_h
        if (
            (x0 < 0 and x1 < 0)
            or (y0 < 0 and y1 < 0)
            or (x0 >= w and x1 >= w)
            or (y0 >= h and y1 >= h)
        ):
            return
        steps = int(max(abs(x1 - x0), abs(y1 - y0)))
        if steps > 4 * (w + h):
            # A segment far longer than the screen: walk only the part that is on it.
            x0, y0, x1, y1 = _clip(x0, y0, x1, y1, w, h)
            steps = int(max(abs(x1 - x0), abs(y1 - y0)))
        if steps == 0:
            self.plot(x0, y0, colour)
            return
        dx, dy = (x1 - x0) / steps, (y1 - y0) / steps
        plot = self.plot
        for k in range(steps + 1):
            plot(x0 + dx * k, y0 + dy * k, colour)

    def polyline(self, points: Sequence[tuple[float, float]], colour: str) -> None:
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            self.line(x0, y0, x1, y1, colour)

    def circle(self, cx: float, cy: float, radius: float, colour: str) -> None:
        if radius < 1:
            return
        steps = max(12, int(2 * math.pi * radius))
        for k in range(steps):
            a = 2 * math.pi * k / steps
            self.plot(cx + radius * math.cos(a), cy + radius * math.sin(a), colour)

    def fill(self, x: float, y: float, size: float, colour: str) -> None:
        """A square of `size` pixels centred on (x, y) (at least one pixel)."""
        if size <= 1.0:
            self.plot(x, y, colour)
            return
        half = size / 2
        for yy in range(int(y - half), math.ceil(y + half)):
            for xx in range(int(x - half), math.ceil(x + half)):
                self.plot(xx, yy, colour)

    # -- cells -------------------------------------------------------------------------

    def cell_of(self, x: float, y: float) -> tuple[int, int]:
        if self.braille:
            return int(x) >> 1, int(y) >> 2
        return int(x), int(y) >> 1

    def glyph_at(self, x: float, y: float, char: str, colour: str) -> None:
        """`char` on the cell holding pixel (x, y), unless something more important is."""
        col, row = self.cell_of(x, y)
        self.glyph(col, row, char, colour)

    def glyph(self, col: int, row: int, char: str, colour: str) -> None:
        if 0 <= col < self.columns and 0 <= row < self.rows:
            i = row * self.columns + col
            p = PRIORITY.get(colour, 1)
            held = self.glyphs.get(i)
            if held is None or p >= held[2]:
                self.glyphs[i] = (char, colour, p)

    def text(self, col: int, row: int, text: str, colour: str) -> None:
        for k, ch in enumerate(text):
            self.glyph(col + k, row, ch, colour)

    # -- out ---------------------------------------------------------------------------

    def runs(self) -> list[list[Run]]:
        """Each row as runs of (text, foreground, background)."""
        out = []
        glyphs = self.glyphs
        for row in range(self.rows):
            runs: list[Run] = []
            text: list[str] = []
            style: tuple[str | None, str | None] = (None, None)
            base = row * self.columns
            for col in range(self.columns):
                i = base + col
                held = glyphs.get(i)
                fg: str | None
                bg: str | None
                if held is not None:
                    ch, fg, bg = held[0], held[1], None
                elif self.braille:
                    bits = self.bits[i]
                    ch, fg, bg = (
                        (chr(0x2800 + bits), self.colour[i], None) if bits else (" ", None, None)
                    )
                else:
                    top, bottom = (
                        self.pixels[2 * row * self.columns + col],
                        self.pixels[(2 * row + 1) * self.columns + col],
                    )
                    if top is None and bottom is None:
                        ch, fg, bg = " ", None, None
                    elif bottom is None:
                        ch, fg, bg = "▀", top, None
                    elif top is None:
                        ch, fg, bg = "▄", bottom, None
                    else:
                        ch, fg, bg = "▀", top, bottom
                if (fg, bg) != style and text:
                    runs.append(("".join(text), *style))
                    text = []
                style = (fg, bg)
                text.append(ch)
            if text:
                runs.append(("".join(text), *style))
            out.append(runs)
        return out


def _clip(
    x0: float, y0: float, x1: float, y1: float, w: float, h: float
) -> tuple[float, float, float, float]:
    """Liang-Barsky: the part of a segment inside [0, w] x [0, h] (or a point outside)."""
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0), (dx, w - 1 - x0), (-dy, y0), (dy, h - 1 - y0)):
        if p == 0:
            if q < 0:
                return -1, -1, -1, -1
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 > t1:
            return -1, -1, -1, -1
    return x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy


# -- a scene ------------------------------------------------------------------------------

GLYPH_LIMIT = 900
"""Up to this many outfalls in view, each is a glyph (seen and picked); more are dots."""


def paint(scene: Scene, raster: Raster, overlay: Overlay | None = None) -> Raster:
    """Draw a scene and what goes on top of it into `raster`."""
    for kind, lines in scene.lines:
        colour = "boundary" if kind == "boundaries" else "river" if kind == "rivers" else "other"
        for line in lines:
            raster.polyline(line, colour)
    viewport = scene.viewport
    if scene.points is not None:
        glyphs = len(scene.points) <= GLYPH_LIMIT
        project = viewport.project
        for p in scene.points:
            x, y = project(p.lat, p.lon)
            group = STATE_GROUP.get(p.state, "gone")
            if glyphs:
                raster.glyph_at(x, y, "●", group)
            else:
                raster.plot(x, y, group)
    for x, y, size, group in scene.cells:
        raster.fill(x, y, size, group)
    if overlay is not None:
        _overlay(raster, viewport, overlay)
    # Scale bar (bottom left) and north (top right).
    length_px, label = scale_bar(viewport.m_per_px, raster.px_w / 4)
    cell_px = 2 if raster.braille else 1
    cells = max(2, round(length_px / cell_px))
    raster.text(1, raster.rows - 1, "├" + "─" * (cells - 2) + "┤ " + label, "scale")
    raster.text(raster.columns - 2, 0, "N", "scale")
    raster.text(raster.columns - 2, 1, "↑", "scale")
    return raster


def _overlay(raster: Raster, viewport: Viewport, overlay: Overlay) -> None:
    if overlay.me is not None:
        lat, lon, accuracy, live = overlay.me
        x, y = viewport.project(lat, lon)
        raster.circle(x, y, accuracy_radius_px(viewport, accuracy), "accuracy")
        raster.glyph_at(x, y, "◉", "me" if live else "accuracy")
    if overlay.target is not None:
        x, y = viewport.project(overlay.target.lat, overlay.target.lon)
        raster.glyph_at(x, y, "✚", "target")
    if overlay.selected is not None:
        x, y = viewport.project(overlay.selected.lat, overlay.selected.lon)
        raster.glyph_at(x, y, "◆", "selected")
