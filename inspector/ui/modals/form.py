"""A dialog that edits a few fields and saves them in one transaction.

Saving runs in a thread worker through the one write path. A refusal (a field the model
rejects, a lifecycle step whose precondition is missing) is shown inside the dialog, in
words, and everything typed stays where it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from inspector.i18n import Problem, t
from inspector.ui.bindings import localise
from inspector.ui.context import UiContext, context_of
from inspector.ui.widgets.forms.fields import Field, FieldForm

if TYPE_CHECKING:
    from inspector.data.writer import Writer


class FormModal(ModalScreen[Any]):
    """Subclasses give `TITLE`, `fields()` and `submit(w, values)`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "save", "key.save", priority=True),
    ]
    TITLE: ClassVar[str] = ""
    SAVE: ClassVar[str] = "form.save"

    def __init__(self) -> None:
        super().__init__()
        localise(self)
        self.saving = False

    @property
    def ctx(self) -> UiContext:
        return context_of(self)

    def intro(self) -> str | None:
        return None

    def fields(self) -> list[Field]:
        raise NotImplementedError

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        """Save `values` (in a worker thread, inside one transaction); the result is what
        the dialog returns."""
        raise NotImplementedError

    def reason(self, values: dict[str, Any]) -> str | None:
        """The reason recorded with the operations (None: none)."""
        return None

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(t(self.TITLE), classes="modal-title")
            intro = self.intro()
            if intro:
                yield Static(intro, classes="modal-intro", markup=False)
            with VerticalScroll(classes="modal-body"):
                yield FieldForm(*self.fields(), id="modal-form")
            yield Static("", id="modal-error", classes="error-text", markup=False)
            with Horizontal(classes="modal-buttons"):
                yield Button(t(self.SAVE) + " (Ctrl+S)", id="modal-save", variant="primary")
                yield Button(t("form.cancel") + " (Esc)", id="modal-cancel")

    def on_mount(self) -> None:
        self.query_one("#modal-error", Static).display = False
        fields = self.query_one(FieldForm).fields
        if fields:
            fields[0].focus_control()

    @property
    def form(self) -> FieldForm:
        return self.query_one(FieldForm)

    @on(Button.Pressed, "#modal-save")
    def action_save(self) -> None:
        if self.saving:
            return
        problems = self.form.check()
        problems += self.extra_problems()
        if problems:
            self.show_error("\n".join(problems))
            return
        self.saving = True
        self.show_error(None)
        self._save(self.form.values())

    def extra_problems(self) -> list[str]:
        """Checks across fields (the form has already checked each one)."""
        return []

    @on(Button.Pressed, "#modal-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def show_error(self, message: str | None) -> None:
        error = self.query_one("#modal-error", Static)
        error.update(message or "")
        error.display = bool(message)

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _save(self, values: dict[str, Any]) -> None:
        from inspector.models.spec import ValidationFailed

        try:
            with self.ctx.write(reason=self.reason(values)) as w:
                result = self.submit(w, values)
        except ValidationFailed as failure:
            self.app.call_from_thread(self._refused_fields, failure)
        except Problem as problem:
            self.app.call_from_thread(self._refused, str(problem))
        else:
            self.app.call_from_thread(self.dismiss, True if result is None else result)
        finally:
            self.saving = False

    def _refused_fields(self, failure: Any) -> None:
        self.show_error("\n".join(self.form.show_failure(failure)))

    def _refused(self, message: str) -> None:
        self.show_error(message)
