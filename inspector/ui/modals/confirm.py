"""A question with its facts: trust a key, apply a previewed bundle, settle a conflict.

The dialog only asks; the screen that opened it does the work (in a worker) with the
answer. `escape` says no. With a note field, the answer is the note typed (possibly
empty); otherwise `True`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
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
        note_label: str | None = None,
        dialog_id: str | None = None,
        safe_default: bool = False,
    ) -> None:
        """`safe_default`: the cursor starts on the button that says no (the question is
        about destroying something)."""
        super().__init__(id=dialog_id)
        localise(self)
        self._title = title
        self._body = body
        self._confirm = confirm
        self._emphasis = emphasis
        self._emphasis_label = emphasis_label
        self._note = note
        self._note_label = note_label
        self._safe_default = safe_default

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
                    yield Label(self._note_label or t("conf.note"), classes="field-label")
                    yield Input(
                        id="confirm-note", compact=True, placeholder=t("conf.note.placeholder")
                    )
            with Horizontal(classes="modal-buttons"):
                yield Button(self._confirm + " (Ctrl+S)", id="confirm-yes", variant="primary")
                yield Button(t("form.cancel") + " (Esc)", id="confirm-no")

    def on_mount(self) -> None:
        if self._note:
            self.query_one("#confirm-note", Input).focus()
        elif self._safe_default:
            self.query_one("#confirm-no", Button).focus()
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


def confirm_replace(
    app: Any,
    paths: list[Path],
    go: Callable[[], object],
    *,
    declined: Callable[[], object] | None = None,
) -> None:
    """Run `go` (which writes `paths`) at once if none of them is there yet; else ask
    first, showing each file that would be replaced, and run `declined` on a no.

    Every dialog and screen that writes a file asks through this, and the command line
    refuses the same files without `--force` (`inspector.services.outputs`)."""
    from inspector.services.outputs import existing, resolved, size_text

    there = existing(paths)
    if not there:
        go()
        return

    def answered(yes: Any) -> None:
        if yes:
            go()
        elif declined is not None:
            declined()

    lines = [f"{resolved(p)}  ({size_text(p)})" for p in there]
    app.push_screen(
        ConfirmModal(
            title=t("out.replace.title"),
            body=t("out.replace.one" if len(there) == 1 else "out.replace.many"),
            emphasis="\n".join(lines),
            confirm=t("out.replace.confirm"),
            dialog_id="replace-dialog",
            safe_default=True,
        ),
        answered,
    )
