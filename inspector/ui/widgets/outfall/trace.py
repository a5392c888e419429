"""Trace records (溯源): how the emitter behind the outfall was looked for."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Static

from inspector.data.outfall_record import OutfallRecord
from inspector.domain.choices import TraceMethod, TraceResult
from inspector.i18n import t
from inspector.ui.text import label
from inspector.ui.widgets.forms.fields import field_label
from inspector.ui.widgets.outfall.base import OutfallTab
from inspector.ui.widgets.table import Table


class TraceTab(OutfallTab):
    def compose(self) -> ComposeResult:
        yield Static("", id="trace-summary", classes="hint", markup=False)
        with Horizontal(classes="tab-buttons"):
            yield Button(t("trace.add") + " (R)", id="trace-add", variant="primary")
        table: DataTable[str] = Table(id="trace-table", cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name, width in (
            ("traced_on", 10),
            ("methods", 24),
            ("result", 14),
            ("conclusion", 30),
            ("route_notes", 20),
            ("staff", 10),
        ):
            table.add_column(field_label("trace_record", name), width=width)

    def show(self, record: OutfallRecord) -> None:
        super().show(record)
        self.query_one("#trace-summary", Static).update(
            t("trace.count", count=len(record.traces)) if record.traces else t("trace.none")
        )
        table = self.query_one(DataTable)
        table.clear()
        for r in record.traces:
            table.add_row(
                r.get("traced_on") or "",
                "、".join(label(TraceMethod, m) for m in r.get("methods") or []),
                label(TraceResult, r.get("result")),
                r.get("conclusion") or "",
                r.get("route_notes") or "",
                r.get("staff") or "",
                key=r["id"],
            )

    @on(Button.Pressed, "#trace-add")
    async def _add(self) -> None:
        await self.screen.run_action("add_trace")
