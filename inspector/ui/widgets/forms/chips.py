"""A choice made with one key: the options in a row, each with its digit.

For field work a drop-down is slow (open, arrow, arrow, enter) and Chinese labels cannot
be typed without an input method; here `1`...`9` and `0` pick an option at once, arrows
move, `space` picks the option under the cursor, `backspace` clears, and a click picks
too. Picking the option already chosen keeps it (many choices have a default, and a
digit pressed "to be sure" must not empty it); only `backspace` clears. Multi-choice (the
items on a sign board) toggles instead.

The option chosen keeps its highlight while the row has the focus, the cursor on it
adding an underline; elsewhere the cursor has a highlight of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from inspector.ui.bindings import localise

DIGITS = "1234567890"
UNDERLINE = Style(underline=True)


class Chips(Widget, can_focus=True):
    """Options shown as chips. `value` is a key (single) or a tuple of keys (multiple)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "key.previous", show=False),
        Binding("right", "move(1)", "key.next", show=False),
        Binding("space", "pick", "key.toggle", show=False),
        Binding("backspace,delete", "clear", "key.clear", show=False),
    ]
    DEFAULT_CSS = """
    Chips { height: auto; width: 1fr; }
    Chips > .chips--selected { background: $accent 50%; color: $text; text-style: bold; }
    Chips:focus > .chips--selected { background: $accent; color: $text; text-style: bold; }
    Chips > .chips--cursor { background: $primary 45%; text-style: bold underline; }
    Chips > .chips--digit { color: $text-muted; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"chips--selected", "chips--cursor", "chips--digit"}

    value: reactive[str | tuple[str, ...] | None] = reactive(None, init=False)
    _pointer: reactive[int] = reactive(0)

    @dataclass
    class Changed(Message):
        chips: Chips
        value: str | tuple[str, ...] | None

        @property
        def control(self) -> Chips:
            return self.chips

    def __init__(
        self,
        options: Sequence[tuple[str, str]],
        *,
        value: str | Sequence[str] | None = None,
        multiple: bool = False,
        digits: str = DIGITS,
        id: str | None = None,
    ) -> None:
        """`options` are (label, key) pairs; `digits` the key that picks each (a severity
        scale reads better as 0-3 than as 1-4)."""
        super().__init__(id=id)
        localise(self)
        self.options = list(options)
        self.digits = digits
        self.multiple = multiple
        if multiple:
            self.set_reactive(Chips.value, tuple(value or ()))
        else:
            self.set_reactive(Chips.value, value if isinstance(value, str) else None)
        self._spans: list[tuple[int, int, int, int]] = []
        """(line, first cell, last cell + 1, option index) of each chip as drawn."""

    def _chosen(self, key: str) -> bool:
        if self.multiple:
            return key in (self.value or ())
        return self.value == key

    def _layout(self, width: int) -> list[list[tuple[int, str]]]:
        lines: list[list[tuple[int, str]]] = [[]]
        used = 0
        for i, (text, _key) in enumerate(self.options):
            digit = self.digits[i] if i < len(self.digits) else " "
            chip = f" {digit} {text} "
            size = cell_len(chip)
            if lines[-1] and used + size > width:
                lines.append([])
                used = 0
            lines[-1].append((i, chip))
            used += size
        return lines

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return len(self._layout(max(1, width)))

    def render(self) -> Text:
        width = max(1, self.content_size.width)
        selected = self.get_component_rich_style("chips--selected")
        cursor = self.get_component_rich_style("chips--cursor")
        digit_style = self.get_component_rich_style("chips--digit")
        text = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for y, line in enumerate(self._layout(width)):
            if y:
                text.append("\n")
            x = 0
            for i, chip in line:
                key = self.options[i][1]
                at_cursor = self.has_focus and i == self._pointer
                style: Style | None
                if self._chosen(key):
                    style = selected + UNDERLINE if at_cursor else selected
                else:
                    style = cursor if at_cursor else None
                digit, rest = chip[:2], chip[2:]
                text.append(digit, style or digit_style)
                text.append(rest, style or "")
                self._spans.append((y, x, x + cell_len(chip), i))
                x += cell_len(chip)
        return text

    def _pick(self, index: int) -> None:
        if not 0 <= index < len(self.options):
            return
        key = self.options[index][1]
        self._pointer = index
        if self.multiple:
            chosen = list(self.value or ())
            if key in chosen:
                chosen.remove(key)
            else:
                chosen.append(key)
            # Keep the options' own order, whatever order they were picked in.
            order = [k for _, k in self.options]
            self.value = tuple(sorted(chosen, key=order.index))
        elif self.value != key:
            self.value = key

    def watch_value(self) -> None:
        self.refresh(layout=True)
        self.post_message(self.Changed(self, self.value))

    def watch__pointer(self) -> None:
        self.refresh()

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character in self.digits:
            index = self.digits.index(event.character)
            if index < len(self.options):
                event.stop()
                event.prevent_default()
                self._pick(index)

    def action_move(self, step: int) -> None:
        self._pointer = max(0, min(len(self.options) - 1, self._pointer + step))

    def action_pick(self) -> None:
        self._pick(self._pointer)

    def action_clear(self) -> None:
        self.value = () if self.multiple else None

    def on_click(self, event: events.Click) -> None:
        for y, x0, x1, index in self._spans:
            if event.y == y and x0 <= event.x < x1:
                self._pick(index)
                break

    def on_focus(self) -> None:
        # The cursor starts on the option chosen, so the arrows move from there.
        if not self.multiple and self.value is not None:
            keys = [k for _, k in self.options]
            if self.value in keys:
                self._pointer = keys.index(self.value)
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
