"""The bar at the bottom of every screen: the keys that work here, each clickable."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

ELLIPSIS = " …"
"""Where keys that do not fit were left out."""


class KeyBar(Widget):
    """The screen's active key bindings in one line, and the command palette's at the right.

    What Textual's `Footer` shows, drawn as one widget: `Footer` mounts a widget per key
    and mounts them all again whenever the bindings change (each change of focus), which
    made it the largest part of the time a screen takes to appear. This one only redraws.
    """

    # Clickable, but drawn in the footer's colours rather than as links.
    auto_links = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "keybar--key",
        "keybar--description",
        "keybar--disabled",
        "keybar--separator",
    }

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self.refresh()

    def _shown(self) -> tuple[list[tuple[Binding, bool]], tuple[Binding, bool] | None]:
        """The bindings to show (one per action, in the screen's order) and the palette's.
        Inside a form a plain key is text, not a command (`inspector.ui.keys`): its
        binding shows dimmed."""
        from inspector.ui.keys import in_form, plain

        typing = in_form(self.screen.focused)
        palette: tuple[Binding, bool] | None = None
        shown: dict[str, tuple[Binding, bool]] = {}
        for key, (node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = (binding, enabled)
            elif binding.show and binding.action not in shown:
                if typing and plain(key) and (node is self.screen or node is self.app):
                    enabled = False
                shown[binding.action] = (binding, enabled)
        return list(shown.values()), palette

    def _item(self, binding: Binding, enabled: bool) -> Content:
        key = self.get_visual_style("keybar--key")
        description = self.get_visual_style("keybar--description")
        if not enabled:
            disabled = self.get_visual_style("keybar--disabled", partial=True)
            key, description = key + disabled, description + disabled
        click = Style.from_meta({"@click": f"app.simulate_key({binding.key!r})"})
        return Content.assemble(
            (f" {self.app.get_key_display(binding)} ", key + click),
            (f"{binding.description} ", description + click),
        )

    def render(self) -> Content:
        bindings, palette = self._shown()
        items = [self._item(binding, enabled) for binding, enabled in bindings]
        right = (
            Content.assemble(
                ("▏", self.get_visual_style("keybar--separator")), self._item(*palette)
            )
            if palette is not None
            else Content("")
        )
        room = max(0, self.size.width - right.cell_length)
        left = Content("").join(items)
        if left.cell_length > room:
            # More keys than room: the palette's stays (it reaches every action), and the
            # others while they fit whole, then an ellipsis; F1 lists every key.
            kept: list[Content] = []
            used = len(ELLIPSIS)
            for item in items:
                if used + item.cell_length > room:
                    break
                kept.append(item)
                used += item.cell_length
            left = Content("").join([*kept, Content(ELLIPSIS)]).truncate(room)
        return left + " " * max(0, room - left.cell_length) + right
