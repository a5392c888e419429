"""Progress against the year's targets, per county and per river, as bars (DESIGN §8)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from inspector.data.engine import Conn
from inspector.i18n import t
from inspector.services.progress import METRICS, Progress, Shares, describe_targets
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

    def load(self, conn: Conn, today: dt.date, shared: SharedLoads) -> Progress:
        progress: Progress = shared.progress(conn, today)
        return progress

    def show(self, data: Progress) -> None:
        ctx = context_of(self)
        title = self.query_one(".panel-title", Static)
        title.update(t("dash.progress.year", year=data.year))
        line = describe_targets(data)
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
        width = self.content_size.width or self.size.width
        counties_table = self._table(
            data, t("dash.county"), [(t("dash.all"), data.overall), *counties], width
        )
        note = (
            Text(
                t(
                    "dash.total_note",
                    total=f"{data.overall.total:,}",
                    rejected=f"{data.overall.rejected:,}",
                    listed=f"{data.overall.total + data.overall.rejected:,}",
                ),
                style="dim",
            )
            if data.overall.rejected
            else Text("")
        )
        self.query_one("#progress-counties", Static).update(Group(counties_table, note))
        rivers = sorted(data.by_river.items(), key=lambda item: (-item[1].total, item[0]))
        self.query_one("#progress-rivers", Static).update(
            self._table(data, t("dash.river"), [(ctx.river_name(r), s) for r, s in rivers], width)
        )

    def _table(
        self, data: Progress, heading: str, rows: list[tuple[str, Shares]], width: int
    ) -> Table:
        """Name, count and a share per milestone, fitted to `width`: bars while there is
        room, then percentages alone under short headings. The count is never cut (a
        "2…" for 2,107 is no number), and names get what is left, up to their length."""
        digits = max((len(f"{s.total:,}") for _, s in rows), default=1)
        names = max((cell_len(name) for name, _ in rows), default=4)

        def layout(short: bool, bar_width: int) -> tuple[int, list[str], list[int], str]:
            total_label = t("dash.total_short" if short else "dash.total")
            labels = [t(f"dash.metric{'_short' if short else ''}.{m}") for m in METRICS]
            widths = [
                max(cell_len(label), 4 + (bar_width + 1 if bar_width else 0)) for label in labels
            ]
            totals = max(digits, cell_len(total_label))
            used = totals + sum(widths) + len(METRICS) + 1  # a gap after each column
            return width - used, labels, widths, total_label

        bar_width = BAR
        room, labels, widths, total_label = layout(False, bar_width)
        while bar_width and room < min(names, NAME_WIDTH):
            bar_width = bar_width - 1 if bar_width > 3 else 0
            room, labels, widths, total_label = layout(False, bar_width)
        if not bar_width:
            room, labels, widths, total_label = layout(True, 0)
        name_width = max(6, min(names, room))
        table = Table(
            box=None, padding=(0, 1), collapse_padding=True, show_edge=False, pad_edge=False
        )
        table.add_column(heading, no_wrap=True, width=name_width, overflow="ellipsis")
        table.add_column(
            total_label, justify="right", no_wrap=True, min_width=max(digits, cell_len(total_label))
        )
        for label, column_width in zip(labels, widths, strict=True):
            table.add_column(label, no_wrap=True, min_width=column_width, justify="right")
        for name, shares in rows:
            cells: list[Text | str] = [name, f"{shares.total:,}"]
            for metric in METRICS:
                share = shares.share(metric)
                behind = data.behind(metric, shares)
                cell = Text()
                if bar_width:
                    filled, track = bar(share, bar_width)
                    cell.append(filled, style="red" if behind else "green")
                    cell.append(track, style="dim")
                cell.append(
                    f"{share:>5.0%}" if bar_width else f"{share:.0%}",
                    style="bold red" if behind else "",
                )
                cells.append(cell)
            table.add_row(*cells)
        return table


NAME_WIDTH = 20
"""The most a region's name is given before bars shrink: "Zhongzhan District" whole."""
