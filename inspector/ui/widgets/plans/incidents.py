"""The incidents tab: cross-boundary incidents, and for the one highlighted the regions
downstream on its river with whether and how each was told."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from inspector.i18n import language, t
from inspector.ui.context import context_of
from inspector.ui.text import local_time
from inspector.ui.widgets.table import Table

if TYPE_CHECKING:
    from inspector.services.incidents import IncidentView


class IncidentsTab(Vertical):
    def __init__(self) -> None:
        super().__init__(id="incidents-tab")
        self.incidents: list[IncidentView] = []
        self._selected: str | None = None

    def compose(self) -> ComposeResult:
        yield Table(id="incident-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="incident-heading", classes="panel-title", markup=False)
        yield Static("", id="incident-description", markup=False)
        yield Table(id="notice-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#incident-table", DataTable)
        for key in ("occurred", "river", "outfall", "region", "notified", "pending"):
            label = t("incident.col.region") if key == "region" else t(f"incident.col.{key}")
            table.add_column(label, key=key)
        self._notice_columns()

    def _notice_columns(self) -> None:
        # Made again for each incident: columns sized by another's notes would not shrink.
        notices = self.query_one("#notice-table", DataTable)
        notices.clear(columns=True)
        for key in ("region", "when", "by", "method", "notes"):
            notices.add_column(t(f"incident.col.{key}"), key=key)

    def reload(self, *, select: str | None = None) -> None:
        if select is not None:
            # Kept now: a reload asked for before this one lands must not undo the choice.
            self._selected = select
        self._load(self._selected)

    @work(thread=True, exclusive=True, exit_on_error=False, group="incidents")
    def _load(self, select: str | None) -> None:
        from inspector.services.incidents import list_incidents

        with context_of(self).read() as conn:
            incidents = list_incidents(conn)
        self.app.call_from_thread(self._show, incidents, select)

    def _local(self, stored: str | None) -> str:
        return local_time(stored, context_of(self).tz)

    def _show(self, incidents: list[IncidentView], select: str | None) -> None:
        self.incidents = incidents
        table = self.query_one("#incident-table", DataTable)
        table.clear()
        for view in incidents:
            pending = len(view.pending)
            table.add_row(
                self._local(view.occurred_at),
                view.river_name,
                view.outfall_code or "",
                view.region_name,
                Text(str(len(view.notices) - pending), justify="right"),
                Text(str(pending), justify="right", style="bold red" if pending else ""),
                key=view.id,
            )
        if not incidents:
            self.query_one("#incident-heading", Static).update(t("pui.incidents.none"))
            self.query_one("#incident-description", Static).update("")
            self.query_one("#notice-table", DataTable).clear()
            return
        ids = [v.id for v in incidents]
        row = ids.index(select) if select in ids else 0
        table.move_cursor(row=row)
        self._select(incidents[row])

    @on(DataTable.RowHighlighted, "#incident-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        # Where the cursor is now: a refill posts highlights of rows it has since left.
        row = event.data_table.cursor_row
        if 0 <= row < len(self.incidents):
            self._select(self.incidents[row])

    def _select(self, view: IncidentView) -> None:
        lang = language()
        self._selected = view.id
        self.query_one("#incident-heading", Static).update(t("pui.incidents.notices"))
        self.query_one("#incident-description", Static).update(view.description)
        self._notice_columns()
        notices = self.query_one("#notice-table", DataTable)
        for n in view.notices:
            notices.add_row(
                n.region_name,
                Text(t("incident.out.pending"), style="bold red")
                if n.pending
                else self._local(n.notified_at),
                n.notified_by or "",
                _method_label(n.method, lang),
                n.notes or "",
            )

    @property
    def incident(self) -> IncidentView | None:
        table = self.query_one("#incident-table", DataTable)
        if not self.incidents or not 0 <= table.cursor_row < len(self.incidents):
            return None
        return self.incidents[table.cursor_row]


def _method_label(stored: str | None, lang: str) -> str:
    """How a region was told, in words (a value from an older replica shows as it is)."""
    from inspector.domain.choices import NoticeMethod

    if not stored:
        return ""
    method = NoticeMethod.parse(stored)
    return method.label(lang) if method else stored
