"""The operation log: every write is logged with its bases, and history rebuilds rows."""

from __future__ import annotations

import json
import sqlite3

import pytest

from inspector.data.history import rebuild_row, record_history
from inspector.data.writer import field_winners
from inspector.domain.choices import State
from inspector.models import SYNCED, Outfall, Owner
from inspector.models.spec import ValidationFailed, spec_for
from inspector.services import register as reg
from inspector.services.doctor import run_doctor
from tests.conftest import both_engines

pytestmark = both_engines

OUTFALL = {
    "name": "温县黄庄镇蟒河左岸1#城镇雨洪排口",
    "county_code": "410825",
    "lat": 34.95,
    "lon": 113.05,
    "river": "蟒河",
    "category": "城镇雨洪排口",
}


def ops(
    conn: sqlite3.Connection, row_id: str
) -> list[tuple[int, dict[str, object], dict[str, str]]]:
    return [
        (seq, json.loads(f), json.loads(b))
        for seq, f, b in conn.execute(
            "SELECT seq, fields, bases FROM op WHERE row_id=? ORDER BY seq", (row_id,)
        )
    ]


def test_create_update_delete_each_log_one_operation(db) -> None:  # type: ignore[no-untyped-def]
    with db.write(actor="张三") as w:
        oid = reg.create_outfall(w, OUTFALL)
    with db.write(actor="李四", reason="现场复核") as w:
        assert w.update(Outfall, oid, {"name": OUTFALL["name"], "township": "黄庄镇"}) is not None
        # Setting a field to the value it already has is not a change.
        assert w.update(Outfall, oid, {"township": "黄庄镇"}) is None
    with db.write(actor="王五") as w:
        w.delete(Outfall, oid, reason="重复录入")
    with db.read() as conn:
        log = ops(conn, oid)
        assert [s for s, _, _ in log] == [1, 2, 3]
        assert log[1][1] == {"township": "黄庄镇"}  # only the field that changed
        assert log[1][2] == {}  # township had no value before
        assert log[2][1] == {"deleted": True}
        assert log[2][2] == {
            "deleted": conn.execute("SELECT op_id FROM op WHERE seq=1").fetchone()[0]
        }
        assert conn.execute("SELECT deleted FROM outfall WHERE id=?", (oid,)).fetchone()[0] == 1
        actors = [r[0] for r in conn.execute("SELECT actor FROM op ORDER BY seq")]
        assert actors == ["张三", "李四", "王五"]
        assert conn.execute("SELECT reason FROM op WHERE seq=2").fetchone()[0] == "现场复核"


def test_bases_name_the_operation_each_field_replaced(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        oid = reg.create_outfall(w, OUTFALL)
        first = w.update(Outfall, oid, {"notes": "一"})
        second = w.update(Outfall, oid, {"notes": "二", "mouth_size": "DN600"})
    with db.read() as conn:
        log = ops(conn, oid)
        assert log[2][2] == {"notes": first}
        winners = field_winners(conn, "outfall", [oid])[oid]
        assert winners["notes"][0] == second
        assert winners["mouth_size"][0] == second
        assert winners["name"][0] != second


def test_a_failed_transaction_leaves_neither_rows_nor_operations(db) -> None:  # type: ignore[no-untyped-def]
    def outfall_then_bad_owner() -> None:
        with db.write() as w:
            reg.create_outfall(w, OUTFALL)
            w.create(Owner, {"name": "甲公司", "credit_code": "914403001922038217"})

    with pytest.raises(ValidationFailed):
        outfall_then_bad_owner()
    with db.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM op").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM outfall").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM outfall_search_doc").fetchone()[0] == 0


def test_sequences_continue_across_transactions_and_hlc_only_grows(db) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        with db.write() as w:
            reg.create_outfall(w, OUTFALL)
    with db.read() as conn:
        rows = conn.execute("SELECT seq, hlc FROM op ORDER BY seq").fetchall()
    assert [s for s, _ in rows] == [1, 2, 3]
    assert [h for _, h in rows] == sorted({h for _, h in rows})


def test_history_rebuilds_every_field_of_every_row(demo_db) -> None:  # type: ignore[no-untyped-def]
    """Every synced row of the demo (built through the workflows) equals its log."""
    with demo_db.read() as conn:
        for entity, model in SYNCED.items():
            spec = spec_for(model)
            for row in conn.execute(f"SELECT {', '.join(spec.columns)} FROM {entity}"):
                stored = spec.from_row(row)
                logged = rebuild_row(conn, entity, stored["id"])
                assert logged is not None, (entity, stored["id"])
                for name, value in logged.items():
                    assert stored[name] == value or (
                        stored[name] in (None, []) and value in (None, [])
                    ), (
                        entity,
                        name,
                    )
    report = run_doctor(demo_db, backup=False, full=True)
    assert report.problems == 0, report.as_json()


def test_record_history_tells_who_changed_what_from_what(db) -> None:  # type: ignore[no-untyped-def]
    with db.write(actor="张三") as w:
        oid = reg.create_outfall(w, OUTFALL)
    with db.write(actor="李四") as w:
        reg.transition(w, oid, State.CONFIRMED, reason="现场核实")
    with db.read() as conn:
        changes = [c for c in record_history(conn, "outfall", oid) if c.field == "state"]
    assert [(c.actor, c.old, c.new, c.reason) for c in changes] == [
        ("张三", None, "suspected", None),
        ("李四", "suspected", "confirmed", "现场核实"),
    ]


def test_search_index_follows_edits(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    with db.write() as w:
        w.update(Outfall, oid, {"name": "温县武德镇济河右岸2#排口"})

    def hits(query: str) -> int:
        from inspector.data.search import count_matches

        with db.read() as conn:
            return count_matches(conn, query)

    assert hits("济河") == 1
    assert hits("武德") == 1
    assert hits("济") == 1  # one character
    assert hits("蟒河") == 0  # the old name is gone
    assert hits("410825") == 1  # part of the generated code


def test_each_change_records_the_person_who_made_it(db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The configured name first; without one, on a shared PostgreSQL record the login
    # (not a name stored in the database, which everyone would share).
    with db.write() as w:
        named = reg.create_outfall(w, OUTFALL)
    monkeypatch.delenv("INSPECTOR_USER")
    db.set_meta("user_name", "初始化者")
    with db.write() as w:
        w.update(Outfall, named, {"township": "黄庄镇"})
    with db.read() as conn:
        login = conn.execute("SELECT session_user").fetchone()[0] if db.url else "初始化者"
        actors = [
            r[0] for r in conn.execute("SELECT actor FROM op WHERE row_id=? ORDER BY seq", (named,))
        ]
    assert actors == ["tester", login]
