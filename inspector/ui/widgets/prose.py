"""Paragraphs that wrap as their language does.

Chinese runs on without spaces and may break between any two characters; the usual word
wrap breaks only at spaces, so a sentence with a file or replica name in it (set off by
spaces) ends its first line at that space and leaves half the width empty. In Chinese,
lines here are folded at the width, character by character (never inside one wide
character); in English they wrap at spaces.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from inspector.i18n import language


def fold(text: Text, width: int) -> list[Text]:
    """`text`'s lines cut to at most `width` cells each, between characters."""
    out: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        if cell_len(line.plain) <= width:
            out.append(line)
            continue
        cuts: list[int] = []
        used = 0
        for i, ch in enumerate(line.plain):
            size = cell_len(ch)
            if used + size > width:
                cuts.append(i)
                used = 0
            used += size
        out.extend(line.divide(cuts))
    return out


class Prose(Widget):
    DEFAULT_CSS = "Prose { height: auto; }"

    def __init__(self, text: str | Text, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text if isinstance(text, Text) else Text(text)

    def lines(self, width: int) -> list[Text]:
        width = max(1, width)
        if language() == "zh":
            return fold(self.text, width)
        return list(self.text.wrap(self.app.console, width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Text:
        return Text("\n").join(self.lines(self.content_size.width))
