"""The top-level sections of the UI, and how to add one.

Each section is a Textual *mode*: a screen stack of its own, reached by a function key,
from the navigation bar, and from the command palette; the help screen lists its keys.
Screens of one record (an outfall, an inspection form) are pushed on top of the section
they were opened from, and `escape` goes back.

Adding a section (Photos, Sync, Conflicts, Plans...) takes two steps:

1. a module under `inspector.ui.screens` with a `Screen` subclass; its `BINDINGS` give
   its keys (descriptions are i18n keys), and it may compose `NavBar` and `KeyBar` like
   the others (see `screens/register.py`);
2. one `Section` in `SECTIONS` below, with its title key (added to `inspector/i18n/ui.py`
   or the area's own catalog) and a free function key.

Nothing else changes: the app, the palette, the navigation bar and the help screen read
this list. The module is imported only when the section is first opened, so a new section
costs nothing at start-up.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True)
class Section:
    name: str
    """The mode name; also the `id` of its tab in the navigation bar."""
    title: str
    """i18n key of its title."""
    key: str
    """Its function key."""
    screen: str
    """`module:Class` of its screen, imported on first use."""

    def load(self) -> type[Screen]:
        module, _, name = self.screen.partition(":")
        cls: type[Screen] = getattr(importlib.import_module(module), name)
        return cls


SECTIONS: tuple[Section, ...] = (
    Section("dashboard", "nav.dashboard", "f2", "inspector.ui.screens.dashboard:DashboardScreen"),
    Section("register", "nav.register", "f3", "inspector.ui.screens.register:RegisterScreen"),
    Section("photos", "nav.photos", "f4", "inspector.ui.screens.photos:PhotosScreen"),
    Section("plans", "nav.plans", "f5", "inspector.ui.screens.plans:PlansScreen"),
    Section("sync", "nav.sync", "f6", "inspector.ui.screens.sync:SyncScreen"),
    Section("conflicts", "nav.conflicts", "f7", "inspector.ui.screens.conflicts:ConflictsScreen"),
    Section("map", "nav.map", "f8", "inspector.ui.screens.map:MapScreen"),
    Section("settings", "nav.settings", "f9", "inspector.ui.screens.settings:SettingsScreen"),
)

FIRST = "dashboard"


def section(name: str) -> Section:
    for entry in SECTIONS:
        if entry.name == name:
            return entry
    raise KeyError(name)
