"""Register workflows against a real database: the lifecycle enforced in one place."""

from __future__ import annotations

import datetime as dt

import pytest

from inspector.domain.choices import State
from inspector.domain.periods import today
from inspector.models import Outfall, Remediation
from inspector.services import register as reg

BASE = {
    "name": "武陟县詹店镇黄河左岸1#城镇生活污水散排口",
    "county_code": "410823",
    "lat": 34.95,
    "lon": 113.4,
    "river": "黄河",
    "category": "城镇生活污水散排口",
}
FRUITLESS = {"methods": ["visit"], "conclusion": "走访未查明", "result": "no_owner_found"}


def test_full_journey_from_suspected_to_abolished(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        oid = reg.create_outfall(w, BASE)
        target = reg.create_outfall(
            w, {**BASE, "name": "武陟县污水处理厂排污口", "category": "城镇污水处理厂排污口"}
        )
        reg.transition(w, oid, State.CONFIRMED)
        reg.add_trace_record(w, oid, FRUITLESS)
        reg.assign_government_backstop(w, oid, evidence="溯源未果")
        reg.transition(w, oid, State.TRACED)
        reg.plan_remediation(
            w, oid, {"measure": "merge", "merge_target_id": target, "deadline": "2026-12-31"}
        )
        reg.transition(w, oid, State.IN_REMEDIATION)
        reg.record_completion(w, oid, evidence="已接入市政管网")
        reg.county_signoff(w, oid, by="县局")
        reg.city_signoff(w, oid, by="市局")
        assert reg.settle_closed(w, oid) is State.ABOLISHED
        rem = w.get(Remediation, reg.current_remediation(w.conn, oid)["id"])  # type: ignore[index]
        assert rem["status"] == "completed"
        assert rem["county_signoff_on"] == today().isoformat()
        owner = reg.current_main_assignment(w.conn, oid)
        assert owner is not None
        assert owner["owner_name"] == "武陟县人民政府"
        assert owner["basis"] == "government_backstop"


def test_refusals_name_the_missing_precondition_in_both_languages(db) -> None:  # type: ignore[no-untyped-def]
    from inspector.i18n import set_language

    with db.write() as w:
        oid = reg.create_outfall(w, BASE)
        reg.transition(w, oid, State.CONFIRMED)
        with pytest.raises(reg.Refused) as caught:
            reg.transition(w, oid, State.TRACED)
        assert "owner assignment" in str(caught.value)
        set_language("zh")
        assert "责任主体" in str(caught.value)
        assert "政府兜底" in str(caught.value)
        set_language("en")
        with pytest.raises(reg.Refused) as caught:
            reg.transition(w, oid, State.CLOSED)
        assert "Confirmed cannot become Closed" in str(caught.value)
        assert "Traced" in str(caught.value)


def test_merge_target_must_be_another_live_outfall(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        oid = reg.create_outfall(w, BASE)
        dead = reg.create_outfall(w, {**BASE, "name": "已注销排口"})
        reg.transition(w, dead, State.REJECTED, reason="非排污口")
        reg.transition(w, oid, State.CONFIRMED)
        reg.add_trace_record(w, oid, FRUITLESS)
        reg.assign_government_backstop(w, oid)
        reg.transition(w, oid, State.TRACED)
        with pytest.raises(Exception, match="itself"):
            reg.plan_remediation(
                w, oid, {"measure": "merge", "merge_target_id": oid, "deadline": "2026-01-01"}
            )
        reg.plan_remediation(
            w, oid, {"measure": "merge", "merge_target_id": dead, "deadline": "2026-01-01"}
        )
        with pytest.raises(reg.Refused, match="merged into"):
            reg.transition(w, oid, State.IN_REMEDIATION)


def test_reassigning_the_main_owner_keeps_history(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        oid = reg.create_outfall(w, BASE)
        a = reg.find_or_create_owner(w, {"name": "甲公司"})
        b = reg.find_or_create_owner(w, {"name": "乙公司", "credit_code": "914403001922038216"})
        first = reg.assign_owner(w, oid, a, valid_from=dt.date(2024, 1, 1))
        reg.assign_owner(w, oid, b, valid_from=dt.date(2025, 3, 1))
        assert (
            reg.find_or_create_owner(w, {"name": "别名", "credit_code": "914403001922038216"}) == b
        )
        rows = w.conn.execute(
            "SELECT owner_id, valid_from, valid_until FROM owner_assignment WHERE outfall_id=? ORDER BY id",
            (oid,),
        ).fetchall()
        assert rows == [(a, "2024-01-01", "2025-03-01"), (b, "2025-03-01", None)]
        assert reg.current_main_assignment(w.conn, oid)["owner_id"] == b  # type: ignore[index]
        assert w.get(Outfall, oid) is not None
        assert first


def test_generated_codes_are_sequential_per_replica_and_type(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        a = reg.create_outfall(w, BASE)
        b = reg.create_outfall(w, BASE)
        c = reg.create_outfall(w, {**BASE, "category": "工业企业排污口"})
        codes = [w.get(Outfall, i)["code"] for i in (a, b, c)]  # type: ignore[index]
    tag = reg.replica_tag(db.replica_id)
    assert codes == [f"410823QT-{tag}-0001", f"410823QT-{tag}-0002", f"410823GY-{tag}-0001"]


def test_nearby_outfalls_find_possible_duplicates(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        reg.create_outfall(w, BASE)
        reg.create_outfall(w, {**BASE, "lat": 34.9502})  # about 22 m north
        reg.create_outfall(w, {**BASE, "lat": 34.951})  # about 111 m north
        near = reg.nearby_outfalls(w.conn, 34.95, 113.4, 30)
    assert [round(n.distance_m) for n in near] == [0, 22]
