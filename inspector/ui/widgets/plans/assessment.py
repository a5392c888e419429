"""The assessment tab: the counties' scorecards for a month, ranked among those scored
that month (missing and excluded ones shown as such); the adjustments with their
reasons; what the year brings each county (months last, the year's grade, continuing
deterioration, the consequences) with the date the results are due; and the city
departments' ranking with its advanced units (DESIGN §8, issue 13)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from inspector.domain.choices import Grade
from inspector.i18n import language, t
from inspector.services.assessment_report import SCORECARD_COLUMNS, SCORECARD_FORMATS
from inspector.ui.context import context_of
from inspector.ui.text import fit
from inspector.ui.widgets.table import Table

if TYPE_CHECKING:
    from inspector.domain.scheme import Scheme

NAME_WIDTH = 16
"""Cells of a county's name (the longest, a demonstration zone's, ends in an ellipsis)."""
COLUMNS = tuple(c for c in SCORECARD_COLUMNS if c != "missing")
"""The scorecard's columns shown (all but the list of missing items, which is long: a
county missing any is marked so in the rank column)."""
FALSIFIED_WIDTH = 12


@dataclass
class Loaded:
    year: int
    month: int
    rows: list[list[str]]
    marks: list[tuple[str, str]]
    """What is shown in front of each row (rank, ⚠, missing), and its style."""
    notes: list[str]
    """Adjustments with their reasons; exclusions with theirs."""
    standings: list[list[Any]]
    """County, months last, months warned, months missing, year grade, falling, and
    the consequences (key and label)."""
    departments: list[list[str]]
    advanced_units: int
    due: dt.date | None
    city: str | None
    """The city whose counties these are."""
    scheme: Scheme | None = None
    counties: list[str] = field(default_factory=list)


class AssessmentTab(VerticalScroll):
    def __init__(self) -> None:
        super().__init__(id="assessment-tab")
        self.year = 0
        self.month = 0
        self.loaded: Loaded | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="card-heading", classes="panel-title", markup=False)
        yield Table(id="card-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="card-notes", classes="hint", markup=False)
        yield Static(
            t("assess.out.legend") + "\n" + t("pui.assess.manual"), classes="hint", markup=False
        )
        yield Static("", id="rank-heading", classes="panel-title", markup=False)
        yield Static("", id="rank-due", markup=False)
        yield Table(id="rank-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="dept-heading", classes="panel-title", markup=False)
        yield Table(id="dept-table", cursor_type="row", zebra_stripes=True)

    def reload(self, *, year: int, month: int) -> None:
        self.year, self.month = year, month
        self._load(year, month)

    @work(thread=True, exclusive=True, exit_on_error=False, group="assessment")
    def _load(self, year: int, month: int) -> None:
        self.app.call_from_thread(self._show, load(context_of(self), year, month))

    def _show(self, data: Loaded) -> None:
        self.loaded = data
        self.query_one("#card-heading", Static).update(
            t("pui.assess.heading", year=data.year, month=data.month)
        )
        cards = self.query_one("#card-table", DataTable)
        cards.clear(columns=True)
        for key in ("position", *COLUMNS):
            cards.add_column(t(f"pui.assess.col.{key}"))
        for (mark, style), row in zip(data.marks, data.rows, strict=True):
            cells: list[Any] = [Text(mark, justify="right", style=style)]
            for i, value in enumerate(row[: len(COLUMNS)]):
                if i == 0:
                    cells.append(fit(value, NAME_WIDTH))
                elif i in SCORECARD_FORMATS:
                    cells.append(Text(value, justify="right"))
                elif COLUMNS[i] == "falsification":
                    cells.append(Text(fit(value, FALSIFIED_WIDTH), style="bold red"))
                elif COLUMNS[i] == "grade":
                    failed = value == Grade.FAIL.label(language())
                    cells.append(Text(value, style="bold red" if failed else ""))
                else:
                    cells.append(value)
            cards.add_row(*cells)
        self.query_one("#card-notes", Static).update("\n".join(data.notes))
        self.query_one("#card-notes", Static).display = bool(data.notes)
        self.query_one("#rank-heading", Static).update(t("pui.assess.rank_heading", year=data.year))
        self.query_one("#rank-due", Static).update(
            t("pui.assess.due", year=data.year, date=data.due.isoformat()) if data.due else ""
        )
        ranks = self.query_one("#rank-table", DataTable)
        ranks.clear(columns=True)
        for key in (
            "county",
            "months_last",
            "months_warned",
            "months_missing",
            "grade",
            "deterioration",
            "consequence",
        ):
            ranks.add_column(t(f"assess.col.{key}"))
        for county, last, warned, missing, grade, falling, keys, label in data.standings:
            ranks.add_row(
                fit(county, NAME_WIDTH),
                Text(str(last), justify="right"),
                Text(str(warned), justify="right"),
                Text(str(missing), justify="right"),
                grade,
                falling,
                Text(label, style="bold red" if keys else ""),
            )
        self.query_one("#dept-heading", Static).update(
            t("pui.assess.dept_heading", year=data.year, n=data.advanced_units)
        )
        depts = self.query_one("#dept-table", DataTable)
        depts.clear(columns=True)
        if data.departments:
            for column in data.departments[0]:
                depts.add_column(column)
            for row in data.departments[1:]:
                depts.add_row(*row)
        else:
            depts.add_column(t("pui.assess.no_departments"))


def load(ctx: Any, year: int, month: int) -> Loaded:
    """What the tab shows (in a worker thread: no widgets here)."""
    from inspector.domain.assessment import rank, shown
    from inspector.domain.choices import AdjustmentCause
    from inspector.services.assessment import (
        department_results,
        scheme_for,
        scorecards,
        year_standings,
    )
    from inspector.services.assessment_report import scorecard_row
    from inspector.services.document import text_cell

    lang = language()
    city = ctx.city_code()
    with ctx.read() as conn:
        scheme = scheme_for(conn, city)
        cards = scorecards(conn, year=year, month=month, city=city)
        standings = year_standings(conn, year=year, city=city)
        departments = department_results(conn, year=year, city=city)
    ranking = rank(cards, warned=scheme.warned)
    order = [r.card for r in ranking.ranked] + ranking.missing + ranking.excluded
    rows = []
    for card in order:
        row = [
            text_cell(v, SCORECARD_FORMATS.get(i))
            for i, v in enumerate(scorecard_row(card, ctx.reference))
        ]
        if card.adjusted:
            row[SCORECARD_COLUMNS.index("total")] += " †"
        rows.append(row)
    positions = {r.card.county: r for r in ranking.ranked}
    marks = []
    for card in order:
        r = positions.get(card.county)
        if r is not None:
            marks.append(
                (f"{r.position}{' ⚠' if r.warned else ''}", "bold red" if r.warned else "")
            )
        elif card.excluded is not None:
            marks.append((t("assess.mark.excluded"), "dim"))
        else:
            marks.append((t("assess.mark.missing"), "yellow"))
    notes = []
    for card in order:
        name = ctx.county_name(card.county)
        for a in card.adjustments:
            cause = AdjustmentCause.parse(a.cause)
            notes.append(
                t(
                    "assess.out.adjusted",
                    county=name,
                    points=f"{shown(a.points):+}",
                    cause=cause.label(lang) if cause else a.cause,
                    reason=a.reason,
                )
            )
        if card.excluded is not None:
            notes.append(t("assess.out.excluded", county=name, reason=card.excluded))
    sep = "；" if lang == "zh" else "; "
    tallies = []
    for county, cy in standings.counties.items():
        falling = (
            t("assess.falling", months=t("assess.list_sep").join(str(m) for m in cy.deteriorating))
            if cy.deteriorating
            else ""
        )
        tallies.append(
            [
                ctx.county_name(county),
                len(cy.tally.months_last),
                len(cy.tally.months_warned),
                len(cy.tally.months_missing),
                cy.card.grade.label(lang) if cy.card.grade else "",
                falling,
                [c.value for c in cy.consequences],
                sep.join(c.label(lang) for c in cy.consequences) or "—",
            ]
        )
    tallies.sort(key=lambda row: (-len(row[6]), -row[1], -row[2], row[0]))
    parts = scheme.department_parts
    dept_rows: list[list[str]] = []
    if departments.ranked or departments.missing:
        dept_rows.append(
            [
                t("assess.col.position"),
                t("assess.col.department"),
                *(p.label(lang) for p in parts),
                t("assess.col.adjustment"),
                t("assess.col.total"),
                t("assess.col.advanced"),
            ]
        )
        for d in departments.ranked:
            dept_rows.append(
                [
                    str(d.position),
                    d.card.department,
                    *(text_cell(shown(d.card.scores.get(p.key)), "score") for p in parts),
                    text_cell(shown(d.card.adjustment), "score") if d.card.adjustments else "",
                    text_cell(shown(d.card.total), "score"),
                    t("assess.advanced") if d.advanced else "",
                ]
            )
        for c in departments.missing:
            dept_rows.append(
                [
                    t("assess.mark.missing"),
                    c.department,
                    *(text_cell(shown(c.scores.get(p.key)), "score") for p in parts),
                    "",
                    "",
                    "",
                ]
            )
    return Loaded(
        year=year,
        month=month,
        rows=rows,
        marks=marks,
        notes=notes,
        standings=tallies,
        departments=dept_rows,
        advanced_units=scheme.advanced_units,
        due=standings.due,
        city=city,
        scheme=scheme,
        counties=[c.county for c in order],
    )
