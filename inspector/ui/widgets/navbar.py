"""The bar at the top of every screen: the sections with their keys, and where you are."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from inspector.domain.printable import printable
from inspector.i18n import t
from inspector.ui import navigation
from inspector.ui.context import context_of


class NavBar(Widget):
    """Section tabs (clickable, with their function keys) and the replica's name.

    One widget drawing one line, rather than a widget per tab: every screen has this bar,
    and each widget costs the first frame its share of mounting and styling.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "navbar--app",
        "navbar--tab",
        "navbar--current",
        "navbar--title",
        "navbar--where",
    }

    def __init__(self, *, current: str | None = None, title: str | None = None) -> None:
        super().__init__()
        self._current = current
        self._title = title
        self._where: str | None = None

    def where(self) -> str:
        """This replica's name and its database file."""
        ctx = context_of(self)
        if not ctx.opened:
            return printable(f"{t('nav.connecting')} · {ctx.db.short_name}")
        if self._where is None:
            self._where = printable(
                f"{ctx.replica().name or t('nav.unnamed')} · {ctx.db.short_name}"
            )
        return self._where

    def opened(self) -> None:
        """The database has just been opened: name the replica."""
        self._where = None
        self.refresh()

    def render(self) -> Content:
        def part(text: str, component: str, action: str | None = None) -> tuple[str, Style]:
            style = self.get_visual_style(component)
            if action:
                style += Style.from_meta({"@click": action})
            return f" {text} ", style

        def tabs(compact: bool) -> list[tuple[str, Style]]:
            out = []
            for entry in navigation.SECTIONS:
                current = entry.name == self._current
                component = "navbar--current" if current else "navbar--tab"
                # Compact: the other sections by their key alone (F1 lists them all).
                label = entry.key.upper() + (
                    "" if compact and not current else " " + t(entry.title)
                )
                out.append(part(label, component, f"app.switch_section('{entry.name}')"))
            return out

        title = [part(printable(self._title), "navbar--title")] if self._title else []
        app_title = [part(t("app.title"), "navbar--app")]
        width = self.size.width
        # What gives way when the bar is too narrow, in order: the replica's name (below),
        # the program's own name, the other sections' names; the screen's own title (a
        # form the user is filling in) is cut last, and then with an ellipsis.
        for parts in (
            [*app_title, *tabs(False), *title],
            [*tabs(False), *title],
            [*tabs(True), *title],
        ):
            left = Content.assemble(*parts)
            if left.cell_length <= width:
                break
        if left.cell_length > width and title:
            left = Content.assemble(*parts[:-1])
            rest = Content.assemble(title[0])
            left = left + rest.truncate(max(width - left.cell_length, 0), ellipsis=True)
        where = Content.assemble(part(self.where(), "navbar--where"))
        room = self.size.width - left.cell_length
        if where.cell_length <= room:
            return left + " " * (room - where.cell_length) + where
        # The tabs matter more than the replica's name, which is cut to what is left.
        return left + where.truncate(room, ellipsis=True)
