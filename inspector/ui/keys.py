"""The keyboard model: what a key means, and when a plain key is text rather than a command.

Keys with a modifier, function keys and `escape` mean one thing everywhere (`MEANINGS`:
`ctrl+s` saves, `ctrl+r` reloads, `escape` goes back or stops...); a test walks every
binding of every screen and widget and holds them to it. A plain key (a letter, a digit,
`/`, `[`) is a command of the screen it is pressed on, and never while the user is typing:
in a text box the box takes it, and inside a form (a choice, a drop-down, a check box of
a form) it is text that went to the wrong place, not a command. `guard_typing` stops such
a key before the screen's and the app's bindings see it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual import events
    from textual.screen import Screen
    from textual.widget import Widget

MEANINGS: dict[str, frozenset[str]] = {
    "escape": frozenset(
        {"back", "cancel", "close", "stay", "stop", "stop_import", "begin", "dismiss", "escape"}
    ),
    "ctrl+s": frozenset({"save", "confirm", "save_user"}),
    "ctrl+r": frozenset({"reload"}),
    "ctrl+q": frozenset({"quit"}),
    "ctrl+p": frozenset({"command_palette"}),
    "ctrl+o": frozenset({"import_bundle", "import_ledger"}),
    "ctrl+t": frozenset({"export", "export_ledger"}),
    "f1": frozenset({"help", "back"}),
    # A bigger step: a word in a text box, a tab where a section has tabs.
    "ctrl+left": frozenset({"cursor_left_word", "next_tab"}),
    "ctrl+right": frozenset({"cursor_right_word", "next_tab"}),
    "ctrl+c": frozenset({"copy", "screen.copy_text", "help_quit"}),
    "super+c": frozenset({"copy", "screen.copy_text"}),
    # The ends of a list (the palette's own list, a table).
    "ctrl+home": frozenset({"scroll_top", "command_list"}),
    "ctrl+end": frozenset({"scroll_bottom", "command_list"}),
}
"""Keys that mean the same everywhere, and the actions that carry that meaning (escape
backs out of whatever is under way: a dialog, a record, an import).

Any other key with a modifier, function key or `escape` must have one action wherever it is
bound; plain keys are the screen's own."""


def takes_text(widget: Widget) -> bool:
    """A text box: an `Input` or a `TextArea` (by name: neither module is loaded for the
    first frame, and this is asked on every key)."""
    return any(c.__name__ in ("Input", "TextArea") for c in type(widget).__mro__)


def plain(key: str) -> bool:
    """A key that types a character: a letter, a digit, punctuation (not space or enter,
    which act on the focused control)."""
    from textual.keys import _character_to_key

    if len(key) == 1:
        return key.isprintable() and not key.isspace()
    # Textual names punctuation keys (`slash`, `left_square_bracket`).
    return any(_character_to_key(ch) == key for ch in "/[]-=;',.`\\")


FORM_CLASSES = frozenset({"field", "field-row", "path-box"})
"""Containers of what a person types: a form's field, a row of controls beside a text box
(a path and its browse button, the export's target), a path box."""


def in_form(widget: Widget | None) -> bool:
    """Whether `widget` is a text box, or a control of a form or beside a text box (where
    a plain key is text that went to the wrong place, never a command: a path typed on
    after `tab` left the box must not open a form)."""
    if widget is None:
        return False
    if takes_text(widget):
        return True
    return any(not FORM_CLASSES.isdisjoint(node.classes) for node in widget.ancestors_with_self)


def guard_typing(screen: Screen[object], event: events.Key) -> None:
    """Stop a plain key pressed inside a form from reaching the screen's and the app's
    bindings (the focused control and its containers keep theirs)."""
    focused = screen.focused
    if not plain(event.key) or not in_form(focused):
        return
    assert focused is not None
    for node in focused.ancestors_with_self:
        if node is screen:
            break
        if event.key in node._bindings.key_to_bindings:
            return  # the control's own key: its binding runs from the app's key handler
    event.stop()
    event.prevent_default()
