"""Change history from the operation log: who changed what, when, old → new, and why."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from inspector.data.outfall_record import OutfallRecord
from inspector.domain.printable import printable
from inspector.i18n import t
from inspector.i18n.reasons import reason_text
from inspector.ui.text import display_value, fit, local_time
from inspector.ui.widgets.forms.fields import field_label
from inspector.ui.widgets.outfall.base import OutfallTab
from inspector.ui.widgets.table import Table

SHOWN = 500


class HistoryTab(OutfallTab):
    def compose(self) -> ComposeResult:
        yield Static(t("hist.intro"), classes="hint")
        table: DataTable[str] = Table(id="history-table", cursor_type="row", zebra_stripes=True)
        yield table

    def on_resize(self) -> None:
        if self.record is not None:
            self.show(self.record)

    def _widths(self, record: OutfallRecord) -> list[int]:
        """Columns fitted to the tab: the time whole, the record and field names whole
        up to a limit, and what is left shared by the change and its reason, so nothing
        is cut without an ellipsis saying so."""
        rows = record.history[:SHOWN]
        entities = {entity for entity, _row_id, _change in rows} or {"outfall"}
        record_width = min(16, max(cell_len(t(f"entity.{e}")) for e in entities))
        fields = {(e, c.field) for e, _r, c in rows} or {("outfall", "name")}
        field_width = min(20, max(cell_len(field_label(e, f)) for e, f in fields))
        fixed = [16, 8, max(record_width, 6), max(field_width, 6)]
        # Every column is followed by two cells of padding, and the scrollbar takes two.
        room = max(24, (self.size.width or 120) - 2 - 2 * 6 - sum(fixed))
        change = max(12, room * 11 // 20)
        return [*fixed, change, max(10, room - change)]

    def show(self, record: OutfallRecord) -> None:
        super().show(record)
        table = self.query_one(DataTable)
        widths = self._widths(record)
        table.clear(columns=True)
        for key, width in zip(
            ("hist.when", "hist.who", "hist.record", "hist.field", "hist.change", "hist.reason"),
            widths,
            strict=True,
        ):
            table.add_column(fit(t(key), width), width=width)
        tz = self.ctx.tz
        names = {a["owner_id"]: printable(a["owner_name"]) for a in record.assignments}
        if record.remediation and record.merge_target_code:
            names[record.remediation.get("merge_target_id") or ""] = record.merge_target_code
        for n, (entity, _row_id, change) in enumerate(record.history[:SHOWN]):
            if change.field == "deleted" and not change.new and change.old is None:
                continue  # every new row sets deleted=false: noise, not a change
            if change.field == "outfall_id":
                continue  # the record belongs to this outfall: that is no news
            old = _named(names, entity, change.field, change.old)
            new = _named(names, entity, change.field, change.new)
            text = new if change.old is None else f"{old} → {new}"
            cells = (
                local_time(change.at, tz),
                change.actor,
                t(f"entity.{entity}"),
                field_label(entity, change.field),
                text,
                printable(reason_text(change.reason)),
            )
            table.add_row(*(fit(c, w) for c, w in zip(cells, widths, strict=True)), key=f"{n}")


def _named(names: dict[str, str], entity: str, field: str, value: Any) -> str:
    """An id as the name it stands for; any other value (a list of trace methods, too:
    it cannot be looked up by) as a person reads it."""
    if isinstance(value, str) and value in names:
        return names[value]
    return _shown(entity, field, value)


def _shown(entity: str, field: str, value: Any) -> str:
    text = display_value(entity, field, value)
    return text if text else "—"
