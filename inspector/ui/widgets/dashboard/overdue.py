"""Remediations past their deadline, longest overdue first; `enter` opens the outfall."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from inspector.data.engine import Conn
from inspector.i18n import t
from inspector.services.progress import Progress
from inspector.ui.text import fit, right
from inspector.ui.widgets.dashboard import DashboardPanel, SharedLoads


class OverduePanel(DashboardPanel):
    TITLE: ClassVar[str] = "dash.overdue"
    COLUMN: ClassVar[str] = "side"

    def body(self) -> ComposeResult:
        yield Static(id="overdue-summary")
        yield OptionList(id="overdue-list", compact=True)

    def load(self, conn: Conn, today: dt.date, shared: SharedLoads) -> Progress:
        progress: Progress = shared.progress(conn, today)
        return progress

    def show(self, data: Progress) -> None:
        summary = self.query_one("#overdue-summary", Static)
        summary.update(
            t("dash.overdue.count", count=data.overdue_count)
            if data.overdue_count
            else t("dash.overdue.none")
        )
        options = self.query_one("#overdue-list", OptionList)
        options.clear_options()
        # Leave room for the scrollbar whether or not it shows yet: it appears once the
        # options are in, and a line fitted to the wider list would then wrap.
        width = max(24, self.size.width - options.styles.scrollbar_size_vertical - 1)
        for item in data.overdue:
            days = t("dash.days", days=item.days)
            head = f"{fit(item.code, width - 9)} {right(days, 8)}"
            options.add_option(Option(f"{head}\n  {fit(item.name, width - 2)}", id=item.outfall_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.open_outfall(event.option.id, tab="remediation")  # type: ignore[attr-defined]
