"""One definition of a plan item being overdue (`domain.plan_items`), and every place that
counts them agreeing: the Plans tab and `plan list|show`, the dashboard's due items, the
annual and self-inspection reports, on a hand-made plan and on the demo."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from inspector.domain.periods import today
from inspector.domain.plan_items import ItemFacts, is_due, is_overdue
from inspector.models import Plan, PlanItem
from inspector.services.plans import due_items, list_plans, plan_items
from inspector.services.reports.annual import annual_report
from inspector.services.reports.self_inspection import self_inspection_report
from tests.services.registers import CST, inspect, outfalls

TODAY = dt.date(2026, 3, 2)
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=CST)


def test_the_rule() -> None:
    due = dt.date(2026, 3, 2)
    pending = ItemFacts("pending", due, None)
    assert not is_overdue(pending, due)  # the due day still belongs to the inspectors
    assert is_overdue(pending, due + dt.timedelta(days=1))
    assert not is_overdue(ItemFacts("pending", None, None), due + dt.timedelta(days=99))
    late = ItemFacts("done", due, due + dt.timedelta(days=3))
    assert is_overdue(late, due + dt.timedelta(days=2))  # as it stood before it was done
    assert not is_overdue(late, due + dt.timedelta(days=3))
    assert not is_overdue(ItemFacts("done", due, None), due + dt.timedelta(days=9))
    cancelled = ItemFacts("cancelled", due, None)
    assert not is_overdue(cancelled, due + dt.timedelta(days=9))
    assert not is_due(cancelled, due)
    assert is_due(pending, due)
    assert not is_due(pending, due - dt.timedelta(days=1))


def _plan(w: Any, outfall_ids: list[str], dues: list[dt.date]) -> str:
    plan_id = w.create(
        Plan,
        {
            "year": 2026,
            "county_code": "410823",
            "method": "double_random",
            "inspector_pool": ["张伟", "王芳"],
            "inputs": {"drawn_on": TODAY.isoformat()},
        },
    )
    for oid, due in zip(outfall_ids, dues, strict=True):
        w.create(
            PlanItem,
            {
                "plan_id": plan_id,
                "outfall_id": oid,
                "inspector_a": "张伟",
                "inspector_b": "王芳",
                "due_date": due,
                "status": "pending",
            },
        )
    return plan_id


def _report_overdue(conn: Any, **kw: Any) -> dict[str, int]:
    col = 6  # county, method, items, due, done, on time, overdue, ...
    out = {}
    for doc in (
        annual_report(conn, year=2026, **kw),
        self_inspection_report(conn, year=2026, half=1 if kw["now"].month <= 6 else 2, **kw),
    ):
        table = doc.table("plans")
        out[doc.key] = sum(int(row[col]) for row in table.rows)
    return out


def test_a_plan_drawn_today_due_next_week_has_nothing_overdue(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        ids = outfalls(w, 3)
        plan_id = _plan(w, ids, [TODAY + dt.timedelta(days=7)] * 3)
    with db.read() as conn:
        assert [p.overdue for p in list_plans(conn, today=TODAY)] == [0]
        assert not any(i.overdue for i in plan_items(conn, plan_id, today=TODAY))
        assert not any(i.overdue for i in due_items(conn, today=TODAY, within_days=30))
        assert set(_report_overdue(conn, county="武陟县", now=NOW).values()) == {0}
        # A week later the same items are due; the day after, overdue everywhere alike.
        later = TODAY + dt.timedelta(days=8)
        moment = dt.datetime.combine(later, dt.time(10), CST)
        assert [p.overdue for p in list_plans(conn, today=later)] == [3]
        assert set(_report_overdue(conn, county="武陟县", now=moment).values()) == {3}


def test_done_late_and_cancelled_items(db) -> None:  # type: ignore[no-untyped-def]
    from inspector.services.plans import link_inspection

    with db.write() as w:
        ids = outfalls(w, 4)
        week_ago = TODAY - dt.timedelta(days=7)
        plan_id = _plan(w, ids, [week_ago] * 4)
        w.flush()
        items = {i.outfall_id: i.id for i in plan_items(w.conn, plan_id, today=TODAY)}
        insp = inspect(w, ids[0], on=TODAY - dt.timedelta(days=1), source="double_random")
        link_inspection(w, insp, item_id=items[ids[0]])
        w.update(PlanItem, items[ids[1]], {"status": "cancelled"})
    with db.read() as conn:
        (summary,) = list_plans(conn, today=TODAY)
        assert (summary.done, summary.cancelled, summary.overdue) == (1, 1, 2)
        assert sum(i.overdue for i in plan_items(conn, plan_id, today=TODAY)) == 2
        assert set(_report_overdue(conn, county="武陟县", now=NOW).values()) == {2}
        # As the report of two days before had it, the late item was overdue too.
        earlier = dt.datetime.combine(TODAY - dt.timedelta(days=2), dt.time(10), CST)
        assert set(_report_overdue(conn, county="武陟县", now=earlier).values()) == {3}


DEMO_TODAY = dt.date(2026, 11, 23)
"""The day `demo_template` was built for."""


def test_every_count_agrees_on_the_demo(demo_db) -> None:  # type: ignore[no-untyped-def]
    now = dt.datetime.combine(DEMO_TODAY, dt.time(10), CST)
    with demo_db.read() as conn:
        plans = list_plans(conn, today=DEMO_TODAY)
        assert plans
        assert sum(p.overdue for p in plans) > 0
        for plan in plans:
            shown = plan_items(conn, plan.id, today=DEMO_TODAY)
            assert sum(i.overdue for i in shown) == plan.overdue
        dashboard = due_items(conn, today=DEMO_TODAY, within_days=7, limit=5000)
        assert sum(i.overdue for i in dashboard) == sum(p.overdue for p in plans)
        by_county: dict[str, int] = {}
        for plan in plans:
            by_county[plan.county] = by_county.get(plan.county, 0) + plan.overdue
        for county, overdue in by_county.items():
            counts = _report_overdue(conn, county=county, now=now)
            assert set(counts.values()) == {overdue}, (county, counts)
        city = _report_overdue(conn, city="410800", now=now)
        assert set(city.values()) == {sum(by_county.values())}


def test_the_command_line_agrees(demo_db, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    from inspector.cli import run

    with demo_db.read() as conn:
        expected = {p.id: p.overdue for p in list_plans(conn, today=today())}
    assert run(["--db", str(demo_db.path), "plan", "list", "--json"]) == 0
    listed = {p["id"]: p["overdue"] for p in json.loads(capsys.readouterr().out)}
    assert listed == expected
    plan_id = next(iter(expected))
    assert run(["--db", str(demo_db.path), "plan", "show", plan_id, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert sum(1 for i in shown["items"] if i["overdue"]) == expected[plan_id]
