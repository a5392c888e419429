"""A question with its facts: trust a key, apply a previewed bundle, settle a conflict.

The dialog only asks; the screen that opened it does the work (in a worker) with the
answer. `escape` says no. With a note field, the answer is the note typed (possibly
empty); otherwise `True`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from inspector.i18n import t
from inspector.ui.bindings import localise
from inspector.ui.widgets.prose import Prose


class ConfirmModal(ModalScreen[Any]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "confirm", "key.confirm", priority=True),
    ]

    def __init__(
        self,
        *,
        title: str,
        body: str | Text,
        confirm: str,
        emphasis: str | None = None,
        emphasis_label: str | None = None,
        note: bool = False,
        dialog_id: str | None = None,
    ) -> None:
        super().__init__(id=dialog_id)
        localise(self)
        self._title = title
        self._body = body
        self._confirm = confirm
        self._emphasis = emphasis
        self._emphasis_label = emphasis_label
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(self._title, classes="modal-title", markup=False)
            with VerticalScroll(classes="modal-body"):
                yield Prose(self._body, id="confirm-body")
                if self._emphasis:
                    if self._emphasis_label:
                        yield Label(self._emphasis_label, classes="confirm-emphasis-label")
                    yield Static(self._emphasis, id="confirm-emphasis", markup=False)
            if self._note:
                with Horizontal(classes="field-row"):
                    yield Label(t("conf.note"), classes="field-label")
                    yield Input(
                        id="confirm-note", compact=True, placeholder=t("conf.note.placeholder")
                    )
            with Horizontal(classes="modal-buttons"):
                yield Button(self._confirm + " (Ctrl+S)", id="confirm-yes", variant="primary")
                yield Button(t("form.cancel") + " (Esc)", id="confirm-no")

    def on_mount(self) -> None:
        if self._note:
            self.query_one("#confirm-note", Input).focus()
        else:
            self.query_one("#confirm-yes", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    @on(Input.Submitted, "#confirm-note")
    def action_confirm(self) -> None:
        if self._note:
            self.dismiss(self.query_one("#confirm-note", Input).value.strip())
        else:
            self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def action_cancel(self) -> None:
        self.dismiss(None)
