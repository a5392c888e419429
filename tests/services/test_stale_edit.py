"""The stale-edit rule: two people open the same outfall; what one saves is never
overwritten silently by the other's form (`inspector.services.stale`).

Each person is their own `Database` on the same file or PostgreSQL database, as two
`inspector` processes are, and each change is credited to its person (`actor`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from inspector.data.db import Database, open_database
from inspector.data.history import record_history
from inspector.data.outfall_record import load_record
from inspector.i18n import set_language
from inspector.models import Outfall, Owner, Remediation
from inspector.services import register as reg
from inspector.services.stale import StaleEdit
from tests.conftest import both_engines

pytestmark = both_engines

TODAY = dt.date(2026, 11, 23)
BASE = {
    "code": "410823GY0001",
    "name": "詹店镇黄河左岸1#排口",
    "county_code": "410823",
    "lat": 34.95,
    "lon": 113.4,
    "river": "黄河",
    "category": "城镇生活污水散排口",
    "notes": "初查",
}


@pytest.fixture
def two(db: Database) -> Iterator[tuple[Database, Database, str]]:
    """The database as two people open it, and one outfall both of them see."""
    with db.write(actor="登记员") as w:
        oid = reg.create_outfall(w, BASE)
    other = open_database(db.url or db.path)
    yield db, other, oid
    other.dispose()


def opened(db: Database, oid: str) -> dict[str, Any]:
    """The outfall as a form is filled with it: the stored row, as the screen reads it."""
    with db.read() as conn:
        record = load_record(conn, outfall_id=oid, today=TODAY, history=False)
    assert record is not None
    return dict(record.outfall)


def stored(db: Database, oid: str) -> dict[str, Any]:
    with db.write() as w:
        row = w.get(Outfall, oid)
    assert row is not None
    return row


def op_count(db: Database, oid: str) -> int:
    with db.read() as conn:
        return len(record_history(conn, "outfall", oid))


def test_a_name_someone_changed_since_is_refused_with_both_values(two: Any) -> None:
    mine, theirs, oid = two
    seen_by_a = opened(mine, oid)
    with theirs.write(actor="李四") as w:
        reg.update_outfall(w, oid, {"name": "李四改的名称"}, seen=opened(theirs, oid))
    before = op_count(mine, oid)

    with pytest.raises(StaleEdit) as refused, mine.write(actor="张三") as w:
        reg.update_outfall(w, oid, {"name": "张三改的名称", "notes": "复查"}, seen=seen_by_a)

    (field,) = refused.value.fields
    assert (field.field, field.seen, field.stored, field.saving) == (
        "name",
        BASE["name"],
        "李四改的名称",
        "张三改的名称",
    )
    assert field.by == "李四"
    assert field.at is not None
    assert field.label == "Outfall name"
    text = str(refused.value)
    for part in (BASE["name"], "李四改的名称", "张三改的名称", "李四", "Outfall name"):
        assert part in text
    assert refused.value.stored_values() == {"name": "李四改的名称"}
    # The whole save is refused: the notes, not in dispute, are not written either.
    assert stored(mine, oid)["name"] == "李四改的名称"
    assert stored(mine, oid)["notes"] == "初查"
    assert op_count(mine, oid) == before


def test_the_refusal_reads_in_chinese(two: Any) -> None:
    mine, theirs, oid = two
    seen_by_a = opened(mine, oid)
    with theirs.write(actor="李四") as w:
        reg.update_outfall(w, oid, {"category": "工业排污口"}, seen=opened(theirs, oid))
    set_language("zh")
    with pytest.raises(StaleEdit) as refused, mine.write(actor="张三") as w:
        reg.update_outfall(w, oid, {"category": "农业排口"}, seen=seen_by_a)
    text = str(refused.value)
    assert "未保存任何内容" in text
    assert "你看到的是“城镇生活污水散排口”" in text
    assert "现在存储的是“工业排污口”" in text
    assert "李四" in text


def test_saving_mine_over_theirs_is_the_same_save_seeing_what_is_stored(two: Any) -> None:
    mine, theirs, oid = two
    seen_by_a = opened(mine, oid)
    with theirs.write(actor="李四") as w:
        reg.update_outfall(w, oid, {"name": "李四改的名称"})
    with pytest.raises(StaleEdit) as refused, mine.write(actor="张三") as w:
        reg.update_outfall(w, oid, {"name": "张三改的名称"}, seen=seen_by_a)
    again = {**seen_by_a, **refused.value.stored_values()}
    with mine.write(actor="张三") as w:
        reg.update_outfall(w, oid, {"name": "张三改的名称"}, seen=again)
    assert stored(mine, oid)["name"] == "张三改的名称"


def test_another_field_is_saved_and_keeps_their_name(two: Any) -> None:
    mine, theirs, oid = two
    seen_by_a = opened(mine, oid)
    with theirs.write(actor="李四") as w:
        reg.update_outfall(w, oid, {"name": "李四改的名称"}, seen=opened(theirs, oid))
    with mine.write(actor="张三") as w:
        # A's form still holds the name as A saw it: not A's change, so not written.
        reg.update_outfall(w, oid, {"name": BASE["name"], "notes": "张三复查"}, seen=seen_by_a)
    row = stored(mine, oid)
    assert (row["name"], row["notes"]) == ("李四改的名称", "张三复查")


def test_the_same_value_saved_by_both_is_no_conflict(two: Any) -> None:
    mine, theirs, oid = two
    seen_by_a = opened(mine, oid)
    with theirs.write(actor="李四") as w:
        reg.update_outfall(w, oid, {"name": "同一个新名称", "accuracy_m": 3})
    with mine.write(actor="张三") as w:
        reg.update_outfall(w, oid, {"name": "同一个新名称", "accuracy_m": "3.0"}, seen=seen_by_a)
    assert stored(mine, oid)["name"] == "同一个新名称"


def test_a_position_moved_since_is_refused(two: Any) -> None:
    mine, theirs, oid = two
    seen_by_a = opened(mine, oid)
    with theirs.write(actor="李四") as w:
        reg.update_outfall(w, oid, {"lat": 34.951, "lon": 113.401})
    with pytest.raises(StaleEdit) as refused, mine.write(actor="张三") as w:
        reg.update_outfall(w, oid, {"lat": 34.96, "lon": 113.41}, seen=seen_by_a)
    assert [f.field for f in refused.value.fields] == ["lat", "lon"]


def test_without_seen_a_save_overwrites_as_before(two: Any) -> None:
    mine, theirs, oid = two
    with theirs.write(actor="李四") as w:
        reg.update_outfall(w, oid, {"name": "李四改的名称"})
    with mine.write(actor="张三") as w:
        reg.update_outfall(w, oid, {"name": "张三改的名称"})
    assert stored(mine, oid)["name"] == "张三改的名称"


def test_a_remediation_plan_changed_since_is_refused(two: Any) -> None:
    mine, theirs, oid = two
    with mine.write(actor="登记员") as w:
        reg.plan_remediation(w, oid, {"measure": "ban", "deadline": "2026-12-31"})
    with mine.read() as conn:
        record = load_record(conn, outfall_id=oid, today=TODAY, history=False)
    assert record is not None
    assert record.remediation is not None
    seen_by_a = dict(record.remediation)
    with theirs.write(actor="李四") as w:
        reg.plan_remediation(w, oid, {"deadline": "2027-03-31"}, seen=seen_by_a)
    with pytest.raises(StaleEdit) as refused, mine.write(actor="张三") as w:
        reg.plan_remediation(w, oid, {"measure": "ban", "deadline": "2027-06-30"}, seen=seen_by_a)
    (field,) = refused.value.fields
    assert (field.field, field.seen, field.stored, field.saving, field.by) == (
        "deadline",
        "2026-12-31",
        "2027-03-31",
        "2027-06-30",
        "李四",
    )
    # Another field of the plan is saved, and leaves their deadline as it is.
    with mine.write(actor="张三") as w:
        reg.plan_remediation(
            w,
            oid,
            {"deadline": "2026-12-31", "responsible": "詹店镇人民政府"},
            seen=seen_by_a,
        )
        rem = w.get(Remediation, seen_by_a["id"])
    assert rem is not None
    assert (rem["deadline"], rem["responsible"]) == ("2027-03-31", "詹店镇人民政府")


# -- who answers for the outfall -------------------------------------------------------------

A = {"name": "武陟县甲化工有限公司", "credit_code": "91410800MA44AAAA1X", "kind": "enterprise"}
B = {"name": "武陟县乙纸业有限公司", "credit_code": "91410822MA45BBBB25", "kind": "enterprise"}
C = {"name": "武陟县丙食品有限公司", "credit_code": "91410823MA46CCCC3Y", "kind": "enterprise"}


def owners(db: Database) -> tuple[str, str, str]:
    with db.write(actor="登记员") as w:
        return tuple(reg.find_or_create_owner(w, dict(o)) for o in (A, B, C))  # type: ignore[return-value]


def main_owner(db: Database, oid: str) -> dict[str, Any] | None:
    with db.read() as conn:
        return reg.current_main_assignment(conn, oid)


def assert_main_owner(db: Any, outfall_id: str, owner_id: str) -> None:
    current = main_owner(db, outfall_id)
    assert current is not None
    assert current["owner_id"] == owner_id


def main_seen(db: Database, oid: str) -> dict[str, Any]:
    """What the assign dialog remembers: the main owner the outfall screen showed."""
    with db.read() as conn:
        record = load_record(conn, outfall_id=oid, today=dt.date.today(), history=False)
    assert record is not None
    return {reg.MAIN_OWNER: record.owner["id"] if record.owner else None}


def assignments(db: Database, oid: str) -> list[tuple[str, str, Any]]:
    with db.read() as conn:
        record = load_record(conn, outfall_id=oid, today=TODAY, history=False)
    assert record is not None
    return sorted((a["owner_id"], a["role"], a["valid_until"]) for a in record.assignments)


def test_an_owner_assigned_by_someone_else_since_is_not_ended_silently(two: Any) -> None:
    mine, theirs, oid = two
    a, b, c = owners(mine)
    with mine.write(actor="登记员") as w:
        reg.assign_owner(w, oid, a)
    seen_by_zhang = main_seen(mine, oid)
    with theirs.write(actor="李四") as w:
        reg.assign_owner(w, oid, b, seen=main_seen(theirs, oid))
    before = assignments(mine, oid)

    with pytest.raises(StaleEdit) as refused, mine.write(actor="张三") as w:
        reg.assign_owner(w, oid, c, seen=seen_by_zhang)

    (field,) = refused.value.fields
    assert (field.field, field.seen, field.stored, field.saving) == (reg.MAIN_OWNER, a, b, c)
    assert field.by == "李四"
    assert field.at is not None
    assert field.label == "Main owner"
    assert A["name"] in field.seen_text
    assert B["name"] in field.stored_text
    assert B["credit_code"] in field.stored_text
    assert C["name"] in field.saving_text
    assert refused.value.stored_values() == {reg.MAIN_OWNER: b}
    # Nothing written: 李四's assignment is still the current one, 甲's still ended.
    assert_main_owner(mine, oid, b)
    assert assignments(mine, oid) == before


def test_saving_mine_over_their_owner_ends_theirs(two: Any) -> None:
    mine, theirs, oid = two
    a, b, c = owners(mine)
    with mine.write(actor="登记员") as w:
        reg.assign_owner(w, oid, a)
    seen_by_zhang = main_seen(mine, oid)
    with theirs.write(actor="李四") as w:
        reg.assign_owner(w, oid, b)
    with pytest.raises(StaleEdit) as refused, mine.write(actor="张三") as w:
        reg.assign_owner(w, oid, c, seen=seen_by_zhang)

    again = {**seen_by_zhang, **refused.value.stored_values()}
    with mine.write(actor="张三") as w:
        reg.assign_owner(w, oid, c, seen=again)
    assert_main_owner(mine, oid, c)
    ended = {o: until for o, role, until in assignments(mine, oid) if role == "main"}
    assert ended[b] is not None  # 李四's assignment ended, kept in the history


def test_the_same_owner_assigned_by_both_is_no_conflict(two: Any) -> None:
    mine, theirs, oid = two
    a, b, _c = owners(mine)
    with mine.write(actor="登记员") as w:
        reg.assign_owner(w, oid, a)
    seen_by_zhang = main_seen(mine, oid)
    with theirs.write(actor="李四") as w:
        first = reg.assign_owner(w, oid, b)
    with mine.write(actor="张三") as w:
        again = reg.assign_owner(w, oid, b, seen=seen_by_zhang)
    assert again == first


def test_an_owner_assigned_meanwhile_where_none_was_seen_is_refused(two: Any) -> None:
    mine, theirs, oid = two
    _a, b, c = owners(mine)
    seen_by_zhang = main_seen(mine, oid)
    assert seen_by_zhang == {reg.MAIN_OWNER: None}
    with theirs.write(actor="李四") as w:
        reg.assign_owner(w, oid, b)
    set_language("zh")
    with pytest.raises(StaleEdit) as refused, mine.write(actor="张三") as w:
        reg.assign_owner(w, oid, c, seen=seen_by_zhang)
    (field,) = refused.value.fields
    assert (field.seen, field.stored, field.saving, field.by) == (None, b, c, "李四")
    text = str(refused.value)
    assert "主要责任主体" in text
    assert "你看到的是“未认定”" in text
    assert B["name"] in text
    assert C["name"] in text
    assert_main_owner(mine, oid, b)


def test_another_role_replaces_nobody_and_is_never_refused(two: Any) -> None:
    from inspector.domain.choices import AssignmentRole

    mine, theirs, oid = two
    a, b, c = owners(mine)
    with mine.write(actor="登记员") as w:
        reg.assign_owner(w, oid, a)
    seen_by_zhang = main_seen(mine, oid)
    with theirs.write(actor="李四") as w:
        reg.assign_owner(w, oid, b)
    with mine.write(actor="张三") as w:
        reg.assign_owner(w, oid, c, role=AssignmentRole.OTHER, seen=seen_by_zhang)
    assert_main_owner(mine, oid, b)
    assert (c, "other", None) in assignments(mine, oid)


def test_the_government_backstop_over_an_owner_assigned_since_is_refused(two: Any) -> None:
    mine, theirs, oid = two
    _a, b, _c = owners(mine)
    with mine.write(actor="登记员") as w:
        reg.add_trace_record(
            w,
            oid,
            {"methods": ["visit"], "conclusion": "走访未查明", "result": "no_owner_found"},
        )
    seen_by_zhang = main_seen(mine, oid)
    with theirs.write(actor="李四") as w:
        reg.assign_owner(w, oid, b)
    with pytest.raises(StaleEdit) as refused, mine.write(actor="张三") as w:
        reg.assign_government_backstop(w, oid, evidence="走访未查明", seen=seen_by_zhang)
    (field,) = refused.value.fields
    assert field.stored == b
    assert_main_owner(mine, oid, b)


def test_an_assignment_without_seen_ends_the_current_one_as_before(two: Any) -> None:
    mine, theirs, oid = two
    a, b, c = owners(mine)
    with mine.write(actor="登记员") as w:
        reg.assign_owner(w, oid, a)
    with theirs.write(actor="李四") as w:
        reg.assign_owner(w, oid, b)
    with mine.write(actor="张三") as w:
        reg.assign_owner(w, oid, c)
    assert_main_owner(mine, oid, c)


# -- a lifecycle step chosen from a state that changed since ---------------------------------


def test_a_step_chosen_from_a_state_someone_changed_since_is_refused(two: Any) -> None:
    """Rejected is a step from suspected and from confirmed alike: without the rule, 张三's
    rejection, chosen while it was suspected, silently undid 李四's confirmation."""
    from inspector.domain.choices import State

    mine, theirs, oid = two
    seen_by_zhang = {"state": stored(mine, oid)["state"]}
    assert seen_by_zhang == {"state": "suspected"}
    with theirs.write(actor="李四") as w:
        reg.transition(w, oid, State.CONFIRMED, seen={"state": "suspected"})
    with pytest.raises(StaleEdit) as refused, mine.write(actor="张三", reason="不是排污口") as w:
        reg.transition(w, oid, State.REJECTED, reason="不是排污口", seen=seen_by_zhang)
    (field,) = refused.value.fields
    assert (field.field, field.seen, field.stored, field.saving, field.by) == (
        "state",
        "suspected",
        "confirmed",
        "rejected",
        "李四",
    )
    assert stored(mine, oid)["state"] == "confirmed"
    # Without seen (a command), the step is taken from whatever state holds, as before.
    with mine.write(actor="张三", reason="不是排污口") as w:
        reg.transition(w, oid, State.REJECTED, reason="不是排污口")
    assert stored(mine, oid)["state"] == "rejected"


# -- the details of an owner already registered ---------------------------------------------

REGISTERED = {
    "name": "温县某某食品有限公司",
    "credit_code": "91410825MA46CCCC3U",
    "kind": "enterprise",
}


def registered_by_them(theirs: Database, **details: str) -> str:
    """李四 registers the owner (with `details`); its id."""
    with theirs.write(actor="李四") as w:
        return reg.find_or_create_owner(w, {**REGISTERED, **details})


def owner_details(db: Database, owner_id: str) -> dict[str, Any]:
    with db.write() as w:
        row = w.get(Owner, owner_id)
    assert row is not None
    return row


def test_details_typed_for_a_registered_owner_fill_in_what_it_lacks(two: Any) -> None:
    """The assign dialog names an owner already in the register and adds its phone and
    how its permit lists the outfalls: both are saved (they were dropped)."""
    mine, theirs, _oid = two
    owner = registered_by_them(theirs)
    typed = {**REGISTERED, "phone": "13703910788", "permit_annotation": "许可证载明2个排口"}
    with mine.write(actor="张三") as w:
        assert reg.find_or_create_owner(w, typed, seen={}) == owner
    row = owner_details(mine, owner)
    assert (row["phone"], row["permit_annotation"]) == ("13703910788", "许可证载明2个排口")


def test_a_detail_someone_else_stored_is_asked_about_not_overwritten(two: Any) -> None:
    mine, theirs, oid = two
    owner = registered_by_them(theirs, phone="13937120456")
    typed = {**REGISTERED, "phone": "13703910788", "contact": "王经理"}

    def assign() -> None:
        with mine.write(actor="张三") as w:
            reg.assign_owner(w, oid, reg.find_or_create_owner(w, typed, seen={}))

    with pytest.raises(StaleEdit) as caught:
        assign()
    assert caught.value.kind == "registered"
    assert "already registered" in str(caught.value)
    (stale,) = caught.value.fields
    assert (stale.field, stale.seen, stale.stored, stale.saving, stale.by) == (
        "phone",
        None,
        "13937120456",
        "13703910788",
        "李四",
    )
    row = owner_details(mine, owner)
    assert (row["phone"], row["contact"]) == ("13937120456", None)  # nothing saved
    assert main_owner(mine, oid) is None

    # Save mine: the same save, having seen what is stored now.
    with mine.write(actor="张三") as w:
        reg.find_or_create_owner(w, typed, seen=caught.value.stored_values())
    row = owner_details(mine, owner)
    assert (row["phone"], row["contact"]) == ("13703910788", "王经理")


def test_without_a_form_a_registered_owner_is_left_as_it_is(two: Any) -> None:
    mine, theirs, _oid = two
    owner = registered_by_them(theirs, phone="13937120456")
    with mine.write(actor="张三") as w:
        reg.find_or_create_owner(w, {**REGISTERED, "phone": "13703910788"})
    assert owner_details(mine, owner)["phone"] == "13937120456"
