"""The outfall's inspections, newest first; the highlighted one in full below the list."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Static

from inspector.data.outfall_record import OutfallRecord
from inspector.domain.choices import Suspicion, TaskSource, Violation
from inspector.domain.printable import printable
from inspector.i18n import t
from inspector.ui.text import display_value, label, local_time, yes_no
from inspector.ui.widgets.forms.fields import field_label
from inspector.ui.widgets.infotable import facts
from inspector.ui.widgets.outfall.base import OutfallTab
from inspector.ui.widgets.table import Table

DETAIL_FIELDS = (
    "started_at", "ended_at", "inspectors", "task_source", "flow_present", "flow_level",
    "colour", "colour_severity", "odour", "odour_severity", "turbidity_severity",
    "oil_film_severity", "floatables", "floatables_severity", "deposits",
    "abnormal_vegetation", "signage", "signage_items", "sampled", "no_sample_reason",
    "water_temp_c", "ph", "conductivity_us_cm", "cod_mg_l", "nh3n_mg_l", "tp_mg_l",
    "tn_mg_l", "suspicion", "violation", "violation_desc", "follow_up", "notes",
)  # fmt: skip


class InspectionsTab(OutfallTab):
    def compose(self) -> ComposeResult:
        yield Static("", id="inspections-summary", classes="hint", markup=False)
        with Horizontal(classes="tab-buttons"):
            yield Button(t("insp.new") + " (I)", id="inspection-new", variant="primary")
        table: DataTable[str] = Table(id="inspections-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(id="inspection-detail")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name, width in (
            ("started_at", 16),
            ("inspectors", 14),
            ("task_source", 10),
            ("suspicion", 8),
            ("violation", 12),
            ("sampled", 6),
            ("follow_up", 10),
        ):
            heading = field_label("inspection", name)
            # Wide enough for its heading: "Task sourc" read as a typing error.
            table.add_column(heading, width=max(width, cell_len(heading)))

    def show(self, record: OutfallRecord) -> None:
        super().show(record)
        self.query_one("#inspections-summary", Static).update(
            t("insp.count", count=len(record.inspections)) if record.inspections else t("insp.none")
        )
        table = self.query_one(DataTable)
        table.clear()
        tz = self.ctx.tz
        for r in record.inspections:
            table.add_row(
                local_time(r.get("started_at"), tz),
                printable("、".join(r.get("inspectors") or [])),
                label(TaskSource, r.get("task_source")),
                label(Suspicion, r.get("suspicion")),
                label(Violation, r.get("violation")),
                yes_no(bool(r.get("sampled"))),
                yes_no(bool(r.get("follow_up"))),
                key=r["id"],
            )
        self._detail(record.inspections[0] if record.inspections else None)

    @on(DataTable.RowHighlighted, "#inspections-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.record is None or event.row_key is None:
            return
        found = [r for r in self.record.inspections if r["id"] == event.row_key.value]
        self._detail(found[0] if found else None)

    def _detail(self, row: dict[str, Any] | None) -> None:
        detail = self.query_one("#inspection-detail", Static)
        if row is None:
            detail.update("")
            return
        tz = self.ctx.tz
        pairs = []
        for name in DETAIL_FIELDS:
            value = row.get(name)
            if name in ("started_at", "ended_at"):
                text = local_time(value, tz)
            elif name.endswith("_severity") and not value:
                text = ""
            else:
                text = display_value("inspection", name, value)
            if text:
                pairs.append((field_label("inspection", name), text))
        detail.update(facts(pairs, label_width=20))

    @on(Button.Pressed, "#inspection-new")
    async def _new(self) -> None:
        await self.screen.run_action("inspect")
