"""Authority under concurrent edits: a change its author was allowed to make must pass at
every importer, whatever was changed meanwhile elsewhere. Judged only by what the
importer holds now, one honest edit would be refused everywhere, and with it every later
bundle of its replica (which must carry it): that replica could never sync again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from inspector.data.db import Database
from inspector.data.writer import NotAllowed
from inspector.models import Inspection, Outfall
from inspector.services import register as reg
from tests.sync.conftest import OUTFALL, synced_state
from tests.sync.test_exchange import send
from tests.sync.test_semantic_hostile import _walk_to_remediated


def _moved_while_edited(make_replicas, tmp_path: Path) -> tuple[dict[str, Database], str]:  # type: ignore[no-untyped-def]
    """field1's outfall, known to all; then the centre corrects its county (410823 to
    410821, outside field1's region), and field1 has not heard of it yet."""
    dbs = make_replicas()
    field1, field2, central = dbs["field1"], dbs["field2"], dbs["central"]
    with field1.write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    send(field1, central, tmp_path, "1")
    send(central, field1, tmp_path, "2")
    send(central, field2, tmp_path, "3")
    with central.write() as w:
        w.update(Outfall, oid, {"county_code": "410821", "river": "丹河"})
    send(central, field2, tmp_path, "4")
    return dbs, oid


def _converge(dbs: dict[str, Database], tmp_path: Path) -> None:
    send(dbs["field1"], dbs["central"], tmp_path, "5")
    send(dbs["central"], dbs["field1"], tmp_path, "6")
    send(dbs["central"], dbs["field2"], tmp_path, "7")
    assert synced_state(dbs["field1"]) == synced_state(dbs["central"])
    assert synced_state(dbs["field2"]) == synced_state(dbs["central"])


def test_an_edit_made_while_the_centre_moved_the_outfall_still_syncs(
    make_replicas, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = _moved_while_edited(make_replicas, tmp_path)
    with dbs["field1"].write() as w:
        w.update(Outfall, oid, {"notes": "巡查记录"})
    _converge(dbs, tmp_path)
    with dbs["field2"].read() as conn:
        assert conn.execute(
            "SELECT county_code, notes FROM outfall WHERE id=?", (oid,)
        ).fetchone() == ("410821", "巡查记录")
    # Now that field1 knows the outfall is another county's, it may not edit it.
    with pytest.raises(NotAllowed), dbs["field1"].write() as w:
        w.update(Outfall, oid, {"notes": "越界"})


def test_an_inspection_recorded_while_the_centre_moved_the_outfall_still_syncs(
    make_replicas, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dbs, oid = _moved_while_edited(make_replicas, tmp_path)
    with dbs["field1"].write() as w:
        iid = w.create(
            Inspection,
            {"outfall_id": oid, "started_at": "2026-12-01 02:00:00.000000"},
        )
    _converge(dbs, tmp_path)
    with dbs["field2"].read() as conn:
        assert conn.execute("SELECT outfall_id FROM inspection WHERE id=?", (iid,)).fetchone() == (
            oid,
        )
    with pytest.raises(NotAllowed), dbs["field1"].write() as w:
        w.create(Inspection, {"outfall_id": oid, "started_at": "2026-12-02 02:00:00.000000"})


def test_two_offices_pre_closing_at_once_both_sync(make_replicas, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The county office and the city both sign a remediated outfall off (pre-closing it)
    before either hears of the other. Each step is judged from the state its author saw (remediated,
    named as its base), not from the other's pre-closing the importer holds first: both
    land everywhere and the replicas converge."""
    dbs = make_replicas("county", "central")
    county, central = dbs["county"], dbs["central"]
    with central.write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    _walk_to_remediated(central, oid)
    send(central, county, tmp_path, "1")
    for db, by in ((county, "县局王科长"), (central, "市局代签")):
        with db.write() as w:
            reg.county_signoff(w, oid, by=by, on=dt.date(2026, 12, 1))
    send(county, central, tmp_path, "2")
    send(central, county, tmp_path, "3")
    assert synced_state(county) == synced_state(central)
    with central.read() as conn:
        assert conn.execute("SELECT state FROM outfall WHERE id=?", (oid,)).fetchone() == (
            "pre_closed",
        )
