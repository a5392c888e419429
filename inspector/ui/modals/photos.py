"""Choosing another outfall for a photo: type its code (or part of its code or name) and
pick it from the matches below."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from inspector.domain.printable import printable
from inspector.i18n import t
from inspector.ui.bindings import localise
from inspector.ui.context import UiContext, context_of


class ChangeOutfallModal(ModalScreen[tuple[str, str] | None]):
    """Returns (outfall id, code) of the outfall chosen, or None."""

    CSS_PATH: ClassVar = "../styles/photos.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("down", "matches", show=False),
    ]

    def __init__(self, *, photo_name: str, current: str | None) -> None:
        super().__init__()
        localise(self)
        self.photo_name = photo_name
        self.current = current

    @property
    def ctx(self) -> UiContext:
        return context_of(self)

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box", id="change-box"):
            yield Static(t("photos.change.title"), classes="modal-title")
            yield Static(
                t(
                    "photos.change.intro",
                    photo=printable(self.photo_name),
                    current=self.current or t("photos.no_outfall"),
                ),
                classes="modal-intro",
                markup=False,
            )
            yield Input(placeholder=t("photos.change.placeholder"), id="change-code")
            yield OptionList(id="change-matches")
            yield Static("", id="modal-error", classes="error-text", markup=False)
            with Horizontal(classes="modal-buttons"):
                yield Button(
                    t("photos.change.save") + " (Enter)", id="change-save", variant="primary"
                )
                yield Button(t("form.cancel") + " (Esc)", id="change-cancel")

    def on_mount(self) -> None:
        self.query_one("#modal-error").display = False
        self.query_one(Input).focus()

    @on(Input.Changed, "#change-code")
    def _typed(self, event: Input.Changed) -> None:
        self._search(event.value.strip())

    @work(thread=True, exclusive=True, exit_on_error=False, group="find")
    def _search(self, text: str) -> None:
        from inspector.data.browse import find_outfalls

        found: list[Any] = []
        if text:
            with self.ctx.read() as conn:
                found = find_outfalls(conn, text, limit=8)
        self.app.call_from_thread(self._matches, text, found)

    def _matches(self, text: str, found: list[Any]) -> None:
        if text != self.query_one(Input).value.strip():
            return  # typed on meanwhile
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(Option(f"{f.code}  {f.name}", id=f"{f.id}\t{f.code}") for f in found)
        if found:
            options.highlighted = 0

    def action_matches(self) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.focus()

    @on(OptionList.OptionSelected, "#change-matches")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        outfall_id, _, code = (event.option.id or "").partition("\t")
        self.dismiss((outfall_id, code))

    @on(Input.Submitted, "#change-code")
    @on(Button.Pressed, "#change-save")
    def _save(self) -> None:
        self._choose(self.query_one(Input).value.strip())

    @work(thread=True, exclusive=True, exit_on_error=False, group="choose")
    def _choose(self, text: str) -> None:
        from inspector.data.browse import find_outfalls
        from inspector.data.outfalls import outfalls_by_code

        if not text:
            self.app.call_from_thread(self._error, t("photos.change.empty"))
            return
        # A code (local or national) is taken as typed; anything else is searched for.
        with self.ctx.read() as conn:
            found: list[Any] = outfalls_by_code(conn, code=text)
            if not found:
                found = find_outfalls(conn, text, limit=2)
        if len(found) == 1:
            self.app.call_from_thread(self.dismiss, (found[0].id, found[0].code))
        elif found:
            self.app.call_from_thread(self._error, t("photos.change.several", text=text))
        else:
            self.app.call_from_thread(self._error, t("photos.change.unknown", text=text))

    def _error(self, message: str) -> None:
        error = self.query_one("#modal-error", Static)
        error.update(message)
        error.display = True

    @on(Button.Pressed, "#change-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
