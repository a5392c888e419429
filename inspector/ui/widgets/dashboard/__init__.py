"""Dashboard panels, and how to add one.

A panel is a `DashboardPanel`: `load(conn, today, shared)` runs in a thread worker on its
own database connection and returns plain data; `show(data)` puts it on screen. Panels
reload whenever the dashboard is shown again, so what they say is never stale. `shared`
computes what several panels need once per refresh (see `progress`): on a million
outfalls the progress query is worth sharing.

To add a panel (open conflicts, plan items due this month...): write a module here with a
`DashboardPanel` subclass, and add `"module:Class"` to `PANELS` in
`inspector.ui.screens.dashboard`. `COLUMN` says where it goes: "main" (wide, left) or
"side" (right).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from inspector.data.engine import Conn
from inspector.i18n import t
from inspector.ui.bindings import localise
from inspector.ui.context import context_of


class SharedLoads:
    """Results several panels need, computed once per refresh of the dashboard."""

    def __init__(self, city_code: str | None) -> None:
        self.city_code = city_code
        self._lock = threading.Lock()
        self._values: dict[str, Any] = {}

    def get(self, key: str, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key not in self._values:
                self._values[key] = compute()
            return self._values[key]

    def progress(self, conn: Conn, today: dt.date) -> Any:
        """This year's progress of the replica's city, with up to 200 overdue items."""
        from inspector.services.progress import compute_progress

        return self.get(
            "progress",
            lambda: compute_progress(
                conn, year=today.year, city_code=self.city_code, today=today, overdue_limit=200
            ),
        )


class DashboardPanel(Vertical):
    TITLE: ClassVar[str] = ""
    """i18n key of the panel's title."""
    COLUMN: ClassVar[str] = "side"

    def __init__(self) -> None:
        super().__init__(classes="panel")
        localise(self)
        self._data: Any = None
        """What `show` last had or is waiting to show."""

    def compose(self) -> ComposeResult:
        yield Static(t(self.TITLE), classes="panel-title")
        yield from self.body()

    def body(self) -> ComposeResult:
        """The panel's widgets, empty until `show` fills them."""
        yield from ()

    def load(self, conn: Conn, today: dt.date, shared: SharedLoads) -> Any:
        """Read what the panel shows (in a worker thread: no widgets here)."""
        raise NotImplementedError

    def show(self, data: Any) -> None:
        """Put loaded data on screen (on the UI thread), fitted to the panel's width: it
        is called again with the same data whenever that width changes."""
        raise NotImplementedError

    def _arrived(self, data: Any) -> None:
        self._data = data
        # Not laid out yet (the dashboard may be behind another section): the lines are
        # fitted to the width, so they are shown when the panel is given one (on_resize).
        # Waiting by asking again after each refresh spun the CPU until the user returned.
        if self.size.width:
            self.show(data)

    def on_resize(self) -> None:
        if self._data is not None:
            self.show(self._data)

    def reload(self, shared: SharedLoads) -> None:
        self.loading = True
        self._load(shared)

    @work(thread=True, exclusive=True, exit_on_error=False, group="panel")
    def _load(self, shared: SharedLoads) -> None:
        ctx = context_of(self)
        try:
            with ctx.read() as conn:
                data = self.load(conn, ctx.today(), shared)
        finally:
            self.app.call_from_thread(setattr, self, "loading", False)
        self.app.call_from_thread(self._arrived, data)
