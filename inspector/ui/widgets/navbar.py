"""The bar at the top of every screen: the sections with their keys, and where you are."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from inspector.i18n import t
from inspector.ui import navigation
from inspector.ui.context import context_of


class NavBar(Horizontal):
    """Section tabs (clickable, with their function keys) and the replica's name."""

    def __init__(self, *, current: str | None = None, title: str | None = None) -> None:
        super().__init__()
        self._current = current
        self._title = title

    def compose(self) -> ComposeResult:
        yield Static(t("app.title"), classes="nav-app")
        for entry in navigation.SECTIONS:
            tab = Static(
                f"[@click=app.switch_section('{entry.name}')]{entry.key.upper()} {t(entry.title)}[/]",
                classes="nav-tab",
                id=f"nav-{entry.name}",
                markup=True,
            )
            if entry.name == self._current:
                tab.add_class("-current")
            yield tab
        if self._title:
            yield Static(self._title, classes="nav-title", markup=False)
        yield Static(self._where(), classes="nav-where", markup=False)

    def _where(self) -> str:
        ctx = context_of(self)
        replica = ctx.replica()
        name = replica.name or t("nav.unnamed")
        return f"{name} · {ctx.db.path.name}"
