"""Change history from the operation log: who changed what, when, old → new, and why."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from inspector.i18n import t
from inspector.i18n.reasons import reason_text
from inspector.ui.text import display_value, fit, local_time
from inspector.ui.widgets.forms.fields import field_label
from inspector.ui.widgets.outfall.base import OutfallTab
from inspector.ui.widgets.outfall.record import OutfallRecord

SHOWN = 500


class HistoryTab(OutfallTab):
    def compose(self) -> ComposeResult:
        yield Static(t("hist.intro"), classes="hint")
        table: DataTable[str] = DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, width in (
            ("hist.when", 16),
            ("hist.who", 8),
            ("hist.record", 10),
            ("hist.field", 16),
            ("hist.change", 34),
            ("hist.reason", 18),
        ):
            table.add_column(t(key), width=width)

    def show(self, record: OutfallRecord) -> None:
        super().show(record)
        table = self.query_one(DataTable)
        table.clear()
        tz = self.ctx.tz
        names = {a["owner_id"]: a["owner_name"] for a in record.assignments}
        if record.remediation and record.merge_target_code:
            names[record.remediation.get("merge_target_id") or ""] = record.merge_target_code
        for n, (entity, _row_id, change) in enumerate(record.history[:SHOWN]):
            if change.field == "deleted" and not change.new and change.old is None:
                continue  # every new row sets deleted=false: noise, not a change
            if change.field == "outfall_id":
                continue  # the record belongs to this outfall: that is no news
            old = names.get(change.old, _shown(entity, change.field, change.old))
            new = names.get(change.new, _shown(entity, change.field, change.new))
            text = new if change.old is None else f"{old} → {new}"
            table.add_row(
                local_time(change.at, tz),
                fit(change.actor, 8),
                t(f"entity.{entity}"),
                field_label(entity, change.field),
                text,
                reason_text(change.reason),
                key=f"{n}",
            )


def _shown(entity: str, field: str, value: Any) -> str:
    text = display_value(entity, field, value)
    return text if text else "—"
