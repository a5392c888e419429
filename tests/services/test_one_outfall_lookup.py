"""A typed outfall code means the same everywhere: local or national code, any case,
and a code several outfalls share is refused with every match listed, never settled by
taking the first (incidents, recusals and the photo dialog each had their own lookup)."""

from __future__ import annotations

import datetime as dt

import pytest

from inspector.i18n import Problem
from inspector.models import Outfall
from inspector.services import incidents
from inspector.services.plans.recusals import declare_recusal
from tests.services.registers import outfalls

AT = dt.datetime(2026, 11, 17, 14, 20, tzinfo=dt.timezone(dt.timedelta(hours=8)))
NATIONAL = "HN4108820001"


@pytest.fixture
def shared_code(db):  # type: ignore[no-untyped-def]
    """Two outfalls under 410882T0001 and a third known by its national code."""
    with db.write() as w:
        first = outfalls(w, 1, county="410882", river="蟒河")[0]
        second = outfalls(w, 1, county="410882", river="蟒河", prefix="U")[0]
        w.update(Outfall, second, {"code": "410882T0001"})
        third = outfalls(w, 1, county="410882", river="蟒河", prefix="N")[0]
        w.update(Outfall, third, {"national_code": NATIONAL})
    return db, (first, second, third)


def test_an_incident_at_a_shared_code_is_refused_listing_both(shared_code) -> None:  # type: ignore[no-untyped-def]
    db, _ = shared_code
    with pytest.raises(Problem) as refused, db.write() as w:
        incidents.record_incident(
            w, occurred_at=AT, outfall_code="410882T0001", description="黑水", reported_by="张伟"
        )
    assert refused.value.key == "outfall.ambiguous_code"
    assert refused.value.params["count"] == 2


def test_an_incident_finds_an_outfall_by_its_national_code_in_any_case(shared_code) -> None:  # type: ignore[no-untyped-def]
    db, (_, _, third) = shared_code
    with db.write() as w:
        incident_id, _ = incidents.record_incident(
            w, occurred_at=AT, outfall_code=NATIONAL.lower(), description="黑水"
        )
    with db.read() as conn:
        assert incidents.incident(conn, incident_id).outfall_code == "410882N0001"
    assert third


def test_a_recusal_of_a_shared_code_lists_the_matches(shared_code) -> None:  # type: ignore[no-untyped-def]
    db, _ = shared_code
    with pytest.raises(Problem) as refused, db.write() as w:
        declare_recusal(
            w, inspector="李娜", outfall_code="410882t0001", declared_on=dt.date(2026, 11, 17)
        )
    assert refused.value.key == "outfall.ambiguous_code"
    assert "410882T0001" in refused.value.params["matches"]
