"""Demo material for plans and assessment: this year's self-inspection plans of four
counties, partly fulfilled by inspections (some late, one finding a violation), one
declared conflict of interest, a county assessment with scores entered by hand for
January to October and part of November (the demonstration zone recorded as not
assessed, a flood adjustment, a proven forgery of one county's assessment data, an
enterprise caught faking its own monitoring data), the city departments' scores, public
complaints (one overdue, one answered by an inspection), the member units' quarterly
reports, and a cross-boundary incident with two of its three downstream notices made.

Registered in `inspector.services.demo.EXTRAS`; runs once the register is built, through
the same services the commands and screens use.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from inspector.data import demo as demo_data
from inspector.data.db import Database
from inspector.domain.choices import SignageItem, SignageState
from inspector.domain.periods import CALENDAR_TZ, local_date
from inspector.i18n.reasons import keyed
from inspector.models import Inspection, Plan
from inspector.services import plans
from inspector.services.assessment import enter_department_score, enter_score
from inspector.services.complaints import answer_complaint, record_complaint
from inspector.services.incidents import notify, record_incident
from inspector.services.progress_reports import quarter_end, record_progress_report

if TYPE_CHECKING:
    from inspector.services.demo import DemoBuilder

#: (county, method, count, fraction, strata): the plans drawn on 5 January.
PLANS: tuple[tuple[str, str, int | None, str | None, str | None], ...] = (
    ("410823", "double_random", None, "0.05", "category"),
    ("410825", "double_random", 12, None, None),
    ("410882", "targeted", 10, None, None),
    ("410821", "double_random", 15, None, "river"),
)
#: How likely an item due before today has been done, and how likely it was done late.
DONE_SHARE = 0.85
LATE_SHARE = 0.15
#: Counties whose water quality runs low in the demo, so the ranking has a story.
WEAK = {"410803": 10.0, "410802": 6.0}


def build(db: Database, builder: DemoBuilder) -> None:
    today = builder.today
    year = today.year
    drawn_on = dt.date(year, 1, 5)
    if today <= drawn_on:
        return
    rng = builder.rng
    with db.write(actor="演示管理员", reason=keyed("reason.demo_plans")) as w:
        # Each county keeps its inspector roster (执法人员名录库); the draws take it.
        from inspector.services.plans.roster import add_members

        for county, staff in sorted(builder.staff.items()):
            add_members(w, county, staff, on=drawn_on - dt.timedelta(days=30))
        with_owner = demo_data.first_enterprise_owner(w.conn, county="410825")
        if with_owner is not None:
            plans.declare_recusal(
                w,
                inspector=builder.staff["410825"][0],
                owner=with_owner.name,
                reason="配偶在该单位任职",
                declared_on=drawn_on - dt.timedelta(days=3),
            )
        for county, method, count, fraction, strata in PLANS:
            request = plans.DrawRequest(
                year=year,
                county=county,
                inspectors=None,
                method=method,
                count=count,
                fraction=fraction,
                strata=strata,
                seed=f"{drawn_on:%Y%m%d}-{county}",
                start=drawn_on,
            )
            draft = plans.prepare_draw(w.conn, request, today=drawn_on)
            plan_id = plans.save_plan(w, draft)
            for item in draft.items:
                if item.due_date >= today or rng.random() > DONE_SHARE:
                    continue
                late = rng.random() < LATE_SHARE
                offset = rng.randint(1, 20) if late else -rng.randint(0, 12)
                day = min(item.due_date + dt.timedelta(days=offset), today - dt.timedelta(days=1))
                source = "self_inspection" if method == "targeted" else "double_random"
                inspection = w.create(
                    Inspection,
                    _inspection(
                        rng, item.outfall_id, day, source, item.inspector_a, item.inspector_b
                    ),
                )
                plans.link_inspection(w, inspection)
            if county == "410823":
                w.update(
                    Plan,
                    plan_id,
                    {
                        "published_at": dt.datetime.combine(
                            dt.date(year, 7, 3), dt.time(9), CALENDAR_TZ
                        )
                    },
                )
        _violation(w, rng, year, today)
    _assessment(db, builder, year, today)
    _incident(db, builder, today)
    _complaints(db, builder, today)
    _progress_reports(db, builder, year, today)


def _inspection(
    rng: Any, outfall_id: str, day: dt.date, source: str, a: str, b: str
) -> dict[str, Any]:
    started = dt.datetime.combine(
        day, dt.time(rng.randint(8, 15), rng.choice((0, 15, 30, 45))), CALENDAR_TZ
    )
    flowing = rng.random() < 0.5
    signage = rng.choice(
        (SignageState.PRESENT, SignageState.PRESENT, SignageState.DAMAGED, SignageState.ABSENT)
    )
    concern = rng.random() < 0.12
    return {
        "outfall_id": outfall_id,
        "started_at": started,
        "ended_at": started + dt.timedelta(minutes=rng.randint(15, 45)),
        "inspectors": [a, b],
        "task_source": source,
        "flow_present": flowing,
        "flow_level": rng.choice(("trickle", "moderate")) if flowing else "none",
        "colour": "grey" if concern else "clear",
        "colour_severity": 2 if concern else 0,
        "odour": "sewage" if concern else "none",
        "odour_severity": 1 if concern else 0,
        "signage": signage.value,
        "signage_items": []
        if signage is SignageState.ABSENT
        else [i.value for i in SignageItem if rng.random() < 0.85],
        "suspicion": "suspect" if concern else "unlikely",
        "follow_up": concern,
        "notes": "双随机抽查" if source == "double_random" else "重点检查",
    }


def _violation(w: Any, rng: Any, year: int, today: dt.date) -> None:
    """One planned inspection found an owner discharging over the limit."""
    inspection_id = demo_data.first_planned_inspection(w.conn, county="410825", year=year)
    if inspection_id is not None:
        w.update(
            Inspection,
            inspection_id,
            {
                "violation": "over_limit",
                "violation_desc": "快检氨氮 18.6 mg/L，超过排放标准，已责令整改并立案",
                "suspicion": "obvious",
                "follow_up": True,
                "sampled": True,
                "nh3n_mg_l": 18.6,
            },
        )


#: The city departments assessed (30 + 70), with their two parts.
DEPARTMENTS: tuple[tuple[str, float, float], ...] = (
    ("市生态环境局", 28.5, 66.0),
    ("市住房和城乡建设局", 27.0, 63.5),
    ("市水利局", 26.5, 64.0),
    ("市农业农村局", 25.0, 60.5),
    ("市城市管理局", 24.0, 58.0),
)
#: A zone outside the scheme: recorded as not assessed, with the reason.
NOT_ASSESSED = "410800SFQ"


def _assessment(db: Database, builder: DemoBuilder, year: int, today: dt.date) -> None:
    rng = builder.rng
    counties = sorted(r.code for r in builder.ref.counties("410800"))
    clerk = "市局考核办" + builder.person()
    # Each month's scores are entered on the 5th of the next; the latest month entered is
    # only partly in: its missing counties are shown missing, the others ranked.
    months = [m for m in range(1, 13) if dt.date(year + (m == 12), m % 12 + 1, 5) < today]
    with db.write(actor=clerk, reason=keyed("reason.demo_scores")) as w:
        enter_score(
            w,
            county=NOT_ASSESSED,
            year=year,
            month=0,
            item="exclusion",
            basis="演示：城乡一体化示范区由管委会单独考核，不在本办法考核范围",
            entered_at=dt.datetime.combine(dt.date(year, 1, 5), dt.time(9), CALENDAR_TZ),
        )
        for month in months:
            entered = dt.date(year + (month == 12), month % 12 + 1, 5)
            scored = counties if month != months[-1] else counties[::2]
            for county in scored:
                when = dt.datetime.combine(entered, dt.time(10), CALENDAR_TZ)
                water = min(99.0, max(55.0, rng.gauss(86, 5) - WEAK.get(county, 0.0)))
                work = min(95.0, max(50.0, rng.gauss(84, 5)))
                if county == NOT_ASSESSED:
                    # Drawn all the same: the demo's later parts share the generator.
                    continue
                enter_score(
                    w,
                    county=county,
                    year=year,
                    month=month,
                    item="water_quality",
                    score=round(water, 1),
                    basis=f"{month}月水环境质量月报",
                    entered_at=when,
                )
                enter_score(
                    w,
                    county=county,
                    year=year,
                    month=month,
                    item="key_work_other",
                    score=round(work, 1),
                    basis=f"{month}月重点工作督查记录",
                    entered_at=when,
                )
        if today > dt.date(year, 8, 5):
            at = dt.datetime.combine(dt.date(year, 8, 5), dt.time(10), CALENDAR_TZ)
            enter_score(
                w,
                county="410804",
                year=year,
                month=7,
                item="falsification",
                basis="焦环考〔2026〕3号：7月上报的断面水质考核数据经核查系伪造（已查实）",
                entered_at=at,
            )
            enter_score(
                w,
                county="410821",
                year=year,
                month=7,
                item="adjustment",
                score=2,
                cause="natural_disaster",
                basis="7月特大暴雨致断面水质短时超标，经市政府同意加 2 分",
                entered_at=at,
            )
        for name, first, second in DEPARTMENTS:
            for part, score in (("dept_a", first), ("dept_b", second)):
                enter_department_score(
                    w,
                    city="410800",
                    year=year,
                    department=name,
                    part=part,
                    score=score,
                    basis="年度部门考核（演示）",
                )


def _complaints(db: Database, builder: DemoBuilder, today: dt.date) -> None:
    """Three complaints: one answered by an inspection, one open, one overdue."""
    with db.read() as conn:
        answered = demo_data.latest_inspection(conn, county="410823")
        other = demo_data.first_outfall_code(conn, county="410882")
    staff = builder.staff["410823"]
    with db.write(actor=staff[0], reason="演示：公众举报") as w:
        if answered is not None:
            code, inspection_id, started = answered
            received = min(today, local_date(started)) - dt.timedelta(days=3)
            complaint_id, _due = record_complaint(
                w,
                content="群众来电反映排口夜间排放黄色污水，有刺鼻气味",
                outfall_code=code,
                received_on=received,
                channel="hotline",
                complainant="匿名",
                today=today,
            )
            answer_complaint(
                w,
                complaint_id,
                answer="现场核查未见异常排放，已告知举报人并加强夜间巡查",
                by=staff[1],
                on=local_date(started),
                inspection=inspection_id,
                today=today,
            )
        if other is not None:
            record_complaint(
                w,
                content="网上反映河道内漂浮大量泡沫，疑似排口排放洗涤废水",
                outfall_code=other,
                received_on=today - dt.timedelta(days=75),
                channel="online",
                today=today,
            )
        record_complaint(
            w,
            content="来信反映村边沟渠有养殖废水流入河道",
            county="410823",
            received_on=today - dt.timedelta(days=12),
            channel="letter",
            complainant="李某",
            today=today,
        )


def _progress_reports(db: Database, builder: DemoBuilder, year: int, today: dt.date) -> None:
    """Each county government's and two departments' reports for the quarters ended."""
    # A generator of its own: the shared one's draws decide the demo's sync conflicts.
    rng = random.Random(f"progress-reports-{year}")
    units = [
        (r.name_zh + "人民政府", r.code)
        for r in sorted(builder.ref.counties("410800"), key=lambda r: r.code)
        if r.code != NOT_ASSESSED
    ] + [(DEPARTMENTS[0][0], None), (DEPARTMENTS[2][0], None)]
    with db.write(actor="市局考核办", reason="演示：季度进展报告") as w:
        for quarter in (1, 2, 3, 4):
            end = quarter_end(year, quarter)
            if end + dt.timedelta(days=15) >= today:
                break
            for n, (unit, county) in enumerate(units):
                if quarter == 3 and n % 4 == 3:
                    continue  # not reported: listed as missing
                planned = rng.randint(3, 9)
                record_progress_report(
                    w,
                    city="410800",
                    unit=unit,
                    county=county,
                    year=year,
                    quarter=quarter,
                    summary=f"第{quarter}季度完成排污口整治{planned - 1}处，开展巡查{rng.randint(20, 60)}次",
                    projects=f"{planned}/{rng.randint(0, planned)}",
                    funds=f"{rng.randint(50, 300)}/{rng.randint(20, 50)}",
                    submitted_on=end + dt.timedelta(days=rng.randint(3, 14)),
                )


def _incident(db: Database, builder: DemoBuilder, today: dt.date) -> None:
    with db.read() as conn:
        code = demo_data.first_outfall_code(conn, county="410882", river="蟒河")
    if code is None:
        return
    at = dt.datetime.combine(today - dt.timedelta(days=6), dt.time(14, 20), CALENDAR_TZ)
    staff = builder.staff["410882"]
    with db.write(actor=staff[0], reason=keyed("reason.demo_incident")) as w:
        incident_id, downstream = record_incident(
            w,
            occurred_at=at,
            outfall_code=code,
            description="巡查发现排口排出黑色污水，下游约 500 米河段出现死鱼，已取样送检",
            reported_by=staff[0],
        )
        for code, delay, method in zip(downstream[:2], (35, 80), ("phone", "letter"), strict=False):
            notify(
                w,
                incident_id,
                region=code,
                by=staff[1],
                method=method,
                at=at + dt.timedelta(minutes=delay),
                notes="已告知值班室" if method == "phone" else "已发送书面通报",
            )
