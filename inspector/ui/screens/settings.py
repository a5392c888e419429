"""Settings: the interface language, who you are, and which replica this is."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from inspector.domain.choices import ReplicaRole
from inspector.domain.printable import printable
from inspector.i18n import language, t
from inspector.ui.screens.base import InspectorScreen
from inspector.ui.text import label
from inspector.ui.widgets.forms.chips import Chips
from inspector.ui.widgets.infotable import facts
from inspector.ui.widgets.navbar import NavBar


class SettingsScreen(InspectorScreen):
    SECTION: ClassVar[str | None] = "settings"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save_user", "key.save", priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield NavBar(current="settings")
        with VerticalScroll(id="settings-body"):
            yield Static(t("set.language"), classes="section-title")
            with Horizontal(classes="field-row"):
                yield Label(t("set.language.label"), classes="field-label")
                yield Chips([("中文", "zh"), ("English", "en")], value=language(), id="language")
            yield Static(t("set.language.hint"), classes="hint")
            yield Static(t("set.user"), classes="section-title")
            with Horizontal(classes="field-row"):
                yield Label(t("set.user.label"), classes="field-label")
                yield Input(self.ctx.user_name(), id="user-name", compact=True)
            yield Static(t("set.user.hint"), classes="hint")
            with Horizontal(classes="tab-buttons"):
                yield Button(t("form.save") + " (Ctrl+S)", id="save-user", variant="primary")
            yield Static(t("set.replica"), classes="section-title")
            yield Static(id="replica-facts")
            with Horizontal(classes="tab-buttons"):
                yield Button(t("set.init"), id="init-replica")

    def on_mount(self) -> None:
        self._show_replica()

    def on_screen_resume(self) -> None:
        self._show_replica()

    def _show_replica(self) -> None:
        replica = self.ctx.replica()
        region = replica.region_code
        role = label(ReplicaRole, replica.role)
        self.query_one("#replica-facts", Static).update(
            facts(
                [
                    (t("set.replica.name"), printable(replica.name) or t("nav.unnamed")),
                    (t("set.replica.role"), role),
                    (t("set.replica.region"), self.ctx.county_name(region) if region else ""),
                    (t("set.replica.database"), printable(self.ctx.db.location)),
                ]
            )
        )

    @on(Chips.Changed, "#language")
    def _language(self, event: Chips.Changed) -> None:
        if isinstance(event.value, str) and event.value != language():
            self.app.change_language(event.value)  # type: ignore[attr-defined]

    @on(Button.Pressed, "#save-user")
    def action_save_user(self) -> None:
        name = self.query_one("#user-name", Input).value.strip()
        if not name:
            self.notify(t("set.user.empty"), severity="error")
            return
        self._save_user(name)

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _save_user(self, name: str) -> None:
        self.ctx.db.set_meta("user_name", name)
        self.app.call_from_thread(self.notify, t("set.user.saved", name=name))

    @on(Button.Pressed, "#init-replica")
    def _init(self) -> None:
        from inspector.ui.modals.setup import InitModal

        self.app.push_screen(InitModal(), lambda done: self._show_replica())
