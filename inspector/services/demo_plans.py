"""Demo material for plans and assessment: this year's self-inspection plans of four
counties, partly fulfilled by inspections (some late, one finding a violation), one
declared conflict of interest, a county assessment with scores entered by hand for
January to October and part of November, a proven falsification, and a cross-boundary
incident with two of its three downstream notices made.

Registered in `inspector.services.demo.EXTRAS`; runs once the register is built, through
the same services the commands and screens use.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from inspector.data.db import Database
from inspector.domain.choices import SignageItem, SignageState
from inspector.domain.periods import CALENDAR_TZ
from inspector.i18n.reasons import keyed
from inspector.models import Inspection, Plan
from inspector.services import plans
from inspector.services.assessment import enter_score
from inspector.services.incidents import notify, record_incident

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
        with_owner = w.conn.execute(
            "SELECT a.owner_id, w.name FROM owner_assignment a JOIN owner w ON w.id = a.owner_id "
            "JOIN outfall o ON o.id = a.outfall_id WHERE o.county_code='410825' "
            "AND w.kind='enterprise' AND a.deleted=0 ORDER BY a.id LIMIT 1"
        ).fetchone()
        if with_owner is not None:
            plans.declare_recusal(
                w,
                inspector=builder.staff["410825"][0],
                owner=with_owner[1],
                reason="配偶在该单位任职",
                declared_on=drawn_on - dt.timedelta(days=3),
            )
        for county, method, count, fraction, strata in PLANS:
            request = plans.DrawRequest(
                year=year,
                county=county,
                inspectors=builder.staff[county],
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
    row = w.conn.execute(
        "SELECT n.id FROM inspection n JOIN plan_item i ON i.id = n.plan_item_id "
        "JOIN plan p ON p.id = i.plan_id WHERE p.county_code='410825' AND p.year=? "
        "ORDER BY n.started_at LIMIT 1",
        (year,),
    ).fetchone()
    if row is not None:
        w.update(
            Inspection,
            row[0],
            {
                "violation": "over_limit",
                "violation_desc": "快检氨氮 18.6 mg/L，超过排放标准，已责令整改并立案",
                "suspicion": "obvious",
                "follow_up": True,
                "sampled": True,
                "nh3n_mg_l": 18.6,
            },
        )


def _assessment(db: Database, builder: DemoBuilder, year: int, today: dt.date) -> None:
    rng = builder.rng
    counties = sorted(r.code for r in builder.ref.counties("410800"))
    clerk = "市局考核办" + builder.person()
    # Each month's scores are entered on the 5th of the next; the latest month entered is
    # only partly in, so its ranking stays provisional.
    months = [m for m in range(1, 13) if dt.date(year + (m == 12), m % 12 + 1, 5) < today]
    with db.write(actor=clerk, reason=keyed("reason.demo_scores")) as w:
        for month in months:
            entered = dt.date(year + (month == 12), month % 12 + 1, 5)
            scored = counties if month != months[-1] else counties[::2]
            for county in scored:
                when = dt.datetime.combine(entered, dt.time(10), CALENDAR_TZ)
                water = min(99.0, max(55.0, rng.gauss(86, 5) - WEAK.get(county, 0.0)))
                work = min(95.0, max(50.0, rng.gauss(84, 5)))
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
            enter_score(
                w,
                county="410804",
                year=year,
                month=7,
                item="falsification",
                basis="焦环罚〔2026〕17号：某企业在线监测数据造假案（已查实）",
                entered_at=dt.datetime.combine(dt.date(year, 8, 5), dt.time(10), CALENDAR_TZ),
            )


def _incident(db: Database, builder: DemoBuilder, today: dt.date) -> None:
    row = None
    with db.read() as conn:
        row = conn.execute(
            "SELECT code FROM outfall WHERE county_code='410882' AND river='蟒河' AND deleted=0 "
            "AND state NOT IN ('rejected', 'suspected') ORDER BY code LIMIT 1"
        ).fetchone()
    if row is None:
        return
    at = dt.datetime.combine(today - dt.timedelta(days=6), dt.time(14, 20), CALENDAR_TZ)
    staff = builder.staff["410882"]
    with db.write(actor=staff[0], reason=keyed("reason.demo_incident")) as w:
        incident_id, downstream = record_incident(
            w,
            occurred_at=at,
            outfall_code=row[0],
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
