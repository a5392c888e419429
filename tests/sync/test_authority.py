"""Role and region, refused before anything is written: the rule every importer applies
(`domain.authority`) is the one the UI and the command line meet through the writer and
the register's sign-offs (today a county replica could sign the city's closing)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from inspector.cli import run
from inspector.data.db import Database
from inspector.data.writer import NotAllowed
from inspector.domain import authority
from inspector.domain.authority import Denial
from inspector.domain.choices import State
from inspector.domain.lifecycle import Facts
from inspector.models import Outfall
from inspector.services import register as reg
from tests.conftest import ledger_row, write_ledger
from tests.sync.conftest import OUTFALL, synced_state
from tests.sync.test_semantic_hostile import _walk_to_remediated

PARENTS = {"410800": None, "410823": "410800", "410821": "410800", "411200": None}


def test_the_rule_by_role_and_region() -> None:
    field = authority.grant("f", "field", "410823", PARENTS)
    county = authority.grant("c", "county", "410823", PARENTS)
    city = authority.grant("x", "central", "410800", PARENTS)
    assert authority.region_denial(field, "410823") is None
    assert authority.region_denial(field, "410821") is Denial.OUTSIDE_REGION
    assert authority.region_denial(city, "410821") is None
    assert authority.region_denial(city, "411200") is Denial.OUTSIDE_REGION
    assert authority.region_denial(field, None) is None  # an owner has no region
    assert authority.field_denial(field, "remediation", "county_signoff_on") is (
        Denial.COUNTY_SIGNOFF_ROLE
    )
    assert authority.field_denial(county, "remediation", "county_signoff_on") is None
    assert authority.field_denial(county, "remediation", "city_signoff_by") is (
        Denial.CITY_SIGNOFF_ROLE
    )
    assert authority.field_denial(city, "remediation", "city_signoff_by") is None
    signed = Facts(county_signoff=True, city_signoff=True)
    s = State
    assert (
        authority.state_denial(field, s.REMEDIATED, s.PRE_CLOSED, signed) is Denial.PRE_CLOSE_ROLE
    )
    assert authority.state_denial(county, s.PRE_CLOSED, s.CLOSED, signed) is Denial.CLOSE_ROLE
    assert authority.state_denial(county, s.REMEDIATED, s.PRE_CLOSED, Facts()) is (
        Denial.MISSING_COUNTY_SIGNOFF
    )
    assert authority.state_denial(city, s.PRE_CLOSED, s.CLOSED, Facts()) is (
        Denial.MISSING_CITY_SIGNOFF
    )
    assert authority.state_denial(city, s.REMEDIATED, s.CLOSED, signed) is Denial.SKIPPED_STEPS
    assert authority.state_denial(city, s.IN_REMEDIATION, s.IN_SERVICE, signed) is (
        Denial.SKIPPED_STEPS
    )
    assert authority.state_denial(county, s.REMEDIATED, s.PRE_CLOSED, signed) is None
    assert authority.state_denial(city, s.PRE_CLOSED, s.CLOSED, signed) is None
    # A ledger records history: a new outfall in any state its author's role may sign.
    assert authority.state_denial(field, None, s.IN_REMEDIATION, None) is None
    assert authority.state_denial(field, None, s.CLOSED, None) is Denial.CLOSE_ROLE
    # A replica not yet named has no region to keep to.
    assert authority.unrestricted("u").unrestricted


@pytest.fixture
def four(make_replicas):  # type: ignore[no-untyped-def]
    dbs = make_replicas("field1", "county", "central")
    with dbs["central"].write() as w:
        oid = reg.create_outfall(w, OUTFALL)
        other = reg.create_outfall(
            w, {**OUTFALL, "county_code": "410821", "river": "丹河", "lat": 35.2}
        )
    _walk_to_remediated(dbs["central"], oid)
    from tests.sync.test_exchange import send

    return dbs, oid, other, send


def _copy_register(dbs: dict[str, Database], tmp_path: Path, send) -> None:  # type: ignore[no-untyped-def]
    for name in ("field1", "county"):
        send(dbs["central"], dbs[name], tmp_path, f"to-{name}")


def test_a_county_cannot_sign_the_citys_closing(four, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dbs, oid, _, send = four
    _copy_register(dbs, tmp_path, send)
    county = dbs["county"]
    with county.write() as w:
        reg.county_signoff(w, oid, by="县局王科长", on=dt.date(2026, 12, 1))
    before = synced_state(county)
    refused = pytest.raises(NotAllowed, match="only the city's central record may sign the closing")
    with refused, county.write() as w:
        reg.city_signoff(w, oid, by="县局冒签", on=dt.date(2026, 12, 2))
    assert synced_state(county) == before


def test_a_field_laptop_cannot_pre_close_or_edit_another_county(four, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dbs, oid, other, send = four
    _copy_register(dbs, tmp_path, send)
    field = dbs["field1"]
    before = synced_state(field)
    refused = pytest.raises(NotAllowed, match="pre-closing, not a Field laptop")
    with refused, field.write() as w:
        reg.county_signoff(w, oid, by="巡查员", on=dt.date(2026, 12, 1))
    with pytest.raises(NotAllowed, match="outside region 410823"), field.write() as w:
        w.update(Outfall, other, {"notes": "越界修改"})
    with pytest.raises(NotAllowed, match="outside region 410823"), field.write() as w:
        w.update(Outfall, oid, {"county_code": "410821", "river": "丹河"})
    with pytest.raises(NotAllowed, match="may pre-close"), field.write() as w:
        w.update(Outfall, oid, {"state": "pre_closed"})
    assert synced_state(field) == before
    # What it may do, it does.
    with field.write() as w:
        w.update(Outfall, oid, {"notes": "一组复核"})


def test_a_countys_pre_closing_lands_on_the_centre_in_the_same_bundle_as_its_sign_off(
    four, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The sign-off and the state change travel together; judging the state change once
    wrote the row out mid-merge and the change itself was then never written (exit 0,
    the centre still showing Remediated)."""
    dbs, oid, _, send = four
    _copy_register(dbs, tmp_path, send)
    with dbs["county"].write() as w:
        reg.county_signoff(w, oid, by="县局王科长", on=dt.date(2026, 12, 1))
    send(dbs["county"], dbs["central"], tmp_path, "pre-closed")
    assert synced_state(dbs["central"]) == synced_state(dbs["county"])
    with dbs["central"].read() as conn:
        assert conn.execute("SELECT state FROM outfall WHERE id=?", (oid,)).fetchone() == (
            "pre_closed",
        )


def test_the_city_cannot_skip_the_steps_to_closing(four) -> None:  # type: ignore[no-untyped-def]
    dbs, oid, _, _ = four
    with pytest.raises(NotAllowed, match="jumps past the steps"), dbs["central"].write() as w:
        w.update(Outfall, oid, {"state": "closed"})
    refused = pytest.raises(NotAllowed, match="pre-closing sign-off is missing")
    with refused, dbs["central"].write() as w:
        w.update(Outfall, oid, {"state": "pre_closed"})
    with dbs["central"].write() as w:
        reg.county_signoff(w, oid, by="市局代签", on=dt.date(2026, 12, 1))
        reg.city_signoff(w, oid, by="市局", on=dt.date(2026, 12, 2))
    with dbs["central"].read() as conn:
        assert conn.execute("SELECT state FROM outfall WHERE id=?", (oid,)).fetchone() == (
            "closed",
        )


def test_the_command_line_refuses_a_ledger_that_closes_outfalls_on_a_county_replica(
    make_replicas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    """销号 is the city's: a county's ledger saying 已销号 is refused whole, the row named."""
    county = make_replicas("county")["county"]
    ledger = write_ledger(
        tmp_path / "台账.csv",
        [ledger_row(1), ledger_row(2, 状态="已销号", 整治类型="规范整治", 整治时限="2025-06-30")],
    )
    before = synced_state(county)
    status = run(["--db", str(county.path), "ledger", "import", str(ledger)])
    err = capsys.readouterr().err
    assert status == 1, err
    assert "only the city's central record may close an outfall" in err
    assert "Traceback" not in err
    assert synced_state(county) == before
