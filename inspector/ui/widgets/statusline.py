"""A one-line status whose changes repaint that line only.

`Static.update` asks for a new layout of the whole screen; a status that changes on every
keystroke and every cursor move must not.
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.widget import Widget


class StatusLine(Widget):
    DEFAULT_CSS = "StatusLine { height: 1; }"

    text: reactive[str] = reactive("", layout=False)

    def render(self) -> str:
        return self.text
