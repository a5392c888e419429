"""The Map section's dialogs: connect a receiver, fit the map to something, choose a
target. Each only asks; the screen acts on the answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from inspector.i18n import t
from inspector.ui.bindings import localise


@dataclass(frozen=True)
class ReceiverChoice:
    source: str
    """A port, `gpsd`, or a log file; "" to disconnect."""
    max_accuracy_m: float


class ReceiverModal(ModalScreen[ReceiverChoice | None]):
    """Which receiver to read, and the accuracy a fix must have to be used."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "confirm", "key.connect", priority=True),
    ]

    def __init__(
        self, suggestions: list[tuple[str, str]], *, current: str, accuracy: float, connected: bool
    ) -> None:
        super().__init__(id="receiver-dialog")
        localise(self)
        self._suggestions = suggestions
        self._current = current
        self._accuracy = accuracy
        self._connected = connected

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(t("map.receiver.title"), classes="modal-title")
            yield Static(t("map.receiver.intro"), classes="modal-intro")
            yield OptionList(
                *(Option(f"{label}  {source}", id=source) for source, label in self._suggestions),
                id="receiver-options",
                compact=True,
            )
            with Horizontal(classes="field-row"):
                yield Label(t("map.receiver.source"), classes="field-label")
                yield Input(self._current, id="receiver-source", compact=True)
            with Horizontal(classes="field-row"):
                yield Label(t("map.receiver.accuracy"), classes="field-label")
                yield Input(f"{self._accuracy:g}", id="receiver-accuracy", compact=True)
            yield Static("", id="modal-error", classes="error-text", markup=False)
            with Horizontal(classes="modal-buttons"):
                yield Button(
                    t("map.receiver.connect") + " (Ctrl+S)",
                    id="receiver-connect",
                    variant="primary",
                )
                if self._connected:
                    yield Button(t("map.receiver.disconnect"), id="receiver-disconnect")
                yield Button(t("form.cancel") + " (Esc)", id="receiver-cancel")

    def on_mount(self) -> None:
        self.query_one("#receiver-source", Input).focus()

    @on(OptionList.OptionSelected, "#receiver-options")
    def _pick(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#receiver-source", Input).value = event.option.id or ""
        self.query_one("#receiver-source", Input).focus()

    @on(Button.Pressed, "#receiver-connect")
    @on(Input.Submitted)
    def action_confirm(self) -> None:
        """Connect (ctrl+s confirms a dialog everywhere)."""
        source = self.query_one("#receiver-source", Input).value.strip()
        text = self.query_one("#receiver-accuracy", Input).value.strip()
        try:
            accuracy = float(text)
            if not 0 < accuracy <= 1000:
                raise ValueError(text)
        except ValueError:
            self._error(t("map.receiver.bad_accuracy", value=text))
            return
        if not source:
            self._error(t("map.receiver.no_source"))
            return
        self.dismiss(ReceiverChoice(source, accuracy))

    @on(Button.Pressed, "#receiver-disconnect")
    def _disconnect(self) -> None:
        self.dismiss(ReceiverChoice("", self._accuracy))

    def _error(self, text: str) -> None:
        self.query_one("#modal-error", Static).update(text)

    @on(Button.Pressed, "#receiver-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceModal(ModalScreen[str | None]):
    """A list to choose one entry from (what to fit the map to, which target)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, title: str, options: list[tuple[str, str]], *, empty: str = "") -> None:
        super().__init__(id="choice-dialog")
        localise(self)
        self._title = title
        self._options = options
        self._empty = empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(self._title, classes="modal-title", markup=False)
            if self._options:
                yield OptionList(
                    *(Option(label, id=key) for label, key in self._options),
                    id="choice-options",
                )
            else:
                yield Static(self._empty, classes="hint", markup=False)
            yield Static(t("map.choose.hint"), classes="hint")

    def on_mount(self) -> None:
        if self._options:
            self.query_one("#choice-options", OptionList).focus()

    @on(OptionList.OptionSelected, "#choice-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def receiver_suggestions(db_path: Any) -> list[tuple[str, str]]:
    """(source, label) of the receivers this machine seems to have, and the demo walk."""
    from inspector import locations
    from inspector.gnss.sources import serial_ports

    out = [
        (device, description or t("map.receiver.serial")) for device, description in serial_ports()
    ]
    out.append(("gpsd", t("map.receiver.gpsd")))
    walk = locations.demo_walk(db_path)
    if walk.exists():
        out.append((str(walk), t("map.receiver.demo_walk")))
    return out
