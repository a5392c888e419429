"""The dashboard: how far the campaign has come, and what is late.

Its panels are listed in `PANELS` (see `inspector.ui.widgets.dashboard` for how to add
one). The screen's first frame is only its frame (navigation, columns, footer): the
panels are mounted after the app has painted, and each loads in its own thread worker,
so the screen paints at once and fills in.
"""

from __future__ import annotations

import importlib
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll

from inspector.ui.screens.base import InspectorScreen, after_first_paint
from inspector.ui.widgets.dashboard import DashboardPanel, SharedLoads
from inspector.ui.widgets.keybar import KeyBar
from inspector.ui.widgets.navbar import NavBar

PANELS: tuple[str, ...] = (
    "inspector.ui.widgets.dashboard.progress:ProgressPanel",
    # Short, and each conflict waits for a person: above the long overdue list.
    "inspector.ui.widgets.dashboard.conflicts:ConflictsPanel",
    "inspector.ui.widgets.dashboard.plan_items:PlanItemsPanel",
    # Each late complaint is a deadline missed towards the public: above the long list.
    "inspector.ui.widgets.dashboard.complaints:ComplaintsPanel",
    "inspector.ui.widgets.dashboard.overdue:OverduePanel",
)


def _panel(path: str) -> DashboardPanel:
    module, _, name = path.partition(":")
    panel: DashboardPanel = getattr(importlib.import_module(module), name)()
    return panel


class DashboardScreen(InspectorScreen):
    SECTION: ClassVar[str | None] = "dashboard"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+r", "reload", "key.reload")]

    def compose(self) -> ComposeResult:
        yield NavBar(current="dashboard")
        with Horizontal(id="dashboard"):
            yield VerticalScroll(id="dash-main")
            yield VerticalScroll(id="dash-side")
        yield KeyBar()

    def on_mount(self) -> None:
        # Mounting the panels (their widgets and styles) took longer than the rest of
        # startup together: the first frame goes out without them.
        after_first_paint(self, self._mount_panels)

    async def _mount_panels(self) -> None:
        panels = [_panel(p) for p in PANELS]
        await self.query_one("#dash-main").mount_all(p for p in panels if p.COLUMN == "main")
        await self.query_one("#dash-side").mount_all(p for p in panels if p.COLUMN != "main")
        self.action_reload()

    def on_screen_resume(self) -> None:
        # Back on the dashboard: what it shows may have changed. After the frame is drawn,
        # so the panels' queries do not delay it. (The first time, there are no panels
        # yet: mounting them loads them.)
        self.call_after_refresh(self.action_reload)

    def action_reload(self) -> None:
        panels = self.query(DashboardPanel)
        if not panels:
            return
        shared = SharedLoads(self.ctx.city_code())
        for panel in panels:
            panel.reload(shared)
