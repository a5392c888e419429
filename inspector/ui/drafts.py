"""What every form shares: its typing kept as a draft, and leaving it never loses it.

A form (a screen or a dialog with fields) mixes in `DraftedForm` and says how to read,
restore and save its values. Then:

- what is typed is kept as a draft in the database when a field is left and half a
  second after the last keystroke, and at once when the form closes or the app quits, so
  a crash or a flat battery loses at most the field being typed;
- the draft comes back the next time the same form is opened about the same thing (the
  inspection of one outfall, a new outfall, an owner for one outfall...), and is removed
  in the transaction that saves the form;
- leaving a form that holds unsaved typing (escape, switching section, quitting) asks:
  save, keep as draft, or discard; discarding is never done without that question.

The app finds open forms through `open_forms` (each form adds itself when mounted).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work

from inspector.i18n import t
from inspector.ui.context import context_of

if TYPE_CHECKING:
    from textual.timer import Timer

    from inspector.data.drafts import Draft

DRAFT_DELAY = 0.5
"""Seconds after the last keystroke before the draft is written."""

SAVE, KEEP, DISCARD = "save", "keep", "discard"
"""The answers to "leave this form?" (None: stay)."""


def open_forms(app: Any) -> list[DraftedForm]:
    """The forms open in the app, in every section, oldest first."""
    forms: list[DraftedForm] = getattr(app, "open_forms", [])
    return list(forms)


class DraftedForm:
    """Mixed into a `Screen` (or `ModalScreen`) holding one form.

    The screen gives `DRAFT_FORM` (the form's name; None: it keeps no draft and never
    asks), `draft_subject`, and implements `form_values`, `restore_values`,
    `form_modified`, `form_title` and `save_form`.
    """

    DRAFT_FORM: ClassVar[str | None] = None
    draft_subject: str = ""
    """What the form is about (an outfall's id; "" for nothing yet)."""

    _draft_timer: Timer | None = None
    _draft_dirty: bool = False
    _draft_closed: bool = False
    draft_writes: int = 0
    """Drafts written so far (tests wait on it)."""

    # -- what each form gives --------------------------------------------------------------

    def form_values(self) -> dict[str, Any]:
        """What was typed, exactly as typed (JSON-ready)."""
        raise NotImplementedError

    def restore_values(self, values: dict[str, Any]) -> None:
        raise NotImplementedError

    def form_modified(self) -> bool:
        """Whether anything differs from what the form was opened with."""
        raise NotImplementedError

    def form_title(self) -> str:
        """The form, as the question about leaving it names it."""
        raise NotImplementedError

    def save_form(self, then: Callable[[], object] | None = None) -> None:
        """Save as `ctrl+s` does; call `then` once saved (not if the save is refused)."""
        raise NotImplementedError

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def keeps_drafts(self) -> bool:
        return self.DRAFT_FORM is not None

    def draft_opened(self) -> None:
        """Call from `on_mount`: the app knows the form, and a kept draft comes back."""
        forms = getattr(self._node.app, "open_forms", None)
        if forms is not None and self not in forms:
            forms.append(self)
        if self.keeps_drafts:
            self._load_draft()

    def draft_closed(self) -> None:
        """Call from `on_unmount` (the fields are gone by then: every way out of a form,
        and the app's `exit`, keeps the draft before)."""
        forms = getattr(self._node.app, "open_forms", None)
        if forms is not None and self in forms:
            forms.remove(self)
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_closed = True

    @property
    def _node(self) -> Any:
        return self

    @work(thread=True, exclusive=True, exit_on_error=False, group="draft-load")
    def _load_draft(self) -> None:
        from inspector.data.drafts import load_draft

        assert self.DRAFT_FORM is not None
        ctx = context_of(self._node)
        with ctx.read() as conn:
            draft = load_draft(conn, form=self.DRAFT_FORM, subject=self.draft_subject)
        if draft is not None and draft.fields:
            self._node.app.call_from_thread(self._restore_draft, draft)

    def _restore_draft(self, draft: Draft) -> None:
        from inspector.ui.text import local_time

        if not self._node.is_mounted:
            return
        self.restore_values(draft.fields)
        self._draft_dirty = False
        ctx = context_of(self._node)
        self._node.notify(t("draft.restored", at=local_time(draft.saved_at, ctx.tz)))

    # -- keeping ---------------------------------------------------------------------------

    def draft_edited(self) -> None:
        """Call on every edit: the draft is written half a second after the last one."""
        if not self.keeps_drafts or self._draft_closed:
            return
        self._draft_dirty = True
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self._node.set_timer(DRAFT_DELAY, self.keep_draft_soon)

    def keep_draft_soon(self) -> None:
        """Write the draft in a worker (leaving a field, the timer)."""
        if not self._draft_dirty or self._draft_closed:
            return
        self._draft_dirty = False
        self._write_draft(self.form_values() if self.form_modified() else None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="draft")
    def _write_draft(self, values: dict[str, Any] | None) -> None:
        self._store(values)

    def keep_draft_now(self) -> None:
        """Write the draft here and now (leaving, quitting): no timer, no worker."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        if not self._draft_dirty or self._draft_closed or not self.keeps_drafts:
            return
        self._draft_dirty = False
        self._store(self.form_values() if self.form_modified() else None)

    def keep_as_draft(self) -> None:
        """The answer "keep as draft": whatever the form holds is kept, even if it came
        from a draft and was not touched since."""
        if not self.keeps_drafts or self._draft_closed:
            return
        self._draft_dirty = True
        self.keep_draft_now()

    def discard_draft_now(self) -> None:
        """Remove the draft, and write none when the form closes."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_dirty = False
        self._draft_closed = True
        if self.keeps_drafts:
            self._store(None)

    def draft_saved(self) -> None:
        """The form was saved (its draft went in the same transaction)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_dirty = False
        self._draft_closed = True

    def _store(self, values: dict[str, Any] | None) -> None:
        """Keep `values` as the draft (None: remove it). Any thread."""
        from inspector.data.drafts import discard_draft, save_draft

        assert self.DRAFT_FORM is not None
        ctx = context_of(self._node)
        conn = ctx.db.connect()
        try:
            if values is None:
                # One statement on an autocommit connection: it commits by itself.
                discard_draft(conn, form=self.DRAFT_FORM, subject=self.draft_subject)
            else:
                save_draft(
                    conn,
                    form=self.DRAFT_FORM,
                    subject=self.draft_subject,
                    fields=values,
                    actor=ctx.user_name(),
                )
        finally:
            conn.close()
        self.draft_writes += 1

    # -- leaving ---------------------------------------------------------------------------

    def unsaved(self) -> bool:
        """Typing that is not saved (kept as a draft or not)."""
        return self.keeps_drafts and not self._draft_closed and self.form_modified()

    def leave(self, then: Callable[[], object], *, close: Callable[[], object]) -> None:
        """Leave the form: `close` it and go on with `then`, asking first if it holds
        unsaved typing (save, keep as draft, discard; escape stays)."""
        if not self.unsaved():
            close()
            then()
            return
        from inspector.ui.modals.leave import LeaveModal

        self.keep_draft_now()  # whatever is answered, nothing is lost while it is asked

        def answered(choice: str | None) -> None:
            if choice == SAVE:
                self.save_form(then=lambda: then())
            elif choice == KEEP:
                self.keep_as_draft()
                self._draft_closed = True
                self._node.notify(t("draft.kept", form=self.form_title()))
                close()
                then()
            elif choice == DISCARD:
                self.discard_draft_now()
                close()
                then()

        self._node.app.push_screen(LeaveModal(forms=[self.form_title()]), answered)
