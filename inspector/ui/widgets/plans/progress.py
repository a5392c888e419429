"""The progress tab: the dashboard's bars per county and river, and where the present pace
leads by 31 December ("at the present pace the target is reached on ...")."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from inspector.data.engine import Conn
from inspector.i18n import t
from inspector.ui.context import context_of
from inspector.ui.widgets.dashboard import DashboardPanel, SharedLoads
from inspector.ui.widgets.dashboard.progress import ProgressPanel, bar

if TYPE_CHECKING:
    from inspector.services.progress import Pace, PaceReport

PACE_BAR = 20


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


class PacePanel(DashboardPanel):
    """Each milestone now, and projected to the deadline at the pace of the last 90 days,
    against its target; then the date the target is reached, in words."""

    TITLE: ClassVar[str] = "pui.progress.pace_title"
    COLUMN: ClassVar[str] = "main"

    def body(self) -> ComposeResult:
        yield Static(id="pace-heading", classes="hint")
        yield Static(id="pace-bars")
        yield Static(id="pace-words")

    def load(self, conn: Conn, today: dt.date, shared: SharedLoads) -> PaceReport:
        from inspector.services.progress import compute_pace

        return compute_pace(conn, shared.progress(conn, today), today=today)

    def show(self, data: PaceReport) -> None:
        from inspector.services.progress import METRICS

        today = context_of(self).today()
        self.query_one("#pace-heading", Static).update(
            t("report.pace.heading", deadline=data.deadline.isoformat(), days=data.window_days)
        )
        table = Table(box=None, padding=(0, 1), show_edge=False, pad_edge=False)
        table.add_column(t("pui.progress.milestone"), no_wrap=True)
        table.add_column(t("pui.progress.now"), no_wrap=True)
        table.add_column(t("pui.progress.projected"), no_wrap=True)
        words: list[str] = []
        for metric in METRICS:
            pace = data.overall[metric]
            now = pace.reached / pace.total if pace.total else 0.0
            table.add_row(
                t(f"dash.metric.{metric}"),
                _bar(now, pace.target),
                _bar(pace.projected_share, pace.target),
            )
            words.append(self._words(pace, today))
        self.query_one("#pace-bars", Static).update(table)
        self.query_one("#pace-words", Static).update("\n".join(words))

    def _words(self, pace: Pace, today: dt.date) -> str:
        metric = t(f"metric.{pace.metric}")
        if pace.target is None:
            return t("pui.progress.no_target", metric=metric, per_month=f"{pace.per_month:.1f}")
        reach = pace.reaches_target_on(today)
        target = _pct(pace.target)
        if reach is None:
            needed = pace.needed_per_month
            shown = "∞" if needed is None or needed == float("inf") else f"{needed:.1f}"
            return t("pui.progress.never", metric=metric, target=target, needed=shown)
        if reach <= today:
            return t("pui.progress.reached", metric=metric, target=target)
        return t("pui.progress.reach", metric=metric, target=target, reach=reach.isoformat())


def _bar(share: float, target: float | None) -> Text:
    filled, track = bar(share, PACE_BAR)
    short = target is not None and share < target
    cell = Text(filled, style="red" if short else "green")
    cell.append(track, style="dim")
    cell.append(f"{share:>5.0%}", style="bold red" if short else "")
    if target is not None:
        cell.append(f" / {target:.0%}", style="dim")
    return cell


class ProgressTab(VerticalScroll):
    def compose(self) -> ComposeResult:
        # Where the year is heading first; the dashboard's bars by county and river below.
        yield PacePanel()
        yield ProgressPanel()

    def reload(self) -> None:
        shared = SharedLoads(context_of(self).city_code())
        for panel in self.query(DashboardPanel):
            panel.reload(shared)
