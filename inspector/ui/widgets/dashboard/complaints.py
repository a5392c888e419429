"""Public complaints past their handling deadline, longest overdue first; `enter` opens
the outfall a complaint concerns."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from inspector.data.engine import Conn
from inspector.i18n import t
from inspector.ui.text import fit, right
from inspector.ui.widgets.dashboard import DashboardPanel, SharedLoads


class ComplaintsPanel(DashboardPanel):
    TITLE: ClassVar[str] = "dash.complaints"
    COLUMN: ClassVar[str] = "side"

    def body(self) -> ComposeResult:
        yield Static(id="complaints-summary")
        yield OptionList(id="complaints-list", compact=True)

    def load(self, conn: Conn, today: dt.date, shared: SharedLoads) -> Any:
        from inspector.services.complaints import overdue

        return overdue(conn, city=shared.city_code, today=today, limit=50), today

    def show(self, data: Any) -> None:
        found, today = data
        self.query_one("#complaints-summary", Static).update(
            t("dash.complaints.count", count=found.count)
            if found.count
            else t("dash.complaints.none")
        )
        options = self.query_one("#complaints-list", OptionList)
        options.clear_options()
        options.display = bool(found.first)
        width = max(24, self.size.width - options.styles.scrollbar_size_vertical - 1)
        for view in found.first:
            days = t("dash.days", days=view.overdue_days(today))
            where = view.outfall_code or view.county_name
            head = f"{fit(where, width - 9)} {right(days, 8)}"
            options.add_option(
                Option(f"{head}\n  {fit(view.content, width - 2)}", id=view.outfall_id or None)
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.open_outfall(event.option.id)  # type: ignore[attr-defined]
