"""Cross-boundary incidents: whom to notify downstream, each notice, the operation log."""

from __future__ import annotations

import datetime as dt

import pytest

from inspector.data.history import rebuild_row
from inspector.i18n import Problem
from inspector.services import incidents
from tests.services.registers import outfalls

AT = dt.datetime(2026, 11, 17, 14, 20, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def test_an_incident_at_an_outfall_lists_the_regions_downstream(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        outfalls(w, 1, county="410882", river="蟒河")
        incident_id, downstream = incidents.record_incident(
            w,
            occurred_at=AT,
            outfall_code="410882T0001",
            description="排口排出黑水，下游死鱼",
            reported_by="张伟",
        )
    # 蟒河 flows 沁阳市 -> 孟州市 -> 温县 -> 武陟县 in the reference data.
    assert downstream == ["410883", "410825", "410823"]
    with db.read() as conn:
        view = incidents.incident(conn, incident_id)
    assert (view.river, view.region_code, view.outfall_code) == ("蟒河", "410882", "410882T0001")
    assert [n.region_code for n in view.pending] == downstream
    assert view.occurred_at == "2026-11-17 06:20:00.000000"

    with db.write() as w:
        first = incidents.notify(
            w,
            incident_id,
            region="孟州市",
            by="李娜",
            method="电话",
            at=AT + dt.timedelta(minutes=35),
            notes="已告知值班室",
        )
        # The city is not downstream on the river, but may be told all the same.
        extra = incidents.notify(w, incident_id, region="焦作市", by="李娜", method="letter")
    with db.read() as conn:
        view = incidents.incident(conn, incident_id)
        assert [n.region_code for n in view.pending] == ["410825", "410823"]
        told = next(n for n in view.notices if n.id == first)
        assert (told.region_code, told.notified_by, told.method) == ("410883", "李娜", "Telephone")
        assert told.notified_at == "2026-11-17 06:55:00.000000"
        assert any(n.id == extra and n.region_code == "410800" for n in view.notices)
        assert [v.id for v in incidents.list_incidents(conn, open_only=True)] == [incident_id]
        # Synced rows: every row is exactly what its operations say.
        for entity, row_id in (("incident", incident_id), ("incident_notice", first)):
            rebuilt = rebuild_row(conn, entity, row_id)
            assert rebuilt is not None
            stored = conn.execute(
                "SELECT notified_by FROM incident_notice WHERE id=?", (first,)
            ).fetchone()
            assert stored[0] == "李娜"
        ops = conn.execute(
            "SELECT entity, COUNT(*) FROM op WHERE entity IN ('incident', 'incident_notice') "
            "GROUP BY entity ORDER BY entity"
        ).fetchall()
    assert ops == [("incident", 1), ("incident_notice", 5)]  # 3 made, 1 filled in, 1 added
    with db.write() as w:
        for region in ("温县", "410823"):
            incidents.notify(w, incident_id, region=region, by="李娜", method="fax")
    with db.read() as conn:
        assert incidents.list_incidents(conn, open_only=True) == []


def test_an_incident_on_a_river_in_a_region(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        _, downstream = incidents.record_incident(
            w, occurred_at="2026-11-17 14:20", river="卫河", region="修武县", description="油污"
        )
        _, none_below = incidents.record_incident(
            w, occurred_at="2026-11-17 14:20", river="卫河", region="新乡市", description="油污"
        )
    assert downstream == ["410700"]  # 新乡市, in the next city
    assert none_below == []


@pytest.mark.parametrize(
    ("kw", "key"),
    [
        ({"river": "黄浦江", "region": "温县"}, "incident.unknown_river"),
        ({"river": "卫河", "region": "温县"}, "incident.region_not_on_river"),
        ({"river": "卫河"}, "incident.region_needed"),
        ({"region": "温县"}, "incident.river_needed"),
        ({"river": "卫河", "region": "火星"}, "incident.unknown_region"),
        ({"outfall_code": "410882T0001", "river": "黄河"}, "incident.other_river"),
        ({"outfall_code": "410882T0001", "region": "温县"}, "incident.other_region"),
        ({"outfall_code": "NOPE"}, "outfall.not_found"),
        ({"river": "蟒河", "region": "温县", "occurred_at": "昨天下午"}, "incident.bad_time"),
        ({"river": "蟒河", "region": "温县", "description": "  "}, "incident.description_needed"),
    ],
)
def test_bad_incidents_are_refused(db, kw, key) -> None:  # type: ignore[no-untyped-def]
    values = {"occurred_at": AT, "description": "x", **kw}
    with db.write() as w:
        outfalls(w, 1, county="410882", river="蟒河")
        with pytest.raises(Problem) as caught:
            incidents.record_incident(w, **values)
    assert caught.value.key == key


def test_bad_notices_are_refused(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        incident_id, _ = incidents.record_incident(
            w, occurred_at=AT, river="蟒河", region="沁阳市", description="x"
        )
        cases = {
            "incident.bad_method": {"region": "温县", "by": "李娜", "method": "飞鸽传书"},
            "incident.unknown_region": {"region": "火星", "by": "李娜", "method": "phone"},
            "incident.who_needed": {"region": "温县", "by": " ", "method": "phone"},
        }
        for key, kw in cases.items():
            with pytest.raises(Problem) as caught:
                incidents.notify(w, incident_id, **kw)  # type: ignore[arg-type]
            assert caught.value.key == key
        with pytest.raises(Problem) as caught:
            incidents.notify(w, "no-such-incident", region="温县", by="李娜", method="phone")
        assert caught.value.key == "incident.not_found"
