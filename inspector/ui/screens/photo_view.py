"""One photo as large as the terminal allows, with what it shows in a line above;
`left`/`right` go through the photos it was opened from, `escape` goes back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from inspector.i18n import t
from inspector.ui.screens.base import RecordScreen
from inspector.ui.widgets.keybar import KeyBar
from inspector.ui.widgets.photos.preview import PhotoPreview


@dataclass(frozen=True)
class Shown:
    """A photo to show and the line that says what it is."""

    sha256: str
    caption: str


class PhotoViewScreen(RecordScreen):
    CSS_PATH: ClassVar = "../styles/photos.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.back"),
        Binding("left", "step(-1)", "key.photo_previous", key_display="←"),
        Binding("right", "step(1)", "key.photo_next", key_display="→"),
    ]

    def __init__(self, photos: list[Shown], *, index: int = 0) -> None:
        super().__init__()
        self.photos = photos
        self.index = max(0, min(index, len(photos) - 1))

    def compose(self) -> ComposeResult:
        yield Static("", id="photo-view-caption", markup=False)
        yield PhotoPreview(size="view", id="photo-view")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        if not self.photos:
            self.dismiss(None)
            return
        shown = self.photos[self.index]
        position = t("photos.view.position", n=self.index + 1, total=len(self.photos))
        self.query_one("#photo-view-caption", Static).update(f"{position}  {shown.caption}")
        self.query_one(PhotoPreview).show(shown.sha256)

    def action_step(self, delta: int) -> None:
        index = self.index + delta
        if 0 <= index < len(self.photos):
            self.index = index
            self._show()
