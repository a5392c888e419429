"""The register: every outfall, filtered, searched and sorted; `enter` opens one.

`/` goes to the search box (code or name, any part of it, Chinese included); the two rows
under it filter by county, river, category, state and overdue remediation, and order the
list. Each change is applied at once.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input

from inspector.data.browse import RegisterQuery
from inspector.i18n import t
from inspector.ui.screens.base import InspectorScreen
from inspector.ui.widgets.keybar import KeyBar
from inspector.ui.widgets.navbar import NavBar
from inspector.ui.widgets.register.filters import RegisterFilters
from inspector.ui.widgets.register.outfall_list import OutfallList, RegisterHeader
from inspector.ui.widgets.statusline import StatusLine


class RegisterScreen(InspectorScreen):
    SECTION: ClassVar[str | None] = "register"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "key.search", key_display="/"),
        Binding("i", "inspect", "key.inspect"),
        Binding("ctrl+o", "import_ledger", "key.import_ledger", show=False),
        Binding("ctrl+t", "export_ledger", "key.export_ledger", show=False),
        Binding("ctrl+r", "reload", "key.reload", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._total: int | None = None
        self._selected: str | None = None
        self._started = False

    def compose(self) -> ComposeResult:
        query = RegisterQuery(today=self.ctx.today())
        yield NavBar(current="register")
        yield RegisterFilters(query)
        yield RegisterHeader()
        yield OutfallList(id="outfalls")
        yield StatusLine(id="register-status", classes="status-line")
        yield KeyBar()

    @property
    def outfalls(self) -> OutfallList:
        return self.query_one(OutfallList)

    @property
    def filters(self) -> RegisterFilters:
        return self.query_one(RegisterFilters)

    def on_mount(self) -> None:
        self.outfalls.set_query(self.filters.query_)
        self.outfalls.focus()

    def on_screen_resume(self) -> None:
        # Back from an outfall or a form: what was edited shows as it now is.
        if self._started:
            self.outfalls.reload()
        self._started = True

    @on(RegisterFilters.Changed)
    def _filters_changed(self, event: RegisterFilters.Changed) -> None:
        self.outfalls.set_query(event.query)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.outfalls.focus()

    @on(OutfallList.Counted)
    def _counted(self, event: OutfallList.Counted) -> None:
        self._total = event.total
        self._status()

    @on(OutfallList.Highlighted)
    def _highlighted(self, event: OutfallList.Highlighted) -> None:
        self._selected = event.outfall_id
        self._status()

    @on(OutfallList.Opened)
    def _opened(self, event: OutfallList.Opened) -> None:
        self.app.open_outfall(event.outfall_id)  # type: ignore[attr-defined]

    def _status(self) -> None:
        outfalls = self.outfalls
        query = outfalls.query_
        parts = [
            t("reg.counting") if self._total is None else t("reg.count", count=f"{self._total:,}")
        ]
        if self._total:
            parts.append(t("reg.row", row=f"{outfalls.cursor + 1:,}"))
        if query.searching:
            parts.append(t("reg.search_order"))
        self.query_one("#register-status", StatusLine).text = " · ".join(parts)

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_inspect(self) -> None:
        if self._selected:
            self.app.open_inspection(self._selected)  # type: ignore[attr-defined]
        else:
            self.notify(t("reg.nothing_selected"), severity="warning")

    def action_reload(self) -> None:
        self.outfalls.reload()

    def action_import_ledger(self) -> None:
        from inspector.ui.modals.setup import ImportModal

        def imported(done: object) -> None:
            if done:
                self.outfalls.reload()

        self.app.push_screen(ImportModal(), imported)

    def action_export_ledger(self) -> None:
        from inspector.ui.modals.files import LedgerExportModal

        def written(message: object) -> None:
            if message:
                self.notify(str(message), timeout=15)

        self.app.push_screen(LedgerExportModal(year=self.ctx.today().year), written)
