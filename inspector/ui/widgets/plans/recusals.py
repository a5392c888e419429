"""The recusals tab: declared conflicts of interest (回避), who stands aside from which
outfall or owner, as `plan recusals` lists them. A draw never pairs a person with what
they stand aside from, so this is where a clerk checks the list before drawing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from inspector.domain.printable import printable
from inspector.i18n import t
from inspector.ui.context import context_of
from inspector.ui.text import fit
from inspector.ui.widgets.table import Table

if TYPE_CHECKING:
    from inspector.services.plans import RecusalView

TARGET_WIDTH = 46
"""Cells of an outfall's code and name, or an owner's name (long ones end in an
ellipsis)."""
REASON_WIDTH = 34


class RecusalsTab(Vertical):
    """`recusals` holds what is shown, in table order."""

    def __init__(self) -> None:
        super().__init__(id="recusals-tab")
        self.recusals: list[RecusalView] = []
        self.outfalls: dict[str, tuple[str, str]] = {}
        """Id and name of each outfall named by code."""
        self._selected: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="recusal-heading", classes="panel-title", markup=False)
        yield Table(id="recusal-table", cursor_type="row", zebra_stripes=True)
        yield Static(t("pui.recusals.hint"), classes="hint", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#recusal-table", DataTable)
        for key in ("inspector", "kind", "target", "reason", "declared_on"):
            label = t("pui.recusals.col.kind") if key == "kind" else t(f"plan.col.{key}")
            table.add_column(label, key=key)

    def reload(self, *, select: str | None = None) -> None:
        if select is not None:
            self._selected = select
        self._load(self._selected)

    @work(thread=True, exclusive=True, exit_on_error=False, group="recusals")
    def _load(self, select: str | None) -> None:
        from inspector.data.outfalls import outfalls_by_codes
        from inspector.services.plans import list_recusals

        ctx = context_of(self)
        # A county's replica lists its own county's declarations, as `plan recusals
        # --county` would; the city's lists every one.
        region = ctx.replica().region_code
        info = ctx.reference.regions.get(region) if region else None
        county = region if info is not None and info.level == "county" else None
        with ctx.read() as conn:
            views = list_recusals(conn, county=county)
            codes = sorted({v.outfall_code for v in views if v.outfall_code})
            outfalls = {
                code: (ref.id, ref.name)
                for code, ref in outfalls_by_codes(conn, codes=codes).items()
            }
        self.app.call_from_thread(self._show, views, outfalls, select)

    def _show(
        self, views: list[RecusalView], outfalls: dict[str, tuple[str, str]], select: str | None
    ) -> None:
        self.recusals = views
        self.outfalls = outfalls
        heading = self.query_one("#recusal-heading", Static)
        heading.update(
            t("pui.recusals.heading", count=len(views)) if views else t("pui.recusals.none")
        )
        table = self.query_one("#recusal-table", DataTable)
        table.clear()
        for v in views:
            kind = "outfall" if v.outfall_code else "owner"
            table.add_row(
                v.inspector,
                Text(t(f"pui.recusals.kind.{kind}"), style="dim" if kind == "owner" else ""),
                fit(self.target(v), TARGET_WIDTH),
                fit(v.reason or "", REASON_WIDTH),
                v.declared_on,
                key=v.id,
            )
        if views:
            ids = [v.id for v in views]
            table.move_cursor(row=ids.index(select) if select in ids else 0)

    def target(self, view: RecusalView) -> str:
        """What the person stands aside from: an outfall's code and name, or an owner."""
        if view.outfall_code and view.outfall_code in self.outfalls:
            return f"{view.outfall_code} {self.outfalls[view.outfall_code][1]}"
        return target(view)

    @on(DataTable.RowSelected, "#recusal-table")
    def _selected_row(self, event: DataTable.RowSelected) -> None:
        from inspector.ui.widgets.plans.plan_list import PlansTab

        if 0 <= event.cursor_row < len(self.recusals):
            code = self.recusals[event.cursor_row].outfall_code
            if code and code in self.outfalls:
                self.post_message(PlansTab.OpenOutfall(self.outfalls[code][0]))

    @property
    def recusal(self) -> RecusalView | None:
        table = self.query_one("#recusal-table", DataTable)
        if not self.recusals or not 0 <= table.cursor_row < len(self.recusals):
            return None
        return self.recusals[table.cursor_row]


def target(view: RecusalView) -> str:
    """What the person stands aside from: an outfall's code, or an owner's name."""
    return printable(view.outfall_code or view.owner_name or "")
