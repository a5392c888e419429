"""`f1`: every key of the app, screen by screen, in the user's language."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from inspector.i18n import has, t
from inspector.ui import navigation
from inspector.ui.screens.base import RecordScreen
from inspector.ui.widgets.keybar import KeyBar
from inspector.ui.widgets.navbar import NavBar

_NAMES = {
    "escape": "Esc",
    "slash": "/",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "enter": "Enter",
    "space": "Space",
    "backspace": "Backspace",
    "delete": "Del",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "home": "Home",
    "end": "End",
    "tab": "Tab",
}


def key_name(key: str) -> str:
    """`ctrl+s` as a person writes it: Ctrl+S. A key pressed alone shows as typed: `n`
    (an upper-case N would mean Shift+N, and does nothing)."""
    names = []
    for alternative in key.split(","):
        parts = alternative.strip().split("+")
        alone = len(parts) == 1
        shown = [
            _NAMES.get(
                p,
                p
                if alone and len(p) == 1
                else p.upper()
                if len(p) == 1 or p.startswith("f")
                else p.capitalize(),
            )
            for p in parts
        ]
        names.append("+".join(shown))
    return " / ".join(names)


def _groups() -> list[tuple[str, list[Any]]]:
    from inspector.ui.app import InspectorApp
    from inspector.ui.modals.form import FormModal
    from inspector.ui.screens.inspection import InspectionScreen
    from inspector.ui.screens.new_outfall import NewOutfallScreen
    from inspector.ui.screens.outfall import OutfallScreen
    from inspector.ui.widgets.forms.chips import Chips
    from inspector.ui.widgets.register.outfall_list import OutfallList

    everywhere = list(InspectorApp.BINDINGS) + [
        Binding(s.key, "", s.title) for s in navigation.SECTIONS
    ]
    groups: list[tuple[str, list[Any]]] = [("help.everywhere", everywhere)]
    for entry in navigation.SECTIONS:
        screen = entry.load()
        groups.append((entry.title, list(screen.BINDINGS)))
        if entry.name == "register":
            groups.append(("help.register_list", list(OutfallList.BINDINGS)))
    groups += [
        ("help.outfall", list(OutfallScreen.BINDINGS)),
        ("help.inspection", list(InspectionScreen.BINDINGS)),
        ("help.new_outfall", list(NewOutfallScreen.BINDINGS)),
        ("help.dialogs", list(FormModal.BINDINGS)),
        ("help.chips", list(Chips.BINDINGS)),
    ]
    return groups


class HelpScreen(RecordScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1", "back", "key.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, str, str]] = []
        """(group, key, description) of every line shown."""

    def compose(self) -> ComposeResult:
        yield NavBar(current=self.app.current_mode, title=t("help.title"))
        with VerticalScroll(id="help-body"):
            yield Static(t("help.intro"), classes="hint")
            for title, bindings in _groups():
                yield Static(t(title), classes="section-title")
                yield Static(self._table(t(title), bindings))
        yield KeyBar()

    def _table(self, group: str, bindings: list[Any]) -> Table:
        table = Table.grid(padding=(0, 3))
        table.add_column(style="bold", no_wrap=True, min_width=16)
        table.add_column()
        seen: set[str] = set()
        for binding in bindings:
            if isinstance(binding, tuple):
                binding = Binding(*binding)
            if not binding.description or binding.key in seen:
                continue
            seen.add(binding.key)
            text = t(binding.description) if has(binding.description) else binding.description
            key = binding.key_display or key_name(binding.key)
            table.add_row(key, text)
            self.rows.append((group, key, text))
        return table
