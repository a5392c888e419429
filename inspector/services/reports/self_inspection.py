"""The self-inspection reports (自查报告, DESIGN §8): the half-year one due 30 June and the
yearly one due 20 December. Each covers the year from 1 January to its due date: plan
items due and done, inspections by task source and month, what they found, the
follow-ups, progress at the period's end, and what the rules also ask of it: the
water quality month by month, the remediation projects closed and overdue, and the funds
the county reported.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from inspector.data.engine import Conn
from inspector.domain import periods
from inspector.domain.choices import SignageState, Suspicion, Violation
from inspector.domain.periods import CALENDAR_TZ
from inspector.i18n import Problem, language, t
from inspector.services.document import COUNT, Chart, Document, Section, Series, Table
from inspector.services.reports.quarterly import (
    funding_table,
    project_tables,
    water_quality_table,
)
from inspector.services.reports.scope import (
    InspectionRow,
    Scope,
    by_month_chart,
    by_source_table,
    check_year,
    inspections,
    period_end_moment,
    plans_table,
    progress_tables,
    resolve_scope,
)


def findings_table(rows: list[InspectionRow]) -> tuple[Table, Chart]:
    lang = language()
    suspicion = Counter(r.suspicion for r in rows if r.suspicion)
    table = Table(
        key="findings",
        title=t("report.t.findings"),
        columns=[t("report.col.item"), t("report.col.count")],
        formats={1: COUNT},
    )
    table.rows += [
        [t("report.k.inspections"), len(rows)],
        [t("report.k.flowing"), sum(1 for r in rows if r.flow_present)],
        *(
            [t("report.k.suspicion", level=s.label(lang)), suspicion.get(s.value, 0)]
            for s in Suspicion
        ),
        [t("report.k.signage_absent"), sum(1 for r in rows if r.signage == SignageState.ABSENT)],
        [t("report.k.signage_damaged"), sum(1 for r in rows if r.signage == SignageState.DAMAGED)],
        [t("report.k.follow_up"), sum(1 for r in rows if r.follow_up)],
        [t("report.k.violations"), sum(1 for r in rows if r.violation)],
    ]
    chart = Chart(
        key="suspicion_chart",
        title=t("report.c.suspicion"),
        kind="bar",
        categories=[s.label(lang) for s in Suspicion],
        series=[
            Series(t("report.col.count"), [float(suspicion.get(s.value, 0)) for s in Suspicion])
        ],
    )
    return table, chart


def follow_up_table(rows: list[InspectionRow], scope: Scope) -> Table:
    lang = language()
    table = Table(
        key="follow_ups",
        title=t("report.t.follow_ups"),
        columns=[t(f"report.col.{k}") for k in ("date", "code", "name", "county", "finding")],
    )
    for r in rows:
        if not (r.violation or r.follow_up or r.suspicion in ("suspect", "obvious")):
            continue
        if r.violation:
            finding = Violation.of(r.violation).label(lang)
        elif r.suspicion in ("suspect", "obvious"):
            finding = t("report.k.suspicion", level=Suspicion.of(r.suspicion).label(lang))
        else:
            finding = t("report.k.follow_up")
        table.rows.append([r.day, r.code, r.name, scope.region_name(r.county), finding])
    return table


def self_inspection_report(
    conn: Conn,
    *,
    year: int,
    half: int,
    county: str | None = None,
    city: str | None = None,
    now: dt.datetime | None = None,
) -> Document:
    check_year(year)
    if half not in periods.SELF_INSPECTION_DUE:
        raise Problem("report.bad_half", half=half)
    scope = resolve_scope(conn, county=county, city=city)
    now = now or dt.datetime.now(dt.UTC)
    period = periods.self_inspection(year, half)
    start = dt.datetime.combine(period.first, dt.time(), CALENDAR_TZ)
    end = period_end_moment(period, now)
    as_of = min(period.last, end.astimezone(CALENDAR_TZ).date())
    rows = inspections(conn, scope, period)
    plans, plans_chart = plans_table(conn, scope, year=year, period=period, on=as_of)
    findings, findings_chart = findings_table(rows)
    progress, by_county, progress_charts, _ = progress_tables(
        conn, scope, year=year, start=start, end=end
    )
    kind = t("report.half.first") if half == 1 else t("report.half.year")
    # Share is done-by-the-date over due: exact, so rounding only undoes the division.
    due_done = sum(round((row[8] or 0) * row[3]) for row in plans.rows)
    due = sum(row[3] for row in plans.rows)
    doc = Document(
        key=f"self-inspection-{year}-h{half}-{scope.code}",
        title=t("report.self.title", scope=scope.name, year=year, kind=kind),
        facts=[
            (t("report.f.scope"), scope.name),
            (t("report.f.period"), f"{period.first.isoformat()} – {period.last.isoformat()}"),
            (t("report.f.due"), period.last.isoformat()),
            (t("report.f.as_of"), as_of.isoformat()),
            (t("report.f.made"), now.astimezone(CALENDAR_TZ).strftime("%Y-%m-%d %H:%M")),
        ],
    )
    doc.sections = [
        Section(
            title=t("report.self.s1"),
            paragraphs=[
                t(
                    "report.self.lead",
                    plans=len(plans.rows),
                    due=due,
                    done=due_done,
                    inspections=len(rows),
                )
            ],
            tables=[plans],
            charts=[plans_chart],
        ),
        Section(
            title=t("report.self.s2"),
            tables=[by_source_table(rows)],
            charts=[by_month_chart(rows, period)],
        ),
        Section(
            title=t("report.self.s3"),
            tables=[findings, follow_up_table(rows, scope)],
            charts=[findings_chart],
        ),
        Section(
            title=t("report.self.s4"),
            tables=[progress] + ([by_county] if by_county is not None else []),
            charts=progress_charts,
        ),
        Section(
            title=t("report.self.s5"),
            paragraphs=[t("report.self.water_note")],
            tables=[water_quality_table(conn, scope, period)],
        ),
        Section(title=t("report.self.s6"), tables=project_tables(conn, scope, period)),
        Section(
            title=t("report.self.s7"),
            paragraphs=[t("report.self.funding_note")],
            tables=[funding_table(conn, scope, period)],
        ),
    ]
    return doc
