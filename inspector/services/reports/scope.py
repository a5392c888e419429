"""What every report shares: its scope (one county, a city, or everything), the queries
over inspections, plans and remediations in a period, and the progress tables."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from inspector.data.areas import Area
from inspector.data.engine import Conn
from inspector.data.inspections import InspectionRow, inspections_in
from inspector.data.plan_items import item_facts
from inspector.data.plans import live_plans
from inspector.data.reference import ReferenceData
from inspector.data.remediations import overdue_remediations, signed_off_in
from inspector.domain.choices import Measure, PlanMethod, TaskSource, Violation
from inspector.domain.periods import CALENDAR_TZ, Period
from inspector.domain.plan_items import is_done, is_due, is_overdue
from inspector.i18n import Problem, language, t
from inspector.services.document import COUNT, PERCENT, Chart, Series, Table
from inspector.services.progress import METRICS, Shares, shares_at, targets_for


@dataclass(frozen=True)
class Scope:
    """Whose report: one county, or every county of a city (or of every city)."""

    ref: ReferenceData
    county: str | None
    city: str | None

    @property
    def code(self) -> str:
        return self.county or self.city or "all"

    @property
    def name(self) -> str:
        code = self.county or self.city
        if code is None:
            return t("report.all_regions")
        return self.ref.regions[code].name(language())

    def region_name(self, code: str) -> str:
        region = self.ref.regions.get(code)
        return region.name(language()) if region else code

    @property
    def area(self) -> Area:
        """The scope's outfalls (and plans), as the data functions take them."""
        if self.county is not None:
            return Area(county=self.county)
        return Area(city=self.city)


def resolve_scope(conn: Conn, *, county: str | None, city: str | None) -> Scope:
    ref = ReferenceData.load(conn)
    if county is not None:
        code = ref.region_code(county)
        if code is None or ref.regions[code].level != "county":
            raise Problem("plan.unknown_county", county=county)
        return Scope(ref=ref, county=code, city=ref.regions[code].parent_code)
    if city is not None and (city not in ref.regions or ref.regions[city].level != "city"):
        raise Problem("report.unknown_city", city=city)
    return Scope(ref=ref, county=None, city=city)


def check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise Problem("plan.bad_year", year=year)


def period_end_moment(period: Period, now: dt.datetime) -> dt.datetime:
    """The end of a period, or now if the period is not over yet."""
    end = dt.datetime.combine(period.last + dt.timedelta(days=1), dt.time(), CALENDAR_TZ)
    return min(end, now)


# -- inspections ---------------------------------------------------------------------------


def inspections(conn: Conn, scope: Scope, period: Period) -> list[InspectionRow]:
    """Live inspections of the scope's outfalls started within the period (UTC+8 days)."""
    return inspections_in(conn, area=scope.area, period=period)


def by_source_table(rows: list[InspectionRow]) -> Table:
    counts = Counter(r.task_source for r in rows)
    lang = language()
    table = Table(
        key="inspections_by_source",
        title=t("report.t.inspections_by_source"),
        columns=[t("report.col.task_source"), t("report.col.count")],
        formats={1: COUNT},
    )
    for source in TaskSource:
        table.rows.append([source.label(lang), counts.get(source.value, 0)])
    table.rows.append([t("report.total"), len(rows)])
    return table


def by_month_chart(rows: list[InspectionRow], period: Period) -> Chart:
    planned = {TaskSource.SELF_INSPECTION.value, TaskSource.DOUBLE_RANDOM.value}
    months = []
    day = period.first.replace(day=1)
    while day <= period.last:
        months.append((day.year, day.month))
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    plan_counts = Counter((r.day.year, r.day.month) for r in rows if r.task_source in planned)
    other_counts = Counter((r.day.year, r.day.month) for r in rows if r.task_source not in planned)
    return Chart(
        key="inspections_by_month",
        title=t("report.c.inspections_by_month"),
        kind="bar",
        categories=[t("report.month", year=y, month=m) for y, m in months],
        series=[
            Series(t("report.s.planned"), [float(plan_counts.get(k, 0)) for k in months]),
            Series(t("report.s.other"), [float(other_counts.get(k, 0)) for k in months]),
        ],
    )


def violations_tables(rows: list[InspectionRow], scope: Scope) -> tuple[Table, Table, Chart]:
    lang = language()
    found = [r for r in rows if r.violation]
    counts = Counter(r.violation for r in found)
    summary = Table(
        key="violations_by_type",
        title=t("report.t.violations_by_type"),
        columns=[t("report.col.violation"), t("report.col.count")],
        formats={1: COUNT},
    )
    for kind in Violation:
        summary.rows.append([kind.label(lang), counts.get(kind.value, 0)])
    summary.rows.append([t("report.total"), len(found)])
    listing = Table(
        key="violations",
        title=t("report.t.violations"),
        columns=[t(f"report.col.{k}") for k in ("date", "code", "name", "county", "violation")]
        + [t("report.col.description")],
    )
    for r in found:
        listing.rows.append(
            [
                r.day,
                r.code,
                r.name,
                scope.region_name(r.county),
                Violation.of(r.violation or "other").label(lang),
                r.violation_desc or "",
            ]
        )
    chart = Chart(
        key="violations_chart",
        title=t("report.t.violations_by_type"),
        kind="bar",
        categories=[k.label(lang) for k in Violation],
        series=[Series(t("report.col.count"), [float(counts.get(k.value, 0)) for k in Violation])],
    )
    return summary, listing, chart


# -- plans ---------------------------------------------------------------------------------


def plans_table(
    conn: Conn,
    scope: Scope,
    *,
    year: int,
    period: Period,
    on: dt.date,
    key: str = "plans",
) -> tuple[Table, Chart]:
    """Each plan of the year, as of `on` (the report's date: the period's last day, or
    today while the period runs). Due: items (not cancelled) due by `on`. Done: items
    whose inspection falls in the period; on time: done by the due date. Overdue: as the
    Plans tab counts them (`domain.plan_items`), as of `on`. Share: of the items due,
    those done by `on`."""
    lang = language()
    table = Table(
        key=key,
        title=t("report.t.plans"),
        columns=[
            t(f"report.col.{k}")
            for k in (
                "county",
                "method",
                "items",
                "due",
                "done",
                "on_time",
                "overdue",
                "cancelled",
                "share",
            )
        ],
        formats={2: COUNT, 3: COUNT, 4: COUNT, 5: COUNT, 6: COUNT, 7: COUNT, 8: PERCENT},
    )
    plans = live_plans(conn, year=year, area=scope.area)
    facts = item_facts(conn, plan_ids=[p.id for p in plans])
    for plan in plans:
        items = facts.get(plan.id, [])
        live = [i for i in items if i.status != "cancelled"]
        done_in_period = [
            i
            for i in live
            if i.status == "done" and i.done_on is not None and period.contains(i.done_on)
        ]
        on_time = sum(1 for i in done_in_period if i.due_date is None or is_done(i, i.due_date))
        due_items = [i for i in live if is_due(i, on)]
        due = len(due_items)
        due_done = sum(1 for i in due_items if is_done(i, on))
        overdue = sum(1 for i in live if is_overdue(i, on))
        cancelled = len(items) - len(live)
        done = len(done_in_period)
        items_count = len(items)
        share = due_done / due if due else None
        table.rows.append(
            [
                scope.region_name(plan.county_code),
                PlanMethod.of(plan.method).label(lang),
                items_count,
                due,
                done,
                on_time,
                overdue,
                cancelled,
                share,
            ]
        )
    chart = Chart(
        key=f"{key}_chart",
        title=t("report.c.plan_fulfilment"),
        kind="bar",
        categories=[f"{row[0]} {row[1]}" for row in table.rows],
        series=[Series(t("report.col.share"), [float(row[8] or 0) for row in table.rows])],
        unit="%",
    )
    return table, chart


# -- progress ------------------------------------------------------------------------------


def progress_tables(
    conn: Conn,
    scope: Scope,
    *,
    year: int,
    start: dt.datetime,
    end: dt.datetime,
) -> tuple[Table, Table | None, list[Chart], dict[str, float | None]]:
    """Milestones at the start and end of the period against the year's targets; for a
    city, the shares of each county at the end."""
    before = shares_at(conn, start, city_code=scope.city, county_code=scope.county)
    after = shares_at(conn, end, city_code=scope.city, county_code=scope.county)
    targets = targets_for(conn, scope.city, year) if scope.city else dict.fromkeys(METRICS)
    table = Table(
        key="progress",
        title=t("report.t.progress"),
        columns=[
            t(f"report.col.{k}")
            for k in ("metric", "at_start", "at_end", "in_period", "share", "target", "met")
        ],
        formats={1: COUNT, 2: COUNT, 3: COUNT, 4: PERCENT, 5: PERCENT},
    )
    for metric in METRICS:
        target = targets.get(metric)
        share = after.overall.share(metric)
        met = None if target is None else share >= target
        table.rows.append(
            [
                t(f"metric.{metric}"),
                before.overall.count(metric),
                after.overall.count(metric),
                after.overall.count(metric) - before.overall.count(metric),
                share,
                target,
                "—" if met is None else t("report.yes" if met else "report.no"),
            ]
        )
    table.rows.append(
        [
            t("report.col.outfalls"),
            before.overall.total,
            after.overall.total,
            after.overall.total - before.overall.total,
            None,
            None,
            "",
        ]
    )
    charts = [
        Chart(
            key="shares_vs_targets",
            title=t("report.c.shares_vs_targets"),
            kind="bar",
            categories=[t(f"metric.{m}") for m in METRICS],
            series=[
                Series(t("report.s.reached"), [after.overall.share(m) for m in METRICS]),
                Series(t("report.s.target"), [float(targets.get(m) or 0) for m in METRICS]),
            ],
            unit="%",
        )
    ]
    by_county: Table | None = None
    if scope.county is None:
        by_county = Table(
            key="progress_by_county",
            title=t("report.t.progress_by_county"),
            columns=[t("report.col.county"), t("report.col.outfalls")]
            + [t(f"metric.{m}") for m in METRICS],
            formats={1: COUNT, 2: PERCENT, 3: PERCENT, 4: PERCENT, 5: PERCENT},
        )
        for code in sorted(after.by_county):
            shares: Shares = after.by_county[code]
            by_county.rows.append(
                [scope.region_name(code), shares.total, *(shares.share(m) for m in METRICS)]
            )
        charts.append(
            Chart(
                key="remediated_by_county",
                title=t("report.c.remediated_by_county"),
                kind="bar",
                categories=[row[0] for row in by_county.rows],
                series=[
                    Series(t("metric.remediated"), [float(row[4]) for row in by_county.rows]),
                    Series(
                        t("report.s.target"),
                        [float(targets.get("remediated") or 0)] * len(by_county.rows),
                    ),
                ],
                unit="%",
            )
        )
    return table, by_county, charts, targets


# -- remediations --------------------------------------------------------------------------


def closed_table(conn: Conn, scope: Scope, period: Period) -> tuple[Table, Table]:
    """Remediations signed off by the city (销号) within the period, by measure and listed."""
    lang = language()
    rows = signed_off_in(conn, area=scope.area, period=period)
    counts = Counter(r.measure for r in rows)
    summary = Table(
        key="closed_by_measure",
        title=t("report.t.closed_by_measure"),
        columns=[t("report.col.measure"), t("report.col.count")],
        formats={1: COUNT},
    )
    for measure in Measure:
        summary.rows.append([measure.label(lang), counts.get(measure.value, 0)])
    summary.rows.append([t("report.total"), len(rows)])
    listing = Table(
        key="closed",
        title=t("report.t.closed"),
        columns=[
            t(f"report.col.{k}")
            for k in ("code", "name", "county", "measure", "pre_closed_on", "closed_on")
        ],
    )
    for row in rows:
        listing.rows.append(
            [
                row.code,
                row.name,
                scope.region_name(row.county_code),
                Measure.of(row.measure).label(lang) if row.measure else "",
                row.county_signoff_on or "",
                row.city_signoff_on,
            ]
        )
    return summary, listing


def overdue_table(conn: Conn, scope: Scope, *, on: dt.date) -> Table:
    """Outfalls overdue on `on` (`inspector.data.remediations`: in remediation and past
    the transition end, or the deadline when there is none)."""
    table = Table(
        key="overdue",
        title=t("report.t.overdue", date=on.isoformat()),
        columns=[t(f"report.col.{k}") for k in ("code", "name", "county", "deadline", "days")],
        formats={4: COUNT},
    )
    for row in overdue_remediations(conn, today=on, area=scope.area):
        table.rows.append(
            [row.code, row.name, scope.region_name(row.county_code), row.due, row.days(on)]
        )
    return table
