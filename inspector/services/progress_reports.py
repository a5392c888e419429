"""Member units' quarterly progress reports (成员单位季度进展): what each unit did in a
quarter, its projects and its funds, as it reported them. They feed the quarterly
summary, the half-year publication and the funding section of the self-inspection
reports. A report is due the scheme's `reports.quarterly_due_days` after its quarter
ends (10 days in the shipped card: an ASSUMED value, the sources give none)."""

from __future__ import annotations

import datetime as dt
import re

from inspector.data.engine import Conn
from inspector.data.reference import ReferenceData
from inspector.data.writer import Writer
from inspector.domain.periods import today as calendar_today
from inspector.i18n import Problem
from inspector.models import ProgressReport
from inspector.services.assessment import scheme_for
from inspector.services.register import reader

_PAIR = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*$")


def quarter_end(year: int, quarter: int) -> dt.date:
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, quarter * 3 + 1, 1) - dt.timedelta(days=1)


def quarter_due(conn: Conn, *, year: int, quarter: int, city: str | None) -> dt.date:
    days = scheme_for(conn, city).quarterly_due_days
    return quarter_end(year, quarter) + dt.timedelta(days=days)


def _pair(text: str | None) -> tuple[float, float]:
    if text is None or not text.strip():
        return 0.0, 0.0
    match = _PAIR.match(text)
    if match is None:
        raise Problem("progress_report.bad_pair", value=text)
    return float(match.group(1)), float(match.group(2))


def record_progress_report(
    w: Writer,
    *,
    city: str,
    unit: str,
    year: int,
    quarter: int,
    summary: str,
    county: str | None = None,
    projects: str | None = None,
    funds: str | None = None,
    submitted_on: dt.date | None = None,
) -> str:
    """Record a unit's report for a quarter; `projects` and `funds` are "planned/done"
    (funds in 10,000 yuan)."""
    conn = reader(w)
    ref = ReferenceData.load(conn)
    city_code = ref.region_code(city)
    if city_code is None or ref.regions[city_code].level != "city":
        raise Problem("report.unknown_city", city=city)
    county_code = None
    if county and county.strip():
        county_code = ref.region_code(county)
        if county_code is None or ref.regions[county_code].level != "county":
            raise Problem("plan.unknown_county", county=county)
    if not 2000 <= year <= 2100:
        raise Problem("plan.bad_year", year=year)
    if quarter not in (1, 2, 3, 4):
        raise Problem("progress_report.bad_quarter", quarter=quarter)
    if not (unit or "").strip():
        raise Problem("progress_report.unit_needed")
    if not (summary or "").strip():
        raise Problem("progress_report.summary_needed")
    planned, done = _pair(projects)
    if planned != int(planned) or done != int(done):
        raise Problem("progress_report.bad_pair", value=projects)
    if done > planned:
        raise Problem("progress_report.done_over_planned", done=int(done), planned=int(planned))
    funds_planned, funds_spent = _pair(funds)
    return w.create(
        ProgressReport,
        {
            "city_code": city_code,
            "unit": unit.strip(),
            "county_code": county_code,
            "year": year,
            "quarter": quarter,
            "submitted_on": submitted_on or calendar_today(),
            "summary": summary.strip(),
            "projects_planned": int(planned),
            "projects_done": int(done),
            "funds_planned": funds_planned,
            "funds_spent": funds_spent,
            "entered_by": w.actor,
        },
    )
