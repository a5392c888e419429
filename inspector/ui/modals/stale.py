"""A save refused because someone else changed the same fields since the form was filled
(`inspector.services.stale`): what each side holds, and what to do about it.

For each field: what the person saw, what is stored now (who stored it, when), what they
are saving. The answers: keep theirs (the form takes the stored values for those fields,
the person's other typing stays, nothing is saved yet), save mine over theirs (the second,
explicit decision), or back to the form (nothing changes). Keep theirs is under the
cursor: it overwrites nobody, and what was typed is shown beside the form afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from inspector.i18n import t
from inspector.ui.bindings import localise

if TYPE_CHECKING:
    import datetime as dt

    from inspector.services.stale import StaleEdit

THEIRS, MINE = "theirs", "mine"
"""The answers (None: back to the form)."""


class StaleModal(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "stale.back"),
        Binding("t", "theirs", "stale.keep_theirs"),
        Binding("m", "mine", "stale.save_mine"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(
        self, stale: StaleEdit, *, tz: dt.tzinfo | None = None, hint: str = "stale.hint"
    ) -> None:
        """`hint`: what the answers do, when not the form's fields (`stale.hint_choice`:
        a choice no field of the form holds, such as who answers for an outfall)."""
        super().__init__(id="stale-dialog")
        localise(self)
        self.stale = stale
        self.tz = tz
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box", id="stale-box"):
            yield Static(t(self.stale.message_key("title")), classes="modal-title")
            yield Static(
                t(self.stale.message_key("intro"), record=self.stale.record),
                classes="modal-intro",
                markup=False,
            )
            with VerticalScroll(classes="modal-body"):
                for n, field in enumerate(self.stale.fields):
                    yield Static(self._field(field), id=f"stale-field-{n}", classes="stale-field")
            yield Static(t(self.hint), classes="hint")
            with Horizontal(classes="modal-buttons"):
                yield Button(t("stale.keep_theirs") + " (T)", id="stale-theirs", variant="primary")
                yield Button(t("stale.save_mine") + " (M)", id="stale-mine", variant="warning")
                yield Button(t("stale.back") + " (Esc)", id="stale-back")

    def _field(self, field: object) -> Text:
        from inspector.services.stale import StaleField, who_and_when

        assert isinstance(field, StaleField)
        names = (t("stale.seen"), t("stale.stored"), t("stale.saving"))
        width = max(cell_len(n) for n in names) + 2
        text = Text()
        text.append(field.label, style="bold")
        rows: tuple[tuple[str, str, str], ...] = (
            (names[0], field.seen_text, ""),
            (names[1], field.stored_text, f"  ({who_and_when(field, self.tz)})"),
            (names[2], field.saving_text, ""),
        )
        if self.stale.kind == "registered" and field.seen is None:
            rows = rows[1:]  # the form started blank: nothing was seen
        for name, value, note in rows:
            text.append("\n  " + name + " " * (width - cell_len(name)))
            text.append(value, style="bold" if name == names[1] else "")
            text.append(note, style="dim")
        return text

    def on_mount(self) -> None:
        self.query_one("#stale-theirs", Button).focus()

    @on(Button.Pressed, "#stale-theirs")
    def action_theirs(self) -> None:
        self.dismiss(THEIRS)

    @on(Button.Pressed, "#stale-mine")
    def action_mine(self) -> None:
        self.dismiss(MINE)

    @on(Button.Pressed, "#stale-back")
    def action_back(self) -> None:
        self.dismiss(None)
