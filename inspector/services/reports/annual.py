"""The yearly work report (年度工作情况), due on 10 January for the year before (DESIGN §8):
counts, progress against targets, inspections done against plan, violations found,
remediations closed.

Progress is measured at the end of the year from the operation log, so the report
made on 10 January (or a year later) shows the year as it ended.
"""

from __future__ import annotations

import datetime as dt

from inspector.data.engine import Conn
from inspector.domain import periods
from inspector.domain.periods import CALENDAR_TZ
from inspector.i18n import t
from inspector.services.document import COUNT, Document, Section, Table
from inspector.services.reports.scope import (
    by_month_chart,
    by_source_table,
    check_year,
    closed_table,
    inspections,
    overdue_table,
    period_end_moment,
    plans_table,
    progress_tables,
    resolve_scope,
    violations_tables,
)


def annual_report(
    conn: Conn,
    *,
    year: int,
    county: str | None = None,
    city: str | None = None,
    now: dt.datetime | None = None,
) -> Document:
    """The report for one county (`county`), or for a city's counties (`city`)."""
    check_year(year)
    scope = resolve_scope(conn, county=county, city=city)
    now = now or dt.datetime.now(dt.UTC)
    period = periods.year(year)
    start = dt.datetime.combine(period.first, dt.time(), CALENDAR_TZ)
    end = period_end_moment(period, now)
    as_of = min(period.last, end.astimezone(CALENDAR_TZ).date())
    rows = inspections(conn, scope, period)
    progress, by_county, progress_charts, _targets = progress_tables(
        conn, scope, year=year, start=start, end=end
    )
    plans, plans_chart = plans_table(conn, scope, year=year, period=period, on=as_of)
    v_summary, v_list, v_chart = violations_tables(rows, scope)
    c_summary, c_list = closed_table(conn, scope, period)
    overdue = overdue_table(conn, scope, on=as_of)

    summary = Table(
        key="summary",
        title=t("report.t.summary"),
        columns=[t("report.col.item"), t("report.col.count")],
        formats={1: COUNT},
    )
    outfalls_end = progress.rows[-1][2]
    summary.rows += [
        [t("report.k.outfalls"), outfalls_end],
        [t("report.k.new_outfalls"), progress.rows[-1][3]],
        [t("report.k.inspections"), len(rows)],
        [t("report.k.planned_inspections"), sum(1 for r in rows if r.plan_item_id)],
        [t("report.k.violations"), sum(1 for r in rows if r.violation)],
        [t("report.k.closed"), len(c_list.rows)],
        [t("report.k.overdue"), len(overdue.rows)],
    ]
    doc = Document(
        key=f"annual-{year}-{scope.code}",
        title=t("report.annual.title", scope=scope.name, year=year),
        facts=[
            (t("report.f.scope"), scope.name),
            (t("report.f.period"), f"{period.first.isoformat()} – {period.last.isoformat()}"),
            (t("report.f.due"), periods.annual_report_due(year).isoformat()),
            (t("report.f.as_of"), as_of.isoformat()),
            (t("report.f.made"), now.astimezone(CALENDAR_TZ).strftime("%Y-%m-%d %H:%M")),
        ],
    )
    doc.sections = [
        Section(
            title=t("report.s1.summary"),
            paragraphs=[
                t(
                    "report.annual.lead",
                    scope=scope.name,
                    year=year,
                    outfalls=outfalls_end,
                    inspections=len(rows),
                    violations=sum(1 for r in rows if r.violation),
                    closed=len(c_list.rows),
                )
            ],
            tables=[summary],
        ),
        Section(
            title=t("report.s2.progress"),
            tables=[progress] + ([by_county] if by_county is not None else []),
            charts=progress_charts,
        ),
        Section(
            title=t("report.s3.inspections"),
            tables=[plans, by_source_table(rows)],
            charts=[plans_chart, by_month_chart(rows, period)],
        ),
        Section(title=t("report.s4.violations"), tables=[v_summary, v_list], charts=[v_chart]),
        Section(title=t("report.s5.remediation"), tables=[c_summary, c_list, overdue]),
    ]
    return doc
