"""Leaving a form with unsaved typing: save, keep as draft, or discard? (escape: stay).

Asked when a form is left by escape, by switching section, or by quitting the app; when
quitting with several forms open, it lists them all and saving is left to each form.
Keeping a draft is the answer under the cursor: it is the one that loses nothing.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from inspector.i18n import t
from inspector.ui.bindings import localise
from inspector.ui.drafts import DISCARD, KEEP, SAVE


class LeaveModal(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stay", "draft.stay"),
        Binding("ctrl+s", "save", "key.save", priority=True),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, *, forms: list[str], quitting: bool = False, can_save: bool = True) -> None:
        super().__init__(id="leave-dialog")
        localise(self)
        self.forms = forms
        self.quitting = quitting
        self.can_save = can_save

    def compose(self) -> ComposeResult:
        how = "quit" if self.quitting else "leave"
        with Vertical(classes="modal-box", id="leave-box"):
            yield Static(t(f"draft.{how}.title"), classes="modal-title")
            if len(self.forms) == 1:
                body = t(f"draft.{how}.one", form=self.forms[0])
            else:
                body = t(f"draft.{how}.many", count=len(self.forms)) + "".join(
                    f"\n  · {form}" for form in self.forms
                )
            yield Static(body, id="leave-body", markup=False)
            yield Static(t(f"draft.{how}.hint"), classes="hint")
            with Horizontal(classes="modal-buttons"):
                if self.can_save:
                    yield Button(t(f"draft.{how}.save") + " (Ctrl+S)", id="leave-save")
                yield Button(t(f"draft.{how}.keep"), id="leave-keep", variant="primary")
                yield Button(t(f"draft.{how}.discard"), id="leave-discard", variant="error")
                yield Button(t("draft.stay") + " (Esc)", id="leave-stay")

    def on_mount(self) -> None:
        self.query_one("#leave-keep", Button).focus()

    @on(Button.Pressed, "#leave-save")
    def action_save(self) -> None:
        if self.can_save:
            self.dismiss(SAVE)

    @on(Button.Pressed, "#leave-keep")
    def _keep(self) -> None:
        self.dismiss(KEEP)

    @on(Button.Pressed, "#leave-discard")
    def _discard(self) -> None:
        self.dismiss(DISCARD)

    @on(Button.Pressed, "#leave-stay")
    def action_stay(self) -> None:
        self.dismiss(None)
