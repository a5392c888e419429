"""Self-inspection plans drawn from a real register: saved, verified, fulfilled, published."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from inspector.domain.choices import State
from inspector.i18n import Problem
from inspector.models import Inspection, Outfall, PlanItem
from inspector.services import plans
from inspector.services import register as reg
from inspector.services.plans import DrawRequest
from tests.services.registers import inspect, outfalls

TODAY = dt.date(2026, 3, 2)
POOL = ["张伟", "王芳", "李娜", "刘洋"]


def request(**kw):  # type: ignore[no-untyped-def]
    base = {"year": 2026, "county": "武陟县", "inspectors": POOL, "count": 6, "seed": "s1"}
    return DrawRequest(**{**base, **kw})


@pytest.fixture
def register(db):  # type: ignore[no-untyped-def]
    with db.write() as w:
        ids = outfalls(w, 30)
        outfalls(w, 5, state=State.SUSPECTED, prefix="S")
        outfalls(w, 2, state=State.REJECTED, prefix="R")
        outfalls(w, 4, county="410825", river="蟒河", prefix="W")
    return ids


def draw(db, **kw):  # type: ignore[no-untyped-def]
    with db.write() as w:
        draft = plans.prepare_draw(w.conn, request(**kw), today=TODAY)
        return plans.save_plan(w, draft), draft


def test_a_plan_is_saved_with_its_inputs_and_verifies(db, register) -> None:  # type: ignore[no-untyped-def]
    plan_id, draft = draw(db)
    assert len(draft.items) == 6
    assert draft.candidate_count == 30  # suspected, rejected and other counties left out
    assert {it.outfall_id for it in draft.items} <= set(register)
    with db.read() as conn:
        seed, method, size = conn.execute(
            "SELECT seed, method, sample_size FROM plan WHERE id=?", (plan_id,)
        ).fetchone()
        assert (seed, method, size) == ("s1", "double_random", 6)
        items = plans.plan_items(conn, plan_id, today=TODAY)
        assert [i.due_date for i in items] == sorted(i.due_date for i in items)
        assert all(i.inspector_a != i.inspector_b for i in items)
        assert all(TODAY <= i.due_date <= dt.date(2026, 12, 20) for i in items)  # type: ignore[operator]
        assert plans.verify_plan(conn, plan_id).ok
    # An inspector swapped by hand shows as a change against a fresh draw.
    with db.write() as w:
        w.update(PlanItem, items[0].id, {"inspector_a": "赵六"}, reason="病假换人")
    with db.read() as conn:
        result = plans.verify_plan(conn, plan_id)
    assert (result.ok, result.matching, result.changed) == (False, 5, [items[0].outfall_id])


def test_the_same_request_gives_the_same_plan_and_another_seed_another(db, register) -> None:  # type: ignore[no-untyped-def]
    with db.read() as conn:
        a = plans.prepare_draw(conn, request(), today=TODAY)
        b = plans.prepare_draw(conn, request(), today=TODAY)
        c = plans.prepare_draw(conn, request(seed="s2"), today=TODAY)
    assert a.items == b.items
    assert [i.outfall_id for i in a.items] != [i.outfall_id for i in c.items]


def test_a_stratified_fraction(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        outfalls(w, 20, river="沁河", prefix="Q")
        outfalls(w, 10, river="黄河", prefix="H")
    with db.read() as conn:
        draft = plans.prepare_draw(
            conn, request(count=None, fraction="0.2", strata="river"), today=TODAY
        )
    assert draft.seats == {"沁河": 4, "黄河": 2}
    rivers = [draft.codes[i.outfall_id][2] for i in draft.items]
    assert sorted(rivers) == ["沁河"] * 4 + ["黄河"] * 2


def test_conflicts_of_interest_by_outfall_and_by_owner(db, register) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        owner = reg.find_or_create_owner(
            w, {"name": "武陟县宏达化工有限公司", "credit_code": "914403001922038216"}
        )
        for oid in register[:10]:
            reg.assign_owner(w, oid, owner)
        plans.declare_recusal(
            w, inspector="张伟", owner="914403001922038216", reason="亲属任职", declared_on=TODAY
        )
        code = w.get(Outfall, register[20])
        assert code is not None
        plans.declare_recusal(
            w, inspector=" 王 芳", outfall_code=code["code"], reason="曾参与设计", declared_on=TODAY
        )
    with db.read() as conn:
        draft = plans.prepare_draw(conn, request(method="full_coverage", count=None), today=TODAY)
        assert len(plans.list_recusals(conn, county="410823")) == 2
    by_outfall = {it.outfall_id: {it.inspector_a, it.inspector_b} for it in draft.items}
    assert all("张伟" not in by_outfall[oid] for oid in register[:10])
    assert "王芳" not in by_outfall[register[20]]
    # Version 2 of the draw keys its inputs by public code.
    assert draft.inputs["excluded"][code["code"]] == ["王芳"]
    # Two people in the pool, one of them recused: that outfall cannot be staffed.
    with db.read() as conn, pytest.raises(Problem) as caught:
        plans.prepare_draw(
            conn,
            request(method="full_coverage", count=None, inspectors=["张伟", "李娜"]),
            today=TODAY,
        )
    assert caught.value.key == "plan.draw.too_few_eligible"
    assert caught.value.params["code"].startswith("410823T")


def test_targeted_plans_rank_by_reasons(db, register) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        # Recent clean inspections for all but the first three, so "uninspected" singles
        # those out too.
        for oid in register[3:]:
            inspect(w, oid, on=dt.date(2026, 1, 10))
        inspect(w, register[0], on=dt.date(2024, 6, 1), violation="illegal_discharge")
        inspect(w, register[1], on=dt.date(2024, 7, 1), follow_up=True)
        inspect(w, register[5], on=dt.date(2026, 2, 1), suspicion="obvious")
    with db.read() as conn:
        draft = plans.prepare_draw(conn, request(method="targeted", count=3, seed="t"), today=TODAY)
    reasons = {it.outfall_id: set(it.reasons) for it in draft.items}
    assert reasons[register[0]] == {"violation", "uninspected"}
    assert reasons[register[1]] == {"follow_up", "uninspected"}
    assert register[2] in reasons or register[5] in reasons
    assert [len(it.reasons) for it in draft.items] == [2, 2, 1]


def test_one_plan_per_county_year_and_method(db, register) -> None:  # type: ignore[no-untyped-def]
    first, _ = draw(db)
    with pytest.raises(Problem) as caught:
        draw(db, seed="s2")
    assert caught.value.key == "plan.exists"
    with db.write() as w:
        draft = plans.prepare_draw(w.conn, request(seed="s2"), today=TODAY)
        second = plans.save_plan(w, draft, replace=True)
    with db.read() as conn:
        live = [p.id for p in plans.list_plans(conn, today=TODAY)]
        assert live == [second]
        items = plans.plan_items(conn, second, today=TODAY)
    with db.write() as w:
        insp = inspect(w, items[0].outfall_id, on=dt.date(2026, 4, 1), source="double_random")
        assert plans.link_inspection(w, insp) == items[0].id
    with db.write() as w, pytest.raises(Problem) as caught:
        plans.save_plan(
            w, plans.prepare_draw(w.conn, request(seed="s3"), today=TODAY), replace=True
        )
    assert caught.value.key == "plan.replace_fulfilled"
    assert first != second


def test_inspections_fulfil_items(db, register) -> None:  # type: ignore[no-untyped-def]
    plan_id, draft = draw(db)
    target = draft.items[0].outfall_id
    elsewhere = next(oid for oid in register if oid not in {i.outfall_id for i in draft.items})
    with db.write() as w:
        routine = inspect(w, target, on=dt.date(2026, 4, 1))
        assert plans.link_inspection(w, routine) is None  # routine visits fulfil nothing
        last_year = inspect(w, target, on=dt.date(2025, 12, 30), source="double_random")
        assert plans.link_inspection(w, last_year) is None  # another year's plan
        planned = inspect(w, target, on=dt.date(2026, 4, 2), source="double_random")
        item_id = plans.link_inspection(w, planned)
        assert item_id is not None
        assert w.get(Inspection, planned)["plan_item_id"] == item_id  # type: ignore[index]
        other = inspect(w, elsewhere, on=dt.date(2026, 4, 3), source="self_inspection")
        with pytest.raises(Problem) as caught:
            plans.link_inspection(w, other, item_id=item_id)
        assert caught.value.key == "plan.link_other_outfall"
        again = inspect(w, target, on=dt.date(2026, 4, 5))
        with pytest.raises(Problem) as caught:
            plans.link_inspection(w, again, item_id=item_id)
        assert caught.value.key == "plan.item_taken"
    with db.read() as conn:
        summary = plans.plan_summary(conn, plan_id, today=TODAY)
        assert (summary.done, summary.pending) == (1, 5)
        done = [i for i in plans.plan_items(conn, plan_id, today=TODAY) if i.status == "done"]
        assert done[0].inspected_on == dt.date(2026, 4, 2)
    # The inspection is deleted: the item goes back to pending. An inspection that came in
    # unlinked (from an older replica) is linked by link_pending.
    second = draft.items[1].outfall_id
    with db.write() as w:
        w.delete(Inspection, planned, reason="录入错误")
        w.create(
            Inspection,
            {
                "outfall_id": second,
                "started_at": dt.datetime(2026, 5, 6, 2, 0, tzinfo=dt.UTC),
                "task_source": "double_random",
            },
        )
        report = plans.link_pending(w)
        assert (report.linked, report.reopened) == (1, 1)
        assert plans.link_pending(w).as_json() == {"linked": 0, "reopened": 0}
    with db.read() as conn:
        statuses = {i.outfall_id: i.status for i in plans.plan_items(conn, plan_id, today=TODAY)}
    assert statuses[target] == "pending"
    assert statuses[second] == "done"


def test_due_items_and_overdue(db, register) -> None:  # type: ignore[no-untyped-def]
    plan_id, draft = draw(db)
    first_due = min(it.due_date for it in draft.items)
    with db.read() as conn:
        soon = plans.due_items(conn, today=first_due, within_days=0)
        late = plans.due_items(conn, today=first_due + dt.timedelta(days=1), within_days=0)
        summary = plans.plan_summary(conn, plan_id, today=dt.date(2026, 12, 31))
    assert [i.due_date for i in soon] == [first_due] * len(soon)
    assert all(i.overdue for i in late)
    assert summary.overdue == 6


def test_published_results_name_no_person(db, register, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan_id, draft = draw(db)
    with db.write() as w:
        person = reg.find_or_create_owner(w, {"name": "李某某", "kind": "individual"})
        reg.assign_owner(w, draft.items[0].outfall_id, person)
        company = reg.find_or_create_owner(w, {"name": "武陟县某纸业有限公司"})
        reg.assign_owner(w, draft.items[1].outfall_id, company)
        insp = inspect(
            w,
            draft.items[1].outfall_id,
            on=dt.date(2026, 4, 1),
            source="double_random",
            violation="over_limit",
        )
        plans.link_inspection(w, insp)
    out = tmp_path / "公开.csv"
    result = plans.publish_results(db, plan_id, out)
    text = out.read_text(encoding="utf-8-sig")
    assert result.rows == 6
    assert "李某某" not in text
    assert "(individual)" in text
    assert "武陟县某纸业有限公司" in text
    assert "Violation found: Discharge over the limit" in text
    assert not any(name in text for name in POOL)
    with db.read() as conn:
        assert plans.list_plans(conn, today=TODAY)[0].published_at is not None


def test_draw_refusals(db, register) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "plan.unknown_county": request(county="不存在县"),
        "plan.draw.fraction_range": request(count=None, fraction="0"),
        "plan.draw.fraction_unreadable": request(count=None, fraction="一成"),
        "plan.count_and_fraction": request(fraction="0.1"),
        "plan.size_needed": request(count=None),
        "plan.draw.count_too_large": request(count=31),
        "plan.pool_too_small": request(inspectors=["张伟", "张 伟"]),
        "plan.bad_strata": request(strata="township"),
        "plan.bad_method": request(method="lottery"),
        "plan.size_not_for_full": request(method="full_coverage"),
        "plan.options_not_for_targeted": request(method="targeted", fraction="0.1", count=None),
        "plan.no_candidates": request(county="410821"),
        "plan.bad_year": request(year=1999),
        "plan.window_closed": request(start=dt.date(2026, 12, 21)),
        "plan.outfalls_only_targeted": request(outfalls=["410823T0001"]),
        "plan.outfall_other_county": request(
            method="targeted", count=None, outfalls=["410825W0001"]
        ),
        "plan.outfall_not_eligible": request(
            method="targeted", count=None, outfalls=["410823S0001"]
        ),
    }
    with db.read() as conn:
        for key, req in cases.items():
            with pytest.raises(Problem) as caught:
                plans.prepare_draw(conn, req, today=TODAY)
            assert caught.value.key == key, key
