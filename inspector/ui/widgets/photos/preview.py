"""A photo shown in the cells it is given: true pixels where the terminal has a graphics
protocol, half-blocks everywhere else.

The picture is made in a thread worker from the cached thumbnail (`<db>.thumbs/`, made
at import; the full view asks for the larger size, made once on demand), so moving
through a list never waits for Pillow. Half-block cells are kept in a small cache of
their own, keyed by photo and box, so going back to a photo costs nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.app import ComposeResult
from textual.strip import Strip
from textual.widget import Widget

from inspector.i18n import t
from inspector.ui import pixels
from inspector.ui.context import context_of
from inspector.ui.text import fit

#: Half-block pictures kept in memory: a full-screen one is ~4,500 cell objects (about
#: a megabyte), so a couple of dozen covers going back and forth through a review.
CACHE_SIZE = 24
_cache: OrderedDict[tuple[str, str, int, int], Any] = OrderedDict()


def _cached(key: tuple[str, str, int, int]) -> Any:
    found = _cache.get(key)
    if found is not None:
        _cache.move_to_end(key)
    return found


def _remember(key: tuple[str, str, int, int], blocks: Any) -> None:
    _cache[key] = blocks
    _cache.move_to_end(key)
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)


def _problem(error: BaseException) -> str:
    from inspector.services.photos.formats import BadPhoto

    if isinstance(error, FileNotFoundError):
        return t("photos.preview.missing")
    if isinstance(error, BadPhoto):
        return t("photos.preview.damaged")
    return t("photos.preview.failed", error=f"{type(error).__name__}: {error}")


class HalfBlockImage(Widget):
    """A photo as "▀" cells, upper pixel in the foreground colour, lower in the background,
    centred in the widget; a line of text instead when there is nothing to show."""

    DEFAULT_CSS = "HalfBlockImage { width: 1fr; height: 1fr; }"

    def __init__(self, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self.sha256: str | None = None
        self.blocks: Any = None
        self.message = ""

    def show(self, sha256: str | None, *, empty: str = "") -> None:
        self.sha256 = sha256
        self.blocks = None
        self.message = empty if sha256 is None else t("photos.preview.loading")
        self.refresh()
        self._request()

    def on_resize(self) -> None:
        self._request()

    def _request(self) -> None:
        if self.sha256 is None or not self.is_mounted:
            return
        width, height = self.size
        if width < 1 or height < 1:
            return
        key = (str(context_of(self).db.path), self.sha256, width, height)
        found = _cached(key)
        if found is not None:
            self._shown(key, found, "")
        else:
            self._make(key)

    @work(thread=True, exclusive=True, exit_on_error=False, group="preview")
    def _make(self, key: tuple[str, str, int, int]) -> None:
        from inspector.services.photos import thumbs

        db, sha256, width, height = key
        try:
            blocks = thumbs.half_blocks_of(Path(db), sha256, columns=width, rows=height)
        except Exception as error:  # a missing or damaged original: say so in the box
            self.app.call_from_thread(self._shown, key, None, _problem(error))
            return
        _remember(key, blocks)
        self.app.call_from_thread(self._shown, key, blocks, "")

    def _shown(self, key: tuple[str, str, int, int], blocks: Any, message: str) -> None:
        if key[1] != self.sha256:
            return  # the selection moved on while this one was being made
        self.blocks = blocks
        self.message = message
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        blocks = self.blocks
        if blocks is None:
            if y == height // 2 and self.message:
                text = self.message
                pad = max(0, (width - cell_len(text)) // 2)
                return Strip([Segment(" " * pad), Segment(fit(text, width - pad))]).crop(0, width)
            return Strip.blank(width)
        top = (height - blocks.rows) // 2
        row = y - top
        if row < 0 or row >= blocks.rows:
            return Strip.blank(width)
        left = (width - blocks.columns) // 2
        character = blocks.CHARACTER
        segments = [Segment(" " * left)] if left > 0 else []
        segments.extend(
            Segment(character, Style(color=f"rgb{cell.top}", bgcolor=f"rgb{cell.bottom}"))
            for cell in blocks.cells[row]
        )
        return Strip(segments).extend_cell_length(width)


class PhotoPreview(Widget):
    """The preview box: textual-image's widget on the cached JPEG when the terminal has a
    graphics protocol (`inspector.ui.pixels`), else `HalfBlockImage`."""

    DEFAULT_CSS = "PhotoPreview { width: 1fr; height: 1fr; }"

    def __init__(self, *, size: str = "thumb", id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self.pixels = pixels.protocol() is not None
        self._scale = size
        self.sha256: str | None = None

    def compose(self) -> ComposeResult:
        if self.pixels:
            from textual_image.widget import Image

            yield Image(None, id="preview-pixels")
        else:
            yield HalfBlockImage(id="preview-cells")

    def show(self, sha256: str | None, *, empty: str = "") -> None:
        self.sha256 = sha256
        if not self.pixels:
            self.query_one(HalfBlockImage).show(sha256, empty=empty)
            return
        self.query_one("#preview-pixels").image = None  # type: ignore[attr-defined]
        if sha256 is not None:
            self._pixels(sha256)

    @work(thread=True, exclusive=True, exit_on_error=False, group="preview")
    def _pixels(self, sha256: str) -> None:
        from inspector.services.photos import thumbs

        size = thumbs.VIEW_SIZE if self._scale == "view" else thumbs.THUMB_SIZE
        try:
            path = thumbs.thumbnail(context_of(self).db.path, sha256, size=size)
        except Exception as error:
            self.app.call_from_thread(self.notify, _problem(error), severity="warning")
            return
        self.app.call_from_thread(self._set_pixels, sha256, path)

    def _set_pixels(self, sha256: str, path: Path) -> None:
        if sha256 == self.sha256:
            self.query_one("#preview-pixels").image = str(path)  # type: ignore[attr-defined]
