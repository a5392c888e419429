"""Proof of concept (not part of the app): true-pixel photo preview in Textual with
textual-image, half-blocks from `inspector.services.photos.thumbs` as the fallback.

    python -m venv /tmp/poc && /tmp/poc/bin/pip install textual textual-image pillow
    PYTHONPATH=. /tmp/poc/bin/python notes/preview_poc.py DB SHA256        # interactive
    PYTHONPATH=. /tmp/poc/bin/python notes/preview_poc.py DB SHA256 --check  # headless

textual-image must be imported before the app starts: it asks the terminal for its cell
size and graphics support, which cannot be done once Textual owns the terminal.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import textual_image.renderable  # noqa: F401  (probes the terminal: before Textual starts)
from rich.segment import Segment
from rich.style import Style
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer, Label
from textual_image.widget import Image as PixelImage

from inspector.services.photos import thumbs


class HalfBlockImage(Widget):
    """The fallback: our own pure half-block cells, drawn as "▀" with two colours."""

    def __init__(self, db: Path, sha256: str) -> None:
        super().__init__()
        self.db, self.sha256 = db, sha256
        self.blocks: thumbs.HalfBlocks | None = None

    def on_resize(self) -> None:
        # In the app this runs in a worker (@work(thread=True)); the call is pure.
        self.blocks = thumbs.half_blocks_of(
            self.db, self.sha256, columns=self.size.width, rows=self.size.height
        )
        self.refresh()

    def render_line(self, y: int) -> Strip:
        if self.blocks is None or y >= self.blocks.rows:
            return Strip.blank(self.size.width)
        return Strip(
            Segment(
                thumbs.HalfBlocks.CHARACTER,
                Style(color=f"rgb{cell.top}", bgcolor=f"rgb{cell.bottom}"),
            )
            for cell in self.blocks.cells[y]
        )


class PreviewApp(App[None]):
    CSS = "PixelImage, HalfBlockImage { width: 1fr; height: 1fr; }"
    BINDINGS = [("q", "quit", "Quit"), ("h", "toggle", "Half-blocks / pixels")]

    def __init__(self, db: Path, sha256: str) -> None:
        super().__init__()
        self.db, self.sha256 = db, sha256

    def compose(self) -> ComposeResult:
        path = thumbs.thumbnail(self.db, self.sha256, size=thumbs.VIEW_SIZE)
        # textual_image picks Kitty (TGP), Sixel, or its own half-cells by what the
        # terminal answered; the cached, upright JPEG is all it needs.
        yield Label(f"{self.sha256[:12]} · {type(PixelImage).__name__}")
        yield PixelImage(str(path), id="pixels")
        yield Footer()

    async def action_toggle(self) -> None:
        current = self.query_one("#pixels")
        await current.remove()
        if isinstance(current, HalfBlockImage):
            path = thumbs.thumbnail(self.db, self.sha256, size=thumbs.VIEW_SIZE)
            replacement: Widget = PixelImage(str(path), id="pixels")
        else:
            replacement = HalfBlockImage(self.db, self.sha256)
            replacement.id = "pixels"
        await self.mount(replacement, before=self.query_one(Footer))


async def check(db: Path, sha256: str) -> None:
    app = PreviewApp(db, sha256)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        pixels = app.query_one("#pixels")
        print("mounted:", type(pixels).__name__, pixels.size)
        await pilot.press("h")
        await pilot.pause()
        fallback = app.query_one("#pixels")
        assert isinstance(fallback, HalfBlockImage) and fallback.blocks is not None
        print("half-blocks:", fallback.blocks.columns, "×", fallback.blocks.rows, "cells")
    # What a Kitty terminal is sent: the picture once, as a Terminal Graphics Protocol
    # message (ESC _ G ... f=100: PNG), then Unicode placeholders (U+10EEEE) in the cells
    # where it shows, so Textual can lay it out and scroll it like text.
    import io

    from rich.console import Console
    from textual_image.renderable.tgp import Image as TGP

    console = Console(force_terminal=True, width=60, file=io.StringIO())
    sent = io.StringIO()
    real, sys.__stdout__ = sys.__stdout__, sent  # textual-image writes to the real terminal
    try:
        with console.capture() as captured:
            console.print(TGP(str(thumbs.thumbnail(db, sha256)), width=40))
    finally:
        sys.__stdout__ = real
    cells, message = captured.get(), sent.getvalue()
    print(f"kitty: {len(message)} bytes of image message, {cells.count(chr(0x10EEEE))} placeholder cells")
    assert message.startswith("\x1b_G") and "f=100" in message
    assert "\U0010eeee" in cells


if __name__ == "__main__":
    db_path, sha = Path(sys.argv[1]), sys.argv[2]
    if "--check" in sys.argv:
        asyncio.run(check(db_path, sha))
    else:
        PreviewApp(db_path, sha).run()
