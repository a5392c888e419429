"""Open sync conflicts: how many, the latest few, and the key that opens Conflicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from inspector.data.engine import Conn
from inspector.i18n import t
from inspector.ui.context import context_of
from inspector.ui.text import fit
from inspector.ui.widgets.dashboard import DashboardPanel, SharedLoads

LATEST = 3


@dataclass(frozen=True)
class OpenConflicts:
    count: int
    latest: list[Any]
    duplicates: int


class ConflictsPanel(DashboardPanel):
    TITLE: ClassVar[str] = "dash.conflicts"
    COLUMN: ClassVar[str] = "side"

    def body(self) -> ComposeResult:
        yield Static(id="conflicts-summary", markup=False)
        yield OptionList(id="conflicts-latest", compact=True)
        yield Static(t("dash.conflicts.hint"), id="conflicts-hint", classes="hint")

    def load(self, conn: Conn, today: dt.date, shared: SharedLoads) -> OpenConflicts:
        from inspector.data.sync.duplicates import open_duplicate_count
        from inspector.services.sync.conflicts import list_conflicts, open_conflict_count

        db = context_of(self).db
        return OpenConflicts(
            count=open_conflict_count(db),
            latest=list_conflicts(db, limit=LATEST),
            duplicates=open_duplicate_count(conn),
        )

    def show(self, data: OpenConflicts) -> None:
        lines = [t("dash.conflicts.count", count=data.count) if data.count else t("conflict.none")]
        if data.duplicates:
            lines.append(t("dash.conflicts.duplicates", count=data.duplicates))
        self.query_one("#conflicts-summary", Static).update("\n".join(lines))
        options = self.query_one("#conflicts-latest", OptionList)
        options.clear_options()
        width = max(24, self.size.width - 4)
        for c in data.latest:
            options.add_option(
                Option(f"{fit(c.record, width)}\n  {fit(c.field_label, width - 2)}", id=c.id)
            )
        options.display = bool(data.latest)
        if data.latest:
            options.highlighted = 0  # `enter` on the list opens Conflicts at once
        self.query_one("#conflicts-hint").display = bool(data.count or data.duplicates)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        await self.app.run_action("switch_section('conflicts')")
