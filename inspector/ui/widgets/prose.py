"""Paragraphs that wrap as their language does.

Chinese runs on without spaces and may break between any two characters (never inside a
number, a file or replica name, or before a closing mark: `inspector.ui.wrap`); English
wraps at spaces. A widget of its own because a dialog's body must report its height for
the wrapped width.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget


class Prose(Widget):
    DEFAULT_CSS = "Prose { height: auto; }"

    def __init__(self, text: str | Text, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text if isinstance(text, Text) else Text(text)

    def lines(self, width: int) -> list[Text]:
        # Chinese breaks between characters (`ui.wrap`, installed by the app).
        return list(self.text.wrap(self.app.console, max(1, width)))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Text:
        return Text("\n").join(self.lines(self.content_size.width))
