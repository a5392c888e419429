"""The command palette (`ctrl+p`): every action, in the user's language.

`app_commands` lists the sections, the global actions and every described key binding of
the screen the palette was opened from, so whatever a key does, the palette does too.
`OutfallCommands` finds outfalls by code or name, as the register's search does.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.command import Hit, Hits, Provider

from inspector.domain.printable import printable
from inspector.i18n import has, t
from inspector.ui import navigation
from inspector.ui.screens.help import key_name

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen


def app_commands(app: App[Any], screen: Screen[Any]) -> Iterable[SystemCommand]:
    seen: set[str] = set()
    for entry in navigation.SECTIONS:
        title = t("cmd.go", section=t(entry.title))
        seen.add(f"switch_section('{entry.name}')")
        yield SystemCommand(
            title,
            t("cmd.go.help", key=entry.key.upper()),
            functools.partial(app.run_action, f"switch_section('{entry.name}')"),
        )
    for node in (screen, app):
        for _key, binding in node._bindings:
            action = binding.action
            if not binding.description or action in seen or action == "command_palette":
                continue
            seen.add(action)
            description = _described(binding.description)
            yield SystemCommand(
                description,
                t("cmd.key", key=binding.key_display or key_name(binding.key)),
                functools.partial(screen.run_action if node is screen else app.run_action, action),
            )
    yield SystemCommand(t("cmd.language"), t("cmd.language.help"), _toggle_language(app))


def _described(description: str) -> str:
    """A binding's description in the user's language: ours are message keys (or already
    translated by `localise`); Textual's own ("Focus Next", "Copy selected text") have
    theirs under `textual.`."""
    if has(description):
        return t(description)
    key = "textual." + description
    return t(key) if has(key) else description


def _toggle_language(app: App[object]):  # type: ignore[no-untyped-def]
    def toggle() -> None:
        from inspector.i18n import language

        app.change_language("en" if language() == "zh" else "zh")  # type: ignore[attr-defined]

    return toggle


class OutfallCommands(Provider):
    """Open an outfall by typing part of its code or name."""

    async def search(self, query: str) -> Hits:
        from inspector.data.browse import find_outfalls
        from inspector.domain.choices import State
        from inspector.ui.context import context_of
        from inspector.ui.text import label

        if not query.strip():
            return
        ctx = context_of(self.screen)

        def lookup() -> list[Any]:
            with ctx.read() as conn:
                return find_outfalls(conn, query, limit=12)

        found = await asyncio.to_thread(lookup)
        app = self.app
        for n, outfall in enumerate(found):
            text = printable(f"{outfall.code}  {outfall.name}")
            yield Hit(
                1.0 - n / 100,
                text,
                functools.partial(app.open_outfall, outfall.id),  # type: ignore[attr-defined]
                text=text,
                help=t("cmd.open_outfall", state=label(State, outfall.state)),
            )
