"""Progress against the year's targets, per county and per river, as bars (DESIGN §8)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from inspector.i18n import t
from inspector.services.progress import METRICS, Progress, Shares
from inspector.ui.context import context_of
from inspector.ui.widgets.dashboard import DashboardPanel, SharedLoads

BAR = 8
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(share: float, width: int = BAR) -> tuple[str, str]:
    """A bar `width` cells wide filled to `share` (to an eighth of a cell): the filled
    part and the track after it."""
    eighths = round(max(0.0, min(1.0, share)) * width * 8)
    full, part = divmod(eighths, 8)
    filled = "█" * full + (_EIGHTHS[part] if part else "")
    return filled, "░" * (width - len(filled))


class ProgressPanel(DashboardPanel):
    TITLE: ClassVar[str] = "dash.progress"
    COLUMN: ClassVar[str] = "main"

    def body(self) -> ComposeResult:
        yield Static(id="progress-targets", classes="hint")
        yield Static(id="progress-counties")
        yield Static(id="progress-rivers")

    def load(self, conn: sqlite3.Connection, today: dt.date, shared: SharedLoads) -> Progress:
        progress: Progress = shared.progress(conn, today)
        return progress

    def show(self, data: Progress) -> None:
        ctx = context_of(self)
        title = self.query_one(".panel-title", Static)
        title.update(t("dash.progress.year", year=data.year))
        targets = [
            t("dash.target", metric=t(f"dash.metric.{m}"), share=f"{data.targets[m]:.0%}")
            for m in METRICS
            if data.targets.get(m) is not None
        ]
        line = (
            t("dash.targets", targets=t("ui.list_sep").join(targets))
            if targets
            else t("dash.no_targets")
        )
        if data.overall.retained:
            # Kept on a setting approval without works: its own figure, never a closing.
            line += "\n" + t("dash.retained", count=f"{data.overall.retained:,}")
        self.query_one("#progress-targets", Static).update(line)
        county_codes = [c.code for c in ctx.reference.counties(data.city_code)]
        counties = [
            (ctx.county_name(code), data.by_county[code])
            for code in county_codes
            if code in data.by_county
        ]
        counties += [
            (ctx.county_name(code), shares)
            for code, shares in sorted(data.by_county.items())
            if code not in county_codes
        ]
        self.query_one("#progress-counties", Static).update(
            self._table(data, t("dash.county"), [(t("dash.all"), data.overall), *counties])
        )
        rivers = sorted(data.by_river.items(), key=lambda item: (-item[1].total, item[0]))
        self.query_one("#progress-rivers", Static).update(
            self._table(data, t("dash.river"), [(ctx.river_name(r), s) for r, s in rivers])
        )

    def _table(self, data: Progress, heading: str, rows: list[tuple[str, Shares]]) -> Table:
        table = Table(
            box=None, padding=(0, 1), collapse_padding=True, show_edge=False, pad_edge=False
        )
        table.add_column(heading, no_wrap=True, max_width=12)
        table.add_column(t("dash.total"), justify="right", no_wrap=True)
        for metric in METRICS:
            table.add_column(t(f"dash.metric.{metric}"), no_wrap=True, min_width=BAR + 5)
        for name, shares in rows:
            cells: list[Text | str] = [name, f"{shares.total:,}"]
            for metric in METRICS:
                share = shares.share(metric)
                behind = data.behind(metric, shares)
                filled, track = bar(share)
                cell = Text(filled, style="red" if behind else "green")
                cell.append(track, style="dim")
                cell.append(f"{share:>5.0%}", style="bold red" if behind else "")
                cells.append(cell)
            table.add_row(*cells)
        return table
