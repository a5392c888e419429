"""First run: a new, empty, unnamed database. Name this replica, import a ledger, or
open the demo; or just begin."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Button, Static

from inspector.i18n import t
from inspector.ui.screens.base import InspectorScreen


class WelcomeScreen(InspectorScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "init", "welcome.init"),
        Binding("2", "import_ledger", "welcome.import"),
        Binding("3", "demo", "welcome.demo"),
        Binding("4,escape", "begin", "welcome.begin"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome"):
            yield Static(t("welcome.title"), id="welcome-title")
            yield Static(t("welcome.intro", path=self.ctx.db.location), classes="hint")
            yield Button("1  " + t("welcome.init"), id="welcome-init", variant="primary")
            yield Static(t("welcome.init.hint"), classes="hint welcome-hint")
            yield Button("2  " + t("welcome.import"), id="welcome-import")
            yield Static(t("welcome.import.hint"), classes="hint welcome-hint")
            yield Button("3  " + t("welcome.demo"), id="welcome-demo")
            yield Static(t("welcome.demo.hint"), classes="hint welcome-hint")
            yield Button("4  " + t("welcome.begin"), id="welcome-begin")
            yield Static(t("welcome.keys"), classes="hint welcome-hint")

    @on(Button.Pressed, "#welcome-init")
    def action_init(self) -> None:
        from inspector.ui.modals.setup import InitModal

        def named(done: object) -> None:
            if done:
                self.dismiss(None)

        self.app.push_screen(InitModal(), named)

    @on(Button.Pressed, "#welcome-import")
    def action_import_ledger(self) -> None:
        from inspector.ui.modals.setup import ImportModal

        async def imported(done: object) -> None:
            if done:
                self.dismiss(None)
                await self.app.run_action("switch_section('register')")

        self.app.push_screen(ImportModal(), imported)

    @on(Button.Pressed, "#welcome-demo")
    def action_demo(self) -> None:
        from inspector.ui.modals.setup import DemoModal

        self.app.push_screen(DemoModal())

    @on(Button.Pressed, "#welcome-begin")
    def action_begin(self) -> None:
        self.dismiss(None)
