"""The assessment tab: the counties' scorecards for a month, ranked, and the year's
ranking with the consequences it has brought (DESIGN §8)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from inspector.i18n import language, t
from inspector.services.assessment_report import SCORECARD_COLUMNS
from inspector.ui.context import context_of
from inspector.ui.text import fit

NAME_WIDTH = 16
"""Cells of a county's name (the longest, a demonstration zone's, ends in an ellipsis)."""
COLUMNS = SCORECARD_COLUMNS[:-1]
"""The scorecard's columns shown (all but the list of missing items, which is long), in
the order `scorecard_table` gives them."""


@dataclass
class Loaded:
    year: int
    month: int
    rows: list[list[str]]
    marks: list[tuple[str, bool]]
    """Position shown in front of each row, and whether that county is warned."""
    standings: list[tuple[str, int, int, str, str]]
    """County, months last, months warned, consequence key and label."""
    numeric: frozenset[int]
    """Columns holding figures (aligned right)."""
    city: str | None
    """The city whose counties these are."""


class AssessmentTab(VerticalScroll):
    def __init__(self) -> None:
        super().__init__(id="assessment-tab")
        self.year = 0
        self.month = 0
        self.loaded: Loaded | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="card-heading", classes="panel-title", markup=False)
        yield DataTable(id="card-table", cursor_type="row", zebra_stripes=True)
        yield Static(
            t("assess.out.legend") + "\n" + t("pui.assess.manual"), classes="hint", markup=False
        )
        yield Static("", id="rank-heading", classes="panel-title", markup=False)
        yield DataTable(id="rank-table", cursor_type="row", zebra_stripes=True)

    def reload(self, *, year: int, month: int) -> None:
        self.year, self.month = year, month
        self._load(year, month)

    @work(thread=True, exclusive=True, exit_on_error=False, group="assessment")
    def _load(self, year: int, month: int) -> None:
        from inspector.domain.assessment import rank
        from inspector.services.assessment import scorecards, year_standings
        from inspector.services.assessment_report import scorecard_table
        from inspector.services.document import text_cell

        ctx = context_of(self)
        lang = language()
        city = ctx.city_code()
        with ctx.read() as conn:
            cards = scorecards(conn, year=year, month=month, city=city)
            standings = year_standings(conn, year=year, city=city)
        ranked, unranked = rank(cards)
        order = [r.card for r in ranked] + unranked
        table = scorecard_table(order, ctx.reference, key="cards", title="")
        rows = [
            [text_cell(v, table.formats.get(i)) for i, v in enumerate(row)] for row in table.rows
        ]
        positions = {r.card.county: r for r in ranked}
        marks = []
        for card in order:
            r = positions.get(card.county)
            marks.append(("", False) if r is None else (str(r.position), r.warned))
        tallies = [
            (
                ctx.county_name(county),
                len(tl.months_last),
                len(tl.months_warned),
                tl.consequence.value,
                tl.consequence.label(lang),
            )
            for county, tl in sorted(standings.tallies.items())
        ]
        tallies.sort(key=lambda row: (-row[1], -row[2], row[0]))
        loaded = Loaded(year, month, rows, marks, tallies, frozenset(table.formats), city)
        self.app.call_from_thread(self._show, loaded)

    def _show(self, data: Loaded) -> None:
        self.loaded = data
        self.query_one("#card-heading", Static).update(
            t("pui.assess.heading", year=data.year, month=data.month)
        )
        cards = self.query_one("#card-table", DataTable)
        cards.clear(columns=True)
        # The export's columns under short headings, less its long "not yet entered" list
        # (the blanks say the same): 120 columns hold them in both languages.
        shown = len(COLUMNS)
        for key in ("position", *COLUMNS):
            cards.add_column(t(f"pui.assess.col.{key}"))
        for (position, is_warned), row in zip(data.marks, data.rows, strict=True):
            mark = Text(position + (" ⚠" if is_warned else ""), justify="right")
            if is_warned:
                mark.stylize("bold red")
            cells: list[Any] = [mark, fit(row[0], NAME_WIDTH)]
            for i, value in enumerate(row[1:shown], start=1):
                cells.append(Text(value, justify="right") if i in data.numeric else value)
            cards.add_row(*cells)
        self.query_one("#rank-heading", Static).update(t("pui.assess.rank_heading", year=data.year))
        ranks = self.query_one("#rank-table", DataTable)
        ranks.clear(columns=True)
        for key in ("county", "months_last", "months_warned", "consequence"):
            ranks.add_column(t(f"assess.col.{key}"))
        for county, last, warned, key, label in data.standings:
            style = "bold red" if key != "none" else ""
            ranks.add_row(
                fit(county, NAME_WIDTH),
                Text(str(last), justify="right"),
                Text(str(warned), justify="right"),
                Text(label, style=style),
            )
