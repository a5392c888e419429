"""A dialog that edits a few fields and saves them in one transaction.

Saving runs in a thread worker through the one write path. A refusal (a field the model
rejects, a lifecycle step whose precondition is missing) is shown inside the dialog, in
words, next to the field it is about when there is one, with the focus on the first such
field; everything typed stays where it was. What is typed is kept as a draft
(`inspector.ui.drafts`), and escape with unsaved typing asks before leaving.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from inspector.i18n import Problem, language, t
from inspector.ui.bindings import localise
from inspector.ui.context import UiContext, context_of
from inspector.ui.drafts import DraftedForm
from inspector.ui.widgets.forms.fields import Field, FieldForm, focus_first_problem

if TYPE_CHECKING:
    from inspector.data.writer import Writer


#: Where a draft of a dialog keeps what the record held when the person typed.
SEEN = "_seen"


class FormModal(DraftedForm, ModalScreen[Any]):
    """Subclasses give `TITLE`, `fields()` and `submit(w, values)`; `DRAFT_FORM` names
    the form's drafts (None: it keeps none, as the dialogs that only write a file)."""

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
        self._after_save: Callable[[], object] | None = None
        self.seen_values: dict[str, Any] | None = None
        """The record's fields as the dialog was filled with them (None: a dialog that
        edits no existing record); `submit` hands them to the service (`services.stale`)."""

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

    def seen(self) -> dict[str, Any] | None:
        """The stored fields the dialog is filled with, when it edits an existing record."""
        return None

    def stored_raw(self, name: str, stored: Any, text: str) -> Any:
        """What field `name` holds to show the stored value `stored` (shown as `text`)."""
        return stored

    def kept_theirs(self, stored: dict[str, Any]) -> None:
        """After "keep theirs": what else the dialog shows of the values now stored."""

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
        self.seen_values = self.seen()
        fields = self.query_one(FieldForm).fields
        if fields:
            fields[0].focus_control()
        self.draft_opened()

    def on_unmount(self) -> None:
        self.draft_closed()

    @property
    def form(self) -> FieldForm:
        return self.query_one(FieldForm)

    # -- drafts ----------------------------------------------------------------------------

    def form_values(self) -> dict[str, Any]:
        """What was typed, and (a dialog of an existing record) what it was typed over."""
        values = self.form.values()
        if self.seen_values is not None:
            values[SEEN] = dict(self.seen_values)
        return values

    def restore_values(self, values: dict[str, Any]) -> None:
        seen = values.get(SEEN)
        if not isinstance(seen, dict) or self.seen_values is None:
            self.form.restore({k: v for k, v in values.items() if k != SEEN})
            return
        # As the outfall's details form does: only what the person typed comes back, each
        # with what it was typed over, so saving it asks if someone changed that since; a
        # field they left as it was shows what is stored now, whoever stored it (putting
        # back the draft's copy would have undone their change without a word).
        typed: dict[str, Any] = {}
        names = set()
        for field in self.form.fields:
            name = field.name_
            names.add(name)
            if name not in values:
                continue
            if name not in seen:
                typed[name] = values[name]
            elif values[name] != field.raw_for(seen[name]):
                typed[name] = values[name]
                self.seen_values[name] = seen[name]
        # A choice no field holds (who answers for the outfall), as it was when typed.
        self.seen_values.update({k: v for k, v in seen.items() if k not in names})
        self.form.restore(typed)

    def form_modified(self) -> bool:
        return any(f.modified for f in self.form.fields)

    def form_title(self) -> str:
        return t(self.TITLE)

    def save_form(self, then: Callable[[], object] | None = None) -> None:
        self._after_save = then
        self.action_save()

    @on(Field.Edited)
    def _field_edited(self) -> None:
        self.draft_edited()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        # Leaving a field: what it holds is kept now, not half a second from now.
        self.keep_draft_soon()

    # -- saving ----------------------------------------------------------------------------

    @on(Button.Pressed, "#modal-save")
    def _save_pressed(self) -> None:
        self.action_save()  # a subclass's own save, as ctrl+s runs it

    @on(Button.Pressed, "#modal-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        if self.saving or not self.checked():
            return
        self.saving = True
        self._save(self.form.values())

    def checked(self) -> bool:
        """Check every field as on save: say what is wrong, each next to its field, and
        put the focus on the first in reading order. True if nothing is."""
        problems = self.form.check()
        problems += self.extra_problems()
        if problems:
            self._after_save = None
            self.show_error("\n".join(problems))
            focus_first_problem(self)
            return False
        self.show_error(None)
        return True

    def extra_problems(self) -> list[str]:
        """Checks across fields (the form has already checked each one)."""
        return []

    def action_cancel(self) -> None:
        self.leave(lambda: None, close=lambda: self.dismiss(None))

    def show_error(self, message: str | None) -> None:
        error = self.query_one("#modal-error", Static)
        error.update(message or "")
        error.display = bool(message)

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _save(self, values: dict[str, Any]) -> None:
        from inspector.data.drafts import discard_draft
        from inspector.models.spec import ValidationFailed
        from inspector.services.stale import StaleEdit

        try:
            with self.ctx.write(reason=self.reason(values)) as w:
                result = self.submit(w, values)
                if self.DRAFT_FORM is not None:
                    discard_draft(w.conn, form=self.DRAFT_FORM, subject=self.draft_subject)
        except ValidationFailed as failure:
            self.app.call_from_thread(self._refused_fields, failure)
        except StaleEdit as stale:
            self.app.call_from_thread(self._stale, stale, values)
        except Problem as problem:
            self.app.call_from_thread(self._refused, str(problem))
        except (ValueError, KeyError, TypeError) as error:
            # A value the fields let through and the workflow cannot take: said in the
            # dialog (nothing was written: the transaction rolled back), never silence.
            from inspector.ui.app import describe

            self.app.call_from_thread(self._refused, describe(error))
        else:
            self.app.call_from_thread(self.saved, True if result is None else result)
        finally:
            self.saving = False

    def saved(self, result: Any) -> None:
        """The save went through: close with `result`, then what was waiting for it."""
        self.draft_saved()
        then, self._after_save = self._after_save, None
        self.dismiss(result)
        if then is not None:
            then()

    def _stale(self, stale: Any, values: dict[str, Any]) -> None:
        """Someone else changed what is being saved: ask what to do, losing nothing
        (the same answers as the outfall's details form)."""
        from inspector.ui.modals.stale import MINE, THEIRS, StaleModal

        # The screen behind the dialog (the outfall's) still shows what it read before
        # the other person's change: read it again now, not when the dialog closes.
        stack = self.app.screen_stack
        behind = stack[stack.index(self) - 1] if self in stack and stack.index(self) else None
        reload = getattr(behind, "reload", None)
        if callable(reload):
            reload()

        def answered(choice: str | None) -> None:
            stored = stale.stored_values()
            if choice == MINE:
                # The second decision: the same save, over what is stored now.
                if self.seen_values is not None:
                    self.seen_values.update(stored)
                self.saving = True
                self._save(values)
                return
            self._after_save = None
            if choice != THEIRS:
                self.show_error(str(stale))
                return
            typed, kept = [], []
            shown = {f.name_: f for f in self.form.fields}
            for item in stale.fields:
                if item.field in shown:
                    typed.append(t("stale.typed", field=item.label, value=item.saving_text))
                    raw = self.stored_raw(item.field, item.stored, item.stored_text)
                    shown[item.field].reset(raw)
                    if self.seen_values is not None:
                        self.seen_values[item.field] = stored[item.field]
                else:
                    # A choice the form holds no field for (who answers for the outfall):
                    # theirs stays, what was typed stays, and saving it again asks again,
                    # so only "save mine" ever replaces theirs.
                    kept.append(t("stale.typed", field=item.label, value=item.stored_text))
            sep = "；" if language() == "zh" else "; "
            notes = []
            if typed:
                notes.append(t("stale.kept_theirs", fields=sep.join(typed)))
            if kept:
                notes.append(t("stale.kept_their_choice", fields=sep.join(kept)))
            self.kept_theirs(stored)
            self.show_error("\n".join(notes))
            self.draft_edited()

        in_form = {f.name_ for f in self.form.fields}
        choice = not any(item.field in in_form for item in stale.fields)
        hint = "stale.hint_choice" if choice else "stale.hint"
        self.app.push_screen(StaleModal(stale, tz=self.ctx.tz, hint=hint), answered)

    def _refused_fields(self, failure: Any) -> None:
        self._after_save = None
        self.show_error("\n".join(self.form.show_failure(failure)))
        focus_first_problem(self)

    def _refused(self, message: str) -> None:
        self._after_save = None
        self.show_error(message)
