"""The assessment card in force (`assess scheme show`): its items, their points and how
each is scored, and what is known of its source; read-only (a city loads its own card
with `inspector assess scheme load FILE`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Static

from inspector.i18n import language, t
from inspector.ui.bindings import localise
from inspector.ui.widgets.table import Table

if TYPE_CHECKING:
    from inspector.domain.scheme import Scheme


class SchemeModal(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "key.cancel")]

    def __init__(self, scheme: Scheme) -> None:
        super().__init__()
        localise(self)
        self.scheme = scheme

    def compose(self) -> ComposeResult:
        lang = language()
        with Vertical(classes="modal-box scheme-box"):
            yield Static(t("pui.scheme.title"), classes="modal-title")
            yield Static(self.scheme.name(lang), classes="modal-intro", markup=False)
            with VerticalScroll(classes="modal-body"):
                yield Table(id="scheme-table", cursor_type="row", zebra_stripes=True)
                yield Static(self.scheme.note(language()), classes="hint", markup=False)
            with Horizontal(classes="modal-buttons"):
                yield Button(t("pui.scheme.close") + " (Esc)", id="scheme-close")

    def on_mount(self) -> None:
        from inspector.services.assessment import scheme_lines

        table = self.query_one("#scheme-table", DataTable)
        for key in ("key", "points", "item", "rule"):
            table.add_column(t(f"assess.scheme.col.{key}"))
        for row in scheme_lines(self.scheme, language()):
            table.add_row(*row)
        table.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
