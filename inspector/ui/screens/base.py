"""What every screen of the app has in common."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen

from inspector.ui.bindings import localise
from inspector.ui.context import UiContext, context_of
from inspector.ui.keys import guard_typing


def after_first_paint(node: DOMNode, callback: Callable[[], Awaitable[None] | None]) -> None:
    """Run `callback` on `node` once the app's first frame is on the terminal.

    Through `node`'s own queue: a screen's first frame is itself queued there, so what is
    scheduled now runs after it is drawn.
    """
    context_of(node).after_first_paint(partial(node.call_later, callback))


class InspectorScreen(Screen[Any]):
    """A screen whose key descriptions are message keys (see `inspector.ui.bindings`)."""

    SECTION: ClassVar[str | None] = None
    """The section this screen belongs to (its tab is highlighted)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localise(self)

    @property
    def ctx(self) -> UiContext:
        return context_of(self)

    def on_key(self, event: events.Key) -> None:
        # A letter typed into a form is never a command (`inspector.ui.keys`).
        guard_typing(self, event)

    def palette_commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """Commands the palette offers on this screen besides its keys: (title, help,
        what to run)."""
        return []


class RecordScreen(InspectorScreen):
    """A screen opened on top of a section (one outfall, a form): `escape` goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "key.back")]

    def action_back(self) -> None:
        self.dismiss(None)
