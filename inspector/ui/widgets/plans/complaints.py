"""The complaints tab: public complaints (公众举报), those due first, with their status
(open, overdue by how many days, answered and when); for the one highlighted, what it
says and how it was answered. `enter` opens the outfall it concerns.

Beside the incidents, in the Plans section: both are registers of events a county
office handles to a deadline (a complaint to be answered, an incident to be notified),
and the inspection that answers a complaint is planned and recorded from here and the
register like any other."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from inspector.i18n import language, t
from inspector.ui.context import context_of
from inspector.ui.text import fit
from inspector.ui.widgets.table import Table

if TYPE_CHECKING:
    from inspector.services.complaints import ComplaintView

CONTENT_WIDTH = 30


class ComplaintsTab(Vertical):
    class OpenOutfall(Message):
        def __init__(self, outfall_id: str) -> None:
            super().__init__()
            self.outfall_id = outfall_id

    def __init__(self) -> None:
        super().__init__(id="complaints-tab")
        self.complaints: list[ComplaintView] = []
        self._selected: str | None = None

    def compose(self) -> ComposeResult:
        yield Table(id="complaint-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="complaint-detail", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#complaint-table", DataTable)
        for key in ("received", "county", "outfall", "channel", "due", "status", "content"):
            table.add_column(t(f"complaint.col.{key}"), key=key)

    def reload(self, *, select: str | None = None) -> None:
        if select is not None:
            self._selected = select
        self._load(self._selected)

    @work(thread=True, exclusive=True, exit_on_error=False, group="complaints")
    def _load(self, select: str | None) -> None:
        from inspector.services.complaints import list_complaints

        ctx = context_of(self)
        with ctx.read() as conn:
            views = list_complaints(conn, city=ctx.city_code())
        self.app.call_from_thread(self._show, views, select)

    def _show(self, views: list[ComplaintView], select: str | None) -> None:
        from inspector.domain.choices import ComplaintChannel

        lang = language()
        today = context_of(self).today()
        self.complaints = views
        table = self.query_one("#complaint-table", DataTable)
        table.clear()
        for v in views:
            channel = ComplaintChannel.parse(v.channel)
            late = v.answered_on is None and v.overdue_days(today) > 0
            table.add_row(
                v.received_on.isoformat(),
                fit(v.county_name, 12),
                v.outfall_code or "",
                channel.label(lang) if channel else v.channel,
                v.due_on.isoformat(),
                Text(v.status(today), style="bold red" if late else ""),
                fit(v.content, CONTENT_WIDTH),
                key=v.id,
            )
        detail = self.query_one("#complaint-detail", Static)
        if not views:
            detail.update(t("pui.complaints.none"))
            return
        ids = [v.id for v in views]
        row = ids.index(select) if select in ids else 0
        table.move_cursor(row=row)
        self._select(views[row])

    @on(DataTable.RowHighlighted, "#complaint-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = event.data_table.cursor_row
        if 0 <= row < len(self.complaints):
            self._select(self.complaints[row])

    @on(DataTable.RowSelected, "#complaint-table")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        view = self.complaint
        if view is not None and view.outfall_id:
            self.post_message(self.OpenOutfall(view.outfall_id))

    def _select(self, view: ComplaintView) -> None:
        self._selected = view.id
        self.query_one("#complaint-detail", Static).update(
            t("pui.complaints.detail", content=view.content, answer=view.answer or "—")
        )

    @property
    def complaint(self) -> ComplaintView | None:
        table = self.query_one("#complaint-table", DataTable)
        if not self.complaints or not 0 <= table.cursor_row < len(self.complaints):
            return None
        return self.complaints[table.cursor_row]
