"""Plan items due this month: how many, how many are overdue, and the next few; `enter`
opens the outfall (DESIGN §7, the dashboard's "today's plan items")."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from inspector.data.engine import Conn
from inspector.i18n import t
from inspector.ui.text import fit, right
from inspector.ui.widgets.dashboard import DashboardPanel, SharedLoads

if TYPE_CHECKING:
    from inspector.services.plans import ItemView

SHOWN = 3
"""Items listed: overdue ones first, then by due date (few: the side column also holds
the conflicts and the overdue remediations)."""
LIMIT = 5000
"""Read at most this many (a city's plans due in one month stay far below)."""


@dataclass
class DueThisMonth:
    count: int
    overdue: int
    first: list[ItemView]


class PlanItemsPanel(DashboardPanel):
    TITLE: ClassVar[str] = "dash.plan_items"
    COLUMN: ClassVar[str] = "side"

    def __init__(self) -> None:
        super().__init__()
        self._outfalls: dict[str, str] = {}

    def body(self) -> ComposeResult:
        yield Static(id="plan-items-summary")
        yield OptionList(id="plan-items-list", compact=True)

    def load(self, conn: Conn, today: dt.date, shared: SharedLoads) -> DueThisMonth:
        from inspector.services.plans import due_items

        last = calendar.monthrange(today.year, today.month)[1]
        items = due_items(conn, today=today, within_days=last - today.day, limit=LIMIT)
        overdue = [i for i in items if i.overdue]
        return DueThisMonth(count=len(items), overdue=len(overdue), first=items[:SHOWN])

    def show(self, data: DueThisMonth) -> None:
        summary = self.query_one("#plan-items-summary", Static)
        summary.update(
            t("dash.plan_items.count", count=data.count, overdue=data.overdue)
            if data.count
            else t("dash.plan_items.none")
        )
        options = self.query_one("#plan-items-list", OptionList)
        options.clear_options()
        width = max(30, self.size.width - 4)
        for item in data.first:
            due = item.due_date.isoformat() if item.due_date else ""
            mark = t("pui.state.overdue") if item.overdue else due
            head = f"{fit(item.code, width - 13)} {right(mark, 12)}"
            who = f"{item.inspector_a or ''}、{item.inspector_b or ''}"
            options.add_option(
                Option(f"{head}\n  {fit(f'{who} {item.name}', width - 2)}", id=item.id)
            )
        more = data.count - len(data.first)
        if more > 0:
            options.add_option(Option(t("dash.plan_items.more", count=more), disabled=True))
        self._outfalls = {i.id: i.outfall_id for i in data.first}

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        outfall = self._outfalls.get(event.option.id or "")
        if outfall:
            self.app.open_outfall(outfall)  # type: ignore[attr-defined]
