"""The member units' quarterly progress summary, the half-year publication (半年通报, a
public document: no staff names), and the sections the self-inspection reports gain
from the same records: water quality, remediation projects and funding."""

from __future__ import annotations

import datetime as dt

from inspector.data import progress_reports as store
from inspector.data.engine import Conn
from inspector.domain.assessment import shown
from inspector.domain.periods import CALENDAR_TZ, Period, today
from inspector.i18n import Problem, t
from inspector.services.document import COUNT, SCORE, Document, Section, Table
from inspector.services.progress_reports import quarter_due, quarter_end
from inspector.services.reports.scope import (
    Scope,
    check_year,
    closed_table,
    overdue_table,
    period_end_moment,
    progress_tables,
    resolve_scope,
)


def _quarter_period(year: int, quarter: int) -> Period:
    return Period(dt.date(year, quarter * 3 - 2, 1), quarter_end(year, quarter))


def unit_reports_table(
    rows: list[store.ProgressReportRow], *, due: dt.date | None, key: str = "unit_reports"
) -> Table:
    """The reports as units sent them (never who typed them in)."""
    table = Table(
        key=key,
        title=t("report.t.unit_reports"),
        columns=[
            t(f"report.col.{k}")
            for k in (
                "unit",
                "submitted",
                "projects_planned",
                "projects_done",
                "funds_planned",
                "funds_spent",
                "summary",
            )
        ]
        + ([t("report.col.on_time")] if due else []),
        formats={2: COUNT, 3: COUNT, 4: SCORE, 5: SCORE},
    )
    for r in rows:
        row: list[object] = [
            r.unit if len({x.quarter for x in rows}) == 1 else f"{r.unit}（Q{r.quarter}）",
            r.submitted_on,
            r.projects_planned,
            r.projects_done,
            r.funds_planned,
            r.funds_spent,
            r.summary,
        ]
        if due:
            row.append(t("report.yes") if r.submitted_on <= due.isoformat() else t("report.no"))
        table.rows.append(row)
    return table


def _sums(rows: list[store.ProgressReportRow]) -> tuple[int, int, float, float]:
    return (
        sum(r.projects_planned for r in rows),
        sum(r.projects_done for r in rows),
        sum(r.funds_planned for r in rows),
        sum(r.funds_spent for r in rows),
    )


def quarterly_report(
    conn: Conn,
    *,
    year: int,
    quarter: int,
    city: str | None,
    now: dt.datetime | None = None,
) -> Document:
    check_year(year)
    if quarter not in (1, 2, 3, 4):
        raise Problem("progress_report.bad_quarter", quarter=quarter)
    scope = resolve_scope(conn, county=None, city=city)
    now = now or dt.datetime.now(dt.UTC)
    period = _quarter_period(year, quarter)
    due = quarter_due(conn, year=year, quarter=quarter, city=city)
    rows = store.report_rows(conn, year=year, quarters=(quarter,), city=city)
    # Every county's government reports, and every other unit that reported this year.
    year_rows = store.report_rows(conn, year=year, city=city) if city else rows
    counties = sorted(r.code for r in scope.ref.counties(city))
    others = sorted({r.unit for r in year_rows if r.county is None})
    reported_counties = {r.county for r in rows if r.county is not None}
    reported_others = {r.unit for r in rows if r.county is None}
    missing = Table(
        key="units_missing",
        title=t("report.t.units_missing"),
        columns=[t("report.col.unit")],
        rows=[[scope.region_name(c)] for c in counties if c not in reported_counties]
        + [[u] for u in others if u not in reported_others],
    )
    expected = len(counties) + len(others)
    reported = len(reported_counties) + len(reported_others)
    planned, done, funds_planned, funds_spent = _sums(rows)
    start = dt.datetime.combine(period.first, dt.time(), CALENDAR_TZ)
    end = period_end_moment(period, now)
    progress, by_county, charts, _ = progress_tables(conn, scope, year=year, start=start, end=end)
    return Document(
        key=f"quarterly-{year}-q{quarter}-{scope.code}",
        title=t("report.quarterly.title", scope=scope.name, year=year, quarter=quarter),
        facts=[
            (t("report.f.scope"), scope.name),
            (t("report.f.period"), f"{period.first.isoformat()} – {period.last.isoformat()}"),
            (t("report.f.quarter_due"), due.isoformat()),
            (t("report.f.made"), now.astimezone(CALENDAR_TZ).strftime("%Y-%m-%d %H:%M")),
        ],
        sections=[
            Section(
                title=t("report.quarterly.s1"),
                paragraphs=[
                    t(
                        "report.quarterly.lead",
                        expected=expected,
                        reported=reported,
                        planned=planned,
                        done=done,
                        funds_planned=f"{funds_planned:g}",
                        funds_spent=f"{funds_spent:g}",
                    )
                ],
                tables=[unit_reports_table(rows, due=due), missing],
            ),
            Section(
                title=t("report.quarterly.s2"),
                tables=[progress] + ([by_county] if by_county is not None else []),
                charts=charts,
            ),
        ],
    )


# -- sections of the self-inspection reports ---------------------------------------------------


def water_quality_table(conn: Conn, scope: Scope, period: Period) -> Table:
    """Each county's monthly water-quality score (the assessment's entries) in the
    period's months; months without one are left blank."""
    from inspector.services.assessment import scorecards

    months = [m for m in range(1, 13) if period.contains(dt.date(period.first.year, m, 1))]
    counties = (
        [scope.county] if scope.county else sorted(r.code for r in scope.ref.counties(scope.city))
    )
    table = Table(
        key="water_quality",
        title=t("report.t.water_quality"),
        columns=[t("report.col.county")] + [t("assess.month", month=m) for m in months],
        formats={i + 1: SCORE for i in range(len(months))},
    )
    values: dict[str, list[object]] = {c: [] for c in counties}
    for month in months:
        cards = {
            c.county: c
            for c in scorecards(conn, year=period.first.year, month=month, city=scope.city)
        }
        for county in counties:
            card = cards.get(county)
            values[county].append(shown(card.water_quality) if card else None)
    for county in counties:
        table.rows.append([scope.region_name(county), *values[county]])
    return table


def funding_table(conn: Conn, scope: Scope, period: Period) -> Table:
    """Projects and funds the units of the scope reported for the quarters the period
    covers."""
    year = period.first.year
    quarters = tuple(q for q in (1, 2, 3, 4) if quarter_end(year, q) <= period.last) or (1,)
    rows = store.report_rows(
        conn, year=year, quarters=quarters, city=scope.city, county=scope.county
    )
    table = unit_reports_table(rows, due=None, key="funding")
    table.title = t("report.t.funding")
    planned, done, funds_planned, funds_spent = _sums(rows)
    table.rows.append([t("report.total"), "", planned, done, funds_planned, funds_spent, ""])
    return table


def project_tables(conn: Conn, scope: Scope, period: Period) -> list[Table]:
    """Remediation projects: those closed in the period, and those overdue at its end."""
    _summary, closed = closed_table(conn, scope, period)
    on = min(period.last, today())
    overdue = overdue_table(conn, scope, on=on)
    closed.title = t("report.t.projects")
    return [closed, overdue]


# -- the half-year publication -----------------------------------------------------------------


def half_year_publication(
    conn: Conn, *, year: int, city: str | None, now: dt.datetime | None = None
) -> Document:
    """The first half of a year as published: progress, the monthly ranking (months
    1-6), complaints handled, the units' reports, with no person's name."""
    from inspector.services.assessment import year_standings
    from inspector.services.complaints import list_complaints

    check_year(year)
    scope = resolve_scope(conn, county=None, city=city)
    now = now or dt.datetime.now(dt.UTC)
    period = Period(dt.date(year, 1, 1), dt.date(year, 6, 30))
    start = dt.datetime.combine(period.first, dt.time(), CALENDAR_TZ)
    end = period_end_moment(period, now)
    progress, by_county, charts, _ = progress_tables(conn, scope, year=year, start=start, end=end)
    standings = year_standings(conn, year=year, city=city, through=6)
    months = sorted(standings.months)
    ranking = Table(
        key="ranking",
        title=t("assess.t.monthly"),
        columns=[t("assess.col.county")]
        + [t("assess.month", month=m) for m in months]
        + [t("assess.col.months_last")],
    )
    for county in sorted(standings.tallies):
        row: list[object] = [scope.region_name(county)]
        for m in months:
            found = next((r for r in standings.months[m].ranked if r.card.county == county), None)
            row.append(
                t("assess.mark.missing")
                if found is None
                else f"{found.position}{' ⚠' if found.warned else ''}"
            )
        row.append(len(standings.tallies[county].months_last))
        ranking.rows.append(row)
    today = min(period.last, now.astimezone(CALENDAR_TZ).date())
    received = list_complaints(conn, city=city, received_from=period.first, received_to=period.last)
    complaints = Table(
        key="complaints",
        title=t("report.t.complaints"),
        columns=[t("report.col.item"), t("report.col.count")],
        formats={1: COUNT},
        rows=[
            [t("report.k.complaints"), len(received)],
            [
                t("report.k.complaints_answered"),
                sum(1 for c in received if c.answered_on and c.answered_on <= period.last),
            ],
            [
                t("report.k.complaints_late"),
                sum(1 for c in received if c.answered_on and c.answered_on > c.due_on),
            ],
            [
                t("report.k.complaints_overdue"),
                sum(1 for c in received if c.answered_on is None and c.due_on < today),
            ],
        ],
    )
    rows = store.report_rows(conn, year=year, quarters=(1, 2), city=city)
    return Document(
        key=f"half-year-public-{year}-{scope.code}",
        title=t("report.half_public.title", scope=scope.name, year=year),
        facts=[
            (t("report.f.scope"), scope.name),
            (t("report.f.period"), f"{period.first.isoformat()} – {period.last.isoformat()}"),
            (t("report.f.made"), now.astimezone(CALENDAR_TZ).strftime("%Y-%m-%d %H:%M")),
        ],
        sections=[
            Section(
                title=t("report.half_public.s1"),
                paragraphs=[t("report.half_public.lead")],
                tables=[progress] + ([by_county] if by_county is not None else []),
                charts=charts,
            ),
            Section(title=t("report.half_public.s2"), tables=[ranking]),
            Section(title=t("report.half_public.s3"), tables=[complaints]),
            Section(
                title=t("report.half_public.s4"),
                tables=[unit_reports_table(rows, due=None)],
            ),
        ],
    )


__all__ = [
    "funding_table",
    "half_year_publication",
    "project_tables",
    "quarterly_report",
    "water_quality_table",
]
